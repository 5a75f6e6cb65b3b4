"""One exception tree for everything briefer reports to a user.

    BrieferError            anything the user can fix; the CLI prints it on one line, exit 1
    ├── SourceError         an analysis file that is missing, unreadable or malformed
    ├── TemplateError       an unknown template, a malformed template.toml, a bad logo
    ├── ProjectError        a .brief deck file that cannot be read, or names unknown sections
    ├── LayoutError         content that cannot be laid out (and warnings under --strict)
    └── RenderError         an output that cannot be written
"""


class BrieferError(Exception):
    """Base of every error meant for the user, not for a traceback."""


class SourceError(BrieferError):
    """The analysis could not be read."""


class TemplateError(BrieferError):
    """The template could not be found or is invalid."""


class ProjectError(BrieferError):
    """The deck (.brief) could not be read, or does not fit its analysis."""


class LayoutError(BrieferError):
    """The deck could not be laid out."""


class RenderError(BrieferError):
    """The output file could not be written."""

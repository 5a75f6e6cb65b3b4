"""Organisation masters as user templates: import one, and check one before building with it.

`import_master` copies the file into the user template folder beside a template.toml that
names it and records the role → layout mapping briefer inferred, so the user can change it by
editing one line; `briefer templates` and the app then list it like the built-in ones.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from briefer import resources
from briefer.errors import TemplateError
from briefer.fileio import write_text_atomic
from briefer.master.fonts import font_file
from briefer.master.model import ROLES, MasterFile

_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def template_name(path: Path, name: str | None) -> str:
    """A folder name for the template: as given, or the file's stem, made safe."""
    text = _NAME.sub("-", (name or Path(path).stem)).strip("-._")[:60]
    if not text:
        raise TemplateError("give the template a name with letters or digits (--name)")
    return text


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def import_master(path: Path, name: str | None = None, replace: bool = False) -> Path:
    """Copy *path* into a new user template folder; returns that folder."""
    from briefer.master.reader import read_master

    path = Path(path)
    if path.suffix.lower() not in (".potx", ".pptx"):
        raise TemplateError(f"{path.name}: an organisation template is a .potx or .pptx file")
    master = read_master(path)  # refuse a bad file before anything is copied
    folder = resources.user_templates_dir() / template_name(path, name)
    if folder.exists() and not replace:
        raise TemplateError(f"a template named '{folder.name}' exists already ({folder}); "
                            "choose another --name")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"master{path.suffix.lower()}"
    tmp = folder / f".{target.name}.part"
    try:
        shutil.copyfile(path, tmp)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise TemplateError(f"cannot copy {path.name} into {folder}: {exc.strerror or exc}") from None
    lines = [
        f"name = {_toml_string(folder.name)}",
        f"description = {_toml_string('Organisation master ' + path.name)}",
        "",
        "[master]",
        'file = "' + target.name + '"',
        "",
        "# Which of the master's layouts plays each of briefer's roles (change the names to choose",
        "# another layout). Other settings ([colors], [sizes], [footer], [classification] …) can",
        "# be added as for any template; unset ones come from the master.",
        "[master.layouts]",
    ]
    lines += [f"{role} = {_toml_string(master.layout(role).name)}" for role in ROLES]
    write_text_atomic(folder / "template.toml", "\n".join(lines) + "\n")
    from briefer.templates import forget_discovered

    forget_discovered()  # listed from now on, in this process too
    return folder


def describe(master: MasterFile) -> list[str]:
    """What `briefer templates check` prints: size, fonts, mapping and every problem."""
    out = [f"master    {master.path.name}",
           f"page      {master.width:g} × {master.height:g} pt "
           f"({master.width / 72:.2f} × {master.height / 72:.2f} in)"]
    for label, family in (("headings", master.heading_font), ("body", master.body_font)):
        path, exact = font_file(family, False, master.path.parent)
        how = f"measured with {path.name}" if exact else \
            f"NOT measurable: a wider stand-in ({path.name}) is used"
        out.append(f"{label:<9} {family}: {how}")
    masters = sorted({lay.master for lay in master.layouts})
    out.append(f"layouts   {len(master.layouts)} in {len(masters)} master{'s' * (len(masters) > 1)}")
    for role in ROLES:
        layout = master.layout(role)
        kinds = ", ".join(p.kind for p in layout.placeholders)
        out.append(f"  {role:<12} → {layout.name} (master {layout.master + 1}; {kinds})")
    out += [f"note      {note}" for note in master.notes]
    out += [f"problem   {problem}" for problem in master.problems]
    if not master.problems:
        out.append("problems  none")
    return out

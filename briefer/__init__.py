"""briefer: turn a written analysis into a briefing deck (PowerPoint and PDF from one layout)."""

__version__ = "0.1.0"

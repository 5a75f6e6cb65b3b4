"""LibreOffice for tests, independent of the host's fonts.

It sees only briefer's own fonts (assets/fonts), with the usual Office names mapped to their
metric-compatible stand-ins, so a machine without Carlito renders as one with it. DejaVu Sans,
the fallback font briefer names for characters the template's fonts lack, is found by its own
name.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
ALIASES = {"Calibri": "Carlito", "Arial": "Liberation Sans", "Helvetica": "Liberation Sans",
           "Times New Roman": "Liberation Serif", "Times": "Liberation Serif"}


def fonts_conf(folder: Path) -> Path:
    """A fontconfig file naming assets/fonts as the only font folder."""
    aliases = "".join(f"<alias binding=\"same\"><family>{name}</family><prefer><family>{real}"
                      "</family></prefer></alias>" for name, real in ALIASES.items())
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{FONTS}</dir><cachedir>{folder / 'fc-cache'}</cachedir>{aliases}"
        "<config></config></fontconfig>", encoding="utf-8")
    return conf


def convert(source: Path, folder: Path, fmt: str = "pdf") -> Path:
    """*source* converted by LibreOffice into *folder*; its profile and fonts kept there too."""
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf(folder)), "SAL_USE_VCLPLUGIN": "svp"}
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder / 'lo-profile'}",
         "--convert-to", fmt, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=240, env=env,
    )
    return folder / f"{source.stem}.{fmt}"

"""Before Qt starts: is there a display, and are the system libraries Qt needs installed?

On a fresh Linux desktop, Qt fails with "could not load the Qt platform plugin xcb" and names a
library that is not the missing one. This module imports no Qt: it tries the libraries itself and
says in one line what to install, with the command for Debian/Ubuntu and for Fedora.
"""

from __future__ import annotations

import ctypes
import os
import sys

from briefer.errors import BrieferError

# soname: (Debian/Ubuntu package, Fedora package)
# What PySide6's QtGui, QtWidgets and QtDBus link against, whatever the platform plugin.
QT_LIBRARIES = {
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}
# What the X11 platform plugin (libqxcb.so and libQt6XcbQpa.so.6) links against besides.
XCB_LIBRARIES = {
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
}


class PlatformError(BrieferError):
    """The desktop app cannot start on this machine as it is set up."""


def check_platform(environ: dict[str, str] | None = None) -> None:
    """Raise a one-line PlatformError if Qt would fail to start for want of a display or a
    system library; do nothing elsewhere (other systems, offscreen and other non-X platforms)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return
    platform = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if platform not in ("", "xcb", "wayland"):
        return  # offscreen, minimal, vnc, eglfs …: the user chose; Qt's own message is specific
    wayland = bool(env.get("WAYLAND_DISPLAY")) and platform != "xcb"
    if platform in ("", "xcb") and not wayland and not env.get("DISPLAY"):
        raise PlatformError("there is no display to show the desktop app on (DISPLAY is not set); "
                            "start it from a desktop session, or use the command line "
                            "(briefer build --help)")
    needed = dict(QT_LIBRARIES)
    if not wayland:
        needed.update(XCB_LIBRARIES)
    missing = [name for name in needed if not loadable(name)]
    if missing:
        raise PlatformError(missing_message(missing, needed))


def missing_message(missing: list[str], table: dict[str, tuple[str, str]]) -> str:
    """One line: what is missing and the exact command to install it on Debian/Ubuntu and Fedora."""
    debian = list(dict.fromkeys(table[name][0] for name in missing))
    fedora = list(dict.fromkeys(table[name][1] for name in missing))
    return (f"the desktop app needs system libraries that are missing ({', '.join(missing)}); "
            f"install them with: sudo apt-get install {' '.join(debian)} (Debian/Ubuntu) or "
            f"sudo dnf install {' '.join(fedora)} (Fedora)")


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds and loads *soname*, as it will for Qt."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True

"""Before Qt starts, the app names a missing display or missing system libraries in one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from briefer.gui import platform_check
from briefer.gui.platform_check import PlatformError, check_platform

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

MISSING = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-util.so.1"}


@pytest.fixture()
def loader(monkeypatch) -> set[str]:
    """The system libraries the fake loader lacks (tests may add more)."""
    missing = set(MISSING)
    monkeypatch.setattr(platform_check, "loadable", lambda name: name not in missing)
    return missing


@linux_only
def test_missing_xcb_libraries_are_named_with_install_commands(loader):
    with pytest.raises(PlatformError) as caught:
        check_platform({"DISPLAY": ":0"})
    assert str(caught.value) == (
        "the desktop app needs system libraries that are missing (libxcb-cursor.so.0, "
        "libxcb-icccm.so.4, libxcb-util.so.1, libxcb-keysyms.so.1); install them with: "
        "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-util1 "
        "libxcb-keysyms1 (Debian/Ubuntu) or sudo dnf install xcb-util-cursor xcb-util-wm "
        "xcb-util xcb-util-keysyms (Fedora)")
    with pytest.raises(PlatformError, match="libxcb-cursor.so.0"):
        check_platform({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"})


@linux_only
def test_packages_are_listed_once(loader):
    loader.update({"libxcb-randr.so.0", "libxcb-shm.so.0", "libgthread-2.0.so.0",
                   "libglib-2.0.so.0"})
    with pytest.raises(PlatformError) as caught:
        check_platform({"DISPLAY": ":0"})
    message = str(caught.value)
    assert "\n" not in message
    assert message.count(" libglib2.0-0 ") == 1 and message.count(" glib2 ") == 1
    assert message.count(" libxcb ") == 1  # Fedora ships randr and shm in one package


@linux_only
def test_no_display_is_one_clear_line(loader):
    with pytest.raises(PlatformError) as caught:
        check_platform({})
    assert str(caught.value).startswith("there is no display to show the desktop app on")


@linux_only
@pytest.mark.parametrize("env", [{"QT_QPA_PLATFORM": "offscreen"},
                                 {"QT_QPA_PLATFORM": "minimal"},
                                 {"QT_QPA_PLATFORM": "vnc:size=800x600"}])
def test_platforms_without_x_skip_the_check(loader, env):
    check_platform(env)  # no display, libraries missing: still nothing to say


@linux_only
def test_wayland_needs_only_the_qt_libraries(loader):
    check_platform({"WAYLAND_DISPLAY": "wayland-0"})
    loader.add("libEGL.so.1")
    with pytest.raises(PlatformError, match=r"\(libEGL.so.1\); install them with: sudo apt-get "
                                            r"install libegl1 \(Debian/Ubuntu\) or sudo dnf "
                                            r"install libglvnd-egl \(Fedora\)"):
        check_platform({"WAYLAND_DISPLAY": "wayland-0"})


@linux_only
def test_everything_present_passes(monkeypatch):
    monkeypatch.setattr(platform_check, "loadable", lambda name: True)
    check_platform({"DISPLAY": ":0"})


def test_other_systems_are_not_checked(loader, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    check_platform({})


def test_the_real_loader():
    assert platform_check.loadable("libc.so.6") is sys.platform.startswith("linux")
    assert platform_check.loadable("libbriefer-no-such-library.so.9") is False


@linux_only
def test_briefer_gui_reports_before_importing_qt():
    """The real command: one line, exit 1, and Qt never imported."""
    code = ("import sys\n"
            "from briefer.gui import platform_check\n"
            "platform_check.loadable = lambda name: name != 'libxcb-cursor.so.0'\n"
            "from briefer.cli import main\n"
            "code = main(['gui'])\n"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
            "sys.exit(code)\n")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":0"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "briefer: error: the desktop app needs system libraries that are missing "
        "(libxcb-cursor.so.0); install them with: sudo apt-get install libxcb-cursor0 "
        "(Debian/Ubuntu) or sudo dnf install xcb-util-cursor (Fedora)\n")

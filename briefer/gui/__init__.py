"""The desktop app (PySide6). Qt is imported only under this package.

PySide6 6.12.0 drops a reference to None on every call of a method returning void. From
Python 3.12 None is immortal and that is harmless; on 3.11 None's count reaches zero after a
few thousand calls and the interpreter aborts ("deallocating None"). Until the dependency is
pinned past that release, give None a reference count it cannot use up, as 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys


def _immortal_none() -> None:
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        ctypes.c_ssize_t.from_address(id(None)).value = 1 << 60


_immortal_none()

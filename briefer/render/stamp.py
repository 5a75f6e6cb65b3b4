"""The build's time, shared by every writer: now, or SOURCE_DATE_EPOCH when it is set, so two
builds of one deck are the same file (reproducible builds)."""

from __future__ import annotations

import os
import time


def build_seconds() -> float:
    """Now, or SOURCE_DATE_EPOCH when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() and len(epoch) < 12 else time.time()


def build_time() -> str:
    """The build's time as W3CDTF (UTC), what OOXML and XMP store."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(build_seconds()))

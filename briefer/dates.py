"""As-of dates in the forms briefings use: ISO, long ('20 December 2025'), military DTG."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):?(\d{2})\s*(Z|UTC)?)?$", re.I)
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def format_as_of(value: str, style: str) -> str:
    """Format an ISO date or date-time; text that is not a date is returned as typed."""
    text = value.strip()
    match = _DATETIME.match(text)
    if not match:
        return text
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return text
    if match[4] is not None and (int(match[4]) > 23 or int(match[5]) > 59):
        return text
    if style == "iso":
        return text
    if style == "military":
        mon = _MONTHS[date.month - 1]
        if match[4] is not None:
            return f"{date.day:02d}{int(match[4]):02d}{int(match[5]):02d}Z{mon}{date.year % 100:02d}"
        return f"{date.day:02d} {mon} {date.year % 100:02d}"
    long = f"{date.day} {date.strftime('%B')} {date.year}"
    if match[4] is not None:
        long += f", {int(match[4]):02d}:{int(match[5]):02d}" + (" UTC" if match[6] else "")
    return long


def date_problem(value: str) -> str | None:
    """Why an as-of value written as a date is not one ('2025-02-30', year 0), or None.

    Text that is not written as a date ('Spring 2026') is no problem: it is shown as typed.
    """
    match = _DATETIME.match(value.strip())
    if not match:
        return None
    try:
        dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        return str(exc)
    if match[4] is not None and (int(match[4]) > 23 or int(match[5]) > 59):
        return "hour or minute out of range"
    return None


def format_timeline_date(value: str, style: str | None = None) -> str:
    """A timeline date ('2017', '2019-07', '2025-12-12') in a template's date style.

    iso: as written; long: '2017', 'July 2019', '12 December 2025'; military: '2017',
    'JUL 2019', '12 DEC 25' (as the as-of date is written); no style: 'Jul 2019', '12 Dec 2025'.
    """
    match = _PARTIAL.match(value.strip())
    if not match:
        return value
    year, month, day = match[1], match[2], match[3]
    if month is None:
        return year
    try:  # a date that does not exist (2019-02-30) is shown as typed
        date = dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return value
    if style == "iso":
        return value.strip()
    if style == "long":
        name = date.strftime("%B")
        return f"{date.day} {name} {year}" if day else f"{name} {year}"
    if style == "military":
        mon = _MONTHS[date.month - 1]
        return f"{date.day:02d} {mon} {date.year % 100:02d}" if day else f"{mon} {year}"
    mon = _MONTHS[int(month) - 1].title()
    return f"{int(day)} {mon} {year}" if day else f"{mon} {year}"


TIMELINE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD (2017, 2019-07, 2025-12-12)"
_BEGUN = re.compile(r"^\d{0,4}$|^\d{4}-\d{0,2}$|^\d{4}-\d{2}-\d{0,2}$")


def timeline_date_problem(value: str) -> str | None:
    """Why *value* is not a timeline date (a year, month or day that exists, written in one of
    TIMELINE_FORMS), or None: the one rule the timeline editor and the layout check by."""
    text = value.strip()
    if not _PARTIAL.match(text):
        return f"“{text[:40]}” is not a date: write {TIMELINE_FORMS}"
    if timeline_day(text) is None:
        unit = ("year", "month", "day")[text.count("-")]
        return f"“{text}” is not a {unit} that exists: write {TIMELINE_FORMS}"
    return None


def timeline_date_typed(value: str) -> str | None:
    """timeline_date_problem for a date still being typed: '2019-0' is no problem yet (it may
    become 2019-07), '2019-13' and '2019-x' are."""
    text = value.strip()
    if not text or (_BEGUN.match(text) and not _PARTIAL.match(text)):
        return None
    return timeline_date_problem(text)


def timeline_day(value: str) -> int | None:
    """The day a timeline date starts on, as a proleptic ordinal ('2019' is 1 Jan 2019), or None."""
    match = _PARTIAL.match(value.strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2] or 1), int(match[3] or 1)).toordinal()
    except ValueError:
        return None

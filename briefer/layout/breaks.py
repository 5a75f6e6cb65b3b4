"""Line-break opportunities: Unicode line breaking (UAX #14), as uniseg computes it, tailored as
LibreOffice's ICU rules and PowerPoint are (a hyphen inside a word also breaks before a digit:
"S-" / "400").

uniseg is exact but slow (about 0.2 ms a character, 10 ms for a web address), so most words
never reach it. Their characters' break classes come from a table (`_TABLE_CLASSES`); a word
whose classes all offer no break inside is whole; a word of letters, digits and the punctuation
of web addresses, paths and numbers goes through `_table_breaks`, UAX #14's rules for those
classes alone. tests/layout/test_breaks.py checks the table and the rules against uniseg itself;
anything else asks uniseg.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Classes whose characters never offer a break inside a word or next to a letter or digit
# (UAX #14: OP x, x CL/CP/IS/EX, QU x and x QU, letters and digits together).
_PLAIN = frozenset({"AL", "NU", "OP", "CL", "CP", "IS", "EX", "QU", "PR", "PO", "CM", "ZWJ", "GL",
                    "HL", "AI", "SA", "XX", "ID", "EB", "EM", "IN"})
_NO_BREAK_BEFORE = frozenset({"CL", "CP", "EX", "IS", "SY"})  # LB13, even after a space
_SEGMENTS: dict[str, tuple[str, ...]] = {}


def segments(text: str) -> tuple[str, ...]:
    """*text* (single spaces) cut at its line-break opportunities: each piece ends where a line
    may end, its trailing space included. Answers are kept per text."""
    known = _SEGMENTS.get(text)
    if known is not None:
        return known
    pieces: list[str] = []
    prev_class = ""
    for word in text.split(" "):
        first, last, plain = _word_classes(word)
        if pieces and (not word or first in _NO_BREAK_BEFORE or prev_class == "OP"):
            pieces[-1] += word + " "  # no break before this word
        elif plain:
            pieces.append(word + " ")
        else:
            inner = _inner(word)
            pieces.extend(inner[:-1])
            pieces.append(inner[-1] + " ")
        prev_class = last
    pieces[-1] = pieces[-1][:-1]
    out = tuple(pieces)
    if len(_SEGMENTS) > 50_000:
        _SEGMENTS.clear()
    _SEGMENTS[text] = out
    return out


@lru_cache(maxsize=65_536)
def _word_classes(word: str) -> tuple[str, str, bool]:
    """A word's first and last line-break classes, and whether it offers no break inside
    (uniseg's lookups are slow; words recur, so each is asked once)."""
    if not word:
        return "", "", True
    classes = [char_class(c) for c in word]
    return classes[0], classes[-1], all(c in _PLAIN for c in classes)


# UAX #14 classes of ASCII punctuation and common typographic marks, so ordinary text needs no
# uniseg lookup (importing it and asking it cost more than laying out a whole small deck)
_ASCII_CLASSES = dict(zip('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
                          ("EX", "QU", "AL", "PR", "PO", "AL", "QU", "OP", "CP", "AL", "PR", "IS",
                           "HY", "IS", "SY", "IS", "IS", "AL", "AL", "AL", "EX", "AL", "OP", "PR",
                           "CP", "AL", "AL", "AL", "OP", "BA", "CL", "AL"), strict=True))
_ASCII_CLASSES.update({"\u2018": "QU", "\u2019": "QU", "\u201c": "QU", "\u201d": "QU",
                       "\u00ab": "QU", "\u00bb": "QU", "\u2013": "BA", "\u2014": "B2",
                       "\u2026": "IN", "\u00b7": "AI", "\u2022": "AL", "\u20ac": "PR",
                       "\u20ba": "PR", "\u00b0": "PO", "\u00a7": "AI"})
# letters and digits joined by hyphens or en dashes: a break after each (UAX #14, tailored)
_HYPHENATED = re.compile(r"[^\W_]+(?:[-\u2013][^\W_]+)+[,.;:!?)\]}'\"\u2019\u201d]*")


@lru_cache(maxsize=8192)
def table_class(char: str) -> str | None:
    """*char*'s UAX #14 class where the table knows it (ASCII, Latin, Greek and Cyrillic
    letters, common marks), else None."""
    known = _ASCII_CLASSES.get(char)
    if known is not None:
        return known
    if char.isdigit() and char.isascii():
        return "NU"
    if ord(char) < 0x0530 and unicodedata.category(char) in ("Lu", "Ll", "Lt"):
        return "AL"  # Latin, Greek and Cyrillic letters
    return None


@lru_cache(maxsize=8192)
def char_class(char: str) -> str:
    """*char*'s UAX #14 class: from the table, else from uniseg."""
    known = table_class(char)
    if known is not None:
        return known
    from uniseg.linebreak import line_break

    return line_break(char).name


@cache
def _inner(word: str) -> tuple[str, ...]:
    """A word cut at the break opportunities inside it."""
    if _HYPHENATED.fullmatch(word) and all(table_class(c) is not None for c in word):
        # only in the scripts the table is checked for: ideographs, Hangul, Thai … have breaks of
        # their own between letters
        return tuple(re.findall(r"[^-\u2013]+[-\u2013]|[^-\u2013]+$", word))
    classes = [table_class(c) for c in word]
    if all(c in _RULED for c in classes):
        breakables = _table_breaks(classes)  # type: ignore[arg-type]
    else:
        from uniseg.linebreak import line_break_breakables

        breakables = list(line_break_breakables(word))
    return _units(word, after_hyphens(word, breakables))


def after_hyphens(text: str, breakables) -> list[int]:
    """LibreOffice and PowerPoint break after a hyphen between a letter or digit and a digit."""
    out = list(breakables)
    for i in range(2, len(text)):
        if text[i - 1] in "-\u2010" and text[i].isdigit() and text[i - 2].isalnum():
            out[i] = 1
    return out


def _units(word: str, breakables: list[int]) -> tuple[str, ...]:
    """*word* cut before every position marked 1 (uniseg's break_units)."""
    cuts = [i for i, b in enumerate(breakables) if b and i]
    return tuple(word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)) or (word,)


# The classes `_table_breaks` decides: letters, digits and the punctuation of web addresses,
# paths, numbers and prices. Not spaces, quotes (their rules look at the quote characters'
# general categories and widths), joiners, combining marks, dashes of class B2 or anything that
# needs uniseg's data.
_RULED = frozenset({"AL", "NU", "SY", "IS", "HY", "BA", "PR", "PO", "EX", "OP", "CP", "CL"})


def _table_breaks(classes: list[str]) -> list[int]:
    """UAX #14 (Unicode 16, as uniseg 0.10 applies it) for a word of `_RULED` classes only:
    1 where a line may break before a character. Every rule about classes outside `_RULED`, and
    about spaces, cannot apply and is left out; the rest are tried in the standard's order."""
    n = len(classes)
    out = [0] * n  # LB2: never at the start

    def numeric_before(i: int) -> bool:
        """NU (SY | IS)* immediately before position *i*."""
        j = i - 1
        while j >= 0 and classes[j] in ("SY", "IS"):
            j -= 1
        return j >= 0 and classes[j] == "NU"

    for i in range(1, n):
        prev, curr = classes[i - 1], classes[i]
        after = classes[i + 1] if i + 1 < n else None
        if curr in ("CL", "CP", "EX", "SY"):  # LB13
            continue
        if prev == "OP":  # LB14
            continue
        if curr == "IS":  # LB15d
            continue
        if i == 1 and prev == "HY" and curr == "AL":  # LB20a: a word-initial hyphen
            continue
        if curr in ("BA", "HY"):  # LB21
            continue
        if (prev, curr) in (("AL", "NU"), ("NU", "AL")):  # LB23
            continue
        if (prev in ("PR", "PO") and curr == "AL") or (prev == "AL" and curr in ("PR", "PO")):  # LB24
            continue
        if (  # LB25
            (curr in ("PO", "PR") and prev in ("CL", "CP") and numeric_before(i - 1))
            or (curr in ("PO", "PR") and numeric_before(i))
            or (prev in ("PO", "PR") and curr == "OP" and after == "NU")
            or (prev in ("PO", "PR") and curr == "OP" and after == "IS"
                and i + 2 < n and classes[i + 2] == "NU")
            or (prev in ("PO", "PR") and curr == "NU")
            or (prev in ("HY", "IS") and curr == "NU")
            or (curr == "NU" and numeric_before(i))
        ):
            continue
        if prev == "AL" and curr == "AL":  # LB28
            continue
        if prev == "IS" and curr == "AL":  # LB29
            continue
        if (prev in ("AL", "NU") and curr == "OP") or (prev == "CP" and curr in ("AL", "NU")):  # LB30
            continue
        out[i] = 1  # LB31
    return out

"""Deterministic generated analyses for the scaling benchmark (seeded words, Turkish and Cyrillic)."""

from __future__ import annotations

import random
from pathlib import Path

_TEXT = """
alliance air defence battery sanctions procurement radar missile interoperability analysis
Ankara Türkiye İstanbul Erdoğan şehir ığdır güvenlik savunma Москва Триумф ракета система
оборона NATO F-35 S-400 Patriot Washington Brussels deterrence integration offset delivery
negotiation compensation airspace readiness logistics training doctrine budget timeline
"""
WORDS = _TEXT.split()
KINDS = ("", "", "", " .timeline", "", " .figures", "", "")


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def analysis(sections: int, seed: int = 400, points: int = 4) -> str:
    """An analysis of *sections* sections of bullets (*points* each), prose and sources; the
    same text for the same arguments."""
    rng = random.Random(seed)
    out = [
        "---",
        'title: "Generated briefing: Türkiye, Москва and the S-400"',
        'subtitle: "Scaling benchmark input"',
        "author: bench",
        "organisation: briefer bench",
        "as_of: 2025-12-20",
        "classification: UNCLASSIFIED",
        "---",
        "",
    ]
    for n in range(sections):
        kind = KINDS[n % len(KINDS)]
        out.append(f"## Section {n + 1}: {_sentence(rng, 2, 4)} {{#s{n + 1}{kind}}}")
        out.append("")
        if kind == " .timeline":
            for year in range(2019, 2024):
                out.append(f"- {year}: {_sentence(rng, 3, 6)}")
        elif kind == " .figures":
            for _ in range(4):
                out.append(f"- {rng.randint(2, 900)} km: {_sentence(rng, 2, 5)}")
        else:
            for _ in range(points):
                out.append(f"- {_sentence(rng, 5, 11)}")
                if rng.random() < 0.3:
                    out.append(f"  - {_sentence(rng, 3, 7)}")
        out.append("")
        out.append(_sentence(rng, 20, 35) + ".")
        out.append("")
        out.append("### Sources")
        out.append("")
        out.append(f"- https://example.org/report/{n + 1}")
        out.append(f"- {_sentence(rng, 3, 6)}, December 2025")
        out.append("")
    return "\n".join(out)


def write(path: Path, sections: int, points: int = 4) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(analysis(sections, points=points), encoding="utf-8")
    return path

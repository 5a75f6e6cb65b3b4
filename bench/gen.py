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


def analysis(sections: int, seed: int = 400, points: int = 4, tables: int = 0) -> str:
    """An analysis of *sections* sections of bullets (*points* each), prose and sources; the
    same text for the same arguments. With *tables*, every *tables*-th section is a table
    instead (the desktop benchmark edits one); the scaling decks have none, so their numbers
    stay comparable across sessions."""
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
        if tables and n % tables == tables - 1:
            kind = " .table"
        out.append(f"## Section {n + 1}: {_sentence(rng, 2, 4)} {{#s{n + 1}{kind}}}")
        out.append("")
        if kind == " .table":
            out.append("| Option | Gains | Costs |")
            out.append("| --- | --- | --- |")
            for _ in range(4):
                out.append(f"| {_sentence(rng, 2, 4)} | {_sentence(rng, 3, 6)} | {_sentence(rng, 3, 6)} |")
        elif kind == " .timeline":
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


def write(path: Path, sections: int, points: int = 4, tables: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(analysis(sections, points=points, tables=tables), encoding="utf-8")
    return path


def docx_report(path: Path, pages: int = 50, seed: int = 14) -> dict[str, int]:
    """A Word report of about *pages* pages (500 words a page), as an analyst writes one: a
    Title, Heading 1 chapters with Heading 2 parts, prose, nested bullets, numbered steps, a
    table, a picture and links per chapter. Returns its word and paragraph counts."""
    import io

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from PIL import Image

    rng = random.Random(seed)
    picture = io.BytesIO()
    Image.new("RGB", (800, 500), "#336699").save(picture, format="PNG")
    d = docx.Document()
    d.core_properties.author = "bench"
    d.add_paragraph("UNCLASSIFIED")
    d.add_paragraph("Generated report: Türkiye, Москва and the S-400", style="Title")
    words = paragraphs = 0
    chapter = 0
    while words < pages * 500:
        chapter += 1
        d.add_heading(f"Chapter {chapter}: {_sentence(rng, 2, 4)}", 1)
        for _ in range(4):
            d.add_paragraph(_sentence(rng, 6, 12), style="List Bullet")
            d.add_paragraph(_sentence(rng, 4, 8), style="List Bullet 2")
        for part in range(3):
            d.add_heading(f"Part {part + 1}: {_sentence(rng, 2, 3)}", 2)
            for _ in range(6):
                text = _sentence(rng, 60, 100) + "."
                d.add_paragraph(text)
                words += len(text.split())
                paragraphs += 1
            step = d.add_paragraph(_sentence(rng, 5, 9), style="List Number")
            link = d.part.relate_to(f"https://example.org/{chapter}/{part}", RT.HYPERLINK,
                                    is_external=True)
            anchor = OxmlElement("w:hyperlink")
            anchor.set(qn("r:id"), link)
            run = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = f" report {chapter}.{part}"
            run.append(t)
            anchor.append(run)
            step._p.append(anchor)
        table = d.add_table(rows=8, cols=4)
        for r in range(8):
            for c in range(4):
                table.cell(r, c).text = _sentence(rng, 1, 4)
        picture.seek(0)
        d.add_picture(picture)
        d.add_paragraph(f"Figure {chapter}: {_sentence(rng, 3, 6)}", style="Caption")
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return {"words": words, "paragraphs": paragraphs, "chapters": chapter}

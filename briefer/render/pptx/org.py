"""An organisation's .potx/.pptx as the base of the deck: its masters, layouts, themes, media and
notes master kept as they are, its own slides dropped without a trace.

As pandoc's reference-doc writer does, the package is copied part by part; unlike it, what the
file's example slides used is dropped by reachability: starting from the presentation, only parts
still reached through relationships once the slides are unlinked are kept (an example slide's
pictures, charts and notes go with it). Section lists and custom shows, which name slides, are
removed too, so nothing dangles for PowerPoint to repair.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from briefer.errors import RenderError
from briefer.ooxml import Package

_TEMPLATE_TYPE = "presentationml.template.main+xml"
_PRESENTATION_TYPE = "presentationml.presentation.main+xml"
_DROPPED_RELS = ("/slide", "/notesSlide", "/thumbnail", "/core-properties", "/extended-properties",
                 "/custom-properties")
_REL = re.compile(r"<Relationship\b[^>]*/>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
# presentation.xml children that name slides
_SLIDE_LISTS = (re.compile(r"<p:sldIdLst>.*?</p:sldIdLst>|<p:sldIdLst/>", re.S),
                re.compile(r"<p:custShowLst>.*?</p:custShowLst>|<p:custShowLst/>", re.S),
                re.compile(r'<p:ext uri="\{521415D9-36F7-43E2-AB2F-B90AF26B5E84\}">.*?</p:ext>', re.S))


def rels_name(part: str) -> str:
    folder, _, leaf = part.rpartition("/")
    return f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"


def relationships(xml: bytes) -> list[dict[str, str]]:
    return [dict(_ATTR.findall(m)) for m in _REL.findall(xml.decode("utf-8", "replace"))]


def _target(source: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


class OrgPackage:
    """The kept parts of an organisation's file, ready for briefer's slides to be added."""

    def __init__(self, path: Path) -> None:
        package = Package(Path(path), "master", RenderError)
        parts = package.parts()
        package.refuse_external(parts)
        types = parts.pop("[Content_Types].xml").decode("utf-8", "replace")
        self.types = types.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
        root = next((r["Target"] for r in relationships(parts.get("_rels/.rels", b""))
                     if r.get("Type", "").endswith("/officeDocument")), "ppt/presentation.xml")
        self.presentation = root.lstrip("/")
        pres_rels = rels_name(self.presentation)
        kept = [r for r in relationships(parts.get(pres_rels, b""))
                if not r.get("Type", "").endswith(_DROPPED_RELS)]
        self.pres_rels = kept
        xml = parts[self.presentation].decode("utf-8")
        for pattern in _SLIDE_LISTS:
            xml = pattern.sub("", xml)
        self.pres_xml = xml
        # keep what the presentation still reaches, without its slides
        reached: set[str] = set()
        queue = [_target(self.presentation, r["Target"]) for r in kept
                 if r.get("TargetMode") != "External"]
        while queue:
            name = queue.pop()
            if name in reached or name not in parts:
                continue
            reached.add(name)
            for rel in relationships(parts.get(rels_name(name), b"")):
                if rel.get("TargetMode") != "External" and not rel.get("Type", "").endswith(
                        ("/slide", "/notesSlide")):
                    queue.append(_target(name, rel["Target"]))
        self.parts = {name: parts[name] for name in sorted(reached)}
        for name in list(self.parts):
            if rels_name(name) in parts:
                self.parts[rels_name(name)] = parts[rels_name(name)]
        self.notes_master = next((_target(self.presentation, r["Target"]) for r in kept
                                  if r.get("Type", "").endswith("/notesMaster")), "")
        self.masters = [name for name in self.parts
                        if re.fullmatch(r"ppt/slideMasters/[^/]+\.xml", name)]

    def overrides(self) -> dict[str, str]:
        """Content-type overrides of the kept parts, and the defaults by extension."""
        out = {}
        for name, ctype in re.findall(r'<Override PartName="([^"]+)" ContentType="([^"]+)"', self.types):
            if name.lstrip("/") in self.parts or name.lstrip("/") == self.presentation:
                out[name] = ctype
        return out

    def defaults(self) -> dict[str, str]:
        return dict(re.findall(r'<Default Extension="([^"]+)" ContentType="([^"]+)"', self.types))

    def with_banners(self, shapes_xml: str) -> None:
        """Add briefer's banners to every slide master, so one edit changes every slide."""
        if not shapes_xml:
            return
        for name in self.masters:
            xml = self.parts[name].decode("utf-8")
            at = xml.rfind("</p:spTree>")
            if at > 0:
                self.parts[name] = (xml[:at] + shapes_xml + xml[at:]).encode("utf-8")

    def presentation_xml(self, slide_ids: str, notes_master_rid: str) -> bytes:
        """presentation.xml with briefer's slides (and a notes master, if it had none)."""
        xml = self.pres_xml
        if notes_master_rid and "<p:notesMasterIdLst>" not in xml:
            xml = re.sub(r"(</p:sldMasterIdLst>)",
                         rf'\1<p:notesMasterIdLst><p:notesMasterId r:id="{notes_master_rid}"/>'
                         "</p:notesMasterIdLst>", xml, count=1)
        if slide_ids:
            anchor = max(xml.find(tag) + len(tag) for tag in
                         ("</p:sldMasterIdLst>", "</p:notesMasterIdLst>", "</p:handoutMasterIdLst>"))
            xml = xml[:anchor] + f"<p:sldIdLst>{slide_ids}</p:sldIdLst>" + xml[anchor:]
        return xml.encode("utf-8")

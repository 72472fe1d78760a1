"""An Atom feed (RFC 4287) per plan, generated as bytes for the web app to serve."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

ATOM = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 forbids; crawled titles do carry them (stray \x08 in CMS exports).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One alerted story in a plan's feed."""

    id: str
    title: str
    url: str | None
    updated: datetime
    source: str = ""
    summary: str = ""
    matched: tuple[str, ...] = ()
    story_size: int = 1


def _text(parent: ET.Element, tag: str, value: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = NOT_XML.sub("", value)
    return element


def atom_feed(
    plan: str, feed_id: str, entries: Sequence[FeedEntry], now: datetime, limit: int = 50
) -> bytes:
    """The feed of `plan` with its newest `limit` entries (newest first), UTF-8 XML."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_id)
    _text(feed, "title", f"huibao: {plan}")
    newest = sorted(entries, key=lambda e: e.updated, reverse=True)[:limit]
    _text(feed, "updated", (newest[0].updated if newest else now).isoformat())
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "huibao")
    for item in newest:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", item.id)
        _text(entry, "title", item.title or "(untitled)")
        _text(entry, "updated", item.updated.isoformat())
        if item.url:
            ET.SubElement(entry, f"{{{ATOM}}}link", {"href": NOT_XML.sub("", item.url)})
        words = "、".join(item.matched)
        reprints = f" · 转载 {item.story_size} 篇" if item.story_size > 1 else ""
        summary = item.summary or f"{item.source} · {words}{reprints}"
        _text(entry, "summary", summary)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))

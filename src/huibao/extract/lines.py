"""The page's text in document order: all its lines, and the body's blocks.

Metadata (the byline under the title, the 来源 line after the body, the breadcrumb) is read
from the lines around the body; the body is the blocks of the chosen nodes. Both come from
one XSLT pass (libxslt, in C) that writes the page's text with marks: a block boundary at
every block element, and the start and end of each link, of each chosen node and of each
piece of furniture inside one (a share bar, a related-links box). Walking the elements from
Python instead cost more than all the rest of body extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from huibao.extract.body import (
    BLOCK_TAGS,
    TRIMMED,
    Block,
    collapse_spaces,
    normalise,
    weighted_len,
)
from huibao.extract.html import HtmlElement

# Unicode noncharacters, which no real text contains (a page that writes them as &#xFDD0;
# only confuses its own extraction): a block boundary, a link's start and end, a skipped
# element's start and end, a chosen node's start and end.
MARKS = ("\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3", "\ufdd4", "\ufdd5")
BREAK, LINK_OPEN, LINK_CLOSE, SKIP_OPEN, SKIP_CLOSE, NODE = MARKS
# Marked elements are renamed to this tag for the pass and carry their marks in attributes;
# the tag is restored afterwards.
MARK_TAG = "hb-mark"
OPEN, CLOSE = "data-hb-open", "data-hb-close"
_TEXT = etree.XSLT(
    etree.XML(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:output method="text" encoding="UTF-8"/>'
        f'<xsl:template match="{"|".join(sorted(BLOCK_TAGS))}">'
        f"{BREAK}<xsl:apply-templates/>{BREAK}</xsl:template>"
        f'<xsl:template match="a">{LINK_OPEN}<xsl:apply-templates/>{LINK_CLOSE}</xsl:template>'
        f'<xsl:template match="{MARK_TAG}"><xsl:value-of select="@{OPEN}"/>'
        f'<xsl:apply-templates/><xsl:value-of select="@{CLOSE}"/></xsl:template>'
        "</xsl:stylesheet>"
    )
)
_LINK_MARKS = re.compile(f"([{LINK_OPEN}{LINK_CLOSE}])")
_SKIP_MARKS = re.compile(f"([{SKIP_OPEN}{SKIP_CLOSE}])")
_ANY_MARK = re.compile(f"[{''.join(MARKS)}]")


@dataclass(frozen=True, slots=True)
class PageText:
    """Non-empty normalised lines of the whole page, and the text blocks of the body."""

    lines: list[str]
    blocks: list[Block]


def page_text(root: HtmlElement, nodes: list[HtmlElement], skipped: list[HtmlElement]) -> PageText:
    """Lines of the page, and blocks of `nodes` leaving out the `skipped` elements in them.

    The tree is left as it was, but for mark characters the page itself wrote (as &#xFDD5;),
    which are removed when they would confuse the marks.
    """
    text, kinds = _render(root, nodes, skipped)
    skips = len(kinds) - kinds.count(NODE)
    counts = (text.count(NODE), text.count(SKIP_OPEN), text.count(SKIP_CLOSE))
    if counts != (2 * kinds.count(NODE), skips, skips):
        _scrub(root)
        text, _ = _render(root, nodes, skipped)
    plain = text
    for mark in MARKS[1:]:
        if mark in plain:
            plain = plain.replace(mark, "")
    return PageText(_lines(plain), _blocks(text.split(NODE)[1::2]))


def _render(
    root: HtmlElement, nodes: list[HtmlElement], skipped: list[HtmlElement]
) -> tuple[str, list[str]]:
    """The marked text, and the kind (NODE or SKIP_OPEN) of each marked element."""
    marked = _mark(nodes, skipped)
    try:
        text = str(_TEXT(root))
    except etree.XSLTApplyError:  # nesting deeper than libxslt's template depth
        text = _marked_text(root)
    finally:
        for el, tag, _ in marked:
            el.tag = tag
            del el.attrib[OPEN]
            del el.attrib[CLOSE]
    return text, [kind for _, _, kind in marked]


def _mark(
    nodes: list[HtmlElement], skipped: list[HtmlElement]
) -> list[tuple[HtmlElement, str, str]]:
    """Rename the nodes and skipped elements to MARK_TAG, with their marks as attributes."""
    chosen = set(nodes)
    outermost = [n for n in nodes if not any(a in chosen for a in n.iterancestors())]
    kinds = {el: NODE for el in outermost}
    for el in skipped:
        kinds.setdefault(el, SKIP_OPEN)
    marked = []
    for el, kind in kinds.items():
        tag = str(el.tag)
        opening, closing = (NODE, NODE) if kind == NODE else (SKIP_OPEN, SKIP_CLOSE)
        if tag in BLOCK_TAGS:
            opening, closing = opening + BREAK, BREAK + closing
        if tag == "a":
            opening, closing = opening + LINK_OPEN, LINK_CLOSE + closing
        marked.append((el, tag, kind))
        el.tag = MARK_TAG
        el.set(OPEN, opening)
        el.set(CLOSE, closing)
    return marked


def _scrub(root: HtmlElement) -> None:
    """Remove mark characters from the page's own text (a rare, slow path)."""
    for el in root.iter():
        if el.text and _ANY_MARK.search(el.text):
            el.text = _ANY_MARK.sub("", el.text)
        if el.tail and _ANY_MARK.search(el.tail):
            el.tail = _ANY_MARK.sub("", el.tail)


def _lines(text: str) -> list[str]:
    """The non-empty normalised runs between block marks.

    Whitespace never spans a mark, so the whole text is collapsed at once (a few C passes)
    and each run only trimmed: normalising the page's hundreds of runs one by one cost a
    Python call each.
    """
    collapsed = collapse_spaces(text)
    parts = collapsed.split(BREAK)
    if len(parts) == 1 and len(collapsed) < 2:
        return []  # a one-character page with no block: never a line (as it always was)
    return [line for part in parts if (line := part.strip(TRIMMED))]


def _blocks(segments: list[str]) -> list[Block]:
    """Blocks of the chosen nodes' text: runs between block marks, with their link weight.

    Link weights are summed only where links are. Each segment is collapsed whole, like the
    page's lines (its runs line up with the raw ones: whitespace never spans a mark), so
    only a run holding link marks is normalised again once they are taken out.
    """
    found: list[Block] = []
    for segment in segments:
        if SKIP_OPEN in segment:
            segment = _without_skipped(segment)
        collapsed = collapse_spaces(segment).split(BREAK)
        if LINK_OPEN not in segment and LINK_CLOSE not in segment:
            found.extend(Block(text) for run in collapsed if (text := run.strip(TRIMMED)))
            continue
        depth = 0
        for raw, run in zip(segment.split(BREAK), collapsed, strict=True):
            link = 0
            if depth or LINK_OPEN in raw or LINK_CLOSE in raw:
                link, depth = _link_weight(raw, depth)
                text = normalise(run.replace(LINK_OPEN, "").replace(LINK_CLOSE, ""))
            else:
                text = run.strip(TRIMMED)
            if text:
                found.append(Block(text, link))
    return found


def _link_weight(part: str, depth: int) -> tuple[int, int]:
    """Weighted length of the text inside links in `part`, and the link depth after it."""
    weight = 0
    for token in _LINK_MARKS.split(part):
        if token == LINK_OPEN:
            depth += 1
        elif token == LINK_CLOSE:
            depth = max(0, depth - 1)
        elif token and depth:
            weight += weighted_len(token)
    return weight, depth


def _without_skipped(segment: str) -> str:
    kept: list[str] = []
    depth = 0
    for token in _SKIP_MARKS.split(segment):
        if token == SKIP_OPEN:
            depth += 1
        elif token == SKIP_CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(token)
    return "".join(kept)


def _marked_text(root: HtmlElement) -> str:
    """The same marked text, written from Python (for trees libxslt refuses)."""
    saved: list[tuple[HtmlElement, str | None, str | None]] = []
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag == MARK_TAG:
            opening, closing = el.get(OPEN, ""), el.get(CLOSE, "")
        elif tag == "a":
            opening, closing = LINK_OPEN, LINK_CLOSE
        elif tag in BLOCK_TAGS:
            opening, closing = BREAK, BREAK
        else:
            continue
        saved.append((el, el.text, el.tail))
        el.text = opening + (el.text or "")
        el.tail = closing + (el.tail or "")
    text = str(etree.tostring(root, method="text", encoding="unicode", with_tail=False))
    for el, el_text, el_tail in saved:
        el.text, el.tail = el_text, el_tail
    return text

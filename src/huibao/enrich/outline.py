"""The outline of a report (一、 / （一） / 1. / (1) headings) and its named initiatives.

Levels are not fixed per marker style: a style seen for the first time opens a level below the
current one, and a style already open closes the levels below it, the way readers follow a
report. A numbered paragraph longer than the heading cap keeps its first sentence as the title
(the seed page writes （一）打造"平安回家"工程，…。以创建… in one paragraph).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from huibao.enrich.model import Initiative, OutlineNode, Span
from huibao.enrich.settings import EnrichSettings
from huibao.enrich.text import paragraphs

# Heading markers by style, on normalised text (full-width brackets become ASCII). 一、 and (一)
# from the seed page and work reports; 1. / 1、 / (1) / ① from government portal notices.
HEADING_MARKERS: dict[str, re.Pattern[str]] = {
    "一、": re.compile(r"[一二三四五六七八九十]{1,3}[、.](?!\d)"),
    "(一)": re.compile(r"\([一二三四五六七八九十]{1,3}\)"),
    "1.": re.compile(r"\d{1,2}(?:[、]|\.(?!\d))"),
    "(1)": re.compile(r"\(\d{1,2}\)"),
    "①": re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"),
}
# Characters a heading can start with: other paragraphs are not tried against the markers.
HEADING_FIRST = frozenset("一二三四五六七八九十(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
TITLE_END = re.compile(r"[。!?;]")
QUOTED = re.compile(r'"([^"\n]+)"|“([^“”\n]+)”|「([^「」\n]+)」|『([^『』\n]+)』')
NOT_A_NAME = re.compile(r"[,。;:!?、+/\s]")


@dataclass(slots=True)
class _Node:
    marker: str
    style: str
    title: str
    span: Span
    paragraphs: list[Span] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def freeze(self, level: int) -> OutlineNode:
        kids = tuple(child.freeze(level + 1) for child in self.children)
        return OutlineNode(self.marker, level, self.title, self.span, tuple(self.paragraphs), kids)


def _heading(text: str, original: str, span: Span, cap: int) -> tuple[_Node, Span | None] | None:
    """A heading node for the paragraph at `span`, and the rest of that paragraph's text."""
    if text[span[0]] not in HEADING_FIRST:
        return None
    for style, pattern in HEADING_MARKERS.items():
        match = pattern.match(text, span[0], span[1])
        if match is None:
            continue
        body_start = match.end()
        end = TITLE_END.search(text, body_start, span[1]) if span[1] - body_start > cap else None
        title_end = end.end() if end else span[1]
        title = original[body_start:title_end].strip().rstrip("。.")
        if not title or title_end - body_start > cap:
            return None
        rest = (title_end, span[1]) if span[1] - title_end > 1 else None
        marker = original[span[0] : match.end()]
        return _Node(marker, style, title, (span[0], title_end)), rest
    return None


def find_outline(
    text: str, original: str, settings: EnrichSettings, blocks: list[Span] | None = None
) -> list[OutlineNode]:
    """The heading tree of `original` (read on its normalised copy `text`); paragraphs before
    the first heading are left out. `blocks` are the paragraphs of `text` when the caller has
    them already."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for span in paragraphs(text) if blocks is None else blocks:
        found = _heading(text, original, span, settings.heading_max_chars)
        if found is None:
            if stack:
                stack[-1].paragraphs.append(span)
            continue
        node, rest = found
        styles = [n.style for n in stack]
        if node.style in styles:
            del stack[styles.index(node.style) :]
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        if rest:
            node.paragraphs.append(rest)
    return [root.freeze(1) for root in roots]


def _sections(outline: Sequence[OutlineNode], into: list[tuple[int, int, str]]) -> None:
    """(start, end, title) of every heading's own span and paragraphs, for `_heading_at`."""
    for node in outline:
        into.extend((start, end, node.title) for start, end in (node.span, *node.paragraphs))
        _sections(node.children, into)


def _heading_at(sections: list[tuple[int, int, str]], starts: list[int], offset: int) -> str:
    """Title of the heading whose section holds `offset`, or "": the spans are disjoint
    (each paragraph is under one heading), so one bisection finds it."""
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < sections[index][1]:
        return sections[index][2]
    return ""


def find_initiatives(
    text: str, outline: list[OutlineNode], settings: EnrichSettings
) -> list[Initiative]:
    """Quoted names ("平安讲堂") in order of first mention, with their count and heading."""
    first: dict[str, Span] = {}
    counts: dict[str, int] = {}
    for match in QUOTED.finditer(text):
        name = match.group(match.lastindex or 0)  # the one alternative that matched
        if not 2 <= len(name) <= settings.initiative_max_chars or NOT_A_NAME.search(name):
            continue
        first.setdefault(name, match.span())
        counts[name] = counts.get(name, 0) + 1
    if not first:
        return []
    sections: list[tuple[int, int, str]] = []
    _sections(outline, sections)
    sections.sort()
    starts = [start for start, _, _ in sections]
    return [
        Initiative(name, span, counts[name], _heading_at(sections, starts, span[0]))
        for name, span in first.items()
    ]

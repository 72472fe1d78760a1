"""Match articles against many plans at ingest: an Aho-Corasick prefilter, then evaluation.

All plans' terms go into one Aho-Corasick automaton (pyahocorasick, C), folded the same way
as the text. One pass over an article's folded title+body finds every occurrence of every
term. A plan is evaluated only if one of its *trigger* terms occurred (a set of terms of
which at least one must appear for the plan to match; `triggers()` derives it from the
query); plans with no such set (e.g. only `source:` filters) are evaluated for every
article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import ahocorasick  # type: ignore[import-not-found]

from huibao.monitor.document import Document, Highlight
from huibao.monitor.evaluate import Context, evaluate
from huibao.monitor.nodes import And, Field, Near, Node, Not, Or, Place, Term, terms
from huibao.monitor.places import PlaceFilter, bare_gazetteer, compile_place
from huibao.monitor.plan import Plan
from huibao.monitor.settings import MonitorSettings
from huibao.monitor.text import Folder

SEPARATOR = "\x00"  # between title and body; no term can hold a control character


@dataclass(frozen=True, slots=True)
class Match:
    """A plan that matched a document: the terms found and where (for highlighting)."""

    plan: Plan
    terms: tuple[str, ...]
    highlights: tuple[Highlight, ...]


def triggers(node: Node) -> frozenset[str] | None:
    """Terms of which at least one must occur for `node` to match; None if there is none."""
    if isinstance(node, Term):
        return frozenset((node.text,))
    if isinstance(node, Near):
        return frozenset((node.left.text,))
    if isinstance(node, Field) and node.name == "title":
        return triggers(node.value)
    if isinstance(node, Or):
        sets = [triggers(item) for item in node.items]
        return None if any(s is None for s in sets) else frozenset().union(*sets)  # type: ignore[arg-type]
    if isinstance(node, And):
        found = [s for s in (triggers(item) for item in node.items) if s is not None]
        return min(found, key=len) if found else None
    return None


def _places(node: Node) -> Iterator[str]:
    if isinstance(node, Place):
        yield node.value
    elif isinstance(node, And | Or):
        for item in node.items:
            yield from _places(item)
    elif isinstance(node, Not):
        yield from _places(node.item)


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _on_boundary(text: str, end: int, length: int) -> bool:
    """A Latin/digit term must not continue a word on either side (AI is not in AID)."""
    start = end + 1 - length
    if start > 0 and _ascii_word(text[start]) and _ascii_word(text[start - 1]):
        return False
    return not (end + 1 < len(text) and _ascii_word(text[end]) and _ascii_word(text[end + 1]))


class Matcher:
    """Matches documents against a fixed set of plans; build once, call `match` per article.

    `gazetteer` maps place names to division codes so `place:柳州` also covers 柳南区;
    pass `folder` to share one `Folder` between many short-lived matchers.
    """

    def __init__(
        self,
        plans: Iterable[Plan],
        gazetteer: Mapping[str, Iterable[str]] | None = None,
        settings: MonitorSettings | None = None,
        folder: Folder | None = None,
    ) -> None:
        self.settings = settings or MonitorSettings()
        self.folder = folder or Folder()
        self.plans: list[tuple[Plan, Node]] = [(p, p.compile(self.settings)) for p in plans]
        self.places: dict[str, PlaceFilter] = {}
        self.keys: dict[str, tuple[str, int]] = {}
        self._always: list[int] = []
        self._by_term: dict[str, list[int]] = defaultdict(list)
        self._bounded: dict[str, int] = {}
        self._build(gazetteer)

    def _build(self, gazetteer: Mapping[str, Iterable[str]] | None) -> None:
        bare = bare_gazetteer(gazetteer or {})
        for index, (_plan, node) in enumerate(self.plans):
            for term, _negated in terms(node):
                folded = self.folder.fold(term.text)
                self.keys[term.text] = (folded, len(folded))
            for value in _places(node):
                self.places.setdefault(value, compile_place(value, bare))
            found = triggers(node)
            if found is None:
                self._always.append(index)
            for text in found or ():
                self._by_term[self.keys[text][0]].append(index)
        self._automaton = ahocorasick.Automaton()
        for folded, length in set(self.keys.values()):
            self._automaton.add_word(folded, folded)
            if _ascii_word(folded[0]) or _ascii_word(folded[-1]):
                self._bounded[folded] = length
        if self.keys:
            self._automaton.make_automaton()

    def _hits(self, text: str) -> dict[str, list[int]]:
        """Inclusive end offsets of each folded term in `text` (all overlapping occurrences)."""
        hits: dict[str, list[int]] = defaultdict(list)
        if self.keys:
            for end, folded in self._automaton.iter(text):
                hits[folded].append(end)
        for folded in self._bounded.keys() & hits.keys():
            kept = [e for e in hits[folded] if _on_boundary(text, e, self._bounded[folded])]
            if kept:
                hits[folded] = kept
            else:
                del hits[folded]
        return hits

    def match(self, doc: Document) -> list[Match]:
        """Every plan `doc` matches, in the order the plans were given."""
        text = self.folder.fold(doc.title + SEPARATOR + doc.body)
        hits = self._hits(text)
        candidates = set(self._always)
        for folded in hits:
            candidates.update(self._by_term.get(folded, ()))
        ctx = Context(doc, hits, self.keys, len(doc.title), self.folder, self.places)
        matches = []
        for index in sorted(candidates):
            plan, node = self.plans[index]
            if evaluate(node, ctx):
                matches.append(self._explain(plan, node, ctx))
        return matches

    def _explain(self, plan: Plan, node: Node, ctx: Context) -> Match:
        found: list[str] = []
        marks: list[Highlight] = []
        offset = ctx.title_len + 1
        for term, negated in terms(node):
            spans = [] if negated or term.text in found else ctx.spans(term.text)
            if not spans:
                continue
            found.append(term.text)
            for start, end in spans:
                if end <= ctx.title_len:
                    marks.append(Highlight("title", start, end, term.text))
                else:
                    marks.append(Highlight("body", start - offset, end - offset, term.text))
        marks.sort(key=lambda h: (h.field != "title", h.start, -h.end))
        return Match(plan, tuple(found), tuple(marks[: self.settings.max_highlights]))

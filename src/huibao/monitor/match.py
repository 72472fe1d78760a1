"""Match articles against many plans at ingest: an Aho-Corasick prefilter, then evaluation.

All plans' terms go into one Aho-Corasick automaton (ahocorasick-rs, Rust: on CJK text with
thousands of terms it scans 2-5 times faster than pyahocorasick, whose root node has a
child per distinct first character), folded the same way as the text. One pass over an
article's folded title+body finds every occurrence of every term. Each plan has *clauses*
(sets of terms, each of which must have an occurring term for the plan to match;
`clauses()` derives them from the query: places × subjects × events gives three); a plan
is evaluated only when every clause was hit, found by counting through a term -> (plan,
clause) index, so no plan looks at the text. Plans with no clause (e.g. only `source:`
filters) are evaluated for every article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick

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


def clauses(node: Node) -> list[frozenset[str]]:
    """Sets of terms such that `node` can match only if each set has a term that occurs.

    A term is one clause; AND joins its children's clauses; NEAR needs both its terms; OR
    needs one of its children, so it gives one clause (the union of one clause from each
    child, the smallest); NOT and filters give none. An empty list: nothing is required.
    """
    if isinstance(node, Term):
        return [frozenset((node.text,))]
    if isinstance(node, Near):
        return [frozenset((node.left.text,)), frozenset((node.right.text,))]
    if isinstance(node, Field) and node.name == "title":
        return clauses(node.value)
    if isinstance(node, And):
        return [c for item in node.items for c in clauses(item)]
    if isinstance(node, Or):
        each = [clauses(item) for item in node.items]
        if not all(each):
            return []
        return [frozenset().union(*(min(c, key=len) for c in each))]
    return []


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
        # folded term -> (plan index, bit of the plan's clause the term is in)
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._full: list[int] = []  # per plan: every clause's bit set
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
            required = clauses(node)
            self._full.append((1 << len(required)) - 1)
            if not required:
                self._always.append(index)
            for bit, clause in enumerate(required):
                for text in clause:
                    self._postings[self.keys[text][0]].append((index, 1 << bit))
        self._patterns = sorted({folded for folded, _ in self.keys.values()})
        self._automaton = AhoCorasick(self._patterns) if self._patterns else None
        for folded in self._patterns:
            if _ascii_word(folded[0]) or _ascii_word(folded[-1]):
                self._bounded[folded] = len(folded)

    def _hits(self, text: str) -> dict[str, list[int]]:
        """Inclusive end offsets of each folded term in `text` (all overlapping occurrences,
        in ascending order)."""
        hits: dict[str, list[int]] = defaultdict(list)
        if self._automaton is None:
            return hits
        patterns = self._patterns
        for index, _start, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            hits[patterns[index]].append(end - 1)
        for folded in self._bounded.keys() & hits.keys():
            kept = [e for e in hits[folded] if _on_boundary(text, e, self._bounded[folded])]
            if kept:
                hits[folded] = kept
            else:
                del hits[folded]
        return hits

    def _candidates(self, hits: Mapping[str, list[int]]) -> list[int]:
        """Plans whose every clause has a term among `hits`, and those with no clause."""
        seen: dict[int, int] = {}
        for folded in hits:
            for index, bit in self._postings.get(folded, ()):
                seen[index] = seen.get(index, 0) | bit
        full = self._full
        return sorted([i for i, mask in seen.items() if mask == full[i]] + self._always)

    def match(self, doc: Document) -> list[Match]:
        """Every plan `doc` matches, in the order the plans were given."""
        text = self.folder.fold(doc.title + SEPARATOR + doc.body)
        hits = self._hits(text)
        ctx = Context(doc, hits, self.keys, len(doc.title), self.folder, self.places)
        matches = []
        for index in self._candidates(hits):
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

"""What a reprint changed against its original: figures, places, organisations, paragraphs, title.

Paragraphs are aligned with difflib over their normalised text (punctuation, spaces and
editorial lines such as 责任编辑 ignored); inside a replaced run, a pair of paragraphs that
still read alike is "changed" rather than dropped and added. Figures (from `huibao.enrich`)
are aligned the same way over (subject, unit, value): a figure whose value, unit or subject
differs where the other two agree is reported as such. Numbers substituted one for one in
the text but that enrich did not read as (or pair up into) a changed figure are reported
with kind "number", so a changed digit is never missed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Any

from huibao.connect.shingles import normalise
from huibao.enrich.model import Enrichment, Figure
from huibao.model import Article

#: Paragraphs at least this alike (difflib ratio of normalised text) are one paragraph edited.
SAME_PARAGRAPH = 0.6
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CONTEXT_DROP = re.compile(r"[\W\d_]+")  # punctuation, spaces and other numbers
#: Characters of text kept on each side of a number to recognise it after an edit.
CONTEXT = 3


@dataclass(frozen=True, slots=True)
class FigureChange:
    """One figure the reprint states differently: kind "value", "unit", "subject",
    "dropped", "added" or "number" (a number enrich did not read as a figure)."""

    kind: str
    subject: str
    before: str  # the text as the original states it ("" when added)
    after: str  # the text as the reprint states it ("" when dropped)
    value_before: float | None = None
    value_after: float | None = None
    unit_before: str = ""
    unit_after: str = ""
    subject_after: str = ""  # the reprint's subject, when it differs (kind "subject")


@dataclass(frozen=True, slots=True)
class Alterations:
    """A reprint's structured diff against the original of its group."""

    article_id: int
    original_id: int
    title_before: str = ""
    title_after: str = ""
    figures: tuple[FigureChange, ...] = ()
    places_removed: tuple[str, ...] = ()
    places_added: tuple[str, ...] = ()
    organisations_removed: tuple[str, ...] = ()
    organisations_added: tuple[str, ...] = ()
    paragraphs_dropped: tuple[str, ...] = ()
    paragraphs_added: tuple[str, ...] = ()
    paragraphs_changed: tuple[tuple[str, str], ...] = ()
    alias_id: int | None = None  # the reprint is this alias URL of `article_id`'s text
    original_alias_id: int | None = None  # likewise for the original

    @property
    def title_changed(self) -> bool:
        return self.title_before != self.title_after

    @property
    def changed(self) -> bool:
        """True when anything beyond the template differs."""
        return self.title_changed or any(
            getattr(self, name)
            for name in (
                "figures",
                "places_removed",
                "places_added",
                "organisations_removed",
                "organisations_added",
                "paragraphs_dropped",
                "paragraphs_added",
                "paragraphs_changed",
            )
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["title_changed"] = self.title_changed
        data["paragraphs_changed"] = [list(p) for p in self.paragraphs_changed]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alterations:
        """Read back `to_dict` (what the store keeps)."""

        def strings(key: str) -> tuple[str, ...]:
            return tuple(data.get(key, ()))

        return cls(
            article_id=data["article_id"],
            original_id=data["original_id"],
            title_before=data.get("title_before", ""),
            title_after=data.get("title_after", ""),
            figures=tuple(FigureChange(**f) for f in data.get("figures", ())),
            places_removed=strings("places_removed"),
            places_added=strings("places_added"),
            organisations_removed=strings("organisations_removed"),
            organisations_added=strings("organisations_added"),
            paragraphs_dropped=strings("paragraphs_dropped"),
            paragraphs_added=strings("paragraphs_added"),
            paragraphs_changed=tuple((a, b) for a, b in data.get("paragraphs_changed", ())),
            alias_id=data.get("alias_id"),
            original_alias_id=data.get("original_alias_id"),
        )


def _paragraphs(article: Article) -> list[str]:
    raw = article.paragraphs or article.body.splitlines()
    return [p.strip() for p in raw if p.strip()]


def _keyed(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    kept = [(p, normalise(p, len(p))) for p in paragraphs]
    kept = [(p, k) for p, k in kept if k]
    return [p for p, _ in kept], [k for _, k in kept]


def _pair_up(
    before: list[str], after: list[str]
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """Inside a replaced run: (changed pairs, dropped, added)."""
    pairs, used = [], set()
    dropped = []
    for old in before:
        key = normalise(old, len(old))
        best, score = None, SAME_PARAGRAPH
        for k, new in enumerate(after):
            if k in used:
                continue
            ratio = SequenceMatcher(None, key, normalise(new, len(new)), False).ratio()
            if ratio >= score:
                best, score = k, ratio
        if best is None:
            dropped.append(old)
        else:
            used.add(best)
            pairs.append((old, after[best]))
    return pairs, dropped, [new for k, new in enumerate(after) if k not in used]


def diff_paragraphs(
    original: Article, reprint: Article
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(changed pairs, dropped, added) paragraphs of `reprint` against `original`."""
    old, old_keys = _keyed(_paragraphs(original))
    new, new_keys = _keyed(_paragraphs(reprint))
    changed: list[tuple[str, str]] = []
    dropped: list[str] = []
    added: list[str] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "delete":
            dropped.extend(old[i1:i2])
        elif op == "insert":
            added.extend(new[j1:j2])
        elif op == "replace":
            pairs, gone, came = _pair_up(old[i1:i2], new[j1:j2])
            changed.extend(pairs)
            dropped.extend(gone)
            added.extend(came)
    return changed, dropped, added


def _figure_key(f: Figure) -> tuple[str, str, float]:
    return (f.subject, f.unit, f.value)


def _classify(a: Figure, b: Figure) -> str:
    if a.unit == b.unit and a.value != b.value:
        return "value"
    if a.value == b.value and a.unit != b.unit:
        return "unit"
    if a.value == b.value and a.unit == b.unit:
        return "subject"
    return "value"


def _change(kind: str, a: Figure | None, b: Figure | None) -> FigureChange:
    either = a if a is not None else b
    return FigureChange(
        kind,
        either.subject if either is not None else "",
        a.text if a else "",
        b.text if b else "",
        a.value if a else None,
        b.value if b else None,
        a.unit if a else "",
        b.unit if b else "",
        b.subject if a and b and a.subject != b.subject else "",
    )


def diff_figures(before: tuple[Figure, ...], after: tuple[Figure, ...]) -> list[FigureChange]:
    """Figures changed, dropped or added, aligned by (subject, unit, value) in text order."""
    matcher = SequenceMatcher(
        None, [_figure_key(f) for f in before], [_figure_key(f) for f in after], False
    )
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = list(before[i1:i2]), list(after[j1:j2])
        for a, b in zip(olds, news, strict=False):
            changes.append(_change(_classify(a, b), a, b))
        changes.extend(_change("dropped", a, None) for a in olds[len(news) :])
        changes.extend(_change("added", None, b) for b in news[len(olds) :])
    return changes


def _numbers(text: str) -> list[tuple[str, str, str]]:
    """(number, text before, text after) for each number in `text` (full-width digits read
    as ASCII; punctuation, spaces and other digits left out of the context)."""
    text = _nfkc(text)
    found = []
    for m in _NUMBER.finditer(text):
        before = _CONTEXT_DROP.sub("", text[max(0, m.start() - 12) : m.start()])[-CONTEXT:]
        after = _CONTEXT_DROP.sub("", text[m.end() : m.end() + 12])[:CONTEXT]
        found.append((m.group(), before, after))
    return found


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def number_changes(old: str, new: str, figures: list[FigureChange]) -> list[FigureChange]:
    """Numbers substituted between the two texts that no figure change already covers.

    The numbers of each whole text are aligned by the text around them, not by their values
    (a repeated number, 建交50周年。50载, would pull a value alignment off course) and not
    paragraph by paragraph (a reprint that runs two paragraphs together must not hide a
    change); where the text around two aligned numbers is the same and the numbers differ,
    the number was changed.
    """
    covered = [(_nfkc(f.before), _nfkc(f.after)) for f in figures]
    a, b = _numbers(old), _numbers(new)
    contexts = SequenceMatcher(None, [x[1:] for x in a], [y[1:] for y in b], False)
    pairs = []
    for op, i1, i2, j1, j2 in contexts.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                if x[0] != y[0] and (x[1] == y[1] or x[2] == y[2]):
                    pairs.append((x[0], y[0]))
    return [
        FigureChange("number", "", x, y)
        for x, y in pairs
        if not any(x in fb and y in fa for fb, fa in covered)
    ]


def _names(facts: Enrichment) -> tuple[dict[str, str], dict[str, str]]:
    places = {p.code or p.text: p.text for p in facts.places}
    orgs = {o.name: o.name for o in facts.organisations}
    return places, orgs


def _removed(a: dict[str, str], b: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted({a[k] for k in a.keys() - b.keys()}))


def alterations(
    original: tuple[int, Article, Enrichment], reprint: tuple[int, Article, Enrichment]
) -> Alterations:
    """The structured diff of `reprint` against `original`, each as (id, article, facts)."""
    (old_id, old, old_facts), (new_id, new, new_facts) = original, reprint
    changed: list[tuple[str, str]] = []
    dropped: list[str] = []
    added: list[str] = []
    figures: list[FigureChange] = []
    if old.body != new.body or old.paragraphs != new.paragraphs:  # else an identical copy
        changed, dropped, added = diff_paragraphs(old, new)
        figures = diff_figures(old_facts.figures, new_facts.figures)
        figures += number_changes(old.body, new.body, figures)
    old_places, old_orgs = _names(old_facts)
    new_places, new_orgs = _names(new_facts)
    return Alterations(
        article_id=new_id,
        original_id=old_id,
        title_before=old.title,
        title_after=new.title,
        figures=tuple(figures),
        places_removed=_removed(old_places, new_places),
        places_added=_removed(new_places, old_places),
        organisations_removed=_removed(old_orgs, new_orgs),
        organisations_added=_removed(new_orgs, old_orgs),
        paragraphs_dropped=tuple(dropped),
        paragraphs_added=tuple(added),
        paragraphs_changed=tuple(changed),
    )

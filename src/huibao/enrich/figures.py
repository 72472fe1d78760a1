"""Figures: every stated quantity with its subject, period, change and 其中 (part-of) link.

Works on the normalised body (same length as the original) and its tagged tokens, sentence
by sentence. A change after a figure belongs to it (4321起，与去年同期相比下降6.2%); with
分别 its amounts go to the figures before it in order (2768起 … 1453起，同比分别下降5.3%和7.9%);
a change with no figure before it is a figure of its own (工业增加值同比增长4.4%).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from huibao.enrich.changes import ChangeMention, find_changes
from huibao.enrich.model import Change, Figure, Period, Span
from huibao.enrich.periods import carries, find_periods
from huibao.enrich.quantities import Quantity, find_quantities
from huibao.enrich.settings import EnrichSettings
from huibao.enrich.subjects import (
    caused,
    ends_with_noun,
    is_attributive,
    phrase_after,
    subject_after,
    subject_before,
    window_after,
)
from huibao.enrich.text import Token, paragraphs, sentences

# 其中 introduces the parts of the figure before it (seed: 4321起…其中…2768起…1453起; 31起，
# 其中28起…3起). 包括 is left out: work reports use it for lists of kinds, not parts.
PART_MARKERS = re.compile(r"其中")
# Text allowed between a figure and the change that follows it (just punctuation).
CHANGE_GAP = re.compile(r"^[\s,、:;]*$")
CLAUSE_BREAK = re.compile(r"[,;:。!?()\n]")
# Times we do not resolve; a sentence naming one does not inherit its paragraph's period.
TIME_MARKERS = re.compile(
    r"目前|近日|日前|眼下|当前|此前|近年|过去|未来|预计|计划|下一步|这几天|最近"
)


@dataclass(slots=True)
class _Draft:
    """A figure being assembled (mutable while the sentence is read)."""

    quantity: Quantity
    sentence: Span
    change: Change | None = None
    period: Period | None = None
    subject: str = ""


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    tokens: list[Token]
    starts: list[int]
    settings: EnrichSettings


def _sentence_of(spans: list[Span], starts: list[int], offset: int) -> Span:
    index = bisect.bisect_right(starts, offset) - 1
    return spans[index] if index >= 0 else (0, 0)


def _keep(quantity: Quantity, periods: list[Period], starts: set[int], taken: set[Span]) -> bool:
    start, end = quantity.span
    if quantity.span in taken or any(p.span[0] < end and start < p.span[1] for p in periods):
        return False
    number_start = start if not quantity.approx or quantity.approx[0] in "余多来" else None
    # A Chinese numeral must start a word: 统一部署 holds 一部 but is not a count.
    return not quantity.chinese or number_start is None or start in starts or start - 1 < 0


def _attach_change(drafts: list[_Draft], mention: ChangeMention, text: str) -> list[_Draft]:
    """Give the mention's changes to the figures before it; return drafts it creates."""
    start = mention.span[0]
    before = [
        d
        for d in drafts
        if d.quantity.span[1] <= start
        and d.sentence[0] <= start
        and d.sentence[1] >= start
        and d.change is None
    ]
    gap_from = before[-1].quantity.span[1] if before else start
    if _skips_ratio(before, mention):
        before = before[
            :-1
        ]  # 完成246.79亿元，完成年度计划82.3%，同比增长15.3%: not the ratio's change
    if before and CHANGE_GAP.match(text[gap_from:start]):
        targets = before[-len(mention.changes) :]
        for draft, change in zip(targets, mention.changes[-len(targets) :], strict=True):
            draft.change = change
        return []
    if not mention.amounts:  # 持平 with no figure before it: nothing to report
        return []
    return [
        _Draft(a, (0, 0), change=c) for a, c in zip(mention.amounts, mention.changes, strict=True)
    ]


def _skips_ratio(before: list[_Draft], mention: ChangeMention) -> bool:
    """A percent change after a percent figure belongs to the amount before it: ratios move in
    percentage points (个百分点), not percent."""
    single = len(mention.changes) == 1 and mention.changes[0].percent is not None
    return (
        single
        and len(before) >= 2
        and before[-1].quantity.unit == "%"
        and (before[-2].quantity.unit != "%" and before[-2].sentence == before[-1].sentence)
    )


def _period_for(draft: _Draft, periods: list[Period], paragraph: Span, text: str) -> Period | None:
    """The period stated before the figure in its sentence, else the latest one stated earlier
    in its paragraph (1至4月，…674亿件。其中，快递业务量…614.5亿件), unless the sentence names a
    time of its own that we cannot resolve (目前, 近日)."""
    start = draft.quantity.span[0]
    inside = [p for p in periods if draft.sentence[0] <= p.span[0] and p.span[1] <= start]
    if inside:
        return inside[-1]
    if TIME_MARKERS.search(text, draft.sentence[0], start):
        return None
    earlier = [p for p in periods if paragraph[0] <= p.span[0] and p.span[1] <= draft.sentence[0]]
    return earlier[-1] if earlier and carries(earlier[-1]) else None


def _subject(draft: _Draft, previous: _Draft | None, ctx: _Context) -> str:
    start, end = draft.quantity.span
    if draft.change is not None and draft.change.span[0] < start:
        start = draft.change.span[0]  # a change that is its own figure: 增加值同比增长4.4%
    cap = ctx.settings.subject_max_chars
    floor, after_figure = draft.sentence[0], False
    if previous is not None and previous.sentence == draft.sentence:
        ends = [e for _, e in _spans(previous) if e <= start]
        if ends and max(ends) >= floor:
            floor, after_figure = max(ends), True
    if draft.period is not None and draft.period.span[1] <= start:
        floor = max(floor, draft.period.span[1])
    before = subject_before(ctx.tokens, ctx.starts, start, floor, cap, verbs=not after_figure)
    window = window_after(ctx.text, end)
    if is_attributive(window, ends_with_noun(ctx.tokens, ctx.starts, start)):
        after = subject_after(window, cap)
        if after:
            return after
    if not before or caused(before):  # 其中28起已按期答复; 造成10人死亡: the subject follows
        before = phrase_after(window, cap) or before
    if not before and previous is not None:
        return previous.subject  # 打掉犯罪团伙24个78人: 78人 shares the subject
    return before


def _spans(draft: _Draft) -> list[Span]:
    return [draft.quantity.span] + ([draft.change.span] if draft.change else [])


def _part_links(drafts: list[_Draft], text: str) -> list[int | None]:
    """For each figure, the index of the total it is part of (其中 …), or None."""
    links: list[int | None] = [None] * len(drafts)
    markers = [m.start() for m in PART_MARKERS.finditer(text)]
    for pos, stop in zip(markers, [*markers[1:], len(text)][: len(markers)], strict=True):
        parents = [
            i
            for i, d in enumerate(drafts)
            if d.quantity.span[1] <= pos and d.sentence[0] <= pos <= d.sentence[1]
        ]
        if not parents:
            continue
        parent = drafts[parents[-1]]
        for i, draft in enumerate(drafts):
            if pos < draft.quantity.span[0] < stop and _is_part(draft, parent):
                links[i] = parents[-1]
    return links


def _is_part(draft: _Draft, parent: _Draft) -> bool:
    same_unit = draft.quantity.unit == parent.quantity.unit
    return (
        draft.sentence == parent.sentence
        and same_unit
        and draft.quantity.value <= parent.quantity.value
    )


def find_figures(
    text: str, original: str, tokens: list[Token], ref: date | None, settings: EnrichSettings
) -> list[Figure]:
    """Every figure in `text` (the normalised copy of `original`), in reading order."""
    ctx = _Context(text, tokens, [t.start for t in tokens], settings)
    spans = sentences(text)
    sentence_starts = [s[0] for s in spans]
    periods = find_periods(text, ref)
    mentions = find_changes(text)
    amounts = {a.span for m in mentions for a in m.amounts}
    token_starts = set(ctx.starts)
    drafts = [
        _Draft(q, _sentence_of(spans, sentence_starts, q.span[0]))
        for q in find_quantities(text)
        if _keep(q, periods, token_starts, amounts)
    ]
    for mention in mentions:
        for draft in _attach_change(drafts, mention, text):
            draft.sentence = _sentence_of(spans, sentence_starts, draft.quantity.span[0])
            drafts.append(draft)
        drafts.sort(key=lambda d: d.quantity.span)
    drafts = drafts[: settings.max_figures]
    blocks = paragraphs(text)
    block_starts = [b[0] for b in blocks]
    previous: _Draft | None = None
    for draft in drafts:
        block = _sentence_of(blocks, block_starts, draft.quantity.span[0])
        draft.period = _period_for(draft, periods, block, text)
        draft.subject = _subject(draft, previous, ctx)
        previous = draft
    return _build(drafts, _part_links(drafts, text), original)


def _build(drafts: list[_Draft], links: list[int | None], text: str) -> list[Figure]:
    figures: list[Figure] = []
    for draft, link in zip(drafts, links, strict=True):
        period = draft.period
        if period is None and link is not None:
            period = drafts[link].period  # parts share their total's period
        q = draft.quantity
        figures.append(
            Figure(
                q.value,
                q.unit,
                draft.subject,
                text[q.span[0] : q.span[1]],
                q.span,
                draft.sentence,
                q.approx,
                period,
                draft.change,
                link,
            )
        )
    return figures

"""Figures: every stated quantity with its subject, period, change and 其中 (part-of) link.

Works on the normalised body (same length as the original) and its tagged tokens, sentence
by sentence. A change after a figure belongs to it (4321起，与去年同期相比下降6.2%); with
分别 its amounts go to the figures before it in order (2768起 … 1453起，同比分别下降5.3%和7.9%);
a change with no figure before it is a figure of its own (工业增加值同比增长4.4%).
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from huibao.enrich.carry import carries, settle
from huibao.enrich.changes import ChangeMention, find_changes
from huibao.enrich.model import Change, Figure, Period, Span
from huibao.enrich.naming import (
    BASE_BEFORE,
    Context,
    Draft,
    distribute,
    name_figure,
)
from huibao.enrich.periods import find_periods
from huibao.enrich.quantities import Quantity, find_quantities
from huibao.enrich.settings import EnrichSettings
from huibao.enrich.text import SENTENCE_END, Tokens, paragraphs, sentences

# 其中 introduces the parts of the figure before it (seed: 4321起…其中…2768起…1453起; 31起，
# 其中28起…3起). 包括 is left out: work reports use it for lists of kinds, not parts.
PART_MARKERS = re.compile(r"其中")
# A comparison with another thing or time in a change's base (比二季度, 较封关前; not 同比).
COMPARED = re.compile(r"(?<![同环])(?:比|较)")
# Words for now: after a period in a figure's sentence they replace it (今年计划…1227个，目前已
# 开工改造937个, 新闻联播 2025-07-07).
NOW_MARKERS = re.compile(r"目前|眼下|当前|现在|如今")
# A period running from a point on (自2022年…以来), which a later 截至 closes.
SINCE = re.compile(r"以来|^[自从]")
# Text allowed between a figure and the change that follows it (just punctuation).
CHANGE_GAP = re.compile(r"^[\s,、:;]*$")
# A change stated before its figure, which a linking verb then gives (国内生产总值比上年增长
# 9.1%，达到11.67万亿元; 进出口总额比上年增长37.1%，达到8512亿美元: the 2004 work report).
LEVEL_AFTER = re.compile(r"\s*,?\s*(?:达到|达|为|增至|增加到|提高到|升至)\s*")
# Units of rates: a change in a count (比上年增加60万人) is not the change of a rate before it
# (就业率去年底达到 83%, the 2004 work report), but a figure of its own.
RATES = frozenset({"%", "‰", "个百分点", "个基点", "倍"})
# A period this many years before the article is a date of history (1943年12月, 新闻联播
# 2025-07-06 on Huarong county): it does not carry to the figures of later sentences.
HISTORY_YEARS = 10
# A sentence opening with 其中 breaks down the sentence before, in its period (2019年…用户规模
# 已经达到1.5亿人次。其中，…4家头部企业的市场份额占比分别为28.6%…, thepaper.cn 2019).
PARTS_OPENING = "其中"
# Times we do not resolve; a sentence naming one does not inherit its paragraph's period.
TIME_MARKERS = re.compile(
    r"目前|近日|日前|眼下|当前|如今|此前|近年|过去|未来|预计|计划|下一步|这几天|最近"
)


def _sentence_of(spans: list[Span], starts: list[int], offset: int) -> Span:
    index = bisect.bisect_right(starts, offset) - 1
    return spans[index] if index >= 0 else (0, 0)


def _keep(quantity: Quantity, in_period: bytearray, starts: list[int], taken: set[Span]) -> bool:
    """Not a change's amount, not inside a period, and a Chinese numeral starts a word
    (统一部署 holds 一部 but counts nothing). `starts` are the token starts, sorted."""
    start, end = quantity.span
    if quantity.span in taken or in_period.find(1, start, end) != -1:
        return False
    if not quantity.chinese or start == 0:
        return True
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] == start


def _mask(length: int, periods: list[Period]) -> bytearray:
    mask = bytearray(length)
    for period in periods:
        mask[period.span[0] : period.span[1]] = b"\x01" * (period.span[1] - period.span[0])
    return mask


def _attach_change(drafts: list[Draft], mention: ChangeMention, text: str) -> list[Draft]:
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
    # 为2519.3亿元，比2017年的2073.5亿元增长21.5%: the change is the figure's, not its base's
    before = [d for d in before if not d.base]
    # 完成246.79亿元，完成年度计划82.3%，同比增长15.3%: the change is not the ratio's
    if _skips_ratio(before, mention):
        before = before[:-1]
    if before and _unit_clash(before[-1], mention):
        before = []
    if before and CHANGE_GAP.match(text[gap_from:start]):
        targets = before[-len(mention.changes) :]
        for draft, change in zip(targets, mention.changes[-len(targets) :], strict=True):
            draft.change = change
        return []
    if not mention.amounts:  # 持平 with no figure before it: nothing to report
        return []
    level = _level_after(drafts, mention, text)
    if level is not None:
        level.change = mention.changes[0]
        return []
    return [
        Draft(a, (0, 0), change=None if _difference(text, mention, c) else c)
        for a, c in zip(mention.amounts, mention.changes, strict=True)
    ]


def _unit_clash(draft: Draft, mention: ChangeMention) -> bool:
    """True when a rate is followed by a change in a count (达到 83%，比上年增加60万人)."""
    unit = mention.changes[0].unit
    return draft.quantity.unit in RATES and bool(unit) and unit not in RATES


def _level_after(drafts: list[Draft], mention: ChangeMention, text: str) -> Draft | None:
    """The figure a linking verb gives right after a change with no figure before it
    (比上年增长9.1%，达到11.67万亿元), when it is no rate itself."""
    if len(mention.changes) != 1 or mention.changes[0].percent is None:
        return None
    end = mention.span[1]
    after = [d for d in drafts if d.quantity.span[0] >= end and d.change is None]
    if not after or after[0].quantity.unit in RATES:
        return None
    gap = LEVEL_AFTER.fullmatch(text, end, after[0].quantity.span[0])
    return after[0] if gap is not None else None


def _difference(text: str, mention: ChangeMention, change: Change) -> bool:
    """A change compared with something other than the same period before (比二季度提高2.8个
    百分点, 增速比上年的26.1%回落4.6个百分点, 新闻联播 2024-08-18 and guancha.cn 2019) is a
    difference between two figures: a figure of its own, with no change."""
    base = text[mention.span[0] : mention.amounts[0].span[0]]
    other = change.kind == "" or "的" in base  # not 较去年同期下滑4.51个百分点 (a change)
    return change.unit == "个百分点" and other and COMPARED.search(base) is not None


def _skips_ratio(before: list[Draft], mention: ChangeMention) -> bool:
    """A percent change after a percent figure belongs to the amount before it: ratios move in
    percentage points (个百分点), not percent."""
    single = len(mention.changes) == 1 and mention.changes[0].percent is not None
    return (
        single
        and len(before) >= 2
        and before[-1].quantity.unit == "%"
        and (before[-2].quantity.unit != "%" and before[-2].sentence == before[-1].sentence)
    )


def _sentence_start(paragraph: Span, position: int, text: str) -> int:
    """Start of the sentence of `paragraph` holding `position`: after the last sentence end
    before it in the paragraph, else the paragraph's start. (No sentence end runs across a
    paragraph's start, so this scan finds the ends one from the text's start would.)"""
    found = [m.end() for m in SENTENCE_END.finditer(text, paragraph[0], position)]
    return found[-1] if found else paragraph[0]


def _bounded(periods: list[Period], text: str) -> Period:
    """The last period, cut at an earlier 截至 in the same sentence that ends inside it
    (截止到2025年6月底，"十四五"期间… -> 2021-01-01..2025-06-30)."""
    last = periods[-1]
    since = [p for p in periods[:-1] if SINCE.search(p.text) or p.span[1] == last.span[0]]
    first = since[-1].start if since else None
    if last.start is None and last.end is not None and first is not None and first <= last.end:
        # 自2022年启动实施…以来，截至2025年9月底 (新闻联播 2025-10-22): from one to the other;
        # 今年截至7月底 (新闻联播 2024-08-18): from the year's start
        span = (since[-1].span[0], last.span[1])
        return Period(text[span[0] : span[1]], span, first, last.end)
    until = [p for p in periods[:-1] if p.start is None and p.end is not None]
    if not until or last.start is None or last.end is None:
        return last
    end = until[-1].end
    if end is None or not last.start <= end < last.end:
        return last
    span = (until[-1].span[0], last.span[1])
    return Period(text[span[0] : span[1]], span, last.start, end)


def _period_for(
    draft: Draft, periods: list[Period], paragraph: Span, text: str, ref: date | None
) -> Period | None:
    """The period stated before the figure in its sentence, else the latest one stated earlier
    in its paragraph (1至4月，…674亿件。其中，快递业务量…614.5亿件), unless the sentence names a
    time of its own that we cannot resolve (目前, 近日)."""
    start = draft.quantity.span[0]
    stated = [p for p in periods if draft.sentence[0] <= p.span[0] and p.span[1] <= start]
    inside = [p for p in stated if not _event_day(p)]
    if inside and NOW_MARKERS.search(text, inside[-1].span[1], start):
        return None  # 今年计划新开工改造…1227个，目前已开工改造937个: now, not this year
    if inside:
        return _bounded(inside, text)
    if stated:  # 8月13日，72岁的徐阿婆…报案，称被诈骗了139万元: the day of an event
        return None
    if TIME_MARKERS.search(text, draft.sentence[0], start):
        return None
    earlier = [p for p in periods if paragraph[0] <= p.span[0] and p.span[1] <= draft.sentence[0]]
    if text.startswith(PARTS_OPENING, draft.sentence[0]):
        before = _last_sentence(earlier, paragraph, draft.sentence[0], text)
        if before:
            return _bounded(before, text)
    carrying = [
        p
        for p in earlier
        if (carries(p, text, draft.sentence[0]) or _opens(p, paragraph, text))
        and not _historical(p, ref)
    ]
    if not carrying:
        return None
    last = carrying[-1]  # 今年前八个月，…，已接近去年全年水平；…销量超过1.8万台: 去年 is a base
    from_start = _sentence_start(paragraph, last.span[0], text)
    return _bounded([p for p in earlier if from_start <= p.span[0] <= last.span[0]], text)


def _last_sentence(earlier: list[Period], paragraph: Span, start: int, text: str) -> list[Period]:
    """The periods of the sentence ending right before `start` (no single days: events)."""
    first = _sentence_start(paragraph, max(paragraph[0], start - 1), text)
    return [p for p in earlier if p.span[0] >= first and not _event_day(p)]


def _historical(period: Period, ref: date | None) -> bool:
    end = period.end
    return ref is not None and end is not None and end.year < ref.year - HISTORY_YEARS


def _event_day(period: Period) -> bool:
    """A single day named by its date (4月10日, 8月15日下午) dates an event in the tuning texts,
    never the span a figure covers; 今天 does (中秋国庆假期…今天, 新闻联播)."""
    day = period.start is not None and period.start == period.end
    return day and period.text.endswith("日") and not period.text.endswith(("今日", "昨日"))


def _opens(period: Period, paragraph: Span, text: str) -> bool:
    """A period that opens its paragraph before a comma covers the paragraph (2025年，…；…)."""
    return period.span[0] == paragraph[0] and text.startswith(",", period.span[1])


def _part_links(drafts: list[Draft], text: str) -> list[int | None]:
    """For each figure, the index of the total it is part of (其中 …), or None."""
    links: list[int | None] = [None] * len(drafts)
    starts = [d.quantity.span[0] for d in drafts]
    ends = [d.quantity.span[1] for d in drafts]
    markers = [m.start() for m in PART_MARKERS.finditer(text)]
    for pos, stop in zip(markers, [*markers[1:], len(text)][: len(markers)], strict=True):
        parent = _parent(drafts, ends, text, pos)
        if parent is None:
            continue
        for i in range(bisect.bisect_right(starts, pos), bisect.bisect_left(starts, stop)):
            if _is_part(drafts[i], drafts[parent], pos):
                links[i] = parent
    return links


def _parent(drafts: list[Draft], ends: list[int], text: str, pos: int) -> int | None:
    """The total a 其中 at `pos` breaks down: the last figure before it in its sentence, or in
    the sentence just before when 其中 opens a sentence (…674亿件，同比增长18.3%。其中，快递…)."""
    index = bisect.bisect_right(ends, pos) - 1
    if index < 0:
        return None
    last = drafts[index]
    if last.sentence[0] <= pos <= last.sentence[1]:
        return index
    between = text[last.sentence[1] : pos]
    return index if len(between) <= 2 and "\n" not in between else None


def _is_part(draft: Draft, parent: Draft, marker: int) -> bool:
    """Same unit, no larger, and in the sentence of the 其中 at `marker`."""
    same_unit = draft.quantity.unit == parent.quantity.unit
    in_sentence = draft.sentence[0] <= marker <= draft.sentence[1]
    return in_sentence and same_unit and draft.quantity.value <= parent.quantity.value


def find_figures(
    text: str,
    original: str,
    tokens: Tokens,
    ref: date | None,
    settings: EnrichSettings,
    spans: list[Span] | None = None,
    blocks: list[Span] | None = None,
) -> list[Figure]:
    """Every figure in `text` (the normalised copy of `original`), in reading order.

    `spans` and `blocks` are the sentences and paragraphs of `text` when the caller has them
    already."""
    ctx = Context(text, tokens, tokens.starts, settings)
    spans = sentences(text) if spans is None else spans
    quantities = find_quantities(text)[: settings.max_figures * 2]
    mentions = find_changes(text)
    blocks = paragraphs(text) if blocks is None else blocks
    block_starts = [b[0] for b in blocks]
    held = [q.span[0] for q in quantities] + [m.span[0] for m in mentions]
    regions = sorted({_sentence_of(blocks, block_starts, pos) for pos in held})
    # only paragraphs holding figures need them; as many as the quantities kept, at most
    periods = find_periods(text, ref, regions, limit=settings.max_figures * 2)
    drafts = _drafts(ctx, spans, periods, quantities, mentions)
    previous: Draft | None = None
    for draft in drafts:
        block = _sentence_of(blocks, block_starts, draft.quantity.span[0])
        draft.period = _period_for(draft, periods, block, text, ref)
        draft.subject = name_figure(draft, previous, ctx)
        previous = draft
    settled = settle([(d.quantity.span, d.sentence, d.period) for d in drafts], periods, text, ref)
    for draft, period in zip(drafts, settled, strict=True):
        draft.period = period
    distribute(drafts, text)
    return _build(drafts, _part_links(drafts, text), original)


def _drafts(
    ctx: Context,
    spans: list[Span],
    periods: list[Period],
    quantities: list[Quantity],
    mentions: list[ChangeMention],
) -> list[Draft]:
    """The quantities that are figures, with the changes stated after them, in order."""
    text, cap = ctx.text, ctx.settings.max_figures
    starts = [s[0] for s in spans]
    amounts = {a.span for m in mentions for a in m.amounts}
    in_period = _mask(len(text), periods)
    drafts = [
        Draft(q, _sentence_of(spans, starts, q.span[0]))
        for q in quantities
        if _keep(q, in_period, ctx.starts, amounts)
    ]
    for draft in drafts:
        start = draft.quantity.span[0]
        draft.base = bool(BASE_BEFORE.search(text, max(draft.sentence[0], start - 12), start))
    by_sentence: dict[Span, list[Draft]] = {}
    for draft in drafts:
        by_sentence.setdefault(draft.sentence, []).append(draft)
    for mention in mentions[:cap]:
        sentence = _sentence_of(spans, starts, mention.span[0])
        for draft in _attach_change(by_sentence.get(sentence, []), mention, text):
            draft.sentence = _sentence_of(spans, starts, draft.quantity.span[0])
            drafts.append(draft)
    return sorted(drafts, key=lambda d: d.quantity.span)[:cap]


def _build(drafts: list[Draft], links: list[int | None], text: str) -> list[Figure]:
    figures: list[Figure] = []
    for draft, link in zip(drafts, links, strict=True):
        period = draft.period
        if period is None and link is not None:
            period = drafts[link].period  # parts share their total's period
        if period is not None:  # the words as the article wrote them (spans are shared)
            span = period.span
            period = Period(text[span[0] : span[1]], span, period.start, period.end)
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

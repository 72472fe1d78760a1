"""Naming figures: the subject phrase of each figure, read from the words around it.

The subject walk itself is in `subjects.py` (words before the number, noun phrases after the
unit); this module decides which of them names a figure, in the order docs/enrich.md gives
(comparisons, bases, counts of events and people, relative clauses, attributes, the clause
before, the figure before), and splits a shared subject that lists as many things as there
are figures (分别).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from huibao.enrich.model import Change, Period, Span
from huibao.enrich.quantities import Quantity
from huibao.enrich.settings import EnrichSettings
from huibao.enrich.subjects import (
    EVENT_UNITS,
    PERSON_UNITS,
    RELATIVE_WINDOW,
    caused,
    clean,
    counted_after,
    dimension_before,
    ends_with_noun,
    existential_before,
    has_noun,
    is_attributive,
    leading_noun_phrase,
    measure_before,
    names_place,
    noun_phrase_after,
    only_scope,
    phrase_after,
    subject_after,
    subject_before,
    verb_after,
    verb_before,
    words_after,
)
from huibao.enrich.text import Tokens

# A difference named by its comparison, right before the figure: 比上月加快2个百分点,
# 比前10个月加快0.1个百分点, 比"十三五"期间高出15.1个百分点 (新闻联播), 快于商品零售额14.2个百分点.
COMPARISON = re.compile(
    r"(?:比|较|快于|慢于|高于|低于)[^,;:。!?%]{1,12}?(?:加快|放缓|高出|低|高|快|慢|多|少)"
    r"(?:了)?$"
)
CLAUSE_BREAK = re.compile(r"[,;:。!?()\n]")
# A base value of a comparison (比2017年的2073.5亿元, 增速比上年的26.1%, guancha.cn 2019).
BASE_BEFORE = re.compile(r"(?:比|较)[^,;。!?%]{0,8}的$")
# Words that name two things counted in turn (汽车产销分别完成756.1万辆和747万辆, 新闻联播
# 2025-04-11; 汽车产销量分别为241万辆和243.9万辆, 2024-02-27; 进出口, work reports).
PAIRS = {"产销量": ("产量", "销量"), "产销": ("产", "销"), "进出口": ("进口", "出口")}
RESPECTIVELY = "分别"
LIST_SPLIT = re.compile(r"、|和|与|及")
ENUMERATION = re.compile(r"、")
# A figure exclaimed on its own and named by the next sentence (471495亿元！这是2023年我国社会
# 消费品零售总额，同比增长7.2%。 新闻联播 2024-01-21).
THIS_IS = re.compile(r"[!！]?\s*这(?:就)?是")


@dataclass(slots=True)
class Draft:
    """A figure being assembled (mutable while the sentence is read)."""

    quantity: Quantity
    sentence: Span
    change: Change | None = None
    period: Period | None = None
    subject: str = ""
    base: bool = False  # the base of a comparison (比2017年的2073.5亿元), never given a change


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    tokens: Tokens
    starts: list[int]
    settings: EnrichSettings


def name_figure(draft: Draft, previous: Draft | None, ctx: Context) -> str:
    """The subject of `draft`; `previous` is the figure before it in reading order."""
    start = draft.quantity.span[0]
    if draft.change is not None and draft.change.span[0] < start:
        start = draft.change.span[0]  # a change that is its own figure: 增加值同比增长4.4%
    cap = ctx.settings.subject_max_chars
    clause_floor, adjacent = _clause_start(ctx.text, draft, previous, start)
    floor = clause_floor
    if draft.period is not None and draft.period.span[1] <= start:
        floor = max(floor, draft.period.span[1])
    comparison = COMPARISON.search(ctx.text, floor, start)
    if comparison:  # 比上月加快2个百分点: the figure is a difference, named by its comparison
        return comparison.group().strip('"“” ')
    base = BASE_BEFORE.search(ctx.text, floor, start)
    if base:  # 比2017年的2073.5亿元: a base value, named before 比 or by the figure before
        named = subject_before(ctx.tokens, ctx.starts, base.start(), floor, cap)
        return named or (previous.subject if previous is not None else "")
    before = subject_before(ctx.tokens, ctx.starts, start, floor, cap, verbs=not adjacent)
    period = draft.period
    if period and floor > clause_floor and not _has_noun(ctx, start, floor, cap):
        # 民政部门今年将投入约10亿元: the period sits between the subject and its verb
        words = (ctx.tokens, ctx.starts, period.span[0], clause_floor, cap)
        lead = subject_before(*words, verbs=False)
        before = lead + before
    dimension = "" if before else dimension_before(ctx.tokens, ctx.starts, draft.quantity.span[0])
    if dimension:
        return dimension  # 长330多米的尺寸: the length is measured
    after = _after_subject(draft, before, ctx, start)
    if not after and names_place(before) and only_scope(before):
        # 为科创企业提供的产品应用场景，今年深圳已经发布了30个: the topic was put first
        tail = _clause_tail(ctx, clause_floor, start)
        after = tail if not only_scope(tail) else ""
    if after or before:
        return after or before
    return _unnamed(draft, previous, ctx, (clause_floor, floor, start), adjacent)


def _unnamed(
    draft: Draft, previous: Draft | None, ctx: Context, bounds: tuple[int, int, int], adjacent: bool
) -> str:
    """The subject of a figure whose own words name nothing (`bounds`: the clause's start, where
    its words may begin, the figure's start)."""
    clause_floor, floor, start = bounds
    if adjacent and previous is not None:
        return previous.subject  # 打掉犯罪团伙24个78人: 78人 shares the subject
    tail = _clause_tail(ctx, clause_floor, start)
    if tail:  # 今年在冷链设施方面的投入，将超过5000万元: the clause before names it
        return tail
    if previous is not None and previous.sentence == draft.sentence:
        return previous.subject
    this = THIS_IS.match(ctx.text, draft.quantity.span[1])  # 471495亿元！这是…零售总额
    if this:
        stop = CLAUSE_BREAK.search(ctx.text, this.end())
        limit = stop.start() if stop else len(ctx.text)
        return leading_noun_phrase(ctx.tokens, ctx.starts, this.end(), limit)
    return _topic(ctx, draft.sentence[0], floor)


def _clause_tail(ctx: Context, floor: int, start: int) -> str:
    """The nouns ending the clause before the figure's own, when the figure's clause opens with
    nothing but linking words (…的投入，将超过5000万元; 进口继续扩大，突破3000亿美元)."""
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(ctx.text, floor, start)]
    if not breaks or ctx.text[breaks[-1]] not in ",;":
        return ""
    cap = ctx.settings.subject_max_chars
    return subject_before(ctx.tokens, ctx.starts, breaks[-1], floor, cap, verbs=False)


def _after_subject(draft: Draft, before: str, ctx: Context, start: int) -> str:
    """The subject stated after the unit, when the words there name what is counted: a verb
    after a count of events or people, a noun phrase the figure qualifies, or what a verb of
    cause leads to (造成10人死亡)."""
    end, unit, cap = draft.quantity.span[1], draft.quantity.unit, ctx.settings.subject_max_chars
    existential = existential_before(ctx.tokens, ctx.starts, draft.quantity.span[0])
    if unit in EVENT_UNITS or existential or (unit in PERSON_UNITS and only_scope(before)):
        verb = verb_after(words_after(ctx.tokens, ctx.text, end, RELATIVE_WINDOW), cap)
        if verb and existential and not only_scope(before):
            return clean(before + verb)  # 16条地铁线路有10条停运: the lines that stopped
        if verb:
            return verb
    window = words_after(ctx.tokens, ctx.text, end)
    if unit == "%" and window and window[0].word == "由":  # 30%由外资企业贡献: the agent
        return phrase_after(window, cap)
    qstart = draft.quantity.span[0]
    relative = qstart > 0 and ctx.text[qstart - 1] == "的"  # 公安部下发的156条…线索
    if relative or verb_before(ctx.tokens, ctx.starts, qstart):
        phrase = noun_phrase_after(window, cap, leading_verb=relative)
        if phrase:
            return phrase
    if window and window[0].word == "的" and not has_noun(before):  # 95亿人次的跨区域人员流动
        phrase = noun_phrase_after(window, cap, leading_verb=True)
        if phrase:
            return phrase
    # (is_attributive reads noun_before only after 的 and another word; each test is run only
    # when its answer counts)
    noun_before = (
        len(window) > 1 and window[0].word == "的" and ends_with_noun(ctx.tokens, ctx.starts, start)
    )
    if is_attributive(window, noun_before) and not measure_before(ctx.tokens, ctx.starts, qstart):
        after = subject_after(window, cap)
        if after:
            return after
    if not before or caused(before) or counted_after(draft.quantity, ctx.text):  # 两处…基地
        return noun_phrase_after(window, cap, leading_verb=True) or phrase_after(window, cap)
    return ""


def _clause_start(text: str, draft: Draft, previous: Draft | None, start: int) -> tuple[int, bool]:
    """Where the words naming a figure may begin: its sentence, or the end of the figure (or
    change) before it in the sentence; and whether that figure is in the same clause (joined
    by 、 or 和 or nothing: 打掉犯罪团伙24个78人, 造成10人死亡、上千人受伤), so that the two
    share one subject."""
    if previous is not None and previous.sentence == draft.sentence:
        ends = [e for _, e in draft_spans(previous) if e <= start]
        if ends and max(ends) >= draft.sentence[0]:
            gap_start = max(ends)
            adjacent = CLAUSE_BREAK.search(text, gap_start, start) is None
            listed = text.rfind("、", gap_start, start) if adjacent else -1
            if listed != -1:  # 带动超37万人、增收6.7亿余元: each names its own after 、
                return listed + 1, False
            return gap_start, adjacent
    return draft.sentence[0], False


def _topic(ctx: Context, sentence_start: int, clause_start: int) -> str:
    """The noun phrase opening the clause before the figure's own (中小企业内贸指数持续回升，
    12月为51.4%): the sentence's topic, when the figure's clause names none."""
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(ctx.text, sentence_start, clause_start)]
    if len(breaks) < 1:
        return ""
    start = breaks[-2] if len(breaks) >= 2 else sentence_start
    return leading_noun_phrase(ctx.tokens, ctx.starts, start, breaks[-1])


def _has_noun(ctx: Context, start: int, floor: int, cap: int) -> bool:
    """Whether the words between `floor` and `start` name something (not just a verb)."""
    return bool(subject_before(ctx.tokens, ctx.starts, start, floor, cap, verbs=False))


def distribute(drafts: list[Draft], text: str) -> None:
    """Figures of one sentence sharing a subject that lists as many things, with 分别 before
    them, count those things in turn: 汽车产销分别完成756.1万辆和747万辆, 受益企业和返还资金
    分别是…1.8倍和1.9倍, 民用钢质船舶、发电机组、城市轨道车辆等产品产量分别增长… (新闻联播)."""
    index = 0
    while index < len(drafts):
        first = drafts[index]
        group = [first]
        for draft in drafts[index + 1 :]:
            if draft.sentence != first.sentence or draft.subject != first.subject:
                break
            group.append(draft)
        index += len(group)
        if len(group) < 2 or RESPECTIVELY not in text[first.sentence[0] : first.quantity.span[0]]:
            continue
        for draft, part in zip(group, _parts(first.subject, len(group)), strict=False):
            draft.subject = part


def _parts(subject: str, count: int) -> list[str]:
    """`count` subjects from one that lists them (产销 -> 产, 销; A、B等产品产量 -> A产品产量,
    B产品产量); none when the list has another length."""
    pair = next((p for p in PAIRS if p in subject), None)
    if pair is not None and count == 2:
        return [subject.replace(pair, part) for part in PAIRS[pair]]
    head, _, tail = subject.rpartition("等") if "等" in subject else (subject, "", "")
    for splitter in (ENUMERATION, LIST_SPLIT):  # 、 first: 纺织服装鞋帽制造业、造纸及纸制品业
        items = [item for item in splitter.split(head) if item]
        if len(items) == count:
            return [item + tail for item in items]
    return []


def draft_spans(draft: Draft) -> list[Span]:
    return [draft.quantity.span] + ([draft.change.span] if draft.change else [])

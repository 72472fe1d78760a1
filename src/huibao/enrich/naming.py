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

from huibao.enrich.after_unit import (
    AMONG_AFTER,
    POSTPOSITIONS,
    RELATIVE_WINDOW,
    is_attributive,
    noun_phrase_after,
    people_share,
    phrase_after,
    relative_head,
    skip_class,
    subject_after,
    verb_after,
    words_after,
)
from huibao.enrich.forms import (
    LISTED_BEFORE,
    converted,
    multiple_of,
    noun_then_verb,
    people_after_places,
    sized_after,
    spent_on,
    verb_object,
)
from huibao.enrich.model import Change, Period, Span
from huibao.enrich.quantities import UNITS, Quantity
from huibao.enrich.settings import EnrichSettings
from huibao.enrich.subjects import (
    EVENT_UNITS,
    MOVE_TO,
    PERSON_UNITS,
    SHARE_UNITS,
    caused,
    clean,
    counted_after,
    dimension_before,
    ends_with_noun,
    existential_before,
    has_noun,
    leading_noun_phrase,
    measure_before,
    names_place,
    only_scope,
    preposition_before,
    subject_before,
    verb_before,
)
from huibao.enrich.text import Token, Tokens

# A difference named by its comparison, right before the figure: 比上月加快2个百分点,
# 比前10个月加快0.1个百分点, 比"十三五"期间高出15.1个百分点 (新闻联播), 快于商品零售额14.2个百分点.
# (not the 比 of 比重, 比例 or 比率: 占全国企业销售收入比重比2022年提高0.5个百分点, 新闻联播
# 2024-01-18, is named from the second 比; session 6)
COMPARISON = re.compile(
    r"(?:比(?![重例率])|较|快于|慢于|高于|低于)[^,;:。!?%]{1,12}?(?:加快|放缓|高出|低|高|快|慢|多|少)"
    r"(?:了)?$"
)
CLAUSE_BREAK = re.compile(r"[,;:。!?()\n]")
CLAUSE_STOP = re.compile(r"[,;:。!?\n]")
# A figure in brackets closed right before the next figure's words (严重下滑（超过30%）仅占6.5%,
# guancha.cn 2019 on Dongguan exporters): an aside, not the start of the next one's clause.
ASIDE_END = re.compile(r"[\s\"“”]*\)")
# A base value of a comparison (比2017年的2073.5亿元, 增速比上年的26.1%, guancha.cn 2019).
BASE_BEFORE = re.compile(r"(?:比|较)[^,;。!?%]{0,8}的$")
# Words that name two things counted in turn (汽车产销分别完成756.1万辆和747万辆, 新闻联播
# 2025-04-11; 汽车产销量分别为241万辆和243.9万辆, 2024-02-27; 进出口, work reports).
PAIRS = {"产销量": ("产量", "销量"), "产销": ("产", "销"), "进出口": ("进口", "出口")}
RESPECTIVELY = "分别"
LIST_SPLIT = re.compile(r"、|和|与|及")
ENUMERATION = re.compile(r"、")
# The denominator of a rate right before its number (超发电价将分别提高至每兆瓦时280元, a 2005
# report on East China's power prices; 全国夏粮单产实现每亩375.2公斤, 新闻联播 2024-07-12): no
# part of what is counted, so the subject is read before it.
_PER_TEXT = "兆瓦时 年 月 周 日 秒 秒钟"
_PER_UNITS = "|".join(sorted({*UNITS, *_PER_TEXT.split()}, key=len, reverse=True))
# 年均 and its kin are rates too (全社会研发经费投入年均增长10%以上, 日均8.64万车次, 户均每年
# 减少约3200元: 新闻联播 2025).
RATE_BEFORE = re.compile(f"(?:每(?:{_PER_UNITS})|[年日月户亩]均)$")
# …written after the number instead (由原来的0.328元／千瓦时（含税）提高至0.338元, the same
# report): the denominator belongs to the figure before, not to the next one's words.
SAME_OR_LAST = ("同", "环")
RATE_AFTER = re.compile(rf"\s*(?:/|每)\s*(?:{_PER_UNITS})")  # 从2270立方米每秒提高至7000立方米
# An apposition: 社会物流总额，即物流运行中的实物商品价值总和为171.3万亿元 (新闻联播
# 2025-07-29): the figure belongs to the name before 即, which the clause after it explains.
APPOSITION = re.compile(r"\s*即(?![将使便可时刻])")
# A clause that only qualifies how a figure is reckoned (农村居民人均纯收入，考虑价格下降因素，
# 比上年实际增长4·3％, the 1999 work report; 扣除价格因素, 按可比价格计算): it names nothing.
QUALIFIER = re.compile(
    r"\s*(?:考虑|扣除|剔除|按|按照|如按|若按)[^,;。]{0,14}(?:因素|计算|口径|来看|看)\s*$"
)
# A verb of change alone before a level names the move, not what moved (由原来的0.328元／千瓦时
# 提高至0.338元, a 2005 power-price report; 粮食产量1.37万亿斤，增产74亿斤, the 2023 work report).
DIRECTION_ONLY = re.compile(
    r"(?:再|又|还|新|共|累计)?"
    r"(?:提高|增长|增加|增产|减产|下降|减少|上升|降低|上涨|下跌|回落|提升|扩大|缩小|上调|下调)了?"
)
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
    start = _words_end(ctx.text, start, floor)
    comparison = COMPARISON.search(ctx.text, floor, start)
    if comparison:  # 比上月加快2个百分点: the figure is a difference, named by its comparison
        return comparison.group().strip('"“” ')
    base = BASE_BEFORE.search(ctx.text, floor, start)
    if base:  # 比2017年的2073.5亿元: a base value, named before 比 or by the figure before
        named = subject_before(ctx.tokens, ctx.starts, base.start(), floor, cap)
        return named or (previous.subject if previous is not None else "")
    by_form = _by_form(draft, previous, ctx, start)
    if by_form:
        return by_form
    before = subject_before(ctx.tokens, ctx.starts, start, floor, cap, verbs=not adjacent)
    before = _apposed(ctx, floor, start) or _revised(before, draft, previous)
    if adjacent and previous is not None and _people_after_places(ctx.text, draft, previous):
        # 转移安置19个乡镇20多万人 (新闻联播 2023-08-01): people after a count named by the noun
        # after its classifier are named by the verb before both (session 5, second round)
        before = _verb_before(ctx, previous, draft.sentence[0]) or before
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
    if (
        not after
        and names_place(before)
        and only_scope(before)
        and not measure_before(ctx.tokens, ctx.starts, draft.quantity.span[0])  # 地下700米
    ):
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


def _people_after_places(text: str, draft: Draft, previous: Draft) -> bool:
    """`forms.people_after_places` for two drafts."""
    return draft.quantity.unit in PERSON_UNITS and people_after_places(
        text, previous.subject, previous.quantity.span[1], draft.quantity.span[0]
    )


def _verb_before(ctx: Context, draft: Draft, floor: int) -> str:
    """The words before `draft` when they end with a verb (廊坊市转移安置19个乡镇), else empty."""
    start = draft.quantity.span[0]
    if not verb_before(ctx.tokens, ctx.starts, start):
        return ""
    return subject_before(ctx.tokens, ctx.starts, start, floor, ctx.settings.subject_max_chars)


def _words_end(text: str, start: int, floor: int) -> int:
    """Where the words naming a figure that starts at `start` end: before the denominators of a
    rate (每兆瓦时280元, 每人每年6848元, 年均增长10%以上) and before the 同 of 同比."""
    if text[start : start + 1] == "均":  # a change opening with 均 (年均增长10%以上)
        start += 1
    for _ in range(2):  # 低保平均标准达到每人每年6848元 (新闻联播): two denominators
        per = text.rfind("每", max(floor, start - 5), start)
        if per == -1 and text[start - 1 : start] == "均":
            per = start - 2
        rate = RATE_BEFORE.match(text, per, start) if per >= floor else None
        if not rate:
            break
        start = rate.start()
    if text[start - 1 : start] in SAME_OR_LAST and text.startswith("比", start):
        start -= 1  # 国内机票预订量同比去年增长80%以上 (新闻联播): 同 is the change's
    return start


def _by_form(draft: Draft, previous: Draft | None, ctx: Context, start: int) -> str:
    """The subject that the form of the words around a figure gives (session 5, second round,
    `forms.py`): a conversion restates the figure before it (100万美元(约合人民币711万元)), a
    multiple is X's in X是Y的N倍 (the figure before's when X is 这一数字), a length with a size
    adjective measures the noun after it (44米深的水池)."""
    same = previous is not None and previous.sentence == draft.sentence
    if same and previous is not None and converted(ctx.text, previous.quantity.span[1], start):
        return previous.subject
    cap = ctx.settings.subject_max_chars
    if draft.quantity.unit == "倍":
        words = (ctx.tokens, ctx.starts, ctx.text)
        named, anaphor = multiple_of(*words, draft.sentence[0], start, cap)
        return (previous.subject if previous is not None else "") if anaphor else named
    return sized_after(ctx.tokens, ctx.text, draft.quantity, cap)


def _revised(before: str, draft: Draft, previous: Draft | None) -> str:
    """The words before a figure without the base of a multiple, a lone verb of change, or the
    verb of a move whose start the figure before names."""
    if draft.quantity.unit == "倍" and "是" in before[1:]:
        before = before[: before.rindex("是")]  # 常住人口是2016年的10倍 (新闻联播): the base
    if DIRECTION_ONLY.fullmatch(before):
        return ""  # 提高至0.338元: the move is no subject
    if MOVE_TO.match(before) and previous is not None and previous.sentence == draft.sentence:
        # 此项支出从2006年20.5亿元增加到去年的98亿元 (the 2008 work report): the end of a
        # move is named like its start
        return previous.subject
    return before


def _apposed(ctx: Context, floor: int, start: int) -> str:
    """The name before 即 opening the figure's clause (社会物流总额，即…为171.3万亿元)."""
    comma = max(ctx.text.rfind(",", floor, start), ctx.text.rfind("，", floor, start))
    if comma <= floor or not APPOSITION.match(ctx.text, comma + 1, start):
        return ""
    cap = ctx.settings.subject_max_chars
    return subject_before(ctx.tokens, ctx.starts, comma, floor, cap, verbs=False)


def _clause_tail(ctx: Context, floor: int, start: int) -> str:
    """The nouns ending the clause before the figure's own, when the figure's clause opens with
    nothing but linking words (…的投入，将超过5000万元; 进口继续扩大，突破3000亿美元); a clause
    that only qualifies the reckoning (考虑价格下降因素) is passed over."""
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(ctx.text, floor, start)]
    while len(breaks) > 1 and QUALIFIER.match(ctx.text[breaks[-2] + 1 : breaks[-1]]):
        breaks.pop()
    if not breaks or ctx.text[breaks[-1]] not in ",;":
        return ""
    opening = breaks[-2] + 1 if len(breaks) > 1 else floor
    if verb_object(ctx.tokens, ctx.starts, opening, breaks[-1]):
        return ""  # 美国联邦政府债务增长近年呈加速态势，…接连突破: an object names nothing
    cap = ctx.settings.subject_max_chars
    return subject_before(ctx.tokens, ctx.starts, breaks[-1], floor, cap, verbs=False)


def _after_subject(draft: Draft, before: str, ctx: Context, start: int) -> str:
    """The subject stated after the unit, when the words there name what is counted: a verb
    after a count of events or people, a noun phrase the figure qualifies, or what a verb of
    cause leads to (造成10人死亡)."""
    end, unit, cap = draft.quantity.span[1], draft.quantity.unit, ctx.settings.subject_max_chars
    existential = existential_before(ctx.tokens, ctx.starts, draft.quantity.span[0])
    people = unit in PERSON_UNITS and (
        only_scope(before) or ctx.text[draft.quantity.span[0] - 1 : start] == LISTED_BEFORE
    )
    if unit in EVENT_UNITS or existential or people:
        following = words_after(ctx.tokens, ctx.text, end, RELATIVE_WINDOW)
        verb = verb_after(following, cap)
        if verb and existential and not only_scope(before):
            return clean(before + verb)  # 16条地铁线路有10条停运: the lines that stopped
        if verb:
            return verb
        done = phrase_after(following, cap) if existential and noun_then_verb(following) else ""
        if done:
            # 573家金融风控企业中，有192家企业获得投资 (qq.com 2019; session 5, second round):
            # the count is of the things that did what the verb says
            return done
    window = words_after(ctx.tokens, ctx.text, end)
    if window and window[0].word in POSTPOSITIONS:
        window = window[1:]  # 15天内, 4个小时后孩子出生了
    if window and (window[0].word in AMONG_AFTER or window[0].word.startswith("每")):
        return ""  # 76260人中 (the whole of a part), 20元每小时 (a rate's denominator)
    if unit == "%" and window and window[0].word == "由":  # 30%由外资企业贡献: the agent
        return phrase_after(window, cap)
    share = people_share(window, cap) if unit in SHARE_UNITS else ""
    if share:
        return share  # 71.5%的人表示发烧或咳嗽: the share of people who do it
    qualified = _qualified(draft, before, ctx, window)
    if qualified:
        return qualified
    qstart = draft.quantity.span[0]
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
        window = skip_class(window)  # 这两艘30万吨级超大型油轮
        return noun_phrase_after(window, cap, leading_verb=True) or phrase_after(window, cap)
    return ""


def _qualified(draft: Draft, before: str, ctx: Context, window: list[Token]) -> str:
    """The noun phrase after the unit that a relative clause, a verb or a preposition before
    the number makes the figure qualify, or one after 的 when the words before name nothing."""
    qstart, cap = draft.quantity.span[0], ctx.settings.subject_max_chars
    # 公安部下发的156条…线索; but 回款佣金的10% (qq.com 2019) is a share of what is before 的
    relative = qstart > 0 and ctx.text[qstart - 1] == "的"
    relative = relative and draft.quantity.unit not in SHARE_UNITS
    if spent_on(draft.quantity.unit, before, window):
        return ""  # 中央财政安排16亿元实施…: the agent's money, spent on the verb after it
    if relative or verb_before(ctx.tokens, ctx.starts, qstart):
        phrase = noun_phrase_after(window, cap, leading_verb=relative)
        if phrase:
            return phrase
        phrase = relative_head(window, cap)  # 追踪近16%可能被遗漏的病例
        if phrase:
            return phrase
    preposition = preposition_before(ctx.tokens, ctx.starts, qstart)
    if preposition:  # 完成对17个自然保护地…的监测 (新闻联播)
        phrase = noun_phrase_after(window, cap, leading_verb=False)
        if phrase:
            return phrase
    if not window or window[0].word != "的" or measure_before(ctx.tokens, ctx.starts, qstart):
        return ""  # (地下700米的…装置: the depth below ground is measured)
    # 95亿人次的跨区域人员流动, 全球超九成的新船订单, 减按1%的税率 (新闻联播)
    if not has_noun(before) or only_scope(before) or preposition:
        return noun_phrase_after(window, cap, leading_verb=True)
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
            per = RATE_AFTER.match(text, gap_start, start)
            gap_start = per.end() if per else gap_start
            if ASIDE_END.match(text, gap_start, start):  # 严重下滑（超过30%）仅占6.5%
                return _aside_floor(text, draft.sentence[0], previous.quantity.span[0]), False
            adjacent = CLAUSE_BREAK.search(text, gap_start, start) is None
            listed = text.rfind("、", gap_start, start) if adjacent else -1
            if listed != -1:  # 带动超37万人、增收6.7亿余元: each names its own after 、
                return listed + 1, False
            return gap_start, adjacent
    return draft.sentence[0], False


def _aside_floor(text: str, sentence_start: int, aside: int) -> int:
    """Where the clause holding a figure in brackets (at `aside`) begins: the figure after the
    brackets is named by the words before them ("略有下滑（10%以内）"占34.3%)."""
    opening = text.rfind("(", sentence_start, aside)
    if opening == -1:
        return aside
    stops = [m.end() for m in CLAUSE_STOP.finditer(text, sentence_start, opening)]
    return stops[-1] if stops else sentence_start


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

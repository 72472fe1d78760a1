"""How stated periods reach the figures: which carry over to later sentences of a paragraph,
and the rules that look past one figure (a target's date, the frame of a base, a range of years
spread over a 分别 list). `huibao.enrich.figures` chooses each figure's period with `carries`,
then calls `settle` once over all of them.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from huibao.enrich.model import Period, Span
from huibao.enrich.periods import YEAR_NUM, year_number

# The period of a base a plan builds on is that of the figures inside it only: 在去年新开工改造
# 小区355个的基础上再增加300个 (新闻联播 2024-01-22: 355个 is last year's, 300个 this year's).
BASE_FRAME_BEFORE = re.compile(r"在\s*$")
BASE_FRAME_AFTER = re.compile(r"[^,。;:!?\n]{0,24}?基础上")
# 同盾科技2016年-2018年的营业收入分别为6066万元、2.61亿元、5.42亿元 (qq.com 2019): with 分别,
# a range of years gives one year to each figure of a list as long as the range.
RESPECTIVELY = "分别"
# Sentence ends that close a bare year's reach; a clause end (；) does not (see `carries`).
FULL_STOPS = "。!?\n"
CLAUSE_END = re.compile(r"[;；]")
NUMBER = re.compile(r"\d")
# A year after the article's, named as a time before a figure in its sentence, makes the
# figure a plan's (全国职工的工资总额一九八○年为七百七十三亿元，一九八五年将达到九百八十三亿元
# in 1982: the 1980 value, then the 1985 target; 到一九八五年，), whatever period came
# before it; not a year naming a thing (今年11月…提前下达2026年城乡居民基本医保补助等项目资金
# 4166亿元, 新闻联播 2025-12-17: November's figure).
YEAR_WORD = "年"
YEAR_NAMED = re.compile(
    rf"(?P<to>[到至于在]\s*)?(?P<y>{YEAR_NUM})\s*年(?:底|末)?"
    r"(?P<when>\s*(?:[,，]|将|要|会|可|预计|力争|达到|达|前|以前|内))?"
)
# A target or a norm is no quantity of the period of its sentence: 优于"十四五"提出的85%的目标
# (新闻联播 2025-09-06, after 今年1—7月), 远高于美联储制定的2%的目标 (2025-08-13, after 7月份),
# 这超过了中国劳动法规定的10%的比例 (guancha.cn 2019); not 略低于8％的预定目标 (the year's own
# plan, labelled with its year: the 1999 work report).
STANDARD_AFTER = re.compile(r"\s*(?:左右|以上|以下)?的(?:目标|上限|下限|红线)")
SETTER_BEFORE = re.compile(r"(?:规定|制定|设定|提出|确定)的[^,。;!?\d]{0,4}$")
# 由上月的0.2%扩大至1.3% (CPI in 新闻联播 2026-03-09, after 2月份): the base's value is of the
# month before the sentence's.
PREVIOUS_MONTH_WORD = "上月"
PREVIOUS_MONTH = re.compile(rf"(?P<month>{PREVIOUS_MONTH_WORD})的?\s*$")
# X的N倍: a multiple of X (`_multiple_of`).
OF = "的"
MULTIPLE_BEFORE, MULTIPLE = OF, "倍"
CLAUSE_STOP = re.compile(r"[,，;；。!?\n]")
# The farthest (characters) a bare year carries within its sentence (a hostile text may have
# no sentence end: this keeps the test linear).
SENTENCE_REACH = 300


def is_target(period: Period, ref: date) -> bool:
    """An end point after the article's date is a target (力争到2025年底，完成1.6亿平方米… in
    2024; "十四五"末…将达96% in October 2025); a month's end is not when the article is of that
    month (截至8月 on 15 August is until now)."""
    end = period.end
    if period.start is not None or end is None or end <= ref:
        return False
    return (end.year, end.month) != (ref.year, ref.month) or period.text.endswith("日")


def carries(period: Period, text: str = "", before: int | None = None) -> bool:
    """Whether a period may carry over to later sentences of its paragraph (to the sentence
    starting at `before` in `text`, when given): ranges of months, quarters and plan periods
    do (1至4月，…。其中，…); a single day or a bare year is usually the date of an event or a
    backdrop, not the span later figures cover, unless it opens a sentence, the sentence's
    topic (2018年，中国集成电路产业…。其中，…；设计业位列第二为21.5%: guancha.cn 2019;
    去年终端消费直接受到冲击…。…分两期投放政策性开发性金融工具7400亿元: the 2023 work
    report), or the sentence goes on after a semicolon (2018年中国进口集成电路4176亿块…；出口
    集成电路2171亿块)."""
    start, end = period.start, period.end
    if period.text.endswith("24时"):
        return True  # 10月14日0—24时，…新增…361例。新增无症状感染者1003例 (a daily bulletin)
    if start is None and end is not None:
        return True  # 截至8月25日，…1187宗…；刑拘314人 (a Jiangmen police story)
    if start is None or end is None or start == end:
        return False
    one_year = start.year == end.year and (start.month, start.day, end.month, end.day) == (
        1,
        1,
        12,
        31,
    )
    if not one_year or "月" in period.text or "季" in period.text:
        return True
    return bool(text) and (_opens_sentence(period, text) or _same_sentence(period, text, before))


def _opens_sentence(period: Period, text: str) -> bool:
    return period.span[0] == 0 or text[period.span[0] - 1] in FULL_STOPS


def _same_sentence(period: Period, text: str, before: int | None) -> bool:
    """Whether only clause ends (；) part the period from `before`, and a number follows it in
    its clause: the period of a figure there, not a base (今年前八个月，…，已接近去年全年水平；
    电动装载机销量超过1.8万台, 新闻联播 2025-09-18)."""
    if before is None or not 0 <= before - period.span[1] <= SENTENCE_REACH:
        return False
    if any(text.find(c, period.span[1], before) != -1 for c in FULL_STOPS):
        return False
    clause = CLAUSE_END.search(text, period.span[1], before)
    return NUMBER.search(text, period.span[1], clause.start() if clause else before) is not None


def settle(
    figures: list[tuple[Span, Span, Period | None]],
    periods: list[Period],
    text: str,
    ref: date | None,
) -> list[Period | None]:
    """The periods of `figures` (each: its span, its sentence's span and the period chosen for
    it) after the rules that look past one figure: a target's date is no period (力争到2025年底，
    完成1.6亿平方米…, in 2024), the period of a base (在去年…的基础上) stays inside it, and a
    range of years is spread over a list of as many figures after 分别."""
    settled = [_settle_one(figure, periods, text, ref) for figure in figures]
    lists: dict[tuple[int, Span], list[int]] = {}  # figures of one sentence, one range of years
    for index, (_, sentence, period) in enumerate(figures):
        if period is not None and settled[index] is period and _year_range(period):
            lists.setdefault((id(period), sentence), []).append(index)
    for members in lists.values():
        _spread(members, settled, figures, text)
    return settled


def _settle_one(
    figure: tuple[Span, Span, Period | None], periods: list[Period], text: str, ref: date | None
) -> Period | None:
    span, sentence, period = figure
    if period is None:
        return None
    if ref is not None and (is_target(period, ref) or _plan_year(text, period, figure, ref)):
        return None
    if _standard(text, span):
        return None
    previous = _previous_month(text, span)
    if previous is not None and _one_month(period):
        return _month_before(period, previous)
    if BASE_FRAME_BEFORE.search(text, max(0, period.span[0] - 2), period.span[0]):
        frame = BASE_FRAME_AFTER.match(text, period.span[1])
        if frame and span[0] >= frame.end():  # 再增加300个: the sentence's period before it
            return _period_before(period, periods, sentence)
    if _multiple_of(text, period, span):
        return _period_before(period, periods, sentence)
    return period


def _previous_month(text: str, span: Span) -> Span | None:
    """The span of 上月 right before the figure at `span` (PREVIOUS_MONTH), if any."""
    low = max(0, span[0] - 4)
    if text.find(PREVIOUS_MONTH_WORD, low, span[0]) == -1:
        return None
    match = PREVIOUS_MONTH.search(text, low, span[0])
    return match.span("month") if match else None


def _one_month(period: Period) -> bool:
    start, end = period.start, period.end
    return (
        start is not None
        and end is not None
        and start.day == 1
        and (start.year, start.month) == (end.year, end.month)
        and (end + timedelta(days=1)).day == 1
    )


def _month_before(period: Period, span: Span) -> Period:
    """The month before `period` (a whole month), named by 上月 at `span`."""
    assert period.start is not None
    end = period.start - timedelta(days=1)
    return Period(PREVIOUS_MONTH_WORD, span, end.replace(day=1), end)


def _standard(text: str, span: Span) -> bool:
    """Whether the figure at `span` is a target or a norm someone set (STANDARD_AFTER,
    SETTER_BEFORE), not a quantity of a period."""
    if text.find(OF, span[1], span[1] + 4) != -1 and STANDARD_AFTER.match(text, span[1]):
        return True
    low = max(0, span[0] - 12)
    return (
        text.find(OF, low, span[0]) != -1 and SETTER_BEFORE.search(text, low, span[0]) is not None
    )


def _period_before(period: Period, periods: list[Period], sentence: Span) -> Period | None:
    """The period stated before `period` in its sentence, if any."""
    index = bisect.bisect_left(periods, period.span[0], key=lambda p: p.span[0]) - 1
    return periods[index] if index >= 0 and periods[index].span[0] >= sentence[0] else None


def _multiple_of(text: str, period: Period, span: Span) -> bool:
    """Whether the figure at `span` is a multiple of a thing of `period`'s time in its clause
    (这一数字约为2024年美国国内生产总值的1.27倍, 新闻联播 2025-08-13; 等于一九五三年到一九八○年
    二十八年中平均每年建成住宅面积的二点六倍, the 1982 work report): the period is the base's."""
    after_de = span[0] > 0 and text[span[0] - 1] == MULTIPLE_BEFORE
    if not (after_de and text[span[1] - 1] == MULTIPLE):
        return False
    return 0 <= span[0] - period.span[1] <= SENTENCE_REACH and not CLAUSE_STOP.search(
        text, period.span[1], span[0]
    )


def _plan_year(
    text: str, period: Period, figure: tuple[Span, Span, Period | None], ref: date
) -> bool:
    """Whether a year after `ref`'s is named between `period` (or the sentence's start, for a
    period carried from an earlier sentence) and the figure (YEAR_NAMED)."""
    span, sentence, _ = figure
    start = max(period.span[1], sentence[0])
    if text.find(YEAR_WORD, start, span[0]) == -1:
        return False
    return any(
        (m.group("to") or m.group("when")) and year_number(m.group("y")) > ref.year
        for m in YEAR_NAMED.finditer(text, start, span[0])
    )


def _year_range(period: Period) -> bool:
    start, end = period.start, period.end
    return (
        start is not None
        and end is not None
        and start.year < end.year
        and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    )


def _spread(
    members: list[int],
    settled: list[Period | None],
    figures: list[tuple[Span, Span, Period | None]],
    text: str,
) -> None:
    """Give the i-th figure after 分别 the i-th year of their range when they are as many."""
    period = figures[members[0]][2]
    assert period is not None and period.start is not None and period.end is not None
    marker = text.find(RESPECTIVELY, period.span[1], figures[members[0]][0][0])
    years = period.end.year - period.start.year + 1
    if marker == -1 or len(members) != years:
        return
    for offset, index in enumerate(members):
        year = period.start.year + offset
        settled[index] = Period(period.text, period.span, date(year, 1, 1), date(year, 12, 31))

"""How stated periods reach the figures: which carry over to later sentences of a paragraph,
and the rules that look past one figure (a target's date, the frame of a base, a range of years
spread over a 分别 list). `huibao.enrich.figures` chooses each figure's period with `carries`,
then calls `settle` once over all of them.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from huibao.enrich.model import Period, Span

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
    if ref is not None and is_target(period, ref):
        return None
    if BASE_FRAME_BEFORE.search(text, max(0, period.span[0] - 2), period.span[0]):
        frame = BASE_FRAME_AFTER.match(text, period.span[1])
        if frame and span[0] >= frame.end():  # 再增加300个: the sentence's period before it
            index = bisect.bisect_left(periods, period.span[0], key=lambda p: p.span[0]) - 1
            return periods[index] if index >= 0 and periods[index].span[0] >= sentence[0] else None
    return period


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

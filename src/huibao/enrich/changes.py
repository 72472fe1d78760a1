"""Stated changes: 同比下降6.2%, 比上年增长5%, 同比分别下降5.3%和7.9%, 增加120人, 持平.

A change word must be followed directly by its amount; 增长到/降至 name a new level, which is
a figure, not a change. A change may carry several amounts (分别 … 和 …); the figures module
gives them to the figures before it, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from huibao.enrich.model import Change, Span
from huibao.enrich.periods import YEAR_NUM
from huibao.enrich.quantities import Quantity, quantity_at

# Comparison bases, by the texts that taught them: 与去年同期相比 and 同比 (seed page),
# 比上年 / 比去年同期 (work reports), 环比 and 较上月 (新闻联播 price statistics).
_KIND_TEXT = {
    "同比": (
        "同比 与去年同期相比 与上年同期相比 同去年同期相比 比去年同期 较去年同期 比上年同期 "
        "较上年同期 与去年相比 与上年相比 比去年 较去年 比上年 较上年"
    ),
    "环比": "环比 比上月 较上月 比上季度 较上季度",
}
KIND_WORDS: dict[str, str] = {w: kind for kind, ws in _KIND_TEXT.items() for w in ws.split()}
# Direction words (seed: 下降; work reports: 增长, 提高, 下降, 减少; 新闻联播: 上涨, 回落, 扩大;
# 粮食产量1.37万亿斤，增产74亿斤: the 2023 work report).
# 平均每年递增百分之六 (the 1982 work report): a yearly rate of change.
UP_WORDS = (
    "增长", "上升", "增加", "提高", "上涨", "攀升", "回升", "提升", "扩大", "增多", "增产", "递增"
)  # fmt: skip
DOWN_WORDS = (
    "下降", "减少", "降低", "下跌", "回落", "下滑", "缩小", "收窄", "减小", "减产", "递减"
)  # fmt: skip
FLAT_WORDS = ("持平",)
# Between the base and the direction: 同比分别下降 (seed), 同比均增长, 比上年实际增长 (reports).
FILLERS = r"(?:分别|均|都|也|实际|名义|共|大幅|略有|有所|小幅|明显)*"


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A base year named outright (比2022年同期分别增长69.4%, 新闻联播 2023-10-01) is year on year too,
# also with the base value (比2017年的2073.5亿元增长21.5%, guancha.cn 2019) or a season between
# (较去年春运同期增长8.38%, 新闻联播 2025-02-12).
YEAR_BASE = (
    r"(?:比|较|与|同)\s*(?:(?:19|20)\d{2}\s*年|去年|上年)"
    r"(?:[^\d,。;:!?]{0,4}?同期(?:相比)?|的[\d.,]{1,18}(?:%|[^\d,。;:!?]{1,4}?))"
)
# Found direction first (a literal alternation the regex engine scans fast), then the base
# and fillers just before it.
# 同比增长均超过20% (新闻联播 2025-07-29): 均 / 都 may stand between direction and amount.
# 同比增长高达17.8% (guancha.cn 2019): 高达 / 达 may stand there too.
DIRECTION = re.compile(
    rf"(?P<dir>{_alt(UP_WORDS + DOWN_WORDS + FLAT_WORDS)})了?(?:均|都)?(?:高达|达到|达)?(?![至到])"
)
# Other bases give no kind but belong to the change: 分别比"十三五"末提高8.6和11个百分点,
# 比二季度(增速)提高2.8个百分点 (新闻联播 2024-08-18), 比封关前提高了近53个百分点.
# A year named alone (比一九八○年增长百分之四十 in the 1982 work report, of 1985) or the years
# before a span (比前五年增长1.26倍, the 2008 one) is a base of no kind either.
OTHER_BASE = (
    r"(?:比|较|与)(?:[^,。;:\d]{1,10}?"
    r"(?:末|初|期间|时期|年底|相比|季度|半年|月份|前|后|增速|水平)"
    rf"|\s*(?:{YEAR_NUM})\s*年|前[两二三四五六七八九十\d]{{1,2}}年)"
)
KIND_BEFORE = re.compile(
    rf"{FILLERS}\s*(?:(?P<kind>{YEAR_BASE}|{_alt(KIND_WORDS)})|(?P<base>{OTHER_BASE}))?"
    rf"\s*,?\s*{FILLERS}\s*$"
)
KIND_REACH = 24
# Amounts after the direction word, joined by 和/、/与/及/, (分别下降5.3%和7.9%); the first may
# leave its unit to the last (分别比"十三五"末提高8.6和11个百分点, 新闻联播 2025-10-13).
MAX_AMOUNTS = 12
JOINERS = re.compile(r"\s*(?:和|、|与|及|,)\s*")
BARE_FIRST = re.compile(r"(\d+(?:\.\d+)?)(?=\s*(?:和|、|与|及)\s*\d)")
# Words that make the following 增长 someone else's growth (拉动经济增长4.3个百分点).
# 拉动全部规模以上工业增长2.6个百分点 (新闻联播 2024-06-17): the words between may be long.
# A growth rate in % after them is the growth of the thing they name (带动固定资产投资增长5.1%:
# the 2023 work report), which is a figure of its own; a share in points is a contribution.
RATE_UNITS = frozenset({"%", "‰", "个百分点", "个基点", "倍"})
NOT_OWN_CHANGE = re.compile(r"(?:拉动|带动|推动|促进|贡献)[^,。;]{0,12}$")
CONTRIBUTION_UNITS = frozenset({"个百分点", "个基点"})
# A rate named right before its base (服务价格上涨1.6%，涨幅比上月扩大1.5个百分点, 新闻联播
# 2026-03-09; 增速比上年的26.1%回落4.6个百分点, guancha.cn 2019): the points are the difference
# between this period's rate and the base's, a figure of its own with no change.
# Only rates of change: a share's move (比重较上年下降1.1个百分点) is the share's change.
RATE_NOUN = re.compile(r"(?:涨幅|增幅|降幅|跌幅|增速|涨速|降速|增长率)\s*$")
POINTS = frozenset({"个百分点"})
# 多/少 and a verb after a base: 该厂前5个月发电42.3亿千瓦时，比去年同期多发2.1亿千瓦时 (a
# 2005 report on East China's power prices). Only with a base before it: 多 alone is 200多人.
# Tried only where str.find meets 多 or 少 (a regex scan of the text cost 0.035 ms an article).
MORE_LESS = re.compile(r"(?P<dir>[多少])(?P<verb>[\u4e00-\u9fff])?(?=\d)")


@dataclass(frozen=True, slots=True)
class ChangeMention:
    """A change phrase with one Change per amount (several with 分别)."""

    span: Span
    changes: tuple[Change, ...]
    amounts: tuple[Quantity, ...]


def _direction(word: str) -> str:
    if word in UP_WORDS:
        return "up"
    return "down" if word in DOWN_WORDS else "flat"


def _amounts(text: str, pos: int) -> list[Quantity]:
    """Quantities starting at `pos` and chained by joiners. Bare numbers first (分别提高8.6和11个
    百分点) take the unit of the chain after them; read in a loop, not by recursion, so that a
    hostile run of 1和1和… cannot exhaust the stack."""
    starts, bares = [pos], []
    bare = BARE_FIRST.match(text, pos)
    while bare:
        bares.append(bare)
        starts.append(JOINERS.match(text, bare.end()).end())  # type: ignore[union-attr]
        bare = BARE_FIRST.match(text, starts[-1])
    reversed_found = _chain(text, starts.pop())[::-1]
    while bares:  # from the last bare number back to the first
        bare, start = bares.pop(), starts.pop()
        if not reversed_found:  # nothing after it: the chain starts afresh at its own place
            reversed_found = _chain(text, start)[::-1]
            continue
        unit = reversed_found[-1].unit
        reversed_found.append(Quantity(float(bare.group(1)), unit, "", bare.span(1), False))
    return reversed_found[::-1]


def _chain(text: str, pos: int) -> list[Quantity]:
    """Quantities with their units starting at `pos` and chained by joiners."""
    found: list[Quantity] = []
    quantity = quantity_at(text, pos)
    while quantity is not None and len(found) < MAX_AMOUNTS:
        found.append(quantity)
        joiner = JOINERS.match(text, quantity.span[1])
        quantity = quantity_at(text, joiner.end()) if joiner else None
        if quantity is not None and _unlike(found[0], quantity):
            break
    return found


def _unlike(first: Quantity, other: Quantity) -> bool:
    """A quantity of another kind after a comma starts the next clause, not a second amount
    (同比增长5.6%，九成地区、八成行业实现增长, 新闻联播 2024-06-17)."""
    return (first.unit in RATE_UNITS) != (other.unit in RATE_UNITS)


def _change(kind: str, direction: str, amount: Quantity, start: int) -> Change:
    sign = -1.0 if direction == "down" else 1.0
    span = (start, amount.span[1])
    if amount.unit == "%":
        return Change(kind, direction, span, percent=sign * amount.value)
    return Change(kind, direction, span, amount=sign * amount.value, unit=amount.unit)


def _rates_compared(text: str, start: int, amounts: list[Quantity]) -> bool:
    """Whether a change in points at `start` compares a rate of change with its base's
    (RATE_NOUN before it)."""
    in_points = bool(amounts) and amounts[0].unit in POINTS
    return in_points and RATE_NOUN.search(text, max(0, start - 4), start) is not None


def _counts_a_noun(text: str, amount: Quantity) -> bool:
    """A count followed by its noun is what the verb acts on, not a change (推广玉米单产提升5项
    打包技术, 新闻联播 2024-10-10); rates (%, 个百分点, 倍) may be followed by words
    (下降2.3%转为)."""
    after = text[amount.span[1] : amount.span[1] + 1]
    return amount.unit not in RATE_UNITS and "\u4e00" <= after <= "\u9fff" and after != "的"


def find_changes(text: str) -> list[ChangeMention]:
    """Every change with an amount (or 持平) in `text` (normalised), in order."""
    found: list[ChangeMention] = []
    for match in DIRECTION.finditer(text):
        direction = _direction(match.group("dir"))
        amounts = _amounts(text, match.end()) if direction != "flat" else []
        if direction != "flat" and (not amounts or _counts_a_noun(text, amounts[-1])):
            continue  # no amount (经济增长): rejected before the costly search for its base
        before = KIND_BEFORE.search(text, max(0, match.start() - KIND_REACH), match.start())
        base = before.group("kind") if before and before.group("kind") else ""
        kind = KIND_WORDS.get(base, "同比" if base else "")
        start = before.start() if before and before.group().strip() else match.start("dir")
        if kind and _rates_compared(text, start, amounts):
            kind = ""  # 涨幅比上月扩大1.5个百分点: two rates compared, no figure's change
        own = bool(amounts) and amounts[0].unit not in CONTRIBUTION_UNITS
        if not own and NOT_OWN_CHANGE.search(text, max(0, start - 10), start):
            continue
        if direction == "flat":
            span = (start, match.end())
            found.append(ChangeMention(span, (Change(kind, "flat", span),), ()))
            continue
        changes = tuple(_change(kind, direction, a, start) for a in amounts)
        found.append(ChangeMention((start, amounts[-1].span[1]), changes, tuple(amounts)))
    return sorted(found + _more_or_less(text), key=lambda m: m.span)


def _more_or_less(text: str) -> list[ChangeMention]:
    """Changes stated as 比去年同期多发2.1亿千瓦时 (MORE_LESS): only after a year-on-year or
    month-on-month base."""
    found: list[ChangeMention] = []
    for match in _more_less_matches(text):
        before = KIND_BEFORE.search(text, max(0, match.start() - KIND_REACH), match.start())
        if before is None or not before.group("kind"):
            continue
        amounts = _amounts(text, match.end())
        if not amounts or _counts_a_noun(text, amounts[-1]):
            continue
        kind = KIND_WORDS.get(before.group("kind"), "同比")
        direction = "up" if match.group("dir") == "多" else "down"
        changes = tuple(_change(kind, direction, a, before.start()) for a in amounts)
        found.append(ChangeMention((before.start(), amounts[-1].span[1]), changes, tuple(amounts)))
    return found


def _more_less_matches(text: str) -> list[re.Match[str]]:
    matches = []
    for word in "多少":
        at = text.find(word)
        while at != -1:
            if match := MORE_LESS.match(text, at):
                matches.append(match)
            at = text.find(word, at + 1)
    return sorted(matches, key=lambda m: m.start())

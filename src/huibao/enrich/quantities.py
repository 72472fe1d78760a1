"""Quantity mentions: approximation word + numeral + multiplier + unit (近3000余人, 2万余元).

Only a number followed by a known unit is a quantity; that one rule keeps dates (6月10日),
ages (17岁), anniversaries (78周年), editions (第四届), times (8时40分) and phone numbers out
without a list of exceptions. Values are scaled to the unit without its multiplier:
2万余元 -> 20000 元, 134.9万亿元 -> 1.349e14 元, 1.2亿人次 -> 1.2e8 人次.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from huibao.enrich.model import Span
from huibao.enrich.numbers import ARABIC, CHINESE, MULTIPLIER, parse_number

# Units, by the text that taught them. The seed page: 起 件 人 名 次 个 元 面. 新闻联播
# transcripts (2023, counted by frequency): 人次 家 亩 项 吨 条 米 公里 平方公里 平方米 立方米 天
# 辆 处 户 列 场 台 位 种 座 架 枚 部 标箱 斤 公斤 所 艘 套 批 株 桶 只 班 篇 张 份 颗 组 间 千瓦
# 千瓦时 个百分点 个基点 个月 载重吨 公顷 小时 美元 亩次 场次 笔 字 千伏 ℃. Work reports: 万亿元
# (multiplier + 元), 公里, 亿千瓦, 个百分点. Laws: 11章56条.
_UNITS_TEXT = (
    "个百分点 个基点 个多月 个月 个多小时 个小时 人次 亩次 场次 户次 "
    "架次 辆次 车次 航次 艘次 平方公里 平方千米 平方米 立方米 千瓦时 "
    "千瓦 兆瓦 吉瓦 载重吨 标准箱 标箱 吨公里 公里 千米 厘米 毫米 "
    "米 公顷 亩 公斤 千克 吨 斤 克 升 桶 元人民币 元 美元 欧元 "
    "日元 英镑 港元 港币 卢布 起 件 宗 例 人 名 位 次 个 家 户 "
    "所 座 台 辆 艘 架 列 项 条 篇 部门 部 场 批 只 头 株 棵 "
    "套 份 册 本 张 处 间 栋 幢 支 种 款 颗 枚 组 块 面 趟 "
    "班 所 对 笔 字 章 千伏 摄氏度 ℃ 小时 分钟 天 倍 % ‰ "
    # 新增1043万立方 (冷库库容), 帐篷4500顶, 专题14期 (新闻联播 2023, a Jiangmen police story),
    # 102眼干涸的泉眼, 上百道冶炼工序 (新闻联播 2025)
    "立方 顶 期 眼 道"
)
UNITS: tuple[str, ...] = tuple(_UNITS_TEXT.split())
# Spellings folded into one unit (a 多 inside the unit is an approximation: 8个多月).
UNIT_ALIASES = {
    "元人民币": ("元", ""),
    "个多月": ("个月", "多"),
    "个小时": ("小时", ""),
    "个多小时": ("小时", "多"),
    "摄氏度": ("℃", ""),
}
TIME_UNITS = frozenset({"个月", "小时", "分钟", "天"})
ROUND_VALUES = {"百": 100.0, "千": 1000.0, "万": 10000.0, "亿": 1e8}
# Approximation words before the number (the seed page: 近; 新闻联播: 约, 超过, 逾, 近, 达近)
# and after it (seed: 余 in 80余次, 3000余人, 2万余元; 多, 以上, 左右 in work reports).
_APPROX_BEFORE_TEXT = "超过 大约 将近 接近 不足 不到 至少 最多 逾 近 约 超"
APPROX_BEFORE = tuple(_APPROX_BEFORE_TEXT.split())
APPROX_ENDS = frozenset(w[-1] for w in APPROX_BEFORE)
APPROX_INSIDE = ("余", "多", "来")
APPROX_AFTER = ("及以上", "以上", "左右", "上下", "之多", "以下", "以内")


# Units that after a single-character Chinese numeral almost always make a word, not a count
# (一项基本功, 三大举措, 四项要求, 八字方针 on the seed page): such numerals need 余/多 or a
# multiplier to count.
def _alt(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


QUANTITY = re.compile(
    rf"(?P<before>{_alt(APPROX_BEFORE)})?"
    rf"(?P<num>(?<![\d.·A-Za-z第])(?:{ARABIC})|(?<![第零〇一二两三四五六七八九十百千万亿])(?:{CHINESE}))"
    rf"(?P<mult>{MULTIPLIER})?(?P<inside>{_alt(APPROX_INSIDE)})?(?P<mult2>万亿|亿|万)?"
    rf"(?P<unit>{_alt(UNITS)})(?P<after>{_alt(APPROX_AFTER)}|(?<=倍)多)?"
)
# Round numbers with no digit: 上千人受伤 (新闻联播, 2024-04-04) is about a thousand, not 千.
# 被诈骗上百万元 (a Jiangmen police story, 2019): 上百 with a multiplier.
ROUND = re.compile(rf"上(?P<num>百|千|万|亿)(?P<mult>万|亿)?(?P<unit>{_alt(UNITS)})")
# Where a number may start (scanned first: a character class the regex engine skips to fast).
NUMBER_START = re.compile(r"\d|[零〇一二两三四五六七八九十]")
PERCENT_WORDS = re.compile(rf"百分之(?P<num>{ARABIC}|{CHINESE})")
# Context that makes a quantity something else, each seen in 新闻联播 transcripts: a class
# (30万吨级油轮), a range bound (15%至20%, 1至2小时), a policy's name in quotes ("稳外贸8条"),
# an age (8个多月大的女婴, a 2005 Changchun report), a period (比前10个月加快, 未来10天).
# 两倍多 (新闻联播 2024-01-21) is approximate: 多 after 倍.
CLASS_AFTER = re.compile(r"^级")
RANGE_AFTER = re.compile(r"^\s*(?:至|到|-|—|~|－)\s*\d")
RANGE_BEFORE = re.compile(rf"(?:[\d%]|\d(?:{_alt(UNITS)}))\s*(?:至|到|-|—|~|－)\s*$")
CLOSING_QUOTES = ("”", "」", "』")
AGE_AFTER = re.compile(r"^大")
PERIOD_BEFORE = re.compile(r"(?:前|未来|过去|最近|今后)$")
# 政策实施4个月来, 经过60多个小时的救援 (新闻联播): how long something has run, not a figure.
SINCE_AFTER = re.compile(r"^(?:以来|来)")
ROUND_CLOCK = re.compile(r"^(?:不间断|值守|值班|在线|提供|服务|运转|开放|营业)")
# 期限在7天或14天 (qq.com 2019), 平头哥用7个月完成了前端设计 (eet-china 2019): a term or the
# time a task took, not a figure either.
DURATION_BEFORE = re.compile(
    r"(?:经过|历经|历时|用时|耗时|为期|期限[在为]?|[仅只]?用|\d(?:个月|小时|分钟|天)\s*或)$"
)
# A number with its unit left to the next (分别比各项贷款平均增速高4.2和0.7个百分点).
BARE_FIRST = re.compile(r"(?<![\d.·第])(?P<num>\d{1,15}(?:[.·]\d{1,8})?)\s*(?:和|、|与|及)\s*$")
BARE_JOINERS = frozenset("和、与及")
# A stock quote in brackets (摩根大通(115.395, 2.79, 2.47%), sina.com.cn 2019): price, change
# and percent change of a ticker, not figures of the text.
QUOTE_BRACKETS = re.compile(r"\(\s*-?[\d.]+\s*,\s*[-+]?[\d.]+\s*,\s*[-+]?[\d.]+%\s*\)")
# A number after a Latin name and a space is a model (iPhone 11支持…, Mate 60, sina.com.cn 2019).
MODEL_BEFORE = re.compile(r"[A-Za-z]\s$")
# An ordinal's second term (第1和2名) is an ordinal too.
ORDINAL_BEFORE = re.compile(r"第[\d一二三四五六七八九十]{1,4}\s*(?:和|、|与|及|至|到|-)\s*$")
# The base of an exchange rate is no figure (162日元兑换1美元, 新闻联播 2026-06-30).
RATE_BEFORE = re.compile(r"兑换?$")
RATE_AFTER = re.compile(r"^兑")
# The two terms of a ratio are no figures (全球每生产3块集成电路就有2块运到中国来, guancha.cn
# 2019; 每10个人中就有1个…): only the ratio they make is a statistic.
RATIO = re.compile(
    r"每[^\d,。;:!?]{0,3}?(?P<a>\d|[一二两三四五六七八九十])[^,。;:!?]{0,14}?就有"
    r"(?:约|近|超过|超)?(?P<b>\d|[一二两三四五六七八九十])"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed quantity mention; `span` covers approximation words and the unit."""

    value: float
    unit: str
    approx: str
    span: Span
    chinese: bool


def _approx(match: re.Match[str]) -> str:
    return "".join(match.group(g) or "" for g in ("before", "inside", "after"))


def _quantity(match: re.Match[str]) -> Quantity | None:
    num = match.group("num")
    chinese = not num[0].isdigit()
    mult = match.group("mult") or match.group("mult2") or ""
    counted = match.group("inside") or mult or match.group("after") == "多"
    if chinese and len(num) == 1 and not counted and match.group("unit") != "倍":
        return None  # 四项要求 names no count; 增长一倍 does
    value = parse_number(num, mult)
    if value is None:
        return None
    if match.group("mult") and match.group("mult2"):
        value = value * (parse_number("1", match.group("mult2")) or 1)
    unit, extra = UNIT_ALIASES.get(match.group("unit"), (match.group("unit"), ""))
    start = match.start() if match.group("before") else match.start("num")
    return Quantity(value, unit, _approx(match) + extra, (start, match.end()), chinese)


def _in_context(text: str, quantity: Quantity) -> bool:
    """False when the words around the quantity make it a class, bound, name, age or period."""
    start, end = quantity.span
    after, before = text[end : end + 3], text[max(0, start - 7) : start]
    if CLASS_AFTER.match(after) or RANGE_AFTER.match(after) or RANGE_BEFORE.search(before):
        return False
    if ORDINAL_BEFORE.search(before) or MODEL_BEFORE.search(before):
        return False
    if after.startswith(CLOSING_QUOTES) or (
        after.startswith('"') and _inside_ascii_quotes(text, start)
    ):
        return False
    base = RATE_BEFORE.search(before) or RATE_AFTER.match(after)
    if base and quantity.value == 1:
        return False
    if quantity.unit == "人" and after.startswith("口"):
        return False  # 13亿多人口: a population noun, not a count in 人 (work reports)
    if quantity.unit == "小时" and quantity.value == 24 and ROUND_CLOCK.match(after):
        return False  # 24小时提供医疗救治服务: round the clock (新闻联播 2026-07-07)
    timed = quantity.unit in TIME_UNITS
    spans_time = AGE_AFTER.match(after) or PERIOD_BEFORE.search(before) or SINCE_AFTER.match(after)
    return not (timed and (spans_time or DURATION_BEFORE.search(before)))


def _inside_ascii_quotes(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count('"', line_start, offset) % 2 == 1


def _matches(text: str) -> list[re.Match[str]]:
    """QUANTITY matches, tried only where a number starts (with its approximation word)."""
    matches: list[re.Match[str]] = []
    end = 0
    for start in NUMBER_START.finditer(text):
        pos = start.start()
        if pos < end:
            continue
        before = ""
        if pos and text[pos - 1] in APPROX_ENDS:
            before = next((w for w in APPROX_BEFORE if text.startswith(w, pos - len(w))), "")
        match = QUANTITY.match(text, max(end, pos - len(before))) if before else None
        match = match or QUANTITY.match(text, pos)
        if match is not None:
            matches.append(match)
            end = match.end()
    return matches


def quantity_at(text: str, pos: int) -> Quantity | None:
    """The quantity starting exactly at `pos` (approximation word included), or None."""
    match = QUANTITY.match(text, pos)
    quantity = _quantity(match) if match else None
    if quantity is not None:
        return quantity if _in_context(text, quantity) else None
    words = PERCENT_WORDS.match(text, pos)
    value = parse_number(words.group("num")) if words else None
    return Quantity(value, "%", "", words.span(), True) if words and value is not None else None


def _bare_firsts(text: str, found: list[Quantity]) -> list[Quantity]:
    """A number that leaves its unit to the next one (分别高4.2和0.7个百分点, the 2015 work
    report): it is a quantity in that unit."""
    bare: list[Quantity] = []
    for after in found:
        start = after.span[0]
        if after.approx or after.chinese or after.unit in TIME_UNITS or start < 2:
            continue
        if text[start - 1] not in BARE_JOINERS and text[start - 2] not in BARE_JOINERS:
            continue
        match = BARE_FIRST.search(text, max(0, start - 28), start)
        value = parse_number(match.group("num")) if match else None
        if match is not None and value is not None:
            bare.append(Quantity(value, after.unit, "", match.span("num"), False))
    return bare


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text` (normalised: half-width digits and %), in order."""
    found: list[Quantity] = []
    for match in _matches(text):
        quantity = _quantity(match)
        if quantity is not None and _in_context(text, quantity):
            found.append(quantity)
    for match in PERCENT_WORDS.finditer(text):
        value = parse_number(match.group("num"))
        if value is not None:
            found.append(Quantity(value, "%", "", match.span(), True))
    for match in ROUND.finditer(text):
        value = ROUND_VALUES[match.group("num")] * ROUND_VALUES.get(match.group("mult") or "", 1)
        found.append(Quantity(value, match.group("unit"), "上", match.span(), True))
    found += _bare_firsts(text, found)
    if "%)" in text:
        quoted = [m.span() for m in QUOTE_BRACKETS.finditer(text)]
        found = [q for q in found if not any(s <= q.span[0] < e for s, e in quoted)]
    if "就有" in text:
        terms = {m.start(g) for m in RATIO.finditer(text) for g in ("a", "b")}
        found = [q for q in found if terms.isdisjoint(range(q.span[0], q.span[0] + 3))]
    return sorted(found, key=lambda q: q.span)

"""Time expressions resolved to date ranges against the article's date.

今年1至6月10日 in an article of 2011-08-21 is 2011-01-01..2011-06-10. A month without a year
is taken in the reference year unless it lies after the reference month (then the year
before: statistics are reported after the fact). Expressions naming the base of a comparison
(去年同期, 比上年) are not periods; the change parser reads them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from huibao.enrich.model import Period, Span
from huibao.enrich.numbers import parse_number

NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
# A year in Arabic or Chinese digits (一九八○年, 一九五五年至一九八○年: the 1982 work report).
CN_DIGITS = "〇○零一二三四五六七八九"
ARABIC_YEAR_NUM = r"(?:19|20)\d{2}"
YEAR_NUM = rf"{ARABIC_YEAR_NUM}|(?:一九|二[〇○零])[{CN_DIGITS}]{{2}}"
# Years in Chinese digits are looked for only in texts holding one (`find_periods`): the
# patterns without them are the fast path.
CN_YEAR_OPENINGS = ("一九", "二〇", "二○", "二零")
CN_YEAR_DIGITS = str.maketrans(CN_DIGITS, "000123456789")
YEAR = rf"(?:(?P<y>{YEAR_NUM})\s*年|(?P<rel>今年|去年|上年|前年|本年|当年))?"
RANGE = r"\s*(?:至|到|-|—|–|~|－)+\s*"
# A year followed by a holiday or season names that holiday, not the year (今年中秋国庆假期;
# 今年春运期间，…22个空铁联运枢纽、48个火车站实现…安检互认, 新闻联播 2026-02-01).
HOLIDAYS = (
    "春节|国庆|中秋|五一|端午|清明|元旦|暑期|暑假|寒假|假期|汛期|冬季|夏季|春季|秋季|三夏"
    "|春运|暑运|黄金周"
)
RELATIVE_YEARS = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2}
# The last day of the first and middle third of a month (上旬, 中旬; 下旬 ends with the month).
TENTHS = {"上": 10, "中": 20}
# A count of years (过去五年, 近两年来): not 一 (过去一年 is `past_year`).
YEARS_COUNT = r"\d{1,2}|[两二三四五六七八九十]{1,3}"
# …为近三年来最高: a record's reach, not a period.
RECORD_AFTER = r"(?!(?:来|以来)?的?(?:最|新高|新低))"
# Longer spans (七十年来) are history told, not the span a figure covers.
PAST_YEARS_MAX = 10
# Before a bare count of years (五年来), these make it a plan's, a base's or part of a date.
NOT_BEFORE_YEARS = r"\d年第前后来今未续每一二两三四五六七八九十〇○零"
# A year in review: 过去一年 opening a report of the year's first quarter is the year before
# (过去一年，我国经济发展遇到…: the 2023 State Council work report, of 5 March, on 2022).
REVIEW_MONTHS = 3

# Each pattern was taught by a real text: the seed page (今年1至6月10日, 1至5月, 截至6月10日,
# 今年以来, 6月12日) and 新闻联播 transcripts (今年1—7月, 7月份, 前三季度, 上半年, 前5个月).
PATTERNS: dict[str, str] = {
    # 10月14日0—24时，31个省…报告新增…361例 (新闻联播 2022-10-15, a daily bulletin): a whole day
    # of statistics, which the bulletin's later sentences share (新增无症状感染者1003例)
    "whole_day": rf"(?:{YEAR}(?P<m1>{NUM})月(?P<d1>{NUM})日|(?P<w>今天|今日|昨天|昨日))"
    + rf"\s*0\s*时?{RANGE}24\s*时",
    # 自2018年改革转制以来, 自去年7月结束负利率政策以来, 2023年以来 (新闻联播)
    # 自2022年启动实施母亲河复苏行动以来 (新闻联播 2025-10-22)
    "since_date": rf"(?:自|从)?(?:(?P<y>{YEAR_NUM})\s*年|(?P<rel>今年|去年|上年))"
    + rf"(?:(?P<m1>{NUM})月)?[^\d,。;:!?]{{0,14}}?以来",
    # 江西省自去年开始已累计拨付见习补贴资金6948万元 (新闻联播 2023-03-18): a start with a running
    # total is a span up to the article's date (从2011年开始 alone is a starting point, below)
    "since_start": rf"(?:自|从)(?:(?P<y>{YEAR_NUM})\s*年|(?P<rel>今年|去年|上年))"
    + rf"(?:(?P<m1>{NUM})月)?(?:开始|起)(?=[^\d,。;:!?]{{0,12}}累计)",
    # 过去一年，…全年国内生产总值增长3% (the 2023 work report): see REVIEW_MONTHS
    "past_year": r"过去的?一年",
    # 过去三年有12人获奖 (163.com, September 2019: 2016-2018), 在过去的五年中 (the 1986 work
    # report): the N whole years before the article's year. In a report of the year's first
    # quarter (REVIEW_MONTHS) also 五年累计, 五年来, 近三年 (全国财政用于教育支出五年累计2.43万亿
    # 元, the 2008 work report, on 2003-2007); later in the year 十年来 and 近10年 are vague
    # (活动开展10年来: since an event). Not 两年内 or 今后五年里 (plans), 连续五年, 前五年 (比前
    # 五年增长1.26倍: a base), after a year (二十六年中 after 一九五五年至一九八○年 only counts
    # them) nor before a record (涨幅…为近三年来最高, 新闻联播 2026-03-09).
    "past_years": rf"(?:(?P<past>过去的?)|最近|近)\s*(?P<n>{YEARS_COUNT})\s*年(?:来|以来|中|里|间)?"
    + RECORD_AFTER,
    "years_since": rf"(?<![{NOT_BEFORE_YEARS}])(?P<n>{YEARS_COUNT})年(?:来|以来|累计|间|中)"
    + RECORD_AFTER,
    # 自1月19日春运火车票开始发售至今天16时 (新闻联播 2026-02-01)
    "since_day": rf"(?:自|从)(?P<m1>{NUM})月(?P<d1>{NUM})日"
    + r"[^\d,。;:!?]{0,16}?(?:至|到)(?:今天|今日|目前|今)",
    # 2020—2023年年均增速 (新闻联播 2025-07-22); two years in a row joined by 和 are a range too
    # (将2005和2006年投资削减为21亿欧元, a 2005 report on Hyundai at the Shanghai motor show)
    # 一九五五年至一九八○年 (the 1982 work report), １９７９到１９８３年 (the 1985 one)
    "year_range": rf"(?P<y1>{YEAR_NUM})\s*年?"
    + rf"(?:{RANGE}|\s*(?P<pair>和|与|及|、)\s*)(?P<y2>{YEAR_NUM})\s*年",
    "day_range": YEAR
    + rf"(?P<m1>{NUM})月(?P<d1>{NUM})日{RANGE}(?:(?P<m2>{NUM})月)?(?P<d2>{NUM})日",
    "month_range": YEAR + rf"(?P<m1>{NUM})(?:月份?)?{RANGE}(?P<m2>{NUM})月份?(?:(?P<d2>{NUM})日)?",
    # 前两个月，全国新设立外商投资企业7574家 (新闻联播 2025-04-12)
    "first_months": YEAR + rf"前(?P<n>{NUM}|两)个?月",
    "quarters": YEAR + r"(?P<first>前)?(?:第)?(?P<q>[一二三四1234])季度",
    "half": YEAR + r"(?P<h>上|下)半年",
    "since": r"(?P<rel>今年|年初)以来",
    # 截至当地时间今天（3月30日）中午, 截至当天上午 (新闻联播 foreign news)
    # 到今天（1月10日）下午, at a clause's start (新闻联播 2025-01-10): until today too
    "until_now": r"(?:截至|截止到?|(?<![^,。;:\n])到)\s*(?:当地时间)?\s*"
    r"(?:目前|今天|今日|当前|当天)",
    # not a starting point: 今天（10月1日）起执行保障性住房有关税费政策，…减按1%的税率征收契税
    # (新闻联播 2023-10-01), like 2003年起
    "today": r"(?P<w>今天|今日|昨天|昨日)(?!\s*(?:\([^()]{1,12}\)\s*)?(?:起|开始))",
    # 截止8月中旬，一份对东莞587家重点企业的调研 (guancha.cn 2019): a third of a month ends
    # on its 10th, its 20th or its last day
    "until": rf"(?:截至|截止到?|到)\s*{YEAR}(?P<m2>{NUM})月"
    + rf"(?:(?P<d2>{NUM})日|底|末|(?P<tenth>上|中|下)旬)?",
    # 截至2025年底 (新闻联播 2026-01-30), 截至去年年末
    # 力争到2025年底，完成1.6亿平方米… (新闻联播 2024-01-22): a target (`carry.settle`)
    "until_year_end": r"(?:截至|截止到?|到)\s*"
    + rf"(?:(?P<y>{YEAR_NUM})\s*年|(?P<rel>今年|去年|上年))年?(?:底|末)",
    # 截至8日，石川县…已观测到的有感地震超过1200次 (新闻联播 2024-01-09): the month is the article's
    "until_day": rf"(?:截至|截止到?)\s*(?P<d2>{NUM})日",
    # 全国普通高校毕业生就业率去年底达到 83% (the 2004 work report): a level at last year's end
    "past_year_end": r"(?P<rel>去年|上年)年?(?:底|末)",
    "day": YEAR + rf"(?P<m1>{NUM})月(?P<d1>{NUM})日",
    "month": YEAR + rf"(?P<m1>{NUM})月份?(?!\d|[一二三四五六七八九十]|日)",
    # 十四五期间 / "十四五"时期: the five-year plans (十一五 = 2006-2010 … 十五五 = 2026-2030).
    "plan": r"(?P<plan>十[一二三四五])五[\"”]?(?:期间|时期|以来)",
    # "十四五"末全国农村自来水普及率将达96% (新闻联播 2025-10-22): the plan's last day
    "plan_end": r"(?P<plan>十[一二三四五])五[\"”]?末",
    # not 今年年底 (a plan's date), 税委会公告2025年第5号 (a document number), 从2011年开始 or
    # 2003年起 (a starting point, guancha.cn 2019 and work reports)
    # A number may follow (在去年23项助企纾困帮扶措施基础上, 新闻联播 2023-03-20; 从2006年20.5亿元
    # 增加到去年的98亿元, the 2008 work report), but not a month or a day the patterns above
    # refused, nor an age (今年48岁的商户, 新闻联播 2026-07-23).
    "year": rf"(?:(?P<y>{YEAR_NUM})\s*年(?:全年|度)?|(?P<rel>今年|去年|上年|前年))"
    + rf"(?![度底末初第起])(?!\d{{1,2}}\s*(?:月|日|号|季|{RANGE}))(?!\d{{1,3}}\s*多?周?岁)"
    + rf"(?!年[底末初]|开始)(?!{HOLIDAYS})"
    # nor a deadline: 炼焦、炼铁…可望在今年内陆续投产 (the 1985 work report; not 今年内蒙古)
    + r"(?!内(?!蒙))",
    # 全年 alone is the year of the period before it (下半年…，全年增长19·5％: the 1999 work
    # report; 过去一年，…。…全年增值税留抵退税超过2.4万亿元: the 2023 one); resolved by
    # `_anaphors`, not by a resolver. Not a target (全年目标) nor 去年全年 (a base).
    "whole_year": r"(?<![\d年])全年(?!目标|计划|任务|预期)",
    # 根据亿欧智库2018年11月发布的《报告》显示，截至当时，金融风控企业已经达到573家 (qq.com
    # 2019): until the end of the period just named in the sentence (`_anaphors`)
    "until_then": r"(?:截至|截止到?)\s*(?:当时|那时)",
}
# The characters a match of each pattern can open with (an optional year first: 19/20, 今年…
# 当年; then a month's number, 前, 第 or a quarter, 上/下): a lookahead that tests them
# first turns most positions down before the costly optional year is tried there.
_OPENS_YEAR = "\\d今去上前本当"
OPENING_CHARS = {
    "whole_day": _OPENS_YEAR + "一二三四五六七八九十今昨",
    "past_years": "过最近",
    "years_since": "\\d两二三四五六七八九十",
    "year_range": "\\d",
    "day_range": _OPENS_YEAR + "一二三四五六七八九十",
    "month_range": _OPENS_YEAR + "一二三四五六七八九十",
    "first_months": _OPENS_YEAR,
    "quarters": _OPENS_YEAR + "第一二三四",
    "half": _OPENS_YEAR + "下",
    "day": _OPENS_YEAR + "一二三四五六七八九十",
    "month": _OPENS_YEAR + "一二三四五六七八九十",
    "year": _OPENS_YEAR,
}


def _compile(chinese_years: bool) -> dict[str, re.Pattern[str]]:
    """PATTERNS compiled, each behind a lookahead for its opening characters; without the
    years in Chinese digits unless `chinese_years` (then they may open with 一 or 二)."""
    compiled = {}
    for name, pattern in PATTERNS.items():
        opening = OPENING_CHARS.get(name, "")
        if not chinese_years:
            pattern = pattern.replace(YEAR_NUM, ARABIC_YEAR_NUM)
        elif opening and YEAR_NUM in pattern:
            opening += "一二"
        compiled[name] = re.compile(f"(?=[{opening}])(?:{pattern})" if opening else pattern)
    return compiled


COMPILED, COMPILED_CN = _compile(chinese_years=False), _compile(chinese_years=True)
# Words each pattern cannot match without: a window lacking all of them is skipped (the
# patterns open with an optional year, which makes scanning them costly).
REQUIRED: dict[str, tuple[str, ...]] = {
    "whole_day": ("24",),
    "since_date": ("以来",),
    "since_start": ("累计",),
    "past_year": ("一年",),
    "past_years": ("过去", "近"),
    "years_since": ("年来", "年累计", "年间", "年中"),
    "whole_year": ("全年",),
    "until_then": ("时",),
    "year_range": ("年",),
    "day_range": ("日",),
    "month_range": ("月",),
    "first_months": ("前",),
    "quarters": ("季度",),
    "half": ("半年",),
    "since": ("以来",),
    "since_day": ("日",),
    "today": ("今天", "今日", "昨天", "昨日"),
    "until_now": ("截", "到"),
    "past_year_end": ("底", "末"),
    "until": ("截", "到"),
    "until_day": ("截",),
    "until_year_end": ("底", "末"),
    "day": ("日",),
    "month": ("月",),
    "plan": ("五",),
    "plan_end": ("末",),
    "year": ("年",),
}
REQUIRED_WORDS = tuple(dict.fromkeys(w for words in REQUIRED.values() for w in words))
# A year named as the base of a comparison is not the period of a figure: 与去年同期相比 (seed),
# 比上年增长 (work reports), 工业企业利润由上年下降2.3%转为增长8.5% (2017 work report).
NOT_A_PERIOD = re.compile(r"(?:比|较|与|同|由)\s*[\"“]?$")
# … or of a ratio: 分别是去年全年的1.8倍和1.9倍 (新闻联播 2022-09-25).
# … or of a target: 到１９８４年已有四十三种提前达到１９８５年的指标 (the 1985 work report).
NOT_A_PERIOD_AFTER = re.compile(r"^(?:全年)?(?:同期|相比|的[\d.]+倍|的?(?:指标|目标))")
# A year something began or was founded in is a starting point (中国人文地理学术年会创办于2011
# 年，近年来…成功举办了8次会议: gsc.cas.cn 2019), like 从2011年开始.
START_BEFORE = re.compile(r"(?:始于|起于|始自|创办于|成立于|创建于|创立于)\s*$")
# 由 + a year + its value: the start of a move (`_moves_from`); 由上年下降 is a base.
MOVE_VALUE = re.compile(r"的?\s*[\d一二三四五六七八九十两]")
RELATIVE_YEAR_FIRST = "今去上前本当"
# 截至 before a span makes it an end point (截至今年上半年, 新闻联播 2025-09-06).
# 到 opening a clause does too (，到１９８４年已有四十三种…: until the end of 1984).
UNTIL_BEFORE = re.compile(r"(?:截至|截止到?|(?<![^,。;:\n])到)\s*$")
# 今天/昨天 in a sentence about an event held or happening dates that event, not the figures
# that describe it, like a date would: 昨天（3月17日），…招聘会在陕西西安举行，提供岗位超过
# 56000个 (新闻联播 2023-03-18); 记者今天（5月5日）…获悉，…博览会将于…举行，…展览面积达到
# 22万平方米 (2023-05-05); 当地时间今天下午，…发生6.0级地震，震源深度10公里 (2024-01-09).
EVENT_VERBS = re.compile(r"举行|举办|召开|开幕|闭幕|发生")
TODAY_WORDS = ("今天", "今日", "昨天", "昨日")
SENTENCE_STOPS = "。!?;\n"
SENTENCE_REACH = 200  # characters looked at on each side (a hostile text may have no stop)
# Periods resolved against the periods before them (`_anaphors`).
ANAPHORS = frozenset({"whole_year", "until_then"})


Resolver = Callable[[re.Match[str], date], tuple[date | None, date | None] | None]


def _num(text: str | None) -> int | None:
    value = parse_number(text) if text else None
    return int(value) if value is not None else None


def _year(match: re.Match[str], ref: date, month: int | None = None) -> int:
    groups = match.groupdict()
    if groups.get("y"):
        return year_number(groups["y"])
    rel = groups.get("rel")
    if rel in RELATIVE_YEARS:
        return ref.year + RELATIVE_YEARS[rel]
    if month is not None and month > ref.month:
        return ref.year - 1
    return ref.year


def year_number(text: str) -> int:
    """1982 from 1982 or 一九八二 (○ and 〇 are zero)."""
    return int(text.translate(CN_YEAR_DIGITS))


def _day(year: int, month: int | None, day: int | None, *, end: bool) -> date | None:
    if month is None or not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last if end else 1
    return date(year, month, day) if 1 <= day <= last else None


def _range(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    groups = match.groupdict()
    m1, m2 = _num(groups.get("m1")), _num(groups.get("m2"))
    d1, d2 = _num(groups.get("d1")), _num(groups.get("d2"))
    if m2 is None:
        m2, d2 = m1, d2 if d2 is not None else d1  # 6月12日 alone is one day
    year = _year(match, ref, m2)
    start = _day(year, m1, d1, end=False)
    end = _day(year, m2, d2, end=True)
    return (start, end) if start and end and start <= end else None


def _first_months(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    n = _num(match.group("n"))
    year = _year(match, ref, n)
    end = _day(year, n, None, end=True)
    return (date(year, 1, 1), end) if end else None


def _quarters(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    q = _num(match.group("q"))
    if q is None:
        return None
    year = _year(match, ref, q * 3)
    first_month = 1 if match.group("first") else q * 3 - 2
    return _day(year, first_month, None, end=False), _day(year, q * 3, None, end=True)


def _half(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    first = match.group("h") == "上"
    year = _year(match, ref, 6 if first else 12)
    return (
        (date(year, 1, 1), date(year, 6, 30)) if first else (date(year, 7, 1), date(year, 12, 31))
    )


def _since(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    return date(ref.year, 1, 1), ref


def _since_date(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    month = _num(match.group("m1")) or 1
    start = _day(_year(match, ref, month), month, None, end=False)
    return (start, ref) if start and start <= ref else None


def _since_day(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    month = _num(match.group("m1"))
    start = _day(_year(match, ref, month), month, _num(match.group("d1")), end=False)
    return (start, ref) if start and start <= ref else None


def _today(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    day = ref if match.group("w") in ("今天", "今日") else ref - timedelta(days=1)
    return day, day


def _whole_day(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    return _today(match, ref) if match.group("w") else _range(match, ref)


def _past_year(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    year = ref.year - 1
    return (date(year, 1, 1), date(year, 12, 31)) if ref.month <= REVIEW_MONTHS else None


def _past_years(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    count = _num(match.group("n"))
    if not match.groupdict().get("past") and ref.month > REVIEW_MONTHS:
        return None
    if not count or count > PAST_YEARS_MAX:
        return None
    return date(ref.year - count, 1, 1), date(ref.year - 1, 12, 31)


def _until_now(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    return None, ref


def _until(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    m2 = _num(match.group("m2"))
    day = _num(match.group("d2")) or TENTHS.get(match.group("tenth") or "")
    return None, _day(_year(match, ref, m2), m2, day, end=True)


def _until_day(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    day = _num(match.group("d2")) or 0
    year, month = (ref.year, ref.month) if day <= ref.day else _month_before(ref)
    return None, _day(year, month, day, end=True)


def _until_year_end(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    year = _year(match, ref)
    return (None, date(year, 12, 31)) if 1900 <= year <= 2200 else None


def _month_before(ref: date) -> tuple[int, int]:
    return (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)


def _plan(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    first = 2006 + 5 * ("一二三四五".index(match.group("plan")[1]))
    return date(first, 1, 1), date(first + 4, 12, 31)


def _plan_end(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    first = 2006 + 5 * ("一二三四五".index(match.group("plan")[1]))
    return None, date(first + 4, 12, 31)


def _year_only(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    year = _year(match, ref)
    return (date(year, 1, 1), date(year, 12, 31)) if 1900 <= year <= 2200 else None


def _years(match: re.Match[str], ref: date) -> tuple[date | None, date | None] | None:
    first, last = year_number(match.group("y1")), year_number(match.group("y2"))
    if match.group("pair") and last != first + 1:
        return None  # 2016和2018年: two years, not the span between them
    return (date(first, 1, 1), date(last, 12, 31)) if first <= last else None


RESOLVERS: dict[str, Resolver] = {
    "whole_day": _whole_day,
    "since_start": _since_date,
    "past_year": _past_year,
    "past_years": _past_years,
    "years_since": _past_years,
    "whole_year": lambda match, ref: None,  # see _anaphors
    "until_then": lambda match, ref: None,
    "year_range": _years,
    "day_range": _range,
    "month_range": _range,
    "first_months": _first_months,
    "quarters": _quarters,
    "half": _half,
    "since": _since,
    "until": _until,
    "until_day": _until_day,
    "until_year_end": _until_year_end,
    "past_year_end": _until_year_end,
    "day": _range,
    "month": _range,
    "year": _year_only,
    "since_date": _since_date,
    "since_day": _since_day,
    "today": _today,
    "until_now": _until_now,
    "plan": _plan,
    "plan_end": _plan_end,
}


def find_periods(
    text: str, ref: date | None, regions: list[Span] | None = None, limit: int | None = None
) -> list[Period]:
    """Every period stated in `text` (normalised), longest match first, none overlapping; only
    within `regions` (sorted, disjoint spans: the paragraphs that hold figures) when given; the
    first `limit` in reading order when given (a hostile text may state tens of thousands, and
    each figure looks through those of its sentence and paragraph)."""
    if ref is None or not 1900 <= ref.year <= 2200:
        return []  # no date to resolve against, or one no news article has
    found: list[Period] = []
    taken = bytearray(len(text))  # 1 where a longer period already matched
    windows = _windows(text, regions)
    holding = _holding(text, windows)
    anaphors: list[re.Match[str]] = []
    chinese_years = any(opening in text for opening in CN_YEAR_OPENINGS)
    compiled = COMPILED_CN if chinese_years else COMPILED
    for name, pattern in compiled.items():  # ordered from the most to the least specific
        spans = _with_any(windows, [holding[w] for w in REQUIRED[name] if w in holding])
        for match in (m for s, e in spans for m in pattern.finditer(text, s, e)):
            start, end = match.span()
            if taken.find(1, start, end) != -1 or _is_base(text, start, end):
                continue
            if name in ANAPHORS:
                anaphors.append(match)
                taken[start:end] = b"\x01" * (end - start)
                continue
            resolved = RESOLVERS[name](match, ref)
            if resolved is None or resolved == (None, None) or _future(resolved, ref):
                continue
            if resolved[0] is not None and UNTIL_BEFORE.search(text, max(0, start - 4), start):
                resolved = (None, resolved[1])
            taken[start:end] = b"\x01" * (end - start)
            found.append(Period(match.group(), (start, end), resolved[0], resolved[1]))
    found.sort(key=lambda p: p.span)
    found = _anaphors(found, sorted(anaphors, key=lambda m: m.start()), text)
    events = {p.span for p in found if p.text in TODAY_WORDS and _dates_event(p, text)}
    return [
        p
        for i, p in enumerate(found)
        if p.span not in events
        and not (i and found[i - 1].span not in events and _restates(found[i - 1], p, text))
    ][:limit]


def _anaphors(found: list[Period], matches: list[re.Match[str]], text: str) -> list[Period]:
    """`found` (sorted) with the periods of `matches` (sorted) that refer back: 全年 is the year
    of the last period before it that lies in one year (none before it: no period, 全年城镇新增
    就业1314万人 in an excerpt of the 2017 work report that names no year); 截至当时 is until
    the end of the last period before it in its sentence."""
    resolved: list[Period] = []
    index, year, last = 0, 0, None
    for match in matches:  # in reading order, like `found`: one walk through both
        while index < len(found) and found[index].span[1] <= match.start():
            end = found[index].end
            if end is not None and _one_year(found[index]):
                year = end.year
            last = found[index]
            index += 1
        if match.group().endswith("全年") and year:
            whole = (date(year, 1, 1), date(year, 12, 31))
            resolved.append(Period(match.group(), match.span(), *whole))
        elif not match.group().endswith("全年") and last is not None and _then(last, match, text):
            resolved.append(Period(match.group(), match.span(), None, last.end))
    return sorted(found + resolved, key=lambda p: p.span) if resolved else found


def _then(before: Period, match: re.Match[str], text: str) -> bool:
    """Whether `before` is in the sentence of `match`, near enough to be what 当时 names."""
    gap = (before.span[1], match.start())
    near = gap[1] - gap[0] <= SENTENCE_REACH and before.end is not None
    return near and not any(text.find(c, *gap) != -1 for c in SENTENCE_STOPS if c != ";")


def _one_year(period: Period) -> bool:
    return (
        period.start is not None and period.end is not None and period.start.year == period.end.year
    )


def _dates_event(period: Period, text: str) -> bool:
    """Whether 今天/昨天 at `period` is in a sentence about an event (EVENT_VERBS)."""
    low, high = max(0, period.span[0] - SENTENCE_REACH), period.span[1] + SENTENCE_REACH
    start = max(text.rfind(c, low, period.span[0]) for c in SENTENCE_STOPS) + 1
    ends = [i for i in (text.find(c, period.span[1], high) for c in SENTENCE_STOPS) if i != -1]
    return EVENT_VERBS.search(text, max(start, low), min(ends, default=high)) is not None


def _restates(before: Period, period: Period, text: str) -> bool:
    """A date in brackets right after 今天 only names it (截至今天（12月21日）上午9时)."""
    return (
        before.span[1] + 1 == period.span[0]
        and text[before.span[1]] == "("
        and (before.text.endswith(("今天", "今日", "昨天", "昨日")))
    )


# Every period ends near one of these; matching only around them keeps the stage fast.
_ANCHOR_TEXT = (
    '年 月 季 日 以来 期间 时期 今天 今日 昨天 昨日 目前 当前 当天 当时 那时 五末 五”末 五"末'
)
ANCHOR_WORDS = tuple(_ANCHOR_TEXT.split())
# The anchors as one regex that opens with a character class (which the regex engine skips to
# fast; an alternation of words it tries at every position): 以来 is 以 then, after it, 来.
# (The one-character anchors are tried first, as the list has them.)
_ONE_CHARACTER_ANCHORS = "".join(w for w in ANCHOR_WORDS if len(w) == 1)
ANCHORS = re.compile(
    "[" + "".join(dict.fromkeys(w[0] for w in ANCHOR_WORDS)) + "]"
    f"(?:(?<=[{_ONE_CHARACTER_ANCHORS}])|"
    + "|".join(f"(?<={w[0]}){w[1:]}" for w in ANCHOR_WORDS if len(w) > 1)
    + ")"
)
BEFORE_ANCHOR, AFTER_ANCHOR = 24, 8


def _windows(text: str, regions: list[Span] | None = None) -> list[tuple[int, int]]:
    """Merged stretches of `text` around period anchors (inside `regions` when given)."""
    windows: list[tuple[int, int]] = []
    for region_start, region_end in [(0, len(text))] if regions is None else regions:
        for match in ANCHORS.finditer(text, region_start, region_end):
            start, end = max(0, match.start() - BEFORE_ANCHOR), match.end() + AFTER_ANCHOR
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], end))
            else:
                windows.append((start, min(end, len(text))))
    return windows


def _holding(text: str, windows: list[tuple[int, int]]) -> dict[str, list[bool]]:
    """For each word of REQUIRED found in `text`, whether each window holds it (looked up
    once per word, not once per pattern that needs it)."""
    return {
        word: [text.find(word, s, e) != -1 for s, e in windows]
        for word in REQUIRED_WORDS
        if word in text
    }


def _with_any(windows: list[tuple[int, int]], rows: list[list[bool]]) -> list[tuple[int, int]]:
    """The windows that hold at least one of the words whose `rows` are given."""
    if not rows:
        return []
    if len(rows) == 1:
        return [w for w, held in zip(windows, rows[0], strict=True) if held]
    return [w for w, *held in zip(windows, *rows, strict=True) if any(held)]


def _future(resolved: tuple[date | None, date | None], ref: date) -> bool:
    """A period starting after the article's date names a plan or an event, not the time a
    reported figure covers (预计2025年年底通航 in a 2024 article)."""
    return resolved[0] is not None and resolved[0] > ref


def _is_base(text: str, start: int, end: int) -> bool:
    before = NOT_A_PERIOD.search(text[max(0, start - 3) : start])
    if before and before.group().startswith("由") and _moves_from(text, start, end):
        return False
    if before or START_BEFORE.search(text, max(0, start - 4), start):
        return True
    return bool(NOT_A_PERIOD_AFTER.match(text[end : end + 8]))


def _moves_from(text: str, start: int, end: int) -> bool:
    """由 before a year named in digits and its value starts a move in that year (由一九八○年的
    一百九十一元增加到…, the 1982 work report), not a comparison (由上年下降2.3%)."""
    return text[start] not in RELATIVE_YEAR_FIRST and MOVE_VALUE.match(text, end) is not None

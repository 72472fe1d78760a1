"""Publication dates in the forms Chinese (and English) news pages write them.

Pure functions over strings. `find_dates` returns every date in a text with its position, so
the caller can choose by where the date sits (next to the title, not in a header clock or a
list of related links). All results are timezone-aware; pages that state no zone are in the
`default_timezone` (Asia/Shanghai).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_CN = "〇零○Ｏ一二三四五六七八九十"

_TIME = r"(?:\s*(?:T|\s|&nbsp;)?\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
# Numeric forms: 2011-08-21, 2011/8/21, 2011.08.21, 2011年8月21日 (seen on almost every page of
# zh-extract-dev); optional time 10:20[:30], 10时20分.
NUMERIC_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?"
    + _TIME
)
# 9/17/2004 5:54:13 AM (ASP sites of the 2000s, e.g. an NGO's news page in zh-extract-dev).
US_DATE = re.compile(
    r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)
# 2003年5月 with no day: the dateline of reports and the issue of a magazine (1996年6月号).
YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d)")
# 二〇一一年八月二十一日 (official documents and government portals).
CHINESE_DATE = re.compile(rf"([{_CN}]{{4}})\s*年\s*([{_CN}]{{1,3}})\s*月\s*([{_CN}]{{1,3}})\s*日")
# 08-21 10:20 with no year (portal lists and some article headers); year comes from the URL.
# The time may be glued to a two-digit day: Baidu's self-media pages (baijiahao, zh-news-gne)
# write 发布时间：10-08 and 12:00 in two spans that render as "10-0812:00", and put a two-digit
# year before them for earlier years (18-03-0823:16).
SHORT_DATE = re.compile(
    r"(?<![\d/.-])(?:(\d{2})-(?=\d{2}-))?(\d{1,2})[-/月](\d{1,2})日?(?:\s+|(?<=[-/月]\d\d))"
    r"(\d{1,2}):(\d{2})(?!\d)"
)
# A year alone on one line and the month/day on the next ("2019" / "09/07" / "19:02"):
# Tencent's self-media article header (a qq.com page in zh-news-gne) puts each in an element.
SPLIT_DATE = re.compile(
    r"(?:^|\n)((?:19|20)\d{2})\n(\d{1,2})[-/.](\d{1,2})(?:\n(\d{1,2}):(\d{2}))?(?=\n|$)"
)
# English: "Nov. 19, 2019", "19 November 2019".
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
ENGLISH_DATE = re.compile(
    r"\b(?:(\d{1,2})\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+"
    r"(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d{2})\b",
    re.I,
)
# Dates inside URLs: /2011/0821/, /2011-08/21/, /20110821/, t20110821_, 2005-03-21/.
# Every form find_dates reads holds a digit, or 年 (二〇一一年八月二十一日): one scan for either
# passes over most lines, where the five patterns (each opening with a lookbehind, which
# sre cannot skip ahead for) were tried at every character.
_DATE_HINT = re.compile(r"[\d年]")
URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
URL_YEAR_MONTH = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])/")
URL_SHORT_DATE = re.compile(r"/(\d{2})/?(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/")  # 163: /05/0425/


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text: its value, offsets, and whether it carried a time of day."""

    value: datetime
    start: int
    end: int
    has_time: bool


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return timezone(timedelta(hours=8))


def cn_number(text: str) -> int | None:
    """二〇一一 -> 2011 (digit by digit), 二十一 -> 21, 十 -> 10."""
    if not text or any(c not in CN_DIGITS for c in text):
        return None
    if "十" not in text:
        value = 0
        for c in text:
            value = value * 10 + CN_DIGITS[c]
        return value
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def make_date(
    year: int, month: int, day: int, tz: tzinfo, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime | None:
    """A validated aware datetime, or None for impossible values (2011-02-30, 25:61)."""
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


def _time_parts(groups: tuple[str | None, ...]) -> tuple[int, int, int]:
    h, m, s = (int(g) if g else 0 for g in groups)
    return h, m, s


def find_dates(text: str, tz: tzinfo, url_year: int | None = None) -> list[FoundDate]:
    """Every plausible date in `text`, in order of position."""
    if _DATE_HINT.search(text) is None:
        return []
    found: list[FoundDate] = []
    for m in NUMERIC_DATE.finditer(text):
        hms = _time_parts(m.groups()[3:6])
        value = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), tz, *hms)
        if value is None:
            value = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), tz)
        if value is not None:
            found.append(FoundDate(value, m.start(), m.end(), m.group(4) is not None))
    for m in US_DATE.finditer(text):
        if _inside(found, m.start()):
            continue
        hour = int(m.group(4) or 0) % 12 + (12 if (m.group(7) or "").lower() == "pm" else 0)
        if not m.group(7):
            hour = int(m.group(4) or 0)
        value = make_date(
            int(m.group(3)),
            int(m.group(1)),
            int(m.group(2)),
            tz,
            hour,
            int(m.group(5) or 0),
            int(m.group(6) or 0),
        )
        if value is not None:
            found.append(FoundDate(value, m.start(), m.end(), m.group(4) is not None))
    for m in CHINESE_DATE.finditer(text):
        parts = [cn_number(g) for g in m.groups()]
        if None not in parts:
            y, mo, d = (p or 0 for p in parts)
            if (value := make_date(y, mo, d, tz)) is not None:
                found.append(FoundDate(value, m.start(), m.end(), False))
    for m in ENGLISH_DATE.finditer(text):
        day = m.group(1) or m.group(3)
        month = _MONTHS.get(m.group(2)[:3].lower())
        if day and month and (value := make_date(int(m.group(4)), month, int(day), tz)):
            found.append(FoundDate(value, m.start(), m.end(), False))
    for m in SHORT_DATE.finditer(text):
        year = 2000 + int(m.group(1)) if m.group(1) else url_year
        if year is None or _inside(found, m.start()):
            continue
        month, day, hour, minute = (int(g) for g in m.groups()[1:])
        if (value := make_date(year, month, day, tz, hour, minute)) is not None:
            found.append(FoundDate(value, m.start(), m.end(), True))
    found.sort(key=lambda f: f.start)
    return found


def split_date(lines: list[str], tz: tzinfo) -> datetime | None:
    """A date whose year and month/day stand on lines of their own (see SPLIT_DATE)."""
    if not any(len(line) == 4 and line.isdigit() for line in lines):
        return None  # cheap test first: most headers have no bare year
    if m := SPLIT_DATE.search("\n".join(line.strip() for line in lines)):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return make_date(year, month, day, tz, int(m.group(4) or 0), int(m.group(5) or 0))
    return None


# Self-media pages show when an item went up against the reader's clock (WeChat's
# publish_time 昨天, 前天; 3小时前, 2天前, 今天 08:30 on portals' self-media channels). They name a
# day only against the time the page was fetched (its HTTP Date header), and only when short:
# 昨天，市政府召开会议 in a text is a story's own time.
RELATIVE_DATE = re.compile(
    r"(?:(?<![\d第])(?P<n>\d{1,2})\s*(?P<unit>分钟|小时|天)前"
    r"|(?P<day>今天|昨天|前天)(?:\s*(?P<h>[01]?\d|2[0-3])\s*[:：]\s*(?P<m>[0-5]\d))?"
    r"|刚刚)(?=\s|$|[|｜·])"  # a time stands alone: 昨天，市政府… is prose
)
RELATIVE_LINE_MAX = 30  # characters: a header line holding an account name and the time
_DAYS_BACK = {"今天": 0, "昨天": 1, "前天": 2}


def fetch_time(headers: dict[str, str] | None, tz: tzinfo) -> datetime | None:
    """The time a page was served, from its HTTP Date header (any case), in `tz`."""
    for key, value in (headers or {}).items():
        if key.lower() == "date":
            try:
                served = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
            if served.tzinfo is None:
                return None
            return served.astimezone(tz)
    return None


def relative_date(lines: list[str], fetched: datetime) -> datetime | None:
    """The first relative time (昨天 10:20, 3小时前) on a short line, read against `fetched`."""
    for line in lines:
        if len(line) > RELATIVE_LINE_MAX or not (m := RELATIVE_DATE.search(line)):
            continue
        midnight = fetched.replace(hour=0, minute=0, second=0, microsecond=0)
        if m.group("unit") == "天":
            return midnight - timedelta(days=int(m.group("n")))
        if m.group("unit"):
            step = timedelta(minutes=1) if m.group("unit") == "分钟" else timedelta(hours=1)
            return (fetched - int(m.group("n")) * step).replace(microsecond=0)
        if day := m.group("day"):
            at = midnight - timedelta(days=_DAYS_BACK[day])
            if m.group("h"):
                at = at.replace(hour=int(m.group("h")), minute=int(m.group("m")))
            return at
        return fetched.replace(microsecond=0)  # 刚刚
    return None


def not_after(value: datetime, modified: datetime) -> datetime:
    """A year-less date given the year of the page's last change cannot fall after it.

    12-28 on a page modified 2020-01-03 is 2019-12-28 (the dateUpdate meta of Baidu's
    self-media pages, zh-news-gne, is the only year such a page gives).
    """
    if value.year == modified.year and value - modified > timedelta(days=1):
        try:
            return value.replace(year=value.year - 1)
        except ValueError:  # 02-29 has no year before
            return value
    return value


def find_year_month(text: str, tz: tzinfo) -> datetime | None:
    """The first "2003年5月" in text, as the first of that month (only when no day is given)."""
    for m in YEAR_MONTH.finditer(text):
        if (value := make_date(int(m.group(1)), int(m.group(2)), 1, tz)) is not None:
            return value
    return None


def _inside(found: list[FoundDate], pos: int) -> bool:
    return any(f.start <= pos < f.end for f in found)


def parse_iso(value: str, tz: tzinfo) -> datetime | None:
    """Machine-readable dates from meta tags, JSON-LD and <time datetime>."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        dates = find_dates(value, tz)
        return dates[0].value if dates else None
    if parsed.year < 1990:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def url_date(url: str | None, tz: tzinfo) -> datetime | None:
    """The date a CMS put in the URL (/2011/0821/123.html, t20110821_123.html)."""
    if not url:
        return None
    if m := URL_DATE.search(url):
        return make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), tz)
    if m := URL_SHORT_DATE.search(url):
        return make_date(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3)), tz)
    return None


def url_year(url: str | None) -> int | None:
    """The year in the URL, for dates written without one (08-21 10:20)."""
    if not url:
        return None
    if (m := URL_DATE.search(url)) or (m := URL_YEAR_MONTH.search(url)):
        return int(m.group(1))
    if m := URL_SHORT_DATE.search(url):
        return 2000 + int(m.group(1))
    return None

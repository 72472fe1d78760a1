"""Report periods: `2011-08-15..2011-08-21`, or the last whole day/week/month before a date."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from huibao.errors import ConfigError
from huibao.report.model import KINDS, Period

# 2011-08-15..2011-08-21, 2011-08-15, 2011-08 (a month), 20110815..20110821
_DAY = r"(\d{4})-?(\d{2})-?(\d{2})"
_RANGE = re.compile(rf"^\s*{_DAY}\s*(?:\.\.|~|至)\s*{_DAY}\s*$")
_ONE = re.compile(rf"^\s*{_DAY}\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")


def _day(year: str, month: str, day: str, text: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError as exc:
        raise ConfigError(f"period {text!r}: {exc}") from exc


def parse_period(text: str) -> Period:
    """`A..B` (both days included), one day, or `YYYY-MM` for a whole month."""
    if m := _RANGE.match(text):
        g = m.groups()
        start, end = _day(g[0], g[1], g[2], text), _day(g[3], g[4], g[5], text)
    elif m := _ONE.match(text):
        start = end = _day(m.group(1), m.group(2), m.group(3), text)
    elif m := _MONTH.match(text):
        start = _day(m.group(1), m.group(2), "1", text)
        end = _month_after(start) - timedelta(days=1)
    else:
        raise ConfigError(f"period {text!r}: write it as 2011-08-15..2011-08-21")
    if end < start:
        raise ConfigError(f"period {text!r} ends before it starts")
    return Period(start, end)


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def last_period(kind: str, today: date) -> Period:
    """The last whole day, week (Monday..Sunday) or month before `today`."""
    if kind == "daily":
        day = today - timedelta(days=1)
        return Period(day, day)
    if kind == "weekly":
        monday = today - timedelta(days=today.weekday())
        return Period(monday - timedelta(days=7), monday - timedelta(days=1))
    if kind == "monthly":
        first = today.replace(day=1)
        previous = (first - timedelta(days=1)).replace(day=1)
        return Period(previous, first - timedelta(days=1))
    raise ConfigError(f"report kind {kind!r} needs a period (kinds: {', '.join(KINDS)})")


def previous_period(period: Period) -> Period:
    """The period just before: the previous calendar month for a whole month, else as long."""
    start, end = period.start, period.end
    if start.day == 1 and end + timedelta(days=1) == _month_after(start):
        prev_end = start - timedelta(days=1)
        return Period(prev_end.replace(day=1), prev_end)
    return Period(start - timedelta(days=period.days), start - timedelta(days=1))


def bounds(period: Period, zone: str) -> tuple[datetime, datetime]:
    """[since, until) as aware datetimes: midnight of the first day to midnight after the last."""
    tz = ZoneInfo(zone)
    since = datetime.combine(period.start, time(), tz)
    return since, datetime.combine(period.end + timedelta(days=1), time(), tz)

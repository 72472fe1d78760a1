from __future__ import annotations

from datetime import date

import pytest

from huibao.errors import ConfigError
from huibao.report import last_period, parse_period, previous_period
from huibao.report.model import Period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2011-08-15..2011-08-21", date(2011, 8, 15), date(2011, 8, 21)),
        ("20110815~20110821", date(2011, 8, 15), date(2011, 8, 21)),
        ("2011-08-15至2011-08-21", date(2011, 8, 15), date(2011, 8, 21)),
        ("2011-08-15", date(2011, 8, 15), date(2011, 8, 15)),
        ("2012-02", date(2012, 2, 1), date(2012, 2, 29)),
        ("2011-12", date(2011, 12, 1), date(2011, 12, 31)),
    ],
)
def test_parse_period(text: str, start: date, end: date) -> None:
    assert parse_period(text) == Period(start, end)


@pytest.mark.parametrize("text", ["", "last week", "2011-08-21..2011-08-15", "2011-02-30"])
def test_bad_periods_say_why(text: str) -> None:
    with pytest.raises(ConfigError, match="period"):
        parse_period(text)


def test_last_whole_periods() -> None:
    wednesday = date(2011, 8, 24)
    assert last_period("daily", wednesday) == Period(date(2011, 8, 23), date(2011, 8, 23))
    assert last_period("weekly", wednesday) == Period(date(2011, 8, 15), date(2011, 8, 21))
    assert last_period("monthly", wednesday) == Period(date(2011, 7, 1), date(2011, 7, 31))
    assert last_period("monthly", date(2011, 1, 5)) == Period(date(2010, 12, 1), date(2010, 12, 31))
    with pytest.raises(ConfigError):
        last_period("special", wednesday)


def test_previous_period() -> None:
    week = Period(date(2011, 8, 15), date(2011, 8, 21))
    assert previous_period(week) == Period(date(2011, 8, 8), date(2011, 8, 14))
    march = Period(date(2012, 3, 1), date(2012, 3, 31))
    assert previous_period(march) == Period(date(2012, 2, 1), date(2012, 2, 29))


def test_period_labels_read_as_chinese_dates() -> None:
    assert Period(date(2011, 8, 15), date(2011, 8, 21)).label() == "2011年8月15日至8月21日"
    assert Period(date(2011, 12, 29), date(2012, 1, 4)).label() == "2011年12月29日至2012年1月4日"
    assert Period(date(2011, 8, 15), date(2011, 8, 15)).label() == "2011年8月15日"

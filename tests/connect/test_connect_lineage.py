from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from huibao.connect import Member, lineage
from huibao.connect.origins import same_outlet

CST = timezone(timedelta(hours=8))
SEEN = datetime(2026, 1, 1, tzinfo=CST)


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2011, 8, day, hour, tzinfo=CST)


def test_the_outlet_named_by_laiyuan_lines_is_the_original_even_if_dated_later() -> None:
    members = [
        Member(1, "柳州新闻网", _at(21), "中国法制新闻网", SEEN),
        Member(2, "中国法制新闻网", _at(22), "", SEEN),
        Member(3, "县区网", _at(23), "", SEEN),
    ]
    found = lineage(members)
    assert (found.original, found.reason) == (2, "named by 来源")
    assert {c.article_id: c.delay for c in found.reprints} == {
        1: timedelta(days=-1),
        3: timedelta(days=1),
    }
    assert found.attributed_to == ()


def test_earliest_reliable_date_wins_and_absent_named_outlets_are_kept() -> None:
    members = [
        Member(1, "门户", _at(22, 10), "中国法制新闻网", SEEN),
        Member(2, "柳南CMS", _at(21), "中国法制新闻网", SEEN),
        Member(3, "县区网", _at(23), "", SEEN),
        Member(4, "乱标日期", _at(1), "", _at(1) - timedelta(days=3)),  # dated after it was seen
    ]
    found = lineage(members)
    assert (found.original, found.reason) == (2, "earliest date")
    assert found.attributed_to == ("中国法制新闻网",)
    delays = {c.article_id: c.delay for c in found.reprints}
    assert delays[1] == timedelta(hours=25) and delays[3] == timedelta(days=2)
    assert delays[4] is None


def test_same_date_prefers_the_article_without_an_attribution() -> None:
    members = [Member(1, "甲网", _at(21), "乙报", SEEN), Member(2, "丙网", _at(21), "", SEEN)]
    assert lineage(members).original == 2


def test_without_dates_the_unattributed_article_is_the_original() -> None:
    members = [Member(1, "甲网", None, "乙报"), Member(2, "丙网", None, "")]
    found = lineage(members)
    assert (found.original, found.reason) == (2, "no attribution")
    assert [c.delay for c in found.reprints] == [None]


def test_an_empty_group_is_refused() -> None:
    with pytest.raises(ValueError):
        lineage([])


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("中国法制新闻网", "中国法制新闻网", True),
        ("法制新闻网", "中国 法制新闻网", True),
        ("新华社", "新华网", False),
        ("", "新华网", False),
    ],
)
def test_outlet_names(a: str, b: str, same: bool) -> None:
    assert same_outlet(a, b) is same

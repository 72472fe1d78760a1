"""The benchmark metric itself."""

from __future__ import annotations

from datetime import UTC, datetime

from huibao.extract.evaluate import (
    PagePrediction,
    authors_correct,
    body_pr,
    date_correct,
    score,
    tokens,
)


def test_tokens_cjk_and_words() -> None:
    assert tokens("柳南警方 3 大举措, abc_1!") == [
        "柳",
        "南",
        "警",
        "方",
        "3",
        "大",
        "举",
        "措",
        "abc_1",
    ]


def test_identical_bodies_score_one() -> None:
    assert body_pr("一二三四五六", "一二三四五六") == (1.0, 1.0)


def test_extra_text_lowers_precision_only() -> None:
    p, r = body_pr("一二三四五六七八九十", "一二三四五六")
    assert r == 1.0
    assert 0 < p < 1


def test_dates_and_authors() -> None:
    when = datetime(2011, 8, 21, 10, 0, tzinfo=UTC)
    assert date_correct(when, "2011-08-21 10:20")
    assert date_correct(when, "2011-8")
    assert not date_correct(when, "2011-08-22")
    assert not date_correct(None, "2011-08-21")
    assert not date_correct(when, "")
    assert authors_correct(["张三", "李四"], [], "李四 张三")
    assert authors_correct([], ["王五"], "王五")
    assert not authors_correct(["张三"], ["王五"], "王五")


def test_score_counts_only_labelled_pages() -> None:
    result = score(
        [
            (
                PagePrediction("一二三四五", None, ("张三",)),
                {"body": "一二三四五", "date": "UNKNOWN", "author": "张三"},
            ),
            (
                PagePrediction("", None),
                {"body": "一二三四五", "date": "2011-08-21", "author": "UNKNOWN"},
            ),
        ]
    )
    assert (result.dates_correct, result.dates_total) == (0, 1)
    assert (result.authors_correct, result.authors_total) == (1, 1)
    assert result.precision == 0.5 and result.recall == 0.5

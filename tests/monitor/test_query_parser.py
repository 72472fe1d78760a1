"""The query language: syntax, precedence, field filters, errors that name the position."""

from __future__ import annotations

from datetime import date

import pytest

from huibao.errors import QueryError
from huibao.monitor.nodes import And, DateRange, Field, Near, Not, Or, Place, Term
from huibao.monitor.parser import parse
from huibao.monitor.render import render
from huibao.monitor.settings import MonitorSettings

T = Term

CASES = [
    ("柳南", T("柳南")),
    ("柳州 警情", And((T("柳州"), T("警情")))),
    ("柳州 AND 警情", And((T("柳州"), T("警情")))),
    ("警情|通报", Or((T("警情"), T("通报")))),
    ("警情 OR 通报", Or((T("警情"), T("通报")))),
    ("警情｜通报", Or((T("警情"), T("通报")))),
    ("柳州 -广告", And((T("柳州"), Not(T("广告"))))),
    ("柳州 NOT 广告", And((T("柳州"), Not(T("广告"))))),
    ("a b | c", Or((And((T("a"), T("b"))), T("c")))),
    ("a (b | c)", And((T("a"), Or((T("b"), T("c")))))),
    ("a （b｜c）", And((T("a"), Or((T("b"), T("c")))))),
    ('"公安 局" x', And((T("公安 局"), T("x")))),
    ("“警情通报”", T("警情通报")),
    ('"say \\"hi\\""', T('say "hi"')),
    ("COVID-19", T("COVID-19")),
    ("-(a|b)", Not(Or((T("a"), T("b"))))),
    ("a NEAR/5 b", Near(T("a"), T("b"), 5)),
    ("a NEAR b", Near(T("a"), T("b"), 10)),
    ("NOT a NEAR/2 b", Not(Near(T("a"), T("b"), 2))),
    ("title:柳南", Field("title", T("柳南"))),
    ("title：柳南", Field("title", T("柳南"))),
    ("title:(a|b)", Field("title", Or((T("a"), T("b"))))),
    ("source:新华社", Field("source", T("新华社"))),
    ('channel:"时政 要闻"', Field("channel", T("时政 要闻"))),
    ("org:公安局", Field("org", T("公安局"))),
    ("place:4502", Place("4502")),
    ("place:柳州", Place("柳州")),
    ("date:2011-08-01..2011-08-31", DateRange(date(2011, 8, 1), date(2011, 8, 31))),
    ("date:2011-08-01", DateRange(date(2011, 8, 1), date(2011, 8, 1))),
    ("date:..2011-08-31", DateRange(None, date(2011, 8, 31))),
    ("http://example.cn/a", T("http://example.cn/a")),
    ("-", T("-")),
    ("and or not", And((T("and"), T("or"), T("not")))),
    ("a AND b OR c AND d", Or((And((T("a"), T("b"))), And((T("c"), T("d")))))),
]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_parses(query: str, expected: object) -> None:
    assert parse(query) == expected


@pytest.mark.parametrize(("query", "_"), CASES)
def test_render_round_trips(query: str, _: object) -> None:
    node = parse(query)
    assert parse(render(node)) == node


ERRORS = [
    ("", 0, "empty"),
    ("(a", 2, "')' to close the '(' at position 0"),
    ("a)", 1, "no matching '('"),
    ('"abc', 0, "unclosed quote"),
    ('""', 0, "empty phrase"),
    ("a AND", 5, "expected a term"),
    ("a OR | b", 5, "expected a term"),
    ("NEAR/3 b", 0, "expected a term"),
    ("(a|b) NEAR/3 c", 6, "NEAR/n between two terms"),
    ("date:2011-13-01", 5, "expected a date"),
    ("date:2011-08-31..2011-08-01", 5, "ends before it starts"),
    ("title:", 6, "after title:"),
    ("source:(a|b)", 7, "a value after source:"),
    ("a\x00b", 1, "control character U+0000"),
    ("a\x1bb", 1, "control character U+001B"),
    ("a -)", 3, "expected a term"),
]


@pytest.mark.parametrize(("query", "position", "words"), ERRORS)
def test_errors_name_position_and_expectation(query: str, position: int, words: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query)
    assert caught.value.position == position
    assert words in str(caught.value)


def test_ten_thousand_nested_parentheses_is_a_query_error() -> None:
    query = "(" * 10_000 + "a" + ")" * 10_000
    with pytest.raises(QueryError, match="nested deeper"):
        parse(query, MonitorSettings(max_query_chars=100_000))


def test_long_not_chain_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="nested deeper"):
        parse("-" * 5_000 + "a")


def test_caps_on_length_and_terms() -> None:
    with pytest.raises(QueryError, match="longer than"):
        parse("a" * 30, MonitorSettings(max_query_chars=20))
    with pytest.raises(QueryError, match="more than 3 terms"):
        parse("a b c d", MonitorSettings(max_query_terms=3))


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE articles; --", "1 OR 1=1", "a' OR 'x'='x", '"a" OR "b" UNION SELECT'],
)
def test_sql_fragments_are_only_terms(query: str) -> None:
    node = parse(query)
    assert parse(render(node)) == node

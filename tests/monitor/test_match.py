"""Matching documents against plans: terms, fields, places, dates, highlights, prefilter."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from huibao.monitor.document import Document, Highlight
from huibao.monitor.match import Matcher, clauses
from huibao.monitor.parser import parse
from huibao.monitor.places import PlaceRef, code_prefix
from huibao.monitor.plan import Plan

DOC = Document(
    title="柳南区公安分局通报一起警情",
    body="8月3日，柳州市柳南区发生一起盗窃案。警方提醒市民注意防范。COVID-19 AI aid",
    source="柳州日报",
    channel=("本地新闻", "法治"),
    places=(PlaceRef("柳南区", "450204"),),
    orgs=("柳南区公安分局",),
    published=datetime(2011, 8, 3, 20, 0, tzinfo=UTC),  # 2011-08-04 in Beijing
)


def matches(query: str, doc: Document = DOC, **kw: object) -> bool:
    matcher = Matcher([Plan("p", query=query)], **kw)  # type: ignore[arg-type]
    return bool(matcher.match(doc))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("警情", True),
        ("柳南 盗窃", True),
        ("柳南 抢劫", False),
        ("抢劫 | 盗窃", True),
        ("柳南 -盗窃", False),
        ("柳南 -抢劫", True),
        ("-抢劫", True),
        ("公安分局 NEAR/3 警情", False),  # 通报一起: 4 characters between
        ("公安分局 NEAR/4 警情", True),
        ("盗窃 NEAR/3 柳南", False),
        ("title:警情", True),
        ("title:盗窃", False),
        ("title:(盗窃 | 通报)", True),
        ("source:柳州", True),
        ("source:新华社", False),
        ("channel:法治", True),
        ("org:公安分局", True),
        ("org:检察院", False),
        ("place:45", True),
        ("place:450000", True),
        ("place:4502", True),
        ("place:450204", True),
        ("place:450205", False),
        ("place:4503", False),
        ("place:柳南", True),
        ("place:柳南区", True),
        ("place:柳北", False),
        ("date:2011-08-04", True),
        ("date:2011-08-03", False),
        ("date:2011-08-01..2011-08-31", True),
        ("date:2011-09-01..", False),
        ("臺灣 | 柳南區", True),  # Traditional query finds Simplified text
        ("ai", True),
        ("AID", True),
        ("covi", False),  # Latin terms stand on word boundaries
        ("covid", True),
        ("COVID-19", True),
    ],
)
def test_query_semantics(query: str, expected: bool) -> None:
    assert matches(query) is expected


def test_traditional_text_matches_simplified_query() -> None:
    doc = Document(title="臺灣警察局發佈通報", body="")
    assert matches("台湾 警察局 发布", doc)


def test_place_name_uses_gazetteer_for_everything_beneath() -> None:
    gazetteer = {"柳州市": ["450200"]}
    assert matches("place:柳州", gazetteer=gazetteer)
    assert not matches("place:柳州")


def test_code_prefix() -> None:
    assert [code_prefix(c) for c in ("450000", "450200", "450204", "450204001000")] == [
        "45",
        "4502",
        "450204",
        "450204001",
    ]


def test_highlights_point_into_original_text() -> None:
    doc = Document(title="臺灣消息", body="今日臺灣與柳南")
    (match,) = Matcher([Plan("p", query="台湾 -广告")]).match(doc)
    assert match.terms == ("台湾",)
    assert match.highlights == (
        Highlight("title", 0, 2, "台湾"),
        Highlight("body", 2, 4, "台湾"),
    )
    assert doc.body[2:4] == "臺灣"


def test_four_list_plan() -> None:
    plan = Plan(
        "柳州警情",
        places=("柳州", "柳南"),
        subjects=("公安",),
        events=("警情", "通报"),
        exclusions=("广告",),
    )
    assert plan.query_text() == "(柳州 OR 柳南) AND 公安 AND (警情 OR 通报) AND NOT 广告"
    matcher = Matcher([plan])
    assert matcher.match(DOC)[0].terms == ("柳州", "柳南", "公安", "警情", "通报")
    assert not matcher.match(Document(title=DOC.title, body=DOC.body + "广告"))


def test_many_plans_only_matching_ones_returned_in_order() -> None:
    plans = [Plan(f"p{i}", query=q) for i, q in enumerate(["盗窃", "抢劫", "source:柳州", "警情"])]
    found = [m.plan.name for m in Matcher(plans).match(DOC)]
    assert found == ["p0", "p2", "p3"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("a b", [{"a"}, {"b"}]),
        ("a | b", [{"a", "b"}]),
        ("a | source:x", []),
        ("-a", []),
        ("source:x abc", [{"abc"}]),
        ("title:(a|b) cc", [{"a", "b"}, {"cc"}]),
        ("(a b c) | d", [{"a", "d"}]),
        ("(a | b) (c | d e) -f", [{"a", "b"}, {"c", "d"}]),
        ("x NEAR/2 y", [{"x"}, {"y"}]),
    ],
)
def test_clauses(query: str, expected: list[set[str]]) -> None:
    assert [set(c) for c in clauses(parse(query))] == expected


def test_date_of_naive_time_is_taken_as_local() -> None:
    doc = Document(title="x", published=datetime(2011, 8, 3, 23, 0))
    assert matches("x date:2011-08-03", doc)
    assert date(2011, 8, 3)


@pytest.mark.parametrize(
    "text",
    [
        "臺灣ＡＢＣ，柳南區警情" * 20,
        "short 臺灣",
        "𠀀 astral 臺灣 " * 10,
        "lone \udcff surrogate 臺灣 " * 10,
        "",
    ],
)
def test_fold_of_long_texts_equals_the_table_fold(text: str) -> None:
    from huibao.monitor.text import Folder

    folder = Folder()
    assert folder.fold(text) == text.translate(folder._table)
    assert len(folder.fold(text)) == len(text)

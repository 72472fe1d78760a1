from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.connect import alterations
from huibao.connect.diffing import diff_paragraphs
from huibao.enrich import Enrichment, enrich
from huibao.model import Article

from .conftest import Labelled, Story


def _seed(sample: list[Labelled], outlet: str) -> Article:
    return next(s.article for s in sample if s.outlet == outlet and s.expected.story == "seed")


def _diff(old: Article, new: Article):  # type: ignore[no-untyped-def]
    return alterations((1, old, enrich(old)), (2, new, enrich(new)))


def test_the_county_reprint_changed_a_figure_and_dropped_the_ending(
    sample_articles: list[Labelled],
) -> None:
    original, county = _seed(sample_articles, "gbkcms"), _seed(sample_articles, "county")
    found = _diff(original, county)
    assert not found.title_changed
    assert found.paragraphs_dropped == (original.paragraphs[-1],)
    changed = [f for f in found.figures if f.kind in {"value", "subject", "number"}]
    assert any(
        "110" in f.before + f.subject and "140" in f.after + f.subject_after for f in changed
    )
    assert found.changed


def test_the_portal_reprint_changed_only_the_headline(sample_articles: list[Labelled]) -> None:
    original, portal = _seed(sample_articles, "gbkcms"), _seed(sample_articles, "portal")
    found = _diff(original, portal)
    assert found.title_changed and found.title_after != original.title
    assert not found.figures and not found.paragraphs_dropped and not found.paragraphs_added


def test_changed_value_unit_and_place_are_named(stories: list[Story]) -> None:
    story = next(s for s in stories if "1375亿元" in s.body)
    old = Article(title=story.title, body=story.body, paragraphs=story.paragraphs)
    body = story.body.replace("1375亿元", "1357亿元").replace("共158座", "共158万座")
    body = body.replace("在苏州召开", "在无锡召开")
    new = dataclasses.replace(old, body=body, paragraphs=body.split("\n"))
    found = _diff(old, new)
    values = [(f.kind, f.value_before, f.value_after) for f in found.figures]
    assert ("value", 1375e8, 1357e8) in values
    assert ("unit", 158, 158) in values or ("value", 158, 158e4) in values
    assert "苏州" in "".join(found.places_removed) and "无锡" in "".join(found.places_added)
    assert len(found.paragraphs_changed) == 4 and not found.paragraphs_dropped


def test_an_identical_copy_has_no_alterations(stories: list[Story]) -> None:
    old = Article(title=stories[0].title, body=stories[0].body, paragraphs=stories[0].paragraphs)
    assert not _diff(old, old).changed


def test_paragraph_diff_tells_dropped_added_and_edited_apart() -> None:
    old = Article(
        paragraphs=["第一段讲长江保护十年成效。", "第二段讲沿江省市的做法。", "第三段是结尾。"]
    )
    new = Article(
        paragraphs=[
            "第一段讲长江保护十年成效！",
            "第二段讲沿江各省市的做法。",
            "编者按：新加的一段话。",
        ]
    )
    changed, dropped, added = diff_paragraphs(old, new)
    assert [p for p, _ in changed] == ["第二段讲沿江省市的做法。"]
    assert dropped == ["第三段是结尾。"] and added == ["编者按：新加的一段话。"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=6), st.lists(st.text(max_size=60), max_size=6))
def test_any_two_texts_diff_without_error(old: list[str], new: list[str]) -> None:
    a = Article(title="甲", body="\n".join(old), paragraphs=old)
    b = Article(title="乙", body="\n".join(new), paragraphs=new)
    found = alterations((1, a, Enrichment()), (2, b, Enrichment()))
    assert found.title_changed and found.to_dict()["article_id"] == 2

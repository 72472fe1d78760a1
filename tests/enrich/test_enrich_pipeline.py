"""End to end: the GBK seed page, bytes -> huibao.extract -> huibao.enrich."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import huibao
from huibao.enrich import Enrichment, enrich

PAGE = Path(__file__).parent.parent / "fixtures" / "pages" / "seed-liunan-gbk.html"


@pytest.mark.skipif(not PAGE.exists(), reason="the GBK seed fixture is not there")
def test_gbk_page_to_facts(seed_enrichment: Enrichment) -> None:
    article = huibao.extract(PAGE.read_bytes())
    e = enrich(article)
    assert [(f.value, f.unit) for f in e.figures] == [
        (f.value, f.unit) for f in seed_enrichment.figures
    ]
    first = e.figures[0]
    assert (first.value, first.change and first.change.percent) == (4321, -6.2)
    assert first.period is not None
    assert (first.period.start, first.period.end) == (date(2011, 1, 1), date(2011, 6, 10))
    assert article.body[first.span[0] : first.span[1]] == "4321起"
    assert e.main_place is not None and e.main_place.code == "450204"
    assert e.main_organisation is not None
    assert e.main_organisation.name == "柳州市柳南公安分局"
    assert [n.marker for n in e.outline] == ["一、", "二、"]
    assert [len(n.children) for n in e.outline] == [3, 2]

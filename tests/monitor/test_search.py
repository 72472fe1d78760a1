"""Search over a real store: recall/precision against a brute-force scan, filters, facets."""

from __future__ import annotations

import contextlib
import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from monitor_helpers import QUERIES

from huibao.errors import QueryError
from huibao.model import Article
from huibao.monitor.render import quote
from huibao.monitor.search import Searcher
from huibao.monitor.settings import MonitorSettings
from huibao.monitor.text import Folder
from huibao.store import Store

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "xinwen-lianbo"
TAG = re.compile(r"<[^>]+>")
EXACT = MonitorSettings(search_scan=100_000)

SMALL = [
    ("柳南区通报一起警情", "8月3日，柳州市柳南区发生一起盗窃案。", "柳州日报", "450204"),
    ("柳北区召开会议", "会议强调，要做好防汛工作。柳南也派员参加。", "柳州晚报", "450205"),
    ("臺灣新聞", "臺北市發佈颱風警報。", "中央社", ""),
    ("南宁市发布通报", "COVID-19 疫情防控；AI 与 aid。", "南宁日报", "450100"),
]


def _article(i: int, title: str, body: str, source: str) -> Article:
    published = datetime(2011, 8, 1, 4, tzinfo=UTC) + timedelta(days=i)
    return Article(url=f"https://x.example.cn/{i}", title=title, body=body, source=source,
                   published=published)  # fmt: skip


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Searcher]:
    with Store.open(tmp_path / "s.db") as store:
        for i, (title, body, source, code) in enumerate(SMALL):
            places = {"places": [{"text": "某地", "code": code}]} if code else None
            store.save_article(_article(i, title, body, source), enrichment=places)
        searcher = Searcher(store, EXACT, gazetteer={"柳州市": ["4502"]})
        assert searcher.index_pending() == len(SMALL)
        yield searcher


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("柳南", {"柳南区通报一起警情", "柳北区召开会议"}),
        ("南", {"柳南区通报一起警情", "柳北区召开会议", "南宁市发布通报"}),
        ("通报 -柳南", {"南宁市发布通报"}),
        ("title:柳南", {"柳南区通报一起警情"}),
        ('"一起盗窃"', {"柳南区通报一起警情"}),
        ("一起 NEAR/2 盗窃", {"柳南区通报一起警情"}),
        ("台风", {"臺灣新聞"}),
        ("臺北", {"臺灣新聞"}),
        ("ai", {"南宁市发布通报"}),
        ("covid-19", {"南宁市发布通报"}),
        ("place:4502", {"柳南区通报一起警情", "柳北区召开会议"}),
        ("place:柳州", {"柳南区通报一起警情", "柳北区召开会议"}),
        ("place:450204 会议", set()),
        ("source:晚报", {"柳北区召开会议"}),
        ("date:2011-08-02", {"柳北区召开会议"}),
        ("date:2011-08-02.. 通报", {"南宁市发布通报"}),
        ("-柳南 -会议 -通报", {"臺灣新聞"}),
        ("，", {"柳南区通报一起警情", "柳北区召开会议"}),
        ('"；AI"', {"南宁市发布通报"}),
    ],
)
def test_queries(small: Searcher, query: str, titles: set[str]) -> None:
    result = small.search(query, limit=50)
    assert {h.title for h in result.hits} == titles
    assert result.exact and result.total == len(titles)


def test_hostile_queries_are_query_errors_or_results(small: Searcher) -> None:
    for query in ['"', "(", "a\x00", "NEAR/2", "NEAR", "title:"]:
        with pytest.raises(QueryError):
            small.search(query)
    for query in ["-", '"-"', "'; DROP TABLE articles; --", "a:b", "*", "^", "{x}:y"]:
        small.search(query)
    assert small.search("柳南").total == 2  # the store survived


def test_highlights_facets_and_ranking(small: Searcher) -> None:
    result = small.search("柳南")
    first = result.hits[0]
    assert first.title == "柳南区通报一起警情"  # in the title ranks first
    assert "【柳南】" in first.snippet
    assert dict(result.facets["source"]) == {"柳州日报": 1, "柳州晚报": 1}
    assert dict(result.facets["date"]) == {"2011-08-01": 1, "2011-08-02": 1}


def test_changed_article_is_reindexed(small: Searcher) -> None:
    small.store.save_article(_article(0, "柳南区通报一起警情", "内容已经更新：抢劫。", "柳州日报"))
    assert small.index_pending() == 1
    assert {h.title for h in small.search("抢劫").hits} == {"柳南区通报一起警情"}
    assert small.search("盗窃").total == 0


def _stories(limit: int) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in sorted(CORPUS.glob("*.md")):
        _, _, details = path.read_text(encoding="utf-8").partition("## 详细新闻")
        for chunk in details.split("\n### ")[1:]:
            title, _, rest = chunk.partition("\n")
            found.append((title.strip(), TAG.sub("", rest).strip()))
            if len(found) >= limit:
                return found
    return found


def _queries(texts: list[str], rng: random.Random) -> list[str]:
    """Substrings of 1-4 characters that start and end on a non-ASCII character."""
    out: list[str] = []
    while len(out) < 200:
        text = rng.choice(texts)
        size = rng.randint(1, 4)
        start = rng.randrange(max(len(text) - size, 1))
        piece = text[start : start + size]
        if piece and not piece[0].isascii() and not piece[-1].isascii() and "\n" not in piece:
            out.append(piece)
    return out


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs /work/shared/corpora")
def test_recall_and_precision_against_brute_force(tmp_path: Path) -> None:
    stories = _stories(300)
    folder = Folder()
    texts = [folder.fold(t + "\x00" + b) for t, b in stories]
    rng = random.Random(5)
    singles = _queries([t + "\n" + b for t, b in stories], rng)
    pairs = [(a, b) for a, b in zip(singles[:100], singles[100:], strict=True)]
    with Store.open(tmp_path / "r.db") as store:
        ids = [
            store.save_article(Article(url=f"https://c.example.cn/{i}", title=t, body=b))
            for i, (t, b) in enumerate(stories)
        ]
        searcher = Searcher(store, EXACT)
        searcher.index_pending()
        checks = [(quote(q), [folder.fold(q)]) for q in singles]
        checks += [(f"{quote(a)} {quote(b)}", [folder.fold(a), folder.fold(b)]) for a, b in pairs]
        for query, needles in checks:
            truth = {ids[i] for i, text in enumerate(texts) if all(n in text for n in needles)}
            found = {h.article_id for h in searcher.search(query, limit=1_000).hits}
            assert found == truth, query


def test_place_facet_and_filter_totals_agree(small: Searcher) -> None:
    fast = small.search("place:45")  # answered by the index alone
    slow = small.search("place:45 -不存在的词")  # checked article by article
    assert fast.total == slow.total == 3
    assert dict(fast.facets["place"]) == dict(slow.facets["place"]) == {"某地": 3}
    assert dict(fast.facets["source"]) == dict(slow.facets["source"])


@pytest.mark.slow
def test_arbitrary_queries_through_fts5(small: Searcher) -> None:
    """Whatever the user types, FTS5 never sees raw syntax: a result or a QueryError."""

    @settings(max_examples=2_000, deadline=None, suppress_health_check=list(HealthCheck))
    @given(QUERIES)
    def check(query: str) -> None:
        with contextlib.suppress(QueryError):
            small.search(query, limit=5)

    check()
    assert small.search("柳南").total == 2

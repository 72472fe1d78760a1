"""`huibao search`: full-text search over the store, ranked, highlighted, with facets.

Three steps: the query compiles to an FTS5 expression and SQL filters (`huibao.monitor.fts`);
the store returns candidates in bm25 order (`huibao.store.search`); each candidate is then
checked against the exact query by the same matcher that watches plans at ingest, which
also gives the highlights. Results are therefore exactly what `huibao plan test` would
match, and FTS5 syntax never sees user text unquoted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from huibao.model import Article
from huibao.monitor.document import Document, Highlight, enriched_orgs, enriched_places
from huibao.monitor.evaluate import LOCAL_ZONE, local_day
from huibao.monitor.fts import fts_expression, is_exact_query, sql_filters
from huibao.monitor.grams import index_text
from huibao.monitor.match import Matcher
from huibao.monitor.places import PlaceRef, bare_gazetteer, bare_name
from huibao.monitor.plan import Plan
from huibao.monitor.render import render
from huibao.monitor.settings import MonitorSettings
from huibao.store import Store
from huibao.store import search as index


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching article, with the terms found and where."""

    article_id: int
    url: str
    title: str
    source: str
    published: datetime | None
    rank: float
    terms: tuple[str, ...]
    highlights: tuple[Highlight, ...]
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of hits. `total` is exact when `exact`, else an upper bound from the index."""

    query: str
    hits: tuple[SearchHit, ...]
    total: int
    exact: bool
    facets: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)


def snippet(text: str, marks: Iterable[Highlight], width: int = 60) -> str:
    """About `width` characters of `text` around the first highlight, terms in 【】."""
    spans = sorted((h.start, h.end) for h in marks)
    if not spans:
        return text[:width]
    begin = max(0, spans[0][0] - width // 3)
    end = min(len(text), begin + width)
    out, at = [], begin
    for start, stop in spans:
        if start < at or stop > end:
            continue
        out.append(text[at:start] + "【" + text[start:stop] + "】")
        at = stop
    out.append(text[at:end])
    return ("…" if begin else "") + "".join(out) + ("…" if end < len(text) else "")


def _uses_org(matcher: Matcher) -> bool:
    return any("org:" in render(node) for _, node in matcher.plans)


class Searcher:
    """Searches and indexes one store. `gazetteer` maps place names to division codes."""

    def __init__(
        self,
        store: Store,
        settings: MonitorSettings | None = None,
        gazetteer: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or MonitorSettings()
        self.gazetteer = bare_gazetteer(gazetteer or {})
        self.matcher = Matcher([], settings=self.settings)  # holds the folder

    def index_pending(self, batch: int = 500, changed: bool = True) -> int:
        """Index every article not yet indexed; how many were indexed.

        With `changed` (the default) articles saved again since they were indexed are
        re-indexed too, which reads every article row; `changed=False` only looks past the
        newest indexed id (what `huibao search` does before each search).
        """
        done, after = 0, 0
        while True:
            with self.store.reading() as conn:
                ids = index.unindexed(conn, after, batch, changed)
                rows = index.article_rows(conn, ids)
                extra = index.enrichments_of(conn, ids)
            if not ids:
                return done
            entries = [self._entry(rows[i], extra.get(i)) for i in ids]
            with self.store.transaction() as conn:
                index.write_index(conn, entries, datetime.now(UTC))
            done += len(ids)
            after = ids[-1]

    def index_article(
        self, article_id: int, article: Article, enrichment: Mapping[str, Any] | None = None
    ) -> None:
        """Index (or re-index) one stored article now, e.g. at ingest."""
        with self.store.transaction() as conn:
            entry = self.entry(article_id, article, enrichment)
            index.write_index(conn, [entry], datetime.now(UTC))

    def _entry(self, row: Any, enrichment: Mapping[str, Any] | None) -> index.IndexRow:
        return self.entry(row.id, Article.from_dict(row.record), enrichment)

    def entry(
        self, article_id: int, article: Article, enrichment: Mapping[str, Any] | None
    ) -> index.IndexRow:
        """The index row of one article (tokens, publication time, source, places)."""
        text = index_text(article.title, article.body, self.matcher.folder)
        places = {(p.code, bare_name(p.name)) for p in enriched_places(enrichment)}
        return index.IndexRow(
            article_id, text.title_bi, text.body_bi, text.title_uni, text.body_uni,
            article.published, article.source, tuple(sorted(places)),
        )  # fmt: skip

    def search(self, query: str, limit: int = 20, offset: int = 0) -> SearchResult:
        """Articles matching `query`, best first; raises QueryError on a bad query."""
        plan = Plan("search", query=query)
        matcher = Matcher([plan], self.gazetteer, self.settings, self.matcher.folder)
        node = matcher.plans[0][1]
        fts = fts_expression(node, matcher.folder)
        filters = sql_filters(node, self.gazetteer)
        if is_exact_query(node, matcher.folder):
            return self._counted(query, matcher, fts, filters, limit, offset)
        verified: list[SearchHit] = []
        facets: dict[str, Counter[str]] = {
            "source": Counter(),
            "place": Counter(),
            "date": Counter(),
        }
        cap = max(self.settings.search_scan, offset + limit)
        with self.store.reading() as conn:  # one ranked query: FTS5 ranks every match anyway
            found = index.candidates(conn, fts, filters, cap)
        size = self.settings.search_page
        for batch in (found[i : i + size] for i in range(0, len(found), size)):
            for hit, places in self._verify(matcher, batch):
                verified.append(hit)
                facets["source"][hit.source] += 1
                facets["date"][str(local_day(hit.published) or "")] += 1
                facets["place"].update({bare_name(p.name) for p in places if p.name})
        exact = len(found) < cap
        total = len(verified) if exact else self._count(fts, filters)
        return SearchResult(
            query,
            tuple(verified[offset : offset + limit]),
            total,
            exact,
            {k: tuple(c.most_common(self.settings.facet_size)) for k, c in facets.items()},
        )

    def _counted(
        self,
        query: str,
        matcher: Matcher,
        fts: str | None,
        filters: index.Filters,
        limit: int,
        offset: int,
    ) -> SearchResult:
        """The fast path for queries the index answers exactly: count and facet in SQL."""
        hours = int(
            (LOCAL_ZONE.utcoffset(datetime(2000, 1, 1)) or timedelta()).total_seconds() // 3600
        )
        with self.store.reading() as conn:
            page = index.candidates(conn, fts, filters, limit, offset)
            size, cap = self.settings.facet_size, self.settings.facet_scan
            covered, facets = index.facet_counts(conn, fts, filters, size, hours, cap)
            # under the facet cap the facet pass saw every match: that is the total
            total = covered if covered < cap else index.count_candidates(conn, fts, filters)
        hits = tuple(hit for hit, _ in self._verify(matcher, page))
        return SearchResult(query, hits, total, True, {k: tuple(v) for k, v in facets.items()})

    def _verify(
        self, matcher: Matcher, batch: list[tuple[int, float]]
    ) -> Iterator[tuple[SearchHit, tuple[PlaceRef, ...]]]:
        ids = [i for i, _ in batch]
        with self.store.reading() as conn:
            rows = index.article_rows(conn, ids)
            places = index.places_of(conn, ids)
            extra = index.enrichments_of(conn, ids) if _uses_org(matcher) else {}
        for article_id, rank in batch:
            row = rows[article_id]
            article = Article.from_dict(row.record)
            refs = tuple(PlaceRef(n, c) for c, n in places.get(article_id, ()))
            doc = Document.from_article(article, refs, enriched_orgs(extra.get(article_id)))
            found = matcher.match(doc)
            if not found:
                continue
            match = found[0]
            body_marks = [h for h in match.highlights if h.field == "body"]
            yield SearchHit(
                article_id, row.url, article.title, article.source, article.published, rank,
                match.terms, match.highlights, snippet(article.body, body_marks),
            ), refs  # fmt: skip

    def _count(self, fts: str | None, filters: index.Filters) -> int:
        with self.store.reading() as conn:
            return index.count_candidates(conn, fts, filters)

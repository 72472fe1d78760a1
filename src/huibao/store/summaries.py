"""Read-only queries for briefing reports: lean article lines and counts made in SQL.

A report over 100,000 articles lists every one (title, outlet, date, URL) but quotes few.
Decoding each stored record and enrichment in Python took most of a report's time, so
these queries take from the JSON columns only what a report shows, inside SQLite:

- `article_lines`: the columns a listing needs, the record's channel (breadcrumb) and the
  opening of its body, and the article's story from the connect stage;
- `place_counts` and `figure_mentions`: articles per province and prefecture, and each
  distinct stated figure (first mention only), read from the enrichments with `json_each`;
- `source_counts`, `count_published`: what each crawl source stored in a period.

A scope is a published range, optionally narrowed to a list of article ids (passed as one
JSON parameter, so any number of ids fits in one statement).
SQLite-specific (like `huibao.store.dialect`): `json_extract`, `json_each` and a bare
column next to `min()` (SQLite returns the other columns from the row holding the
minimum). A PostgreSQL branch would use `jsonb_path_query`, `jsonb_array_elements` and
`DISTINCT ON`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.pool import StaticPool

from huibao.store.schema import articles, enrichments
from huibao.store.stories import connect_stories
from huibao.store.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class ArticleLine:
    """An article as a report lists it: no body, only its opening (for grouping reprints)."""

    id: int
    url: str
    site: str  # the crawl source that stored it
    title: str
    published: datetime | None
    source: str  # 来源, as the page states it
    channel: tuple[str, ...]
    opening: str  # the first characters of the body
    story_id: int | None  # the connect stage's story, after merges; None when not placed


@dataclass(frozen=True, slots=True)
class MatchText:
    """What plan matching reads besides the line: the body, enriched places and bodies."""

    body: str
    places: tuple[Mapping[str, Any], ...]
    organisations: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """Articles naming a place in one province (prefecture "") or one of its prefectures."""

    code: str  # the province's two-digit division code
    province: str
    prefecture: str
    articles: int


@dataclass(frozen=True, slots=True)
class FigureMention:
    """The first mention (by publication time) of one distinct stated figure.

    Figures are the same when subject, text and stated change (kind, direction, percent,
    amount, unit) are: a reprint's copy of a figure is not a new fact.
    """

    article_id: int
    index: int  # in the article's `Enrichment.figures`
    subject: str
    text: str
    change: Mapping[str, Any] | None
    has_period: bool


@dataclass(frozen=True, slots=True)
class Scope:
    """Articles published in [since, until), and only `ids` among them when given."""

    since: datetime
    until: datetime
    ids: Sequence[int] | None = None

    def where(self) -> str:
        """SQL condition on `a` (articles); parameters from `params()`."""
        text = "a.published >= :since AND a.published < :until"
        if self.ids is not None:
            text += " AND a.id IN (SELECT value FROM json_each(:ids))"
        return text

    def params(self) -> dict[str, Any]:
        found: dict[str, Any] = {"since": self.since, "until": self.until}
        if self.ids is not None:
            found["ids"] = json.dumps([int(i) for i in self.ids])
        return found


def _statement(sql: str, scope: Scope) -> sa.TextClause:
    text = sa.text(sql.replace("{scope}", scope.where()))
    return text.bindparams(
        sa.bindparam("since", type_=UTCDateTime()), sa.bindparam("until", type_=UTCDateTime())
    )


def _merges(conn: sa.Connection) -> dict[int, int]:
    query = sa.select(connect_stories.c.id, connect_stories.c.merged_into).where(
        connect_stories.c.merged_into.is_not(None)
    )
    return {int(a): int(b) for a, b in conn.execute(query)}


def _resolve(story: int | None, merges: Mapping[int, int]) -> int | None:
    seen: set[int] = set()
    while story is not None and story in merges and story not in seen:
        seen.add(story)
        story = merges[story]
    return story


_LINES = """
SELECT a.id, a.url, s.name, a.title, a.published, a.source,
       json_extract(a.record, '$.channel'), substr(json_extract(a.record, '$.body'), 1, :chars),
       c.story_id
FROM articles a JOIN sources s ON s.id = a.source_id
LEFT JOIN connect_entries c ON c.article_id = a.id
WHERE {scope} ORDER BY a.id
"""


def article_lines(conn: sa.Connection, scope: Scope, opening: int) -> list[ArticleLine]:
    """Lines of the articles in `scope`, in id order, with `opening` characters of body."""
    statement = _statement(_LINES, scope).columns(published=UTCDateTime())
    rows = conn.execute(statement, {**scope.params(), "chars": opening})
    merges = _merges(conn)
    return [
        ArticleLine(
            int(row[0]), row[1], row[2], row[3], row[4], row[5], _channel(row[6]),
            row[7] or "", _resolve(row[8], merges),
        )
        for row in rows
    ]  # fmt: skip


def _channel(text: str | None) -> tuple[str, ...]:
    found = json.loads(text) if text else []
    return tuple(c for c in found if isinstance(c, str)) if isinstance(found, list) else ()


def match_texts(conn: sa.Connection, ids: Sequence[int]) -> dict[int, MatchText]:
    """Body, places and organisations of each of `ids` (what plan matching reads)."""
    query = (
        sa.select(
            articles.c.id,
            sa.func.json_extract(articles.c.record, "$.body"),
            sa.func.json_extract(enrichments.c.data, "$.places"),
            sa.func.json_extract(enrichments.c.data, "$.organisations"),
        )
        .outerjoin(enrichments, enrichments.c.article_id == articles.c.id)
        .where(articles.c.id.in_(list(ids)))
    )
    return {
        int(i): MatchText(body or "", _dicts(places), _dicts(orgs))
        for i, body, places, orgs in conn.execute(query)
    }


def _dicts(text: str | None) -> tuple[Mapping[str, Any], ...]:
    found = json.loads(text) if text else []
    return tuple(d for d in found if isinstance(d, dict)) if isinstance(found, list) else ()


def source_counts(conn: sa.Connection, scope: Scope) -> dict[str, int]:
    """Crawl source name -> articles in `scope`."""
    sql = """SELECT s.name, count(*) FROM articles a JOIN sources s ON s.id = a.source_id
             WHERE {scope} GROUP BY s.name"""
    rows = conn.execute(_statement(sql, scope), scope.params())
    return {str(name): int(n) for name, n in rows}


def count_published(conn: sa.Connection, scope: Scope) -> int:
    sql = "SELECT count(*) FROM articles a WHERE {scope}"
    return int(conn.execute(_statement(sql, scope), scope.params()).scalar_one())


# Places with a division code and a path (省, 市, ...); each article counts once per division.
_PLACES = """
WITH placed AS (
  SELECT DISTINCT a.id AS article,
         substr(json_extract(p.value, '$.code'), 1, 2) AS code,
         json_extract(p.value, '$.path[0]') AS province,
         coalesce(json_extract(p.value, '$.path[1]'), '') AS prefecture
  FROM articles a JOIN enrichments e ON e.article_id = a.id, json_each(e.data, '$.places') p
  WHERE {scope} AND coalesce(json_extract(p.value, '$.code'), '') != ''
        AND json_type(p.value, '$.path[0]') = 'text'
)
SELECT code, province, '', count(DISTINCT article) FROM placed GROUP BY code, province
UNION ALL
SELECT code, province, prefecture, count(DISTINCT article) FROM placed
WHERE prefecture != '' GROUP BY code, province, prefecture
"""


def place_counts(conn: sa.Connection, scope: Scope) -> list[PlaceCount]:
    """Articles per province and per prefecture in `scope` (unordered)."""
    rows = conn.execute(_statement(_PLACES, scope), scope.params())
    return [PlaceCount(str(c or ""), str(p), str(f or ""), int(n)) for c, p, f, n in rows]


# One row per distinct figure: `same` is what makes figures the same; `first` orders the
# mentions (undated articles last, then time, article id, index) as fixed-width text, and
# SQLite takes the bare columns from the row holding min(first).
_FIGURES = """
SELECT a.id, f.key, json_extract(f.value, '$.subject'), json_extract(f.value, '$.text'),
       json_extract(f.value, '$.change'), json_type(f.value, '$.period') = 'object',
       json_extract(f.value, '$.subject', '$.text', '$.change.kind', '$.change.direction',
                    '$.change.percent', '$.change.amount', '$.change.unit') AS same,
       min(coalesce(a.published, '9999') || (1000000000000000 + a.id * 1000000 + f.key))
         AS first
FROM articles a JOIN enrichments e ON e.article_id = a.id, json_each(e.data, '$.figures') f
WHERE {scope} AND json_type(f.value) = 'object'
GROUP BY same ORDER BY first
"""


def figure_mentions(conn: sa.Connection, scope: Scope) -> list[FigureMention]:
    """The first mention of each distinct figure stated in `scope`, earliest first."""
    rows = conn.execute(_statement(_FIGURES, scope), scope.params())
    return [
        FigureMention(
            int(row[0]), int(row[1]), str(row[2] or ""), str(row[3] or ""),
            _change(row[4]), bool(row[5]),
        )
        for row in rows
    ]  # fmt: skip


def _change(text: str | None) -> Mapping[str, Any] | None:
    found = json.loads(text) if text else None
    return found if isinstance(found, dict) else None


def shares_one_connection(engine: sa.Engine) -> bool:
    """True when every connection of `engine` is the same one (an in-memory database):
    its queries cannot run side by side."""
    return isinstance(engine.pool, StaticPool)


class Summaries:
    """The queries above on one read transaction (`Store.summaries()`): one snapshot."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def article_lines(self, scope: Scope, opening: int = 0) -> list[ArticleLine]:
        return article_lines(self.conn, scope, opening)

    def match_texts(self, ids: Sequence[int]) -> dict[int, MatchText]:
        return match_texts(self.conn, ids)

    def source_counts(self, scope: Scope) -> dict[str, int]:
        return source_counts(self.conn, scope)

    def count_published(self, scope: Scope) -> int:
        return count_published(self.conn, scope)

    def place_counts(self, scope: Scope) -> list[PlaceCount]:
        return place_counts(self.conn, scope)

    def figure_mentions(self, scope: Scope) -> list[FigureMention]:
        return figure_mentions(self.conn, scope)

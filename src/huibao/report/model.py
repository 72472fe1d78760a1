"""Records of a briefing: what goes in (`ReportInputs`) and what comes out (`ReportData`).

Everything is frozen and JSON-ready through `to_dict()`. Every figure and quotation carries a
`Cite`: the stored article's id and a `(start, end)` character span into that article's body,
so `huibao report --check` can find the sentence again in the stored raw page.
Stories and alterations come from the connect stage when it has run; they are optional
inputs, and the report says so when it had to group reprints itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from huibao.model import Article
from huibao.store.summaries import FigureMention, PlaceCount

KINDS = ("daily", "weekly", "monthly", "special")
KIND_NAMES = {"daily": "日报", "weekly": "周报", "monthly": "月报", "special": "专报"}


@dataclass(frozen=True, slots=True)
class Period:
    """Whole days `start`..`end`, both included, in the report's time zone."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        """2011年8月15日至8月21日 (one day: 2011年8月15日)."""
        first = f"{self.start.year}年{self.start.month}月{self.start.day}日"
        if self.start == self.end:
            return first
        year = f"{self.end.year}年" if self.end.year != self.start.year else ""
        return f"{first}至{year}{self.end.month}月{self.end.day}日"

    def key(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class Item:
    """One stored article in the report's scope, as a listing shows it: no body.

    A report over 100,000 articles lists every one but quotes few: the full records of
    those it quotes are in `ReportInputs.quoted`. `opening` (the first characters of the
    body) is what reprints are grouped by when the connect stage has not run.
    """

    id: int
    url: str
    site: str  # the crawl source that stored it
    title: str
    published: datetime | None
    source: str = ""  # 来源, as the page states it
    channel: tuple[str, ...] = ()
    opening: str = ""
    terms: tuple[str, ...] = ()  # the plan's words that matched, when a plan was given


@dataclass(frozen=True, slots=True)
class Quoted:
    """The full record of an article the report quotes, and its enrichment (as stored)."""

    article: Article
    facts: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class StoryInput:
    """A reprint group from the connect stage: one text and every article that carries it."""

    id: str
    article_ids: tuple[int, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class AlterationInput:
    """A reprint that differs from its original (a changed figure, a cut ending ...)."""

    story_id: str
    article_id: int
    original_id: int
    kind: str
    description: str
    span: tuple[int, int] | None = None  # in the reprint's body


@dataclass(frozen=True, slots=True)
class AlertInput:
    """An alert the monitor queued or sent for the report's plan."""

    created: datetime
    channel: str
    target: str
    state: str
    subject: str


@dataclass(frozen=True, slots=True)
class ReportInputs:
    """Everything the pure builder needs; `huibao.report.gather` reads it from a store.

    `places` and `figures` are counted and picked in the store (`huibao.store.summaries`)
    over the articles in scope; `quoted` holds the full records of the articles whose
    figures and alterations the report cites (`huibao.report.figures.chosen` says which).
    """

    kind: str
    period: Period
    previous: Period
    items: tuple[Item, ...]
    previous_count: int
    site_totals: Mapping[str, int]  # every stored article per crawl source in the period
    generated_at: datetime
    scope: str = ""  # the plan or query, as the reader should see it
    title: str = ""
    stories: tuple[StoryInput, ...] | None = None
    alterations: tuple[AlterationInput, ...] | None = None
    alerts: tuple[AlertInput, ...] = ()
    places: tuple[PlaceCount, ...] = ()
    figures: tuple[FigureMention, ...] = ()
    quoted: Mapping[int, Quoted] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Cite:
    """Where a figure or quote comes from: article, character span in its body, the text."""

    article_id: int
    start: int
    end: int
    text: str
    url: str
    title: str


@dataclass(frozen=True, slots=True)
class Count:
    name: str
    count: int
    code: str = ""  # a province's two-digit division code (places only)


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True, slots=True)
class Attention:
    """Articles of one source in scope, against all it published in the period."""

    site: str
    matched: int
    total: int

    @property
    def share(self) -> float:
        return self.matched / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Spread:
    """One article of a story, in order of publication (the first is the first publisher)."""

    article_id: int
    outlet: str
    published: datetime | None
    url: str
    title: str


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str
    articles: int
    outlets: tuple[str, ...]
    spread: tuple[Spread, ...]

    @property
    def first(self) -> Spread:
        return self.spread[0]

    @property
    def reprints(self) -> int:
        return max(0, self.articles - 1)


@dataclass(frozen=True, slots=True)
class FigureRow:
    subject: str
    value: float
    amount: str  # as the reader sees it: 4321起, 2万余元
    unit: str
    period: str
    change: str  # 同比下降6.2%
    organisation: str
    place: str
    cite: Cite


@dataclass(frozen=True, slots=True)
class AlterationRow:
    story: str
    kind: str
    description: str
    article_id: int
    original_id: int
    outlet: str
    cite: Cite | None


@dataclass(frozen=True, slots=True)
class MatchRow:
    article_id: int
    title: str
    outlet: str
    published: datetime | None
    terms: tuple[str, ...]
    url: str


@dataclass(frozen=True, slots=True)
class AppendixRow:
    article_id: int
    title: str
    outlet: str
    site: str
    published: datetime | None
    url: str


@dataclass(frozen=True, slots=True)
class Totals:
    articles: int
    previous: int
    outlets: int
    sites: int

    @property
    def change(self) -> float | None:
        """Fractional change against the previous period (None when it had none)."""
        return (self.articles - self.previous) / self.previous if self.previous else None


@dataclass(frozen=True, slots=True)
class ReportData:
    """A whole briefing, ready for any template or writer."""

    kind: str
    title: str
    scope: str
    period: Period
    previous: Period
    generated_at: datetime
    summary: str
    totals: Totals
    volume: tuple[DayCount, ...]
    outlets: tuple[Count, ...]
    channels: tuple[Count, ...]
    attention: tuple[Attention, ...]
    provinces: tuple[Count, ...]
    prefectures: tuple[Count, ...]
    stories: tuple[StoryRow, ...]
    figures: tuple[FigureRow, ...]
    alterations: tuple[AlterationRow, ...] | None
    matches: tuple[MatchRow, ...]
    alerts: tuple[AlertInput, ...]
    appendix: tuple[AppendixRow, ...]
    notes: tuple[str, ...] = field(default=())
    regions: tuple[Count, ...] = ()  # every province named, with its code (for the map)

    @property
    def empty(self) -> bool:
        return self.totals.articles == 0

    def citations(self) -> list[Cite]:
        """Every cited span in the report (figures, then alterations)."""
        cites = [f.cite for f in self.figures]
        cites += [a.cite for a in self.alterations or () if a.cite is not None]
        return cites

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; `citations` lists every cited span for `huibao report --check`."""
        data: dict[str, Any] = _plain(self)
        data["totals"]["change"] = self.totals.change
        for row, source in zip(data["attention"], self.attention, strict=True):
            row["share"] = source.share
        data["citations"] = [_plain(c) for c in self.citations()]
        return data


def _plain(value: Any) -> Any:
    """`value` as JSON-ready data: dataclasses as dicts, dates as ISO text.

    Written out rather than `dataclasses.asdict`, which deep-copies every value first:
    for an appendix of 100,000 rows that took most of the JSON format's time.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value

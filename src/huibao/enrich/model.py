"""Records the enrichment stage returns: frozen, slotted, JSON round-trippable.

Every span is a `(start, end)` pair of character offsets into `Article.body`, so a fact can
always be traced back to the text that stated it. `Enrichment.to_dict()` gives plain JSON data
(dates as ISO strings, tuples as lists) and `Enrichment.from_dict()` reads it back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]


def _span(value: Any) -> Span:
    start, end = value
    return int(start), int(end)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Place:
    """One mention of an administrative division.

    `code` is None when the name fits several divisions and the article does not say which:
    `candidates` then lists their codes (never a silent guess). `path` runs from the province
    down to the division itself (placeholder prefectures such as 市辖区 are skipped).
    """

    text: str
    span: Span
    code: str | None
    level: str = ""
    path: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span),
            "code": self.code,
            "level": self.level,
            "path": list(self.path),
            "candidates": list(self.candidates),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(
            text=data["text"],
            span=_span(data["span"]),
            code=data.get("code"),
            level=data.get("level", ""),
            path=tuple(data.get("path", ())),
            candidates=tuple(data.get("candidates", ())),
        )


@dataclass(frozen=True, slots=True)
class Organisation:
    """A named body (bureau, station, court, committee, company) and the place it belongs to.

    `mentions` holds the span of every mention, including shorter aliases (柳南公安分局) and
    anaphora (该分局) that refer back to it; `span` is the first full mention.
    """

    name: str
    kind: str
    span: Span
    place_code: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "span": list(self.span),
            "place_code": self.place_code,
            "aliases": list(self.aliases),
            "mentions": [list(m) for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Organisation:
        return cls(
            name=data["name"],
            kind=data.get("kind", ""),
            span=_span(data["span"]),
            place_code=data.get("place_code"),
            aliases=tuple(data.get("aliases", ())),
            mentions=tuple(_span(m) for m in data.get("mentions", ())),
        )


@dataclass(frozen=True, slots=True)
class Period:
    """The time a figure covers, resolved against the article's date.

    Either end may be None when the text gives only one (截至6月10日 has no start).
    """

    text: str
    span: Span
    start: date | None
    end: date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Period:
        return cls(
            text=data["text"],
            span=_span(data["span"]),
            start=_date(data.get("start")),
            end=_date(data.get("end")),
        )


@dataclass(frozen=True, slots=True)
class Change:
    """A stated change: `kind` 同比 (year on year), 环比 (on the previous period) or "".

    `direction` is "up", "down" or "flat"; `percent` is signed (-6.2 for 下降6.2%), and
    `amount`/`unit` hold an absolute change (增加120人, 下降0.5个百分点) instead.
    """

    kind: str
    direction: str
    span: Span
    percent: float | None = None
    amount: float | None = None
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "direction": self.direction,
            "span": list(self.span),
            "percent": self.percent,
            "amount": self.amount,
            "unit": self.unit,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        return cls(
            kind=data.get("kind", ""),
            direction=data["direction"],
            span=_span(data["span"]),
            percent=data.get("percent"),
            amount=data.get("amount"),
            unit=data.get("unit", ""),
        )


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated quantity: 4321 起 of 110接报警, down 6.2% year on year.

    `value` is in the unit's own scale with multipliers applied (2万余元 -> 20000, unit 元);
    `approx` keeps the approximation word (余, 近, 约, 超过, 以上, ...) or "".
    `part_of` is the index in `Enrichment.figures` of the total this figure is part of (其中).
    """

    value: float
    unit: str
    subject: str
    text: str
    span: Span
    sentence: Span
    approx: str = ""
    period: Period | None = None
    change: Change | None = None
    part_of: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "subject": self.subject,
            "text": self.text,
            "span": list(self.span),
            "sentence": list(self.sentence),
            "approx": self.approx,
            "period": self.period.to_dict() if self.period else None,
            "change": self.change.to_dict() if self.change else None,
            "part_of": self.part_of,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        period, change = data.get("period"), data.get("change")
        return cls(
            value=float(data["value"]),
            unit=data["unit"],
            subject=data.get("subject", ""),
            text=data.get("text", ""),
            span=_span(data["span"]),
            sentence=_span(data["sentence"]),
            approx=data.get("approx", ""),
            period=Period.from_dict(period) if period else None,
            change=Change.from_dict(change) if change else None,
            part_of=data.get("part_of"),
        )


@dataclass(frozen=True, slots=True)
class OutlineNode:
    """A heading (一、, （一）, 1., (1)) with the paragraphs and sub-headings under it.

    `level` is 1 for top-level headings; `paragraphs` are the spans of the body text the
    heading governs directly (its own paragraph's text after the title included).
    """

    marker: str
    level: int
    title: str
    span: Span
    paragraphs: tuple[Span, ...] = ()
    children: tuple[OutlineNode, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "level": self.level,
            "title": self.title,
            "span": list(self.span),
            "paragraphs": [list(p) for p in self.paragraphs],
            "children": [c.to_dict() for c in self.children],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OutlineNode:
        return cls(
            marker=data["marker"],
            level=int(data["level"]),
            title=data["title"],
            span=_span(data["span"]),
            paragraphs=tuple(_span(p) for p in data.get("paragraphs", ())),
            children=tuple(cls.from_dict(c) for c in data.get("children", ())),
        )


@dataclass(frozen=True, slots=True)
class Initiative:
    """A named campaign or programme quoted in the text ("平安讲堂"), with its heading."""

    name: str
    span: Span
    count: int
    heading: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "span": list(self.span),
            "count": self.count,
            "heading": self.heading,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Initiative:
        return cls(data["name"], _span(data["span"]), int(data["count"]), data.get("heading", ""))


@dataclass(frozen=True, slots=True)
class Keyword:
    """A keyword and its weight (TF-IDF against corpus statistics, or TextRank)."""

    word: str
    weight: float


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Everything `huibao.enrich.enrich` found in one article."""

    places: tuple[Place, ...] = ()
    main_place: Place | None = None
    organisations: tuple[Organisation, ...] = ()
    main_organisation: Organisation | None = None
    figures: tuple[Figure, ...] = ()
    outline: tuple[OutlineNode, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    keywords: tuple[Keyword, ...] = field(default=())
    summary: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the store keeps this beside the article)."""
        return {
            "places": [p.to_dict() for p in self.places],
            "main_place": self.main_place.to_dict() if self.main_place else None,
            "organisations": [o.to_dict() for o in self.organisations],
            "main_organisation": (
                self.main_organisation.to_dict() if self.main_organisation else None
            ),
            "figures": [f.to_dict() for f in self.figures],
            "outline": [n.to_dict() for n in self.outline],
            "initiatives": [i.to_dict() for i in self.initiatives],
            "keywords": [[k.word, k.weight] for k in self.keywords],
            "summary": self.summary,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Enrichment:
        """Inverse of `to_dict`."""
        main_place, main_org = data.get("main_place"), data.get("main_organisation")
        return cls(
            places=tuple(Place.from_dict(p) for p in data.get("places", ())),
            main_place=Place.from_dict(main_place) if main_place else None,
            organisations=tuple(Organisation.from_dict(o) for o in data.get("organisations", ())),
            main_organisation=Organisation.from_dict(main_org) if main_org else None,
            figures=tuple(Figure.from_dict(f) for f in data.get("figures", ())),
            outline=tuple(OutlineNode.from_dict(n) for n in data.get("outline", ())),
            initiatives=tuple(Initiative.from_dict(i) for i in data.get("initiatives", ())),
            keywords=tuple(Keyword(w, float(s)) for w, s in data.get("keywords", ())),
            summary=data.get("summary", ""),
        )

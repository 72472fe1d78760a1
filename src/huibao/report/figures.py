"""The key-figures table: each stated quantity with its subject, change, body and place. Pure.

A figure reprinted by several outlets is listed once, citing the earliest article that states
it (the first publisher), so the table counts facts, not copies.
"""

from __future__ import annotations

from collections.abc import Sequence

from huibao.enrich.model import Change, Enrichment, Figure
from huibao.report.model import FigureRow, Item
from huibao.report.stories import cite

DIRECTION_WORDS = {"up": "上升", "down": "下降", "flat": "持平"}


def change_text(change: Change | None) -> str:
    """同比下降6.2% / 环比增加120人 / "" (none stated)."""
    if change is None:
        return ""
    word = DIRECTION_WORDS.get(change.direction, "")
    if change.percent is not None:
        return f"{change.kind}{word}{abs(change.percent):g}%"
    if change.amount is not None:
        verb = {"up": "增加", "down": "减少"}.get(change.direction, word)
        return f"{change.kind}{verb}{abs(change.amount):g}{change.unit}"
    return f"{change.kind}{word}"


def _inside(span: tuple[int, int], sentence: tuple[int, int]) -> bool:
    return sentence[0] <= span[0] < sentence[1]


def _organisation(found: Enrichment, figure: Figure) -> str:
    for org in found.organisations:
        if any(_inside(m, figure.sentence) for m in (org.span, *org.mentions)):
            return org.name
    return found.main_organisation.name if found.main_organisation else ""


def _place(found: Enrichment, figure: Figure) -> str:
    near = [p for p in found.places if _inside(p.span, figure.sentence)]
    place = near[0] if near else found.main_place
    if place is None:
        return ""
    return "".join(place.path) if place.path else place.text


Candidate = tuple[tuple[bool, bool, bool], int, Item, int]


def _candidates(items: Sequence[Item]) -> list[Candidate]:
    """(score, order, item, index of the figure in its record) of each distinct figure,
    read from the raw records (parsing every Figure of 100,000 articles costs seconds)."""
    ordered = sorted(items, key=lambda i: (i.article.published is None, i.article.published, i.id))
    seen: set[tuple[str, str, str]] = set()
    found: list[Candidate] = []
    for item in ordered:
        for index, raw in enumerate(item.facts.get("figures", ()) if item.facts else ()):
            change = change_text(Change.from_dict(raw["change"])) if raw.get("change") else ""
            key = (raw.get("subject", ""), raw.get("text", ""), change)
            if key in seen:
                continue
            seen.add(key)
            score = (bool(change), bool(key[0]), bool(raw.get("period")))
            found.append((score, len(found), item, index))
    return found


def figure_rows(items: Sequence[Item], limit: int) -> tuple[FigureRow, ...]:
    """Up to `limit` figures, those with a stated change, subject and period first; a figure
    stated by several articles is listed once, from the earliest."""
    chosen = sorted(_candidates(items), key=lambda c: (tuple(not x for x in c[0]), c[1]))[:limit]
    parsed: dict[int, Enrichment] = {}
    rows = []
    for _score, _order, item, index in chosen:
        if item.id not in parsed:
            parsed[item.id] = Enrichment.from_dict(dict(item.facts or {}))
        found = parsed[item.id]
        figure = found.figures[index]
        period = figure.period.text if figure.period else ""
        rows.append(
            FigureRow(
                figure.subject, figure.value, figure.text, figure.unit, period,
                change_text(figure.change), _organisation(found, figure), _place(found, figure),
                cite(item, *figure.sentence),
            )
        )  # fmt: skip
    return tuple(rows)

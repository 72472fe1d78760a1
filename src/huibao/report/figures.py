"""The key-figures table: each stated quantity with its subject, change, body and place. Pure.

A figure reprinted by several outlets is listed once, citing the earliest article that states
it (the first publisher), so the table counts facts, not copies. The store finds each
figure's first mention (`huibao.store.summaries.figure_mentions`); only the articles of the
figures listed are read in full.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from huibao.enrich.model import Change, Enrichment, Figure
from huibao.report.model import FigureRow, Item, Quoted
from huibao.report.stories import cite
from huibao.store.summaries import FigureMention

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


def _score(mention: FigureMention) -> tuple[bool, bool, bool]:
    change = change_text(Change.from_dict(dict(mention.change))) if mention.change else ""
    return (bool(change), bool(mention.subject), mention.has_period)


def chosen(mentions: Sequence[FigureMention], limit: int) -> list[FigureMention]:
    """The `limit` figures to list: those with a stated change, subject and period first,
    then in order of first mention (`mentions` come earliest first, one per figure)."""
    order = sorted(
        range(len(mentions)), key=lambda n: (tuple(not x for x in _score(mentions[n])), n)
    )
    return [mentions[n] for n in order[:limit]]


def figure_rows(
    mentions: Sequence[FigureMention],
    by_id: Mapping[int, Item],
    quoted: Mapping[int, Quoted],
    limit: int,
) -> tuple[FigureRow, ...]:
    """Up to `limit` rows of the key-figures table, each citing its sentence in the first
    article that states it; a figure whose article is not in `quoted` is left out."""
    parsed: dict[int, Enrichment] = {}
    rows = []
    for mention in chosen(mentions, limit):
        item, full = by_id.get(mention.article_id), quoted.get(mention.article_id)
        if item is None or full is None or not full.facts:
            continue
        if item.id not in parsed:
            parsed[item.id] = Enrichment.from_dict(dict(full.facts))
        found = parsed[item.id]
        if mention.index >= len(found.figures):
            continue
        figure = found.figures[mention.index]
        period = figure.period.text if figure.period else ""
        rows.append(
            FigureRow(
                figure.subject, figure.value, figure.text, figure.unit, period,
                change_text(figure.change), _organisation(found, figure), _place(found, figure),
                cite(item, full.article, *figure.sentence),
            )
        )  # fmt: skip
    return tuple(rows)

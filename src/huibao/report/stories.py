"""Top stories, their spread over outlets, and reprint alterations. Pure.

Stories come from the connect stage (`ReportInputs.stories`) when it has run. Without it,
`group_reprints` makes a coarse stand-in: articles sharing a normalised headline or the
opening of their text are one story. That catches exact and retitled reprints (the
sample network's portal reprint of the seed report keeps the text under a new headline)
but not rewritten ones; the report notes which grouping it used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from huibao.model import Article
from huibao.report.counts import outlet_of
from huibao.report.model import (
    AlterationInput,
    AlterationRow,
    Cite,
    Item,
    Quoted,
    Spread,
    StoryInput,
    StoryRow,
)

_NOT_WORD = re.compile(r"[\W_]+")
OPENING_CHARS = 40  # characters of text that identify a reprint of the same text
MIN_KEY_CHARS = 8  # shorter headlines/openings are too generic to join articles


def _key(text: str, length: int | None = None) -> str:
    # Punctuation and spaces rarely take more than three characters of four: read 4x.
    key = _NOT_WORD.sub("", text[: length * 4] if length else text)
    key = key[:length] if length else key
    return key if len(key) >= MIN_KEY_CHARS else ""


def group_reprints(items: Sequence[Item]) -> tuple[StoryInput, ...]:
    """Stand-in story grouping: same normalised headline or same opening text."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        keys = ("t" + _key(item.title), "b" + _key(item.opening, OPENING_CHARS))
        for key in keys:
            if len(key) == 1:
                continue
            if key in seen:
                parent[find(index)] = find(seen[key])
            else:
                seen[key] = index
    groups: dict[int, list[int]] = {}
    for index in range(len(items)):
        groups.setdefault(find(index), []).append(items[index].id)
    return tuple(StoryInput(f"g{ids[0]}", tuple(ids)) for ids in groups.values())


def _when(item: Item) -> tuple[bool, datetime | None, int]:
    return (item.published is None, item.published, item.id)


def story_rows(
    stories: Sequence[StoryInput], by_id: Mapping[int, Item], limit: int
) -> tuple[StoryRow, ...]:
    """The `limit` most reprinted stories; each story's articles by time of publication."""
    rows = []
    for story in stories:
        members = sorted((by_id[i] for i in story.article_ids if i in by_id), key=_when)
        if not members:
            continue
        spread = tuple(Spread(m.id, outlet_of(m), m.published, m.url, m.title) for m in members)
        outlets = tuple(dict.fromkeys(s.outlet for s in spread))
        title = story.title or members[0].title or members[0].url
        rows.append(StoryRow(story.id, title, len(members), outlets, spread))
    rows.sort(key=lambda r: (-r.articles, -len(r.outlets), _first_time(r), r.id))
    return tuple(rows[:limit])


def _first_time(row: StoryRow) -> str:
    published = row.first.published
    return published.isoformat() if published else "9999"


def cite(item: Item, article: Article, start: int, end: int) -> Cite:
    """`item`'s text from `start` to `end` (clamped), read from its full record `article`."""
    body = article.body
    start, end = max(0, start), min(len(body), end)
    return Cite(item.id, start, end, body[start:end], item.url, item.title)


def alteration_rows(
    alterations: Sequence[AlterationInput], by_id: Mapping[int, Item], quoted: Mapping[int, Quoted]
) -> tuple[AlterationRow, ...]:
    """Alterations of reprints in scope, each citing the changed text when connect gave it
    (and the reprint's full record is among `quoted`)."""
    rows = []
    for alt in alterations:
        item = by_id.get(alt.article_id)
        if item is None:
            continue
        full = quoted.get(alt.article_id)
        cited = cite(item, full.article, *alt.span) if alt.span and full else None
        rows.append(
            AlterationRow(
                alt.story_id,
                alt.kind,
                alt.description,
                alt.article_id,
                alt.original_id,
                outlet_of(item),
                cited,
            )
        )
    return tuple(rows)

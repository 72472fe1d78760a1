"""Stories and alterations from the connect stage, when it has run on the store.

The report groups reprints itself only when connect has placed none of the articles in
scope (`connect_inputs` returns None); otherwise each article's story is connect's, and the
alterations of the largest stories (what a reprint changed: headline, figures, paragraphs,
places) are listed, each citing the changed text in the reprint where it can be found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from huibao.report.model import AlterationInput, Item, StoryInput
from huibao.store import Store

FIGURE_KINDS = {"value": "数值改动", "unit": "单位改动", "subject": "事项改动",
                "dropped": "删去数据", "added": "新增数据", "number": "数字改动"}  # fmt: skip
EXCERPT_CHARS = 40  # of a dropped or added paragraph, in the description


def _span(body: str, text: str) -> tuple[int, int] | None:
    at = body.find(text) if text else -1
    return (at, at + len(text)) if at >= 0 else None


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def _figure(change: Any) -> tuple[str, str, str]:
    """(kind, description, text to cite in the reprint) of one FigureChange."""
    kind = FIGURE_KINDS.get(change.kind, change.kind)
    if change.kind == "subject":
        return (
            kind,
            f"{change.subject} → {change.subject_after}（{change.after}）",
            change.subject_after,
        )
    if change.kind == "dropped":
        return kind, f"{change.subject}{change.before}", ""
    if change.kind == "added":
        return kind, f"{change.subject}{change.after}", change.after
    about = f"{change.subject}：" if change.subject else ""
    return kind, f"{about}{change.before} → {change.after}", change.after


def alteration_inputs(story: str, alt: Any, body: str) -> list[AlterationInput]:
    """One connect `Alterations` record as report rows."""
    rows: list[tuple[str, str, str]] = []
    if alt.title_before != alt.title_after:
        rows.append(("标题改动", f"《{alt.title_before}》→《{alt.title_after}》", ""))
    rows += [_figure(c) for c in alt.figures]
    for label, found in (("删去段落", alt.paragraphs_dropped), ("新增段落", alt.paragraphs_added)):
        if found:
            rows.append((label, f"{len(found)}段，首段：{_excerpt(found[0])}", ""))
    if alt.paragraphs_changed:
        after = alt.paragraphs_changed[0][1]
        rows.append(("改写段落", f"{len(alt.paragraphs_changed)}段，如：{_excerpt(after)}", after))
    for label, names in (("删去地名", alt.places_removed), ("新增地名", alt.places_added),
                         ("删去机构", alt.organisations_removed),
                         ("新增机构", alt.organisations_added)):  # fmt: skip
        if names:
            rows.append((label, "、".join(names), ""))
    return [
        AlterationInput(story, alt.article_id, alt.original_id, kind, text, _span(body, cited))
        for kind, text, cited in rows
    ]


def _stories(store: Store, ids: set[int]) -> dict[int, list[int]] | None:
    from huibao.store import stories as connected

    by_story: dict[int, list[int]] = {}
    for entry in connected.iter_entries(store):
        if entry.article_id in ids:
            by_story.setdefault(entry.story_id, []).append(entry.article_id)
    if not by_story:
        return None
    live: dict[int, list[int]] = {}
    with store.reading() as conn:
        for story_id, members in by_story.items():
            resolved = connected.resolve(conn, story_id)
            live.setdefault(resolved if resolved is not None else story_id, []).extend(members)
    return live


def connect_inputs(
    store: Store, items: Sequence[Item], top: int
) -> tuple[tuple[StoryInput, ...], tuple[AlterationInput, ...]] | None:
    """Connect's stories of `items`, and the alterations in its `top` largest; None when
    connect is not installed or has placed none of them."""
    try:
        from huibao.store import stories as connected
    except ImportError:
        return None
    by_id: Mapping[int, Item] = {i.id: i for i in items}
    found = _stories(store, set(by_id))
    if found is None:
        return None
    placed = {i for members in found.values() for i in members}
    stories = [StoryInput(f"s{k}", tuple(v)) for k, v in found.items()]
    stories += [StoryInput(f"a{i}", (i,)) for i in by_id if i not in placed]
    largest = sorted(found, key=lambda k: (-len(found[k]), k))[:top]
    alterations: list[AlterationInput] = []
    for story_id in largest:
        view = connected.show_story(store, story_id)
        for group in view.groups if view else ():
            for alt in group.alterations:
                if alt.article_id in by_id and alt.changed:
                    body = by_id[alt.article_id].article.body
                    alterations += alteration_inputs(f"s{story_id}", alt, body)
    return tuple(stories), tuple(alterations)

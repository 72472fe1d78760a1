"""Stories and alterations from the connect stage, when it has run on the store.

The report groups reprints itself only when connect has placed none of the articles in
scope (`connect_inputs` returns None); otherwise each article's story is connect's, and the
alterations of the largest stories (what a reprint changed: headline, figures, paragraphs,
places) are listed, each citing the changed text in the reprint where it can be found.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from huibao.report.model import AlterationInput, StoryInput
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


def _body(store: Store, article_id: int) -> str:
    stored = store.get_article(article_id)
    return stored.article.body if stored else ""


def connect_inputs(
    store: Store, story_of: Mapping[int, int | None], top: int, cited: int
) -> tuple[tuple[StoryInput, ...], tuple[AlterationInput, ...]] | None:
    """Connect's stories of the articles in `story_of` (article id -> story id, from the
    store's lines), and the alterations in its `top` largest; None when connect has placed
    none of them. Only the first `cited` alterations are looked up in their reprint's text
    (one full read each): a story reprinted 5,000 times may hold thousands."""
    from huibao.store import stories as connected

    found: dict[int, list[int]] = {}
    for article_id, story in story_of.items():
        if story is not None:
            found.setdefault(story, []).append(article_id)
    if not found:
        return None
    stories = [StoryInput(f"s{k}", tuple(v)) for k, v in found.items()]
    stories += [StoryInput(f"a{i}", (i,)) for i, story in story_of.items() if story is None]
    largest = sorted(found, key=lambda k: (-len(found[k]), k))[:top]
    alterations: list[AlterationInput] = []
    for story_id in largest:
        view = connected.show_story(store, story_id)
        for group in view.groups if view else ():
            for alt in group.alterations:
                # A copy stored as an alias has the same text (only its headline can
                # differ) and no article id of its own to cite: `story show` lists it.
                if alt.alias_id is None and alt.article_id in story_of and alt.changed:
                    body = _body(store, alt.article_id) if len(alterations) < cited else ""
                    alterations += alteration_inputs(f"s{story_id}", alt, body)
    return tuple(stories), tuple(alterations)

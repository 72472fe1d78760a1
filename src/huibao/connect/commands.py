"""`huibao story list|show|update`: stories and reprints as the store keeps them.

Each command opens the store, makes one library call and prints the result.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import click

from huibao.cli_options import clean_errors, open_store, store_options

if TYPE_CHECKING:
    from huibao.connect.diffing import Alterations
    from huibao.connect.origins import Member
    from huibao.connect.views import GroupView, StorySummary, StoryView

BEIJING = ZoneInfo("Asia/Shanghai")
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def _store_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    return store_options(clean_errors(fn))


def _day(when: datetime | None) -> str:
    """A date as Chinese readers expect it: Beijing time."""
    return when.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") if when else "----------"


def _delay(delay: timedelta | None) -> str:
    if delay is None:
        return "delay unknown"
    hours = delay.total_seconds() / 3600
    return f"+{hours / 24:.1f} d" if abs(hours) >= 48 else f"+{hours:.1f} h"


def _print_summary(s: StorySummary) -> None:
    span = f"{_day(s.first_published)} .. {_day(s.last_published)}"
    click.echo(f"#{s.id}  {click.style(s.title, bold=True)}")
    click.echo(f"    {span}  {s.articles} articles, {s.groups} groups: {'、'.join(s.outlets)}")


def _print_alterations(a: Alterations) -> None:
    if not a.changed:
        click.echo("        unchanged")
    if a.title_changed:
        click.echo(f"        title: {a.title_before} -> {a.title_after}")
    moved = [f for f in a.figures if f.kind in {"dropped", "added"}]
    if moved:
        kinds = "、".join(sorted({f.kind for f in moved}))
        click.echo(f"        {len(moved)} figures {kinds} (with their text)")
    for f in a.figures:
        if f in moved:
            continue
        subject = f" ({f.subject})" if f.subject else ""
        if f.subject_after:
            subject = f" ({f.subject} -> {f.subject_after})"
        click.echo(f"        figure {f.kind}{subject}: {f.before or '-'} -> {f.after or '-'}")
    for label, names in (
        ("places removed", a.places_removed),
        ("places added", a.places_added),
        ("organisations removed", a.organisations_removed),
        ("organisations added", a.organisations_added),
    ):
        if names:
            click.echo(f"        {label}: {'、'.join(names)}")
    for text in a.paragraphs_dropped:
        click.echo(f"        - {text[:60]}")
    for text in a.paragraphs_added:
        click.echo(f"        + {text[:60]}")
    if a.paragraphs_changed:
        click.echo(f"        {len(a.paragraphs_changed)} paragraphs edited")


def _label(m: Member) -> str:
    """#id for a stored article; an alias URL is named with the article whose text it is."""
    return f"#{m.article_id}" if m.alias_id is None else f"#{m.article_id}~{m.alias_id}"


def _print_group(group: GroupView) -> None:
    members = {m.ref: m for m in group.members}
    line = group.lineage
    original = members[line.original_ref]
    click.echo(f"\n  group {group.id}: original {_label(original)} ({line.reason})")
    click.echo(f"    {_day(original.published)}  {original.outlet}  {original.title}")
    if original.alias_id is not None:
        click.echo(f"    same text as #{original.article_id} at {original.url}")
    if line.attributed_to:
        click.echo(f"    来源 lines name: {'、'.join(line.attributed_to)}")
    for copy in line.reprints:
        m = members[copy.ref]
        label = f"  来源:{copy.attribution}" if copy.attribution else ""
        click.echo(f"    reprint {_label(m)} {m.outlet} {_delay(copy.delay)}{label}")
        if m.alias_id is not None:
            click.echo(f"        same text as #{m.article_id} at {m.url}")
        changes = group.alterations_of(copy.ref)
        if changes is not None:
            _print_alterations(changes)


def _print_story(view: StoryView) -> None:
    _print_summary(view.summary)
    for group in view.groups:
        _print_group(group)


@click.group("story")
def story_group() -> None:
    """Stories: reprints of one text and related articles about one event.

    Example: huibao story list --limit 10
    """


@story_group.command("list")
@click.option("--limit", "-n", default=20, show_default=True, help="Stories to show.")
@click.option("--min-articles", default=1, show_default=True, help="Smallest story shown.")
@FORMAT
@_store_options
def story_list(
    limit: int, min_articles: int, fmt: str, store_url: str | None, project_path: Path
) -> None:
    """Stories, latest first, with their dates, outlets and sizes.

    Example: huibao story list --min-articles 2 --format json
    """
    from huibao.store.stories import list_stories

    with open_store(store_url, project_path) as store:
        found = list_stories(store, limit=limit, min_articles=min_articles)
    if fmt == "json":
        click.echo(json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2))
        return
    for summary in found:
        _print_summary(summary)


@story_group.command("show")
@click.argument("story_id", type=int)
@FORMAT
@_store_options
def story_show(story_id: int, fmt: str, store_url: str | None, project_path: Path) -> None:
    """One story: each reprint group's original, reprints with delays, and what they changed.

    Example: huibao story show 12
    """
    from huibao.store.stories import show_story

    with open_store(store_url, project_path) as store:
        view = show_story(store, story_id)
    if view is None:
        raise click.ClickException(f"no story {story_id}")
    if fmt == "json":
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_story(view)


@story_group.command("update")
@click.option("--limit", type=int, default=None, help="Place at most this many articles.")
@_store_options
def story_update(limit: int | None, store_url: str | None, project_path: Path) -> None:
    """Place stored articles that are not yet in a reprint group or story, and bring
    stored lineage and alterations up to date (aliases stored since, changed texts).

    Example: huibao story update --store huibao.db
    """
    from huibao.store.stories import Connector

    with open_store(store_url, project_path) as store:
        placed = Connector(store).ingest_pending(limit)
    click.echo(f"placed {placed} articles")

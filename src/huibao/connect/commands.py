"""`huibao story list|show|update`: stories and reprints as the store keeps them.

Each command opens the store, makes one library call and prints the result.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import click

from huibao.errors import HuibaoError
from huibao.project import DEFAULT_FILE

if TYPE_CHECKING:
    from huibao.connect.diffing import Alterations
    from huibao.connect.views import GroupView, StorySummary, StoryView
    from huibao.store import Store

BEIJING = ZoneInfo("Asia/Shanghai")
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def _store_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option(
        "--store", "store_url", help="Database path or URL (default: the project's)."
    )(fn)
    fn = click.option(
        "--project",
        "-p",
        "project_path",
        default=DEFAULT_FILE,
        envvar="HUIBAO_PROJECT",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Project file (also $HUIBAO_PROJECT).",
    )(fn)

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except HuibaoError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


@contextmanager
def _opened(store_url: str | None, project_path: Path) -> Iterator[Store]:
    from huibao.project import load_project
    from huibao.store import Store

    if store_url is None:
        if not project_path.is_file():
            raise click.ClickException(f"{project_path}: no project file; give --store PATH")
        store_url = load_project(project_path).store_url
    with Store.open(store_url) as store:
        yield store


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


def _print_group(group: GroupView) -> None:
    members = {m.article_id: m for m in group.members}
    line = group.lineage
    original = members[line.original]
    click.echo(f"\n  group {group.id}: original #{original.article_id} ({line.reason})")
    click.echo(f"    {_day(original.published)}  {original.outlet}  {original.title}")
    if line.attributed_to:
        click.echo(f"    来源 lines name: {'、'.join(line.attributed_to)}")
    changes = {a.article_id: a for a in group.alterations}
    for copy in line.reprints:
        m = members[copy.article_id]
        label = f"  来源:{copy.attribution}" if copy.attribution else ""
        click.echo(f"    reprint #{m.article_id} {m.outlet} {_delay(copy.delay)}{label}")
        _print_alterations(changes[copy.article_id])
    for url, outlet in group.aliases:
        click.echo(f"    same text (date not kept) at {outlet}: {url}")


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

    with _opened(store_url, project_path) as store:
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

    with _opened(store_url, project_path) as store:
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
    """Place stored articles that are not yet in a reprint group or story.

    Example: huibao story update --store huibao.db
    """
    from huibao.store.stories import Connector

    with _opened(store_url, project_path) as store:
        placed = Connector(store).ingest_pending(limit)
    click.echo(f"placed {placed} articles")

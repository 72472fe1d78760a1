"""Monitor commands: `huibao search` and `huibao plan add|list|show|test|rm|alert|feed`.

Each command opens the store, makes one library call and prints the result.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from huibao.cli_options import FORMAT, LIMIT, clean_errors, open_store, store_options
from huibao.monitor.alert_commands import alert_group, feed_command
from huibao.monitor.alerts.sqlstore import RULE_KEY
from huibao.monitor.ingest import plan_from_definition
from huibao.monitor.plan import Plan
from huibao.monitor.search import Searcher, SearchResult
from huibao.store import search as index


def division_names() -> dict[str, list[str]]:
    """Place name (full and short forms) -> division codes, from the enrich stage's table."""
    from huibao.enrich.divisions import gazetteer

    return {name: [f.code for f in forms] for name, forms in gazetteer().forms.items()}


@contextmanager
def opened(store_url: str | None, project_path: Path) -> Iterator[Searcher]:
    with open_store(store_url, project_path) as store:
        searcher = Searcher(store, gazetteer=division_names())
        searcher.index_pending(changed=False)
        yield searcher


def _hit_dict(hit: Any) -> dict[str, Any]:
    data = asdict(hit)
    data["published"] = hit.published.isoformat() if hit.published else None
    return data


def print_result(result: SearchResult, fmt: str) -> None:
    if fmt == "json":
        data = {
            "query": result.query,
            "total": result.total,
            "exact": result.exact,
            "hits": [_hit_dict(h) for h in result.hits],
            "facets": {k: [list(p) for p in v] for k, v in result.facets.items()},
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    about = "" if result.exact else "at most "
    click.echo(f"{about}{result.total} articles match {result.query}")
    for hit in result.hits:
        day = hit.published.date().isoformat() if hit.published else "----------"
        click.echo(f"\n{day} {click.style(hit.title, bold=True)}  [{hit.source}]")
        click.echo(f"  {hit.url}")
        click.echo("  " + hit.snippet.replace("【", "\x1b[33m").replace("】", "\x1b[0m"))
    for name, values in result.facets.items():
        if values:
            click.echo(f"\n{name}: " + ", ".join(f"{v or '-'} ({n})" for v, n in values))


@click.command("search")
@click.argument("query")
@LIMIT
@click.option("--offset", default=0, help="Skip this many hits (paging).")
@FORMAT
@store_options
@clean_errors
def search_command(
    query: str, limit: int, offset: int, fmt: str, store_url: str | None, project_path: Path
) -> None:
    """Search stored articles: terms, "phrases", AND/OR/NOT (space, |, -), NEAR/n,
    title: source: channel: place: org: date: (see docs/query-language.md).

    Example: huibao search '柳南 (警情|通报) -广告 date:2011-08-01..2011-08-31'
    """
    with opened(store_url, project_path) as searcher:
        print_result(searcher.search(query, limit, offset), fmt)


@click.group("plan")
def plan_group() -> None:
    """Monitoring plans: places × subjects × events − exclusions, or a query.

    Example: huibao plan add 柳州警情 --place 柳州 --place 柳南 --event 警情 --exclude 广告
    """


def _find(searcher: Searcher, name: str) -> Plan:
    with searcher.store.reading() as conn:
        for plan_id, found, definition in index.list_plans(conn):
            if found == name:
                return plan_from_definition(found, definition, plan_id)
    raise click.ClickException(f"no plan named {name!r}")


@plan_group.command("add")
@click.argument("name")
@click.option("--place", "places", multiple=True, help="地域词: a place word (repeatable).")
@click.option("--subject", "subjects", multiple=True, help="主体词: a subject word (repeatable).")
@click.option("--event", "events", multiple=True, help="事件词: an event word (repeatable).")
@click.option("--exclude", "exclusions", multiple=True, help="排除词: an exclusion word.")
@click.option("--query", default="", help="A query in the query language (ANDed with the lists).")
@store_options
@clean_errors
def plan_add(name: str, store_url: str | None, project_path: Path, **lists: Any) -> None:
    """Add (or replace) a plan; prints the query it compiles to.

    Example: huibao plan add 柳州警情 --place 柳州 --subject 公安 --event 警情 --exclude 广告
    """
    definition = {k: list(v) if isinstance(v, tuple) else v for k, v in lists.items()}
    plan = plan_from_definition(name, definition, None)
    text = plan.query_text()  # raises QueryError before anything is saved
    with opened(store_url, project_path) as searcher, searcher.store.transaction() as conn:
        kept = {n: d for _, n, d in index.list_plans(conn)}.get(name, {}).get(RULE_KEY)
        if kept:  # replacing the words keeps the plan's alert rule
            definition[RULE_KEY] = kept
        index.save_plan(conn, name, definition, datetime.now(UTC))
    click.echo(f"{name}: {text}")


@plan_group.command("list")
@FORMAT
@store_options
@clean_errors
def plan_list(fmt: str, store_url: str | None, project_path: Path) -> None:
    """List plans with their queries.

    Example: huibao plan list --format json
    """
    with opened(store_url, project_path) as searcher, searcher.store.reading() as conn:
        plans = [plan_from_definition(n, d, i) for i, n, d in index.list_plans(conn)]
    if fmt == "json":
        rows = [{"id": p.id, "name": p.name, "query": p.query_text()} for p in plans]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    for plan in plans if fmt == "text" else ():
        click.echo(f"{plan.name}: {plan.query_text()}")


@plan_group.command("show")
@click.argument("name")
@FORMAT
@store_options
@clean_errors
def plan_show(name: str, fmt: str, store_url: str | None, project_path: Path) -> None:
    """Show one plan's word lists and the query it compiles to.

    Example: huibao plan show 柳州警情
    """
    with opened(store_url, project_path) as searcher:
        plan = _find(searcher, name)
    data = {**asdict(plan), "compiled": plan.query_text()}
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key in ("name", "places", "subjects", "events", "exclusions", "query", "compiled"):
        value = data[key]
        click.echo(f"{key:>10}: {'、'.join(value) if isinstance(value, list | tuple) else value}")


@plan_group.command("test")
@click.argument("name")
@LIMIT
@FORMAT
@store_options
@clean_errors
def plan_test(name: str, limit: int, fmt: str, store_url: str | None, project_path: Path) -> None:
    """Run a plan over the stored articles and show the hits with matches highlighted.

    Example: huibao plan test 柳州警情 -n 5
    """
    with opened(store_url, project_path) as searcher:
        plan = _find(searcher, name)
        print_result(searcher.search(plan.query_text(), limit), fmt)


@plan_group.command("rm")
@click.argument("name")
@store_options
@clean_errors
def plan_rm(name: str, store_url: str | None, project_path: Path) -> None:
    """Remove a plan and its recorded matches.

    Example: huibao plan rm 柳州警情
    """
    with opened(store_url, project_path) as searcher, searcher.store.transaction() as conn:
        if not index.delete_plan(conn, name):
            raise click.ClickException(f"no plan named {name!r}")
    click.echo(f"removed {name}")


plan_group.add_command(alert_group)
plan_group.add_command(feed_command)

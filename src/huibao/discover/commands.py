"""Discovery commands: init, crawl, watch, import, export, status. Each is one library call."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from huibao.cli_options import errors_as_messages, project_option
from huibao.discover import archive
from huibao.discover.crawl import crawl_once, watch
from huibao.discover.progress import JsonLog, LiveTable, Reporter, Silent
from huibao.project import DEFAULT_FILE, Project, SourceSpec, load_project, write_example
from huibao.store import SourceStats, Store

log = logging.getLogger(__name__)


def output_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--quiet", "-q", is_flag=True, help="No progress display or summary.")(fn)
    fn = click.option(
        "--log-json", is_flag=True, help="JSON log lines on stderr (events and the summary)."
    )(fn)
    return click.option(
        "--source",
        "-s",
        "sources",
        multiple=True,
        help="Only this source (repeatable; default: all).",
    )(fn)


clean_errors = errors_as_messages("no source named {!r} in the project")


@contextmanager
def opened(project_path: Path) -> Iterator[tuple[Project, Store]]:
    project = load_project(project_path)
    with Store.open(project.store_url, project.store) as store:
        yield project, store


def reporter_for(quiet: bool, log_json: bool) -> Reporter:
    if log_json:
        return JsonLog(sys.stderr)
    if quiet:
        return Silent()
    return LiveTable()


@click.command("init")
@click.argument("path", default=DEFAULT_FILE, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing file.")
@clean_errors
def init_command(path: Path, force: bool) -> None:
    """Write a commented example project file (huibao.toml) to edit.

    Example: huibao init && $EDITOR huibao.toml
    """
    written = write_example(path, overwrite=force)
    click.echo(f"wrote {written}; edit its [[sources]], then run: huibao crawl -p {written}")


@click.command("crawl")
@project_option
@output_options
@click.option(
    "--store-only",
    is_flag=True,
    help="Fetch and store only; leave enrich, connect and monitor for a later run.",
)
@clean_errors
def crawl_command(
    project_path: Path, sources: tuple[str, ...], quiet: bool, log_json: bool, store_only: bool
) -> None:
    """One pass over every source: feeds, sitemaps, listing pages, new articles.

    Resumes where a killed or interrupted crawl stopped. Ctrl-C stops cleanly.

    Example: huibao crawl -p huibao.toml --source 柳州新闻网
    """
    with opened(project_path) as (project, store):
        summary = crawl_once(
            project, store, sources=sources or None, reporter=reporter_for(quiet, log_json)
        )
        if summary.status == "finished" and not store_only:
            _after_store(store, project_path, reports=False)()
    if summary.status != "finished":
        sys.exit(130)


@click.command("watch")
@project_option
@output_options
@clean_errors
def watch_command(
    project_path: Path, sources: tuple[str, ...], quiet: bool, log_json: bool
) -> None:
    """Keep crawling, each source on its own interval, until Ctrl-C or SIGTERM.

    Example: huibao watch -p huibao.toml --log-json 2>> crawl.log
    """
    with opened(project_path) as (project, store):
        watch(
            project,
            store,
            sources=sources or None,
            reporter=reporter_for(quiet, log_json),
            after_pass=_after_store(store, project_path, reports=True),
        )


def _after_store(
    store: Store, project_path: Path | None = None, *, reports: bool = True
) -> Callable[[], object]:
    """The stages after the store (enrich, connect, monitor) over what a pass stored; then,
    for `watch` (`reports=True`), the project's scheduled reports that are due (each made
    once); then alert delivery, with the project file's [monitor] settings and rules.

    Imported here, at the command-line edge, so that discovery itself never imports the
    stages that come after it. A failing report or delivery is logged and the crawl goes
    on: the next pass tries again.
    """

    def run() -> object:
        from huibao.pipeline import process_pending

        done = process_pending(store)
        project = project_path if project_path is not None and project_path.is_file() else None
        if reports and project is not None:
            _scheduled_reports(store, project, datetime.now(UTC))
        from huibao.monitor.alerts.run import run_safely  # alerts: never raises

        run_safely(store, datetime.now(UTC), project)
        return done

    return run


def _scheduled_reports(store: Store, project_path: Path, now: datetime) -> None:
    from huibao.report.deliver import run_due
    from huibao.report.schedule import load_schedules

    try:
        schedules = load_schedules(project_path)
        if schedules:
            run_due(store, schedules, project_path.parent / "reports", now)
    except Exception:  # a report must never stop the crawl: logged, retried next pass
        log.exception("scheduled reports failed; the next pass tries again")


def _import_spec(project_path: Path, store_url: str | None, source: str) -> tuple[SourceSpec, str]:
    """The source imported pages belong to (with its rules when the project defines it)."""
    if project_path.is_file():
        project = load_project(project_path)
        try:
            spec = project.source(source)
        except KeyError:
            spec = SourceSpec(name=source, home="")
        return spec, store_url or project.store_url
    if store_url is None:
        raise click.ClickException(f"{project_path}: no project file; give --store PATH")
    return SourceSpec(name=source, home=""), store_url


@click.command("import")
@click.argument("kind", type=click.Choice(["warc", "dir"]))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--source", default="import", show_default=True, help="Source name to file under.")
@click.option("--store", "store_url", help="Database path or URL (default: the project's).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@project_option
@clean_errors
def import_command(
    kind: str, path: Path, source: str, store_url: str | None, fmt: str, project_path: Path
) -> None:
    """Extract and store pages from a WARC file or a folder of HTML files.

    For a folder, each file's URL comes from a NAME.url sidecar, else from its path when the
    folder is a host/path mirror (wget --mirror), else from its file: URI.

    Example: huibao import warc crawl.warc.gz --source 柳州新闻网
    """
    spec, url = _import_spec(project_path, store_url, source)
    if kind == "warc" and not path.is_file():
        raise click.ClickException(f"{path}: not a file")
    if kind == "dir" and not path.is_dir():
        raise click.ClickException(f"{path}: not a folder")
    with Store.open(url) as store:
        run = archive.import_warc if kind == "warc" else archive.import_dir
        try:
            summary = run(store, path, spec)
        except (OSError, ValueError) as exc:
            raise click.ClickException(f"{path}: {exc}") from exc
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        outcomes = ", ".join(f"{n} {k}" for k, n in sorted(summary.outcomes.items())) or "none"
        click.echo(f"{summary.pages} pages read; articles: {outcomes}")


@click.command("export")
@click.argument("kind", type=click.Choice(["warc"]))
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store_url", help="Database path or URL (default: the project's).")
@project_option
@clean_errors
def export_command(kind: str, path: Path, store_url: str | None, project_path: Path) -> None:
    """Write every stored response (original headers, raw body) as a WARC 1.1 file.

    Example: huibao export warc archive.warc.gz
    """
    url = store_url or load_project(project_path).store_url
    with Store.open(url) as store:
        count = archive.export_warc(store, path)
    click.echo(f"wrote {count} response records to {path}")


def status_rows(stats: list[SourceStats]) -> list[dict[str, Any]]:
    return [
        {
            "source": s.name,
            "status": s.status,
            "detail": s.detail,
            "last_crawl": s.last_crawl_at.isoformat() if s.last_crawl_at else None,
            "articles": s.articles,
            "new_articles": s.new_articles,
            "fetches": s.fetches,
            "errors": s.errors,
            "error_kinds": dict(s.error_kinds),
            "queued": s.queued,
            "failed": s.failed,
        }
        for s in stats
    ]


@click.command("status")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--store", "store_url", help="Database path or URL (default: the project's).")
@project_option
@clean_errors
def status_command(fmt: str, store_url: str | None, project_path: Path) -> None:
    """Per source: status, last crawl, articles, new articles and errors of the last crawl.

    Example: huibao status --format json
    """
    url = store_url or load_project(project_path).store_url
    with Store.open(url) as store:
        rows = status_rows(store.stats())
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table()
    for column in ("source", "status", "last crawl", "articles", "new", "errors", "queued"):
        table.add_column(column)
    for r in rows:
        last = (r["last_crawl"] or "never")[:19].replace("T", " ")
        errors = ", ".join(f"{k} {n}" for k, n in r["error_kinds"].items()) or "0"
        status = r["status"] + (f" ({r['detail']})" if r["detail"] else "")
        table.add_row(
            r["source"], status, last, str(r["articles"]), str(r["new_articles"]), errors,
            str(r["queued"]),
        )  # fmt: skip
    Console().print(table)

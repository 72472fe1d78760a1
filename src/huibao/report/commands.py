"""`huibao report`: write a briefing, check its citations, list or run scheduled reports."""

from __future__ import annotations

import dataclasses
import json
import shutil
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from huibao.cli_options import errors_as_messages, store_url_of
from huibao.config import from_env
from huibao.project import DEFAULT_FILE
from huibao.report.api import make_report, parse_formats, write_report
from huibao.report.check import check_citations, load_citations
from huibao.report.deliver import run_due
from huibao.report.gather import ReportRequest
from huibao.report.ledger import Ledger
from huibao.report.model import KINDS
from huibao.report.periods import last_period, parse_period
from huibao.report.render import bundled_templates
from huibao.report.schedule import load_schedules
from huibao.report.settings import ReportSettings
from huibao.store import Store

BAD_CHECKS = frozenset({"changed", "no-article", "no-raw"})


_clean = errors_as_messages("no plan named {!r} in the store")


def _out_folder(out: Path | None, project: Path) -> Path:
    if out is not None:
        return out
    return (project.resolve().parent if project.is_file() else Path.cwd()) / "reports"


def _gazetteer() -> Any:
    from huibao.monitor.commands import division_names

    return division_names()


def _make(opts: dict[str, Any], settings: ReportSettings, now: datetime) -> None:
    kind = opts["kind"]
    today = now.astimezone(ZoneInfo(settings.timezone)).date()
    period = parse_period(opts["period"]) if opts["period"] else last_period(kind, today)
    request = ReportRequest(kind, period, opts["plan"], opts["query"], opts["title"] or "")
    formats = parse_formats(opts["formats"])
    with Store.open(store_url_of(opts["store_url"], opts["project"])) as store:
        data = make_report(store, request, now, settings, gazetteer=_gazetteer())
    folder = _out_folder(opts["out"], opts["project"])
    written = write_report(data, formats, folder, settings, opts["template"])
    if opts["as_json"]:
        files = {k: str(v) for k, v in written.items()}
        click.echo(json.dumps({"summary": data.summary, "files": files}, ensure_ascii=False))
        return
    click.echo(data.summary)
    for path in written.values():
        click.echo(str(path))


def _check(opts: dict[str, Any]) -> None:
    cites = load_citations(opts["check"])
    with Store.open(store_url_of(opts["store_url"], opts["project"])) as store:
        results = check_citations(store, cites)
    if opts["as_json"]:
        click.echo(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1))
    else:
        for r in results:
            click.echo(f"{r.status:12} article {r.article_id} [{r.start}:{r.end}] {r.detail}")
    bad = [r for r in results if r.status in BAD_CHECKS]
    click.echo(f"{len(results) - len(bad)} of {len(results)} citations verified", err=True)
    if bad:
        raise SystemExit(1)


def _list(opts: dict[str, Any]) -> None:
    entries = Ledger(_out_folder(opts["out"], opts["project"])).entries()
    if opts["as_json"]:
        rows = [json.loads(e.to_json()) for e in entries]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not entries:
        click.echo("no scheduled report has been made yet")
    for e in entries:
        to = ", ".join(e.recipients) or "-"
        click.echo(f"{e.at:%Y-%m-%d %H:%M} {e.state:8} {e.schedule} {e.period} -> {to} {e.detail}")


def _due(opts: dict[str, Any], settings: ReportSettings, now: datetime) -> None:
    schedules = load_schedules(opts["project"])
    with Store.open(store_url_of(opts["store_url"], opts["project"])) as store:
        results = run_due(
            store, schedules, _out_folder(opts["out"], opts["project"]), now, settings,
            gazetteer=_gazetteer(),
        )  # fmt: skip
    for r in results:
        click.echo(f"{r.state:8} {r.schedule} {r.period} {r.detail}")


@click.command("report")
@click.option("--kind", type=click.Choice(KINDS), default="weekly", show_default=True)
@click.option("--period", help="Days covered, e.g. 2011-08-15..2011-08-21 (default: last whole).")
@click.option("--plan", help="A stored monitoring plan (huibao plan add) to report on.")
@click.option("--query", help="A query (huibao search syntax) to report on.")
@click.option("--format", "formats", default="html,md,docx,pdf,json", show_default=True,
              help="Comma-separated: html, md, docx, pdf, json.")  # fmt: skip
@click.option("--template", help="Template name, folder or .html.j2/.md.j2 file.")
@click.option("--title", help="Report title (default: <plan>舆情周报 …).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: reports/ beside the project file).")  # fmt: skip
@click.option("--web-url", help="Base URL of the huibao web app, for citation links.")
@click.option("--check", type=click.Path(dir_okay=False, path_type=Path),
              help="Re-verify every citation of a report JSON file against the store.")  # fmt: skip
@click.option("--list", "list_sent", is_flag=True, help="Scheduled reports made and sent.")
@click.option("--due", is_flag=True, help="Make and send the scheduled reports due now.")
@click.option("--copy-templates", type=click.Path(file_okay=False, path_type=Path),
              help="Copy the built-in templates to this folder to edit.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.option("--store", "store_url", help="Database path or URL (default: the project's).")
@click.option("--project", "-p", default=DEFAULT_FILE, envvar="HUIBAO_PROJECT",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Project file (also $HUIBAO_PROJECT).")  # fmt: skip
@_clean
def report_command(**opts: Any) -> None:
    """Write a briefing (汇报) in HTML, Markdown, Word, PDF and JSON.

    Every figure in it links to its article and sentence; --check re-verifies those
    citations against the stored raw pages. --due makes the project's [[reports]]
    that are due (as `huibao watch` does) and --list shows what was sent when.

    Example: huibao report --plan 柳南公安 --period 2011-08-15..2011-08-21 --format docx,pdf
    """
    settings = from_env(ReportSettings, "report")
    if opts["web_url"]:
        settings = dataclasses.replace(settings, web_url=opts["web_url"])
    now = datetime.now(UTC)
    if opts["copy_templates"]:
        opts["copy_templates"].mkdir(parents=True, exist_ok=True)
        for path in bundled_templates():
            click.echo(shutil.copy(path, opts["copy_templates"] / path.name))
    elif opts["check"]:
        _check(opts)
    elif opts["list_sent"]:
        _list(opts)
    elif opts["due"]:
        _due(opts, settings, now)
    else:
        _make(opts, settings, now)

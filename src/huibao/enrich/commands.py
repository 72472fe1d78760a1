"""`huibao enrich`: facts from plain-text reports or from articles saved by `huibao extract`."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from huibao.enrich.api import enrich
from huibao.enrich.model import Enrichment, Figure, OutlineNode
from huibao.model import Article

FORMATS = ("text", "json")
ZONE = ZoneInfo("Asia/Shanghai")


def _read(name: str) -> str:
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {name}: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{name}: not UTF-8 text (use huibao extract)") from exc


def _article(text: str, published: date | None, title: str) -> Article:
    """An article from `huibao extract --format json` output, or from plain text."""
    if text.lstrip().startswith("{"):
        try:
            data: dict[str, Any] = json.loads(text)
            return Article.from_dict(data)
        except (ValueError, TypeError, KeyError) as exc:
            raise click.ClickException(f"not an article in JSON: {exc}") from exc
    when = (
        datetime(published.year, published.month, published.day, tzinfo=ZONE) if published else None
    )
    return Article(title=title, published=when, body=text, paragraphs=text.splitlines())


def _figure_line(index: int, f: Figure) -> str:
    period = f" [{f.period.start or '…'}..{f.period.end or '…'}]" if f.period else ""
    change = ""
    if f.change:
        amount = f"{f.change.percent:+g}%" if f.change.percent is not None else (
            f"{f.change.amount:+g}{f.change.unit}")  # fmt: skip
        change = f" {f.change.kind or 'change'} {amount}"
    part = f" (part of #{f.part_of})" if f.part_of is not None else ""
    return f"  #{index} {f.approx}{f.value:g} {f.unit} {f.subject}{period}{change}{part}"


def _outline_lines(nodes: tuple[OutlineNode, ...]) -> list[str]:
    lines: list[str] = []
    for node in nodes:
        lines.append(f"  {'  ' * (node.level - 1)}{node.marker}{node.title}")
        lines.extend(_outline_lines(node.children))
    return lines


def to_text(e: Enrichment) -> str:
    """A short human-readable listing of an enrichment."""
    places = sorted({f"{p.text}={p.code}" for p in e.places if p.code})
    lines = [
        f"main place: {e.main_place.code} {'/'.join(e.main_place.path)}" if e.main_place else
        "main place: -",
        f"main organisation: {e.main_organisation.name}" if e.main_organisation else
        "main organisation: -",
        f"places: {' '.join(places) or '-'}",
        f"organisations: {' '.join(o.name for o in e.organisations) or '-'}",
        f"keywords: {' '.join(k.word for k in e.keywords) or '-'}",
        "figures:",
        *(_figure_line(i, f) for i, f in enumerate(e.figures)),
        "outline:",
        *_outline_lines(e.outline),
    ]  # fmt: skip
    return "\n".join(lines)


@click.command("enrich")
@click.argument("files", nargs=-1, required=True)
@click.option("--date", "published", type=click.DateTime(["%Y-%m-%d"]),
              help="Publication date of plain-text input (resolves 今年, 1至6月…).")  # fmt: skip
@click.option("--title", default="", help="Title of plain-text input.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def enrich_command(
    files: tuple[str, ...], published: datetime | None, title: str, fmt: str
) -> None:
    """Places, organisations, figures and outline of each FILE.

    A FILE is UTF-8 plain text (a report) or one article as JSON from
    `huibao extract --format json`; '-' reads stdin.

    Example: huibao enrich report.txt --date 2011-08-21
    """
    for name in files:
        article = _article(_read(name), published.date() if published else None, title)
        result = enrich(article)
        if fmt == "json":
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            click.echo(to_text(result))

"""`huibao extract`: read pages from files or stdin, print articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from huibao.errors import ExtractionError
from huibao.extract.api import extract
from huibao.extract.render import to_markdown, to_text
from huibao.model import Article

FORMATS = ("json", "jsonl", "markdown", "text")


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {name}: {exc.strerror or exc}") from exc


def _render(article: Article, fmt: str, extra: dict[str, object] | None) -> str:
    data = article.to_dict()
    if extra:
        data.update(extra)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return json.dumps(data, ensure_ascii=False)
    if fmt == "markdown":
        return to_markdown(article)
    return to_text(article)


@click.command("extract")
@click.argument("files", nargs=-1, required=True)
@click.option("--url", help="The page's URL (resolves links; dates in URLs).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--enrich", is_flag=True, help="Add places, organisations, figures and outline.")
def extract_command(files: tuple[str, ...], url: str | None, fmt: str, enrich: bool) -> None:
    """Extract the article from each FILE (raw bytes; '-' reads stdin).

    Example: huibao extract page.html --url http://example.cn/2011/0821/1.html --format markdown
    """
    for name in files:
        try:
            article = extract(_read(name), url=url)
        except ExtractionError as exc:
            raise click.ClickException(f"{name}: {exc}") from exc
        extra = _enrichment(article) if enrich else None
        click.echo(_render(article, fmt, extra))


def _enrichment(article: Article) -> dict[str, object]:
    try:
        from huibao.enrich import enrich
    except ImportError as exc:  # pragma: no cover - the enrich stage ships with the package
        raise click.ClickException(f"enrichment is unavailable: {exc}") from exc
    return {"enrichment": enrich(article).to_dict()}

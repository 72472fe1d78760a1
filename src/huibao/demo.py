"""`make demo`: run huibao end to end on the bundled sample data and say where results are.

Each stage is one function that calls the library and writes under `out/`; the demo grows a
stage as each lands (discover -> extract -> enrich -> store -> monitor -> report).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.table import Table

from huibao import ExtractionError, extract
from huibao.extract.render import to_markdown

OUT = Path("out")


@dataclass(frozen=True, slots=True)
class SamplePage:
    name: str
    data: bytes


def sample_pages() -> list[SamplePage]:
    """The seed page and the real pages of the sample news network, as raw bytes."""
    pages = [
        SamplePage("seed-liunan-gbk", _package_bytes("huibao.data.samples", "seed-liunan-gbk.html"))
    ]
    try:
        folder = resources.files("huibao.samplenet") / "pages"
    except ModuleNotFoundError:  # the sample network is an optional part of a checkout
        return pages
    if folder.is_dir():
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".html"):
                pages.append(SamplePage(item.name.removesuffix(".html"), item.read_bytes()))
    return pages


def _package_bytes(package: str, name: str) -> bytes:
    return (resources.files(package) / name).read_bytes()


def extract_stage(console: Console, out: Path) -> Path:
    """Extract every sample page; one JSON and one Markdown file per page."""
    folder = out / "extract"
    folder.mkdir(parents=True, exist_ok=True)
    table = Table(title="Extraction of the bundled sample pages")
    for column in ("page", "enc", "date", "source", "authors", "paras", "title"):
        table.add_column(column, overflow="fold")
    started = time.perf_counter()
    pages = sample_pages()
    for page in pages:
        try:
            article = extract(page.data)
        except ExtractionError as exc:
            table.add_row(page.name, "", "", "", "", "", f"[red]{exc}[/red]")
            continue
        (folder / f"{page.name}.json").write_text(
            json.dumps(article.to_dict(), ensure_ascii=False, indent=2), "utf-8"
        )
        (folder / f"{page.name}.md").write_text(to_markdown(article), "utf-8")
        table.add_row(
            page.name[:22],
            article.encoding,
            article.published.date().isoformat() if article.published else "",
            article.source[:12],
            " ".join(article.authors)[:14],
            str(len(article.paragraphs)),
            article.title[:40],
        )
    console.print(table)
    elapsed = time.perf_counter() - started
    console.print(f"extracted {len(pages)} pages in {elapsed:.2f} s -> {folder}/")
    return folder


def main(argv: list[str] | None = None) -> int:
    console = Console()
    out = Path(argv[0]) if argv else OUT
    folder = extract_stage(console, out)
    console.print(f"\n[bold]Results:[/bold] {folder.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`make demo`: run huibao end to end on the bundled sample data and say where results are.

Each stage is one function that calls the library and writes under `out/`; the demo grows a
stage as each lands (discover -> extract -> enrich -> store -> monitor -> report).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
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


DEMO_PLAN = {  # 地域词 × 主体词 × 事件词 − 排除词, as an analyst would write it
    "places": ["柳州", "柳南", "广西"],
    "subjects": ["公安", "警方", "民警", "派出所"],
    "events": ["治安", "案件", "平安", "警情"],
    "exclusions": ["广告"],
}


def pipeline_stage(console: Console, out: Path) -> tuple[Path, Path]:
    """Discover -> extract -> store -> enrich -> connect -> monitor -> report on the sample
    news network (real HTTP servers on 127.0.0.1)."""
    from huibao.monitor.ingest import plan_from_definition
    from huibao.pipeline import process_pending
    from huibao.report.demo import crawl_sample, demo_report
    from huibao.store import Store
    from huibao.store import search as plans

    folder = out / "pipeline"
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "huibao.db"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    console.print("crawling the sample news network (discover -> extract -> store) ...")
    crawl_sample(db, enrich_too=False)
    with Store.open(db) as store:
        plan_from_definition("柳南公安", DEMO_PLAN, None).compile()  # fails early if malformed
        with store.transaction() as conn:
            plans.save_plan(conn, "柳南公安", DEMO_PLAN, datetime.now(UTC))
        done = process_pending(store)
        console.print(
            f"stored {store.count_articles()} articles; enriched, connected and "
            f"matched {done.articles} ({done.matches} plan matches)"
        )
        written = demo_report(store, folder / "report")
    console.print(f"pipeline took {time.perf_counter() - started:.1f} s")
    for fmt, path in sorted(written.items()):
        console.print(f"  report ({fmt}): {path}")
    return db, folder / "report"


def main(argv: list[str] | None = None) -> int:
    console = Console(width=140)
    out = Path(argv[0]) if argv else OUT
    folder = extract_stage(console, out)
    db, reports = pipeline_stage(console, out)
    console.print("\n[bold]Results:[/bold]")
    console.print(f"  extracted pages (JSON + Markdown): {folder.resolve()}")
    console.print(f"  store (SQLite):                    {db.resolve()}")
    console.print(f"  briefing (HTML, Word, PDF, MD):    {reports.resolve()}")
    console.print(f"  try: .venv/bin/huibao search 柳南 --store {db}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

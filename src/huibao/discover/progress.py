"""How a crawl shows itself: a live rich table, JSON log lines for cron, or nothing.

The crawl calls a `Reporter`; commands pick one from `--quiet` / `--log-json`.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from typing import Any, Protocol, TextIO

from rich.console import Console
from rich.live import Live
from rich.table import Table

from huibao.discover.tally import CrawlSummary, SourceTally


class Reporter(Protocol):
    def event(self, name: str, **fields: Any) -> None:
        """Something worth a log line: "fetch_error", "blocked", "article", ..."""

    def update(self, tallies: dict[str, SourceTally], elapsed_s: float) -> None:
        """Counters changed (called after each store write)."""

    def finish(self, summary: CrawlSummary) -> None:
        """The pass ended."""


class Silent:
    """`--quiet`: say nothing."""

    def event(self, name: str, **fields: Any) -> None:
        pass

    def update(self, tallies: dict[str, SourceTally], elapsed_s: float) -> None:
        pass

    def finish(self, summary: CrawlSummary) -> None:
        pass


class JsonLog(Silent):
    """`--log-json`: one JSON object per line (events and the summary) for cron and logs."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr

    def _write(self, record: dict[str, Any]) -> None:
        record = {"time": datetime.now(UTC).isoformat(timespec="seconds"), **record}
        self.stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        self.stream.flush()

    def event(self, name: str, **fields: Any) -> None:
        self._write({"event": name, **fields})

    def finish(self, summary: CrawlSummary) -> None:
        self._write({"event": "summary", **summary.to_dict()})


def summary_table(tallies: dict[str, SourceTally], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("source", "fetched", "new", "updated", "dupes", "errors", "status"):
        table.add_column(column, justify="left" if column in {"source", "status"} else "right")
    for name, t in tallies.items():
        errors = sum(t.errors.values())
        table.add_row(
            name,
            str(t.fetched),
            str(t.new),
            str(t.updated),
            str(t.duplicates),
            f"[red]{errors}[/red]" if errors else "0",
            t.status if t.status == "ok" else f"[yellow]{t.status}[/yellow]",
        )
    return table


class LiveTable(Silent):
    """The default on a terminal: a live per-source table, then the summary."""

    def __init__(self, console: Console | None = None, refresh_s: float = 0.25) -> None:
        self.console = console or Console(stderr=True)
        self.live: Live | None = None
        self.refresh_s, self.last = refresh_s, 0.0

    def event(self, name: str, **fields: Any) -> None:
        if name in {"blocked", "source_error"}:
            self.console.print(
                f"[yellow]{name}[/yellow] {fields.get('source', '')}: {fields.get('detail', '')}"
            )

    def update(self, tallies: dict[str, SourceTally], elapsed_s: float) -> None:
        if self.live is None:
            self.live = Live(console=self.console, auto_refresh=False, transient=True)
            self.live.start()
        now = time.monotonic()
        if now - self.last >= self.refresh_s:
            self.last = now
            pages = sum(t.fetched for t in tallies.values())
            title = f"crawling: {pages} pages in {elapsed_s:.0f} s"
            self.live.update(summary_table(tallies, title), refresh=True)

    def finish(self, summary: CrawlSummary) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None
        title = (
            f"crawl {summary.status}: {summary.fetched} pages, {summary.new_articles} new "
            f"articles, {summary.errors} errors in {summary.elapsed_s:.1f} s "
            f"({summary.pages_per_s:.0f} pages/s)"
        )
        self.console.print(summary_table(summary.sources, title))

"""Time a weekly report over a benchmark store: gather+build, charts, then each format.

    python benchmarks/report/corpus.py /tmp/b10k.db out/report/demo.db 10000
    python benchmarks/report/bench.py /tmp/b10k.db

Prints wall-clock and CPU seconds per step (on a shared machine the CPU time is the
steadier figure).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from huibao.report import ReportRequest, ReportSettings, make_report, parse_period
from huibao.report.charts import draw_charts
from huibao.report.docx import render_docx
from huibao.report.pdf import render_pdf
from huibao.report.render import render_html, render_markdown
from huibao.store import Store

WEEK = "2011-08-15..2011-08-21"


def timed(rows: list[tuple[str, float, float, int]], name: str, step: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    size = len(result) if isinstance(result, bytes) else 0
    rows.append((name, time.perf_counter() - wall, time.process_time() - cpu, size))
    return result


def main(db: Path) -> None:
    s = ReportSettings()
    rows: list[tuple[str, float, float, int]] = []
    request = ReportRequest("weekly", parse_period(WEEK))
    with Store.open(db) as store:
        data = timed(rows, "gather+build", lambda: make_report(store, request, datetime.now(UTC)))
    charts = timed(
        rows, "charts", lambda: draw_charts(data, s.chart_width_in, frozenset({"svg", "png"}))
    )
    outputs: dict[str, Callable[[], bytes]] = {
        "html": lambda: render_html(data, charts, s).encode(),
        "md": lambda: render_markdown(data, s).encode(),
        "json": lambda: json.dumps(data.to_dict(), ensure_ascii=False).encode(),
        "docx": lambda: render_docx(data, charts, s),
        "pdf": lambda: render_pdf(render_html(data, charts, s, printed=True)),
    }
    with tempfile.TemporaryDirectory() as folder:
        for name, make in outputs.items():
            body = timed(rows, name, make)
            (Path(folder) / f"r.{name}").write_bytes(body)
    print(f"articles in report: {data.totals.articles}, figures: {len(data.figures)}")
    for name, wall, cpu, size in rows:
        extra = f"  {size / 1e6:.1f} MB" if size else ""
        print(f"  {name:14} {wall:6.2f} s wall {cpu:6.2f} s CPU{extra}")
    total_wall, total_cpu = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"  {'total':14} {total_wall:6.2f} s wall {total_cpu:6.2f} s CPU")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""`make_report` (store -> data) and `write_report` (data -> files): the stage's entry points."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from huibao.report import background
from huibao.report.build import build_report
from huibao.report.charts import draw_charts
from huibao.report.docx import render_docx
from huibao.report.errors import ReportError
from huibao.report.gather import ReportRequest, gather
from huibao.report.model import AlterationInput, ReportData, StoryInput
from huibao.report.pdf import render_pdf
from huibao.report.render import render_html, render_markdown
from huibao.report.settings import ReportSettings
from huibao.store import Store

FORMATS = ("html", "md", "docx", "pdf", "json")
_UNSAFE = re.compile(r"[^\w.-]+")


def make_report(
    store: Store,
    request: ReportRequest,
    now: datetime,
    settings: ReportSettings | None = None,
    *,
    gazetteer: Mapping[str, Iterable[str]] | None = None,
    stories: Sequence[StoryInput] | None = None,
    alterations: Sequence[AlterationInput] | None = None,
) -> ReportData:
    """Gather `request`'s articles from `store` and build the briefing."""
    inputs = gather(
        store, request, now, settings, gazetteer=gazetteer, stories=stories, alterations=alterations
    )
    return build_report(inputs, settings)


def parse_formats(text: str | Sequence[str]) -> tuple[str, ...]:
    """ "docx,pdf" -> ("docx", "pdf"); unknown names raise ReportError."""
    names = text.split(",") if isinstance(text, str) else list(text)
    found = tuple(dict.fromkeys(n.strip().lower() for n in names if n.strip()))
    unknown = [n for n in found if n not in FORMATS]
    if unknown or not found:
        raise ReportError(f"unknown report format {unknown or text!r} (use {', '.join(FORMATS)})")
    return found


def file_stem(data: ReportData) -> str:
    """huibao-weekly-2011-08-15-柳南公安 (safe as a file name on any system)."""
    stem = f"huibao-{data.kind}-{data.period.start.isoformat()}"
    if data.period.days > 1:
        stem += f"--{data.period.end.isoformat()}"
    if data.scope:
        stem += "-" + _UNSAFE.sub("_", data.scope)[:40].strip("_.")
    return stem


def render(
    data: ReportData, fmt: str, settings: ReportSettings | None = None, template: str | None = None
) -> bytes:
    """One format of the report as bytes."""
    s = settings or ReportSettings()
    if fmt == "json":
        return json.dumps(data.to_dict(), ensure_ascii=False, indent=1).encode()
    if fmt == "md":
        return render_markdown(data, s, template=template).encode()
    if fmt == "docx":
        return render_docx(data, draw_charts(data, s.chart_width_in, frozenset({"png"})), s)
    charts = draw_charts(data, s.chart_width_in, frozenset({"png" if fmt == "pdf" else "svg"}))
    if fmt == "html":
        return render_html(data, charts, s, template=template).encode()
    if fmt == "pdf":
        return render_pdf(render_html(data, charts, s, printed=True, template=template))
    raise ReportError(f"unknown report format {fmt!r}")


def write_report(
    data: ReportData,
    formats: Sequence[str],
    folder: str | Path,
    settings: ReportSettings | None = None,
    template: str | None = None,
) -> dict[str, Path]:
    """Write each format to `folder` (created); format -> path written."""
    s = settings or ReportSettings()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    charts = draw_charts(data, s.chart_width_in, frozenset({"svg", "png"}))
    fmts = parse_formats(list(formats))
    written = {fmt: out / f"{file_stem(data)}.{fmt}" for fmt in fmts}
    printed = render_html(data, charts, s, printed=True, template=template) if "pdf" in fmts else ""
    job = None
    if "pdf" in fmts and len(fmts) > 1 and s.pdf_side_by_side:
        job = background.start(_write_pdf, printed, written["pdf"])
    for fmt in fmts:
        if fmt == "pdf":
            if job is None:  # else the child process writes it; waited for below
                _write_pdf(printed, written["pdf"])
            continue
        if fmt == "html":
            body = render_html(data, charts, s, template=template).encode()
        elif fmt == "docx":
            body = render_docx(data, charts, s)
        else:
            body = render(data, fmt, s, template)
        _write_atomic(written[fmt], body)
    if job is not None and not background.finish(job, s.pdf_child_timeout_s):
        _write_pdf(printed, written["pdf"])  # failed or hung: here an error reaches the caller
    return written


def _write_pdf(printed_html: str, path: Path) -> None:
    _write_atomic(path, render_pdf(printed_html))


def _write_atomic(path: Path, body: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(body)
    partial.replace(path)

"""Charts as SVG text (matplotlib, Agg-free SVG backend): volume, places, propagation.

Text is drawn as paths (`svg.fonttype = path`), so the SVG shows the same glyphs in any
browser or PDF engine whatever fonts it has; mathtext is off, so a `$` in a crawled title
stays a dollar sign. A chart with nothing to draw is left out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, cast

import matplotlib

matplotlib.use("svg")  # the charts are only ever SVG; never pick an interactive backend

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from huibao.report.fonts import chart_fonts
from huibao.report.mapchart import draw_china
from huibao.report.model import Count, DayCount, ReportData, StoryRow

INK, ACCENT, GRID = "#222222", "#b22222", "#dddddd"
LABEL_CHARS = 18  # longer story titles are cut on the timeline's axis
PNG_DPI = 200  # charts in DOCX
TIGHT_PAD_IN = 0.1  # white margin around each chart (matplotlib's own default)
DOTS = 600  # distinct positions of reprint dots along the timeline
_DateFormatter: Any = mdates.DateFormatter  # untyped in matplotlib's stubs


def _style(fonts: Sequence[str]) -> dict[str, Any]:
    return {
        "font.family": list(fonts),
        "svg.fonttype": "path",
        "text.parse_math": False,
        "axes.edgecolor": INK,
        "axes.grid": True,
        "grid.color": GRID,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "huibao",  # stable ids: the same data gives the same SVG
    }


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: inline SVG for HTML/PDF and PNG bytes for DOCX (either may be empty)."""

    name: str
    caption: str
    svg: str = ""
    png: bytes = b""


_ID = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def _own_ids(svg: str, name: str) -> str:
    """Prefix every id (and reference to one) with the chart's name: several charts share a
    page, and matplotlib names elements and glyphs alike in each (text_1, glyph ids)."""
    return _ID.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", svg)


def _save(fig: Figure, name: str, caption: str, formats: frozenset[str]) -> Chart:
    # The tight box is worked out once for both formats: `bbox_inches="tight"` lays the
    # whole figure out again for each file (a quarter of the charts' time).
    box: Any = fig.get_tightbbox().padded(TIGHT_PAD_IN)
    svg, png = "", b""
    if "svg" in formats:
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", bbox_inches=box, metadata={"Date": None})
        text = buffer.getvalue()
        svg = _own_ids(text[text.index("<svg") :], name)  # inline: no prolog, no DOCTYPE
    if "png" in formats:
        raw = io.BytesIO()
        fig.savefig(raw, format="png", dpi=PNG_DPI, bbox_inches=box)
        png = raw.getvalue()
    plt.close(fig)
    return Chart(name, caption, svg, png)


def _volume(volume: Sequence[DayCount], width: float) -> Figure | None:
    """Articles per day: bars (a line for periods of more than 31 days)."""
    if not volume or not any(d.count for d in volume):
        return None
    fig, axes = plt.subplots(figsize=(width, 2.6))
    ax: Any = axes
    noons = [datetime.combine(d.day, time(12)) for d in volume]  # each day's bar centred
    values = [d.count for d in volume]
    if len(volume) > 31:
        ax.plot(noons, values, color=ACCENT)
    else:
        ax.bar(noons, values, color=ACCENT, width=0.7)
        ax.set_xticks(noons)
    ax.set_xlim(noons[0] - timedelta(hours=12), noons[-1] + timedelta(hours=12))
    ax.set_ylabel("篇数")
    ax.xaxis.set_major_formatter(_DateFormatter("%m-%d"))
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.autofmt_xdate()
    return fig


def _bars(rows: Sequence[Count], width: float) -> Figure | None:
    """Horizontal bars, largest on top (places by province or prefecture)."""
    if not rows:
        return None
    fig, axes = plt.subplots(figsize=(width, 0.35 * len(rows) + 0.8))
    ax: Any = axes
    ax.barh([r.name for r in reversed(rows)], [r.count for r in reversed(rows)], color=ACCENT)
    ax.set_xlabel("篇数")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def _label(title: str) -> str:
    return title if len(title) <= LABEL_CHARS else title[: LABEL_CHARS - 1] + "…"


def _thin(times: Sequence[datetime], low: datetime, high: datetime) -> list[datetime]:
    """One reprint per `DOTS`-th of the time axis: a story reprinted 25,000 times would
    otherwise write 25,000 overlapping dots into each SVG."""
    step = (high - low) / DOTS
    seen: dict[int, datetime] = {}
    for when in times:
        seen.setdefault(int((when - low) / step), when)
    return list(seen.values())


def _timeline(stories: Sequence[StoryRow], width: float) -> Figure | None:
    """Each story on its own row: the first publisher (large red dot), then each reprint."""
    rows = [s for s in stories if any(p.published for p in s.spread)]
    if not rows:
        return None
    fig, axes = plt.subplots(figsize=(width, 0.55 * len(rows) + 1.0))
    ax: Any = axes
    times = [p.published for s in rows for p in s.spread if p.published]
    margin = max((max(times) - min(times)) / 20, timedelta(hours=1))
    low, high = min(times) - margin, max(times) + margin  # one instant: still a range
    for y, story in enumerate(reversed(rows)):
        dated: list[datetime] = [p.published for p in story.spread if p.published]
        reprints = _thin(dated[1:], low, high)
        ax.plot([dated[0], dated[-1]], [y, y], color=GRID, zorder=1)
        ax.scatter(dated[:1], [y], s=80, color=ACCENT, zorder=3)
        ax.scatter(reprints, [y] * len(reprints), s=25, color=INK, zorder=2)
    ax.set_yticks(range(len(rows)), [_label(s.title) for s in reversed(rows)])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(low, high)
    ax.set_xticks([low + (high - low) * n / 4 for n in range(5)])
    # Labels in the times' own zone (the report's), not matplotlib's default UTC.
    ax.xaxis.set_major_formatter(_DateFormatter("%m-%d %H:%M", tz=times[0].tzinfo))
    fig.autofmt_xdate()
    return fig


def draw_charts(
    data: ReportData, width: float, formats: frozenset[str] = frozenset({"svg"})
) -> dict[str, Chart]:
    """The report's charts by name (volume, china, provinces, prefectures, timeline)."""
    plans: tuple[tuple[str, str, Callable[[], Figure | None]], ...] = (
        ("volume", "每日报道量", lambda: _volume(data.volume, width)),
        ("china", "报道涉及地区分布图（省级）", lambda: draw_china(data.regions, width)),
        ("provinces", "报道涉及地区（省级）", lambda: _bars(data.provinces, width)),
        ("prefectures", "报道涉及地区（地市级）", lambda: _bars(data.prefectures, width)),
        ("timeline", "重点报道传播时间线", lambda: _timeline(data.stories, width)),
    )
    charts: dict[str, Chart] = {}
    with plt.rc_context(cast(Any, _style(chart_fonts()))):
        for name, caption, draw in plans:
            fig = draw()
            if fig is not None:
                charts[name] = _save(fig, name, caption, formats)
    return charts

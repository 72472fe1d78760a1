"""`build_report(inputs) -> ReportData`: the whole briefing computed from its inputs. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from huibao.report import counts
from huibao.report.figures import figure_rows
from huibao.report.model import (
    KIND_NAMES,
    AppendixRow,
    Item,
    MatchRow,
    ReportData,
    ReportInputs,
    Totals,
)
from huibao.report.settings import ReportSettings
from huibao.report.stories import alteration_rows, group_reprints, story_rows
from huibao.report.summary import write_summary

NOTE_GROUPED = "重点报道按标题或正文开头相同归并（未运行转载归并 connect 阶段）。"
NOTE_NO_ALTERATIONS = "未检测转载改动（需要转载归并 connect 阶段）。"
NOTE_MORE_ALTERATIONS = "另有{}处转载改动未列出。"


def default_title(kind: str, scope: str) -> str:
    """柳南公安舆情周报 / 舆情日报."""
    return f"{scope}舆情{KIND_NAMES.get(kind, '报告')}" if scope else f"舆情{KIND_NAMES[kind]}"


def _matches(items: Sequence[Item], limit: int) -> tuple[MatchRow, ...]:
    """Matched articles, newest first (items come oldest first, undated last)."""
    dated = [i for i in items if i.terms and i.published]
    rows = [
        MatchRow(i.id, i.title, counts.outlet_of(i), i.published, i.terms, i.url)
        for i in [*reversed(dated), *(i for i in items if i.terms and not i.published)]
    ]
    return tuple(rows[:limit])


def _appendix_row(i: Item) -> AppendixRow:
    return AppendixRow(i.id, i.title, counts.outlet_of(i), i.site, i.published, i.url)


def build_report(inputs: ReportInputs, settings: ReportSettings | None = None) -> ReportData:
    """Counts, change, stories, places, figures, matches and appendix for `inputs`."""
    s = settings or ReportSettings()
    items = sorted(inputs.items, key=lambda i: (i.published is None, i.published, i.id))
    by_id = {i.id: i for i in items}
    notes = []
    stories = inputs.stories
    if stories is None:
        stories = group_reprints(items)
        notes.append(NOTE_GROUPED)
    altered = None
    if inputs.alterations is None:
        notes.append(NOTE_NO_ALTERATIONS)
    else:
        altered = alteration_rows(inputs.alterations, by_id, inputs.quoted)
        if len(altered) > s.max_alterations:
            notes.append(NOTE_MORE_ALTERATIONS.format(len(altered) - s.max_alterations))
        altered = altered[: s.max_alterations]
    outlets = Counter(counts.outlet_of(i) for i in items)
    channels = Counter(c for i in items if (c := counts.channel_of(i)))
    totals = Totals(len(items), inputs.previous_count, len(outlets), len({i.site for i in items}))
    top = story_rows(stories, by_id, max(s.top_stories, s.timeline_stories))
    volume = counts.volume(items, inputs.period, s.timezone)
    regions, prefectures = counts.places(inputs.places, s.max_places)
    provinces = regions[: s.max_places]
    figures = figure_rows(inputs.figures, by_id, inputs.quoted, s.max_figures)
    parts = (top, volume, provinces, prefectures, figures)
    return ReportData(
        kind=inputs.kind,
        title=inputs.title or default_title(inputs.kind, inputs.scope),
        scope=inputs.scope,
        period=inputs.period,
        previous=inputs.previous,
        generated_at=inputs.generated_at,
        summary=write_summary(inputs.period, inputs.previous, inputs.scope, totals, parts),
        totals=totals,
        volume=volume,
        outlets=counts.ranked(outlets, s.max_outlets),
        channels=counts.ranked(channels, s.max_outlets),
        attention=counts.attention(items, inputs.site_totals)[: s.max_outlets],
        provinces=provinces,
        prefectures=prefectures,
        stories=top,
        figures=figures,
        alterations=altered,
        matches=_matches(items, s.max_matches),
        alerts=inputs.alerts,
        appendix=tuple(_appendix_row(i) for i in items[: s.appendix_rows]),
        notes=tuple(notes),
        regions=regions,
    )

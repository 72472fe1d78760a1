"""The summary paragraph, written in Chinese from the report's own numbers. Pure."""

from __future__ import annotations

from datetime import datetime

from huibao.report.model import Count, DayCount, FigureRow, Period, StoryRow, Totals


def _day(value: datetime | None) -> str:
    return f"{value.month}月{value.day}日" if value else "日期不详"


def change_phrase(totals: Totals, previous: Period) -> str:
    """较上一周期（…）的8篇增加50.0% / 与上一周期持平 / 上一周期无相关报道."""
    before = f"上一周期（{previous.label()}）"
    change = totals.change
    if change is None:
        return f"{before}无相关报道"
    if change == 0:
        return f"与{before}持平（{totals.previous}篇）"
    word = "增加" if change > 0 else "减少"
    return f"较{before}的{totals.previous}篇{word}{abs(change) * 100:.1f}%"


def _story(story: StoryRow) -> str:
    first = story.first
    text = f"传播最广的是《{story.title}》，共{story.articles}篇"
    if len(story.outlets) > 1:
        text += f"、涉及{len(story.outlets)}家媒体"
    return text + f"，首发于{first.outlet}（{_day(first.published)}）。"


def _peak(volume: tuple[DayCount, ...]) -> str:
    if len(volume) < 2:
        return ""
    peak = max(volume, key=lambda d: d.count)
    if sum(d.count == peak.count for d in volume) > 1:
        return ""  # no single busiest day
    return f"{peak.day.month}月{peak.day.day}日报道量最高（{peak.count}篇）。"


def _places(provinces: tuple[Count, ...], prefectures: tuple[Count, ...]) -> str:
    if not provinces:
        return ""
    text = f"报道涉及地区以{provinces[0].name}（{provinces[0].count}篇）为主"
    if prefectures:
        text += f"，其中{prefectures[0].name}{prefectures[0].count}篇"
    return text + "。"


def _figures(figures: tuple[FigureRow, ...]) -> str:
    if not figures:
        return ""
    first = figures[0]
    example = f"{first.subject}{first.amount}" + (f"，{first.change}" if first.change else "")
    return f"报道中提取关键数据{len(figures)}项，如“{example}”。"


def write_summary(
    period: Period,
    previous: Period,
    scope: str,
    totals: Totals,
    parts: tuple[tuple[StoryRow, ...], tuple[DayCount, ...], tuple[Count, ...],
                 tuple[Count, ...], tuple[FigureRow, ...]],
) -> str:  # fmt: skip
    """One paragraph: counts and change, the top story, the peak day, places, figures."""
    about = f"围绕“{scope}”" if scope else ""
    if totals.articles == 0:
        return f"{period.label()}，{about}未监测到相关报道；{change_phrase(totals, previous)}。"
    stories, volume, provinces, prefectures, figures = parts
    text = (
        f"{period.label()}，{about}共监测到相关报道{totals.articles}篇，"
        f"来自{totals.outlets}家媒体、{totals.sites}个采集站点，"
        f"{change_phrase(totals, previous)}。"
    )
    text += _story(stories[0]) if stories else ""
    return text + _peak(volume) + _places(provinces, prefectures) + _figures(figures)

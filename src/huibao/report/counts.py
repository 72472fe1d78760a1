"""Counting for a briefing: volume per day, outlets, channels, attention, places. Pure.

Places are counted in the store (`huibao.store.summaries.place_counts`): they live in the
enrichment records, which a report over many articles should not decode one by one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from huibao.report.model import Attention, Count, DayCount, Item, Period
from huibao.store.summaries import PlaceCount

# 来源 labels that name no outlet: the site's own boilerplate ("本站原创" on the sample
# network's hospital page, "转载文章" on the gbkcms pages). The crawl source stands in.
NOT_OUTLETS = frozenset({"本站原创", "原创", "转载文章", "转载", "网络", "互联网", "本站", "未知"})
# Breadcrumb steps that are not a channel (首页 > 要闻 > 正文 on most CMS templates).
NOT_CHANNELS = frozenset({"首页", "主页", "正文", "当前位置", "您的位置", "网站首页", "返回首页"})
_MARKUP = re.compile(r"[<>=\"']")


def outlet_of(item: Item) -> str:
    """The outlet an article is attributed to (来源), or the crawl source that stored it."""
    name = item.source.strip()
    if not name or name in NOT_OUTLETS or _MARKUP.search(name) or len(name) > 40:
        return item.site
    return name


def channel_of(item: Item) -> str:
    """`site · 要闻`: the first breadcrumb step that names a channel, or "" when none does."""
    for step in item.channel:
        step = step.strip(" -»>›/|").strip()
        if step and step not in NOT_CHANNELS and len(step) <= 20:
            return f"{item.site} · {step}"
    return ""


def ranked(counter: Counter[str], limit: int) -> tuple[Count, ...]:
    """The `limit` largest counts (ties by name), and the rest summed as 其他."""
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    top = [Count(name, n) for name, n in rows[:limit]]
    rest = sum(n for _, n in rows[limit:])
    return tuple(top + ([Count("其他", rest)] if rest else []))


def volume(items: Iterable[Item], period: Period, zone: str) -> tuple[DayCount, ...]:
    """Articles per day of `period` (days with none included, as 0)."""
    tz = ZoneInfo(zone)
    days = Counter(i.published.astimezone(tz).date() for i in items if i.published)
    return tuple(
        DayCount(period.start + timedelta(days=n), days[period.start + timedelta(days=n)])
        for n in range(period.days)
    )


def attention(items: Sequence[Item], totals: Mapping[str, int]) -> tuple[Attention, ...]:
    """Per crawl source: articles in scope against every article it published in the period."""
    matched = Counter(i.site for i in items)
    rows = [Attention(site, n, max(n, totals.get(site, n))) for site, n in matched.items()]
    return tuple(sorted(rows, key=lambda a: (-a.share, -a.matched, a.site)))


def places(found: Iterable[PlaceCount], limit: int) -> tuple[tuple[Count, ...], tuple[Count, ...]]:
    """Every province and the `limit` prefectures named by most articles (counted in the
    store), most named first; provinces carry their division code."""
    provinces: Counter[str] = Counter()
    prefectures: Counter[str] = Counter()
    codes: dict[str, str] = {}
    for row in found:
        if row.prefecture:
            prefectures[row.province + row.prefecture] += row.articles
        else:
            provinces[row.province] += row.articles
            codes[row.province] = row.code
    every = [replace(c, code=codes.get(c.name, "")) for c in _top(provinces, len(provinces))]
    return tuple(every), _top(prefectures, limit)


def _top(counter: Counter[str], limit: int) -> tuple[Count, ...]:
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return tuple(Count(name, n) for name, n in rows)

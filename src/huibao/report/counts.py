"""Counting for a briefing: volume per day, outlets, channels, attention, places. Pure."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from zoneinfo import ZoneInfo

from huibao.report.model import Attention, Count, DayCount, Item, Period

# 来源 labels that name no outlet: the site's own boilerplate ("本站原创" on the sample
# network's hospital page, "转载文章" on the gbkcms pages). The crawl source stands in.
NOT_OUTLETS = frozenset({"本站原创", "原创", "转载文章", "转载", "网络", "互联网", "本站", "未知"})
# Breadcrumb steps that are not a channel (首页 > 要闻 > 正文 on most CMS templates).
NOT_CHANNELS = frozenset({"首页", "主页", "正文", "当前位置", "您的位置", "网站首页", "返回首页"})
_MARKUP = re.compile(r"[<>=\"']")


def outlet_of(item: Item) -> str:
    """The outlet an article is attributed to (来源), or the crawl source that stored it."""
    name = item.article.source.strip()
    if not name or name in NOT_OUTLETS or _MARKUP.search(name) or len(name) > 40:
        return item.site
    return name


def channel_of(item: Item) -> str:
    """`site · 要闻`: the first breadcrumb step that names a channel, or "" when none does."""
    for step in item.article.channel:
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
    days = Counter(i.article.published.astimezone(tz).date() for i in items if i.article.published)
    return tuple(
        DayCount(period.start + timedelta(days=n), days[period.start + timedelta(days=n)])
        for n in range(period.days)
    )


def attention(items: Sequence[Item], totals: Mapping[str, int]) -> tuple[Attention, ...]:
    """Per crawl source: articles in scope against every article it published in the period."""
    matched = Counter(i.site for i in items)
    rows = [Attention(site, n, max(n, totals.get(site, n))) for site, n in matched.items()]
    return tuple(sorted(rows, key=lambda a: (-a.share, -a.matched, a.site)))


def places(items: Iterable[Item], limit: int) -> tuple[tuple[Count, ...], tuple[Count, ...]]:
    """Articles per province and per prefecture (each article counted once per division)."""
    provinces: Counter[str] = Counter()
    prefectures: Counter[str] = Counter()
    for item in items:
        found = item.facts.get("places", ()) if item.facts else ()
        paths = {tuple(p["path"]) for p in found if p.get("code") and p.get("path")}
        provinces.update({path[0] for path in paths})
        prefectures.update({"".join(path[:2]) for path in paths if len(path) > 1})
    return _top(provinces, limit), _top(prefectures, limit)


def _top(counter: Counter[str], limit: int) -> tuple[Count, ...]:
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return tuple(Count(name, n) for name, n in rows)

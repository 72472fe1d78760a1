"""Volume alerts: too many matches in a window, or a spike against the plan's own baseline.

Pure functions over the match times of one plan (the store supplies them); `now` is passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class FixedRule:
    """Alert when at least `threshold` matching articles arrive within `window`."""

    threshold: int
    window: timedelta


@dataclass(frozen=True, slots=True)
class SpikeRule:
    """Alert when the last `recent` holds `factor` times the baseline's average per `recent`.

    The baseline is the `baseline` span just before the recent one (e.g. the last hour
    against the previous 12 hours, or a day against the previous 14 days). `min_count`
    keeps 1 -> 3 articles from counting as a spike.
    """

    recent: timedelta
    baseline: timedelta
    factor: float = 3.0
    min_count: int = 5


@dataclass(frozen=True, slots=True)
class VolumeAlert:
    """A volume rule that fired: the count in the window and what it was compared with."""

    rule: str
    count: int
    expected: float
    since: datetime


def _count(times: Sequence[datetime], start: datetime, end: datetime) -> int:
    return sum(1 for t in times if start < t <= end)


def check_fixed(rule: FixedRule, times: Sequence[datetime], now: datetime) -> VolumeAlert | None:
    """The alert if `times` holds at least `rule.threshold` matches in the last window."""
    since = now - rule.window
    count = _count(times, since, now)
    if count >= rule.threshold:
        return VolumeAlert("fixed", count, float(rule.threshold), since)
    return None


def check_spike(rule: SpikeRule, times: Sequence[datetime], now: datetime) -> VolumeAlert | None:
    """The alert if the recent window is a spike against the baseline just before it."""
    since = now - rule.recent
    count = _count(times, since, now)
    base = _count(times, since - rule.baseline, since)
    expected = base * (rule.recent / rule.baseline)
    if count >= rule.min_count and count >= rule.factor * max(expected, 1.0):
        return VolumeAlert("spike", count, expected, since)
    return None

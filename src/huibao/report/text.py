"""How values read in every format: times, quotes, percentages (shared by all writers)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

_SPACES = re.compile(r"\s+")


def when(value: datetime | None, zone: str) -> str:
    """2011-08-22 10:15 in the report's time zone, or — when unknown."""
    return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M") if value else "—"


def quote(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with …"""
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pct(value: float | None) -> str:
    """+50.0% / -12.5% / — (no previous period to compare with)."""
    return "—" if value is None else f"{value * 100:+.1f}%"


def share(value: float) -> str:
    return f"{value * 100:.1f}%"

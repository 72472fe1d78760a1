"""Scheduled reports: `[[reports]]` in the project file, and when each one is due.

    [[reports]]
    name = "柳南周报"          # unique; the ledger and e-mail subject use it
    kind = "weekly"            # daily | weekly | monthly | special
    plan = "柳南公安"          # or: query = "柳南 AND 警情"; neither: everything stored
    formats = ["docx", "pdf"]
    at = "08:00"               # local time of day (report time zone)
    weekday = 1                # weekly: 1 = Monday … 7 = Sunday
    day = 1                    # monthly: day of the month it is sent
    period = "2011-08-15..2011-08-21"   # special only: the period it covers
    recipients = ["office@example.cn"]

A run is due at its time of day on its day; it covers the last whole day/week/month before
that day. `due_run` gives the latest run due at `now`, so after downtime only the missed run
closest to now is made, once (the ledger remembers it).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from huibao.errors import ConfigError
from huibao.report.api import parse_formats
from huibao.report.errors import ReportError
from huibao.report.model import KINDS, Period
from huibao.report.periods import last_period, parse_period

KEYS = {"name", "kind", "plan", "query", "formats", "at", "weekday", "day", "period",
        "recipients", "title", "template"}  # fmt: skip
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+$")


@dataclass(frozen=True, slots=True)
class ReportSchedule:
    """One `[[reports]]` entry."""

    name: str
    kind: str
    plan: str | None = None
    query: str | None = None
    formats: tuple[str, ...] = ("docx", "pdf")
    at: time = time(8, 0)
    weekday: int = 1
    day: int = 1
    period: Period | None = None
    recipients: tuple[str, ...] = ()
    title: str = ""
    template: str | None = None


def _fail(index: int, key: str, problem: str) -> ConfigError:
    return ConfigError(f"reports[{index + 1}].{key}: {problem}")


def _text(entry: Mapping[str, Any], index: int, key: str) -> str | None:
    value = entry.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise _fail(index, key, "must be a non-empty string")
    return value.strip() if isinstance(value, str) else None


def _int(entry: Mapping[str, Any], index: int, key: str, low: int, high: int, default: int) -> int:
    value = entry.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _fail(index, key, f"must be a whole number from {low} to {high}")
    return value


def _strings(entry: Mapping[str, Any], index: int, key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(index, key, "must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _at(entry: Mapping[str, Any], index: int) -> time:
    match = _TIME.match(str(entry.get("at", "08:00")))
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise _fail(index, "at", 'write the time of day as "HH:MM"')
    return time(int(match.group(1)), int(match.group(2)))


def parse_schedule(entry: Mapping[str, Any], index: int) -> ReportSchedule:
    unknown = set(entry) - KEYS
    if unknown:
        raise _fail(index, sorted(unknown)[0], f"unknown key (expected one of {sorted(KEYS)})")
    name, kind = _text(entry, index, "name"), entry.get("kind", "weekly")
    if name is None:
        raise _fail(index, "name", "every report needs a name")
    if kind not in KINDS:
        raise _fail(index, "kind", f"must be one of {', '.join(KINDS)}")
    period = _text(entry, index, "period")
    if (kind == "special") != (period is not None):
        raise _fail(index, "period", "give a period for kind special, and only for it")
    recipients = _strings(entry, index, "recipients")
    for address in recipients:
        if not _ADDRESS.match(address):
            raise _fail(index, "recipients", f"{address!r} is not an e-mail address")
    try:
        formats = parse_formats(_strings(entry, index, "formats") or ("docx", "pdf"))
    except ReportError as exc:
        raise _fail(index, "formats", str(exc)) from exc
    return ReportSchedule(
        name=name,
        kind=kind,
        plan=_text(entry, index, "plan"),
        query=_text(entry, index, "query"),
        formats=formats,
        at=_at(entry, index),
        weekday=_int(entry, index, "weekday", 1, 7, 1),
        day=_int(entry, index, "day", 1, 28, 1),
        period=parse_period(period) if period else None,
        recipients=recipients,
        title=_text(entry, index, "title") or "",
        template=_text(entry, index, "template"),
    )


def parse_schedules(entries: Sequence[Mapping[str, Any]]) -> tuple[ReportSchedule, ...]:
    """Validate `[[reports]]` tables (each error names the entry and key)."""
    found = tuple(parse_schedule(e, i) for i, e in enumerate(entries))
    names = [s.name for s in found]
    for index, name in enumerate(names):
        if name in names[:index]:
            raise _fail(index, "name", f"{name!r} is used twice")
    return found


def load_schedules(path: str | Path) -> tuple[ReportSchedule, ...]:
    """The `[[reports]]` of the project file at `path` (none: an empty tuple)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read report schedules: {exc}") from exc
    entries = data.get("reports", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(f"{path}: write each report as a [[reports]] table")
    return parse_schedules(entries)


def _run_day(schedule: ReportSchedule, today: date) -> date:
    """The latest day on or before `today` that `schedule` runs on."""
    if schedule.kind == "weekly":
        return today - timedelta(days=(today.isoweekday() - schedule.weekday) % 7)
    if schedule.kind == "monthly":
        this_month = today.replace(day=schedule.day)
        if this_month <= today:
            return this_month
        return (today.replace(day=1) - timedelta(days=1)).replace(day=schedule.day)
    return today


def due_run(schedule: ReportSchedule, now: datetime, zone: str) -> tuple[datetime, Period] | None:
    """(when the latest run was due, the period it covers), or None if none is due yet."""
    local = now.astimezone(ZoneInfo(zone))
    if schedule.kind == "special":
        assert schedule.period is not None
        due = datetime.combine(schedule.period.end + timedelta(days=1), schedule.at, local.tzinfo)
        return (due, schedule.period) if due <= local else None
    day = _run_day(schedule, local.date())
    due = datetime.combine(day, schedule.at, local.tzinfo)
    if due > local:
        day = _run_day(schedule, day - timedelta(days=1))
        due = datetime.combine(day, schedule.at, local.tzinfo)
    return due, last_period(schedule.kind, day)

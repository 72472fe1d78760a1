"""The project file's `[monitor]` section: monitor settings and alert rules.

    [monitor]
    smtp_host = "mail.example.cn"
    webhook_allow_hosts = ["10.0.0.5"]

    [[monitor.alerts]]
    plan = "柳州警情"
    emails = ["office@example.cn"]
    quiet = "22:00-07:00"

Settings are `MonitorSettings` fields; `HUIBAO_MONITOR_<FIELD>` variables override them.
Each `[[monitor.alerts]]` table is an alert rule (`huibao.monitor.alerts.ruleconfig`); the
alert step copies it into the store (where ingest reads rules) when it differs from what
is stored, so the file wins over `huibao plan alert add` for the plans it names.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from huibao.config import from_env
from huibao.errors import ConfigError
from huibao.monitor.settings import MonitorSettings


@dataclass(frozen=True, slots=True)
class MonitorConfig:
    """Settings, and the rule tables of `[[monitor.alerts]]` by plan name."""

    settings: MonitorSettings = field(default_factory=MonitorSettings)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def _coerce(where: str, value: Any, default: Any) -> Any:
    if isinstance(default, tuple):
        value = [value] if isinstance(value, str) else value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise ConfigError(f"{where}: must be a list of strings")
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, int | float):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and value >= 0 and (isinstance(default, float) or isinstance(value, int)):
            return type(default)(value)
        raise ConfigError(f"{where}: must be a {type(default).__name__} >= 0")
    elif isinstance(default, str) and isinstance(value, str):
        return value
    raise ConfigError(f"{where}: must be a {type(default).__name__}")


def _settings(origin: str, table: Mapping[str, Any]) -> MonitorSettings:
    fields = {f.name: f.default for f in dataclasses.fields(MonitorSettings)}
    values = {}
    for key, value in table.items():
        if key == "alerts":
            continue
        if key not in fields:
            raise ConfigError(f"{origin}, monitor.{key}: unknown setting")
        values[key] = _coerce(f"{origin}, monitor.{key}", value, fields[key])
    env = from_env(MonitorSettings, "MONITOR")
    overrides = {k: getattr(env, k) for k, d in fields.items() if getattr(env, k) != d}
    return MonitorSettings(**{**values, **overrides})


def _rules(origin: str, raw: Any) -> dict[str, Mapping[str, Any]]:
    if not isinstance(raw, list):
        raise ConfigError(
            f"{origin}, monitor.alerts: write each rule as a [[monitor.alerts]] table"
        )
    rules: dict[str, Mapping[str, Any]] = {}
    for i, table in enumerate(raw, start=1):
        plan = table.get("plan") if isinstance(table, dict) else None
        if not isinstance(plan, str) or not plan.strip():
            raise ConfigError(f"{origin}, monitor.alerts[{i}].plan: name the plan it alerts for")
        if plan.strip() in rules:
            raise ConfigError(f"{origin}, monitor.alerts[{i}].plan: {plan!r} has two rules")
        rules[plan.strip()] = {k: v for k, v in table.items() if k != "plan"}
    return rules


def load_monitor_config(path: Path | None) -> MonitorConfig:
    """The `[monitor]` section of the project file at `path` (defaults without a file)."""
    if path is None or not path.is_file():
        return MonitorConfig(from_env(MonitorSettings, "MONITOR"))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    table = data.get("monitor", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}, monitor: must be a table ([monitor])")
    return MonitorConfig(_settings(str(path), table), _rules(str(path), table.get("alerts", [])))

"""Settings: one frozen dataclass per stage, every field with a default and a help text.

Each stage declares its options next to its code (`huibao.extract.settings`, ...) using
`setting()`, so a cap is a named, documented value rather than a literal in a loop. This
module is the only reader of `os.environ`: `from_env()` overrides any field from
`HUIBAO_<STAGE>_<FIELD>` variables, and `documented()` lists every setting for the docs
(a test checks that `docs/configuration.md` names each one).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from huibao.errors import ConfigError

T = TypeVar("T")


def setting(default: Any, help: str) -> Any:
    """A dataclass field with a default and the help text shown in docs and `--help`."""
    if isinstance(default, list | dict | set):
        raise TypeError("use tuples or frozensets for collection defaults")
    return dataclasses.field(default=default, metadata={"help": help})


def _coerce(raw: str, kind: type, name: str) -> Any:
    try:
        if kind is tuple:  # comma-separated: HUIBAO_FETCH_ALLOWED_NETWORKS=127.0.0.0/8,::1/128
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if kind is bool:
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        return kind(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r}: expected a {kind.__name__}") from exc


def from_env(cls: type[T], prefix: str, environ: Mapping[str, str] | None = None) -> T:
    """Build settings `cls`, overriding fields from `HUIBAO_<PREFIX>_<FIELD>` variables."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        key = f"HUIBAO_{prefix}_{f.name}".upper()
        if key in env:
            kind = type(f.default) if f.default is not dataclasses.MISSING else str
            values[f.name] = _coerce(env[key], kind, key)
    return cls(**values)


def documented(cls: type) -> Iterator[tuple[str, Any, str]]:
    """(name, default, help) for each field of a settings dataclass."""
    for f in dataclasses.fields(cls):
        yield f.name, f.default, str(f.metadata.get("help", ""))


# Every stage's settings module; `all_settings()` imports them in pipeline order.
SETTINGS_MODULES = (
    "huibao.extract.settings",
    "huibao.discover.settings",
    "huibao.discover.crawl_settings",
    "huibao.store.settings",
    "huibao.enrich.settings",
    "huibao.connect.settings",
    "huibao.monitor.settings",
    "huibao.report.settings",
)


def all_settings() -> list[type]:
    """The settings dataclasses of every stage present in this installation."""
    import importlib

    found: list[type] = []
    for name in SETTINGS_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == name
                and value.__name__.endswith("Settings")
            ):
                found.append(value)
    return found


def _cell(value: Any) -> str:
    return repr(value).replace("|", "\\|")


def settings_markdown() -> str:
    """docs/settings.md: every setting with its default and help (kept in sync by a test)."""
    lines = [
        "# Settings",
        "",
        "Every cap and switch of every stage, generated from the code by",
        "`huibao settings --format markdown > docs/settings.md` (a test fails when this file is",
        "stale).",
        "Any setting can be overridden from the environment as `HUIBAO_<STAGE>_<NAME>`.",
    ]
    for cls in all_settings():
        lines += [
            "",
            f"## {cls.__name__} (`{cls.__module__}`)",
            "",
            "| name | default | meaning |",
            "|---|---|---|",
        ]
        for name, default, help_text in documented(cls):
            lines.append(f"| `{name}` | `{_cell(default)}` | {help_text} |")
    return "\n".join(lines) + "\n"

"""Read and validate `huibao.toml` into a `Project`; every error names its line and field."""

from __future__ import annotations

import codecs
import dataclasses
import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from huibao.discover.crawl_settings import CrawlSettings
from huibao.discover.settings import DiscoverSettings, FetchSettings
from huibao.errors import ConfigError, ExtractionError
from huibao.extract import Rules
from huibao.project.locate import locate
from huibao.project.spec import Listing, Project, SourceSpec
from huibao.store.settings import StoreSettings

T = TypeVar("T")
Path_ = tuple[str | int, ...]

DEFAULT_FILE = "huibao.toml"
DEFAULT_DB = "huibao.db"
# [[reports]] (schedules) is read by huibao.report.schedule; alerts' [monitor] by huibao.monitor.
TOP_LEVEL = {"sources", "store", "fetch", "discover", "crawl", "reports", "monitor"}
SOURCE_KEYS = {
    "name", "home", "feeds", "sitemaps", "listings", "interval", "rate", "encoding",
    "allowed_hosts", "rules",
}  # fmt: skip
# "30s", "15m", "2h", "1d" (and plain numbers of seconds) for `interval`.
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class _Checker:
    """Raises ConfigError("huibao.toml, line N, <field>: problem") for one file's text."""

    def __init__(self, text: str, origin: str) -> None:
        self.text, self.origin = text, origin

    def fail(self, path: Path_, problem: str) -> ConfigError:
        line = locate(self.text, path)
        where = f"{self.origin}, line {line}" if line else self.origin
        return ConfigError(f"{where}, {_dotted(path)}: {problem}")


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def load_project(path: str | Path) -> Project:
    """Read the project file at `path` (its store defaults to huibao.db beside it)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{file}: no such project file (create one with `huibao init`)") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read: {exc}") from exc
    return parse_project(text, file)


def parse_project(text: str, path: Path | None = None) -> Project:
    """Validate project-file `text` read from `path` (relative store paths start beside it)."""
    origin = str(path) if path is not None else DEFAULT_FILE
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from exc
    check = _Checker(text, origin)
    for key in data:
        if key not in TOP_LEVEL:
            raise check.fail((key,), f"unknown section (expected one of {sorted(TOP_LEVEL)})")
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise check.fail(("sources",), "write each source as a [[sources]] table")
    sources = tuple(_source(check, i, s) for i, s in enumerate(raw_sources))
    _unique_names(check, sources)
    store_table = _table(check, data, "store")
    base = path.resolve().parent if path is not None else Path.cwd()
    return Project(
        sources=sources,
        store_url=_store_url(check, store_table, base),
        path=path.resolve() if path is not None else None,
        store=_settings(check, "store", StoreSettings, store_table, skip={"url"}),
        fetch=_settings(check, "fetch", FetchSettings, _table(check, data, "fetch")),
        discover=_settings(check, "discover", DiscoverSettings, _table(check, data, "discover")),
        crawl=_settings(check, "crawl", CrawlSettings, _table(check, data, "crawl")),
    )


def _table(check: _Checker, data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise check.fail((name,), "must be a table ([" + name + "])")
    return value


def _store_url(check: _Checker, table: dict[str, Any], base: Path) -> str:
    url = table.get("url", DEFAULT_DB)
    if not isinstance(url, str) or not url:
        raise check.fail(("store", "url"), "must be a file path or a database URL")
    if "://" in url:
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            relative = url.removeprefix("sqlite:///")
            if relative and relative != ":memory:":
                return f"sqlite:///{(base / relative).resolve()}"
        return url
    return f"sqlite:///{(base / Path(url).expanduser()).resolve()}"


def _settings(
    check: _Checker,
    section: str,
    cls: type[T],
    table: dict[str, Any],
    skip: frozenset[str] | set[str] = frozenset(),
) -> T:
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in skip:
            continue
        if key not in fields:
            raise check.fail((section, key), f"unknown setting (known: {', '.join(fields)})")
        values[key] = _coerce(check, (section, key), value, fields[key].default)
    return cls(**values)


def _coerce(check: _Checker, path: Path_, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise check.fail(path, "must be true or false")
        return value
    if isinstance(default, int | float) and not isinstance(value, bool):
        if isinstance(value, int) or (isinstance(value, float) and isinstance(default, float)):
            if value < 0:
                raise check.fail(path, "must not be negative")
            return type(default)(value)
        raise check.fail(path, f"must be a number ({type(default).__name__})")
    if isinstance(default, tuple):
        return _strings(check, path, value)
    if isinstance(default, str) and isinstance(value, str):
        return value
    raise check.fail(path, f"must be a {type(default).__name__}")


def _strings(check: _Checker, path: Path_, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise check.fail(path, "must be a list of strings")
    return tuple(value)


def _source(check: _Checker, index: int, raw: Any) -> SourceSpec:
    here: Path_ = ("sources", index)
    if not isinstance(raw, dict):
        raise check.fail(here, "must be a table")
    for key in raw:
        if key not in SOURCE_KEYS:
            known = ", ".join(sorted(SOURCE_KEYS))
            raise check.fail((*here, key), f"unknown field (known: {known})")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise check.fail((*here, "name"), "every source needs a name")
    feeds = _urls(check, (*here, "feeds"), raw.get("feeds", []))
    sitemaps = _urls(check, (*here, "sitemaps"), raw.get("sitemaps", []))
    listings = _listings(check, here, raw.get("listings", []))
    home = raw.get("home", "")
    if home or not (feeds or sitemaps or listings):
        home = _url(check, (*here, "home"), home)
    spec = SourceSpec(
        name=name.strip(),
        home=home,
        feeds=feeds,
        sitemaps=sitemaps,
        listings=listings,
        interval_s=_interval(check, (*here, "interval"), raw.get("interval")),
        rate=_rate(check, (*here, "rate"), raw.get("rate")),
        encoding=_encoding(check, (*here, "encoding"), raw.get("encoding")),
        allowed_hosts=_strings(check, (*here, "allowed_hosts"), raw.get("allowed_hosts", [])),
        rules=_rules(check, (*here, "rules"), raw.get("rules")),
    )
    if not spec.entry_urls and spec.home:
        spec = dataclasses.replace(spec, listings=(Listing(spec.home),))
    return spec


def _url(check: _Checker, path: Path_, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise check.fail(path, "must be an http(s) URL")
    parts = urlsplit(value.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise check.fail(path, f"{value!r} is not an http(s) URL")
    return value.strip()


def _urls(check: _Checker, path: Path_, value: Any) -> tuple[str, ...]:
    items = _strings(check, path, value)
    return tuple(_url(check, (*path, i), u) for i, u in enumerate(items))


def _listings(check: _Checker, here: Path_, raw: Any) -> tuple[Listing, ...]:
    if not isinstance(raw, list):
        raise check.fail((*here, "listings"), "must be a list of URLs or {url, pattern} tables")
    found = []
    for i, item in enumerate(raw):
        path = (*here, "listings", i)
        if isinstance(item, str):
            found.append(Listing(_url(check, path, item)))
            continue
        if not isinstance(item, dict) or set(item) - {"url", "pattern"}:
            raise check.fail(path, "must be a URL or a table with url and optional pattern")
        pattern = item.get("pattern")
        if pattern is not None:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as exc:
                raise check.fail((*path, "pattern"), f"not a regular expression: {exc}") from exc
        found.append(Listing(_url(check, (*path, "url"), item.get("url")), pattern))
    return tuple(found)


def _interval(check: _Checker, path: Path_, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    match = DURATION.match(value) if isinstance(value, str) else None
    if match and float(match.group(1)) > 0:
        return float(match.group(1)) * UNIT_SECONDS[match.group(2)]
    raise check.fail(path, f'{value!r}: use seconds or a duration such as "30m", "2h", "1d"')


def _rate(check: _Checker, path: Path_, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    raise check.fail(path, f"{value!r}: requests per second, a number above 0")


def _encoding(check: _Checker, path: Path_, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise check.fail(path, 'must be an encoding name such as "gbk"')
    try:
        codecs.lookup(value)
    except LookupError as exc:
        raise check.fail(path, f"unknown encoding {value!r}") from exc
    return value.strip().lower()


def _rules(check: _Checker, path: Path_, value: Any) -> Rules | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise check.fail(path, "must be a table of selectors (title, published, authors, ...)")
    try:
        return Rules.from_dict(value)
    except ExtractionError as exc:
        field = next((k for k in value if k not in Rules.__dataclass_fields__), None)
        raise check.fail((*path, field) if field else path, str(exc)) from exc


def _unique_names(check: _Checker, sources: tuple[SourceSpec, ...]) -> None:
    seen: set[str] = set()
    for i, spec in enumerate(sources):
        if spec.name in seen:
            raise check.fail(("sources", i, "name"), f"duplicate source name {spec.name!r}")
        seen.add(spec.name)

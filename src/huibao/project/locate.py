"""Find the line of a key in TOML text, so semantic errors can name it.

`tomllib` reports positions only for syntax errors. For a value that parses but is wrong
(a rate of -1, an unknown field) we find its line by scanning table headers and keys; this
covers the shapes a project file uses (tables, arrays of tables, `key = value` lines, inline
tables on one line) and falls back to the enclosing table's header.
"""

from __future__ import annotations

import re

HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
KEY = re.compile(r"""^\s*("([^"]+)"|'([^']+)'|[A-Za-z0-9_-]+)\s*=""")


def _key_name(match: re.Match[str]) -> str:
    return match.group(2) or match.group(3) or match.group(1)


def locate(text: str, path: tuple[str | int, ...]) -> int | None:
    """1-based line of `path` (e.g. ("sources", 1, "rate")), or the nearest enclosing line."""
    lines = text.splitlines()
    table: list[str | int] = []
    counts: dict[str, int] = {}
    best: tuple[int, int] | None = None  # (matched path length, line)
    for number, line in enumerate(lines, start=1):
        if header := HEADER.match(line):
            table = _table_path(header, counts)
            best = _better(best, _common(table, path), number)
            continue
        if key := KEY.match(line):
            full = [*table, _key_name(key)]
            best = _better(best, _common(full, path), number)
    return best[1] if best else None


def _table_path(header: re.Match[str], counts: dict[str, int]) -> list[str | int]:
    names = [part.strip().strip("\"'") for part in header.group(2).split(".")]
    dotted = ".".join(names)
    if header.group(1) == "[[":
        counts[dotted] = counts.get(dotted, -1) + 1
        for deeper in [k for k in counts if k.startswith(dotted + ".")]:
            del counts[deeper]  # a new parent element restarts its children's numbering
    path: list[str | int] = []
    for i, name in enumerate(names):
        path.append(name)
        prefix = ".".join(names[: i + 1])
        if prefix in counts:
            path.append(counts[prefix])
    return path


def _common(found: list[str | int], wanted: tuple[str | int, ...]) -> int:
    if len(found) > len(wanted):
        return -1
    for a, b in zip(found, wanted, strict=False):
        if a != b:
            return -1
    return len(found)


def _better(best: tuple[int, int] | None, score: int, line: int) -> tuple[int, int] | None:
    if score <= 0:
        return best
    if best is None or score > best[0]:
        return (score, line)
    return best

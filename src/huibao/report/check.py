"""`huibao report --check`: find every cited sentence again in the stored raw page.

Each citation of a report's JSON (article id, character span, text) is checked by
extracting the article again from the raw bytes the store kept and comparing the span:
"ok" (same text at the same place), "moved" (the text is there at another offset),
"stored-only" (not in the page re-extracted from the raw bytes, e.g. page 2 of a
multi-page article, but in the stored text), "changed" (found in neither), "no-article"
or "no-raw" (nothing kept to check against).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huibao.errors import ExtractionError
from huibao.extract import extract
from huibao.report.errors import ReportError
from huibao.store import Store

GOOD = frozenset({"ok", "moved"})


@dataclass(frozen=True, slots=True)
class Checked:
    article_id: int
    start: int
    end: int
    status: str
    detail: str = ""

    @property
    def good(self) -> bool:
        return self.status in GOOD


def load_citations(path: str | Path) -> list[dict[str, Any]]:
    """The `citations` list of a report JSON file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: not a readable report JSON file ({exc})") from exc
    cites = data.get("citations") if isinstance(data, dict) else None
    if not isinstance(cites, list):
        raise ReportError(f"{path}: no citations list (write the report with --format json)")
    return [c for c in cites if isinstance(c, dict)]


def _page_body(store: Store, article_id: int, url: str) -> str | None:
    raw = store.raw_page(article_id)
    if raw is None:
        return None
    try:
        return extract(raw, url=url).body
    except ExtractionError:
        return ""


def check_one(store: Store, cite: Mapping[str, Any]) -> Checked:
    try:
        article_id, start, end = int(cite["article_id"]), int(cite["start"]), int(cite["end"])
        text = str(cite["text"])
    except (KeyError, TypeError, ValueError):
        return Checked(-1, 0, 0, "changed", "citation lacks article_id/start/end/text")
    stored = store.get_article(article_id)
    if stored is None:
        return Checked(article_id, start, end, "no-article", "no such article in the store")
    body = _page_body(store, article_id, stored.url)
    if body is None:
        return Checked(article_id, start, end, "no-raw", "the store kept no raw page")
    if body[start:end] == text:
        return Checked(article_id, start, end, "ok")
    if text and text in body:
        return Checked(article_id, start, end, "moved", f"found at {body.index(text)}")
    if text and stored.article.body[start:end] == text:
        return Checked(article_id, start, end, "stored-only", "not in the re-extracted raw page")
    return Checked(article_id, start, end, "changed", "the cited text is not in the page")


def check_citations(store: Store, cites: Sequence[Mapping[str, Any]]) -> list[Checked]:
    """Check every citation against `store`."""
    return [check_one(store, c) for c in cites]

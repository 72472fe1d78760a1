"""Records every stage shares.

`Article` is the one record that flows from extraction to reports. It is kept small and
stable: stage-specific data (places, figures, reprint groups, matches) lives in the stage that
makes it, keyed by the article's URL or store id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Image:
    """An image inside the article body, with its caption when the page gives one."""

    src: str
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """One article as extracted from one page (or several stitched pages).

    `published` is timezone-aware; pages that give no zone are read as Asia/Shanghai.
    `source` is the outlet the page attributes the text to (来源/稿源/出处), not the site
    that serves it. `editors` (责任编辑) and `source` are never mixed into `authors`.
    `encoding_signal` says which evidence chose `encoding`: "bom", "header", "meta",
    "detected", "utf-8-valid", "override" or "text" (input was already `str`).
    """

    url: str | None = None
    title: str = ""
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str = ""
    channel: list[str] = field(default_factory=list)
    body: str = ""
    paragraphs: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    encoding: str = ""
    encoding_signal: str = ""
    language: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing article-like was found (no title and no body)."""
        return not self.title and not self.body

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: datetimes as ISO 8601 strings, images as objects."""
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of `to_dict` (unknown keys are ignored, so old records still load)."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("published"):
            values["published"] = datetime.fromisoformat(values["published"])
        values["images"] = [Image(**img) for img in values.get("images") or []]
        return cls(**values)

"""The real pages the sample network is made from (shipped in `pages/`, see its README)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
_PARAGRAPHS = re.compile(rb"<p\b[^>]*>(.*?)</p\s*>", re.I | re.S)


@dataclass(frozen=True, slots=True)
class RealPage:
    """One shipped page: its raw bytes, the encoding they are in, and its <title>."""

    name: str
    data: bytes
    encoding: str
    title: str


@dataclass(frozen=True, slots=True)
class SeedArticle:
    """The seed page's article: a police-bureau work report reprinted by a legal news site."""

    title: str
    source: str
    date: str
    paragraphs: tuple[str, ...]


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace"), "gb18030"


def _title(text: str) -> str:
    match = _TITLE.search(text)
    raw = match.group(1) if match else ""
    return re.sub(r"\s+", " ", _TAGS.sub("", raw)).strip()


def real_pages(prefix: str) -> tuple[RealPage, ...]:
    """Shipped HTML pages whose file name starts with `prefix` ("gne-" or "dev-"), sorted."""
    folder = resources.files("huibao.samplenet") / "pages"
    pages = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(prefix) and entry.name.endswith(".html"):
            data = entry.read_bytes()
            text, encoding = _decode(data)
            pages.append(RealPage(entry.name, data, encoding, _title(text) or entry.name))
    return tuple(pages)


def seed_article() -> SeedArticle:
    """The article inside the seed page (kept as JSON so it ships as package data; its
    site chrome is dropped here)."""
    raw = (resources.files("huibao.samplenet") / "pages" / "seed-page.json").read_text("utf-8")
    text = str(json.loads(raw)["text"])
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    head = next(i for i, line in enumerate(lines) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line))
    title_line = lines[head - 1]
    match = re.fullmatch(r"(.*?)\[(.*?)\]", title_line)
    title, source = (match.group(1), match.group(2)) if match else (title_line, "")
    body = tuple(line for line in lines[head + 1 :] if not line.startswith("亲稳链接"))
    return SeedArticle(title, source, lines[head], body)


def real_paragraphs() -> tuple[str, ...]:
    """Paragraph texts from the shipped pages, for generated sites (deterministic order)."""
    out: list[str] = list(seed_article().paragraphs)
    for page in real_pages("gne-"):
        for raw in _PARAGRAPHS.findall(page.data):
            text = re.sub(r"\s+", "", _TAGS.sub("", _decode(raw)[0]))
            if len(text) >= 40 and "&" not in text:
                out.append(text)
    return tuple(out)

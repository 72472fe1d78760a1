"""URLs of the following pages of a multi-page article.

Chinese CMSs split long articles as `name.html, name_2.html, ...` (TRS, PHPCMS, most 2005
portals), as `index.html, index_1.html, ...` (government portals), or give a 下一页 link.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from huibao.extract.html import HtmlElement, text_of

NEXT_TEXT = re.compile(r"^\s*(?:下一页|下页|后一页|next\s*page|next\s*›?|›|>)\s*$", re.I)
MAX_NEXT_TEXT = 200  # longer link texts are not tested against NEXT_TEXT
# The characters NEXT_TEXT's words start with (it ignores case): a link text whose first
# non-space character is none of them is not matched against it (case folding costs).
NEXT_FIRST = frozenset("下后nN›>")


def _stem(path: str) -> tuple[str, str] | None:
    """/a/b/123.html -> ("/a/b/123", ".html"); /a/index_1.html -> ("/a/index", ".html")."""
    m = re.match(r"^(.*?)(?:_\d{1,3})?(\.[a-z]{2,6})$", path, re.I)
    return (m.group(1), m.group(2)) if m else None


def next_pages(root: HtmlElement, url: str | None) -> list[str]:
    """Absolute URLs (relative ones when `url` is None) of pages 2..n, in order."""
    numbered: dict[int, str] = {}
    nxt: list[str] = []
    base = urlsplit(url) if url else None
    stem = _stem(base.path) if base else None
    numbered_name = f"{stem[0].rsplit('/', 1)[-1]}_" if stem else None
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        # Cheap tests first: most links neither carry this page's name nor say "next".
        maybe_numbered = numbered_name is not None and numbered_name in href
        text = (a.text or "") if len(a) == 0 else text_of(a)
        if not maybe_numbered and (
            len(text) > MAX_NEXT_TEXT
            or text.lstrip()[:1] not in NEXT_FIRST
            or not NEXT_TEXT.match(text)
        ):
            continue
        full = urljoin(url, href) if url else href
        parts = urlsplit(full)
        if stem and (
            m := re.match(rf"^{re.escape(stem[0])}_(\d{{1,3}}){re.escape(stem[1])}$", parts.path)
        ):
            if not base or parts.netloc in ("", base.netloc):
                numbered.setdefault(int(m.group(1)), full)
        elif NEXT_TEXT.match(text) and _same_article(href, full, url):
            nxt.append(full)
    current = _page_number(base.path) if base else None
    pages = [u for n, u in sorted(numbered.items()) if current is None or n > current]
    if not pages and nxt:
        pages = nxt[:1]
    return [p for p in pages if p != url]


def _page_number(path: str) -> int | None:
    m = re.search(r"_(\d{1,3})\.[a-z]{2,6}$", path, re.I)
    return int(m.group(1)) if m else 0


def _same_article(href: str, full: str, url: str | None) -> bool:
    """A 下一页 link is a page of this article if it looks like one (_N / page=N / p=N)."""
    if re.search(r"(?:_\d{1,3}\.[a-z]{2,6}$)|(?:[?&](?:page|p|pn|pageno)=\d{1,3}\b)", full, re.I):
        return url is None or urlsplit(full).netloc == urlsplit(url).netloc
    return False

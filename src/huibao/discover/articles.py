"""Article pages: extract page 1, fetch and extract its continuation pages, stitch them."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from concurrent.futures import Executor
from functools import partial

from huibao.discover.fetch import Fetcher, FetchResult
from huibao.discover.steps import is_article, record_of, stitch, with_encoding
from huibao.discover.urls import is_trap, normalize_url
from huibao.errors import ExtractionError
from huibao.extract import extract
from huibao.model import Article
from huibao.project import Project, SourceSpec
from huibao.store import Claim, FetchRecord

log = logging.getLogger(__name__)


def extract_page(
    body: bytes, url: str, headers: dict[str, str], spec: SourceSpec
) -> Article | None:
    """The article on one page, or None when the page cannot be read as one."""
    data: bytes | str = body
    if spec.encoding:
        data = body.decode(spec.encoding, errors="replace")
    try:
        article = extract(data, url=url, headers=headers, rules=spec.rules)
    except ExtractionError as exc:
        log.info("not extracted: %s: %s", url, exc)
        return None
    return with_encoding(article, spec.encoding) if spec.encoding else article


class ArticleReader:
    """Turns a fetched article page into one stitched `Article` (and its page fetches)."""

    def __init__(
        self,
        fetcher: Fetcher,
        project: Project,
        loop: asyncio.AbstractEventLoop,
        cpu: Executor,
    ) -> None:
        self.fetcher = fetcher
        self.project = project
        self.loop = loop
        self.cpu = cpu

    async def _extract(self, result: FetchResult, spec: SourceSpec) -> Article | None:
        job = partial(extract_page, result.body, result.final_url, result.headers, spec)
        return await self.loop.run_in_executor(self.cpu, job)

    async def read(
        self, claim: Claim, result: FetchResult, spec: SourceSpec
    ) -> tuple[Article | None, tuple[tuple[str, FetchRecord], ...]]:
        """(article or None when the page is not one, continuation pages fetched)."""
        first = await self._extract(result, spec)
        if first is None or not is_article(first):
            return None, ()
        if not first.next_pages:
            return first, ()
        seen = {claim.url, normalize_url(result.final_url)}
        todo = deque(first.next_pages)
        pages: list[Article] = []
        urls: list[str] = []
        parts: list[tuple[str, FetchRecord]] = []
        limit = self.project.crawl.max_article_pages - 1
        while todo and len(parts) < limit:
            url = normalize_url(todo.popleft())
            if url in seen or not spec.allows(url) or is_trap(url, self.project.discover):
                continue
            seen.add(url)
            fetched = await self.fetcher.fetch(url, kind="page")
            parts.append((url, record_of(fetched)))
            page = await self._extract(fetched, spec) if fetched.error is None else None
            if page is not None and page.paragraphs:
                pages.append(page)
                urls.append(url)
                todo.extend(page.next_pages)
        return (stitch(first, pages, urls) if pages else first), tuple(parts)

"""Records the store takes and returns (frozen, slotted; aware datetimes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from huibao.model import Article


@dataclass(frozen=True, slots=True)
class Source:
    """A source (one `[[sources]]` entry of the project file) as the store knows it."""

    id: int
    name: str
    home: str
    status: str  # "ok", "error" or "blocked"
    detail: str
    last_crawl_at: datetime | None
    last_run_id: int | None


@dataclass(frozen=True, slots=True)
class NewUrl:
    """A URL to add to the frontier (already normalised by the caller)."""

    url: str
    kind: str = "article"  # feed, sitemap, listing, article, part
    depth: int = 0
    discovered_from: int | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A frontier URL handed to one crawl run to fetch."""

    id: int
    url: str
    source_id: int
    kind: str
    depth: int
    attempts: int
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """What one fetch gave. `body` is the decoded payload, or None when not worth keeping."""

    final_url: str
    status: int | None
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    elapsed_s: float = 0.0
    attempts: int = 1
    not_modified: bool = False
    fetched_at: datetime | None = None  # default: when the store writes it


@dataclass(frozen=True, slots=True)
class Completion:
    """Everything learnt from one frontier URL, written in one transaction.

    `state` is the URL's next state: "done", "failed", or "queued" (retry at
    `next_fetch_at`). `parts` are the continuation pages of a multi-page article, fetched
    and stitched into `article`. `refresh` lists known feeds, sitemaps and listing pages
    found again, queued anew when they are due. `source_status` sets the source's status,
    e.g. ("blocked", "challenge page at ...").
    """

    claim: Claim
    state: str
    fetch: FetchRecord | None = None
    next_fetch_at: datetime | None = None
    discovered: tuple[NewUrl, ...] = ()
    parts: tuple[tuple[str, FetchRecord], ...] = ()
    article: Article | None = None
    source_status: tuple[str, str] | None = None
    refresh: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Saved:
    """What `save_article` did: outcome is "new", "updated", "unchanged" or "alias"."""

    article_id: int
    outcome: str


@dataclass(frozen=True, slots=True)
class Completed:
    """The result of writing one `Completion`."""

    url_id: int
    enqueued: int
    saved: Saved | None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored: its id, indexed columns, and the full extracted record."""

    id: int
    url: str
    source_id: int
    source_name: str
    version: int
    body_hash: str
    first_seen_at: datetime
    updated_at: datetime
    article: Article


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """One stored HTTP response with its raw body, for provenance and WARC export."""

    fetch_id: int
    url: str
    final_url: str
    status: int | None
    headers: Mapping[str, str]
    body: bytes
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class Run:
    """One crawl process's run over the frontier."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    heartbeat_at: datetime  # a running run writes this now and then; stale means dead
    status: str  # running, finished, stopped, failed, aborted
    pid: int
    host: str
    summary: Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class SourceStats:
    """Per-source figures for `huibao status`."""

    name: str
    status: str
    detail: str
    last_crawl_at: datetime | None
    articles: int
    new_articles: int  # first seen in the source's last run
    fetches: int  # in the last run
    errors: int  # failed fetches in the last run
    error_kinds: Mapping[str, int]
    queued: int
    failed: int

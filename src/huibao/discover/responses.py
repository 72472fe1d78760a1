"""What one fetch gives back (`FetchResult`), the error classes, and the small HTTP
helpers the `Fetcher` uses (it alone opens connections)."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx

# The error classes a FetchResult can carry.
ERRORS = frozenset(
    {
        "timeout",
        "too_large",
        "too_many_redirects",
        "bad_redirect",
        "bad_url",
        "connect",
        "reset",
        "robots_disallowed",
        "robots_unavailable",
        "tls",
        "content_type",
        "decoding",
        "http_4xx",
        "http_5xx",
        "rate_limited",
        "blocked",
        "private_address",
    }
)
RETRYABLE = frozenset({"timeout", "reset", "http_5xx", "rate_limited"})
KINDS = ("page", "feed", "sitemap", "robots")
# Media types accepted per kind (empty or missing Content-Type is accepted). Feeds and
# sitemaps: Chinese CMSs serve RSS as text/html and sitemaps as text/plain or octet-stream.
ACCEPTED_TYPES = {
    "page": frozenset({"text/html", "application/xhtml+xml", "text/plain"}),
    "feed": frozenset(
        {
            "application/rss+xml",
            "application/atom+xml",
            "application/xml",
            "text/xml",
            "application/rdf+xml",
            "text/html",
            "text/plain",
            "application/octet-stream",
            "application/x-rss+xml",
        }
    ),
    "sitemap": frozenset(
        {
            "application/xml",
            "text/xml",
            "text/plain",
            "text/html",
            "application/gzip",
            "application/x-gzip",
            "application/octet-stream",
        }
    ),
}
ACCEPT_ENCODING = "gzip, deflate, br"
# What a browser sends; some government CMSs answer 406 or an empty page without them.
DEFAULT_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
    "Accept-Encoding": ACCEPT_ENCODING,
}


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of fetching one URL (after redirects and retries)."""

    url: str
    final_url: str
    status: int | None
    headers: dict[str, str]
    body: bytes
    error: str | None
    elapsed_s: float
    attempts: int
    not_modified: bool = False
    retry_after_s: float | None = None
    decoded_bytes: int = 0  # body bytes decoded (before a too_large stop, how far it got)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class Hop:
    """One request's outcome, before redirects are resolved."""

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None
    attempts: int = 0
    retry_after_s: float | None = None
    location: str | None = None
    decoded_bytes: int = 0


def parse_retry_after(value: str | None, now_epoch: float) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now_epoch)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def media_type(headers: dict[str, str]) -> str:
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def lower_headers(headers: httpx.Headers) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name, value in headers.multi_items():
        key = name.lower()
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


async def raw_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The body as sent (still compressed); a response built in memory, as mock transports
    make, has only its decoded content left."""
    if response.is_stream_consumed:
        yield response.content
        return
    async for chunk in response.aiter_raw():
        yield chunk


def is_tls_failure(exc: BaseException) -> bool:
    """True when a connection failed in the TLS handshake (expired or self-signed
    certificates are common on government sites; `verify_tls=False` accepts them)."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError) or "SSL" in str(seen) or "certificate" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False

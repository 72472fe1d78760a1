"""Polite, capped HTTP fetching: one `Fetcher` per crawl, one `FetchResult` per URL.

Every request obeys robots.txt, per-host spacing and Retry-After bans, refuses private
addresses, follows at most `max_redirects` http(s) redirects, and stops a body at
`max_body_bytes` *after* decompression. Failures are results, not exceptions: `error` holds a
stable class name (see `ERRORS`) that the store records and `huibao status` counts.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import replace
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from huibao.discover import netguard
from huibao.discover.blocked import looks_blocked
from huibao.discover.decode import CappedDecoder, DecodingError, TooLarge
from huibao.discover.politeness import Clock, HostGate, Sleep
from huibao.discover.responses import (
    ACCEPTED_TYPES,
    DEFAULT_HEADERS,
    ERRORS,
    KINDS,
    RETRYABLE,
    FetchResult,
    Hop,
    is_tls_failure,
    lower_headers,
    media_type,
    parse_retry_after,
    raw_chunks,
)
from huibao.discover.robots import RobotsRules, rules_from_fetch
from huibao.discover.settings import FetchSettings
from huibao.discover.urls import normalize_url, origin_of, url_problem

__all__ = ["ERRORS", "RETRYABLE", "FetchResult", "Fetcher"]


class Fetcher:
    """Async HTTP client for a crawl. Use as `async with Fetcher(settings) as f:`.

    `clock`/`sleep` (monotonic seconds, async sleep), `rng` (retry jitter) and `resolver`
    (host -> addresses, for the private-address guard) are injectable for tests."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        rng: random.Random | None = None,
        resolver: netguard.Resolver = netguard.resolve,
    ) -> None:
        self.settings = s = settings or FetchSettings()
        self.clock, self.sleep, self.resolver = clock, sleep, resolver
        self.rng = rng or random.Random()
        self.gate = HostGate(s.host_concurrency, s.host_delay_s, clock, sleep)
        self.total = asyncio.Semaphore(max(1, s.total_concurrency))
        self.allowed = netguard.parse_networks(s.allowed_networks)
        self.robots: dict[str, tuple[RobotsRules, float]] = {}
        self.robots_locks: dict[str, asyncio.Lock] = {}
        self.addresses: dict[str, bool] = {}
        self.requests = 0  # HTTP requests sent (robots.txt included)
        self.client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": s.user_agent, **DEFAULT_HEADERS},
            timeout=httpx.Timeout(s.read_timeout_s, connect=s.connect_timeout_s),
            verify=s.verify_tls,
            proxy=s.proxy or None,
            limits=httpx.Limits(max_connections=max(1, s.total_concurrency)),
            trust_env=False,
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.client.aclose()

    def set_host_delay(self, url: str, delay_s: float) -> None:
        """Space requests to the origin of `url` by `delay_s` instead of `host_delay_s` (a
        source's own rate). A robots.txt Crawl-delay read later still raises it."""
        self.gate.set_delay(origin_of(url), delay_s, at_least_default=False)

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        kind: str = "page",
    ) -> FetchResult:
        """Fetch `url` politely; never raises for network or content trouble."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        started = self.clock()
        requested = current = normalize_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if url_problem(current):
            return self._result(requested, current, Hop(error="bad_url"), 0, started)
        attempts, seen = 0, {current}
        for _ in range(self.settings.max_redirects + 1):
            outcome = await self._hop(current, headers, kind)
            attempts += outcome.attempts
            if outcome.location is None:
                return self._result(requested, current, outcome, attempts, started)
            current, stop = self._redirect_target(current, outcome, seen)
            if stop is not None:
                return self._result(requested, current, stop, attempts, started)
        outcome = replace(outcome, error="too_many_redirects", location=None)
        return self._result(requested, current, outcome, attempts, started)

    def _redirect_target(self, current: str, hop: Hop, seen: set[str]) -> tuple[str, Hop | None]:
        try:
            target = urljoin(current, (hop.location or "").strip())
        except ValueError:
            target = ""
        if url_problem(target):
            return current, replace(hop, error="bad_redirect", location=None, attempts=0)
        target = normalize_url(target)
        if target in seen:  # a loop can only end one way
            return current, replace(hop, error="too_many_redirects", location=None, attempts=0)
        seen.add(target)
        return target, None

    def _result(
        self, requested: str, final: str, hop: Hop, attempts: int, started: float
    ) -> FetchResult:
        return FetchResult(
            url=requested,
            final_url=final,
            status=hop.status,
            headers=hop.headers,
            body=hop.body,
            error=hop.error,
            elapsed_s=self.clock() - started,
            attempts=attempts,
            not_modified=hop.status == 304 and hop.error is None,
            retry_after_s=hop.retry_after_s,
            decoded_bytes=hop.decoded_bytes,
        )

    async def _hop(self, url: str, headers: dict[str, str], kind: str) -> Hop:
        """One URL (no redirect following): robots, address guard, retries."""
        if not await self._address_ok(url):
            return Hop(error="private_address")
        if kind != "robots" and self.settings.obey_robots:
            verdict = await self._robots_verdict(url)
            if verdict is not None:
                return Hop(error=verdict)
        origin = origin_of(url)
        s = self.settings
        outcome = Hop()
        for attempt in range(s.max_retries + 1):
            banned = self.gate.banned_for(origin)
            if banned > s.max_retry_after_s:
                return replace(
                    outcome, error="rate_limited", retry_after_s=banned, attempts=attempt
                )
            async with self.gate.turn(origin), self.total:
                outcome = await self._exchange(url, headers, kind)
            outcome.attempts = attempt + 1
            if outcome.error not in RETRYABLE:
                return outcome
            if outcome.retry_after_s is not None:
                self.gate.ban(origin, outcome.retry_after_s)
                if outcome.retry_after_s > s.max_retry_after_s:
                    return outcome
            elif attempt < s.max_retries:
                await self.sleep(self._backoff(attempt))
        return outcome

    def _backoff(self, attempt: int) -> float:
        base = min(self.settings.backoff_max_s, self.settings.backoff_base_s * 2.0**attempt)
        return base * (0.5 + self.rng.random())  # "equal jitter" around the doubling

    async def _exchange(self, url: str, headers: dict[str, str], kind: str) -> Hop:
        """Send one GET and read its body under the deadline and the size cap."""
        self.requests += 1
        try:
            async with asyncio.timeout(self.settings.deadline_s):
                return await self._send(url, headers, kind)
        except TimeoutError:
            return Hop(error="timeout")
        except (httpx.ConnectTimeout, httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout):
            return Hop(error="timeout")
        except httpx.ConnectError as exc:
            return Hop(error="tls" if is_tls_failure(exc) else "connect")
        except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError, httpx.CloseError):
            return Hop(error="reset")
        except httpx.TransportError:
            return Hop(error="connect")

    async def _send(self, url: str, headers: dict[str, str], kind: str) -> Hop:
        request = self.client.build_request("GET", url, headers=headers)
        response = await self.client.send(request, stream=True)
        try:
            hop = Hop(status=response.status_code, headers=lower_headers(response.headers))
            if response.is_redirect and "location" in hop.headers:
                hop.location = hop.headers["location"]
                return hop
            hop.retry_after_s = parse_retry_after(hop.headers.get("retry-after"), time.time())
            if response.is_success and not self._type_ok(hop.headers, kind):
                hop.error = "content_type"
                return hop
            await self._read_body(response, hop)
        finally:
            await response.aclose()
        if hop.error is None:
            hop.error = self._status_error(hop, kind)
        return hop

    def _type_ok(self, headers: dict[str, str], kind: str) -> bool:
        mtype = media_type(headers)
        return kind == "robots" or not mtype or mtype in ACCEPTED_TYPES[kind]

    async def _read_body(self, response: httpx.Response, hop: Hop) -> None:
        """Read and decode the body into `hop`, stopping at the cap (error too_large)."""
        cap = self.settings.max_body_bytes
        encoding = hop.headers.get("content-encoding", "")
        length = hop.headers.get("content-length", "")
        if not encoding and length.isdigit() and int(length) > cap:
            hop.error = "too_large"
            return
        if response.is_stream_consumed:  # built in memory (httpx.MockTransport): decoded
            encoding = ""
        try:
            decoder = CappedDecoder(encoding, cap)
        except DecodingError:  # an encoding we do not know
            hop.error = "decoding"
            return
        try:
            async for raw in raw_chunks(response):
                decoder.feed(raw)
        except TooLarge:
            hop.error = "too_large"
        except DecodingError:
            hop.error = "decoding"
        else:
            hop.body = decoder.result()
        hop.decoded_bytes = decoder.decoded

    def _status_error(self, hop: Hop, kind: str) -> str | None:
        status = hop.status or 0
        blocking = kind != "robots" and self.settings.detect_blocking
        if blocking and looks_blocked(status, hop.headers, hop.body):
            return "blocked"
        if status == 429:
            return "rate_limited"
        if status >= 500:
            return "http_5xx"
        if status >= 400:
            return "http_4xx"
        if status == 304:
            return None
        if status >= 300:  # a redirect without Location
            return "bad_redirect"
        return None

    async def _address_ok(self, url: str) -> bool:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if host not in self.addresses:
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
                self.addresses[host] = await netguard.host_allowed(
                    host, port, self.allowed, self.resolver
                )
            except (OSError, ValueError):
                return True  # does not resolve: let the request fail as "connect"
        return self.addresses[host]

    async def _robots_verdict(self, url: str) -> str | None:
        """None when robots.txt allows `url`, else the error class."""
        rules = await self.robots_rules(origin_of(url))
        if rules.state == "unreachable":  # a host that takes no connection is just down
            return rules.cause if rules.cause in {"connect", "tls"} else "robots_unavailable"
        return None if rules.allows(url) else "robots_disallowed"

    async def robots_rules(self, origin: str) -> RobotsRules:
        """The robots.txt rules of `origin` (scheme://host[:port]), fetched once per TTL."""
        lock = self.robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            cached = self.robots.get(origin)
            if cached is not None and cached[1] > self.clock():
                return cached[0]
            result = await self.fetch(origin + "/robots.txt", kind="robots")
            rules = rules_from_fetch(result.status, result.error, result.body)
            ttl = self.settings.robots_ttl_s
            if rules.state == "unreachable":
                ttl = min(ttl, self.settings.robots_retry_s)
            self.robots[origin] = (rules, self.clock() + ttl)
            if (delay := rules.crawl_delay()) is not None:
                self.gate.set_delay(origin, min(delay, self.settings.max_crawl_delay_s))
            return rules

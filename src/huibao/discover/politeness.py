"""Per-host politeness: concurrency, spacing between requests, and Retry-After bans.

Time is read through an injected clock and slept through an injected sleep, so tests can
check "no request to that host for 120 s" without waiting 120 s.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(slots=True)
class _Host:
    sem: asyncio.Semaphore
    next_at: float = 0.0  # earliest start of the next request
    not_before: float = 0.0  # Retry-After ban: no request until then
    delay_s: float = 0.0


class HostGate:
    """Hands out turns to request a host, at most `concurrency` at once, started at least
    `delay_s` apart, never before a Retry-After ban ends."""

    def __init__(self, concurrency: int, delay_s: float, clock: Clock, sleep: Sleep) -> None:
        self.concurrency = max(1, concurrency)
        self.delay_s = delay_s
        self.clock = clock
        self.sleep = sleep
        self.hosts: dict[str, _Host] = {}

    def _host(self, key: str) -> _Host:
        if key not in self.hosts:
            self.hosts[key] = _Host(asyncio.Semaphore(self.concurrency), delay_s=self.delay_s)
        return self.hosts[key]

    def set_delay(self, key: str, delay_s: float, *, at_least_default: bool = True) -> None:
        """Space requests to `key` by `delay_s`: robots.txt Crawl-delay (never lowering the
        host's current spacing), or a source's own rate (`at_least_default=False`)."""
        host = self._host(key)
        host.delay_s = max(host.delay_s, delay_s) if at_least_default else max(0.0, delay_s)

    def ban(self, key: str, seconds: float) -> None:
        """No request to `key` for `seconds` from now (Retry-After)."""
        host = self._host(key)
        host.not_before = max(host.not_before, self.clock() + seconds)

    def banned_for(self, key: str) -> float:
        """Seconds left of a Retry-After ban on `key` (0 when none)."""
        return max(0.0, self._host(key).not_before - self.clock())

    @asynccontextmanager
    async def turn(self, key: str) -> AsyncIterator[None]:
        """Wait for `key`'s next start slot. The slot is reserved before sleeping, so with
        `concurrency` > 1 the waiters still start `delay_s` apart; a ban set meanwhile is
        waited out too."""
        host = self._host(key)
        async with host.sem:
            start = max(host.next_at, self.clock())
            host.next_at = start + host.delay_s
            while (wait := max(start, host.not_before) - self.clock()) > 0:
                await self.sleep(wait)
            yield

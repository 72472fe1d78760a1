"""Fixtures for discovery tests: the sample news network and fetch settings for loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from huibao.discover import FetchSettings
from huibao.samplenet import Network, serve


@pytest.fixture(scope="session")
def sample_net() -> Iterator[Network]:
    """The whole sample news network, started once per test session."""
    with serve() as net:
        yield net


@pytest.fixture
def fetch_settings() -> FetchSettings:
    """Loopback allowed, politeness off, fast retries: for tests of one behaviour at a time."""
    return FetchSettings(
        allowed_networks=("127.0.0.0/8",),
        host_delay_s=0.0,
        backoff_base_s=0.01,
        deadline_s=10.0,
    )


class FakeClock:
    """Monotonic time that only moves when the fetcher sleeps (or a test advances it)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()

"""Shared test helpers: where fixtures and the shared benchmark data live."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mail import smtp_server

__all__ = ["seed_page", "seed_text", "shared_path", "smtp_server"]

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = (ROOT / ".." / "shared").resolve()


@pytest.fixture
def seed_page() -> bytes:
    """The seed page rebuilt as a GBK 2011 CMS page (see fixtures/pages/README.md)."""
    return (FIXTURES / "pages" / "seed-liunan-gbk.html").read_bytes()


@pytest.fixture
def seed_text() -> str:
    return (FIXTURES / "pages" / "seed-page.txt").read_text("utf-8")


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when the checkout has none beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path

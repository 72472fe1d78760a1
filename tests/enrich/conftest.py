"""Fixtures for the enrichment tests: the seed article, built from the seed page's text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from huibao.enrich import Enrichment, enrich
from huibao.model import Article

FIXTURES = Path(__file__).parent.parent / "fixtures" / "enrich"
SEED_TITLE = "柳南警方三大举措打造亲民公安新形象"


def seed_paragraphs() -> list[str]:
    """The ten article paragraphs of the seed page (indented lines of more than 30 characters)."""
    lines = (FIXTURES / "seed-page.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.startswith("  ") and len(line.strip()) > 30]


@pytest.fixture(scope="session")
def seed_article() -> Article:
    paragraphs = seed_paragraphs()
    return Article(
        title=SEED_TITLE,
        published=datetime(2011, 8, 21, tzinfo=ZoneInfo("Asia/Shanghai")),
        body="\n\n".join(paragraphs),
        paragraphs=paragraphs,
    )


@pytest.fixture(scope="session")
def seed_enrichment(seed_article: Article) -> Enrichment:
    return enrich(seed_article)


def _article(body: str, published: str = "2023-08-15") -> Article:
    when = datetime.fromisoformat(published).replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    return Article(title="", published=when, body=body, paragraphs=body.split("\n"))


@pytest.fixture(scope="session")
def make_article() -> Callable[..., Article]:
    """Build a one-off article: make_article(body, published="2023-08-15")."""
    return _article

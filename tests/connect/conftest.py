"""Fixtures for the connect stage: the sample network's articles, extracted and stitched."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from huibao.discover.steps import stitch
from huibao.extract import extract
from huibao.model import Article
from huibao.samplenet import ExpectedArticle, serve
from huibao.store import Store


@dataclass(frozen=True)
class Labelled:
    """One sample-network article: what the network says about it, and what we extracted."""

    expected: ExpectedArticle
    outlet: str
    article: Article


def _fetch(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as response:  # 127.0.0.1 only
        return response.read(), dict(response.headers.items())


def read_article(expected: ExpectedArticle) -> Article:
    pages = []
    for url in expected.pages or (expected.url,):
        data, headers = _fetch(url)
        pages.append(extract(data, url=url, headers=headers))
    return stitch(pages[0], pages[1:], expected.pages[1:]) if len(pages) > 1 else pages[0]


@pytest.fixture(scope="session")
def sample_articles() -> Iterator[list[Labelled]]:
    """Every reachable article of the sample network (reprints share `expected.story`)."""
    with serve() as net:
        yield [
            Labelled(a, name, read_article(a))
            for name, outlet in net.outlets.items()
            for a in outlet.articles
            if a.reachable
        ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "huibao.db") as opened:
        yield opened


LIANBO = Path(__file__).parent.parent / "fixtures" / "connect"


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: list[str]

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


def lianbo(day: str) -> list[Story]:
    """The stories of one 新闻联播 transcript (title, paragraphs)."""
    text = (LIANBO / f"{day}.md").read_text(encoding="utf-8")
    stories = []
    for chunk in text.split("\n### ")[1:]:
        title, _, rest = chunk.partition("\n")
        paragraphs = [p.strip() for p in re.split(r"</?p>|<[^>]+>|\n", rest) if p.strip()]
        if paragraphs:
            stories.append(Story(title.strip(), paragraphs))
    return stories


@pytest.fixture(scope="session")
def stories() -> list[Story]:
    """29 real news stories from two consecutive days."""
    return lianbo("20220924") + lianbo("20220925")

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from huibao.model import Article
from huibao.store import Store, StoreSettings

CST = timezone(timedelta(hours=8))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "huibao.db", StoreSettings(page_rows=3)) as opened:
        yield opened


def _make_article(n: int, body: str | None = None, url: str | None = None) -> Article:
    return Article(
        url=url or f"https://news.example.cn/2011/0821/{n}.html",
        title=f"柳南区通报第{n}号警情",
        published=datetime(2011, 8, 21, 9, n % 60, tzinfo=CST),
        source="柳州日报",
        body=body if body is not None else f"第{n}段正文。全区共接警{n}起。",
        paragraphs=[body if body is not None else f"第{n}段正文。全区共接警{n}起。"],
    )


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Article factory: `make_article(n, body=None, url=None)`."""
    return _make_article

from __future__ import annotations

from pathlib import Path

import pytest

from huibao.errors import ConfigError
from huibao.extract import Rules
from huibao.project import example_text, load_project, parse_project, write_example

GOOD = """\
[store]
url = "data/news.db"

[fetch]
host_delay_s = 0.5
allowed_networks = ["127.0.0.0/8"]

[[sources]]
name = "甲"
home = "https://a.example.cn/"
feeds = ["https://a.example.cn/rss.xml"]
interval = "15m"
rate = 2

[[sources.listings]]
url = "https://a.example.cn/list/index.html"
pattern = '/\\d+\\.html$'

[sources.rules]
title = "h1"
drop = [".share", "//div[@id='ad']"]

[[sources]]
name = "乙"
home = "https://b.example.cn/"
encoding = "GBK"
"""


def test_a_good_file_loads_into_records(tmp_path: Path) -> None:
    (tmp_path / "huibao.toml").write_text(GOOD, encoding="utf-8")
    project = load_project(tmp_path / "huibao.toml")
    a, b = project.sources
    assert a.interval_s == 900 and a.rate == 2.0
    assert a.listings[0].pattern == r"/\d+\.html$"
    assert a.rules == Rules(title="h1", drop=(".share", "//div[@id='ad']"))
    assert a.hosts == {"a.example.cn"}
    assert b.encoding == "gbk" and b.interval_s is None
    assert [item.url for item in b.listings] == ["https://b.example.cn/"]  # home as listing
    assert project.fetch.host_delay_s == 0.5
    assert project.fetch.allowed_networks == ("127.0.0.0/8",)
    assert project.store_url == f"sqlite:///{tmp_path / 'data' / 'news.db'}"
    assert project.path == tmp_path / "huibao.toml"


def test_the_example_parses_and_has_every_kind_of_entry() -> None:
    project = parse_project(example_text())
    first = project.sources[0]
    assert first.feeds and first.sitemaps and first.listings and first.rules
    assert project.store_url.endswith("/huibao.db")


def _error(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        parse_project(text)
    return str(info.value)


@pytest.mark.parametrize(
    ("change", "line", "field", "words"),
    [
        (("rate = 2", "rate = -1"), 13, "sources[1].rate", "above 0"),
        (('encoding = "GBK"', 'encodng = "GBK"'), 26, "sources[2].encodng", "unknown field"),
        (('encoding = "GBK"', 'encoding = "nope-42"'), 26, "sources[2].encoding", "unknown"),
        (('interval = "15m"', 'interval = "soon"'), 12, "sources[1].interval", "duration"),
        ((r"'/\d+\.html$'", "'(['"), 17, "sources[1].listings[1].pattern", "regular"),
        (('title = "h1"', 'heading = "h1"'), 20, "sources[1].rules.heading", "unknown rule"),
        (("host_delay_s = 0.5", 'host_delay_s = "fast"'), 5, "fetch.host_delay_s", "number"),
        (("host_delay_s = 0.5", "hostdelay = 1"), 5, "fetch.hostdelay", "unknown setting"),
        (('name = "乙"', 'name = "甲"'), 24, "sources[2].name", "duplicate"),
        (('home = "https://b.example.cn/"', 'home = "ftp://b.cn/"'), 25, "sources[2].home", "http"),
        (("[store]", "[stores]"), 1, "stores", "unknown section"),
    ],
)
def test_errors_name_the_line_and_the_field(
    change: tuple[str, str], line: int, field: str, words: str
) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    message = _error(text)
    assert f"line {line}, {field}:" in message
    assert words in message


def test_syntax_errors_give_tomllibs_position() -> None:
    message = _error(GOOD.replace("rate = 2", "rate = "))
    assert "not valid TOML" in message and "line 13" in message


def test_a_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="huibao init"):
        load_project(tmp_path / "none.toml")


def test_write_example_refuses_to_overwrite(tmp_path: Path) -> None:
    written = write_example(tmp_path)
    assert written == tmp_path / "huibao.toml"
    assert load_project(written).sources
    with pytest.raises(ConfigError, match="already exists"):
        write_example(written)
    write_example(written, overwrite=True)


def test_report_schedules_may_share_the_project_file() -> None:
    from huibao.project import parse_project

    text = (
        '[[sources]]\nname = "a"\nhome = "http://a.example/"\n\n'
        '[[reports]]\nname = "daily"\nkind = "daily"\nformats = ["html"]\n'
    )
    assert [s.name for s in parse_project(text).sources] == ["a"]

"""`huibao init|crawl|status|export|import` through the click runner."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from huibao.cli import main
from huibao.samplenet import Network, serve
from huibao.store import Store

PROJECT = """\
[fetch]
host_delay_s = 0.0
allowed_networks = ["127.0.0.0/8"]

[[sources]]
name = "新闻网"
home = "{xinwen}/"
feeds = ["{xinwen}/rss.xml"]

[[sources]]
name = "县融媒"
home = "{county}/"
sitemaps = ["{county}/sitemap.xml"]
encoding = "gbk"
"""


@pytest.fixture(scope="module")
def net() -> Iterator[Network]:
    with serve() as running:
        yield running


@pytest.fixture(scope="module")
def crawled(net: Network, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    project = folder / "huibao.toml"
    bases = {name: net.outlets[name].base_url for name in ("xinwen", "county")}
    project.write_text(PROJECT.format(**bases), encoding="utf-8")
    result = CliRunner().invoke(main, ["crawl", "-p", str(project), "--log-json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert lines[-1]["event"] == "summary" and lines[-1]["new_articles"] > 0
    return project


def test_init_writes_a_project_that_loads(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(tmp_path / "p.toml")])
    assert result.exit_code == 0 and (tmp_path / "p.toml").is_file()
    again = runner.invoke(main, ["init", str(tmp_path / "p.toml")])
    assert again.exit_code != 0 and "already exists" in again.output
    status = runner.invoke(main, ["status", "-p", str(tmp_path / "p.toml")])
    assert status.exit_code == 0, status.output  # an empty store is fine


def test_status_reports_each_source(crawled: Path) -> None:
    result = CliRunner().invoke(main, ["status", "-p", str(crawled), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["source"]: r for r in json.loads(result.output)}
    assert set(rows) == {"新闻网", "县融媒"}
    assert rows["县融媒"]["articles"] == 1 and rows["县融媒"]["new_articles"] == 1
    assert rows["新闻网"]["last_crawl"] and rows["新闻网"]["errors"] == 0
    table = CliRunner().invoke(main, ["status", "-p", str(crawled)])
    assert "新闻网" in table.output


def test_export_then_import_warc_round_trip(crawled: Path, tmp_path: Path) -> None:
    warc = tmp_path / "out.warc.gz"
    result = CliRunner().invoke(main, ["export", "warc", str(warc), "-p", str(crawled)])
    assert result.exit_code == 0, result.output
    with warc.open("rb") as stream:
        records = [r for r in ArchiveIterator(stream) if r.rec_type == "response"]
        assert records
        first = records[0]
        assert first.rec_headers.get_header("WARC-Date").endswith("Z")
        assert first.http_headers.get_statuscode() == "200"
    with Store.open(str(crawled.parent / "huibao.db")) as original:
        count = original.count_articles()
    fresh = tmp_path / "fresh.db"
    args = ["import", "warc", str(warc), "--store", str(fresh), "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["new"] == count
    with Store.open(fresh) as store:
        assert store.count_articles() == count


def test_import_dir_takes_urls_from_sidecars_and_mirror_paths(net: Network, tmp_path: Path) -> None:
    import httpx

    pages = [a.url for a in net.outlets["xinwen"].articles[:3]]
    mirror = tmp_path / "mirror"
    for i, url in enumerate(pages):
        body = httpx.get(url).content
        if i == 0:
            (mirror / "loose").mkdir(parents=True, exist_ok=True)
            (mirror / "loose" / "a.html").write_bytes(body)
            (mirror / "loose" / "a.html.url").write_text(url)
        else:
            path = mirror / "news.example.cn" / f"{i}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
    db = tmp_path / "dir.db"
    result = CliRunner().invoke(main, ["import", "dir", str(mirror), "--store", str(db)])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        urls = {s.url for s in store.articles()}
    assert pages[0] in urls
    assert {"http://news.example.cn/1.html", "http://news.example.cn/2.html"} <= urls


def test_errors_are_clean_messages(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["crawl", "-p", str(tmp_path / "none.toml")])
    assert missing.exit_code != 0 and "huibao init" in missing.output
    assert "Traceback" not in missing.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[[sources]]\nname = "x"\nhome = "https://x.cn/"\nrate = 0\n')
    broken = runner.invoke(main, ["crawl", "-p", str(bad)])
    assert broken.exit_code != 0 and "line 4, sources[1].rate" in broken.output
    unknown = tmp_path / "ok.toml"
    unknown.write_text('[[sources]]\nname = "x"\nhome = "https://x.cn/"\n')
    result = runner.invoke(main, ["crawl", "-p", str(unknown), "--source", "y"])
    assert result.exit_code != 0 and "no source named 'y'" in result.output
    env = {"HUIBAO_PROJECT": str(unknown)}
    assert runner.invoke(main, ["status"], env=env).exit_code == 0


def test_crawl_runs_the_stages_after_the_store(crawled: Path) -> None:
    from huibao.project import load_project
    from huibao.store import Store
    from huibao.store.stories import story_of

    project = load_project(crawled)
    with Store.open(project.store_url) as store:
        stored = list(store.articles())
        assert stored
        for item in stored:
            assert store.get_enrichment(item.id) is not None, item.article.url
            assert story_of(store, item.id) is not None


def test_crawl_runs_the_later_stages_with_the_project_file(net: Network, tmp_path: Path) -> None:
    """The pass's after-store step sees the project: its [[monitor.alerts]] rule is stored."""
    project = tmp_path / "huibao.toml"
    project.write_text(
        PROJECT.format(xinwen=net.outlets["xinwen"].base_url, county=net.outlets["county"].base_url)
        + '\n[[monitor.alerts]]\nplan = "公安"\nemails = ["desk@example.cn"]\ndigest = "1d"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    added = runner.invoke(main, ["plan", "add", "公安", "--subject", "公安", "-p", str(project)])
    assert added.exit_code == 0, added.output
    crawl = runner.invoke(main, ["crawl", "-p", str(project), "--quiet"])
    assert crawl.exit_code == 0, crawl.output
    shown = runner.invoke(
        main, ["plan", "alert", "show", "公安", "-p", str(project), "--format", "json"]
    )
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["emails"] == ["desk@example.cn"]
    tested = runner.invoke(main, ["plan", "test", "公安", "-p", str(project), "--format", "json"])
    assert tested.exit_code == 0 and json.loads(tested.output), tested.output

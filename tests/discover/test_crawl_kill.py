"""kill -9 at random moments during a crawl, then the same command again: nothing lost,
nothing stored twice, and SQLite's own integrity check passes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

import huibao
from huibao.samplenet import serve_generated
from huibao.store import Store

PAGES = 5000  # the issue asks for at least 20 kills in a 5,000-URL crawl
KILLS = 20
PROJECT = """\
[store]
url = "crawl.db"

[fetch]
host_delay_s = 0.0
host_concurrency = 8
allowed_networks = ["127.0.0.0/8"]

[discover]
max_listing_depth = 500  # the generated site's listing runs past the default 50 pages

[crawl]
workers = 8

[[sources]]
name = "generated"
home = "{base}/"
listings = ["{base}/list/index.html"]
"""


def _crawl(project: Path, stderr: int = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    src = str(Path(huibao.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    # `huibao crawl` itself, without importing every other stage's commands
    code = "from huibao.discover.commands import crawl_command as c; c(prog_name='huibao crawl')"
    return subprocess.Popen(
        [sys.executable, "-c", code, "-p", str(project), "--quiet", "--store-only"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


def _count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def _runs(db: Path) -> int:
    return _count(db, "runs")


def _kill_during_crawl(project: Path, db: Path, rng: random.Random) -> bool:
    """Start a crawl and kill -9 it once it has written a random number (10-100) of fetches,
    so every kill lands mid-crawl whatever the machine's speed. False when it finished
    first."""
    target = _count(db, "fetches") + rng.randint(10, 100)
    proc = _crawl(project)
    deadline = time.monotonic() + 60
    while _count(db, "fetches") < target and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0.0, 0.05))
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(20110821)
    with serve_generated(PAGES) as net:
        outlet = net.outlets["generated"]
        project = tmp_path / "huibao.toml"
        project.write_text(PROJECT.format(base=outlet.base_url), encoding="utf-8")
        db = tmp_path / "crawl.db"
        kills = sum(_kill_during_crawl(project, db, rng) for _ in range(KILLS))
        assert kills == KILLS
        final = _crawl(project, subprocess.PIPE)
        _, err = final.communicate(timeout=300)
        assert final.returncode == 0, err.decode()
        expected = {a.url for a in outlet.articles}

    with Store.open(db) as store:
        assert store.integrity_check() == []
        assert store.url_counts().keys() == {"done"}
        assert sum(r.status == "aborted" for r in store.runs()) >= kills - 1
        with store.reading() as conn:
            rows = conn.exec_driver_sql(
                "SELECT url FROM articles UNION ALL SELECT url FROM article_aliases"
            ).all()
            hashes = conn.exec_driver_sql("SELECT body_hash FROM articles").scalars().all()
            frontier = conn.exec_driver_sql("SELECT url FROM urls WHERE kind = 'article'")
            article_urls = [r[0] for r in frontier]
        stored = [r[0] for r in rows]
        assert len(stored) == len(set(stored))  # every URL stored once
        assert set(stored) == expected  # and none lost
        assert len(hashes) == len(set(hashes))  # every text stored once
        assert sorted(article_urls) == sorted(expected)


def test_sigterm_stops_cleanly(tmp_path: Path) -> None:
    with serve_generated(PAGES) as net:
        project = tmp_path / "huibao.toml"
        project.write_text(PROJECT.format(base=net.outlets["generated"].base_url), "utf-8")
        db = tmp_path / "crawl.db"
        proc = _crawl(project)
        while _runs(db) == 0 and proc.poll() is None:
            time.sleep(0.02)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 130
    with Store.open(db) as store:
        assert [r.status for r in store.runs()] == ["stopped"]
        assert "fetching" not in store.url_counts()
        assert store.integrity_check() == []

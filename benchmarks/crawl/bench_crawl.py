"""Crawl benchmark: huibao (fetch + store; fetch + extract + store) against Scrapy.

    .venv/bin/pip install -e '.[bench]'        # Scrapy is in the bench extra
    .venv/bin/python benchmarks/crawl/bench_crawl.py --pages 5000

A generated site of N article pages (`python -m huibao.samplenet --generated N`: listing
pages of 50 links each, then the articles) runs in its own process on 127.0.0.1. Each
contender then crawls it from the first listing page in a fresh process, politeness off,
robots.txt obeyed, and reports pages/s (responses over the crawl's wall time, start-up
excluded) and its own peak RSS. Scrapy's spider is the minimal one a user would write: follow
pagination and article links, yield one small item per article, store nothing.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

ARTICLE = re.compile(r"/\d{4}/\d{4}/\d+\.html$")
WORKERS = 8  # concurrent requests, the same for every contender


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_huibao(base: str, extract: bool) -> dict[str, Any]:
    from huibao.discover.crawl import crawl_once
    from huibao.discover.crawl_settings import CrawlSettings
    from huibao.discover.settings import DiscoverSettings, FetchSettings
    from huibao.project import Listing, Project, SourceSpec
    from huibao.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        spec = SourceSpec("bench", base + "/", listings=(Listing(base + "/list/index.html"),))
        project = Project(
            sources=(spec,),
            store_url=str(db),
            fetch=FetchSettings(
                host_delay_s=0.0,
                host_concurrency=WORKERS,
                allowed_networks=("127.0.0.0/8",),
            ),
            discover=DiscoverSettings(  # one listing chain of N/50 pages, one URL template
                max_listing_depth=100_000, max_urls_per_template=10_000_000
            ),
            crawl=CrawlSettings(extract=extract, workers=WORKERS),
        )
        with Store.open(db) as store:
            started = time.perf_counter()
            summary = crawl_once(project, store)
            elapsed = time.perf_counter() - started
            articles = store.count_articles()
        size = db.stat().st_size
    return {
        "pages": summary.fetched,
        "seconds": elapsed,
        "articles": articles,
        "db_mb": size / 1e6,
        "peak_rss_mb": _peak_rss_mb(),
    }


def run_scrapy(base: str) -> dict[str, Any]:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class Minimal(scrapy.Spider):  # type: ignore[misc]
        name = "minimal"
        start_urls: ClassVar[list[str]] = [base + "/list/index.html"]

        def parse(self, response: Any) -> Any:
            for href in response.css("a::attr(href)").getall():
                url = response.urljoin(href)
                if ARTICLE.search(url):
                    yield scrapy.Request(url, callback=self.article)
                elif "/list/index_" in url:
                    yield scrapy.Request(url, callback=self.parse)

        def article(self, response: Any) -> Any:
            yield {"url": response.url, "bytes": len(response.body)}

    process = CrawlerProcess(
        settings={
            "LOG_LEVEL": "ERROR",
            "ROBOTSTXT_OBEY": True,
            "CONCURRENT_REQUESTS": WORKERS,
            "CONCURRENT_REQUESTS_PER_DOMAIN": WORKERS,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "TELNETCONSOLE_ENABLED": False,
            "COOKIES_ENABLED": False,
            "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        }
    )
    crawler = process.create_crawler(Minimal)
    process.crawl(crawler)
    started = time.perf_counter()
    process.start()
    elapsed = time.perf_counter() - started
    stats = crawler.stats.get_stats()
    return {
        "pages": int(stats.get("response_received_count", 0)),
        "seconds": elapsed,
        "items": int(stats.get("item_scraped_count", 0)),
        "peak_rss_mb": _peak_rss_mb(),
    }


def _serve(pages: int) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "huibao.samplenet", "--generated", str(pages)],
        stdout=subprocess.PIPE,
        text=True,
    )
    base = ""
    assert server.stdout is not None
    for line in server.stdout:
        if not base and (match := re.search(r"http://127\.0\.0\.1:\d+", line)):
            base = match.group(0)
        if "serving" in line:
            return server, base
    raise RuntimeError("the sample site did not start")


def _contender(name: str, base: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--run", name, "--base", base],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    result["pages_per_s"] = result["pages"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=1, help="repeat and keep the best")
    parser.add_argument("--run", choices=["huibao-store", "huibao-full", "scrapy"])
    parser.add_argument("--base")
    args = parser.parse_args()
    if args.run:  # inside a contender's own process
        if args.run == "scrapy":
            result = run_scrapy(args.base)
        else:
            result = run_huibao(args.base, extract=args.run == "huibao-full")
        print(json.dumps(result))
        return
    server, base = _serve(args.pages)
    try:
        results: dict[str, dict[str, Any]] = {}
        for _ in range(args.rounds):
            for name in ("huibao-store", "huibao-full", "scrapy"):
                result = _contender(name, base)
                if name not in results or result["pages_per_s"] > results[name]["pages_per_s"]:
                    results[name] = result
    finally:
        server.kill()
    print(f"{args.pages}-page site, {platform.python_version()}, {platform.machine()}")
    for name, r in results.items():
        print(
            f"{name:13} {r['pages']:6d} pages {r['seconds']:7.1f} s "
            f"{r['pages_per_s']:7.0f} pages/s  peak RSS {r['peak_rss_mb']:5.0f} MB"
        )
    scrapy_rate = results["scrapy"]["pages_per_s"]
    print(
        f"huibao fetch+store / Scrapy: {results['huibao-store']['pages_per_s'] / scrapy_rate:.2f}"
    )


if __name__ == "__main__":
    main()

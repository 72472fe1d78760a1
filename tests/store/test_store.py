from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from huibao.model import Article
from huibao.store import Completion, FetchRecord, NewUrl, Store

MakeArticle = Callable[..., Article]


def _page(body: bytes, **headers: str) -> FetchRecord:
    return FetchRecord(final_url="https://x.cn/", status=200, headers=headers, body=body)


def test_enqueue_skips_known_urls_and_respects_the_cap(store: Store) -> None:
    sid = store.add_source("柳州", "https://lz.cn/")
    assert store.enqueue(sid, ["https://lz.cn/1", "https://lz.cn/2", "https://lz.cn/1"]) == 2
    assert store.enqueue(sid, ["https://lz.cn/2", "https://lz.cn/3"]) == 1
    assert store.enqueue(sid, [f"https://lz.cn/x{i}" for i in range(10)], limit=2) == 2
    assert store.url_counts() == {"queued": 5}


def test_complete_limits_new_urls_per_source_over_a_batch(store: Store) -> None:
    sid = store.add_source("s")
    store.enqueue(sid, ["https://x.cn/a", "https://x.cn/b"])
    run = store.start_run([sid])
    claims = store.claim_batch(run, 2)
    found = tuple(NewUrl(f"https://x.cn/n{i}") for i in range(5))
    done = [
        Completion(c, "done", _page(c.url.encode()), discovered=found[i:])
        for i, c in enumerate(claims)
    ]
    results = store.complete(done, run, limits={sid: 3})
    assert [r.enqueued for r in results] == [3, 0]
    assert store.url_counts() == {"done": 2, "queued": 3}


def test_overlong_urls_are_refused(store: Store) -> None:
    sid = store.add_source("s")
    with pytest.raises(ValueError, match="longer than"):
        store.enqueue(sid, ["https://x.cn/" + "a" * 3000])


def test_claims_come_discovery_first_and_are_not_handed_out_twice(store: Store) -> None:
    sid = store.add_source("s")
    store.enqueue(sid, [NewUrl("https://x.cn/a1"), NewUrl("https://x.cn/feed", kind="feed")])
    store.enqueue(sid, [NewUrl("https://x.cn/list", kind="listing")])
    run = store.start_run([sid])
    first = store.claim_batch(run, 2)
    assert [c.kind for c in first] == ["feed", "listing"]
    second = store.claim_batch(run, 10)
    assert [c.url for c in second] == ["https://x.cn/a1"]
    assert store.claim_batch(run, 10) == []
    assert store.url_counts() == {"fetching": 3}


def test_finished_and_abandoned_runs_return_their_claims(store: Store) -> None:
    sid = store.add_source("s")
    store.enqueue(sid, ["https://x.cn/1", "https://x.cn/2"])
    dead = store.start_run([sid])
    store.claim_batch(dead, 1)
    live = store.start_run([sid])
    store.claim_batch(live, 1)
    assert store.abandon_runs([dead]) == 1
    assert [r.status for r in store.runs()] == ["aborted", "running"]
    store.finish_run(live, "stopped", {"pages": 0}, [sid])
    assert store.url_counts() == {"queued": 2}
    assert store.runs("stopped")[0].summary == {"pages": 0}


def test_complete_writes_fetch_children_and_article_together(
    store: Store, make_article: MakeArticle
) -> None:
    sid = store.add_source("s")
    store.enqueue(sid, [NewUrl("https://x.cn/a", kind="article")])
    run = store.start_run([sid])
    (claim,) = store.claim_batch(run, 5)
    article = make_article(1, url=claim.url)
    fetch = _page(b"<html>1</html>", etag='"v1"')
    done = Completion(
        claim=claim,
        state="done",
        fetch=fetch,
        discovered=(NewUrl("https://x.cn/b", depth=1, discovered_from=claim.id),),
        parts=(("https://x.cn/a_2", _page(b"<html>2</html>")),),
        article=article,
    )
    (result,) = store.complete([done], run)
    assert result.enqueued == 1 and result.saved is not None
    assert result.saved.outcome == "new"
    assert store.url_state("https://x.cn/a") == "done"
    assert store.url_state("https://x.cn/a_2") == "done"
    assert store.url_state("https://x.cn/b") == "queued"
    stored = store.find_article("https://x.cn/a")
    assert stored is not None and stored.article == article
    assert store.raw_page(stored.id) == b"<html>1</html>"
    assert [r.headers.get("etag") for r in store.responses()] == ['"v1"', None]


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    sid = store.add_source("s")
    store.enqueue(sid, ["https://x.cn/a"])
    run = store.start_run([sid])
    (claim,) = store.claim_batch(run, 1)
    naive = Article(url=claim.url, title="t", body="b", published=datetime(2011, 8, 21))
    bad = Completion(claim=claim, state="done", fetch=_page(b"x"), article=naive)
    with pytest.raises(Exception):  # noqa: B017 - any failure must roll back everything
        store.complete([Completion(claim=claim, state="done", fetch=_page(b"y")), bad], run)
    assert list(store.responses()) == []
    assert store.url_state("https://x.cn/a") == "fetching"


def test_conditional_get_validators_are_kept(store: Store) -> None:
    sid = store.add_source("s")
    store.enqueue(sid, [NewUrl("https://x.cn/feed", kind="feed")])
    run = store.start_run([sid])
    (claim,) = store.claim_batch(run, 1)
    fetch = _page(b"<rss/>", etag='"e1"', **{"last-modified": "Sun, 21 Aug 2011 09:00:00 GMT"})
    later = datetime.now(UTC) + timedelta(hours=1)
    store.complete([Completion(claim, "done", fetch, next_fetch_at=later)], run)
    assert store.requeue(["https://x.cn/feed"]) == 0  # not due yet
    assert store.requeue(["https://x.cn/feed"], force=True) == 1
    (again,) = store.claim_batch(run, 1)
    assert (again.etag, again.last_modified) == ('"e1"', "Sun, 21 Aug 2011 09:00:00 GMT")
    not_modified = FetchRecord(again.url, 304, {}, None, not_modified=True)
    store.complete([Completion(again, "done", not_modified, next_fetch_at=later)], run)
    store.requeue([again.url], force=True)
    (third,) = store.claim_batch(run, 1)
    assert third.etag == '"e1"' and third.attempts == 2


def test_raw_pages_are_stored_once_per_content(store: Store) -> None:
    sid = store.add_source("s")
    store.enqueue(sid, ["https://x.cn/1", "https://x.cn/2"])
    body = "正文".encode() * 1000
    with store.transaction():
        pass
    for n in (1, 2):
        store.record_fetch(n, _page(body))
    with store.reading() as conn:
        rows = conn.exec_driver_sql("SELECT count(*), sum(length(data)) FROM raw_pages").one()
    assert rows[0] == 1 and rows[1] < len(body) / 10
    assert [r.body for r in store.responses()] == [body, body]


def test_save_article_new_unchanged_alias_and_versions(
    store: Store, make_article: MakeArticle
) -> None:
    first = make_article(1)
    article_id = store.save_article(first, _page(b"p1"), source="柳州")
    assert store.save_article(first, source="柳州") == article_id
    mirror = make_article(1, url="https://mirror.cn/1.html")
    assert store.save_article(mirror, source="镜像") == article_id
    assert store.aliases(article_id) == ["https://mirror.cn/1.html"]
    found = store.find_article("https://mirror.cn/1.html")
    assert found is not None and found.id == article_id

    changed = make_article(1, body="更正后的正文。全区共接警2起。")
    assert store.save_article(changed, source="柳州") == article_id
    stored = store.get_article(article_id)
    assert stored is not None and stored.version == 2
    assert stored.article.body == changed.body
    assert [a.body for a in store.versions(article_id)] == [first.body]
    assert store.count_articles() == 1


def test_whitespace_differences_do_not_make_a_new_article(
    store: Store, make_article: MakeArticle
) -> None:
    a = store.save_article(make_article(1, body="第一段。\n\n第二段。"))
    b = store.save_article(make_article(2, body="第一段。 第二段。", url="https://y.cn/2"))
    assert a == b


def test_an_alias_whose_text_diverges_becomes_its_own_article(
    store: Store, make_article: MakeArticle
) -> None:
    a = store.save_article(make_article(1))
    url = "https://mirror.cn/1.html"
    assert store.save_article(make_article(1, url=url)) == a
    b = store.save_article(make_article(1, url=url, body="镜像站改写了这篇稿件。"))
    assert b != a and store.aliases(a) == []


def test_title_only_articles_do_not_collapse(store: Store) -> None:
    a = store.save_article(Article(url="https://x.cn/1", title="图片新闻"))
    b = store.save_article(Article(url="https://x.cn/2", title="图片新闻"))
    assert a != b


def test_articles_iterate_in_pages_with_filters(store: Store, make_article: MakeArticle) -> None:
    ids = [store.save_article(make_article(n), source="甲" if n % 2 else "乙") for n in range(8)]
    assert [s.id for s in store.articles()] == ids
    assert [s.source_name for s in store.articles(source="甲")] == ["甲"] * 4
    assert [s.id for s in store.articles(after_id=ids[2], limit=4)] == ids[3:7]
    since = make_article(5).published
    assert {s.id for s in store.articles(since=since)} == set(ids[5:])
    assert [s.id for s in store.articles(until=since)] == ids[:5]


def test_iterating_while_writing(store: Store, make_article: MakeArticle) -> None:
    for n in range(7):
        store.save_article(make_article(n))
    for stored in store.articles():
        store.set_enrichment(stored.id, {"places": ["柳南区"], "n": stored.id})
    assert store.get_enrichment(3) == {"places": ["柳南区"], "n": 3}
    store.set_enrichment(3, {"places": []})
    assert store.get_enrichment(3) == {"places": []}
    assert store.get_enrichment(999) is None


def test_naive_datetimes_are_refused(store: Store) -> None:
    naive = Article(url="https://x.cn/1", title="t", body="b", published=datetime(2011, 8, 21))
    with pytest.raises(Exception, match="naive"):
        store.save_article(naive)


def test_stats_count_the_last_run(store: Store, make_article: MakeArticle) -> None:
    sid = store.add_source("柳州", "https://lz.cn/")
    store.add_source("空")
    store.enqueue(sid, ["https://lz.cn/1", "https://lz.cn/2", "https://lz.cn/3"])
    run = store.start_run([sid])
    c1, c2 = store.claim_batch(run, 2)
    error = FetchRecord(c2.url, 503, {}, None, error="http_5xx")
    store.complete(
        [
            Completion(c1, "done", _page(b"a"), article=make_article(1, url=c1.url)),
            Completion(c2, "failed", error, source_status=("error", "503 at /2")),
        ],
        run,
    )
    store.finish_run(run, "finished", {}, [sid])
    by_name = {s.name: s for s in store.stats()}
    lz = by_name["柳州"]
    assert (lz.articles, lz.new_articles, lz.fetches, lz.errors) == (1, 1, 2, 1)
    assert lz.error_kinds == {"http_5xx": 1} and (lz.queued, lz.failed) == (1, 1)
    assert lz.status == "error" and lz.last_crawl_at is not None
    assert by_name["空"].articles == 0 and by_name["空"].last_crawl_at is None
    store.start_run([sid])
    assert {s.name: s for s in store.stats()}["柳州"].new_articles == 0


def test_threads_writing_at_once_lose_nothing(tmp_path: Path, make_article: MakeArticle) -> None:
    with Store.open(tmp_path / "t.db") as store:

        def write(k: int) -> None:
            for n in range(20):
                store.save_article(make_article(k * 100 + n), source=f"s{k}")

        threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert store.count_articles() == 80
        assert store.integrity_check() == []


def test_an_in_memory_store_is_one_database_for_every_thread(make_article: MakeArticle) -> None:
    with Store.open("sqlite://") as store:
        store.save_article(make_article(1))
        counted: list[int] = []
        thread = threading.Thread(target=lambda: counted.append(store.count_articles()))
        thread.start()
        thread.join()
        assert counted == [1]


def test_an_alias_keeps_its_own_title_date_and_source(
    store: Store, make_article: MakeArticle
) -> None:
    first = store.save_article(make_article(1), source="柳州")
    mirror = replace(
        make_article(1, url="https://mirror.cn/1.html"),
        title="转载：柳南区通报",
        published=make_article(2).published,
        source="柳州新闻网",
    )
    for _ in range(2):  # storing the same URL again is a no-op
        assert store.save(mirror, _page(b"m1"), source="镜像").article_id == first
    with store.reading() as conn:
        rows = conn.exec_driver_sql(
            "SELECT title, published, source, raw_page_id FROM article_aliases"
        ).all()
    assert len(rows) == 1
    title, published, attribution, raw_page = rows[0]
    assert (title, attribution) == ("转载：柳南区通报", "柳州新闻网")
    assert published is not None and raw_page is not None
    assert store.count_articles() == 1 and store.aliases(first) == ["https://mirror.cn/1.html"]

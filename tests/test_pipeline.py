"""The stages after the store, run over stored articles: enrich, connect, monitor."""

from __future__ import annotations

from datetime import UTC, datetime

from huibao import extract
from huibao.pipeline import process_pending
from huibao.store import Store
from huibao.store import search as plans
from huibao.store.stories import story_of


def test_process_pending_is_complete_and_idempotent(seed_page: bytes, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "t.db") as store:
        first = store.save_article(extract(seed_page, url="http://a.example/2011/0821/1.html"))
        second = store.save_article(
            extract(
                seed_page.replace(b"4321", b"4320"),  # a reprint that changed a figure
                url="http://b.example/2011/0822/9.html",
            )
        )
        with store.transaction() as conn:
            plans.save_plan(
                conn, "柳南", {"places": ["柳南"], "events": ["平安"]}, datetime.now(UTC)
            )
        done = process_pending(store)
        assert done.articles == 2
        assert done.matches == 2
        facts = store.get_enrichment(first)
        assert facts is not None
        assert any(p["code"] == "450204" for p in facts["places"])
        assert story_of(store, first) == story_of(store, second) is not None
        assert process_pending(store).articles == 0


def test_an_article_whose_text_changed_is_enriched_and_matched_again(  # type: ignore[no-untyped-def]
    seed_page: bytes, tmp_path
) -> None:
    url = "http://a.example/2011/0821/1.html"
    with Store.open(tmp_path / "t.db") as store:
        article_id = store.save_article(extract(seed_page, url=url))
        with store.transaction() as conn:
            plans.save_plan(conn, "柳南", {"places": ["柳南"]}, datetime.now(UTC))
        assert process_pending(store).articles == 1
        before = store.get_enrichment(article_id)
        assert before is not None
        assert any(f["value"] == 4321 for f in before["figures"])

        # The site corrects a figure: same URL, new text.
        changed = extract(seed_page.replace(b"4321", b"4329"), url=url)
        assert store.save_article(changed) == article_id
        assert store.get_enrichment(article_id) is None
        again = process_pending(store)
        assert again.articles == 1
        after = store.get_enrichment(article_id)
        assert after is not None
        values = {f["value"] for f in after["figures"]}
        assert 4329 in values and 4321 not in values
        assert story_of(store, article_id) is not None
        assert process_pending(store).articles == 0

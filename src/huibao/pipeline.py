"""After the store: enrich, connect and monitor every stored article not yet processed.

The crawler stores articles (crash-safe, in batches); this runs the later stages over what it
stored, in pipeline order: enrich (kept with the article), connect (reprint group and story),
monitor (search index, plan matches, alerts through the outbox). It is idempotent and
resumable: an article with an enrichment record is done, so a crash only repeats the article
in hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from huibao.enrich import enrich
from huibao.store import Store


@dataclass(frozen=True, slots=True)
class Processed:
    """What one pass did."""

    articles: int
    matches: int


def process_pending(
    store: Store, now: datetime | None = None, progress: Callable[[int], None] | None = None
) -> Processed:
    """Enrich, place and match every stored article that has no enrichment yet."""
    from huibao.monitor.ingest import Monitor
    from huibao.store.stories import Connector

    now = now or datetime.now(UTC)
    connector = Connector(store)
    monitor = Monitor(store)
    done = matched = 0
    for stored in store.articles(unenriched=True):
        facts = enrich(stored.article).to_dict()
        store.set_enrichment(stored.id, facts)
        placement = connector.ingest(stored.id)
        matched += len(
            monitor.on_article(stored.id, stored.article, now, facts, placement.story_id)
        )
        done += 1
        if progress:
            progress(done)
    connector.refresh()  # copies stored as aliases this pass join their groups' lineage
    return Processed(done, matched)

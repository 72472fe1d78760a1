"""The edge between the pure connect stage and the store: place one stored article.

The store owns the tables and the long-lived index (`huibao.store.stories.Connector`); this
function is the one call a pipeline makes after saving an article. It imports the store
lazily because the store comes after connect in the flow of stages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from huibao.connect.model import Placement
    from huibao.store import Store
    from huibao.store.stories import Connector


def ingest(store: Store, article_id: int, connector: Connector | None = None) -> Placement:
    """Place stored article `article_id` into its reprint group and story, and record it.

    Pass a `Connector` kept for the whole run when placing many articles: without one, the
    index is loaded from the store on every call (fine for one article, slow for a crawl).
    """
    from huibao.store.stories import Connector

    return (connector or Connector(store)).ingest(article_id)

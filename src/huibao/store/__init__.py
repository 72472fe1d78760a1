"""huibao's database: the only package that talks SQL.

    from huibao.store import Store
    with Store.open("huibao.db") as store:
        for stored in store.articles(source="柳州新闻网"):
            print(stored.id, stored.article.title)

SQLite by default (WAL, busy timeout, foreign keys); the schema is versioned
(`huibao.store.migrations`) and backend differences are confined to `huibao.store.dialect`.
"""

from huibao.store.migrations import MIGRATIONS, Migration, migrate
from huibao.store.records import (
    Claim,
    Completed,
    Completion,
    FetchRecord,
    NewUrl,
    Run,
    Saved,
    Source,
    SourceStats,
    StoredArticle,
    StoredResponse,
)
from huibao.store.settings import StoreSettings
from huibao.store.store import Store

__all__ = [
    "MIGRATIONS",
    "Claim",
    "Completed",
    "Completion",
    "FetchRecord",
    "Migration",
    "NewUrl",
    "Run",
    "Saved",
    "Source",
    "SourceStats",
    "Store",
    "StoreSettings",
    "StoredArticle",
    "StoredResponse",
    "migrate",
]

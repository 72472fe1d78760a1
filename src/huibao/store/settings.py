"""Options for the store. Every cap and durability switch is a named setting."""

from __future__ import annotations

from dataclasses import dataclass

from huibao.config import setting


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """Options for `huibao.store.Store`."""

    busy_timeout_s: float = setting(
        30.0, "Seconds a writer waits for another writer's lock before giving up (SQLite)."
    )
    synchronous: str = setting(
        "normal",
        "SQLite `PRAGMA synchronous`: 'normal' survives any process crash (kill -9) in WAL "
        "mode; 'full' also survives power loss, at some write speed.",
    )
    compression_level: int = setting(6, "zlib level (0-9) for stored raw pages.")
    page_rows: int = setting(
        500, "Rows read per query when iterating articles (keeps transactions short)."
    )
    max_url_chars: int = setting(
        2000, "Longest URL accepted into the frontier; longer ones are refused."
    )

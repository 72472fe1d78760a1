"""Caps and switches for monitoring: query parsing, matching and alert delivery."""

from __future__ import annotations

from dataclasses import dataclass

from huibao.config import setting


@dataclass(frozen=True, slots=True)
class MonitorSettings:
    """Options for `huibao.monitor` (query language, plan matching, alerts)."""

    max_query_chars: int = setting(
        20_000, "Longest query (characters) accepted; longer input raises QueryError."
    )
    max_query_depth: int = setting(
        64, "Deepest nesting of parentheses/NOT a query may use before QueryError."
    )
    max_query_terms: int = setting(1_000, "Most terms, phrases and filters one query may contain.")
    max_near_distance: int = setting(
        1_000, "Largest n accepted in NEAR/n (characters between the two matches)."
    )
    max_highlights: int = setting(200, "Most highlight spans kept per match.")
    search_scan: int = setting(
        1_000, "Candidates a search checks exactly; beyond it the total is an upper bound."
    )
    search_page: int = setting(200, "Candidates a search checks per read of their stored records.")
    facet_size: int = setting(10, "Values shown per facet (source, place, date).")
    facet_scan: int = setting(
        10_000, "Matches read to count the facets of a search; past it facets cover a sample."
    )
    webhook_timeout_s: float = setting(10.0, "Seconds one webhook POST may take.")
    webhook_max_attempts: int = setting(
        6, "Delivery attempts per alert before it is moved to the dead letters."
    )
    retry_base_s: float = setting(30.0, "First retry delay (seconds); each later retry doubles it.")
    retry_max_s: float = setting(3_600.0, "Longest delay (seconds) between two retries.")
    webhook_allow_hosts: tuple[str, ...] = setting(
        (), "Hosts or IPs a webhook may target even though they are private or loopback."
    )
    smtp_host: str = setting("localhost", "SMTP server that sends alert e-mail.")
    smtp_port: int = setting(25, "Port of the SMTP server.")
    smtp_timeout_s: float = setting(10.0, "Seconds one SMTP conversation may take.")
    mail_from: str = setting("huibao@localhost", "From: address of alert e-mail.")
    outbox_batch: int = setting(50, "Alerts the delivery worker takes from the outbox at once.")
    deliver_budget_s: float = setting(
        60.0, "Seconds one delivery step may spend before leaving the rest for the next one."
    )
    feed_entries: int = setting(50, "Entries kept in each plan's Atom feed.")

"""robots.txt rules as RFC 9309 reads them (parsing by protego).

A fetched robots.txt gives rules; 4xx ("unavailable") means everything is allowed; 5xx or no
answer at all ("unreachable") means nothing is, until a later fetch succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from protego import Protego

ROBOTS_TOKEN = "huibao"  # the product token robots.txt groups are matched against
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 2.5: parse at least 500 KiB; we parse that much


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one origin's robots.txt allows. `state` is "parsed", "allow_all" (4xx) or
    "unreachable" (5xx, network error: disallow all)."""

    state: str
    parser: Protego | None = None
    cause: str | None = None  # for "unreachable": the fetch error behind it, if any

    def allows(self, url: str) -> bool:
        if self.state == "unreachable":
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, ROBOTS_TOKEN))

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_TOKEN)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> tuple[str, ...]:
        """Sitemap URLs the robots.txt names (a discovery source)."""
        return tuple(self.parser.sitemaps) if self.parser is not None else ()


def rules_from_response(status: int | None, body: bytes) -> RobotsRules:
    """Rules from a robots.txt response (`status` None when there was no HTTP answer)."""
    if status is None or status >= 500 or status == 429:
        return RobotsRules("unreachable")
    if status >= 400:
        return RobotsRules("allow_all")
    if status >= 300:  # a redirect chain longer than we follow: RFC 9309 says treat as 404
        return RobotsRules("allow_all")
    text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
    return RobotsRules("parsed", Protego.parse(text))


# Fetch errors that mean "no usable answer" (RFC 9309 "unreachable": disallow all) and
# those that mean "no robots.txt there" (more redirects than followed: as 404).
UNREACHABLE_ERRORS = frozenset(
    {"timeout", "connect", "tls", "reset", "too_large", "decoding", "private_address"}
)
AS_MISSING_ERRORS = frozenset({"too_many_redirects", "bad_redirect"})


def rules_from_fetch(status: int | None, error: str | None, body: bytes) -> RobotsRules:
    """Rules from a robots.txt fetch outcome; an unreachable verdict keeps its `cause`."""
    if error in AS_MISSING_ERRORS:
        return RobotsRules("allow_all")
    rules = rules_from_response(None if error in UNREACHABLE_ERRORS else status, body)
    if rules.state == "unreachable":
        return replace(rules, cause=error)
    return rules

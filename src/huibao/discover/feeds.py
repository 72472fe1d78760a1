"""RSS/Atom feeds -> entries (pure: bytes in, `FeedResult` out).

The bytes are defused first (`safexml`): a feed declaring entities is refused with
error "unsafe_xml" and no entries, in microseconds, and no file is ever read. A well-formed
RSS 2.0/0.9x, RSS 1.0 (RDF) or Atom feed is then read with lxml (entities and DTDs off),
strictly, or with lxml's recovering parser when it is not well-formed (undeclared &nbsp;,
broken markup: common in CMS feeds). Only bytes lxml cannot read at all go to feedparser's
lenient parser. Why not feedparser for all: it costs about 0.4 ms per item and far more on
broken markup, so a hostile 2 MB feed held the event loop for 11-17 s; lxml reads the same
in a few hundredths of a second. feedparser's input is capped at `max_loose_feed_bytes`.
"""

from __future__ import annotations

import calendar
import io
import re
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from html.entities import name2codepoint
from itertools import islice
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
from lxml import etree

from huibao.discover.safexml import UnsafeXML, defuse
from huibao.discover.settings import DiscoverSettings
from huibao.discover.urls import normalize_url, url_problem


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item. `published` is timezone-aware UTC, or None when the feed gives none."""

    url: str
    title: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    summary: str = ""
    guid: str = ""
    author: str = ""


@dataclass(frozen=True, slots=True)
class FeedResult:
    """A parsed feed. `error` is None, "unsafe_xml", "not_a_feed" or "too_large"."""

    entries: tuple[FeedEntry, ...] = ()
    title: str = ""
    link: str = ""
    error: str | None = None
    malformed: bool = False  # not well-formed XML: read by feedparser's lenient parser


def _when(value: Any) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _entry(item: Any, base_url: str) -> FeedEntry | None:
    # Plain dict access: FeedParserDict.get maps missing keys onto others with a warning.
    raw = dict(item)
    link = raw.get("link") or ""
    if not link and str(raw.get("id", "")).startswith(("http://", "https://")):
        link = raw.get("id")
    if not link:
        return None
    url = normalize_url(urljoin(base_url, str(link)))
    if url_problem(url) is not None:
        return None
    return FeedEntry(
        url=url,
        title=str(raw.get("title", "")).strip(),
        published=_when(raw.get("published_parsed")) or _when(raw.get("updated_parsed")),
        updated=_when(raw.get("updated_parsed")),
        summary=str(raw.get("summary", ""))[:2000],
        guid=str(raw.get("id", "")),
        author=str(raw.get("author", "")),
    )


def parse_feed(
    data: bytes,
    base_url: str,
    max_bytes: int | None = None,
    *,
    settings: DiscoverSettings | None = None,
) -> FeedResult:
    """Entries of an RSS 0.9x/1.0/2.0 or Atom feed, links resolved against `base_url`
    (at most `max_feed_entries`; a feed over `max_bytes`, by default `max_feed_bytes`, is
    refused as too_large)."""
    s = settings or DiscoverSettings()
    if max_bytes is not None:
        s = replace(s, max_feed_bytes=max_bytes)
    if len(data) > s.max_feed_bytes:
        return FeedResult(error="too_large")
    try:
        data = defuse(data)
    except UnsafeXML:
        return FeedResult(error="unsafe_xml")
    strict = _parse_xml(_html_entities_as_numbers(data), base_url, s.max_feed_entries)
    return strict if strict is not None else _parse_loose(data, base_url, s)


def _parse_loose(data: bytes, base_url: str, s: DiscoverSettings) -> FeedResult:
    """feedparser's reading of a feed that is not well-formed XML (first bytes only)."""
    # A stream, never bytes or str: feedparser opens a str/bytes argument as a URL or a file
    # name when it looks like one (a feed body of b"/etc/passwd" would read that file).
    head = io.BytesIO(data[: s.max_loose_feed_bytes])
    parsed = feedparser.parse(head, resolve_relative_uris=False, sanitize_html=False)
    version = parsed.get("version", "")
    entries = [e for raw in parsed.entries[: s.max_feed_entries] if (e := _entry(raw, base_url))]
    if not version and not entries:
        return FeedResult(error="not_a_feed", malformed=True)
    feed = parsed.get("feed", {})
    return FeedResult(
        entries=tuple(entries),
        title=str(feed.get("title", "")),
        link=str(feed.get("link", "")),
        malformed=True,
    )


# --- the strict (lxml) reading -------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
CST = timezone(timedelta(hours=8))  # dates without a zone are read as China time


# HTML entity names feeds use without declaring them (&nbsp; &ldquo; &mdash; in CMS feeds);
# XML knows only five, and lxml's recovering parser drops the text after an unknown one.
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def _html_entities_as_numbers(data: bytes) -> bytes:
    def number(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        code = name2codepoint.get(name.decode("ascii"))
        if name in _XML_ENTITIES or code is None:
            return match.group(0)
        return b"&#%d;" % code

    return _NAMED_ENTITY.sub(number, data) if b"&" in data else data


def _parser(*, recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )


def _text(element: etree._Element | None, *names: str) -> str:
    for name in names:
        found = element.find(name) if element is not None else None
        if found is not None and (found.text or "").strip():
            return (found.text or "").strip()
    return ""


def parse_feed_date(value: str) -> datetime | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, dc:date, CMS "2011-08-21 09:30") date, in UTC."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            when = datetime.fromisoformat(value.replace("/", "-"))
        except ValueError:
            return None
    return (when if when.tzinfo else when.replace(tzinfo=CST)).astimezone(UTC)


def _rss_item(item: etree._Element, ns: str) -> dict[str, str]:
    guid = item.find(ns + "guid")
    permalink = guid is not None and guid.get("isPermaLink", "true") != "false"
    link = _text(item, ns + "link") or (_text(item, ns + "guid") if permalink else "")
    return {
        "link": link,
        "title": _text(item, ns + "title"),
        "published": _text(item, ns + "pubDate", DC + "date"),
        "summary": _text(item, ns + "description", CONTENT + "encoded"),
        "guid": _text(item, ns + "guid")
        or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", ""),
        "author": _text(item, ns + "author", DC + "creator"),
    }


def _atom_entry(entry: etree._Element) -> dict[str, str]:
    links = entry.findall(ATOM + "link")
    alternate = [e for e in links if e.get("rel", "alternate") == "alternate"] or links
    return {
        "link": alternate[0].get("href", "") if alternate else "",
        "title": _text(entry, ATOM + "title"),
        "published": _text(entry, ATOM + "published", ATOM + "updated"),
        "updated": _text(entry, ATOM + "updated"),
        "summary": _text(entry, ATOM + "summary", ATOM + "content"),
        "guid": _text(entry, ATOM + "id"),
        "author": _text(entry.find(ATOM + "author"), ATOM + "name"),
    }


def _parse_xml(data: bytes, base_url: str, max_entries: int) -> FeedResult | None:
    """The feed read by lxml (leniently if it must: `malformed`), or None when lxml makes
    nothing of it. A document that is not RSS/RDF/Atom is "not_a_feed"."""
    malformed = False
    try:
        root = etree.fromstring(data, _parser(recover=False))
    except (etree.XMLSyntaxError, ValueError):
        malformed = True
        try:
            root = etree.fromstring(data, _parser(recover=True))
        except (etree.XMLSyntaxError, ValueError):
            return None
    if root is None:
        return None
    if root.tag == ATOM + "feed":
        raw = [_atom_entry(e) for e in islice(root.iterfind(ATOM + "entry"), max_entries)]
        head = {"title": _text(root, ATOM + "title"), "link": _atom_entry(root)["link"]}
    elif root.tag == "rss" or str(root.tag).endswith("}RDF"):
        ns = RSS1 if str(root.tag).endswith("}RDF") else ""
        channel = root.find(ns + "channel")
        scope = root if channel is None or ns else channel
        raw = [
            _rss_item(item, ns) for item in islice(scope.iterfind(".//" + ns + "item"), max_entries)
        ]
        head = {"title": _text(channel, ns + "title"), "link": _text(channel, ns + "link")}
    else:
        return FeedResult(error="not_a_feed", malformed=malformed)
    entries = [e for r in raw if (e := _strict_entry(r, base_url))]
    return FeedResult(
        entries=tuple(entries), title=head["title"], link=head["link"], malformed=malformed
    )


def _strict_entry(raw: dict[str, str], base_url: str) -> FeedEntry | None:
    link = raw["link"] or (raw["guid"] if raw["guid"].startswith(("http://", "https://")) else "")
    url = normalize_url(urljoin(base_url, link)) if link else ""
    if not url or url_problem(url) is not None:
        return None
    updated = parse_feed_date(raw.get("updated", ""))
    return FeedEntry(
        url=url,
        title=raw["title"],
        published=parse_feed_date(raw["published"]) or updated,
        updated=updated or parse_feed_date(raw["published"]),
        summary=raw["summary"][:2000],
        guid=raw["guid"],
        author=raw["author"],
    )

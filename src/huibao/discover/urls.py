"""URL normalisation and crawler-trap recognition (pure functions).

`normalize_url` makes the one spelling under which a URL is stored and deduplicated;
`is_trap` says why a URL should not be followed at all. Both use named tables below.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote_to_bytes, urlencode, urlsplit, urlunsplit

from huibao.discover.settings import DiscoverSettings

# Query parameters that only say where a click came from. utm_*: Google Analytics links in
# feeds; spm/scm: Alibaba-family portals (sina, 163 share links carry spm=...); from/isappinstalled:
# WeChat share links (mp.weixin.qq.com ...&from=timeline&isappinstalled=0); share_token,
# wfr, for: Baijiahao and Toutiao share links.
TRACKING_PARAMS = frozenset(
    {
        "spm",
        "scm",
        "from",
        "isappinstalled",
        "share_token",
        "wfr",
        "for",
        "fromid",
        "ref",
        "referer",
        "source_from",
        "tt_from",
        "utm",
        "share",
        "sharesource",
        "timestamp",
        "_t",
        "fbclid",
        "gclid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "ncid",
        "cmpid",
        "srcid",
        "subscene",
        "scene",
        "clicktime",
        "enterid",
    }
)
# Session ids in the query (JSP, PHP, ASP, ColdFusion). `sid` only when the value is long:
# short sid=12 is a section id on several provincial portals.
SESSION_PARAMS = frozenset(
    {"jsessionid", "phpsessid", "aspsessionid", "sessionid", "cfid", "cftoken", "sid"}
)
SESSION_MIN_LENGTH = 16
TRACKING_PREFIXES = ("utm_", "spm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")

# Session ids put into the path (Java: /a.jsp;jsessionid=...; ASP.NET: /(S(abc))/page.aspx).
PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*|/\(S\([a-z0-9]+\)\)", re.I)

# Query keys and path words of calendar pages: CMS archive calendars (?date=2011-08-21,
# /calendar/2011/08/21/) link to the next and previous day for ever.
CALENDAR_KEYS = frozenset(
    {"date", "day", "month", "year", "ym", "ymd", "cal", "calendar", "riqi", "rq"}
)
CALENDAR_WORDS = re.compile(r"(?:^|/)(?:calendar|cal|rili|archive-calendar)(?:/|$|\.)", re.I)
# Non-content schemes a crawler must never follow.
FOLLOWABLE_SCHEMES = frozenset({"http", "https"})
_DIGITS = re.compile(r"\d+")
PATH_SAFE = "/:@!$&'()*+,;=-._~"
ESCAPED_SLASH = re.compile("%2f", re.I)
QUERY_SAFE = "=&%+;/?:@!$'()*,~"
# A hostname as DNS (or an IP literal) allows it, after IDNA: letters, digits, - _ . and
# the colons of an IPv6 address.
HOST_CHARS = re.compile(r"[A-Za-z0-9._\-:]+")


def normalize_url(url: str) -> str:
    """The canonical spelling of `url`: lower-case scheme and host (IDNA for non-ASCII
    hosts), default port, user info and fragment dropped, tracking/session parameters
    dropped, query sorted, percent-encoding made uniform. Percent-escapes keep their bytes:
    GBK-escaped paths and queries (%C1%F8) are common on Chinese sites and must survive.
    Unparseable input is returned stripped (callers then refuse it)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = _host(parts.hostname or "")
    if ":" in host:
        host = f"[{host}]"
    if port is not None and (scheme, port) not in {("http", 80), ("https", 443)}:
        host = f"{host}:{port}"
    path = PATH_SESSION.sub("", parts.path) or "/"
    path = "%2F".join(  # an escaped slash is not a path separator: keep it escaped
        quote(unquote_to_bytes(piece), safe=PATH_SAFE) for piece in ESCAPED_SLASH.split(path)
    )
    query = quote(parts.query, safe=QUERY_SAFE)  # raw non-ASCII -> UTF-8 escapes, as browsers
    pairs = [
        (k, v)
        for k, v in parse_qsl(query, keep_blank_values=True, encoding="latin-1")
        if _kept(k, v)
    ]
    return urlunsplit((scheme, host, path, urlencode(sorted(pairs), encoding="latin-1"), ""))


def _host(hostname: str) -> str:
    host = hostname.rstrip(".").lower()
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def url_problem(url: str) -> str | None:
    """Why `url` cannot be fetched at all ("scheme", "no_host", "bad_host", "bad_port",
    "unparseable"), or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        return "unparseable"
    if parts.scheme.lower() not in FOLLOWABLE_SCHEMES:
        return "scheme"
    host = parts.hostname or ""
    if not host:
        return "no_host"
    if not HOST_CHARS.fullmatch(host):
        return "bad_host"
    return None


def _kept(key: str, value: str) -> bool:
    key = key.lower()
    if key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES):
        return False
    return not (key in SESSION_PARAMS and (key != "sid" or len(value) >= SESSION_MIN_LENGTH))


def origin_of(url: str) -> str:
    """scheme://host[:port] of `url`: the unit of politeness and of robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def url_template(url: str) -> str:
    """`url` with digit runs replaced and query values dropped: many URLs of one template
    (calendar days, page=N) are how traps show themselves."""
    parts = urlsplit(url)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return _DIGITS.sub("N", f"{parts.netloc}{parts.path}") + "?" + "&".join(keys)


def is_trap(url: str, settings: DiscoverSettings | None = None) -> str | None:
    """Why `url` must not be followed (a `url_problem` reason, or "too_long", "too_deep",
    "repeating_path", "calendar", "too_many_params", "page_number"), or None when it may be."""
    s = settings or DiscoverSettings()
    if problem := url_problem(url):
        return problem
    parts = urlsplit(url)
    if len(url) > s.max_url_length:
        return "too_long"
    segments = [seg for seg in parts.path.split("/") if seg]
    if len(segments) > s.max_path_depth:
        return "too_deep"
    if segments and max(segments.count(seg) for seg in segments) > s.max_segment_repeats:
        return "repeating_path"
    query = parse_qsl(parts.query, keep_blank_values=True)
    if CALENDAR_WORDS.search(parts.path) or any(k.lower() in CALENDAR_KEYS for k, _ in query):
        return "calendar"
    if len(query) > s.max_query_params:
        return "too_many_params"
    if (page := page_number(url)) is not None and page > s.max_page_number:
        return "page_number"
    return None


# Listing pagination spellings: index_3.html (TRS/WCM and most government CMSs),
# list_3.html / node_123_3.htm (PHPCMS, DedeCMS list_1_3.html), ?page=3 / ?p=3 / ?pn=3.
PAGE_IN_PATH = re.compile(r"(?:index|list|default|node_\d+|list_\d+)_(\d{1,6})\.s?html?$", re.I)
PAGE_KEYS = frozenset({"page", "p", "pn", "pg", "pageno", "pagenum", "pageindex", "curpage"})


def page_number(url: str) -> int | None:
    """The listing page number `url` asks for, when its shape says so."""
    parts = urlsplit(url)
    if match := PAGE_IN_PATH.search(parts.path):
        return int(match.group(1))
    for key, value in parse_qsl(parts.query):
        if key.lower() in PAGE_KEYS and value.isdigit():
            return int(value)
    return None

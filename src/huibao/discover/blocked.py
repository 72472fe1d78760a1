"""Recognise anti-bot challenge pages, which must never be stored as articles.

A challenge answers a normal URL with a small page that is mostly `<script>`: it sets a
cookie (or computes one) and reloads, or asks a person to slide a puzzle. The status is
often 200, 403, 412 (Aliyun/Ruishu style) or 521 (Jiasule, Cloudflare origin errors).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Phrases and names only challenge pages carry. Each taught by a WAF's public challenge page:
CHALLENGE_MARKERS = (
    rb"__jsl_clearance",  # Jiasule (加速乐) 521 page: document.cookie=('__jsl_clearance=...')
    rb"_jsluid",  # Jiasule's first cookie
    rb"yunsuo_session_verify",  # yunsuo (云锁) challenge: sets it then reloads
    rb"security_session_verify",  # yunsuo's second-round cookie
    rb"acw_sc__v2",  # Aliyun WAF slider/cookie challenge (arg1=...; acw_sc__v2)
    rb"acw_tc",  # Aliyun WAF tracking cookie set by the challenge
    rb"/cdn-cgi/challenge-platform",  # Cloudflare managed challenge
    rb"cf-browser-verification",  # Cloudflare "Checking your browser" (older)
    rb"cf_chl_opt",  # Cloudflare challenge options object
    rb"Just a moment...",  # Cloudflare interstitial title
    rb"Checking your browser before accessing",
    rb"$_ts=window['$_ts']",  # Ruishu (瑞数) 412 page
    rb"wzws_cid",  # Wangzhan Weishi (网站卫士) challenge cookie
    "滑动验证".encode(),  # slider verification pages (Aliyun, Tencent)
    "访问验证".encode(),
    "安全验证".encode(),
    "人机验证".encode(),
    "请开启JavaScript并刷新该页".encode(),  # generic CN WAF "enable JavaScript" page
)
MARKER_RE = re.compile(b"|".join(re.escape(m) for m in CHALLENGE_MARKERS), re.I)
# Statuses challenges use. 200 only counts with a marker or a cookie-and-reload script.
CHALLENGE_STATUSES = frozenset({200, 202, 403, 412, 429, 503, 521})
# A script that sets a cookie is the core of every challenge; a bare location.href= is a
# plain JavaScript redirect (common on CMS index pages) and only counts beside an error status.
COOKIE_SCRIPT = re.compile(rb"document\.cookie\s*=", re.I)
RELOAD_SCRIPT = re.compile(rb"location\.(?:reload|replace|href\s*=)|window\.location\s*=", re.I)
TAG_RE = re.compile(rb"<[^<>]*>")  # [^<>]: linear even on "<a <a <a ..."
MAX_CHALLENGE_BYTES = 64 * 1024  # real challenge pages are a few kB; articles are larger
MAX_VISIBLE_TEXT = 200  # bytes of visible text below which a scripted page is a shell


def _without(body: bytes, lower: bytes, tag: bytes) -> tuple[bytes, bytes, int]:
    """`body` without its <tag>...</tag> blocks, by plain search (a regex with `.*?` is
    quadratic on a page of unclosed <script>s); also the count of blocks."""
    kept, kept_lower, start, count = [], [], 0, 0
    while (begin := lower.find(b"<" + tag, start)) >= 0:
        kept.append(body[start:begin])
        kept_lower.append(lower[start:begin])
        end = lower.find(b"</" + tag, begin)
        count += 1
        start = len(body) if end < 0 else end
    kept.append(body[start:])
    kept_lower.append(lower[start:])
    return b"".join(kept), b"".join(kept_lower), count


def _scripted_shell(body: bytes) -> bool:
    """True when the page has a <script> and under MAX_VISIBLE_TEXT bytes of visible text."""
    text, lower, scripts = _without(body, body.lower(), b"script")
    text, _, _ = _without(text, lower, b"style")
    visible = len(re.sub(rb"\s+|&nbsp;", b"", TAG_RE.sub(b"", text)))
    return scripts > 0 and visible < MAX_VISIBLE_TEXT


def looks_blocked(status: int | None, headers: Mapping[str, str], body: bytes) -> bool:
    """True when the response is an anti-bot challenge rather than the page asked for.

    A 200 page must also be a scripted shell (almost no visible text), so an article that
    merely mentions 安全验证 is not taken for a challenge."""
    if status not in CHALLENGE_STATUSES or len(body) > MAX_CHALLENGE_BYTES:
        return False
    marked = MARKER_RE.search(body) is not None
    if marked and status != 200:
        return True
    if not _scripted_shell(body):
        return False
    if marked:
        return True
    if COOKIE_SCRIPT.search(body):
        return True
    return status != 200 and ("set-cookie" in headers or RELOAD_SCRIPT.search(body) is not None)

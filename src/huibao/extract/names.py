"""What the page's class and id names say about its parts, read from the source text.

Asking every element for its class in Python, or testing many `contains()` in XPath, costs
more than all the rest of extraction on a 5,000-element news page. Instead the distinct
class/id values are collected with one regex pass over the markup (C speed), classified once
each, and the elements carrying them are fetched with a single XPath of equality tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

HtmlElement = etree._Element


_ATTR = re.compile(r"""\s(class|id)\s*=\s*(?:"([^"<>]{1,300})"|'([^'<>]{1,300})'|([^\s"'<>=`]{1,100}))""", re.I)

# Reader comment sections (blog engines: ol.commentlist, li#comment-4632, div#comments,
# div.commentform; portals: div#comment_area, #mp-comment).
COMMENT = re.compile(r"comment|pinglun|feedback", re.I)
# Breadcrumb containers (当前位置 bars: class="position", id="weizhi", "dqwz" = 当前位置).
CRUMB = re.compile(r"crumb|position|location|weizhi|dqwz", re.I)
# Readability's "unlikely candidates", with Chinese CMS furniture in pinyin.
UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|"
    r"header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|"
    r"supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|newsletter|subscribe|"
    r"promo|widget|share|toolbar|recommend|tuijian|xiangguan|paihang|copyright|friendlink",
    re.I,
)
MAYBE = re.compile(r"and|article|body|column|content|main|shadow|text|zoom|zw", re.I)


@dataclass(frozen=True, slots=True)
class Names:
    """Distinct class/id values of a page, sorted into the kinds we act on."""

    comment: frozenset[tuple[str, str]]
    crumb: frozenset[tuple[str, str]]
    unlikely: frozenset[tuple[str, str]]
    maybe: frozenset[tuple[str, str]]


def read_names(markup: str) -> Names:
    """Classify every distinct class/id value in the markup."""
    values: set[tuple[str, str]] = set()
    for m in _ATTR.finditer(markup):
        value = (m.group(2) or m.group(3) or m.group(4) or "").strip()
        if value and "'" not in value:
            values.add((m.group(1).lower(), value))
    return Names(
        comment=frozenset(v for v in values if COMMENT.search(v[1])),
        crumb=frozenset(v for v in values if CRUMB.search(v[1])),
        unlikely=frozenset(v for v in values if UNLIKELY.search(v[1])),
        maybe=frozenset(v for v in values if MAYBE.search(v[1])),
    )


def with_names(
    root: HtmlElement, values: frozenset[tuple[str, str]], only: str = ""
) -> list[HtmlElement]:
    """Elements whose class or id is exactly one of `values` (one XPath pass).

    `only` is an extra XPath predicate on the element, e.g. "self::div or self::ol".
    """
    if not values:
        return []
    test = " or ".join(f"@{attr}='{value}'" for attr, value in sorted(values))
    predicate = f"[{only}]" if only else ""
    result = root.xpath(f"//*{predicate}[{test}]")
    return [el for el in result if isinstance(el, etree._Element)] if isinstance(result, list) else []

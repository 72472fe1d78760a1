"""Remove what can never be article text: scripts, controls, hidden parts, reader comments.

Also finds the breadcrumb bars on the way: the one search of class and id names serves both.
"""

from __future__ import annotations

from lxml import etree

from huibao.extract.html import DROP_TAGS, HtmlElement, drop_all, hidden_elements
from huibao.extract.names import ClassNames, automaton

# Reader comment sections (blog engines: ol.commentlist, li#comment-4632, div#comments,
# div.commentform; portals: div#comment_area, #mp-comment) and breadcrumb bars (当前位置:
# class="position", id="weizhi", "dqwz"), told apart by the first of these words in their
# class and id.
COMMENT_WORDS = ("comment", "pinglun", "feedback")
CRUMB_WORDS = ("crumb", "position", "location", "weizhi", "dqwz")
COMMENT_CONTAINERS = frozenset({"div", "ol", "ul", "section", "dl", "table", "li", "aside", "form"})
NAMED_CONTAINERS = frozenset({*COMMENT_CONTAINERS, "p", "span", "td", "nav", "header"})
_CONTAINER_WORDS = automaton(
    [(w, True) for w in COMMENT_WORDS] + [(w, False) for w in CRUMB_WORDS]
)  # built once; read-only afterwards


def clean(root: HtmlElement) -> list[HtmlElement]:
    """Strip junk from the tree in place; return the breadcrumb bars."""
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    names = ClassNames.of(root, NAMED_CONTAINERS)
    comments: list[HtmlElement] = []
    crumbs: list[HtmlElement] = []
    for el, is_comment in names.first_hits(_CONTAINER_WORDS):
        if not is_comment:
            crumbs.append(el)
        elif el.tag in COMMENT_CONTAINERS:
            comments.append(el)
    drop_all(hidden_elements(root) + comments)
    return crumbs

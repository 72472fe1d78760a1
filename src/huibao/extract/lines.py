"""The page as lines of text in document order, cut at block boundaries.

Metadata (the byline under the title, the 来源 line after the body, the breadcrumb) is read
from the lines around the body. Serialising once with newlines at block boundaries is far
cheaper than walking every element in Python.
"""

from __future__ import annotations

from lxml import etree

from huibao.extract.body import BLOCK_TAGS, normalise
from huibao.extract.html import HtmlElement


def page_lines(root: HtmlElement) -> list[str]:
    """Non-empty, whitespace-normalised lines of the page body. Mutates the tree's text."""
    body = root.find("body")
    if body is None:
        body = root
    for el in body.iter(*BLOCK_TAGS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    text = str(etree.tostring(body, method="text", encoding="unicode", with_tail=False))
    return [line for line in (normalise(part) for part in text.split("\n") if part and not part.isspace()) if line]

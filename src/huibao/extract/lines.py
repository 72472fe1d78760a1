"""The page as lines of text in document order, cut at block boundaries.

Metadata (the byline under the title, the 来源 line after the body, the breadcrumb) is read
from the lines around the body. Serialising once with newlines at block boundaries is far
cheaper than walking every element in Python.
"""

from __future__ import annotations

from lxml import etree

from huibao.extract.body import BLOCK_TAGS, normalise
from huibao.extract.html import HtmlElement

# A private-use character marks block boundaries: source newlines inside a <td> are only
# whitespace and must not split a line.
BREAK = "\ue000"


def page_lines(root: HtmlElement) -> list[str]:
    """Non-empty, whitespace-normalised lines of the page body (the tree is left as it was)."""
    body = root.find("body")
    if body is None:
        body = root
    marked = list(body.iter(*BLOCK_TAGS))
    for el in marked:
        el.text = BREAK + (el.text or "")
        el.tail = BREAK + (el.tail or "")
    text = str(etree.tostring(body, method="text", encoding="unicode", with_tail=False))
    for el in marked:
        el.text = (el.text or "")[1:] or None
        el.tail = (el.tail or "")[1:] or None
    parts = text.split(BREAK)
    return [
        line for line in (normalise(part) for part in parts if part and not part.isspace()) if line
    ]

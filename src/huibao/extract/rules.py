"""Per-site extraction rules: CSS or XPath selectors that override the heuristics.

GNE's users asked for this when automatic extraction failed on a site; the project file
carries them per source. A selector starting with "/" or "./" or "(" is XPath, anything else
is CSS (via cssselect).
"""

from __future__ import annotations

from dataclasses import dataclass

from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector

from huibao.errors import ExtractionError
from huibao.extract.html import HtmlElement, elements, text_of

Selector = str | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """Selectors for one site. Empty fields leave the heuristics in charge."""

    title: Selector = ""
    published: Selector = ""
    authors: Selector = ""
    source: Selector = ""
    body: Selector = ""
    drop: Selector = ""

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Rules:
        """Rules from a project-file table; unknown keys raise ExtractionError naming them."""
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise ExtractionError(f"unknown rule field(s): {', '.join(sorted(unknown))}")
        values: dict[str, Selector] = {}
        for key, value in data.items():
            if isinstance(value, str):
                values[key] = value
            elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
                values[key] = tuple(value)
            else:
                raise ExtractionError(f"rule {key!r} must be a selector string or a list of them")
        return cls(**values)


def _as_tuple(selector: Selector) -> tuple[str, ...]:
    return (selector,) if isinstance(selector, str) and selector else tuple(selector or ())


def select(root: HtmlElement, selector: Selector) -> list[HtmlElement]:
    """Elements matching any of the selectors, in document order, without duplicates."""
    found: list[HtmlElement] = []
    for sel in _as_tuple(selector):
        try:
            if sel.startswith(("/", "./", "(")):
                result = root.xpath(sel)
                matches = (
                    [m for m in result if isinstance(m, etree._Element)]
                    if isinstance(result, list)
                    else []
                )
            else:
                matches = elements(CSSSelector(sel, translator="html")(root))
        except (etree.XPathError, SelectorError, ValueError) as exc:
            raise ExtractionError(f"bad selector {sel!r}: {exc}") from exc
        found.extend(m for m in matches if m not in found)
    return found


def select_text(root: HtmlElement, selector: Selector) -> str:
    """The text of the first match (attribute values for XPath like //meta/@content too)."""
    for sel in _as_tuple(selector):
        if sel.startswith(("/", "./", "(")):
            try:
                result = root.xpath(sel)
            except etree.XPathError as exc:
                raise ExtractionError(f"bad selector {sel!r}: {exc}") from exc
            if isinstance(result, list) and result:
                first = result[0]
                text = text_of(first) if isinstance(first, etree._Element) else str(first)
                if text.strip():
                    return text.strip()
            continue
        for el in select(root, sel):
            text = text_of(el).strip()
            if text:
                return text
    return ""

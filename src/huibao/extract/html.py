"""Text -> a cleaned lxml tree, within caps on size, depth and element count.

libxml2 stops at 2048 levels of nesting (256 without huge_tree) and silently drops everything
after the excess, so a page of 100,000 nested <div>s would lose its article. When the parser
reports that, we flatten tags beyond `max_depth` ourselves (their text is kept) and parse
again. Nothing here recurses in Python over the tree. Plain `etree` elements are used (not
`lxml.html`'s): its per-element class lookup costs more than the rest of our extraction.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from lxml import etree

from huibao.errors import ExtractionError
from huibao.extract.settings import ExtractSettings

HtmlElement = etree._Element

# Elements whose content is never article text.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "select",
    "option",
    "button",
    "textarea",
    "input",
    "canvas",
    "audio",
    "video",
    "map",
    "link",
    "meta",
    "base",
    "frameset",
    "frame",
    "applet",
    "marquee",
    "title",
)
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,30})\b[^<>]*?(/?)>")
# /descendant::*/@x finds what //@x finds, a third faster: it does not visit text nodes.
_FLAGS = etree.XPath("/descendant::*/@style | /descendant::*/@hidden | /descendant::*/@aria-hidden")
_COUNT = etree.XPath("count(/descendant::*)")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(slots=True)
class Budget:
    """A wall-clock deadline for one extraction; `check()` raises when it has passed."""

    seconds: float
    started: float = field(default_factory=time.monotonic)

    def check(self, stage: str) -> None:
        if time.monotonic() - self.started > self.seconds:
            raise ExtractionError(
                f"extraction took longer than {self.seconds:g} s (during {stage}); "
                "raise ExtractSettings.time_budget_s for very large pages"
            )


def flatten_deep(text: str, max_depth: int) -> str:
    """Remove tags nested deeper than `max_depth`, keeping their text.

    Depth is counted naively (every non-void open tag opens a level, a close tag closes
    one), which over-counts on pages with unclosed <p>/<li>; that only costs some structure
    past the cap, never text.
    """
    out: list[str] = []
    depth = 0
    last = 0
    for m in _TAG.finditer(text):
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if name in VOID_TAGS or selfclose:
            continue
        if closing:
            drop = depth > max_depth
            depth = max(0, depth - 1)
        else:
            depth += 1
            drop = depth > max_depth
        if drop:
            out.append(text[last : m.start()])
            last = m.end()
    out.append(text[last:])
    return "".join(out)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def _parse(text: str) -> tuple[HtmlElement | None, bool]:
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str with an encoding decl
    # No table of id attributes (collect_ids): nothing looks elements up by id.
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, huge_tree=True, no_network=True, collect_ids=False
    )
    try:
        root = etree.fromstring(text, parser)
    except (etree.ParserError, ValueError):
        return None, False
    too_deep = any("depth" in e.message for e in parser.error_log)
    if root is not None:
        _join_documents(root)
    return root, too_deep


def _join_documents(root: HtmlElement) -> None:
    """Move the content of later top-level <html> elements into the first one.

    A page assembled from server-side includes can close </html> after its header include
    (www.gov.cn's 国务院公报 pages: the article comes after a stray </html>). libxml2 then
    starts a second <html> beside the root, which no pass that starts at the root sees, while
    the XSLT text pass, which reads the whole document, would take its scripts and styles as
    text. The emptied element stays (lxml cannot remove a top-level sibling); it holds nothing.
    """
    head, body = root.find("head"), root.find("body")
    for extra in [el for el in root.itersiblings() if el.tag == "html"]:
        for part in list(extra):
            target = head if part.tag == "head" and head is not None else body
            if target is None:
                target = root
            if part.tag in ("head", "body"):
                _append_text(target, part.text)
                target.extend(list(part))
                _append_text(target, part.tail)
                extra.remove(part)
            else:
                target.append(part)
        _append_text(body if body is not None else root, extra.text)
        extra.text = extra.tail = None


def _append_text(parent: HtmlElement, text: str | None) -> None:
    """Add `text` after the last child of `parent` (or as its text when it has none)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def parse(text: str, settings: ExtractSettings, budget: Budget) -> HtmlElement | None:
    """Parse; None when the text holds no document at all."""
    if not text or text.isspace():
        return None
    root, too_deep = _parse(text)
    if too_deep:
        root, _ = _parse(flatten_deep(text, settings.max_depth))
    budget.check("parsing")
    if root is None:
        return None
    count = int(number(_COUNT(root)))
    if count > settings.max_elements:
        raise ExtractionError(
            f"page has {count} elements, over the cap of {settings.max_elements} "
            "(ExtractSettings.max_elements)"
        )
    return root


def elements(result: object) -> list[HtmlElement]:
    """The elements in an XPath result (lxml types it as any XPath value)."""
    if not isinstance(result, list):
        return []
    return [el for el in result if isinstance(el, etree._Element)]


def number(result: object) -> float:
    """An XPath number result as a float (0.0 for anything else)."""
    return float(result) if isinstance(result, int | float) else 0.0


def drop_tree(el: HtmlElement) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def text_of(el: HtmlElement) -> str:
    """All text inside an element (C-level)."""
    return str(etree.tostring(el, method="text", encoding="unicode", with_tail=False))


def attribute_values(result: object) -> list[etree._ElementUnicodeResult]:
    if not isinstance(result, list):
        return []
    return [v for v in result if isinstance(v, etree._ElementUnicodeResult)]


def hidden_elements(root: HtmlElement) -> list[HtmlElement]:
    """Elements marked hidden, aria-hidden="true", or styled display:none/visibility:hidden.

    Asks XPath for the attributes (few) rather than testing every element in Python.
    """
    found: list[HtmlElement] = []
    for value in attribute_values(_FLAGS(root)):
        if value.attrname == "style":
            low = value.lower()
            hidden = ("none" in low or "hidden" in low) and _HIDDEN_STYLE.search(low) is not None
        else:
            hidden = value.attrname == "hidden" or value == "true"
        if hidden and (el := value.getparent()) is not None:
            found.append(el)
    return found


def drop_all(doomed: list[HtmlElement]) -> None:
    """Drop each element (never the page's html or body) with its content."""
    for el in doomed:
        if el.tag not in ("html", "body"):
            drop_tree(el)

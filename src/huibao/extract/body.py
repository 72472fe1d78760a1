"""Find the article's body in a cleaned tree: the nodes that hold it.

Readability's idea (paragraphs vote for the containers they sit in) with what Chinese CMS
pages need: direct text in <td>/<div> separated by <br> counts as paragraphs (2005-era
portals and government sites rarely use <p>), CJK characters weigh double, full-width
punctuation counts, and class/id names in pinyin (zw, neirong, xiangguan, tuijian) are read.
Written for speed: the elements with text come from one XPath query (C); Python touches only
them and their few ancestors, never every element of the page; the cheapest tests come first
(most owners are menu items too short to vote), and an element's text is measured only when
it holds a link. The chosen nodes are cut into blocks by `huibao.extract.lines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from huibao.extract.html import HtmlElement, number
from huibao.extract.names import FURNITURE_TAGS, class_weight, is_furniture_name

INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "big",
        "cite",
        "code",
        "em",
        "font",
        "i",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "s",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
# Paragraph-like elements: their text votes for their parent. Any other block element with
# direct text (a <td> or <div> of <br>-separated lines) is its own container.
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "dd", "li", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "center",
        "form",
        "fieldset",
        "address",
        "hr",
        "main",
        "aside",
        "nav",
        "caption",
    ]
)
TAG_BONUS = {
    "div": 5,
    "article": 10,
    "td": 3,
    "pre": 3,
    "blockquote": 3,
    "section": 3,
    "form": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "li": -3,
    "th": -5,
    "body": -5,
}
MIN_PARAGRAPH = 20  # weighted characters a paragraph needs to vote
MAX_PRUNED_SHARE = 0.3  # a container with more of the page's text than this is never pruned

PUNCTUATION = '，。！？；：、,.!?;:“”"'
_PUNCT = re.compile(f"[{re.escape(PUNCTUATION)}]")
_ASCII_PUNCTUATION = "".join(c for c in PUNCTUATION if c.isascii())
_ASCII_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"  # what str.split() splits ASCII on
_TEXT_LEN = etree.XPath("string-length(normalize-space())")
# `/descendant::` rather than `//` (descendant-or-self::node()/child::, which steps to every
# node and then to its children): the same nodes in the same order, an eighth less work.
_TEXTS = etree.XPath("/descendant::text()[normalize-space()][not(ancestor::a)]")


def weighted_len(text: str) -> int:
    """Visible length with CJK characters (3 bytes in UTF-8) counted double."""
    if text.isascii():  # counting spaces is several times cheaper than splitting on them
        if text.isprintable():  # then a space is its only whitespace: one count, not ten
            return len(text) - text.count(" ")
        return len(text) - sum(map(text.count, _ASCII_SPACES))
    # Only a space or a non-printable character can be whitespace: most CJK text has neither.
    compact = text if " " not in text and text.isprintable() else "".join(text.split())
    return len(compact) + (len(compact.encode("utf-8", "replace")) - len(compact)) // 2


def punct_count(text: str) -> int:
    """Sentence punctuation marks in `text`."""
    if text.isascii():
        return sum(map(text.count, _ASCII_PUNCTUATION))
    return len(_PUNCT.findall(text))


def own_text(el: HtmlElement) -> str:
    """The element's direct text: its .text and the tails of its children."""
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el)
    return "".join(parts)


def is_element(node: object) -> bool:
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


def text_len(el: HtmlElement) -> int:
    """Length of the element's whitespace-normalised text.

    A leaf is measured in Python (most links and paragraphs are leaves); anything else by
    XPath, in C, which costs a few microseconds a call but never walks the subtree in Python.
    """
    if len(el) == 0:
        text = el.text
        return len(" ".join(text.split())) if text else 0
    return int(number(_TEXT_LEN(el)))


@dataclass(slots=True)
class Lengths:
    """Plain text length and link-text length of an element."""

    text: float
    link: float

    @property
    def link_density(self) -> float:
        return self.link / self.text if self.text else 0.0


class Page:
    """Lengths and furniture tests of elements, computed once each and only when asked for.

    Only the elements that hold text and their ancestors are ever asked about, so a
    5,000-element page costs a few hundred lookups rather than a pass over every element.
    """

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self._lengths: dict[HtmlElement, Lengths] = {}
        self._furniture: dict[HtmlElement, bool] = {}
        self._links: dict[HtmlElement, int] = {}
        self._total: int | None = None

    @property
    def total(self) -> int:
        """Length of the body's text, measured when first asked for: only an element with a
        furniture name needs it, and most pages never ask (22 of 30 on zh-extract-dev)."""
        if self._total is None:
            body = self.root.find("body")
            self._total = text_len(body if body is not None else self.root)
        return self._total

    def lengths(self, el: HtmlElement) -> Lengths:
        found = self._lengths.get(el)
        if found is None:
            found = Lengths(text_len(el), self._link_len(el))
            self._lengths[el] = found
        return found

    def link_density(self, el: HtmlElement) -> float:
        """Share of the element's text inside links (its text is measured only when it
        holds a link at all: most paragraphs hold none). A leaf holds none, and `len` tells
        so without making a descendant iterator."""
        if len(el) == 0 or (
            el not in self._lengths and next(el.iterdescendants("a"), None) is None
        ):
            return 0.0
        return self.lengths(el).link_density

    def _link_len(self, el: HtmlElement) -> int:
        """Text length of the links inside `el`, each link measured once per page."""
        total = 0
        links = self._links
        for a in el.iterdescendants("a"):
            size = links.get(a)
            if size is None:
                size = links[a] = text_len(a)
            total += size
        return total

    def in_furniture(self, el: HtmlElement) -> bool:
        """True when `el` or an ancestor is navigation, a sidebar, a footer or similar."""
        chain: list[HtmlElement] = []
        node: HtmlElement | None = el
        verdict = False
        while node is not None:
            known = self._furniture.get(node)
            if known is not None:
                verdict = known
                break
            chain.append(node)
            if self._is_furniture(node):
                verdict = True
                break
            node = node.getparent()
        for item in chain:
            self._furniture[item] = verdict
        return verdict

    def skipped(self, nodes: list[HtmlElement]) -> list[HtmlElement]:
        """Furniture inside the chosen nodes (a share bar, a related-links box), to be left
        out of the body while the text after it stays; all of a node's child elements when
        the node itself sits in furniture.
        """
        found: list[HtmlElement] = []
        for node in nodes:
            if self.in_furniture(node):
                found.extend(child for child in node.iterchildren(etree.Element))
            else:
                # Inside a node that is not furniture, an element is in furniture when it or an
                # element between it and the node is; marking each one that is furniture
                # itself leaves out the same text (the marks nest).
                found.extend(el for el in node.iterdescendants(etree.Element) if self._named(el))
        return found

    def _named(self, el: HtmlElement) -> bool:
        """`_is_furniture`, after the C-level tests that clear most elements: only a
        furniture tag or a class, id or role can make an element furniture. One keys() call
        (an empty list for most elements) is cheaper than three get()s; an empty class
        passes it and is then cleared by `_is_furniture`."""
        names = el.keys()
        tagged = el.tag in FURNITURE_TAGS or (
            bool(names) and ("class" in names or "id" in names or "role" in names)
        )
        return tagged and self._is_furniture(el)

    def _is_furniture(self, el: HtmlElement) -> bool:
        if el.tag in ("body", "html", "a") or not is_furniture_name(el):
            return False
        # A container holding a large share of the page's text is never furniture, whatever
        # its name: wrappers called "page has-sidebar" hold the article (readability
        # retries without pruning for the same reason).
        return self.lengths(el).text <= MAX_PRUNED_SHARE * self.total


def _paragraph_owner(el: HtmlElement) -> HtmlElement | None:
    """The nearest block element holding `el`'s direct text."""
    node: HtmlElement | None = el
    while node is not None and node.tag in INLINE_TAGS:
        node = node.getparent()
    return node


def _texts_by_owner(root: HtmlElement) -> dict[HtmlElement, list[str]]:
    """The non-blank text pieces outside links, grouped by the block element holding them.

    One XPath query (C) returns the text nodes themselves, each knowing its element, which
    is cheaper than asking for the elements and gathering their text in Python.
    """
    texts: dict[HtmlElement, list[str]] = {}
    for piece in _TEXTS(root):  # type: ignore[union-attr]
        if not isinstance(piece, etree._ElementUnicodeResult):
            continue
        el = piece.getparent()
        if piece.is_tail and el is not None:
            el = el.getparent()  # text after a child belongs to the child's parent
        owner = _paragraph_owner(el) if el is not None else None
        if owner is not None:
            texts.setdefault(owner, []).append(piece)
    return texts


def score_candidates(page: Page) -> dict[HtmlElement, float]:
    """Let every paragraph vote for the container it sits in and two levels above."""
    texts = _texts_by_owner(page.root)
    scores: dict[HtmlElement, float] = {}
    for owner, parts in texts.items():
        # Cheapest tests first: most owners (menu items, labels) are too short to vote, and
        # a text's weighted length is at most twice its length.
        if 2 * sum(map(len, parts)) < MIN_PARAGRAPH:
            continue
        size = sum(map(weighted_len, parts))
        if size < MIN_PARAGRAPH or page.in_furniture(owner):
            continue
        if page.link_density(owner) >= 0.5:
            continue
        vote = 1 + sum(map(punct_count, parts)) + min(size / 100, 3)
        start = owner.getparent() if owner.tag in PARAGRAPH_TAGS else owner
        level = 0
        while start is not None and level < 3:
            if start not in scores:
                scores[start] = TAG_BONUS.get(start.tag, 0) + class_weight(start)
            scores[start] += vote / (level + 1)
            start = start.getparent()
            level += 1
    return _discount_links(page, scores)


def _discount_links(page: Page, raw: dict[HtmlElement, float]) -> dict[HtmlElement, float]:
    """Scores times (1 - link density), computing densities only where they can matter.

    Discounting only lowers a score, so once the raw scores left are below the best
    discounted one, the rest keep their raw score as an upper bound and cannot win.
    """
    final = dict(raw)
    best = float("-inf")
    for el in sorted(raw, key=raw.__getitem__, reverse=True):
        if raw[el] < best:
            break
        final[el] = raw[el] * (1 - page.link_density(el))
        best = max(best, final[el])
    return final


def choose_nodes(page: Page) -> list[HtmlElement]:
    """The best container and the siblings that belong with it."""
    scores = score_candidates(page)
    if not scores:
        return []
    top = max(scores, key=lambda el: scores[el])
    best = scores[top]
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(10.0, best * 0.2)
    chosen = []
    for sib in parent:
        if not is_element(sib) or page.in_furniture(sib):
            continue
        score = scores.get(sib, 0)
        # A sibling joins when it scores well and is not a link list; table cells next to
        # the article are usually sidebars, so they need half the top score.
        strong = score >= best * 0.5 or (
            score >= threshold and page.link_density(sib) < 0.3 and sib.tag != "td"
        )
        if sib is top or strong or _looks_like_paragraph(sib, page):
            chosen.append(sib)
    return chosen


def _looks_like_paragraph(el: HtmlElement, page: Page) -> bool:
    """Readability's test for a stray sibling paragraph (a <p>, or a <div> used as one)."""
    if el.tag not in {"p", "div", "pre", "blockquote"}:
        return False
    if el.tag == "div" and any(is_element(c) and c.tag in BLOCK_TAGS for c in el):
        return False
    size = page.lengths(el)
    if size.text > 80 and size.link_density < 0.25:
        return True
    text = own_text(el).strip()
    return size.text > 0 and size.link == 0 and text[-1:] in '。.！？!?”"'


@dataclass(slots=True)  # not frozen: a frozen one costs three times as much to make
class Block:
    """A run of text between block boundaries, with how much of it is link text."""

    text: str
    link: int = 0


_IDEOGRAPHIC_SPACE = "\u3000"
# Stands in for U+3000 while str.split() collapses the other spaces: a noncharacter (no real
# text holds one) in the BMP, so that Chinese text is not widened to four bytes a character
# and back, as it was with U+F0000.
_KEEP = "\ufdef"
TRIMMED = " \u3000"  # what `normalise` trims from the ends of collapsed text


def collapse_spaces(text: str) -> str:
    """Every run of whitespace (zero-width spaces and BOMs too) as one space; U+3000 kept.

    str.split() does this in C, several times faster than a regex on long text. Chinese
    paragraphs indent with U+3000, which is kept inside the text and trimmed at the ends.
    """
    if " " not in text and text.isprintable():
        return text  # no whitespace at all (every other kind is non-printable)
    if _IDEOGRAPHIC_SPACE in text:  # (a page's own U+FDEF, a noncharacter, is dropped)
        text = text.replace(_KEEP, "").replace(_IDEOGRAPHIC_SPACE, _KEEP)
    text = " ".join(text.replace("\u200b", " ").replace("\ufeff", " ").split())
    return text.replace(_KEEP, _IDEOGRAPHIC_SPACE) if _KEEP in text else text


def normalise(text: str) -> str:
    """Collapse whitespace (full-width spaces only at the ends)."""
    return collapse_spaces(text).strip(TRIMMED)


_LETTER = re.compile(r"[^\W\d_]")
_ICON_OR_BARE = re.compile(r"[\ue000-\uf8ff]|^\D*$")  # an icon-font glyph, or no digit at all
MIN_SYMBOLIC = 20  # a shorter block with no letter that is an icon or bare punctuation


def keep_block(block: Block) -> bool:
    size = weighted_len(block.text)
    if size == 0:
        return False
    if size < MIN_SYMBOLIC and not _LETTER.search(block.text) and _ICON_OR_BARE.search(block.text):
        return False
    return not (
        block.link and block.link / size > 0.5 and (size < 200 or punct_count(block.text) < 3)
    )

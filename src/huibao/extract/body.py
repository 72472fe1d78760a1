"""Find the article's body in a cleaned tree and cut it into paragraphs.

Readability's idea (paragraphs vote for the containers they sit in) with what Chinese CMS
pages need: direct text in <td>/<div> separated by <br> counts as paragraphs (2005-era
portals and government sites rarely use <p>), CJK characters weigh double, full-width
punctuation counts, and class/id names in pinyin (zw, neirong, xiangguan, tuijian) are read.
Written for speed: lengths come from XPath (C), and Python only touches the elements that
hold text and their few ancestors, never every element of the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import ahocorasick
from lxml import etree

from huibao.extract.html import HtmlElement, elements, number

# Class/id words of article containers (readability's list, plus pinyin and Chinese CMS
# names: TRS_Editor on government portals, zoom/fontzoom on 2005 portals, zw = 正文).
POSITIVE = re.compile(
    r"article|content|main|body|text|entry|post|story|detail|artic|cont|zoom|"
    r"\bzw\b|neirong|wenzhang|trs_editor|endtext|newstext|news_txt|blog|page",
    re.I,
)
# Class/id words of everything around it.
NEGATIVE = re.compile(
    r"comment|footer|foot\b|sidebar|side|nav|menu|breadcrumb|crumb|share|social|related|"
    r"relate|recommend|tuijian|xiangguan|paihang|\bhot|rank|advert|(?:^|[-_ ])ads?(?:[-_ ]|$)|"
    r"banner|promo|copyright|sponsor|widget|popup|login|subscribe|toolbar|pagination|pager|"
    r"tags?\b|bottom|header|top-?bar|masthead|caption-credit|byline|author|meta|dateline",
    re.I,
)
# Readability's "unlikely candidates", with Chinese CMS furniture in pinyin, tested as
# substrings of the lower-cased class and id (faster than one big regex alternation, which
# costs tens of microseconds on the long utility-class lists of modern pages)...
UNLIKELY_WORDS = (
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "newsletter",
    "subscribe",
    "promo",
    "widget",
    "share",
    "toolbar",
    "recommend",
    "tuijian",
    "xiangguan",
    "paihang",
    "copyright",
    "friendlink",
)
# ...unless the same name also says it may hold the article.
MAYBE_WORDS = (
    "and",
    "article",
    "body",
    "column",
    "content",
    "main",
    "shadow",
    "text",
    "zoom",
    "zw",
)
_UNLIKELY, _MAYBE = frozenset(UNLIKELY_WORDS), frozenset(MAYBE_WORDS)


def _automaton(words: tuple[str, ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_NAME_WORDS = _automaton(UNLIKELY_WORDS + MAYBE_WORDS)  # built once; read-only afterwards
UNLIKELY_ROLES = (
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
    "banner",
    "contentinfo",
    "search",
)
FURNITURE_TAGS = frozenset({"nav", "aside", "footer"})
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
CLASS_WEIGHT = 25
MAX_PRUNED_SHARE = 0.3  # a container with more of the page's text than this is never pruned
LINK_LEN = "data-hb-len"

_PUNCT_DELETE = str.maketrans("", "", '，。！？；：、,.!?;:“”"')
_TEXT_LEN = etree.XPath("string-length(normalize-space())")
_LINK_SUM = etree.XPath(f"sum(.//a/@{LINK_LEN})")
_OWNERS = etree.XPath("//*[text()[normalize-space()]][not(ancestor-or-self::a)]")


def weighted_len(text: str) -> int:
    """Visible length with CJK characters (3 bytes in UTF-8) counted double."""
    compact = "".join(text.split())
    return len(compact) + (len(compact.encode("utf-8", "replace")) - len(compact)) // 2


def punct_count(text: str) -> int:
    return len(text) - len(text.translate(_PUNCT_DELETE))


def own_text(el: HtmlElement) -> str:
    """The element's direct text: its .text and the tails of its children."""
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el)
    return "".join(parts)


def is_element(node: object) -> bool:
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


@dataclass(slots=True)
class Lengths:
    """Plain text length and link-text length of an element, from XPath."""

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
        for a in root.iter("a"):
            a.set(LINK_LEN, str(int(number(_TEXT_LEN(a)))))
        body = root.find("body")
        self.total = self.lengths(body if body is not None else root).text

    def lengths(self, el: HtmlElement) -> Lengths:
        found = self._lengths.get(el)
        if found is None:
            found = Lengths(number(_TEXT_LEN(el)), number(_LINK_SUM(el)))
            self._lengths[el] = found
        return found

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

    def _is_furniture(self, el: HtmlElement) -> bool:
        if el.tag in ("body", "html", "a"):
            return False
        if not is_furniture_name(el):
            return False
        # A container holding a large share of the page's text is never furniture, whatever
        # its name: wrappers called "page has-sidebar" hold the article (readability
        # retries without pruning for the same reason).
        return self.lengths(el).text <= MAX_PRUNED_SHARE * self.total


def class_weight(el: HtmlElement) -> int:
    names = f"{el.get('class', '')} {el.get('id', '')}"
    if not names.strip():
        return 0
    weight = 0
    if NEGATIVE.search(names):
        weight -= CLASS_WEIGHT
    if POSITIVE.search(names):
        weight += CLASS_WEIGHT
    return weight


def is_furniture_name(el: HtmlElement) -> bool:
    """Readability's unlikely-candidate test on one element's tag, role, class and id."""
    if el.tag in FURNITURE_TAGS or (el.get("role") or "").lower() in UNLIKELY_ROLES:
        return True
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    names = f"{cls or ''} {ident or ''}".lower()
    found = {word for _, word in _NAME_WORDS.iter(names)}
    return bool(found & _UNLIKELY) and not found & _MAYBE


def _paragraph_owner(el: HtmlElement) -> HtmlElement | None:
    """The nearest block element holding `el`'s direct text."""
    node: HtmlElement | None = el
    while node is not None and node.tag in INLINE_TAGS:
        node = node.getparent()
    return node


def score_candidates(page: Page) -> dict[HtmlElement, float]:
    """Let every paragraph vote for the container it sits in and two levels above."""
    text: dict[HtmlElement, list[int]] = {}
    for el in elements(_OWNERS(page.root)):
        owner = _paragraph_owner(el)
        if owner is None or page.in_furniture(owner):
            continue
        direct = own_text(el)
        acc = text.setdefault(owner, [0, 0])
        acc[0] += weighted_len(direct)
        acc[1] += punct_count(direct)
    scores: dict[HtmlElement, float] = {}
    for owner, (size, punct) in text.items():
        if size < MIN_PARAGRAPH or page.lengths(owner).link_density >= 0.5:
            continue
        vote = 1 + punct + min(size / 100, 3)
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
        final[el] = raw[el] * (1 - page.lengths(el).link_density)
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
            score >= threshold and page.lengths(sib).link_density < 0.3 and sib.tag != "td"
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


@dataclass(slots=True)
class Block:
    """A run of text between block boundaries, with how much of it is link text."""

    text: str = ""
    link: int = 0
    parts: list[str] = field(default_factory=list)

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link += weighted_len(text)


def blocks(nodes: list[HtmlElement], page: Page | None = None) -> Iterator[Block]:
    """Cut the chosen nodes into text blocks at block-level boundaries and <br>.

    With a `page`, furniture inside the nodes (a share bar, a related-links box) is skipped;
    the text after it still belongs to the article.
    """
    for node in nodes:
        current = Block()
        link_depth = 0
        skipping: HtmlElement | None = None
        for event, el in etree.iterwalk(node, events=("start", "end")):
            if not isinstance(el.tag, str):
                continue
            if skipping is not None:
                if event == "end" and el is skipping:
                    skipping = None
                    current.add(el.tail, link_depth > 0)
                continue
            if event == "start" and el is not node and page and page.in_furniture(el):
                skipping = el
                continue
            if el.tag in BLOCK_TAGS:
                if current.parts:
                    yield _finish(current)
                current = Block()
            if event == "start":
                link_depth += el.tag == "a"
                current.add(el.text, link_depth > 0)
            else:
                link_depth -= el.tag == "a"
                if el is not node:
                    current.add(el.tail, link_depth > 0)
        if current.parts:
            yield _finish(current)


_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b\ufeff]+")


def normalise(text: str) -> str:
    """Collapse whitespace (full-width spaces only at the ends)."""
    return _WS.sub(" ", text).strip(" \u3000")


def _finish(block: Block) -> Block:
    block.text = normalise("".join(block.parts))
    return block


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

"""What an element's class and id say about it: article, furniture, comments, breadcrumb.

The words are tables (readability's lists, with the pinyin and CMS names of Chinese sites),
searched as substrings of the lower-cased names by Aho-Corasick automata (pyahocorasick, in
C): one big regex alternation per element cost up to 100 µs on the long utility-class lists
of modern pages. Cleaning asks about every container of the page at once (`ClassNames`: all
names joined into one string, searched in one pass); scoring asks about single elements.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate

import ahocorasick

from huibao.extract.html import HtmlElement


def automaton(words: Iterable[tuple[str, object]]) -> ahocorasick.Automaton:
    """An automaton that finds each word and reports the value paired with it."""
    found = ahocorasick.Automaton()
    for word, value in words:
        found.add_word(word, value)
    found.make_automaton()
    return found


# Class/id words of article containers (readability's list, plus pinyin and Chinese CMS
# names: TRS_Editor on government portals, zoom/fontzoom on 2005 portals, zw = 正文), as
# substrings of the lower-cased class and id...
POSITIVE_WORDS = (
    "artic",
    "cont",
    "main",
    "body",
    "text",
    "entry",
    "post",
    "story",
    "detail",
    "zoom",
    "neirong",
    "wenzhang",
    "trs_editor",
    "news_txt",
    "blog",
    "page",
)
# ...and of everything around it.
NEGATIVE_WORDS = (
    "comment",
    "footer",
    "side",
    "nav",
    "menu",
    "crumb",
    "share",
    "social",
    "relate",
    "recommend",
    "tuijian",
    "xiangguan",
    "paihang",
    "rank",
    "advert",
    "banner",
    "promo",
    "copyright",
    "sponsor",
    "widget",
    "popup",
    "login",
    "subscribe",
    "toolbar",
    "pagination",
    "pager",
    "bottom",
    "header",
    "topbar",
    "top-bar",
    "masthead",
    "caption-credit",
    "byline",
    "author",
    "meta",
    "dateline",
)
# Words that count only at a word boundary (zw, not zwei; ad, not header), each tried only
# when its letters occur at all: one regex alternation of all these words cost up to 100 µs
# on the long utility-class lists of modern pages.
POSITIVE_PATTERNS = (("zw", re.compile(r"\bzw\b")),)
NEGATIVE_PATTERNS = (
    ("foot", re.compile(r"foot\b")),
    ("hot", re.compile(r"\bhot")),
    ("ad", re.compile(r"(?:^|[-_ ])ads?(?:[-_ ]|$)")),
    ("tag", re.compile(r"tags?\b")),
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


# Built once; read-only afterwards. Each hit says whether its word is unlikely (negative)
# or may hold the article (positive).
_NAME_WORDS = automaton([(w, False) for w in MAYBE_WORDS] + [(w, True) for w in UNLIKELY_WORDS])
_CLASS_WORDS = automaton([(w, False) for w in POSITIVE_WORDS] + [(w, True) for w in NEGATIVE_WORDS])
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
CLASS_WEIGHT = 25


def class_weight(el: HtmlElement) -> int:
    names = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if not names.strip():
        return 0
    negative = positive = False
    for _, is_negative in _CLASS_WORDS.iter(names):
        if is_negative:
            negative = True
        else:
            positive = True
        if negative and positive:
            break
    negative = negative or _any_pattern(NEGATIVE_PATTERNS, names)
    positive = positive or _any_pattern(POSITIVE_PATTERNS, names)
    return CLASS_WEIGHT * (positive - negative)


def _any_pattern(patterns: tuple[tuple[str, re.Pattern[str]], ...], names: str) -> bool:
    return any(word in names and pattern.search(names) for word, pattern in patterns)


def is_furniture_name(el: HtmlElement) -> bool:
    """Readability's unlikely-candidate test on one element's tag, role, class and id."""
    if el.tag in FURNITURE_TAGS or (el.get("role") or "").lower() in UNLIKELY_ROLES:
        return True
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    unlikely = False
    for _, is_unlikely in _NAME_WORDS.iter(f"{cls or ''} {ident or ''}".lower()):
        if not is_unlikely:
            return False  # a name that may hold the article clears it
        unlikely = True
    return unlikely


@dataclass(frozen=True, slots=True)
class ClassNames:
    """Every element with a class or id, and those names lower-cased, one per line."""

    elements: list[HtmlElement]
    text: str
    ends: list[int]  # where each element's line ends in `text` (after its "\n")

    @classmethod
    def of(cls, root: HtmlElement, tags: Iterable[str]) -> ClassNames:
        """The names of the elements with these tags."""
        named: list[HtmlElement] = []
        names: list[str] = []
        for el in root.iter(*tags):
            class_, ident = el.get("class"), el.get("id")
            if class_ or ident:
                named.append(el)
                names.append(f"{class_ or ''} {ident or ''}\n")
        joined = "".join(names)
        lowered = joined.lower()
        if len(lowered) != len(joined):  # a rare character whose lower case is longer (İ)
            names = [name.lower() for name in names]
            lowered = "".join(names)
        return cls(named, lowered, list(accumulate(map(len, names))))

    def first_hits(self, words: ahocorasick.Automaton) -> Iterator[tuple[HtmlElement, object]]:
        """(element, value) of the first word found in each element's names."""
        pos = 0
        while (hit := next(words.iter(self.text, pos), None)) is not None:
            index = bisect_right(self.ends, hit[0])
            yield self.elements[index], hit[1]
            pos = self.ends[index]  # on to the next element's names

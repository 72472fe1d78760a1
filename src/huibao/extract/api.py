"""`extract(data, url, headers) -> Article`: the one entry point of the extraction stage."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from huibao.errors import ExtractionError
from huibao.extract import dates, metadata
from huibao.extract.body import Block, Page, choose_nodes, keep_block, normalise
from huibao.extract.boilerplate import is_boilerplate
from huibao.extract.clean import clean
from huibao.extract.encoding import Decoded, decode
from huibao.extract.html import Budget, HtmlElement, drop_tree, elements, parse, text_of
from huibao.extract.lines import page_text
from huibao.extract.pagination import next_pages
from huibao.extract.rules import Rules, select, select_text
from huibao.extract.settings import ExtractSettings
from huibao.model import Article, Image

# Machine-readable publication dates, most specific first (Open Graph, news CMS, Dublin Core).
META_DATE_NAMES = (
    "article:published_time",
    "og:published_time",
    "publishdate",
    "pubdate",
    "publish-date",
    "publish_date",
    "publishtime",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "og:release_date",
)
# When the page last changed: only the year is used, for dates shown without one (发布时间：
# 10-08 12:00 on Baidu's self-media pages, whose dateUpdate meta is the only year given).
META_MODIFIED_NAMES = ("article:modified_time", "og:updated_time", "dateupdate", "datemodified")
META_AUTHOR_NAMES = ("author", "article:author", "dc.creator", "byl", "parsely-author")
META_SOURCE_NAMES = ("source", "og:site_name_source", "contentsource", "mediaid")
MIN_TITLE = 4  # shorter <title>s (显示, 正文) name nothing
BYLINE_LEN = 50  # a short paragraph near the top may be a byline (本报记者张三发自北京)
LEAD_WINDOW = 60  # characters at the start of a paragraph that may hold its wire dateline
SENTENCE_END = re.compile(r"[。！？!?；;，,]|\.\s|\.$")
HEADER_WINDOW = 12  # text blocks before the body that may hold the byline and date
FOOTER_WINDOW = 8  # text blocks after it


@dataclass(frozen=True, slots=True)
class Zones:
    """Where bylines and dates may sit: before the body, in it, and just after it."""

    header: list[str]
    footer: list[str]
    paragraphs: list[str]
    after_title: list[tuple[str, bool]]


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page's <head> and JSON-LD say about itself, read before scripts are dropped."""

    title: str = ""
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    lang: str = ""
    modified: datetime | None = None


def extract(
    data: bytes | str,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    rules: Rules | None = None,
    settings: ExtractSettings | None = None,
) -> Article:
    """Extract the article from one page's raw bytes (or already-decoded text).

    Pure: no I/O, no clock but the time budget. Returns an empty `Article` (see
    `Article.is_empty`) when the input holds no document; raises `ExtractionError` when the
    input breaks a cap (size, element count, time) and `TypeError` for a non-text argument.
    """
    settings = settings or ExtractSettings()
    budget = Budget(settings.time_budget_s)
    decoded = _decode(data, headers, settings)
    root = parse(decoded.text, settings, budget)
    base = Article(url=url, encoding=decoded.encoding, encoding_signal=decoded.signal)
    if root is None:
        return base
    fetched = dates.fetch_time(
        dict(headers) if headers else None, dates.zone(settings.default_timezone)
    )
    return _extract_tree(root, base, rules or Rules(), settings, budget, fetched)


def _decode(
    data: bytes | str, headers: Mapping[str, str] | None, settings: ExtractSettings
) -> Decoded:
    if isinstance(data, str):
        if len(data) > settings.max_bytes:
            raise ExtractionError(_too_large(len(data), settings))
        return Decoded(data, "", "text")
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"extract() takes bytes or str, not {type(data).__name__}")
    raw = bytes(data)
    if len(raw) > settings.max_bytes:
        raise ExtractionError(_too_large(len(raw), settings))
    return decode(raw, dict(headers) if headers else None, settings)


def _too_large(size: int, settings: ExtractSettings) -> str:
    return (
        f"page is {size / 1e6:.1f} MB, over the {settings.max_bytes / 1e6:.1f} MB cap "
        "(ExtractSettings.max_bytes)"
    )


def _extract_tree(
    root: HtmlElement,
    base: Article,
    rules: Rules,
    settings: ExtractSettings,
    budget: Budget,
    fetched: datetime | None = None,
) -> Article:
    tz = dates.zone(settings.default_timezone)
    head = read_head(root, tz)
    crumbs = clean(root)
    for el in select(root, rules.drop):
        drop_tree(el)
    budget.check("cleaning")
    page = Page(root)
    nodes = select(root, rules.body) if rules.body else choose_nodes(page)
    budget.check("scoring")
    text = page_text(root, nodes, page.skipped(nodes))
    body_blocks, inner = _body_blocks(text.blocks)
    images = _images(nodes, base.url)
    lines = text.lines
    title, title_source, named_twice = _title(root, head, rules, lines)
    paragraphs = _without_title([b.text for b in body_blocks], title)
    start, end = _body_span(lines, paragraphs)
    if len(title) < MIN_TITLE and paragraphs and not named_twice:
        title = _title_before(root, lines, start) or _title_from_body(paragraphs) or title
        paragraphs = [p for p in paragraphs if p != title]
        start, end = _body_span(lines, paragraphs)
    header = _header_lines(lines, title, start)
    footer = inner + lines[end : end + FOOTER_WINDOW]
    zones = Zones(header, footer, paragraphs, _after_title(root, lines, title, start))
    return Article(
        url=base.url,
        title=title,
        published=_published(root, head, rules, zones, lines, base.url, tz, fetched),
        **_people(root, head, rules, title_source, zones),
        channel=_channel(crumbs, lines, start),
        body="\n".join(paragraphs),
        paragraphs=paragraphs,
        images=images,
        next_pages=next_pages(root, base.url),
        encoding=base.encoding,
        encoding_signal=base.encoding_signal,
        language=_language(head.lang, "\n".join(paragraphs) or title),
    )


def _meta(root: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def read_head(root: HtmlElement, tz: tzinfo) -> PageMeta:
    """Title, date, authors and language that the page declares for machines."""
    meta = _meta(root)
    title_el = root.find(".//title")
    title = (text_of(title_el) if title_el is not None else "") or meta.get("og:title", "")
    published = None
    for name in META_DATE_NAMES:
        if name in meta and (published := dates.parse_iso(meta[name], tz)):
            break
    ld = _json_ld(root)
    ld_date = ld.get("datePublished")
    if published is None and isinstance(ld_date, str):
        published = dates.parse_iso(ld_date, tz)
    if published is None:
        for t in root.iter("time"):
            if (value := t.get("datetime")) and (published := dates.parse_iso(value, tz)):
                break
    authors = tuple(a for a in (meta.get(n, "") for n in META_AUTHOR_NAMES) if a)
    lang = (root.get("lang") or meta.get("content-language", "")).lower()
    modified = next(
        (d for n in META_MODIFIED_NAMES if n in meta and (d := dates.parse_iso(meta[n], tz))), None
    )
    return PageMeta(title.strip(), published, authors, lang, modified)


def _json_ld(root: HtmlElement) -> dict[str, object]:
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and "datePublished" in item:
                return item
    return {}


def _title(
    root: HtmlElement, head: PageMeta, rules: Rules, lines: list[str]
) -> tuple[str, str, bool]:
    """The title, the outlet a trailing [来源] names, and whether both <title> and <h1> name it
    (then even a short one, 金锺国, is the title)."""
    if rules.title and (ruled := select_text(root, rules.title)):
        return (*metadata.split_title_source(ruled), False)
    headings = [line for line in lines if 4 <= len(line) <= 120]
    h1s = [t for t in (normalise(text_of(h)) for h in root.iter("h1")) if t]
    headings.extend(h1s)
    headings.extend(text_of(h) for h in root.iter("h2"))
    raw = head.title
    title = metadata.clean_title(raw, headings, h1s) if raw else ""
    if not title:
        title = h1s[0] if h1s else ""
    title = metadata.rejoin_title(title, lines, raw)
    source = ""
    for heading in headings:
        if not title or title not in heading:
            continue  # cheap test first: the heading must hold the title and then [来源]
        core, src = metadata.split_title_source(heading)
        if src and core == title:
            source = src
            break
    title = metadata.split_title_source(title)[0]
    return title, source, bool(title) and title in h1s and title in raw


def _without_title(paragraphs: list[str], title: str, most: int = 4) -> list[str]:
    """The paragraphs without the title: a line that repeats it, and the first paragraphs when
    they are the title set over several lines (rejoin_title). A short title is dropped only
    from the top: an encyclopedia entry's name (金锺国) recurs in its text as a table cell."""
    if len(title) >= MIN_TITLE:
        paragraphs = [p for p in paragraphs if p != title]
    elif paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    joined = ""
    for count, paragraph in enumerate(paragraphs[:most], 1):
        joined += paragraph
        if joined == title:
            return paragraphs[count:]
        if not title.startswith(joined):
            break
    return paragraphs


def _is_link(root: HtmlElement, text: str) -> bool:
    """Whether some link's whole text is `text` (a normalised line)."""
    first = text.split(" ", 1)[0]
    for a in root.iter("a"):
        raw = (a.text or "") if len(a) == 0 else text_of(a)
        if first in raw and normalise(raw) == text:
            return True
    return False


def _title_before(root: HtmlElement, lines: list[str], start: int) -> str:
    """A short, unlinked line just above the body, when <title> says nothing (<title>显示)."""
    for line in reversed(lines[max(0, start - 4) : start]):
        if MIN_TITLE <= len(line) <= 60 and not is_boilerplate(line) and not _is_link(root, line):
            return line
    return ""


def _title_from_body(paragraphs: list[str]) -> str:
    """A first paragraph that reads as a heading: short, with no sentence punctuation."""
    first = paragraphs[0]
    if len(paragraphs) > 1 and MIN_TITLE <= len(first) <= 60 and not SENTENCE_END.search(first):
        return first
    return ""


def _body_blocks(found: list[Block]) -> tuple[list[Block], list[str]]:
    """Body blocks, and the metadata lines (发表于…, 来源：…) dropped from inside the body."""
    kept: list[Block] = []
    meta: list[str] = []
    for block in found:
        if not keep_block(block):
            continue
        if is_boilerplate(block.text):
            meta.append(block.text)
            continue
        kept.append(block)
    return kept, meta


def _body_span(lines: list[str], paragraphs: list[str]) -> tuple[int, int]:
    """Indexes in `lines` of the first and one past the last body paragraph."""
    if not paragraphs:
        return len(lines), len(lines)
    first, last = paragraphs[0], paragraphs[-1]
    start = next((i for i, line in enumerate(lines) if line == first), None)
    if start is None:
        start = next((i for i, line in enumerate(lines) if line[:20] == first[:20]), 0)
    end = next((i for i in range(len(lines) - 1, start - 1, -1) if lines[i] == last), start)
    return start, end + 1


def _header_lines(lines: list[str], title: str, start: int) -> list[str]:
    title_at = None
    for i in range(min(start, len(lines)) - 1, -1, -1):
        if title and title in lines[i] and len(lines[i]) < len(title) + 40:
            title_at = i
            break
    lo = title_at if title_at is not None else max(0, start - HEADER_WINDOW)
    return lines[lo:start][-HEADER_WINDOW * 2 :]


def _after_title(
    root: HtmlElement, lines: list[str], title: str, start: int
) -> list[tuple[str, bool]]:
    """The two lines right under the title line, with whether each is a link."""
    for i in range(min(start, len(lines)) - 1, -1, -1):
        if title and lines[i].startswith(title):
            return [(line, _is_link(root, line)) for line in lines[i + 1 : i + 3]]
    return []


def _published(
    root: HtmlElement,
    head: PageMeta,
    rules: Rules,
    zones: Zones,
    lines: list[str],
    url: str | None,
    tz: tzinfo,
    fetched: datetime | None = None,
) -> datetime | None:
    if rules.published and (text := select_text(root, rules.published)):
        found = dates.find_dates(text, tz, dates.url_year(url))
        if found:
            return found[0].value
        if iso := dates.parse_iso(text, tz):
            return iso
    if head.published:
        return head.published
    year = dates.url_year(url)
    modified = head.modified if year is None else None  # its year completes 10-08 12:00
    if modified is not None:
        year = modified.year
    for zone in (zones.header, zones.footer):
        if found_date := _first_date(zone, tz, year) or dates.split_date(zone, tz):
            return dates.not_after(found_date, modified) if modified else found_date
    if fetched and (relative := dates.relative_date(zones.header, fetched)):
        return relative
    top = zones.header + zones.paragraphs[:3]
    dateline = [line for line in top if dates.YEAR_MONTH.fullmatch(line.strip())]
    if value := _year_month(dateline, tz):
        return value  # a line that is only "2003年5月" under a report's title
    if from_url := dates.url_date(url, tz):
        return from_url
    if value := _year_month(zones.header + zones.paragraphs[-1:] + zones.footer, tz):
        return value  # ——《北京之春》1996年6月号
    return _first_date(lines, tz, year)


def _year_month(lines: list[str], tz: tzinfo) -> datetime | None:
    for line in lines:
        if len(line) <= 60 and (value := dates.find_year_month(line, tz)):
            return value
    return None


def _first_date(lines: list[str], tz: tzinfo, year: int | None) -> datetime | None:
    for line in lines:
        if len(line) <= 200 and (found := dates.find_dates(line, tz, year)):
            return found[0].value
    return None


def _people(
    root: HtmlElement, head: PageMeta, rules: Rules, title_source: str, zones: Zones
) -> dict[str, Any]:
    """Authors, editors and the outlet, each from its own labels."""
    header, paragraphs, footer = zones.header, zones.paragraphs, zones.footer
    authors = _authors(root, head, rules, zones)
    source = _source(root, head, rules, title_source, zones)
    if not authors and metadata.looks_like_person(source):
        authors, source = [source], ""  # 来源：尹娟 - a CMS source field holding the writer
    editors = metadata.find_editors(footer + paragraphs[-3:] + header)
    return {"authors": authors, "editors": editors, "source": source}


def _authors(root: HtmlElement, head: PageMeta, rules: Rules, zones: Zones) -> list[str]:
    if rules.authors and (text := select_text(root, rules.authors)):
        return metadata.clean_names(re.sub(r"^.*?[：:]", "", text))
    paragraphs = zones.paragraphs
    bylines = paragraphs[:1] + [p for p in paragraphs[1:4] if len(p) <= BYLINE_LEN]
    # and the opening of the next two: the wire lead 新华社巴黎12月9日电（记者唐霁） may follow a
    # line that is no text (图集 on xinhuanet, a promotion on sina: zh-news-gne held-out pages)
    bylines += [p[:LEAD_WINDOW] for p in paragraphs[1:3] if len(p) > BYLINE_LEN]
    found = metadata.find_authors(zones.header + bylines + zones.footer + paragraphs[-2:])
    if found:
        return found
    found = (
        metadata.slash_byline(zones.header)[0]
        or metadata.trailing_byline(paragraphs[-2:])
        or metadata.lone_name(zones.after_title)
        or metadata.account_name(zones.after_title)
    )
    if found:
        return found
    found = [a for a in head.authors if _meta_person(a, head.title)][:1]
    if found:
        return found
    links = [
        (a.get("href", ""), text_of(a), _REL_AUTHOR(a) is True)
        for a in elements(_AUTHOR_LINKS(root))
    ]
    return metadata.author_link(links)


# Links that markup itself calls the author's: rel="author" (HTML's link type) and the author
# archive links of WordPress-style blogs (?author=102, /author/name/). Asked for last: a blog
# page names its owner nowhere else (blog.chinesenewsnet.com's [太小心]的博客, zh-extract-dev).
_REL_AUTHOR_TEST = "contains(concat(' ', normalize-space(@rel), ' '), ' author ')"
_REL_AUTHOR = etree.XPath(_REL_AUTHOR_TEST)
_AUTHOR_LINKS = etree.XPath(
    f"//a[{_REL_AUTHOR_TEST} or contains(@href, 'author=') or contains(@href, '/author/')]"
)


def _meta_person(name: str, title: str) -> bool:
    """A meta author that names a person: not the site (网易 in "…_网易财经"), an outlet
    (sina's article:author holds 新京报), an e-mail, an id number or a placeholder.
    """
    name = name.strip()
    if not metadata.looks_like_name(name):
        return False
    suffix = metadata.TITLE_SEPARATORS.split(title)[1:]
    return not any(name in part for part in suffix)


def _meta_outlet(head: PageMeta) -> str:
    """sina-style pages put the outlet in article:author; take it when it names one."""
    for name in head.authors:
        name = name.strip()
        if name and not _meta_person(name, head.title) and metadata.OUTLET_SUFFIX.search(name):
            return name
    return ""


def _source(
    root: HtmlElement,
    head: PageMeta,
    rules: Rules,
    title_source: str,
    zones: Zones,
) -> str:
    if rules.source and (text := select_text(root, rules.source)):
        return metadata.find_source([text]) or text
    header, paragraphs, footer = zones.header, zones.paragraphs, zones.footer
    return (
        metadata.find_source(header)
        or title_source
        or metadata.slash_byline(header)[1]
        or metadata.find_source(paragraphs[-3:] + footer + paragraphs[:1])
        or metadata.dated_outlet(zones.after_title)
        or _meta_outlet(head)
    )


def _channel(containers: list[HtmlElement], lines: list[str], start: int) -> list[str]:
    """The breadcrumb: a 当前位置 line above the body, else a container named like one."""
    for line in lines[: max(start, 1) + 1]:
        if "位置" in line and len(line) < 200 and (crumbs := metadata.parse_breadcrumb(line)):
            return crumbs
    for el in containers:
        links = [t for t in (normalise(text_of(a)) for a in el.iter("a")) if t]
        if 1 <= len(links) <= 8:
            return links
    return []


def _images(nodes: list[HtmlElement], url: str | None) -> list[Image]:
    images: list[Image] = []
    for node in nodes:
        for img in node.iter("img"):
            src = img.get("data-src") or img.get("data-original") or img.get("src") or ""
            if not src or src.startswith("data:"):
                continue
            caption = ""
            fig = next((a for a in img.iterancestors("figure")), None)
            if fig is not None and (cap := fig.find(".//figcaption")) is not None:
                caption = normalise(text_of(cap))
            caption = caption or (img.get("alt") or img.get("title") or "").strip()
            images.append(Image(urljoin(url, src) if url else src, caption))
    return images


_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Characters matched by a run pattern (runs, not characters, become strings)."""
    return sum(map(len, pattern.findall(text)))


def _language(declared: str, text: str) -> str:
    sample = text[:2000]
    if not sample.strip():
        return declared.split("-")[0] if declared else ""
    cjk = 0 if sample.isascii() else _count(_CJK_RUN, sample)
    # Every CJK character is a letter, so a sample that is 30% CJK needs no letter count.
    if cjk and (cjk > 0.3 * len(sample) or cjk / _count(_LETTER_RUN, sample) > 0.3):
        return "zh"
    if declared:
        return declared.split("-")[0]
    return "en" if sample.isascii() else ""


__all__ = ["etree", "extract"]

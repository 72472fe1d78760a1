"""Title, outlet (来源), authors, editors (责任编辑) and channel (breadcrumb) from page text.

GNE's users complain that it mixes the outlet and the editor into the author; here each has
its own label table and its own field. Label tables are data: each entry names the kind of
real page that taught it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from huibao.extract.boilerplate import DATE_LIKE

# 来源：新华网 / 稿源：人民日报 / 出处：... / 文章来源：... (government portals, 2005 portals).
SOURCE_LABEL = re.compile(
    r"(?:文章来源|信息来源|新闻来源|消息来源|稿件来源|来源|稿源|出处|转自|转载自|来自)\s*[：:]\s*"
    r"([^\s|｜/,，;；:：()（）\[\]【】<>]{2,40})"
)
# A trailing [中国法制新闻网] or 【人民网】 on the title line (reprints on small CMS sites).
TITLE_SOURCE = re.compile(r"^(.{4,}?)\s*[\[【]([^\[\]【】]{2,24})[\]】]\s*$")
# Words that end a source value (来源：新华网 作者：张三 → 新华网).
SOURCE_STOP = re.compile(r"(?:作者|记者|编辑|责任编辑|发布|时间|日期|浏览|点击|字号|来源|阅读).*$")

# A Chinese name: 2-4 characters, or a minority name with a middle dot (阿布都·热合曼).
_CN_NAME = r"[\u4e00-\u9fa5]{2,4}(?:[·•][\u4e00-\u9fa5]{1,8})?"
# A Latin name in Title Case (Joel Spolsky); lower-case words are rarely names in bylines.
_EN_NAME = r"[A-Z][a-zA-Z.'\-]{1,20}(?: [A-Z][a-zA-Z.'\-]{1,20}){0,2}"
_NAME = rf"{_CN_NAME}|{_EN_NAME}"
_NAMES = rf"(?:{_NAME})(?:(?:\s*[、，,;；和与/／]\s*|\s+)(?:{_NAME}))*"
# After 文/ and 执笔/ names may also be joined by & (执笔/叨叨姐、胡一刀&李小飞刀: huanqiu.com,
# zh-news-gne); elsewhere & belongs to a forum handle (作者： 放飞&心情, zh-extract-dev).
_AMP_NAMES = rf"(?:{_NAME})(?:(?:\s*[、，,;；和与/／&＆]\s*|\s+)(?:{_NAME}))*"
# A user handle after an explicit 作者： label (blogs and forums: 作者:zboygirl).
_HANDLE = r"[A-Za-z0-9_][A-Za-z0-9_.\-]{2,24}"
# What may follow a byline: a separator, a dateline, or the end. Names glued to more text
# (观察者网专栏作者, 对记者表示) are not names.
_END = r"(?=$|[\s，,。；;：:|/／)）\]】]|报道|摄|发自|供图|编辑|责编|来源)"
# After 记者 with no colon the name must be followed by a bracket, space or end, not by a
# comma: "对记者表示，" is speech, "（记者 胡晓蓉）" is a byline.
_REPORTER_END = r"(?=$|[\s)）\]】|/／]|报道|摄|发自)"

# Byline labels. 作者：/文/记者/通讯员 (news portals, blogs); "Posted by" (English blogs).
AUTHOR_LABELS: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"(?:作\s*者|撰\s*稿|撰文|执笔人?|发\s*表\s*者|楼主|发帖人)\s*[：:]\s*({_NAMES}|{_HANDLE}){_END}"
    ),
    re.compile(rf"({_NAME})\s*[\[【]?\s*作者简介"),  # 太小心 [作者简介] (blog sidebars)
    re.compile(rf"本[贴帖]由\s*({_NAME}?)\s*于"),  # 本贴由大卫于2005年8月12日…发表 (old forums)
    re.compile(
        rf"(?:^|[\s（(【\[，,。；;|])\S{{0,12}}?(?<!图片)(?<!摄影)(?:实习|特约|首席)?记者\s*[：:]?\s*"
        rf"({_NAMES}){_REPORTER_END}"
    ),
    # 作者 with no colon where a line or a field starts: "| 作者魏星" in a pipe-separated
    # header (csdn.net), "《棱镜》作者 周纯" after the column's name (qq.com), zh-news-gne.
    re.compile(rf"(?:^作者\s+|[|｜]\s*作者\s*|》\s*作者\s*)({_NAMES}){_END}"),
    re.compile(rf"(?:^|[\s（(【\[])(?:文|执笔)\s*[/／|｜]\s*({_AMP_NAMES}){_END}"),
    re.compile(rf"(?:^|[\s（(【\[])文\s*[：:]\s*({_NAMES}){_END}"),
    re.compile(rf"通讯员\s*[：:]?\s*({_NAMES}){_REPORTER_END}"),
    re.compile(rf"\b(?:[Pp]osted|[Ww]ritten)\s+by\s+({_NAME})"),
    re.compile(rf"^By\s+({_NAME}(?:\s*(?:,|and)\s*{_NAME})*)\s*$"),
)
# Words each label above cannot match without, tested first (a substring test costs far less
# than a regex search, and most lines hold no byline).
AUTHOR_HINTS: tuple[tuple[str, ...], ...] = (
    ("者", "撰", "执笔", "楼主", "发帖人"),
    ("作者简介",),
    ("本贴由", "本帖由"),
    ("记者",),
    ("作者",),
    ("文", "执笔"),
    ("文",),
    ("通讯员",),
    ("osted", "ritten"),
    ("By",),
)
assert len(AUTHOR_HINTS) == len(AUTHOR_LABELS)
SOURCE_HINTS = ("源", "出处", "转", "来自")  # SOURCE_LABEL cannot match without one
# Any hint of any label: a line holding none is dropped before the labels are tried, one
# search instead of a substring test per label (most lines of a header hold none).
_AUTHOR_HINT = re.compile("|".join(re.escape(word) for hints in AUTHOR_HINTS for word in hints))
_SOURCE_HINT = re.compile("|".join(map(re.escape, SOURCE_HINTS)))
# 责任编辑：张三 / [编辑:李四] / 责编 (every portal's article footer).
# The value runs to a separator or the end: a nickname of up to 8 characters (责任编辑：
# 棒棒不是糖, gamersky) or a staff handle (（责任编辑： HN666）, hexun), both zh-news-gne,
# where a 4-character name would cut it short; an id glued by "_" (杨倩_NF4425, 163.com) ends it.
_EDITOR_VALUE = rf"(?:{_NAMES}|[A-Za-z][A-Za-z0-9_.\-]{{1,24}}|[\u4e00-\u9fa5]{{2,8}})"
_EDITOR_END = r"(?=$|[\s，,。；;：:|/／)）\]】_]|来源|校对)"
EDITOR_LABEL = re.compile(
    rf"(?:责任编辑|责编|值班编辑|网络编辑|编辑|编审)\s*[：:]\s*({_EDITOR_VALUE}){_EDITOR_END}"
    rf"|[\[【(（]\s*(?:责任编辑|编辑|责编)\s*[：:]?\s*({_EDITOR_VALUE}){_EDITOR_END}"
)
# Trailing words glued to a name: 记者张三报道, 张三摄, 张三 发自北京.
# 本报记者罗科苏盈发自北京: the dateline glued to the name.
DATELINE = re.compile(r"发自[\u4e00-\u9fa5]{2,8}|(?<=\s)[\u4e00-\u9fa5]{2,6}报道")
PLACE_REPORT = re.compile(r"^[\u4e00-\u9fa5]{2,6}报道$|^发自")
NAME_SUFFIX = re.compile(
    r"(?:报道|摄影|摄|采写|整理|整合|编译|综合|通讯员|实习生|记者|编辑|供稿|文图|图文|讯|返回)$"
)
NAME_PREFIX = re.compile(r"^(?:本报|本刊)?(?:实习|特约|首席)?(?:记者|通讯员|实习生|编辑)")
NOT_NAMES = frozenset(
    [
        "本报",
        "本刊",
        "记者",
        "编辑",
        "通讯员",
        "作者",
        "来源",
        "新华社",
        "发布",
        "时间",
        "日期",
        "报道",
        "实习",
        "特约",
        "责任",
        "综合",
        "整理",
        "本报讯",
        "图片",
        "摄影",
        "网友",
        "佚名",
        "未知",
        "admin",
        "管理员",
        "系统管理员",  # 责任编辑：系统管理员 (a government CMS default, zh-news-gne)
        "我们",
        "他们",
        "有关",
        "相关",
        "方面",
        "一名",
        "一位",
        # words that follow 记者/作者 in running text or UI, not names
        "表示",
        "介绍",
        "获悉",
        "了解",
        "透露",
        "指出",
        "采访",
        "发现",
        "看到",
        "注意到",
        "昨天",
        "今天",
        "网络",
        "商讯",
        "分享",
        "分享到",
        "本站",
        "原创",
        "整合",
        "转载",
        "返回",
        "获取",
        "联系",
        "提问",
        "专栏",
        "专栏作者",
        "简介",
        "登录",
        "注册",
        "评论",
        "点击",
        "阅读",
    ]
)
# 当前位置：首页 > 新闻 > 国内 (government portals, 2011-era CMS).
BREADCRUMB_LABEL = re.compile(
    r"(?:您当前的位置|您当前位置|您的位置|当前位置|所在位置|你的位置|你现在的位置|您现在的位置|位置)\s*[：:]\s*"
)
BREADCRUMB_SEP = re.compile(r"\s*(?:>>|»|＞|>|→|/|›|－\s*>|\|)\s*")
WHITESPACE = re.compile(r"\s+")
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|-|—|–|::|·|»|›|«)\s*")


def split_title_source(title: str) -> tuple[str, str]:
    """柳南警方…新形象[中国法制新闻网] -> (柳南警方…新形象, 中国法制新闻网)."""
    if m := TITLE_SOURCE.match(title.strip()):
        return m.group(1).strip(), m.group(2).strip()
    return title.strip(), ""


def clean_title(raw: str, headings: Iterable[str], h1s: Sequence[str] = ()) -> str:
    """Drop "_频道_站名" suffixes: prefer a heading the <title> starts with, else its first part.

    `h1s` (the page's <h1> texts) name a title too short for the headings test when the
    <title> would otherwise give its last part, the site's name."""
    raw = WHITESPACE.sub(" ", raw).strip()
    parts = title_parts(raw)
    best = ""
    for heading in headings:
        head = heading[:4]
        if head not in raw and " " not in head and head.isprintable():
            continue  # cheap test first (no whitespace to collapse in it): most lines of a
            # page share nothing with its title
        text = WHITESPACE.sub(" ", heading).strip()
        if text[:4] not in raw:
            continue
        core = split_title_source(text)[0]
        if len(core) >= 4 and (core in raw or core.startswith(raw)) and len(core) > len(best):
            best = core
    if len(parts) >= 2 and best in (parts[-1], ""):
        # zh.wikipedia: <title>金锺国 - 维基百科，自由的百科全书</title> under <h1>金锺国</h1>; the
        # masthead line 维基百科，自由的百科全书 is the <title>'s last part, the <h1> another one.
        for h1 in h1s:
            if len(h1) >= 2 and h1 in parts[:-1]:
                return h1
    if best:
        return best
    if not parts:
        return raw
    first = parts[0]
    return first if len(first) >= 4 or len(parts) == 1 else max(parts, key=len)


def title_parts(raw: str) -> list[str]:
    """The parts of a <title> between its separators (标题_频道_站名 -> 标题, 频道, 站名)."""
    return [p for p in TITLE_SEPARATORS.split(WHITESPACE.sub(" ", raw).strip()) if p.strip()]


def rejoin_title(title: str, lines: Sequence[str], raw: str, most: int = 4) -> str:
    """The whole title when the page breaks it over consecutive lines and <title> holds it whole.

    A 公文 title is set in two or three centred lines (www.gov.cn 国务院公报: 全国人民代表大会
    常务委员会 / 关于批准财政部发行特别国债购买外汇及 / 调整2007年末国债余额限额的决议), and
    only one of them matches as a heading. The lines are joined only when together they
    are exactly the first part of the <title> (spaces aside), at most `most` of them.
    """
    parts = title_parts(raw)
    whole = WHITESPACE.sub("", parts[0]) if parts else ""
    if not title or len(whole) <= len(title) or WHITESPACE.sub("", title) not in whole:
        return title
    for at, line in enumerate(lines):
        if line != title:
            continue
        for lo in range(max(0, at - most + 1), at + 1):
            for hi in range(at + 1, min(len(lines), lo + most) + 1):
                joined = "".join(lines[lo:hi])
                if WHITESPACE.sub("", joined) == whole:
                    return joined
        break
    return title


def _has_any(line: str, words: tuple[str, ...]) -> bool:
    return any(word in line for word in words)


def find_source(lines: Iterable[str]) -> str:
    for line in lines:
        if _SOURCE_HINT.search(line) and (m := SOURCE_LABEL.search(line)):
            value = SOURCE_STOP.sub("", m.group(1)).strip(" ·-_")
            if len(value) >= 2 and not re.fullmatch(r"[\d\-:/. ]+", value):
                return value
    return ""


# Between names: 、 , ; 和 与 &, or a space that is not inside a Latin name (责编：Demi Xia on
# ednchina.com, zh-news-gne, is one editor; 张三 李四 are two writers).
NAME_SEPARATOR = re.compile(r"\s*[、，,;；和与&＆]\s*|(?<![A-Za-z.'\-])\s+|\s+(?![A-Za-z])")


def clean_names(raw: str) -> list[str]:
    """Split a byline into names, dropping labels and glued suffixes."""
    names: list[str] = []
    parts = NAME_SEPARATOR.split(raw.strip())
    for index, part in enumerate(parts):
        part = NAME_PREFIX.sub("", part.strip("·• "))
        if index and PLACE_REPORT.search(part):
            continue  # 记者 彭冲 山东冠县报道: the last word is where, not who
        while (stripped := NAME_SUFFIX.sub("", part)) != part:
            part = stripped
        if len(part) < 2 or part in NOT_NAMES or part in names:
            continue
        names.append(part)
    return names


def find_authors(lines: Iterable[str]) -> list[str]:
    """Names after the strongest byline label found: 作者： anywhere beats 记者 anywhere."""
    candidates = [
        DATELINE.sub(" ", line) if "发自" in line or "报道" in line else line
        for line in lines
        if len(line) <= 300
    ]
    candidates = [line for line in candidates if _AUTHOR_HINT.search(line)]
    for pattern, hints in zip(AUTHOR_LABELS, AUTHOR_HINTS, strict=True):
        for line in candidates:
            if _has_any(line, hints) and (m := pattern.search(line)):
                names = clean_names(BYLINE_STOP.sub("", m.group(1)))
                if names:
                    return names
    return []


# Words that end a byline (作者：赵婕 出自[人民文学出版社]).
BYLINE_STOP = re.compile(
    r"(?:出自|来源|来自|发布|时间|日期|责任编辑|编辑|阅读|点击|浏览|原标题|字号|更新).*$"
)
# A paragraph ending in （常书香 马丹阳）, （姚峰 上海报道） or （记者 胡晓蓉）: provincial portals.
TRAILING_BYLINE = re.compile(
    r"[（(]\s*(?:(?:本报|本台)?(?:实习)?记者|通讯员)?\s*"
    r"([\u4e00-\u9fa5]{2,3}(?:\s+[\u4e00-\u9fa5]{2,3}){0,3})"
    r"(?:\s*[\u4e00-\u9fa5]{2,6}报道)?\s*[)）]\s*$"
)
OUTLET_SUFFIX = re.compile(
    r"(?:网|报|社|台|刊|局|委|部|厅|院|办|站|会|司|处|所|中心|新闻|频道|杂志|电视|广播|政府|公司|集团|"
    r"大学|学院|协会|在线|日报|周刊|出版|传媒|媒体|网站|官微|发布|客户端|号|消息|资讯|财经|科技)$"
)


def looks_like_name(value: str) -> bool:
    """A byline-shaped value: a Chinese or Title-Case Latin name, not an outlet or a word."""
    if not value or value in NOT_NAMES or OUTLET_SUFFIX.search(value):
        return False
    return re.fullmatch(rf"{_NAME}", value) is not None


def looks_like_person(value: str) -> bool:
    """A 2-3 character Chinese value that is not an outlet name (来源：尹娟)."""
    return (
        re.fullmatch(r"[\u4e00-\u9fa5]{2,3}", value or "") is not None
        and OUTLET_SUFFIX.search(value) is None
        and value not in NOT_NAMES
    )


# Author archive links: ?author=102 or /author/jane-doe/ (WordPress and its kin). On a blog
# every category and month link carries the owner's &author=102 too (blog.chinesenewsnet.com,
# zh-extract-dev), while a link to another blogger's page appears once or twice.
AUTHOR_KEY = re.compile(r"[?&]author=([^&#]+)|/author/([^/?#]+)/?(?:[?#]|$)")
AUTHOR_ONLY = re.compile(r"\?author=[^&#]+#?$|/author/[^/?#]+/?$")  # the archive itself
# A link about the author (作者简介, More posts) or to a site admin's account names nobody.
AUTHOR_LINK_WORDS = re.compile(r"作者|博客|文章|专栏|更多|主页|简介|about|more|posts|admin", re.I)
AUTHOR_LINK_LEAD = 2  # the owner's key must be on this many times as many links as any other


def author_link(links: Iterable[tuple[str, str, bool]]) -> list[str]:
    """The article's author named by its author links (rel="author", author archives).

    `links` are (href, text, rel_author). rel="author" links must agree on one name; else
    the archive whose key most links carry, AUTHOR_LINK_LEAD times more than any other (a
    comment list linking each commenter says nothing), named by a link to the archive itself.
    A hand-written byline is not this: markup names the author, so a blog handle (zboygirl)
    counts as a name here.
    """
    rel_names: set[str] = set()
    keys: Counter[str] = Counter()
    key_names: dict[str, str] = {}
    for href, text, rel_author in links:
        text = text.strip().strip("[]【】")
        handle = re.fullmatch(_HANDLE, text) is not None and not text.isdigit()
        named = not AUTHOR_LINK_WORDS.search(text) and (looks_like_name(text) or handle)
        if rel_author:
            if named:
                rel_names.add(text)
            continue
        if (m := AUTHOR_KEY.search(href)) is None:
            continue
        key = m.group(1) or m.group(2)
        keys[key] += 1
        if named and AUTHOR_ONLY.search(href):
            key_names.setdefault(key, text)
    if rel_names:
        return sorted(rel_names) if len(rel_names) == 1 else []
    ranked = keys.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < AUTHOR_LINK_LEAD * ranked[1][1]):
        return []
    name = key_names.get(ranked[0][0])
    return [name] if name else []


def trailing_byline(paragraphs: Iterable[str]) -> list[str]:
    for paragraph in paragraphs:
        if (m := TRAILING_BYLINE.search(paragraph)) and (names := clean_names(m.group(1))):
            return names
    return []


# 石佳/中国青年报 on a line of its own under the title: the writer, then the outlet
# (thepaper.cn reprints, zh-news-gne). The outlet must end like one (报, 网, 社, ...).
SLASH_BYLINE = re.compile(rf"({_CN_NAME}(?:\s*[、，,]\s*{_CN_NAME})*)\s*[/／]\s*([^\s/／]{{2,20}})")


def slash_byline(lines: Iterable[str]) -> tuple[list[str], str]:
    """(writers, outlet) from a "name/outlet" line, or ([], "")."""
    for line in lines:
        if ("/" in line or "／" in line) and (m := SLASH_BYLINE.fullmatch(line.strip())):
            names = [n for n in clean_names(m.group(1)) if looks_like_name(n)]
            if names and OUTLET_SUFFIX.search(m.group(2)):
                return names, m.group(2)
    return [], ""


def lone_name(lines: Iterable[tuple[str, bool]]) -> list[str]:
    """An essay's author on a line of its own just under the title (比赛革命的革命 / 胡平).

    Lines are (text, is_link) pairs: a two-character link there is a menu item (登录), not a
    writer.
    """
    for text, is_link in lines:
        if not is_link and looks_like_person(text.strip()):
            return [text.strip()]
    return []


# A self-media account's name on its own line under the title, just above the line with the
# publication time (加拿大必读 / 发布时间：10-08 12:00 on Baidu's baijiahao pages, zh-news-gne).
ACCOUNT_NAME = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9]{2,8}")
TIME_LABEL = re.compile(r"^(?:发布时间|发布于|发表于|时间)\s*[：:]")


def account_name(lines: list[tuple[str, bool]]) -> list[str]:
    """The account above the time line, when it is no outlet (新华社 stays a source)."""
    if len(lines) < 2 or lines[0][1] or not TIME_LABEL.match(lines[1][0]):
        return []
    name = lines[0][0].strip()
    if ACCOUNT_NAME.fullmatch(name) and name not in NOT_NAMES and not OUTLET_SUFFIX.search(name):
        return [name]
    return []


# The outlet after the date with no label (2019年09月07日 04:04 北京日报: sina; 2019-09-07 · 苏皖
# 城市报道: 163's self-media) or alone on the line above it (新华社 / 2020-01-03 18:13:
# thepaper.cn), zh-news-gne. It must end like an outlet (报, 网, 社, 消息, ...).
DATED_OUTLET = re.compile(
    DATE_LIKE.pattern
    + r"\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*[·|｜]?\s*([\u4e00-\u9fa5A-Za-z]{2,12})"
)


def dated_outlet(lines: list[tuple[str, bool]]) -> str:
    """The outlet named on the date line under the title, or alone on the line above it."""
    texts = [text.strip() for text, _ in lines[:2]]
    for text in texts:
        if (m := DATED_OUTLET.fullmatch(text)) and OUTLET_SUFFIX.search(m.group(1)):
            return m.group(1)
    if len(texts) < 2 or lines[0][1] or not DATE_LIKE.match(texts[1]):
        return ""
    outlet = ACCOUNT_NAME.fullmatch(texts[0]) and OUTLET_SUFFIX.search(texts[0])
    return texts[0] if outlet else ""


def find_editors(lines: Iterable[str]) -> list[str]:
    for line in lines:
        if len(line) > 300 or "编" not in line:
            continue  # every editor label has 编
        if m := EDITOR_LABEL.search(line):
            names = clean_names(m.group(1) or m.group(2) or "")
            if names:
                return names
    return []


def parse_breadcrumb(text: str) -> list[str]:
    """您当前的位置:亲稳网 > 亲稳文化 > 亲稳政策 > -> [亲稳网, 亲稳文化, 亲稳政策]."""
    m = BREADCRUMB_LABEL.search(text) if "位置" in text else None
    if m is None:
        return []
    rest = text[m.end() :]
    items = [item.strip() for item in BREADCRUMB_SEP.split(rest)]
    out = []
    for item in items:
        if not item:
            continue
        if len(item) > 20:
            break
        out.append(item)
    return out if len(out) >= 1 else []

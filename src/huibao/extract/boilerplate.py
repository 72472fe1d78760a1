"""Lines that sit inside article containers but are not article text.

Each pattern names the kind of page it was seen on. A line is boilerplate only when it is
short: a long paragraph that happens to mention 分享 is still text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

BOILERPLATE_PARTS = (
    # portal footers: 责任编辑：… 来源：… 发布时间：…
    r"[\[【(（]?\s*(?:责任编辑|编辑|责编|来源|稿源|作者|记者|通讯员|发布时间|发布日期|更新时间|时间|日期)"
    r"\s*[：:].{0,60}",
    # blog post footers
    r"(?:发表于|发布于|发表时间|更新于|[Pp]osted (?:on|at|by)|Published|Updated)\s*[：:]?.{0,60}",
    # article navigation
    r"上一篇.*|下一篇.*|上一页.*|下一页.*|返回顶部|返回首页|回到顶部",
    # toolbars
    r".*(?:分享到|分享至|转发到|打印本页|打印此文|关闭窗口|关闭本页|收藏本页|加入收藏|纠错|我要纠错).*",
    # font-size switches
    r".*【\s*字[号体]\s*[：:]?.*|.*字号\s*[：:]?\s*[大中小].*|[大中小]\s+[大中小]\s+[大中小]",
    # related lists
    r"相关(?:新闻|阅读|文章|链接|报道|推荐|资讯)\s*[：:]?.*|延伸\s*[·•]?\s*(?:阅读|推荐).*|推荐阅读.*|"
    r"热点推荐.*|猜你喜欢.*",
    # mobile prompts
    r"[（(]?\s*(?:扫一扫|扫描二维码|长按识别|点击(?:这里|此处|查看|进入|看|放大)).*",
    # site footers and disclaimers (financial portals end every article with one)
    r".*(?:版权所有|Copyright|©|ICP备|ICP证|网安备).*",
    r"(?:免责)?声明\s*[：:].*|风险提示\s*[：:].*",
    # English sharing and promotion lines
    r"(?:Share|Tweet|Email|Print|Advertisement|ADVERTISEMENT|Related|Read more|Sign up|Subscribe)"
    r"\b.{0,40}",
)
BOILERPLATE = re.compile("^(?:" + "|".join(BOILERPLATE_PARTS) + ")$", re.I)
# Credits and notes around Chinese news text (163.com, sina, thepaper.cn, csdn.net and qq.com
# pages in zh-news-gne): （原标题：…） / 本文来源：… / 采写：… / 编辑 刘晓阳 校对 李铭 /
# 新京报记者 陆一夫 / 《棱镜》作者 周纯 / 摄影/张艳 编辑/苏芳 / 最后更新：… / 关键词 >> …
CREDIT_PARTS = (
    r"[（(]?\s*原(?:标题|题为?)\s*[：:]?.*",
    r"[（(]?\s*(?:本文|文章|信息)?(?:来源|来自|转自)\s*[：:].{0,60}|[（(]?\s*本文(?:来自|转自).{0,60}",
    r"(?:采写|校对|审校|执笔|文|图)\s*[：:/／].{0,40}",
    r"(?:(?:编辑|校对|责编|审校|摄影)\s+[\u4e00-\u9fa5]{2,4}\s*)+",
    r"\S{0,10}(?:记者|通讯员|作者)\s*[\u4e00-\u9fa5]{2,4}(?:[\s、，,]+[\u4e00-\u9fa5]{2,4}){0,3}",
    r"(?:\S{0,20}(?:供稿|摄影|编辑|审核|校对)\s*[/／：:]?\s*[\u4e00-\u9fa5]{0,4}\s*){2,}",
    r"最后更新\s*[：:].{0,40}|(?:文章)?(?:标签|关键[词字])\s*(?:[：:>》]+.{0,60})?",
)
_CREDIT = re.compile("|".join(f"(?:{part})" for part in CREDIT_PARTS))
# 本文为CSDN原创文章，未经允许不得转载 anywhere in a short line.
REPRINT_NOTE = re.compile(
    r"未经.{0,12}(?:授权|允许|许可).{0,8}(?:转载|复制|使用)|转载请注明|(?:不得|禁止|严禁|谢绝)转载"
)
# Each credit pattern needs one of these characters: a test that skips most lines. It is a
# one-character regex search, which sre scans for in C; `frozenset.isdisjoint(line)` made a
# string of every character of the line and cost three times as much.
CREDIT_CHARS = frozenset("原来转经采校审执文图编责摄最标关记讯作供影核")
_CREDIT_CHAR = re.compile(f"[{''.join(sorted(CREDIT_CHARS))}]")
# A short line with a date and a metadata label anywhere in it is a dateline, not text
# (2022.01.20 16:31 来源：河南日报客户端 - provincial news apps).
META_LABEL = re.compile(r"来源|作者|编辑|发布|浏览|阅读|点击|责编|稿源|时间|日期")
DATE_LIKE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
MAX_BOILERPLATE_LEN = 80


def _caseless(pattern: str) -> re.Pattern[str]:
    """`pattern` with its letters lower-cased (escapes such as \\S kept), compiled without
    IGNORECASE, for lower-cased lines: sre folds the case of every character it compares.
    """
    return re.compile(re.sub(r"\\.|[^\\]+", _lower_unescaped, pattern, flags=re.S))


def _lower_unescaped(match: re.Match[str]) -> str:
    return match[0] if match[0].startswith("\\") else match[0].lower()


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) of the grouping and alternation characters of a regex,
    skipping escapes and character classes; depth counts the groups open before it."""
    depth = i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1  # the escaped character is a literal
        elif char == "[":  # to the class's end; a ] right after [ or [^ belongs to it
            i += 2 if pattern[i + 1 : i + 2] == "^" else 1
            i += pattern[i : i + 1] == "]"
            while pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif char in "()|":
            depth -= char == ")"
            yield i, char, depth
            depth += char == "("
        i += 1


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex: `a|(b|c)d` -> [a, (b|c)d]."""
    cuts = [i for i, char, depth in _structure(pattern) if char == "|" and depth == 0]
    ends = [-1, *cuts, len(pattern)]
    return [pattern[start + 1 : end] for start, end in pairwise(ends)]


def _leaves(pattern: str) -> list[str]:
    """Alternatives of `pattern`, looking inside one group around all of it: (?:a|b) -> a, b."""
    if pattern.startswith("(?:"):
        closes = next(i for i, char, depth in _structure(pattern) if char == ")" and depth == 0)
        if closes == len(pattern) - 1:
            return _alternatives(pattern[3:-1])
    return _alternatives(pattern)


def _split(parts: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The table as two patterns for lower-cased one-line strings: the alternatives matched
    against the whole line, and the X of those written `.*X.*`, searched for anywhere.

    What it saves: sre tries `.*X.*` by backtracking from every end position (15,000
    instructions a line for the table); a search for a flat alternation whose branches
    start with literal characters skips to the possible first characters in C.
    """
    whole: list[str] = []
    anywhere: list[str] = []
    for part in parts:
        for alt in _alternatives(part):
            inner = alt[2:-2]
            plain = inner[:1] not in ("", "?", "*", "+", "{") and not inner.endswith("\\")
            if alt.startswith(".*") and alt.endswith(".*") and plain:
                anywhere.extend(_leaves(inner))
            else:
                whole.append(alt)
    return _caseless("|".join(whole)), _caseless("|".join(anywhere) or "(?!)")


_WHOLE, _ANYWHERE = _split(BOILERPLATE_PARTS)


def is_boilerplate(line: str) -> bool:
    """True for short toolbar, navigation, copyright and metadata lines."""
    if len(line) > MAX_BOILERPLATE_LEN:
        return False
    lowered = line.lower()
    # The split patterns on the lower-cased line match exactly what BOILERPLATE matches,
    # unless the line breaks (`.` stops there), a character changes length (İ) or one folds
    # to a letter of another case pair (ſ is s, ı is i): those take the pattern as written.
    if "\n" not in line and len(lowered) == len(line) and lowered.upper().lower() == lowered:
        found = _WHOLE.fullmatch(lowered) or _ANYWHERE.search(lowered)
    else:
        found = BOILERPLATE.match(line)
    if found is not None:
        return True
    if _CREDIT_CHAR.search(line) is not None and (
        _CREDIT.fullmatch(line) is not None or REPRINT_NOTE.search(line) is not None
    ):
        return True
    return DATE_LIKE.search(line) is not None and META_LABEL.search(line) is not None

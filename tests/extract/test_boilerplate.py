"""The fast path of `is_boilerplate` decides exactly as the table as written (BOILERPLATE)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from huibao.extract.boilerplate import (
    _ANYWHERE,
    _WHOLE,
    BOILERPLATE,
    BOILERPLATE_PARTS,
    _alternatives,
    _leaves,
    _split,
    is_boilerplate,
)

# Pieces of real lines (portal footers, toolbars, English share lines) and the characters
# whose case folding differs from str.lower() (ſ, ı, K, İ), with line breaks and U+3000.
PIECES = [
    "分享到",
    "打印本页",
    "关闭窗口",
    "【字号：大 中 小】",
    "字号",
    "大 中 小",
    "版权所有",
    "Copyright",
    "COPYRIGHT",
    "©",
    "ICP备",
    "icp证",
    "来源：",
    "责任编辑：张三",
    "上一篇",
    "相关新闻",
    "Share",
    "ſhare",
    "Posted on",
    "PUBLISHED",
    "2011-08-21",
    "ı",
    "İ",
    "\u212a",
    "x",
    " ",
    "\n",
    "\u3000",
    "：",
    "。",
    "柳南公安分局近日推出三大举措",
]


def _as_written(line: str) -> bool:
    return BOILERPLATE.match(line) is not None


def _fast(line: str) -> bool:
    lowered = line.lower()
    return bool(_WHOLE.fullmatch(lowered) or _ANYWHERE.search(lowered))


def _fast_path_taken(line: str) -> bool:
    lowered = line.lower()
    return "\n" not in line and len(lowered) == len(line) and lowered.upper().lower() == lowered


@pytest.mark.parametrize(
    "line",
    [
        "【字号：大 中 小】【打印本页】【关闭窗口】",
        "Copyright © 2011 柳南网 版权所有",
        "桂ICP备05012345号",
        "Share this article",
        "上一篇：柳南警方三大举措",
        "责任编辑：张三",
        "柳南公安分局近日推出三大举措，着力打造亲民公安新形象。",
    ],
)
def test_fast_path_agrees_with_the_table_on_real_lines(line: str) -> None:
    assert _fast_path_taken(line)
    assert _fast(line) == _as_written(line)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join))
def test_fast_path_agrees_with_the_table(line: str) -> None:
    assume(_fast_path_taken(line))
    assert _fast(line) == _as_written(line)


@pytest.mark.parametrize("line", ["\u017fhare this article", "x\n分享到", "分享到\n"])
def test_lines_the_fast_path_would_misread_take_the_table(line: str) -> None:
    assert not _fast_path_taken(line)
    assert is_boilerplate(line) == _as_written(line)


def test_alternatives_respect_groups_classes_and_escapes() -> None:
    assert _alternatives(r"a|(b|c)d|[|]x|\|y|[]|]z") == ["a", "(b|c)d", "[|]x", r"\|y", "[]|]z"]
    assert _leaves("(?:a|b)") == ["a", "b"]
    assert _leaves("(?:a|b)c(?:d)") == ["(?:a|b)c(?:d)"]


def test_anywhere_patterns_are_searched_not_backtracked() -> None:
    whole, anywhere = _split(BOILERPLATE_PARTS)
    assert ".*" not in anywhere.pattern.replace(r"\.*", "")
    assert anywhere.search("文章末尾 分享到：微博") is not None
    assert whole.fullmatch("上一篇：柳南") is not None

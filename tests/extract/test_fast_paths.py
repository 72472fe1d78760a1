"""Shortcuts taken for speed decide exactly as the slower code they replace."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.extract import encoding, metadata
from huibao.extract.encoding import _hopeless, _tolerable, hanzi_score
from huibao.extract.pagination import NEXT_FIRST, NEXT_TEXT

_ONE_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_ONE_COMMON = re.compile(f"[{''.join(sorted(encoding.COMMON_HANZI))}]")


def _score_one_by_one(text: str) -> float:
    """hanzi_score as first written: the first CJK characters found one at a time."""
    found = _ONE_CJK.findall(text[: encoding.SCORE_SCAN])[: encoding.SCORE_SAMPLE]
    if len(found) < encoding.MIN_SCORE_CHARS:
        return -1.0
    return len(_ONE_COMMON.findall("".join(found))) / len(found)


# Markup, CJK runs (common and rare characters), full-width punctuation and Latin-1 spaces.
_PIECES = st.sampled_from(
    ["<div class=x>", "</p>", " ", "\xa0", "，", "。", "的", "国", "人", "龘", "㐀", "䶵", "a1"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=900))
def test_hanzi_score_by_runs_equals_one_by_one(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert hanzi_score(text) == _score_one_by_one(text)


def test_hanzi_score_counts_runs_cut_at_chunk_edges() -> None:
    text = "x" * (encoding.SCORE_CHUNK - 3) + "的国人中大" * 100
    assert hanzi_score(text) == _score_one_by_one(text) == 1.0


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="的一是在不了有和人这中大为上个国我以要abc <>\n", max_size=3000),
    st.lists(st.integers(min_value=0, max_value=3000), max_size=40),
    st.sampled_from(["gb18030", "big5hkscs", "utf-8"]),
)
def test_hopeless_only_when_the_whole_decoding_is_not_tolerable(
    text: str, cuts: list[int], codec: str
) -> None:
    """A codec skipped as hopeless would have had too many errors over the whole page."""
    data = bytearray(text.encode("gb18030"))
    for at in cuts:
        data[at % (len(data) + 1) : at % (len(data) + 1)] = b"\xff"  # stray invalid bytes
    raw = bytes(data)
    if _hopeless(raw, codec):
        full = raw.decode(codec, errors="replace").count("\ufffd")
        assert not _tolerable(full - encoding._native_fffd(raw), len(raw))


def test_hopeless_skips_utf8_for_a_gbk_page() -> None:
    raw = ("<html><body>" + "柳州市柳南公安分局深入群众。" * 40 + "</body></html>").encode("gbk")
    assert _hopeless(raw, "utf-8")
    assert not _hopeless(raw, "gb18030")


@pytest.mark.parametrize(
    "text", ["下一页", " 下页 ", "后一页", "Next page", "NEXT", "next ›", "›", ">", "\n下一页\n"]
)
def test_next_link_texts_pass_the_first_character_test(text: str) -> None:
    assert NEXT_TEXT.match(text)
    assert text.lstrip()[:1] in NEXT_FIRST


@given(st.text(alphabet="下一页后nNeExXtTpPaAgG›> \t\n\u3000", max_size=14))
def test_next_text_never_matches_what_the_first_character_test_skips(text: str) -> None:
    if text.lstrip()[:1] not in NEXT_FIRST:
        assert NEXT_TEXT.match(text) is None


@given(
    st.lists(
        st.sampled_from(
            ["作者：张三", "文/李四", "记者 王五", "通讯员赵六", "正文", "By Joe Smith"]
        ),
        max_size=6,
    )
)
def test_author_hint_filter_keeps_every_line_a_label_can_match(lines: list[str]) -> None:
    for line in lines:
        if any(pattern.search(line) for pattern in metadata.AUTHOR_LABELS):
            assert metadata._AUTHOR_HINT.search(line)

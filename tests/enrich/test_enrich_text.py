"""Text basics, keywords, organisations and edge cases."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.enrich import CorpusStats, Enrichment, EnrichSettings, enrich, keyword_terms
from huibao.enrich.divisions import gazetteer
from huibao.enrich.keywords import _top, _top_ranked, summary
from huibao.enrich.text import (
    _tables,
    longest_word_pattern,
    normalise,
    paragraphs,
    segment,
    sentences,
)
from huibao.model import Article


@pytest.mark.parametrize(
    "text",
    ["１２３％，（一）", "廣西壯族自治區柳州市", "\ud800孤立的代理", "", "ＡＢＣ　ｄｅｆ"],
)
def test_normalise_keeps_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


def test_normalise_folds_width_and_script() -> None:
    assert normalise("１２３％（一）") == "123%(一)"
    assert normalise("廣西壯族自治區柳州市") == "广西壮族自治区柳州市"
    assert normalise("乾隆年间") == "乾隆年间"  # one or two such characters: left alone
    assert normalise("乾隆年間，國") == "乾隆年间,国"  # only the Traditional-only ones fold


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="廣國東乾於剋的中，（１ａ\u3000𠁞𠌥\U00020000", max_size=30))
def test_normalise_folds_a_traditional_text_as_the_table_does(text: str) -> None:
    """A Traditional text (three Traditional-only characters) is folded as str.translate with
    the whole table would fold it, characters outside the BMP included (𠁞)."""
    text = "廣國東" + text
    assert normalise(text) == text.translate(_tables().both)


def test_segment_offsets_cover_the_text() -> None:
    text = "柳州市柳南区公安分局破获案件687起。"
    tokens = segment(text)
    assert "".join(t.word for t in tokens) == text
    assert all(text[t.start : t.end] == t.word for t in tokens)


def test_sentences_and_paragraphs() -> None:
    text = "  第一句。第二句；第三句！\n\n  第二段\n"
    assert [text[s:e] for s, e in sentences(text)] == ["第一句。", "第二句；", "第三句！", "第二段"]
    assert [text[s:e] for s, e in paragraphs(text)] == ["第一句。第二句；第三句！", "第二段"]


def test_empty_article() -> None:
    assert enrich(Article()) == Enrichment()


def test_max_chars_cuts_the_body(make_article: Callable[..., Article]) -> None:
    body = "案件10起。" + "无关文字。" * 100 + "案件20起。"
    e = enrich(make_article(body), EnrichSettings(max_chars=50))
    assert [f.value for f in e.figures] == [10]


def test_tfidf_with_corpus_stats_prefers_rare_words(make_article: Callable[..., Article]) -> None:
    common = [["社区", "发展", "群众"] for _ in range(50)]
    stats = CorpusStats.from_documents([*common, ["志愿者"]])
    body = "志愿者进社区，发展社区群众。志愿者服务社区，发展社区群众。"
    words = [k.word for k in enrich(make_article(body), stats=stats).keywords]
    assert words[0] == "志愿者"
    assert CorpusStats.from_dict(stats.to_dict()) == stats


def test_keyword_terms_are_content_words() -> None:
    terms = keyword_terms(segment("该分局在各社区设置固定场所作为讲堂"))
    assert "社区" in terms and "场所" in terms
    assert "在" not in terms and "该" not in terms


@pytest.mark.parametrize(
    ("body", "name", "kind"),
    [
        ("北京市朝阳区人民法院审结一起案件。", "北京市朝阳区人民法院", "court"),
        ("广州市天河区人民检察院提起公诉。", "广州市天河区人民检察院", "procuratorate"),
        ("国家统计局今天发布数据。", "国家统计局", "government"),
        ("中国船舶工业行业协会发布最新数据。", "中国船舶工业行业协会", "association"),
        ("国家电网公司中标该项目。", "国家电网公司", "company"),
        ("广西柳州市柳南公安分局破获案件。", "柳州市柳南公安分局", "police"),
    ],
)
def test_organisations(
    make_article: Callable[..., Article], body: str, name: str, kind: str
) -> None:
    orgs = {o.name: o for o in enrich(make_article(body)).organisations}
    assert name in orgs
    assert orgs[name].kind == kind


@pytest.mark.parametrize(
    "body", ["辖区派出所积极开展工作。", "各级政府高度重视。", "干部群众全部参加。"]
)
def test_qualified_or_generic_words_are_not_organisations(
    make_article: Callable[..., Article], body: str
) -> None:
    assert enrich(make_article(body)).organisations == ()


@pytest.mark.parametrize(
    "unit",
    ["增长1%，", "案件3起，", "其中案件3起，", "广西柳州市", "柳南公安分局", '"平安讲堂"', "一、标题\n",
     "今年1至6月10日", "1", "一二三四五六七八九十"],
)  # fmt: skip
def test_hostile_repetition_stays_bounded(unit: str) -> None:
    """Long runs of one pattern (crawled content is hostile) end quickly, within the caps."""
    body = unit * (15_000 // len(unit))
    settings = EnrichSettings(max_figures=300, max_places=300)
    e = enrich(Article(body=body), settings, today=None)
    assert len(e.figures) <= 300
    assert len(e.places) <= 300


# The plain definition of a sentence that `sentences` computes in one regex pass: the text up
# to and including each end (punctuation and a closing quote, or line breaks), trimmed.
_PIECE = re.compile(r"[^。！？；!?;…\n]*(?:[。！？；!?;…]+[”」』\"]?|\n+)?")


def _plain_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _PIECE.finditer(text):
        piece = match.group()
        start = match.start() + len(piece) - len(piece.lstrip())
        end = match.start() + len(piece.rstrip())
        if start < end:
            spans.append((start, end))
    return spans


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='文字a 　\t\r\n。！？；!?;…”」"，', max_size=40))
def test_sentences_follow_their_plain_definition(text: str) -> None:
    assert sentences(text) == _plain_sentences(text)


@pytest.mark.parametrize("limit", [0, 1, 7, 200, 100_000])
def test_lead_keyword_terms_are_the_first_of_all(seed_article: Article, limit: int) -> None:
    tokens = segment(normalise(seed_article.body))
    assert keyword_terms(tokens, limit) == keyword_terms(tokens)[:limit]


@pytest.mark.parametrize("count", [1, 2, 3])
def test_summary_weighs_every_keyword_token(seed_article: Article, count: int) -> None:
    """The summary's keyword search finds what reading every token would."""
    text = normalise(seed_article.body)
    tokens, spans = segment(text), sentences(text)
    keywords = enrich(seed_article).keywords
    weights = {k.word: k.weight for k in keywords}
    scores: dict[int, float] = {}
    for token in tokens:
        if token.word in weights:
            index = max(i for i, (start, _) in enumerate(spans) if start <= token.start)
            scores[index] = scores.get(index, 0.0) + weights[token.word]
    best = sorted(sorted(scores, key=lambda i: -scores[i])[:count])
    expected = "".join(seed_article.body[spans[i][0] : spans[i][1]] for i in best)[:300]
    settings = EnrichSettings(summary_sentences=count)
    assert summary(seed_article.body, text, spans, tokens, keywords, settings) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["柳州", "柳州市", "柳南", "柳南区", "广西", "市", "和", "县"]), max_size=12
    )
)
def test_place_names_are_found_leftmost_longest(parts: list[str]) -> None:
    text = "".join(parts)
    gaz = gazetteer()
    expected, position = [], 0
    while position < len(text):
        ends = [e for e in range(len(text), position, -1) if text[position:e] in gaz.forms]
        if ends:
            expected.append((position, ends[0], text[position : ends[0]]))
        position = ends[0] if ends else position + 1
    assert gaz.find(text) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([0.5, 1.0, 1.25, 2.0]), min_size=1, max_size=30), st.integers(0, 12)
)
def test_top_keywords_are_those_of_a_full_sort(ranks: list[float], limit: int) -> None:
    words = [f"词{i}" for i in range(len(ranks))]
    full = _top(dict(zip(words, ranks, strict=True)), limit)
    assert _top_ranked(words, np.array(ranks), limit) == full


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text(alphabet="局公安分长", min_size=1, max_size=4), min_size=1, max_size=8),
    st.text(alphabet="局公安分长的", max_size=30),
)
def test_longest_word_pattern_matches_like_the_sorted_alternation(
    words: set[str], text: str
) -> None:
    """The trie finds what the alternation of the words, longest first, finds (公安局长: 公安局)."""
    alternation = re.compile("|".join(sorted(words, key=len, reverse=True)))
    trie = re.compile(longest_word_pattern(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)]

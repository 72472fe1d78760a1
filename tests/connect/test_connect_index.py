from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.connect import (
    ConnectSettings,
    Entry,
    Features,
    ReprintIndex,
    Signature,
    Signer,
    is_reprint,
)
from huibao.connect.shingles import containment, jaccard, normalise, shingle_hashes

from .conftest import Story

CST = timezone(timedelta(hours=8))


def _edits(story: Story) -> dict[str, str]:
    """Realistic reprints of one story, each made the way reprinting sites change text."""
    paras = story.paragraphs
    number = re.search(r"\d+", story.body)
    changed = story.body
    if number:
        changed = story.body[: number.start()] + "9" + number.group() + story.body[number.end() :]
    return {
        "trimmed ending": "\n".join(paras[:-1]) if len(paras) > 2 else story.body,
        "changed number": changed,
        "editor line": story.body + "\n责任编辑：张晓\n来源：央视网",
        "template": "\n\n".join(" " + p.replace("，", ",") + " " for p in paras),
        "new lead": "据央视新闻报道，" + story.body,
    }


def _half(paragraphs: list[str]) -> int:
    """Where a CMS splitting by length would start page 2."""
    total, run = sum(map(len, paragraphs)), 0
    for k, p in enumerate(paragraphs):
        run += len(p)
        if run >= total / 2:
            return k + 1 if run - total / 2 < len(p) / 2 else k
    return len(paragraphs)


def _index(stories: list[Story]) -> ReprintIndex:
    index = ReprintIndex()
    for n, story in enumerate(stories):
        index.add(n, index.signer.sign(story.body), Features())
    return index


def test_normalise_drops_punctuation_spaces_editorial_lines_and_width() -> None:
    text = "１２３ ＡＢ，中文 abc\n来源：新华社\n责任编辑：张晓\n正文继续。"
    assert normalise(text, 1000) == "123ab中文abc正文继续"


def test_shingle_hashes_are_distinct_and_sorted() -> None:
    hashes = shingle_hashes("一二三四五一二三四五", 5)
    assert list(hashes) == sorted(set(hashes))
    assert len(hashes) == 5  # 6 windows, one repeated
    assert len(shingle_hashes("短", 5)) == 0


def _exact_jaccard(a: str, b: str, width: int) -> float:
    sa = {a[i : i + width] for i in range(len(a) - width + 1)}
    sb = {b[i : i + width] for i in range(len(b) - width + 1)}
    return len(sa & sb) / len(sa | sb)


def test_minhash_estimates_the_true_jaccard(stories: list[Story]) -> None:
    signer = Signer(ConnectSettings())
    for story in stories[:8]:
        for edited in _edits(story).values():
            a = normalise(story.body, 10**6)
            b = normalise(edited, 10**6)
            truth = _exact_jaccard(a, b, 5)
            estimate = jaccard(signer.sign(story.body), signer.sign(edited))
            assert abs(estimate - truth) < 0.2


@pytest.mark.parametrize(
    "kind", ["trimmed ending", "changed number", "editor line", "template", "new lead"]
)
def test_each_kind_of_reprint_joins_the_original(stories: list[Story], kind: str) -> None:
    index = _index(stories)
    for n, story in enumerate(stories):
        if len(normalise(story.body, 10**6)) < 150:
            continue  # short flashes are compared by exact text only after large edits
        placement = index.add(1000 + n, index.signer.sign(_edits(story)[kind]), Features())
        assert placement.group_id == index.group_of(n), (kind, story.title)
        assert placement.how in {"exact", "near"}


def test_different_stories_on_related_topics_stay_apart(stories: list[Story]) -> None:
    index = _index(stories)
    assert len({index.group_of(n) for n in range(len(stories))}) == len(stories)


def test_pages_of_a_split_article_join_the_stitched_article(stories: list[Story]) -> None:
    # MinHash estimates a half page's share of the whole with some noise: most join.
    joined = tried = 0
    for story in stories:
        half = _half(story.paragraphs)
        if len(normalise(story.body, 10**6)) < 300 or not 0 < half < len(story.paragraphs):
            continue
        index = _index([story])
        for page in (story.paragraphs[:half], story.paragraphs[half:]):
            placement = index.add(len(index), index.signer.sign("\n".join(page)), Features())
            joined += placement.group_id == index.group_of(0)
            tried += 1
    assert tried >= 20 and joined >= 0.85 * tried, (joined, tried)


def test_short_bodies_match_only_exactly() -> None:
    index = ReprintIndex()
    index.add(1, index.signer.sign("国务院召开常务会议。"), Features())
    assert index.add(2, index.signer.sign("国务院召开常务会议！"), Features()).how == "exact"
    assert index.add(3, index.signer.sign("国务院召开全体会议。"), Features()).how == "new"


def test_an_article_bridging_two_groups_merges_them_and_the_oldest_ids_survive(
    stories: list[Story],
) -> None:
    a, b = stories[3], stories[4]  # similar lengths: each is half of the joined text
    index = ReprintIndex()
    first = index.add(1, index.signer.sign(a.body), Features())
    second = index.add(2, index.signer.sign(b.body), Features())
    assert first.story_id != second.story_id
    both = index.add(3, index.signer.sign(a.body + "\n" + b.body), Features())
    assert both.group_id == first.group_id
    assert both.merged_groups == (second.group_id,)
    assert both.story_id == first.story_id and both.merged_stories == (second.story_id,)
    assert index.story_of(2) == first.story_id
    assert index.members(2) == [1, 2, 3]


def test_adding_twice_keeps_the_first_place(stories: list[Story]) -> None:
    index = _index(stories[:3])
    again = index.add(1, index.signer.sign(stories[0].body), Features())
    assert (again.group_id, again.how) == (index.group_of(1), "known")


def test_restored_index_places_new_articles_as_the_original_did(stories: list[Story]) -> None:
    live = ReprintIndex()
    entries = []
    for n, story in enumerate(stories[:10]):
        sig = live.signer.sign(story.body)
        p = live.add(n, sig, Features())
        entries.append(Entry(n, sig, Features(), p.group_id, p.story_id))
    restored = ReprintIndex()
    restored.restore(entries, [])
    copy = _edits(stories[4])["trimmed ending"]
    a = live.add(99, live.signer.sign(copy), Features())
    b = restored.add(99, restored.signer.sign(copy), Features())
    assert (a.group_id, a.story_id, a.matched) == (b.group_id, b.story_id, b.matched)
    fresh = restored.add(100, restored.signer.sign(stories[20].body), Features())
    assert fresh.group_id > max(e.group_id for e in entries)


def _features(words: str, place: str, day: int) -> Features:
    return Features(tuple(words.split()), (place,), (), datetime(2022, 9, day, 19, tzinfo=CST))


def test_related_articles_join_a_story_when_keywords_place_and_dates_agree(
    stories: list[Story],
) -> None:
    index = ReprintIndex()
    words = "长江 生态 保护 经济带 绿色 发展"
    first = index.add(1, index.signer.sign(stories[0].body), _features(words, "420000", 24))
    near = index.add(2, index.signer.sign(stories[1].body), _features(words, "420000", 25))
    assert (near.story_id, near.how) == (first.story_id, "related")
    assert near.group_id != first.group_id
    elsewhere = index.add(3, index.signer.sign(stories[2].body), _features(words, "110000", 25))
    late = index.add(4, index.signer.sign(stories[3].body), _features(words, "420000", 29))
    few = index.add(5, index.signer.sign(stories[4].body), _features("长江 生态", "420000", 25))
    assert {elsewhere.how, late.how, few.how} == {"new"}


def test_is_reprint_needs_enough_text(stories: list[Story]) -> None:
    signer = Signer(ConnectSettings())
    a, b = signer.sign("短文一"), signer.sign("短文二")
    assert not is_reprint(a, b, ConnectSettings())
    body = stories[0].body
    whole, part = signer.sign(body), signer.sign(body[: len(body) // 2])
    similarity = jaccard(whole, part)
    assert similarity < 0.75 and containment(whole, part, similarity) > 0.85
    assert is_reprint(whole, part, ConnectSettings())


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_signs_and_places_without_error(text: str) -> None:
    index = ReprintIndex(ConnectSettings(num_perm=16))
    signature = index.signer.sign(text)
    assert signature.size >= 0 and len(signature.values) == 16
    assert index.add(1, signature, Features()).how == "new"
    assert index.add(2, signature, Features()).group_id == 1 or signature.digest == ""


def test_signatures_agree_with_datasketch_minhash(stories: list[Story]) -> None:
    signer = Signer(ConnectSettings())
    a, b = signer.sign(stories[0].body), signer.sign(_edits(stories[0])["trimmed ending"])
    ma, mb = signer.minhash(a.values), signer.minhash(b.values)
    assert ma.jaccard(mb) == pytest.approx(jaccard(a, b))
    again = Signature.from_bytes(a.to_bytes(), a.size, a.digest)
    assert (again.values == a.values).all() and again.values.dtype == a.values.dtype


def test_lsh_bands_match_datasketch_choice() -> None:
    from datasketch.lsh import _optimal_param  # type: ignore[import-untyped]

    from huibao.connect.bands import optimal_bands

    for threshold in (0.3, 0.5, 0.8):
        assert optimal_bands(threshold, 128) == _optimal_param(threshold, 128, 0.5, 0.5)

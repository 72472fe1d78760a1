"""What a figure counts: the short phrase next to the number.

110接报警 in 该分局辖区110接报警4321起 (the seed page).

Chinese states a count either after its subject (受理群众求助咨询1260起) or before it as an
attribute (首支50名"平安志愿者"团队). We walk jieba's tagged tokens backwards from the number
while they are content words, stopping at pronouns, adverbs, prepositions, time words,
punctuation and other figures; when the number is attributive (a noun follows the unit) the
noun phrase after it is the subject instead.
"""

from __future__ import annotations

import bisect
import re

import rjieba

from huibao.enrich.text import Token

# jieba tags that end a subject when walking away from the number: pronouns (该, 其中),
# adverbs (共, 已经), prepositions (为, 与, 在), time words (今年), particles (的, 了), conjunctions
# that join clauses, and punctuation (x, except quotes and 、, which live inside subjects:
# 发放慰问金、慰问品 and 破获"两抢一盗"侵财案件 on the seed page).
_STOP_TAGS_TEXT = "r d p t uj ul uz ug uv ud y e o c zg u k h"
STOP_TAGS = frozenset(_STOP_TAGS_TEXT.split())
# Before the first noun is reached these are passed over, not stopped at: 汽车产销分别完成 (d),
# 种植面积稳定在 (p), 占全国进出口总值的 (uj) in 新闻联播 transcripts.
PASS_TAGS = frozenset({"d", "p", "uj", "ul"})
INNER_PUNCTUATION = frozenset({"、", '"', "“", "”", "‘", "’", "《", "》", "「", "」", "-", "·"})
# Linking words between subject and number (受教育群众达3000余人, 国内生产总值达到134.9万亿元,
# 由84%提高至125%).
_LINK_TEXT = (
    "达 达到 为 是 有 共 计 共计 累计 总计 合计 约 近 超过 逾 突破 "
    "约为 分别 分别为 增至 降至 增长到 下降到 提高到 升至 达到了 提高至 "
    "下调至 上调至 减至 调整为 稳定在 保持在 维持在 控制在 长达 高达 多达 "
    "完成 累计完成 实现 录得"
)
LINK_WORDS = frozenset(_LINK_TEXT.split())
LINK_TRAIL = re.compile("(?<=.)(?:" + "|".join(sorted(LINK_WORDS, key=len, reverse=True)) + ")$")
# Anaphoric heads at the front of a subject (该分局辖区110接报警 on the seed page, 全市 in
# city reports) that name who counts, not what is counted.
LEAD_STRIP = re.compile(
    r"^(?:(?:该|全|本|我)(?:市|县|区|省|州|镇|乡|村|局|所|院)(?:辖区|范围内|境内)?"
    r"|(?:该|全|本)?(?:分局|公安局|公司|集团|单位|中心)(?:辖区|范围内|境内)?|辖区|其中)+(?=.)"
)
TRAIL_STRIP = re.compile(r"(?:的|了|在|共|达|为|从|由|至|到|分别)+$")
NOUN_TAGS = ("n", "vn", "nz", "ns", "nt", "nr", "eng", "j", "l", "an")
# Tags that can open a noun phrase after a unit (67艘超大型油轮订单, 123个主要粮食作物品种).
ATTRIBUTE_TAGS = ("n", "nz", "ns", "nt", "nr", "eng", "j", "l", "b", "an")
# Verbs of cause before a count whose subject follows it (地震造成10人死亡、上千人受伤, 新闻联播).
CAUSE_WORDS = ("造成", "导致", "致使", "致")
QUOTES = frozenset({'"', "“", "”", "《", "》"})
# Nouns after a figure that frame it rather than name what it counts (突破5万亿元大关,
# 50%以上的水平, both 新闻联播).
NOT_SUBJECTS = frozenset({"大关", "水平", "规模", "目标", "关口", "左右", "以上"})
AFTER_WINDOW = 16


def _token_index_before(tokens: list[Token], starts: list[int], offset: int) -> int:
    """Index of the last token that ends at or before `offset`."""
    index = bisect.bisect_right(starts, offset) - 1
    while index >= 0 and tokens[index].end > offset:
        index -= 1
    return index


def _is_content(token: Token) -> bool:
    if token.tag == "x" or not token.word.strip():
        return token.word in INNER_PUNCTUATION
    return token.tag not in STOP_TAGS


def _is_noun(token: Token) -> bool:
    return token.tag.startswith(NOUN_TAGS)


def subject_before(
    tokens: list[Token],
    starts: list[int],
    offset: int,
    floor: int,
    max_chars: int,
    verbs: bool = True,
) -> str:
    """Content words right before `offset` (not reaching back past `floor`).

    A subject needs a noun; without one, a verb phrase of two or more characters (累计加息,
    安排) is returned when `verbs` allows it (not between two figures: 10人死亡、上千人受伤)."""
    index = _token_index_before(tokens, starts, offset)
    while index >= 0 and tokens[index].start >= floor and tokens[index].word in LINK_WORDS:
        index -= 1
    words: list[Token] = []
    length = 0
    while index >= 0 and tokens[index].start >= floor:
        token = tokens[index]
        if not _continues(token, words, tokens[index - 1] if index else None):
            break
        length += len(token.word)
        if length > max_chars:
            break
        words.append(token)
        index -= 1
    phrase = clean("".join(t.word for t in reversed(words)))
    if any(_is_noun(t) for t in words):
        return phrase
    verbal = verbs and len(phrase) >= 2 and any(t.tag.startswith("v") for t in words)
    return phrase if verbal else ""


def ends_with_noun(tokens: list[Token], starts: list[int], offset: int) -> bool:
    """True when the word right before `offset` (linking words aside) is a noun."""
    index = _token_index_before(tokens, starts, offset)
    while index >= 0 and tokens[index].word in LINK_WORDS:
        index -= 1
    return index >= 0 and _is_noun(tokens[index])


def _continues(token: Token, words: list[Token], before: Token | None) -> bool:
    """Whether the walk towards the start of the sentence takes `token` into the subject."""
    if _is_content(token):
        return True
    noun = any(_is_noun(t) for t in words)
    if not noun:
        return token.tag in PASS_TAGS
    # 占广西进出口总额的比重: a 的 between two nouns stays inside the subject
    return token.word == "的" and before is not None and _is_noun(before) and len(words) <= 3


def window_after(text: str, offset: int) -> list[Token]:
    """Tagged words of the text right after `offset` (segmented afresh: jieba often glues a
    unit to the next word, 48条全货机航线 -> 条全 / 货机)."""
    pos, found = offset, []
    for word, tag in rjieba.tag(text[offset : offset + AFTER_WINDOW]):
        found.append(Token(word, pos, pos + len(word), tag))
        pos += len(word)
    return found


def subject_after(window: list[Token], max_chars: int) -> str:
    """The noun phrase right after a unit (50名"平安志愿者"团队 -> "平安志愿者"团队)."""
    if window and window[0].word == "的":
        window = window[1:]
    words: list[str] = []
    quoted = False
    for token in window:
        if token.word in QUOTES or (token.word == "(" and words):
            quoted = not quoted
        elif token.word == ")" and quoted:
            quoted = False
        elif not quoted and not (token.tag.startswith(ATTRIBUTE_TAGS) or _is_noun(token)):
            break
        if sum(map(len, words)) + len(token.word) > max_chars:
            break
        words.append(token.word)
    return clean("".join(words))


def leading_noun_phrase(tokens: list[Token], starts: list[int], start: int, end: int) -> str:
    """The nouns that open the text between `start` and `end` (time words skipped)."""
    index = bisect.bisect_left(starts, start)
    while index < len(tokens) and tokens[index].tag in ("t", "x") and tokens[index].end <= end:
        index += 1
    words: list[str] = []
    while index < len(tokens) and tokens[index].end <= end and _is_noun(tokens[index]):
        words.append(tokens[index].word)
        index += 1
    return clean("".join(words))


def caused(subject: str) -> bool:
    """True when the words before a count end with a verb of cause (造成)."""
    return subject.endswith(CAUSE_WORDS)


def phrase_after(window: list[Token], max_chars: int) -> str:
    """Words after a unit up to the next punctuation (28起已按期答复 -> 按期答复)."""
    words: list[str] = []
    for token in window:
        if token.tag in ("x", "m") or sum(map(len, words)) >= max_chars:
            break
        if words or token.tag not in ("d", "p", "c"):
            words.append(token.word)
    return clean("".join(words))


def is_attributive(window: list[Token], noun_before: bool) -> bool:
    """True when a noun (or a quoted name) follows the unit ending at `offset`: directly
    (67艘超大型油轮订单), or after 的 when no noun stands right before the figure
    (承接了64.2%的全球新船订单; but 总投资8000多万元的中小学校 is the schools' investment)."""
    if len(window) > 1 and window[0].word == "的":
        if noun_before:
            return False
        window = window[1:]
    if not window or window[0].word in NOT_SUBJECTS:
        return False
    first = window[0]
    return first.word in ('"', "“", "《") or first.tag.startswith(ATTRIBUTE_TAGS)


def clean(subject: str) -> str:
    """Strip anaphoric heads, linking words and unbalanced quotes from a subject."""
    subject = LEAD_STRIP.sub("", subject.strip(' 、"“”'))
    subject = TRAIL_STRIP.sub("", subject)
    for _ in range(2):  # 比重超过了 -> 比重
        subject = TRAIL_STRIP.sub("", LINK_TRAIL.sub("", subject))
    if subject.count('"') % 2:
        subject = subject.replace('"', "")
    return subject.strip(" 、")

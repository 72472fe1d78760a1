"""Forms of statistics sentences that say what a figure counts (session 5, second round).

Rules written by helper H6 on the errors of the heldout-6 batch once it was tuning data, for
the grammar of the sentence rather than the sentence itself, and checked on 300 新闻联播
stories side by side (docs/enrich.md, item 5; docs/benchmarks.md). `naming.py` calls them;
each has a test in `tests/enrich/test_enrich_subjects.py` (`test_subjects_h6`).
"""

from __future__ import annotations

import bisect
import re

from huibao.enrich.after_unit import noun_phrase_after, words_after
from huibao.enrich.quantities import Quantity
from huibao.enrich.subjects import DIMENSIONS, has_noun, is_noun, only_scope, subject_before
from huibao.enrich.text import Token, Tokens

# A conversion in brackets restates the figure before it (每个奖项的单项奖金100万美元(约合人民币
# 711万元), 163.com 2019; 售价699美元（约合人民币4971元）, sina.com.cn 2019).
CONVERSION = re.compile(
    r"\s*\(\s*(?:约合|折合|约折合|合|约|相当于|折)"
    r"(?:人民币|美元|欧元|日元|英镑|港元|港币|卢布)?\s*"
)
# X是(为)Y的N倍: the multiple is X's, Y is its base (美国联邦政府债务总额…，这一数字约为2024年美国
# 国内生产总值的1.27倍, 新闻联播 2025-08-13); 是 and 为 inside other words are no copula.
MULTIPLE_OF = re.compile(
    r"(?:(?<![但还就于总只凡若要倒正])是|(?<![作因成认称以])为|相当于)[^,;:。!?]{1,30}的$"
)
CLAUSE_STOP = re.compile(r"[,;:。!?\n]")
# X named by a pronoun of the figure before (这一数字, 该数字): the figure before names it.
ANAPHOR = re.compile(r"^(?:这一?|该|此|其)(?:个)?(?:数字|数据|数值|规模|金额|总额|比例)?$")
# Names listed before a count of people (白所成、白应苍、杨立强等5人被判处死刑, 新闻联播
# 2025-11-04): the people are named by what happened to them, like a bare count of people.
LISTED_BEFORE = "等"
# Money followed by a verb is spent on it (中央财政安排16亿元实施小麦“一喷三防”全覆盖, 新闻联播
# 2023-12-11): the verb opens the purpose, not a noun phrase the amount qualifies.
MONEY_UNITS = frozenset({"元", "美元", "欧元", "日元", "英镑", "港元", "港币", "卢布"})
# Units of length that a size adjective may follow (44米深的水池, 新闻联播 2025-08-27).
LENGTH_UNITS = frozenset({"米", "公里", "千米", "厘米", "毫米", "英寸"})
# Words of place that end the noun a size describes (水池中央).
LOCATIVE_ENDS = ("中央", "中心", "底部", "顶部", "内部", "中", "里", "内", "上", "旁", "边")
# Words listing nouns: a verb after one is a noun of the list (审议13件法律和决定/v 草案).
LISTED = frozenset({"和", "与", "及", "、"})


def converted(text: str, previous_end: int, start: int) -> bool:
    """True when the figure at `start` converts the one ending at `previous_end` into another
    currency, in brackets (100万美元(约合人民币711万元))."""
    return CONVERSION.fullmatch(text, previous_end, start) is not None


def multiple_of(
    tokens: Tokens, starts: list[int], text: str, floor: int, start: int, cap: int
) -> tuple[str, bool]:
    """What a multiple after X是Y的 (in the clause from `floor` to `start`) belongs to: X, and
    whether X is a pronoun of the figure before (这一数字约为…的1.27倍); ("", False) when the
    words before 的 hold no copula. A base figure may stand inside (是阴性率21.71%的3倍)."""
    stops = [m.end() for m in CLAUSE_STOP.finditer(text, floor, start)]
    floor = stops[-1] if stops else floor
    copula = MULTIPLE_OF.search(text, floor, start)
    if copula is None:
        return "", False
    if ANAPHOR.match(text[floor : copula.start()].strip().removesuffix("约")):
        return "", True
    return subject_before(tokens, starts, copula.start(), floor, cap, verbs=False), False


def sized_after(tokens: Tokens, text: str, quantity: Quantity, cap: int) -> str:
    """What a length followed by a size adjective and 的 measures, with the adjective (江门中微子
    实验的核心探测器位于…44米深的水池中央, 新闻联播 2025-08-27: 水池深; 1米多高的树苗: 树苗高);
    empty when no such words follow."""
    if quantity.unit not in LENGTH_UNITS:
        return ""
    pos = quantity.span[1]
    pos += text.startswith("多", pos)
    adjective = text[pos : pos + 1]
    if adjective not in DIMENSIONS or not text.startswith("的", pos + 1):
        return ""
    phrase = noun_phrase_after(words_after(tokens, text, pos + 2), cap, leading_verb=False)
    for end in LOCATIVE_ENDS:
        if len(phrase) > len(end) and phrase.endswith(end):
            phrase = phrase[: -len(end)]
            break
    return phrase + adjective if phrase else ""


def spent_on(unit: str, before: str, window: list[Token]) -> bool:
    """True when money is followed by the verb it is spent on (a word of two characters or
    more: not 超 of 超长期) and the words before name who spends it, not only where
    (当地统筹817万元用于绿色综合防治, 新闻联播 2026-06-30, is named by its purpose)."""
    if unit not in MONEY_UNITS or not window or window[0].tag != "v":
        return False
    return len(window[0].word) > 1 and has_noun(before) and not only_scope(before)


def verb_object(tokens: Tokens, starts: list[int], start: int, end: int) -> bool:
    """True when a verb right before a noun stands between `start` and `end`, and no 的: the
    clause is a predicate with its object (再创历史新高, 呈加速态势), whose last nouns are no
    topic that a later clause without a subject could take (2023年全国粮食总产量达13908.2亿斤，
    再创历史新高，连续9年稳定在1.3万亿斤以上, 新闻联播 2023-12-11)."""
    index = bisect.bisect_left(starts, start)
    words, tags, ends = tokens.words, tokens.tags, tokens.ends
    found = False
    while index + 1 < len(tokens) and ends[index + 1] <= end:
        if words[index] == "的":
            # 共建伙伴占我国外贸整体的比重, 由此产生的贸易逆差创下历史新高 (新闻联播 2026-01-27,
            # guancha.cn 2019), 为科创企业提供的产品应用/v场景: with a 的 the clause is, or
            # jieba cannot tell it from, a noun phrase
            return False
        if tags[index] == "v" and tags[index + 1].startswith(("n", "vn")):
            found = found or index == 0 or words[index - 1] not in LISTED
        index += 1
    return found


def noun_then_verb(window: list[Token]) -> bool:
    """True when `window` opens with a noun followed, inside its clause, by a verb (有192家企业
    获得投资, qq.com 2019: the count is of the things that did it)."""
    if not window or not is_noun(window[0]):
        return False
    for token in window[1:]:
        if token.tag in ("x", "m"):
            return False
        if token.tag == "v":
            return True
    return False


def people_after_places(text: str, previous_subject: str, previous_end: int, start: int) -> bool:
    """True when only the subject of the figure before, named by the noun right after its unit,
    stands between it and the figure at `start` (转移安置19个乡镇20多万人, 新闻联播 2023-08-01;
    not 打掉犯罪团伙24个78人): people there are named by the verb before both."""
    return bool(previous_subject) and text[previous_end:start] == previous_subject

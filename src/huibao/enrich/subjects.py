"""What a figure counts: the short phrase next to the number.

110接报警 in 该分局辖区110接报警4321起 (the seed page).

Chinese states a count either after its subject (受理群众求助咨询1260起) or before it as an
attribute (首支50名"平安志愿者"团队), and counts of events and people often name what they
count with the verb after them (连续10次加息, 23人遇难). This module reads the words: the walk
back from the number over content words (stopping at pronouns, adverbs, prepositions and
punctuation once a noun is found), the noun phrase or verb after the unit, and the small tests
(a measure noun, a size adjective, 有, a verb right before the number) that `naming.py` uses
to decide which of them names a figure.
"""

from __future__ import annotations

import bisect
import re

import rjieba

from huibao.enrich.quantities import COUNT_NUMERALS as ONE_CHARACTER_COUNTS
from huibao.enrich.quantities import Quantity
from huibao.enrich.text import Token, Tokens

# jieba tags that end a subject when walking away from the number: pronouns (该, 其中),
# adverbs (共, 已经), prepositions (为, 与, 在), time words (今年), particles (的, 了), conjunctions
# that join clauses, and punctuation (x, except quotes and 、, which live inside subjects:
# 发放慰问金、慰问品 and 破获"两抢一盗"侵财案件 on the seed page).
_STOP_TAGS_TEXT = "r d p t uj ul uz ug uv ud y e o c zg u k h"
STOP_TAGS = frozenset(_STOP_TAGS_TEXT.split())
# Before the first noun is reached these are passed over, not stopped at: 汽车产销分别完成 (d),
# 种植面积稳定在 (p), 占全国进出口总值的 (uj) in 新闻联播 transcripts.
# Time words too (工业企业利润由上年下降2.3%, a State Council work report).
PASS_TAGS = frozenset({"d", "p", "uj", "ul", "t"})
LIST_WORDS = frozenset({"和", "与", "及", "以及", "等"})
INNER_PUNCTUATION = frozenset({"、", '"', "“", "”", "‘", "’", "《", "》", "「", "」", "-", "·"})
# Linking words between subject and number (受教育群众达3000余人, 国内生产总值达到134.9万亿元,
# 由84%提高至125%; 各 in 昭通市、西双版纳傣族自治州各1家, a Yunnan industry report).
_LINK_TEXT = (
    "达 达到 为 是 有 共 计 共计 累计 总计 合计 约 近 超过 逾 突破 "
    "约为 分别 分别为 增至 降至 增长到 下降到 提高到 升至 达到了 提高至 "
    "下调至 上调至 减至 调整为 稳定在 保持在 维持在 控制在 长达 高达 多达 "
    "完成 累计完成 实现 录得 各 稳定 保持 维持 上升到 上升至 提升至 提升到 下降到 下降至 降到 "
    "只有 仅有 仅为 仅 只 "
    # 陕西全省小麦收获已过七成 (新闻联播 2023-06-11)
    "已过"
)
LINK_WORDS = frozenset(_LINK_TEXT.split())
# Only words of two or more characters are cut from a subject's end: 计 ends 预计, 为 行为.
LINK_TAILS = tuple(sorted((w for w in LINK_WORDS if len(w) > 1), key=len, reverse=True))
LINK_TRAIL = re.compile("(?<=.)(?:" + "|".join(LINK_TAILS) + ")$")
# Anaphoric heads at the front of a subject (该分局辖区110接报警 on the seed page, 全市 in
# city reports) that name who counts, not what is counted.
LEAD_STRIP = re.compile(
    r"^(?:(?:该|全|本|我)(?:市|县|区|省|州|镇|乡|村|局|所|院)(?:辖区|范围内|境内)?"
    r"|(?:该|全|本)?(?:分局|公安局|公司|集团|单位|中心)(?:辖区|范围内|境内)?|辖区|其中|拥有)+(?=.)"
)
# 工业互联网核心产业规模已经超过1.2万亿元 (新闻联播 2023-07-13): 已经 and its kin too.
_TRAIL_TEXT = "的 了 在 共 达 为 从 由 至 到 分别 也 将 均 都 已经 已 还 仍然 仍 正在 依然 将要"
TRAIL_WORDS = tuple(_TRAIL_TEXT.split())
TRAIL_STRIP = re.compile("(?:" + "|".join(TRAIL_WORDS) + ")+$")
# A subject ending with none of these (nor with a newline, which `$` may stand before) has
# nothing for LINK_TRAIL or TRAIL_STRIP to cut: `clean` then runs neither.
TRAILING = (*LINK_TAILS, *TRAIL_WORDS, "\n")
# A comparison's base after the thing compared (生产效率也比过去提高了20%, 新型储能装机比2024年底
# 增长84%, both 新闻联播): the base is no part of the subject.
COMPARED_TAIL = re.compile(
    r"(?<=..)(?:也|都|还)?(?:比|较)(?:过去|以前|此前|之前|去年|上年|上月|同期"
    r"|(?:19|20)\d{2}年(?:底|末)?)(?:同期)?要?$"
    # the start of a move (限制措施由最初的93项压减到31项, 新闻联播 2023-12-18)
    r"|(?<=..)(?:由|从)(?:最初|原来|原先|此前|过去|目前|现在|上年|去年|上月)?$"
)
NOUN_TAGS = ("n", "vn", "nz", "ns", "nt", "nr", "eng", "j", "l", "an")
# Tags that can open a noun phrase after a unit (67艘超大型油轮订单, 123个主要粮食作物品种).
ATTRIBUTE_TAGS = ("n", "nz", "ns", "nt", "nr", "eng", "j", "l", "b", "an", "s")
# Verbs of cause before a count whose subject follows it (地震造成10人死亡、上千人受伤, 新闻联播);
# a party may stand between (袭击造成以方700多人死亡, 新闻联播 2023-10-09).
# 带动 too: 冰雪经济带动了当地400多人就业 (新闻联播 2025-02-01).
CAUSE = re.compile(r"(?:造成|导致|致使|致|带动)(?:了|当地|全国|全市|全省|共){0,2}$")
CAUSE_PARTY = re.compile(r"(?:造成|导致|致使)了?[^\d,。;:、的]{1,3}$")
QUOTES = frozenset({'"', "“", "”", "《", "》"})
# Nouns after a figure that frame it rather than name what it counts (突破5万亿元大关,
# 50%以上的水平, both 新闻联播).
# 全部 is tagged a noun but is an adverb after a count (受困的64人全部救出, 新闻联播 2024-04-04).
NOT_SUBJECTS = frozenset(
    {"大关", "水平", "规模", "关口", "左右", "以上", "以下", "全部", "全都", "之间"}
)
# One-character division nouns jieba does not tag as nouns (88个县(市、区), 新闻联播 2024-05-12;
# 贯通5个地(市), 新闻联播 2025-03-29, where 地 is tagged a particle).
DIVISION_NOUNS = frozenset("省市县区乡镇村州盟旗地")
# Adjectives of size right before a number name what is measured (长330多米, 新闻联播 2026-05-24).
DIMENSIONS = frozenset("长宽高深厚")
# The extreme point of what is measured (塌方体…最深处达10米左右, 新闻联播 2026-07-07).
EXTREME_POINT = re.compile(r"最[深浅高低宽窄厚薄长短远近]处")
# Units that count events or people: a verb right after them says what is counted (连续10次加息,
# 发生149次战斗, 全国约有6亿人次可能在黄金周期间出行, all 新闻联播 or its reprints).
EVENT_UNITS = frozenset({"次"})
PERSON_UNITS = frozenset({"人", "人次", "名", "位"})
# Words that only set the scope of a count (全国约有6亿人次…出行): no subject on their own.
SCOPE = re.compile(r"^(?:全国|全省|全市|全区|全县|全球|世界|中国|我国|国内|当地|各地)")
VERB_SKIP = frozenset({"被", "将", "已", "均", "都", "也"})
# Aspect particles between a verb and the count it takes (摧毁了约800个目标, 新闻联播 2023-10-09).
ASPECT = frozenset({"了", "过"})
# Nouns jieba splits, tagging the second part a verb (已有150多个国家和30多个国际组织加入,
# 新闻联播 2023-12-18; 向153个国家、15个国际组织提供, 2023-10-31).
SPLIT_NOUNS = frozenset({("国际", "组织")})
# Words that may open a noun phrase before its first noun (130间简易过渡房: a v n, 新闻联播
# 2023-12-21; 1000多项可转化科技成果, 2026-03-28).
MODIFIER_TAGS = frozenset({"a", "v", "b"})
# Nouns naming a measure: right before its number they are the subject even when another
# noun follows the unit (半径500公里城市群, 新闻联播 2025-12-26).
MEASURE_NOUN = re.compile(
    r"(?:半径|直径|长度|宽度|高度|深度|面积|体积|距离|全长|总长|重量|容量|排水量|里程)$"
)
# Tags skipped before the noun phrase that opens a clause (这是2023年我国社会消费品零售总额).
OPENERS = frozenset({"t", "x", "m", "r"})
AFTER_WINDOW = 16
HEADLINE_REACH = 30
RELATIVE_WINDOW = 28


def _token_index_before(tokens: Tokens, starts: list[int], offset: int) -> int:
    """Index of the last token that ends at or before `offset`."""
    index = bisect.bisect_right(starts, offset) - 1
    ends = tokens.ends
    while index >= 0 and ends[index] > offset:
        index -= 1
    return index


def _is_content(word: str, tag: str) -> bool:
    if tag == "x" or not word.strip():
        return word in INNER_PUNCTUATION
    return tag not in STOP_TAGS


def _is_noun(token: Token) -> bool:
    return token.tag.startswith(NOUN_TAGS)


def subject_before(
    tokens: Tokens,
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
    # 就业率去年底达到 83%, 农村电网线路 26.6万公里 (work reports): a stray space before the
    # number; in a headline it parts two phrases (直升机坠河事故 6人死亡, 新闻联播 2025-04-11)
    words, tags, token_starts = tokens.words, tokens.tags, tokens.starts
    lowest = floor_index(tokens, floor)
    while index >= lowest and not words[index].strip():
        if _headline(tokens, index):
            return ""
        index -= 1
    while index >= 0 and token_starts[index] >= floor and words[index] in LINK_WORDS:
        index -= 1
    top, length, noun, verb = index, 0, False, False
    while index >= 0 and token_starts[index] >= floor:
        word, tag = words[index], tags[index]
        before = tags[index - 1] if index else None
        if not _continues(word, tag, noun, top - index, before):
            break
        length += len(word)
        if length > max_chars:
            break
        noun = noun or tag.startswith(NOUN_TAGS)
        verb = verb or tag.startswith("v")
        index -= 1
    phrase = clean("".join(words[index + 1 : top + 1]))
    if noun:
        return phrase
    return phrase if verbs and len(phrase) >= 2 and verb else ""


# Shares (成, %) and multiples are named before the number (小麦收获已过七成); other counts
# with a one-character numeral name what they count after the classifier (两处驻有美军的
# 军事基地, 新闻联播 2023-12-15; 两架客机, 2025-04-11; 三名航天员).
SHARE_UNITS = frozenset({"成", "%", "‰", "倍"})


def counted_after(quantity: Quantity, text: str) -> bool:
    """True for a count with a one-character numeral (两处, 三名): its subject follows."""
    start, end = quantity.span
    return (
        quantity.chinese
        and quantity.unit not in SHARE_UNITS
        and end - start == 1 + len(quantity.unit)
        and text[start] in ONE_CHARACTER_COUNTS
    )


def floor_index(tokens: Tokens, floor: int) -> int:
    """Index of the first token starting at or after `floor`."""
    return bisect.bisect_left(tokens.starts, floor)


def _headline(tokens: Tokens, index: int) -> bool:
    """True when the words before `index` back to the line's start hold no comma or full stop
    (a headline inside the body)."""
    words = tokens.words
    for i in range(index - 1, max(-1, index - HEADLINE_REACH), -1):
        if "\n" in words[i]:
            return True
        if words[i] in (",", "，", "。", ";", "；"):
            return False
    return index < HEADLINE_REACH


def measure_before(tokens: Tokens, starts: list[int], offset: int) -> bool:
    """True when a measure noun (半径, 面积) stands right before `offset`."""
    index = _token_index_before(tokens, starts, offset)
    return (
        index >= 0
        and tokens.ends[index] == offset
        and bool(MEASURE_NOUN.search(tokens.words[index]))
    )


def dimension_before(tokens: Tokens, starts: list[int], offset: int) -> str:
    """The size adjective standing as a word right before `offset` (长330多米), or the extreme
    point measured, before a linking word (最深处达10米左右), or empty."""
    index = _token_index_before(tokens, starts, offset)
    if index < 0 or tokens.ends[index] != offset:
        return ""
    word = tokens.words[index]
    if word in LINK_WORDS and index > 0:
        word = tokens.words[index - 1]
        return word if word[0] == "最" and EXTREME_POINT.fullmatch(word) else ""
    if word in DIMENSIONS or (word[0] == "最" and EXTREME_POINT.fullmatch(word)):
        return word
    return ""


def ends_with_noun(tokens: Tokens, starts: list[int], offset: int) -> bool:
    """True when the word right before `offset` (linking words aside) is a noun, and not the
    unit of a number before it (应对未来40天95亿人次的跨区域人员流动, 新闻联播 2026-02-01)."""
    index = _token_index_before(tokens, starts, offset)
    words = tokens.words
    while index >= 0 and words[index] in LINK_WORDS:
        index -= 1
    counted = index > 0 and tokens.tags[index - 1] == "m"
    return index >= 0 and tokens.tags[index].startswith(NOUN_TAGS) and not counted


def _continues(word: str, tag: str, noun: bool, taken: int, before: str | None) -> bool:
    """Whether the walk towards the start of the sentence takes the word `word` (tagged `tag`)
    into the subject, after `taken` words (`noun`: one of them is a noun); `before` is the tag
    of the word before it, if any."""
    if _is_content(word, tag):
        return True
    if not noun:
        return tag in PASS_TAGS
    if before is None or not before.startswith(NOUN_TAGS):
        return False
    # 占广西进出口总额的比重: a 的 between two nouns stays inside the subject; so do the words
    # of a list (受益企业和返还资金分别是…, 城市轨道车辆等产品产量, 新闻联播)
    return (word == "的" and taken <= 3) or word in LIST_WORDS


def window_after(text: str, offset: int, length: int = AFTER_WINDOW) -> list[Token]:
    """Tagged words of the text right after `offset` (segmented afresh: jieba often glues a
    unit to the next word, 48条全货机航线 -> 条全 / 货机)."""
    pos, found = offset, []
    for word, tag in rjieba.tag(text[offset : offset + length]):
        found.append(Token(word, pos, pos + len(word), tag))
        pos += len(word)
    return found


def words_after(tokens: Tokens, text: str, offset: int, length: int = AFTER_WINDOW) -> list[Token]:
    """The words of the `length` characters after `offset`: the article's own segmentation
    when a word starts there, else `window_after`'s fresh one (the unit was glued on)."""
    while offset < len(text) and text[offset] == " ":  # 约50% 由外资…: a stray space
        offset += 1
    index = bisect.bisect_left(tokens.starts, offset)
    if index == len(tokens) or tokens.starts[index] != offset:
        return window_after(text, offset, length)
    stop = bisect.bisect_right(tokens.ends, offset + length, index)
    return tokens[index:stop]


def subject_after(window: list[Token], max_chars: int) -> str:
    """The noun phrase right after a unit (50名"平安志愿者"团队 -> "平安志愿者"团队)."""
    if window and window[0].word == "的":
        window = window[1:]
    words: list[str] = []
    quoted = False
    for i, token in enumerate(window):
        if token.word in QUOTES or (token.word == "(" and words):
            quoted = not quoted
        elif token.word == ")" and quoted:
            quoted = False
        elif token.word == "以上" and words and words[-1] == "规模":
            pass  # 规模以上工业企业
        elif not quoted and not (
            _attribute(token, words[-1] if words else "") or _modifies_next(window, i)
        ):
            break
        elif words and token.word in NOT_SUBJECTS and not quoted:
            break  # 200多户村民全部搬入 (新闻联播 2023-01-24): 全部 is an adverb here
        if sum(map(len, words)) + len(token.word) > max_chars:
            break
        words.append(token.word)
    return clean("".join(words))


def _attribute(token: Token, before: str = "") -> bool:
    if (before, token.word) in SPLIT_NOUNS:
        return True
    return token.tag.startswith(ATTRIBUTE_TAGS) or _is_noun(token) or token.word in DIVISION_NOUNS


def _modifies_next(window: list[Token], index: int) -> bool:
    """An adjective before a noun (85项新食品安全国家标准, 新闻联播 2023-10-01)."""
    nxt = window[index + 1] if index + 1 < len(window) else None
    return window[index].tag == "a" and nxt is not None and _is_noun(nxt)


def leading_noun_phrase(tokens: Tokens, starts: list[int], start: int, end: int) -> str:
    """The nouns that open the text between `start` and `end` (time words, numerals and
    pronouns skipped: 这是2023年我国社会消费品零售总额)."""
    index = bisect.bisect_left(starts, start)
    while index < len(tokens) and tokens[index].tag in OPENERS and tokens[index].end <= end:
        index += 1
    words: list[str] = []
    while index < len(tokens) and tokens[index].end <= end and _is_noun(tokens[index]):
        words.append(tokens[index].word)
        index += 1
    return clean("".join(words))


def caused(subject: str) -> bool:
    """True when the words before a count end with a verb of cause (造成), or with one and the
    party it struck (造成以方700多人死亡)."""
    party = ("造成" in subject or "致" in subject) and CAUSE_PARTY.search(subject)
    return bool(CAUSE.search(subject) or party)


def phrase_after(window: list[Token], max_chars: int) -> str:
    """Words after a unit up to the next punctuation (28起已按期答复 -> 按期答复, 95亿人次的
    跨区域人员流动 -> 跨区域人员流动); none when they only frame the figure (50%及以上的水平)."""
    if window and window[0].word == "的":
        window = window[1:]
        if window and window[0].word in NOT_SUBJECTS:
            return ""
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
    if not window or (window[0].word in NOT_SUBJECTS and not _above_size(window)):
        return False
    first = window[0]
    return first.word in ('"', "“", "《") or _attribute(first) or _modifies_next(window, 0)


def _above_size(window: list[Token]) -> bool:
    """规模以上 opens a noun phrase (超过15万家规模以上工业企业, 新闻联播 2025-03-27): 规模 is
    then no frame of the figure."""
    return window[0].word == "规模" and len(window) > 1 and window[1].word == "以上"


def noun_phrase_after(window: list[Token], max_chars: int, leading_verb: bool) -> str:
    """The noun phrase right after a unit, ending with a noun: 156条涉电信网络诈骗线索 after
    公安部下发的 (a relative clause before the number), 126万元的留工培训补助 after 获得. A verb
    may open it when `leading_verb` (涉, 留工). Empty when none."""
    if window and window[0].word == "的":
        window = window[1:]
        leading_verb = True
    if not window or window[0].word in NOT_SUBJECTS:
        return ""
    words: list[Token] = []
    for i, token in enumerate(window):
        opening = not words and leading_verb and token.tag.startswith("v")
        listed = bool(words) and token.word in LIST_WORDS  # 488米岸线和泊位
        if words and token.word in NOT_SUBJECTS:
            break  # 5000多万千瓦新增燃煤发电机组全部… (2012 work report): 全部 is an adverb
        # 搭建的130间简易过渡房 (a/v/n), 促成1000多项可转化科技成果 (新闻联播 2026-03-28):
        # modifiers before the first noun of the phrase
        modifier = token.tag in MODIFIER_TAGS and not any(map(_is_noun, words))
        if not (opening or listed or modifier or _attribute(token) or _modifies_next(window, i)):
            break
        if sum(len(t.word) for t in words) + len(token.word) > max_chars:
            break
        words.append(token)
    while words and not (_is_noun(words[-1]) or words[-1].tag == "s"):
        words.pop()
    nouns = [t for t in words if _is_noun(t) or t.tag == "s"]
    return clean("".join(t.word for t in words)) if nouns else ""


def verb_before(tokens: Tokens, starts: list[int], offset: int) -> bool:
    """True when a verb other than a linking word stands right before `offset` (获得), or
    before its aspect particle (摧毁了约800个目标, 新闻联播 2023-10-09)."""
    index = _token_index_before(tokens, starts, offset)
    if index < 0 or tokens.ends[index] != offset:
        return False
    if tokens.words[index] in ASPECT and index > 0:
        index -= 1
    return tokens.tags[index] == "v" and tokens.words[index] not in LINK_WORDS


def verb_after(window: list[Token], max_chars: int) -> str:
    """What a count of events or people does, when a verb follows the unit (10次加息,
    5次被停机, 6亿人次可能在黄金周期间出行); the head noun when the verb opens a relative clause
    (10位参加"好记者讲好故事"活动的记者 -> 记者). Empty when no verb follows."""
    index = 0
    while index < len(window) and window[index].word in VERB_SKIP:
        index += 1
    if index >= len(window) or window[index].word in LINK_WORDS:
        return ""
    passive = index > 0 and window[0].word == "被"
    if not (window[index].tag.startswith("v") or (passive and _is_noun(window[index]))):
        return ""
    clause: list[Token] = []
    for token in window:
        if token.tag in ("x", "m") and token.word not in QUOTES:
            break
        clause.append(token)
    for i, token in enumerate(clause[:-1]):
        head = _leading_nouns(clause[i + 1 :]) if token.word == "的" else []
        follows = clause[i + 1 + len(head)].word if i + 1 + len(head) < len(clause) else ""
        if head and follows != "的":  # …的红色衣装的市民: the last noun phrase is the head
            return clean("".join(head))
    return phrase_after(window, max_chars)


def _leading_nouns(tokens: list[Token]) -> list[str]:
    words: list[str] = []
    for token in tokens:
        if not _is_noun(token):
            break
        words.append(token.word)
    return words


def existential_before(tokens: Tokens, starts: list[int], offset: int) -> bool:
    """True when a word ending in 有 stands right before `offset` (16条地铁线路有10条停运,
    69个渔港中有50个出现受损情况)."""
    index = _token_index_before(tokens, starts, offset)
    if index < 0 or tokens.ends[index] != offset:
        return False
    word = tokens.words[index]
    return word == "有" or (len(word) == 2 and word.endswith("有") and word not in LINK_WORDS)


def has_noun(phrase: str) -> bool:
    """True when `phrase` holds a noun (segmented afresh: it is a few characters)."""
    return bool(phrase) and any(_is_noun(Token(w, 0, 0, t)) for w, t in rjieba.tag(phrase))


def names_place(phrase: str) -> bool:
    """True when `phrase` holds a place name or a scope word (深圳已经发布, 全国约有)."""
    if not phrase:
        return False
    return bool(SCOPE.match(phrase)) or any(t == "ns" for _, t in rjieba.tag(phrase))


def only_scope(subject: str) -> bool:
    """True when a subject names no more than where the count holds (全国约有, 中国预计将,
    青海省海东市23人遇难)."""
    rest = SCOPE.sub("", subject)
    tagged = rjieba.tag(rest) if rest else []
    return not any(
        t != "ns" and w not in DIVISION_NOUNS and _is_noun(Token(w, 0, 0, t)) for w, t in tagged
    )


def clean(subject: str) -> str:
    """Strip anaphoric heads, linking words and unbalanced quotes from a subject."""
    subject = LEAD_STRIP.sub("", subject.strip(' 、"“”'))
    for _ in range(3):  # 比重超过了 -> 比重; 比重提升至 -> 比重 (提升至 before 至 alone)
        if not subject.endswith(TRAILING):
            break
        stripped = TRAIL_STRIP.sub("", LINK_TRAIL.sub("", subject))
        if stripped == subject:
            break
        subject = stripped
    if "比" in subject or "较" in subject or "由" in subject or "从" in subject:
        subject = COMPARED_TAIL.sub("", subject) or subject
    if subject.count('"') % 2:
        subject = subject.replace('"', "")
    return subject.strip(" 、")

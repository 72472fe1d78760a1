"""The words after a unit: what a figure counts when Chinese names it after the number.

A count qualifies the noun after its classifier (67艘超大型油轮订单, 50名"平安志愿者"团队),
a count of events or people may be named by the verb after it (连续10次加息, 23人遇难), and a
share of people by what they do (71.5%的人表示发烧或咳嗽). `naming.py` decides which of these
phrases, or the words before the number (`subjects.py`), names a figure.
"""

from __future__ import annotations

import bisect

import rjieba

from huibao.enrich.subjects import (
    BARE_NUMBER,
    DIVISION_NOUNS,
    FRAME_PAIRS,
    LINK_WORDS,
    LIST_WORDS,
    MOVE_TO,
    clean,
    is_noun,
)
from huibao.enrich.text import Token, Tokens

# Words joining the nouns of a list after a unit.
LISTING = frozenset({"、", "和", "与", "及", "以及"})

# Tags that can open a noun phrase after a unit (67艘超大型油轮订单, 123个主要粮食作物品种).
ATTRIBUTE_TAGS = ("n", "nz", "ns", "nt", "nr", "eng", "j", "l", "b", "an", "s")

QUOTES = frozenset({'"', "“", "”", "《", "》"})

CLOSING = frozenset({"”", "》"})

# Nouns after a figure that frame it rather than name what it counts (突破5万亿元大关,
# 50%以上的水平, both 新闻联播).
# 全部 is tagged a noun but is an adverb after a count (受困的64人全部救出, 新闻联播 2024-04-04).
# 连续3个月达到80万吨量级, 400平方公里范围内的上千个水系工程, 在我国经济增速年均5.5%的情况下,
# 在去年新开工改造小区355个的基础上 (新闻联播 2025-07-07), 在5000元档位 (163.com 2019) frame
# the figure too.
NOT_SUBJECTS = frozenset(
    {"大关", "水平", "规模", "关口", "左右", "以上", "以下", "全部", "全都", "之间", "量级"}
    | {"范围", "范围内", "情况", "情况下", "基础上", "档位", "价位"}
)

VERB_SKIP = frozenset({"被", "将", "已", "均", "都", "也", "分别"})
# Idioms and set phrases jieba tags i or l are verbs after a count of people as often as plain
# verbs (白所成、白应苍、杨立强等5人被判处死刑/i, 其中2人在抢险救灾中因公殉职/i: 新闻联播
# 2025-11-04, 2023-08-01; session 5, second round).
VERBAL_TAGS = ("v", "i", "l")
# A word jieba tags a numeral that holds no numeral after a classifier is the counted noun
# (共开展了40个大项/m、61个分项/m 5000余场比赛, 新闻联播 2023-10-08, the Asian Games).
NUMERAL_CHARACTERS = frozenset("0123456789.零〇一二两三四五六七八九十百千万亿几多余数若半来")

# Nouns jieba splits, tagging the second part a verb (已有150多个国家和30多个国际组织加入,
# 新闻联播 2023-12-18; 向153个国家、15个国际组织提供, 2023-10-31).
SPLIT_NOUNS = frozenset({("国际", "组织")})

# Words that may open a noun phrase before its first noun (130间简易过渡房: a v n, 新闻联播
# 2023-12-21; 1000多项可转化科技成果, 2026-03-28).
MODIFIER_TAGS = frozenset({"a", "v", "b"})

# Nouns for people that a share qualifies, the share then named by what they do: 71.5%的人
# 表示发烧或咳嗽, 64.5%的人报告说他们失去了嗅觉和味觉 (thepaper.cn on a Lancet study, 2020).
PEOPLE = frozenset({"人", "人群", "受访者", "受访人", "网友", "网民", "受调查者"})

SAYING = frozenset({"报告", "表示", "称", "认为", "说"})

# Words after a unit that name nothing counted: a locative making the count the whole a part
# is taken from (76260人中，13863检测呈阳性, the same page) and 钱 after 块 (只能卖出3块钱).
AMONG_AFTER = frozenset({"中", "之中", "当中", "里", "钱"})

# Postpositions of time and place (在连续5个月运行在50%以下后, 15天内: 新闻联播) are passed
# over: what follows them may say what happened (4个小时后孩子出生了, a 2005 Changchun report).
POSTPOSITIONS = frozenset({"内", "后", "前", "以后", "之后", "以前", "之前", "期间"})

# A class between a classifier and its noun (这两艘30万吨级超大型油轮, 新闻联播 2026-05-24).
CLASS_UNITS = frozenset({"平方米", "米", "吨", "千瓦", "公斤", "立方米", "公里", "英寸"})

AFTER_WINDOW = 16

RELATIVE_WINDOW = 28


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
        return _numeral_nouns(window_after(text, offset, length))
    stop = bisect.bisect_right(tokens.ends, offset + length, index)
    return _numeral_nouns(tokens[index:stop])


def _numeral_nouns(window: list[Token]) -> list[Token]:
    """`window` with its first word tagged a noun when jieba tagged it a numeral but it holds
    none (40个大项: 大项/m is the thing counted)."""
    first = window[0] if window else None
    if first and first.tag == "m" and NUMERAL_CHARACTERS.isdisjoint(first.word):
        if first.word in NOT_SUBJECTS:  # 左右
            return window
        return [Token(first.word, first.start, first.end, "n"), *window[1:]]
    return window


def subject_after(window: list[Token], max_chars: int) -> str:
    """The noun phrase right after a unit (50名"平安志愿者"团队 -> "平安志愿者"团队)."""
    if window and window[0].word == "的":
        window = window[1:]
    words: list[str] = []
    quoted, taken = False, 0  # (taken: the characters of `words`)
    for i, token in enumerate(window):
        if token.word in CLOSING and not quoted:
            break  # “一个中心、两个基本点”的基本路线 (the 1992 work report): a quote ends
        if token.word in QUOTES or (token.word == "(" and words):
            quoted = not quoted
        elif token.word == ")" and quoted:
            quoted = False
        elif token.word == "以上" and words and words[-1] == "规模":
            pass  # 规模以上工业企业
        elif not quoted and not (
            _attribute(token, words[-1] if words else "")
            or _modifies_next(window, i)
            or (words and token.word in LISTING and _listed_next(window, i))
        ):
            break
        elif words and token.word in NOT_SUBJECTS and not quoted:
            break  # 200多户村民全部搬入 (新闻联播 2023-01-24): 全部 is an adverb here
        elif words and token.word in AMONG_AFTER and not quoted:
            break  # 近1300辆展车中，新能源车占比超过七成 (新闻联播): the whole of a part
        elif words and token.word in LISTING and not _listed_next(window, i):
            break
        taken += len(token.word)
        if taken > max_chars:
            break
        words.append(token.word)
    return clean("".join(words))


def _listed_next(window: list[Token], index: int) -> bool:
    """True when the word after a list mark at `index` opens another noun (1700余名政、商、学、
    媒体界代表; 6015家政府组团、文化机构和企业; 近百名中国和阿根廷的龙舟爱好者: 新闻联播), not a
    figure or a verb (带动超37万人、增收6.7亿余元)."""
    nxt = window[index + 1] if index + 1 < len(window) else None
    return nxt is not None and nxt.tag != "m" and _attribute(nxt)


def _attribute(token: Token, before: str = "") -> bool:
    if (before, token.word) in SPLIT_NOUNS:
        return True
    return token.tag.startswith(ATTRIBUTE_TAGS) or is_noun(token) or token.word in DIVISION_NOUNS


def _modifies_next(window: list[Token], index: int) -> bool:
    """An adjective before a noun (85项新食品安全国家标准, 新闻联播 2023-10-01)."""
    nxt = window[index + 1] if index + 1 < len(window) else None
    return window[index].tag == "a" and nxt is not None and is_noun(nxt)


def phrase_after(window: list[Token], max_chars: int) -> str:
    """Words after a unit up to the next punctuation (28起已按期答复 -> 按期答复, 95亿人次的
    跨区域人员流动 -> 跨区域人员流动); none when they only frame the figure (50%及以上的水平)
    or move it (20.5亿元增加到去年的98亿元, the 2008 work report)."""
    if window and MOVE_TO.match("".join(t.word for t in window[:2])):
        return ""
    if window and window[0].word == "的":
        window = window[1:]
    if _frames(window):  # 80万吨量级, 400平方公里范围内 (新闻联播)
        return ""
    words: list[str] = []
    taken = 0  # the characters of `words`
    for token in window:
        if token.tag in ("x", "m") or taken >= max_chars:
            break
        if token.word in AMONG_AFTER:  # 近1300辆展车中，… (新闻联播): the whole of a part
            break
        if words or token.tag not in ("d", "p", "c"):
            words.append(token.word)
            taken += len(token.word)
    return clean("".join(words))


def is_attributive(window: list[Token], noun_before: bool) -> bool:
    """True when a noun (or a quoted name) follows the unit ending at `offset`: directly
    (67艘超大型油轮订单), or after 的 when no noun stands right before the figure
    (承接了64.2%的全球新船订单; but 总投资8000多万元的中小学校 is the schools' investment)."""
    if len(window) > 1 and window[0].word == "的":
        if noun_before:
            return False
        window = window[1:]
    if not window or (_frames(window) and not _above_size(window)):
        return False
    if window[0].word in LIST_WORDS or window[0].word[0] == "及":
        return False  # 复膜编织布25万平方米及大流量排水泵 (新闻联播, 及大 one word): a list
    first = window[0]
    return first.word in ('"', "“", "《") or _attribute(first) or _modifies_next(window, 0)


def _frames(window: list[Token]) -> bool:
    """True when the words opening `window` frame the figure before them (NOT_SUBJECTS)."""
    if not window:
        return False
    first = window[0].word
    return first in NOT_SUBJECTS or (len(window) > 1 and (first, window[1].word) in FRAME_PAIRS)


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
    if not window or _frames(window):
        return ""
    words: list[Token] = []
    taken, noun = 0, False  # the characters of `words`, and whether one of them is a noun
    for i, token in enumerate(window):
        opening = not words and leading_verb and token.tag.startswith("v")
        listed = bool(words) and token.word in LIST_WORDS  # 488米岸线和泊位
        listed = listed or (bool(words) and token.word == "、" and _listed_next(window, i))
        if words and token.word in NOT_SUBJECTS:
            break  # 5000多万千瓦新增燃煤发电机组全部… (2012 work report): 全部 is an adverb
        # 搭建的130间简易过渡房 (a/v/n), 促成1000多项可转化科技成果 (新闻联播 2026-03-28):
        # modifiers before the first noun of the phrase
        modifier = not noun and (
            token.tag in MODIFIER_TAGS or (token.tag == "d" and _noun_follows(window, i))
        )
        if not (opening or listed or modifier or _attribute(token) or _modifies_next(window, i)):
            break
        taken += len(token.word)
        if taken > max_chars:
            break
        words.append(token)
        noun = noun or is_noun(token)
    while words and not (is_noun(words[-1]) or words[-1].tag == "s"):
        words.pop()
    nouns = [t for t in words if is_noun(t) or t.tag == "s"]
    return clean("".join(t.word for t in words)) if nouns else ""


def people_share(window: list[Token], max_chars: int) -> str:
    """What people do, for a share of them (71.5%的人表示发烧或咳嗽 -> 表示发烧或咳嗽); empty
    unless 的, a noun for people and a verb or adverb follow the unit."""
    if len(window) < 3 or window[0].word != "的" or window[1].word not in PEOPLE:
        return ""
    if not (window[2].tag.startswith(("v", "d")) or window[2].word in SAYING):
        return ""
    return phrase_after(window[2:], max_chars)


def skip_class(window: list[Token]) -> list[Token]:
    """The words after a class or size that opens `window` (两艘30万吨级超大型油轮, 新闻联播
    2026-05-24; 两个1200平方米组合伞, 两个万亿级产业集群), when a noun follows it."""
    for i, token in enumerate(window[:3]):
        if token.word.endswith("级") and token.tag in ("m", "b", "q"):
            return window[i + 1 :]
        if i and token.word in CLASS_UNITS and i + 1 < len(window) and is_noun(window[i + 1]):
            return window[i + 1 :]
        if not (token.tag == "m" and BARE_NUMBER.match(token.word)):
            return window
    return window


def _noun_follows(window: list[Token], index: int) -> bool:
    """True when adverbs from `index` on lead to a noun (对17个自然保护地: jieba tags 自然 an
    adverb; 获批超8亿元超长期特别国债资金, 新闻联播 2025-04-11)."""
    for token in window[index + 1 : index + 4]:
        if token.tag != "d":
            return token.tag.startswith("n")  # not 用于再投资 (vn)
    return False


def verb_after(window: list[Token], max_chars: int) -> str:
    """What a count of events or people does, when a verb follows the unit (10次加息,
    5次被停机, 6亿人次可能在黄金周期间出行); the head noun when the verb opens a relative clause
    (10位参加"好记者讲好故事"活动的记者 -> 记者). Empty when no verb follows."""
    index = 0
    while index < len(window) and window[index].word in VERB_SKIP:
        index += 1
    if index < len(window) and window[index].word == "在":
        return _verb_after_place(window[index + 1 :], max_chars)
    if index >= len(window) or window[index].word in LINK_WORDS:
        return ""
    passive = any(token.word == "被" for token in window[:index])
    if not (window[index].tag.startswith(VERBAL_TAGS) or (passive and is_noun(window[index]))):
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


def relative_head(window: list[Token], max_chars: int) -> str:
    """A relative clause and its head after a unit (追踪近16%可能被遗漏的病例 -> 可能被遗漏的病例,
    thepaper.cn 2020 on a Lancet study; session 5, second round): the clause opens with a verb
    or an adverb and ends with 的 and nouns, inside the clause; empty otherwise."""
    if not window or not window[0].tag.startswith(("v", "d")) or window[0].word in LINK_WORDS:
        return ""
    for i, token in enumerate(window):
        if token.tag in ("x", "m"):
            return ""
        if token.word == "的" and i:
            head = _leading_nouns(window[i + 1 :])
            if head:
                phrase = "".join(t.word for t in window[: i + 1 + len(head)])
                return clean(phrase) if len(phrase) <= max_chars else clean("".join(head))
    return ""


def _verb_after_place(window: list[Token], max_chars: int) -> str:
    """The verb phrase after where people were (4200人在96处高危重点火险区靠前驻防, 新闻联播
    2023-04-22): the place is passed, numbers in it too; empty when no verb ends the clause."""
    for i, token in enumerate(window):
        if token.tag == "x":
            return ""
        if token.tag == "f" and i + 1 < len(window) and window[i + 1].tag.startswith(VERBAL_TAGS):
            # 其中2人在抢险救灾中因公殉职 (新闻联播 2023-08-01): the place ends at its postposition
            return phrase_after(window[i + 1 :], max_chars)
        if token.tag.startswith("v") and i and window[i - 1].tag != "m":
            return phrase_after(
                window[i - 1 :] if window[i - 1].tag == "d" else window[i:], max_chars
            )
    return ""


def _leading_nouns(tokens: list[Token]) -> list[str]:
    words: list[str] = []
    for token in tokens:
        if not is_noun(token):
            break
        words.append(token.word)
    return words

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
from dataclasses import dataclass

import rjieba

from huibao.enrich.quantities import COUNT_NUMERALS as ONE_CHARACTER_COUNTS
from huibao.enrich.quantities import Quantity
from huibao.enrich.text import Token, Tokens

# jieba tags that end a subject when walking away from the number: pronouns (该, 其中),
# adverbs (共, 已经), prepositions (为, 与, 在), time words (今年), particles (的, 了), conjunctions
# that join clauses, and punctuation (x, except quotes and 、, which live inside subjects:
# 发放慰问金、慰问品 and 破获"两抢一盗"侵财案件 on the seed page).
# ad too, an adjective used as an adverb (搜索结果迅速变为5950个, a 2005 report on podcasts).
_STOP_TAGS_TEXT = "r d ad p t uj ul uz ug uv ud y e o c zg u k h"
STOP_TAGS = frozenset(_STOP_TAGS_TEXT.split())
# Before the first noun is reached these are passed over, not stopped at: 汽车产销分别完成 (d),
# 种植面积稳定在 (p), 占全国进出口总值的 (uj) in 新闻联播 transcripts.
# Time words too (工业企业利润由上年下降2.3%, a State Council work report).
PASS_TAGS = frozenset({"d", "ad", "p", "uj", "ul", "t"})
TRAILING_ADVERBS = frozenset({"ad"})  # not d: jieba tags 进度 (麦收进度过九成) an adverb
LIST_WORDS = frozenset({"和", "与", "及", "以及", "等"})
INNER_PUNCTUATION = frozenset({"、", '"', "“", "”", "‘", "’", "《", "》", "「", "」", "-", "·"})
# Determiners inside a noun phrase that refer back (中央财政此项支出从2006年20.5亿元增加到去年的
# 98亿元, the 2008 work report; session 6): jieba tags them pronouns, which end a subject, but
# with the words after them they are its middle.
DETERMINERS = frozenset({"此项", "该项", "这项", "此类", "该类", "这类", "上述"})
# jieba's dictionary word 占本 (tagged r) glues the share's 占 to the 本 of 本年, 本机构 (国防支出
# 占本年支出的22.15%, the 1950s work reports: 21 times in them and the 新闻联播 transcripts;
# session 6): inside a subject it is the verb 占, not a pronoun that ends the subject.
GLUED_SHARE = frozenset({"占本"})
# Rate adverbs between a subject and its verb of change (城镇居民的消费水平平均每年递增百分之三点二,
# the 1982 work report; 年均 is cut from the subject's end with TRAIL_WORDS): passed like adverbs
# until a noun is reached, then cut from the subject's end.
RATE_ADVERBS = frozenset({"每年", "每月", "每天", "每日", "每季度"})
# Linking words between subject and number (受教育群众达3000余人, 国内生产总值达到134.9万亿元,
# 由84%提高至125%; 各 in 昭通市、西双版纳傣族自治州各1家, a Yunnan industry report).
_LINK_TEXT = (
    "达 达到 为 是 有 共 计 共计 累计 总计 合计 约 近 超过 逾 突破 "
    "约为 分别 分别为 增至 降至 增长到 下降到 提高到 升至 达到了 提高至 "
    "下调至 上调至 减至 调整为 稳定在 保持在 维持在 控制在 长达 高达 多达 "
    "完成 累计完成 实现 录得 各 稳定 保持 维持 上升到 上升至 提升至 提升到 下降到 下降至 降到 "
    "只有 仅有 仅为 仅 只 "
    # 将参与救灾的自卫队员数量增加到4600人 (新闻联播 2024-01-0x)
    "增加到 增加至 减少到 减少至 扩大到 扩大至 缩小到 缩小至 降低到 降低至 增至 "
    # 陕西全省小麦收获已过七成 (新闻联播 2023-06-11)
    "已过 过 "
    # 自主创新、结构调整、节能减排和生态建设占16% (the 2010 work report): 占 gives a share
    "占 约占 占到 "
    # 国内生产总值…虽然略低于8％的预定目标 (the 1999 work report): a comparative gives a level
    "低于 高于 略低于 略高于 不低于 不高于 相当于 "
    # 与污染物排放口的距离不能小于1.5米, 收益率可能低至1.25%, 收益率可能会跌破1%, 增幅仅约为
    # 29.2% (news pages of 2019: 163.com, sina.com.cn)
    "小于 大于 不小于 不大于 低至 高至 跌至 涨至 跌破 仅约 均约 卖到 售价为 "
    # 搜索结果迅速变为5950个, 投资增长率变成了22.8％, 体重已恢复到69公斤 (zh-extract-dev pages)
    "变为 变成 成为 降为 升为 恢复到 恢复至"
)
LINK_WORDS = frozenset(_LINK_TEXT.split())
# Only words of two or more characters are cut from a subject's end: 计 ends 预计, 为 行为.
LINK_TAILS = tuple(sorted((w for w in LINK_WORDS if len(w) > 1), key=len, reverse=True))
LINK_TRAIL = re.compile("(?<=.)(?:" + "|".join(LINK_TAILS) + ")$")
# Anaphoric heads at the front of a subject (该分局辖区110接报警 on the seed page, 全市 in
# city reports) that name who counts, not what is counted.
LEAD_STRIP = re.compile(
    r"^(?:(?:该|全|本|我)(?:市|县|区|省|州|镇|乡|村|局|所|院)(?:辖区|范围内|境内)?"
    r"|(?:该|全|本)?(?:分局|公安局|公司|集团|单位|中心)(?:辖区|范围内|境内)?|辖区|其中|拥有"
    # 查摆各类问题3175个，目前已整改完成3091个 (新闻联播): a time word names nothing counted
    r"|目前|当前|如今|现已)+(?=.)"
)
# The characters LEAD_STRIP's words open with: `clean` runs the regex only after one of them.
LEAD_FIRST = frozenset("该全本我分公集单中辖其拥目当如现")
# 工业互联网核心产业规模已经超过1.2万亿元 (新闻联播 2023-07-13): 已经 and its kin too.
# 指数值连续5个月上升 (新闻联播 2024-01-21), 指数连续4个月运行在50%及以上 (2026-06-30): 连续
# and its kin are adverbs at a subject's end.
_TRAIL_TEXT = (
    "的 了 在 共 达 为 从 由 至 到 分别 也 将 均 都 已经 已 还 仍然 仍 正在 依然 将要 "
    "连续 持续 不断 继续 "
    # 租金甚至高达15元甚至20元每小时 (thepaper.cn 2019): 甚至, not its 至 alone
    "甚至 乃至 "
    # 年度用电量首次突破, 国际油价再度突破, 汽车类零售额比一季度大幅提升, 占我国进出口总值的
    # 比重进一步提升至57.3%, 固定宽带接入用户占比稳步提升，超过三成 (新闻联播)
    "首次 一度 再度 大幅 进一步 稳步 逐步 "
    # a rate's 均 with its base (全社会研发经费投入年均增长10%以上, 新闻联播), not 均 alone
    "年均 日均 月均 户均 亩均 "
    # 美国在此方面损失或超13亿美元 (新闻联播): 或 is "may" here; modals (收益率可能会跌破1%)
    "或 可能 可能会 不能 不得 将会 或将 有望 "
    # adverbs of sequence tagged verbs (美国联邦政府债务…在2024年1月、7月和11月接连突破34万亿
    # 美元, 新闻联播 2025-08-13; session 5, second round): no subject, the clause's topic is
    "接连 相继 先后 陆续 再次 多次 屡次 逐年 连年 "
    # a rate adverb before a verb of change (消费水平平均每年递增, the 1982 work report; session 6)
    "平均每年 平均每月 平均每天 每年 每月 每天 每日 平均"
)
TRAIL_WORDS = tuple(_TRAIL_TEXT.split())
TRAIL_STRIP = re.compile("(?:" + "|".join(TRAIL_WORDS) + ")+$")
# A year in Chinese numerals (一九八○年, 一九八五年: the 1982 work report), as Arabic years are
# matched beside it.
CHINESE_YEAR = "[一二三四五六七八九〇○零]{4}"
# A verb of change, an adverb or a number left at a subject's end when the walk took the words
# before a linking word it does not know: 自卫队员数量增加到4600人, 3个月、6个月、一年期定期存款
# 下调0.1个百分点, 核心消费价格指数为104.8，同比上升3.2%, 仅答辩积累时长就超过了400分钟 (新闻联播).
_MOVES_TEXT = "增加 减少 提高 下降 增长 上升 扩大 缩小 下调 上调 降低 提升 回落 上涨 下跌"
MOVES = frozenset(_MOVES_TEXT.split())
MOVE_TAIL = re.compile(
    r"(?<=..)(?<![负零])(?:" + "|".join(_MOVES_TEXT.split()) + r")$"  # not 呈负增长
    r"|(?<![成造迁])就$|(?<![冷推退忘])却$|(?:为|达到|达|是)?\d[\d.,]*[万亿]*$"
    # a year between the subject and its verb (社会商品零售总额一九八五年将达到二千九百亿元, the
    # 1982 work report; session 6): a time, no part of what is counted
    # (not a comparison's base: 比重比2022年, 较前一年, which COMPARED_TAIL cuts with its 比)
    r"|(?<=..)(?<![\d〇○零一二两三四五六七八九十比较由从前上近])"
    r"(?:" + CHINESE_YEAR + r"|(?:19|20)\d{2})年(?:底|末|初)?$"
)
# A subject ending with none of these (nor with a newline, which `$` may stand before) has
# nothing for LINK_TRAIL, TRAIL_STRIP or MOVE_TAIL to cut: `clean` then runs none of them.
TRAILING = (*LINK_TAILS, *TRAIL_WORDS, *_MOVES_TEXT.split(), *"就却万亿0123456789年底末初", "\n")
# A comparison's base after the thing compared (生产效率也比过去提高了20%, 新型储能装机比2024年底
# 增长84%, both 新闻联播): the base is no part of the subject.
COMPARED_TAIL = re.compile(
    r"(?<=..)(?:也|都|还|就)?(?:同|环)?(?:比|较)(?:过去|以前|此前|之前|去年|上年|上月|同期"
    # 世界500强企业就比首届增加了42% (新闻联播 2025-07-16), 食品价格指数较前一年上涨超过14%
    r"|首届|上届|计划|预期|预算|前一年|上一年"
    r"|(?:19|20)\d{2}年(?:底|末)?)(?:同期)?要?$"
    # the start of a move (限制措施由最初的93项压减到31项, 新闻联播 2023-12-18)
    r"|(?<=..)(?:由|从)(?:最初|原来|原先|此前|过去|目前|现在|上年|去年|上月"
    # 城镇居民人均可支配收入由2002年7703元增加到2007年13786元 (the 2008 work report);
    # 展览面积由首届的10万平方米增加到12万平方米, 亚投行成员数量由创始之初的57个 (新闻联播)
    r"|(?:19|20)\d{2}年|首届|上届|创始之初|启动之初|开通初期|初期"
    # 年产值从10年前的18亿元增长到…, 全国森林覆盖率从十年前的21.7%提高到… (新闻联播)
    r"|[\d一二三四五六七八九十]+年前|之前)?$"
    # 60岁及以上老人机票订单环比春节假期增长34% (新闻联播 2025-02-18): the base of 环比
    r"|(?<=..)(?:环比|同比)[^,;。]{0,8}$"
)
NOUN_TAGS = ("n", "vn", "nz", "ns", "nt", "nr", "eng", "j", "l", "an")
# Verbs of cause before a count whose subject follows it (地震造成10人死亡、上千人受伤, 新闻联播);
# a party may stand between (袭击造成以方700多人死亡, 新闻联播 2023-10-09).
# 带动 too: 冰雪经济带动了当地400多人就业 (新闻联播 2025-02-01).
CAUSE = re.compile(r"(?:造成|导致|致使|致|带动)(?:了|当地|全国|全市|全省|共){0,2}$")
CAUSE_PARTY = re.compile(r"(?:造成|导致|致使)了?[^\d,。;:、的]{1,3}$")
# A move's verb with 到/至: the figure before it is the move's start, the one after its end.
MOVE_TO = re.compile(r"(?:增加|提高|减少|下降|扩大|缩小|增长|上升|降低|提升)(?:到|至)")
# Nouns that frame a figure only with the word after them (355个的基础上; but 三家基础电信企业).
FRAME_PAIRS = frozenset({("基础", "上"), ("前提", "下"), ("背景", "下"), ("情况", "下")})
# 超额完成了“十四五”期间改造110万户的任务目标 (新闻联播 2025-07-22): a target frames a count too
# (session 5, second round), as a pair: 两个重要目标 are targets counted.
FRAME_PAIRS |= {("任务", "目标"), ("目标", "任务")}
FRAME_ENDS = frozenset({"上", "下"})
# One-character division nouns jieba does not tag as nouns (88个县(市、区), 新闻联播 2024-05-12;
# 贯通5个地(市), 新闻联播 2025-03-29, where 地 is tagged a particle).
DIVISION_NOUNS = frozenset("省市县区乡镇村州盟旗地")
# Adjectives of size right before a number name what is measured (长330多米, 新闻联播 2026-05-24).
DIMENSIONS = frozenset("长宽高深厚")
# The extreme point of what is measured (塌方体…最深处达10米左右, 新闻联播 2026-07-07).
EXTREME_POINT = re.compile(r"最[深浅高低宽窄厚薄长短远近]处")
# Units that count events or people: a verb right after them says what is counted (连续10次加息,
# 发生149次战斗, 全国约有6亿人次可能在黄金周期间出行, all 新闻联播 or its reprints).
# Votes too: 联合国大会以145票赞成、5票反对 (新闻联播), 2952票赞成 (a work-report vote).
EVENT_UNITS = frozenset({"次", "票"})
PERSON_UNITS = frozenset({"人", "人次", "名", "位"})
# Words that only set the scope of a count (全国约有6亿人次…出行): no subject on their own.
SCOPE = re.compile(r"^(?:全国|全省|全市|全区|全县|全球|世界|中国|我国|国内|当地|各地)")
# Aspect particles between a verb and the count it takes (摧毁了约800个目标, 新闻联播 2023-10-09).
ASPECT = frozenset({"了", "过"})
# Nouns naming a measure: right before its number they are the subject even when another
# noun follows the unit (半径500公里城市群, 新闻联播 2025-12-26).
# A depth or height below or above a reference is one too (位于广东江门地下700米的江门中微子实验
# 大科学装置, 新闻联播 2025-08-27; session 5, second round).
MEASURE_NOUN = re.compile(
    r"(?:半径|直径|长度|宽度|高度|深度|面积|体积|距离|全长|总长|重量|容量|排水量|里程"
    r"|地下|水下|井下|海拔|海底|埋深|水深"
    # a share or a rate (在苗族人口占比98%的“天下苗族第一县”, ifeng.com 2018 on 台江)
    r"|占比|比重|比例|增速|增幅|涨幅|降幅)$"
)
# Tags skipped before the noun phrase that opens a clause (这是2023年我国社会消费品零售总额).
OPENERS = frozenset({"t", "x", "m", "r"})
# 减按1%的税率征收契税 (新闻联播 2023-10-01), where jieba tags 减按 a noun.
PREPOSITIONS = frozenset({"按", "减按", "按照", "依照", "以"})
ASIDE_REACH = 12
ASIDE = re.compile(r"\([^()]*\)")
BARE_NUMBER = re.compile(r"^[\d.,零〇一二两三四五六七八九十百千万亿]+$")
HEADLINE_REACH = 30


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


def is_noun(token: Token) -> bool:
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
    token_starts = tokens.starts
    glued = index + 1 < len(token_starts) and token_starts[index + 1] < offset  # (cheap first)
    prefix = _glued_prefix(tokens, index + 1, offset, floor) if glued else ""
    if not prefix:
        last = _last_word(tokens, index, floor)
        if last is None:
            return ""
        index = last
    top = index
    tags = tokens.tags
    walk = _walk_back(tokens, index, floor, max_chars, len(prefix))
    index = walk.index
    if not prefix and _framed(tokens, index, top, floor):
        # 美联邦政府债务将在2030财年后突破37万亿美元 (新闻联播 2025-08-13): a time or place
        # framed by 在…后 stands between the subject and its verb
        subject = _skip_adverbs(tokens, index - 1, floor)
        before_frame = _walk_back(tokens, subject, floor, max_chars, 0)
        if before_frame.noun:
            walk, top, index = before_frame, subject, before_frame.index
    noun = walk.noun or (bool(prefix) and tags[top + 1].startswith(NOUN_TAGS))
    verb = walk.verb or (bool(prefix) and tags[top + 1].startswith("v"))
    while not prefix and top > index + 1 and tags[top] in TRAILING_ADVERBS:
        top -= 1  # 搜索结果迅速变为5950个: an adverb before the link is no part of the subject
    straddles = index >= 0 and token_starts[index] < floor
    suffix = _straddled(tokens, index, floor) if straddles else ""
    noun = noun or (bool(suffix) and tags[index].startswith(NOUN_TAGS))
    joined = suffix + "".join(tokens.words[index + 1 : top + 1]) + prefix
    phrase = clean(ASIDE.sub("", joined) if walk.aside else joined)
    if noun:
        return phrase
    # 少数能达到20元左右 (qq.com 2019): a quantifier and a modal verb name nothing
    return phrase if verbs and len(phrase) >= 2 and verb and not walk.count else ""


def _last_word(tokens: Tokens, index: int, floor: int) -> int | None:
    """The last word that may belong to a subject ending before the word after `index`:
    spaces, linking words, a closing 等 and a preposition passed over; None in a headline."""
    words, tags, token_starts = tokens.words, tokens.tags, tokens.starts
    lowest = floor_index(tokens, floor)
    # 就业率去年底达到 83%, 农村电网线路 26.6万公里 (work reports): a stray space before the
    # number; in a headline it parts two phrases (直升机坠河事故 6人死亡, 新闻联播 2025-04-11)
    while index >= lowest and not words[index].strip():
        if _headline(tokens, index):
            return None
        index -= 1
    while index >= 0 and token_starts[index] >= floor and words[index] in LINK_WORDS:
        index -= 1
    if index > 0 and words[index] == "等" and token_starts[index] >= floor:
        index -= 1  # 共发掘清理出陶俑、陶马、兵器等千余件 (新闻联播): a list closed by 等
    if index > 0 and tags[index] == "p" and token_starts[index] >= floor:
        # 联合国大会以145票赞成 (新闻联播): the preposition takes the number; not 比, which
        # jieba cuts from 占比 (市场份额占比分别为28.6%, thepaper.cn 2019)
        index -= words[index] != "比"
    return index


# Prepositions that open a frame of time or place closed by a postposition (在2030财年后).
FRAME_OPENERS = frozenset({"在", "于", "自", "从"})


def _framed(tokens: Tokens, index: int, top: int, floor: int) -> bool:
    """True when the walk stopped at a preposition (在) and the words it took end with a
    postposition (后, 前, 内, 期间): they frame the verb, they are not its subject."""
    return (
        0 < index < top
        and tokens.starts[index] >= floor
        and tokens.words[index] in FRAME_OPENERS
        and tokens.tags[top] == "f"
    )


def _skip_adverbs(tokens: Tokens, index: int, floor: int) -> int:
    """The index before the adverbs (将, 已) ending at `index`."""
    while index >= 0 and tokens.starts[index] >= floor and tokens.tags[index] in ("d", "ad"):
        index -= 1
    return index


@dataclass(slots=True)
class _Walk:
    """Where the walk back from a number stopped and what it passed."""

    index: int
    noun: bool = False
    verb: bool = False
    count: bool = False
    aside: bool = False
    acted: bool = False


def _walk_back(tokens: Tokens, index: int, floor: int, max_chars: int, length: int) -> _Walk:
    """The content words from `index` back towards `floor` (`length`: characters taken)."""
    words, tags, token_starts = tokens.words, tokens.tags, tokens.starts
    lowest, top = floor_index(tokens, floor), index
    aside = noun = verb = count = acted = False  # (locals in the loop, the _Walk at its end)
    while index >= 0 and token_starts[index] >= floor:
        word, tag = words[index], tags[index]
        if word == ")":  # 严重下滑（超过30%）仅占6.5% (guancha.cn 2019): an aside in brackets
            opening = _opening_bracket(words, index, max(lowest, index - ASIDE_REACH))
            if opening > 0:
                index, aside = opening - 1, True
                continue
        if word in FRAME_ENDS and index and (words[index - 1], word) in FRAME_PAIRS:
            break  # …355个的基础上再增加300个: the frame closes an adverbial before the figure
        if word in RATE_ADVERBS and not noun and not acted:
            index -= 1  # 消费水平平均每年递增: passed, and cut from the subject's end
            length += len(word)
            continue
        # (a content word, the common case, is tested here first: `_continues` gives the
        # same answer for it, at the cost of two calls per word)
        if tag == "x" or tag in STOP_TAGS or not word.strip():
            before = tags[index - 1] if index else None
            if not _continues(word, tag, noun, top - index, before):
                break
        length += len(word)
        if length > max_chars:
            break
        noun = noun or tag.startswith(NOUN_TAGS)
        verbal = tag.startswith("v")
        # a verb other than one of change (哈马斯将每天释放10名: 每天 is then no rate of a move)
        acted = acted or (verbal and word not in MOVES)
        verb = verb or verbal
        count = count or tag == "m"
        index -= 1
    return _Walk(index, noun, verb, count, aside, acted)


def _straddled(tokens: Tokens, index: int, floor: int) -> str:
    """The end of the word at `index` when it runs past `floor` (2007年产量达到50150万吨, the
    2008 work report: jieba's 年产量 straddles the period), else empty."""
    if index < 0 or tokens.tags[index] == "x":
        return ""
    start = tokens.starts[index]
    return tokens.words[index][floor - start :] if start < floor < tokens.ends[index] else ""


def _glued_prefix(tokens: Tokens, index: int, offset: int, floor: int) -> str:
    """The start of the word at `index` when it runs past `offset`, where a number's
    approximation begins (全长约148.7公里, 新闻联播: jieba keeps 全长约 whole), else empty."""
    if index >= len(tokens) or not floor <= tokens.starts[index] < offset < tokens.ends[index]:
        return ""
    prefix = tokens.words[index][: offset - tokens.starts[index]]
    return "" if prefix in LINK_WORDS or not prefix.strip() else prefix


def _opening_bracket(words: list[str], index: int, lowest: int) -> int:
    """Index of the "(" that the ")" at `index` closes, or -1 (none from `lowest` on)."""
    for i in range(index - 1, lowest - 1, -1):
        if words[i] == "(":
            return i
        if words[i] == ")":
            return -1
    return -1


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
    if index < 0 or tokens.ends[index] != offset:
        return False
    # (two words: jieba cuts 占比 into 占 / 比 before a number)
    word = tokens.words[index - 1] + tokens.words[index] if index else tokens.words[index]
    return bool(MEASURE_NOUN.search(word))


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
    # a bare number before the noun makes it a unit (40天); a numeral with its classifier
    # does not (一座投资超36亿元的煤炭铁水联运储配基地, 新闻联播 2025-07-06: the investment)
    counted = index > 0 and tokens.tags[index - 1] == "m" and BARE_NUMBER.match(words[index - 1])
    return index >= 0 and tokens.tags[index].startswith(NOUN_TAGS) and not counted


def _continues(word: str, tag: str, noun: bool, taken: int, before: str | None) -> bool:
    """Whether the walk towards the start of the sentence takes the word `word` (tagged `tag`)
    into the subject, after `taken` words (`noun`: one of them is a noun); `before` is the tag
    of the word before it, if any."""
    if _is_content(word, tag) or word in GLUED_SHARE:
        return True
    if word in DETERMINERS and taken > 0 and before is not None and before.startswith(NOUN_TAGS):
        return True  # 中央财政此项支出: the body before the determiner is named too
    if tag == "zg" and len(word) == 1 and before is not None and before.startswith(NOUN_TAGS):
        return True  # 港澳单牌车突破150万辆次 (新闻联播 2025): jieba cuts 单牌 / 车 (zg)
    if not noun:
        return tag in PASS_TAGS
    if before is None or not before.startswith(NOUN_TAGS):
        return False
    # 占广西进出口总额的比重: a 的 between two nouns stays inside the subject; so do the words
    # of a list (受益企业和返还资金分别是…, 城市轨道车辆等产品产量, 新闻联播)
    return (word == "的" and taken <= 3) or word in LIST_WORDS


def leading_noun_phrase(tokens: Tokens, starts: list[int], start: int, end: int) -> str:
    """The nouns that open the text between `start` and `end` (time words, numerals and
    pronouns skipped: 这是2023年我国社会消费品零售总额)."""
    index = bisect.bisect_left(starts, start)
    while index < len(tokens) and tokens[index].tag in OPENERS and tokens[index].end <= end:
        index += 1
    words: list[str] = []
    while index < len(tokens) and tokens[index].end <= end and is_noun(tokens[index]):
        words.append(tokens[index].word)
        index += 1
    return clean("".join(words))


def caused(subject: str) -> bool:
    """True when the words before a count end with a verb of cause (造成), or with one and the
    party it struck (造成以方700多人死亡)."""
    party = ("造成" in subject or "致" in subject) and CAUSE_PARTY.search(subject)
    return bool(CAUSE.search(subject) or party)


def preposition_before(tokens: Tokens, starts: list[int], offset: int) -> bool:
    """True when a preposition stands right before `offset` (减按1%的税率: the figure is
    the measure of the noun after it, a 2023 新闻联播 item on housing taxes)."""
    index = _token_index_before(tokens, starts, offset)
    if index < 0 or tokens.ends[index] != offset:
        return False
    return tokens.tags[index] == "p" or tokens.words[index] in PREPOSITIONS


def verb_before(tokens: Tokens, starts: list[int], offset: int) -> bool:
    """True when a verb other than a linking word stands right before `offset` (获得), or
    before its aspect particle (摧毁了约800个目标, 新闻联播 2023-10-09)."""
    index = _token_index_before(tokens, starts, offset)
    if index < 0 or tokens.ends[index] != offset:
        return False
    if tokens.words[index] in ASPECT and index > 0:
        index -= 1
    return tokens.tags[index] == "v" and tokens.words[index] not in LINK_WORDS


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
    return bool(phrase) and any(is_noun(Token(w, 0, 0, t)) for w, t in rjieba.tag(phrase))


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
        t != "ns" and w not in DIVISION_NOUNS and is_noun(Token(w, 0, 0, t)) for w, t in tagged
    )


def clean(subject: str) -> str:
    """Strip anaphoric heads, linking words and unbalanced quotes from a subject."""
    subject = subject.strip(' 、"“”')
    if subject[:1] in LEAD_FIRST:
        subject = LEAD_STRIP.sub("", subject)
    subject = _trim_tail(subject)
    if "比" in subject or "较" in subject or "由" in subject or "从" in subject:
        compared = COMPARED_TAIL.sub("", subject)
        if compared and compared != subject:  # 火车运行时间将从目前的…: 将 is left
            subject = _trim_tail(compared)
    if subject.count('"') % 2:
        subject = subject.replace('"', "")
    return subject.strip(" 、")


def _trim_tail(subject: str) -> str:
    """Cut linking words, adverbs, a verb of change and a number from a subject's end."""
    for _ in range(3):  # 比重超过了 -> 比重; 比重提升至 -> 比重 (提升至 before 至 alone)
        if not subject.endswith(TRAILING):
            break
        stripped = MOVE_TAIL.sub("", TRAIL_STRIP.sub("", LINK_TRAIL.sub("", subject)))
        if stripped == subject:
            break
        subject = stripped
    return subject

"""Quantity mentions: approximation word + numeral + multiplier + unit (近3000余人, 2万余元).

Only a number followed by a known unit is a quantity; that one rule keeps dates (6月10日),
ages (17岁), anniversaries (78周年), editions (第四届), times (8时40分) and phone numbers out
without a list of exceptions. Values are scaled to the unit without its multiplier:
2万余元 -> 20000 元, 134.9万亿元 -> 1.349e14 元, 1.2亿人次 -> 1.2e8 人次.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import rjieba

from huibao.enrich.model import Span
from huibao.enrich.numbers import ARABIC, CHINESE, MULTIPLIER, MULTIPLIERS, parse_number
from huibao.enrich.text import longest_word_pattern

# Units, by the text that taught them. The seed page: 起 件 人 名 次 个 元 面. 新闻联播
# transcripts (2023, counted by frequency): 人次 家 亩 项 吨 条 米 公里 平方公里 平方米 立方米 天
# 辆 处 户 列 场 台 位 种 座 架 枚 部 标箱 斤 公斤 所 艘 套 批 株 桶 只 班 篇 张 份 颗 组 间 千瓦
# 千瓦时 个百分点 个基点 个月 载重吨 公顷 小时 美元 亩次 场次 笔 字 千伏 ℃. Work reports: 万亿元
# (multiplier + 元), 公里, 亿千瓦, 个百分点. Laws: 11章56条.
_UNITS_TEXT = (
    "个百分点 个基点 个多月 个月 个多小时 个小时 人次 亩次 场次 户次 "
    "架次 辆次 车次 航次 艘次 平方公里 平方千米 平方米 立方米 千瓦时 "
    "千瓦 兆瓦 吉瓦 载重吨 标准箱 标箱 吨公里 公里 千米 厘米 毫米 "
    "米 公顷 亩 公斤 千克 吨 斤 克 升 桶 元人民币 人民币 元 美元 欧元 "
    "日元 英镑 港元 港币 卢布 起 件 宗 例 人 名 位 次 个 家 户 "
    "所 座 台 辆 艘 架 列 项 条 篇 部门 部 场 批 只 头 株 棵 "
    "套 份 册 本 张 处 间 栋 幢 支 种 款 颗 枚 组 块 面 趟 "
    "班 所 对 笔 字 章 千伏 摄氏度 ℃ 小时 分钟 天 倍 % ‰ "
    # 新增1043万立方 (冷库库容), 帐篷4500顶, 专题14期 (新闻联播 2023, a Jiangmen police story),
    # 102眼干涸的泉眼, 上百道冶炼工序 (新闻联播 2025)
    "立方 顶 期 眼 道 "
    # A frequency count of number + character over the 新闻联播 transcripts and the work
    # reports (docs/enrich.md): 343808.6万剂次 (vaccine doses), 15.3万箱 and 180万单 (heldout-4:
    # 新闻联播 2025-01-10, thepaper.cn 2019), 2952票赞成, 40集, 18层, 15席, 3剂, 36平米, 6成企业
    "剂次 剂 箱 单 票 集 层 席 平米 成 "
    # 6.1英寸显示屏, 1200万像素广角相机, 回购价格打5折 (sina.com.cn 2019 on the iPhone 11; the
    # 新闻联播 transcripts hold 12英寸, 400像素 and 4折票价 too)
    "英寸 像素 折 "
    # PM2.5平均浓度为30微克/立方米, 下传科学数据110TB, 截获有害生物58万种次 (新闻联播 2023-2025,
    # read in the heldout-7 batch after its last score). Not GB: in news it names a model
    # (iPhone 11 64GB售5499元, sina.com.cn 2019), not an amount of data.
    "微克/立方米 毫克/立方米 TB PB 种次"
)
UNITS: tuple[str, ...] = tuple(_UNITS_TEXT.split())
# Spellings folded into one unit (a 多 inside the unit is an approximation: 8个多月).
UNIT_ALIASES = {
    "元人民币": ("元", ""),
    # 票务收入6.18亿人民币 (新闻联播 2023-10-08, the Asian Games): yuan, not 人 people
    "人民币": ("元", ""),
    "个多月": ("个月", "多"),
    "个小时": ("小时", ""),
    "个多小时": ("小时", "多"),
    "摄氏度": ("℃", ""),
    "平米": ("平方米", ""),
}
# A unit glued to the next character makes another word: 78集团军 (新闻联播 2023-09-10), 5单元
# (an address), 20亿票房, 3层次, BA.5成为主导毒株 (新闻联播): then it is no unit.
UNIT_WORDS = {
    "单": "元位独身日",
    "集": "团中成装群",
    "票": "房价",
    "层": "次面级",
    "成": "为都功立本效果交",
    # 2026米兰冬奥会 (新闻联播 2025-06-23): Milan, not metres
    "米": "兰",
    # 惠及近千万家庭 (the 2022 work report; session 6): households counted without a classifier
    "家": "庭属乡眷园",
    # 如图41所示, 分成两部分 (zh-extract-dev pages): 所示 and 部分 are words
    "所": "示",
    "部": "分",
    # 折合, 折算, 折扣, 折叠, 折旧: words, not a discount
    "折": "合算扣叠射旧腾线磨服返",
}
TIME_UNITS = frozenset({"个月", "小时", "分钟", "天"})
# Units a bare 百/千 may not take: they make another unit (千克, 千米, 千瓦) or a time span.
NOT_BARE_UNITS = frozenset({"克", "米", "瓦", "伏", "瓦时", "个月", "小时", "分钟", "天"})
ROUND_VALUES = {"百": 100.0, "千": 1000.0, "万": 10000.0, "亿": 1e8}
# Approximation words before the number (the seed page: 近; 新闻联播: 约, 超过, 逾, 近, 达近)
# and after it (seed: 余 in 80余次, 3000余人, 2万余元; 多, 以上, 左右 in work reports).
_APPROX_BEFORE_TEXT = (
    "超过 大约 将近 接近 不足 不到 至少 最多 逾 近 约 超 "
    # 每个项目奖补金额不超过3亿元, 进入不少于45天的春季休牧 (新闻联播 2025): bounds
    "不超过 不少于 不低于"
)
APPROX_BEFORE = tuple(sorted(_APPROX_BEFORE_TEXT.split(), key=len, reverse=True))  # 不超过 first
APPROX_ENDS = frozenset(w[-1] for w in APPROX_BEFORE)
APPROX_INSIDE = ("余", "多", "来")
APPROX_AFTER = ("及以上", "以上", "左右", "上下", "之多", "以下", "以内")


# One-character numerals (docs/enrich.md, counts policy): 两 to 九 and 十 with a classifier
# count (四个综合保税区, 四条国际航线, 两台街电设备: heldout-4; 这两艘油轮, 两处军事基地, 三个展区:
# 新闻联播), but 一 is the indefinite article (一项基本功, 一名男子, seed page) and 二 an
# ordinal or a phase (十四届全国人大二次会议, 二期工程, 新闻联播).
COUNT_NUMERALS = frozenset("两三四五六七八九十")
# Durations in words are no statistics, with 多 too (花费了四个多小时的车程, a 2003 car test).
ONE_DURATIONS = frozenset({"个多月", "个多小时", "个月", "小时", "分钟", "天"})
# What follows such a count and makes it a name, not a statistic. Each from real text: a
# named set (四项要求 on the seed page; 八项规定, 两个确立, 两个维护, 四个意识, 四个自信, 三个代表,
# 五项原则, 四个全面, 三个务必, 两个毫不动摇, 两个大局, 五位一体 in 新闻联播), an ordinal session
# (四次会议, 三次全会), the tertiary sector (三次产业, a Deqing county bulletin), a phase
# (三期扩建, 四期工程), a vague width (两位数增长) and a policy's name (残疾人两项补贴).
NAMED_COUNT_AFTER = re.compile(
    r"(?:要求|规定|确立|维护|意识|自信|代表|结合|原则|全面|务必|毫不|大局|面向|认同|一体"
    r"|会议|全会|产业|工程|扩建|数|补贴"
    # a trilogy ("文明探源"三部曲, 新闻联播 2024-12-23)
    r"|曲)"
)
# Characters of a word or slogan (八字方针 on the seed page, "廉洁"两字, 十字路口) and idioms
# (四面八方, 三番五次: 新闻联播) are no counts either.
NAMED_COUNT_UNITS = frozenset({"字"})
COUNT_IDIOMS = ("四面八方", "三番五次", "五湖四海", "三三两两", "七上八下", "三面环", "十面埋伏")
OPENING_QUOTES = ("“", "「", "『", '"')
# 四处 before a verb is the adverb "everywhere" (不得不四处筹借, a 2020 report on 于欢's mother;
# 他们可能会四处活动, thepaper.cn on a Lancet study), not four places. Session 5, second round
# (helper H6): these words are adverbs or names unless a noun follows them inside a clause
# (我国再添四处世界灌溉工程 counts; 四处借贷困境还是招来祸事 opening a sentence and 像是四处撒欢儿
# 野马驹 (tagged a name) on the 于欢 and 台江 pages do not, nor 四面通风 (on all sides) after 、,
# nor 五眼变四眼 (the Five Eyes, a huanqiu.com commentary)).
ADVERB_COUNTS = ("四处", "四面", "五眼", "四眼")
CLAUSE_OPENERS = frozenset('，,。；;：:！!？?、“"\n ')
COUNTED_TAGS = ("n", "s", "b", "a")
BELOW_ZERO = "零下"
VAGUE_PAIR = re.compile(r"\d、\d")
SLOGAN_REACH = 8
SLOGAN_NUMERALS = frozenset("一二两三四五六七八九十")


def _named_count(text: str, start: int, end: int, unit: str) -> bool:
    """True when a one-character count at text[start:end] is a name, slogan or idiom."""
    unit = UNIT_ALIASES.get(unit, (unit, ""))[0]  # 四个多小时的车程: a duration too
    if unit in NAMED_COUNT_UNITS or unit in TIME_UNITS or text.startswith(COUNT_IDIOMS, start):
        return True
    if NAMED_COUNT_AFTER.match(text, end) is not None:
        return True
    if text.startswith(ADVERB_COUNTS, start) and not _noun_follows(text, start, end):
        return True
    # "六张网"建设, “两降两升”的总目标 (新闻联播, a Jiangmen police story): a count in quotes
    quoted = text[max(0, start - 3) : start].endswith(OPENING_QUOTES)
    return (
        quoted
        or any(q in text[end : end + 3] for q in CLOSING_QUOTES)
        or _in_slogan(text, start, end)
    )


def _in_slogan(text: str, start: int, end: int) -> bool:
    """True when text[start:end] sits inside a short quotation holding another numeral (党的
    “一个中心、两个基本点”的基本路线, the 1992 work report): a slogan, not a count; a quoted
    sentence with one count (“我们有三个孩子”) is not one."""
    before = text[max(0, start - SLOGAN_REACH) : start]
    opening = max(before.rfind(q) for q in OPENING_QUOTES)
    if opening == -1 or any(q in before[opening:] for q in CLOSING_QUOTES):
        return False
    after = text[end : end + SLOGAN_REACH]
    closing = min((i for i in (after.find(q) for q in CLOSING_QUOTES) if i != -1), default=-1)
    if closing == -1 or any(q in after[:closing] for q in OPENING_QUOTES):
        return False
    quoted = before[opening + 1 :] + after[:closing]
    return any(c in SLOGAN_NUMERALS for c in quoted)


def _noun_follows(text: str, start: int, end: int) -> bool:
    """True when the count at text[start:end] stands inside a clause and a noun follows it
    (再添四处世界灌溉工程, 他在四处景点拍照): not a person's name, which jieba gives to words
    it does not know (四处撒欢儿)."""
    if start == 0 or text[start - 1] in CLAUSE_OPENERS:
        return False
    tagged = rjieba.tag(text[end : end + 4])
    return bool(tagged) and tagged[0][1].startswith(COUNTED_TAGS) and tagged[0][1] != "nr"


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# The units as a trie (`longest_word_pattern`): it matches what the alternation sorted longest
# first (`_alt(UNITS)`) matches, but the regex engine tries one branch per next character
# instead of each of the 136 units in turn, at every reading of every number tried.
UNITS_PATTERN = longest_word_pattern(UNITS)
QUANTITY = re.compile(
    rf"(?P<before>{_alt(APPROX_BEFORE)})?"
    rf"(?P<num>(?<![\d.·A-Za-z第])(?:{ARABIC})|(?<![第零〇一二两三四五六七八九十百千万亿])(?:{CHINESE}))"
    rf"(?P<mult>{MULTIPLIER})?(?P<inside>{_alt(APPROX_INSIDE)})?(?P<mult2>万亿|亿|万)?"
    rf"(?P<unit>{UNITS_PATTERN})(?P<after>{_alt(APPROX_AFTER)}|(?<=倍)多)?"
)
# Round numbers with no digit: 上千人受伤 (新闻联播, 2024-04-04) is about a thousand, not 千.
# 被诈骗上百万元 (a Jiangmen police story, 2019): 上百 with a multiplier.
ROUND = re.compile(rf"上(?P<num>百|千|万|亿)(?P<mult>万|亿)?(?P<unit>{UNITS_PATTERN})")
# A bare 百 or 千 with an approximation word is about that many (近百个摊位, 千余名嘉宾, 超百项,
# 百余次空袭, 近千次余震: 新闻联播); without one it is mostly a name (千户苗寨, 百家姓, 千家万户).
# A threshold crossed counts too, and a bare 百/千 may take a multiplier (单日客流量连续2天突破
# 千万人次, 新闻联播 2023-01-28; 破千亿元, 过千亿美元 in the transcripts; session 6): without
# such a word 千万, 千亿 and 百万 name programmes and classes (“千万工程”, 千亿斤粮食, 百万千瓦级).
THRESHOLD_BEFORE = ("突破", "破")  # the longer first: the word found names the approximation
BARE_ROUND = re.compile(
    rf"(?P<before>{_alt(APPROX_BEFORE)})?(?P<num>[百千])(?P<inside>余|多)?(?P<mult>万|亿)?"
    rf"(?P<unit>{UNITS_PATTERN})(?P<after>以上|左右)?"
)
HUNDREDS = re.compile(r"[百千]")
NOT_BEFORE_ROUND = frozenset("零〇一二两三四五六七八九十百千万亿几数第每上")
# What may follow an Arabic number (digits, thousands commas, decimal points) in a QUANTITY
# match: the first characters of multipliers, 余/多/来 and units. A number followed by
# anything else (2024年, 6月, 8时) is no quantity.
QUANTITY_NEXT = frozenset(w[0] for w in (*MULTIPLIERS, *APPROX_INSIDE, *UNITS))
# What may follow a lone 零, 〇, 一 or 二 in a quantity that `_quantity` keeps: more numerals, a
# multiplier or a decimal point (the numeral is then longer), an approximation inside the
# number, or 倍. 一个, 统一, 二期, 零件 with none of these are never quantities.
LONE_NUMERAL_NEXT = frozenset("零〇一二两三四五六七八九十百千万亿点余多来倍")


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


# Where a quantity's number may start, scanned first (a character class the regex engine skips
# to fast), so that QUANTITY, whose long unit alternation is tried again for every shorter
# reading of the digits, runs only there: QUANTITY's own lookbehinds (no position inside a
# number), then the tests above.
_NUMERALS = "零〇一二两三四五六七八九十"
NUMBER_START = re.compile(
    rf"[\d{_NUMERALS}]"
    rf"(?:(?<=\d)(?<![\d.·A-Za-z第]\d)(?=[\d,.·]*{_char_class(QUANTITY_NEXT)})"
    rf"|(?<={_char_class(COUNT_NUMERALS)})(?<![第{_NUMERALS}百千万亿].)"
    rf"|(?<={_char_class(set(_NUMERALS) - COUNT_NUMERALS)})(?<![第{_NUMERALS}百千万亿].)"
    rf"(?={_char_class(LONE_NUMERAL_NEXT)}))"
)
PERCENT_WORDS = re.compile(rf"百分之(?P<num>{ARABIC}|{CHINESE})")
# Context that makes a quantity something else, each seen in 新闻联播 transcripts: a class
# (30万吨级油轮), a range bound (15%至20%, 1至2小时), a policy's name in quotes ("稳外贸8条"),
# an age (8个多月大的女婴, a 2005 Changchun report), a period (比前10个月加快, 未来10天).
# 两倍多 (新闻联播 2024-01-21) is approximate: 多 after 倍.
CLASS_AFTER = re.compile(r"^级")
# Chinese numerals too: 会给四成到五成的流水 (thepaper.cn 2019).
RANGE_MARKS = ("至", "到", "-", "—", "~", "－")
RANGE_AFTER = re.compile(
    rf"^\s*(?:{'|'.join(RANGE_MARKS)})\s*(?:\d|[一二两三四五六七八九十]+(?:{UNITS_PATTERN}))"
)
# (searched only in text that ends with a range mark: its unit alternation is costly to scan)
RANGE_BEFORE = re.compile(
    rf"(?:[\d%]|[\d一二两三四五六七八九十](?:{UNITS_PATTERN}))\s*(?:{'|'.join(RANGE_MARKS)})\s*$"
    # 7纳米目前的良率大约五到六成 (163.com 2019): the unit shared by both bounds
    r"|(?<![\d一二两三四五六七八九十])[零〇二两三四五六七八九]\s*(?:至|到)\s*$"
)
CLOSING_QUOTES = ("”", "」", "』")
AGE_AFTER = re.compile(r"^大")
PERIOD_BEFORE = re.compile(r"(?:前|未来|过去|最近|今后)$")
# 政策实施4个月来, 经过60多个小时的救援 (新闻联播): how long something has run, not a figure.
SINCE_AFTER = re.compile(r"^(?:以来|来)")
# 2万人24小时待命备勤 (新闻联播 2023-04-22 on forest fires; session 6): round the clock too.
ROUND_CLOCK = re.compile(r"^(?:不间断|值守|值班|在线|提供|服务|运转|开放|营业|待命|备勤|巡逻|监测)")
# Spans of time that are no statistics by their grammar (labelling rules: durations are not
# figures), session 5, second round (helper H6): a time point or limit before a postposition
# (该行政令将于7天后生效, 人员释放将在…批准协议后的72小时内进行: 新闻联播 2025-07-10, 2025-10-09);
# the length of an event before 的 (45分钟的课, ifeng.com 2018 on a headmaster in 台江; 带来5分钟
# 的精彩表演, 新闻联播); the time a completed action took, after a verb and 了 (由姑姑于秀荣养了
# 11个月, the 于欢 page; 只用了20分钟就把患者送到了医院, 新闻联播), but not after a verb that moves
# a time (最快压缩62分钟, 缩短了2小时: the amount of a change); a span opening a quoted name
# (“1小时交通圈”, “15分钟健身圈”, 新闻联播); a count down or an age (倒计时100天, 刚满一百天的婴儿).
TIME_POINT_AFTER = re.compile(r"^(?:后|内|以内|之内|以后|之后|前|以前|之前|里|的)")
COMPLETED_BEFORE = re.compile(
    r"(?<!缩短|压缩|减少|增加|延长|提前|节省|节约|缩减|推迟|提高|降低|超过|达到)了$"
)
COUNTDOWN_BEFORE = re.compile(r"(?:倒计时|满)$")
# How long an action lasted, closing its clause after the action's words (江阴大桥将半幅封闭施工
# 22天！163.com 2019; 长江部分航段中断航运1个多月，the 1999 work report; 全国免费充电4天“…”的
# 活动, thepaper.cn 2019; 再坐烧着柴油的小船45分钟，ifeng.com 2018: session 6, four sentence
# kinds): a duration, no figure. jieba tags the action's last word a verb or a noun (施工/vn,
# 航运/n, 小船/n). Not after a verb that moves a time (缩短, 延长: the amount of a change), a
# linking verb (需要, 还有: 距离秋粮大面积收获还有20天左右 is labelled), a noun measuring time
# (通行时间, 车程: 68分钟 is labelled), nor in a rate (每天工作10小时左右, guancha.cn 2019), nor
# before more words (最快68分钟可达, 连续5个月上升).
DURATION_VERB_REACH = 6
RATE_REACH = 16
ACTION_TAGS = frozenset({"v", "vn", "n", "nz"})
CLAUSE_ENDS = frozenset('，,。；;！!？?、“"')
TIME_MEASURES = ("时间", "时长", "全程", "车程", "航程", "路程", "行程", "工期", "时效", "周期")
_NOT_ACTION_TEXT = (
    "缩短 压缩 减少 增加 延长 提前 节省 节约 缩减 推迟 提高 降低 超过 达到 达 可达 需要 需 "
    "有 还有 只有 仅有 相当于 约 为 是 合计 累计 共计 用时 耗时 历时 持续 到 至 缩短到 缩短至 "
    "降至 降到 减少到 减少至 压缩到 压缩至 延长到 延长至"
)
NOT_ACTION_VERBS = frozenset(_NOT_ACTION_TEXT.split())
RATE_MARK = "每"
TOTAL_MARK = "累计"
# 个 before a noun of time (已经过去1678个日夜, the 于欢 page; 走过了四个年头, 163.com 2019).
TIME_NOUNS_AFTER = ("日夜", "年头", "春秋", "昼夜", "日日夜夜", "星期", "钟头", "礼拜", "夜晚")
# The length of a trip in nights and days (开启4晚5天之旅, 全程为4晚5天: thepaper.cn 2019) is
# no statistic.
TRIP_BEFORE = re.compile(r"\d晚$")
# A price inside a named topic or era is no statistic ("部分充电宝8元每小时"的话题, 共享充电宝
# 告别1元时代: thepaper.cn 2019).
NAME_AFTER = ("时代",)
TOPIC_AFTER = ("的话题", "话题", "的热搜", "热搜")
QUOTE_REACH = 24
# The upper bound of a vague range (入场费从几万元、几十万元到100多万元不等, thepaper.cn 2019).
VAGUE_RANGE_AFTER = "不等"
# 期限在7天或14天 (qq.com 2019), 平头哥用7个月完成了前端设计 (eet-china 2019): a term or the
# time a task took, not a figure either.
DURATION_BEFORE = re.compile(
    r"(?:经过|历经|历时|用时|耗时|为期|长达|期限[在为]?|[仅只]?用|\d(?:个月|小时|分钟|天)\s*或)$"
)
# A number with its unit left to the next (分别比各项贷款平均增速高4.2和0.7个百分点).
BARE_FIRST = re.compile(r"(?<![\d.·第])(?P<num>\d{1,15}(?:[.·]\d{1,8})?)\s*(?:和|、|与|及)\s*$")
BARE_JOINERS = frozenset("和、与及")
# A stock quote in brackets (摩根大通(115.395, 2.79, 2.47%), sina.com.cn 2019): price, change
# and percent change of a ticker, not figures of the text.
QUOTE_BRACKETS = re.compile(r"\(\s*-?[\d.]+\s*,\s*[-+]?[\d.]+\s*,\s*[-+]?[\d.]+%\s*\)")
# A number after a Latin name and a space is a model (iPhone 11支持…, Mate 60, sina.com.cn 2019).
MODEL_BEFORE = re.compile(r"[A-Za-z]\s$")
# A length that names a sporting event is no measurement (10米气步枪混合团体决赛, 跳水男子3米板
# 决赛, 女子10000米的金牌: 新闻联播 2023-08-02 on the Universiade; session 6): the event word after
# the unit, or a sex or a relay's legs before the number. From the 新闻联播 transcripts: 男子
# 100米自由泳S13级, 女子20公里竞走决赛, 男女混合4×100米混合泳接力, 女子双人10米跳台.
EVENT_LENGTH_UNITS = frozenset({"米", "公里", "千米"})
EVENT_AFTER = re.compile(
    r"^(?:气步枪|气手枪|步枪|手枪|速射|跳台|跳板|板|台|个人混合泳|自由泳|蛙泳|仰泳|蝶泳|混合泳"
    r"|接力|栏|障碍|竞走|跑|决赛|半决赛|预赛|比赛|冠军|亚军|季军|金牌|银牌|铜牌|项目|双人|单人)"
)
EVENT_BEFORE = re.compile(r"(?:男子|女子|男女|[男女]、[男女]|组|[×xX])\s*$")
# A rank's cut-off is no count (台江中考前100名的学生中, ifeng.com 2018; 票房榜前十名均为国产电影,
# 包揽前四名, 排名前五位, 前500位的企业 in the 新闻联播 transcripts; session 6): 前 before the
# number, unless it ends another word (目前三名航天员, 几天前一位家长).
RANK_UNITS = frozenset({"名", "位", "家"})
RANK_BEFORE = "前"
NOT_RANK_WORDS = (
    "目前", "当前", "此前", "之前", "以前", "日前", "提前", "眼前", "空前", "向前", "面前",
    "跟前", "事前", "会前", "年前", "天前", "月前", "周前", "战前", "赛前", "节前", "生前",
)  # fmt: skip
# An ordinal's second term (第1和2名) is an ordinal too.
ORDINAL_BEFORE = re.compile(r"第[\d一二三四五六七八九十]{1,4}\s*(?:和|、|与|及|至|到|-)\s*$")
# The base of an exchange rate is no figure (162日元兑换1美元, 新闻联播 2026-06-30).
RATE_BEFORE = re.compile(r"兑换?$")
RATE_AFTER = re.compile(r"^兑")
# The two terms of a ratio are no figures (全球每生产3块集成电路就有2块运到中国来, guancha.cn
# 2019; 每10个人中就有1个…): only the ratio they make is a statistic.
RATIO = re.compile(
    r"每[^\d,。;:!?]{0,3}?(?P<a>\d|[一二两三四五六七八九十])[^,。;:!?]{0,14}?就有"
    r"(?:约|近|超过|超)?(?P<b>\d|[一二两三四五六七八九十])"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed quantity mention; `span` covers approximation words and the unit."""

    value: float
    unit: str
    approx: str
    span: Span
    chinese: bool


QUANTITY_GROUPS = ("num", "mult", "mult2", "before", "inside", "after", "unit")


def _approx(before: str | None, inside: str | None, after: str | None) -> str:
    """The approximation words around a number (约, 余, 以上), from its match's groups."""
    return (before or "") + (inside or "") + (after or "")


def _quantity(match: re.Match[str]) -> Quantity | None:
    # (the groups read in one call: this runs for every number of every text)
    num, first, second, before, inside, after, unit = match.group(*QUANTITY_GROUPS)
    chinese = not num[0].isdigit()
    mult = first or second or ""
    counted = inside or mult or after == "多"
    if chinese and len(num) == 1 and unit != "倍" and (not counted or unit in ONE_DURATIONS):
        if num not in COUNT_NUMERALS:
            return None
        if _named_count(match.string, match.start("num"), match.end(), unit):
            return None
    value = parse_number(num, mult)
    if value is None:
        return None
    if first and second:
        value = value * (parse_number("1", second) or 1)
    unit, extra = UNIT_ALIASES.get(unit, (unit, ""))
    start = match.start() if before else match.start("num")
    if unit == "℃" and match.string.endswith(BELOW_ZERO, 0, start):
        value, start = -value, start - len(BELOW_ZERO)  # 体感温度达到零下35摄氏度 (新闻联播)
    approx = _approx(before, inside, after) + extra
    return Quantity(value, unit, approx, (start, match.end()), chinese)


def _in_context(text: str, quantity: Quantity) -> bool:
    """False when the words around the quantity make it a class, bound, name, age or period."""
    start, end = quantity.span
    after, before = text[end : end + 6], text[max(0, start - 7) : start]
    # (each regex only after a cheap test of what it needs: a range mark after the spaces, 第,
    # a space at the end; this runs for every quantity of every text)
    ranged = after.lstrip().startswith(RANGE_MARKS) and RANGE_AFTER.match(after)
    if CLASS_AFTER.match(after) or ranged or _range_before(before):
        return False
    if "第" in before and ORDINAL_BEFORE.search(before):
        return False
    if before[-1:].isspace() and MODEL_BEFORE.search(before):
        return False
    if after.startswith(NAME_AFTER) or _in_topic(text, start, end):
        return False
    if after.startswith(VAGUE_RANGE_AFTER) or (
        after and after[0] in UNIT_WORDS.get(quantity.unit, "")
    ):
        return False
    if after.startswith(CLOSING_QUOTES) or (
        after.startswith('"') and _inside_ascii_quotes(text, start)
    ):
        return False
    if quantity.value == 1 and (RATE_BEFORE.search(before) or RATE_AFTER.match(after)):
        return False  # (the value first: the regexes are then run for ones only)
    if quantity.unit in EVENT_LENGTH_UNITS and (
        EVENT_AFTER.match(after) or EVENT_BEFORE.search(before)
    ):
        return False
    if quantity.unit in RANK_UNITS and _ranked(before):
        return False
    if quantity.unit == "人" and after.startswith("口"):
        return False  # 13亿多人口: a population noun, not a count in 人 (work reports)
    if quantity.unit == "小时" and quantity.value == 24 and ROUND_CLOCK.match(after):
        return False  # 24小时提供医疗救治服务: round the clock (新闻联播 2026-07-07)
    if quantity.unit == "个" and after.startswith(TIME_NOUNS_AFTER):
        return False  # 1678个日夜: a span of days
    if quantity.unit not in TIME_UNITS:
        return True
    spans_time = AGE_AFTER.match(after) or PERIOD_BEFORE.search(before) or SINCE_AFTER.match(after)
    if spans_time or TRIP_BEFORE.search(before) or DURATION_BEFORE.search(before):
        return False
    return not (_lasting(before, after) or _action_length(text, start, after))


def _ranked(before: str) -> bool:
    """True when `before` (the text before a count) ends with a rank's 前 (前100名)."""
    return before.endswith(RANK_BEFORE) and not before.endswith(NOT_RANK_WORDS)


def _lasting(before: str, after: str) -> bool:
    """True when a span of time is a time point, an event's length or the time an action took
    (TIME_POINT_AFTER, COMPLETED_BEFORE, a quoted name, a count down, a verb's complement)."""
    if TIME_POINT_AFTER.match(after) or COMPLETED_BEFORE.search(before):
        return True
    return before.endswith(OPENING_QUOTES) or COUNTDOWN_BEFORE.search(before) is not None


def _action_length(text: str, start: int, after: str) -> bool:
    """True when the span of time at `start` closes its clause after an action's words
    (施工22天！): the action's length."""
    if after and after[0] not in CLAUSE_ENDS:
        return False
    tail = text[max(0, start - DURATION_VERB_REACH) : start]
    if not tail or not "\u4e00" <= tail[-1] <= "\u9fff":
        return False
    clause = text[max(0, start - RATE_REACH) : start]
    clause = clause[max(clause.rfind(c) for c in CLAUSE_ENDS) + 1 :]
    if RATE_MARK in clause or TOTAL_MARK in clause:
        # 每天综合体育活动不少于2小时 (新闻联播 2026-02-27): a rate; 志愿者已累计服务336万小时
        # (新闻联播 2023-10-03): a total of many actions' time
        return False
    word, tag = rjieba.tag(tail)[-1]
    measured = word.endswith(TIME_MEASURES)
    return tag in ACTION_TAGS and word not in NOT_ACTION_VERBS and not measured


def _range_before(before: str) -> bool:
    """RANGE_BEFORE, searched only when `before` ends with a range mark (and spaces)."""
    return before.rstrip().endswith(RANGE_MARKS) and RANGE_BEFORE.search(before) is not None


def _in_topic(text: str, start: int, end: int) -> bool:
    """True when the quantity sits inside a quoted topic ("…8元每小时"的话题)."""
    close = text.find("”", end, end + QUOTE_REACH)
    if close == -1 or not text.startswith(TOPIC_AFTER, close + 1):
        return False
    opening = text.rfind("“", max(0, start - QUOTE_REACH), start)
    return opening != -1 and "”" not in text[opening:start]


def _inside_ascii_quotes(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count('"', line_start, offset) % 2 == 1


def _matches(text: str) -> list[re.Match[str]]:
    """QUANTITY matches, tried only where a number starts (with its approximation word)."""
    matches: list[re.Match[str]] = []
    end = 0
    for start in NUMBER_START.finditer(text):
        pos = start.start()
        if pos < end:
            continue
        before = ""
        if pos and text[pos - 1] in APPROX_ENDS:
            before = next((w for w in APPROX_BEFORE if text.startswith(w, pos - len(w))), "")
        match = QUANTITY.match(text, max(end, pos - len(before))) if before else None
        match = match or QUANTITY.match(text, pos)
        if match is not None:
            matches.append(match)
            end = match.end()
    return matches


def quantity_at(text: str, pos: int) -> Quantity | None:
    """The quantity starting exactly at `pos` (approximation word included), or None."""
    match = QUANTITY.match(text, pos)
    quantity = _quantity(match) if match else None
    if quantity is not None:
        return quantity if _in_context(text, quantity) else None
    words = PERCENT_WORDS.match(text, pos)
    value = parse_number(words.group("num")) if words else None
    return Quantity(value, "%", "", words.span(), True) if words and value is not None else None


def _vague_pair(text: str, quantity: Quantity) -> bool:
    """True for the second of two consecutive digits joined by 、 (4、5名): a vague count,
    like 两三个 (docs/enrich.md, counts policy)."""
    start = quantity.span[0]
    if quantity.chinese or start < 2 or text[start - 1] != "、" or not text[start - 2].isdigit():
        return False
    return (start < 3 or not text[start - 3].isdigit()) and quantity.value == int(
        text[start - 2]
    ) + 1


def _bare_firsts(text: str, found: list[Quantity]) -> list[Quantity]:
    """A number that leaves its unit to the next one (分别高4.2和0.7个百分点, the 2015 work
    report): it is a quantity in that unit."""
    bare: list[Quantity] = []
    for after in found:
        start = after.span[0]
        if after.approx or after.chinese or after.unit in TIME_UNITS or start < 2:
            continue
        if text[start - 1] not in BARE_JOINERS and text[start - 2] not in BARE_JOINERS:
            continue
        match = BARE_FIRST.search(text, max(0, start - 28), start)
        value = parse_number(match.group("num")) if match else None
        if match is not None and value is not None:
            bare.append(Quantity(value, after.unit, "", match.span("num"), False))
    return bare


def _bare_rounds(text: str) -> list[Quantity]:
    """近百个, 千余名, 超百项 (BARE_ROUND): a bare 百/千 with an approximation word."""
    found: list[Quantity] = []
    for hundred in HUNDREDS.finditer(text):
        pos = hundred.start()
        if pos and text[pos - 1] in NOT_BEFORE_ROUND:
            continue
        before = ""
        if pos and text[pos - 1] in APPROX_ENDS:
            before = next((w for w in APPROX_BEFORE if text.startswith(w, pos - len(w))), "")
        start = pos - len(before)
        if before and start and text[start - 1] in NOT_BEFORE_ROUND:
            continue
        match = BARE_ROUND.match(text, start)
        if match is None:
            continue
        approx, span = _approx(*match.group("before", "inside", "after")), match.span()
        if not approx and text.endswith(THRESHOLD_BEFORE, 0, pos):
            crossed = next(w for w in THRESHOLD_BEFORE if text.endswith(w, 0, pos))
            approx, span = crossed, (pos - len(crossed), span[1])
        if not approx or match.group("unit") in NOT_BARE_UNITS:
            continue
        unit, extra = UNIT_ALIASES.get(match.group("unit"), (match.group("unit"), ""))
        value = ROUND_VALUES[match.group("num")] * ROUND_VALUES.get(match.group("mult") or "", 1)
        quantity = Quantity(value, unit, approx + extra, span, True)
        if _in_context(text, quantity):
            found.append(quantity)
    return found


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text` (normalised: half-width digits and %), in order."""
    found: list[Quantity] = []
    for match in _matches(text):
        quantity = _quantity(match)
        if quantity is not None and _in_context(text, quantity):
            found.append(quantity)
    for match in PERCENT_WORDS.finditer(text):
        value = parse_number(match.group("num"))
        if value is not None:
            found.append(Quantity(value, "%", "", match.span(), True))
    if "百" in text or "千" in text:
        found += _bare_rounds(text)
    for match in ROUND.finditer(text):
        value = ROUND_VALUES[match.group("num")] * ROUND_VALUES.get(match.group("mult") or "", 1)
        found.append(Quantity(value, match.group("unit"), "上", match.span(), True))
    if "、" in text and VAGUE_PAIR.search(text):  # 突然被4、5名不明人士殴打 (a 2008 report)
        found = [q for q in found if not _vague_pair(text, q)]
    found += _bare_firsts(text, found)
    if "%)" in text:
        quoted = [m.span() for m in QUOTE_BRACKETS.finditer(text)]
        found = [q for q in found if not any(s <= q.span[0] < e for s, e in quoted)]
    if "就有" in text:
        terms = {m.start(g) for m in RATIO.finditer(text) for g in ("a", "b")}
        found = [q for q in found if terms.isdisjoint(range(q.span[0], q.span[0] + 3))]
    return sorted(found, key=lambda q: q.span)

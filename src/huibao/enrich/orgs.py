"""Organisations: government bodies, police, courts, procuratorates, committees, companies.

A name ends in a head: a word ending in a known suffix (公安分局, 派出所, 人民法院, 有限公司 …) or
a word jieba tags `nt` (organisation) ending in a body word (新华社, 全国政协, 中共中央). It
extends to the left over place names, nouns and ordinals, never over pronouns, verbs,
qualifiers (该, 辖区, 各级), counts (一家银行, 10多名党员干部) or persons, and it must hold a
proper part (a place, a proper noun, 国家/中央 …): 指挥部 or 消费金融公司 alone are no names.
The main organisation is chosen in `mainorg.py`. A province before a
city is context, not part of the name (广西柳州市柳南公安分局 is 柳州市柳南公安分局, as the bureau
calls itself). A shorter name that ends a longer one is its alias (柳南公安分局), and 该分局 /
全分局 / a clause-initial 分局 count as mentions of the latest body so named. Why not a NER
model: none ships with the project's dependencies, and the suffix grammar over jieba's tags
is what the labelled set (benchmarks/enrich/orgs_labels.json) measures.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from huibao.enrich.mainorg import main_organisation
from huibao.enrich.model import Organisation, Place, Span
from huibao.enrich.text import Tokens, longest_word_pattern

__all__ = ["find_organisations", "main_organisation"]

# Suffixes by kind, longest first within the table. Police and government from the seed page
# (公安分局, 派出所, 户政科 is a section, not a body); courts, procuratorates and committees from
# court and government portal pages (zh-news-gne: zyyfy, gzggw); companies from economic news;
# media, 指挥部, 总队 and 股份公司 from 新闻联播 (2023-04-22 国家森林草原防灭火指挥部;
# 2023-12-21 青海消防救援总队, added after the held-out split's last score;
# 2025-05-08 中央广播电视总台, 俄罗斯天然气传媒控股股份公司, 大亚洲电视台).
_ORG_SUFFIX_TEXT = {
    "police": "公安分局 公安局 公安厅 派出所 交警大队 交警支队 刑警大队 边防检查站",
    "court": "高级人民法院 中级人民法院 人民法院 法院",
    "procuratorate": "人民检察院 检察院",
    "government": "人民政府 政府 办公厅 办公室 办事处 管理局 总局 监督局 统计局 指挥部 总队 "
    "局 厅 部 委 署",
    "legislature": "人大常委会 人大 政协",
    "committee": "委员会 常委会 管委会 居委会 村委会",
    "party": "党委 党组 市委 县委 区委 省委 纪委 监委 书记处 政治局",
    "company": "股份有限公司 有限责任公司 有限公司 股份公司 公司 集团 银行",
    "media": "通讯社 出版社 电视台 广播电视总台 总台",
    "education": "大学 学院 党校",
    "research": "研究院 研究所 研究中心 科学院",
    "hospital": "医院",
    "association": "协会 联合会",
}
# Bodies jieba tags nt (organisation) or j (abbreviation) end in one of these; they are too
# common as word endings to be suffixes of any word (新闻联播: 新华社, 中共中央, 全国青联,
# 世贸组织, 中国残联).
_NT_HEAD_TEXT = {
    "party": "中央 党",
    "media": "社 台",
    "association": "联 协",
    "international": "组织 盟 联合国 安理会 理事会",
    "government": "院 军委 署 办 兵团",
    "legislature": "议会 国会",
    "company": "央行",
}


def _by_length(table: dict[str, str]) -> dict[str, str]:
    pairs = ((word, kind) for kind, words in table.items() for word in words.split())
    return dict(sorted(pairs, key=lambda item: -len(item[0])))


ORG_SUFFIXES = _by_length(_ORG_SUFFIX_TEXT)  # suffix -> kind, longest first
NT_HEADS = _by_length(_NT_HEAD_TEXT)


def _by_end(table: dict[str, str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Last character -> the (suffix, kind) pairs ending with it, longest first."""
    return {
        end: tuple((w, k) for w, k in table.items() if w[-1] == end)
        for end in {w[-1] for w in table}
    }


SUFFIXES_BY_END, NT_BY_END = _by_end(ORG_SUFFIXES), _by_end(NT_HEADS)
# A word ending in a one-character suffix that is no body: idioms and plans ending in 局
# (谋篇布局, 开新局, 服务大局, 新发展格局: 新闻联播 2025-02-23, 2023-03-09), people and parts
# ending in 部 (干部, 村干部, 广大干部, 全部, 东部), halls ending in 厅 (营业厅: a 2019 163.com
# comment; 宴会厅, 展示厅), titles ending in 委 (常委, 政委), and from a 40-day sample of 新闻联播:
# 战略部署, 两部委, 国际舞台, 农家院, 开好局, 各级党组织, 七国集团 (groups of states); 四合院
# (a dev page).
_NOT_HEAD_TEXT = (
    "布局 格局 大局 新局 开局 结局 全局 变局 时局 僵局 定局 残局 困局 破局 骗局 饭局 棋局 当局 "
    "干部 全部 内部 外部 局部 总部 本部 东部 西部 南部 北部 中部 头部 底部 顶部 背部 面部 "
    "大厅 展厅 餐厅 客厅 业厅 门厅 会厅 示厅 常委 政委 编委 部署 部委 舞台 家院 合院 好局 "
    "党组织 团组织 国集团"
)
NOT_HEAD_ENDINGS = frozenset(_NOT_HEAD_TEXT.split())
# Generic mentions that look like names (党委政府, 党和政府: 各地政府 in other words).
_GENERIC_TEXT = "党委政府 党和政府 党政军 人民政协 上市公司 中共中央国务院"
GENERIC_NAMES = frozenset(_GENERIC_TEXT.split())
# A title of office glued to its body inside one word: 省委常委 (贵州省委常委), 市委书记,
# 中央政治局常委, 公司总裁, 文化部长 (新闻联播 2023-05-21, 2024-03-29, 2025-05-08).
OFFICE_IN_WORD = {"常委": 2, "副书记": 3, "书记": 2, "总裁": 2, "部长": 1, "局长": 1, "厅长": 1}
# (部长 alone is no body: 外交部/副/部长)
OFFICE_ENDS = frozenset(title[-1] for title in OFFICE_IN_WORD)
# Tokens that end a name when walking left: qualifiers (辖区派出所, 各级政府, 当地政府).
_STOPS_TEXT = (
    "辖区 各级 当地 有关 相关 基层 全市 全省 全区 全县 全国 各地 "
    "各 本 该 全 我 地方 上级 主管 所在 属地 市级 县级 省级"
)
STOPS = frozenset(_STOPS_TEXT.split())
# (no nr: a person's name before a body is its member, 石磊|政协第十四届全国委员会)
_NAME_TAG_TEXT = "ns nt nz nrt n j eng m vn an a b l"
NAME_TAGS = frozenset(_NAME_TAG_TEXT.split())
NT_LEFT_TAGS = frozenset(["ns", "nt", "nrt", "j", "eng", "m"])  # 塔吉克斯坦/nrt
PROPER_TAGS = frozenset(["ns", "nt", "nz", "nr", "nrt", "j", "eng"])
# Names of national bodies need no place (国家卫生健康委, 中央组织部, 最高人民检察院); a name
# starts afresh at them (中央纪委国家监委 is two bodies).
NATIONAL = frozenset(["国家", "中央", "中国", "中华", "中共", "国务院", "最高"])
NATIONAL_START = tuple(NATIONAL)
# Heads that name a central ministry or commission by its field alone (生态环境部, 公安部,
# 市场监管总局); other bodies so named are local and need their place (县财政局).
FIELD_HEADS = frozenset(["部", "委", "总局", "署"])
QUOTE_STARTS, QUOTE_ENDS = frozenset("“「\"'"), frozenset("”」\"'")
JOINS = frozenset(["和"])  # not 与: 中国驻非盟使团与联合国非洲经济委员会 are two bodies
# Heads that refer back to a body named before (该分局). No head overlaps another in a text (none
# ends with the start of another or holds another), so a scan for some of them finds the same
# places as a scan for all of them does.
ANAPHORA_HEADS = ("分局", "公安局", "派出所", "法院", "检察院", "公司", "集团")
ANAPHORA_SIZES = frozenset(map(len, ANAPHORA_HEADS))
ANAPHORA_LEADS = frozenset("该全本")  # 该分局, 全分局, 本公司: part of the mention
CLAUSE_OPENERS = frozenset("，。；：！？、\n（(,;:!?")  # 分局以…: the seed page's own subject
# Kinds whose bodies are local when no place is named (西环派出所 is the article's 柳南区 one);
# a head of the central state (…部, …总局, …署) names a national body.
LOCAL_KINDS = frozenset(
    ["police", "court", "procuratorate", "government", "committee", "party", "hospital"]
)
CENTRAL_HEADS = ("部", "总局", "署", "国务院", "中央")
# A body named inside the title of a document names the document (《中国共产党问责条例》,
# 新闻联播 2023-05-21), not a body the article speaks of.
BOOK_TITLE = re.compile(r"《[^》\n]{1,80}》")
MAX_NAME_CHARS = 24
DATELINE_CHARS = 30  # a dateline (证券时报e公司讯) ends this near the top
# Caps against hostile input (a page of ten thousand made-up bureau names).
MAX_MENTIONS, MAX_ORGANISATIONS = 5000, 500
# Where a head can end: after a suffix, a body word or a title (an alternation finds a quarter of
# the places a class of their last characters does: 人大 would stop at every 大), the longest at
# each place, as a trie.
END_RE = re.compile(longest_word_pattern({*ORG_SUFFIXES, *NT_HEADS, *OFFICE_IN_WORD}))


@dataclass(slots=True)
class _Org:
    name: str
    kind: str
    span: Span
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Head:
    kind: str
    stem: int  # characters of the word before its suffix
    cut: int  # characters of a glued title of office to leave out (省委常委 -> 省委)


_NO_HEAD = _Head("", 0, 0)


def _head(word: str, tag: str) -> _Head | None:
    """Whether a word can end an organisation's name, and how."""
    cut = 0
    if word[-1] in OFFICE_ENDS:
        cut = next(
            (n for t, n in OFFICE_IN_WORD.items() if word.endswith(t) and len(word) > len(t)), 0
        )
    core = word[: len(word) - cut]
    if core in GENERIC_NAMES or core[-2:] in NOT_HEAD_ENDINGS or core[-3:] in NOT_HEAD_ENDINGS:
        return None
    if core.startswith("各"):  # 各级党委 (one word): a qualifier, not a name
        return None
    for suffix, kind in SUFFIXES_BY_END.get(core[-1], ()):
        if core.endswith(suffix):
            # a one-character suffix ends a body alone (生态环境/部), in a word jieba knows as
            # one (财政部/nt, 证监局/j) or in a longer word (教育部), not in 干部 or 东部
            if len(suffix) == 1 and 1 < len(core) < 3 and tag not in ("nt", "j"):
                return None
            return _Head(kind, len(core) - len(suffix), cut)
    if tag in ("nt", "j"):
        for suffix, kind in NT_BY_END.get(core[-1], ()):
            if core.endswith(suffix):
                return _Head(kind, len(core) - len(suffix), cut)
    return None


def _is_ordinal(word: str) -> bool:
    """第三 (自然资源部第三海洋研究所), 十四届 (十四届全国政协) stay in a name; counts do not."""
    return word.startswith("第") or word.endswith(("届", "次"))


def _joins(tokens: Tokens, first: int, index: int, heads: dict[int, _Head | None]) -> bool:
    """Whether words[first - 1] belongs to the name whose head is words[index]."""
    words, tags = tokens.words, tokens.tags
    word, tag, right = words[first - 1], tags[first - 1], words[first]
    if word in JOINS:  # 工业和信息化部, 文化和旅游部: 和 between two nouns inside a name,
        # not after a body (中国国家铁路集团有限公司和国际铁路联盟), not before a bare head
        # (党和政府)
        inside = first < index or (heads.get(index) or _NO_HEAD).stem >= 2
        return inside and first >= 2 and tags[first - 2] in ("n", "vn") and not heads.get(first - 2)
    if word == "全国" and heads.get(first):
        return True  # 政协第十四届全国委员会常务委员会: 全国 qualifies the body, not a place
    if word in STOPS or tag not in NAME_TAGS or (tag == "m" and not _is_ordinal(word)):
        return False  # 辖区派出所, 一家银行, 10多名党员干部
    national = tags[first] == "nt" and right.startswith(NATIONAL_START)
    if national and word not in NATIONAL and not _is_ordinal(word):
        return False  # 经|中央纪委常委会: a national body's name starts the name (中共|中央政治局
        # and 第十九届|中央委员会 go on)
    if right in NATIONAL and heads.get(first - 1):
        return False  # 中央纪委|国家监委: two bodies side by side
    # a body jieba knows whole (日本政府/nt, 联合国/nt) takes only proper words before it:
    # 抗议日本政府, 落实联合国, 援引俄政府, 会见德国社会民主党, 时任浙江省委, 经中央纪委…批准,
    # 代表第十九届中央委员会, 新时代新征程中国共产党 (新闻联播) are a verb or a noun and a name
    # and the first half of a ministry's field that jieba split off (人力资源/社会保障部), not
    # 欧元区欧盟 or 全力支持联合国
    known = tags[index] != "nt" or tag in NT_LEFT_TAGS or word in NATIONAL
    return known or (tag == "n" and len(word) >= 4 and words[index][-1] in "部委局署")


def _extend_left(tokens: Tokens, index: int, heads: dict[int, _Head | None]) -> int:
    """Index of the first token of the name ending with tokens[index]."""
    words = tokens.words
    first, length = index, len(words[index])
    while first > 0:
        if words[first - 1] in QUOTE_ENDS:  # 塔吉克斯坦“霍瓦尔”国家通讯社: a quoted name inside
            opening = _quote_start(words, first - 1)
            if opening is None:
                break
            length += tokens.ends[first - 2] - tokens.starts[opening]
            first = opening
            continue
        if not _joins(tokens, first, index, heads):
            break
        length += len(words[first - 1])
        if length > MAX_NAME_CHARS:
            break
        first -= 1
    return first + 1 if words[first] in JOINS else first  # 各族群众和|新疆生产建设兵团


def _quote_start(words: list[str], close: int) -> int | None:
    """Index of the opening quote matching words[close], if a short name lies between."""
    for index in range(close - 1, max(close - 5, 0), -1):
        if words[index] in QUOTE_STARTS:
            return index if index < close - 1 else None
    return None


def _is_proper(tokens: Tokens, first: int, index: int, head: _Head) -> bool:
    """A name holds a proper part: a place or proper noun, a national word, or a field before
    a bare suffix (生态环境部, 市场监管总局); 指挥部, 行政区政府 or 犯罪集团 alone are generic."""
    tags, words = tokens.tags, tokens.words
    if tags[index] == "nt" or any(tags[i] in PROPER_TAGS for i in range(first, index)):
        return True  # the head itself counts when jieba knows it as a body, not 人大/j
    if words[first] in NATIONAL:
        return True
    word = words[index]
    if head.stem >= 2 and word[len(word) - head.cut - 1] in FIELD_HEADS:
        return True  # 公安部, 应急/管理部: a ministry or commission named by its field
    return head.stem == 0 and word in FIELD_HEADS and len(words[index - 1]) >= 2


def _is_named(tokens: Tokens, first: int, index: int, head: _Head, name: str) -> bool:
    """More than a suffix: two characters besides it (区政府, 联合会 are generic), or one word
    jieba tags as an organisation (国务院, 党中央, 新华社) or a longer abbreviation (发改委/j)."""
    suffix = len(tokens.words[index]) - head.cut - head.stem
    if len(name) - suffix >= 2:
        return True
    tag = tokens.tags[index]  # 妇联/j, 联盟/j: generic; 欧盟/j lost with them
    known = tag == "nt" or (tag == "j" and len(name) >= 3)
    return first == index and known and len(name) >= 2 and name not in ORG_SUFFIXES


def _drop_province(start: int, end: int, places: Sequence[Place], starts: set[int]) -> int:
    """Move the start past a province named just before a prefecture (广西柳州市…); the four
    municipalities stay in the name (北京市朝阳区人民法院). `starts`: where places start."""
    if start not in starts:
        return start
    inside = [p for p in places if start <= p.span[0] and p.span[1] <= end and p.code]
    if len(inside) < 2 or inside[0].span[0] != start or inside[0].level != "province":
        return start
    municipality = inside[0].path[0].endswith("市")
    return start if municipality or inside[1].level != "city" else inside[1].span[0]


def _is_dateline(text: str, end: int) -> bool:
    """证券时报e公司讯, 新华社北京电 at the top: the outlet that filed the story, not a body in
    it (zh-news-gne stcn-1, added after the held-out split's last score)."""
    return end < DATELINE_CHARS and text[end : end + 1] in ("讯", "电")


def _candidate(
    tokens: Tokens, index: int, heads: dict[int, _Head | None], judged: dict[str, _Head | None]
) -> _Head | None:
    word, tag = tokens.words[index], tokens.tags[index]
    key = word + "/" + tag  # words recur (会, 部门, 分局): each is judged once
    head = judged[key] if key in judged else judged.setdefault(key, _head(word, tag))
    heads[index] = head
    return head


def _mentions(tokens: Tokens, text: str, places: Sequence[Place]) -> list[_Org]:
    found: list[_Org] = []
    place_starts = {p.span[0] for p in places if p.code}
    ends = tokens.ends
    heads: dict[int, _Head | None] = {}
    judged: dict[str, _Head | None] = {}
    for hit in END_RE.finditer(text):  # only words ending where a head can end
        index = bisect.bisect_left(ends, hit.end())
        if index == len(ends) or ends[index] != hit.end():
            continue
        head = _candidate(tokens, index, heads, judged)
        if head is None:
            continue
        first = _extend_left(tokens, index, heads)
        end = ends[index] - head.cut
        start = _drop_province(tokens.starts[first], end, places, place_starts)
        if end - start < 2 or text[start:end] in GENERIC_NAMES or _is_dateline(text, end):
            continue
        if not _is_named(tokens, first, index, head, text[start:end]):
            continue
        if _is_proper(tokens, first, index, head):
            found.append(_Org(text[start:end], head.kind, (start, end), [(start, end)]))
    books = [m.span() for m in BOOK_TITLE.finditer(text)]
    return [m for m in _outermost(found) if not _inside(m.span, books)]


def _inside(span: Span, spans: list[Span]) -> bool:
    """Whether `span` lies inside one of `spans` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (span[0], 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= span[0] and span[1] <= spans[index][1]


def _outermost(mentions: list[_Org]) -> list[_Org]:
    """Drop mentions inside a longer one (中国广核集团 in 中国广核集团有限公司)."""
    kept: list[_Org] = []
    for mention in sorted(mentions, key=lambda m: (m.span[0], -m.span[1])):
        if kept and mention.span[1] <= kept[-1].span[1]:
            continue
        kept.append(mention)
    return kept


def _merge(mentions: list[_Org], limit: int) -> list[_Org]:
    """One record per body: shorter names that end a longer one become its aliases."""
    orgs: list[_Org] = []
    by_name: dict[str, _Org] = {}
    by_ending: dict[str, _Org] = {}  # each ending of a kept name -> the first body it ends
    for mention in sorted(mentions, key=lambda m: -len(m.name)):
        name = mention.name
        owner = by_name.get(name) or by_ending.get(name)
        if owner is None:
            if len(orgs) < limit:
                orgs.append(mention)
                by_name[name] = mention
                for cut in range(len(name)):
                    by_ending.setdefault(name[cut:], mention)
            continue
        owner.mentions.append(mention.span)
        if mention.name != owner.name and mention.name not in owner.aliases:
            owner.aliases.append(mention.name)
        by_name[mention.name] = owner
    return sorted(orgs, key=lambda o: min(o.mentions))


def _add_anaphora(orgs: list[_Org], text: str) -> None:
    """Count 该分局 / 全分局 / 本公司, and 分局 opening a clause, as mentions of the latest body
    named with that head. A bare head inside a clause is not one: 大学毕业进入检察院 (新闻联播
    2024-12-02) speaks of any procuratorate, not of the last one named."""
    tails = {o.name[-size:] for o in orgs for size in ANAPHORA_SIZES}
    heads = [head for head in ANAPHORA_HEADS if head in tails]
    if not heads:
        return  # no body named with such a head: nothing to count (21 of the 31 dev pages)
    taken = bytearray(len(text))
    for org in orgs:
        for start, end in org.mentions:
            taken[start:end] = b"\x01" * (end - start)
    firsts = [(min(o.mentions)[0], o) for o in orgs]
    for match in re.finditer("|".join(heads), text):  # only the heads of bodies named
        start, head = match.start(), match.group()
        if start and text[start - 1] in ANAPHORA_LEADS:
            start -= 1
        elif start and text[start - 1] not in CLAUSE_OPENERS:
            continue
        if taken[start]:
            continue
        earlier = [o for first, o in firsts if o.name.endswith(head) and first < start]
        if earlier:
            earlier[-1].mentions.append((start, match.end()))


def _place_of(
    org: _Org, places: Sequence[Place], starts: list[int], default: str | None
) -> str | None:
    """The most precise place named inside the organisation's name, or `default` for a local
    body named without one (西环派出所); national bodies (应急管理部, 国家金融监督管理总局,
    中央组织部) and companies (农业银行) get none. `places` are in text order (as `find_places`
    gives them) and `starts` are where they start."""
    start, end = org.span
    inside = []
    for index in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
        place = places[index]
        if place.code and place.span[1] <= end:
            inside.append(place.code)
    if inside:
        return max(inside, key=len)
    national = org.name.startswith(NATIONAL_START) or any(h in org.name for h in CENTRAL_HEADS)
    return None if national or org.kind not in LOCAL_KINDS else default


def find_organisations(
    tokens: Tokens, text: str, places: Sequence[Place], default_place: str | None
) -> list[Organisation]:
    """Every organisation named in the text, with its place and all its mentions."""
    orgs = _merge(_mentions(tokens, text, places)[:MAX_MENTIONS], MAX_ORGANISATIONS)
    _add_anaphora(orgs, text)
    starts = [p.span[0] for p in places]
    return [
        Organisation(
            o.name,
            o.kind,
            o.span,
            _place_of(o, places, starts, default_place),
            tuple(o.aliases),
            tuple(sorted(o.mentions)),
        )
        for o in orgs
    ]

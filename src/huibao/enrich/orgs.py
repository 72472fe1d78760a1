"""Organisations: government bodies, police, courts, procuratorates, committees, companies.

A name ends in a known suffix (公安分局, 派出所, 人民法院, 有限公司 …) and extends to the left over
place names and proper nouns, never over pronouns, verbs or qualifiers (该, 辖区, 各级). A
province before a city is context, not part of the name (广西柳州市柳南公安分局 is
柳州市柳南公安分局, as the bureau calls itself). A shorter name that ends a longer one is its
alias (柳南公安分局), and 该分局 / 分局 / 全分局 count as mentions of the latest body so named.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from huibao.enrich.model import Organisation, Place, Span
from huibao.enrich.text import Tokens

# Suffixes by kind, longest first within the table. Police and government from the seed page
# (公安分局, 派出所, 户政科 is a section, not a body); courts, procuratorates and committees from
# court and government portal pages (zh-news-gne: zyyfy, gzggw); companies from economic news.
_ORG_SUFFIX_TEXT = {
    "police": "公安分局 公安局 公安厅 派出所 交警大队 交警支队 刑警大队 边防检查站",
    "court": "高级人民法院 中级人民法院 人民法院 法院",
    "procuratorate": "人民检察院 检察院",
    "government": "人民政府 政府 办公厅 办公室 办事处 管理局 总局 监督局 统计局 局 厅 部 委 署",
    "committee": "委员会 常委会 管委会 居委会 村委会",
    "party": "党委 党组 市委 县委 区委 省委 纪委",
    "company": "股份有限公司 有限责任公司 有限公司 公司 集团 银行",
    "education": "大学 学院",
    "research": "研究院 研究所 研究中心",
    "hospital": "医院",
    "association": "协会 联合会",
}
# suffix -> kind, longest first (党委 is tried before 委, 人民法院 before 法院)
ORG_SUFFIXES: dict[str, str] = dict(
    sorted(
        ((word, kind) for kind, words in _ORG_SUFFIX_TEXT.items() for word in words.split()),
        key=lambda item: -len(item[0]),
    )
)
# last character -> the suffixes ending with it, longest first (one dict lookup per word)
SUFFIXES_BY_END: dict[str, tuple[tuple[str, str], ...]] = {
    end: tuple((w, k) for w, k in ORG_SUFFIXES.items() if w[-1] == end)
    for end in {w[-1] for w in ORG_SUFFIXES}
}
SUFFIX_ENDS = frozenset(SUFFIXES_BY_END)
SUFFIX_RE = re.compile("[" + "".join(sorted(SUFFIX_ENDS)) + "]")
# Tokens that end a name when walking left: qualifiers, not names (辖区派出所, 各级政府, 当地政府).
_QUALIFIERS_TEXT = (
    "辖区 各级 当地 有关 相关 基层 全市 全省 全区 全县 全国 各地 "
    "各 本 该 全 我 地方 上级 主管 所在 属地 市级 县级 省级"
)
QUALIFIERS = frozenset(_QUALIFIERS_TEXT.split())
NAME_TAGS = ("ns", "nt", "nz", "nr", "n", "j", "eng", "m", "vn", "an", "b")
ANAPHORA = re.compile(r"分局|公安局|派出所|法院|检察院|公司|集团")
ANAPHORA_LEADS = frozenset("该全本")  # 该分局, 全分局, 本公司: part of the mention
MAX_NAME_CHARS = 24
# Caps against hostile input (a page of ten thousand made-up bureau names).
MAX_MENTIONS, MAX_ORGANISATIONS = 5000, 500


@dataclass(slots=True)
class _Org:
    name: str
    kind: str
    span: Span
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def _suffix(word: str) -> tuple[str, str] | None:
    if not word or word[-1] not in SUFFIX_ENDS:
        return None
    for suffix, kind in SUFFIXES_BY_END[word[-1]]:
        if word.endswith(suffix):
            single = len(suffix) == 1
            if single and len(word) < 3:
                return None  # 干部, 全部, 东部: a one-character suffix needs a longer word
            return suffix, kind
    return None


def _extend_left(tokens: Tokens, index: int) -> int:
    """Index of the first token of the name ending with tokens[index]."""
    words, tags = tokens.words, tokens.tags
    first, length = index, len(words[index])
    while first > 0:
        word = words[first - 1]
        if word in QUALIFIERS or not tags[first - 1].startswith(NAME_TAGS):
            break
        length += len(word)
        if length > MAX_NAME_CHARS:
            break
        first -= 1
    return first


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


def _mentions(tokens: Tokens, text: str, places: Sequence[Place]) -> list[_Org]:
    found: list[_Org] = []
    place_starts = {p.span[0] for p in places if p.code}
    ends, words = tokens.ends, tokens.words
    suffixes: dict[str, tuple[str, str] | None] = {}  # words recur: 会, 部门, 分局
    for hit in SUFFIX_RE.finditer(text):  # only words ending where a suffix ends
        index = bisect.bisect_left(ends, hit.end())
        if index == len(ends) or ends[index] != hit.end():
            continue
        word = words[index]
        suffix = suffixes[word] if word in suffixes else suffixes.setdefault(word, _suffix(word))
        if suffix is None:
            continue
        end = ends[index]
        first = _extend_left(tokens, index)
        start = _drop_province(tokens.starts[first], end, places, place_starts)
        name = text[start:end]
        if len(name) - len(suffix[0]) >= 2:
            found.append(_Org(name, suffix[1], (start, end), [(start, end)]))
    return found


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
    """Count 该分局 / 全分局 / 分局 as mentions of the latest body named with that head."""
    taken = bytearray(len(text))
    for org in orgs:
        for start, end in org.mentions:
            taken[start:end] = b"\x01" * (end - start)
    firsts = [(min(o.mentions)[0], o) for o in orgs]
    for match in ANAPHORA.finditer(text):
        start, head = match.start(), match.group()
        if start and text[start - 1] in ANAPHORA_LEADS:
            start -= 1
        if taken[start]:
            continue
        earlier = [o for first, o in firsts if o.name.endswith(head) and first < start]
        if earlier:
            earlier[-1].mentions.append((start, match.end()))


def _place_of(
    org: _Org, places: Sequence[Place], starts: list[int], default: str | None
) -> str | None:
    """The most precise place named inside the organisation's name, or `default`. `places`
    are in text order (as `find_places` gives them) and `starts` are where they start."""
    start, end = org.span
    inside = []
    for index in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
        place = places[index]
        if place.code and place.span[1] <= end:
            inside.append(place.code)
    return max(inside, key=len) if inside else default


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


def main_organisation(orgs: Sequence[Organisation]) -> Organisation | None:
    """The most mentioned body (ties: the first named)."""
    return max(orgs, key=lambda o: len(o.mentions), default=None)

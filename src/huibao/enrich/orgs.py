"""Organisations: government bodies, police, courts, procuratorates, committees, companies.

A name ends in a known suffix (公安分局, 派出所, 人民法院, 有限公司 …) and extends to the left over
place names and proper nouns, never over pronouns, verbs or qualifiers (该, 辖区, 各级). A
province before a city is context, not part of the name (广西柳州市柳南公安分局 is
柳州市柳南公安分局, as the bureau calls itself). A shorter name that ends a longer one is its
alias (柳南公安分局), and 该分局 / 分局 / 全分局 count as mentions of the latest body so named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from huibao.enrich.model import Organisation, Place, Span
from huibao.enrich.text import Token

# Suffixes by kind, longest first within the table. Police and government from the seed page
# (公安分局, 派出所, 户政科 is a section, not a body); courts, procuratorates and committees from
# court and government portal pages (zh-news-gne: zyyfy, gzggw); companies from economic news.
ORG_SUFFIXES: dict[str, str] = {
    "公安分局": "police",
    "公安局": "police",
    "公安厅": "police",
    "派出所": "police",
    "交警大队": "police",
    "交警支队": "police",
    "刑警大队": "police",
    "边防检查站": "police",
    "高级人民法院": "court",
    "中级人民法院": "court",
    "人民法院": "court",
    "法院": "court",
    "人民检察院": "procuratorate",
    "检察院": "procuratorate",
    "人民政府": "government",
    "政府": "government",
    "委员会": "committee",
    "常委会": "committee",
    "管委会": "committee",
    "居委会": "committee",
    "村委会": "committee",
    "办公厅": "government",
    "办公室": "government",
    "办事处": "government",
    "管理局": "government",
    "总局": "government",
    "监督局": "government",
    "统计局": "government",
    "局": "government",
    "厅": "government",
    "部": "government",
    "委": "government",
    "署": "government",
    "党委": "party",
    "党组": "party",
    "市委": "party",
    "县委": "party",
    "区委": "party",
    "省委": "party",
    "纪委": "party",
    "股份有限公司": "company",
    "有限责任公司": "company",
    "有限公司": "company",
    "公司": "company",
    "集团": "company",
    "银行": "company",
    "大学": "education",
    "学院": "education",
    "研究院": "research",
    "研究所": "research",
    "研究中心": "research",
    "医院": "hospital",
    "协会": "association",
    "联合会": "association",
}
SUFFIX_ENDS = frozenset(s[-1] for s in ORG_SUFFIXES)
# Tokens that end a name when walking left: qualifiers, not names (辖区派出所, 各级政府, 当地政府).
QUALIFIERS = frozenset(
    {
        "辖区",
        "各级",
        "当地",
        "有关",
        "相关",
        "基层",
        "全市",
        "全省",
        "全区",
        "全县",
        "全国",
        "各地",
        "各",
        "本",
        "该",
        "全",
        "我",
        "地方",
        "上级",
        "主管",
        "所在",
        "属地",
        "市级",
        "县级",
        "省级",
    }
)
NAME_TAGS = ("ns", "nt", "nz", "nr", "n", "j", "eng", "m", "vn", "an", "b")
ANAPHORA = re.compile(r"(?:该|全|本)?(分局|公安局|派出所|法院|检察院|公司|集团)")
MAX_NAME_CHARS = 24


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
    for suffix, kind in ORG_SUFFIXES.items():
        if word.endswith(suffix):
            single = len(suffix) == 1
            if single and len(word) < 3:
                return None  # 干部, 全部, 东部: a one-character suffix needs a longer word
            return suffix, kind
    return None


def _extend_left(tokens: Sequence[Token], index: int) -> int:
    """Index of the first token of the name ending with tokens[index]."""
    first, length = index, len(tokens[index].word)
    while first > 0:
        token = tokens[first - 1]
        if token.word in QUALIFIERS or not token.tag.startswith(NAME_TAGS):
            break
        length += len(token.word)
        if length > MAX_NAME_CHARS:
            break
        first -= 1
    return first


def _drop_province(start: int, end: int, places: Sequence[Place]) -> int:
    """Move the start past a province named just before a city (广西柳州市…)."""
    inside = [p for p in places if start <= p.span[0] and p.span[1] <= end and p.code]
    if len(inside) >= 2 and inside[0].span[0] == start and inside[0].level == "province":
        return inside[1].span[0]
    return start


def _mentions(tokens: Sequence[Token], text: str, places: Sequence[Place]) -> list[_Org]:
    found: list[_Org] = []
    for index, token in enumerate(tokens):
        if token.word[-1:] not in SUFFIX_ENDS:
            continue
        hit = _suffix(token.word)
        if hit is None:
            continue
        first = _extend_left(tokens, index)
        start = _drop_province(tokens[first].start, token.end, places)
        name = text[start : token.end]
        if len(name) - len(hit[0]) >= 2:
            found.append(_Org(name, hit[1], (start, token.end), [(start, token.end)]))
    return found


def _merge(mentions: list[_Org]) -> list[_Org]:
    """One record per body: shorter names that end a longer one become its aliases."""
    orgs: list[_Org] = []
    for mention in sorted(mentions, key=lambda m: -len(m.name)):
        owner = next((o for o in orgs if o.name.endswith(mention.name)), None)
        if owner is None:
            orgs.append(mention)
            continue
        owner.mentions.append(mention.span)
        if mention.name != owner.name and mention.name not in owner.aliases:
            owner.aliases.append(mention.name)
    return sorted(orgs, key=lambda o: min(o.mentions))


def _add_anaphora(orgs: list[_Org], text: str) -> None:
    taken = {s for o in orgs for s in o.mentions}
    for match in ANAPHORA.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        head = match.group(1)
        earlier = [o for o in orgs if o.name.endswith(head) and min(o.mentions)[0] < match.start()]
        if earlier:
            earlier[-1].mentions.append(match.span())


def _place_of(org: _Org, places: Sequence[Place], default: str | None) -> str | None:
    start, end = org.span
    inside = [p.code for p in places if p.code and start <= p.span[0] and p.span[1] <= end]
    return max(inside, key=len) if inside else default


def find_organisations(
    tokens: Sequence[Token], text: str, places: Sequence[Place], default_place: str | None
) -> list[Organisation]:
    """Every organisation named in the text, with its place and all its mentions."""
    orgs = _merge(_mentions(tokens, text, places))
    _add_anaphora(orgs, text)
    return [
        Organisation(
            o.name,
            o.kind,
            o.span,
            _place_of(o, places, default_place),
            tuple(o.aliases),
            tuple(sorted(o.mentions)),
        )
        for o in orgs
    ]


def main_organisation(orgs: Sequence[Organisation]) -> Organisation | None:
    """The most mentioned body (ties: the first named)."""
    return max(orgs, key=lambda o: len(o.mentions), default=None)

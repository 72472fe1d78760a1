"""Place mentions resolved to administrative divisions, and the article's main place.

1. Find the name forms (full or short) with the gazetteer's automaton, leftmost-longest.
2. Short forms and two-character names must be whole words in jieba's segmentation
   (长治 inside 长治久安 is not 长治市; 和县 inside 市和县 is not 和县); weak forms must also be
   tagged a name or noun, or follow another place (安徽无为).
3. A name with one strong reading is resolved at once; these are the context.
4. Other names are resolved by that context: the reading with a place above or below it named
   elsewhere in the article wins (柳南 -> 柳南区 because 柳州市 is named; 朝阳区 -> Beijing's when
   北京 is named); ties go to a city over a county (江西吉安 -> 吉安市), then to a province's own
   short form (吉林, 海南). A city's short name (西安) is never read as a county of that name
   elsewhere unless it follows a place that holds the county (北京朝阳); a province's (河北)
   only when a city or county above or below that county is named too. Otherwise the
   mention stays ambiguous, `code` None, with its
   candidates listed. Weak forms (county short names) with no support are dropped: they are
   usually words.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

from huibao.enrich.divisions import PLACEHOLDERS, Gazetteer, NameForm, gazetteer
from huibao.enrich.model import Place
from huibao.enrich.text import Tokens

# jieba tags a county's short name as a place (ns), a name (nr, nz) or a noun (n) when it is one
# (高陵 nr, 庆安 nz, 江油 n in 新闻联播 transcripts; 通道 in 贸易通道 is a v).
NAME_TAGS = frozenset({"ns", "nz", "nr", "nrt", "nrfg", "n"})
# Words after a short form that make it part of an organisation name even where jieba joins
# them differently (柳南公安分局 on the seed page, 西城法院).
ORG_STARTS = ("公安", "法院", "检察院", "人民", "市委", "县委", "区委", "政府", "交警", "派出所")
# A team is named after its place, and jieba keeps the name as one word (北京队9比5战胜天津队,
# 四川队力克河北队: 新闻联播 2024-02-27).
NAME_STARTS = (*ORG_STARTS, "队")
TIME_ZONE = "北京时间"


def _is_word(text: str, start: int, end: int, tokens: Tokens, weak: bool) -> bool:
    """True when the name is a whole word; a weak name must also be tagged a noun or name:
    通道 (通道侗族自治县) in 贸易通道 is a verb there, not a place."""
    starts = tokens.starts
    index = bisect.bisect_left(starts, start)
    if index == len(starts) or starts[index] != start:
        return False
    if tokens.ends[index] == end and (not weak or tokens.tags[index] in NAME_TAGS):
        return True
    return text.startswith(NAME_STARTS, end)


def _below(resolved: Counter[str]) -> Counter[str]:
    """The resolved places below province level."""
    return Counter({code: n for code, n in resolved.items() if len(code) > 2})


def _support(code: str, resolved: Counter[str], gaz: Gazetteer) -> int:
    return sum(
        1 for other in resolved if gaz.is_ancestor(other, code) or gaz.is_ancestor(code, other)
    )


def _everyday(
    forms: tuple[NameForm, ...], before: str | None, listed: list[str], gaz: Gazetteer
) -> str | None:
    """The reading of a name that is also an everyday word (资源, 和平, 公安), or None.

    Only its neighbours can make it a place, one mention at a time: the place written right
    before it, when that contains it (湖北公安 -> 公安县; 沈阳和平 -> 和平区), or the places
    listed beside it with 、, when they lie in the same province (石首、公安 -> 公安县).
    A place named elsewhere in the article is no evidence: 广西 in a story does not make its
    资源 the county 资源县, nor 沈阳 its 和平发展 Shenyang's 和平区. A strong reading (a
    full name) stands on its own.
    """
    if before is not None:
        inside = [f.code for f in forms if _contains(gaz.forms[before], (f,), gaz)]
        if len(inside) == 1:
            return inside[0]
    provinces = {f.code[:2] for name in listed for f in gaz.forms[name]}
    beside = [f.code for f in forms if f.code[:2] in provinces]
    if len(beside) == 1:
        return beside[0]
    strong = [f.code for f in forms if not f.weak]
    return strong[0] if len(strong) == 1 else None


def _resolve(
    forms: tuple[NameForm, ...], resolved: Counter[str], gaz: Gazetteer, held: bool = False
) -> str | None:
    """The one reading the article supports, or None (see the module docstring); `held`: some
    mention of the name comes right after a place that holds one of its weak readings."""
    if len(forms) == 1 and not forms[0].weak:
        return forms[0].code
    scores = {f.code: _support(f.code, resolved, gaz) for f in forms}
    # A weak reading (柳南 for 柳南区) counts only with support.
    readings = [f for f in forms if not f.weak or scores[f.code] > 0]
    if not held and any(len(f.code) == 4 and not f.weak for f in forms):
        # A city's short name (西安) is that city, not a county of the same name elsewhere
        # (牡丹江's 西安区) because the county's city is named somewhere in the text: 474
        # 新闻联播 transcripts read 西安 as 牡丹江's 西安区 31 times, every one Xi'an.
        readings = [f for f in readings if not f.weak]
    if any(len(f.code) == 2 and not f.weak for f in forms):
        # A province's name (河北队 beside 天津队, 新闻联播 2024-02-27) is not a county of
        # another province-level city (天津's 河北区) only because that city is named too:
        # such a county needs a city or county of its own named in the article.
        below = _below(resolved)
        readings = [f for f in readings if not f.weak or _support(f.code, below, gaz)]
    if not readings:
        return None
    best = max(scores[f.code] for f in readings)
    winners = [f.code for f in readings if scores[f.code] == best]
    if len(winners) == 1:
        return winners[0]
    strong = [f.code for f in readings if f.code in winners and not f.weak]
    if len(strong) == 1:
        return strong[0]  # 江西吉安: the city 吉安市 before the county 吉安县
    provinces = [code for code in winners if len(code) == 2]
    return provinces[0] if len(provinces) == 1 else None


def _contains(upper: Iterable[NameForm], lower: Iterable[NameForm], gaz: Gazetteer) -> bool:
    """True when a reading of `upper` contains a reading of `lower`.

    Two names written together, the second inside the first (湖南岳阳 in a 新闻联播 story),
    are places even where the segmenter cuts across them (湖|南岳|阳): the pair's hierarchy is
    evidence enough that neither is part of an ordinary word.
    """
    return any(gaz.is_ancestor(u.code, low.code) for u in upper for low in lower)


def _place(
    text: str, span: tuple[int, int], code: str | None, candidates: tuple[str, ...], gaz: Gazetteer
) -> Place:
    division = gaz.divisions.get(code) if code else None
    if division is None:
        return Place(text, span, None, "", (), candidates)
    return Place(text, span, code, division.level, division.path, candidates)


def find_places(normalised: str, original: str, tokens: Tokens, limit: int) -> list[Place]:
    """Every place mention in the body, resolved where the article allows it."""
    gaz = gazetteer()
    mentions: list[tuple[int, int, str]] = []
    cut: tuple[int, int, str] | None = None  # the last name that failed the word check
    for start, end, surface in gaz.find(normalised):
        if normalised.startswith(TIME_ZONE, start):
            continue  # 北京时间9月11日凌晨 (sina.com.cn 2019, 新闻联播): China's clock, no place
        after_place = bool(mentions) and mentions[-1][1] == start  # 安徽无为, 四川江油
        if (
            surface not in gaz.word_only
            or after_place
            or _is_word(normalised, start, end, tokens, surface in gaz.weak)
        ):
            mentions.append((start, end, surface))
            cut = None
        elif cut and cut[1] == start and _contains(gaz.forms[cut[2]], gaz.forms[surface], gaz):
            mentions.extend((cut, (start, end, surface)))  # 湖南岳阳, segmented 湖|南岳|阳
            cut = None
        else:
            cut = (start, end, surface)
    mentions = mentions[:limit]
    resolved: Counter[str] = Counter()
    for _, _, surface in mentions:
        forms = gaz.forms[surface]
        if len(forms) == 1 and not forms[0].weak:
            resolved[forms[0].code] += 1
    places: list[Place] = []
    codes: dict[str, str | None] = {}  # a name reads the same throughout the article
    by_end = {end: surface for _, end, surface in mentions}
    by_start = {start: surface for start, _, surface in mentions}
    held = {  # 北京朝阳: Beijing's 朝阳区, though 朝阳 alone is 朝阳市
        surface
        for start, _, surface in mentions
        if (before := by_end.get(start))
        and _contains(gaz.forms[before], [f for f in gaz.forms[surface] if f.weak], gaz)
    }
    for start, end, surface in mentions:
        forms = gaz.forms[surface]
        if surface in gaz.everyday:
            listed = [  # 湖北石首、公安和湖南华容: names beside it in a list of places
                by_end.get(start - 1) if normalised[start - 1 : start] == "、" else None,
                by_start.get(end + 1) if normalised[end : end + 1] == "、" else None,
            ]
            code = _everyday(forms, by_end.get(start), [n for n in listed if n], gaz)
        else:
            if surface not in codes:
                codes[surface] = _resolve(forms, resolved, gaz, surface in held)
            code = codes[surface]
        if code is None and surface in gaz.weak:
            continue
        candidates = tuple(dict.fromkeys(f.code for f in forms))
        places.append(_place(original[start:end], (start, end), code, candidates, gaz))
    return places


def main_place(places: list[Place]) -> Place | None:
    """The place the article is about: descend from the most-named province while a child
    holds at least half of its parent's mentions (广西 -> 柳州市 -> 柳南区 on the seed page)."""
    counts: Counter[str] = Counter()
    for place in places:
        if place.code:
            for size in (2, 4, 6):
                if len(place.code) >= size:
                    counts[place.code[:size]] += 1
    if not counts:
        return None
    current = max((c for c in counts if len(c) == 2), key=lambda c: counts[c])
    while True:
        children = [c for c in counts if len(c) == len(current) + 2 and c.startswith(current)]
        best = max(children, key=lambda c: counts[c], default=None)
        if best is None or counts[best] * 2 < counts[current]:
            break
        current = best
    if gazetteer().divisions[current].name in PLACEHOLDERS:
        current = current[:-2]  # 北京 1101 市辖区 is no place of its own
    return next((p for p in places if p.code == current), _first_under(places, current))


def _first_under(places: list[Place], code: str) -> Place | None:
    """A province or city counted only through its children has no mention of its own."""
    gaz = gazetteer()
    division = gaz.divisions.get(code)
    if division is None:
        return None
    first = next(p for p in places if p.code and p.code.startswith(code))
    return Place(division.name, first.span, code, division.level, division.path, (code,))

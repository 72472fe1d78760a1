"""The main organisation of an article: the body it is about, or None when none stands out.

Read from the headline, the first sentence and the mentions `orgs.find_organisations` found;
labelled against benchmarks/enrich/orgs_labels.json ("main").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from huibao.enrich.model import Organisation
from huibao.enrich.text import Tokens

# Words that may come before the body opening the first sentence (time, place, numbers,
# punctuation), verbs by which a body only hosts the event reported (新闻联播 2024-09-14:
# 国务院新闻办12日举行…新闻发布会), and the approval before the actor (经中共中央批准，…:
# 新闻联播 2023-05-21).
LEAD_TAGS = ("t", "f", "m", "x", "ns", "q", "d")
HOST_VERBS = frozenset(["举行", "召开", "举办", "主办", "承办"])
PREAMBLES = frozenset(["经"])
# (matching runs on the normalised text, where full-width ASCII is half-width: （新闻联播）:)
DATELINE = re.compile(r"[^。！？!?\n]{0,20}?(?:消息|讯|电)(?:[（(][^）)]{0,10}[）)])?[：:]")
LEAD_END = re.compile(r"[。！？!?\n]")
# A headline body after a preposition is a venue or a target (我国在世贸组织就…提起诉讼); one
# before an office names a person's post (李强会见联合国秘书长: 新闻联播 2025-07-09, added after
# the held-out split's last score).
OFFICES = ("秘书长", "总理", "主席", "总统", "书记", "部长", "发言人", "负责人", "代表", "大使")
TITLE_PREPOSITIONS = frozenset("在向对据从于与同")


def _in_title(org: Organisation, title: str) -> bool:
    """Named in the headline, not after a preposition (我国在世贸组织就…提起诉讼) nor as a
    person's office (李强会见联合国秘书长 is about a meeting)."""
    for name in (org.name, *org.aliases):
        at = title.find(name)
        if at < 0 or title.startswith(OFFICES, at + len(name)):
            continue
        if at == 0 or title[at - 1] not in TITLE_PREPOSITIONS:
            return True
    return False


def _subject(
    orgs: Sequence[Organisation], tokens: Tokens, begin: int, end: int
) -> tuple[Organisation | None, bool]:
    """The body opening the sentence text[begin:end] after any time or place words, and
    whether it only hosts the event the sentence reports (…举行新闻发布会)."""
    mentions = sorted((m, o) for o in orgs for m in o.mentions if begin <= m[0] < end)
    if not mentions:
        return None, False
    (at, stop), org = mentions[0]
    starts, tags = tokens.starts, tokens.tags
    index = bisect.bisect_left(starts, begin)
    while index < len(starts) and starts[index] < at:
        if tokens.words[index] in PREAMBLES:  # 经中共中央批准，中央纪委国家监委对…
            while index < len(starts) and tokens.words[index] not in (",", "，"):
                index += 1
            mentions = [(m, o) for m, o in mentions if m[0] > starts[min(index, len(starts) - 1)]]
            if not mentions:
                return None, False
            (at, stop), org = mentions[0]
        elif not tags[index].startswith(LEAD_TAGS):
            return None, False
        index += 1
    return (None, True) if _verb_after(tokens, stop) in HOST_VERBS else (org, False)


def _verb_after(tokens: Tokens, stop: int) -> str:
    """The first verb after a body's mention, looking past time words, numbers and brackets
    (国务院新闻办公室今天（2月5日）举行…) and at most four other words."""
    words, tags = tokens.words, tokens.tags
    index, others = bisect.bisect_left(tokens.starts, stop), 0
    while index < len(words) and others < 4:
        if tags[index].startswith("v"):
            return words[index]
        others += not tags[index].startswith(("t", "m", "x"))
        index += 1
    return ""


def _title_position(org: Organisation, title: str) -> int:
    return min(title.find(name) for name in (org.name, *org.aliases) if name in title)


def _lead_subject(orgs: Sequence[Organisation], tokens: Tokens, text: str) -> Organisation | None:
    """The body opening the first sentence, after its dateline and any time or place words
    (国家卫生健康委今天通报, 近日，中央组织部…, 今年以来,广西柳州市柳南公安分局以…). A body that
    only hosts an event gives way to the subject of the next sentence (国务院新闻办12日举行…发布会。
    国家卫生健康委相关负责人介绍…: 新闻联播 2024-09-14)."""
    colon = DATELINE.match(text)
    begin = colon.end() if colon else 0
    for _ in range(2):
        stop = LEAD_END.search(text, begin)
        end = stop.end() if stop else len(text)
        org, hosted = _subject(orgs, tokens, begin, end)
        if not hosted:
            return org
        begin = end + len(text[end:]) - len(text[end:].lstrip())
    return None


def main_organisation(
    orgs: Sequence[Organisation], tokens: Tokens, text: str, title: str = ""
) -> Organisation | None:
    """The body the article is about: the one its headline names (the most mentioned of those),
    else the subject of its first sentence, else the body mentioned most often when that is
    at least twice and no other body ties with it; None when no body stands out (a meeting of
    leaders, a list of companies)."""
    named = [o for o in orgs if title and _in_title(o, title)]
    if named:  # the first named in the headline is its subject (新华社全文播发…中国共产党…报告)
        return min(named, key=lambda o: _title_position(o, title))
    lead = _lead_subject(orgs, tokens, text)
    if lead is not None:
        return lead
    counts = sorted((len(o.mentions) for o in orgs), reverse=True)
    if not counts or counts[0] < 2 or (len(counts) > 1 and counts[1] == counts[0]):
        return None
    return max(orgs, key=lambda o: len(o.mentions))

"""The quantity patterns with the units as a trie match as with the sorted alternation."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from huibao.enrich import quantities
from huibao.enrich.quantities import UNITS, UNITS_PATTERN, _alt

# Numbers, multipliers, approximation words, range marks, the units and their characters.
PIECES = sorted(
    {*"0123456789.,三两十百千万亿余多约近上至到- 级", "以上", "左右", "超过", *UNITS}
    | set("".join(UNITS))
)
PATTERNS = ("QUANTITY", "ROUND", "BARE_ROUND", "RANGE_AFTER", "RANGE_BEFORE")


def _with_alternation(name: str) -> re.Pattern[str]:
    pattern: re.Pattern[str] = getattr(quantities, name)
    return re.compile(pattern.pattern.replace(UNITS_PATTERN, _alt(UNITS)), pattern.flags)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
def test_unit_trie_matches_like_the_alternation(text: str) -> None:
    for name in PATTERNS:
        trie, alternation = getattr(quantities, name), _with_alternation(name)
        assert trie.pattern != alternation.pattern
        for pos in range(len(text) + 1):
            found, expected = trie.match(text, pos), alternation.match(text, pos)
            assert (found and found.groupdict(), found and found.span()) == (
                expected and expected.groupdict(),
                expected and expected.span(),
            )
        assert bool(trie.search(text)) == bool(alternation.search(text))

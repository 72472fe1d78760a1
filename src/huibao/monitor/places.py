"""Place filters: division-code prefixes and place names without their admin suffix.

China's division codes (GB/T 2260, as in /work/shared/data/admin-divisions) are 6 digits,
two per level, padded with zeros: 450000 广西, 450200 柳州市, 450204 柳南区; township codes
add 3 more and village codes 3 more (12 digits, zero-padded). "Everything beneath 柳州" is
therefore every code that starts with 4502 once the padding zeros are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Suffixes a place name may carry or drop (广西壮族自治区 / 广西, 柳南区 / 柳南), longest first,
#: as used in the admin-division tables (provinces.csv, cities.csv, areas.csv).
ADMIN_SUFFIXES = (
    "特别行政区",
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
    "自治区",
    "自治州",
    "自治县",
    "街道",
    "地区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
    "镇",
    "乡",
)
CODE = re.compile(r"\d{2,12}\Z")


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place an article mentions (from the enrich stage): its name and division code."""

    name: str
    code: str = ""


def code_prefix(code: str) -> str:
    """The significant part of a division code: 450200 -> 4502, 450000 -> 45."""
    prefix = code
    while len(prefix) > 6 and prefix.endswith("000"):  # village, then township level
        prefix = prefix[:-3]
    while 2 < len(prefix) <= 6 and prefix.endswith("00"):  # county, then city level
        prefix = prefix[:-2]
    return prefix


def bare_name(name: str) -> str:
    """`name` without its admin suffix (柳南区 -> 柳南), unless that would leave one character."""
    for suffix in ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True, slots=True)
class PlaceFilter:
    """A compiled `place:` value: the code prefixes and bare names it accepts."""

    prefixes: tuple[str, ...]
    names: tuple[str, ...]

    def accepts(self, places: Iterable[PlaceRef]) -> bool:
        """True if any place is one of the names or lies under one of the code prefixes."""
        for place in places:
            if place.code and any(place.code.startswith(p) for p in self.prefixes):
                return True
            if place.name and bare_name(place.name) in self.names:
                return True
        return False


def compile_place(value: str, gazetteer: Mapping[str, Iterable[str]] | None = None) -> PlaceFilter:
    """A filter for `place:value`; a name is also looked up in `gazetteer` (bare name -> codes)."""
    if CODE.match(value):
        return PlaceFilter((code_prefix(value),), ())
    names = (bare_name(value),)
    codes = (gazetteer or {}).get(names[0], ())
    return PlaceFilter(tuple(sorted({code_prefix(c) for c in codes})), names)


def bare_gazetteer(gazetteer: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """`gazetteer` keyed by bare names (柳州市 and 柳州 both become 柳州)."""
    bare: dict[str, list[str]] = {}
    for name, codes in gazetteer.items():
        bare.setdefault(bare_name(name), []).extend(codes)
    return bare

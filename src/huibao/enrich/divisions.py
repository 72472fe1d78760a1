"""China's administrative divisions (package data) and the names they go by in text.

Each division has its full name (柳州市) and short forms (柳州; 广西 for 广西壮族自治区; 黔东南 and
黔东南州 for 黔东南苗族侗族自治州). Short forms of counties (柳南 for 柳南区) and two-character
names (和县) are *weak*: so many
are ordinary words (和平, 城关, 长安) that one counts only when the article also names a place
above or below it. The data is loaded once per process by `gazetteer()`.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from importlib import resources

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

LEVELS = ("province", "city", "county")
# Prefectures that are placeholders in the statistics code list (北京 1101 市辖区, 重庆 5002 县).
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# County names that are everyday words in news text (城区道路, 郊区, 矿区安全).
GENERIC_NAMES = frozenset({"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "新区"})
# Nationalities named in autonomous regions, prefectures and counties (广西壮族自治区,
# 黔东南苗族侗族自治州, 融水苗族自治县): stripping them gives the short form.
_ETHNIC_TEXT = (
    "维吾尔 蒙古 朝鲜 哈萨克 柯尔克孜 塔吉克 达斡尔 鄂温克 鄂伦春 "
    "土家 布依 景颇 傈僳 纳西 拉祜 仫佬 毛南 仡佬 撒拉 东乡 保安 "
    "裕固 锡伯 普米 独龙 德昂 阿昌 布朗 基诺 壮 回 藏 苗 侗 彝 "
    "傣 白 哈尼 羌 黎 满 瑶 水 畲 佤 怒 土 各"
)
ETHNIC = tuple(_ETHNIC_TEXT.split())
_ETHNIC = "|".join(sorted(ETHNIC, key=len, reverse=True))
AUTONOMOUS = re.compile(rf"^(?P<base>.{{2,}}?)(?:(?:{_ETHNIC})族?)+自治(?P<kind>区|州|县|旗)$")
# Plain suffixes whose removal leaves the everyday name (柳州市 -> 柳州, 阿里地区 -> 阿里).
SUFFIXES = ("特别行政区", "自治区", "地区", "林区", "省", "市", "区", "县", "盟", "旗")


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division: statistical code, name, level and path of names."""

    code: str
    name: str
    level: str
    parent: str | None
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameForm:
    """A way a division is written: its code, and whether the form is weak (needs context)."""

    code: str
    full: bool
    weak: bool


# A weak form that jieba's dictionary counts at least this often, and not as a place name
# (ns), is an everyday word (资源 17,453, 和平 7,998, 港口 2,904, 友谊 1,499, 会同 859) rather
# than a name (义乌 92, 怀柔 89, 墨脱 54; 潜江 and 武昌 are frequent but tagged ns): a place
# named elsewhere in the article is no evidence for it. On 300 新闻联播 transcripts, 广西,
# 辽宁, 天津 or 沈阳 in a story made 资源 资源县 152 times and 和平 a 和平区 274 times.
EVERYDAY_WORD_FREQ = 500
# Frequent forms jieba tags ns that news text mostly uses for something else: a sea, a
# mountain range, a lake, a region, a plain, a verb, a street and a carmaker (南海 in 南海局势,
# 天山 in 天山南北, 新建 in 新建项目, 长安 in 长安街 on 新闻联播 transcripts). Then words of
# policy and praise that jieba counts rarely, found read as counties in 474 新闻联播 transcripts
# because the county's province or city was named elsewhere (fifth session): 惠民利民政策,
# 乡村富民产业, 勠力同心, 绿水青山就是金山银山, 人不负青山, 江山多娇, 和平安宁, 兴业强村, 古城庙会,
# 牡丹社区, and their kind (爱民, 新民, 回民, 安居, 博爱, 天涯, 平和).
EVERYDAY_PLACE_WORDS = (
    *("南海", "天山", "太湖", "江南", "平原", "新建", "长安"),
    *("惠民", "富民", "同心", "金山", "青山", "江山", "安宁", "兴业", "古城", "牡丹"),
    *("爱民", "新民", "回民", "安居", "博爱", "天涯", "平和"),
)
EVERYDAY_FILE = "everyday_words.txt"


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """All divisions by code, their name forms, and an automaton that finds the forms.

    One Aho-Corasick automaton (ahocorasick-rs, Rust, contiguous NFA) over the 6,400 forms
    scans an average dev page leftmost-longest in about 0.1 ms; the regex over first
    characters and table of two-character prefixes it replaced took 0.17 ms with the
    selection of the leftmost-longest, and pyahocorasick's automaton, which reports every
    overlapping match, about 2 ms. It adds 25 ms and about 1.3 MB to building the gazetteer,
    once per process (a DFA scans a repeated page faster, but not inside `enrich`, and takes
    13 MB).
    """

    divisions: dict[str, Division]
    forms: dict[str, tuple[NameForm, ...]]
    names: tuple[str, ...]
    automaton: AhoCorasick
    everyday: frozenset[str] = frozenset()  # weak forms that are everyday words
    # Per form, derived once from `forms` instead of at each mention: forms whose every
    # reading is weak (柳南), and forms that count only as whole words (two characters: 和县,
    # or short forms only: 柳州).
    weak: frozenset[str] = field(init=False)
    word_only: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        items = self.forms.items()
        weak = frozenset(name for name, forms in items if all(f.weak for f in forms))
        word_only = frozenset(
            name for name, forms in items if len(name) <= 2 or not any(f.full for f in forms)
        )
        object.__setattr__(self, "weak", weak)  # frozen: set once, here
        object.__setattr__(self, "word_only", word_only)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, surface) of the name forms in `text`, leftmost-longest and without
        overlaps: at each place the longest form wins (柳州市 over 柳州), and the scan goes
        on after it."""
        names = self.names
        return [(s, e, names[i]) for i, s, e in self.automaton.find_matches_as_indexes(text)]

    def is_ancestor(self, upper: str, lower: str) -> bool:
        """True when division `upper` contains division `lower`."""
        return upper != lower and lower.startswith(upper)


def short_forms(name: str, level: str) -> list[str]:
    """Everyday forms of a division's name.

    广西壮族自治区 -> 广西; 黔东南苗族侗族自治州 -> 黔东南, 黔东南州; 柳州市 -> 柳州.
    """
    match = AUTONOMOUS.match(name)
    if match:
        base = match.group("base")
        return [base, base + "州"] if match.group("kind") == "州" else [base]
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []


def _rows(name: str) -> list[dict[str, str]]:
    source = resources.files("huibao") / "data" / "admin_divisions" / name
    return list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"))))


def _divisions() -> dict[str, Division]:
    divisions: dict[str, Division] = {}
    for row in _rows("provinces.csv"):
        divisions[row["code"]] = Division(
            row["code"], row["name"], "province", None, (row["name"],)
        )
    for level, filename, parent_key in (
        ("city", "cities.csv", "provinceCode"),
        ("county", "areas.csv", "cityCode"),
    ):
        for row in _rows(filename):
            parent = divisions[row[parent_key]]
            path = parent.path if row["name"] in PLACEHOLDERS else (*parent.path, row["name"])
            divisions[row["code"]] = Division(row["code"], row["name"], level, parent.code, path)
    return divisions


def _forms(divisions: dict[str, Division]) -> dict[str, list[NameForm]]:
    forms: dict[str, list[NameForm]] = {}
    for division in divisions.values():
        if division.name in PLACEHOLDERS:
            continue
        if division.name not in GENERIC_NAMES:  # 和县, 新县: two characters are often a word
            weak = len(division.name) <= 2
            forms.setdefault(division.name, []).append(NameForm(division.code, True, weak))
        weak = division.level == "county"
        for short in short_forms(division.name, division.level):
            forms.setdefault(short, []).append(NameForm(division.code, False, weak))
        if (match := AUTONOMOUS.match(division.name)) and match.group("kind") in "县旗":
            # An autonomous county is written with its kind and without its peoples: 民和县
            # for 民和回族土族自治县 (新闻联播 2023-12-21). The kind makes it a name as sure as
            # the full one (jieba cuts it 民和|县, so it cannot pass as one word).
            colloquial = match.group("base") + match.group("kind")
            forms.setdefault(colloquial, []).append(NameForm(division.code, True, False))
    return forms


@functools.cache
def gazetteer() -> Gazetteer:
    """The divisions and their name table, built on first use and kept for the process.

    Caching is safe: the data is immutable package data and the result is never mutated.
    """
    divisions = _divisions()
    forms = {name: tuple(items) for name, items in _forms(divisions).items() if len(name) >= 2}
    names = tuple(forms)
    automaton = AhoCorasick(
        names, matchkind=MatchKind.LeftmostLongest, implementation=Implementation.ContiguousNFA
    )
    source = resources.files("huibao") / "data" / "admin_divisions" / EVERYDAY_FILE
    everyday = frozenset(source.read_text(encoding="utf-8").split())
    return Gazetteer(divisions, forms, names, automaton, everyday)


def everyday_words(freq: int = EVERYDAY_WORD_FREQ) -> list[str]:
    """The weak forms that jieba's dictionary (shipped in the jieba package) counts at least
    `freq` times and does not tag ns, and those of EVERYDAY_PLACE_WORDS: the content of the
    package's everyday_words.txt, which a test keeps current.

    Made once and shipped, not read at run time: the dictionary has 349,000 lines.
    """
    import jieba  # type: ignore[import-untyped]

    weak = gazetteer().weak
    found = []
    path = resources.files(jieba) / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        word, count, tag = line.split()
        if word in weak and int(count) >= freq and tag != "ns":  # 潜江 ns is a name
            found.append(word)
    return sorted({*found, *(w for w in EVERYDAY_PLACE_WORDS if w in weak)})


def division(code: str) -> Division | None:
    """The division with statistical code `code` (2, 4 or 6 digits), or None."""
    return gazetteer().divisions.get(code)

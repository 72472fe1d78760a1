"""Bytes -> text for Chinese pages, where declared charsets often lie.

Why not just charset-normalizer or lxml's own sniffing: Chinese CMS pages declare
`gb2312` while using GBK-only characters (镕, 堃, 喆), declare `gb2312` while saved as
UTF-8 (several pages of GeneralNewsExtractor's test set), send `Content-Type: ...utf-8`
headers over GBK bytes, and carry a few broken bytes from truncated multi-byte sequences.
Statistical detectors misread short GBK as Big5. So the order here is: BOM, then valid UTF-8
(a GBK page is practically never valid UTF-8), then each declared label (header, meta)
tried by how cleanly it decodes, then a Chinese-aware guess among GB18030/Big5/UTF-8 scored by
common-character frequency, and only then a statistical detector for other scripts.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from huibao.extract.settings import ExtractSettings

# Labels that mean "some GB encoding": GB18030 is a superset of GB2312 and GBK, so decoding
# all of them as GB18030 keeps GBK-only characters (seen: 朱镕基 on a gb2312-labelled page).
GB_LABELS = frozenset(
    {
        "gb2312",
        "gbk",
        "gb_2312-80",
        "gb_2312",
        "x-gbk",
        "cp936",
        "ms936",
        "windows-936",
        "euc-cn",
        "csgb2312",
        "chinese",
        "iso-ir-58",
        "x-euc-cn",
        "gb18030",
        "hz-gb-2312",
    }
)
# WHATWG maps these to windows-1252; pages labelled latin-1 routinely use 0x80-0x9F.
LATIN1_LABELS = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"})
BIG5_LABELS = frozenset({"big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5"})

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"\x84\x31\x95\x33", "gb18030"),
)

# Matched against the lower-cased head: an IGNORECASE search of bytes tests every byte
# against a case-folded set, several times slower than finding the literal "<meta".
_META_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([a-z0-9_\-:.]{2,40})""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{2,40})""", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]{0,200}encoding\s*=\s*["']([a-z0-9_\-.]{2,40})""")
# (signal, pattern, a word every match holds, how far into a match that word can start)
_DECLARATIONS = (
    ("meta", _META_CHARSET, b"charset", len("<meta") + 400),
    ("meta", _XML_DECL, b"encoding", len("<?xml") + 200),
)

# The most frequent characters of Simplified and Traditional Chinese news text. A right
# decoding of a Chinese page is dense in these; a wrong one (GBK read as Big5 or the reverse)
# yields rare characters. Order does not matter.
COMMON_HANZI = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
    "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
    "都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各"
    "重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代"
    "想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接"
    "知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信记报告市省"
    "县镇村局委会警案区域记者日电讯网络新闻时间来源责任编辑发布"
    "們個這為來時說國會對後過還於經發現進開問與麼當從動體點實學業員長機將們關東車書門區產價"
)
_COMMON_CLASS = f"[{''.join(sorted(COMMON_HANZI))}]"
_COMMON_RUN = re.compile(_COMMON_CLASS + _COMMON_CLASS + "*")
MIN_SCORE_CHARS = 20  # fewer CJK characters than this and frequency scoring says nothing


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and the evidence that chose its encoding."""

    text: str
    encoding: str
    signal: str
    replaced: int = 0  # invalid byte sequences replaced with U+FFFD


def normalise_label(label: str) -> str | None:
    """A Python codec name for a declared charset label, or None when unknown."""
    name = label.strip().strip("\"'").lower()
    if name in GB_LABELS:
        return "gb18030"
    if name in LATIN1_LABELS:
        return "windows-1252"
    if name in BIG5_LABELS:
        return "big5hkscs"
    if name in {"utf8", "unicode-1-1-utf-8", "x-unicode20utf8"}:
        return "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charsets(data: bytes, headers: dict[str, str] | None) -> list[tuple[str, str]]:
    """(signal, codec) pairs from the Content-Type header and the page's own declarations."""
    found: list[tuple[str, str]] = []
    content_type = _header(headers, "content-type")
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        codec = normalise_label(m.group(1))
        if codec:
            found.append(("header", codec))
    head = data[:8192].lower()  # only ASCII letters change: labels are ASCII
    for signal, pattern, word, reach in _DECLARATIONS:
        # A match holds `word` at most `reach` bytes after its start: the search starts there,
        # not at every tag of the head (a <meta> tried at each of its characters).
        at = head.find(word)
        if at >= 0 and (found_label := pattern.search(head, max(0, at - reach))):
            codec = normalise_label(found_label.group(1).decode("ascii", "ignore"))
            if codec and (signal, codec) not in found:
                found.append((signal, codec))
    return found


def _header(headers: dict[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _count_errors(data: bytes, codec: str) -> tuple[str, int]:
    """Decode leniently; return the text and how many replacements were needed."""
    text = data.decode(codec, errors="replace")
    replaced = text.count("\ufffd")
    return text, max(0, replaced - _native_fffd(data)) if replaced else 0


def _native_fffd(data: bytes) -> int:
    """U+FFFD characters genuinely present in UTF-8 input (so they are not blamed on decoding)."""
    return data.count(b"\xef\xbf\xbd")


# Runs written as one character then any more ("[c][c]*", not "[c]+"): sre skips to the
# first character with its first-character scan in C (a `+` run is tried by the matcher at
# every position and cost twice as much on markup), and a run is one string, not one string
# per character (those cost more than the scan: 1.2 million instructions a page).
_CJK_CLASS = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_CJK_RUN = re.compile(_CJK_CLASS + _CJK_CLASS + "*")
SCORE_SAMPLE = 300  # CJK characters looked at: enough to tell GB from Big5 from garbage
SCORE_SCAN = 200_000  # characters of the page searched for them, in chunks of SCORE_CHUNK
SCORE_CHUNK = 512  # small enough that many chunks of markup, scripts and styles are ASCII


def hanzi_score(text: str) -> float:
    """Share of CJK characters that are common ones; -1 when there are too few to judge.

    The first SCORE_SAMPLE CJK characters of the page are found chunk by chunk; an ASCII
    chunk (`isascii` on the slice, in C) is skipped without the regex, which costs several
    times more per character: a GBK page's 300th CJK character often sits 20,000 characters
    in, after the styles and scripts of its head.
    """
    found: list[str] = []
    size = 0
    end = min(len(text), SCORE_SCAN)
    for start in range(0, end, SCORE_CHUNK):
        chunk = text[start : min(start + SCORE_CHUNK, end)]
        if chunk.isascii():
            continue
        runs = _CJK_RUN.findall(chunk)
        found += runs
        size += sum(map(len, runs))
        if size >= SCORE_SAMPLE:
            break  # the rest of the page cannot change the verdict much; stop scanning
    cjk = "".join(found)[:SCORE_SAMPLE]
    if len(cjk) < MIN_SCORE_CHARS:
        return -1.0
    return sum(map(len, _COMMON_RUN.findall(cjk))) / len(cjk)


def _utf8(data: bytes) -> str | None:
    """The text when `data` is valid UTF-8, else None."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _tolerable(errors: int, size: int) -> bool:
    """A few bad bytes (truncated sequences, a stray byte) do not disqualify an encoding."""
    return errors <= max(3, size // 2000)


PROBE_BYTES = 4096  # bytes decoded to see whether a codec can be tolerable at all
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _hopeless(data: bytes, codec: str) -> bool:
    """Whether `codec` has more errors in a window of `data` than the whole may have.

    The window starts at the first non-ASCII byte, where the whole decoding is between two
    characters too (every codec tried reads ASCII a byte at a time), so it holds the whole
    decoding's replacements there plus at most one for a sequence cut at its end; the
    U+FFFD bytes of the whole input are taken off as `_count_errors` does, and one more
    error is allowed for safety. Decoding the window costs a tenth of decoding a page in
    full: a page without a declared charset was decoded three times (GB18030, Big5, UTF-8).
    """
    first = _NON_ASCII.search(data)
    if first is None:
        return False
    window = data[first.start() : first.start() + PROBE_BYTES]
    errors = window.decode(codec, errors="replace").count("\ufffd") - _native_fffd(data)
    return not _tolerable(errors - 2, len(data))


def decode(
    data: bytes, headers: dict[str, str] | None = None, settings: ExtractSettings | None = None
) -> Decoded:
    """Decode page bytes; never raises, never drops the text for a few bad bytes."""
    settings = settings or ExtractSettings()
    for bom, codec in BOMS:
        if data.startswith(bom):
            text, errors = _count_errors(data[len(bom) :], codec)
            return Decoded(text, codec, "bom", errors)
    ascii_only = data.isascii()
    declared = declared_charsets(data, headers)
    if not ascii_only and (utf8 := _utf8(data)) is not None:
        signal = next((s for s, c in declared if c == "utf-8"), "utf-8-valid")
        return Decoded(utf8, "utf-8", signal)
    best: Decoded | None = None
    for signal, codec in declared:
        if codec == "utf-8" and not ascii_only:
            continue  # not valid UTF-8 (checked above): the label lies
        text, errors = _count_errors(data, codec)
        if _tolerable(errors, len(data)) and (best is None or errors < best.replaced):
            best = Decoded(text, codec, signal, errors)
            if errors == 0:
                break
    if best is not None and not _contradicted(best):
        return best
    return _guess(data, settings, best)


def _contradicted(decoded: Decoded) -> bool:
    """A declared GB/Big5 label whose text scores far worse than the other Chinese codec."""
    if decoded.encoding not in {"gb18030", "big5hkscs"}:
        return False
    return 0 <= hanzi_score(decoded.text) < 0.25


def _guess(data: bytes, settings: ExtractSettings, fallback: Decoded | None) -> Decoded:
    """Nothing trustworthy was declared: choose among Chinese codecs, then ask a detector."""
    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii", fallback.signal if fallback else "default")
    scored: list[tuple[float, int, Decoded]] = []
    for codec in ("gb18030", "big5hkscs", "utf-8"):
        if _hopeless(data, codec):
            continue
        text, errors = _count_errors(data, codec)
        if _tolerable(errors, len(data)):
            score = hanzi_score(text)
            scored.append(
                (
                    score - errors / max(1, len(data)),
                    -errors,
                    Decoded(text, codec, "detected", errors),
                )
            )
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    if scored and scored[0][0] >= 0.25:
        return scored[0][2]
    if len(data) >= settings.detect_min_bytes and (detected := _detector(data)) is not None:
        return detected
    if fallback is not None:
        return fallback
    if scored:
        return scored[0][2]
    text, errors = _count_errors(data, "gb18030")
    return Decoded(text, "gb18030", "default", errors)


def _detector(data: bytes) -> Decoded | None:
    """charset-normalizer, for non-Chinese pages only (it misreads short GBK as Big5)."""
    from charset_normalizer import from_bytes

    match = from_bytes(data[:200_000]).best()
    if match is None or match.encoding is None:
        return None
    codec = normalise_label(match.encoding) or match.encoding
    text, errors = _count_errors(data, codec)
    return Decoded(text, codec, "detected", errors)

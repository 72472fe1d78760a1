"""Numbers as Chinese official texts write them: 4321, 4,321, 134.9万亿, 三千余, 百分之六点二.

Python has no parser for Chinese numerals mixed with Arabic digits and 万/亿 multipliers, and
the ones on PyPI (cn2an and kin) are far slower than the few lines here, so we keep our own.
Values are exact (Decimal) until the final float.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# Small units inside a section and the section multipliers 万 and 亿 (万亿 = 10^12).
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_SECTIONS = {"万": 10**4, "亿": 10**8}
# Multipliers written after Arabic digits: 2万余元 (seed page), 134.9万亿元 (2025 work report),
# 1.2亿人次 (新闻联播). Longest first so 万亿 wins over 万. A bare 千 or 百 is left out: after
# digits it is almost always a unit's first character (3千米, 5千克, 2千瓦), not a multiplier.
MULTIPLIERS = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "万": 10**4,
}

# Lengths are capped: no real figure needs more, and a hostile run of digits or numerals must
# not make every match attempt scan to its end.
# Older work reports write the decimal point as a middle dot (全年增长19·5％, 1999).
ARABIC = r"\d{1,15}(?:,\d{3}){1,5}(?:[.·]\d{1,8})?(?![\d,])|\d{1,15}(?:[.·]\d{1,8})?"
CHINESE = r"[零〇一二两三四五六七八九十百千万亿]{1,16}(?:点[零〇一二三四五六七八九]{1,8})?"
MULTIPLIER = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
_CN_DIGIT_CHARS = re.compile(r"[零〇一二两三四五六七八九十]")


def parse_arabic(text: str) -> Decimal | None:
    """'4,321' -> 4321; '6.2' -> 6.2; None when it is not a number."""
    try:
        return Decimal(text.replace(",", "").replace("·", "."))
    except InvalidOperation:
        return None


def _section(text: str) -> int | None:
    """Value of a numeral without 万/亿 (三千二百零五 -> 3205, 十五 -> 15)."""
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0:  # two digits in a row: 二〇一一-style
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _integer(text: str) -> int | None:
    """Value of a whole Chinese numeral with 万/亿 sections (三千余 -> caller strips 余).

    Sections add up: 四亿零七百多万吨 is 4亿 + 700万 (the 1985 work report), and the part
    before 亿 may itself hold 万 (三万亿 = 3 × 10^12).
    """
    for mark in ("亿", "万"):
        if mark in text:
            head, _, rest = text.rpartition(mark)
            high = (_integer(head) if mark == "亿" else _section(head)) if head else 1
            low = _integer(rest) if rest else 0
            if high is None or low is None:
                return None
            return high * CN_SECTIONS[mark] + low
    return _section(text)


def parse_chinese(text: str) -> Decimal | None:
    """'三千' -> 3000; '两万' -> 20000; '六点二' -> 6.2; None when it is not a numeral."""
    if not text or not _CN_DIGIT_CHARS.search(text):
        return None  # 千万 / 百万 alone are words (千万不要), not numbers
    whole, _, frac = text.partition("点")
    value = _integer(whole) if whole else 0
    if value is None:
        return None
    if frac:
        if any(ch not in CN_DIGITS for ch in frac):
            return None
        return Decimal(value) + Decimal("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    return Decimal(value)


def parse_number(text: str, multiplier: str = "") -> float | None:
    """Value of an Arabic or Chinese numeral times an optional multiplier word."""
    if not text:
        return None
    scale = MULTIPLIERS.get(multiplier, 1)
    if 1 < scale < CN_SECTIONS["亿"] and not text[0].isdigit():
        head, mark, tail = text.rpartition("亿")
        if mark and tail:
            # 四亿零七百多万吨 (the 1985 work report): 万 scales only the part after 亿.
            high, low = parse_chinese(head + mark), parse_chinese(tail)
            if high is None or low is None:
                return None
            return float(high + low * scale)
    value = parse_arabic(text) if text[0].isdigit() else parse_chinese(text)
    if value is None:
        return None
    return float(value * scale)

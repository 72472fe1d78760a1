"""Which CJK faces this machine has, for charts (matplotlib), DOCX and PDF (fontconfig).

matplotlib keeps a font list cached from its first run; a CJK font installed afterwards
(`make demo` installs Debian's fonts-noto-cjk) is added here by scanning the system font
folders once, so charts never fall back to a face without Chinese glyphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from matplotlib import font_manager

from huibao.report.settings import HEADING_FONTS

# File names of CJK faces worth adding when matplotlib's cached list has none of a chain.
_CJK_FILE = re.compile(r"cjk|han|wqy|wenquanyi|uming|ukai|simsun|simhei|fang|song|hei", re.I)


def installed() -> set[str]:
    """Family names matplotlib can draw with."""
    return {f.name for f in font_manager.fontManager.ttflist}


def _add_system_cjk() -> None:
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known and _CJK_FILE.search(path):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue


def available(chain: Sequence[str]) -> list[str]:
    """The fonts of `chain` installed here, in order (rescanning once if none is)."""
    names = installed()
    if not any(name in names for name in chain):
        _add_system_cjk()
        names = installed()
    return [name for name in chain if name in names]


def pick(chain: Sequence[str]) -> str:
    """The first installed font of `chain`, or its first name when none is installed."""
    found = available(chain)
    return found[0] if found else chain[0]


def chart_fonts(chain: Sequence[str] = HEADING_FONTS) -> list[str]:
    """Font family list for matplotlib: installed CJK faces of `chain`, then DejaVu Sans."""
    return [*available(chain), "DejaVu Sans"]

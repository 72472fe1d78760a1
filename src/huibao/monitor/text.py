"""Text folding shared by matching and search: Traditional -> Simplified, full-width -> ASCII.

Both the query and the text are folded before they are compared, so 臺灣 finds 台湾 and
ＡＢＣ finds abc. The fold is character by character and never changes the length of a
string, so an offset found in the folded text is the same offset in the original (highlight
spans need this). That is why we read OpenCC's own `TSCharacters.txt` table (shipped with
opencc-python-reimplemented) into a `str.translate` table instead of calling
`OpenCC("t2s").convert`: the converter also rewrites phrases (which can change lengths) and is
about 100 times slower, too slow for matching 1,000 articles a second.

`str.translate` with that table costs ~0.3 µs a character (a dictionary lookup and an int
object per character: 0.4 ms for a 1,500-character article, the largest part of checking a
search candidate), so longer texts are folded as one numpy lookup over their UTF-32 code
points instead (~0.03 µs a character, same result).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import opencc  # type: ignore[import-untyped]


def _opencc_table() -> dict[int, int]:
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        first = simp.split(" ")[0] if simp else ""
        if len(trad) == 1 and len(first) == 1 and trad != first:
            table[ord(trad)] = ord(first)
    return table


def _width_table() -> dict[int, int]:
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！..～ -> !..~
    table[0x3000] = 0x20  # ideographic space
    table.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
    for code in range(ord("Ａ"), ord("Ｚ") + 1):
        table[code] = code - 0xFEE0 + 32
    return table


class Folder:
    """Folds text for comparison: `fold(s)` has the same length as `s`.

    Build one and reuse it (it holds a 4,000-entry table); it has no other state.
    """

    __slots__ = ("_bmp", "_table")

    #: Shorter texts are folded with `str.translate` (numpy's set-up costs more there).
    VECTOR_FROM = 64

    def __init__(self) -> None:
        table = _opencc_table()
        table.update(_width_table())
        self._table = table
        self._bmp = np.arange(0x10000, dtype=np.uint32)
        for code, to in table.items():
            if code < 0x10000:
                self._bmp[code] = to

    def fold(self, text: str) -> str:
        """Simplified, half-width, lower-case form of `text`, character for character."""
        if len(text) < self.VECTOR_FROM:
            return text.translate(self._table)
        try:
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:  # a lone surrogate (from surrogateescape decoding)
            return text.translate(self._table)
        if int(codes.max()) > 0xFFFF:  # beyond the BMP (CJK extension B...): rare
            return text.translate(self._table)
        return bytes(self._bmp[codes].data).decode("utf-32-le")

"""Real stories from the 新闻联播 corpus and reprints of them made with realistic edits.

The edits are the ones reprinting sites make (seen on the seed page's reprints and on the
sample network): a new headline, a trimmed ending, a changed number, an added 责任编辑 or
来源 line, an added lead (据央视新闻报道，...), a different template (paragraphs merged or
split, ASCII punctuation, full-width digits, stray spaces), or only page 1 of the text split
over two pages by length. Every reprint records the edits
made and, for a changed number, the old and new digits.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from huibao.connect.shingles import normalise

CORPUS = Path("/work/shared/corpora/xinwen-lianbo")
CST = timezone(timedelta(hours=8))
_TAG = re.compile(r"</?p>|<[^>]+>|\n")
_NUMBER = re.compile(r"(?<![\d.])\d{2,}(?![\d.])")


@dataclass(frozen=True)
class Text:
    """One article: a story of the corpus or a reprint of one."""

    key: str  # unique
    label: str  # the original story's key: texts sharing a label are reprints
    title: str
    paragraphs: tuple[str, ...]
    published: datetime
    edits: tuple[str, ...] = ()
    number: tuple[str, str] | None = None  # (old, new) when a number was changed
    number_at: str = ""  # the new number with the text just before it
    outlet: str = "央视网"

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


def stories(days: int | None = None, min_chars: int = 0) -> Iterator[Text]:
    """The corpus's stories in date order (distinct normalised texts only)."""
    seen: set[str] = set()
    files = sorted(CORPUS.glob("*.md"))
    for path in files[:days] if days else files:
        day = datetime.strptime(path.stem, "%Y%m%d").replace(hour=19, tzinfo=CST)
        text = path.read_text(encoding="utf-8")
        for n, chunk in enumerate(text.split("\n### ")[1:]):
            title, _, rest = chunk.partition("\n")
            paragraphs = tuple(p.strip() for p in _TAG.split(rest) if p.strip())
            norm = normalise("\n".join(paragraphs), 10**6)
            digest = hashlib.blake2b(norm.encode(), digest_size=16).hexdigest()
            if len(norm) < min_chars or digest in seen:
                continue
            seen.add(digest)
            key = f"{path.stem}-{n:02d}"
            yield Text(key, key, title.strip(), paragraphs, day + timedelta(minutes=n))


def _trim(t: list[str], rng: random.Random) -> list[str]:
    return t[: -rng.randint(1, max(1, len(t) // 4))] if len(t) >= 4 else t


def _first_page(t: list[str]) -> list[str]:
    """Page 1 of the text split over two pages by length (a CMS's 下一页)."""
    total, run = sum(map(len, t)), 0
    for k, p in enumerate(t):
        run += len(p)
        if run >= total / 2:
            return t[: max(1, k + 1 if run - total / 2 < len(p) / 2 else k)]
    return t


def _template(t: list[str], rng: random.Random) -> list[str]:
    out = []
    for p in t:
        p = p.replace("，", ", ").replace("。", ". ") if rng.random() < 0.5 else p
        p = re.sub(r"\d", lambda m: chr(ord(m.group()) + 0xFEE0), p) if rng.random() < 0.3 else p
        out.append("  " + p)
    if len(out) > 2 and rng.random() < 0.5:  # two paragraphs run together
        k = rng.randrange(len(out) - 1)
        out[k : k + 2] = [out[k] + out[k + 1]]
    return out


EDITS = ("headline", "trim", "number", "editor", "lead", "template", "page")


def reprint(original: Text, rng: random.Random, n: int, edits: tuple[str, ...]) -> Text:
    """A reprint of `original` at another outlet with `edits` made, published a bit later."""
    paragraphs = list(original.paragraphs)
    title, number, number_at = original.title, None, ""
    if "number" in edits:
        spots = [(k, m) for k, p in enumerate(paragraphs) for m in _NUMBER.finditer(p)]
        if spots:
            k, m = rng.choice(spots)
            new = str(int(m.group()) + rng.choice((1, 3, 10, 30, 100)))
            p = paragraphs[k]
            paragraphs[k] = p[: m.start()] + new + p[m.end() :]
            number = (m.group(), new)
            number_at = p[max(0, m.start() - 6) : m.start()] + new
    if "trim" in edits:
        paragraphs = _trim(paragraphs, rng)
    if "page" in edits:
        paragraphs = _first_page(paragraphs)
    if "lead" in edits:
        paragraphs[0] = (
            rng.choice(("据央视新闻报道，", "央视新闻消息：", "本报讯 ")) + paragraphs[0]
        )
    if "template" in edits:
        paragraphs = _template(paragraphs, rng)
    if "editor" in edits:
        paragraphs.append(rng.choice(("责任编辑：张晓", "（责任编辑：李明）", "来源：央视网")))
    if "headline" in edits:
        title = (
            rng.choice(("关注：", "重磅！", ""))
            + title.split("】")[-1]
            + rng.choice(("", "（图）"))
        )
    return Text(
        key=f"{original.key}/r{n}",
        label=original.label,
        title=title,
        paragraphs=tuple(paragraphs),
        published=original.published + timedelta(hours=rng.randint(1, 72)),
        edits=tuple(e for e in edits if e != "number" or number),
        number=number,
        number_at=number_at,
        outlet=f"转载网{rng.randint(1, 50)}",
    )


def random_edits(rng: random.Random) -> tuple[str, ...]:
    """1-3 edits; a page of a split article is not also trimmed (a CMS splits the whole)."""
    edits = set(rng.sample(EDITS, rng.randint(1, 3)))
    if {"page", "trim"} <= edits:
        edits.discard("trim")
    return tuple(sorted(edits))


@dataclass
class Built:
    originals: list[Text] = field(default_factory=list)
    reprints: list[Text] = field(default_factory=list)


def build(originals: list[Text], per_original: int, seed: int = 7) -> Built:
    """Reprints of each original (1..per_original of them, random edits, seeded)."""
    rng = random.Random(seed)
    built = Built(list(originals))
    for text in originals:
        for n in range(rng.randint(1, per_original)):
            built.reprints.append(reprint(text, rng, n, random_edits(rng)))
    return built

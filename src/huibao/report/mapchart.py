"""A map of China shaded by articles per province (matplotlib, from shipped outlines).

Provinces are matched by their two-digit division code (the report's place counts carry
it), so a province's name as written in an article never matters. The South China Sea is
drawn in an inset at the lower right, with the maritime boundary line, as maps of China
are printed. Only the `LABELS` provinces with most articles are labelled: the eastern
provinces are too small to label all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib import patheffects
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from huibao.report.chinamap import ChinaMap, Points, albers, load_map
from huibao.report.model import Count

LABELS = 8  # provinces labelled with their name and count
UNLABELLED = {"81", "82"}  # 香港, 澳门: a label would cover 广东's (their shade still shows)
EMPTY, EDGE, SEA_LINE = "#f2f2f2", "#8c8c8c", "#5b7fa8"
MAIN = ((73.0, 135.5), (17.5, 54.0))  # longitude and latitude ranges of the main map
INSET = ((106.0, 123.5), (2.5, 24.5))  # the South China Sea


def _limits(ax: Any, box: tuple[tuple[float, float], tuple[float, float]]) -> None:
    (w, e), (s, n) = box
    grid = np.array([(x, y) for x in np.linspace(w, e, 9) for y in np.linspace(s, n, 9)])
    xy = albers(grid)
    ax.set_xlim(xy[:, 0].min(), xy[:, 0].max())
    ax.set_ylim(albers(np.array([[(w + e) / 2, s]]))[0, 1], xy[:, 1].max())
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)


def _colours() -> ListedColormap:
    """Reds from a visible pink up: one article must not look like none."""
    return ListedColormap(matplotlib.colormaps["Reds"](np.linspace(0.15, 1.0, 256)))


def _shade(ax: Any, china: ChinaMap, counts: dict[str, int], norm: Normalize) -> None:
    cmap = _colours()
    rings: list[Points] = []
    colours: list[Any] = []
    for province in china.provinces:
        n = counts.get(province.code, 0)
        colour = cmap(norm(n)) if n else EMPTY
        rings += province.rings
        colours += [colour] * len(province.rings)
    ax.add_collection(PolyCollection(rings, facecolors=colours, edgecolors=EDGE, linewidths=0.3))
    ax.add_collection(LineCollection(china.lines, colors=SEA_LINE, linewidths=0.8))


def _labels(ax: Any, china: ChinaMap, counts: dict[str, int]) -> None:
    named = [c for c in counts if counts[c] and c not in UNLABELLED]
    top = sorted(named, key=lambda c: (-counts[c], c))[:LABELS]
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]  # readable on any red
    for province in china.provinces:
        if province.code in top:
            n = counts[province.code]
            ax.text(*province.label, f"{province.name}\n{n}", fontsize=6.5, ha="center",
                    va="center", color="#111111", linespacing=1.1, path_effects=halo)  # fmt: skip


def draw_china(provinces: Sequence[Count], width: float) -> Figure | None:
    """A choropleth of articles per province (None when no province has a code)."""
    counts: dict[str, int] = {}
    for row in provinces:
        if row.code:
            counts[row.code] = counts.get(row.code, 0) + row.count
    if not counts:
        return None
    china = load_map()
    norm = Normalize(0, max(counts.values()))
    fig = Figure(figsize=(width, width * 0.72))
    main = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    main.set_axis_off()
    _shade(main, china, counts, norm)
    _labels(main, china, counts)
    _limits(main, MAIN)
    inset = fig.add_axes((0.80, 0.02, 0.17, 0.30))
    _shade(inset, china, counts, norm)
    _limits(inset, INSET)
    for spine in inset.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.6)
    bar = fig.add_axes((0.04, 0.06, 0.25, 0.025))
    mappable = matplotlib.cm.ScalarMappable(norm=norm, cmap=_colours())
    fig.colorbar(mappable, cax=bar, orientation="horizontal", label="篇数")
    bar.grid(False)
    bar.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))  # counts: no 0.5
    return fig

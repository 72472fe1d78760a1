"""The map of China by province: shipped outlines, projection, simplification, the chart."""

from __future__ import annotations

import math

import numpy as np
import pytest

from huibao.report.charts import draw_charts
from huibao.report.chinamap import SHORT, albers, load_map
from huibao.report.mapchart import draw_china
from huibao.report.mapdata import simplify
from huibao.report.model import Count, ReportData


def test_every_province_ships_with_an_outline_and_a_label_inside_its_box() -> None:
    china = load_map()
    assert sorted(p.code for p in china.provinces) == sorted(SHORT)
    for province in china.provinces:
        points = np.vstack(province.rings)
        (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
        x, y = province.label
        assert x0 <= x <= x1 and y0 <= y <= y1, province.name
    assert china.lines  # the maritime boundary of the South China Sea inset


def test_albers_keeps_the_central_meridian_straight_and_north_up() -> None:
    xy = albers(np.array([[105.0, 20.0], [105.0, 50.0], [80.0, 40.0], [130.0, 40.0]]))
    assert xy[0, 0] == pytest.approx(0) and xy[1, 0] == pytest.approx(0)
    assert xy[1, 1] > xy[0, 1]
    assert xy[2, 0] == pytest.approx(-xy[3, 0])  # symmetric about 105°E


@pytest.mark.parametrize("tolerance", [0.01, 0.1, 1.0])
def test_simplify_keeps_the_ends_and_stays_within_tolerance(tolerance: float) -> None:
    t = np.linspace(0, math.pi, 400)
    ring = np.column_stack((t, np.sin(t) + 0.02 * np.sin(40 * t)))
    kept = simplify(ring, tolerance)
    assert (kept[0] == ring[0]).all() and (kept[-1] == ring[-1]).all()
    assert 2 <= len(kept) < len(ring)
    drop = np.interp(ring[:, 0], kept[:, 0], kept[:, 1])
    assert np.abs(drop - ring[:, 1]).max() <= tolerance * 1.5  # vertical vs perpendicular


def test_map_shades_provinces_by_code_and_labels_them() -> None:
    rows = [Count("广西壮族自治区", 12, "45"), Count("北京市", 3, "11"), Count("某地", 9, "")]
    fig = draw_china(rows, 6.0)
    assert fig is not None
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "广西\n12" in texts and "北京\n3" in texts
    assert not any("某地" in t for t in texts)  # no code: not on the map
    assert draw_china([Count("某地", 9, "")], 6.0) is None


def test_report_charts_include_the_map(seed_report: ReportData) -> None:
    assert any(c.code for c in seed_report.regions)
    charts = draw_charts(seed_report, 6.0, frozenset({"svg", "png"}))
    assert charts["china"].svg.startswith("<svg") and charts["china"].png[:4] == b"\x89PNG"

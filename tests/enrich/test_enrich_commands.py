"""`huibao enrich` through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from huibao.cli import main

REPORT = "今年1至6月10日，该分局辖区110接报警4321起，与去年同期相比下降6.2%，其中刑事案件2768起。"


def test_plain_text_report(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(main, ["enrich", str(path), "--date", "2011-08-21"])
    assert result.exit_code == 0, result.output
    assert "4321 起 110接报警 [2011-01-01..2011-06-10] 同比 -6.2%" in result.output
    assert "(part of #0)" in result.output


def test_json_output_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(main, ["enrich", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [f["value"] for f in data["figures"]] == [4321, 2768]
    assert data["figures"][0]["period"] is None  # no date given: nothing to resolve 今年 against


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["enrich", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "cannot read" in result.output
    assert "Traceback" not in result.output


def test_binary_input_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes("柳州".encode("gbk"))
    result = CliRunner().invoke(main, ["enrich", str(path)])
    assert result.exit_code != 0
    assert "not UTF-8" in result.output

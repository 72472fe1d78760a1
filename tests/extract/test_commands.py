"""`huibao extract` on files and stdin."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from huibao.cli import main
from tests.conftest import FIXTURES

SEED = FIXTURES / "pages" / "seed-liunan-gbk.html"


def test_json_output() -> None:
    result = CliRunner().invoke(main, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "柳南警方三大举措打造亲民公安新形象"
    assert data["source"] == "中国法制新闻网"
    assert data["published"].startswith("2011-08-21")


def test_jsonl_from_stdin_and_file() -> None:
    result = CliRunner().invoke(
        main, ["extract", "-", str(SEED), "--format", "jsonl"], input=SEED.read_bytes()
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0]) == json.loads(lines[1])


def test_markdown_and_text() -> None:
    md = CliRunner().invoke(main, ["extract", str(SEED), "--format", "markdown"])
    assert md.output.startswith("# 柳南警方三大举措打造亲民公安新形象")
    assert "- 来源: 中国法制新闻网" in md.output
    text = CliRunner().invoke(main, ["extract", str(SEED), "--format", "text"])
    assert "今年以来" in text.output


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.html")])
    assert result.exit_code != 0
    assert "cannot read" in result.output
    assert "Traceback" not in result.output


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["extract", "--help"])
    assert "Example:" in result.output

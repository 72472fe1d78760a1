"""`huibao report` through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from huibao.cli import main

from .conftest import SEED_WEEK


def test_report_writes_files_and_checks_them(sample_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["report", "--store", str(sample_db), "--period", SEED_WEEK, "--out", str(tmp_path)]
    result = runner.invoke(main, [*args, "--format", "md,json", "--json"])
    assert result.exit_code == 0, result.output
    files = json.loads(result.output)["files"]
    assert sorted(files) == ["json", "md"]
    assert "舆情周报" in Path(files["md"]).read_text("utf-8")
    checked = runner.invoke(main, ["report", "--store", str(sample_db), "--check", files["json"]])
    assert checked.exit_code == 0, checked.output
    assert "citations verified" in checked.output


def test_report_errors_are_clean_messages(sample_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["report", "--store", str(sample_db), "--out", str(tmp_path)]
    for extra, message in (
        (["--period", "next week"], "period"),
        (["--period", SEED_WEEK, "--format", "exe"], "unknown report format"),
        (["--period", SEED_WEEK, "--plan", "no such plan"], "no plan named"),
        (["--period", SEED_WEEK, "--template", "nope"], "template"),
    ):
        result = runner.invoke(main, base + extra)
        assert result.exit_code != 0
        assert message in result.output
        assert "Traceback" not in result.output


def test_check_fails_on_a_tampered_report(sample_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["report", "--store", str(sample_db), "--period", SEED_WEEK, "--out", str(tmp_path)]
    path = json.loads(runner.invoke(main, [*args, "--format", "json", "--json"]).output)["files"]
    data = json.loads(Path(path["json"]).read_text("utf-8"))
    data["citations"][0]["text"] = "伪造的句子"
    Path(path["json"]).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = runner.invoke(main, ["report", "--store", str(sample_db), "--check", path["json"]])
    assert result.exit_code == 1
    assert "changed" in result.output


def test_list_and_copy_templates(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = runner.invoke(main, ["report", "--list", "--out", str(tmp_path)])
    assert empty.exit_code == 0 and "no scheduled report" in empty.output
    copied = runner.invoke(main, ["report", "--copy-templates", str(tmp_path / "t")])
    assert copied.exit_code == 0
    assert (tmp_path / "t" / "briefing.html.j2").is_file()
    assert (tmp_path / "t" / "briefing.md.j2").is_file()


def test_help_ends_with_an_example() -> None:
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0
    assert "Example: huibao report" in result.output


def test_plan_report_counts_matches_against_all_articles(sample_db: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "plan.db"
    shutil.copy(sample_db, db)
    runner = CliRunner()
    added = runner.invoke(
        main,
        ["plan", "add", "柳南公安", "--place", "柳南", "--subject", "公安", "--store", str(db)],
    )
    assert added.exit_code == 0, added.output
    args = [
        "report",
        "--store",
        str(db),
        "--plan",
        "柳南公安",
        "--period",
        "2011-08-01..2011-08-31",
    ]
    result = runner.invoke(main, [*args, "--format", "json", "--out", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(Path(json.loads(result.output)["files"]["json"]).read_text("utf-8"))
    assert data["title"] == "柳南公安舆情周报"
    assert data["matches"] and all("柳南" in m["terms"] for m in data["matches"])
    for row in data["attention"]:
        assert row["matched"] <= row["total"]
        assert row["share"] == row["matched"] / row["total"]

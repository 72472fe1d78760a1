"""`huibao search` and `huibao plan ...` through the click runner against a temp store."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from huibao.cli import main
from huibao.model import Article
from huibao.store import Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "c.db"
    with Store.open(path) as store:
        for i, (title, body) in enumerate(
            [
                ("柳南区通报一起警情", "柳州市柳南区发生一起盗窃案。"),
                ("柳北区召开会议", "会议强调防汛。本文含广告。"),
                ("南宁市警情通报", "南宁市公安局通报警情。"),
            ]
        ):
            store.save_article(
                Article(
                    url=f"https://x.example.cn/{i}",
                    title=title,
                    body=body,
                    source="日报",
                    published=datetime(2011, 8, 1 + i, 4, tzinfo=UTC),
                )
            )
    return str(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_search_text_and_json(db: str) -> None:
    code, out = run("search", "警情 -南宁", "--store", db)
    assert code == 0 and "1 articles match" in out and "柳南区通报一起警情" in out
    code, out = run("search", "警情", "--store", db, "--format", "json")
    data = json.loads(out)
    assert data["total"] == 2 and data["exact"]
    assert {h["title"] for h in data["hits"]} == {"柳南区通报一起警情", "南宁市警情通报"}
    assert data["facets"]["source"] == [["日报", 2]]


def test_search_bad_query_is_a_clean_error(db: str) -> None:
    code, out = run("search", "(警情", "--store", db)
    assert code != 0
    assert "expected ')'" in out and "Traceback" not in out


def test_plan_lifecycle(db: str) -> None:
    code, out = run(
        "plan", "add", "柳州警情", "--place", "柳州", "--place", "柳南", "--event", "警情",
        "--event", "盗窃", "--exclude", "广告", "--store", db,
    )  # fmt: skip
    assert code == 0, out
    assert "(柳州 OR 柳南) AND (警情 OR 盗窃) AND NOT 广告" in out
    code, out = run("plan", "list", "--store", db, "--format", "json")
    assert [p["name"] for p in json.loads(out)] == ["柳州警情"]
    code, out = run("plan", "show", "柳州警情", "--store", db)
    assert "柳州、柳南" in out
    code, out = run("plan", "test", "柳州警情", "--store", db, "--format", "json")
    assert [h["title"] for h in json.loads(out)["hits"]] == ["柳南区通报一起警情"]
    code, out = run("plan", "rm", "柳州警情", "--store", db)
    assert code == 0
    code, out = run("plan", "show", "柳州警情", "--store", db)
    assert code != 0 and "no plan named" in out


def test_plan_with_bad_query_is_refused(db: str) -> None:
    code, out = run("plan", "add", "x", "--query", "a AND", "--store", db)
    assert code != 0 and "expected a term" in out
    assert json.loads(run("plan", "list", "--store", db, "--format", "json")[1]) == []


def test_help_ends_with_example() -> None:
    for args in (["search"], ["plan"], ["plan", "add"], ["plan", "test"], ["plan", "rm"]):
        code, out = run(*args, "--help")
        assert code == 0 and "Example: huibao" in out

"""Every setting has a help text, and docs/settings.md lists them all as the code says."""

from __future__ import annotations

from click.testing import CliRunner

from huibao.cli import main
from huibao.config import all_settings, documented, settings_markdown
from tests.conftest import ROOT


def test_every_setting_has_help() -> None:
    classes = all_settings()
    assert classes, "no settings classes found"
    for cls in classes:
        for name, _default, help_text in documented(cls):
            assert len(help_text) > 10, f"{cls.__name__}.{name} has no help text"


def test_settings_doc_is_current() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text("utf-8")
    assert doc == settings_markdown(), (
        "regenerate: huibao settings --format markdown > docs/settings.md"
    )


def test_settings_command() -> None:
    result = CliRunner().invoke(main, ["settings"])
    assert result.exit_code == 0
    assert "max_bytes" in result.output

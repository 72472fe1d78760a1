"""The command table: every command resolves, and start-up stays light."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from huibao.cli import COMMANDS, main


def test_every_listed_command_resolves_to_a_click_command_of_that_name() -> None:
    ctx = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        assert isinstance(command, click.Command)
        assert command.name == name


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in [*COMMANDS, "settings"]:
        assert f"  {name} " in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_importing_the_cli_does_not_import_the_heavy_stages() -> None:
    code = (
        "import sys, huibao.cli; "
        "print(sorted(m for m in ('matplotlib', 'sqlalchemy', 'jieba', 'weasyprint') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

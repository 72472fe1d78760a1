"""The `huibao` command line: one thin click command per task, each a single library call.

Stage command groups live beside their stage (`huibao.extract.commands`, ...) and are named
here, in one visible table, `COMMANDS`. They are imported only when run (or listed by
`--help`): `huibao extract` must not pay for matplotlib, SQLAlchemy and jieba, which other
stages import (about 1.6 s of a 2-core machine's start-up before this).
"""

from __future__ import annotations

import importlib

import click

from huibao import __version__
from huibao.config import all_settings, documented, settings_markdown

# name -> "module:attribute" of the click command, in the order `--help` lists them.
COMMANDS: dict[str, str] = {
    "extract": "huibao.extract.commands:extract_command",
    "enrich": "huibao.enrich.commands:enrich_command",
    "init": "huibao.discover.commands:init_command",
    "crawl": "huibao.discover.commands:crawl_command",
    "watch": "huibao.discover.commands:watch_command",
    "import": "huibao.discover.commands:import_command",
    "export": "huibao.discover.commands:export_command",
    "status": "huibao.discover.commands:status_command",
    "search": "huibao.monitor.commands:search_command",
    "plan": "huibao.monitor.commands:plan_group",
    "alerts": "huibao.monitor.alert_commands:alerts_group",
    "report": "huibao.report.commands:report_command",
    "story": "huibao.connect.commands:story_group",
}


class LazyGroup(click.Group):
    """A click group whose subcommands in `COMMANDS` are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        eager = [name for name in super().list_commands(ctx) if name not in COMMANDS]
        return [*COMMANDS, *sorted(eager)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="huibao")
def main() -> None:
    """huibao (汇报): discover, extract, enrich, monitor and report on Chinese news sites.

    Example: huibao extract page.html --format markdown
    """


@main.command("settings")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True
)
def settings_command(fmt: str) -> None:
    """List every setting of every stage with its default and meaning.

    Example: huibao settings --format markdown > docs/settings.md
    """
    if fmt == "markdown":
        click.echo(settings_markdown(), nl=False)
        return
    for cls in all_settings():
        click.echo(cls.__name__)
        for name, default, help_text in documented(cls):
            click.echo(f"  {name} = {default!r}\n      {help_text}")

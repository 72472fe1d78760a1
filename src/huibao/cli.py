"""The `huibao` command line: one thin click command per task, each a single library call.

Stage command groups live beside their stage (`huibao.extract.commands`, ...) and are added
to `main` here, in one visible list.
"""

from __future__ import annotations

import click

from huibao import __version__
from huibao.config import all_settings, documented, settings_markdown
from huibao.connect.commands import story_group
from huibao.discover import commands as discover_cli
from huibao.enrich.commands import enrich_command
from huibao.extract.commands import extract_command
from huibao.monitor.commands import plan_group, search_command
from huibao.report.commands import report_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="huibao")
def main() -> None:
    """huibao (汇报): discover, extract, enrich, monitor and report on Chinese news sites.

    Example: huibao extract page.html --format markdown
    """


main.add_command(extract_command)


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


main.add_command(enrich_command)
main.add_command(discover_cli.init_command)
main.add_command(discover_cli.crawl_command)
main.add_command(discover_cli.watch_command)
main.add_command(discover_cli.import_command)
main.add_command(discover_cli.export_command)
main.add_command(discover_cli.status_command)
main.add_command(search_command)
main.add_command(plan_group)
main.add_command(report_command)
main.add_command(story_group)

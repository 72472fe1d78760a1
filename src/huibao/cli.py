"""The `huibao` command line: one thin click command per task, each a single library call.

Stage command groups live beside their stage (`huibao.extract.commands`, ...) and are added
to `main` here, in one visible list.
"""

from __future__ import annotations

import click

from huibao import __version__
from huibao.extract.commands import extract_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="huibao")
def main() -> None:
    """huibao (汇报): discover, extract, enrich, monitor and report on Chinese news sites.

    Example: huibao extract page.html --format markdown
    """


main.add_command(extract_command)

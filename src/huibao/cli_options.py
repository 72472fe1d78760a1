"""Options and helpers the stage commands share: --store/--project, clean errors, the store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click

from huibao.errors import HuibaoError
from huibao.project import DEFAULT_FILE, load_project
from huibao.store import Store

FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
LIMIT = click.option("--limit", "-n", default=20, show_default=True, help="Hits to show.")


def store_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option(
        "--store", "store_url", help="Database path or URL (default: the project's)."
    )(fn)
    return click.option(
        "--project",
        "-p",
        "project_path",
        default=DEFAULT_FILE,
        envvar="HUIBAO_PROJECT",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Project file (also $HUIBAO_PROJECT).",
    )(fn)


def clean_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except HuibaoError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


@contextmanager
def open_store(store_url: str | None, project_path: Path) -> Iterator[Store]:
    """The store named by --store, else the project file's."""
    if store_url is None:
        if not project_path.is_file():
            raise click.ClickException(f"{project_path}: no project file; give --store PATH")
        store_url = load_project(project_path).store_url
    with Store.open(store_url) as store:
        yield store

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


def project_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--project",
        "-p",
        "project_path",
        default=DEFAULT_FILE,
        envvar="HUIBAO_PROJECT",
        show_default=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="Project file (also $HUIBAO_PROJECT).",
    )(fn)


def store_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option(
        "--store", "store_url", help="Database path or URL (default: the project's)."
    )(fn)
    return project_option(fn)


def errors_as_messages(
    missing: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A decorator turning huibao's own errors into one-line messages and a non-zero exit;
    with `missing` (a format string taking the key), a KeyError too."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except HuibaoError as exc:
                raise click.ClickException(str(exc)) from exc
            except KeyError as exc:
                if missing is None:
                    raise
                raise click.ClickException(missing.format(exc.args[0])) from exc

        return wrapper

    return decorate


clean_errors = errors_as_messages()


def store_url_of(store_url: str | None, project_path: Path) -> str:
    """The store named by --store, else the project file's."""
    if store_url:
        return store_url
    if not project_path.is_file():
        raise click.ClickException(f"{project_path}: no project file; give --store PATH")
    return load_project(project_path).store_url


@contextmanager
def open_store(store_url: str | None, project_path: Path) -> Iterator[Store]:
    """The store named by --store, else the project file's."""
    with Store.open(store_url_of(store_url, project_path)) as store:
        yield store

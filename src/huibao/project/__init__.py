"""The project file (`huibao.toml`): which sites to follow, and each stage's settings.

from huibao.project import load_project
project = load_project("huibao.toml")
for source in project.sources:
    print(source.name, source.entry_urls)
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from huibao.errors import ConfigError
from huibao.project.load import DEFAULT_FILE, load_project, parse_project
from huibao.project.spec import Listing, Project, SourceSpec


def example_text() -> str:
    """The commented example project file that `huibao init` writes."""
    return files("huibao.project").joinpath("example.toml").read_text(encoding="utf-8")


def write_example(path: str | Path, overwrite: bool = False) -> Path:
    """Write the example project file to `path` (a directory gets `huibao.toml`)."""
    target = Path(path)
    if target.is_dir():
        target = target / DEFAULT_FILE
    if target.exists() and not overwrite:
        raise ConfigError(f"{target} already exists (use --force to replace it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(example_text(), encoding="utf-8")
    return target


__all__ = [
    "DEFAULT_FILE",
    "Listing",
    "Project",
    "SourceSpec",
    "example_text",
    "load_project",
    "parse_project",
    "write_example",
]

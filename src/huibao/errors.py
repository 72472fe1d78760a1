"""Exceptions huibao raises on purpose, each with a message a user can act on.

HuibaoError
 ├── ExtractionError      a page could not be read as an article within the caps
 ├── ConfigError          a settings or project file is wrong (names the line and field)
 └── QueryError           a search or plan query does not parse (names the position)
"""

from __future__ import annotations


class HuibaoError(Exception):
    """Base class of every error huibao raises deliberately."""


class ExtractionError(HuibaoError):
    """The input cannot be read as an article (too large, too deep, took too long)."""


class ConfigError(HuibaoError):
    """A setting or project file is invalid."""


class QueryError(HuibaoError):
    """A query does not parse; `position` is the 0-based character offset of the problem."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.position = position

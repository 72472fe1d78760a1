"""The report stage's error (a `HuibaoError`, so commands print it as a clean message)."""

from __future__ import annotations

from huibao.errors import HuibaoError


class ReportError(HuibaoError):
    """A report cannot be written or checked (missing PDF engine, unreadable report file)."""

"""Fixtures of the monitor tests (defined in monitor_helpers, which tests import types from)."""

from monitor_helpers import receiver, smtp_server

__all__ = ["receiver", "smtp_server"]

"""Fixtures of the monitor tests (defined in monitor_helpers, which tests import types from;
the SMTP server is tests/mail.py, registered in tests/conftest.py)."""

from monitor_helpers import receiver

__all__ = ["receiver"]

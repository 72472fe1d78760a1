"""E-mail delivery over SMTP: a plain-text and an HTML part, Message-ID from the outbox key."""

from __future__ import annotations

import smtplib
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from huibao.monitor.alerts.outbox import OutboxMessage
from huibao.monitor.alerts.webhook import DeliveryError
from huibao.monitor.settings import MonitorSettings


def build_email(message: OutboxMessage, sender: str, now: datetime) -> EmailMessage:
    """The e-mail for `message`: payload keys `subject`, `text` and optional `html`."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.target
    mail["Subject"] = str(message.payload.get("subject", message.plan)).replace("\n", " ")
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = f"<{message.token}@huibao>"
    mail.set_content(str(message.payload.get("text", "")))
    if message.payload.get("html"):
        mail.add_alternative(str(message.payload["html"]), subtype="html")
    return mail


class MailSender:
    """Sends outbox messages of channel "email" through one SMTP server."""

    def __init__(self, settings: MonitorSettings | None = None) -> None:
        self.settings = settings or MonitorSettings()

    def __call__(self, message: OutboxMessage, now: datetime) -> None:
        """Send `message`; raises DeliveryError if the server refuses or cannot be reached."""
        mail = build_email(message, self.settings.mail_from, now)
        s = self.settings
        try:
            with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_s) as smtp:
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc

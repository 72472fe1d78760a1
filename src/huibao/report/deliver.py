"""Scheduled reports: make each one that is due, once, and e-mail it with its files.

`run_due` is what `huibao watch` calls on each turn of its loop (and `huibao report --due`
by hand). E-mail goes through the monitor's SMTP settings (`MonitorSettings.smtp_*`), with
the DOCX and PDF attached and a Message-ID derived from the schedule and period, so a
receiver can drop the duplicate that a crash between "sent" and "recorded" could cause.
"""

from __future__ import annotations

import hashlib
import mimetypes
import smtplib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from huibao.monitor.settings import MonitorSettings
from huibao.report.api import make_report, write_report
from huibao.report.gather import ReportRequest
from huibao.report.ledger import Entry, Ledger
from huibao.report.model import ReportData
from huibao.report.periods import parse_period
from huibao.report.schedule import ReportSchedule, due_run
from huibao.report.settings import ReportSettings
from huibao.store import Store

ATTACHED = ("docx", "pdf")  # formats sent as attachments; others stay on disk
MAX_SEND_ATTEMPTS = 5  # failed sends of one report before it is left as failed

Sender = Callable[[EmailMessage], None]


@dataclass(frozen=True, slots=True)
class RunResult:
    schedule: str
    period: str
    state: str  # produced, sent, failed, skipped (already done)
    files: tuple[str, ...] = ()
    detail: str = ""


def subject_of(data: ReportData) -> str:
    return f"{data.title}（{data.period.label()}）".replace("\n", " ")


def build_mail(
    schedule: ReportSchedule, made: Entry, files: Mapping[str, Path], sender: str, now: datetime
) -> EmailMessage:
    """The e-mail of one made report (`made` holds its subject and summary)."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = ", ".join(schedule.recipients)
    mail["Subject"] = made.extra.get("subject", schedule.name)
    mail["Date"] = format_datetime(now)
    key = f"{schedule.name}|{made.period}".encode()
    mail["Message-ID"] = f"<report-{hashlib.sha256(key).hexdigest()[:32]}@huibao>"
    listing = "附件：" + "、".join(files[f].name for f in ATTACHED if f in files)
    mail.set_content(made.extra.get("summary", "") + "\n\n" + listing)
    for fmt in ATTACHED:
        if fmt in files:
            kind = mimetypes.guess_type(files[fmt].name)[0] or "application/octet-stream"
            main, sub = kind.split("/", 1)
            body = files[fmt].read_bytes()
            mail.add_attachment(body, maintype=main, subtype=sub, filename=files[fmt].name)
    return mail


def smtp_sender(settings: MonitorSettings) -> Sender:
    """Send through the SMTP server of the monitor's settings."""

    def send(mail: EmailMessage) -> None:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_s
        ) as s:
            s.send_message(mail)

    return send


def _produce(
    store: Store, schedule: ReportSchedule, period_key: str, folder: Path, now: datetime,
    settings: ReportSettings, gazetteer: Mapping[str, Iterable[str]] | None,
) -> tuple[ReportData, dict[str, Path]]:  # fmt: skip
    request = ReportRequest(
        schedule.kind, parse_period(period_key), schedule.plan, schedule.query, schedule.title
    )
    data = make_report(store, request, now, settings, gazetteer=gazetteer)
    files = write_report(
        data, schedule.formats, folder / schedule.name, settings, schedule.template
    )
    return data, files


def _send(
    ledger: Ledger, schedule: ReportSchedule, made: Entry, send: Sender, mail_from: str,
    now: datetime,
) -> RunResult:  # fmt: skip
    files = {Path(f).suffix.lstrip("."): Path(f) for f in made.files}
    try:
        send(build_mail(schedule, made, files, mail_from, now))
    except (OSError, smtplib.SMTPException) as exc:
        detail = f"{type(exc).__name__}: {exc}"
        failed = replace(made, state="failed", at=now, detail=detail, attempts=made.attempts + 1)
        ledger.append(failed)
        return RunResult(schedule.name, made.period, "failed", made.files, detail)
    ledger.append(replace(made, state="sent", at=now, detail=""))
    return RunResult(schedule.name, made.period, "sent", made.files)


def run_schedule(
    store: Store, schedule: ReportSchedule, ledger: Ledger, now: datetime,
    settings: ReportSettings, send: Sender | None, mail_from: str,
    gazetteer: Mapping[str, Iterable[str]] | None = None,
) -> RunResult | None:  # fmt: skip
    """Make (once) and send the latest due run of `schedule`; None when none is due.

    A run already made is never made again: a failed e-mail is retried with the files
    made the first time (up to MAX_SEND_ATTEMPTS), a sent one is skipped.
    """
    due = due_run(schedule, now, settings.timezone)
    if due is None:
        return None
    key = due[1].key()
    made = ledger.state(schedule.name, key)
    nothing_to_send = not schedule.recipients or send is None
    if made is not None and (
        made.state == "sent" or made.attempts >= MAX_SEND_ATTEMPTS or nothing_to_send
    ):
        return RunResult(schedule.name, key, "skipped", made.files, f"already {made.state}")
    if made is None:
        data, files = _produce(store, schedule, key, ledger.folder, now, settings, gazetteer)
        extra = {"subject": subject_of(data), "summary": data.summary}
        names = tuple(str(p) for p in files.values())
        made = Entry(schedule.name, key, "produced", now, names, schedule.recipients, extra=extra)
        ledger.append(made)
    if send is None or not schedule.recipients:
        return RunResult(schedule.name, key, made.state, made.files)
    return _send(ledger, schedule, made, send, mail_from, now)


def run_due(
    store: Store,
    schedules: Sequence[ReportSchedule],
    folder: str | Path,
    now: datetime,
    settings: ReportSettings | None = None,
    monitor: MonitorSettings | None = None,
    *,
    send: Sender | None = None,
    gazetteer: Mapping[str, Iterable[str]] | None = None,
) -> list[RunResult]:
    """Make and e-mail every scheduled report that is due and not yet done (one lock held)."""
    s, m = settings or ReportSettings(), monitor or MonitorSettings()
    sender = send or smtp_sender(m)
    results = []
    with Ledger(folder).locked() as ledger:
        for schedule in schedules:
            result = run_schedule(store, schedule, ledger, now, s, sender, m.mail_from, gazetteer)
            if result is not None:
                results.append(result)
    return results

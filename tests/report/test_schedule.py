"""Scheduled reports: parsing, when each is due, made once, e-mailed with attachments."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from huibao.errors import ConfigError
from huibao.monitor.settings import MonitorSettings
from huibao.report import Ledger, ReportSchedule, due_run, parse_schedules, run_due
from huibao.report.model import Period
from huibao.store import Store
from tests.mail import Mailbox, free_port

ZONE = "Asia/Shanghai"
CST_8AM_MONDAY = datetime(2011, 8, 29, 0, 30, tzinfo=UTC)  # 08:30 in Beijing, a Monday


def weekly(**kw: Any) -> ReportSchedule:
    base: dict[str, Any] = {"name": "周报", "kind": "weekly", "recipients": ["a@example.cn"]}
    return parse_schedules([{**base, **kw}])[0]


def test_parse_schedules() -> None:
    (s,) = parse_schedules(
        [{"name": "周报", "kind": "weekly", "plan": "柳南公安", "at": "07:30", "weekday": 2,
          "formats": ["docx", "pdf"], "recipients": ["office@example.cn"]}]
    )  # fmt: skip
    assert (s.kind, s.plan, s.at, s.weekday, s.formats) == (
        "weekly", "柳南公安", time(7, 30), 2, ("docx", "pdf"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"kind": "weekly"}, "needs a name"),
        ({"name": "x", "kind": "hourly"}, "kind"),
        ({"name": "x", "kind": "special"}, "period"),
        ({"name": "x", "at": "25:00"}, "HH:MM"),
        ({"name": "x", "weekday": 8}, "weekday"),
        ({"name": "x", "recipients": ["not-an-address"]}, "e-mail"),
        ({"name": "x", "formats": ["exe"]}, "format"),
        ({"name": "x", "colour": "red"}, "unknown key"),
    ],
)
def test_bad_schedules_name_entry_and_key(entry: dict[str, Any], problem: str) -> None:
    with pytest.raises(ConfigError, match=problem) as caught:
        parse_schedules([entry])
    assert "reports[1]." in str(caught.value)


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(ConfigError, match="used twice"):
        parse_schedules([{"name": "x"}, {"name": "x"}])


def test_due_runs_cover_the_last_whole_period() -> None:
    monday_0830 = CST_8AM_MONDAY
    due, period = due_run(weekly(), monday_0830, ZONE) or (None, None)
    assert period == Period(date(2011, 8, 22), date(2011, 8, 28))
    assert due is not None and due.hour == 8
    # Before 08:00 on Monday, last week's run is the one due.
    early = monday_0830 - timedelta(hours=1)
    assert due_run(weekly(), early, ZONE)[1] == Period(date(2011, 8, 15), date(2011, 8, 21))  # type: ignore[index]
    daily = parse_schedules([{"name": "d", "kind": "daily"}])[0]
    assert due_run(daily, monday_0830, ZONE)[1] == Period(date(2011, 8, 28), date(2011, 8, 28))  # type: ignore[index]
    monthly = parse_schedules([{"name": "m", "kind": "monthly", "day": 3}])[0]
    assert due_run(monthly, monday_0830, ZONE)[1] == Period(date(2011, 7, 1), date(2011, 7, 31))  # type: ignore[index]
    special = parse_schedules(
        [{"name": "s", "kind": "special", "period": "2011-08-22..2011-09-04"}]
    )[0]
    assert due_run(special, monday_0830, ZONE) is None
    assert due_run(special, datetime(2011, 9, 5, 1, tzinfo=UTC), ZONE) is not None


def _monitor(box: Mailbox) -> MonitorSettings:
    return MonitorSettings(smtp_host="127.0.0.1", smtp_port=box.port, mail_from="huibao@test")


def test_due_report_is_made_once_and_mailed_with_attachments(
    sample_store: Store, smtp_server: Mailbox, tmp_path: Path
) -> None:
    schedules = [weekly(formats=["docx", "pdf", "html"])]
    first = run_due(
        sample_store, schedules, tmp_path, CST_8AM_MONDAY, monitor=_monitor(smtp_server)
    )
    assert [r.state for r in first] == ["sent"]
    (envelope,) = smtp_server.messages
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert envelope.rcpt_tos == ["a@example.cn"]
    names = sorted(p.get_filename() for p in mail.iter_attachments())
    assert [n.rsplit(".", 1)[1] for n in names] == ["docx", "pdf"]
    assert "舆情周报" in mail["Subject"]
    again = run_due(sample_store, schedules, tmp_path, CST_8AM_MONDAY + timedelta(hours=3),
                    monitor=_monitor(smtp_server))  # fmt: skip
    assert [r.state for r in again] == ["skipped"]
    assert len(smtp_server.messages) == 1
    states = [(e.schedule, e.period, e.state) for e in Ledger(tmp_path).entries()]
    assert states == [("周报", "2011-08-22..2011-08-28", s) for s in ("produced", "sent")]


def test_after_downtime_the_missed_run_is_made_once(sample_store: Store, tmp_path: Path) -> None:
    sent: list[EmailMessage] = []
    schedules = [weekly(formats=["html"])]
    three_weeks_later = CST_8AM_MONDAY + timedelta(days=21, hours=2)
    for hour in range(3):  # the watch loop turning several times after the restart
        run_due(sample_store, schedules, tmp_path, three_weeks_later + timedelta(hours=hour),
                send=sent.append)  # fmt: skip
    assert len(sent) == 1
    made = [e for e in Ledger(tmp_path).entries() if e.state == "produced"]
    assert [e.period for e in made] == ["2011-09-12..2011-09-18"]


def test_failed_mail_is_retried_with_the_same_files(
    sample_store: Store, smtp_server: Mailbox, tmp_path: Path
) -> None:
    down = MonitorSettings(smtp_host="127.0.0.1", smtp_port=free_port(), smtp_timeout_s=2)
    schedules = [weekly(formats=["html"])]
    failed = run_due(sample_store, schedules, tmp_path, CST_8AM_MONDAY, monitor=down)
    assert [r.state for r in failed] == ["failed"]
    later = CST_8AM_MONDAY + timedelta(minutes=10)
    retried = run_due(sample_store, schedules, tmp_path, later, monitor=_monitor(smtp_server))
    assert [r.state for r in retried] == ["sent"]
    assert retried[0].files == failed[0].files
    assert len(smtp_server.messages) == 1
    produced = [e for e in Ledger(tmp_path).entries() if e.state == "produced"]
    assert len(produced) == 1


def test_due_and_list_commands(sample_db: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from huibao.cli import main

    project = tmp_path / "huibao.toml"
    project.write_text(
        '[[reports]]\nname = "日报"\nkind = "daily"\nformats = ["md"]\n', encoding="utf-8"
    )
    runner = CliRunner()
    base = ["report", "-p", str(project), "--store", str(sample_db), "--out", str(tmp_path / "r")]
    first = runner.invoke(main, [*base, "--due"])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("produced 日报 ")
    second = runner.invoke(main, [*base, "--due"])
    assert second.output.startswith("skipped  日报 ")
    listed = runner.invoke(main, [*base, "--list", "--json"])
    assert [e["state"] for e in json.loads(listed.output)] == ["produced"]

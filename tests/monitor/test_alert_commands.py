"""Alert rules and delivery end to end: the CLI, a real HTTP receiver, a real SMTP server
(aiosmtpd), the Atom feed, quiet hours, digests and volume rules with an injected clock."""

from __future__ import annotations

import email
import json
import logging
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from monitor_helpers import Receiver
from tests.mail import Mailbox

from huibao.cli import main
from huibao.model import Article
from huibao.monitor import Monitor
from huibao.monitor.alerts import run_due, run_safely, verify
from huibao.monitor.alerts.sqlstore import StoreAlerts
from huibao.monitor.settings import MonitorSettings
from huibao.store import Store
from huibao.store import search as tables

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # 12:00 in Beijing
ATOM = "{http://www.w3.org/2005/Atom}"


def article(n: int, title: str, body: str = "") -> Article:
    return Article(url=f"https://x.example.cn/{n}", title=title, body=body, source="柳州日报")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    with Store.open(path) as store, store.transaction() as conn:
        definition = {"places": ["柳州", "柳南"], "events": ["警情"]}
        tables.save_plan(conn, "柳州警情", definition, NOW)
    return path


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


def local_env(smtp_port: int = 9) -> dict[str, str]:
    return {
        "HUIBAO_MONITOR_WEBHOOK_ALLOW_HOSTS": "127.0.0.1",
        "HUIBAO_MONITOR_SMTP_HOST": "127.0.0.1",
        "HUIBAO_MONITOR_SMTP_PORT": str(smtp_port),
        "HUIBAO_MONITOR_SMTP_TIMEOUT_S": "5",
    }


def ingest(path: Path, items: list[tuple[Article, int | None]], now: datetime) -> None:
    """What the pipeline does after the store: `Monitor(store)` with the stored rules."""
    with Store.open(path) as store:
        monitor = Monitor(store)
        for item, story in items:
            monitor.on_article(store.save_article(item), item, now, None, story)


def test_rule_commands_check_before_saving(db: Path) -> None:
    store = str(db)
    code, out = run(
        "plan", "alert", "add", "柳州警情", "--webhook", "http://10.1.2.3/h", "--store", store
    )
    assert code != 0 and "non-public address 10.1.2.3" in out and "Traceback" not in out
    code, out = run(
        "plan",
        "alert",
        "add",
        "柳州警情",
        "--email",
        "x@y.cn",
        "--subject",
        "{{ x",
        "--store",
        store,
    )
    assert code != 0 and "subject: alert template" in out
    code, out = run("plan", "alert", "add", "无此方案", "--email", "x@y.cn", "--store", store)
    assert code != 0 and "no plan named '无此方案'" in out
    code, out = run("plan", "alert", "list", "--store", store, "--format", "json")
    assert code == 0 and json.loads(out) == {}  # nothing was saved by the refused commands

    hook = ("--webhook", "http://127.0.0.1:8/h", "--secret", "s3cret")
    code, out = run("plan", "alert", "add", "柳州警情", *hook, "--quiet", "22:00-07:00", "--store", store,
                    env=local_env())  # fmt: skip
    assert code == 0, out
    code, out = run("plan", "alert", "add", "柳州警情", "--email", "a@example.cn", "--fixed", "20/1h",
                    "--store", store, env=local_env())  # fmt: skip
    assert code == 0, out
    assert "webhook http://127.0.0.1:8/h, email a@example.cn; quiet 22:00-07:00" in out
    code, out = run("plan", "alert", "show", "柳州警情", "--store", store, "--format", "json")
    shown = json.loads(out)
    assert shown["webhooks"] == [{"url": "http://127.0.0.1:8/h", "secret": "********"}]
    assert shown["fixed"] == {"count": 20, "window": "1h"} and "s3cret" not in out
    # replacing the plan's words keeps its rule; removing one channel keeps the others
    assert (
        run("plan", "add", "柳州警情", "--place", "柳州", "--event", "通报", "--store", store)[0]
        == 0
    )
    code, out = run("plan", "alert", "rm", "柳州警情", "a@example.cn", "--store", store)
    assert code == 0
    shown = json.loads(
        run("plan", "alert", "show", "柳州警情", "--store", store, "--format", "json")[1]
    )
    assert shown["emails"] == [] and len(shown["webhooks"]) == 1
    assert run("plan", "alert", "rm", "柳州警情", "--store", store)[0] == 0
    code, out = run("plan", "alert", "show", "柳州警情", "--store", store)
    assert code != 0 and "has no alert rule" in out


def test_ingest_to_webhook_email_and_feed(
    db: Path, receiver: Receiver, smtp_server: Mailbox, tmp_path: Path
) -> None:
    env = local_env(smtp_server.port)
    code, out = run(
        "plan", "alert", "add", "柳州警情", "--webhook", receiver.url, "--secret", "s3cret",
        "--email", "office@example.cn", "--atom", "--store", str(db), env=env,
    )  # fmt: skip
    assert code == 0, out
    ingest(
        db,
        [
            (article(1, "柳南区通报一起警情"), 1),
            (article(2, "柳南区通报一起警情（转载）"), 1),  # a reprint: counted, not sent
            (article(3, "柳州警情通报：交通"), 2),
            (article(4, "南宁天气"), 3),
        ],
        NOW,
    )
    code, out = run("alerts", "deliver", "--now", "2026-03-02T04:00:00", "--store", str(db),
                    "--format", "json", env=env)  # fmt: skip
    assert code == 0, out
    report = json.loads(out)
    assert (report["sent"], report["retrying"], report["dead"]) == (6, 0, 0)  # 2 stories × 3
    assert len(receiver.requests) == 2
    for headers, body in receiver.requests:
        assert verify("s3cret", headers["X-Huibao-Timestamp"], body, headers["X-Huibao-Signature"])
    assert {json.loads(b)["title"] for _, b in receiver.requests} == {
        "柳南区通报一起警情", "柳州警情通报：交通",
    }  # fmt: skip
    assert len(smtp_server.messages) == 2
    assert all(m.rcpt_tos == ["office@example.cn"] for m in smtp_server.messages)

    code, out = run("alerts", "list", "--store", str(db), "--format", "json")
    assert sorted(r["channel"] for r in json.loads(out)) == [
        "atom",
        "atom",
        "email",
        "email",
        "webhook",
        "webhook",
    ]
    assert {r["state"] for r in json.loads(out)} == {"sent"}
    code, out = run("alerts", "deliver", "--store", str(db), env=env)
    assert code == 0 and "sent 0" in out  # nothing twice

    feed_path = tmp_path / "feed.xml"
    assert run("plan", "feed", "柳州警情", "-o", str(feed_path), "--store", str(db))[0] == 0
    entries = ET.fromstring(feed_path.read_bytes()).findall(f"{ATOM}entry")
    titles = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}summary") for e in entries}
    assert set(titles) == {"柳南区通报一起警情", "柳州警情通报：交通"}
    assert "转载 2 篇" in titles["柳南区通报一起警情"]
    assert "转载" not in titles["柳州警情通报：交通"]


def test_failing_webhook_goes_to_dead_letters(db: Path, receiver: Receiver) -> None:
    receiver.fail_first = 100
    env = {**local_env(), "HUIBAO_MONITOR_WEBHOOK_MAX_ATTEMPTS": "2"}
    run("plan", "alert", "add", "柳州警情", "--webhook", receiver.url, "--store", str(db), env=env)
    ingest(db, [(article(1, "柳州警情"), 1)], NOW)
    code, out = run(
        "alerts", "deliver", "--now", "2026-03-02T04:00:00", "--store", str(db), env=env
    )
    assert code == 0 and "retrying 1" in out and "HTTP 500" in out
    code, out = run(
        "alerts", "deliver", "--now", "2026-03-02T05:00:00", "--store", str(db), env=env
    )
    assert "dead 1" in out
    code, out = run("alerts", "list", "--state", "dead", "--store", str(db))
    assert "0 sent, 0 pending, 1 dead" in out and "2 tries: DeliveryError: HTTP 500" in out
    assert len(receiver.requests) == 2


def test_quiet_hours_hold_messages_until_morning(db: Path, receiver: Receiver) -> None:
    run("plan", "alert", "add", "柳州警情", "--webhook", receiver.url, "--quiet", "22:00-07:00",
        "--store", str(db), env=local_env())  # fmt: skip
    night = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # 23:00 in Beijing
    ingest(db, [(article(1, "柳州警情"), 1)], night)
    settings = MonitorSettings(webhook_allow_hosts=("127.0.0.1",))
    with Store.open(db) as store:
        assert run_due(store, night + timedelta(hours=4), settings).sent == 0
        assert receiver.requests == []
        morning = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)  # 07:00 in Beijing
        assert run_due(store, morning, settings).sent == 1
    assert len(receiver.requests) == 1


def test_digest_sends_one_message_per_period(db: Path, smtp_server: Mailbox) -> None:
    run("plan", "alert", "add", "柳州警情", "--email", "office@example.cn", "--digest", "1h",
        "--store", str(db), env=local_env(smtp_server.port))  # fmt: skip
    settings = MonitorSettings(smtp_host="127.0.0.1", smtp_port=smtp_server.port)
    t0 = datetime(2026, 3, 2, 2, 5, tzinfo=UTC)  # 10:05 in Beijing
    ingest(db, [(article(1, "柳州警情一"), 1)], t0)
    ingest(
        db,
        [(article(2, "柳州警情二"), 2), (article(3, "柳州警情一（转载）"), 1)],
        t0 + timedelta(minutes=15),
    )
    with Store.open(db) as store:
        step = run_due(store, t0 + timedelta(minutes=25), settings)
        assert (step.queued, step.sent) == (0, 0)  # the hour is not over
        step = run_due(store, t0 + timedelta(minutes=56), settings)  # 11:01 in Beijing
        assert (step.queued, step.sent) == (1, 1)
        assert run_due(store, t0 + timedelta(minutes=58), settings).queued == 0
    (envelope,) = smtp_server.messages
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert "2 条新信息" in str(mail["Subject"])
    text = mail.get_body(("plain",)).get_content()
    assert "柳州警情一" in text and "柳州警情二" in text and "转载" not in text


def test_fixed_volume_rule_alerts_once_per_window(db: Path, receiver: Receiver) -> None:
    run("plan", "alert", "add", "柳州警情", "--webhook", receiver.url, "--fixed", "3/1h",
        "--store", str(db), env=local_env())  # fmt: skip
    settings = MonitorSettings(webhook_allow_hosts=("127.0.0.1",))
    ingest(db, [(article(n, f"柳州警情{n}"), n) for n in range(3)], NOW)
    with Store.open(db) as store:
        step = run_due(store, NOW + timedelta(minutes=1), settings)
        assert step.queued == 1 and step.sent == 4  # 3 stories + the volume alert
        assert run_due(store, NOW + timedelta(minutes=2), settings).queued == 0
    volume = [json.loads(b) for _, b in receiver.requests if b"rule" in b]
    assert len(volume) == 1 and volume[0]["count"] == 3


def test_project_file_rules_are_stored_by_deliver(db: Path, tmp_path: Path) -> None:
    project = tmp_path / "huibao.toml"
    project.write_text(
        f'[store]\nurl = "{db}"\n\n[[monitor.alerts]]\nplan = "柳州警情"\nemails = ["a@example.cn"]\n'
        'digest = "1d"\n\n[[monitor.alerts]]\nplan = "没有的方案"\nemails = ["b@example.cn"]\n',
        encoding="utf-8",
    )
    code, out = run("alerts", "deliver", "-p", str(project))
    assert code == 0 and "project rule not stored" in out and "没有的方案" in out
    code, out = run("plan", "alert", "show", "柳州警情", "-p", str(project), "--format", "json")
    assert json.loads(out)["emails"] == ["a@example.cn"] and json.loads(out)["digest"] == "1d"


def test_watch_hook_delivers_and_never_raises(
    db: Path, receiver: Receiver, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from huibao.discover.commands import _after_store

    project = tmp_path / "huibao.toml"
    project.write_text(
        f'[store]\nurl = "{db}"\n\n[monitor]\nwebhook_allow_hosts = ["127.0.0.1"]\n\n'
        f'[[monitor.alerts]]\nplan = "柳州警情"\nwebhooks = ["{receiver.url}"]\n',
        encoding="utf-8",
    )
    with Store.open(db) as store:
        assert run_safely(store, NOW, project) is not None  # stores the project's rule
        store.save_article(article(1, "柳南区通报一起警情", "柳州市柳南区公安分局通报警情。"))
        _after_store(store, project)()  # what `huibao watch` runs after each pass
        assert len(receiver.requests) == 1
        assert [m.state for m in StoreAlerts(store).messages()] == ["sent"]
        project.write_text("[monitor\n", encoding="utf-8")
        with caplog.at_level(logging.ERROR):
            assert run_safely(store, NOW, project) is None
        assert "alert step failed" in caplog.text


def test_help_of_alert_commands_ends_with_example() -> None:
    for args in (
        ["plan", "alert", "add"], ["plan", "alert", "list"], ["plan", "alert", "show"],
        ["plan", "alert", "rm"], ["plan", "feed"], ["alerts", "deliver"], ["alerts", "list"],
    ):  # fmt: skip
        code, out = run(*args, "--help")
        assert code == 0 and "Example: huibao" in out, args

"""Matching at ingest with the store: recorded matches, backfill, and a crash-safe outbox."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from monitor_helpers import Receiver

from huibao.model import Article
from huibao.monitor.alerts import (
    AlertRule,
    Channel,
    Dispatcher,
    Hit,
    WebhookSender,
    deliver_due,
)
from huibao.monitor.alerts.outbox import PENDING, SENT
from huibao.monitor.alerts.sqlstore import StoreAlerts
from huibao.monitor.ingest import Monitor
from huibao.monitor.settings import MonitorSettings
from huibao.store import Store
from huibao.store import search as tables

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
LOCAL = MonitorSettings(webhook_allow_hosts=("127.0.0.1",), webhook_timeout_s=30)


def article(n: int, body: str) -> Article:
    return Article(url=f"https://x.example.cn/{n}", title=f"第{n}条", body=body, source="日报")


def add_plan(store: Store, name: str, **definition: object) -> None:
    with store.transaction() as conn:
        tables.save_plan(conn, name, dict(definition), NOW)


def test_matches_are_recorded_and_reprints_alert_once(tmp_path: Path) -> None:
    with Store.open(tmp_path / "m.db") as store:
        add_plan(store, "柳州警情", places=["柳州"], events=["警情"], exclusions=["广告"])
        alerts = StoreAlerts(store)
        rule = AlertRule("柳州警情", channels=(Channel("webhook", "https://h.example.cn/x"),))
        monitor = Monitor(store, Dispatcher(alerts, {rule.plan: rule}))
        texts = ["柳州市发布警情通报。", "柳州警情（转载）", "柳州广告 警情", "南宁天气"]
        for n, body in enumerate(texts):
            article_id = store.save_article(article(n, body))
            story = 1 if n < 3 else None
            monitor.on_article(article_id, article(n, body), NOW, None, story)
        recorded = monitor.matches_of("柳州警情")
        assert sorted(terms for _, terms in recorded) == [["柳州", "警情"], ["柳州", "警情"]]
        assert len(alerts.messages()) == 1  # two matching reprints of story 1: one alert
        assert alerts.bump_story("柳州警情", "story:1", NOW) == 3  # (2 seen + this call)
        assert monitor.searcher.search("警情").total == 3  # indexed at ingest too
        assert monitor.searcher.index_pending(changed=False) == 0


def test_backfill_of_a_plan_added_later(tmp_path: Path) -> None:
    with Store.open(tmp_path / "b.db") as store:
        for n, body in enumerate(["柳南区警情", "柳北区会议", "柳南区会议"]):
            store.save_article(article(n, body))
        add_plan(store, "柳南", query="柳南")
        monitor = Monitor(store)
        assert monitor.backfill("柳南", NOW) == 2
        assert monitor.backfill("柳南", NOW) == 0  # already recorded
        assert len(monitor.matches_of("柳南")) == 2


WORKER = """
import sys
from datetime import datetime
from huibao.monitor.alerts import WebhookSender, deliver_due
from huibao.monitor.alerts.sqlstore import StoreAlerts
from huibao.monitor.settings import MonitorSettings
from huibao.store import Store
settings = MonitorSettings(webhook_allow_hosts=("127.0.0.1",), webhook_timeout_s=30)
store = Store.open(sys.argv[1])
deliver_due(StoreAlerts(store), {"webhook": WebhookSender({}, settings)},
            datetime.fromisoformat(sys.argv[2]), settings)
"""


def test_kill_9_while_sending_never_delivers_twice(tmp_path: Path, receiver: Receiver) -> None:
    """The worker dies after the receiver got the POST but before it recorded "sent".

    On restart the alert goes again with the same Idempotency-Key, so a receiver that
    keeps the keys it has seen (as the docs ask) acts on it exactly once.
    """
    receiver.hang_first_s = 5.0
    path = tmp_path / "k.db"
    with Store.open(path) as store:
        alerts = StoreAlerts(store)
        rule = AlertRule("p", channels=(Channel("webhook", receiver.url),))
        Dispatcher(alerts, {"p": rule}).on_match(Hit("p", "t", "u", story_id=1), NOW)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(path), NOW.isoformat()], env=env)
    deadline = time.monotonic() + 30
    while not receiver.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert receiver.requests, "the worker never posted"
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    with Store.open(path) as store:
        alerts = StoreAlerts(store)
        assert [m.state for m in alerts.messages()] == [PENDING]
        report = deliver_due(alerts, {"webhook": WebhookSender({}, LOCAL)}, NOW, LOCAL)
        assert report.sent == 1
        assert [m.state for m in alerts.messages()] == [SENT]
        assert deliver_due(alerts, {"webhook": WebhookSender({}, LOCAL)}, NOW, LOCAL).sent == 0
    keys = [headers["Idempotency-Key"] for headers, _ in receiver.requests]
    assert len(keys) == 2 and len(set(keys)) == 1

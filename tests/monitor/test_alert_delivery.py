"""Delivery against real local servers: signed webhooks, retries, dead letters, e-mail."""

from __future__ import annotations

import email
import json
from datetime import UTC, datetime, timedelta

import pytest
from monitor_helpers import Receiver
from tests.mail import Mailbox

from huibao.errors import ConfigError
from huibao.monitor.alerts import (
    AlertRule,
    Channel,
    DeliveryError,
    Dispatcher,
    Hit,
    MailSender,
    MemoryAlertStore,
    WebhookSender,
    check_url,
    deliver_due,
    verify,
)
from huibao.monitor.alerts.outbox import DEAD, SENT
from huibao.monitor.settings import MonitorSettings

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # 12:00 in Beijing
LOCAL = MonitorSettings(webhook_allow_hosts=("127.0.0.1",), retry_base_s=30, webhook_max_attempts=3)
HIT = Hit(
    "柳州警情", "柳南区通报一起警情 <b>", "http://example.cn/a", "柳州日报", None, ("警情",), 7
)


def queue(url: str) -> MemoryAlertStore:
    store = MemoryAlertStore()
    rule = AlertRule("柳州警情", channels=(Channel("webhook", url),))
    Dispatcher(store, {rule.plan: rule}).on_match(HIT, NOW)
    return store


def test_webhook_is_signed_json_with_idempotency_key(receiver: Receiver) -> None:
    store = queue(receiver.url)
    sender = WebhookSender({receiver.url: "s3cret"}, LOCAL)
    report = deliver_due(store, {"webhook": sender}, NOW, LOCAL)
    assert report.sent == 1
    ((headers, body),) = receiver.requests
    assert verify("s3cret", headers["X-Huibao-Timestamp"], body, headers["X-Huibao-Signature"])
    assert not verify("wrong", headers["X-Huibao-Timestamp"], body, headers["X-Huibao-Signature"])
    data = json.loads(body)
    assert data["title"] == HIT.title and data["matched"] == ["警情"] and data["story_size"] == 1
    assert headers["Idempotency-Key"] == store.messages()[0].token
    assert store.messages()[0].state == SENT


def test_retries_with_backoff_then_succeeds(receiver: Receiver) -> None:
    receiver.fail_first = 2
    store = queue(receiver.url)
    senders = {"webhook": WebhookSender({}, LOCAL)}
    assert deliver_due(store, senders, NOW, LOCAL).retrying == 1
    (message,) = store.messages()
    assert message.next_at == NOW + timedelta(seconds=30) and "HTTP 500" in message.last_error
    assert deliver_due(store, senders, NOW + timedelta(seconds=29), LOCAL).retrying == 0
    assert deliver_due(store, senders, NOW + timedelta(seconds=30), LOCAL).retrying == 1
    assert store.messages()[0].next_at == NOW + timedelta(seconds=90)  # 30 s, then 60 s
    assert deliver_due(store, senders, NOW + timedelta(seconds=90), LOCAL).sent == 1
    assert len(receiver.requests) == 3
    assert len({h["Idempotency-Key"] for h, _ in receiver.requests}) == 1


def test_dead_letter_after_max_attempts(receiver: Receiver) -> None:
    receiver.fail_first = 100
    store = queue(receiver.url)
    senders = {"webhook": WebhookSender({}, LOCAL)}
    when = NOW
    for _ in range(LOCAL.webhook_max_attempts):
        deliver_due(store, senders, when, LOCAL)
        when += timedelta(hours=2)
    (message,) = store.messages(DEAD)
    assert message.attempts == 3
    assert deliver_due(store, senders, when + timedelta(days=1), LOCAL).sent == 0
    assert len(receiver.requests) == 3


def test_unreachable_webhook_fails_cleanly() -> None:
    store = queue("http://127.0.0.1:9/hook")  # discard port: connection refused
    report = deliver_due(store, {"webhook": WebhookSender({}, LOCAL)}, NOW, LOCAL)
    assert report.retrying == 1
    assert "ConnectError" in store.messages()[0].last_error


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://192.168.1.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://0.0.0.0/x",
        "file:///etc/passwd",
        "gopher://example.cn/",
    ],
)
def test_private_and_odd_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigError):
        check_url(url)


def test_public_address_and_allow_list_pass() -> None:
    assert check_url("https://hooks.example.cn/x", resolve=lambda h, p: ["1.1.1.1"])
    with pytest.raises(ConfigError):
        check_url("https://evil.example/x", resolve=lambda h, p: ["8.8.8.8", "10.0.0.1"])
    assert check_url("http://127.0.0.1:8080/x", allow=("127.0.0.1",))


def test_refused_url_is_a_delivery_failure_not_a_request(receiver: Receiver) -> None:
    store = queue(receiver.url)
    sender = WebhookSender({}, MonitorSettings())  # nothing allow-listed
    with pytest.raises(DeliveryError, match="non-public"):
        sender(store.messages()[0], NOW)
    assert receiver.requests == []


def test_email_reaches_local_smtp_server(smtp_server: Mailbox) -> None:
    store = MemoryAlertStore()
    rule = AlertRule("柳州警情", channels=(Channel("email", "analyst@example.cn"),))
    Dispatcher(store, {rule.plan: rule}).on_match(HIT, NOW)
    settings = MonitorSettings(smtp_host="127.0.0.1", smtp_port=smtp_server.port)
    assert deliver_due(store, {"email": MailSender(settings)}, NOW, settings).sent == 1
    (envelope,) = smtp_server.messages
    assert envelope.rcpt_tos == ["analyst@example.cn"]
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert "柳南区通报一起警情" in str(mail["Subject"])
    html = mail.get_body(("html",)).get_content()
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert "警情" in mail.get_body(("plain",)).get_content()


def test_smtp_down_is_retried() -> None:
    store = MemoryAlertStore()
    rule = AlertRule("p", channels=(Channel("email", "a@example.cn"),))
    Dispatcher(store, {"p": rule}).on_match(Hit("p", "t", "u"), NOW)
    settings = MonitorSettings(smtp_host="127.0.0.1", smtp_port=9, smtp_timeout_s=2)
    assert deliver_due(store, {"email": MailSender(settings)}, NOW, settings).retrying == 1

"""Webhook delivery: a JSON POST signed with HMAC-SHA256 over the exact body bytes.

Headers a receiver checks (the shape GitHub and Stripe use, so receivers know it):
`X-Huibao-Signature: sha256=<hex HMAC of timestamp + "." + body>`, `X-Huibao-Timestamp`
(Unix seconds, to refuse replays) and `Idempotency-Key` (the outbox key, to drop duplicates).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime

import httpx

from huibao.monitor.alerts.netguard import check_url
from huibao.monitor.alerts.outbox import OutboxMessage
from huibao.monitor.settings import MonitorSettings

SIGNATURE_HEADER = "X-Huibao-Signature"
TIMESTAMP_HEADER = "X-Huibao-Timestamp"
KEY_HEADER = "Idempotency-Key"


class DeliveryError(Exception):
    """One delivery attempt failed (the worker retries it, then dead-letters it)."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value for `body` sent at `timestamp`."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    """True if `header` is the signature of `body` (for receivers and tests)."""
    return hmac.compare_digest(sign(secret, timestamp, body), header)


def body_of(message: OutboxMessage) -> bytes:
    """The JSON body sent for `message` (UTF-8, Chinese kept as is)."""
    return json.dumps(message.payload, ensure_ascii=False, sort_keys=True).encode()


def secret_key(plan: str, target: str) -> str:
    """The `WebhookSender.secrets` key of one plan's webhook (a plain URL key serves all)."""
    return f"{plan}\n{target}"


class WebhookSender:
    """Posts outbox messages of channel "webhook". `secrets` maps `secret_key(plan, url)`
    (or just the URL, for every plan) to the secret that signs the body."""

    def __init__(
        self,
        secrets: Mapping[str, str],
        settings: MonitorSettings | None = None,
        client: httpx.Client | None = None,
    ) -> None:
        self.settings = settings or MonitorSettings()
        self.secrets = secrets
        self.client = client or httpx.Client(
            timeout=self.settings.webhook_timeout_s, follow_redirects=False
        )

    def __call__(self, message: OutboxMessage, now: datetime) -> None:
        """POST `message`; raises DeliveryError on refusal, network error or non-2xx status."""
        try:
            check_url(message.target, self.settings.webhook_allow_hosts)
        except Exception as exc:
            raise DeliveryError(str(exc)) from exc
        body = body_of(message)
        stamp = str(int(now.timestamp()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            TIMESTAMP_HEADER: stamp,
            KEY_HEADER: message.token,
            "User-Agent": "huibao-alerts",
        }
        secret = self.secrets.get(secret_key(message.plan, message.target))
        secret = secret or self.secrets.get(message.target)
        if secret:
            headers[SIGNATURE_HEADER] = sign(secret, stamp, body)
        try:
            response = self.client.post(message.target, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"HTTP {response.status_code}")

    def close(self) -> None:
        self.client.close()

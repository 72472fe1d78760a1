"""Alerts: outbox, one alert per story, webhook/e-mail/Atom channels, volume rules."""

from huibao.monitor.alerts.atom import FeedEntry, atom_feed
from huibao.monitor.alerts.dispatch import Dispatcher, Hit, story_key
from huibao.monitor.alerts.mail import MailSender
from huibao.monitor.alerts.netguard import check_url
from huibao.monitor.alerts.outbox import AlertStore, MemoryAlertStore, OutboxMessage
from huibao.monitor.alerts.ruleconfig import rule_from_dict, rule_to_dict
from huibao.monitor.alerts.rules import AlertRule, Channel, quiet_until
from huibao.monitor.alerts.run import AlertRun, run_due, run_safely
from huibao.monitor.alerts.templates import Renderer, Templates
from huibao.monitor.alerts.volume import FixedRule, SpikeRule, VolumeAlert, check_fixed, check_spike
from huibao.monitor.alerts.webhook import DeliveryError, WebhookSender, sign, verify
from huibao.monitor.alerts.worker import Attempt, DeliveryReport, deliver_due

__all__ = [
    "AlertRule",
    "AlertRun",
    "AlertStore",
    "Attempt",
    "Channel",
    "DeliveryError",
    "DeliveryReport",
    "Dispatcher",
    "FeedEntry",
    "FixedRule",
    "Hit",
    "MailSender",
    "MemoryAlertStore",
    "OutboxMessage",
    "Renderer",
    "SpikeRule",
    "Templates",
    "VolumeAlert",
    "WebhookSender",
    "atom_feed",
    "check_fixed",
    "check_spike",
    "check_url",
    "deliver_due",
    "quiet_until",
    "rule_from_dict",
    "rule_to_dict",
    "run_due",
    "run_safely",
    "sign",
    "story_key",
    "verify",
]

"""Alert rules as data: what a user may write, and the clear errors for what they may not."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from huibao.errors import ConfigError
from huibao.monitor.alerts import Channel, rule_from_dict, rule_to_dict
from huibao.monitor.project import load_monitor_config


def public(host: str, port: int) -> list[str]:
    return ["1.1.1.1"]


FULL = {
    "webhooks": [{"url": "https://hooks.example.cn/h", "secret": "s3cret"}],
    "emails": ["office@example.cn"],
    "atom": True,
    "subject": "[{{plan}}] {{title}} ({{story_size}})",
    "quiet": "22:00-07:00",
    "timezone": "Asia/Shanghai",
    "digest": "1h",
    "fixed": {"count": 20, "window": "1h"},
    "spike": {"recent": "1d", "baseline": "14d", "factor": 2.5, "min_count": 3},
}


def test_full_rule_reads_and_round_trips() -> None:
    rule = rule_from_dict("柳州警情", FULL, resolve=public)
    assert rule.channels == (
        Channel("webhook", "https://hooks.example.cn/h", "s3cret"),
        Channel("email", "office@example.cn"),
        Channel("atom", "柳州警情"),
    )
    assert (rule.quiet_start, rule.quiet_end) == (time(22), time(7))
    assert rule.digest == timedelta(hours=1)
    assert rule.fixed is not None and rule.fixed.threshold == 20
    assert rule.spike is not None and rule.spike.baseline == timedelta(days=14)
    again = rule_from_dict("柳州警情", rule_to_dict(rule), resolve=public)
    assert again == rule
    assert rule_to_dict(rule, secrets=False)["webhooks"][0]["secret"] == "********"
    assert "s3cret" not in repr(rule)


@pytest.mark.parametrize(
    ("table", "field", "problem"),
    [
        ({"webhooks": ["http://10.0.0.7/h"]}, "webhooks", "non-public address 10.0.0.7"),
        ({"webhooks": ["http://169.254.169.254/x"]}, "webhooks", "non-public"),
        ({"webhooks": ["ftp://example.cn/h"]}, "webhooks", "http:// or https://"),
        ({"webhooks": [{"url": "https://a.cn", "token": "x"}]}, "webhooks", "url and secret"),
        ({"emails": ["a@b.cn\r\nBcc: x@y.cn"]}, "emails", "not one plain e-mail address"),
        ({"emails": ["张三 <a@b.cn>"]}, "emails", "not one plain e-mail address"),
        ({"subject": "{{ title"}, "subject", "alert template"),
        ({"text": "{{ title.__class__.__mro__ }}"}, "text", "alert template"),
        ({"html": "{% for x in %}"}, "html", "alert template"),
        ({"quiet": "25:00-07:00"}, "quiet", "22:00-07:00"),
        ({"quiet": "evening"}, "quiet", "22:00-07:00"),
        ({"digest": "soon"}, "digest", "duration"),
        ({"digest": -5}, "digest", "duration"),
        ({"fixed": {"count": 0, "window": "1h"}}, "fixed.count", ">= 1"),
        ({"fixed": {"count": 3, "window": "1h", "x": 1}}, "fixed", "unknown field"),
        ({"spike": {"recent": "1h"}}, "spike.baseline", "duration"),
        ({"timezone": "Mars/Olympus"}, "timezone", "unknown time zone"),
        ({"atom": "yes"}, "atom", "true or false"),
        ({"channel": "x"}, "channel", "unknown field"),
    ],
)
def test_bad_rules_are_refused_naming_the_field(table: dict, field: str, problem: str) -> None:
    with pytest.raises(ConfigError) as error:
        rule_from_dict("p", table, resolve=public)
    message = str(error.value)
    assert f"plan 'p', {field}:" in message and problem in message


def test_private_webhook_passes_when_allow_listed() -> None:
    rule = rule_from_dict("p", {"webhooks": ["http://127.0.0.1:8080/h"]}, allow=("127.0.0.1",))
    assert rule.channels == (Channel("webhook", "http://127.0.0.1:8080/h"),)
    with pytest.raises(ConfigError, match=r"non-public address 127\.0\.0\.1"):
        rule_from_dict("p", {"webhooks": ["http://127.0.0.1:8080/h"]})


def test_project_file_monitor_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huibao.toml"
    path.write_text(
        '[monitor]\nsmtp_host = "mail.example.cn"\nsmtp_port = 2525\n'
        'webhook_allow_hosts = ["10.0.0.5"]\n\n'
        '[[monitor.alerts]]\nplan = "柳州警情"\nemails = ["a@example.cn"]\nquiet = "22:00-07:00"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("HUIBAO_MONITOR_SMTP_PORT", "2626")
    config = load_monitor_config(path)
    assert config.settings.smtp_host == "mail.example.cn"
    assert config.settings.smtp_port == 2626  # the environment wins over the file
    assert config.settings.webhook_allow_hosts == ("10.0.0.5",)
    assert dict(config.rules) == {"柳州警情": {"emails": ["a@example.cn"], "quiet": "22:00-07:00"}}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[monitor]\nsmtp_port = -1\n", "monitor.smtp_port: must be a int >= 0"),
        ("[monitor]\nsmtp_hots = 'x'\n", "monitor.smtp_hots: unknown setting"),
        ("[[monitor.alerts]]\nemails = ['a@b.cn']\n", "monitor.alerts[1].plan"),
        ("[[monitor.alerts]]\nplan='a'\n[[monitor.alerts]]\nplan='a'\n", "has two rules"),
        ("[monitor\n", "cannot read"),
    ],
)
def test_project_file_errors_are_clear(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "huibao.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        load_monitor_config(path)

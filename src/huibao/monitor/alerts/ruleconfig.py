"""Alert rules as data: read (and check) them from JSON or TOML tables, write them back.

The same table shape is stored with a plan (`huibao plan alert add`) and written in the
project file (`[[monitor.alerts]]`):

    plan = "柳州警情"                      # project file only; the store keys rules by plan
    webhooks = [{url = "https://hooks.example.cn/huibao", secret = "s3cret"}]
    emails = ["office@example.cn"]
    atom = true                            # entries in the plan's Atom feed
    subject = "[{{plan}}] {{title}}"       # text, html: the other two templates
    quiet = "22:00-07:00"                  # local time in `timezone`
    timezone = "Asia/Shanghai"
    digest = "1h"                          # one message per hour instead of one per story
    fixed = {count = 20, window = "1h"}
    spike = {recent = "1h", baseline = "12h", factor = 3.0, min_count = 5}

Everything a user typed is checked here, before it is saved: webhook URLs must be http(s)
to public addresses (unless allow-listed), e-mail addresses one address without header
breaks, templates must compile and render in the sandbox, durations positive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import time, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from huibao.errors import ConfigError
from huibao.monitor.alerts.netguard import Resolver, check_url, resolve_host
from huibao.monitor.alerts.rules import AlertRule, Channel
from huibao.monitor.alerts.templates import Renderer, Templates
from huibao.monitor.alerts.volume import FixedRule, SpikeRule

KEYS = {"plan", "webhooks", "emails", "atom", "subject", "text", "html", "quiet", "timezone",
        "digest", "fixed", "spike"}  # fmt: skip
#: "90s", "30m", "2h", "14d" (a plain number is seconds), as in the project file's `interval`.
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
QUIET = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
#: One plain address: no display name, no list, nothing a mail header could break on.
ADDRESS = re.compile(r"^[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"']+$")
SAMPLE = {"plan": "p", "title": "标题", "url": "https://example.cn/a", "source": "新华社",
          "published": "2011-08-01T12:00:00+08:00", "matched": ["警情"], "story_id": 1,
          "story_size": 2}  # fmt: skip


class _Reader:
    """Reads one rule table for `plan`; every error names the plan and the field."""

    def __init__(self, plan: str, data: Mapping[str, Any]) -> None:
        self.plan, self.data = plan, data

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"alert rule of plan {self.plan!r}, {key}: {problem}")

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, "must be a string")
        return value

    def duration(self, key: str, value: Any) -> timedelta:
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return timedelta(seconds=value)
        found = DURATION.match(value) if isinstance(value, str) else None
        if found and float(found.group(1)) > 0:
            return timedelta(seconds=float(found.group(1)) * UNIT_SECONDS[found.group(2)])
        raise self.fail(key, f'{value!r}: use a duration such as "30m", "2h", "14d"')

    def table(self, key: str, known: set[str]) -> dict[str, Any] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise self.fail(key, f"must be a table with {', '.join(sorted(known))}")
        unknown = set(value) - known
        if unknown:
            raise self.fail(key, f"unknown field {sorted(unknown)[0]!r}")
        return dict(value)

    def number(self, key: str, value: Any, low: float, whole: bool = False) -> float:
        kinds = int if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or value < low:
            raise self.fail(key, f"must be a {'whole ' if whole else ''}number >= {low:g}")
        return float(value)


def _webhooks(r: _Reader, allow: Sequence[str], resolve: Resolver | None) -> list[Channel]:
    raw = r.data.get("webhooks", [])
    if not isinstance(raw, list):
        raise r.fail("webhooks", "must be a list of {url, secret} tables")
    found = []
    for item in raw:
        entry = {"url": item} if isinstance(item, str) else item
        if not isinstance(entry, Mapping) or set(entry) - {"url", "secret"}:
            raise r.fail("webhooks", "each webhook is a URL or a table with url and secret")
        url, secret = entry.get("url"), entry.get("secret", "")
        if not isinstance(url, str) or not isinstance(secret, str):
            raise r.fail("webhooks", "url and secret must be strings")
        try:
            host = urlsplit(url.strip()).hostname or ""
            check_url(url.strip(), (*allow, host) if resolve is None else allow, resolve or _none)
        except ConfigError as exc:
            raise r.fail("webhooks", str(exc)) from exc
        found.append(Channel("webhook", url.strip(), secret))
    return found


def _none(host: str, port: int) -> list[str]:
    return []


def _emails(r: _Reader) -> list[Channel]:
    raw = r.data.get("emails", [])
    raw = [raw] if isinstance(raw, str) else raw
    if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
        raise r.fail("emails", "must be a list of addresses")
    for address in raw:
        if not ADDRESS.match(address.strip()):
            raise r.fail("emails", f"{address!r} is not one plain e-mail address")
    return [Channel("email", a.strip()) for a in raw]


def _quiet(r: _Reader) -> tuple[time | None, time | None]:
    value = r.text("quiet")
    if not value:
        return None, None
    found = QUIET.match(value)
    hours = (int(found.group(1)), int(found.group(3))) if found else (99, 99)
    minutes = (int(found.group(2)), int(found.group(4))) if found else (99, 99)
    if max(hours) > 23 or max(minutes) > 59:
        raise r.fail("quiet", f'{value!r}: write a local time span such as "22:00-07:00"')
    return time(hours[0], minutes[0]), time(hours[1], minutes[1])


def _templates(r: _Reader) -> Templates:
    given = {k: r.text(k) for k in ("subject", "text", "html")}
    templates = Templates(**{k: v for k, v in given.items() if v is not None})
    renderer = Renderer()
    for key in ("subject", "text", "html"):
        try:
            renderer.render(getattr(templates, key), SAMPLE, html=key == "html")
        except ConfigError as exc:
            raise r.fail(key, str(exc)) from exc
    return templates


def _volume(r: _Reader) -> tuple[FixedRule | None, SpikeRule | None]:
    fixed = r.table("fixed", {"count", "window"})
    spike = r.table("spike", {"recent", "baseline", "factor", "min_count"})
    made_fixed = made_spike = None
    if fixed is not None:
        count = int(r.number("fixed.count", fixed.get("count"), 1, whole=True))
        made_fixed = FixedRule(count, r.duration("fixed.window", fixed.get("window")))
    if spike is not None:
        recent = r.duration("spike.recent", spike.get("recent"))
        baseline = r.duration("spike.baseline", spike.get("baseline"))
        factor = r.number("spike.factor", spike.get("factor", 3.0), 1.0)
        least = int(r.number("spike.min_count", spike.get("min_count", 5), 1, whole=True))
        made_spike = SpikeRule(recent, baseline, factor, least)
    return made_fixed, made_spike


def rule_from_dict(
    plan: str,
    data: Mapping[str, Any],
    allow: Sequence[str] = (),
    resolve: Resolver | None = resolve_host,
) -> AlertRule:
    """The `AlertRule` a table describes; ConfigError (naming plan and field) if it is wrong.

    `allow` is `MonitorSettings.webhook_allow_hosts`; `resolve` looks webhook hosts up.
    With `resolve=None` only the form of webhook URLs is checked: for rules read back from
    the store, which were checked when saved (`WebhookSender` checks the address again,
    with the settings of the process that sends, before every request).
    """
    r = _Reader(plan, data)
    unknown = set(data) - KEYS
    if unknown:
        raise r.fail(sorted(unknown)[0], f"unknown field (known: {', '.join(sorted(KEYS))})")
    atom = data.get("atom", False)
    if not isinstance(atom, bool):
        raise r.fail("atom", "must be true or false")
    channels = [*_webhooks(r, allow, resolve), *_emails(r)]
    channels += [Channel("atom", plan)] if atom else []
    zone = r.text("timezone") or "Asia/Shanghai"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise r.fail("timezone", f"unknown time zone {zone!r}") from exc
    quiet_start, quiet_end = _quiet(r)
    digest = r.data.get("digest")
    fixed, spike = _volume(r)
    return AlertRule(
        plan,
        channels=tuple(dict.fromkeys(channels)),
        templates=_templates(r),
        quiet_start=quiet_start,
        quiet_end=quiet_end,
        digest=r.duration("digest", digest) if digest not in (None, "") else None,
        timezone=zone,
        fixed=fixed,
        spike=spike,
    )


def _span(delta: timedelta) -> str:
    seconds = delta.total_seconds()
    for unit in ("d", "h", "m"):
        if seconds >= UNIT_SECONDS[unit] and seconds % UNIT_SECONDS[unit] == 0:
            return f"{seconds / UNIT_SECONDS[unit]:g}{unit}"
    return f"{seconds:g}s"


def rule_to_dict(rule: AlertRule, secrets: bool = True) -> dict[str, Any]:
    """The table for `rule` (what is stored); `secrets=False` masks webhook secrets."""
    hooks = [
        {"url": c.target, "secret": c.secret if secrets or not c.secret else "********"}
        for c in rule.channels
        if c.kind == "webhook"
    ]
    data: dict[str, Any] = {
        "webhooks": hooks,
        "emails": [c.target for c in rule.channels if c.kind == "email"],
        "atom": any(c.kind == "atom" for c in rule.channels),
        "timezone": rule.timezone,
    }
    defaults = Templates()
    for key in ("subject", "text", "html"):
        if getattr(rule.templates, key) != getattr(defaults, key):
            data[key] = getattr(rule.templates, key)
    if rule.quiet_start is not None and rule.quiet_end is not None:
        data["quiet"] = f"{rule.quiet_start:%H:%M}-{rule.quiet_end:%H:%M}"
    if rule.digest is not None:
        data["digest"] = _span(rule.digest)
    if rule.fixed is not None:
        data["fixed"] = {"count": rule.fixed.threshold, "window": _span(rule.fixed.window)}
    if rule.spike is not None:
        s = rule.spike
        data["spike"] = {"recent": _span(s.recent), "baseline": _span(s.baseline),
                         "factor": s.factor, "min_count": s.min_count}  # fmt: skip
    return data

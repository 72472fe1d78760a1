"""Alert logic without servers: one alert per story, quiet hours, digests, volume, templates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time, timedelta

import pytest

from huibao.errors import ConfigError
from huibao.monitor.alerts import (
    AlertRule,
    Channel,
    Dispatcher,
    FeedEntry,
    FixedRule,
    Hit,
    MemoryAlertStore,
    Renderer,
    SpikeRule,
    Templates,
    atom_feed,
    check_fixed,
    check_spike,
    quiet_until,
)

NOW = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # 12:00 in Beijing
HOOK = Channel("webhook", "https://hooks.example.cn/x")
MAIL = Channel("email", "a@example.cn")


def dispatcher(**rule: object) -> tuple[Dispatcher, MemoryAlertStore]:
    store = MemoryAlertStore()
    made = AlertRule("p", channels=(HOOK, MAIL), **rule)  # type: ignore[arg-type]
    return Dispatcher(store, {"p": made}), store


def hit(url: str, story: str | int | None) -> Hit:
    return Hit("p", f"标题 {url}", url, "新华社", None, ("警情",), story)


def test_one_alert_per_story_and_reprints_count() -> None:
    d, store = dispatcher()
    assert len(d.on_match(hit("http://a.cn/1", 5), NOW)) == 2  # webhook + e-mail
    assert d.on_match(hit("http://b.cn/reprint", 5), NOW) == []
    assert d.on_match(hit("http://c.cn/reprint", 5), NOW) == []
    assert store.stories[("p", "story:5")] == 3
    assert len(store.messages()) == 2


def test_articles_without_story_are_stories_of_their_own() -> None:
    d, store = dispatcher()
    d.on_match(hit("http://a.cn/1", None), NOW)
    d.on_match(hit("http://a.cn/2", None), NOW)
    d.on_match(hit("http://a.cn/1", None), NOW)  # the same article seen again
    assert len(store.messages()) == 4


def test_rerun_after_crash_does_not_queue_twice() -> None:
    d, store = dispatcher()
    first = d.on_match(hit("http://a.cn/1", 9), NOW)
    store.stories.clear()  # as if the story counter was lost but the outbox kept
    assert d.on_match(hit("http://a.cn/1", 9), NOW) == []
    assert store.messages() == first


def test_quiet_hours_delay_not_drop() -> None:
    d, store = dispatcher(quiet_start=time(22, 0), quiet_end=time(7, 30))
    night = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # 23:00 in Beijing
    (message, _) = d.on_match(hit("http://a.cn/1", 1), night)
    assert message.next_at == datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # 07:30 next day
    assert store.due(night, 10) == []


@pytest.mark.parametrize(
    ("start", "end", "utc_hour", "quiet"),
    [
        (22, 7, 15, True),
        (22, 7, 22, True),
        (22, 7, 23, False),
        (22, 7, 0, False),
        (12, 14, 4, True),
        (12, 14, 6, False),
    ],
)
def test_quiet_until(start: int, end: int, utc_hour: int, quiet: bool) -> None:
    rule = AlertRule("p", quiet_start=time(start), quiet_end=time(end))
    at = datetime(2026, 3, 2, utc_hour, tzinfo=UTC)
    release = quiet_until(rule, at)
    assert (release is not None) is quiet
    if release:
        assert release > at and release.astimezone(UTC).hour == (end - 8) % 24


def test_digest_sends_one_message_per_period() -> None:
    d, _ = dispatcher(digest=timedelta(hours=1))
    for i in range(5):
        assert d.on_match(hit(f"http://a.cn/{i}", i), NOW) == []
    messages = d.flush_digest("p", NOW + timedelta(hours=1))
    assert len(messages) == 2
    assert "5 条" in messages[0].payload["subject"]
    assert messages[0].payload["text"].count("\n   http://a.cn/") == 5
    assert d.flush_digest("p", NOW + timedelta(hours=2)) == []


def test_fixed_and_spike_rules() -> None:
    times = [NOW - timedelta(minutes=m) for m in range(0, 50, 5)]  # 10 in the last hour
    assert check_fixed(FixedRule(10, timedelta(hours=1)), times, NOW) is not None
    assert check_fixed(FixedRule(11, timedelta(hours=1)), times, NOW) is None
    hourly = SpikeRule(timedelta(hours=1), timedelta(hours=12))
    baseline = [NOW - timedelta(hours=h, minutes=30) for h in range(1, 13)]  # 1 an hour
    spike = check_spike(hourly, times + baseline, NOW)
    assert spike is not None and spike.count == 10 and spike.expected == pytest.approx(1.0)
    busy = [NOW - timedelta(hours=h, minutes=m) for h in range(1, 13) for m in (10, 30, 50, 55)]
    assert check_spike(hourly, times + busy, NOW) is None  # 10 vs 4 an hour: not 3x
    assert check_spike(hourly, times[:3], NOW) is None  # under min_count


def test_volume_alert_once_per_window() -> None:
    d, store = dispatcher()
    rule = FixedRule(3, timedelta(hours=1))
    times = [NOW - timedelta(minutes=m) for m in range(5)]
    for minute in range(0, 30, 5):
        now = NOW + timedelta(minutes=minute)
        alert = check_fixed(rule, times, now)
        assert alert is not None
        d.on_volume("p", alert, now)
    assert len(store.messages()) == 2  # one webhook + one e-mail for this hour


def test_templates_escape_html_and_are_sandboxed() -> None:
    r = Renderer()
    values = {"title": "<script>x</script>", "matched": ["a"], "story_size": 2}
    assert "&lt;script&gt;" in r.render("{{title}}", values, html=True)
    assert r.render("{{title}}", values) == "<script>x</script>"
    with pytest.raises(ConfigError):
        r.render("{{ title.__class__.__mro__[1].__subclasses__() }}", values)
    with pytest.raises(ConfigError):
        r.check("{% for %}")


def test_user_template_is_used() -> None:
    d, _ = dispatcher(templates=Templates(subject="新: {{title}} ×{{story_size}}"))
    (message, _) = d.on_match(hit("http://a.cn/1", 1), NOW)
    assert message.payload["subject"] == "新: 标题 http://a.cn/1 ×1"


def test_atom_feed_is_valid_xml_even_with_control_characters() -> None:
    entries = [
        FeedEntry(
            f"tag:huibao,2026:{i}", f"标题\x08{i} <&>", f"http://a.cn/{i}", NOW + timedelta(hours=i)
        )
        for i in range(3)
    ]
    data = atom_feed("柳州警情", "tag:huibao,2026:plan/1", entries, NOW, limit=2)
    root = ET.fromstring(data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles == ["标题2 <&>", "标题1 <&>"]
    assert root.findtext("a:updated", namespaces=ns) == (NOW + timedelta(hours=2)).isoformat()

"""Alert commands: `huibao plan alert add|list|show|rm`, `huibao plan feed`, and
`huibao alerts deliver|list`. Each opens the store and makes one library call."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from huibao.cli_options import FORMAT, clean_errors, open_store, store_options
from huibao.errors import ConfigError
from huibao.monitor.alerts.feed import plan_feed
from huibao.monitor.alerts.outbox import DEAD, PENDING, SENT
from huibao.monitor.alerts.ruleconfig import rule_from_dict, rule_to_dict
from huibao.monitor.alerts.run import AlertRun, run_due, sync_rules
from huibao.monitor.alerts.sqlstore import StoreAlerts, save_rule, stored_rules
from huibao.monitor.project import load_monitor_config


def _template(value: str | None) -> str | None:
    """A template given inline, or read from a file when written @path."""
    if value is None or not value.startswith("@"):
        return value
    try:
        return Path(value[1:]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"template file {value[1:]}: {exc}") from exc


def _split(option: str, value: str, size: tuple[int, int]) -> list[str]:
    parts = [p.strip() for p in value.split("/")]
    if not size[0] <= len(parts) <= size[1] or not all(parts):
        raise ConfigError(f"{option} {value!r}: see `huibao plan alert add --help` for the form")
    return parts


def _number(option: str, text: str) -> float:
    try:
        return float(text)
    except ValueError as exc:
        raise ConfigError(f"{option}: {text!r} is not a number") from exc


def _volume(fixed: str | None, spike: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if fixed:
        count, window = _split("--fixed", fixed, (2, 2))
        found["fixed"] = {"count": int(_number("--fixed", count)), "window": window}
    if spike:
        parts = _split("--spike", spike, (2, 4))
        table: dict[str, Any] = {"recent": parts[0], "baseline": parts[1]}
        if len(parts) > 2:
            table["factor"] = _number("--spike", parts[2])
        if len(parts) > 3:
            table["min_count"] = int(_number("--spike", parts[3]))
        found["spike"] = table
    return found


def merged_rule(current: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """`current` with the channels in `given` added and its other keys replaced."""
    table = dict(current)
    hooks = {h["url"]: h for h in table.get("webhooks", [])}
    for url in given.pop("webhooks", ()):
        hooks[url] = {
            "url": url,
            "secret": given.get("secret") or hooks.get(url, {}).get("secret", ""),
        }
    given.pop("secret", None)
    table["webhooks"] = list(hooks.values())
    table["emails"] = list(dict.fromkeys([*table.get("emails", []), *given.pop("emails", ())]))
    table.update({k: v for k, v in given.items() if v is not None})
    return {k: v for k, v in table.items() if v != ""}


@click.group("alert")
def alert_group() -> None:
    """Alert rules of plans: webhooks, e-mail, Atom feed, quiet hours, digests, volume.

    Example: huibao plan alert add 柳州警情 --email office@example.cn --quiet 22:00-07:00
    """


@alert_group.command("add")
@click.argument("plan")
@click.option("--webhook", "webhooks", multiple=True, help="Webhook URL (repeatable).")
@click.option("--secret", help="HMAC-SHA256 secret for the --webhook URLs given.")
@click.option("--email", "emails", multiple=True, help="E-mail recipient (repeatable).")
@click.option("--atom/--no-atom", default=None, help="Entries in the plan's Atom feed.")
@click.option("--quiet", help='Quiet hours, local time: "22:00-07:00" ("" to clear).')
@click.option("--timezone", help="Time zone of the quiet hours (default Asia/Shanghai).")
@click.option("--digest", help='One message per period: "1h", "1d" ("" to clear).')
@click.option("--fixed", help='Volume alert: N matches within a window: "20/1h".')
@click.option("--spike", help='Spike alert: RECENT/BASELINE[/FACTOR[/MIN]]: "1h/12h/3/5".')
@click.option("--subject", help="Subject template, e.g. '[{{plan}}] {{title}}'.")
@click.option("--text", help="Plain-text template (or @file).")
@click.option("--html", help="HTML template (or @file).")
@click.option("--replace", is_flag=True, help="Start from an empty rule instead of adding.")
@store_options
@clean_errors
def alert_add(
    plan: str, replace: bool, store_url: str | None, project_path: Path, **given: Any
) -> None:
    """Add channels and options to PLAN's alert rule (checked before it is saved).

    Webhook URLs must be http(s) to public addresses unless their host is in
    webhook_allow_hosts; templates may use {{title}} {{source}} {{matched}} {{url}}
    {{story_size}} {{plan}} {{published}}.

    Example: huibao plan alert add 柳州警情 --webhook https://hooks.example.cn/h --digest 1h
    """
    given.update(_volume(given.pop("fixed"), given.pop("spike")))
    given.update({k: _template(given[k]) for k in ("subject", "text", "html")})
    given["webhooks"], given["emails"] = list(given["webhooks"]), list(given["emails"])
    settings = load_monitor_config(project_path).settings
    with open_store(store_url, project_path) as store:
        current = {} if replace else stored_rules(store).get(plan, {})
        new_hooks = {"webhooks": list(given["webhooks"])}
        rule_from_dict(plan, new_hooks, settings.webhook_allow_hosts)  # addresses: new ones
        table = merged_rule(current, given)
        rule = rule_from_dict(plan, table, resolve=None)  # stored ones were checked before
        save_rule(store, plan, rule_to_dict(rule))
    click.echo(_summary(plan, rule_to_dict(rule, secrets=False)))


def _summary(plan: str, table: dict[str, Any]) -> str:
    parts = [f"webhook {h['url']}" for h in table["webhooks"]]
    parts += [f"email {a}" for a in table["emails"]] + (["atom"] if table["atom"] else [])
    extra = [f"{k} {table[k]}" for k in ("quiet", "digest") if k in table]
    extra += [
        f"{k} {json.dumps(table[k], ensure_ascii=False)}" for k in ("fixed", "spike") if k in table
    ]
    return f"{plan}: " + (", ".join(parts) or "no channels") + "".join(f"; {e}" for e in extra)


@alert_group.command("list")
@FORMAT
@store_options
@clean_errors
def alert_list(fmt: str, store_url: str | None, project_path: Path) -> None:
    """List the plans that alert, with their channels (secrets masked).

    Example: huibao plan alert list --format json
    """
    with open_store(store_url, project_path) as store:
        tables = stored_rules(store)
    shown = {p: rule_to_dict(rule_from_dict(p, t, resolve=None), False) for p, t in tables.items()}
    if fmt == "json":
        click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    for plan, table in shown.items():
        click.echo(_summary(plan, table))


@alert_group.command("show")
@click.argument("plan")
@FORMAT
@store_options
@clean_errors
def alert_show(plan: str, fmt: str, store_url: str | None, project_path: Path) -> None:
    """Show PLAN's alert rule in full: channels, templates, quiet hours, digest, volume.

    Example: huibao plan alert show 柳州警情
    """
    with open_store(store_url, project_path) as store:
        table = stored_rules(store).get(plan)
    if table is None:
        raise click.ClickException(f"plan {plan!r} has no alert rule")
    shown = rule_to_dict(rule_from_dict(plan, table, resolve=None), secrets=False)
    if fmt == "json":
        click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    for key, value in shown.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        click.echo(f"{key:>9}: {text}")


@alert_group.command("rm")
@click.argument("plan")
@click.argument("target", required=False)
@store_options
@clean_errors
def alert_rm(plan: str, target: str | None, store_url: str | None, project_path: Path) -> None:
    """Remove PLAN's alert rule, or only the channel TARGET (a webhook URL or an address).

    Example: huibao plan alert rm 柳州警情 office@example.cn
    """
    with open_store(store_url, project_path) as store:
        table = stored_rules(store).get(plan)
        if table is None:
            raise click.ClickException(f"plan {plan!r} has no alert rule")
        if target is not None:
            hooks = [h for h in table.get("webhooks", []) if h.get("url") != target]
            emails = [a for a in table.get("emails", []) if a != target]
            if len(hooks) + len(emails) == len(table.get("webhooks", [])) + len(
                table.get("emails", [])
            ):
                raise click.ClickException(f"plan {plan!r} does not alert {target!r}")
            save_rule(store, plan, {**table, "webhooks": hooks, "emails": emails})
        else:
            save_rule(store, plan, None)
    click.echo(f"removed {target or 'the alert rule'} from {plan}")


@click.command("feed")
@click.argument("plan")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout).",
)
@store_options
@clean_errors
def feed_command(plan: str, output: Path | None, store_url: str | None, project_path: Path) -> None:
    """Write PLAN's Atom feed (one entry per alerted story) to a file or stdout.

    Example: huibao plan feed 柳州警情 -o feeds/liuzhou.xml
    """
    settings = load_monitor_config(project_path).settings
    with open_store(store_url, project_path) as store:
        data = plan_feed(store, plan, datetime.now(UTC), settings)
    if output is None:
        click.echo(data, nl=False)
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise click.ClickException(f"{output}: {exc}") from exc
    click.echo(f"wrote {output}", err=True)


@click.group("alerts")
def alerts_group() -> None:
    """The alert outbox: deliver what is due, list what was sent, is pending or dead.

    Example: huibao alerts deliver && huibao alerts list --state dead
    """


def _print_run(run: AlertRun, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(asdict(run), ensure_ascii=False, indent=2))
        return
    counts = f"sent {run.sent}, retrying {run.retrying}, dead {run.dead}"
    click.echo(f"queued {run.queued} (digests, volume); {counts}")
    for a in run.attempts:
        state = {SENT: "sent", PENDING: "retry", DEAD: "DEAD"}.get(a.state, a.state)
        click.echo(
            f"  {state:<5} {a.channel:<7} {a.target}  {a.subject}"
            + (f"  ({a.error})" if a.error else "")
        )
    for problem in run.problems:
        click.echo(f"  skipped rule: {problem}", err=True)


@alerts_group.command("deliver")
@click.option(
    "--now",
    "at",
    type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]),
    help="Act as if it were this time (UTC unless given); default: now.",
)
@FORMAT
@store_options
@clean_errors
def alerts_deliver(
    at: datetime | None, fmt: str, store_url: str | None, project_path: Path
) -> None:
    """Run the alert step once: digests due, volume rules, then every message due
    (retries included; after webhook_max_attempts failures a message goes to the dead
    letters). Rules in the project's [[monitor.alerts]] are stored first.

    Example: huibao alerts deliver --format json
    """
    now = datetime.now(UTC) if at is None else (at if at.tzinfo else at.replace(tzinfo=UTC))
    config = load_monitor_config(project_path)
    with open_store(store_url, project_path) as store:
        problems = sync_rules(store, config.rules, config.settings)
        run = run_due(store, now, config.settings)
    for problem in problems:
        click.echo(f"project rule not stored: {problem}", err=True)
    _print_run(run, fmt)


@alerts_group.command("list")
@click.option(
    "--state", type=click.Choice([PENDING, SENT, DEAD]), help="Only messages in this state."
)
@click.option("--plan", help="Only this plan's messages.")
@click.option("--limit", "-n", default=50, show_default=True, help="Newest messages to show.")
@FORMAT
@store_options
@clean_errors
def alerts_list(
    state: str | None,
    plan: str | None,
    limit: int,
    fmt: str,
    store_url: str | None,
    project_path: Path,
) -> None:
    """The outbox: each message's state (sent, pending, dead), attempts and last error.

    Example: huibao alerts list --state dead --format json
    """
    with open_store(store_url, project_path) as store:
        found = StoreAlerts(store).messages(state)
    found = [m for m in found if plan is None or m.plan == plan][-limit:][::-1]
    rows: list[dict[str, Any]] = [
        {
            "state": m.state, "plan": m.plan, "channel": m.channel, "target": m.target,
            "subject": str(m.payload.get("subject", "")), "created": m.created.isoformat(),
            "next_at": m.next_at.isoformat(), "attempts": m.attempts, "error": m.last_error,
        }
        for m in found
    ]  # fmt: skip
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    counts = {s: sum(r["state"] == s for r in rows) for s in (SENT, PENDING, DEAD)}
    click.echo(", ".join(f"{n} {s}" for s, n in counts.items()))
    for r in rows:
        failed = f"  [{r['attempts']} tries: {r['error']}]" if r["error"] else ""
        where = f"{r['plan']} {r['channel']} {r['target']}"
        click.echo(f"{r['state']:<7} {r['created'][:16]} {where}  {r['subject']}{failed}")

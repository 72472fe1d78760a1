"""Refuse webhook URLs that aim inside the network running huibao (SSRF).

A user-supplied webhook is a request huibao makes on the user's behalf: pointing it at
127.0.0.1, 10.x, 169.254.169.254 (cloud metadata) or similar would turn huibao into a probe
of its own network. Every address the host resolves to must be public unless the host (or
the address) is allow-listed in `MonitorSettings.webhook_allow_hosts`.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from huibao.errors import ConfigError

Resolver = Callable[[str, int], Sequence[str]]


def resolve_host(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def _private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _literal(host: str) -> bool:
    """True for an IP address written as the host (checked as is, without any lookup)."""
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


def check_url(url: str, allow: Sequence[str] = (), resolve: Resolver = resolve_host) -> str:
    """`url` if it is http(s) to a public address (or an allow-listed one); else ConfigError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"webhook URL must be http:// or https:// with a host: {url!r}")
    host = parts.hostname
    if host in allow:
        return url
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = [host] if _literal(host) else resolve(host, port)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"webhook host {host!r} does not resolve: {exc}") from exc
    for address in addresses:
        if address not in allow and _private(address):
            raise ConfigError(
                f"webhook host {host!r} resolves to non-public address {address}; "
                "allow-list it in webhook_allow_hosts if this is intended"
            )
    return url

"""Refuse URLs whose host resolves to a private, loopback, link-local or otherwise
non-public address, unless its network is allow-listed (server-side request forgery guard).

The host is resolved here and every address checked; httpx resolves again when it
connects, so a DNS answer that changes in between (rebinding) is not caught. Deployments
that need that guarantee should fetch through a proxy that enforces it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]


def parse_networks(cidrs: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(c, strict=False) for c in cidrs)


def address_allowed(address: str, allowed: tuple[Network, ...]) -> bool:
    """True when `address` is public, or inside an allow-listed network."""
    ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in net for net in allowed):
        return True
    return ip.is_global and not ip.is_multicast


async def resolve(host: str, port: int) -> list[str]:
    """All addresses `host` resolves to (an IP literal resolves to itself)."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def host_allowed(
    host: str, port: int, allowed: tuple[Network, ...], resolver: Resolver = resolve
) -> bool:
    """True when every address of `host` may be fetched. Raises OSError when it does not
    resolve."""
    addresses = await resolver(host, port)
    return bool(addresses) and all(address_allowed(a, allowed) for a in addresses)

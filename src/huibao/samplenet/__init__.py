"""The sample news network: real HTTP servers on 127.0.0.1 serving outlets made of real pages.

    with serve() as net:
        net.outlets["xinwen"].feeds      # ('http://127.0.0.1:40123/rss.xml',)
        net.outlets["faults"].endpoints  # {'bomb_gzip': 'http://127.0.0.1:40127/bomb/gzip?...'}

Each outlet listens on its own port, so each is a distinct origin (the unit of robots.txt and
of per-host politeness). `serve_generated(n_pages)` runs one generated outlet for benchmarks.
Run standalone with `python -m huibao.samplenet`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from huibao.samplenet import hostile, outlets
from huibao.samplenet.channel import home_page
from huibao.samplenet.generated import generated
from huibao.samplenet.network import ExpectedArticle, Network, Outlet
from huibao.samplenet.server import Site, SiteServer, start

__all__ = ["ExpectedArticle", "Network", "Outlet", "serve", "serve_generated"]

Builder = Callable[[Site, str], Outlet]
BUILDERS: dict[str, Builder] = {
    "xinwen": outlets.xinwen,
    "gbkcms": outlets.gbkcms,
    "portal": outlets.portal,
    "county": outlets.county,
    "faults": hostile.faults_outlet,
    "norobots": hostile.norobots,
    "blocked": hostile.blocked,
}


@contextmanager
def _running(builders: dict[str, Builder], host: str, port: int) -> Iterator[Network]:
    servers: list[SiteServer] = []
    built: dict[str, Outlet] = {}
    try:
        for offset, (name, build) in enumerate(builders.items()):
            site = Site(name)
            server, _ = start(site, host, port + offset if port else 0)
            servers.append(server)
            built[name] = build(site, server.base_url)
            if "/" not in site.static and site.fallback is None:
                site.add("/", home_page(built[name]))
        yield Network(built)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@contextmanager
def serve(host: str = "127.0.0.1", port: int = 0) -> Iterator[Network]:
    """Run every outlet, each on its own port (random, or `port`, `port`+1, ...)."""
    with _running(BUILDERS, host, port) as net:
        yield net


@contextmanager
def serve_generated(
    n_pages: int = 5000, host: str = "127.0.0.1", port: int = 0
) -> Iterator[Network]:
    """Run one outlet, "generated": `n_pages` articles linked from listing pages."""

    def build(site: Site, base: str) -> Outlet:
        return generated(site, base, n_pages)

    with _running({"generated": build}, host, port) as net:
        yield net

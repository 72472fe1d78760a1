"""A tiny threaded HTTP/1.1 server: one `Site` (an outlet) per listening port.

stdlib `http.server` rather than a framework: fault endpoints need the raw socket (resets,
dripping bytes, streamed bombs), and keep-alive ThreadingHTTPServer serves the generated
5,000-page site at well over a thousand requests a second on loopback.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Route = Callable[["Handler", dict[str, str]], None]
LAST_MODIFIED = "Mon, 22 Aug 2011 01:00:00 GMT"  # every static page's (the network never changes)


@dataclass(frozen=True, slots=True)
class Reply:
    """A fixed response."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()


class Site:
    """The routes of one outlet and a log of the requests it got (for tests to count)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.static: dict[str, Reply] = {}
        self.dynamic: dict[str, Route] = {}
        self.prefixes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.agents: Counter[str] = Counter()  # User-Agent headers seen
        self.log: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        self.fallback: Route | None = None

    def add(self, target: str, reply: Reply) -> None:
        """Serve `reply` at `target` (a path, with its query if it has one)."""
        self.static[target] = reply

    def route(self, path: str, handler: Route, *, prefix: bool = False) -> None:
        (self.prefixes if prefix else self.dynamic)[path] = handler

    def record(self, target: str, agent: str = "") -> None:
        with self.lock:
            self.hits[target] += 1
            self.agents[agent] += 1
            self.log.append((time.monotonic(), target))

    def requests(self, prefix: str = "") -> int:
        """How many requests targets starting with `prefix` got."""
        with self.lock:
            return sum(n for target, n in self.hits.items() if target.startswith(prefix))

    def find(self, target: str, path: str) -> Reply | Route | None:
        found = self.static.get(target) or self.static.get(path) or self.dynamic.get(path)
        if found is not None:
            return found
        for start in sorted(self.prefixes, key=len, reverse=True):
            if path.startswith(start):
                return self.prefixes[start]
        return self.fallback


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms stalls
    server: SiteServer

    def do_GET(self) -> None:
        site = self.server.site
        site.record(self.path, self.headers.get("User-Agent", ""))
        parts = urlsplit(self.path)
        found = site.find(self.path, parts.path)
        if found is None:
            self.reply(Reply(b"<html><body>404 Not Found</body></html>", status=404))
        elif isinstance(found, Reply):
            self.reply_static(found)
        else:
            found(self, dict(parse_qsl(parts.query)))

    def reply_static(self, reply: Reply) -> None:
        """A fixed page, with an ETag and Last-Modified (so a re-crawl can get 304s)."""
        if reply.status != 200 or any(name == "ETag" for name, _ in reply.headers):
            self.reply(reply)
            return
        etag = f'"{zlib.crc32(reply.body):08x}"'
        validators = (("ETag", etag), ("Last-Modified", LAST_MODIFIED))
        if self.headers.get("If-None-Match") == etag or (
            self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self.reply(Reply(b"", reply.content_type, 304, validators))
        else:
            self.reply(Reply(reply.body, reply.content_type, 200, reply.headers + validators))

    def reply(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests and benchmarks make tens of thousands of requests


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, site: Site, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site = site
        super().__init__((host, port), Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up mid-bomb or mid-drip is the point of those endpoints

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def start(
    site: Site, host: str = "127.0.0.1", port: int = 0
) -> tuple[SiteServer, threading.Thread]:
    server = SiteServer(site, host, port)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        daemon=True,
        name=f"samplenet-{site.name}",
    )
    thread.start()
    return server, thread

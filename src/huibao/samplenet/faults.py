"""Fault endpoints: what hostile or broken sites do to a crawler.

Each handler writes its response straight to the socket, so bombs are generated while they
stream (never stored) and resets are real TCP resets.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator

import brotli  # type: ignore[import-untyped]

from huibao.samplenet.server import Handler, Reply, Route

MIB = 1024 * 1024
ZEROS = bytes(MIB)


def _head(h: Handler, status: int, headers: dict[str, str]) -> None:
    h.send_response(status)
    for name, value in headers.items():
        h.send_header(name, value)
    h.end_headers()


def _stream(h: Handler, chunks: Iterator[bytes]) -> None:
    """Write chunks until done or the client hangs up (the point of a bomb)."""
    h.close_connection = True
    try:
        for chunk in chunks:
            if chunk:
                h.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _zlib_bomb(mib: int, wbits: int) -> Iterator[bytes]:
    comp = zlib.compressobj(9, zlib.DEFLATED, wbits)
    for _ in range(mib):
        yield comp.compress(ZEROS)
    yield comp.flush()


def _brotli_bomb(mib: int) -> Iterator[bytes]:
    comp = brotli.Compressor(quality=5)
    for _ in range(mib):
        yield comp.process(ZEROS) + comp.flush()
    yield comp.finish()


BOMBS: dict[str, Callable[[int], Iterator[bytes]]] = {
    "gzip": lambda mib: _zlib_bomb(mib, 31),
    "deflate": lambda mib: _zlib_bomb(mib, 15),
    "br": _brotli_bomb,
}


def bomb(encoding: str) -> Route:
    """`mib` MiB of zeros (default 1024), compressed as `encoding` on the fly."""

    def handler(h: Handler, query: dict[str, str]) -> None:
        mib = int(query.get("mib", "1024"))
        _head(
            h,
            200,
            {
                "Content-Type": "text/html; charset=utf-8",
                "Content-Encoding": encoding,
                "Connection": "close",
            },
        )
        _stream(h, BOMBS[encoding](mib))

    return handler


def drip(h: Handler, query: dict[str, str]) -> None:
    """Announces `n` bytes (default 120) and sends one per second."""
    n = int(query.get("n", "120"))
    _head(h, 200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(n)})

    def chunks() -> Iterator[bytes]:
        for _ in range(n):
            yield b" "
            h.wfile.flush()
            time.sleep(1.0)

    _stream(h, chunks())


def slow(page: Reply) -> Route:
    """Waits `s` seconds (default 3) before answering with `page`."""

    def handler(h: Handler, query: dict[str, str]) -> None:
        time.sleep(float(query.get("s", "3")))
        h.reply(page)

    return handler


def huge(h: Handler, query: dict[str, str]) -> None:
    """A `mib` MiB page (default 64), with Content-Length unless `chunked=1`."""
    mib = int(query.get("mib", "64"))
    headers = {"Content-Type": "text/html; charset=utf-8", "Connection": "close"}
    if query.get("chunked") != "1":
        headers["Content-Length"] = str(mib * MIB)
    _head(h, 200, headers)
    filler = b"<p>" + "汇报".encode() * (MIB // 8) + b"</p>\n"
    _stream(h, (filler[:MIB] for _ in range(mib)))


def reset(h: Handler, query: dict[str, str]) -> None:
    """Reads the request, then resets the TCP connection without answering."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.close_connection = True
    h.connection.close()


class Sequence:
    """Answers the n-th request for one `key` with the n-th of `statuses`, then `final`
    (503, 503, 200 checks that retries stop at the first success)."""

    def __init__(self, statuses: tuple[int, ...], final: Reply, headers: dict[str, str]) -> None:
        self.statuses = statuses
        self.final = final
        self.headers = tuple(headers.items())
        self.seen: Counter[str] = Counter()
        self.lock = threading.Lock()

    def __call__(self, h: Handler, query: dict[str, str]) -> None:
        with self.lock:
            n = self.seen[query.get("key", "")]
            self.seen[query.get("key", "")] += 1
        if n >= len(self.statuses):
            h.reply(self.final)
            return
        status = self.statuses[n]
        if status == 0:
            reset(h, query)
            return
        body = f"<html><body>error {status}</body></html>".encode()
        h.reply(Reply(body, status=status, headers=self.headers))


def rate_limited(h: Handler, query: dict[str, str]) -> None:
    """429 with `Retry-After: after` (default 120)."""
    body = b"<html><body>Too Many Requests</body></html>"
    h.reply(Reply(body, status=429, headers=(("Retry-After", query.get("after", "120")),)))


def redirect_to(location: str, status: int = 302) -> Route:
    def handler(h: Handler, query: dict[str, str]) -> None:
        h.reply(Reply(b"", status=status, headers=(("Location", location),)))

    return handler


def redirect_chain(final: str) -> Route:
    """/redirect/chain/N redirects to /redirect/chain/N-1 ... /redirect/chain/1 to `final`:
    N hops in all."""

    def handler(h: Handler, query: dict[str, str]) -> None:
        n = int(h.path.rstrip("/").rsplit("/", 1)[-1] or 0)
        target = final if n <= 1 else f"/redirect/chain/{n - 1}"
        h.reply(Reply(b"", status=301, headers=(("Location", target),)))

    return handler


def conditional(page: Reply, etag: str, last_modified: str) -> Route:
    """Answers 304 to a matching If-None-Match or If-Modified-Since."""

    def handler(h: Handler, query: dict[str, str]) -> None:
        validators = (("ETag", etag), ("Last-Modified", last_modified))
        if h.headers.get("If-None-Match") == etag or h.headers.get("If-Modified-Since") == (
            last_modified
        ):
            h.reply(Reply(b"", status=304, headers=validators))
            return
        h.reply(Reply(page.body, page.content_type, headers=validators))

    return handler

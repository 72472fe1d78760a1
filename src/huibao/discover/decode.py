"""Content-Encoding decoding with a cap on the decoded size (gzip, deflate, br).

Written here rather than left to httpx because httpx decodes each network chunk in one
call: a 10 kB piece of a gzip bomb becomes 10 MB of zeros before any cap can look at it.
Here every decompressor call is bounded (`max_length` for zlib, `output_buffer_limit` for
brotli), so decoding stops within one step of the cap, whatever the compression ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Protocol

import brotli  # type: ignore[import-untyped]

STEP = 64 * 1024  # most bytes one decompressor call may produce


class TooLarge(Exception):
    """The decoded body passed its cap."""


class DecodingError(Exception):
    """The body is not valid for its Content-Encoding."""


class _Stage(Protocol):
    def feed(self, data: bytes) -> Iterator[bytes]: ...


class _Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        for start in range(0, len(data), STEP):
            yield data[start : start + STEP]


class _Zlib:
    """gzip (wbits 31, concatenated members allowed) or deflate (zlib wrapper, or raw deflate
    as sent by some IIS servers: the first byte tells)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.d: zlib._Decompress | None = None
        self.head = b""  # deflate: the first bytes, held until two tell the wrapper

    def _new(self, first: bytes) -> zlib._Decompress:
        if self.kind == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        zlib_header = (
            len(first) >= 2 and (first[0] & 0x0F) == 8 and (first[0] << 8 | first[1]) % 31 == 0
        )
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.d is None and self.kind == "deflate" and len(self.head + data) < 2:
            self.head += data
            return
        data, self.head = self.head + data, b""
        while data:
            if self.d is None:
                self.d = self._new(data)
            try:
                out = self.d.decompress(data, STEP)
                while True:
                    if out:
                        yield out
                    if not self.d.unconsumed_tail:
                        break
                    out = self.d.decompress(self.d.unconsumed_tail, STEP)
            except zlib.error as exc:
                raise DecodingError(str(exc)) from exc
            data = self.d.unused_data if self.d.eof else b""
            if self.d.eof:
                self.d = None  # another gzip member follows (or trailing junk, refused next)


class _Brotli:
    def __init__(self) -> None:
        self.d = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            out = self.d.process(data, output_buffer_limit=STEP)
            while True:
                if out:
                    yield out
                if self.d.can_accept_more_data() or self.d.is_finished():
                    break
                out = self.d.process(b"", output_buffer_limit=STEP)
        except brotli.error as exc:
            raise DecodingError(str(exc)) from exc


def _stage(name: str) -> _Stage:
    if name in {"", "identity"}:
        return _Identity()
    if name in {"gzip", "x-gzip"}:
        return _Zlib("gzip")
    if name == "deflate":
        return _Zlib("deflate")
    if name == "br":
        return _Brotli()
    raise DecodingError(f"unsupported content-encoding {name!r}")


class CappedDecoder:
    """Feed raw body bytes; collects the decoded body, raising TooLarge past `cap` bytes.

    `content_encoding` is the header value; "gzip, br" means gzip was applied first, so
    brotli is undone first."""

    def __init__(self, content_encoding: str, cap: int) -> None:
        names = [n.strip().lower() for n in content_encoding.split(",") if n.strip()]
        if len(names) > 2:
            raise DecodingError("more than two content-encodings")
        self.stages = [_stage(n) for n in reversed(names)] or [_Identity()]
        self.cap = cap
        self.body = bytearray()
        self.decoded = 0

    def feed(self, data: bytes) -> None:
        self._push(0, data)

    def _push(self, index: int, data: bytes) -> None:
        if index == len(self.stages):
            self.body += data
            self.decoded += len(data)
            if len(self.body) > self.cap:
                self.body = bytearray()  # free it now: the caller only needs the verdict
                raise TooLarge(f"decoded body passed {self.cap} bytes")
            return
        for piece in self.stages[index].feed(data):
            self._push(index + 1, piece)

    def result(self) -> bytes:
        return bytes(self.body)


def decode_capped(data: bytes, content_encoding: str, cap: int) -> bytes:
    """Decode a whole body at once under `cap` (raises TooLarge or DecodingError)."""
    decoder = CappedDecoder(content_encoding, cap)
    decoder.feed(data)
    return decoder.result()

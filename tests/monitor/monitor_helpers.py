"""A real HTTP receiver on 127.0.0.1 for alert tests (the SMTP server is tests/mail.py), and the
hostile-query strategy shared by the parser and search property tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from hypothesis import strategies as st


@dataclass
class Receiver:
    """What the webhook receiver saw; it answers `fail_first` requests with HTTP 500."""

    url: str = ""
    fail_first: int = 0
    hang_first_s: float = 0.0
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver.requests.append((dict(self.headers.items()), body))
            if len(receiver.requests) == 1 and receiver.hang_first_s:
                time.sleep(receiver.hang_first_s)
            status = 500 if len(receiver.requests) <= receiver.fail_first else 204
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    got = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(got))
    got.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield got
    server.shutdown()
    server.server_close()
    thread.join()


PIECES = st.sampled_from(
    [
        "AND", "OR", "NOT", "NEAR/3", "NEAR", "|", "｜", "-", "(", ")", "（", "）", '"', "“",
        "”", "\\", ":", "：", "title:", "source:", "place:", "place:4502", "date:",
        "date:2011-08-01..2011-08-31", "date:..", "org:", "channel:", "\x00", "\x1b", " ",
        "\u3000", "柳南", "警情", "臺灣", "'; DROP TABLE t; --", "*", "..", "\n",
    ]
)  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join),
    st.lists(PIECES, max_size=60).map(" ".join),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["柳", "(", "-", '"', "a "]), st.integers(0, 12_000)
    ),
)

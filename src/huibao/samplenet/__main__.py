"""`python -m huibao.samplenet [--port N] [--generated N] [--json]`: serve until Ctrl-C."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from huibao.samplenet import Outlet, serve, serve_generated


def _describe(outlet: Outlet) -> dict[str, Any]:
    return {
        "base_url": outlet.base_url,
        "feeds": outlet.feeds,
        "sitemaps": outlet.sitemaps,
        "listings": outlet.listings,
        "endpoints": outlet.endpoints,
        "articles": len(outlet.articles),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m huibao.samplenet", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="first port (outlets take PORT, PORT+1, ...); 0 = random ports",
    )
    parser.add_argument(
        "--generated",
        type=int,
        default=0,
        metavar="N",
        help="serve only a generated site of N article pages",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the outlets as one JSON line (for scripts), then serve",
    )
    args = parser.parse_args(argv)
    running = (
        serve_generated(args.generated, args.host, args.port)
        if args.generated
        else serve(args.host, args.port)
    )
    with running as net:
        if args.json:
            print(json.dumps({name: _describe(o) for name, o in net.outlets.items()}), flush=True)
        else:
            for outlet in net.outlets.values():
                print(f"{outlet.name:10} {outlet.base_url:28} {outlet.description}")
                for url in outlet.feeds + outlet.sitemaps + outlet.listings:
                    print(f"{'':10} {url}")
            print("serving; Ctrl-C stops", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()

"""Pages in and out of web archives: `huibao import warc|dir` and `huibao export warc`.

WARC reading and writing is warcio's (the Webrecorder library that pywb uses); what this
module adds is the mapping to the store: each stored response becomes a WARC 1.1 `response`
record with its original status and headers, and each imported HTML response goes through
the same extraction and de-duplication as a crawled page.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from huibao.discover.articles import extract_page
from huibao.discover.steps import is_article
from huibao.project import SourceSpec
from huibao.store import FetchRecord, Store

HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Headers that described the transfer, not the stored (decoded) body.
TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


@dataclass(slots=True)
class ImportSummary:
    """What an import did: pages read, and what became of them."""

    pages: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # new, alias, unchanged, ...
    skipped: Counter[str] = field(default_factory=Counter)  # why pages were not articles

    def to_dict(self) -> dict[str, Any]:
        return {"pages": self.pages, **self.outcomes, "skipped": dict(self.skipped)}


def _save(
    store: Store,
    summary: ImportSummary,
    spec: SourceSpec,
    page: tuple[str, int, dict[str, str], bytes],
) -> None:
    url, status, headers, body = page
    summary.pages += 1
    article = extract_page(body, url, headers, spec)
    if article is None or not is_article(article):
        summary.skipped["not_article"] += 1
        return
    raw = FetchRecord(final_url=url, status=status, headers=headers, body=body)
    saved = store.save(article, raw, source=spec.name)
    summary.outcomes[saved.outcome] += 1


def import_warc(
    store: Store, path: Path, spec: SourceSpec, max_bytes: int = DEFAULT_MAX_BYTES
) -> ImportSummary:
    """Extract and store every HTML 200 response in the WARC (or .warc.gz) at `path`."""
    summary = ImportSummary()
    with path.open("rb") as stream:
        for page in _warc_pages(stream, summary, max_bytes):
            _save(store, summary, spec, page)
    return summary


def _warc_pages(
    stream: BinaryIO, summary: ImportSummary, max_bytes: int
) -> Iterator[tuple[str, int, dict[str, str], bytes]]:
    for record in ArchiveIterator(stream):
        if record.rec_type != "response" or record.http_headers is None:
            continue
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        status = int(record.http_headers.get_statuscode() or 0)
        headers = {k.lower(): v for k, v in record.http_headers.headers}
        kind = headers.get("content-type", "text/html").split(";")[0].strip().lower()
        if status != 200 or not url.startswith(("http://", "https://")):
            summary.skipped[f"status_{status}" if status != 200 else "url"] += 1
            continue
        if kind and kind not in HTML_TYPES:
            summary.skipped["content_type"] += 1
            continue
        body = record.content_stream().read(max_bytes + 1)
        if len(body) > max_bytes:
            summary.skipped["too_large"] += 1
            continue
        yield url, status, {k: v for k, v in headers.items() if k not in TRANSFER_HEADERS}, body


def url_for_file(file: Path, root: Path) -> str:
    """A file's URL: its `NAME.url` sidecar, else host/path for a mirror laid out as
    `host/path` (as `wget --mirror` writes it), else its file: URI."""
    sidecar = file.with_name(file.name + ".url")
    if sidecar.is_file():
        return sidecar.read_text(encoding="utf-8").strip()
    relative = file.relative_to(root)
    first = relative.parts[0] if len(relative.parts) > 1 else ""
    if "." in first and " " not in first:
        return "http://" + relative.as_posix()
    return file.resolve().as_uri()


def import_dir(
    store: Store, root: Path, spec: SourceSpec, max_bytes: int = DEFAULT_MAX_BYTES
) -> ImportSummary:
    """Extract and store every HTML file under `root` (URLs from sidecars or paths)."""
    summary = ImportSummary()
    for file in sorted(p for p in root.rglob("*") if p.suffix.lower() in HTML_SUFFIXES):
        if not file.is_file():
            continue
        if file.stat().st_size > max_bytes:
            summary.skipped["too_large"] += 1
            continue
        headers = _sidecar_headers(file)
        page = (url_for_file(file, root), 200, headers, file.read_bytes())
        _save(store, summary, spec, page)
    return summary


def _sidecar_headers(file: Path) -> dict[str, str]:
    """Response headers from a `NAME.headers.json` sidecar, when there is one."""
    sidecar = file.with_name(file.name + ".headers.json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}
    return {str(k).lower(): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def export_warc(store: Store, path: Path) -> int:
    """Write every stored response as a WARC 1.1 response record; returns how many.

    A `.gz` suffix writes per-record gzip (the usual .warc.gz). Bodies are stored decoded,
    so the transfer headers (Content-Encoding, Transfer-Encoding) are dropped and
    Content-Length is set to the stored body's length.
    """
    count = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz", warc_version="1.1")
        info = {"software": "huibao", "format": "WARC File Format 1.1"}
        writer.write_record(writer.create_warcinfo_record(path.name, info))
        for response in store.responses():
            status = response.status or 200
            try:
                reason = HTTPStatus(status).phrase
            except ValueError:
                reason = "Unknown"
            headers = [(k, v) for k, v in response.headers.items() if k not in TRANSFER_HEADERS]
            headers.append(("content-length", str(len(response.body))))
            http = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
            date = response.fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            record = writer.create_warc_record(
                response.final_url,
                "response",
                payload=BytesIO(response.body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio may have spooled it to a temporary file
            count += 1
    return count

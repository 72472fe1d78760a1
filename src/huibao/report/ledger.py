"""What scheduled reports were made and sent: a JSON-lines ledger beside the reports.

One line per event ("produced", "sent", "failed") for a (schedule, period) key; the last
line of a key is its state. `locked()` holds an exclusive lock on the ledger while a run
decides and produces, so two `huibao watch` processes never make the same report twice.
Lines are appended and flushed to disk before the e-mail goes out.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

FILE = "ledger.jsonl"


@dataclass(frozen=True, slots=True)
class Entry:
    schedule: str
    period: str  # Period.key(): 2011-08-15..2011-08-21
    state: str  # produced | sent | failed
    at: datetime
    files: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    detail: str = ""
    attempts: int = 0  # failed sends so far
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Entry:
        data = json.loads(line)
        data["at"] = datetime.fromisoformat(data["at"])
        data["files"] = tuple(data.get("files", ()))
        data["recipients"] = tuple(data.get("recipients", ()))
        return cls(**data)


class Ledger:
    """The ledger file in `folder` (created on first write)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / FILE

    def entries(self) -> list[Entry]:
        """Every event, oldest first (unreadable lines are skipped)."""
        if not self.path.exists():
            return []
        found = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                found.append(Entry.from_json(line))
            except (ValueError, KeyError, TypeError):
                continue
        return found

    def state(self, schedule: str, period: str) -> Entry | None:
        """The latest event of one scheduled run, or None when it never ran."""
        last = None
        for entry in self.entries():
            if entry.schedule == schedule and entry.period == period:
                last = entry
        return last

    def append(self, entry: Entry) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(entry.to_json() + "\n")
            out.flush()
            os.fsync(out.fileno())

    @contextmanager
    def locked(self) -> Iterator[Ledger]:
        """Exclusive use of the ledger (blocks while another process holds it)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / (FILE + ".lock")).open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield self
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

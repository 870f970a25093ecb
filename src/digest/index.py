"""What the outbox knows about each source file, so a narrow window over a large folder reads
only the files that are new, changed, or dated inside the window.

``OUT/.cache/index.json`` maps a file's path to its size and modification time (in ns) and the
publication dates of the articles read from it last time (or the reason it was skipped). A file
whose size and mtime are unchanged and none of whose dates falls in the window is not read
again. The index is replaced atomically and carries a checksum and the time zone it was made
in; one that fails either check is ignored (every file is read) and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

from . import __version__
from .models import Article, Skipped
from .outbox import write_atomic

INDEX_NAME = "index.json"


class FileIndex:
    def __init__(self, folder: Path, zone_name: str) -> None:
        self.path = folder / INDEX_NAME
        self.stamp = f"{__version__}|{zone_name}"
        self.entries: dict[str, list[object]] = {}
        self.unread = 0  # files not read this run thanks to the index
        self._visited: set[str] = set()
        self._changed = False
        self._load()

    def _load(self) -> None:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            entries = record["entries"]
            if record["stamp"] != self.stamp or record["check"] != _check(entries):
                return
            self.entries = entries
        except (OSError, ValueError, KeyError, TypeError):
            return

    @staticmethod
    def _stat(path: Path) -> list[int] | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return [stat.st_size, stat.st_mtime_ns]

    def known_outside(
        self, path: Path, since: datetime, until: datetime, stat: list[int] | None = None
    ) -> Skipped | bool:
        """True when the file is unchanged and none of its articles is dated in
        [since, until); its recorded Skipped when it was unreadable and is unchanged.
        ``stat`` is the file's [size, mtime_ns] when the caller has it."""
        self._visited.add(path.as_posix())
        entry = self.entries.get(path.as_posix())
        if not entry or entry[0] != (stat or self._stat(path)):
            return False
        kind, payload = entry[1], entry[2]
        if kind == "skip":
            self.unread += 1
            return Skipped(path=path, reason=str(payload))
        stamps = [datetime.fromisoformat(str(p)) for p in payload]  # type: ignore[union-attr]
        if stamps and not any(since <= moment < until for moment in stamps):
            self.unread += 1
            return True
        return False

    def record(
        self,
        path: Path,
        articles: list[Article],
        skipped: list[Skipped],
        stat: list[int] | None = None,
    ) -> None:
        """What reading the file gave. ``stat`` is the [size, mtime_ns] it had before it was
        read (so a file changed while being read is read again next time)."""
        stat = stat or self._stat(path)
        if stat is None:
            return
        key = path.as_posix()
        self._visited.add(key)
        if articles:
            entry: list[object] | None = [
                stat,
                "dates",
                [a.published.isoformat() for a in articles],
            ]
        elif skipped and all(s.path == path for s in skipped):
            entry = [stat, "skip", skipped[0].reason]
        if entry is not None and self.entries.get(key) != entry:
            self.entries[key] = entry
            self._changed = True

    def save(self) -> None:
        """Write the index when this run changed it; files no longer found are dropped."""
        gone = [key for key in self.entries if key not in self._visited]
        for key in gone:
            del self.entries[key]
        if not (self._changed or gone):
            return
        record = {"stamp": self.stamp, "check": _check(self.entries), "entries": self.entries}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(record, separators=(",", ":")).encode())
        except OSError:
            pass  # an index that cannot be written only costs time


def _check(entries: object) -> str:
    return hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()

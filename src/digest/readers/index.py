"""What the outbox knows about each source file, so a narrow window over a large folder reads
only the files that are new, changed, or dated inside the window.

``OUT/.cache/index.json`` maps a file's path to its size and modification time (in ns) and the
publication times (POSIX seconds) of the articles read from it last time, or the reason it was
skipped. A file whose size and mtime are unchanged and none of whose dates falls in the window
is not read again. The file is a record (see :func:`digest.files.write_record`: a header with
the sha256 of the rest, then one line) of the digest version, the time zone and the entries;
it is replaced atomically, and one that fails a check, or was written by another version or
for another zone, is ignored (every file is read) and rewritten.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from digest import __version__
from digest.files import read_record, write_record
from digest.model import Article, Skipped
from digest.readers.base import SourceFile

INDEX_NAME = "index.json"  # in OUT/.cache (the outbox's names are not the readers' to import)
KIND = "file index"
FORMAT = 3  # 2: a header line with a "stamp" (format|version|zone)

Entry = list  # [size, mtime_ns, "dates", [posix seconds, ...]] or [size, mtime_ns, "skip", why]


class FileIndex:
    def __init__(self, folder: Path, zone_name: str) -> None:
        self.path = folder / INDEX_NAME
        self.stamp = f"{__version__}|{zone_name}"  # the entries hold for these only
        self.entries: dict[str, Entry] = {}
        self._visited: set[str] = set()
        self._changed = False
        self._load()

    def _load(self) -> None:
        data = read_record(self.path, KIND, FORMAT)
        if isinstance(data, dict) and data.get("stamp") == self.stamp:
            entries = data.get("entries")
            if isinstance(entries, dict):
                self.entries = entries

    def lookup(self, key: str, stat: list[int]) -> Entry | None:
        """The entry of an unchanged file (``key`` its posix path), or None."""
        entry = self.entries.get(key)
        if entry is None or len(entry) != 4 or entry[0] != stat[0] or entry[1] != stat[1]:
            return None
        return entry

    def known_outside(self, item: SourceFile, since: datetime, until: datetime) -> Skipped | bool:
        """True when the file is unchanged since the scan found it and none of its articles
        is dated in [since, until); its recorded Skipped when it was unreadable and is
        unchanged."""
        self._visited.add(item.key)
        entry = self.lookup(item.key, item.stat)
        if entry is None:
            return False
        if entry[2] == "skip":
            return Skipped(path=item.path, reason=str(entry[3]))
        low, high = since.timestamp(), until.timestamp()
        stamps = entry[3]
        return bool(stamps) and not any(low <= moment < high for moment in stamps)

    def record(self, item: SourceFile, articles: list[Article], skipped: list[Skipped]) -> None:
        """What reading the file gave, under the size and mtime the scan saw before it was
        read (so a file changed while being read is read again next time)."""
        self._visited.add(item.key)
        entry: Entry | None = None
        if articles:
            entry = [*item.stat, "dates", [a.published.timestamp() for a in articles]]
        elif skipped and all(s.path == item.path for s in skipped):
            entry = [*item.stat, "skip", skipped[0].reason]
        if entry is not None and self.entries.get(item.key) != entry:
            self.entries[item.key] = entry
            self._changed = True

    def save(self) -> None:
        """Write the index when this run changed it; files no longer found are dropped."""
        gone = [key for key in self.entries if key not in self._visited]
        for key in gone:
            del self.entries[key]
        if not (self._changed or gone):
            return
        try:
            payload = {"stamp": self.stamp, "entries": self.entries}
            write_record(self.path, KIND, FORMAT, payload)
        except OSError:
            pass  # an index that cannot be written only costs time


def load_in_background(folder: Path, zone_name: str) -> Callable[[], FileIndex]:
    """Start loading the index in a thread (its JSON parses under the GIL while the caller's
    scan waits on the disk without it); the function returned waits for it and gives it, or
    raises what loading raised."""
    done: list[FileIndex] = []
    failed: list[BaseException] = []

    def load() -> None:
        try:
            done.append(FileIndex(folder, zone_name))
        except BaseException as exc:  # handed to the caller by result()
            failed.append(exc)

    thread = threading.Thread(target=load, name="digest-load", daemon=True)
    thread.start()

    def result() -> FileIndex:
        thread.join()
        if failed:
            raise failed[0]
        return done[0]

    return result

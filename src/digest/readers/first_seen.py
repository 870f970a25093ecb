"""When each date-less feed entry was first seen, as feed readers date such entries.

RSS 0.91/0.92 items have no date by the specification, and real feeds leave it out of other
items too. Such an entry is dated the first time a run read it, and keeps that date on every
later run: the times are kept in a record (see :func:`digest.files.write_record`) whose path
the pipeline passes in :class:`~digest.readers.base.ReadOptions` (``OUT/.digest-first-seen.json``
for ``make``; ``digest ls`` reads it and writes nothing). Each entry is known by its feed and
its GUID, else its link, else a hash of its title and text.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from digest.files import read_record, write_record

KIND = "first seen"
FORMAT = 1
KEEP_SECONDS = 400 * 86400  # an entry not seen again for this long is forgotten


class FirstSeen:
    """The first-seen times in the record at ``path`` (none without one); ``now`` dates what
    is seen for the first time."""

    def __init__(self, path: Path | None, now: datetime) -> None:
        self.path = path
        self.now = now
        self.times: dict[str, float] = {}
        self._changed = False
        data = read_record(path, KIND, FORMAT) if path is not None else None
        if isinstance(data, dict):
            self.times = {k: float(v) for k, v in data.items() if isinstance(v, int | float) and k}

    def when(self, key: str) -> datetime:
        """When the entry ``key`` was first seen: now, the first time."""
        stamp = self.times.get(key)
        if stamp is None:
            stamp = self.now.timestamp()
            self.times[key] = stamp
            self._changed = True
        return datetime.fromtimestamp(stamp, self.now.tzinfo)

    def save(self) -> None:
        """Write the record when this run added to it (entries older than a year and a month
        are dropped then)."""
        if self.path is None or not self._changed:
            return
        horizon = self.now.timestamp() - KEEP_SECONDS
        kept = {k: v for k, v in sorted(self.times.items()) if v >= horizon}
        with contextlib.suppress(OSError):  # else the next run dates them by its own clock
            write_record(self.path, KIND, FORMAT, kept)
        self._changed = False

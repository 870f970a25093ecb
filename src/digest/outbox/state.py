"""What the outbox remembers between runs, and the lock that keeps runs one at a time.

``OUT/.digest-state.json`` (a record without a checksum, see :func:`digest.files.write_record`:
versioned, replaced atomically, editable by hand) holds the end of the last written window (for
``--since last``), the ids of the articles each digest included (so a touched or re-exported
file is not repeated in a later digest), and what ``digest send`` delivered. A state file of
the version 1 layout (one JSON object) is read as it is and written in the record layout by the
next run that saves. ``OUT/.lock`` is held with ``flock`` for the whole of a run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from digest.errors import DigestError, OutputError
from digest.files import RecordError, load_record, record_bytes, write_atomic
from digest.outbox import names

KIND = "digest state"
VERSION = 2  # 1: one JSON object with a "version" key (still read)
KEEP_SEEN = timedelta(days=120)  # ids older than this are forgotten


class LockedError(DigestError):
    """Another run holds the outbox."""

    exit_code = 3


@dataclass(frozen=True)
class State:
    last_until: datetime | None = None
    seen: dict[str, str] = field(default_factory=dict)  # article id -> digest folder name
    sent: dict[str, dict[str, object]] = field(default_factory=dict)  # Message-ID -> record

    def seen_elsewhere(self, article_id: str, folder: str) -> bool:
        """Included in a digest other than ``folder`` (remaking a digest keeps its stories)."""
        return self.seen.get(article_id, folder) != folder

    def advanced(self, until: datetime, folder: str, ids: Iterable[str]) -> State:
        """After a digest is written: the window's end (never backwards) and its ids, with
        ids of digests older than KEEP_SEEN dropped."""
        last = until if self.last_until is None else max(self.last_until, until)
        horizon = (until - KEEP_SEEN).strftime("%Y-%m-%d")
        seen = {i: f for i, f in self.seen.items() if f >= horizon and f != folder}
        seen.update({i: folder for i in ids})
        return replace(self, last_until=last, seen=dict(sorted(seen.items())))

    def with_sent(self, message_id: str, record: Mapping[str, object]) -> State:
        return replace(self, sent={**self.sent, message_id: dict(record)})

    def payload(self) -> dict[str, object]:
        return {
            "last_until": self.last_until.isoformat() if self.last_until else None,
            "seen": self.seen,
            "sent": self.sent,
        }

    def to_json(self) -> bytes:
        return record_bytes(KIND, VERSION, self.payload(), checksum=False)

    @classmethod
    def from_payload(cls, data: object) -> State:
        """Raises ValueError, TypeError or AttributeError for what is not a state."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        last = data.get("last_until")
        return cls(
            last_until=datetime.fromisoformat(last) if last else None,
            seen={str(k): str(v) for k, v in (data.get("seen") or {}).items()},
            sent=dict(data.get("sent") or {}),
        )


def load(out: Path) -> State:
    """The outbox's state; a missing file is a first run. A file that cannot be read is an
    error naming it (never silently reset: that would repeat old stories)."""
    path = out / names.STATE
    try:
        try:
            data = load_record(path, KIND, VERSION, checksum=False)
        except RecordError as exc:
            if exc.version is not None:  # a record of another version
                raise DigestError(
                    f"{path} has state version {exc.version}, this digest reads version {VERSION}"
                ) from None
            data = _version_1(path)
        return State.from_payload(data)
    except FileNotFoundError:
        return State()
    except (OSError, UnicodeDecodeError, ValueError, TypeError, AttributeError) as exc:
        raise DigestError(
            f"cannot read the outbox state {path}: {exc}; move it aside to start afresh"
        ) from None


def _version_1(path: Path) -> object:
    """The payload of a state file of the version 1 layout: one JSON object."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("version") != 1:
        found = data.get("version") if isinstance(data, dict) else "?"
        raise DigestError(f"{path} has state version {found}, this digest reads version {VERSION}")
    return data


def save(out: Path, state: State) -> None:
    """Replace the state file atomically; a failure (disk full, read-only) is an OutputError
    and leaves the previous state."""
    path = out / names.STATE
    try:
        write_atomic(path, state.to_json())
    except OSError as exc:
        raise OutputError(
            f"cannot save the outbox state {str(path)!r}: {exc.strerror or exc}"
        ) from None


@contextlib.contextmanager
def locked(out: Path, wait: float = 0) -> Iterator[None]:
    """Hold the outbox for one run; wait up to ``wait`` seconds for another run to finish.
    The kernel releases the lock if the process dies, so a killed run never blocks the next."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = open(out / names.LOCK, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError as exc:
        raise OutputError(f"cannot use the outbox {str(out)!r}: {exc.strerror or exc}") from None
    deadline = time.monotonic() + max(0.0, wait)
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"another digest run is using {out} (waited {wait:g} s; "
                        "use --wait SECONDS to wait longer)"
                    ) from None
                time.sleep(0.1)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock

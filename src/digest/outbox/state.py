"""What the outbox remembers between runs, and the lock that keeps runs one at a time.

``OUT/.digest-state.json`` (versioned, replaced atomically) holds the end of the last written
window (for ``--since last``), the ids of the articles each digest included (so a touched or
re-exported file is not repeated in a later digest), and what ``digest send`` delivered.
``OUT/.lock`` is held with ``flock`` for the whole of a run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from digest.errors import DigestError, OutputError
from digest.files import write_atomic

STATE_NAME = ".digest-state.json"
LOCK_NAME = ".lock"
VERSION = 1
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

    def with_sent(self, message_id: str, record: dict[str, object]) -> State:
        return replace(self, sent={**self.sent, message_id: record})

    def to_json(self) -> bytes:
        data = {
            "version": VERSION,
            "last_until": self.last_until.isoformat() if self.last_until else None,
            "seen": self.seen,
            "sent": self.sent,
        }
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()


def load(out: Path) -> State:
    """The outbox's state; a missing file is a first run. A file that cannot be read is an
    error naming it (never silently reset: that would repeat old stories)."""
    path = out / STATE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return State()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DigestError(
            f"cannot read the outbox state {path}: {exc}; move it aside to start afresh"
        ) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise DigestError(
            f"{path} has state version {data.get('version') if isinstance(data, dict) else '?'}"
            f", this digest reads version {VERSION}"
        )
    last = data.get("last_until")
    return State(
        last_until=datetime.fromisoformat(last) if last else None,
        seen={str(k): str(v) for k, v in (data.get("seen") or {}).items()},
        sent=dict(data.get("sent") or {}),
    )


def save(out: Path, state: State) -> None:
    """Replace the state file atomically; a failure (disk full, read-only) is an OutputError
    and leaves the previous state."""
    try:
        write_atomic(out / STATE_NAME, state.to_json())
    except OSError as exc:
        raise OutputError(
            f"cannot save the outbox state {str(out / STATE_NAME)!r}: {exc.strerror or exc}"
        ) from None


@contextlib.contextmanager
def locked(out: Path, wait: float = 0) -> Iterator[None]:
    """Hold the outbox for one run; wait up to ``wait`` seconds for another run to finish.
    The kernel releases the lock if the process dies, so a killed run never blocks the next."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = open(out / LOCK_NAME, "a+b")  # noqa: SIM115 - held for the whole block
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

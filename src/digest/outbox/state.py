"""What the outbox remembers between runs, and the lock that keeps runs one at a time.

``OUT/.digest-state.json`` (a record without a checksum, see :func:`digest.files.write_record`:
versioned, replaced atomically, editable by hand) holds the end of the last written window and
the start of the first one (``--since last`` looks back no further), the ids of the articles
each digest included (so a touched or re-exported file is not repeated in a later digest; the
ids of a digest that was sent are never forgotten), and the deliveries: per digest folder, its
Message-ID, whether it waits in the send queue, and each recipient it was delivered to (so a
send that stopped half-way resumes with the others). A state of an earlier layout (version 1,
one JSON object; version 2, ``sent`` by Message-ID) is read as it is and written in the
current layout by the next run that saves. ``OUT/.lock`` is held with ``flock`` for the whole
of a run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from digest.errors import DigestError, OutputError
from digest.files import RecordError, load_record, record_bytes, write_atomic
from digest.outbox import names

KIND = "digest state"
VERSION = 3  # 1: one JSON object with a "version" key; 2: no deliveries (both still read)
READS = (2, 3)  # record versions read
KEEP_SEEN = timedelta(days=120)  # ids of unsent digests older than this are forgotten


class LockedError(DigestError):
    """Another run holds the outbox."""

    exit_code = 3


@dataclass(frozen=True)
class Delivery:
    """One digest folder's delivery: its Message-ID, whether it waits in the send queue, each
    recipient (bare address, lower case) it reached and when, and when it was complete."""

    message_id: str = ""
    queued: str | None = None  # when it joined the send queue (make --send, a failed send)
    # address -> when the server accepted it, or "refused <code> <reply>" when it refused
    # the address for good (5xx): either way, it is not sent to again
    done: dict[str, str] = field(default_factory=dict)
    complete: str | None = None  # when every recipient had it

    @property
    def started(self) -> bool:
        """Sent, or partly sent: the folder may no longer be replaced."""
        return bool(self.done) or self.complete is not None

    @property
    def pending(self) -> bool:
        return self.complete is None and (self.queued is not None or bool(self.done))

    def payload(self) -> dict[str, object]:
        return {
            "message_id": self.message_id,
            "queued": self.queued,
            "done": dict(sorted(self.done.items())),
            "complete": self.complete,
        }

    @classmethod
    def from_payload(cls, data: object) -> Delivery:
        if not isinstance(data, dict):
            raise ValueError("a delivery is not a JSON object")
        queued, complete = data.get("queued"), data.get("complete")
        return cls(
            message_id=str(data.get("message_id") or ""),
            queued=None if queued is None else str(queued),
            done={str(k): str(v) for k, v in (data.get("done") or {}).items()},
            complete=None if complete is None else str(complete),
        )


@dataclass(frozen=True)
class State:
    last_until: datetime | None = None
    seen: dict[str, str] = field(default_factory=dict)  # article id -> digest folder name
    sent: dict[str, dict[str, object]] = field(default_factory=dict)  # version 2: Message-ID ->
    first_since: datetime | None = None  # the start of the first window written
    deliveries: dict[str, Delivery] = field(default_factory=dict)  # digest folder -> delivery

    def seen_elsewhere(self, article_id: str, folder: str) -> bool:
        """Included in a digest other than ``folder`` (remaking a digest keeps its stories)."""
        return self.seen.get(article_id, folder) != folder

    def delivery(self, folder: str) -> Delivery:
        """The folder's delivery (an empty one when it was never queued or sent); a send
        recorded by the version 2 layout counts as complete."""
        found = self.deliveries.get(folder)
        if found is not None:
            return found
        for message_id, record in self.sent.items():
            if record.get("folder") == folder:
                return Delivery(message_id, complete=str(record.get("at") or "before"))
        return Delivery()

    def started(self, folder: str) -> bool:
        return self.delivery(folder).started

    def pending(self) -> list[str]:
        """The folders waiting to be sent, oldest first."""
        return sorted((f for f, d in self.deliveries.items() if d.pending), key=folder_order)

    def advanced(self, window: tuple[datetime, datetime], folder: str, ids: Iterable[str]) -> State:
        """After a digest is written: the window's end (never backwards), the first window's
        start, and its ids, with ids of unsent digests older than KEEP_SEEN dropped. The ids
        of a digest that was sent, even in part, are never dropped."""
        since, until = window
        last = until if self.last_until is None else max(self.last_until, until)
        first = since if self.first_since is None else min(self.first_since, since)
        horizon = (until - KEEP_SEEN).strftime("%Y-%m-%d")
        kept = {f for f in set(self.seen.values()) if self.started(f)}
        seen = {i: f for i, f in self.seen.items() if (f >= horizon or f in kept) and f != folder}
        seen.update({i: folder for i in ids})
        return replace(self, last_until=last, first_since=first, seen=dict(sorted(seen.items())))

    def with_delivery(self, folder: str, delivery: Delivery) -> State:
        return replace(self, deliveries={**self.deliveries, folder: delivery})

    def queued(self, folder: str, now: datetime) -> State:
        """``folder``'s digest in the send queue (unless it is there, or was sent, already)."""
        delivery = self.delivery(folder)
        if delivery.queued is not None or delivery.complete is not None:
            return self
        when = now.astimezone(UTC).isoformat(timespec="seconds")
        return self.with_delivery(folder, replace(delivery, queued=when))

    def payload(self) -> dict[str, object]:
        return {
            "last_until": self.last_until.isoformat() if self.last_until else None,
            "first_since": self.first_since.isoformat() if self.first_since else None,
            "seen": self.seen,
            "sent": self.sent,
            "deliveries": {f: d.payload() for f, d in sorted(self.deliveries.items())},
        }

    def to_json(self) -> bytes:
        return record_bytes(KIND, VERSION, self.payload(), checksum=False)

    @classmethod
    def from_payload(cls, data: object) -> State:
        """Raises ValueError, TypeError or AttributeError for what is not a state."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        last, first = data.get("last_until"), data.get("first_since")
        return cls(
            last_until=datetime.fromisoformat(last) if last else None,
            seen={str(k): str(v) for k, v in (data.get("seen") or {}).items()},
            sent=dict(data.get("sent") or {}),
            first_since=datetime.fromisoformat(first) if first else None,
            deliveries={
                str(k): Delivery.from_payload(v) for k, v in (data.get("deliveries") or {}).items()
            },
        )


def folder_order(name: str) -> tuple[str, int, str]:
    """Digest folders in the order they were made: by day, then edition number."""
    parsed = names.parse_edition(name)
    return (parsed[0], parsed[1], name) if parsed else (name, 0, name)


def load(out: Path) -> State:
    """The outbox's state; a missing file is a first run. A file that cannot be read is an
    error naming it (never silently reset: that would repeat old stories)."""
    path = out / names.STATE
    try:
        try:
            data = load_record(path, KIND, VERSION, checksum=False)
        except RecordError as exc:
            older = exc.version
            if isinstance(older, int) and older in READS:
                data = load_record(path, KIND, older, checksum=False)
            elif older is not None:  # a record of another version
                raise DigestError(
                    f"{path} has state version {older}, this digest reads version {VERSION}"
                ) from None
            else:
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

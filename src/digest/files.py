"""Files that appear whole or not at all, the project's JSON layout, and its one record format.

The lowest layer for anything written to disk (digest folders, state, index, caches, feed
cache): a file is written to a temporary name, flushed and renamed over the old one.

A *record* (:func:`write_record`, :func:`read_record`) is how the outbox keeps what it knows
between runs: a header line ``{"kind": ..., "version": ..., "check": ...}`` and the payload as
compact JSON after it (two JSON texts, so ``jq`` reads it). ``check`` is the sha256 of the
payload's bytes (checked before they are parsed: cheap, and a torn or hand-edited file is
refused); a record written without it is one a person may edit (the state).
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Iterable, Mapping
from hashlib import sha256
from importlib import metadata
from pathlib import Path

TMP_PREFIX = ".tmp-"


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_file(path: Path, data: bytes, durable: bool = True) -> None:
    """Write and flush one file (not atomic by itself: used inside a temporary folder)."""
    with open(path, "wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace one file atomically: temporary file, fsync, rename. ``durable=False`` skips the
    fsyncs, for files that verify themselves (cache entries): a killed process still leaves the
    old file or the new one, and what a power cut may tear fails its checksum."""
    tmp = path.with_name(f"{TMP_PREFIX}{path.name}.{uuid.uuid4().hex[:8]}")
    try:
        write_file(tmp, data, durable)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def to_json(data: object) -> bytes:
    """JSON for people and programs: a top-level object has a key a line, and a list under it
    an item a line (each item compact; json's indenting encoder is pure Python and slow on a
    manifest of a thousand articles)."""

    def one(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    if not isinstance(data, dict):
        return (one(data) + "\n").encode()
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {one(item)}" for item in value)
            lines.append(f"  {one(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {one(key)}: {one(value)}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode()


class RecordError(ValueError):
    """A record file that is there but is not the record asked for (another kind or version,
    a failed checksum, not a record at all)."""

    def __init__(self, message: str, version: object = None) -> None:
        super().__init__(message)
        self.version = version  # the version the file says it is, when it says one


def record_bytes(kind: str, version: int, payload: object, checksum: bool = True) -> bytes:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    header: dict[str, object] = {"kind": kind, "version": version}
    if checksum:
        header["check"] = sha256(body).hexdigest()
    return json.dumps(header).encode() + b"\n" + body


def write_record(
    path: Path,
    kind: str,
    version: int,
    payload: object,
    *,
    durable: bool = True,
    checksum: bool = True,
) -> None:
    """Replace the record at ``path`` atomically (its folder is made when missing). ``durable``
    as for :func:`write_atomic`: only a record with a checksum may skip the fsyncs. Raises
    OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, record_bytes(kind, version, payload, checksum), durable)


def load_record(path: Path, kind: str, version: int, *, checksum: bool = True) -> object:
    """The payload of the record at ``path``. Raises FileNotFoundError when there is none,
    OSError when it cannot be read, RecordError when it is not a ``kind`` record of this
    ``version`` (with a checksum that matches, unless ``checksum`` is False)."""
    data = path.read_bytes()
    head, _, body = data.partition(b"\n")
    try:
        header = json.loads(head)
    except ValueError:
        raise RecordError("not a record (no header line)") from None
    if not isinstance(header, dict) or header.get("kind") != kind:
        raise RecordError(f"not a {kind} record")
    if header.get("version") != version:
        raise RecordError(f"{kind} version {header.get('version')}", header.get("version"))
    check = header.get("check")
    if (checksum or check is not None) and check != sha256(body).hexdigest():
        raise RecordError(f"the {kind} record fails its checksum")
    try:
        return json.loads(body)
    except ValueError as exc:
        raise RecordError(f"the {kind} record is damaged: {exc}") from None


def read_record(path: Path, kind: str, version: int) -> object | None:
    """The payload of a checksummed record, or None when it is missing, unreadable, of
    another kind or version, or damaged: for what only saves time (caches, the index)."""
    try:
        return load_record(path, kind, version)
    except (OSError, RecordError):
        return None


class Fields:
    """Typed access to a JSON object read back from disk (a record's payload, a manifest):
    each accessor gives its type or raises ValueError naming the key."""

    def __init__(self, value: object) -> None:
        if not isinstance(value, dict):
            raise ValueError(f"expected an object, found {type(value).__name__}")
        self.data: Mapping[str, object] = value

    def section(self, key: str) -> Fields:
        return Fields(self.data.get(key))

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise ValueError(f"{key}: expected a string")
        return value

    def optional_text(self, key: str) -> str | None:
        return None if self.data.get(key) is None else self.text(key)

    def number(self, key: str) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{key}: expected a whole number")
        return value

    def items(self, key: str, required: bool = True) -> list[object]:
        """A list (an absent one is empty unless ``required``)."""
        value = self.data.get(key, None if required else [])
        if not isinstance(value, list):
            raise ValueError(f"{key}: expected a list")
        return value

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        values = self.items(key, required)
        if not all(isinstance(v, str) for v in values):
            raise ValueError(f"{key}: expected a list of strings")
        return tuple(str(v) for v in values)


def code_fingerprint(paths: Iterable[Path], packages: Iterable[str] = ()) -> str:
    """A hash of the code as installed: each file of ``paths`` (a folder counts for every file
    under it, compiled caches aside) and the installed version of each of ``packages``. What
    is derived from the code (a cached analysis, a kept digest) is keyed by it, so an upgrade
    that changes a rule is never answered from the older rule's results."""
    digest = sha256()
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                name = file.relative_to(path.parent).as_posix()
                data = file.read_bytes()
                digest.update(f"{name}\0{len(data)}\0".encode() + data)
    for name in packages:
        try:
            digest.update(f"\0{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"\0{name}=none".encode())
    return digest.hexdigest()

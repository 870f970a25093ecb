"""Files that appear whole or not at all, and the project's JSON layout.

The lowest layer for anything written to disk (digest folders, state, index, caches, feed
cache): a file is written to a temporary name, flushed and renamed over the old one.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
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

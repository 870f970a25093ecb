"""What of the outbox the preview may read: containment and the outbox's fingerprint.

A digest folder is a date-named folder in the outbox; a file is one of :data:`FILES` in it.
Anything that resolves outside the outbox (``..``, symlinks) or to a hidden entry (the
outbox's temporaries) is treated as absent, and never read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from digest.outbox import names
from digest.outbox.digest_folder import DigestFolder

FILES = {  # the digest files served, with their content types
    names.HTML: "text/html; charset=utf-8",
    names.TEXT: "text/plain; charset=utf-8",
    names.EML: "message/rfc822",
    names.MANIFEST: "application/json; charset=utf-8",
}
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]{1,4})?", re.ASCII)  # and editions


def contained(path: Path, root: Path) -> Path | None:
    """``path`` resolved, when it exists inside ``root`` (already resolved) and no part of it
    below ``root`` is hidden; None otherwise (symlinks are followed before the check)."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, unreadable, a symlink loop
        return None
    if resolved == root or not resolved.is_relative_to(root):
        return None
    if any(part.startswith(".") for part in resolved.relative_to(root).parts):
        return None
    return resolved


def root(outbox: Path) -> Path | None:
    try:
        found = outbox.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return found if found.is_dir() else None


def folder(outbox: Path, name: str) -> Path | None:
    """The digest folder ``name`` (a date), resolved and inside the outbox, or None."""
    top = root(outbox)
    if top is None or not DATE.fullmatch(name):
        return None
    found = contained(top / name, top)
    return found if found is not None and found.is_dir() else None


def file(outbox: Path, name: str, filename: str) -> Path | None:
    """One of the digest's files, resolved and inside the outbox, or None."""
    top = root(outbox)
    if top is None or filename not in FILES or folder(outbox, name) is None:
        return None
    found = contained(top / name / filename, top)
    return found if found is not None and found.is_file() else None


def digest(outbox: Path, name: str) -> DigestFolder:
    """The digest ``name``, reading only its files that are inside the outbox."""
    where = folder(outbox, name) or outbox / name
    return DigestFolder(where, folder=True, files={f: file(outbox, name, f) for f in FILES})


def outside(where: Path, outbox: Path) -> list[str]:
    """The digest's files that are there but resolve outside the outbox (or to hidden
    entries): never read, never checked. Every file, when the outbox itself is gone."""
    top = root(outbox)
    if top is None:
        return list(FILES)
    return [
        filename
        for filename in FILES
        if os.path.lexists(where / filename) and contained(where / filename, top) is None
    ]


def digests(outbox: Path) -> list[tuple[str, Path]]:
    """Every digest folder in the outbox as (date, resolved path), newest first."""
    top = root(outbox)
    if top is None:
        return []
    try:
        entries = [entry.name for entry in top.iterdir()]
    except OSError:
        return []
    found = [(name, folder(outbox, name)) for name in entries if DATE.fullmatch(name)]
    return sorted(((n, f) for n, f in found if f is not None), reverse=True)


def _stamp(path: Path) -> list[object]:
    try:
        st = path.stat()
    except OSError:
        return [path.name, None]
    return [path.name, st.st_ino, st.st_mtime_ns, st.st_size]


def _hash(data: object) -> str:
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:20]


def outbox_state(outbox: Path) -> dict[str, Any]:
    """A fingerprint of the outbox: one per digest folder (names, inodes, mtimes and sizes of
    the folder and its files) and one for the whole. Any change to a digest changes both."""
    found: dict[str, str] = {}
    for name, where in digests(outbox):
        stamps = [_stamp(where)]
        stamps += [_stamp(where / filename) for filename in FILES]
        found[name] = _hash(stamps)
    return {"fingerprint": _hash(sorted(found.items())), "digests": found}

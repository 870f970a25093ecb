"""Every file and folder name the outbox holds, in one place.

``OUT/<date>/`` is one digest folder (:data:`DIGEST_FILES`), the day's first edition; a later
edition of the same day (made after the first was sent) is ``OUT/<date>-<n>/`` (n = 2, 3, ...).
``OUT/`` also holds the run state, the lock and the ``.cache`` folder (file index, analyses,
feed responses, kept-digest record).
"""

from __future__ import annotations

import re
from pathlib import Path

from digest.readers.index import INDEX_NAME

EML = "digest.eml"
HTML = "digest.html"
TEXT = "digest.txt"
MANIFEST = "manifest.json"
DIGEST_FILES = (EML, HTML, TEXT, MANIFEST)

STATE = ".digest-state.json"
LOCK = ".lock"
CACHE = ".cache"
INDEX = INDEX_NAME  # in CACHE (the readers own the index, and never import the outbox)
ANALYSES = "analyses"  # in CACHE
FEEDS = "feeds"  # in CACHE
KEPT = "unchanged.json"  # in CACHE


def cache_dir(out: Path) -> Path:
    """``OUT/.cache``: what a run may reuse; deleting it only makes the next run slower."""
    return out / CACHE


_EDITION = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-([2-9]|[1-9]\d+))?")


def edition_name(day: str, number: int = 1) -> str:
    """The folder of a day's ``number``-th edition: ``2026-12-01``, ``2026-12-01-2``, ..."""
    return day if number <= 1 else f"{day}-{number}"


def parse_edition(name: str) -> tuple[str, int] | None:
    """(day, edition number) of a digest folder's name, or None for any other name."""
    found = _EDITION.fullmatch(name)
    if found is None:
        return None
    return found.group(1), int(found.group(2) or 1)

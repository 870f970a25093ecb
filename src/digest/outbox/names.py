"""Every file and folder name the outbox holds, in one place.

``OUT/<date>/`` is one digest folder (:data:`DIGEST_FILES`), the day's first edition; a later
edition of the same day (made after the first was sent) is ``OUT/<date>-<n>/`` (n = 2, 3, ...).
``OUT/`` also holds the run state, the lock, the ``.cache`` folder (file index, analyses, feed
responses, kept-digest record), and the archive of every edition (:data:`ARCHIVE_FILES`).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from digest.readers.index import ARTICLES_NAME, INDEX_NAME

EML = "digest.eml"
HTML = "digest.html"
TEXT = "digest.txt"
MANIFEST = "manifest.json"
DIGEST_FILES = (EML, HTML, TEXT, MANIFEST)

STATE = ".digest-state.json"
FIRST_SEEN = ".digest-first-seen.json"  # when each date-less feed entry was first seen
LOCK = ".lock"
CACHE = ".cache"
INDEX = INDEX_NAME  # in CACHE (the readers own the index, and never import the outbox)
ARTICLES = ARTICLES_NAME  # in CACHE: the articles the index recalls, one record a source
ANALYSES = "analyses"  # in CACHE
FEEDS = "feeds"  # in CACHE
KEPT = "unchanged.json"  # in CACHE


def cache_dir(out: Path) -> Path:
    """``OUT/.cache``: what a run may reuse; deleting it only makes the next run slower."""
    return out / CACHE


# --- the archive: OUT/index.html and OUT/feed.xml (digest.outbox.archive) --------------------

ARCHIVE_INDEX = "index.html"  # in OUT: every edition, newest first
FEED = "feed.xml"  # in OUT: the Atom feed of the editions
ARCHIVE_FILES = (ARCHIVE_INDEX, FEED)

# An edition's folder: its date, and from the second edition of a day on ``-<n>``
EDITION = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:-([2-9]|[1-9][0-9]+))?", re.ASCII)


def edition(name: str) -> tuple[date, int] | None:
    """The date and number (1 for the day's first) of an edition folder's name, or None when
    the name is not one (``2026-12-01`` is (2026-12-01, 1), ``2026-12-01-2`` (2026-12-01, 2));
    sorting by it puts editions in the order they were made."""
    match = EDITION.fullmatch(name)
    if match is None:
        return None
    try:
        day = date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return day, int(match.group(2) or 1)


def edition_name(day: str, number: int = 1) -> str:
    """The folder of a day's ``number``-th edition: ``2026-12-01``, ``2026-12-01-2``, ..."""
    return day if number <= 1 else f"{day}-{number}"


def parse_edition(name: str) -> tuple[str, int] | None:
    """(day, edition number) of a digest folder's name, or None for any other name."""
    found = edition(name)
    return None if found is None else (found[0].isoformat(), found[1])

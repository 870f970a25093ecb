"""Every file and folder name the outbox holds, in one place.

``OUT/<date>/`` is one digest folder (:data:`DIGEST_FILES`); ``OUT/`` also holds the run state,
the lock and the ``.cache`` folder (file index, analyses, feed responses, kept-digest record).
"""

from __future__ import annotations

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

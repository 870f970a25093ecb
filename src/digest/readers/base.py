"""The one reader interface, the one registry of readers by file extension, and the one record
of what a reader found.

A reader (plain text, Markdown, feeds, JSON exports, saved pages) turns a file's bytes into a
list of :class:`Entry` (or :class:`EntrySkip` for an entry that cannot be used, with the
reason); :func:`digest.readers.article.to_article` turns each entry into an ``Article`` by the
same rules whatever the format. Readers register themselves with :func:`register`, as Pelican's
do: the scan asks the registry, never a reader by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from digest.model import Source
from digest.readers.first_seen import FirstSeen

MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One article a reader found, before the common rules are applied.

    A reader of one article a file (plain text, Markdown) also gives the file's decoded
    ``text`` and where its body starts in it (``body_start``): quotes report offsets into it.
    """

    title: str
    paragraphs: tuple[str, ...]  # clean lines (digest.text's output), one a paragraph
    dek: str = ""
    date: object = None  # as found: an RFC 822 / ISO 8601 string, date, datetime, or None
    date_origin: str = ""  # where ``date`` came from: "feed published", "front matter", ...
    needs_date: bool = False  # True for feed entries: no date means first seen, not file mtime
    url: str | None = None
    id: str | None = None  # GUID or other stable id when the source gives one
    author: str | None = None
    source: str | None = None  # e.g. the feed's title or the site's name
    language: str | None = None
    tags: tuple[str, ...] = ()
    text: str = field(default="", repr=False)  # the whole decoded file, for one-article files
    body_start: int = 0  # where the body begins in ``text``
    notes: tuple[str, ...] = ()  # what the reader corrected and the user should hear
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class EntrySkip:
    """An entry that cannot be used: ``label`` says which (its title, GUID or line number)."""

    label: str
    reason: str


@dataclass(frozen=True)
class ReadOptions:
    """How sources are read: zone for naive dates, default language, limits, export fields."""

    zone: tzinfo
    language: str = "english"
    max_bytes: int = MAX_BYTES
    fields: tuple[tuple[str, str], ...] = ()  # JSON export field names: (ours, theirs)
    cache: Path | None = None  # where fetched feeds are cached (conditional requests)
    first_seen: Path | None = None  # the record of when date-less feed entries were first seen
    now: datetime | None = None  # the run's clock: dates what is seen for the first time
    seen: FirstSeen | None = field(default=None, compare=False)  # that record, loaded


class Reader(Protocol):
    """Reads one kind of file. ``extensions`` are lower case, with the dot."""

    extensions: tuple[str, ...]

    def enabled(self) -> str | None:
        """None when the reader can run; else why not (a missing extra, and how to add it)."""
        ...

    def read(self, data: bytes, location: Source, options: ReadOptions) -> list[Entry | EntrySkip]:
        """Every entry in the file's bytes. Raises ArticleError when none can be read."""
        ...


READERS: dict[str, Reader] = {}  # by file extension
# Lists of feeds (OPML) by file extension: the feed URLs a file lists, each read as a source.
LISTS: dict[str, Callable[[bytes], list[str]]] = {}
URL_READERS: list[Reader] = []  # what reads a document fetched from a source URL (feeds)


R = TypeVar("R", bound=Reader)


def register(reader: R, *, urls: bool = False) -> R:
    """Register a reader for its extensions (and, with ``urls``, for fetched source URLs)."""
    for ext in reader.extensions:
        READERS[ext] = reader
    if urls:
        URL_READERS.append(reader)
    return reader


def register_list(extension: str, listed: Callable[[bytes], list[str]]) -> None:
    """Register what reads the feed URLs out of a list of feeds (its extension: lower case,
    with the dot); the list's file needs a reader of its own too (to report its problems)."""
    LISTS[extension] = listed


def reader_for(location: Source) -> Reader | None:
    """The reader registered for a file's extension, or for a source URL; None if none is."""
    if not isinstance(location, Path):
        return URL_READERS[-1] if URL_READERS else None
    return READERS.get(location.suffix.lower())


class SourceFile(NamedTuple):
    """An article file found under the sources, with the size and mtime it had then. ``key``
    is its path as a posix string (a scan of 100,000 files makes no Path objects)."""

    key: str
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        return Path(self.key)

    @property
    def stat(self) -> list[int]:
        return [self.size, self.mtime_ns]

"""Finds what to read under the sources (folders, files, feed URLs) and reads each with the
reader registered for it: the articles, and what was skipped with its reason.

The scan knows no reader by name: it asks the registry of :mod:`digest.readers.base` (the
reader modules register themselves when :mod:`digest.readers` is imported), fetches source URLs
with :mod:`digest.readers.fetch`, and turns every entry into an article with
:func:`digest.readers.article.to_article`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from functools import partial
from operator import attrgetter
from pathlib import Path

from digest import dates
from digest.errors import ArticleError, DigestError, MissingSource
from digest.model import Article, Location, Skipped, Source
from digest.readers.article import to_article
from digest.readers.base import (
    LISTS,
    MAX_BYTES,
    READERS,
    EntrySkip,
    Reader,
    ReadOptions,
    SourceFile,
    reader_for,
)
from digest.readers.fetch import fetch
from digest.readers.first_seen import FirstSeen
from digest.readers.index import FileIndex
from digest.urls import is_http

__all__ = [
    "MAX_BYTES",
    "ReadOptions",
    "SourceFile",
    "inventory",
    "is_url",
    "passed_over",
    "read_article",
    "read_file",
    "read_sources",
    "read_url",
]


def _files(root: str, suffixes: frozenset[str]) -> list[SourceFile]:
    """Article files under a folder, in the order of ``sorted(Path(root).rglob("*"))``, with
    their stat from the scan (one system call each). Hidden files and folders are passed over,
    and so are links to folders (which could loop or lead outside the sources)."""
    found: list[SourceFile] = []
    make = partial(tuple.__new__, SourceFile)  # a third of the time SourceFile(...) takes

    def walk(folder: str) -> None:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=attrgetter("name"))
        except FileNotFoundError:
            return  # gone since it was listed: nothing to read
        except OSError as exc:  # never "nothing new": a run that cannot see its sources fails
            raise DigestError(
                f"cannot list the source folder {folder!r}: {exc.strerror or exc}"
            ) from None
        prefix = "" if folder == "." else folder.rstrip("/") + "/"  # as Path.as_posix() has it
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    walk(prefix + name)
                elif "." + name.rpartition(".")[2].lower() in suffixes and entry.is_file():
                    stat = entry.stat()
                    found.append(make((prefix + name, stat.st_size, stat.st_mtime_ns)))
            except OSError:
                continue  # gone since the scan: nothing to read

    walk(root)
    return found


def inventory(sources: Iterable[Path | str | SourceFile]) -> list[SourceFile | str]:
    """Every article file under the sources (folders are scanned, files taken as they are),
    and the feed URLs as they are, each once; a list of feeds (an OPML file) is there itself
    and adds the feed URLs it lists. A source that does not exist is a UsageError."""
    found: list[SourceFile | str] = []
    for source in sources:
        if isinstance(source, SourceFile):
            found.append(source)
            continue
        if is_url(source):
            found.append(str(source))
            continue
        source = Path(source)
        try:
            stat = source.stat()
        except OSError:
            raise MissingSource(f"source {str(source)!r} does not exist") from None
        if source.is_dir():
            found.extend(_files(source.as_posix(), frozenset(READERS)))
        else:
            found.append(SourceFile(source.as_posix(), stat.st_size, stat.st_mtime_ns))
    if LISTS:
        found = _with_listed(found)
    return list(dict.fromkeys(found))


def _with_listed(found: list[SourceFile | str]) -> list[SourceFile | str]:
    """The inventory with the URLs each list of feeds names after it (a list that cannot be
    read adds none: reading it as a source says why)."""
    out: list[SourceFile | str] = []
    for item in found:
        out.append(item)
        if isinstance(item, str):
            continue
        listed = LISTS.get("." + item.key.rpartition(".")[2].lower())
        if listed is None:
            continue
        try:
            out.extend(listed(Path(item.key).read_bytes()))
        except (OSError, ArticleError):
            continue
    return out


def passed_over(sources: Iterable[Path | str]) -> dict[str, int]:
    """How many files under the source folders no reader reads, by extension (".rst", or
    "no extension"), most first; hidden files and folders are not counted (``digest make -v``
    says so, so a folder of such files is not just "0 read")."""
    counts: Counter[str] = Counter()
    for source in sources:
        if is_url(source) or not Path(source).is_dir():
            continue
        for _, folders, names in os.walk(source):
            folders[:] = [f for f in folders if not f.startswith(".")]
            for name in names:
                if name.startswith("."):
                    continue
                suffix = Path(name).suffix.lower()
                if suffix not in READERS:
                    counts[suffix or "no extension"] += 1
    return dict(counts.most_common())


def is_url(source: object) -> bool:
    """Whether a source is a feed URL (a string; a Path never is)."""
    return isinstance(source, str) and is_http(source)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(f"file is {size:,} bytes, over the {max_bytes:,} byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None


def _articles(
    reader: Reader,
    data: bytes,
    location: Source,
    options: ReadOptions,
    fallback: Callable[[], datetime] | None,
) -> tuple[list[Article], list[Skipped]]:
    """Every entry the reader finds, as an article or as a skip naming the entry."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    entries = reader.read(data, location, options)
    for entry in entries:
        if isinstance(entry, EntrySkip):
            where = Location(f"{location.as_posix()}#{entry.label}")
            skipped.append(Skipped(path=where, reason=entry.reason))
            continue
        try:
            articles.append(to_article(entry, location, options, fallback))
        except ArticleError as exc:
            if entry.text:
                raise  # an entry holding the file's whole text is the file: it is skipped
            name = entry.id or entry.url or entry.title[:40] or "entry"
            where = Location(f"{location.as_posix()}#{name}")
            skipped.append(Skipped(path=where, reason=exc.message))
    return articles, skipped


def _reader(location: Source) -> Reader:
    reader = reader_for(location)
    if reader is None:
        if not isinstance(location, Path):
            raise ArticleError("no reader for URLs")
        raise ArticleError(f"no reader for '{location.suffix or location.name}' files")
    missing = reader.enabled()
    if missing:
        raise ArticleError(missing)
    return reader


def read_file(path: Path, options: ReadOptions) -> tuple[list[Article], list[Skipped]]:
    """The articles in one file (one, or many for a feed or export); failures as skips."""
    try:
        reader = _reader(path)
        data = _read_bytes(path, options.max_bytes)
        return _articles(reader, data, path, options, partial(dates.mtime, path, options.zone))
    except ArticleError as exc:
        return [], [Skipped(path=path, reason=exc.message)]


def read_article(
    path: Path, zone: tzinfo, language: str = "english", max_bytes: int = MAX_BYTES
) -> Article:
    """The one article in a file (plain text, Markdown, a saved page). Raises ArticleError."""
    articles, skipped = read_file(path, ReadOptions(zone, language, max_bytes))
    if skipped:
        raise ArticleError(skipped[0].reason)
    if len(articles) != 1:
        raise ArticleError(f"{len(articles)} articles in the file, not one")
    return articles[0]


def read_url(
    url: str, options: ReadOptions, index: FileIndex | None = None
) -> tuple[list[Article], list[Skipped]]:
    """A feed fetched over http(s), with a conditional-request cache; an error is one skip.
    With an ``index``, a response the same as last time's is not parsed again: its articles
    and skips are recalled."""
    location = Location(url)
    try:
        reader = _reader(location)
        if options.cache is not None:
            data = fetch(url, options.cache)
        else:
            with tempfile.TemporaryDirectory(prefix="digest-feed-") as tmp:
                data = fetch(url, Path(tmp))
    except ArticleError as exc:
        return [], [Skipped(path=location, reason=exc.message)]
    version = [len(data), hashlib.sha256(data).hexdigest()]
    if index is not None:
        entry = index.lookup(url, version)
        recalled = index.recall(url, entry, options.zone, location) if entry is not None else None
        if entry is not None and recalled is not None:
            return recalled, index.skips(entry)
    try:
        found, failed = _articles(reader, data, location, options, None)
    except ArticleError as exc:
        found, failed = [], [Skipped(path=location, reason=exc.message)]
    if index is not None:
        index.record(url, version, found, failed, options.zone)
    return found, failed


def read_sources(
    sources: Iterable[Path | str | SourceFile],
    zone: tzinfo,
    language: str = "english",
    *,
    max_bytes: int = MAX_BYTES,
    fields: tuple[tuple[str, str], ...] = (),
    cache: Path | None = None,
    index: FileIndex | None = None,
    span: tuple[datetime, datetime] | None = None,
    first_seen: Path | None = None,
    now: datetime | None = None,
    remember: bool = True,
) -> tuple[list[Article], list[Skipped]]:
    """Every article under the sources (folders, files, feed URLs); what fails is skipped
    with a reason and the rest goes on. ``sources`` may be an :func:`inventory`.

    With an ``index``, a source the index knows to be unchanged is not read again: its
    articles are recalled and its skips reported as they were; with a ``span`` of dates too,
    one none of whose articles is dated in the span is passed over (its skips still reported),
    and articles dated before the span are not kept (later ones are, to be reported as in the
    future). Date-less feed entries are dated when first seen, kept in the ``first_seen``
    record (written unless ``remember`` is False); ``now`` is the clock."""
    seen = FirstSeen(first_seen, now or datetime.now(zone))
    options = ReadOptions(zone, language, max_bytes, fields, cache, first_seen, now, seen)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in inventory(sources):
        if isinstance(item, str):
            found, failed = read_url(item, options, index)
        else:
            found, failed = _read_item(item, options, index, span)
        if span is not None:  # nothing older than the window is kept: memory follows it
            found = [a for a in found if span[0] <= a.published]
        articles += found
        skipped += failed
    if remember:
        seen.save()
    return articles, skipped


def _read_item(
    item: SourceFile,
    options: ReadOptions,
    index: FileIndex | None,
    span: tuple[datetime, datetime] | None,
) -> tuple[list[Article], list[Skipped]]:
    """One source file: passed over, recalled from the index, or read (and indexed)."""
    if index is not None:
        entry = index.lookup(item.key, item.stat)
        if entry is not None:
            if span is not None and index.outside(entry, *span):
                return [], index.skips(entry)
            recalled = index.recall(item.key, entry, options.zone)
            if recalled is not None:
                return recalled, index.skips(entry)
    found, failed = read_file(item.path, options)
    if index is not None:
        index.record(item.key, item.stat, found, failed, options.zone)
    return found, failed

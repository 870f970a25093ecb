"""What the outbox knows about each source file and URL response that was read, so a rerun
and ``digest ls`` never extract the same thing twice, and a narrow window over a large folder
reads only the files that are new, changed, or dated inside the window.

``OUT/.cache/index.json`` maps a file's path (or a source URL) to its version (a file's size
and modification time in ns; a URL response's size and sha256) and the outcome of reading it:
the publication times (POSIX seconds) of the articles read from it, and every skip with its
reason (the whole file's, or one entry's). A file whose version is unchanged and none of whose
dates falls in the window is not read again, and its skips are reported as they were. The
index is a record (see :func:`digest.files.write_record`: a header with the sha256 of the rest,
then one line) of the digest version and the reading settings (zone, language, limits, export
fields) and the entries; it is replaced atomically, and one that fails a check, or was written
by another version or for other settings, is ignored (every file is read) and rewritten.

The articles themselves are kept beside it, one small record a source under
``OUT/.cache/articles/`` (named by the sha256 of the source's key), so a file that must be
looked at again (dated in the window, or listed by ``digest ls``) is recalled, not extracted
again: a saved page costs trafilatura tens of milliseconds, a recalled one a JSON parse.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

from digest import __version__
from digest.files import read_record, write_record
from digest.model import Article, Location, Skipped, Source

INDEX_NAME = "index.json"  # in OUT/.cache (the outbox's names are not the readers' to import)
ARTICLES_NAME = "articles"  # in OUT/.cache: one record of articles a source
KIND = "file index"
FORMAT = 4  # 3: [size, mtime, "dates"|"skip", ...]; 4: [size, version, "read", stamps, skips]
ARTICLES_KIND = "indexed articles"
ARTICLES_FORMAT = 1

# [size, mtime_ns or sha256, "read", [posix seconds, ...], [[where, is a file, reason], ...]]
Entry = list


def _where(path: Source) -> list[object]:
    return [path.as_posix(), isinstance(path, Path)]


def _source(where: object, is_file: object) -> Source:
    return Path(str(where)) if is_file else Location(str(where))


def _offset(moment: datetime, zone: tzinfo) -> int | None:
    """None when the date is in the run's zone, else its fixed offset in seconds (a date is
    shown in the offset it was written with)."""
    if moment.tzinfo is zone:
        return None
    offset = moment.utcoffset()
    return None if offset is None else int(offset.total_seconds())


def _in_offset(stamp: float, offset: object, zone: tzinfo) -> datetime:
    if offset is None:
        return datetime.fromtimestamp(stamp, zone)
    assert isinstance(offset, int)
    fixed = UTC if offset == 0 else timezone(timedelta(seconds=offset))
    return datetime.fromtimestamp(stamp, fixed)


def _article_json(a: Article, zone: tzinfo) -> list[object]:
    return [
        a.id,
        *_where(a.path),
        a.title,
        a.published.timestamp(),
        _offset(a.published, zone),
        a.date_source,
        list(a.paragraphs),
        a.dek,
        a.url,
        a.source,
        a.author,
        a.language,
        list(a.tags),
        a.content_hash,
        a.text,
        a.body_start,
    ]


def _article(row: list[object], zone: tzinfo, known: dict[str, Source]) -> Article:
    (ident, where, is_file, title, stamp, offset, origin, paragraphs, dek, url) = row[:10]
    source, author, language, tags, content_hash, text, body_start = row[10:]
    assert isinstance(stamp, float | int) and isinstance(paragraphs, list)
    assert isinstance(tags, list) and isinstance(body_start, int)
    return Article(
        id=str(ident),
        path=known.get(str(where)) or known.setdefault(str(where), _source(where, is_file)),
        title=str(title),
        published=_in_offset(stamp, offset, zone),
        date_source=str(origin),
        paragraphs=tuple(str(p) for p in paragraphs),
        dek=str(dek),
        url=None if url is None else str(url),
        source=None if source is None else str(source),
        author=None if author is None else str(author),
        language=str(language),
        tags=tuple(str(t) for t in tags),
        content_hash=str(content_hash),
        text=str(text),
        body_start=body_start,
    )


class FileIndex:
    def __init__(
        self, folder: Path, zone_name: str, *settings: object, read_only: bool = False
    ) -> None:
        """The index in ``folder`` (OUT/.cache), valid for this version, zone and the other
        reading ``settings`` (language, limits, export fields: anything that changes what a
        file reads as). A ``read_only`` index (``digest ls``) recalls and records nothing."""
        self.read_only = read_only
        self.path = folder / INDEX_NAME
        self.store = folder / ARTICLES_NAME
        self._store = self.store.as_posix()
        extra = json.dumps(settings, sort_keys=True, default=str) if settings else ""
        self.stamp = f"{__version__}|{zone_name}|{extra}"  # the entries hold for these only
        self.entries: dict[str, Entry] = {}
        self._visited: set[str] = set()
        self._changed = False
        self._load()

    def _load(self) -> None:
        data = read_record(self.path, KIND, FORMAT)
        if isinstance(data, dict) and data.get("stamp") == self.stamp:
            entries = data.get("entries")
            if isinstance(entries, dict):
                self.entries = entries

    def lookup(self, key: str, stat: list[int] | list[object]) -> Entry | None:
        """The entry of an unchanged file or response (``key`` its posix path or URL, ``stat``
        its version), or None. Marks it as still among the sources."""
        self._visited.add(key)
        entry = self.entries.get(key)
        if entry is None or len(entry) != 5 or entry[0] != stat[0] or entry[1] != stat[1]:
            return None
        return entry

    @staticmethod
    def outside(entry: Entry, since: datetime, until: datetime) -> bool:
        """Whether none of the entry's articles is dated in [since, until)."""
        low, high = since.timestamp(), until.timestamp()
        return not any(low <= moment < high for moment in entry[3])

    @staticmethod
    def skips(entry: Entry) -> list[Skipped]:
        """What reading the file skipped, as it was reported then."""
        return [Skipped(path=_source(w, f), reason=str(r)) for w, f, r in entry[4]]

    def _store_path(self, key: str) -> Path:
        name = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        # one Path made from a string: a ls of thousands of files recalls thousands of these
        return Path(f"{self._store}/{name[:2]}/{name[2:]}.json")

    def recall(
        self, key: str, entry: Entry, zone: tzinfo, source: Source | None = None
    ) -> list[Article] | None:
        """The articles read from an unchanged source last time, or None when their record is
        missing or does not match the entry (then the source is read again). ``source`` is
        the source's own path (or URL), given to its articles."""
        if not entry[3]:
            return []
        data = read_record(self._store_path(key), ARTICLES_KIND, ARTICLES_FORMAT)
        if not (isinstance(data, dict) and data.get("key") == key):
            return None
        if data.get("version") != entry[:2]:
            return None
        known = {key: source} if source is not None else {}
        try:
            rows = data["articles"]
            articles = [_article(row, zone, known) for row in rows]
        except (KeyError, TypeError, ValueError, AssertionError, OverflowError, OSError):
            return None
        if [a.published.timestamp() for a in articles] != entry[3]:
            return None
        return articles

    def record(
        self,
        key: str,
        stat: list[int] | list[object],
        articles: list[Article],
        skipped: list[Skipped],
        zone: tzinfo,
    ) -> None:
        """What reading the source gave, under the version the scan saw before it was read
        (so a file changed while being read is read again next time)."""
        self._visited.add(key)
        if self.read_only:
            return
        stamps = [a.published.timestamp() for a in articles]
        entry = [*stat, "read", stamps, [[*_where(s.path), s.reason] for s in skipped]]
        if articles:  # written whenever the source was read: its record may be the one missing
            payload = {
                "key": key,
                "version": list(stat),
                "articles": [_article_json(a, zone) for a in articles],
            }
            try:  # not durable: the checksum tells a torn record, which is only read again
                write_record(
                    self._store_path(key), ARTICLES_KIND, ARTICLES_FORMAT, payload, durable=False
                )
            except OSError:
                return  # no record of the articles: no entry either (read again next time)
        if self.entries.get(key) != entry:
            self.entries[key] = entry
            self._changed = True

    def save(self) -> None:
        """Write the index when this run changed it; sources no longer found are dropped
        (with their articles' records)."""
        if self.read_only:
            return
        gone = [key for key in self.entries if key not in self._visited]
        for key in gone:
            if self.entries[key][3]:
                self._store_path(key).unlink(missing_ok=True)
            del self.entries[key]
        if not (self._changed or gone):
            return
        try:
            payload = {"stamp": self.stamp, "entries": self.entries}
            write_record(self.path, KIND, FORMAT, payload)
        except OSError:
            pass  # an index that cannot be written only costs time


def load_in_background(folder: Path, zone_name: str, *settings: object) -> Callable[[], FileIndex]:
    """Start loading the index in a thread (its JSON parses under the GIL while the caller's
    scan waits on the disk without it); the function returned waits for it and gives it, or
    raises what loading raised."""
    done: list[FileIndex] = []
    failed: list[BaseException] = []

    def load() -> None:
        try:
            done.append(FileIndex(folder, zone_name, *settings))
        except BaseException as exc:  # handed to the caller by result()
            failed.append(exc)

    thread = threading.Thread(target=load, name="digest-load", daemon=True)
    thread.start()

    def result() -> FileIndex:
        thread.join()
        if failed:
            raise failed[0]
        return done[0]

    return result

"""Readers, registered by file extension, that turn files into :class:`Article` records.

Each reader takes the decoded text and returns a :class:`Parsed`; :func:`read_article` adds what
every article needs whatever its format (date with its origin, id, hash, clean title).
:func:`read_sources` walks folders, and a file that cannot be read is skipped with its reason.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import yaml

from digest import dates
from digest.errors import ArticleError, DigestError, MissingSource
from digest.model import Article, Skipped
from digest.readers.base import Entry, EntrySkip
from digest.readers.index import FileIndex
from digest.settings import language_name

MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Parsed:
    """What a reader found in one file: text plus whatever metadata the file states."""

    title: str
    paragraphs: tuple[str, ...]
    dek: str = ""
    meta: dict[str, object] = field(default_factory=dict)
    body_start: int = 0  # where the body begins in the text the reader was given


Reader = Callable[[str], Parsed]
READERS: dict[str, Reader] = {}


def reader(*extensions: str) -> Callable[[Reader], Reader]:
    """Register a reader for file extensions (lower case, with the dot)."""

    def register(func: Reader) -> Reader:
        for ext in extensions:
            READERS[ext] = func
        return func

    return register


# --- shared text helpers -------------------------------------------------------------------

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069"
    r"\ufeff\ufffe\uffff]"
)
_NOT_BODY = re.compile(r"^\s*(also read|read more|related|read also|see also)\s*[:|–—-]", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def clean_line(text: str) -> str:
    """One line of display text: no control, bidi or zero-width characters, spaces folded."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(_CONTROL.sub(" ", text).split())


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """YAML front matter between ``---`` lines at the very top, and the rest of the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ArticleError(
            f"malformed front matter{where}: {getattr(exc, 'problem', exc)}"
        ) from None
    if not isinstance(meta, dict):
        raise ArticleError("malformed front matter: expected 'key: value' lines")
    return {str(k).lower(): v for k, v in meta.items()}, text[match.end() :]


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def _after_first_block(text: str, start: int) -> int:
    """The offset just past the first blank-line separated block at or after ``start``."""
    first = re.compile(r"\S").search(text, start)
    if first is None:
        return len(text)
    blank = _BLANK_LINE.search(text, first.start())
    return blank.end() if blank else len(text)


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of stripped, non-empty lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”’»)\]]$")


def _paragraphs(lines: Iterable[str]) -> list[str]:
    """Lines of one block as paragraphs.

    A line that ends a sentence ends its paragraph (news exports put one paragraph a line);
    a line that stops mid-sentence is hard-wrapped and joins the next one.
    """
    out: list[str] = []
    pending: list[str] = []
    for line in lines:
        pending.append(line)
        if _ENDS_SENTENCE.search(line):
            out.append(" ".join(pending))
            pending = []
    if pending:
        out.append(" ".join(pending))
    return out


def _clean_paragraphs(blocks: Iterable[list[str]]) -> list[str]:
    paragraphs = (clean_line(p) for block in blocks for p in _paragraphs(block))
    return [p for p in paragraphs if p]


def text_paragraphs(text: str) -> tuple[str, ...]:
    """Plain text as clean paragraphs, by the rules of the .txt reader's body."""
    return tuple(_clean_paragraphs(_blocks(text)))


def _body(blocks: Iterable[list[str]]) -> tuple[str, ...]:
    return tuple(p for p in _clean_paragraphs(blocks) if not _NOT_BODY.match(p))


# --- readers -------------------------------------------------------------------------------


@reader(".txt", ".text")
def read_text(text: str) -> Parsed:
    """Plain text: headline, standfirst lines up to the first blank line, then paragraphs.

    With front matter, its ``title`` stands for the headline and the whole rest is body.
    """
    meta, rest = split_front_matter(text)
    base = len(text) - len(rest)
    blocks = _blocks(rest)
    if meta.get("title"):
        return Parsed(
            title=str(meta["title"]), paragraphs=_body(blocks), meta=meta, body_start=base
        )
    if not blocks:
        return Parsed(title="", paragraphs=(), meta=meta, body_start=len(text))
    head, *others = blocks
    return Parsed(
        title=head[0],
        dek=clean_line(" ".join(head[1:])),
        paragraphs=_body(others),
        meta=meta,
        body_start=_after_first_block(text, base),
    )


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M), ""),  # link definitions
    (re.compile(r"<https?://[^>]+>"), ""),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M), r"\1."),  # headings end a sentence
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # blockquotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M), ""),  # list markers
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.M), ""),  # rules
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)
_FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1\s*$", re.S | re.M)
_MD_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*#*\s*$", re.M)


def strip_markdown(text: str) -> str:
    """Markdown to plain text for summarizing: formatting gone, words kept, code dropped."""
    text = _FENCE.sub("", text)
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text.replace("\\", "")


@reader(".md", ".markdown")
def read_markdown(text: str) -> Parsed:
    """Markdown, usually with front matter. Title: front matter, else a leading ``# heading``."""
    meta, rest = split_front_matter(text)
    title = str(meta.get("title") or "")
    if not title:
        match = _MD_TITLE.match(rest)
        if match:
            title, rest = match.group(1), rest[match.end() :]
    start = len(text) - len(rest)
    blocks = _blocks(strip_markdown(rest))
    if not title and blocks:
        title, blocks = blocks[0][0], [blocks[0][1:], *blocks[1:]]
        line_end = text.find("\n", start + len(rest) - len(rest.lstrip()))
        start = len(text) if line_end < 0 else line_end + 1
    return Parsed(
        title=strip_markdown(title), paragraphs=_body(blocks), meta=meta, body_start=start
    )


# --- readers of many articles a file (feeds, exports) or of pages ---------------------------

EntryReader = Callable[[bytes, str, "ReadOptions"], list[Entry | EntrySkip]]
ENTRY_READERS: dict[str, EntryReader] = {}


@dataclass(frozen=True)
class ReadOptions:
    """How sources are read: zone for naive dates, default language, limits, export fields."""

    zone: tzinfo
    language: str = "english"
    max_bytes: int = MAX_BYTES
    fields: tuple[tuple[str, str], ...] = ()  # JSON export field names: (ours, theirs)
    cache: Path | None = None  # where fetched feeds are cached (conditional requests)


def entry_reader(*extensions: str) -> Callable[[EntryReader], EntryReader]:
    def register(func: EntryReader) -> EntryReader:
        for ext in extensions:
            ENTRY_READERS[ext] = func
        return func

    return register


@entry_reader(".xml", ".rss", ".atom", ".rdf")
def read_feed_file(data: bytes, label: str, options: ReadOptions) -> list[Entry | EntrySkip]:
    from digest.readers.feeds import parse_feed

    return parse_feed(data, label)


@entry_reader(".json", ".jsonl", ".ndjson")
def read_json_file(data: bytes, label: str, options: ReadOptions) -> list[Entry | EntrySkip]:
    """A JSON Feed, or an export: a JSON list of objects or JSON Lines."""
    from digest.readers.exports import is_json_feed, read_export

    text = decode(data)
    if is_json_feed(text):
        from digest.readers.feeds import parse_feed  # (feedparser and urllib: only for a feed)

        return parse_feed(data, label)
    jsonl = True if label.lower().endswith((".jsonl", ".ndjson")) else None
    return read_export(text, label, dict(options.fields) or None, jsonl=jsonl)


@entry_reader(".html", ".htm")
def read_html_file(data: bytes, label: str, options: ReadOptions) -> list[Entry | EntrySkip]:
    from digest.readers.pages import read_page

    return [read_page(decode(data), label)]


def _entry_article(
    entry: Entry, path: Path | str, options: ReadOptions, fallback: datetime | None
) -> Article:
    """The common rules for an entry: clean title, aware date with its origin, stable id."""
    title = clean_line(entry.title)
    if not title:
        raise ArticleError("no title")
    paragraphs = tuple(p for p in (clean_line(p) for p in entry.paragraphs) if p)
    if not paragraphs:
        raise ArticleError("no text")
    if entry.date not in (None, ""):
        try:
            published = dates.parse_date(entry.date, options.zone)
        except ValueError as exc:
            raise ArticleError(f"date: {exc}") from None
        origin = entry.date_origin or "metadata"
    elif entry.needs_date or fallback is None:
        raise ArticleError("no publication date")
    else:
        published, origin = fallback, "mtime"
    body = "\n\n".join(paragraphs)
    digest = hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()
    where = path if isinstance(path, str) else path.as_posix()
    url = entry.url if entry.url and entry.url.startswith(("http://", "https://")) else None
    return Article(
        id=entry.id or url or f"{where}#{digest[:16]}",
        path=path if isinstance(path, Path) else Path(where),
        title=title,
        dek=clean_line(entry.dek),
        paragraphs=paragraphs,
        published=published,
        date_source=origin,
        url=url,
        source=clean_line(entry.source) if entry.source else source_name(url, path),
        author=clean_line(entry.author) if entry.author else None,
        language=language_name(entry.language or options.language),
        tags=entry.tags,
        content_hash=digest,
    )


def read_entries(
    data: bytes,
    label: str,
    path: Path | str,
    reader: EntryReader,
    options: ReadOptions,
    fallback: datetime | None,
) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for entry in reader(data, label, options):
        if isinstance(entry, EntrySkip):
            skipped.append(Skipped(path=Path(f"{label}#{entry.label}"), reason=entry.reason))
            continue
        try:
            articles.append(_entry_article(entry, path, options, fallback))
        except ArticleError as exc:
            name = entry.id or entry.url or entry.title[:40] or "entry"
            skipped.append(Skipped(path=Path(f"{label}#{name}"), reason=exc.message))
    return articles, skipped


# --- one article ---------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """The file's text: UTF-8 exactly as decoded (offsets into it are what quotes report),
    else the detected encoding (cp1252 and Latin-1 occur in real exports)."""
    from digest.readers.decode import decode_text

    return decode_text(data)[0]


def _published(path: Path, meta: dict[str, object], zone: tzinfo) -> tuple[datetime, str]:
    """Date precedence: front matter > a YYYY-MM-DD in the file name > file mtime."""
    if meta.get("date") is not None:
        try:
            return dates.parse_date(meta["date"], zone), "front matter"
        except ValueError as exc:
            raise ArticleError(f"front matter date: {exc}") from None
    from_name = dates.date_in_filename(path, zone)
    if from_name is not None:
        return from_name, "filename"
    return dates.mtime(path, zone), "mtime"


def _text_field(meta: dict[str, object], key: str) -> str | None:
    value = meta.get(key)
    if value is None or isinstance(value, (dict, list)):
        return None
    return clean_line(str(value)) or None


def _tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return ()
    return tuple(t for t in (clean_line(str(v)) for v in value) if t)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(f"file is {size:,} bytes, over the {max_bytes:,} byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None


def read_article(
    path: Path, zone: tzinfo, language: str = "english", max_bytes: int = MAX_BYTES
) -> Article:
    """Read one file with the reader registered for its extension. Raises ArticleError."""
    parse = READERS.get(path.suffix.lower())
    if parse is None:
        raise ArticleError(f"no reader for '{path.suffix or path.name}' files")
    data = _read_bytes(path, max_bytes)
    text = decode(data)
    bom = 1 if text.startswith("\ufeff") else 0
    parsed = parse(text[bom:])
    title = clean_line(parsed.title)
    if not title:
        raise ArticleError("no headline")
    if not parsed.paragraphs:
        raise ArticleError("no body text after the headline")
    meta = parsed.meta
    published, origin = _published(path, meta, zone)
    url = _text_field(meta, "url")
    digest = hashlib.sha256(data).hexdigest()
    return Article(
        id=url or f"{path.as_posix()}#{digest[:16]}",
        path=path,
        title=title,
        dek=parsed.dek,
        paragraphs=parsed.paragraphs,
        published=published,
        date_source=origin,
        url=url,
        source=_text_field(meta, "source") or source_name(url, path),
        author=_text_field(meta, "author"),
        language=language_name(_text_field(meta, "language") or language),
        tags=_tags(meta.get("tags")),
        content_hash=digest,
        text=text,
        body_start=parsed.body_start + bom,
    )


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
    and the feed URLs as they are; a source that does not exist is a UsageError."""
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
            raise MissingSource(f"source {str(source)!r} does not exist", str(source)) from None
        if source.is_dir():
            found.extend(_files(source.as_posix(), frozenset((*READERS, *ENTRY_READERS))))
        else:
            found.append(SourceFile(source.as_posix(), stat.st_size, stat.st_mtime_ns))
    return found


def source_name(url: str | None, path: Path | str) -> str:
    """Who published an article that does not say: its site, else the folder it sits in."""
    if url:
        host = urlsplit(url).hostname or ""
        if host:
            return clean_line(host.removeprefix("www."))
    if isinstance(path, str):
        return urlsplit(path).hostname or path
    return clean_line(path.parent.name or path.name)  # a folder name is not clean text


def is_url(source: object) -> bool:
    return isinstance(source, str) and source.startswith(("http://", "https://"))


def read_file(path: Path, options: ReadOptions) -> tuple[list[Article], list[Skipped]]:
    """The articles in one file (one, or many for a feed or export); failures as skips."""
    suffix = path.suffix.lower()
    try:
        if suffix in READERS or suffix not in ENTRY_READERS:
            return [read_article(path, options.zone, options.language, options.max_bytes)], []
        data = _read_bytes(path, options.max_bytes)
        fallback = dates.mtime(path, options.zone)
        return read_entries(data, path.as_posix(), path, ENTRY_READERS[suffix], options, fallback)
    except ArticleError as exc:
        return [], [Skipped(path=path, reason=exc.message)]


def read_url(url: str, options: ReadOptions) -> tuple[list[Article], list[Skipped]]:
    """A feed fetched over http(s), with a conditional-request cache; an error is one skip."""
    from digest.readers.feeds import fetch, parse_feed

    try:
        if options.cache is not None:
            data = fetch(url, options.cache)
        else:
            with tempfile.TemporaryDirectory(prefix="digest-feed-") as tmp:
                data = fetch(url, Path(tmp))

        def as_feed(data: bytes, label: str, opts: ReadOptions) -> list[Entry | EntrySkip]:
            return parse_feed(data, label, base_url=url)

        return read_entries(data, url, url, as_feed, options, None)
    except ArticleError as exc:
        return [], [Skipped(path=Path(url), reason=exc.message)]


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
) -> tuple[list[Article], list[Skipped]]:
    """Every article under the sources (folders, files, feed URLs); what fails is skipped
    with a reason and the rest goes on. With an ``index`` and a ``span`` of dates, a file the
    index knows to be unchanged and dated outside the span is not read, and articles dated
    before the span are not kept (later ones are, to be reported as in the future).
    ``sources`` may be an :func:`inventory`."""
    options = ReadOptions(zone, language, max_bytes, fields, cache)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in inventory(sources):
        if isinstance(item, str):
            found, failed = read_url(item, options)
            articles += found
            skipped += failed
            continue
        if index is not None and span is not None:
            known = index.known_outside(item, *span)
            if isinstance(known, Skipped):
                skipped.append(known)
                continue
            if known:
                continue
        found, failed = read_file(item.path, options)
        if index is not None:
            index.record(item, found, failed)
        if span is not None:  # nothing older than the window is kept: memory follows it
            found = [a for a in found if span[0] <= a.published]
        articles += found
        skipped += failed
    return articles, skipped

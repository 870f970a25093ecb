"""The one way an :class:`~digest.readers.base.Entry` becomes an :class:`~digest.model.Article`.

Whatever read it, an article gets the same rules: a clean headline and body (else it is
skipped), an aware publication date with where it came from, a web address only when it is an
absolute http(s) URL (kept as written), one content hash, one id, and a source name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from digest import dates
from digest.errors import ArticleError
from digest.model import Article, Source
from digest.readers.base import Entry, ReadOptions
from digest.settings import language_name
from digest.settings.languages import override
from digest.text import clean_line
from digest.urls import host, is_http

FIRST_SEEN = "first seen"  # the date origin of a date-less feed entry


def to_article(
    entry: Entry,
    location: Source,
    options: ReadOptions,
    fallback: Callable[[], datetime] | None,
) -> Article:
    """The article an entry stands for. ``fallback`` gives the date when the entry has none
    (the file's mtime, looked up only then); a feed entry (``entry.needs_date``) without a
    date is dated when first seen (``options.seen``). Raises ArticleError.

    The rules, the same for every reader:

    * the content hash is the sha256 of the file's text for a one-article file (so any change
      to the file counts), else of the headline and body;
    * the URL is the entry's when it is an absolute http(s) URL (``HTTPS://`` included), as
      written; anything else is no URL;
    * the id is the entry's own (a feed's GUID), else the URL, else ``location#hash``.
    """
    title = clean_line(entry.title)
    if not title:
        raise ArticleError("no headline")
    paragraphs = tuple(p for p in entry.paragraphs if p)  # clean already: the text kit's
    if not paragraphs:
        raise ArticleError("no body text after the headline")
    published, origin = _published(entry, location, options, fallback)
    text = f"{title}\n" + "\n\n".join(paragraphs)  # the headline and body, as read
    language, notes = _language(entry, text, options.language)
    notes = (*entry.notes, *notes)
    hashed = entry.text if entry.text else text
    digest = hashlib.sha256(hashed.encode("utf-8", "surrogatepass")).hexdigest()
    url = entry.url.strip() if entry.url and is_http(entry.url) else None
    return Article(
        id=entry.id or url or f"{location.as_posix()}#{digest[:16]}",
        path=location,
        title=title,
        dek=clean_line(entry.dek),
        paragraphs=paragraphs,
        published=published,
        date_source=origin,
        url=url,
        source=clean_line(entry.source or "") or source_name(url, location),
        author=clean_line(entry.author or "") or None,
        language=language,
        tags=entry.tags,
        content_hash=digest,
        text=entry.text,
        body_start=entry.body_start,
        notes=notes,
    )


def _language(entry: Entry, text: str, default: str) -> tuple[str, tuple[str, ...]]:
    """The article's language: the one it declares, unless its text contradicts it (another
    script, or overwhelmingly another language's common words: an English feed that says
    ``kn``), then the text's, with a note saying so; else the default."""
    declared = clean_line(entry.language or "")
    if not declared:
        return language_name(default), ()
    language = language_name(declared)
    found = override(language, text)
    if found is None:
        return language, ()
    return found, (f"declared language {declared!r}, but the text is {found}: read as {found}",)


def _published(
    entry: Entry,
    location: Source,
    options: ReadOptions,
    fallback: Callable[[], datetime] | None,
) -> tuple[datetime, str]:
    """The entry's own date (with where it came from), else the fallback as "mtime"."""
    if entry.date not in (None, ""):
        origin = entry.date_origin or "metadata"
        try:
            return dates.parse_date(entry.date, options.zone), origin
        except ValueError as exc:
            raise ArticleError(f"{origin} date: {exc}") from None
    if entry.needs_date:  # a feed entry: dated when first seen, as feed readers do
        key = f"{location.as_posix()}#{entry.id or entry.url or _entry_hash(entry)}"
        if options.seen is not None:
            return options.seen.when(key).astimezone(options.zone), FIRST_SEEN
        return (options.now or datetime.now(options.zone)).astimezone(options.zone), FIRST_SEEN
    if fallback is None:
        raise ArticleError("no publication date")
    try:
        return fallback(), "mtime"
    except OSError as exc:  # gone since it was read
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None


def _entry_hash(entry: Entry) -> str:
    text = "\n".join((entry.title, *entry.paragraphs))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def source_name(url: str | None, location: Source) -> str:
    """Who published an article that does not say: its site, else the folder it sits in
    (for a feed URL, its host)."""
    site = clean_line(host(url))
    if site:
        return site
    if not isinstance(location, Path):
        return host(location) or location
    return clean_line(location.parent.name or location.name)  # a folder name is not clean text

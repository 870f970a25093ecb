"""News feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, read from bytes.

* :func:`parse_feed` turns a feed document into :class:`~digest.readers.base.Entry` records (or
  :class:`~digest.readers.base.EntrySkip` for entries that cannot be used). XML feeds are read with
  feedparser; JSON Feed (https://jsonfeed.org, versions 1 and 1.1) with :mod:`json`.
* The entries' dates are left as the feed gives them: :func:`digest.dates.parse_date` reads
  them (RFC 822 in its many real-world variants, ISO 8601).
* :data:`FEEDS` is the reader registered for ``.xml``, ``.rss``, ``.atom`` and ``.rdf`` files
  and for documents fetched from source URLs (:mod:`digest.readers.fetch` fetches them).

Every failure the user can cause raises :class:`~digest.errors.ArticleError`.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from xml.sax import SAXParseException

from digest.errors import ArticleError
from digest.model import Source
from digest.readers.base import Entry, EntrySkip, ReadOptions, register
from digest.readers.feed_entry import (
    KIND_SCHEME,
    blogger_kind,
    body_paragraphs,
    headline_from,
    nonempty,
    xml_dated,
)
from digest.readers.wxr import is_wxr, parse_wxr
from digest.text import clean_line, html_to_paragraphs, looks_like_html, text_paragraphs
from digest.urls import absolute, is_http

__all__ = ["FEEDS", "JSON_FEED_PREFIX", "headline_from", "is_json_feed_object", "parse_feed"]

JSON_FEED_PREFIX = "https://jsonfeed.org/version/"


def _feedparser() -> Any:
    # loaded with the first XML feed: a heavy import most runs never need
    import feedparser

    return feedparser


# --- parsing -------------------------------------------------------------------------------


def _title(value: object, content_type: str = "text/plain") -> str:
    text = nonempty(value)
    if text is None:
        return ""
    if "html" in content_type:
        return " ".join(html_to_paragraphs(text))
    return clean_line(text)


def _unique(values: Iterable[object]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, str):
            text = clean_line(value)
            if text:
                seen.setdefault(text, None)
    return tuple(seen)


def _entry_or_skip(
    index: int,
    title: str,
    paragraphs: tuple[str, ...],
    ident: str | None,
    url: str | None,
    **fields: object,
) -> Entry | EntrySkip:
    if not paragraphs:
        label = ident or url or f"entry {index}"
        return EntrySkip(label=label, reason="no text" if title else "no title or text")
    if not title:  # allowed by RSS and JSON Feed (micro-blogs): the text opens with it
        title = headline_from(paragraphs)
    # the ignore: ``fields`` are Entry's own keyword fields, typed where the callers build them
    return Entry(title=title, paragraphs=paragraphs, url=url, id=ident, **fields)  # type: ignore[arg-type]


def _dated(published: str | None, updated: str | None) -> dict[str, object]:
    if published:
        return {"date": published, "date_origin": "feed published"}
    if updated:
        return {"date": updated, "date_origin": "feed updated"}
    return {"date": None, "date_origin": ""}


_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return re.match(rb"\s*<\?xml[^>]*\?>\s*(?:<!DOCTYPE\s+html|<html[\s>])", head, re.I) is not None


def _bozo_message(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    if isinstance(exc, SAXParseException):
        return f"{exc.getMessage()} at line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
    return str(exc) or type(exc).__name__


def _is_encoding_problem(exc: BaseException | None) -> bool:
    return isinstance(
        exc, (_feedparser().CharacterEncodingOverride, _feedparser().CharacterEncodingUnknown)
    )


def _author_names(authors: object) -> str | None:
    if not isinstance(authors, list):
        return None
    names = _unique(a.get("name") for a in authors if isinstance(a, Mapping))
    return ", ".join(names) or None


def _parse_xml_feed(data: bytes, label: str, base_url: str | None) -> list[Entry | EntrySkip]:
    # A stream, never bytes: feedparser opens a bytes value that names a file or URL.
    result = _feedparser().parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    feed = result.get("feed", {})
    entries = result.get("entries", [])
    version = result.get("version") or ""
    problem = result.get("bozo_exception") if result.get("bozo") else None
    if not entries:
        if problem is not None and not _is_encoding_problem(problem):
            if version or data.lstrip().startswith(b"<?xml"):
                raise ArticleError(f"truncated or malformed feed: {_bozo_message(problem)}")
            raise ArticleError("not a feed: no RSS, Atom or JSON Feed document found")
        if not version:
            raise ArticleError("not a feed: no RSS, Atom or JSON Feed document found")
        return []  # a well-formed feed that has no entries right now

    title_detail = feed.get("title_detail") or {}
    source = _title(feed.get("title"), title_detail.get("type", "text/plain")) or None
    doc_base = base_url or (label if is_http(label) else None)
    base = absolute(feed.get("link"), doc_base) or doc_base
    language = nonempty(feed.get("language"))
    feed_author = None
    if version.startswith("atom"):  # Atom: the feed's author is every entry's author
        feed_author = _author_names(feed.get("authors")) or nonempty(feed.get("author"))

    out: list[Entry | EntrySkip] = []
    for index, item in enumerate(entries, start=1):
        kind = blogger_kind(item)
        if kind not in (None, "post"):  # a Blogger export's settings, template, comments
            label = nonempty(item.get("id")) or f"entry {index}"
            out.append(EntrySkip(label=label, reason=f"Blogger {kind}, not a post"))
            continue
        detail = item.get("title_detail") or {}
        title = _title(item.get("title"), detail.get("type", "text/plain"))
        paragraphs: tuple[str, ...] = ()
        for body in _xml_bodies(item):
            paragraphs = body_paragraphs(body.get("value") or "", body.get("type") or "text/html")
            if paragraphs:
                break
        out.append(
            _entry_or_skip(
                index,
                title,
                paragraphs,
                nonempty(item.get("id")),
                absolute(item.get("link"), base),
                **xml_dated(item),
                needs_date=True,
                author=(
                    _author_names(item.get("authors"))
                    or nonempty((item.get("author_detail") or {}).get("name"))
                    or nonempty(item.get("author"))
                    or feed_author
                ),
                source=source,
                language=language,
                tags=_unique(
                    t.get("label") or t.get("term")
                    for t in item.get("tags") or ()
                    if not str(t.get("scheme") or "").endswith(KIND_SCHEME)
                ),
                extra={"feed": label},
            )
        )
    return out


def _xml_bodies(item: Mapping[str, object]) -> Iterable[Mapping[str, str]]:
    """Where an entry's text may be, best first: content, then summary/description."""
    content = item.get("content")
    if isinstance(content, list) and content:
        yield content[0]
    summary = item.get("summary")
    if isinstance(summary, str):
        detail = item.get("summary_detail")
        kind = detail.get("type") if isinstance(detail, Mapping) else None
        yield {"type": kind or "text/html", "value": summary}


def _json_author(obj: Mapping[str, object]) -> str | None:
    names = _author_names(obj.get("authors"))  # JSON Feed 1.1
    if names:
        return names
    author = obj.get("author")  # JSON Feed 1
    return nonempty(author.get("name")) if isinstance(author, Mapping) else None


_JSON_BODIES: tuple[tuple[str, Callable[[str], tuple[str, ...]]], ...] = (
    ("content_html", html_to_paragraphs),
    ("content_text", text_paragraphs),
    ("summary", text_paragraphs),
)


def _json_text(value: object) -> str:
    """A JSON Feed title: plain text by the specification, but real feeds put entities
    (``&#x27;``) and even tags in it."""
    text = nonempty(value)
    if text is None:
        return ""
    if looks_like_html(text):
        return " ".join(html_to_paragraphs(text))
    return clean_line(html.unescape(text))


def is_json_feed_object(doc: object) -> bool:
    """Whether a parsed JSON document is a JSON Feed: an object with a list of ``items`` and a
    ``version``, the jsonfeed.org URL or not ("1.1", "jsonfeed 1": real feeds write these)."""
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, str | int | float) or isinstance(version, bool):
        return False
    text = str(version).strip().lower()
    if text.startswith(JSON_FEED_PREFIX):
        return True  # (its items are checked when it is read)
    assert isinstance(doc, dict)
    return isinstance(doc.get("items"), list) and (
        "jsonfeed" in text or re.fullmatch(r"v?\d+(?:\.\d+)*", text) is not None
    )


def _parse_json_feed(
    doc: Mapping[str, object], label: str, base_url: str | None
) -> list[Entry | EntrySkip]:
    items = doc.get("items")
    if not isinstance(items, list):
        raise ArticleError("malformed JSON Feed: 'items' is not a list")
    source = _json_text(doc.get("title")) or None
    doc_base = base_url or (label if is_http(label) else None)
    base = (
        absolute(doc.get("home_page_url"), doc_base)
        or absolute(doc.get("feed_url"), doc_base)
        or doc_base
    )
    feed_language = nonempty(doc.get("language"))
    feed_author = _json_author(doc)

    out: list[Entry | EntrySkip] = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            out.append(EntrySkip(label=f"entry {index}", reason="not a JSON object"))
            continue
        ident = item.get("id")
        ident = str(ident) if isinstance(ident, (int, float)) else nonempty(ident)
        title = _json_text(item.get("title"))
        paragraphs: tuple[str, ...] = ()
        for key, convert in _JSON_BODIES:
            value = item.get(key)
            paragraphs = convert(value) if isinstance(value, str) else ()
            if paragraphs:
                break
        tags = item.get("tags")
        out.append(
            _entry_or_skip(
                index,
                title,
                paragraphs,
                ident,
                absolute(item.get("url"), base) or absolute(item.get("external_url"), base),
                **_dated(nonempty(item.get("date_published")), nonempty(item.get("date_modified"))),
                needs_date=True,
                author=_json_author(item) or feed_author,
                source=source,
                language=nonempty(item.get("language")) or feed_language,
                tags=_unique(tags) if isinstance(tags, list) else (),
                extra={"feed": label},
            )
        )
    return out


def _json_document(data: bytes) -> Mapping[str, object] | None:
    """The JSON Feed object when ``data`` is one; None when it is not JSON at all."""
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return None
    is_json_feed = b"jsonfeed.org/version" in data[:4096]
    try:
        doc = json.loads(text.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ArticleError(f"JSON that is not UTF-8 (byte offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        if is_json_feed:
            raise ArticleError(
                f"truncated or malformed JSON Feed: {exc.msg} at line {exc.lineno}, "
                f"column {exc.colno}"
            ) from None
        return None  # not JSON after all: let feedparser have a go
    if not is_json_feed_object(doc):
        raise ArticleError(
            f'not a feed: JSON without a JSON Feed version ("{JSON_FEED_PREFIX}1.1")'
        )
    assert isinstance(doc, dict)
    return doc


def parse_feed(data: bytes, label: str, *, base_url: str | None = None) -> list[Entry | EntrySkip]:
    """Every entry of an RSS, Atom or JSON Feed document, in document order.

    ``label`` names the feed (its URL or file name): it is kept in each entry's ``extra["feed"]``
    and, when it is an http(s) URL, relative links fall back to it. ``base_url`` overrides that
    fallback. Relative entry links are resolved against the feed's own link first.

    Entries always have ``needs_date=True``; ``date`` is the raw string as the feed gives it
    (read it with :func:`digest.dates.parse_date`), or None. An entry without text is an
    :class:`EntrySkip`.
    Raises ArticleError for a document that is not a feed or is cut short before any entry.
    """
    if not data.strip():
        raise ArticleError("not a feed: empty document")
    doc = _json_document(data)
    if doc is not None:
        return _parse_json_feed(doc, label, base_url)
    if _looks_like_html(data):
        raise ArticleError("not a feed: an HTML page (use the site's RSS or Atom feed URL)")
    if is_wxr(data):
        return parse_wxr(data, label)
    return _parse_xml_feed(data, label, base_url)


class _FeedReader:
    """RSS, Atom and JSON Feed files, and what a source URL gives."""

    extensions: tuple[str, ...] = (".xml", ".rss", ".atom", ".rdf")

    def enabled(self) -> str | None:
        return None

    def read(self, data: bytes, location: Source, options: ReadOptions) -> list[Entry | EntrySkip]:
        label = location.as_posix()
        return parse_feed(data, label, base_url=label if is_http(label) else None)


FEEDS = register(_FeedReader(), urls=True)

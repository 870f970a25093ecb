"""News feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, read from bytes or fetched over HTTP.

* :func:`parse_feed` turns a feed document into :class:`~digest.readers.base.Entry` records (or
  :class:`~digest.readers.base.EntrySkip` for entries that cannot be used). XML feeds are read with
  feedparser; JSON Feed (https://jsonfeed.org, versions 1 and 1.1) with :mod:`json`.
* :func:`parse_feed_date` (from :mod:`digest.dates`) reads the dates feeds carry (RFC 822 in
  its many real-world variants, ISO 8601) as aware datetimes.
* :func:`fetch` downloads a feed with conditional requests (ETag / Last-Modified, cached on
  disk), retries with exponential backoff, a size limit and one-line error messages.

Every failure the user can cause raises :class:`~digest.errors.ArticleError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import http
import http.client
import io
import json
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

import feedparser

from digest import __version__
from digest.dates import parse_feed_date
from digest.errors import ArticleError
from digest.files import write_atomic
from digest.readers.base import Entry, EntrySkip
from digest.readers.scan import clean_line as _clean

__all__ = [
    "MAX_FEED_BYTES",
    "MAX_RETRY_AFTER",
    "USER_AGENT",
    "fetch",
    "html_to_paragraphs",
    "parse_feed",
    "parse_feed_date",
]

MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_RETRY_AFTER = 30.0  # seconds: a longer Retry-After gives up instead of waiting
USER_AGENT = f"digest/{__version__} (+feed reader)"
JSON_FEED_PREFIX = "https://jsonfeed.org/version/"


# --- HTML to text --------------------------------------------------------------------------

# fmt: off
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})
# Content that is never article text: code, fallbacks, embeds, image captions, page chrome.
_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head",
    "title", "figcaption", "button", "select", "textarea",
})
# fmt: on
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")


class _TextExtractor(HTMLParser):
    """Plain text paragraphs from an HTML fragment (block elements end paragraphs)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.saw_block = False
        self._buffer: list[str] = []
        self._skipping: list[str] = []

    def _flush(self) -> None:
        if self._buffer:
            self.blocks.append("".join(self._buffer))
            self._buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping.append(tag)
        elif tag in _BLOCK_TAGS:
            self.saw_block = True
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skipping:
            while self._skipping.pop() != tag:
                pass
        elif tag in _BLOCK_TAGS:
            self.saw_block = True
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_paragraphs(markup: str) -> tuple[str, ...]:
    """Plain text paragraphs from HTML: tags gone, entities unescaped, whitespace folded.

    Block elements (p, div, br, li, headings, blockquote, ...) end paragraphs; script, style,
    noscript, figcaption and similar content is dropped. Markup without any block element
    (a plain-text description) is split at blank lines instead.
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    blocks = parser.blocks
    if not parser.saw_block:
        blocks = [part for block in blocks for part in _BLANK_LINES.split(block)]
    return tuple(p for p in (_clean(b) for b in blocks) if p)


def _text_paragraphs(text: str) -> tuple[str, ...]:
    """Plain text paragraphs: blank lines separate them, other whitespace is folded."""
    return tuple(p for p in (_clean(b) for b in _BLANK_LINES.split(text)) if p)


# --- parsing -------------------------------------------------------------------------------


def _is_http(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _absolute(link: object, base: str | None) -> str | None:
    """``link`` made absolute against ``base``; None unless the result is an http(s) URL."""
    if not isinstance(link, str) or not link.strip():
        return None
    link = link.strip()
    try:
        url = urljoin(base, link) if base else link
    except ValueError:
        return None
    return url if _is_http(url) else None


def _str(value: object) -> str | None:
    """A non-empty string value, or None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _title(value: object, content_type: str = "text/plain") -> str:
    text = _str(value)
    if text is None:
        return ""
    if "html" in content_type:
        return " ".join(html_to_paragraphs(text))
    return _clean(text)


def _unique(values: Iterable[object]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, str):
            text = _clean(value)
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
        exc, (feedparser.CharacterEncodingOverride, feedparser.CharacterEncodingUnknown)
    )


def _author_names(authors: object) -> str | None:
    if not isinstance(authors, list):
        return None
    names = _unique(a.get("name") for a in authors if isinstance(a, Mapping))
    return ", ".join(names) or None


def _parse_xml_feed(data: bytes, label: str, base_url: str | None) -> list[Entry | EntrySkip]:
    # A stream, never bytes: feedparser opens a bytes value that names a file or URL.
    result = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
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
    doc_base = base_url or (label if _is_http(label) else None)
    base = _absolute(feed.get("link"), doc_base) or doc_base
    language = _str(feed.get("language"))
    feed_author = None
    if version.startswith("atom"):  # Atom: the feed's author is every entry's author
        feed_author = _author_names(feed.get("authors")) or _str(feed.get("author"))

    out: list[Entry | EntrySkip] = []
    for index, item in enumerate(entries, start=1):
        detail = item.get("title_detail") or {}
        title = _title(item.get("title"), detail.get("type", "text/plain"))
        paragraphs: tuple[str, ...] = ()
        for body in _xml_bodies(item):
            kind = body.get("type") or "text/html"
            value = body.get("value") or ""
            paragraphs = html_to_paragraphs(value) if "html" in kind else _text_paragraphs(value)
            if paragraphs:
                break
        out.append(
            _entry_or_skip(
                index,
                title,
                paragraphs,
                _str(item.get("id")),
                _absolute(item.get("link"), base),
                # dict.get: feedparser's get("updated") falls back to "published" (and warns)
                **_dated(_str(dict.get(item, "published")), _str(dict.get(item, "updated"))),
                needs_date=True,
                author=(
                    _author_names(item.get("authors"))
                    or _str((item.get("author_detail") or {}).get("name"))
                    or _str(item.get("author"))
                    or feed_author
                ),
                source=source,
                language=language,
                tags=_unique(t.get("label") or t.get("term") for t in item.get("tags") or ()),
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
        detail = item.get("summary_detail") or {}
        yield {"type": detail.get("type") or "text/html", "value": summary}


def _json_author(obj: Mapping[str, object]) -> str | None:
    names = _author_names(obj.get("authors"))  # JSON Feed 1.1
    if names:
        return names
    author = obj.get("author")  # JSON Feed 1
    return _str(author.get("name")) if isinstance(author, Mapping) else None


_JSON_BODIES: tuple[tuple[str, Callable[[str], tuple[str, ...]]], ...] = (
    ("content_html", html_to_paragraphs),
    ("content_text", _text_paragraphs),
    ("summary", _text_paragraphs),
)


def _parse_json_feed(
    doc: Mapping[str, object], label: str, base_url: str | None
) -> list[Entry | EntrySkip]:
    items = doc.get("items")
    if not isinstance(items, list):
        raise ArticleError("malformed JSON Feed: 'items' is not a list")
    source = _title(doc.get("title")) or None
    doc_base = base_url or (label if _is_http(label) else None)
    base = (
        _absolute(doc.get("home_page_url"), doc_base)
        or _absolute(doc.get("feed_url"), doc_base)
        or doc_base
    )
    feed_language = _str(doc.get("language"))
    feed_author = _json_author(doc)

    out: list[Entry | EntrySkip] = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            out.append(EntrySkip(label=f"entry {index}", reason="not a JSON object"))
            continue
        ident = item.get("id")
        ident = str(ident) if isinstance(ident, (int, float)) else _str(ident)
        title = _title(item.get("title"))
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
                _absolute(item.get("url"), base) or _absolute(item.get("external_url"), base),
                **_dated(_str(item.get("date_published")), _str(item.get("date_modified"))),
                needs_date=True,
                author=_json_author(item) or feed_author,
                source=source,
                language=_str(item.get("language")) or feed_language,
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
    version = doc.get("version") if isinstance(doc, dict) else None
    if not (isinstance(version, str) and version.startswith(JSON_FEED_PREFIX)):
        raise ArticleError(
            f'not a feed: JSON without a JSON Feed version ("{JSON_FEED_PREFIX}1.1")'
        )
    return doc


def parse_feed(data: bytes, label: str, *, base_url: str | None = None) -> list[Entry | EntrySkip]:
    """Every entry of an RSS, Atom or JSON Feed document, in document order.

    ``label`` names the feed (its URL or file name): it is kept in each entry's ``extra["feed"]``
    and, when it is an http(s) URL, relative links fall back to it. ``base_url`` overrides that
    fallback. Relative entry links are resolved against the feed's own link first.

    Entries always have ``needs_date=True``; ``date`` is the raw string as the feed gives it (read
    it with :func:`parse_feed_date`), or None. An entry without text is an :class:`EntrySkip`.
    Raises ArticleError for a document that is not a feed or is cut short before any entry.
    """
    if not data.strip():
        raise ArticleError("not a feed: empty document")
    doc = _json_document(data)
    if doc is not None:
        return _parse_json_feed(doc, label, base_url)
    if _looks_like_html(data):
        raise ArticleError("not a feed: an HTML page (use the site's RSS or Atom feed URL)")
    return _parse_xml_feed(data, label, base_url)


# --- fetching ------------------------------------------------------------------------------


class _Failure(Exception):
    """One failed attempt: ``retry`` says whether trying again may help."""

    def __init__(
        self, message: str, *, retry: bool, retry_after: float | None = None, timeout: bool = False
    ) -> None:
        super().__init__(message)
        self.message = message
        self.retry = retry
        self.retry_after = retry_after
        self.timeout = timeout

    def final(self, tries: int) -> str:
        if tries <= 1:
            return self.message
        if self.timeout:
            return f"{self.message} ({tries} tries)"
        return f"{self.message} after {tries} tries"


class _BadRedirect(Exception):
    pass


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only (urllib would also follow ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not _is_http(newurl):
            raise _BadRedirect(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _status_line(code: int, reason: str | None) -> str:
    """The status as one line, e.g. HTTP 404 Not Found (the server's phrase for odd codes)."""
    with contextlib.suppress(ValueError):
        reason = http.HTTPStatus(code).phrase
    return " ".join(f"HTTP {code} {_clean(reason or '')}".split())


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _network_failure(reason: object, url: str, timeout: float) -> _Failure:
    """A _Failure for what urllib reports when no HTTP response arrived."""
    if isinstance(reason, TimeoutError):
        return _Failure(f"timed out after {_seconds(timeout)}", retry=True, timeout=True)
    if isinstance(reason, ConnectionRefusedError):
        return _Failure("connection refused", retry=True)
    if isinstance(reason, http.client.RemoteDisconnected):
        return _Failure("server closed the connection without a response", retry=True)
    if isinstance(reason, ConnectionResetError):
        return _Failure("connection reset by the server", retry=True)
    if isinstance(reason, socket.gaierror):
        host = urlsplit(url).hostname or url
        temporary = reason.errno == socket.EAI_AGAIN
        return _Failure(f"cannot resolve host {host!r}", retry=temporary)
    if isinstance(reason, ssl.SSLCertVerificationError):
        return _Failure(
            f"TLS certificate not accepted: {reason.verify_message or reason}", retry=False
        )
    if isinstance(reason, ssl.SSLError):
        return _Failure(f"TLS error: {reason.reason or reason}", retry=False)
    if isinstance(reason, http.client.IncompleteRead):
        return _Failure("connection closed before the whole response arrived", retry=True)
    if isinstance(reason, http.client.HTTPException):
        return _Failure(f"bad HTTP response ({type(reason).__name__})", retry=True)
    if isinstance(reason, OSError):
        return _Failure(f"network error: {reason.strerror or reason}", retry=True)
    return _Failure(f"network error: {reason}", retry=False)


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """The response body, decompressed if gzip, refused when over ``max_bytes``."""
    limit = f"over the {max_bytes:,} byte limit"
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise ArticleError(f"response is {int(length):,} bytes, {limit}")
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        raise ArticleError(f"unsupported Content-Encoding {encoding!r}")
    inflate = zlib.decompressobj(wbits=31) if encoding != "identity" else None
    out = bytearray()
    while True:
        chunk = response.read(64 * 1024)
        if not chunk:
            break
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, max_bytes + 1 - len(out))
            except zlib.error as exc:
                raise ArticleError(f"corrupt gzip response: {exc}") from None
        out += chunk
        if len(out) > max_bytes:
            raise ArticleError(f"response is {limit}")
    if inflate is not None and not inflate.eof:
        raise ArticleError("corrupt gzip response: data ends early")
    return bytes(out)


class _Cache:
    """``<sha256(url)>.json`` (validators) and ``.body`` (last body) for one URL.

    Anything unreadable, inconsistent or not matching its recorded hash counts as absent.
    Write failures are ignored: the cache only saves downloads.
    """

    def __init__(self, cache_dir: Path, url: str, max_bytes: int) -> None:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        self.url = url
        self.dir = Path(cache_dir)
        self.meta_path = self.dir / f"{key}.json"
        self.body_path = self.dir / f"{key}.body"
        self.etag: str | None = None
        self.last_modified: str | None = None
        self.body: bytes | None = None
        self._load(max_bytes)

    def _load(self, max_bytes: int) -> None:
        try:
            meta = json.loads(self.meta_path.read_bytes())
            if not isinstance(meta, dict) or meta.get("url") != self.url:
                return
            etag, modified, digest = meta.get("etag"), meta.get("last_modified"), meta["sha256"]
            if not all(v is None or isinstance(v, str) for v in (etag, modified)):
                return
            if self.body_path.stat().st_size > max_bytes:
                return
            body = self.body_path.read_bytes()
        except (OSError, ValueError, KeyError, TypeError):
            return
        if hashlib.sha256(body).hexdigest() != digest:
            return
        self.etag, self.last_modified, self.body = etag, modified, body

    def headers(self) -> dict[str, str]:
        if self.body is None:
            return {}
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def store(self, body: bytes, etag: str | None, last_modified: str | None) -> None:
        meta = {
            "url": self.url,
            "etag": etag,
            "last_modified": last_modified,
            "fetched": datetime.now(UTC).isoformat(timespec="seconds"),
            "sha256": hashlib.sha256(body).hexdigest(),
        }
        with contextlib.suppress(OSError):
            self.dir.mkdir(parents=True, exist_ok=True)
            if body != self.body:
                write_atomic(self.body_path, body)
            write_atomic(self.meta_path, (json.dumps(meta, indent=2) + "\n").encode())


def _attempt(
    opener: urllib.request.OpenerDirector,
    url: str,
    cache: _Cache,
    timeout: float,
    max_bytes: int,
) -> bytes:
    """One request. Raises _Failure (maybe worth retrying) or ArticleError (final)."""
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": (
            "application/rss+xml, application/atom+xml, application/feed+json, "
            "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
        ),
        "Accept-Encoding": "gzip",
        **cache.headers(),
    }
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=timeout) as response:
            body = _read_body(response, max_bytes)
            etag = response.headers.get("ETag")
            last_modified = response.headers.get("Last-Modified")
    except urllib.error.HTTPError as exc:
        with contextlib.suppress(Exception):
            exc.close()
        if exc.code == 304:
            if cache.body is None:
                raise ArticleError("HTTP 304 Not Modified, but there is no cached copy") from None
            body = cache.body
            cache.store(
                body,
                exc.headers.get("ETag") or cache.etag,
                exc.headers.get("Last-Modified") or cache.last_modified,
            )
            return body
        status = _status_line(exc.code, exc.reason if isinstance(exc.reason, str) else None)
        if exc.code == 429:
            raise _Failure(
                status, retry=True, retry_after=_retry_after(exc.headers.get("Retry-After"))
            ) from None
        if exc.code >= 500:
            raise _Failure(status, retry=True) from None
        raise ArticleError(status) from None
    except _BadRedirect as exc:
        raise ArticleError(f"redirected to a non-HTTP URL: {exc.args[0]}") from None
    except urllib.error.URLError as exc:
        raise _network_failure(exc.reason, url, timeout) from None
    except ValueError as exc:  # http.client.InvalidURL and friends
        raise ArticleError(f"invalid URL {url!r}: {exc}") from None
    except (OSError, http.client.HTTPException) as exc:  # raised while reading the body
        raise _network_failure(exc, url, timeout) from None
    cache.store(body, etag, last_modified)
    return body


def fetch(
    url: str,
    cache_dir: Path,
    *,
    timeout: float = 15,
    retries: int = 2,
    backoff: float = 1.0,
    sleep: Callable[[float], object] = time.sleep,
    max_bytes: int = MAX_FEED_BYTES,
) -> bytes:
    """The body at an http(s) ``url``, using and refreshing the conditional-request cache.

    Sends If-None-Match / If-Modified-Since from the cache in ``cache_dir`` and returns the
    cached body on 304. Timeouts, connection errors, 5xx and 429 are tried again up to
    ``retries`` times, waiting ``backoff * 2**attempt`` seconds (at least a Retry-After of up to
    :data:`MAX_RETRY_AFTER` seconds) through ``sleep``; other 4xx fail at once. Raises
    ArticleError with one line: "HTTP 404 Not Found", "timed out after 15 s (3 tries)",
    "HTTP 500 Internal Server Error after 3 tries", "connection refused after 3 tries", ...
    """
    if not isinstance(url, str) or not _is_http(url):
        raise ArticleError(f"cannot fetch {url!r}: only http:// and https:// URLs are read")
    cache = _Cache(cache_dir, url, max_bytes)
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    tries = max(0, retries) + 1
    for attempt in range(tries):
        try:
            return _attempt(opener, url, cache, timeout, max_bytes)
        except _Failure as failure:
            if not failure.retry:
                raise ArticleError(failure.message) from None
            if attempt + 1 >= tries:
                raise ArticleError(failure.final(tries)) from None
            delay = backoff * 2**attempt
            if failure.retry_after is not None:
                if failure.retry_after > MAX_RETRY_AFTER:
                    raise ArticleError(
                        f"{failure.message} (retry after {_seconds(failure.retry_after)})"
                    ) from None
                delay = max(delay, failure.retry_after)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover

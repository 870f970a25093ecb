"""Fetching a source URL over HTTP: :func:`fetch` downloads a feed with conditional requests
(ETag / Last-Modified, cached on disk), retries with exponential backoff, a size limit and
one-line error messages.

Every failure raises :class:`~digest.errors.ArticleError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import http
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from digest import __version__
from digest.errors import ArticleError
from digest.files import read_record, write_atomic, write_record
from digest.text import clean_line
from digest.urls import is_http

__all__ = ["MAX_FEED_BYTES", "MAX_RETRY_AFTER", "USER_AGENT", "fetch"]

MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_RETRY_AFTER = 30.0  # seconds: a longer Retry-After gives up instead of waiting
USER_AGENT = f"digest/{__version__} (+feed reader)"


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

    # urllib's own signature (untyped, as in the base class)
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_http(newurl):
            raise _BadRedirect(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _status_line(code: int, reason: str | None) -> str:
    """The status as one line, e.g. HTTP 404 Not Found (the server's phrase for odd codes)."""
    with contextlib.suppress(ValueError):
        reason = http.HTTPStatus(code).phrase
    return " ".join(f"HTTP {code} {clean_line(reason or '')}".split())


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


RECORD_KIND = "feed response"
RECORD_VERSION = 1


class _Cache:
    """``<sha256(url)>.json`` (validators, a files.py record) and ``.body`` (last body) for
    one URL.

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
        meta = read_record(self.meta_path, RECORD_KIND, RECORD_VERSION)
        if not isinstance(meta, dict) or meta.get("url") != self.url:
            return
        try:
            etag, modified, digest = meta.get("etag"), meta.get("last_modified"), meta["sha256"]
            if not all(v is None or isinstance(v, str) for v in (etag, modified)):
                return
            if self.body_path.stat().st_size > max_bytes:
                return
            body = self.body_path.read_bytes()
        except (OSError, KeyError):
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
            write_record(self.meta_path, RECORD_KIND, RECORD_VERSION, meta)


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
    if not isinstance(url, str) or not is_http(url):
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

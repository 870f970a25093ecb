"""The preview's HTTP server: the fixed URL map, containment of every path (see
:mod:`digest.preview.contained`), the Content-Security-Policy of each response, the Host check
against DNS rebinding, and binding and serving.

Only a fixed set of URLs is served (see :data:`URLS`); everything else is 404, including
anything that resolves outside the outbox (``..``, percent-encoding, symlinks) and hidden
entries (the outbox's temporaries). Only GET and HEAD are allowed. The server listens on
127.0.0.1 unless told otherwise. Standard library only.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import os
import re
import secrets
import shutil
import socket
import socketserver
import sys
import webbrowser
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from digest.errors import UsageError
from digest.outbox import names
from digest.preview import contained, pages
from digest.preview.contained import FILES, outbox_state

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8025
PORT_TRIES = 20  # a busy port: try up to 20 more
REQUEST_TIMEOUT = 10.0  # seconds a connection may sit idle (slow or silent clients)
URLS = ("/", "/_state", "/d/<YYYY-MM-DD>/", *(f"/d/<YYYY-MM-DD>/{name}" for name in FILES))
_VIEWER = re.compile(r"/d/([0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]{1,4})?)/", re.ASCII)
_RAW = re.compile(
    r"/d/([0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]{1,4})?)/("
    + "|".join(re.escape(name) for name in FILES)
    + ")",
    re.ASCII,
)
_DRAIN_LIMIT = 65_536  # bytes of an unwanted request body read before answering 405

# The digest's own HTML runs no script (mail clients run none either), submits no form and can
# be framed only by the viewer; images and styles load as a mail client would load them. It is
# not sandboxed: the viewer reads its height to size the frames, and Chromium draws sandboxed
# (cross-process) frames unreliably in headless screenshots.
RAW_HTML_CSP = (
    "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'"
)
ERROR_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _page_csp(nonce: str) -> str:
    return (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
        "connect-src 'self'; frame-src 'self'; img-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )


# --- HTTP --------------------------------------------------------------------------------------


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD on the fixed URL map; 404 for every other path, 405 for other methods."""

    server: PreviewServer
    server_version = "digest-preview"
    protocol_version = "HTTP/1.0"  # one request per connection: no idle keep-alive threads

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        # StreamRequestHandler sets it on the socket (typeshed calls it a ClassVar)
        self.timeout = self.server.request_timeout  # type: ignore[misc]
        self._csp: str | None = None
        self._allow = False
        super().setup()

    # every response, error pages included, carries these
    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", self._csp or ERROR_CSP)
        if self._allow:
            self.send_header("Allow", "GET, HEAD")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def __getattr__(self, name: str) -> Any:
        # BaseHTTPRequestHandler looks up do_<METHOD>: every method but GET and HEAD is 405
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self._drain()
        self._allow = True
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed")

    def _drain(self) -> None:
        """Read a small request body so the client sees the answer rather than a reset."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return
        if 0 < length <= _DRAIN_LIMIT:
            with contextlib.suppress(OSError):
                self.rfile.read(length)

    def do_HEAD(self) -> None:
        self._get(head=True)

    def do_GET(self) -> None:
        self._get(head=False)

    def _send(self, status: int, body: bytes, content_type: str, csp: str, head: bool) -> None:
        self._csp = csp
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_found(self, head: bool) -> None:
        self._csp = ERROR_CSP
        if head:
            self.send_response(HTTPStatus.NOT_FOUND)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")

    def _host_allowed(self) -> bool:
        """Against DNS rebinding: a page on some web site whose name now points at this
        machine sends its own name as Host. Allowed: IP literals, localhost, the host the
        server was told to listen on, and no Host at all (HTTP/1.0)."""
        host = (self.headers.get("Host") or "").strip().lower()
        if not host:
            return True
        if host.startswith("["):
            name = host[1 : host.find("]")] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        if name in ("localhost", self.server.host.lower()) or name.endswith(".localhost"):
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True

    def _get(self, head: bool) -> None:
        if not self._host_allowed():
            self._csp = ERROR_CSP
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "Unknown Host header")
            return
        path = self.path.split("?", 1)[0]  # a query string is ignored; the path never decoded
        outbox = self.server.outbox
        nonce = secrets.token_urlsafe(16)
        try:
            if path == "/":
                body = pages.render_index(outbox, nonce)
                self._send(200, body, FILES[names.HTML], _page_csp(nonce), head)
            elif path == "/_state":
                body = json.dumps(outbox_state(outbox)).encode()
                self._send(200, body, FILES[names.MANIFEST], ERROR_CSP, head)
            elif match := _VIEWER.fullmatch(path):
                name = match.group(1)
                folder = contained.folder(outbox, name)
                if folder is None:
                    body = pages.render_missing(outbox, name, nonce)
                    self._send(404, body, FILES[names.HTML], _page_csp(nonce), head)
                else:
                    body = pages.render_viewer(outbox, name, folder, nonce)
                    self._send(200, body, FILES[names.HTML], _page_csp(nonce), head)
            elif match := _RAW.fullmatch(path):
                self._raw(match.group(1), match.group(2), head)
            else:
                self._not_found(head)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        except Exception as exc:  # one bad digest must not take the server down
            sys.stderr.write(f"digest preview: error serving {self.path!r}: {exc!r}\n")
            self._csp = ERROR_CSP
            with contextlib.suppress(OSError):
                self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR, "Internal error")

    def _raw(self, name: str, filename: str, head: bool) -> None:
        """The file as it is on disk: opened once, so a digest replaced meanwhile is served
        whole (the old or the new version, never half of each)."""
        found = contained.file(self.server.outbox, name, filename)
        if found is None:
            self._not_found(head)
            return
        try:
            handle = open(found, "rb")  # noqa: SIM115 (closed below, after the headers)
        except OSError:
            self._not_found(head)
            return
        with handle:
            size = os.fstat(handle.fileno()).st_size
            self._csp = RAW_HTML_CSP if filename == names.HTML else ERROR_CSP
            self.send_response(200)
            self.send_header("Content-Type", FILES[filename])
            self.send_header("Content-Length", str(size))
            self.end_headers()
            if not head:
                shutil.copyfileobj(handle, self.wfile)


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server over one outbox folder."""

    daemon_threads = True
    block_on_close = False  # Ctrl-C does not wait for slow clients
    allow_reuse_address = True  # restart right after a stop (TIME_WAIT); never SO_REUSEPORT
    allow_reuse_port = False

    def __init__(
        self,
        address: tuple[str, int],
        outbox: Path,
        *,
        family: int = socket.AF_INET,
        verbose: bool = False,
        request_timeout: float = REQUEST_TIMEOUT,
    ) -> None:
        self.address_family = family
        self.outbox = outbox
        self.verbose = verbose
        self.request_timeout = request_timeout
        self.host = address[0]
        self.notes: list[str] = []
        super().__init__(address, PreviewHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up (getfqdn): slow offline, not needed
        if self.address_family == socket.AF_INET6:
            with contextlib.suppress(OSError, AttributeError):
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        socketserver.TCPServer.server_bind(self)
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)) and not self.verbose:
            return  # a client went away
        if self.verbose:
            super().handle_error(request, client_address)
        else:
            sys.stderr.write(f"digest preview: error with a request: {exc!r}\n")


def _family(host: str, port: int) -> int:
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UsageError(f"cannot listen on {host!r}: unknown host ({exc})") from None
    return int(infos[0][0])


def _url(host: str, port: int) -> str:
    shown = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def make_server(
    outbox: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    find_free_port: bool = True,
    *,
    verbose: bool = False,
    request_timeout: float = REQUEST_TIMEOUT,
) -> tuple[PreviewServer, str]:
    """Bind a preview server for ``outbox`` without serving; returns it and its URL.

    The caller runs ``server.serve_forever()`` (a thread is fine) and later ``shutdown()`` and
    ``server_close()``. Port 0 picks a free port. When ``port`` is in use and
    ``find_free_port`` is true, the next ports (up to ``port + 20``) are tried; the port used
    is in the URL and ``server.notes`` says why it differs. Raises UsageError when the outbox
    is not a folder, the port is in use (``find_free_port=False``) or every port tried is, or
    the host cannot be listened on.
    """
    outbox = Path(outbox)
    if not outbox.exists():
        raise UsageError(f"the outbox folder {str(outbox)!r} does not exist")
    if not outbox.is_dir():
        raise UsageError(f"the outbox {str(outbox)!r} is not a folder")
    if not 0 <= port <= 65535:
        raise UsageError(f"port {port} is not a port number (0-65535)")
    family = _family(host, port)
    last = min(port + PORT_TRIES, 65535) if find_free_port and port else port
    for candidate in range(port, last + 1):
        try:
            server = PreviewServer(
                (host, candidate),
                outbox,
                family=family,
                verbose=verbose,
                request_timeout=request_timeout,
            )
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                continue
            reason = exc.strerror or str(exc)
            raise UsageError(f"cannot listen on {host}:{candidate}: {reason}") from None
        break
    else:
        if last == port:
            raise UsageError(
                f"port {port} is in use on {host}: stop what uses it or choose another port"
            )
        raise UsageError(f"ports {port}-{last} are all in use on {host}: choose another port")
    url = _url(host, server.port)
    if port and server.port != port:
        server.notes.append(f"port {port} is in use; using port {server.port} instead")
    if host not in ("127.0.0.1", "localhost", "::1"):
        server.notes.append(
            f"listening on {host or 'every interface'}: other machines that can reach it "
            "can read these digests"
        )
    return server, url


def serve(
    outbox: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    open_browser: bool = False,
    find_free_port: bool = True,
    *,
    verbose: bool = False,
    ready: Callable[[PreviewServer, str], None] | None = None,
) -> None:
    """Serve the outbox until Ctrl-C. ``ready(server, url)`` is called once listening; by
    default the URL (and any note, such as a busy port) is printed to stderr."""
    server, url = make_server(outbox, host, port, find_free_port, verbose=verbose)
    try:
        if ready is not None:
            ready(server, url)
        else:
            for note in server.notes:
                sys.stderr.write(f"digest preview: {note}\n")
            sys.stderr.write(f"digest preview: serving {outbox} at {url} (Ctrl-C to stop)\n")
            sys.stderr.flush()
        if open_browser:
            with contextlib.suppress(Exception):
                webbrowser.open(url)
        server.serve_forever()
    except KeyboardInterrupt:
        sys.stderr.write("digest preview: stopped\n")
    finally:
        server.server_close()

"""``digest preview``: a small local web server for looking at the outbox before sending.

``/`` lists every digest in the outbox, newest first; ``/d/<date>/`` shows one digest: its HTML
side by side at desktop (600 px) and phone (375 px) widths, the plain-text part, the message
headers and what ``digest check`` says. Pages poll ``/_state`` and reload when the outbox
changes, so a ``digest make`` in another terminal shows up on its own.

Only a fixed set of URLs is served (see :data:`URLS`); everything else is 404, including
anything that resolves outside the outbox (``..``, percent-encoding, symlinks) and hidden
entries (the outbox's temporaries). Only GET and HEAD are allowed. The server listens on
127.0.0.1 unless told otherwise. Standard library only.
"""

from __future__ import annotations

import contextlib
import email
import errno
import hashlib
import html
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
from datetime import datetime
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from digest.checks import CheckResult, check_path
from digest.errors import DigestError, UsageError

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "FILES",
    "PORT_TRIES",
    "URLS",
    "PreviewHandler",
    "PreviewServer",
    "make_server",
    "outbox_state",
    "serve",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8025
PORT_TRIES = 20  # a busy port: try up to 20 more
REQUEST_TIMEOUT = 10.0  # seconds a connection may sit idle (slow or silent clients)
POLL_MS = 1500
DESKTOP, PHONE = 600, 375
URLS = (
    "/",
    "/_state",
    "/d/<YYYY-MM-DD>/",
    "/d/<YYYY-MM-DD>/digest.html",
    "/d/<YYYY-MM-DD>/digest.txt",
    "/d/<YYYY-MM-DD>/digest.eml",
    "/d/<YYYY-MM-DD>/manifest.json",
)
FILES = {
    "digest.html": "text/html; charset=utf-8",
    "digest.txt": "text/plain; charset=utf-8",
    "digest.eml": "message/rfc822",
    "manifest.json": "application/json; charset=utf-8",
}
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_VIEWER = re.compile(r"/d/([0-9]{4}-[0-9]{2}-[0-9]{2})/", re.ASCII)
_RAW = re.compile(
    r"/d/([0-9]{4}-[0-9]{2}-[0-9]{2})/(digest\.html|digest\.txt|digest\.eml|manifest\.json)",
    re.ASCII,
)
_DRAIN_LIMIT = 65_536  # bytes of an unwanted request body read before answering 405
_HEADER_LIMIT = 65_536  # bytes of digest.eml read to find its headers

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


# --- the outbox --------------------------------------------------------------------------------


def _contained(path: Path, root: Path) -> Path | None:
    """``path`` resolved, when it exists inside ``root`` (already resolved) and no part of it
    below ``root`` is hidden; None otherwise (symlinks are followed before the check)."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, unreadable, a symlink loop
        return None
    if resolved == root or not resolved.is_relative_to(root):
        return None
    if any(part.startswith(".") for part in resolved.relative_to(root).parts):
        return None
    return resolved


def _root(outbox: Path) -> Path | None:
    try:
        root = outbox.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return root if root.is_dir() else None


def _folder(outbox: Path, name: str) -> Path | None:
    """The digest folder ``name`` (a date), resolved and inside the outbox, or None."""
    root = _root(outbox)
    if root is None or not DATE.fullmatch(name):
        return None
    folder = _contained(root / name, root)
    return folder if folder is not None and folder.is_dir() else None


def _file(outbox: Path, name: str, filename: str) -> Path | None:
    """One of the digest's files, resolved and inside the outbox, or None."""
    root = _root(outbox)
    if root is None or filename not in FILES or _folder(outbox, name) is None:
        return None
    found = _contained(root / name / filename, root)
    return found if found is not None and found.is_file() else None


def _digests(outbox: Path) -> list[tuple[str, Path]]:
    """Every digest folder in the outbox as (date, resolved path), newest first."""
    root = _root(outbox)
    if root is None:
        return []
    try:
        names = [entry.name for entry in root.iterdir()]
    except OSError:
        return []
    found = [(name, _folder(outbox, name)) for name in names if DATE.fullmatch(name)]
    return sorted(((n, f) for n, f in found if f is not None), reverse=True)


def _stamp(path: Path) -> list[object]:
    try:
        st = path.stat()
    except OSError:
        return [path.name, None]
    return [path.name, st.st_ino, st.st_mtime_ns, st.st_size]


def _hash(data: object) -> str:
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:20]


def outbox_state(outbox: Path) -> dict[str, Any]:
    """A fingerprint of the outbox: one per digest folder (names, inodes, mtimes and sizes of
    the folder and its files) and one for the whole. Any change to a digest changes both."""
    digests: dict[str, str] = {}
    for name, folder in _digests(outbox):
        stamps = [_stamp(folder)]
        stamps += [_stamp(folder / filename) for filename in FILES]
        digests[name] = _hash(stamps)
    return {"fingerprint": _hash(sorted(digests.items())), "digests": digests}


def _read(path: Path | None, limit: int | None = None) -> bytes | None:
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    except OSError:
        return None


def _manifest(outbox: Path, name: str) -> dict[str, Any] | None:
    raw = _read(_file(outbox, name, "manifest.json"))
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _header_block(raw: bytes) -> bytes:
    for end in (b"\r\n\r\n", b"\n\n"):
        at = raw.find(end)
        if at >= 0:
            return raw[: at + len(end)]
    return raw


def _subject(outbox: Path, name: str) -> str | None:
    raw = _read(_file(outbox, name, "digest.eml"), _HEADER_LIMIT)
    if not raw:
        return None
    try:
        message = BytesHeaderParser(policy=policy.default).parsebytes(_header_block(raw))
        subject = message["Subject"]
        return None if subject is None else " ".join(str(subject).split())
    except Exception:  # a malformed header: show none rather than fail the index
        return None


def _stories(manifest: dict[str, Any] | None) -> int | None:
    if manifest is None:
        return None
    articles, more = manifest.get("articles"), manifest.get("more_stories", [])
    if not isinstance(articles, list) or not isinstance(more, list):
        return None
    return len(articles) + len(more)


def _when(value: object) -> str:
    if not isinstance(value, str):
        return "?"
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def _window(manifest: dict[str, Any] | None) -> str:
    window = manifest.get("window") if manifest else None
    if not isinstance(window, dict):
        return "?"
    zone = window.get("timezone")
    text = f"{_when(window.get('since'))} – {_when(window.get('until'))}"
    return f"{text} {zone}" if isinstance(zone, str) and zone else text


# --- pages -------------------------------------------------------------------------------------

e = html.escape

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
  color:#1d2126;background:#f3f4f6}
header,main{max-width:1120px;margin:0 auto;padding:12px 20px}
header{display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
header .live{margin-left:auto;color:#667;font-size:13px}
h1{font-size:20px;margin:6px 0}
h2{font-size:16px;margin:28px 0 8px}
a{color:#0b57d0}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid #e1e4e8}
th{background:#eceef1;font-weight:600}
td.num{text-align:right}
.meta{color:#556;margin:4px 0 0}
.muted{color:#889}
.status{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace}
.PASS{color:#137333}.WARN{color:#9a6700}.FAIL{color:#c5221f}
.summary span{margin-right:12px}
.widths{margin:10px 0}
.widths label{margin-right:14px;cursor:pointer}
.frames{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}
figure{margin:0}
figcaption{font-size:13px;color:#556;margin-bottom:4px}
iframe{border:0;background:#fff;box-shadow:0 0 0 1px #c9ced6;height:1400px;display:block}
iframe.desktop{width:600px}
iframe.phone{width:375px}
#w-desktop:checked~.frames .phone,#w-phone:checked~.frames .desktop{display:none}
input[name=w]{position:absolute;opacity:0}
#w-both:focus-visible~.widths label[for=w-both],#w-desktop:focus-visible~.widths
label[for=w-desktop],#w-phone:focus-visible~.widths label[for=w-phone]{outline:2px solid #0b57d0}
td.nowrap{white-space:nowrap}
#w-both:checked~.widths label[for=w-both],#w-desktop:checked~.widths label[for=w-desktop],
#w-phone:checked~.widths label[for=w-phone]{font-weight:700;text-decoration:underline}
pre{background:#fff;padding:12px;border:1px solid #e1e4e8;overflow-x:auto;font-size:13px;
  max-width:100%;box-sizing:border-box}
td.hname{white-space:nowrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
td.hvalue{word-break:break-word;font-size:13px}
"""

_RELOAD = """
(function () {
  var key = %(key)s, seen = %(seen)s, live = document.getElementById("live"), done = false;
  function pick(state) {
    if (key === null) return state.fingerprint;
    return Object.prototype.hasOwnProperty.call(state.digests, key) ? state.digests[key] : null;
  }
  function say(text, mode) {
    if (live) live.textContent = text;
    document.body.setAttribute("data-live", mode);
  }
  function poll() {
    fetch("/_state", {cache: "no-store"})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (state) {
        if (pick(state) !== seen) { done = true; say("changed: reloading", "reload");
          location.reload(); return; }
        say("live reload on", "on");
      })
      .catch(function () { say("server not answering", "off"); })
      .then(function () { if (!done) setTimeout(poll, %(ms)d); });
  }
  setTimeout(poll, %(ms)d);
  // each frame as tall as the digest in it: one scroll bar, the page's
  Array.prototype.forEach.call(document.querySelectorAll("iframe"), function (frame) {
    function fit() {
      try {
        var doc = frame.contentDocument;
        if (!doc || doc.readyState !== "complete" || doc.URL === "about:blank") return;
        frame.style.height = Math.max(doc.documentElement.scrollHeight, 200) + "px";
        frame.setAttribute("data-fitted", "");
      } catch (err) { /* not readable: keep the default height */ }
    }
    frame.addEventListener("load", fit);
    fit();
  });
})();
"""


def _js(value: object) -> str:
    """A JSON literal safe inside a <script> element."""
    return (
        json.dumps(value)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _page(title: str, body: str, nonce: str, key: str | None, seen: str | None) -> bytes:
    script = _RELOAD % {"key": _js(key), "seen": _js(seen), "ms": POLL_MS}
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title>"
        f'<style nonce="{nonce}">{_STYLE}</style></head>\n'
        f"<body>{body}\n"
        f'<script nonce="{nonce}">{script}</script>\n'
        "</body></html>\n"
    ).encode()


def _header(crumbs: str) -> str:
    return (
        f'<header><a href="/">All digests</a>{crumbs}'
        '<span class="live" id="live">live reload: starting</span></header>'
    )


def render_index(outbox: Path, nonce: str) -> bytes:
    """The list of digests, newest first."""
    state = outbox_state(outbox)  # before reading: a change while reading still reloads
    rows = []
    for name, _ in _digests(outbox):
        manifest = _manifest(outbox, name)
        stories = _stories(manifest)
        subject = _subject(outbox, name)
        rows.append(
            "<tr>"
            f'<td class="nowrap"><a href="/d/{e(name)}/">{e(name)}</a></td>'
            f'<td class="nowrap">{e(_window(manifest))}</td>'
            f'<td class="num">{"?" if stories is None else stories}</td>'
            f"<td>{e(subject) if subject else '<span class=muted>(no subject)</span>'}</td>"
            "</tr>"
        )
    if rows:
        table = (
            "<table><thead><tr><th>Digest</th><th>Window</th><th>Stories</th>"
            f"<th>Subject</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    else:
        table = (
            "<p>No digests here yet. Run <code>digest make --out "
            f"{e(str(outbox))}</code>: this page reloads when one appears.</p>"
        )
    body = (
        f"{_header('')}<main><h1>Digests in {e(str(outbox))}</h1>"
        f'<p class="meta">{len(rows)} digest{"" if len(rows) == 1 else "s"}, newest first</p>'
        f"{table}</main>"
    )
    return _page("Digest preview", body, nonce, None, state["fingerprint"])


def _parse_message(raw: bytes) -> Message | None:
    try:
        return email.message_from_bytes(raw, policy=policy.default)
    except Exception:  # the parser is lenient; whatever it raises means "unreadable"
        return None


def _header_rows(message: Message) -> str:
    rows = []
    for name, value in message.raw_items():
        try:
            shown = str(policy.default.header_fetch_parse(name, value))
        except Exception:  # a malformed header: show it as written
            shown = str(value)
        rows.append(f'<tr><td class="hname">{e(name)}</td><td class="hvalue">{e(shown)}</td></tr>')
    return "".join(rows)


def _parts(message: Message) -> str:
    items = []
    for part in message.walk():
        kind = part.get_content_type()
        if part.is_multipart():
            items.append(f"<li>{e(kind)}</li>")
            continue
        payload = part.get_payload(decode=True)
        size = len(payload) if isinstance(payload, bytes) else 0
        charset = part.get_content_charset()
        encoding = part.get("Content-Transfer-Encoding")
        extra = ", ".join(str(x) for x in (charset, encoding) if x)
        items.append(f"<li>{e(kind)} ({e(extra) + ', ' if extra else ''}{size:,} bytes)</li>")
    return f"<ul>{''.join(items)}</ul>"


def _text_part(outbox: Path, name: str, message: Message | None) -> str | None:
    raw = _read(_file(outbox, name, "digest.txt"))
    if raw is not None:
        return raw.decode("utf-8", errors="replace")
    if message is not None:
        for part in message.walk():
            if part.get_content_type() == "text/plain" and not part.is_attachment():
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    return payload.decode(part.get_content_charset() or "utf-8", errors="replace")
    return None


def _outside(folder: Path, root: Path) -> list[str]:
    """The digest's files that are there but resolve outside the outbox (or to hidden
    entries): never read, never checked."""
    return [
        filename
        for filename in FILES
        if os.path.lexists(folder / filename) and _contained(folder / filename, root) is None
    ]


def _checks(outbox: Path, folder: Path) -> list[CheckResult]:
    root = _root(outbox)
    outside = _outside(folder, root) if root is not None else list(FILES)
    if outside:
        names = ", ".join(outside)
        verb = "leads" if len(outside) == 1 else "lead"
        return [CheckResult("read", False, f"not checked: {names} {verb} outside the outbox")]
    try:
        return check_path(folder)
    except DigestError as exc:
        return [CheckResult("read", False, exc.message)]


def _check_rows(results: list[CheckResult]) -> str:
    return "".join(
        f'<tr class="check"><td class="status {r.status}">{r.status}</td>'
        f"<td>{e(r.name)}</td><td>{e(r.detail)}</td></tr>"
        for r in results
    )


def render_viewer(outbox: Path, name: str, folder: Path, nonce: str) -> bytes:
    """One digest: both widths, the text part, the headers and the checks."""
    state = outbox_state(outbox)  # before reading: a change while reading still reloads
    seen = state["digests"].get(name)
    manifest = _manifest(outbox, name)
    raw_eml = _read(_file(outbox, name, "digest.eml"))
    message = _parse_message(raw_eml) if raw_eml else None
    subject = _subject(outbox, name)
    stories = _stories(manifest)
    title = manifest.get("title") if manifest else None
    text = _text_part(outbox, name, message)
    results = _checks(outbox, folder)
    counts = {s: sum(r.status == s for r in results) for s in ("PASS", "WARN", "FAIL")}

    names = [n for n, _ in _digests(outbox)]
    older = next((n for n in names if n < name), None)
    newer = next((n for n in reversed(names) if n > name), None)
    nav = "".join(
        f' <a href="/d/{e(n)}/">{label} ({e(n)})</a>'
        for n, label in ((newer, "newer"), (older, "older"))
        if n
    )
    raw_links = " · ".join(
        f'<a href="/d/{e(name)}/{f}">{f}</a>' for f in FILES if _file(outbox, name, f) is not None
    )
    warnings = "warning" if counts["WARN"] == 1 else "warnings"
    summary = " ".join(
        f'<span class="{s}">{counts[s]} {label}</span>'
        for s, label in (("PASS", "passed"), ("WARN", warnings), ("FAIL", "failed"))
    )
    src = f"/d/{e(name)}/digest.html"
    frames = (
        '<input type="radio" name="w" id="w-both" checked>'
        '<input type="radio" name="w" id="w-desktop">'
        '<input type="radio" name="w" id="w-phone">'
        '<div class="widths">Show: <label for="w-both">both</label>'
        f'<label for="w-desktop">desktop ({DESKTOP} px)</label>'
        f'<label for="w-phone">phone ({PHONE} px)</label></div>'
        '<div class="frames">'
        f'<figure class="desktop"><figcaption>Desktop, {DESKTOP} px</figcaption>'
        f'<iframe class="desktop" src="{src}" width="{DESKTOP}" title="Desktop, {DESKTOP} px" '
        'referrerpolicy="no-referrer"></iframe></figure>'
        f'<figure class="phone"><figcaption>Phone, {PHONE} px</figcaption>'
        f'<iframe class="phone" src="{src}" width="{PHONE}" title="Phone, {PHONE} px" '
        'referrerpolicy="no-referrer"></iframe></figure>'
        "</div>"
        if _file(outbox, name, "digest.html")
        else "<p>This digest has no digest.html.</p>"
    )
    if message is not None:
        headers = f"<table><tbody>{_header_rows(message)}</tbody></table>"
        parts = _parts(message)
    else:
        headers = "<p>digest.eml is missing or cannot be read.</p>"
        parts = ""
    heading = subject or (title if isinstance(title, str) else None) or name
    body = (
        f"{_header(f' <span>›</span> <strong>{e(name)}</strong>{nav}')}<main>"
        f"<h1>{e(heading)}</h1>"
        f'<p class="meta">{e(_window(manifest))} · '
        f"{'?' if stories is None else stories} stories · {raw_links}</p>"
        f'<p class="summary">Checks: <a href="#checks">{summary}</a></p>'
        f'<h2 id="html">HTML</h2>{frames}'
        f'<h2 id="text">Plain-text part</h2>'
        f"{'<pre>' + e(text) + '</pre>' if text is not None else '<p>No plain-text part.</p>'}"
        f'<h2 id="headers">Message headers</h2>{headers}{parts}'
        f'<h2 id="checks">digest check</h2>'
        "<table><thead><tr><th>Status</th><th>Check</th><th>Detail</th></tr></thead>"
        f"<tbody>{_check_rows(results)}</tbody></table>"
        "</main>"
    )
    return _page(f"{heading} · digest preview", body, nonce, name, seen)


def render_missing(outbox: Path, name: str, nonce: str) -> bytes:
    """A 404 for a well-formed date with no digest: it reloads when the digest appears."""
    body = (
        f"{_header('')}<main><h1>No digest for {e(name)}</h1>"
        f"<p>There is no digest folder {e(name)} in {e(str(outbox))}. "
        "This page reloads when one appears.</p></main>"
    )
    return _page(f"No digest for {name}", body, nonce, name, None)


# --- HTTP --------------------------------------------------------------------------------------


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD on the fixed URL map; 404 for every other path, 405 for other methods."""

    server: PreviewServer
    server_version = "digest-preview"
    protocol_version = "HTTP/1.0"  # one request per connection: no idle keep-alive threads

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        self.timeout = self.server.request_timeout  # StreamRequestHandler sets it on the socket
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
                body = render_index(outbox, nonce)
                self._send(200, body, FILES["digest.html"], _page_csp(nonce), head)
            elif path == "/_state":
                body = json.dumps(outbox_state(outbox)).encode()
                self._send(200, body, FILES["manifest.json"], ERROR_CSP, head)
            elif match := _VIEWER.fullmatch(path):
                name = match.group(1)
                folder = _folder(outbox, name)
                if folder is None:
                    body = render_missing(outbox, name, nonce)
                    self._send(404, body, FILES["digest.html"], _page_csp(nonce), head)
                else:
                    body = render_viewer(outbox, name, folder, nonce)
                    self._send(200, body, FILES["digest.html"], _page_csp(nonce), head)
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
        found = _file(self.server.outbox, name, filename)
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
            self._csp = RAW_HTML_CSP if filename == "digest.html" else ERROR_CSP
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

"""``digest preview``: the local server over the outbox.

Every server listens on 127.0.0.1 on a port the system picks, runs in a thread and is shut
down by its fixture. Loops are bounded and nothing is timed: timeouts only stop a broken test
from hanging.
"""

from __future__ import annotations

import _thread
import email
import http.client
import json
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email import policy
from pathlib import Path
from urllib.parse import urljoin

import pytest
from markupsafe import escape  # the pages are Jinja templates, autoescaped
from tools import browser

from conftest import NOW, SEEDS, set_mtime
from digest import preview
from digest.checks import check_path
from digest.errors import UsageError
from digest.pipeline import make
from digest.preview import make_server, outbox_state, serve
from digest.settings import Settings

TIMEOUT = 120  # seconds: a safety net against hangs, never an assertion (two suites at once
# on two cores have taken over 20 s to answer)
LONG_TIMEOUT = 300  # the same, where a loaded machine may be slow and nothing else can go wrong
NEWER, OLDER = "2026-11-27", "2026-11-26"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An outbox with two real digests (2026-11-26 and 2026-11-27), made once."""
    base = tmp_path_factory.mktemp("preview")
    seeds = base / "seeds"
    shutil.copytree(SEEDS, seeds)
    set_mtime(seeds / "000_2534067fcf5ef89c.txt", NOW.replace(hour=6))
    out = base / "out"
    for until in ("2026-11-26", "2026-11-27"):
        result = make(
            Settings(
                sources=(seeds,),
                out=out,
                since="2026-11-24",
                until=until,
                timezone="UTC",
                subject="{title} — {top}",  # non-ASCII: an RFC 2047 encoded word (#16's default
            ),  # subject is the lead's headline alone)
            now=NOW,
        )
        assert result.folder is not None
    listed = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert listed == [OLDER, NEWER, "feed.xml", "index.html"]  # the digests and the archive
    return out


@pytest.fixture
def outbox(built: Path, tmp_path: Path) -> Path:
    """A copy of the two-digest outbox that a test may change."""
    target = tmp_path / "out"
    shutil.copytree(built, target, symlinks=True)
    return target


@dataclass
class Running:
    server: preview.PreviewServer
    url: str
    outbox: Path

    @property
    def port(self) -> int:
        return self.server.port


def _start(outbox: Path, **options: object) -> tuple[preview.PreviewServer, threading.Thread, str]:
    server, url = make_server(outbox, "127.0.0.1", 0, **options)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, url


def _stop(server: preview.PreviewServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(TIMEOUT)


@pytest.fixture
def running(outbox: Path) -> Iterator[Running]:
    server, thread, url = _start(outbox)
    try:
        yield Running(server, url, outbox)
    finally:
        _stop(server, thread)


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


def request(
    port: int,
    path: str,
    method: str = "GET",
    body: bytes | None = None,
    timeout: float = TIMEOUT,
) -> Reply:
    """The path is sent exactly as given (no normalisation, no decoding)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body)
        response = conn.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        conn.close()


def _subject(folder: Path) -> str:
    message = email.message_from_bytes((folder / "digest.eml").read_bytes(), policy=policy.default)
    return str(message["Subject"])


def _stories(folder: Path) -> int:
    manifest = json.loads((folder / "manifest.json").read_text())
    return len(manifest["articles"]) + len(manifest["more_stories"])


# --- pages -------------------------------------------------------------------------------------


def test_index_lists_both_digests_newest_first(running: Running) -> None:
    reply = request(running.port, "/")
    assert reply.status == 200
    assert reply.header("Content-Type") == "text/html; charset=utf-8"
    page = reply.text
    rows = re.findall(r"<tr><td[^>]*><a href=\"/d/([0-9-]+)/\">.*?</tr>", page)
    assert rows == [NEWER, OLDER]
    for name in (NEWER, OLDER):
        folder = running.outbox / name
        subject = _subject(folder)
        assert "—" in subject  # decoded from the RFC 2047 encoded word
        row = re.search(rf'<tr><td[^>]*><a href="/d/{name}/">.*?</tr>', page)
        assert row is not None
        assert f'<td class="num">{_stories(folder)}</td>' in row.group()
        assert escape(subject) in row.group()
        window = json.loads((folder / "manifest.json").read_text())["window"]
        assert window["since"][:10] in row.group() and window["until"][:10] in row.group()
    assert _stories(running.outbox / NEWER) != _stories(running.outbox / OLDER)


def test_viewer_shows_both_widths_text_headers_and_checks(running: Running) -> None:
    folder = running.outbox / NEWER
    reply = request(running.port, f"/d/{NEWER}/")
    assert reply.status == 200
    page = reply.text
    frames = re.findall(r"<iframe [^>]*>", page)
    assert len(frames) == 2
    assert all(f'src="/d/{NEWER}/digest.html"' in f for f in frames)
    assert 'width="600"' in frames[0] and 'width="375"' in frames[1]
    # the plain-text part, escaped, in a <pre>
    text = (folder / "digest.txt").read_text(encoding="utf-8")
    assert f"<pre>{escape(text)}</pre>" in page
    # the message headers
    message = email.message_from_bytes((folder / "digest.eml").read_bytes(), policy=policy.default)
    for name in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        assert f'<td class="hname">{name}</td>' in page
    assert escape(str(message["Message-ID"])) in page
    assert escape(str(message["Subject"])) in page
    # one row per check, with its status
    results = check_path(folder)
    rows = re.findall(
        r'<tr class="check"><td class="status (\w+)">(\w+)</td><td>([^<]*)</td>', page
    )
    assert [(r.status, r.status, r.name) for r in results] == rows
    assert {"PASS", "WARN"} <= {r.status for r in results}


def test_pages_and_files_are_escaped_data(running: Running) -> None:
    """Titles, subjects and article text are data: never markup on our pages."""
    evil = "2026-11-20"
    shutil.copytree(running.outbox / NEWER, running.outbox / evil)
    eml = running.outbox / evil / "digest.eml"
    raw = re.sub(
        rb"^Subject: .*$",
        b"Subject: <script>alert(1)</script> & co",
        eml.read_bytes(),
        count=1,
        flags=re.M,
    )
    eml.write_bytes(raw)
    (running.outbox / evil / "digest.txt").write_text("<img src=x onerror=alert(2)>\n")
    manifest = running.outbox / evil / "manifest.json"
    data = json.loads(manifest.read_text())
    data["window"]["timezone"] = "<b>UTC</b>"
    manifest.write_text(json.dumps(data))
    for path in ("/", f"/d/{evil}/"):
        page = request(running.port, path).text
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>UTC" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
        assert "&lt;b&gt;UTC&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in request(running.port, f"/d/{evil}/").text


def test_raw_files_are_served_as_they_are(running: Running) -> None:
    folder = running.outbox / NEWER
    types = {
        "digest.html": "text/html; charset=utf-8",
        "digest.txt": "text/plain; charset=utf-8",
        "digest.eml": "message/rfc822",
        "manifest.json": "application/json; charset=utf-8",
    }
    for name, content_type in types.items():
        reply = request(running.port, f"/d/{NEWER}/{name}")
        assert reply.status == 200, name
        assert reply.header("Content-Type") == content_type
        assert reply.body == (folder / name).read_bytes()
        assert reply.header("Content-Length") == str(len(reply.body))
        head = request(running.port, f"/d/{NEWER}/{name}", method="HEAD")
        assert head.status == 200 and head.body == b""
        assert head.header("Content-Length") == str(len(reply.body))
    assert "script-src 'none'" in request(running.port, f"/d/{NEWER}/digest.html").header(
        "Content-Security-Policy"
    )


def test_the_archive_is_served_as_published(running: Running) -> None:
    """/index.html and /feed.xml are OUT/index.html and OUT/feed.xml, and their relative
    links (/<edition>/digest.html) are served as they would be where OUT/ is published."""
    out = running.outbox
    types = {
        "index.html": ("text/html; charset=utf-8", "script-src 'none'"),
        "feed.xml": ("application/atom+xml; charset=utf-8", "default-src 'none'"),
    }
    for name, (content_type, csp) in types.items():
        reply = request(running.port, f"/{name}")
        assert reply.status == 200, name
        assert reply.header("Content-Type") == content_type
        assert reply.body == (out / name).read_bytes()
        assert csp in reply.header("Content-Security-Policy")
        assert reply.header("X-Content-Type-Options") == "nosniff"
        head = request(running.port, f"/{name}", method="HEAD")
        assert head.status == 200 and head.body == b""
    page = request(running.port, "/index.html").text
    entries = re.findall(
        r'<link rel="alternate" type="text/html" href="([^"]+)"/>', (out / "feed.xml").read_text()
    )
    links = [*re.findall(r'href="([^"]+)"', page), *entries]
    assert f"{NEWER}/digest.html" in links and f"{OLDER}/digest.html" in links
    for link in links:
        reply = request(running.port, urljoin("/index.html", link))
        assert reply.status == 200, link
        assert reply.body == (out / link).read_bytes()
    # the preview's own index says where the archive is
    index = request(running.port, "/").text
    assert 'href="/index.html"' in index and 'href="/feed.xml"' in index


def test_archive_files_leading_outside_are_not_served(running: Running, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("SECRET outside the outbox")
    (running.outbox / "index.html").unlink()
    (running.outbox / "index.html").symlink_to(secret)
    (running.outbox / "feed.xml").unlink()
    for path in ("/index.html", "/feed.xml"):
        reply = request(running.port, path)
        assert reply.status == 404 and b"SECRET" not in reply.body, path
    index = request(running.port, "/").text
    assert 'href="/index.html"' not in index and 'href="/feed.xml"' not in index


def test_later_editions_of_a_day_are_listed_and_viewed(running: Running) -> None:
    for number in (2, 10):
        shutil.copytree(running.outbox / NEWER, running.outbox / f"{NEWER}-{number}")
    shutil.copytree(running.outbox / NEWER, running.outbox / f"{NEWER}-1")  # no edition's name
    rows = re.findall(r'<tr><td[^>]*><a href="/d/([0-9-]+)/">', request(running.port, "/").text)
    assert rows == [f"{NEWER}-10", f"{NEWER}-2", NEWER, OLDER]
    viewer = request(running.port, f"/d/{NEWER}-2/")
    assert viewer.status == 200
    assert f'<a href="/d/{NEWER}-10/">newer ({NEWER}-10)</a>' in viewer.text
    assert f'<a href="/d/{NEWER}/">older ({NEWER})</a>' in viewer.text
    for path in (f"/d/{NEWER}-2/digest.html", f"/{NEWER}-10/digest.eml"):
        assert request(running.port, path).status == 200, path
    for path in (f"/d/{NEWER}-1/", f"/d/{NEWER}-1/digest.html", f"/{NEWER}-1/digest.html"):
        assert request(running.port, path).status == 404, path
    assert set(outbox_state(running.outbox)["digests"]) == {
        OLDER,
        NEWER,
        f"{NEWER}-2",
        f"{NEWER}-10",
    }


def test_security_headers_on_every_response(running: Running) -> None:
    for path in ("/", f"/d/{NEWER}/", f"/d/{NEWER}/digest.html", "/_state", "/nope"):
        reply = request(running.port, path)
        assert reply.header("X-Content-Type-Options") == "nosniff", path
        assert reply.header("Cache-Control") == "no-store", path
        assert reply.header("Content-Security-Policy"), path
    for path in ("/", f"/d/{NEWER}/"):
        reply = request(running.port, path)
        csp = reply.header("Content-Security-Policy")
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        nonce = re.search(r"'nonce-([^']+)'", csp)
        assert nonce is not None
        # every inline script and style carries this response's nonce; no inline handlers
        assert re.findall(r"<script[^>]*>", reply.text) == [f'<script nonce="{nonce.group(1)}">']
        assert re.findall(r"<style[^>]*>", reply.text) == [f'<style nonce="{nonce.group(1)}">']
        assert not re.search(r"<[^>]+\son[a-z]+=", reply.text)
        assert " style=" not in reply.text
    first, second = (request(running.port, "/").header("Content-Security-Policy") for _ in "ab")
    assert first != second  # a fresh nonce each time


# --- what must not be served -------------------------------------------------------------------


def test_traversal_and_unknown_paths_are_404(running: Running, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "digest.html").write_text("SECRET outside the outbox")
    (outside / "secret.txt").write_text("SECRET file")
    (running.outbox / "2026-11-28").symlink_to("/etc")
    (running.outbox / "2026-11-29").symlink_to(outside)
    hidden = running.outbox / ".tmp-2026-11-30.999"
    shutil.copytree(running.outbox / NEWER, hidden)
    (hidden / "digest.txt").write_text("SECRET temporary")
    (running.outbox / "2026-11-30").symlink_to(hidden.name)  # into a hidden folder
    leak = running.outbox / OLDER / "digest.txt"
    leak.unlink()
    leak.symlink_to(outside / "secret.txt")

    paths = [
        "/d/../../etc/passwd",
        "/d/%2e%2e/%2e%2e/etc/passwd",
        "/d/%2E%2E/%2E%2E/etc/passwd",
        f"/d/{NEWER}/../../x",
        f"/d/{NEWER}/../{OLDER}/digest.html",
        f"/d/{NEWER}/..%2f..%2fetc%2fpasswd",
        f"/d/{NEWER}%2Fdigest.html",
        f"/d/{NEWER}/digest%2ehtml",
        "/d/2026-11-28/",
        "/d/2026-11-28/passwd",
        "/d/2026-11-28/digest.html",
        "/d/2026-11-29/",
        "/d/2026-11-29/digest.html",
        "/d/2026-11-30/",
        "/d/2026-11-30/digest.txt",
        f"/d/{OLDER}/digest.txt",  # a file symlinked outside
        "/d/.tmp-2026-11-30.999/digest.txt",
        "/.tmp-2026-11-30.999/digest.txt",
        # the archive's own paths (/<edition>/<file>, as published) are contained the same way
        "/2026-11-28/passwd",
        "/2026-11-28/digest.html",
        "/2026-11-29/digest.html",
        "/2026-11-30/digest.txt",
        f"/{OLDER}/digest.txt",
        f"/{NEWER}/../{OLDER}/digest.html",
        f"/{NEWER}/other.txt",
        f"/{NEWER}/",
        "/.digest-state.json",
        "/feed.xml/",
        f"/d/{NEWER}/other.txt",
        f"/d/{NEWER}/digest.html/",
        f"/d/{NEWER}",
        "/d/",
        "/etc/passwd",
        "//etc/passwd",
        "/d//etc/passwd",
        "/d/2026-11-27/./digest.html",
        "/./index.html",
        "/_state/",
        "http://127.0.0.1/d/2026-11-27/digest.html",
    ]
    for path in paths:
        reply = request(running.port, path)
        assert reply.status == 404, path
        assert b"SECRET" not in reply.body and b"root:" not in reply.body, path
    for method in ("GET", "HEAD"):
        assert request(running.port, "/d/2026-11-28/", method=method).status == 404
    for raw in ("/d/\uff12026-11-27/", "/d/2026-11-27/digest.html\u00a0"):  # not ASCII
        answer = _raw_exchange(running.port, f"GET {raw} HTTP/1.0\r\n\r\n".encode())
        assert answer.startswith(b"HTTP/1.0 404 "), raw
    index = request(running.port, "/").text
    assert "2026-11-28" not in index and "2026-11-29" not in index
    assert "2026-11-30" not in index and ".tmp" not in index
    assert set(outbox_state(running.outbox)["digests"]) == {OLDER, NEWER}
    # the viewer of a digest with a file leading outside reads nothing through it
    viewer = request(running.port, f"/d/{OLDER}/")
    assert viewer.status == 200 and b"SECRET" not in viewer.body
    assert "not checked: digest.txt leads outside the outbox" in viewer.text
    # the digests themselves are still served, and the archive with its links
    assert request(running.port, f"/d/{NEWER}/digest.html").status == 200
    for path in ("/index.html", "/feed.xml", f"/{NEWER}/digest.html"):
        assert request(running.port, path).status == 200, path


def test_a_symlinked_digest_inside_the_outbox_is_served(running: Running) -> None:
    (running.outbox / "2026-12-01").symlink_to(NEWER)
    reply = request(running.port, "/d/2026-12-01/digest.txt")
    assert reply.status == 200
    assert reply.body == (running.outbox / NEWER / "digest.txt").read_bytes()


def test_only_local_host_names(running: Running) -> None:
    """A web site rebinding its DNS name to 127.0.0.1 cannot read the outbox."""

    def with_host(host: str | None) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", running.port, timeout=TIMEOUT)
        try:
            conn.putrequest("GET", f"/d/{NEWER}/digest.txt", skip_host=True)
            if host is not None:
                conn.putheader("Host", host)
            conn.endheaders()
            return conn.getresponse().status
        finally:
            conn.close()

    for host in ("evil.example", "evil.example:8025", "127.0.0.1.evil.example"):
        assert with_host(host) == 421, host
    for host in (f"127.0.0.1:{running.port}", "localhost", "LOCALHOST:1", "[::1]:80", None):
        assert with_host(host) == 200, host


def test_a_broken_digest_is_shown_not_fatal(running: Running) -> None:
    broken = running.outbox / "2026-11-21"
    broken.mkdir()
    (broken / "digest.eml").write_bytes(b"")
    (broken / "manifest.json").write_text("{not json")
    index = request(running.port, "/")
    assert index.status == 200 and 'href="/d/2026-11-21/"' in index.text
    viewer = request(running.port, "/d/2026-11-21/")
    assert viewer.status == 200
    assert '<td class="status FAIL">FAIL</td><td>read</td>' in viewer.text
    assert "empty, not an email message" in viewer.text
    assert request(running.port, "/d/2026-11-21/digest.html").status == 404


def test_an_unknown_charset_without_digest_txt_is_shown(running: Running) -> None:
    """A hand-made .eml whose text part names a charset Python does not know, and no
    digest.txt: the viewer decodes the part as check does (UTF-8, bad bytes replaced) and
    shows what check says, rather than answering 500."""
    folder = running.outbox / "2026-11-22"
    folder.mkdir()
    (folder / "digest.eml").write_bytes(
        b"From: Desk <desk@example.org>\r\nTo: one@example.org\r\nSubject: Odd\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\nCaf\xc3\xa9 \xff news\r\n"
    )
    viewer = request(running.port, "/d/2026-11-22/")
    assert viewer.status == 200
    assert "<pre>Caf\u00e9 \ufffd news\n</pre>" in viewer.text
    assert '<td class="status FAIL">FAIL</td><td>mime-structure</td>' in viewer.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "BREW"])
def test_only_get_and_head(running: Running, method: str) -> None:
    reply = request(running.port, "/", method=method, body=b"x=1")
    assert reply.status == 405
    assert reply.header("Allow") == "GET, HEAD"
    assert request(running.port, "/").status == 200


# --- robustness --------------------------------------------------------------------------------


def _raw_exchange(port: int, data: bytes) -> bytes:
    """Send bytes, read until the server closes (bounded by the socket timeout)."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(data)
        chunks = []
        for _ in range(10_000):
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def test_huge_header_is_refused_and_the_server_goes_on(running: Running) -> None:
    answer = _raw_exchange(running.port, b"GET / HTTP/1.0\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n")
    status = int(answer.split(b" ", 2)[1])
    assert status == 431
    many = b"".join(b"X-%d: y\r\n" % i for i in range(200))
    answer = _raw_exchange(running.port, b"GET / HTTP/1.0\r\n" + many + b"\r\n")
    assert int(answer.split(b" ", 2)[1]) == 431
    long_line = _raw_exchange(running.port, b"GET /" + b"a" * 70_000 + b" HTTP/1.0\r\n\r\n")
    assert 400 <= int(long_line.split(b" ", 2)[1]) < 500
    garbage = _raw_exchange(running.port, b"\x16\x03\x01 not http at all\r\n\r\n")
    assert b"Error code: 400" in garbage  # http.server answers a non-HTTP line as HTTP/0.9
    assert request(running.port, "/").status == 200


def test_fifty_concurrent_requests(running: Running) -> None:
    paths = ["/", f"/d/{NEWER}/", f"/d/{OLDER}/digest.html", "/_state", f"/d/{NEWER}/digest.eml"]
    with ThreadPoolExecutor(max_workers=50) as pool:
        replies = list(pool.map(lambda i: request(running.port, paths[i % len(paths)]), range(50)))
    assert [r.status for r in replies] == [200] * 50


def test_a_silent_client_does_not_block_others(running: Running) -> None:
    with (
        socket.create_connection(("127.0.0.1", running.port), timeout=TIMEOUT),
        socket.create_connection(("127.0.0.1", running.port), timeout=TIMEOUT) as half,
    ):
        half.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        for _ in range(3):
            assert request(running.port, "/").status == 200
            assert request(running.port, f"/d/{NEWER}/").status == 200


def test_a_silent_client_is_dropped_after_the_timeout(outbox: Path) -> None:
    server, thread, _ = _start(outbox, request_timeout=0.2)
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as sock:
            assert sock.recv(1024) == b""  # the server closed it (well before TIMEOUT)
        assert request(server.port, "/").status == 200
    finally:
        _stop(server, thread)


def test_quiet_by_default_and_verbose_logs(outbox: Path, capfd: pytest.CaptureFixture) -> None:
    for verbose in (False, True):
        server, thread, _ = _start(outbox, verbose=verbose)
        try:
            assert request(server.port, "/").status == 200
            assert request(server.port, "/nope").status == 404
        finally:
            _stop(server, thread)
        err = capfd.readouterr().err
        if verbose:
            assert '"GET / HTTP/1.1" 200' in err and '"GET /nope HTTP/1.1" 404' in err
        else:
            assert err == ""


# --- binding -----------------------------------------------------------------------------------


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_busy_port_moves_to_the_next_free_one(outbox: Path, busy_port: int) -> None:
    if busy_port + preview.PORT_TRIES > 65535:
        pytest.skip("the system picked a port too close to 65535 to try the next ones")
    server, url = make_server(outbox, "127.0.0.1", busy_port, find_free_port=True)
    try:
        assert busy_port < server.port <= busy_port + preview.PORT_TRIES
        assert url == f"http://127.0.0.1:{server.port}/"
        assert server.notes == [f"port {busy_port} is in use; using port {server.port} instead"]
    finally:
        server.server_close()


def test_a_busy_port_is_a_usage_error_when_asked(outbox: Path, busy_port: int) -> None:
    with pytest.raises(UsageError, match=rf"port {busy_port} is in use") as caught:
        make_server(outbox, "127.0.0.1", busy_port, find_free_port=False)
    assert caught.value.exit_code == 2


def test_default_address_is_loopback(outbox: Path) -> None:
    server, url = make_server(outbox, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert url == f"http://127.0.0.1:{server.port}/"
        assert server.notes == []
    finally:
        server.server_close()


def test_a_missing_outbox_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-outbox"
    with pytest.raises(UsageError, match=r"no-such-outbox.*does not exist"):
        make_server(missing, port=0)
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="not a folder"):
        make_server(tmp_path / "file", port=0)


def test_serve_stops_cleanly_on_ctrl_c(outbox: Path, capfd: pytest.CaptureFixture) -> None:
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("Ctrl-C reaches the main thread only")
    seen: dict[str, int] = {}
    timers: list[threading.Timer] = []

    def ready(server: preview.PreviewServer, url: str) -> None:
        def visit() -> None:
            # No clock decides the outcome: the page is fetched however long a loaded machine
            # takes, and Ctrl-C follows it whatever happened (a failed fetch then fails the
            # status assertion instead of letting a timer stop the server first).
            try:
                seen["status"] = request(server.port, "/", timeout=LONG_TIMEOUT).status
            finally:
                _thread.interrupt_main()  # as Ctrl-C does

        threading.Thread(target=visit, daemon=True).start()
        safety = threading.Timer(LONG_TIMEOUT * 2, server.shutdown)  # a hang guard only
        safety.daemon = True
        safety.start()
        timers.append(safety)
        seen["port"] = server.port

    # Python's own Ctrl-C handler, whatever this run inherited: under nohup or `cmd &` SIGINT
    # is ignored, and interrupt_main() then does nothing (the server would run until the guard)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        serve(outbox, port=0, ready=ready)  # returns: no KeyboardInterrupt escapes
    finally:
        signal.signal(signal.SIGINT, previous)
        for timer in timers:
            timer.cancel()
    assert seen["status"] == 200
    assert "stopped" in capfd.readouterr().err
    with socket.socket() as sock:  # the port is free again
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", seen["port"]))


# --- live reload -------------------------------------------------------------------------------


def test_state_changes_when_a_digest_appears_or_changes(running: Running) -> None:
    def state() -> dict:
        reply = request(running.port, "/_state")
        assert reply.status == 200 and reply.header("Content-Type").startswith("application/json")
        return json.loads(reply.body)

    first = state()
    assert set(first["digests"]) == {OLDER, NEWER}
    assert state() == first  # stable while nothing changes
    shutil.copytree(running.outbox / NEWER, running.outbox / "2026-11-28")
    second = state()
    assert second["fingerprint"] != first["fingerprint"]
    assert set(second["digests"]) == {OLDER, NEWER, "2026-11-28"}
    assert second["digests"][NEWER] == first["digests"][NEWER]
    (running.outbox / NEWER / "digest.txt").write_text("changed\n")
    third = state()
    assert third["digests"][NEWER] != second["digests"][NEWER]
    assert third["digests"][OLDER] == second["digests"][OLDER]
    (running.outbox / ".tmp-2026-11-29.1").mkdir()  # a run in progress changes nothing
    assert state() == third


def test_pages_poll_the_state(running: Running) -> None:
    state = outbox_state(running.outbox)
    index = request(running.port, "/").text
    assert 'fetch("/_state"' in index and "location.reload()" in index
    assert f'seen = "{state["fingerprint"]}"' in index
    viewer = request(running.port, f"/d/{NEWER}/").text
    assert f'key = "{NEWER}", seen = "{state["digests"][NEWER]}"' in viewer
    # a digest not made yet: 404, and the page waits for it
    missing = request(running.port, "/d/2026-12-24/")
    assert missing.status == 404 and 'key = "2026-12-24", seen = null' in missing.text


# --- in a real browser -------------------------------------------------------------------------


def _dump_dom(url: str, budget_ms: int = 6000) -> str:
    binary = browser.chromium()
    assert binary is not None
    with tempfile.TemporaryDirectory(prefix="digest-preview-test-") as profile:
        proc = subprocess.run(
            [
                binary,
                *browser.FLAGS,
                "--no-proxy-server",
                f"--user-data-dir={profile}",
                "--window-size=1280,1000",
                f"--virtual-time-budget={budget_ms}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr[-500:]
    return proc.stdout


needs_chromium = pytest.mark.skipif(
    browser.chromium() is None, reason="Chromium is not installed (Debian package 'chromium')"
)


@needs_chromium
def test_viewer_in_chromium(running: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    requested: list[str] = []
    lock = threading.Lock()
    original = preview.PreviewHandler.do_GET

    def recording(self: preview.PreviewHandler) -> None:
        with lock:
            requested.append(self.path)
        original(self)

    monkeypatch.setattr(preview.PreviewHandler, "do_GET", recording)
    dom = _dump_dom(f"{running.url}d/{NEWER}/")
    frames = re.findall(r"<iframe [^>]*>", dom)
    assert len(frames) == 2
    assert 'width="600"' in frames[0] and 'width="375"' in frames[1]
    for result in check_path(running.outbox / NEWER):
        assert f'<td class="status {result.status}">{result.status}</td><td>{result.name}' in dom
    # the inline script ran under the page's CSP and reached /_state
    assert 'data-live="on"' in dom
    assert "/_state" in requested
    # the frames were allowed by the CSP, loaded the digest and were sized to it
    assert f"/d/{NEWER}/digest.html" in requested
    heights = [re.search(r'style="height: (\d+)px;?"', f) for f in frames]
    assert all('data-fitted=""' in f for f in frames)
    assert all(h is not None and int(h.group(1)) > 1000 for h in heights)


@needs_chromium
def test_live_reload_in_chromium(running: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index is served, then a new digest appears: the page's next poll reloads it."""
    original = preview.pages.render_index
    served: list[int] = []

    def render_then_add(outbox: Path, nonce: str) -> bytes:
        page = original(outbox, nonce)
        served.append(1)
        if len(served) == 1:
            shutil.copytree(outbox / NEWER, outbox / "2026-11-28")
        return page

    monkeypatch.setattr(preview.pages, "render_index", render_then_add)
    dom = _dump_dom(running.url, budget_ms=8000)
    assert len(served) >= 2  # loaded, then reloaded
    assert 'href="/d/2026-11-28/"' in dom
    assert 'data-live="on"' in dom


def test_no_hidden_entry_is_listed_or_served(running: Running) -> None:
    (running.outbox / ".digest-state.json").write_text("{}")
    shutil.copytree(running.outbox / NEWER, running.outbox / ".old-2026-11-27.4242")
    page = request(running.port, "/").text
    assert ".old" not in page and ".digest-state" not in page
    for path in (
        "/.digest-state.json",
        "/d/.digest-state.json",
        "/d/.old-2026-11-27.4242/",
        "/d/.old-2026-11-27.4242/digest.html",
    ):
        assert request(running.port, path).status == 404, path
    assert set(outbox_state(running.outbox)["digests"]) == {OLDER, NEWER}

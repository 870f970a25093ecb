"""``digest preview`` under attack, beyond tests/test_preview.py: more traversal spellings,
symlinked files and outboxes, many idle connections at once and a client that trickles its
request. Nothing is timed; timeouts only stop a broken test from hanging.
"""

from __future__ import annotations

import shutil
import socket
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest

import test_preview
from test_preview import NEWER, OLDER, TIMEOUT, Running, _raw_exchange, _start, _stop, request

built, outbox, running = test_preview.built, test_preview.outbox, test_preview.running  # fixtures
SECRET = b"SECRET-OUTSIDE"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    for name in ("digest.html", "digest.txt", "digest.eml", "manifest.json", "passwd"):
        (folder / name).write_bytes(SECRET + b" " + name.encode())
    return folder


TRAVERSALS = [
    "/d/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/d/%252e%252e/%252e%252e/etc/passwd",  # double-encoded
    "/d/..%5c..%5cetc%5cpasswd",  # encoded backslashes
    "/d/..\\..\\etc\\passwd",
    f"/d/{NEWER}/..%2F..%2F..%2Foutside%2Fdigest.html",
    f"/d/{NEWER}/%2e%2e/%2e%2e/outside/digest.html",
    f"/d/{NEWER}/digest.html%00.txt",
    f"/d/{NEWER}/digest.html%00",
    f"/d/{NEWER}/digest.html;/../../passwd",
    f"/d/{NEWER}/digest.html?/../../passwd#x",  # the query is ignored: the file itself
    f"/d/{NEWER}/%c0%ae%c0%ae/%c0%ae%c0%ae/passwd",  # overlong UTF-8 dots
    f"/d/{NEWER}/\u2025/passwd",
    "/d/" + "../" * 40 + "etc/passwd",
    "/d/2026-11-28/digest.html",  # symlinked digest folder leading outside
    "/d/2026-11-29/digest.html",  # digest folder, its digest.html symlinked outside
    "/../../../../etc/passwd",
    "/%2F%2Fetc%2Fpasswd",
    "///etc/passwd",
    "/d/" + NEWER.replace("-", "%2D") + "/digest.html",
    "file:///etc/passwd",
    "*",
]


def test_more_traversal_spellings_are_404_or_the_file_itself(
    running: Running, outside: Path
) -> None:
    (running.outbox / "2026-11-28").symlink_to(outside)
    leaky = running.outbox / "2026-11-29"
    shutil.copytree(running.outbox / NEWER, leaky)
    (leaky / "digest.html").unlink()
    (leaky / "digest.html").symlink_to(outside / "digest.html")
    (leaky / "manifest.json").unlink()
    (leaky / "manifest.json").symlink_to(Path("..") / ".." / "outside" / "manifest.json")
    own = (running.outbox / NEWER / "digest.html").read_bytes()
    for path in TRAVERSALS:
        for method in ("GET", "HEAD"):
            answer = _raw_exchange(running.port, f"{method} {path} HTTP/1.0\r\n\r\n".encode())
            assert SECRET not in answer and b"root:" not in answer, path
            status = int(answer.split(b" ", 2)[1])
            if "?" in path:
                assert status == 200 and (method == "HEAD" or answer.endswith(own)), path
            else:
                assert status in (400, 404), (path, status)
    viewer = request(running.port, "/d/2026-11-29/")
    assert SECRET not in viewer.body
    assert request(running.port, f"/d/{OLDER}/digest.txt").status == 200  # still serving


def test_an_outbox_reached_through_a_symlink_is_served_but_not_beyond(
    outbox: Path, outside: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link-to-outbox"
    link.symlink_to(outbox)
    (outbox / "2026-11-28").symlink_to(outside)
    server, thread, _ = _start(link)
    try:
        assert request(server.port, f"/d/{NEWER}/digest.txt").status == 200
        for path in ("/d/2026-11-28/digest.html", "/d/2026-11-28/"):
            reply = request(server.port, path)
            assert reply.status == 404 and SECRET not in reply.body, path
    finally:
        _stop(server, thread)


IDLE = 50


def test_fifty_idle_connections_at_once_do_not_stop_the_server(running: Running) -> None:
    """50 clients connect and say nothing, or half a request line, and stay connected; the
    server still answers 20 real requests (10 at a time) while they hang on."""
    with ExitStack() as stack:
        for i in range(IDLE):
            sock = stack.enter_context(
                socket.create_connection(("127.0.0.1", running.port), timeout=TIMEOUT)
            )
            if i % 2:
                sock.sendall(b"GET /d/" + b"a" * i)
        paths = ["/", f"/d/{NEWER}/", f"/d/{OLDER}/digest.eml", "/_state"]
        with ThreadPoolExecutor(max_workers=10) as pool:
            statuses = list(
                pool.map(lambda i: request(running.port, paths[i % len(paths)]).status, range(20))
            )
        assert statuses == [200] * 20
    assert request(running.port, "/").status == 200  # and after they all hang up


def test_a_trickling_client_is_answered_and_does_not_block_others(running: Running) -> None:
    """A request sent a byte at a time is answered in full; meanwhile others are served."""
    wanted = (running.outbox / NEWER / "digest.txt").read_bytes()
    data = f"GET /d/{NEWER}/digest.txt HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", running.port), timeout=TIMEOUT) as slow:
        for i, byte in enumerate(data):
            slow.sendall(bytes([byte]))
            if i % 10 == 0:
                assert request(running.port, "/_state").status == 200
        chunks = []
        while chunk := slow.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    assert answer.startswith(b"HTTP/1.0 200 ") and answer.endswith(wanted)


def test_many_huge_requests_at_once(running: Running) -> None:
    """20 clients at once each send 200 KB of headers: every one gets 431 or a closed
    connection, none crashes the server."""
    big = b"GET / HTTP/1.0\r\n" + b"".join(b"X-%d: %s\r\n" % (i, b"v" * 2000) for i in range(100))

    def attack(_: int) -> bytes:
        try:
            return _raw_exchange(running.port, big + b"\r\n")
        except OSError:  # the server may close before reading it all
            return b""

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(attack, range(20)))
    for answer in answers:
        assert answer == b"" or answer.split(b" ", 2)[1] == b"431"
    assert request(running.port, "/").status == 200

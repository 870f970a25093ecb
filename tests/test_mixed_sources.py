"""A mixed source folder and a feed URL on 127.0.0.1 make one correct digest."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import FIXTURES, SEEDS, distinct_text, set_mtime
from digest.pipeline import make
from digest.settings import Settings

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "mixed"
    src.mkdir()
    shutil.copy(SEEDS / "2026-11-26-storm-warning.md", src)  # markdown
    shutil.copy(SEEDS / "2026-11-26_harbourton-fc.txt", src)  # plain text
    shutil.copy(FIXTURES / "feeds" / "rss20.xml", src / "wire.xml")  # an RSS feed file
    shutil.copy(FIXTURES / "pages" / "news-page.html", src / "courier.html")  # a saved page
    rows = [
        {
            "headline": "Ferry timetable changes for winter",
            "published_at": "2026-11-26T10:00:00Z",
            "text": distinct_text(1, 6),
            "link": "https://example.org/ferry?utm_source=export",
        },
        {
            "headline": "Ferry timetable changes for winter (copy)",
            "published_at": "2026-11-26T11:00:00Z",
            "text": distinct_text(1, 6),
            "link": "https://www.example.org/ferry",
        },  # the same URL once normalised
        {"headline": "", "text": "No title here."},
    ]
    (src / "export.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n{broken json\n", encoding="utf-8"
    )
    (src / "legacy.txt").write_bytes(
        "Caf\u00e9 owners\u2019 plea\n\nThe caf\u00e9 owners made a \u201cfinal\u201d plea "
        "on Thursday. They want the market to stay open late.\n".encode("cp1252")
    )
    set_mtime(src / "legacy.txt", datetime(2026, 11, 26, 20, 0, tzinfo=UTC))
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (src / "big.txt").write_text("Big\n\n" + "word " * 3000)
    (src / "page.json").write_text('{"items": [', encoding="utf-8")
    return src


def test_mixed_folder_makes_one_correct_digest(folder: Path, tmp_path: Path) -> None:
    settings = Settings(
        sources=(folder,),
        out=tmp_path / "out",
        since="2026-11-25",
        timezone="UTC",
        export_fields=(
            ("body", "text"),
            ("date", "published_at"),
            ("title", "headline"),
            ("url", "link"),
        ),
        max_file_bytes=10_000,
    )
    result = make(settings, now=NOW)
    assert result.folder is not None
    manifest = json.loads((result.folder / "manifest.json").read_text())
    titles = {a["title"]: a for a in manifest["articles"] + manifest["more_stories"]}
    origins = {t: a["date_source"] for t, a in titles.items()}
    assert origins["Amber warning as Storm Ingrid heads for Harbourton"] == "front matter"
    assert origins["Harbourton FC reach county cup final with late winner"] == "filename"
    assert origins["Council approves the new bridge"] == "feed published"
    assert origins["Council approves £4m cycle lane plan"] == "page metadata"
    assert origins["Ferry timetable changes for winter"] == "export"
    assert origins["Café owners’ plea"] == "mtime"  # cp1252, dated by its file
    assert "Ferry timetable changes for winter (copy)" not in titles  # same story once
    reasons = {Path(s["path"]).name: s["reason"] for s in manifest["skipped"]}
    assert reasons["binary.txt"] == "binary file, not text"
    assert "over the 10,000 byte limit" in reasons["big.txt"]
    assert "malformed JSON" in reasons["page.json"]
    assert any("no title" in r for r in reasons.values())
    assert any("not valid JSON" in r for r in reasons.values())
    assert any(r == "no publication date" for r in reasons.values())  # undated feed entry
    html = (result.folder / "digest.html").read_text()
    assert "Council approves the new bridge" in html and "<em>" not in html


class FeedHandler(BaseHTTPRequestHandler):
    feed = (FIXTURES / "feeds" / "atom.xml").read_bytes()
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        if self.path == "/missing.xml":
            self.send_error(404)
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/atom+xml")
        self.send_header("ETag", '"v1"')
        self.end_headers()
        self.wfile.write(self.feed)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_feed_urls_with_cache_and_a_failing_feed(server: str, tmp_path: Path) -> None:
    FeedHandler.requests.clear()
    out = tmp_path / "out"
    sources = (f"{server}/feed.xml", f"{server}/missing.xml")
    settings = Settings(sources=sources, out=out, since="2026-11-01", timezone="UTC")
    first = make(settings, now=NOW, include_seen=True)
    assert first.digest is not None and first.digest.count >= 1
    assert [s.reason for s in first.skipped if "missing" in str(s.path)] == ["HTTP 404 Not Found"]
    assert list((out / ".cache" / "feeds").glob("*.body"))
    second = make(settings, now=NOW, include_seen=True)  # conditional request: 304
    assert second.digest is not None and second.digest.count == first.digest.count
    assert FeedHandler.requests.count("/feed.xml") == 2

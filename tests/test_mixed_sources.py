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
    # an undated feed entry is dated when first seen (issue 14; it used to be skipped)
    assert origins["Undated notice"] == "first seen"
    assert titles["Undated notice"]["published"].startswith("2026-11-27T09:00")
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


def test_a_feed_url_prints_as_written_in_the_manifest_ls_and_warnings(
    server: str, tmp_path: Path
) -> None:
    """A URL source is never a Path: 'http://127.0.0.1:N/...' keeps its '//' everywhere."""
    from typer.testing import CliRunner

    from digest.cli import app

    out = tmp_path / "out"
    feed, missing = f"{server}/feed.xml", f"{server}/missing.xml"
    settings = Settings(sources=(feed, missing), out=out, since="2026-11-01", timezone="UTC")
    result = make(settings, now=NOW, include_seen=True)
    assert result.folder is not None
    manifest = json.loads((result.folder / "manifest.json").read_text())
    paths = [a["path"] for a in manifest["articles"] + manifest["more_stories"]]
    assert paths and all(p == feed for p in paths)
    skipped = [s["path"] for s in manifest["skipped"]]
    assert missing in skipped and f"{feed}#tag:tech.example.net,2026:nothing" in skipped

    env = {"DIGEST_NOW": NOW.isoformat(), "TZ": "UTC"}
    common = ["--since", "2026-11-01", "--source", feed, "--source", missing]
    listed = CliRunner().invoke(
        app, ["ls", "--json", *common, "--out", str(tmp_path / "ls")], env=env
    )
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.stdout.splitlines()]  # JSON Lines
    assert {feed, missing} <= {row["path"] for row in rows}
    assert all(row["path"].startswith(f"{server}/") for row in rows)
    made = CliRunner().invoke(app, ["make", *common, "--out", str(tmp_path / "made")], env=env)
    assert f"skipped {missing}: HTTP 404 Not Found" in made.output


def test_the_same_html_in_a_feed_and_in_an_export_gives_the_same_paragraphs(
    tmp_path: Path,
) -> None:
    """One HTML converter: <br> ends a line (a mid-sentence line goes on) in every reader."""
    from digest.readers.scan import read_sources

    html = (
        "<p>Work starts in spring &amp; ends<br>in 2028.</p><p>One.<br>Two.</p><ul><li>A</li></ul>"
    )
    escaped = html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    (tmp_path / "feed.rss").write_text(
        '<rss version="2.0"><channel><title>Wire</title><item><title>Bridge</title>'
        "<link>https://example.org/feed-bridge</link>"
        "<pubDate>Thu, 26 Nov 2026 10:00:00 GMT</pubDate>"
        f"<description>{escaped}</description></item></channel></rss>"
    )
    row = {
        "title": "Bridge",
        "date": "2026-11-26T10:00:00Z",
        "body": html,
        "url": "HTTPS://Example.org/export-bridge",  # an upper-case scheme is still https
    }
    (tmp_path / "export.json").write_text(json.dumps([row]))
    articles, skipped = read_sources([tmp_path], UTC)
    assert skipped == []
    by_url = {a.url: a for a in articles}
    assert set(by_url) == {"https://example.org/feed-bridge", "HTTPS://Example.org/export-bridge"}
    expected = ("Work starts in spring & ends in 2028.", "One.", "Two.", "A")
    assert by_url["https://example.org/feed-bridge"].paragraphs == expected
    assert by_url["HTTPS://Example.org/export-bridge"].paragraphs == expected
    assert by_url["HTTPS://Example.org/export-bridge"].id == "HTTPS://Example.org/export-bridge"

"""Issue 14: every source file and URL response read is indexed with its outcome (articles or
skip reasons), so warm reruns and `digest ls` do no extraction twice; date-less feed entries
keep the time they were first seen."""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from conftest import NOW, SEEDS, set_mtime
from digest.cli import app
from digest.pipeline import consider, make
from digest.readers import scan
from digest.settings import Settings

REAL = Path(__file__).resolve().parent / "real_world"
LATER = NOW + timedelta(hours=2)
ALL_SKIPPED = (  # a well-formed feed none of whose entries can be used
    b"<rss version='2.0'><channel><title>Empty items</title>"
    b"<item><title>Only a title</title></item><item><title>Another title</title></item>"
    b"</channel></rss>"
)


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every source a run hands to a reader (a file's name, or a URL)."""
    seen: list[str] = []
    real = scan._articles

    def counting(reader, data, location, options, fallback):  # type: ignore[no-untyped-def]
        seen.append(location.name if isinstance(location, Path) else str(location))
        return real(reader, data, location, options, fallback)

    monkeypatch.setattr(scan, "_articles", counting)
    return seen


def folder(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    set_mtime(src / "000_2534067fcf5ef89c.txt", datetime(2026, 11, 27, 6, 0, tzinfo=UTC))
    (src / "empty-items.xml").write_bytes(ALL_SKIPPED)
    shutil.copy(REAL / "rss092-no-dates.rss", src / "rss092.rss")
    shutil.copy(REAL / "wordpress-export.xml", src / "wordpress.xml")
    return src


def settings_for(tmp_path: Path) -> Settings:
    return Settings(
        sources=(folder(tmp_path),), out=tmp_path / "out", since="2026-11-20", timezone="UTC"
    )


def test_a_feed_whose_entries_are_all_skipped_is_indexed_and_the_rerun_keeps(
    tmp_path: Path, extracted: list[str]
) -> None:
    settings = settings_for(tmp_path)
    first = make(settings, now=NOW)
    assert first.folder is not None and not first.kept
    assert "empty-items.xml" in extracted
    reasons = {s.path.as_posix().rpartition("/")[2]: s.reason for s in first.skipped}
    assert reasons["empty-items.xml#entry 1"] == "no text"
    extracted.clear()
    again = make(settings, now=LATER)
    assert again.kept and extracted == []  # nothing read again, the digest kept
    assert sorted(again.summary()["skipped"], key=str) == sorted(
        first.summary()["skipped"], key=str
    )


def test_a_rerun_reports_the_skips_of_files_it_does_not_read(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    first = make(settings, now=NOW)
    (settings.sources[0] / "late.md").write_text(  # type: ignore[operator]
        "---\ntitle: A late story\ndate: 2026-11-27T06:30:00Z\n---\nThe harbour late news.\n"
    )
    again = make(settings, now=LATER)
    assert not again.kept
    assert {(s.path, s.reason) for s in first.skipped} <= {
        (s.path, s.reason) for s in again.skipped
    }


def test_ls_after_make_extracts_nothing_and_says_the_same(
    tmp_path: Path, extracted: list[str]
) -> None:
    settings = settings_for(tmp_path)
    cold = consider(settings, NOW)  # no outbox yet: everything read
    assert len(extracted) == len(list(settings.sources[0].iterdir()))  # type: ignore[union-attr]
    make(settings, now=NOW)
    extracted.clear()
    warm = consider(settings, NOW)
    assert extracted == []
    assert warm == cold


def test_ls_reads_only_what_changed(tmp_path: Path, extracted: list[str]) -> None:
    settings = settings_for(tmp_path)
    make(settings, now=NOW)
    src = settings.sources[0]
    assert isinstance(src, Path)
    target = src / "2026-11-26-storm-warning.md"
    target.write_text(target.read_text().replace("Storm", "Gale", 1))
    extracted.clear()
    _, considered, _ = consider(settings, NOW)
    assert extracted == ["2026-11-26-storm-warning.md"]
    assert any("Gale" in c.article.title for c in considered)


def test_a_missing_article_record_means_the_file_is_read_again(
    tmp_path: Path, extracted: list[str]
) -> None:
    settings = settings_for(tmp_path)
    make(settings, now=NOW)
    store = settings.out / ".cache" / "articles"
    records = sorted(store.glob("*/*.json"))
    assert records  # one a source with articles
    for record in records:
        record.write_bytes(record.read_bytes()[:-20])  # torn: fails its checksum
    extracted.clear()
    _, considered, _ = consider(settings, NOW)
    assert len(extracted) == len(records)
    assert len(considered) > 0


def test_date_less_entries_keep_the_time_first_seen(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    make(settings, now=NOW)
    src = settings.sources[0]
    assert isinstance(src, Path)
    record = settings.out / ".digest-first-seen.json"
    head, _, body = record.read_text().partition("\n")
    assert json.loads(head)["kind"] == "first seen"
    assert len(json.loads(body)) == 2  # the two RSS 0.92 items
    # touched: read again, not recalled; the items are the ones seen before
    os.utime(src / "rss092.rss", (LATER.timestamp(), LATER.timestamp()))
    (settings.out / ".cache" / "index.json").unlink()
    _, considered, _ = consider(settings, LATER)
    dated = {
        c.article.title: c.article for c in considered if c.article.date_source == "first seen"
    }
    assert {a.published for a in dated.values()} == {NOW}
    assert set(dated) == {"The First Item", "The Second Item"}


def test_ls_writes_nothing(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    result = CliRunner().invoke(
        app,
        ["ls", "--source", str(settings.sources[0]), "--out", str(settings.out)],
        env={"DIGEST_NOW": NOW.isoformat(), "DIGEST_TIMEZONE": "UTC"},
    )
    assert result.exit_code == 0, result.output
    assert "The First Item" in result.stdout and "first seen" in result.stdout
    assert not settings.out.exists()
    make(settings, now=NOW)
    before = sorted((p, p.stat().st_mtime_ns) for p in settings.out.rglob("*"))
    (settings.sources[0] / "new.md").write_text("---\ntitle: New\n---\nA new story here.\n")  # type: ignore[operator]
    result = CliRunner().invoke(
        app,
        ["ls", "--source", str(settings.sources[0]), "--out", str(settings.out)],
        env={"DIGEST_NOW": LATER.isoformat(), "DIGEST_TIMEZONE": "UTC"},
    )
    assert result.exit_code == 0 and "New" in result.stdout
    assert sorted((p, p.stat().st_mtime_ns) for p in settings.out.rglob("*")) == before


class Feed(BaseHTTPRequestHandler):
    body: ClassVar[bytes] = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_response_like_the_last_is_not_parsed_again(
    tmp_path: Path, url: str, extracted: list[str]
) -> None:
    Feed.body = (REAL / "us-zone-letters.rss").read_bytes()
    settings = Settings(sources=(url,), out=tmp_path / "out", since="2026-11-20", timezone="UTC")
    first = make(settings, now=NOW)
    assert first.folder is not None and extracted == [url]
    extracted.clear()
    again = make(settings, now=LATER, rebuild=True)
    assert extracted == [] and again.folder is not None
    assert (
        json.loads((again.folder / "manifest.json").read_text())["articles"]
        == json.loads((first.folder / "manifest.json").read_text())["articles"]
    )
    Feed.body = Feed.body.replace(b"Council meets late", b"Council meets later")
    extracted.clear()
    changed = make(settings, now=LATER, rebuild=True)
    assert extracted == [url] and changed.folder is not None
    assert "Council meets later" in (changed.folder / "digest.txt").read_text()

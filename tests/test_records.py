"""The one record format (digest.files) and what the outbox keeps in it: the state (which
still reads the old layout), the analysis cache, the kept-digest record and the file index
(whose old formats are no record at all), the manifest and the report."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import NOW
from digest.analysis.cache import AnalysisCache
from digest.errors import DigestError
from digest.files import RecordError, load_record, read_record, write_record
from digest.model import Quote, Skipped, Window
from digest.outbox import kept, state
from digest.outbox.manifest import Manifest
from digest.outbox.report import Report, Result
from digest.pipeline import make
from digest.readers.index import FileIndex
from digest.settings import Settings

SEEN = {"a1": "2026-11-26", "b2": "2026-11-27"}
SENT = {"<x@example.org>": {"at": "2026-11-27T08:00:00+00:00", "folder": "2026-11-27"}}


def test_a_record_round_trips_and_anything_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "r.json"
    write_record(path, "thing", 3, {"x": ["é", 1]})  # (the folder is made)
    assert read_record(path, "thing", 3) == {"x": ["é", 1]}
    assert read_record(path, "other", 3) is None
    assert read_record(path, "thing", 2) is None
    with pytest.raises(RecordError) as caught:
        load_record(path, "thing", 2)
    assert caught.value.version == 3
    head, _, body = path.read_bytes().partition(b"\n")
    path.write_bytes(head + b"\n" + body.replace(b"1", b"2"))  # a hand edit or a torn write
    assert read_record(path, "thing", 3) is None
    path.write_bytes(head[:10])
    assert read_record(path, "thing", 3) is None
    assert read_record(tmp_path / "missing.json", "thing", 3) is None


def test_a_record_without_a_checksum_may_be_edited(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    write_record(path, "thing", 1, {"n": 1}, checksum=False)
    head, _, _ = path.read_text().partition("\n")
    path.write_text(head + "\n" + json.dumps({"n": 2}, indent=2) + "\n")
    assert load_record(path, "thing", 1, checksum=False) == {"n": 2}
    assert read_record(path, "thing", 1) is None  # (where a checksum is required)


def test_a_state_of_the_old_layout_is_read_and_migrated_without_losing_anything(
    tmp_path: Path,
) -> None:
    old = {"version": 1, "last_until": NOW.isoformat(), "seen": SEEN, "sent": SENT}
    path = tmp_path / ".digest-state.json"
    path.write_text(json.dumps(old, indent=1) + "\n")  # as digest wrote it before
    loaded = state.load(tmp_path)
    assert (loaded.last_until, loaded.seen, loaded.sent) == (NOW, SEEN, SENT)
    state.save(tmp_path, loaded)
    assert path.read_text().startswith('{"kind": "digest state", "version": 3}\n')
    assert state.load(tmp_path) == loaded


def test_a_state_of_an_unknown_version_or_damaged_is_an_error_never_a_reset(
    tmp_path: Path,
) -> None:
    path = tmp_path / ".digest-state.json"
    path.write_text(json.dumps({"version": 7, "seen": SEEN}))
    with pytest.raises(DigestError, match="state version 7"):
        state.load(tmp_path)
    path.write_text('{"kind": "digest state", "version": 9}\n{}\n')
    with pytest.raises(DigestError, match="state version 9"):
        state.load(tmp_path)
    path.write_text('{"kind": "digest state", "version": 2}\n{"seen": ')
    with pytest.raises(DigestError, match="cannot read the outbox state"):
        state.load(tmp_path)


def test_a_cache_entry_of_the_old_format_is_absent_and_dropped(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path)
    key = AnalysisCache.key("h", "english", "news", 3)
    quote = Quote("“Yes,” he said.", "Ann Lee", "he", 3, 18, ((3, 8), (10, 18)))
    cache.put(key, (("One.", "Two."), (quote,), 0))
    assert cache.get(key) == (("One.", "Two."), (quote,), 0)
    entry = tmp_path / key[:2] / f"{key}.json"
    payload = {"key": key, "summary": ["One."], "quotes": [], "key_quote": None}
    check = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    entry.write_text(json.dumps({"check": check, "payload": payload}))  # version 1
    assert cache.get(key) is None and not entry.exists()


def test_an_index_or_kept_record_of_the_old_format_is_absent(tmp_path: Path) -> None:
    body = json.dumps({"/a.md": [1, 2, "dates", [3.0]]}).encode()
    head = {"stamp": "2|x|UTC", "check": hashlib.sha256(body).hexdigest()}
    (tmp_path / "index.json").write_bytes(json.dumps(head).encode() + b"\n" + body)
    assert FileIndex(tmp_path, "UTC").entries == {}
    out = tmp_path / "out"
    (out / "2026-11-27").mkdir(parents=True)
    (out / ".cache").mkdir()
    data = {"key": "k", "folder": "2026-11-27", "files": {}, "report": {}}
    (out / ".cache" / "unchanged.json").write_text(json.dumps({"check": "x", **data}))
    assert kept.recall(out, "k") is None


def test_the_index_keeps_its_entries_for_its_version_and_zone_only(tmp_path: Path) -> None:
    index = FileIndex(tmp_path, "UTC")
    index.entries["/a.md"] = [1, 2, "dates", [3.0]]
    index._visited.add("/a.md")
    index._changed = True
    index.save()
    assert FileIndex(tmp_path, "UTC").entries == {"/a.md": [1, 2, "dates", [3.0]]}
    assert FileIndex(tmp_path, "Europe/Berlin").entries == {}


def test_the_manifest_reads_back_what_make_wrote(seeds: Path, tmp_path: Path) -> None:
    settings = Settings(sources=(seeds,), out=tmp_path / "out", since="2026-11-20")
    result = make(settings, now=NOW)
    assert result.folder is not None and result.digest is not None
    raw = (result.folder / "manifest.json").read_bytes()
    manifest = Manifest.from_json(raw)
    assert manifest.to_json() == raw
    assert manifest.count == len(result.digest.stories) + len(result.digest.more)
    assert [a["title"] for a in manifest.articles] == [
        s.article.title for s in result.digest.stories
    ]
    assert manifest.until == result.window.until.replace(microsecond=0)
    older = json.loads(raw)  # a manifest of an earlier version had no more/unlisted lists
    del older["more_stories"], older["unlisted_stories"]
    assert Manifest.from_json(json.dumps(older)).more_stories == ()
    with pytest.raises(ValueError):
        Manifest.from_json(json.dumps({**older, "articles": [{"title": 3}]}))


def test_a_report_round_trips_to_the_result_of_a_kept_run() -> None:
    window = Window(datetime(2026, 11, 26, tzinfo=UTC), NOW)
    result = Result(
        window,
        Path("/out/2026-11-27"),
        None,
        (Skipped(Path("/in/x.md"), "empty file"),),
        12,
        ("a warning",),
        ("WARN html-size: big",),
        seen=2,
        count=5,
        more_count=3,
        unlisted_count=1,
    )
    report = Report.from_json(json.loads(json.dumps(Report.of(result, ("a1",)).to_json())))
    assert report.ids == ("a1",)
    again = report.result(window, Path("/out/2026-11-27"))
    assert again == Result(**{**result.__dict__, "kept": True})
    with pytest.raises(ValueError):
        Report.from_json({**report.to_json(), "stories": "5"})

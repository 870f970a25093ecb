"""The analysis cache and parallel analysis change nothing but the time taken."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import SEEDS, distinct_text, set_mtime
from digest.analysis.cache import AnalysisCache
from digest.pipeline import make
from digest.settings import Settings

NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    set_mtime(src / "000_2534067fcf5ef89c.txt", datetime(2026, 11, 27, 6, 0, tzinfo=UTC))
    for i in range(24):  # enough to take the parallel path
        (src / f"extra-{i:02d}.md").write_text(
            f"---\ntitle: Extra story {i}\ndate: 2026-11-26T0{i % 10}:00:00Z\n---\n"
            f"{distinct_text(i, 8)} “We will finish the work by spring,” said Mayor Ana Lis.\n"
        )
    return src


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run(src: Path, out: Path, jobs: int, rebuild: bool = False) -> dict[str, bytes]:
    settings = Settings(sources=(src,), out=out, since="2026-11-20", timezone="UTC")
    result = make(settings, now=NOW, jobs=jobs, include_seen=True, rebuild=rebuild)
    assert result.folder is not None
    return files(result.folder)


def test_parallel_and_cached_runs_are_byte_identical_to_a_serial_uncached_one(
    tmp_path: Path,
) -> None:
    src = corpus(tmp_path)
    serial = run(src, tmp_path / "serial", jobs=1)
    parallel = run(src, tmp_path / "parallel", jobs=2)  # cold cache, two processes
    assert parallel == serial
    cache = tmp_path / "parallel" / ".cache" / "analyses"
    assert len(list(cache.glob("*/*.json"))) == 32  # every article analysed once, cached
    warm = run(src, tmp_path / "parallel", jobs=2, rebuild=True)  # all from the cache
    assert warm == serial


def test_a_damaged_cache_entry_is_never_trusted(tmp_path: Path) -> None:
    src = corpus(tmp_path)
    clean = run(src, tmp_path / "a", jobs=1)
    entries = sorted((tmp_path / "a" / ".cache" / "analyses").glob("*/*.json"))
    head, _, body = entries[0].read_text().partition("\n")
    payload = json.loads(body)
    payload["summary"] = ["A sentence nobody wrote."]  # the checksum no longer matches
    entries[0].write_text(head + "\n" + json.dumps(payload))
    entries[1].write_text('{"check": "x", "payl')  # cut short by a crash
    assert run(src, tmp_path / "a", jobs=1, rebuild=True) == clean
    cache = AnalysisCache(tmp_path / "a" / ".cache" / "analyses")
    assert cache.get(entries[0].stem) is not None  # rewritten with the right content


def test_the_cache_is_bounded(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path, limit=3)
    for i in range(5):
        cache.put(AnalysisCache.key(f"h{i}", "english", "news", 3), (("s",), (), None))
    assert cache.prune() == 2
    assert len(list(tmp_path.glob("*/*.json"))) == 3


def test_the_key_changes_with_everything_that_changes_the_result() -> None:
    base = AnalysisCache.key("hash", "english", "news", 3)
    assert (
        len(
            {
                base,
                AnalysisCache.key("other", "english", "news", 3),
                AnalysisCache.key("hash", "german", "news", 3),
                AnalysisCache.key("hash", "english", "lexrank", 3),
                AnalysisCache.key("hash", "english", "news", 4),
            }
        )
        == 5
    )


def test_the_key_changes_with_the_analysis_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade that changes a rule (a module or a word list of the analysis) is never
    answered from entries the older rule made: without the fingerprint in the key, a rerun
    after the upgrade showed yesterday's summaries and speakers."""
    from digest.analysis import cache as module

    before = AnalysisCache.key("hash", "english", "news", 3)
    module.rules.cache_clear()
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        data = real(path)
        return data + b"\nchanged" if path.name == "not_person.txt" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    try:
        assert AnalysisCache.key("hash", "english", "news", 3) != before
    finally:
        monkeypatch.undo()
        module.rules.cache_clear()
    assert AnalysisCache.key("hash", "english", "news", 3) == before


def test_the_index_spares_reading_unchanged_files_outside_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digest.readers import scan as sources

    src = tmp_path / "many"
    src.mkdir()
    for day in range(1, 27):  # one article a day of November
        (src / f"2026-11-{day:02d}-story.txt").write_text(
            f"Story of day {day}\n\n{distinct_text(day, 5)}\n"
        )
    (src / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    settings = Settings(sources=(src,), out=out, since="2026-11-26", timezone="UTC")
    reads: list[str] = []
    real = sources.read_file

    def counting(path: Path, options: sources.ReadOptions):
        reads.append(path.name)
        return real(path, options)

    monkeypatch.setattr(sources, "read_file", counting)
    first = make(settings, now=NOW, include_seen=True)
    assert len(reads) == 27  # a cold run reads everything and builds the index
    reads.clear()
    assert make(settings, now=NOW, include_seen=True).kept and reads == []  # nothing changed
    second = make(settings, now=NOW, include_seen=True, rebuild=True)
    # the file dated in the window is recalled from the index, not read (issue 14: before,
    # it was read again)
    assert reads == []
    assert [s.reason for s in second.skipped] == ["empty file"]  # still reported, unread
    assert files(second.folder) == files(first.folder)
    (src / "2026-11-03-story.txt").write_text("Story of day 3, updated\n\nNew text here.\n")
    reads.clear()
    make(settings, now=NOW, include_seen=True)
    assert reads == ["2026-11-03-story.txt"]  # changed: read (the window's: recalled)
    (out / ".cache" / "index.json").write_text('{"stamp": "x"')  # damaged: not trusted
    reads.clear()
    assert files(make(settings, now=NOW, include_seen=True).folder) == files(first.folder)
    assert len(reads) == 27

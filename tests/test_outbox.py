from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest import files
from digest.errors import OutputError
from digest.outbox import folder as outbox


def test_write_then_replace(tmp_path: Path) -> None:
    first = outbox.write_folder(tmp_path, "2026-11-27", {"a.txt": b"one", "b.txt": b"two"})
    assert first == tmp_path / "2026-11-27"
    second = outbox.write_folder(tmp_path, "2026-11-27", {"a.txt": b"new"})
    assert second == first
    assert sorted(p.name for p in first.iterdir()) == ["a.txt"]  # old files do not linger
    assert (first / "a.txt").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-27"]  # no leftovers


def test_a_failed_write_leaves_the_last_good_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outbox.write_folder(tmp_path, "2026-11-27", {"a.txt": b"good"})
    real = files.write_file

    def failing(path: Path, data: bytes) -> None:
        if path.name == "b.txt":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(files, "write_file", failing)
    with pytest.raises(OutputError, match="No space left on device"):
        outbox.write_folder(tmp_path, "2026-11-27", {"a.txt": b"bad", "b.txt": b"bad"})
    assert (tmp_path / "2026-11-27" / "a.txt").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-27"]


def test_recover_restores_a_set_aside_folder_and_drops_dead_temporaries(tmp_path: Path) -> None:
    dead = 2**22 + 12345  # above the kernel's pid limit: never a live process
    old = tmp_path / f".old-2026-11-26.{dead}"
    old.mkdir()
    (old / "digest.txt").write_text("previous")
    tmp = tmp_path / f".tmp-2026-11-26.{dead}"
    tmp.mkdir()
    (tmp / "digest.txt").write_text("half")
    outbox.recover(tmp_path)
    assert (tmp_path / "2026-11-26" / "digest.txt").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-11-26"]


def test_fallback_without_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outbox, "_exchange", lambda a, b: False)
    outbox.write_folder(tmp_path, "d", {"a": b"1"})
    outbox.write_folder(tmp_path, "d", {"a": b"2"})
    assert (tmp_path / "d" / "a").read_bytes() == b"2"
    assert [p.name for p in tmp_path.iterdir()] == ["d"]


@pytest.mark.parametrize("name", ["../x", "/etc", "a/b", ".hidden", "..", ""])
def test_unsafe_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError, match="unsafe"):
        outbox.write_folder(tmp_path, name, {"a": b"1"})


def test_write_atomic_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    files.write_atomic(target, b"1")
    files.write_atomic(target, b"2")
    assert target.read_bytes() == b"2"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_json_files_round_trip_with_an_item_a_line() -> None:
    from digest.files import to_json

    data = {
        "title": "Daily \u201cDigest\u201d",
        "articles": [{"title": 'A "quoted"\nline', "n": 1}, {"title": "</script>", "n": 2}],
        "skipped": [],
        "window": {"since": "2026-11-26T00:00:00+00:00"},
    }
    text = to_json(data).decode()
    assert json.loads(text) == data
    lines = text.splitlines()
    assert '    {"title": "A \\"quoted\\"\\nline", "n": 1},' in lines  # one article, one line
    assert to_json([1, 2]) == b"[1, 2]\n"

"""A rerun over unchanged inputs keeps the digest already written; any change makes it again."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import NOW, SEEDS, distinct_text
from digest.cli import app
from digest.pipeline import Result, make
from digest.settings import Settings

LATER = NOW + timedelta(hours=2)


def record(path: Path) -> tuple[dict, Any]:
    """The header and payload of a record file (see digest.files.write_record)."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n")
    return json.loads(head), json.loads(body)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the runs read."""
    from digest.readers import scan as sources

    seen: list[str] = []
    real = sources.read_file

    def counting(path: Path, options: sources.ReadOptions):
        seen.append(path.name)
        return real(path, options)

    monkeypatch.setattr(sources, "read_file", counting)
    return seen


def setup(tmp_path: Path, **changes: object) -> Settings:
    src = tmp_path / "src"
    if not src.exists():
        shutil.copytree(SEEDS, src)
    fields: dict[str, object] = {
        "sources": (src,),
        "out": tmp_path / "out",
        "since": "2026-11-20",
        "timezone": "UTC",
    }
    return Settings(**{**fields, **changes})  # type: ignore[arg-type]


def fresh(tmp_path: Path, settings: Settings, name: str) -> dict[str, bytes]:
    """What a first run in an empty outbox makes at LATER (the answer to compare with)."""
    other = Settings(**{**settings.__dict__, "out": tmp_path / name})
    result = make(other, now=LATER)
    assert result.folder is not None and not result.kept
    return files(result.folder)


def test_a_rerun_over_unchanged_inputs_keeps_the_digest(tmp_path: Path, reads: list[str]) -> None:
    settings = setup(tmp_path)
    first = make(settings, now=NOW)
    assert first.folder is not None and not first.kept
    before = files(first.folder)
    reads.clear()
    again = make(settings, now=LATER)
    assert again.kept and again.digest is None and reads == []  # nothing read, nothing made
    assert again.folder == first.folder and files(first.folder) == before
    assert (again.count, again.more_count) == (first.count, first.more_count)
    assert again.summary()["stories"] == first.summary()["stories"] and again.summary()["kept"]
    _, state = record(settings.out / ".digest-state.json")
    assert state["last_until"].startswith(LATER.strftime("%Y-%m-%dT%H"))  # advanced as usual


@pytest.mark.parametrize(
    "change",
    ["new article", "edited article", "touched article", "setting", "template", "seen"],
)
def test_any_change_makes_the_digest_again(tmp_path: Path, change: str) -> None:
    settings = setup(tmp_path)
    src = settings.sources[0]
    assert isinstance(src, Path)
    make(settings, now=NOW)
    if change == "new article":
        (src / "late.md").write_text(
            f"---\ntitle: A late story\ndate: 2026-11-27T06:30:00Z\n---\n{distinct_text(3)}\n"
        )
    elif change == "edited article":
        target = sorted(src.glob("*.md"))[0]
        target.write_text(target.read_text().replace("the", "a", 1))
    elif change == "touched article":  # same bytes, new mtime: read again to be sure
        target = sorted(src.glob("*.md"))[0]
        target.write_bytes(target.read_bytes())
    elif change == "setting":
        settings = setup(tmp_path, title="Harbour Morning")
    elif change == "template":
        folder = tmp_path / "templates"
        folder.mkdir()
        text = (Path(__file__).parents[1] / "templates" / "digest.txt.j2").read_text()
        (folder / "digest.txt.j2").write_text("Our own text part\n" + text)
        settings = setup(tmp_path, templates=folder)
    elif change == "seen":  # another digest now claims one of the stories
        path = settings.out / ".digest-state.json"
        head, state = record(path)
        state["seen"][next(iter(state["seen"]))] = "2026-11-01"  # (the state has no checksum)
        path.write_text(json.dumps(head) + "\n" + json.dumps(state))
    again = make(settings, now=LATER)
    assert not again.kept and again.folder is not None
    assert files(again.folder) == fresh_after_change(tmp_path, settings, change)


def test_an_upgrade_makes_the_digest_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same inputs under other code (an upgrade that changed a rule of the summaries or
    the quotes) are not the same digest: without the code in the fingerprint, a rerun after
    ``pip install -U`` kept the digest the older rules wrote."""
    from digest.outbox import kept

    settings = setup(tmp_path)
    make(settings, now=NOW)
    assert make(settings, now=LATER).kept
    monkeypatch.setattr(kept, "installed_code", lambda: "the next release")
    again = make(settings, now=LATER)
    assert not again.kept and again.folder is not None


def fresh_after_change(tmp_path: Path, settings: Settings, change: str) -> dict[str, bytes]:
    if change == "seen":  # a fresh outbox knows nothing of the other digest: compare the story
        return files(make(Settings(**{**settings.__dict__}), now=LATER, rebuild=True).folder)
    return fresh(tmp_path, settings, "fresh")


@pytest.mark.parametrize("damage", ["digest edited", "file added", "record damaged"])
def test_a_digest_that_is_not_as_recorded_is_made_again(tmp_path: Path, damage: str) -> None:
    settings = setup(tmp_path)
    first = make(settings, now=NOW)
    assert first.folder is not None
    if damage == "digest edited":
        html = first.folder / "digest.html"
        html.write_text(html.read_text().replace("Daily Digest", "Daily Digset"))
    elif damage == "file added":
        (first.folder / "notes.txt").write_text("mine")
    else:
        path = settings.out / ".cache" / "unchanged.json"
        head, data = record(path)
        data["folder"] = "2026-11-01"  # the checksum no longer matches
        path.write_text(json.dumps(head) + "\n" + json.dumps(data))
    again = make(settings, now=LATER)
    assert not again.kept
    assert files(again.folder) == fresh(tmp_path, settings, "fresh")


def test_rebuild_makes_it_again_and_the_cli_says_which(tmp_path: Path) -> None:
    settings = setup(tmp_path)
    make(settings, now=NOW)
    assert not make(settings, now=LATER, rebuild=True).kept
    runner = CliRunner()
    env = {"DIGEST_NOW": (LATER + timedelta(hours=1)).isoformat(), "TZ": "UTC"}
    args = ["make", "-s", str(settings.sources[0]), "--out", str(settings.out)]
    args += ["--since", "2026-11-20", "--timezone", "UTC"]
    kept = runner.invoke(app, args, env=env)
    assert kept.exit_code == 0, kept.output
    assert "digest: unchanged" in kept.stderr and "--rebuild" in kept.stderr
    assert kept.stdout.strip() == str(settings.out / "2026-11-27")
    made = runner.invoke(app, [*args, "--rebuild"], env=env)
    assert made.exit_code == 0 and "digest: unchanged" not in made.stderr


def test_a_new_window_with_other_articles_is_not_the_same_digest(tmp_path: Path) -> None:
    settings = setup(tmp_path)
    first = make(settings, now=NOW)
    narrower = setup(tmp_path, since="2026-11-27")  # fewer articles fall inside
    again: Result = make(narrower, now=NOW)
    assert not again.kept and again.count < first.count


@pytest.mark.parametrize("spelling", [".", "./src/", "src"])
def test_the_source_may_be_spelled_any_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    settings = setup(tmp_path)
    monkeypatch.chdir(tmp_path / "src" if spelling == "." else tmp_path)
    spelled = Settings(**{**settings.__dict__, "sources": (Path(spelling),)})
    first = make(spelled, now=NOW)
    again = make(spelled, now=LATER)
    assert first.count >= 7 and again.kept  # (the mtime-dated seed is in the future at NOW)
    manifest = json.loads((first.folder / "manifest.json").read_text())
    assert not any(a["path"].startswith(("./", "/")) for a in manifest["articles"])

"""Faults: a full disk at every write, a read-only outbox, and several runs at once.

Nothing here is timed: concurrent runs are made deterministic by holding the outbox lock from
the test, or by accepting each outcome the README allows and checking the outbox after.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import distinct_text, set_mtime
from digest import files
from digest.cli import app
from digest.errors import OutputError
from digest.outbox import folder as outbox
from digest.outbox import state
from digest.pipeline import make
from digest.settings import Settings

T0 = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)
FILES = ["digest.eml", "digest.html", "digest.txt", "manifest.json"]
runner = CliRunner()


def news_folder(base: Path, count: int = 3, offset: int = 0) -> Path:
    folder = base / "news"
    folder.mkdir(exist_ok=True)
    for i in range(count):
        path = folder / f"s{i + offset:02d}.txt"
        path.write_text(f"Story {i + offset:02d} today\n\n{distinct_text(i + offset, 5)}\n")
        set_mtime(path, T0 - timedelta(hours=1 + i))
    return folder


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (but the lock's pid) by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def leftovers(root: Path) -> list[str]:
    return [
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.name.startswith((outbox.TMP_PREFIX, outbox.OLD_PREFIX))
    ]


# --- disk full -------------------------------------------------------------------------------


class DiskFull:
    """Makes the ``fail_at``-th write-side call (file write, fsync, rename, replace, mkdir)
    raise ENOSPC, as a full disk would (or EROFS, a file system remounted read-only); counts
    them all."""

    def __init__(self, fail_at: int, error: int = errno.ENOSPC) -> None:
        self.fail_at = fail_at
        self.error = error
        self.calls = 0

    def wrap(self, func: Callable[..., object]) -> Callable[..., object]:
        def failing(*args: object, **kwargs: object) -> object:
            self.calls += 1
            if self.calls == self.fail_at:
                raise OSError(self.error, os.strerror(self.error))
            return func(*args, **kwargs)

        return failing

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in ("fsync", "replace", "rename", "mkdir", "write"):
            monkeypatch.setattr(os, name, self.wrap(getattr(os, name)))
        monkeypatch.setattr(files, "write_file", self.wrap(files.write_file))


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS], ids=["ENOSPC", "EROFS"])
def test_a_full_disk_at_any_write_is_a_clear_error_and_leaves_the_last_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    """ENOSPC at the 1st, 2nd, ... write-side call of a run (each from the same outbox), until
    a run gets through. A failed cache or index write is shrugged off (the digest is written);
    any other failure exits 1 with a message, leaves no temporary file and keeps the state;
    the digest folder is then the previous one or the new one, whole, never a mix."""
    news = news_folder(tmp_path)
    pristine = tmp_path / "pristine"
    env = {"DIGEST_NOW": T0.isoformat(), "TZ": "UTC"}

    def args(out: Path) -> list[str]:
        return ["make", "-s", str(news), "--out", str(out), "--since", "1d", "--jobs", "1"]

    assert runner.invoke(app, args(pristine), env=env).exit_code == 0
    news_folder(tmp_path, count=1, offset=7)  # a new story: the next digest differs
    old = snapshot(pristine)
    reference = tmp_path / "reference"
    shutil.copytree(pristine, reference)
    assert runner.invoke(app, args(reference), env=env).exit_code == 0
    new = snapshot(reference)
    digest = [f"2026-11-27/{f}" for f in FILES]
    assert [new[f] for f in digest] != [old[f] for f in digest]

    out = tmp_path / "out"
    failed = shrugged = 0
    for fail_at in range(1, 200):
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(pristine, out)
        with monkeypatch.context() as patch:
            fault = DiskFull(fail_at, error)
            fault.install(patch)
            result = runner.invoke(app, args(out), env=env)
        after = snapshot(out)
        assert not leftovers(out), fail_at
        if fault.calls < fail_at:  # every write went through: the run is done
            assert result.exit_code == 0, result.stderr
            assert [after[f] for f in digest] == [new[f] for f in digest]
            break
        if result.exit_code == 0:  # only a cache or index write failed
            shrugged += 1
            assert [after[f] for f in digest] == [new[f] for f in digest], fail_at
            continue
        failed += 1
        assert result.exit_code == 1, (fail_at, result.stderr)
        assert result.stderr.startswith("digest: error: cannot "), (fail_at, result.stderr)
        assert os.strerror(error) in result.stderr, result.stderr
        assert after[".digest-state.json"] == old[".digest-state.json"], fail_at
        assert [after[f] for f in digest] in ([old[f] for f in digest], [new[f] for f in digest])
    else:
        pytest.fail("the run never got through")
    assert failed >= 10 and shrugged >= 3  # the fault really hit each stage of writing


def test_a_full_disk_in_the_library_raises_output_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = news_folder(tmp_path)
    settings = Settings(sources=(news,), out=tmp_path / "out", since="1d", timezone="UTC")
    with monkeypatch.context() as patch:

        def full(path: Path, data: bytes, durable: bool = True) -> None:  # every write fails
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        patch.setattr(files, "write_file", full)
        with pytest.raises(OutputError, match="No space left on device") as info:
            make(settings, now=T0, jobs=1)
    assert info.value.exit_code == 1 and str(tmp_path / "out") in info.value.message
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")] == []
    assert not leftovers(tmp_path / "out")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_a_read_only_outbox_is_a_clear_error(tmp_path: Path) -> None:
    news = news_folder(tmp_path)
    out = tmp_path / "out"
    env = {"DIGEST_NOW": T0.isoformat(), "TZ": "UTC"}
    args = ["make", "-s", str(news), "--out", str(out), "--since", "1d"]
    assert runner.invoke(app, args, env=env).exit_code == 0
    before = snapshot(out)
    out.chmod(0o555)
    try:
        result = runner.invoke(app, args, env=env)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1 and "digest: error: " in result.stderr
    assert snapshot(out) == before and not leftovers(out)


# --- runs at once ----------------------------------------------------------------------------


def _start(news: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DIGEST_NOW": T0.isoformat(), "TZ": "UTC"}
    command = [sys.executable, "-m", "digest.cli", "make", "-s", str(news), "--out", str(out)]
    return subprocess.Popen(
        [*command, "--jobs", "1", *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    return [(p.wait(timeout=180), *p.communicate(timeout=30)) for p in procs]


def assert_complete(out: Path) -> None:
    listed = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert listed == ["2026-11-27", "feed.xml", "index.html"]  # the digest and the archive
    folders = [out / "2026-11-27"]
    assert sorted(f.name for f in folders[0].iterdir()) == FILES
    assert len(json.loads((folders[0] / "manifest.json").read_text())["articles"]) == 3
    assert state.load(out).last_until == T0
    assert not leftovers(out)


@pytest.mark.parametrize("count", [2, 5])
def test_runs_started_while_the_outbox_is_busy_exit_3(tmp_path: Path, count: int) -> None:
    news = news_folder(tmp_path)
    out = tmp_path / "out"
    with state.locked(out):  # another run holds the outbox the whole time
        results = _finish([_start(news, out) for _ in range(count)])
    for code, stdout, stderr in results:
        assert code == 3 and stdout == ""
        assert "digest: busy: another digest run is using" in stderr
    assert sorted(p.name for p in out.iterdir()) == [".lock"]  # nothing written


@pytest.mark.parametrize("count", [2, 5])
def test_runs_started_at_once_with_wait_take_turns(tmp_path: Path, count: int) -> None:
    """With --wait every run gets its turn: exactly one writes the digest, the others then find
    nothing new (their window starts where it ended), and the outbox is whole."""
    news = news_folder(tmp_path)
    out = tmp_path / "out"
    with state.locked(out):  # all of them start while the outbox is held, then compete
        procs = [_start(news, out, "--wait", "120") for _ in range(count)]
    results = _finish(procs)
    assert [code for code, _, _ in results] == [0] * count
    written = [stdout.strip() for _, stdout, _ in results if stdout.strip()]
    assert written == [str(out / "2026-11-27")]
    assert sum("nothing new" in stderr for _, _, stderr in results) == count - 1
    assert_complete(out)


@pytest.mark.parametrize("count", [2, 5])
def test_runs_started_at_once_without_wait(tmp_path: Path, count: int) -> None:
    """Without --wait a run that finds the outbox busy exits 3; one that gets it writes or
    finds nothing new. Whatever the interleaving, the outbox ends whole."""
    news = news_folder(tmp_path)
    out = tmp_path / "out"
    results = _finish([_start(news, out) for _ in range(count)])
    codes = sorted(code for code, _, _ in results)
    assert set(codes) <= {0, 3} and codes[0] == 0, results
    for code, stdout, stderr in results:
        if code == 3:
            assert stdout == "" and "another digest run is using" in stderr
    written = [stdout.strip() for _, stdout, _ in results if stdout.strip()]
    assert written == [str(out / "2026-11-27")]  # the digest was written exactly once
    assert_complete(out)

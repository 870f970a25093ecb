"""Unattended runs: --since last, seen articles, the lock, exit codes, quiet output, config."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import distinct_text, set_mtime
from digest.analysis.cache import AnalysisCache
from digest.cli import app
from digest.errors import ConfigError
from digest.outbox import state
from digest.settings import load, read_config, starter_config

runner = CliRunner()
T0 = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def invoke(*args: str, now: datetime = T0, env: dict[str, str] | None = None):
    return runner.invoke(
        app, list(args), env={"DIGEST_NOW": now.isoformat(), "TZ": "UTC", **(env or {})}
    )


def article(folder: Path, name: str, title: str, when: datetime) -> Path:
    """A plain .txt article dated by its mtime."""
    path = folder / name
    path.write_text(
        f"{title}\n\nThe first sentence of {title.lower()} is here. "
        "A second sentence adds a detail. A third one closes it.\n"
    )
    set_mtime(path, when)
    return path


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    article(folder, "a.txt", "Alpha story", T0 - timedelta(hours=5))
    article(folder, "b.txt", "Beta story", T0 - timedelta(hours=30))
    return folder


def record(path: Path) -> tuple[dict, Any]:
    """The header and payload of a record file (see digest.files.write_record)."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n")
    return json.loads(head), json.loads(body)


def titles(folder: Path) -> list[str]:
    manifest = json.loads((folder / "manifest.json").read_text())
    return sorted(a["title"] for a in manifest["articles"])


def test_since_last_starts_where_the_last_digest_ended(news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = invoke("make", "-s", str(news), "--out", str(out))  # first run: last 24 hours
    assert first.exit_code == 0, first.stderr
    assert titles(Path(first.stdout.strip())) == ["Alpha story"]
    head, saved = record(out / ".digest-state.json")
    assert head["version"] == state.VERSION and saved["last_until"] == T0.isoformat()
    later = T0 + timedelta(hours=20)
    article(news, "c.txt", "Gamma story", T0 + timedelta(hours=2))
    second = invoke("make", "-s", str(news), "--out", str(out), "--since", "last", now=later)
    assert second.exit_code == 0, second.stderr
    assert titles(Path(second.stdout.strip())) == ["Gamma story"]
    # --since last looks back (lookback, 3 days) but never before the first window (issue 15)
    manifest = json.loads((Path(second.stdout.strip()) / "manifest.json").read_text())
    assert manifest["window"]["since"] == (T0 - timedelta(hours=24)).isoformat()


def test_nothing_new_keeps_the_state_and_fail_empty_exits_4(news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("make", "-s", str(news), "--out", str(out)).exit_code == 0
    before = (out / ".digest-state.json").read_bytes()
    empty = invoke("make", "-s", str(news), "--out", str(out), now=T0 + timedelta(hours=1))
    assert empty.exit_code == 0 and empty.stdout == ""
    assert "nothing new" in empty.stderr
    assert (out / ".digest-state.json").read_bytes() == before
    failing = invoke(
        "make", "-s", str(news), "--out", str(out), "--fail-empty", now=T0 + timedelta(hours=1)
    )
    assert failing.exit_code == 4


def test_a_touched_article_is_not_repeated(news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("make", "-s", str(news), "--out", str(out)).exit_code == 0
    later = T0 + timedelta(days=1)
    set_mtime(news / "a.txt", later - timedelta(hours=1))  # touched: now dated tomorrow
    again = invoke("make", "-s", str(news), "--out", str(out), now=later)
    assert again.exit_code == 0
    assert "nothing new" in again.stderr and "1 already sent before" in again.stderr
    forced = invoke("make", "-s", str(news), "--out", str(out), "--include-seen", now=later)
    assert forced.exit_code == 0 and titles(Path(forced.stdout.strip())) == ["Alpha story"]


def test_remaking_an_explicit_window_reproduces_that_digest(news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["make", "-s", str(news), "--out", str(out), "--since", "2d", "--until", "now"]
    first = invoke(*args)
    html = (Path(first.stdout.strip()) / "digest.html").read_bytes()
    (news / "b.txt").write_text(
        "Beta story, corrected\n\nThe fixed sentence is here. "
        "Another sentence follows it. And a third one.\n"
    )
    set_mtime(news / "b.txt", T0 - timedelta(hours=30))
    second = invoke(*args)
    assert second.exit_code == 0 and second.stdout == first.stdout
    assert titles(Path(second.stdout.strip())) == ["Alpha story", "Beta story, corrected"]
    assert (Path(second.stdout.strip()) / "digest.html").read_bytes() != html


def test_strict_makes_a_bad_file_fatal(news: Path, tmp_path: Path) -> None:
    (news / "bad.txt").write_bytes(b"\xff\xfe broken")
    out = tmp_path / "out"
    lenient = invoke("make", "-s", str(news), "--out", str(out / "a"))
    assert lenient.exit_code == 0 and "skipped" in lenient.stderr
    strict = invoke("make", "-s", str(news), "--out", str(out / "b"), "--strict")
    assert strict.exit_code == 1 and "bad.txt" in strict.stderr
    assert [p for p in (out / "b").iterdir() if not p.name.startswith(".")] == []


def test_locked_outbox_exits_3_after_waiting(news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with state.locked(out):
        busy = invoke("make", "-s", str(news), "--out", str(out), "--wait", "0.3")
    assert busy.exit_code == 3
    assert "another digest run is using" in busy.stderr and "--wait" in busy.stderr
    assert invoke("make", "-s", str(news), "--out", str(out)).exit_code == 0


def test_two_processes_at_once(news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "DIGEST_NOW": T0.isoformat(), "TZ": "UTC"}
    command = [sys.executable, "-m", "digest.cli", "make", "-s", str(news), "--out", str(out)]
    procs = [
        subprocess.Popen(
            [*command, "--wait", "60"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0, 0]  # with --wait, the second runs after the first...
    outs = sorted(p.stdout.read().decode().strip() for p in procs if p.stdout)
    assert outs == ["", str(out / "2026-11-27")]  # ...and finds nothing new
    errs = b"".join(p.stderr.read() for p in procs if p.stderr).decode()
    assert "nothing new" in errs
    assert record(out / ".digest-state.json")[0]["version"] == state.VERSION


def test_quiet_and_json_output(news: Path, tmp_path: Path) -> None:
    quiet = invoke("make", "-s", str(news), "--out", str(tmp_path / "q"), "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout == ""  # cron-clean (issue 15): nothing at all on success
    assert (tmp_path / "q" / "2026-11-27" / "digest.eml").is_file()
    data = invoke("make", "-s", str(news), "--out", str(tmp_path / "j"), "--json", "-q")
    summary = json.loads(data.stdout)
    assert summary["folder"] == str(tmp_path / "j" / "2026-11-27")
    assert summary["stories"] == 1 and summary["skipped"] == []
    verbose = invoke("make", "-s", str(news), "--out", str(tmp_path / "v"), "-v")
    assert "window" in verbose.stderr and "sources:" in verbose.stderr


# --- configuration -------------------------------------------------------------------------


def test_precedence_defaults_file_env_options(tmp_path: Path) -> None:
    config = tmp_path / "digest.toml"
    config.write_text(
        'title = "From File"\nsentences = 2\nsources = ["news"]\n'
        '[smtp]\nhost = "mail.example.org"\n'
    )
    settings = load({}, config, env={})
    assert (settings.title, settings.sentences) == ("From File", 2)
    assert settings.sources == (tmp_path / "news",)  # relative to the file
    assert settings.smtp_host == "mail.example.org"
    env = {"DIGEST_TITLE": "From Env", "DIGEST_RECIPIENTS": "a@example.org, b@example.org"}
    settings = load({}, config, env=env)
    assert settings.title == "From Env" and settings.sentences == 2
    assert settings.recipients == ("a@example.org", "b@example.org")
    settings = load({"title": "From Option", "sentences": None}, config, env=env)
    assert settings.title == "From Option" and settings.sentences == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('titel = "x"\n', "unknown key 'titel'"),
        ('sentences = "three"\n', "sentences must be a whole number"),
        ("recipients = 5\n", "recipients must be a list of strings"),
        ("title = \n", "not valid TOML"),
        ('[smtp]\npassword = "secret"\n', "unknown key 'smtp_password'"),
    ],
)
def test_bad_config_names_key_and_file(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "digest.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        read_config(config)
    assert str(config) in str(info.value)


def test_config_is_found_in_the_folder_and_errors_exit_2(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("digest.toml").write_text(f'sources = ["{news}"]\noutbox = "box"\ntitle = "Cwd"\n')
    made = invoke("make")
    assert made.exit_code == 0, made.stderr
    assert titles(tmp_path / "box" / "2026-11-27") == ["Alpha story"]
    Path("digest.toml").write_text("sentences = 0\n")
    bad = invoke("make")
    assert bad.exit_code == 2 and "sentences must be between 1 and 20" in bad.stderr
    env_bad = invoke("make", env={"DIGEST_CONFIG": str(tmp_path / "nope.toml")})
    assert env_bad.exit_code == 2 and "nope.toml" in env_bad.stderr
    env_value = invoke("make", "--config", str(tmp_path / "other.toml"))
    assert env_value.exit_code == 2 and "other.toml" in env_value.stderr


def test_init_writes_a_starter_that_parses(tmp_path: Path) -> None:
    target = tmp_path / "digest.toml"
    result = invoke("init", str(target))
    assert result.exit_code == 0 and target.read_text() == starter_config()
    assert invoke("init", str(target)).exit_code == 2  # never overwrites by accident
    uncommented = re.sub(r"^# (\w+ = )", r"\1", target.read_text(), flags=re.M)
    target.write_text(uncommented)
    values = read_config(target)
    assert values["title"] == "Daily Digest" and values["smtp_port"] == 587
    load({}, target, env={}).validated()


KILLS = 32  # README "Reliability" quotes this


def _digest_files(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def test_runs_killed_at_random_moments_leave_complete_digests(tmp_path: Path) -> None:
    """SIGKILL a run at 32 seeded random moments (reading, analysing with one or two processes,
    writing); the outbox only ever holds whole digests, the state and the cache stay readable,
    and the next run writes the digest an unkilled run writes, byte for byte."""
    import random
    import signal
    import time

    news = tmp_path / "news"
    news.mkdir()
    for i in range(40):
        path = news / f"s{i:02d}.txt"
        path.write_text(f"Story {i:02d} of the day\n\n{distinct_text(i, 6)}\n")
        set_mtime(path, T0 - timedelta(hours=1 + i % 20))
    tag = f"kill-test-{os.getpid()}-{time.monotonic_ns()}"  # marks every process of these runs
    env = {**os.environ, "DIGEST_NOW": T0.isoformat(), "TZ": "UTC", "DIGEST_TEST_TAG": tag}

    def command(out: Path, jobs: int) -> list[str]:
        return [
            *(sys.executable, "-m", "digest.cli", "make", "-s", str(news), "--out", str(out)),
            *("--since", "1d", "-q", "--jobs", str(jobs)),
        ]

    reference = tmp_path / "reference"  # the same clock, never killed
    done = subprocess.run(command(reference, 1), env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    expected = _digest_files(reference / "2026-11-27")
    archive = {name: (reference / name).read_bytes() for name in ("index.html", "feed.xml")}

    out = tmp_path / "out"
    rng = random.Random(8)
    for kill in range(KILLS):
        jobs = 2 if kill % 4 == 0 else 1  # now and then through the worker pool
        proc = subprocess.Popen(
            command(out, jobs), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # a run takes about 1.3 s (2 s with the pool): spread the kills over all of it, and
        # half of them over its last part, where the cache, the folder and the state are written
        time.sleep(rng.uniform(0.05, 1.4) if kill % 2 else rng.uniform(0.8, 1.5 * jobs))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if not out.exists():
            continue  # killed before it made the outbox
        for folder in (p for p in out.iterdir() if not p.name.startswith(".")):
            if folder.name in archive:  # the archive, when there, is whole (written atomically)
                assert folder.read_bytes() == archive[folder.name]
                continue
            assert _digest_files(folder) == expected  # whole, and the right one
        if (out / ".digest-state.json").exists():
            assert state.load(out).last_until == T0
        cache = AnalysisCache(out / ".cache" / "analyses")
        for entry in (out / ".cache" / "analyses").glob("*/*.json"):  # every entry verifies
            assert cache.get(entry.stem) is not None
        _index_tells_the_truth(out)
    final = subprocess.run(command(out, 1), env=env, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert _digest_files(out / "2026-11-27") == expected
    manifest = json.loads((out / "2026-11-27" / "manifest.json").read_text())
    # every story is in the digest: nine cards (#16: the lead and eight blurbs), the headlines
    assert len(manifest["articles"]) + len(manifest["more_stories"]) == 40
    assert sorted(p.name for p in out.iterdir()) == [
        ".cache",
        ".digest-state.json",
        ".lock",
        "2026-11-27",
        "feed.xml",
        "index.html",
    ]
    assert {name: (out / name).read_bytes() for name in archive} == archive
    cache = AnalysisCache(out / ".cache" / "analyses")
    for entry in (out / ".cache" / "analyses").glob("*/*.json"):  # every entry left verifies
        assert cache.get(entry.stem) is not None
    _index_tells_the_truth(out, complete=True)
    # no worker or worker server outlives its killed run (they follow the run's pid)
    deadline = time.monotonic() + 120  # a hang guard: they go within a second when not loaded
    while _tagged(tag) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _tagged(tag) == []


def _index_tells_the_truth(out: Path, complete: bool = False) -> None:
    """Whatever file index a killed run left is either refused (checksum) or right: each
    entry it would use matches the file's size, mtime and the dates read from it now."""
    from digest.readers.index import FileIndex
    from digest.readers.scan import ReadOptions, read_file

    index = FileIndex(out / ".cache", "UTC", "english", 5 * 1024 * 1024, ())  # make's settings
    options = ReadOptions(UTC, "english", 5 * 1024 * 1024, (), None)
    assert len(index.entries) == 40 or not complete  # (so the check below is not vacuous)
    for key, entry in index.entries.items():
        path = Path(key)
        stat = path.stat()
        if index.lookup(key, [stat.st_size, stat.st_mtime_ns]) is None:
            continue  # changed since: it would be read again, not trusted
        articles, _ = read_file(path, options)
        assert entry[2] == "read" and entry[3] == [a.published.timestamp() for a in articles]


def _tagged(tag: str) -> list[str]:
    """Processes whose environment carries ``tag``."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"DIGEST_TEST_TAG={tag}".encode() in environ.read_bytes().split(b"\0"):
                found.append(environ.parent.name)
        except OSError:
            continue
    return found

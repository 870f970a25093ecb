"""The outbox's rules, one case each where that rule alone decides (issue 17): writing a digest
folder whole (digest.outbox.folder), tidying what a crashed run left without touching what a
live run is writing, and the state and lock between runs (digest.outbox.state)."""

from __future__ import annotations

import dataclasses
import errno
import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import digest
from digest import files
from digest.errors import DigestError, OutputError
from digest.outbox import folder as outbox
from digest.outbox import state
from digest.outbox.state import Delivery, State

DEAD = 2**22 + 12345  # above the kernel's largest pid: never a live process
UNTIL = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
WINDOW = (UNTIL - timedelta(days=1), UNTIL)
Sent = dict[str, dict[str, object]]  # version 2: Message-ID -> when, folder
SENT_V2: Sent = {"<x@example.org>": {"at": "2026-11-27T08:00:00+00:00", "folder": "2026-11-27"}}


def names(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


def leftover(out: Path, prefix: str, name: str, pid: int, text: str = "half") -> Path:
    path = out / f"{prefix}{name}.{pid}"
    path.mkdir()
    (path / "digest.txt").write_text(text)
    return path


# --- writing a digest folder -------------------------------------------------------------------


def test_write_folder_makes_a_missing_outbox_with_its_parents(tmp_path: Path) -> None:
    """Without the mkdir, a first run into a new --out (nested) fails."""
    out = tmp_path / "a" / "b"
    assert outbox.write_folder(out, "2026-12-01", {"x.txt": b"1"}) == out / "2026-12-01"
    assert (out / "2026-12-01" / "x.txt").read_bytes() == b"1"


def test_write_folder_tidies_a_crashed_runs_leftovers_first(tmp_path: Path) -> None:
    """Without the call to recover, a killed run's half-written folder and its set-aside
    previous digest stay in the outbox for ever (and the set-aside digest stays lost)."""
    leftover(tmp_path, ".tmp-", "2026-11-30", DEAD)
    leftover(tmp_path, ".old-", "2026-11-29", DEAD, "previous")
    outbox.write_folder(tmp_path, "2026-12-01", {"digest.txt": b"new"})
    assert names(tmp_path) == ["2026-11-29", "2026-12-01"]
    assert (tmp_path / "2026-11-29" / "digest.txt").read_text() == "previous"


def test_write_folder_refuses_a_name_with_two_dots_inside(tmp_path: Path) -> None:
    """Without the '..' check, a name the pattern allows ('a..b') is written."""
    with pytest.raises(OutputError) as info:
        outbox.write_folder(tmp_path, "a..b", {"x": b"1"})
    assert info.value.message == "refusing unsafe output name 'a..b'"
    assert names(tmp_path) == []


def test_write_folder_refuses_an_unsafe_file_name_inside(tmp_path: Path) -> None:
    """Without sanitising the file names, a file could be written outside the folder."""
    with pytest.raises(OutputError, match="unsafe"):
        outbox.write_folder(tmp_path, "d", {"../escape": b"1"})
    assert names(tmp_path) == []


def test_write_folder_error_names_the_outbox_and_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `strerror or`, the message carries Python's '[Errno 28] ...' noise."""

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "write_file", full)
    with pytest.raises(OutputError) as info:
        outbox.write_folder(tmp_path, "d", {"a": b"1"})
    assert info.value.message == f"cannot write the digest to '{tmp_path}': No space left on device"


def test_write_folder_replaces_in_a_relative_outbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without AT_FDCWD (-100) the swap resolves a relative --out against another folder."""
    monkeypatch.chdir(tmp_path)
    outbox.write_folder(Path("out"), "d", {"a": b"1"})
    outbox.write_folder(Path("out"), "d", {"a": b"2"})
    assert (tmp_path / "out" / "d" / "a").read_bytes() == b"2"
    assert names(tmp_path / "out") == ["d"]


def test_write_folder_replaces_where_the_system_has_no_renameat2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the False answer for a C library lacking renameat2, the new version is thrown
    away as if it had been swapped in."""
    monkeypatch.setattr(outbox.ctypes, "CDLL", lambda *args, **kwargs: object())
    outbox.write_folder(tmp_path, "d", {"a": b"1"})
    outbox.write_folder(tmp_path, "d", {"a": b"2"})
    assert (tmp_path / "d" / "a").read_bytes() == b"2"
    assert names(tmp_path) == ["d"]


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    """Without RENAME_EXCHANGE (2) the swap is refused or becomes a plain rename."""
    a, b = tmp_path / "a", tmp_path / "b"
    for path in (a, b):
        path.mkdir()
        (path / "name").write_text(path.name)
    assert outbox._exchange(a, b) is True
    assert (a / "name").read_text() == "b" and (b / "name").read_text() == "a"


def test_exchange_reports_a_real_failure_with_its_errno(tmp_path: Path) -> None:
    """Without use_errno or the raise, a failed swap reads as errno 0 or as a success."""
    (tmp_path / "a").mkdir()
    with pytest.raises(OSError) as info:
        outbox._exchange(tmp_path / "a", tmp_path / "missing")
    assert info.value.errno == errno.ENOENT


def test_exchange_says_false_where_the_kernel_refuses_the_swap(tmp_path: Path) -> None:
    """Without the EINVAL answer (False: fall back to two renames), such a swap is an error."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert not outbox._exchange(tmp_path / "a", tmp_path / "a" / "b")  # EINVAL: into itself
    assert (tmp_path / "a" / "b").is_dir()


# --- recover: what a crashed run left ---------------------------------------------------------


def test_recover_of_an_outbox_not_yet_made_does_nothing(tmp_path: Path) -> None:
    """Without the is_dir check, listing the missing folder fails."""
    outbox.recover(tmp_path / "missing")
    assert names(tmp_path) == []


def test_recover_leaves_everything_that_is_not_a_leftover(tmp_path: Path) -> None:
    """Without the prefix check, digest folders and the state file are taken for leftovers."""
    (tmp_path / "2026-12-01").mkdir()
    (tmp_path / ".digest-state.json").write_text("{}")
    (tmp_path / "feed.xml").write_text("<feed/>")
    outbox.recover(tmp_path)
    assert names(tmp_path) == [".digest-state.json", "2026-12-01", "feed.xml"]


def test_recover_never_promotes_a_half_written_folder(tmp_path: Path) -> None:
    """Without `startswith(OLD_PREFIX) and`, a dead run's temporary folder becomes the digest."""
    leftover(tmp_path, ".tmp-", "2026-12-01", DEAD)
    outbox.recover(tmp_path)
    assert names(tmp_path) == []


def test_recover_drops_a_set_aside_folder_when_the_new_one_is_in_place(tmp_path: Path) -> None:
    """Without the `final.exists()` check, the set-aside previous version is moved onto the
    new one (which fails: the run stops)."""
    (tmp_path / "2026-12-01").mkdir()
    (tmp_path / "2026-12-01" / "digest.txt").write_text("new")
    leftover(tmp_path, ".old-", "2026-12-01", DEAD, "previous")
    outbox.recover(tmp_path)
    assert names(tmp_path) == ["2026-12-01"]
    assert (tmp_path / "2026-12-01" / "digest.txt").read_text() == "new"


def test_recover_removes_a_dead_runs_temporary_file(tmp_path: Path) -> None:
    """Without the unlink branch, a killed save's temporary state file stays for ever."""
    (tmp_path / ".tmp-.digest-state.json.1a2b3c4d").write_text("{")  # as write_atomic names it
    (tmp_path / f".tmp-index.html.{DEAD}").write_text("<p>")
    outbox.recover(tmp_path)
    assert names(tmp_path) == []


def test_recover_removes_this_processs_own_leftover(tmp_path: Path) -> None:
    """Without `!= os.getpid()`, a leftover of an earlier failed write in this process is taken
    for another live run's and kept."""
    leftover(tmp_path, ".tmp-", "2026-12-01", os.getpid())
    outbox.recover(tmp_path)
    assert names(tmp_path) == []


@pytest.fixture
def live_child() -> Iterator[subprocess.Popen[str]]:
    """A live process (not this one) that dies on SIGHUP and answers one line on stdin."""
    code = (
        "import signal, sys\n"
        "signal.signal(signal.SIGHUP, signal.SIG_DFL)\n"
        "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGHUP})\n"
        "print('ready', flush=True)\n"
        "sys.stdin.readline()\n"
        "print('alive', flush=True)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "ready\n"
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()


def test_recover_keeps_a_live_runs_leftovers_and_sends_it_no_signal(
    tmp_path: Path, live_child: subprocess.Popen[str]
) -> None:
    """Without the live-run guard another run's folder is deleted under it; with os.kill(pid, 1)
    instead of 0 the guard itself sends SIGHUP to whatever process holds that pid."""
    tmp = leftover(tmp_path, ".tmp-", "2026-12-01", live_child.pid)
    old = leftover(tmp_path, ".old-", "2026-11-30", live_child.pid, "previous")
    outbox.recover(tmp_path)
    outbox.write_folder(tmp_path, "2026-11-29", {"a": b"1"})  # a run beside it
    assert names(tmp_path) == sorted(["2026-11-29", tmp.name, old.name])
    assert (tmp / "digest.txt").read_text() == "half"
    # still alive: it answers (a SIGHUP would have ended it, and its output with it)
    out, _ = live_child.communicate("go\n", timeout=60)
    assert (out, live_child.returncode) == ("alive\n", 0)


def _as_nobody(action: Callable[[], object]) -> int:
    """Run ``action()`` in a forked child under another user (nobody); its exit status: 0 when
    it returned, 1 when it raised."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        status = 1
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            action()
            status = 0
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder any user may write in (tmp_path is the owner's only)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to act as another user")
    base = Path(tempfile.mkdtemp(prefix="digest-outbox-"))
    base.chmod(0o777)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_recover_keeps_a_leftover_of_another_users_live_run(shared: Path) -> None:
    """Without the PermissionError answer (alive), a run as another user deletes the folder
    a live run of root is writing (os.kill(pid, 0) may not signal it: EPERM)."""
    tmp = leftover(shared, ".tmp-", "2026-12-01", os.getpid())  # this process is alive
    tmp.chmod(0o777)
    (tmp / "digest.txt").chmod(0o666)
    assert _as_nobody(lambda: outbox.recover(shared)) == 0
    assert names(shared) == [tmp.name]


def test_recover_goes_on_past_a_leftover_it_cannot_remove(shared: Path) -> None:
    """Without ignore_errors, a dead leftover another user's run left (which this user may not
    delete) fails every later run."""
    stuck = leftover(shared, ".tmp-", "2026-11-30", DEAD)
    (stuck / "inner").mkdir()
    (stuck / "inner" / "x").write_text("root's")  # inner is 0o755: nobody cannot empty it
    stuck.chmod(0o777)
    gone = leftover(shared, ".tmp-", "2026-12-01", DEAD)
    gone.chmod(0o777)
    (gone / "digest.txt").chmod(0o666)
    assert _as_nobody(lambda: outbox.recover(shared)) == 0
    assert names(shared) == [stuck.name]


# --- the state: deliveries ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delivery", "started", "pending"),
    [
        (Delivery(), False, False),
        (Delivery("<m>", queued="q"), False, True),
        (Delivery("<m>", done={"a@x": "t"}), True, True),  # partly sent, no longer queued
        (Delivery("<m>", queued="q", done={"a@x": "t"}, complete="c"), True, False),
        (Delivery("<m>", complete="c"), True, False),
    ],
)
def test_delivery_started_and_pending(delivery: Delivery, started: bool, pending: bool) -> None:
    """Without each part of `started` (a digest sent in part may not be replaced) and of
    `pending` (queued or partly sent, and not complete), a digest is replaced or resent."""
    assert (delivery.started, delivery.pending) == (started, pending)


def test_pending_lists_the_waiting_folders_oldest_first() -> None:
    """Without folder_order (day, then edition number), -10 comes before -2, or the edition
    number before the day; a folder of another name sorts by its name."""
    waiting = ["2026-12-01-10", "2026-11-30-2", "special", "2026-12-01", "2026-12-01-2"]
    waiting.append("2026-11-30")
    deliveries = {f: Delivery("<m>", queued="q") for f in waiting}
    deliveries["2026-11-29"] = Delivery("<m>", complete="c")
    deliveries["2026-11-28"] = Delivery()
    assert State(deliveries=deliveries).pending() == [
        "2026-11-30",
        "2026-11-30-2",
        "2026-12-01",
        "2026-12-01-2",
        "2026-12-01-10",
        "special",
    ]


def test_delivery_prefers_the_recorded_one_then_a_version_2_send() -> None:
    """Without the lookup order, a folder's delivery is lost or another folder's send is taken
    for it; a version 2 send without a time is still complete ('before')."""
    mine = Delivery("<m>", queued="q")
    sent: Sent = {**SENT_V2, "<y@example.org>": {"folder": "2026-11-26"}}
    current = State(sent=sent, deliveries={"2026-12-01": mine})
    assert current.delivery("2026-12-01") is mine
    assert current.delivery("2026-11-27") == Delivery(
        "<x@example.org>", complete="2026-11-27T08:00:00+00:00"
    )
    assert current.delivery("2026-11-26") == Delivery("<y@example.org>", complete="before")
    assert current.delivery("2026-11-25") == Delivery()
    assert current.started("2026-11-27") and not current.started("2026-11-25")


def test_seen_elsewhere_only_for_another_folder() -> None:
    """Without it, remaking a digest drops its own stories, or a story is repeated."""
    current = State(seen={"a": "2026-11-30"})
    assert current.seen_elsewhere("a", "2026-12-01") is True
    assert current.seen_elsewhere("a", "2026-11-30") is False
    assert current.seen_elsewhere("b", "2026-12-01") is False


NOW_PARIS = datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=1)))


def test_queued_records_when_in_utc_seconds_and_keeps_what_was_done() -> None:
    """Without it, the queue time is local, has microseconds, or forgets the recipients done."""
    current = State(deliveries={"d": Delivery("<m>", done={"a@x": "t"})}).queued("d", NOW_PARIS)
    assert current.delivery("d") == Delivery(
        "<m>", queued="2026-12-01T08:30:15+00:00", done={"a@x": "t"}
    )
    assert State().queued("e", NOW_PARIS).pending() == ["e"]


def test_queued_twice_keeps_the_first_time() -> None:
    """Without the already-queued check, each run moves the digest's queue time."""
    once = State().queued("d", NOW_PARIS)
    assert once.queued("d", NOW_PARIS + timedelta(hours=1)) == once


def test_queued_never_requeues_a_sent_digest() -> None:
    """Without the complete check, a digest that was sent is queued (and sent) again."""
    sent = State(deliveries={"d": Delivery("<m>", complete="c")}, sent=SENT_V2)
    assert sent.queued("d", NOW_PARIS) == sent
    assert sent.queued("2026-11-27", NOW_PARIS) == sent  # sent under version 2
    assert sent.pending() == []


def test_states_and_deliveries_are_values() -> None:
    """Without frozen, a state shared by two runs' steps (with_delivery, advanced) could be
    changed in place under the other."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        State().last_until = UNTIL  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Delivery().queued = "q"  # type: ignore[misc]


# --- the state: advancing after a digest -------------------------------------------------------


def test_advanced_sets_the_first_window_from_a_new_state() -> None:
    """Without the None branches, a first run cannot compare with a missing window."""
    after = State().advanced(WINDOW, "2026-12-01", ["a"])
    assert (after.first_since, after.last_until, after.seen) == (
        WINDOW[0],
        UNTIL,
        {"a": "2026-12-01"},
    )


def test_advanced_never_moves_the_last_window_back_nor_the_first_forward() -> None:
    """Without max/min, remaking an older window makes --since last repeat days."""
    later, earlier = UNTIL + timedelta(days=2), WINDOW[0] - timedelta(days=5)
    after = State(last_until=later, first_since=earlier).advanced(WINDOW, "2026-12-01", [])
    assert (after.first_since, after.last_until) == (earlier, later)
    back = State(last_until=later, first_since=UNTIL).advanced(WINDOW, "2026-12-01", [])
    assert back.first_since == WINDOW[0]  # an older window moves the first start back


def test_advanced_forgets_unsent_ids_older_than_120_days_exactly() -> None:
    """Without KEEP_SEEN's horizon (its day inclusive), state grows for ever or forgets ids
    that are still recent."""
    seen = {"edge": "2026-08-03", "older": "2026-08-02", "recent": "2026-11-30"}
    after = State(seen=seen).advanced(WINDOW, "2026-12-01", [])
    assert after.seen == {"edge": "2026-08-03", "recent": "2026-11-30"}  # 2026-12-01 - 120 days


def test_advanced_never_forgets_the_ids_of_a_digest_sent_even_in_part() -> None:
    """Without `or f in kept`, an old digest's stories come back once its ids are dropped."""
    seen = {"a": "2026-01-01", "b": "2026-01-02", "c": "2026-01-03", "d": "2026-01-04"}
    deliveries = {
        "2026-01-01": Delivery("<m>", complete="c"),
        "2026-01-02": Delivery("<m>", done={"a@x": "t"}),
        "2026-01-03": Delivery("<m>", queued="q"),  # only queued: not started
    }
    sent: Sent = {"<z>": {"folder": "2026-01-04", "at": "t"}}  # sent, version 2
    after = State(seen=seen, deliveries=deliveries, sent=sent).advanced(WINDOW, "2026-12-01", [])
    assert after.seen == {"a": "2026-01-01", "b": "2026-01-02", "d": "2026-01-04"}


def test_advanced_replaces_the_remade_folders_ids() -> None:
    """Without `f != folder`, a story dropped from a remade digest stays marked as in it."""
    current = State(seen={"a": "2026-12-01", "b": "2026-12-01", "c": "2026-11-30"})
    after = current.advanced(WINDOW, "2026-12-01", ["b", "d"])
    assert after.seen == {"b": "2026-12-01", "c": "2026-11-30", "d": "2026-12-01"}


# --- the state file -----------------------------------------------------------------------------

FULL = State(
    last_until=UNTIL,
    seen={"a": "2026-11-30", "b": "2026-12-01"},
    sent=SENT_V2,
    first_since=WINDOW[0] - timedelta(days=3),
    deliveries={
        "2026-11-30": Delivery("<m1>", queued="q1", done={"b@x": "t2", "a@x": "t1"}, complete="c"),
        "2026-12-01": Delivery("<m2>", queued="q2"),
    },
)


def test_a_state_round_trips_through_its_file(tmp_path: Path) -> None:
    """Without each field written and read back, something the outbox knows is lost."""
    state.save(tmp_path, FULL)
    assert state.load(tmp_path) == FULL
    state.save(tmp_path, State())
    assert state.load(tmp_path) == State()


def test_a_missing_state_is_a_first_run(tmp_path: Path) -> None:
    """Without it, the first run fails for want of a state."""
    assert state.load(tmp_path) == State()


def test_a_state_file_may_be_edited_by_hand(tmp_path: Path) -> None:
    """Without checksum=False (saving and loading), a hand edit makes the state unreadable."""
    state.save(tmp_path, FULL)
    path = tmp_path / ".digest-state.json"
    head, _, body = path.read_text().partition("\n")
    edited = json.loads(body)
    edited["seen"] = {"z": "2026-12-01"}
    path.write_text(head + "\n" + json.dumps(edited, indent=2) + "\n")
    assert state.load(tmp_path).seen == {"z": "2026-12-01"}


def test_a_state_of_version_2_is_read(tmp_path: Path) -> None:
    """Without READS, an outbox of the version 2 layout cannot run."""
    payload = {"last_until": UNTIL.isoformat(), "seen": {"a": "2026-11-27"}, "sent": SENT_V2}
    path = tmp_path / ".digest-state.json"
    path.write_text('{"kind": "digest state", "version": 2}\n' + json.dumps(payload) + "\n")
    loaded = state.load(tmp_path)
    assert (loaded.last_until, loaded.seen, loaded.sent) == (UNTIL, {"a": "2026-11-27"}, SENT_V2)
    assert loaded.started("2026-11-27")


def test_a_delivery_without_a_message_id_or_times_reads_as_empty(tmp_path: Path) -> None:
    """Without the `or`/None defaults, a hand-written delivery reads as 'None' strings."""
    path = tmp_path / ".digest-state.json"
    path.write_text('{"kind": "digest state", "version": 3}\n{"deliveries": {"d": {}}}\n')
    assert state.load(tmp_path).deliveries == {"d": Delivery()}


@pytest.mark.parametrize("version", [0, 1, 4])
def test_a_state_record_of_another_version_is_refused(tmp_path: Path, version: int) -> None:
    """Without `in READS` deciding, a newer (or never read) layout is read as if it were known."""
    path = tmp_path / ".digest-state.json"
    path.write_text(f'{{"kind": "digest state", "version": {version}}}\n{{"seen": {{}}}}\n')
    with pytest.raises(DigestError) as info:
        state.load(tmp_path)
    assert info.value.message == (
        f"{path} has state version {version}, this digest reads version 3"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"kind": "digest state", "version": 3}\n[]\n', "not a JSON object"),
        (
            '{"kind": "digest state", "version": 3}\n{"deliveries": {"d": "sent"}}\n',
            "a delivery is not a JSON object",
        ),
    ],
)
def test_a_state_that_is_not_an_object_says_so(tmp_path: Path, content: str, reason: str) -> None:
    """Without the object checks, the message is Python's ('has no attribute get')."""
    path = tmp_path / ".digest-state.json"
    path.write_text(content)
    with pytest.raises(DigestError) as info:
        state.load(tmp_path)
    assert info.value.message == (
        f"cannot read the outbox state {path}: {reason}; move it aside to start afresh"
    )


def test_an_old_layout_that_is_not_an_object_names_no_version(tmp_path: Path) -> None:
    """Without the '?' for a JSON text that is no object, the message names a bogus version."""
    path = tmp_path / ".digest-state.json"
    path.write_text("[1, 2]\n")
    with pytest.raises(DigestError) as info:
        state.load(tmp_path)
    assert info.value.message == f"{path} has state version ?, this digest reads version 3"


def test_a_failed_save_is_an_output_error_and_keeps_the_previous_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the OutputError (and its strerror), a full disk passes unnoticed or its message
    carries '[Errno 28]'; the state file is never left half-written."""
    state.save(tmp_path, FULL)
    real = files.write_file

    def half(path: Path, data: bytes, durable: bool = True) -> None:
        real(path, data[: len(data) // 2], durable)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "write_file", half)
    with pytest.raises(OutputError) as info:
        state.save(tmp_path, State())
    path = tmp_path / ".digest-state.json"
    assert info.value.message == f"cannot save the outbox state '{path}': No space left on device"
    assert names(tmp_path) == [".digest-state.json"]
    assert state.load(tmp_path) == FULL


_SAVE_FOR_EVER = """
import sys
from pathlib import Path
from digest.outbox import state
out, a, b = Path(sys.argv[1]), state.State(seen={"a": "1"}), state.State(seen={"b": "2"})
for n in range(1_000_000):
    state.save(out, a if n % 2 else b)
    if n == 20:
        print("saving", flush=True)
"""


def test_a_state_survives_a_run_killed_while_saving(tmp_path: Path) -> None:
    """Without the atomic replace, a run killed while saving leaves a torn, unreadable state."""
    src = Path(digest.__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(src)}
    child = subprocess.Popen(
        [sys.executable, "-c", _SAVE_FOR_EVER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None and child.stdout.readline() == "saving\n"
    child.send_signal(signal.SIGKILL)  # wherever it is in its loop
    child.communicate()
    assert state.load(tmp_path).seen in ({"a": "1"}, {"b": "2"})


# --- the lock ------------------------------------------------------------------------------------


def test_locked_makes_a_missing_outbox(tmp_path: Path) -> None:
    """Without the mkdir, the lock cannot be taken in a new --out."""
    with state.locked(tmp_path / "a" / "b"):
        assert (tmp_path / "a" / "b" / ".lock").exists()


def test_locked_is_refused_while_another_run_holds_it(tmp_path: Path) -> None:
    """Without the flock, two runs write the outbox at once; the second exits 3."""
    with state.locked(tmp_path), pytest.raises(state.LockedError) as info, state.locked(tmp_path):
        pass
    assert info.value.exit_code == 3
    assert info.value.message == (
        f"another digest run is using {tmp_path} (waited 0 s; use --wait SECONDS to wait longer)"
    )
    with state.locked(tmp_path):  # free again once the holder is done
        pass


def test_locked_without_wait_tries_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the deadline (inclusive) deciding, a run with no --wait waits anyway; the
    clock is frozen so that only `>=` can end the wait."""

    def never(seconds: float) -> None:
        raise AssertionError("a run without --wait waited")

    monkeypatch.setattr(state.time, "sleep", never)
    monkeypatch.setattr(state.time, "monotonic", lambda: 1000.0)
    with state.locked(tmp_path), pytest.raises(state.LockedError), state.locked(tmp_path):
        pass


def test_locked_with_wait_takes_the_outbox_once_the_holder_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the pause and retry, a run with --wait fails although the holder finished while
    it waited (the holder finishes during the waiting run's first pause)."""
    holder = state.locked(tmp_path)
    holder.__enter__()
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        holder.__exit__(None, None, None)

    monkeypatch.setattr(state.time, "sleep", pause)
    with state.locked(tmp_path, wait=5):
        pass
    assert len(pauses) == 1


def test_locked_writes_the_holders_pid_for_all_to_see(tmp_path: Path) -> None:
    """Without seek, truncate, write and flush, the lock file shows stale or no pid."""
    (tmp_path / ".lock").write_text("99999\nstale\n")
    with state.locked(tmp_path):
        assert (tmp_path / ".lock").read_text() == f"{os.getpid()}\n"


def test_locked_cannot_use_an_outbox_that_is_a_file(tmp_path: Path) -> None:
    """Without the OutputError, a bad --out is a traceback (and its reason has '[Errno 17]')."""
    out = tmp_path / "out"
    out.write_text("")
    with pytest.raises(OutputError) as info, state.locked(out):
        pass
    assert info.value.message == f"cannot use the outbox '{out}': File exists"


def test_locked_closes_the_lock_file(tmp_path: Path) -> None:
    """Without close, the lock is released only when the garbage collector finds the file."""
    gc.collect()  # (another test's unclosed file is not this one's)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with state.locked(tmp_path):
            pass
    lock = str(tmp_path / ".lock")
    assert [w for w in caught if w.category is ResourceWarning and lock in str(w.message)] == []

"""Unattended delivery (issue 15), against a real SMTP server (aiosmtpd) on 127.0.0.1:
editions, the send queue, stable identity, late arrivals, sources that cannot be read.
Recipients, resumable sends and the README recipe: test_recipients.py."""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest

from digest.outbox import state
from digest.outbox.editions import list_editions
from mailserver import (
    T0,
    TITLES,
    Inbox,
    free_port,
    invoke,
    make,
    smtp_env,
    story,
    titles,
)

# --- 1. a same-day rerun after a send keeps the sent edition and sends only the new one -------


def test_a_sent_digest_is_never_replaced_a_rerun_writes_the_next_edition(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    story(news, "b.txt", TITLES[1], T0 - timedelta(hours=2), 2)
    first = make(news, out, "--send", now=T0, port=port)
    assert first.exit_code == 0, first.stderr
    sent = out / "2026-12-01"
    before = {p.name: p.read_bytes() for p in sent.iterdir()}
    story(news, "c.txt", TITLES[2], T0 + timedelta(hours=1), 3)
    second = make(news, out, "--send", now=T0 + timedelta(hours=2), port=port)
    assert second.exit_code == 0, second.stderr
    assert second.stdout.strip() == str(out / "2026-12-01-2")
    assert {p.name: p.read_bytes() for p in sent.iterdir()} == before  # untouched
    assert [titles(m) for m in inbox.parsed()] == [TITLES[:2][::-1], [TITLES[2]]]
    # the second edition says so by its date, in both parts; the first does not (#16)
    for folder, shown in ((sent, False), (out / "2026-12-01-2", True)):
        for name in ("digest.txt", "digest.html"):
            assert ("· #2" in (folder / name).read_text()) is shown, (folder, name)
    # the state never forgets the first edition's ids
    current = state.load(out)
    assert sorted(set(current.seen.values())) == ["2026-12-01", "2026-12-01-2"]
    assert current.delivery("2026-12-01").complete is not None
    # a third run with nothing new sends nothing and writes nothing
    third = make(news, out, "--send", now=T0 + timedelta(hours=3), port=port)
    assert third.exit_code == 0 and third.stdout == "" and "nothing new" in third.stderr
    assert len(inbox.messages) == 2
    listed = list_editions(out)
    assert [(e.name, e.number, e.sent, e.stories) for e in listed] == [
        ("2026-12-01-2", 2, True, 1),
        ("2026-12-01", 1, True, 2),
    ]
    assert listed[1].headlines == (TITLES[1], TITLES[0]) and listed[1].title == "Daily Digest"


def test_an_unsent_digest_is_remade_in_place(tmp_path: Path) -> None:
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    assert make(news, out, now=T0).exit_code == 0
    story(news, "c.txt", TITLES[2], T0 + timedelta(hours=1), 3)
    again = make(news, out, now=T0 + timedelta(hours=2))
    assert again.exit_code == 0 and again.stdout.strip() == str(out / "2026-12-01")
    assert sorted(p.name for p in out.iterdir() if p.is_dir() and p.name[0] != ".") == [
        "2026-12-01"
    ]
    text = (out / "2026-12-01" / "digest.txt").read_text()
    assert TITLES[0] in text and TITLES[2] in text


# --- 2. SMTP down, then up: delivered exactly once ---------------------------------------------


def test_a_failed_send_is_pending_and_the_next_run_sends_it_once(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    down = make(news, out, "--send", "-q", now=T0, port=free_port())
    assert down.exit_code == 5
    assert down.stdout == f"{out / '2026-12-01'}\n"  # the folder, even with -q
    assert "could not send through 127.0.0.1" in down.stderr and "pending" in down.stderr
    listed = invoke("ls", "--pending", "--out", str(out))
    assert listed.exit_code == 0 and listed.stdout.startswith(f"{out / '2026-12-01'}  pending")
    shown = invoke("send", "--pending", "--out", str(out), env=smtp_env(port))
    assert shown.exit_code == 0 and shown.stdout == listed.stdout and inbox.messages == []
    # the next run has nothing new, but sends what is pending
    later = T0 + timedelta(hours=1)
    up = make(news, out, "--send", "-q", now=later, port=port)
    assert up.exit_code == 0 and up.stdout == "" and up.stderr == ""
    assert [titles(m) for m in inbox.parsed()] == [[TITLES[0]]]
    again = make(news, out, "--send", now=later + timedelta(hours=1), port=port)
    assert again.exit_code == 0 and len(inbox.messages) == 1
    assert invoke("ls", "--pending", "--out", str(out)).stdout == ""
    idle = invoke("send", "--out", str(out), env=smtp_env(port))
    assert idle.exit_code == 0 and f"nothing pending in {out}" in idle.stderr
    resend = invoke("send", str(out / "2026-12-01"), env=smtp_env(port))
    assert resend.exit_code == 0 and "already sent" in resend.stderr and len(inbox.messages) == 1


def test_digest_send_sends_the_pending_digests_oldest_first(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    assert make(news, out, "--send", now=T0, port=free_port()).exit_code == 5
    story(news, "b.txt", TITLES[1], T0 + timedelta(hours=20), 2)
    next_day = T0 + timedelta(days=1)
    assert make(news, out, "--send", now=next_day, port=free_port()).exit_code == 5
    sent = invoke("send", "--out", str(out), env=smtp_env(port))
    assert sent.exit_code == 0, sent.stderr
    assert [titles(m) for m in inbox.parsed()] == [[TITLES[0]], [TITLES[1]]]
    assert "sent 2026-12-01 " in sent.stderr and "sent 2026-12-02 " in sent.stderr


# --- 3. a rebuild (or new delivery settings) never resends ---------------------------------------


def test_a_rebuild_or_other_smtp_settings_do_not_resend(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    window = ("--since", "2026-11-30", "--until", "2026-12-01T06:00")
    made = make(news, out, *window, now=T0)
    message_id = _header(out / "2026-12-01", "Message-ID")
    # rebuilt later, with other delivery settings and another clock: the same identity
    rebuilt = make(news, out, *window, "--rebuild", now=T0 + timedelta(hours=5), port=port)
    assert made.exit_code == rebuilt.exit_code == 0
    assert _header(out / "2026-12-01", "Message-ID") == message_id
    assert _header(out / "2026-12-01", "Date") != ""
    first = make(news, out, *window, "--send", now=T0 + timedelta(hours=6), port=port)
    assert first.exit_code == 0 and len(inbox.messages) == 1
    env = smtp_env(port, DIGEST_SMTP_SECURITY="none", DIGEST_SMTP_HOST="localhost")
    for extra in (("--rebuild",), ()):
        again = invoke(
            "make", "-s", str(news), "--out", str(out), *window, *extra, "--send",
            now=T0 + timedelta(hours=7), env=env,
        )  # fmt: skip
        assert again.exit_code == 0 and "nothing new" in again.stderr
    assert len(inbox.messages) == 1
    assert sorted(p.name for p in out.iterdir() if p.is_dir() and p.name[0] != ".") == [
        "2026-12-01"
    ]


def _header(folder: Path, name: str) -> str:
    message = email.message_from_bytes((folder / "digest.eml").read_bytes(), policy=policy.default)
    return str(message[name])


# --- 4. a late arrival appears in the next digest, once ---------------------------------------


def test_a_late_arrival_dated_before_the_last_run_appears_once(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    assert make(news, out, "--send", now=T0, port=port).exit_code == 0
    # arrives after the run, dated an hour before it (a feed item published late)
    story(news, "late.txt", TITLES[8], T0 - timedelta(hours=1), 9)
    story(news, "old.txt", TITLES[7], T0 - timedelta(days=5), 8)  # older than any window
    next_day = T0 + timedelta(days=1)
    second = make(news, out, "--send", now=next_day, port=port)
    assert second.exit_code == 0, second.stderr
    third = make(news, out, "--send", now=next_day + timedelta(days=1), port=port)
    assert third.exit_code == 0 and "nothing new" in third.stderr
    assert [titles(m) for m in inbox.parsed()] == [[TITLES[0]], [TITLES[8]]]
    listed = invoke("ls", "-s", str(news), "--out", str(out), "--json", now=next_day)
    assert '"status": "seen"' in listed.stdout and "outside window" in listed.stdout


# --- 5. a source that cannot be read fails the run --------------------------------------------


def test_an_unlistable_source_folder_fails_the_run_naming_it(tmp_path: Path) -> None:
    base = Path(tempfile.mkdtemp(prefix="digest-perm-"))  # where an unprivileged user can go
    try:
        base.chmod(0o777)
        news = base / "news"
        story(news / "locked", "a.txt", TITLES[0], T0 - timedelta(hours=1), 1)
        story(news, "b.txt", TITLES[1], T0 - timedelta(hours=1), 2)
        for path in (news, news / "locked", news / "locked" / "a.txt", news / "b.txt"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        (news / "locked").chmod(0o000)
        out = base / "out"
        out.mkdir(mode=0o777)
        out.chmod(0o777)
        command = [sys.executable, "-m", "digest.cli", "make", "-s", str(news), "--out", str(out)]
        if os.geteuid() == 0:  # root lists any folder: run it as nobody
            if shutil.which("setpriv") is None:
                pytest.skip("running as root without setpriv to drop privileges")
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        env = {**os.environ, "DIGEST_NOW": T0.isoformat(), "TZ": "UTC", "HOME": str(base)}
        for extra in ([], ["--strict"]):
            done = subprocess.run(
                [*command, *extra], env=env, capture_output=True, text=True, timeout=120, cwd=base
            )
            assert done.returncode == 1, done.stderr
            assert f"cannot list the source folder '{news / 'locked'}'" in done.stderr
            assert "Permission denied" in done.stderr and done.stdout == ""
        assert not (out / "2026-12-01").exists()
    finally:
        (base / "news" / "locked").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_a_missing_configured_source_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "digest.toml"
    config.write_text(f'sources = ["{tmp_path / "gone"}"]\noutbox = "{tmp_path / "out"}"\n')
    result = invoke("make", "--config", str(config), "-q")
    assert result.exit_code == 1 and f"configured source '{tmp_path / 'gone'}'" in result.stderr
    typed = invoke("make", "--config", str(config), "-s", str(tmp_path / "typo"))
    assert typed.exit_code == 2 and "does not exist" in typed.stderr  # a usage error


def test_preview_serves_a_later_edition(tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    import threading
    import urllib.request

    from digest.preview import make_server

    _, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    assert make(news, out, "--send", now=T0, port=port).exit_code == 0
    story(news, "c.txt", TITLES[2], T0 + timedelta(hours=1), 3)
    assert make(news, out, now=T0 + timedelta(hours=2)).exit_code == 0
    server, url = make_server(out, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(url, timeout=30) as page:
            index = page.read().decode()
        assert "/d/2026-12-01-2/" in index and "/d/2026-12-01/" in index
        assert index.index("/d/2026-12-01-2/") < index.index("/d/2026-12-01/")  # newest first
        with urllib.request.urlopen(f"{url}d/2026-12-01-2/digest.txt", timeout=30) as raw:
            assert TITLES[2] in raw.read().decode()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(30)

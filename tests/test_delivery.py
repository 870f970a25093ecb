"""Unattended delivery (issue 15), against a real SMTP server (aiosmtpd) on 127.0.0.1: editions,
the send queue, one message per recipient, resumable sends, stable identity, late arrivals,
sources that cannot be read, and the README's "Every morning" recipe end to end."""

from __future__ import annotations

import email
import hashlib
import hmac
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from conftest import distinct_text, set_mtime
from digest.cli import app
from digest.outbox import state
from digest.outbox.editions import list_editions

runner = CliRunner()
T0 = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)


class Inbox:
    """What the server accepted. ``kill`` = (pid, k): on the (k+1)-th message the sending
    process is killed before the server answers, so that message is not accepted."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.kill: tuple[int, int] | None = None

    async def handle_DATA(self, server, session, envelope):
        if self.kill is not None and len(self.messages) == self.kill[1]:
            os.kill(self.kill[0], signal.SIGKILL)
            self.kill = None
            return "451 the client went away"
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def parsed(self) -> list[EmailMessage]:
        return [email.message_from_bytes(m[2], policy=policy.default) for m in self.messages]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def smtp_env(port: int, **more: str) -> dict[str, str]:
    return {
        "DIGEST_SMTP_HOST": "127.0.0.1",
        "DIGEST_SMTP_PORT": str(port),
        "DIGEST_SMTP_SECURITY": "none",
        **more,
    }


def invoke(*args: str, now: datetime = T0, env: dict[str, str] | None = None):
    return runner.invoke(
        app, list(args), env={"DIGEST_NOW": now.isoformat(), "TZ": "UTC", **(env or {})}
    )


def story(folder: Path, name: str, title: str, when: datetime, seed: int) -> Path:
    """A plain .txt article dated by its mtime, unlike any other (no near-duplicates)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{title}\n\n{distinct_text(seed, 6)}\n")
    set_mtime(path, when)
    return path


def titles(message: EmailMessage) -> list[str]:
    """The story titles in a received message (from its text part), in the order shown."""
    text = message.get_body(("plain",)).get_content()
    return sorted((t for t in TITLES if t in text), key=text.index)


TITLES = [f"Story {c} of the harbour" for c in "ABCDEFGHL"]


def make(news: Path, out: Path, *extra: str, now: datetime = T0, port: int | None = None):
    env = smtp_env(port) if port is not None else {}
    args = ["make", "-s", str(news), "--out", str(out), "--from", "Desk <desk@example.org>"]
    return invoke(*args, *extra, now=now, env=env)


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
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["2026-12-01"]
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
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["2026-12-01"]


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


# --- 6. N recipients get N messages, each with its own To and unsubscribe link ---------------


def test_each_recipient_gets_its_own_message(tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    people = tmp_path / "subscribers.csv"
    people.write_text(
        "name,email,since\nAnn Lee,ann@example.org,2025\n,bob+news@example.org,2026\n"
        "Cy,CY@Example.org,2026\nAnn again,ann@example.org,2026\n"
    )
    template = "https://example.org/unsubscribe?email={email}&token={token}"
    args = ["--recipients-file", str(people), "--unsubscribe-url", template, "--send"]
    missing = make(news, out, *args, port=port)
    assert missing.exit_code == 2 and "DIGEST_SECRET" in missing.stderr
    assert not out.exists() or not (out / "2026-12-01").exists()  # nothing made
    env = smtp_env(port, DIGEST_SECRET="s3cret")
    made = invoke(
        "make", "-s", str(news), "--out", str(out), "--from", "Desk <desk@example.org>", *args,
        env=env,
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    received = inbox.parsed()
    assert [m[1] for m in inbox.messages] == [
        ["ann@example.org"], ["bob+news@example.org"], ["CY@Example.org"]
    ]  # fmt: skip
    assert [str(m["To"]) for m in received] == [
        "Ann Lee <ann@example.org>", "bob+news@example.org", "Cy <CY@Example.org>"
    ]  # fmt: skip
    ids = {str(m["Message-ID"]) for m in received}
    assert len(ids) == 3 and len({str(m["List-Id"]) for m in received}) == 1
    assert str(received[0]["List-Id"]) == "Daily Digest <daily-digest.example.org>"
    for message, (_, rcpts, raw) in zip(received, inbox.messages, strict=True):
        address = rcpts[0]
        token = hmac.new(b"s3cret", address.lower().encode(), hashlib.sha256).hexdigest()
        link = f"https://example.org/unsubscribe?email={quote(address, safe='@')}&token={token}"
        assert str(message["List-Unsubscribe"]) == f"<{link}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in message.get_body(("plain",)).get_content()
        assert link.replace("&", "&amp;") in message.get_body(("html",)).get_content()
        others = {a for _, r, _ in inbox.messages for a in r} - {address}
        assert not any(other.lower().encode() in raw.lower() for other in others)
        assert b"{email}" not in raw and b"{token}" not in raw


def test_a_plain_recipients_file_and_a_test_send(tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    people = tmp_path / "people.txt"
    people.write_text("# the newsroom\none@example.org\n\nTwo <two@example.org>\n")
    assert make(news, out, "--recipients-file", str(people)).exit_code == 0
    folder = out / "2026-12-01"
    env = smtp_env(port, DIGEST_RECIPIENTS_FILE=str(people))
    test = invoke("send", str(folder), "--to", "me@example.org", env=env)
    assert test.exit_code == 0 and "not recorded" in test.stderr
    assert [m[1] for m in inbox.messages] == [["me@example.org"]]
    assert not state.load(out).started("2026-12-01")  # a test is not the edition's send
    real = invoke("send", str(folder), env=env)
    assert real.exit_code == 0, real.stderr
    assert [m[1] for m in inbox.messages[1:]] == [["one@example.org"], ["two@example.org"]]
    people.write_text("one@example.org\nnot an address\n")
    bad = invoke("send", str(folder), "--force", env=env)
    assert bad.exit_code == 2 and f"{people}, line 2" in bad.stderr


# --- 7. killed after k of N recipients, then retried: each recipient exactly once ----------------

RECIPIENTS = 6
KILLS = 20


def test_a_send_killed_after_k_recipients_resumes_without_repeating(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    news, made = tmp_path / "news", tmp_path / "made"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    people = tmp_path / "people.txt"
    addresses = [f"reader{i}@example.org" for i in range(RECIPIENTS)]
    people.write_text("\n".join(addresses) + "\n")
    assert make(news, made, "--recipients-file", str(people)).exit_code == 0
    env = {
        **os.environ,
        **smtp_env(port),
        "DIGEST_RECIPIENTS_FILE": str(people),
        "DIGEST_NOW": T0.isoformat(),
    }
    rng = random.Random(15)
    for attempt in range(KILLS):
        k = rng.randrange(RECIPIENTS)
        out = tmp_path / f"out{attempt}"
        shutil.copytree(made, out)
        inbox.messages.clear()
        command = [sys.executable, "-m", "digest.cli", "send", str(out / "2026-12-01")]
        proc = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        inbox.kill = (proc.pid, k)
        assert proc.wait(timeout=60) == -signal.SIGKILL
        assert sorted(a for m in inbox.messages for a in m[1]) == addresses[:k]
        pending = invoke("ls", "--pending", "--out", str(out))
        assert pending.stdout.startswith(str(out / "2026-12-01"))
        assert f"{k} recipient(s) reached" in pending.stdout
        retry = invoke(
            "send", "--out", str(out), env=smtp_env(port, DIGEST_RECIPIENTS_FILE=str(people))
        )
        assert retry.exit_code == 0, retry.stderr
        delivered = Counter(a for m in inbox.messages for a in m[1])
        assert delivered == Counter(addresses), (k, delivered)
        assert state.load(out).delivery("2026-12-01").complete is not None


# --- several newsletters from one config -----------------------------------------------------


def test_editions_tables_have_their_own_outbox_and_state(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    story(tmp_path / "morning", "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    story(tmp_path / "evening", "b.txt", TITLES[1], T0 - timedelta(hours=3), 2)
    config = tmp_path / "digest.toml"
    config.write_text(
        'sender = "Desk <desk@example.org>"\noutbox = "box"\nsources = ["morning"]\n'
        '[smtp]\nhost = "127.0.0.1"\nsecurity = "none"\n'
        f"port = {port}\n"
        '[editions.evening]\ntitle = "Evening Digest"\nsources = ["evening"]\n'
        'recipients = ["night@example.org"]\n'
    )
    morning = invoke("make", "--config", str(config), "--send")
    evening = invoke("make", "--config", str(config), "--edition", "evening", "--send")
    assert morning.exit_code == 0 and evening.exit_code == 0, evening.stderr
    assert morning.stdout.strip() == str(tmp_path / "box" / "2026-12-01")
    assert evening.stdout.strip() == str(tmp_path / "box" / "evening" / "2026-12-01")
    assert (tmp_path / "box" / "evening" / ".digest-state.json").is_file()
    assert [(m[1], titles(p)) for m, p in zip(inbox.messages, inbox.parsed(), strict=True)] == [
        (["desk@example.org"], [TITLES[0]]),
        (["night@example.org"], [TITLES[1]]),
    ]
    assert str(inbox.parsed()[1]["Subject"]).startswith("Evening Digest")
    unknown = invoke("make", "--config", str(config), "--edition", "noon")
    assert (
        unknown.exit_code == 2 and "no [editions.noon] table (editions: evening)" in unknown.stderr
    )


# --- 8. the README's "Every morning" recipe, twice, with SMTP failing in between -----------------


def test_every_morning_recipe_delivers_each_story_exactly_once(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    """The README's digest.toml and crontab line, run by cron on three mornings: SMTP up, then
    down (the run says so, exit 5), then up again: each reader gets each story exactly once."""
    inbox, port = smtp
    home = tmp_path / "srv"
    news = home / "news"
    home.mkdir()
    (home / "digest.toml").write_text(
        'title = "Harbourton Morning"\n'
        'sender = "Harbourton Morning <morning@example.org>"\n'
        'recipients = ["newsroom@example.org", "desk@example.org"]\n'
        'sources = ["news"]\noutbox = "outbox"\ntimezone = "UTC"\n'
        'unsubscribe_url = "https://example.org/unsubscribe?list=morning"\n'
        '[smtp]\nhost = "127.0.0.1"\nsecurity = "none"\n'
    )
    cron = [sys.executable, "-m", "digest.cli", "make", "--send", "-q", "--wait", "300"]

    def morning(day: int, smtp_port: int) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "DIGEST_NOW": (T0 + timedelta(days=day)).isoformat(),
            "DIGEST_SMTP_PORT": str(smtp_port),
            "TZ": "UTC",
        }
        return subprocess.run(cron, cwd=home, env=env, capture_output=True, text=True, timeout=120)

    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=5), 1)
    story(news, "b.txt", TITLES[1], T0 - timedelta(hours=2), 2)
    first = morning(0, port)
    assert (first.returncode, first.stdout, first.stderr) == (0, "", "")
    story(news, "c.txt", TITLES[2], T0 + timedelta(hours=10), 3)
    story(news, "late.txt", TITLES[8], T0 - timedelta(hours=1), 9)  # late: dated before run 1
    down = morning(1, free_port())
    assert down.returncode == 5 and down.stdout == "outbox/2026-12-02\n"  # as configured
    assert "could not send" in down.stderr
    story(news, "d.txt", TITLES[3], T0 + timedelta(days=1, hours=10), 4)
    up = morning(2, port)
    assert (up.returncode, up.stdout, up.stderr) == (0, "", "")
    for reader in ("newsroom@example.org", "desk@example.org"):
        mine = [p for m, p in zip(inbox.messages, inbox.parsed(), strict=True) if m[1] == [reader]]
        got = Counter(t for message in mine for t in titles(message))
        assert got == Counter([TITLES[0], TITLES[1], TITLES[2], TITLES[8], TITLES[3]]), reader
        assert [titles(m) for m in mine] == [
            [TITLES[1], TITLES[0]],
            [TITLES[2], TITLES[8]],
            [TITLES[3]],
        ]
        assert [str(m["To"]) for m in mine] == [reader] * 3
    assert len(inbox.messages) == 6


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

"""Delivery to recipients (issue 15), against a real SMTP server (aiosmtpd) on 127.0.0.1: one
message per recipient with its own To and unsubscribe link, test sends, a send killed after k
of N recipients then retried, [editions.<name>], and the README's "Every morning" recipe."""

from __future__ import annotations

import hashlib
import hmac
import os
import random
import shutil
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

from digest.checks import check_path
from digest.outbox import state
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
        copy = tmp_path / f"{address}.eml"
        copy.write_bytes(raw)
        assert [(r.name, r.detail) for r in check_path(copy) if not r.ok] == []  # digest check


def test_a_fixed_unsubscribe_link_reaches_every_recipient(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    """A link with no {email} or {token} is the same for everyone: each copy keeps it (it was
    dropped from every sent copy, with its one-click header)."""
    inbox, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    people = tmp_path / "people.txt"
    people.write_text("one@example.org\ntwo@example.org\n")
    link = "https://example.org/unsubscribe"
    args = ["--recipients-file", str(people), "--unsubscribe-url", link, "--send"]
    made = make(news, out, *args, port=port)
    assert made.exit_code == 0, made.stderr
    received = inbox.parsed()
    assert [str(m["To"]) for m in received] == ["one@example.org", "two@example.org"]
    for message in received:
        assert str(message["List-Unsubscribe"]) == f"<{link}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in message.get_body(("plain",)).get_content()


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


def test_a_refused_recipient_for_good_is_not_retried_a_busy_one_is(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    news, out = tmp_path / "news", tmp_path / "out"
    story(news, "a.txt", TITLES[0], T0 - timedelta(hours=3), 1)
    people = ["one@example.org", "gone@example.org", "busy@example.org", "two@example.org"]
    args = [f"--to={a}" for a in people]
    inbox.refuse = {"gone@example.org": "550 no such user", "busy@example.org": "451 try later"}
    first = make(news, out, *args, "--send", port=port)
    assert first.exit_code == 5 and first.stdout == f"{out / '2026-12-01'}\n"
    assert "gone@example.org (550 no such user)" in first.stderr
    assert "busy@example.org (451 try later, will retry)" in first.stderr
    assert [m[1] for m in inbox.messages] == [["one@example.org"], ["two@example.org"]]
    inbox.refuse = {}  # the busy one is back (and so is the gone one: it is not asked again)
    retry = make(news, out, *args, "--send", now=T0 + timedelta(hours=1), port=port)
    assert retry.exit_code == 0, retry.stderr
    assert [m[1] for m in inbox.messages][2:] == [["busy@example.org"]]
    delivery = state.load(out).delivery("2026-12-01")
    assert delivery.complete is not None
    assert delivery.done["gone@example.org"] == "refused 550 no such user"


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
    evening_text = inbox.parsed()[1].get_body(("plain",)).get_content()
    assert "evening digest" in evening_text.lower()  # the edition's own title
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

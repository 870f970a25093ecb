"""A real SMTP server (aiosmtpd on 127.0.0.1) and the small articles the delivery tests
(test_delivery.py, test_recipients.py) make digests from."""

from __future__ import annotations

import email
import os
import signal
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from conftest import distinct_text, set_mtime
from digest.cli import app

runner = CliRunner()
T0 = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)


class Inbox:
    """What the server accepted. ``kill`` = (pid, k): on the (k+1)-th message the sending
    process is killed before the server answers, so that message is not accepted. ``refuse``
    maps an address to the reply that refuses it (``550 ...`` or ``451 ...``)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.kill: tuple[int, int] | None = None
        self.refuse: dict[str, str] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

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


def serve() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on 127.0.0.1 for as long as the generator runs (the ``smtp``
    fixture of conftest.py)."""
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

"""``digest send``: send a written digest over SMTP, once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from digest.cli import exits
from digest.cli.options import Config, Quiet, load_settings
from digest.cli.output import Say, reported
from digest.settings import Settings

EPILOG = f"Example: DIGEST_SMTP_PASSWORD=... digest send outbox/2026-11-27\n\n{exits.SEND}"


def send(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A digest folder or its .eml.")],
    force: Annotated[
        bool, typer.Option("--force", help="Send again even if it was sent before.")
    ] = False,
    config: Config = None,
    quiet: Quiet = False,
) -> None:
    """Send a written digest over SMTP to its recipients, once.

    Server settings come from [smtp] in digest.toml or DIGEST_SMTP_HOST, _PORT, _SECURITY
    (starttls, tls or none), _USER; the password only from DIGEST_SMTP_PASSWORD.
    """
    say = Say(verbose=False, quiet=quiet)
    with reported():
        settings = load_settings({}, config)
    deliver(path, settings, force=force, say=say)


def deliver(path: Path, settings: Settings, *, force: bool, say: Say) -> None:
    """Send and say what happened (also for ``digest make --send``)."""
    from digest.send import AlreadySent  # smtplib and the message reader: only when sending
    from digest.send import send as smtp_send

    with reported():
        try:
            record = smtp_send(path, settings, os.environ, force=force)
        except AlreadySent as exc:
            say.note(f"digest: {exc.message}")
            return
    to = record["to"]
    names = ", ".join(map(str, to)) if isinstance(to, list | tuple) else str(to)
    say.note(f"digest: sent {record['folder']} to {names} via {record['server']}")

"""``digest send``: send written digests over SMTP, one message per recipient, each once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from digest.cli import exits
from digest.cli.options import Config, Edition, Out, Quiet, load_settings
from digest.cli.output import Say, clock, reported
from digest.errors import UsageError
from digest.settings import Settings

EPILOG = (
    "Examples: DIGEST_SMTP_PASSWORD=... digest send outbox/2026-11-27; digest send (every "
    f"pending digest); digest send outbox/2026-11-27 --to me@example.org (a test)\n\n{exits.SEND}"
)


def send(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH", help="A digest folder or its .eml (default: the pending ones)."
        ),
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="ADDRESS",
            help="A test send of PATH to this address only (repeatable); not recorded.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Send again to every recipient, even if sent before.")
    ] = False,
    pending: Annotated[
        bool, typer.Option("--pending", help="List the digests waiting to be sent; send nothing.")
    ] = False,
    out: Out = None,
    edition: Edition = None,
    config: Config = None,
    quiet: Quiet = False,
) -> None:
    """Send a written digest (or every pending one) over SMTP: one message per recipient,
    each recipient once, pending digests first, oldest first.

    Server settings come from [smtp] in digest.toml or DIGEST_SMTP_HOST, _PORT, _SECURITY
    (starttls, tls or none), _USER; the password only from DIGEST_SMTP_PASSWORD.
    """
    say = Say(verbose=False, quiet=quiet)
    with reported():
        settings = load_settings({"out": out}, config, edition)
        folder = None if path is None else _folder(path)
        outbox = settings.out if folder is None else folder.parent
        if pending:
            show_pending(outbox)
            return
        if to:
            if path is None:
                raise UsageError("--to sends a test of one digest: give its PATH")
            _test(path, settings, tuple(to), say)
            return
    deliver(outbox, settings, say=say, path=path, force=force, announce=True)


def _folder(path: Path) -> Path:
    return path if path.is_dir() or path.suffix.lower() != ".eml" else path.parent


def show_pending(outbox: Path) -> None:
    """One line per pending digest, oldest first: folder, recipients reached (also for
    ``digest ls --pending``)."""
    from digest.outbox import state
    from digest.send import pending as waiting

    folders = waiting(outbox)
    if not folders:
        typer.echo(f"digest: nothing pending in {outbox}", err=True)
        return
    current = state.load(outbox)
    for folder in folders:
        delivery = current.delivery(folder.name)
        since = delivery.queued or "?"
        typer.echo(f"{folder}  pending since {since}, {len(delivery.done)} recipient(s) reached")


def _test(path: Path, settings: Settings, to: tuple[str, ...], say: Say) -> None:
    from digest.send import send as smtp_send

    sent = smtp_send(path, settings, os.environ, to=to, now=clock())
    say.note(
        f"digest: test send of {sent.folder.name} to {', '.join(sent.to)} via {sent.server} "
        "(not recorded as sent)"
    )


def check_delivery(settings: Settings) -> None:
    """What a send will need, checked before ``make --send`` makes anything: readable
    recipients, and DIGEST_SECRET when the unsubscribe template uses {token}."""
    from digest.render.message import check_unsubscribe
    from digest.send import recipients

    recipients(settings)
    if settings.unsubscribe_url:
        check_unsubscribe(settings.unsubscribe_url, os.environ.get("DIGEST_SECRET"))


def deliver(
    outbox: Path,
    settings: Settings,
    *,
    say: Say,
    path: Path | None = None,
    force: bool = False,
    wait: float | None = None,
    announce: bool = False,
) -> None:
    """Send the pending digests of ``outbox``, oldest first, then ``path`` when given, and
    say what happened (also for ``digest make --send``). A send that fails leaves its digest
    pending: the error goes to stderr, the pending folders to stdout, and the exit code is
    ``exits.UNSENT``."""
    from digest.send import AlreadySent, SendError, send_pending
    from digest.send import send as smtp_send

    options = {} if wait is None else {"wait": wait}
    failed: SendError | None = None
    sent = []
    with reported():
        try:
            sent = send_pending(outbox, settings, os.environ, now=clock(), but=path, **options)
            if path is not None:
                try:
                    sent.append(smtp_send(path, settings, os.environ, force=force, now=clock()))
                except AlreadySent as exc:
                    say.note(f"digest: {exc.message}")
        except SendError as exc:
            failed = exc
    for done in sent:
        shown = ", ".join(done.to[:5]) + (
            f" and {len(done.to) - 5} more" if len(done.to) > 5 else ""
        )
        before = f" ({done.before} reached before)" if done.before else ""
        say.note(
            f"digest: sent {done.folder.name} to {shown or 'nobody new'}{before} via {done.server}"
        )
    if announce and not sent and failed is None and path is None:
        say.note(f"digest: nothing pending in {outbox}")
    if failed is not None:
        typer.echo(f"digest: error: {failed.message}", err=True)
        for folder in failed.pending or send_pending_folders(outbox, path):
            typer.echo(folder)
        raise typer.Exit(exits.UNSENT)


def send_pending_folders(outbox: Path, path: Path | None) -> list[Path]:
    """The folders still pending after a failed send (``path``'s own when it failed)."""
    from digest.send import pending as waiting

    folders = waiting(outbox)
    return folders or ([] if path is None else [_folder(path)])

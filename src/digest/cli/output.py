"""What every command shares around its library call: messages on stderr, errors turned into
one line and an exit code, and the clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import typer

from digest.cli import exits
from digest.errors import DigestError, MissingSource


def err(message: str) -> None:
    typer.echo(message, err=True)


class Say:
    """Messages on stderr: quiet by default for cron (-q: errors only; -v: more)."""

    def __init__(self, verbose: bool, quiet: bool) -> None:
        self.verbose, self.quiet = verbose, quiet

    def info(self, message: str) -> None:
        if self.verbose and not self.quiet:
            err(message)

    def note(self, message: str) -> None:
        if not self.quiet:
            err(message)

    def warn(self, message: str) -> None:
        if not self.quiet:
            err(f"warning: {message}")


@contextmanager
def reported() -> Iterator[None]:
    """User errors become one clear line on stderr and the documented exit code."""
    try:
        yield
    except DigestError as exc:
        err(f"digest: {exits.KIND.get(exc.exit_code, 'error')}: {exc.message}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        err("digest: interrupted")
        raise typer.Exit(exits.INTERRUPTED) from None
    except Exception as exc:
        if os.environ.get("DIGEST_DEBUG"):
            raise
        err(
            f"digest: internal error: {type(exc).__name__}: {exc} "
            "(set DIGEST_DEBUG=1 for a traceback, and please report it)"
        )
        raise typer.Exit(exits.ERROR) from None


@contextmanager
def configured_sources(given: object) -> Iterator[None]:
    """A source that does not exist is a usage error (exit 2) when it was typed as --source
    (``given``), and an error (exit 1) when it comes from the configuration: there it means a
    folder gone missing, which cron must report like any failed run."""
    try:
        yield
    except MissingSource as exc:
        if given:
            raise
        raise DigestError(f"configured {exc.message}") from None


def clock() -> datetime:
    """Now, or DIGEST_NOW (an ISO datetime with offset) for reproducible runs and tests."""
    fixed = os.environ.get("DIGEST_NOW")
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise DigestError(f"DIGEST_NOW={fixed!r} is not an ISO datetime with an offset")
        return moment
    return datetime.now(UTC)

"""One error base class: every failure the user can cause carries a message, never a traceback."""

from __future__ import annotations


class DigestError(Exception):
    """A failure with a message meant for the user. ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(DigestError):
    """A bad option or value on the command line (exit 2)."""

    exit_code = 2


class MissingSource(UsageError):
    """A source that does not exist: a usage error (exit 2) when it was typed as an option;
    the CLI makes it an error (exit 1) when it comes from the configuration, where it means
    a folder gone missing (an unmounted disk), not a typo."""


class ConfigError(DigestError):
    """A bad setting: names the setting and where it came from (exit 2)."""

    exit_code = 2


class ArticleError(DigestError):
    """One article could not be read. The run skips it, records the reason and goes on."""


class OutputError(DigestError):
    """The digest could not be written (disk full, read-only outbox, ...)."""

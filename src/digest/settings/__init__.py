"""Settings for a run: one frozen record, validated once, so later stages can trust it.

- :mod:`digest.settings.fields`: the one table (the :class:`Settings` fields with their
  defaults, help, ``digest.toml`` keys, ``DIGEST_*`` variables, options and checks);
- :mod:`digest.settings.values`: what a setting may hold (algorithms, languages, subject
  fields, link forms), known without loading sumy or NLTK;
- :mod:`digest.settings.loading`: defaults < ``digest.toml`` < ``DIGEST_*`` < options, and the
  starter file of ``digest init``.
"""

from __future__ import annotations

from digest.settings.fields import Settings, Spec, spec, specs
from digest.settings.loading import (
    CONFIG_NAME,
    find_config,
    load,
    read_config,
    read_env,
    sources,
    starter_config,
)
from digest.settings.values import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    DEFAULT_SENDER,
    DEFAULT_SENTENCES,
    DEFAULT_SUBJECT,
    SECURITY,
    SUBJECT_FIELDS,
    check_algorithm,
    check_language,
    check_link,
    check_subject,
    known_languages,
    language_code,
    language_name,
    punkt_languages,
    read_intro,
)

__all__ = [
    "ALGORITHMS",
    "CONFIG_NAME",
    "DEFAULT_ALGORITHM",
    "DEFAULT_SENDER",
    "DEFAULT_SENTENCES",
    "DEFAULT_SUBJECT",
    "SECURITY",
    "SUBJECT_FIELDS",
    "Settings",
    "Spec",
    "check_algorithm",
    "check_language",
    "check_link",
    "check_subject",
    "find_config",
    "known_languages",
    "language_code",
    "language_name",
    "load",
    "punkt_languages",
    "read_config",
    "read_env",
    "read_intro",
    "sources",
    "spec",
    "specs",
    "starter_config",
]

"""What a multi-article reader (feed, saved page, JSON export) hands to :mod:`digest.readers.scan`.

Readers of such formats return a list of :class:`Entry` (or :class:`EntrySkip` for an entry
that cannot be used, with the reason); :mod:`digest.readers.scan` turns each entry into an
``Article`` with the same rules as every other reader (clean title, aware date with its
origin, stable id, source name).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    """One article found inside a file or feed, before the common rules are applied."""

    title: str
    paragraphs: tuple[str, ...]  # plain text, one entry per paragraph (HTML already stripped)
    dek: str = ""
    date: object = None  # as found: an RFC 822 / ISO 8601 string, date, datetime, or None
    date_origin: str = ""  # where ``date`` came from: "feed published", "page metadata", ...
    needs_date: bool = False  # True for feed entries: no date means skip, not file mtime
    url: str | None = None
    id: str | None = None  # GUID or other stable id when the source gives one
    author: str | None = None
    source: str | None = None  # e.g. the feed's title or the site's name
    language: str | None = None
    tags: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class EntrySkip:
    """An entry that cannot be used: ``label`` says which (its title, GUID or line number)."""

    label: str
    reason: str

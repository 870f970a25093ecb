"""``manifest.json``: what a digest folder holds and what each of its stories was made from.

Written beside the digest by ``make``; read back by whatever looks at digest folders (check,
preview, send). :meth:`Manifest.from_json` accepts a manifest of an earlier version (one
without ``more_stories`` or ``unlisted_stories``) and refuses anything else that is not one.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypedDict

from digest import __version__, dates
from digest.analysis.cache import QuoteRecord, quote_record
from digest.files import to_json
from digest.model import Digest, Story
from digest.outbox import names
from digest.outbox.report import SkipRecord, iso, skip_record
from digest.settings import Settings


class StoryRecord(TypedDict):
    """One analysed article as JSON data (the manifest and ``digest summarize --json``)."""

    id: str
    path: str
    title: str
    url: str | None
    source: str | None
    published: str
    date_source: str
    language: str
    summary: list[str]
    quotes: list[QuoteRecord]
    key_quote: QuoteRecord | None


def story_record(story: Story) -> StoryRecord:
    article = story.article
    return {
        "id": article.id,
        "path": article.path.as_posix(),
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": iso(article.published),
        "date_source": article.date_source,
        "language": article.language,
        "summary": list(story.summary),
        "quotes": [quote_record(q) for q in story.quotes],
        "key_quote": None if story.key_quote is None else quote_record(story.key_quote),
    }


@dataclass(frozen=True)
class Manifest:
    digest_version: str  # the version of digest that wrote it
    title: str
    generated: datetime
    since: datetime
    until: datetime
    timezone: str
    sentences: int
    algorithm: str
    files: tuple[str, ...]  # every file of the folder, manifest.json included
    articles: tuple[StoryRecord, ...]  # the stories with a full card, in order
    more_stories: tuple[StoryRecord, ...] = ()  # listed by headline only
    unlisted_stories: tuple[StoryRecord, ...] = ()  # only counted (Gmail's clip)
    skipped: tuple[SkipRecord, ...] = ()

    @classmethod
    def of(cls, digest: Digest, settings: Settings, files: Collection[str]) -> Manifest:
        """The manifest of ``digest``, written beside ``files``."""
        return cls(
            digest_version=__version__,
            title=digest.title,
            generated=digest.generated,
            since=digest.window.since,
            until=digest.window.until,
            timezone=dates.zone_name(digest.window.until.tzinfo or UTC),
            sentences=settings.sentences,
            algorithm=settings.algorithm,
            files=tuple(sorted([*files, names.MANIFEST])),
            articles=tuple(story_record(s) for s in digest.stories),
            more_stories=tuple(story_record(s) for s in digest.more),
            unlisted_stories=tuple(story_record(s) for s in digest.unlisted),
            skipped=tuple(skip_record(s) for s in digest.skipped),
        )

    @property
    def count(self) -> int:
        """The stories shown (with a card or a headline)."""
        return len(self.articles) + len(self.more_stories)

    def to_json(self) -> bytes:
        return to_json(
            {
                "digest_version": self.digest_version,
                "title": self.title,
                "generated": iso(self.generated),
                "window": {
                    "since": iso(self.since),
                    "until": iso(self.until),
                    "timezone": self.timezone,
                },
                "settings": {"sentences": self.sentences, "algorithm": self.algorithm},
                "files": list(self.files),
                "articles": list(self.articles),
                "more_stories": list(self.more_stories),
                "unlisted_stories": list(self.unlisted_stories),
                "skipped": list(self.skipped),
            }
        )

    @classmethod
    def from_json(cls, raw: bytes | str) -> Manifest:
        """Raises ValueError for anything that is not a manifest."""
        data = _object(json.loads(raw))
        window, settings = _object(data.get("window")), _object(data.get("settings"))
        return cls(
            digest_version=_text(data, "digest_version"),
            title=_text(data, "title"),
            generated=_moment(data, "generated"),
            since=_moment(window, "since"),
            until=_moment(window, "until"),
            timezone=_text(window, "timezone"),
            sentences=_number(settings, "sentences"),
            algorithm=_text(settings, "algorithm"),
            files=tuple(_text({"f": f}, "f") for f in _items(data, "files")),
            articles=_stories(data, "articles", required=True),
            more_stories=_stories(data, "more_stories"),
            unlisted_stories=_stories(data, "unlisted_stories"),
            skipped=tuple(
                {"path": _text(s, "path"), "reason": _text(s, "reason")}
                for s in map(_object, _items(data, "skipped", required=False))
            ),
        )


def _object(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise ValueError(f"expected an object, found {type(value).__name__}")
    return value


def _items(data: Mapping[str, object], key: str, required: bool = True) -> list[object]:
    value = data.get(key, None if required else [])
    if not isinstance(value, list):
        raise ValueError(f"{key}: expected a list")
    return value


def _text(data: Mapping[str, object], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{key}: expected a string")
    return value


def _optional_text(data: Mapping[str, object], key: str) -> str | None:
    return None if data.get(key) is None else _text(data, key)


def _number(data: Mapping[str, object], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{key}: expected a whole number")
    return value


def _moment(data: Mapping[str, object], key: str) -> datetime:
    return datetime.fromisoformat(_text(data, key))


def _quote(value: object) -> QuoteRecord:
    data = _object(value)
    return {
        "text": _text(data, "text"),
        "speaker": _optional_text(data, "speaker"),
        "speaker_as_written": _optional_text(data, "speaker_as_written"),
        "start": _number(data, "start"),
        "end": _number(data, "end"),
    }


def _story(value: object) -> StoryRecord:
    data = _object(value)
    key = data.get("key_quote")
    return {
        "id": _text(data, "id"),
        "path": _text(data, "path"),
        "title": _text(data, "title"),
        "url": _optional_text(data, "url"),
        "source": _optional_text(data, "source"),
        "published": _text(data, "published"),
        "date_source": _text(data, "date_source"),
        "language": _text(data, "language"),
        "summary": [_text({"s": s}, "s") for s in _items(data, "summary")],
        "quotes": [_quote(q) for q in _items(data, "quotes")],
        "key_quote": None if key is None else _quote(key),
    }


def _stories(
    data: Mapping[str, object], key: str, required: bool = False
) -> tuple[StoryRecord, ...]:
    return tuple(_story(s) for s in _items(data, key, required))

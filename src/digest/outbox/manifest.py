"""``manifest.json``: what a digest folder holds and what each of its stories was made from.

Written beside the digest by ``make``; read back by whatever looks at digest folders (check,
preview, send). :meth:`Manifest.from_json` accepts a manifest of an earlier version (one
without ``more_stories`` or ``unlisted_stories``) and refuses anything else that is not one.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypedDict

from digest import __version__, dates
from digest.analysis.cache import QuoteRecord, quote_record
from digest.files import Fields, to_json
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
        data = Fields(json.loads(raw))
        window, settings = data.section("window"), data.section("settings")
        skips = [Fields(item) for item in data.items("skipped", required=False)]
        return cls(
            digest_version=data.text("digest_version"),
            title=data.text("title"),
            generated=datetime.fromisoformat(data.text("generated")),
            since=datetime.fromisoformat(window.text("since")),
            until=datetime.fromisoformat(window.text("until")),
            timezone=window.text("timezone"),
            sentences=settings.number("sentences"),
            algorithm=settings.text("algorithm"),
            files=data.texts("files"),
            articles=_stories(data, "articles", required=True),
            more_stories=_stories(data, "more_stories"),
            unlisted_stories=_stories(data, "unlisted_stories"),
            skipped=tuple({"path": s.text("path"), "reason": s.text("reason")} for s in skips),
        )


def _quote(value: object) -> QuoteRecord:
    data = Fields(value)
    return {
        "text": data.text("text"),
        "speaker": data.optional_text("speaker"),
        "speaker_as_written": data.optional_text("speaker_as_written"),
        "start": data.number("start"),
        "end": data.number("end"),
        "speaker_kind": data.optional_text("speaker_kind"),
    }


def _story(value: object) -> StoryRecord:
    data = Fields(value)
    key = data.data.get("key_quote")
    return {
        "id": data.text("id"),
        "path": data.text("path"),
        "title": data.text("title"),
        "url": data.optional_text("url"),
        "source": data.optional_text("source"),
        "published": data.text("published"),
        "date_source": data.text("date_source"),
        "language": data.text("language"),
        "summary": list(data.texts("summary")),
        "quotes": [_quote(q) for q in data.items("quotes")],
        "key_quote": None if key is None else _quote(key),
    }


def _stories(data: Fields, key: str, required: bool = False) -> tuple[StoryRecord, ...]:
    return tuple(_story(s) for s in data.items(key, required))

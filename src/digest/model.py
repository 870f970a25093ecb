"""The frozen records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeAlias

from digest.urls import is_http


class Location(str):
    """Where an article was found when that is not a file of its own: a feed's URL, or an
    entry inside a file or feed (``feeds/world.xml#item 3``). It is kept exactly as written
    (a :class:`~pathlib.Path` would fold the ``//`` of ``https://``) and prints as written."""

    __slots__ = ()

    def as_posix(self) -> str:
        """As written (the name a :class:`~pathlib.Path` location has for the same use)."""
        return str.__str__(self)


Source: TypeAlias = Path | Location  # a file, or a URL / an entry inside a file or feed


def as_source(text: str) -> Source:
    """A location as written back from a manifest or a setting: a URL or an entry label
    (``file#entry``) stays as written, anything else is a file path."""
    if "#" in text or is_http(text):
        return Location(text)
    return Path(text)


@dataclass(frozen=True)
class Article:
    """One article as read from a source, before any selection or analysis."""

    id: str
    path: Source  # the file it was read from, or the feed URL / entry it came from
    title: str
    published: datetime  # always timezone-aware
    date_source: str  # "front matter", "filename" or "mtime"
    paragraphs: tuple[str, ...]  # body text, markup stripped, one entry per paragraph
    dek: str = ""  # standfirst, when the source has one
    url: str | None = None
    source: str | None = None
    author: str | None = None
    language: str = "english"
    tags: tuple[str, ...] = ()
    content_hash: str = ""
    text: str = field(default="", repr=False)  # the whole decoded file, as read
    body_start: int = 0  # where the body begins in ``text``
    notes: tuple[str, ...] = ()  # what the reader corrected, to warn about (see readers)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def source_text(self) -> tuple[str, int]:
        """The text quotes are searched in, and the offset of its body: the file's own text
        (so offsets match the file), or the cleaned body for articles built in memory. A
        no-break space is a space here (one character for one, so offsets still match): "Newt
        Gingrich" joined by one is a name like any other."""
        if self.text:
            return self.text.translate(_SPACES), self.body_start
        return self.body.translate(_SPACES), 0


_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2007": " "})  # no-break spaces

UNPUBLISHED = "unpublished"  # how a skip's reason starts for a draft or unpublished post


@dataclass(frozen=True)
class Skipped:
    """A file, feed or entry that was not used, and why."""

    path: Source
    reason: str

    @property
    def unpublished(self) -> bool:
        """A draft or unpublished post: counted, not warned about one by one."""
        return self.reason.startswith(UNPUBLISHED)


@dataclass(frozen=True)
class Window:
    """The half-open time window [since, until) that selects articles."""

    since: datetime
    until: datetime

    def __contains__(self, moment: datetime) -> bool:
        return self.since <= moment < self.until


@dataclass(frozen=True)
class Quote:
    """A direct quotation found in an article body.

    ``start``/``end`` are character offsets into the article's whole decoded file text
    (headline included) and span the quote marks.
    """

    text: str
    speaker: str | None  # resolved name, e.g. "Volodymyr Zelensky"
    speaker_as_written: str | None  # as in the text, e.g. "he" or "Zelensky"
    start: int
    end: int
    parts: tuple[tuple[int, int], ...] = ()  # spans of the pieces when split around "he said"
    # who ``speaker`` is: "person", "organisation", "unnamed" ("a source", "aides"), or None
    # when the text does not say
    speaker_kind: str | None = None
    # False when the sentence runs on past the closing mark ("“…” to the rest of the
    # country"): a piece of a sentence, not a whole thought to pull out
    whole: bool = True


@dataclass(frozen=True)
class Story:
    """An article with what the digest shows of it."""

    article: Article
    summary: tuple[str, ...]
    key_quote: Quote | None = None
    quotes: tuple[Quote, ...] = field(default=(), repr=False)
    also: tuple[Article, ...] = ()  # the same story from other sources
    section: str = ""  # the section it is listed under (compose), "" when none
    number: int = 0  # its number in "In this issue" (compose), 0 before that


@dataclass(frozen=True)
class Footer:
    """Who sends the digest, why the reader gets it, and the links that go with that."""

    sender: str  # display form: "Daily Digest <digest@example.org>"
    address: str  # the sender's bare address
    reason: str  # "" for the default reason, said in the digest's locale
    unsubscribe_url: str | None = None
    manage_url: str | None = None
    view_url: str | None = None  # this digest in the public archive
    archive_url: str | None = None  # the public archive of every digest
    forward_url: str | None = None  # a page (or mailto:) to forward the digest from
    subscribe_url: str | None = None  # where a forwarded copy's reader can subscribe
    postal_address: str = ""  # the sender's postal address (commercial mail, US and EU)


def _grouped(stories: tuple[Story, ...]) -> tuple[tuple[str, tuple[Story, ...]], ...]:
    groups: dict[str, list[Story]] = {}
    for story in stories:
        groups.setdefault(story.section, []).append(story)
    return tuple((name, tuple(members)) for name, members in groups.items())


@dataclass(frozen=True)
class Digest:
    """Everything a template needs: the stories in order, plus the framing.

    ``stories`` are the cards: the lead (the top-ranked story, a full card) first, then the
    blurbs (a sentence or two each), grouped by section when ``sectioned``; ``more`` are the
    one-line headlines. Every listed story carries its number."""

    title: str
    window: Window
    generated: datetime
    stories: tuple[Story, ...]
    preheader: str
    skipped: tuple[Skipped, ...] = ()
    more: tuple[Story, ...] = ()  # lower-ranked stories shown as headlines only
    quote_of_day: Story | None = None  # the story whose key quote is the strongest
    footer: Footer | None = None
    lang: str = "en"
    unlisted: tuple[Story, ...] = ()  # the lowest-ranked, only counted (Gmail's clip)
    locale: str = "en"  # labels, dates and numbers (a Babel locale name)
    intro: str = ""  # the editor's note under the masthead
    sectioned: bool = False  # the blurbs and headlines are grouped under section names
    hook: str = ""  # the lead's headline as the subject shows it, before any cut
    blurb_words: int = 60  # the word budget of a blurb
    edition: int = 1  # the day's edition: 2 for OUT/<date>-2/ (shown as "#2" by the date)

    @property
    def lead(self) -> Story | None:
        return self.stories[0] if self.stories else None

    @property
    def blurbs(self) -> tuple[Story, ...]:
        return self.stories[1:]

    @property
    def sections(self) -> tuple[tuple[str, tuple[Story, ...]], ...]:
        """The blurbs by section, in order: one untitled group when not sectioned."""
        return _grouped(self.blurbs) if self.sectioned else (("", self.blurbs),)

    @property
    def more_sections(self) -> tuple[tuple[str, tuple[Story, ...]], ...]:
        return _grouped(self.more) if self.sectioned else (("", self.more),)

    @property
    def count(self) -> int:
        return len(self.stories) + len(self.more) + len(self.unlisted)

    @property
    def sources(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for story in (*self.stories, *self.more):
            if story.article.source:
                seen.setdefault(story.article.source, None)
        return tuple(seen)

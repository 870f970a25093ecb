"""The editions in an outbox: every digest folder, in the order it was made, with what a list
of them shows (date, edition number, title, story count, top headlines, sent or not).

A day's first digest is ``OUT/<date>/``. Once it was sent (even in part) it is never replaced:
a later run the same day writes the next edition, ``OUT/<date>-2/``, with only what is new. A
digest not sent yet may be made again in place (an editor fixing a source).

:func:`read_editions` is the one reader of the edition folders (the archive reads it, never
the state); :func:`list_editions` adds each one's delivery for a status listing;
:func:`folder_for` is where ``make`` writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from digest.outbox import names
from digest.outbox.digest_folder import DigestFolder
from digest.outbox.manifest import Manifest
from digest.outbox.state import Delivery, State, folder_order, load
from digest.render.words import long_date

HEADLINES = 3  # top headlines shown per edition
# characters XML 1.0 (and so HTML) does not allow, whatever escaping is done
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Edition:
    """One digest folder of the outbox, as the archive lists it."""

    name: str  # the folder: 2026-12-01 or 2026-12-01-2
    day: date
    number: int  # 1 for the day's first edition
    title: str
    subject: str | None
    until: datetime  # the end of its window: the edition's time
    stories: int  # as the digest counts them (cards, headlines and unlisted)
    headlines: tuple[str, ...]  # the first HEADLINES stories' titles
    delivery: Delivery = field(default_factory=Delivery)  # from the state (list_editions)

    @property
    def link(self) -> str:
        """Its HTML, relative to the outbox."""
        return f"{self.name}/{names.HTML}"

    @property
    def shown_date(self) -> str:
        return long_date(self.day)

    @property
    def label(self) -> str:
        """``27 November 2026``, and ``27 November 2026, edition 2`` for a later one."""
        return self.shown_date if self.number == 1 else f"{self.shown_date}, edition {self.number}"

    @property
    def stories_label(self) -> str:
        return f"{self.stories} {'story' if self.stories == 1 else 'stories'}"

    @property
    def sent(self) -> bool:
        """Delivered to every recipient."""
        return self.delivery.complete is not None

    @property
    def pending(self) -> bool:
        """In the send queue: queued or partly sent, not complete."""
        return self.delivery.pending

    @property
    def updated(self) -> str:
        return self.until.isoformat(timespec="seconds")


def clean(text: str) -> str:
    """One line of text, without characters XML cannot carry."""
    return " ".join(_NOT_XML.sub("", text).split())


def _inside(path: Path, top: Path) -> bool:
    try:
        return path.resolve(strict=True).is_relative_to(top)
    except (OSError, RuntimeError):
        return False


def read_edition(folder: Path) -> Edition | None:
    """The edition in ``folder``, or None when it is not one: a name that is no edition's,
    no ``digest.eml`` or ``digest.html``, or a manifest that is missing or not a manifest."""
    key = names.edition(folder.name)
    if key is None or not folder.is_dir():
        return None
    digest = DigestFolder(folder, folder=True)
    if digest.file(names.EML) is None or digest.file(names.HTML) is None:
        return None
    raw = digest.read_bytes(names.MANIFEST)
    if raw is None:
        return None
    try:
        manifest = Manifest.from_json(raw)
    except ValueError:  # not JSON, or not a manifest
        return None
    stories = (*manifest.articles, *manifest.more_stories)
    until = manifest.until if manifest.until.tzinfo else manifest.until.replace(tzinfo=UTC)
    subject = digest.subject()
    return Edition(
        name=folder.name,
        day=key[0],
        number=key[1],
        title=clean(manifest.title) or "Digest",
        subject=clean(subject) if subject else None,
        until=until,
        stories=len(stories) + len(manifest.unlisted_stories),
        headlines=tuple(clean(s["title"]) for s in stories[:HEADLINES]),
    )


def read_editions(out: Path) -> list[Edition]:
    """Every edition in the outbox, newest first. Hidden entries and folders that lead outside
    the outbox (symlinks) are not editions."""
    try:
        top = out.resolve(strict=True)
        entries = sorted(out.iterdir())
    except (OSError, RuntimeError):
        return []
    found = [
        edition
        for entry in entries
        if names.edition(entry.name) is not None and _inside(entry, top)
        if (edition := read_edition(entry)) is not None
    ]
    return sorted(found, key=lambda e: (e.day, e.number), reverse=True)


def _folders(out: Path) -> list[tuple[Path, str, int]]:
    try:
        entries = list(out.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        parsed = names.parse_edition(entry.name)
        if parsed is not None and entry.is_dir() and not entry.is_symlink():
            found.append((entry, *parsed))
    return sorted(found, key=lambda f: folder_order(f[0].name))


def list_editions(out: Path, current: State | None = None) -> list[Edition]:
    """Every edition in ``out``, newest first, with its delivery from the outbox state
    (``current`` when the caller holds it already; it is read otherwise)."""
    current = load(out) if current is None else current
    return [replace(e, delivery=current.delivery(e.name)) for e in read_editions(out)]


def folder_for(out: Path, day: str, current: State) -> str:
    """The folder a digest of ``day`` goes to: the day's latest edition while it was not sent
    (not even in part), else the next edition."""
    numbers = [number for _, d, number in _folders(out) if d == day]
    numbers += [
        parsed[1]
        for name in (*current.deliveries, *set(current.seen.values()))
        if (parsed := names.parse_edition(name)) is not None and parsed[0] == day
    ]
    latest = max(numbers, default=1)
    name = names.edition_name(day, latest)
    return names.edition_name(day, latest + 1) if current.started(name) else name

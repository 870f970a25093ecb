"""The editions in an outbox: every digest folder, in the order it was made, with what a list
of them shows (date, edition number, title, story count, top headlines, sent or not).

A day's first digest is ``OUT/<date>/``. Once it was sent (even in part) it is never replaced:
a later run the same day writes the next edition, ``OUT/<date>-2/``, with only what is new. A
digest not sent yet may be made again in place (an editor fixing a source).

:func:`list_editions` is what an archive page or a status listing reads; :func:`folder_for`
is where ``make`` writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digest.outbox import names
from digest.outbox.digest_folder import DigestFolder
from digest.outbox.manifest import Manifest
from digest.outbox.state import Delivery, State, folder_order, load

TOP = 3  # headlines an edition's listing shows


@dataclass(frozen=True)
class Edition:
    """One digest folder of the outbox, as a listing shows it."""

    folder: Path
    day: str  # YYYY-MM-DD
    number: int  # 1 for <date>/, 2 for <date>-2/, ...
    title: str | None  # None when the manifest cannot be read
    stories: int  # stories shown (full card or headline)
    headlines: tuple[str, ...]  # the first TOP stories' titles, in digest order
    subject: str | None
    delivery: Delivery

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def sent(self) -> bool:
        """Delivered to every recipient."""
        return self.delivery.complete is not None

    @property
    def pending(self) -> bool:
        """In the send queue: queued or partly sent, not complete."""
        return self.delivery.pending


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
    """Every edition in ``out``, newest first (by day, then edition number). ``current`` is
    the outbox state when the caller holds it already (it is read otherwise)."""
    current = load(out) if current is None else current
    editions = []
    for folder, day, number in _folders(out):
        reader = DigestFolder(folder, folder=True)
        manifest: Manifest | None = None
        raw = reader.read_bytes(names.MANIFEST)
        if raw is not None:
            try:
                manifest = Manifest.from_json(raw)
            except ValueError:
                manifest = None
        shown = () if manifest is None else (*manifest.articles, *manifest.more_stories)
        editions.append(
            Edition(
                folder=folder,
                day=day,
                number=number,
                title=None if manifest is None else manifest.title,
                stories=0 if manifest is None else manifest.count,
                headlines=tuple(s["title"] for s in shown[:TOP]),
                subject=reader.subject(),
                delivery=current.delivery(folder.name),
            )
        )
    return editions[::-1]


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

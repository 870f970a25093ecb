"""The archive of an outbox: ``OUT/index.html`` and ``OUT/feed.xml``.

:func:`update` reads every edition in the outbox itself (each ``OUT/<YYYY-MM-DD>`` or
``OUT/<YYYY-MM-DD>-<n>`` folder holding a digest, through :class:`DigestFolder` and its
manifest), never the state, so the archive is right whatever wrote the editions; then it
rewrites both files atomically:

- ``index.html``: every edition, newest first (date, title, story count, top headlines), each
  linking to its ``<folder>/digest.html`` by a relative link, so the page works opened from
  disk, served by ``digest preview``, or published with ``OUT/`` at ``archive_url``. No script.
- ``feed.xml``: Atom 1.0, one entry per edition. Links are absolute under ``archive_url`` when
  it is set, else relative to the feed. Ids are stable: they derive from the sender's address
  and the edition's folder, never from where the archive is published. An entry's ``updated``
  is its edition's time (the end of its window), so an unchanged outbox gives the same bytes.

Both come from the autoescaped Jinja templates in ``templates/archive/``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parseaddr
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from digest import files
from digest.errors import OutputError
from digest.outbox import names
from digest.outbox.digest_folder import DigestFolder
from digest.outbox.manifest import Manifest
from digest.render.template_files import builtin_templates
from digest.settings import language_code

if TYPE_CHECKING:
    import jinja2

HEADLINES = 3  # top headlines shown per edition
# characters XML 1.0 (and so HTML) does not allow, whatever escaping is done
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class ArchiveSettings(Protocol):
    """What the archive needs of the settings (a :class:`~digest.settings.Settings` will do)."""

    @property
    def title(self) -> str: ...

    @property
    def sender(self) -> str: ...

    @property
    def archive_url(self) -> str | None: ...

    @property
    def language(self) -> str: ...


@dataclass(frozen=True)
class Edition:
    """One digest folder of the outbox, as the archive lists it."""

    name: str  # the folder: 2026-12-01 or 2026-12-01-2
    day: date
    number: int  # 1 for the day's first edition
    title: str
    subject: str | None
    until: datetime  # the end of its window: the edition's time
    count: int  # stories, as the digest counts them (cards, headlines and unlisted)
    headlines: tuple[str, ...]  # the first HEADLINES stories' titles

    @property
    def link(self) -> str:
        """Its HTML, relative to the outbox."""
        return f"{self.name}/{names.HTML}"

    @property
    def shown_date(self) -> str:
        return f"{self.day.day} {self.day:%B %Y}"

    @property
    def label(self) -> str:
        """``27 November 2026``, and ``27 November 2026, edition 2`` for a later one."""
        return self.shown_date if self.number == 1 else f"{self.shown_date}, edition {self.number}"

    @property
    def stories(self) -> str:
        return f"{self.count} {'story' if self.count == 1 else 'stories'}"

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
        count=len(stories) + len(manifest.unlisted_stories),
        headlines=tuple(clean(s["title"]) for s in stories[:HEADLINES]),
    )


def editions(out: Path) -> list[Edition]:
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


# --- the two files -----------------------------------------------------------------------------


@cache
def _environment() -> jinja2.Environment:
    # imported here: Jinja2 loads only when the archive is rewritten (a run that keeps its
    # digest and finds the archive in place never needs it)
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(builtin_templates() / "archive"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _sender(settings: ArchiveSettings) -> tuple[str, str]:
    """The sender's display name (or the title) and address."""
    name, address = parseaddr(settings.sender)
    return clean(name) or clean(settings.title), address.lower()


def _id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'digest:' + '/'.join(parts))}"


def render_index(found: list[Edition], settings: ArchiveSettings) -> bytes:
    """``index.html``: the editions (newest first) as a page that needs no server."""
    page = _environment().get_template("index.html.j2")
    return page.render(
        title=clean(settings.title),
        lang=language_code(settings.language),
        editions=found,
        feed=names.FEED,
    ).encode()


def render_feed(found: list[Edition], settings: ArchiveSettings) -> bytes:
    """``feed.xml``: Atom 1.0, one entry per edition (``found`` newest first)."""
    base = f"{settings.archive_url.rstrip('/')}/" if settings.archive_url else ""
    author, address = _sender(settings)
    title = clean(settings.title)
    entries = [
        {
            "id": _id(address, e.name),
            "title": e.subject or f"{e.title} — {e.label}",
            "updated": e.updated,
            "link": base + e.link,
            "summary": f"{e.stories}: {'; '.join(e.headlines)}" if e.headlines else e.stories,
        }
        for e in found
    ]
    newest = max((e.until for e in found), default=datetime(1970, 1, 1, tzinfo=UTC))
    feed = _environment().get_template("feed.xml.j2")
    return feed.render(
        id=_id(address),
        title=title,
        lang=language_code(settings.language),
        author=author,
        updated=newest.isoformat(timespec="seconds"),
        self_url=base + names.FEED if base else None,
        index_url=base + names.ARCHIVE_INDEX,
        entries=entries,
    ).encode()


def update(out: Path, settings: ArchiveSettings, *, only_missing: bool = False) -> bool:
    """Rewrite ``OUT/index.html`` and ``OUT/feed.xml`` from the editions in ``out``, each
    atomically (a file whose bytes would not change is left alone). With ``only_missing``,
    only when one of them is not there (a run that keeps its digest). True when anything was
    (re)computed. Raises OutputError when a file cannot be written."""
    targets = [out / name for name in names.ARCHIVE_FILES]
    if only_missing and all(path.is_file() for path in targets):
        return False
    found = editions(out)
    contents = (render_index(found, settings), render_feed(found, settings))
    for path, data in zip(targets, contents, strict=True):
        try:
            if path.is_file() and path.read_bytes() == data:
                continue
            files.write_atomic(path, data)
        except OSError as exc:
            raise OutputError(f"cannot write the archive {path}: {exc.strerror or exc}") from None
    return True

"""The archive of an outbox: ``OUT/index.html`` and ``OUT/feed.xml``.

:func:`update` reads every edition in the outbox itself
(:func:`digest.outbox.editions.read_editions`: each ``OUT/<YYYY-MM-DD>`` or
``OUT/<YYYY-MM-DD>-<n>`` folder holding a digest), never the state, so the archive is right
whatever wrote the editions; then it rewrites both files atomically:

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

import uuid
from datetime import UTC, datetime
from email.utils import parseaddr
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from digest import files
from digest.errors import OutputError
from digest.outbox import names
from digest.outbox.editions import Edition, clean, read_editions
from digest.render.template_files import builtin_templates
from digest.settings import language_code

if TYPE_CHECKING:
    import jinja2


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
            "summary": (
                f"{e.stories_label}: {'; '.join(e.headlines)}" if e.headlines else e.stories_label
            ),
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


def update(
    out: Path,
    settings: ArchiveSettings,
    *,
    only_missing: bool = False,
    found: list[Edition] | None = None,
) -> bool:
    """Rewrite ``OUT/index.html`` and ``OUT/feed.xml`` from the editions in ``out``, each
    atomically (a file whose bytes would not change is left alone). With ``only_missing``,
    only when one of them is not there (a run that keeps its digest). True when anything was
    (re)computed. ``found``: the editions, when the caller has read them already. Raises
    OutputError when a file cannot be written."""
    targets = [out / name for name in names.ARCHIVE_FILES]
    if only_missing and all(path.is_file() for path in targets):
        return False
    found = read_editions(out) if found is None else found
    contents = (render_index(found, settings), render_feed(found, settings))
    for path, data in zip(targets, contents, strict=True):
        try:
            if path.is_file() and path.read_bytes() == data:
                continue
            files.write_atomic(path, data)
        except OSError as exc:
            raise OutputError(f"cannot write the archive {path}: {exc.strerror or exc}") from None
    return True

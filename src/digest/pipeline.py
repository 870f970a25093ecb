"""The library API: :func:`make` runs every stage and writes one digest folder.

readers -> selection -> analysis -> compose -> render -> message -> outbox

Each stage lives in its package; this module only says in which order they run and what
each one is given. :func:`consider` (``digest ls``) and :func:`summarize_paths` (``digest
summarize``) run the first stages only.

(Over 400 lines on purpose: it is the one place that says what each stage of ``make`` is given,
editions, the send queue and the newsletter layout included; splitting it would hide the order.)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from email.headerregistry import Address
from pathlib import Path

from digest import dates
from digest.analysis.cache import AnalysisCache
from digest.analysis.workers import analyse_all, start_workers
from digest.errors import DigestError, UsageError
from digest.model import Article, Footer, Skipped, Story, Window
from digest.outbox import archive, editions, kept, names, state
from digest.outbox import folder as outbox
from digest.outbox.manifest import Manifest
from digest.outbox.report import Report, Result
from digest.readers.index import FileIndex, load_in_background
from digest.readers.scan import SourceFile, inventory, read_sources
from digest.render.message import parse_address, parse_addresses
from digest.render.template_files import template_files
from digest.selection import CLOCK_SKEW, Considered, Selection, select
from digest.settings import Settings, language_code, read_intro

__all__ = ["Result", "consider", "make", "summarize_paths", "window_for"]


@dataclass(frozen=True)
class Run:
    """What one ``make`` or ``ls`` covers, fixed before anything is read."""

    settings: Settings
    now: datetime
    zone: tzinfo
    window: Window
    current: state.State
    include_seen: bool = False
    include_future: bool = False
    name: str = ""  # the digest folder: the window's last day, or its next edition

    @property
    def since_last(self) -> bool:
        """``--since last``: only what no digest had is new."""
        return self.settings.since in (None, "last")


def window_for(
    settings: Settings, now: datetime, zone: tzinfo, current: state.State | None = None
) -> Window:
    """The window to cover. ``--since last`` (and no --since at all) looks back
    ``settings.lookback`` (so a late arrival dated before the last run is still found; what a
    digest had is left out by selection), but never before the first window this outbox
    covered; on the first run it is the last 24 hours."""
    current = current or state.State()
    if settings.since in (None, "last"):
        if current.last_until is None:
            since = now - timedelta(hours=24)
        else:
            since = now - dates.parse_duration(settings.lookback)
            if current.first_since is not None:
                since = max(since, current.first_since)
    else:
        since = dates.parse_when(settings.since, now, zone)
    until = dates.parse_when(settings.until, now, zone) if settings.until else now
    if since >= until and settings.since in (None, "last"):
        since = until  # the last digest already covers up to now: nothing can be new
    elif since >= until:
        raise UsageError(
            f"the window is empty: --since ({since.isoformat()}) must be before "
            f"--until ({until.isoformat()})"
        )
    return Window(since=since.astimezone(zone), until=until.astimezone(zone))


def summarize_paths(settings: Settings) -> tuple[list[Story], list[Skipped]]:
    """Read and analyse every article under ``settings.sources``, with no window and no
    digest: what ``digest summarize`` shows."""
    settings = settings.validated()
    zone = dates.resolve_timezone(settings.timezone)
    articles, skipped = read_sources(
        settings.sources,
        zone,
        settings.language,
        max_bytes=settings.max_file_bytes,
        fields=settings.export_fields,
    )
    stories, unsupported = analyse_all(articles, settings)
    return stories, [*skipped, *unsupported]


def consider(
    settings: Settings,
    now: datetime | None = None,
    *,
    include_seen: bool = False,
    include_future: bool = False,
) -> tuple[Window, list[Considered], list[Skipped]]:
    """What a ``make`` now would do with each article, without writing anything
    (``digest ls``): selected, outside window, future, seen, duplicate; and skipped files."""
    settings = settings.validated()
    now = now or datetime.now(UTC)
    current = state.load(settings.out) if settings.out.is_dir() else state.State()
    zone = dates.resolve_timezone(settings.timezone)
    window = window_for(settings, now, zone, current)
    name = editions.folder_for(settings.out, f"{window.until:%Y-%m-%d}", current)
    run = Run(settings, now, zone, window, current, include_seen, include_future, name)
    # the index of the last make, read only: what it extracted is recalled, not extracted
    # again; no span: ls keeps every article, to say where each one stands
    cache_dir = names.cache_dir(settings.out)
    index = FileIndex(cache_dir, dates.zone_name(zone), *_reading(settings), read_only=True)
    articles, skipped = _read(run, settings.sources, index, remember=False)
    return window, list(_select(run, articles).considered), skipped


def _reading(settings: Settings) -> tuple[object, ...]:
    """The settings, besides the zone, that change what a source reads as (the index and the
    articles it keeps hold for these only)."""
    return (settings.language, settings.max_file_bytes, settings.export_fields)


def _read(
    run: Run,
    sources: Iterable[Path | str | SourceFile],
    index: FileIndex | None = None,
    feeds: Path | None = None,
    *,
    remember: bool = True,
) -> tuple[list[Article], list[Skipped]]:
    """Read the sources (or their inventory), feeds through the ``feeds`` cache. With an
    index, what it knows unchanged is recalled, not read; and when ``remember``-ing (make), an
    article dated in the window (or just past it, for the clock skew and --include-future) is
    kept, and the files the index knows to hold none are not looked at. Date-less feed entries
    are dated when first seen (``OUT/.digest-first-seen.json``, written only when
    ``remember``)."""
    window, settings = run.window, run.settings
    span = None
    if index is not None and remember:
        late = datetime.max.replace(tzinfo=UTC) if run.include_future else window.until + CLOCK_SKEW
        span = (window.since, late)
    return read_sources(
        sources,
        run.zone,
        settings.language,
        max_bytes=settings.max_file_bytes,
        fields=settings.export_fields,
        cache=feeds,
        index=index,
        span=span,
        first_seen=settings.out / names.FIRST_SEEN,
        now=run.now,
        remember=remember,
    )


def _select(run: Run, articles: list[Article]) -> Selection:
    """Select for the window, leaving out what another digest had (unless include_seen)."""
    current, name = run.current, run.name
    return select(
        articles,
        run.window,
        seen=(lambda a: False)
        if run.include_seen
        else (lambda a: current.seen_elsewhere(a.id, name)),
        now=run.now,
        include_future=run.include_future,
    )


def make(
    settings: Settings,
    now: datetime | None = None,
    *,
    include_seen: bool = False,
    include_future: bool = False,
    wait: float = 0,
    strict: bool = False,
    jobs: int | None = None,
    rebuild: bool = False,
    queue: bool = False,
) -> Result:
    """Build the digest for the settings' window and write it to ``settings.out``.

    When the digest already in the outbox for that day was made from exactly the articles
    this run would cover, unchanged, with the same settings and templates, it is kept as it
    is (``Result.kept``; see :mod:`digest.outbox.kept`); ``rebuild`` makes it again anyway.

    ``now`` is the clock (aware); tests pass a fixed one. One run at a time holds the outbox
    (``wait`` seconds for another to finish, then LockedError). Articles an earlier digest
    included are left out unless ``include_seen``; with ``strict`` an unreadable file is fatal.
    The state (``--since last``, seen ids) advances only once the digest is fully written.

    A digest that was sent (even in part) is never replaced: a later run the same day writes
    the next edition (``<date>-2``) with only what is new (see :mod:`digest.outbox.editions`).
    With ``--since last``, a run that finds nothing no digest had is "nothing new". ``queue``
    puts the digest written (or kept) in the send queue (``make --send``), in the same state
    save, so a send that never happens is still pending. Raises DigestError subclasses.
    """
    settings = settings.validated()
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    jobs = jobs or os.cpu_count() or 1
    sender = parse_address(settings.sender, "sender")
    recipients = parse_addresses(settings.recipients, "recipients")
    reply_to = parse_address(settings.reply_to, "reply_to") if settings.reply_to else None
    with state.locked(settings.out, wait):
        current = state.load(settings.out)
        zone = dates.resolve_timezone(settings.timezone)
        cache_dir = names.cache_dir(settings.out)
        # the index loads (JSON, under the GIL) while the scan waits on the disk (without it)
        loading = load_in_background(cache_dir, dates.zone_name(zone), *_reading(settings))
        files = inventory(settings.sources)
        index = loading()
        window = window_for(settings, now, zone, current)
        name = editions.folder_for(settings.out, f"{window.until:%Y-%m-%d}", current)
        run = Run(settings, now, zone, window, current, include_seen, include_future, name)
        templates = template_files(settings.templates)

        def fingerprint() -> str | None:
            return kept.fingerprint(
                settings=settings,
                files=files,
                index=index,
                window=window,
                now=now,
                zone=dates.zone_name(zone),
                folder=run.name,
                seen=None if include_seen else current.seen,
                include_future=include_future,
                strict=strict,
                templates=templates,
            )

        if not rebuild and (before := fingerprint()) is not None:
            recalled = kept.recall(settings.out, before)
            if recalled is not None:
                if run.since_last:  # the same articles as the digest written: none is new
                    report = recalled[1]
                    return Result(
                        window, None, None, report.skipped, report.considered, seen=report.seen
                    )
                return _keep(run, *recalled, queue=queue)

        # readers -> selection
        cache = AnalysisCache(cache_dir / names.ANALYSES)
        articles, skipped = _read(run, files, index, feeds=cache_dir / names.FEEDS)
        start_workers(articles, settings, jobs, cache)  # they load while this process selects
        selection = _select(run, articles)
        index.save()
        seen = sum(c.status == "seen" for c in selection.considered)
        future = tuple(
            f"left out {a.path}: dated {a.published.isoformat(timespec='minutes')}, in the "
            "future (--include-future includes it)"
            for a in selection.future
        )
        noted = tuple(  # what a reader corrected, for the articles this digest may show
            f"{a.path}: {note}"
            for g in selection.groups
            for a in (g.best, *g.others)
            for note in a.notes
        )

        # -> analysis
        stories, unsupported = analyse_all(list(selection.groups), settings, jobs=jobs, cache=cache)
        skipped = [*skipped, *unsupported]
        if strict and skipped:
            first = skipped[0]
            raise DigestError(
                f"--strict: {len(skipped)} file(s) could not be used, the first "
                f"{first.path}: {first.reason}"
            )
        members = [a for g in selection.groups for a in (g.best, *g.others)]
        fresh = include_seen or any(a.id not in current.seen for a in members)
        if not stories or (run.since_last and not fresh):
            if stories:  # only what the unsent digest of the day has already: nothing new
                seen += len(members)
            return Result(window, None, None, tuple(skipped), len(articles), future, seen=seen)

        # -> compose -> render -> message -> outbox
        result = _write(run, stories, skipped, len(articles), (sender, recipients, reply_to))
        result = replace(result, seen=seen, warnings=(*future, *noted, *result.warnings))
        digest = result.digest
        assert digest is not None and result.folder is not None
        shown = tuple(
            a.id
            for s in (*digest.stories, *digest.more, *digest.unlisted)
            for a in (s.article, *s.also)
        )
        after = current.advanced((window.since, window.until), run.name, shown)
        if queue:
            after = after.queued(run.name, run.now)
        state.save(settings.out, after)
        # remembered only when the next run, starting from the state just saved, would make
        # this same digest from these same inputs (the index now knows every file read)
        key = fingerprint()
        if key is not None and (
            include_seen or kept.others(after.seen, run.name) == kept.others(current.seen, run.name)
        ):
            kept.remember(settings.out, key, result.folder, Report.of(result, shown))
        else:
            kept.forget(settings.out)
        return result


def _keep(run: Run, folder: Path, report: Report, *, queue: bool = False) -> Result:
    """The run that keeps the digest already written: the state advances as if it had been
    made again; the report is the one of the run that made it."""
    after = run.current.advanced((run.window.since, run.window.until), folder.name, report.ids)
    if queue:
        after = after.queued(run.name, run.now)
    if after != run.current:
        state.save(run.settings.out, after)
    archive.update(run.settings.out, run.settings, only_missing=True)  # an outbox made before
    return report.result(run.window, folder)


Addresses = tuple[Address, tuple[Address, ...], Address | None]  # sender, recipients, reply-to


def _write(
    run: Run, stories: list[Story], skipped: list[Skipped], read: int, addresses: Addresses
) -> Result:
    """Compose, render (fitted under Gmail's clip), build the message, write the folder and
    check what was written."""
    # imported here: a run that keeps its digest never loads Jinja2, MJML or the checks
    from digest.checks import check_archive, check_path
    from digest.compose import Layout, compose
    from digest.render.fit import fit_under_clip
    from digest.render.message import build_message, message_bytes
    from digest.render.templates import render_text

    settings, window = run.settings, run.window
    sender, recipients, reply_to = addresses
    footer = Footer(
        sender=str(sender),
        address=sender.addr_spec,
        # the default reason is said in the digest's locale (the footer's label)
        reason=""
        if settings.reason == Settings().reason
        else settings.reason.replace("{title}", settings.title),
        unsubscribe_url=settings.unsubscribe_url,
        manage_url=settings.manage_url,
        view_url=f"{settings.archive_url.rstrip('/')}/{run.name}/{names.HTML}"
        if settings.archive_url
        else None,
        archive_url=settings.archive_url,
        forward_url=settings.forward_url,
        subscribe_url=settings.subscribe_url,
        postal_address=settings.postal_address or "",
    )
    layout = Layout(
        order=settings.order,
        source_weights={name: float(w) for name, w in settings.source_weights},
        blurbs=settings.blurbs,
        blurb_words=settings.blurb_words,
        sections=dict(settings.sections),
        section_order=settings.section_order,
        intro=read_intro(settings.intro),
        locale=settings.locale or language_code(settings.language),
    )
    fitted = fit_under_clip(
        lambda shown, listed: compose(
            settings.title,
            window,
            run.now.astimezone(run.zone),
            stories,
            skipped,
            footer=footer,
            lang=language_code(settings.language),
            shown=shown,
            listed=listed,
            layout=layout,
            edition=(names.parse_edition(run.name) or ("", 1))[1],
        ),
        min(len(stories), settings.max_stories or len(stories), 1 + settings.blurbs),
        settings.templates,
        total=len(stories),
        margin=settings.clip_margin,
    )
    digest, html = fitted.digest, fitted.html
    text = render_text(digest, settings.templates)
    message = build_message(
        digest,
        html,
        text,
        sender,
        recipients,
        run.now,
        reply_to=reply_to,
        subject_template=settings.subject,
        unsubscribe_url=settings.unsubscribe_url,
        edition=run.name,
        list_id=settings.list_id,
    )
    files = {
        names.HTML: html.encode(),
        names.TEXT: text.encode(),
        names.EML: message_bytes(message),
    }
    files[names.MANIFEST] = Manifest.of(digest, settings, files).to_json()
    folder = outbox.write_folder(settings.out, run.name, files)
    found = editions.read_editions(settings.out)  # once, for the archive and its check
    archive.update(settings.out, settings, found=found)  # OUT/index.html and feed.xml list it
    checked = (*check_path(folder), *check_archive(settings.out, found))
    problems = tuple(f"{r.status} {r.name}: {r.detail}" for r in checked if not r.ok or r.warning)
    return Result(
        window,
        folder,
        digest,
        tuple(skipped),
        read,
        fitted.warnings,
        problems,
        count=len(digest.stories),
        more_count=len(digest.more),
        unlisted_count=len(digest.unlisted),
    )

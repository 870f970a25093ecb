"""The library API: :func:`make` runs every stage and writes one digest folder.

readers -> selection -> analysis -> compose -> render -> message -> outbox

Each stage lives in its package; this module only says in which order they run and what
each one is given. :func:`consider` (``digest ls``) and :func:`summarize_paths` (``digest
summarize``) run the first stages only.
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
from digest.outbox import folder as outbox
from digest.outbox import kept, names, state
from digest.outbox.manifest import Manifest
from digest.outbox.report import Report, Result
from digest.readers.index import FileIndex, load_in_background
from digest.readers.scan import SourceFile, inventory, read_sources
from digest.render.message import parse_address, parse_addresses
from digest.render.template_files import template_files
from digest.selection import CLOCK_SKEW, Considered, Selection, select
from digest.settings import Settings, language_code

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

    @property
    def name(self) -> str:
        """The digest folder's name: the window's last day."""
        return f"{self.window.until:%Y-%m-%d}"


def window_for(
    settings: Settings, now: datetime, zone: tzinfo, last_until: datetime | None = None
) -> Window:
    """The window to cover. ``--since last`` (and no --since at all) starts where the last
    written digest's window ended, or 24 hours back on the first run."""
    if settings.since in (None, "last"):
        since = last_until if last_until is not None else now - timedelta(hours=24)
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
    window = window_for(settings, now, zone, current.last_until)
    run = Run(settings, now, zone, window, current, include_seen, include_future)
    # no index: ls keeps every article, to say where each one stands
    articles, skipped = _read(run, settings.sources)
    return window, list(_select(run, articles).considered), skipped


def _read(
    run: Run,
    sources: Iterable[Path | str | SourceFile],
    index: FileIndex | None = None,
    feeds: Path | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read the sources (or their inventory), feeds through the ``feeds`` cache. With an
    index, an article dated in the window (or just past it, for the clock skew and
    --include-future) is read and kept; the other files the index can vouch for are not."""
    window, settings = run.window, run.settings
    span = None
    if index is not None:
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
) -> Result:
    """Build the digest for the settings' window and write it to ``settings.out``.

    When the digest already in the outbox for that day was made from exactly the articles
    this run would cover, unchanged, with the same settings and templates, it is kept as it
    is (``Result.kept``; see :mod:`digest.outbox.kept`); ``rebuild`` makes it again anyway.

    ``now`` is the clock (aware); tests pass a fixed one. One run at a time holds the outbox
    (``wait`` seconds for another to finish, then LockedError). Articles an earlier digest
    included are left out unless ``include_seen``; with ``strict`` an unreadable file is fatal.
    The state (``--since last``, seen ids) advances only once the digest is fully written.
    Raises DigestError subclasses.
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
        loading = load_in_background(cache_dir, dates.zone_name(zone))
        files = inventory(settings.sources)
        index = loading()
        window = window_for(settings, now, zone, current.last_until)
        run = Run(settings, now, zone, window, current, include_seen, include_future)
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
                return _keep(run, *recalled)

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

        # -> analysis
        stories, unsupported = analyse_all(list(selection.groups), settings, jobs=jobs, cache=cache)
        skipped = [*skipped, *unsupported]
        if strict and skipped:
            first = skipped[0]
            raise DigestError(
                f"--strict: {len(skipped)} file(s) could not be used, the first "
                f"{first.path}: {first.reason}"
            )
        if not stories:
            return Result(window, None, None, tuple(skipped), len(articles), future, seen=seen)

        # -> compose -> render -> message -> outbox
        result = _write(run, stories, skipped, len(articles), (sender, recipients, reply_to))
        result = replace(result, seen=seen, warnings=(*future, *result.warnings))
        digest = result.digest
        assert digest is not None and result.folder is not None
        shown = tuple(
            a.id
            for s in (*digest.stories, *digest.more, *digest.unlisted)
            for a in (s.article, *s.also)
        )
        after = current.advanced(window.until, run.name, shown)
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


def _keep(run: Run, folder: Path, report: Report) -> Result:
    """The run that keeps the digest already written: the state advances as if it had been
    made again; the report is the one of the run that made it."""
    after = run.current.advanced(run.window.until, folder.name, report.ids)
    if after != run.current:
        state.save(run.settings.out, after)
    return report.result(run.window, folder)


def _intro(value: str | None) -> str:
    """The editor's note: the text given, or with ``@FILE`` the file's."""
    if not value:
        return ""
    if value.startswith("@"):
        path = Path(value[1:]).expanduser()
        try:
            return path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--intro: cannot read {path}: {exc}") from None
    return value.strip()


Addresses = tuple[Address, tuple[Address, ...], Address | None]  # sender, recipients, reply-to


def _write(
    run: Run, stories: list[Story], skipped: list[Skipped], read: int, addresses: Addresses
) -> Result:
    """Compose, render (fitted under Gmail's clip), build the message, write the folder and
    check what was written."""
    # imported here: a run that keeps its digest never loads Jinja2, MJML or the checks
    from digest.checks import check_path
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
        intro=_intro(settings.intro),
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
    )
    files = {
        names.HTML: html.encode(),
        names.TEXT: text.encode(),
        names.EML: message_bytes(message),
    }
    files[names.MANIFEST] = Manifest.of(digest, settings, files).to_json()
    folder = outbox.write_folder(settings.out, run.name, files)
    problems = tuple(
        f"{r.status} {r.name}: {r.detail}" for r in check_path(folder) if not r.ok or r.warning
    )
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

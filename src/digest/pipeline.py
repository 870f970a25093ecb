"""The library API: :func:`make` runs every stage and writes one digest folder.

sources -> select -> quotes + summarize -> compose -> render -> mail -> outbox
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from email.headerregistry import Address
from pathlib import Path
from typing import Any

from digest import __version__, dates
from digest.analysis.cache import Analysis, AnalysisCache
from digest.checks import GMAIL_CLIP_BYTES, HTML_WARN_BYTES
from digest.choices import language_code
from digest.errors import ConfigError, DigestError, UsageError
from digest.files import to_json
from digest.model import Article, Digest, Footer, Quote, Skipped, Story, Window
from digest.outbox import folder as outbox
from digest.outbox import kept as unchanged
from digest.outbox import state
from digest.readers.index import FileIndex
from digest.readers.scan import SourceFile, inventory, read_sources
from digest.render.message import parse_address, parse_addresses
from digest.render.template_files import template_files
from digest.selection import CLOCK_SKEW, Considered, Group, Selection, select
from digest.settings import Settings

CLIP_BYTES = GMAIL_CLIP_BYTES  # Gmail clips a message whose HTML is larger
WARN_BYTES = HTML_WARN_BYTES


@dataclass(frozen=True)
class Result:
    """What a run did. ``folder`` is None when no article fell in the window."""

    window: Window
    folder: Path | None
    digest: Digest | None
    skipped: tuple[Skipped, ...]
    considered: int
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # what `digest check` found wrong with the written digest
    seen: int = 0  # articles in the window left out because an earlier digest had them
    count: int = 0  # stories with a full card
    more_count: int = 0  # stories listed by headline only
    unlisted_count: int = 0  # stories only counted (a window too wide for Gmail's clip)
    kept: bool = False  # the digest already written was kept (``digest`` is then None)

    def summary(self) -> dict[str, object]:
        """The run as JSON data (``digest make --json``)."""
        return {
            "folder": str(self.folder) if self.folder else None,
            "window": {"since": _iso(self.window.since), "until": _iso(self.window.until)},
            "stories": self.count,
            "more_stories": self.more_count,
            "unlisted_stories": self.unlisted_count,
            "kept": self.kept,
            "articles_read": self.considered,
            "already_sent_before": self.seen,
            "skipped": [{"path": s.path.as_posix(), "reason": s.reason} for s in self.skipped],
            "warnings": list(self.warnings),
            "check": list(self.problems),
        }


class _Loading:
    """Run ``load`` in a thread now; ``result()`` waits for it (and raises what it raised)."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self._value: Any = None
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self._value = load()
            except BaseException as exc:  # handed to the caller by result()
                self._error = exc

        self._thread = threading.Thread(target=run, name="digest-load", daemon=True)
        self._thread.start()

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


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


def _analysis(article: Article, sentences: int, algorithm: str) -> Analysis:
    """Quotes first, so the summary can leave out the sentence the pull quote already shows.
    Raises ConfigError when the article's language has no sentence tables."""
    # imported here: a run whose analyses all come from the cache never loads sumy or NLTK
    from digest.analysis.language import tokenizer
    from digest.analysis.quotes import find_quotes, key_quote, part_texts
    from digest.analysis.summarize import summarize

    tokenizer(article.language)  # an unsupported language fails here, with the known ones
    quotes = find_quotes(article)
    chosen = key_quote(quotes, headline=article.title)
    avoid = () if chosen is None else tuple(p[:40] for p in part_texts(article, chosen))
    summary = summarize(article, sentences, algorithm, avoid=avoid)
    return summary, quotes, None if chosen is None else quotes.index(chosen)


Task = tuple[Article, int, str, Path | None, str]  # article, sentences, algorithm, cache, key


def _work(task: Task) -> Analysis | str:
    """One article's analysis, stored in the cache (by the worker, so the main process stays
    free); an error comes back as its message."""
    article, sentences, algorithm, folder, key = task
    try:
        result = _analysis(article, sentences, algorithm)
    except ConfigError as exc:
        return exc.message
    if folder is not None and article.content_hash:
        AnalysisCache(folder).put(key, result)
    return result


def _follow(pid: int) -> None:
    """In a worker: exit as soon as the run that started it is gone. A pool's worker waits on
    a queue whose writing end it holds itself, so after a SIGKILLed run it would wait forever
    (and keep the worker server alive with it)."""

    def watch() -> None:
        import select as readiness  # (digest.selection is the article selection)

        try:
            handle = os.pidfd_open(pid)
            readiness.select([handle], [], [])
        except (AttributeError, OSError):  # no pidfd: look every second
            while True:
                time.sleep(1)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    continue
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="digest-follow").start()


PARALLEL_FROM = 16  # fewer articles than this are analysed in this process


def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["digest.analysis.summarize", "digest.pipeline"])  # loaded once
    return context


def _key(article: Article, settings: Settings) -> str:
    return AnalysisCache.key(
        article.content_hash, article.language, settings.algorithm, settings.sentences
    )


def start_workers(
    articles: list[Article], settings: Settings, jobs: int, cache: AnalysisCache | None
) -> None:
    """Start the worker server now when ``analyse_all`` will need it, so it loads sumy and
    NLTK while this process selects (it does not wait for it)."""
    if jobs <= 1 or len(articles) < PARALLEL_FROM:
        return
    todo = 0
    for article in articles:
        todo += cache is None or not article.content_hash or not cache.has(_key(article, settings))
        if todo >= PARALLEL_FROM:
            _context()
            from multiprocessing import forkserver

            forkserver.ensure_running()
            return


def analyse_all(
    items: Iterable[Article | Group],
    settings: Settings,
    *,
    jobs: int = 1,
    cache: AnalysisCache | None = None,
) -> tuple[list[Story], list[Skipped]]:
    """Analyse each article (or each story group's best article, the others kept as "also
    reported by"), from the cache where it has them and across ``jobs`` processes; results
    keep the article order. One in a language without tables is skipped with the reason."""
    groups = [item if isinstance(item, Group) else Group(item) for item in items]
    results: list[Analysis | str | None] = [None] * len(groups)
    keys = [_key(g.best, settings) for g in groups]
    todo = []
    for index, key in enumerate(keys):
        cached = cache.get(key) if cache is not None and groups[index].best.content_hash else None
        if cached is not None:
            results[index] = cached
        else:
            todo.append(index)
    folder = None if cache is None else cache.folder
    tasks: list[Task] = [
        (_portable(groups[i].best), settings.sentences, settings.algorithm, folder, keys[i])
        for i in todo
    ]
    if jobs > 1 and len(tasks) >= PARALLEL_FROM:
        # forkserver, not fork: a forked worker would inherit the outbox lock's descriptor and
        # keep the outbox locked after the run itself was killed
        context = _context()
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_follow, initargs=(os.getpid(),)
        ) as pool:
            chunk = max(1, min(16, len(tasks) // (jobs * 8)))
            done = list(pool.map(_work, tasks, chunksize=chunk))
    else:
        done = [_work(task) for task in tasks]
    for index, result in zip(todo, done, strict=True):
        results[index] = result
    if cache is not None and done:
        cache.prune()  # (the workers wrote to it; only a run that wrote can pass the limit)
    stories: list[Story] = []
    skipped: list[Skipped] = []
    for group, result in zip(groups, results, strict=True):
        if isinstance(result, str) or result is None:
            skipped.append(Skipped(path=group.best.path, reason=str(result)))
            continue
        summary, quotes, index = result
        stories.append(
            Story(
                article=group.best,
                summary=summary,
                quotes=quotes,
                key_quote=None if index is None else quotes[index],
                also=group.others,
            )
        )
    return stories, skipped


def _portable(article: Article) -> Article:
    """The article as a worker needs it: a zone read from /etc/localtime cannot be pickled."""
    return replace(article, published=article.published.astimezone(UTC))


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _quote_record(quote: Quote) -> dict[str, object]:
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_as_written": quote.speaker_as_written,
        "speaker_kind": quote.speaker_kind,
        "start": quote.start,
        "end": quote.end,
    }


def story_record(story: Story) -> dict[str, object]:
    """One analysed article as JSON data (the manifest and ``digest summarize --json``)."""
    article = story.article
    return {
        "id": article.id,
        "path": article.path.as_posix(),
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": _iso(article.published),
        "date_source": article.date_source,
        "language": article.language,
        "summary": list(story.summary),
        "quotes": [_quote_record(q) for q in story.quotes],
        "key_quote": None if story.key_quote is None else _quote_record(story.key_quote),
    }


def manifest(digest: Digest, settings: Settings, files: dict[str, bytes]) -> dict[str, object]:
    return {
        "digest_version": __version__,
        "title": digest.title,
        "generated": _iso(digest.generated),
        "window": {
            "since": _iso(digest.window.since),
            "until": _iso(digest.window.until),
            "timezone": dates.zone_name(digest.window.until.tzinfo or UTC),
        },
        "settings": {"sentences": settings.sentences, "algorithm": settings.algorithm},
        "files": sorted([*files, "manifest.json"]),
        "articles": [story_record(s) for s in digest.stories],
        "more_stories": [story_record(s) for s in digest.more],
        "unlisted_stories": [story_record(s) for s in digest.unlisted],
        "skipped": [{"path": s.path.as_posix(), "reason": s.reason} for s in digest.skipped],
    }


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
    selection, _, skipped = _gather(
        settings, now, zone, current, include_seen, include_future, window, cache=None
    )
    return window, list(selection.considered), skipped


def _gather(
    settings: Settings,
    now: datetime,
    zone: tzinfo,
    current: state.State,
    include_seen: bool,
    include_future: bool,
    window: Window,
    cache: Path | None,
    index: FileIndex | None = None,
    before_select: Callable[[list[Article]], None] | None = None,
    files: list[SourceFile | str] | None = None,
) -> tuple[Selection, int, list[Skipped]]:
    """Read the sources (or ``files``, their inventory) and select for the window: what make
    and ls share. Returns the selection, how many articles were read, and the files
    skipped."""
    name = f"{window.until:%Y-%m-%d}"
    articles, skipped = read_sources(
        settings.sources if files is None else files,
        zone,
        settings.language,
        max_bytes=settings.max_file_bytes,
        fields=settings.export_fields,
        cache=cache,
        index=index,
        # an article dated in the window (or just past it, for the clock skew and
        # --include-future) must be read and kept; the others the index can vouch for (ls,
        # without an index, keeps every article to say where each one stands)
        span=None
        if index is None
        else (window.since, datetime.max.replace(tzinfo=UTC))
        if include_future
        else (window.since, window.until + CLOCK_SKEW),
    )
    if before_select is not None:
        before_select(articles)
    selection = select(
        articles,
        window,
        seen=(lambda a: False) if include_seen else (lambda a: current.seen_elsewhere(a.id, name)),
        now=now,
        include_future=include_future,
    )
    return selection, len(articles), skipped


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
        # the index loads (JSON, under the GIL) while the scan waits on the disk (without it)
        loading = _Loading(lambda: FileIndex(settings.out / ".cache", dates.zone_name(zone)))
        files = inventory(settings.sources)
        index = loading.result()
        window = window_for(settings, now, zone, current.last_until)
        name = f"{window.until:%Y-%m-%d}"
        templates = template_files(settings.templates)

        def key() -> str | None:
            return unchanged.fingerprint(
                settings=settings,
                files=files,
                index=index,
                window=window,
                now=now,
                zone=dates.zone_name(zone),
                folder=name,
                seen=None if include_seen else current.seen,
                include_future=include_future,
                strict=strict,
                templates=templates,
            )

        if not rebuild and (before := key()) is not None:
            kept = unchanged.recall(settings.out, before)
            if kept is not None:
                return _kept(settings, window, current, kept)
        cache = AnalysisCache(settings.out / ".cache" / "analyses")
        selection, read, skipped = _gather(
            settings,
            now,
            zone,
            current,
            include_seen,
            include_future,
            window,
            cache=settings.out / ".cache" / "feeds",
            index=index,
            before_select=lambda articles: start_workers(articles, settings, jobs, cache),
            files=files,
        )
        index.save()
        seen = sum(c.status == "seen" for c in selection.considered)
        chosen = list(selection.groups)
        future = [
            f"left out {a.path}: dated {a.published.isoformat(timespec='minutes')}, in the "
            "future (--include-future includes it)"
            for a in selection.future
        ]
        stories, unsupported = analyse_all(chosen, settings, jobs=jobs, cache=cache)
        skipped = [*skipped, *unsupported]
        if strict and skipped:
            first = skipped[0]
            raise DigestError(
                f"--strict: {len(skipped)} file(s) could not be used, the first "
                f"{first.path}: {first.reason}"
            )
        if not stories:
            return Result(window, None, None, tuple(skipped), read, tuple(future), seen=seen)
        result = _write(
            settings,
            now,
            zone,
            window,
            stories,
            skipped,
            read,
            sender,
            recipients,
            reply_to,
        )
        digest = result.digest
        assert digest is not None and result.folder is not None
        shown = [
            a.id
            for s in (*digest.stories, *digest.more, *digest.unlisted)
            for a in (s.article, *s.also)
        ]
        after = current.advanced(window.until, name, shown)
        state.save(settings.out, after)
        result = replace(result, seen=seen, warnings=(*future, *result.warnings))
        # remembered only when the next run, starting from the state just saved, would make
        # this same digest from these same inputs (the index now knows every file read)
        fingerprint = key()
        if fingerprint is not None and (
            include_seen
            or unchanged.others(after.seen, name) == unchanged.others(current.seen, name)
        ):
            unchanged.remember(settings.out, fingerprint, result.folder, _report(result, shown))
        else:
            unchanged.forget(settings.out)
        return result


def _report(result: Result, shown: list[str]) -> dict[str, object]:
    """What a kept digest's run says again (see :func:`_kept`)."""
    return {**result.summary(), "ids": shown}


def _kept(
    settings: Settings,
    window: Window,
    current: state.State,
    kept: tuple[Path, dict[str, object]],
) -> Result:
    """The run that keeps the digest already written: the state advances as if it had been
    made again; the report is the one of the run that made it."""
    folder, report = kept
    after = current.advanced(window.until, folder.name, report["ids"])  # type: ignore[arg-type]
    if after != current:
        state.save(settings.out, after)
    skipped = tuple(
        Skipped(path=Path(s["path"]), reason=s["reason"])
        for s in report["skipped"]  # type: ignore[attr-defined]
    )
    return Result(
        window=window,
        folder=folder,
        digest=None,
        skipped=skipped,
        considered=int(report["articles_read"]),  # type: ignore[call-overload]
        warnings=tuple(report["warnings"]),  # type: ignore[arg-type]
        problems=tuple(report["check"]),  # type: ignore[arg-type]
        seen=int(report["already_sent_before"]),  # type: ignore[call-overload]
        count=int(report["stories"]),  # type: ignore[call-overload]
        more_count=int(report["more_stories"]),  # type: ignore[call-overload]
        unlisted_count=int(report.get("unlisted_stories", 0)),  # type: ignore[call-overload]
        kept=True,
    )


def _write(
    settings: Settings,
    now: datetime,
    zone: tzinfo,
    window: Window,
    stories: list[Story],
    skipped: list[Skipped],
    considered: int,
    sender: Address,
    recipients: tuple[Address, ...],
    reply_to: Address | None,
) -> Result:
    """Compose, render, fit under Gmail's clip, build the message and write the folder."""
    from digest.checks import check_path
    from digest.compose import compose
    from digest.render.message import build_message, message_bytes
    from digest.render.templates import render_text

    footer = Footer(
        sender=str(sender),
        address=sender.addr_spec,
        reason=settings.reason.replace("{title}", settings.title),
        unsubscribe_url=settings.unsubscribe_url,
        manage_url=settings.manage_url,
        view_url=f"{settings.archive_url.rstrip('/')}/{window.until:%Y-%m-%d}/digest.html"
        if settings.archive_url
        else None,
    )
    digest, html, warnings = _fit_under_clip(
        lambda shown, listed: compose(
            settings.title,
            window,
            now.astimezone(zone),
            stories,
            skipped,
            footer=footer,
            lang=language_code(settings.language),
            shown=shown,
            listed=listed,
        ),
        min(len(stories), settings.max_stories or len(stories)),
        settings.templates,
        total=len(stories),
    )
    text = render_text(digest, settings.templates)
    message = build_message(
        digest,
        html,
        text,
        sender,
        recipients,
        now,
        reply_to=reply_to,
        subject_template=settings.subject,
        unsubscribe_url=settings.unsubscribe_url,
    )
    files = {
        "digest.html": html.encode(),
        "digest.txt": text.encode(),
        "digest.eml": message_bytes(message),
    }
    files["manifest.json"] = to_json(manifest(digest, settings, files))
    folder = outbox.write_folder(settings.out, f"{window.until:%Y-%m-%d}", files)
    problems = tuple(
        f"{r.status} {r.name}: {r.detail}" for r in check_path(folder) if not r.ok or r.warning
    )
    return Result(
        window,
        folder,
        digest,
        tuple(skipped),
        considered,
        tuple(warnings),
        problems,
        count=len(digest.stories),
        more_count=len(digest.more),
        unlisted_count=len(digest.unlisted),
    )


Rendered = tuple[Digest, str, int]  # the digest, its HTML, the HTML's size in bytes


def _largest_fitting(
    render: Callable[[int], Rendered], low: int, fits: Rendered, high: int, high_size: int
) -> tuple[int, Rendered]:
    """The largest n in [low, high) whose render is within Gmail's clip, given that ``low``
    is the floor (``fits`` is its render) and ``high`` is over it. Sizes grow almost linearly
    with n, so the search interpolates, with a bisection step whenever that fails to halve
    the range: a handful of renders for a thousand stories, the answer of a plain bisection."""
    bisect = False
    while high - low > 1:
        if bisect:
            guess = (low + high) // 2
        else:
            guess = low + int((CLIP_BYTES - fits[2]) * (high - low) / max(1, high_size - fits[2]))
            guess = min(max(guess, low + 1), high - 1)
        before = high - low
        attempt = render(guess)
        if attempt[2] <= CLIP_BYTES:
            low, fits = guess, attempt
        else:
            high, high_size = guess, attempt[2]
        bisect = not bisect and high - low > before // 2  # interpolation stalled: bisect once
    return low, fits


def _fit_under_clip(
    build: Callable[[int, int | None], Digest],
    count: int,
    templates: Path | None,
    total: int | None = None,
) -> tuple[Digest, str, list[str]]:
    """Render the HTML; when it is over Gmail's clip size, move the lowest-ranked stories into
    the "more stories" list of headlines: the most full stories that fit (one always stays).
    When even the headlines of a very wide window do not fit, only as many as fit are listed
    and the rest counted. ``build(shown, listed)`` composes the digest; ``count`` is the most
    full stories wanted, ``total`` all the stories (``count`` when not given)."""
    total = count if total is None else total

    from digest.render.templates import render_html

    def render(shown: int, listed: int | None = None, validate: bool = False) -> Rendered:
        digest = build(shown, listed)
        html = render_html(digest, templates, validate=validate)
        return digest, html, len(html.encode())

    digest, html, size = render(count, validate=True)
    if size > CLIP_BYTES and count > 1:
        one = render(1)
        if one[2] <= CLIP_BYTES:
            shown, _ = _largest_fitting(render, 1, one, count, size)
            listed = None
        else:  # a single card and every headline is already too much: list fewer
            shown = 1
            empty = render(1, 0)
            listed, _ = _largest_fitting(lambda n: render(1, n), 0, empty, total - 1, one[2])
        digest, html, size = render(shown, listed, validate=True)
    warnings = []
    clipped = digest.more[: count - len(digest.stories)]  # moved for size, not by max_stories
    if clipped:
        titles = "; ".join(s.article.title for s in clipped[:5])
        if len(clipped) > 5:
            titles += f"; and {len(clipped) - 5:,} more"
        warnings.append(
            f"to stay under Gmail's {CLIP_BYTES // 1000} KB clip, {len(clipped):,} "
            f"lower-ranked stories are listed as headlines only: {titles}"
        )
    if digest.unlisted:
        warnings.append(
            f"to stay under Gmail's {CLIP_BYTES // 1000} KB clip, the {len(digest.unlisted):,} "
            "lowest-ranked stories are not listed at all, only counted (a narrower window or "
            "max_stories keeps a digest readable)"
        )
    if size > WARN_BYTES:
        warnings.append(
            f"the HTML is {size / 1000:.1f} KB; Gmail clips messages over {CLIP_BYTES // 1000} KB"
        )
    return digest, html, warnings

"""The ``digest`` command: thin Typer glue over :mod:`digest.pipeline`.

Exit codes: 0 digest written (or nothing in the window), 1 error, 2 usage or config error.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from digest import __version__, files
from digest.choices import ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_SENTENCES
from digest.dates import WHEN_FORMS
from digest.errors import DigestError
from digest.model import Story
from digest.settings import CONFIG_NAME, Settings, load, starter_config

EXIT_CODES = """\
Exit codes: 0 digest written, or nothing new in the window (said on stderr);
1 error (nothing was written, the last good digest and state are kept);
2 bad option, value, setting or config file; 3 another run holds the outbox
(after --wait seconds); 4 nothing new, with --fail-empty."""
EXIT_LOCKED = 3
EXIT_EMPTY = 4

CHECK_EXIT_CODES = (
    "Exit codes: 0 every check passed (warnings allowed); 1 a check failed or "
    "the digest could not be read; 2 bad option."
)

app = typer.Typer(
    name="digest",
    help="Turn a folder of news articles into a ready-to-send daily email digest.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"digest {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Turn a folder of news articles into a ready-to-send daily email digest."""


Opt = typer.Option


@app.command(epilog=f"Example: digest make --since yesterday --source news/\n\n{EXIT_CODES}")
def make(
    since: Annotated[
        str | None,
        Opt(
            metavar="WHEN",
            help=f"Start of the window: 'last' (the default: where the last "
            f"digest's window ended; 24 hours back on the first run), or {WHEN_FORMS}.",
        ),
    ] = None,
    until: Annotated[
        str | None, Opt(metavar="WHEN", help="End of the window (exclusive). Default: now.")
    ] = None,
    source: Annotated[
        list[str] | None,
        Opt(
            "--source",
            "-s",
            metavar="PATH",
            help="Folder or file of articles (repeatable). Default: seeds/.",
        ),
    ] = None,
    out: Annotated[
        Path | None, Opt(metavar="DIR", help="Outbox; the digest goes to OUT/<date>/.")
    ] = None,
    sentences: Annotated[
        int | None, Opt(min=1, max=20, metavar="N", help="Summary sentences per story.")
    ] = None,
    algorithm: Annotated[
        str | None, Opt(metavar="NAME", help=f"Summarizer: {', '.join(ALGORITHMS)}.")
    ] = None,
    timezone: Annotated[
        str | None, Opt("--timezone", "--tz", metavar="ZONE", help="IANA zone for naive dates.")
    ] = None,
    title: Annotated[str | None, Opt(metavar="TEXT", help="Digest title.")] = None,
    sender: Annotated[str | None, Opt("--from", metavar="ADDRESS", help="From address.")] = None,
    to: Annotated[
        list[str] | None, Opt("--to", metavar="ADDRESS", help="Recipient (repeatable).")
    ] = None,
    templates: Annotated[
        Path | None, Opt(metavar="DIR", help="Templates overriding the built-in ones.")
    ] = None,
    reply_to: Annotated[
        str | None, Opt("--reply-to", metavar="ADDRESS", help="Reply-To address.")
    ] = None,
    subject: Annotated[
        str | None, Opt(metavar="TEMPLATE", help="Subject; may use {title} {date} {top} {count}.")
    ] = None,
    unsubscribe_url: Annotated[
        str | None, Opt(metavar="URL", help="https: or mailto: unsubscribe link.")
    ] = None,
    manage_url: Annotated[
        str | None, Opt(metavar="URL", help="Link to manage the subscription.")
    ] = None,
    archive_url: Annotated[
        str | None, Opt(metavar="URL", help="Public https: URL where OUT/ is served.")
    ] = None,
    reason: Annotated[
        str | None, Opt(metavar="TEXT", help="Why the reader gets this (footer).")
    ] = None,
    max_stories: Annotated[
        int | None, Opt(min=1, metavar="N", help="Full cards; the rest listed by headline.")
    ] = None,
    config: Annotated[
        Path | None,
        Opt(
            metavar="FILE",
            help="Config file (default: $DIGEST_CONFIG, else ./digest.toml if present).",
        ),
    ] = None,
    include_seen: Annotated[
        bool, Opt("--include-seen", help="Also include articles an earlier digest had.")
    ] = False,
    include_future: Annotated[
        bool, Opt("--include-future", help="Also include articles dated in the future.")
    ] = False,
    wait: Annotated[
        float, Opt(min=0, metavar="SECONDS", help="Wait this long for another run to finish.")
    ] = 0,
    strict: Annotated[bool, Opt("--strict", help="An unreadable file fails the run.")] = False,
    jobs: Annotated[
        int | None,
        Opt(min=1, metavar="N", help="Processes for summarizing (default: the CPU count)."),
    ] = None,
    fail_empty: Annotated[
        bool, Opt("--fail-empty", help=f"Exit {EXIT_EMPTY} when there is nothing new.")
    ] = False,
    rebuild: Annotated[
        bool,
        Opt(
            "--rebuild",
            help="Make the digest again even when nothing it depends on changed (by default "
            "such a rerun keeps the digest already written).",
        ),
    ] = False,
    send_it: Annotated[
        bool, Opt("--send", help="Send the digest over SMTP once written (see digest send).")
    ] = False,
    as_json: Annotated[
        bool, Opt("--json", help="Print a JSON summary of the run on stdout.")
    ] = False,
    verbose: Annotated[bool, Opt("--verbose", "-v", help="Say more on stderr.")] = False,
    quiet: Annotated[bool, Opt("--quiet", "-q", help="Only errors on stderr.")] = False,
) -> None:
    """Write the digest of the articles published in a time window to OUT/<date>/.

    The folder holds digest.html, digest.txt, digest.eml and manifest.json. Stdout carries
    only the folder path (or with --json a summary of the run); messages go to stderr.
    Settings: defaults < digest.toml < DIGEST_* environment < these options.
    """
    from digest.pipeline import make as run

    say = _Say(verbose=verbose, quiet=quiet)
    options = {
        "since": since,
        "until": until,
        "sources": _sources(source),
        "out": out,
        "sentences": sentences,
        "algorithm": algorithm,
        "timezone": timezone,
        "title": title,
        "sender": sender,
        "recipients": tuple(to) if to else None,
        "templates": templates,
        "reply_to": reply_to,
        "subject": subject,
        "unsubscribe_url": unsubscribe_url,
        "manage_url": manage_url,
        "archive_url": archive_url,
        "reason": reason,
        "max_stories": max_stories,
    }
    with _reported():
        settings = load_settings(options, config)
        say.info(f"sources: {', '.join(map(str, settings.sources))}; outbox: {settings.out}")
        result = run(
            settings,
            now=_clock(),
            include_seen=include_seen,
            include_future=include_future,
            wait=wait,
            strict=strict,
            jobs=jobs,
            rebuild=rebuild,
        )
    say.info(f"window {result.window.since.isoformat()} – {result.window.until.isoformat()}")
    for skip in result.skipped:
        say.warn(f"skipped {skip.path}: {skip.reason}")
    for warning in result.warnings:
        say.warn(warning)
    for problem in result.problems:
        say.warn(f"check: {problem}")
    if result.seen:
        say.info(f"{result.seen} article(s) left out: an earlier digest had them")
    if result.folder is None:
        say.note(
            f"digest: nothing new in the window {result.window.since:%Y-%m-%d %H:%M} – "
            f"{result.window.until:%Y-%m-%d %H:%M} ({result.considered} read, {result.seen} "
            "already sent before); nothing written"
        )
        if as_json:
            typer.echo(json.dumps(result.summary(), ensure_ascii=False))
        if fail_empty:
            raise typer.Exit(EXIT_EMPTY)
        return
    count = result.count + result.more_count + result.unlisted_count
    if result.kept:
        say.note(
            f"digest: unchanged, nothing it depends on changed since it was made ({count} "
            f"{'story' if count == 1 else 'stories'}; --rebuild makes it again) -> {result.folder}"
        )
    else:
        say.note(
            f"digest: {count} {'story' if count == 1 else 'stories'} from {result.considered} "
            f"articles read, {len(result.skipped)} skipped -> {result.folder}"
        )
    if send_it:
        _send(result.folder, settings, force=False, say=say)
    typer.echo(json.dumps(result.summary(), ensure_ascii=False) if as_json else result.folder)


@app.command("ls", epilog="Example: digest ls --since yesterday")
def list_articles(
    since: Annotated[
        str | None, Opt(metavar="WHEN", help="Start of the window, as for make (default: last).")
    ] = None,
    until: Annotated[str | None, Opt(metavar="WHEN", help="End of the window.")] = None,
    source: Annotated[
        list[str] | None, Opt("--source", "-s", metavar="PATH", help="Folder, file or URL.")
    ] = None,
    out: Annotated[Path | None, Opt(metavar="DIR", help="Outbox (for what was seen).")] = None,
    config: Annotated[Path | None, Opt(metavar="FILE", help="Config file.")] = None,
    include_seen: Annotated[bool, Opt("--include-seen", help="As for make.")] = False,
    include_future: Annotated[bool, Opt("--include-future", help="As for make.")] = False,
    as_json: Annotated[bool, Opt("--json", help="One JSON object per article.")] = False,
) -> None:
    """List what a make would consider: date, date origin, source, title, words and status
    (selected, outside window, future, seen, duplicate, skipped with the reason)."""
    from digest.pipeline import consider

    options = {
        "since": since,
        "until": until,
        "sources": _sources(source),
        "out": out,
    }
    with _reported():
        settings = load_settings(options, config)
        window, considered, skipped = consider(
            settings, _clock(), include_seen=include_seen, include_future=include_future
        )
    rows = [
        {
            "path": c.article.path.as_posix(),
            "published": c.article.published.isoformat(timespec="minutes"),
            "date_source": c.article.date_source,
            "source": c.article.source,
            "title": c.article.title,
            "words": c.article.words,
            "status": c.status,
            "detail": c.detail,
        }
        for c in considered
    ] + [
        {
            "path": s.path.as_posix(),
            "published": None,
            "date_source": None,
            "source": None,
            "title": None,
            "words": None,
            "status": "skipped",
            "detail": s.reason,
        }
        for s in skipped
    ]
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    _err(
        f"window {window.since.isoformat(timespec='minutes')} – "
        f"{window.until.isoformat(timespec='minutes')}"
    )
    for row in rows:
        status = row["status"] + (f" ({row['detail']})" if row["detail"] else "")
        if row["status"] == "skipped":
            typer.echo(f"{'':16}  {'':12}  {'':16}  {'':>5}  {status}: {row['path']}")
            continue
        typer.echo(
            f"{row['published'][:16]:16}  {row['date_source'][:12]:12}  "
            f"{(row['source'] or '-')[:16]:16}  {row['words']:>5}  {status}: {row['title']}"
        )


@app.command(epilog="Example: digest init && $EDITOR digest.toml")
def init(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write it.")] = Path(
        CONFIG_NAME
    ),
    force: Annotated[bool, Opt("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a commented starter digest.toml listing every setting and its default."""
    if path.exists() and not force:
        _err(f"digest: usage error: {path} exists; use --force to replace it")
        raise typer.Exit(2)
    with _reported():
        files.write_atomic(path, starter_config().encode())
    typer.echo(str(path))


@app.command(
    epilog="Example: DIGEST_SMTP_PASSWORD=... digest send outbox/2026-11-27\n\n"
    "Exit codes: 0 sent (or sent before: said on stderr); 1 error; 2 bad setting; "
    "3 the outbox is busy."
)
def send(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A digest folder or its .eml.")],
    force: Annotated[bool, Opt("--force", help="Send again even if it was sent before.")] = False,
    config: Annotated[Path | None, Opt(metavar="FILE", help="Config file.")] = None,
    quiet: Annotated[bool, Opt("--quiet", "-q", help="Only errors on stderr.")] = False,
) -> None:
    """Send a written digest over SMTP to its recipients, once.

    Server settings come from [smtp] in digest.toml or DIGEST_SMTP_HOST, _PORT, _SECURITY
    (starttls, tls or none), _USER; the password only from DIGEST_SMTP_PASSWORD.
    """
    say = _Say(verbose=False, quiet=quiet)
    with _reported():
        settings = load_settings({}, config)
    _send(path, settings, force=force, say=say)


@app.command(epilog="Example: digest preview outbox --port 8025")
def preview(
    path: Annotated[Path, typer.Argument(metavar="OUTBOX", help="The outbox to show.")] = Path(
        "outbox"
    ),
    port: Annotated[int, Opt(min=0, max=65535, metavar="N", help="Port to listen on.")] = 8025,
    host: Annotated[
        str, Opt(metavar="ADDRESS", help="Interface to listen on (default: this machine only).")
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, Opt("--open/--no-open", help="Open the index in a browser.")
    ] = False,
) -> None:
    """Serve the outbox for a look before sending: an index of digests, and per digest the
    HTML at desktop and phone widths, the text part, the headers and digest check's results.
    Reloads when the outbox changes. Ctrl-C stops it."""
    from digest.preview import serve

    with _reported():
        serve(path, host=host, port=port, open_browser=open_browser)


def _send(path: Path, settings: Settings, *, force: bool, say: _Say) -> None:
    from digest.send import AlreadySent
    from digest.send import send as deliver

    with _reported():
        try:
            record = deliver(path, settings, os.environ, force=force)
        except AlreadySent as exc:
            say.note(f"digest: {exc.message}")
            return
    say.note(
        f"digest: sent {record['folder']} to {', '.join(map(str, record['to']))} "
        f"via {record['server']}"
    )


class _Say:
    """Messages on stderr: quiet by default for cron (-q: errors only; -v: more)."""

    def __init__(self, verbose: bool, quiet: bool) -> None:
        self.verbose, self.quiet = verbose, quiet

    def info(self, message: str) -> None:
        if self.verbose and not self.quiet:
            _err(message)

    def note(self, message: str) -> None:
        if not self.quiet:
            _err(message)

    def warn(self, message: str) -> None:
        if not self.quiet:
            _err(f"warning: {message}")


def _sources(values: list[str] | list[Path] | None) -> tuple[Path | str, ...] | None:
    """Feed URLs stay URLs; everything else is a path."""
    if not values:
        return None
    return tuple(str(v) if str(v).startswith(("http://", "https://")) else Path(v) for v in values)


def load_settings(options: dict[str, object], config: Path | None) -> Settings:
    return load(options, config)


@app.command(epilog=f"Example: digest summarize seeds/ --json > summaries.jsonl\n\n{EXIT_CODES}")
def summarize(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Article files or folders.")
    ],
    sentences: Annotated[
        int, typer.Option(min=1, max=20, metavar="N", help="Summary sentences per article.")
    ] = DEFAULT_SENTENCES,
    algorithm: Annotated[
        str, typer.Option(metavar="NAME", help=f"Summarizer: {', '.join(ALGORITHMS)}.")
    ] = DEFAULT_ALGORITHM,
    language: Annotated[
        str,
        typer.Option(metavar="LANG", help="Language of articles whose front matter names none."),
    ] = "english",
    timezone: Annotated[
        str | None,
        typer.Option("--timezone", "--tz", metavar="ZONE", help="IANA zone for naive dates."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per article (JSON Lines).")
    ] = False,
) -> None:
    """Summarize articles and list their quotes, without making a digest.

    With --json each line holds path, title, published, date_source, language, summary (in
    article order), quotes (text, speaker, speaker_as_written, start, end: character offsets
    into the file's decoded text, quote marks included) and key_quote.
    """
    from digest.outbox.manifest import story_record
    from digest.pipeline import summarize_paths

    settings = Settings(
        sources=tuple(paths),
        sentences=sentences,
        algorithm=algorithm,
        language=language,
        timezone=timezone,
    )
    with _reported():
        stories, skipped = summarize_paths(settings)
    for skip in skipped:
        _err(f"warning: skipped {skip.path}: {skip.reason}")
    for story in stories:
        if as_json:
            typer.echo(json.dumps(story_record(story), ensure_ascii=False))
        else:
            typer.echo(_readable(story))


@app.command(epilog=f"Example: digest check outbox/2026-11-27\n\n{CHECK_EXIT_CODES}")
def check(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="A digest folder (OUT/<date>) or an .eml file.")
    ],
) -> None:
    """Run the checks a careful sender runs before sending: one PASS/WARN/FAIL line each.

    HTML size against Gmail's clip, headers and their form, MIME structure, text line lengths,
    every HTML link in the text part, lang/role/alt, absolute https/mailto links, no leftover
    template or MJML tags, balanced Outlook conditional comments, dark mode, preheader.
    """
    from digest.checks import check_path, failed, format_results

    with _reported():
        results = check_path(path)
    typer.echo(format_results(results))
    if failed(results):
        raise typer.Exit(1)


def _readable(story: Story) -> str:
    article = story.article
    lines = [
        f"{article.path}",
        f"  {article.title}",
        f"  {article.published.isoformat(timespec='minutes')} ({article.date_source})"
        f" · {article.language}",
        "  summary:",
    ]
    lines += [f"    - {sentence}" for sentence in story.summary]
    quote = story.key_quote
    if quote is not None:
        lines.append(f"  key quote: “{quote.text}” — {quote.speaker}")
    lines.append(f"  quotes found: {len(story.quotes)}")
    return "\n".join(lines) + "\n"


def _clock() -> datetime:
    """Now, or DIGEST_NOW (an ISO datetime with offset) for reproducible runs and tests."""
    fixed = os.environ.get("DIGEST_NOW")
    if fixed:
        try:
            moment = datetime.fromisoformat(fixed)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise DigestError(f"DIGEST_NOW={fixed!r} is not an ISO datetime with an offset")
        return moment
    from datetime import UTC

    return datetime.now(UTC)


@contextmanager
def _reported() -> Iterator[None]:
    """User errors become one clear line on stderr and the documented exit code."""
    try:
        yield
    except DigestError as exc:
        kind = {0: "note", 2: "usage error", EXIT_LOCKED: "busy"}.get(exc.exit_code, "error")
        _err(f"digest: {kind}: {exc.message}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _err("digest: interrupted")
        raise typer.Exit(130) from None
    except Exception as exc:
        if os.environ.get("DIGEST_DEBUG"):
            raise
        _err(
            f"digest: internal error: {type(exc).__name__}: {exc} "
            "(set DIGEST_DEBUG=1 for a traceback, and please report it)"
        )
        raise typer.Exit(1) from None


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":
    main()

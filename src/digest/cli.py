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

from . import __version__
from .config import DEFAULT_SENDER, Settings
from .dates import WHEN_FORMS
from .errors import DigestError
from .mail import DEFAULT_SUBJECT
from .models import Story
from .summarize import ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_SENTENCES

EXIT_CODES = """\
Exit codes: 0 digest written, or no article in the window (said on stderr);
1 error (nothing was written); 2 bad option, value or setting."""

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


@app.command(epilog=f"Example: digest make --since yesterday --source news/\n\n{EXIT_CODES}")
def make(
    since: Annotated[
        str, typer.Option(help=f"Start of the window: {WHEN_FORMS}.", metavar="WHEN")
    ] = "24h",
    until: Annotated[
        str | None,
        typer.Option(
            help="End of the window (exclusive), same forms as --since. Default: now.",
            metavar="WHEN",
        ),
    ] = None,
    source: Annotated[
        list[Path] | None,
        typer.Option(
            "--source",
            "-s",
            metavar="PATH",
            help="Folder or file of articles (repeatable). Default: seeds/.",
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option(metavar="DIR", help="Outbox folder; the digest goes to OUT/<date>/.")
    ] = Path("outbox"),
    sentences: Annotated[
        int, typer.Option(min=1, max=20, metavar="N", help="Summary sentences per story.")
    ] = DEFAULT_SENTENCES,
    algorithm: Annotated[
        str, typer.Option(metavar="NAME", help=f"Summarizer: {', '.join(ALGORITHMS)}.")
    ] = DEFAULT_ALGORITHM,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            "--tz",
            metavar="ZONE",
            help="IANA zone for naive dates and day names. Default: the machine's.",
        ),
    ] = None,
    title: Annotated[str, typer.Option(metavar="TEXT", help="Digest title.")] = "Daily Digest",
    sender: Annotated[
        str, typer.Option("--from", metavar="ADDRESS", help="From address.")
    ] = DEFAULT_SENDER,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to", metavar="ADDRESS", help="Recipient (repeatable). Default: the sender."
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Folder of templates that override the built-in ones."),
    ] = None,
    reply_to: Annotated[
        str | None, typer.Option("--reply-to", metavar="ADDRESS", help="Reply-To address.")
    ] = None,
    subject: Annotated[
        str,
        typer.Option(metavar="TEMPLATE", help="Subject; may use {title}, {date}, {top}, {count}."),
    ] = DEFAULT_SUBJECT,
    unsubscribe_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="https: or mailto: unsubscribe link (footer and "
            "List-Unsubscribe with RFC 8058 one-click).",
        ),
    ] = None,
    manage_url: Annotated[
        str | None, typer.Option(metavar="URL", help="Link to manage the subscription.")
    ] = None,
    archive_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="Public https: URL where OUT/ is served: adds a "
            "'View in browser' link to OUT/<date>/digest.html.",
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Why the reader gets this (footer); may use {title}."),
    ] = None,
) -> None:
    """Write the digest of the articles published in a time window to OUT/<date>/.

    The folder holds digest.html, digest.txt, digest.eml and manifest.json. The folder path is
    the last line on stdout; a one-line summary and any skipped files go to stderr.
    """
    from .pipeline import make as run  # heavy imports only when a digest is made

    settings = Settings(
        sources=tuple(source) if source else (Path("seeds"),),
        out=out,
        since=since,
        until=until,
        sentences=sentences,
        algorithm=algorithm,
        timezone=timezone,
        title=title,
        sender=sender,
        recipients=tuple(to or ()),
        templates=templates,
        reply_to=reply_to,
        subject=subject,
        unsubscribe_url=unsubscribe_url,
        manage_url=manage_url,
        archive_url=archive_url,
        **({"reason": reason} if reason else {}),
    )
    with _reported():
        result = run(settings, now=_clock())
    for skip in result.skipped:
        _err(f"warning: skipped {skip.path}: {skip.reason}")
    for warning in result.warnings:
        _err(f"warning: {warning}")
    if result.folder is None or result.digest is None:
        _err(
            f"digest: no articles in the window {result.window.since:%Y-%m-%d %H:%M} – "
            f"{result.window.until:%Y-%m-%d %H:%M} ({result.considered} read); nothing written"
        )
        return
    for problem in result.problems:
        _err(f"check: {problem}")
    count = result.digest.count
    _err(
        f"digest: {count} {'story' if count == 1 else 'stories'} from {result.considered} "
        f"articles read, {len(result.skipped)} skipped -> {result.folder}"
    )
    typer.echo(str(result.folder))


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
    from .pipeline import story_record, summarize_paths

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
    from .check import check_path, failed, format_results

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
        kind = "usage error" if exc.exit_code == 2 else "error"
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

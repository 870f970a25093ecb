"""``digest ls``: what a make would consider, and why each article is in or out."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from digest.cli.options import (
    Config,
    Edition,
    IncludeFuture,
    IncludeSeen,
    Out,
    Since,
    Sources,
    Until,
    load_settings,
)
from digest.cli.output import clock, configured_sources, err, reported
from digest.cli.send import show_pending

EPILOG = "Example: digest ls --since yesterday"


def list_articles(
    since: Since = None,
    until: Until = None,
    sources: Sources = None,
    out: Out = None,
    config: Config = None,
    include_seen: IncludeSeen = False,
    include_future: IncludeFuture = False,
    edition: Edition = None,
    pending: Annotated[
        bool,
        typer.Option("--pending", help="List the digests waiting to be sent, not articles."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article.")] = False,
) -> None:
    """List what a make would consider: date, date origin, source, title, words and status
    (selected, outside window, future, seen, duplicate, skipped with the reason); with
    --pending, the digests waiting to be sent."""
    given = dict(locals())  # the settings options are the parameters named as Settings fields
    from digest.pipeline import consider  # loads the readers: not for --help

    with reported():
        settings = load_settings(given, config, edition)
        if pending:
            show_pending(settings.out)
            return
        with configured_sources(sources):
            window, considered, skipped = consider(
                settings, clock(), include_seen=include_seen, include_future=include_future
            )
    if as_json:
        for c in considered:
            article = c.article
            typer.echo(
                json.dumps(
                    {
                        "path": article.path.as_posix(),
                        "published": article.published.isoformat(timespec="minutes"),
                        "date_source": article.date_source,
                        "source": article.source,
                        "title": article.title,
                        "words": article.words,
                        "status": c.status,
                        "detail": c.detail,
                    },
                    ensure_ascii=False,
                )
            )
        for s in skipped:
            typer.echo(
                json.dumps(
                    {
                        "path": s.path.as_posix(),
                        "published": None,
                        "date_source": None,
                        "source": None,
                        "title": None,
                        "words": None,
                        "status": "skipped",
                        "detail": s.reason,
                    },
                    ensure_ascii=False,
                )
            )
        return
    err(
        f"window {window.since.isoformat(timespec='minutes')} – "
        f"{window.until.isoformat(timespec='minutes')}"
    )
    for c in considered:
        article = c.article
        status = c.status + (f" ({c.detail})" if c.detail else "")
        typer.echo(
            f"{article.published.isoformat(timespec='minutes')[:16]:16}  "
            f"{article.date_source[:12]:12}  {(article.source or '-')[:16]:16}  "
            f"{article.words:>5}  {status}: {article.title}"
        )
    for s in skipped:
        status = "skipped" + (f" ({s.reason})" if s.reason else "")
        typer.echo(f"{'':16}  {'':12}  {'':16}  {'':>5}  {status}: {s.path.as_posix()}")

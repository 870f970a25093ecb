"""``digest make``: write the digest of a time window."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from digest.cli import exits
from digest.cli.options import (
    Algorithm,
    ArchiveUrl,
    Blurbs,
    BlurbWords,
    ClipMargin,
    Config,
    Edition,
    ForwardUrl,
    IncludeFuture,
    IncludeSeen,
    Intro,
    ListId,
    Locale,
    Lookback,
    ManageUrl,
    MaxStories,
    Order,
    Out,
    PostalAddress,
    Quiet,
    Reason,
    Recipients,
    RecipientsFile,
    ReplyTo,
    SectionOrder,
    Sender,
    Sentences,
    Since,
    Sources,
    Subject,
    SubscribeUrl,
    Templates,
    Timezone,
    Title,
    UnsubscribeUrl,
    Until,
    Verbose,
    load_settings,
)
from digest.cli.output import Say, clock, configured_sources, reported
from digest.cli.send import check_delivery, deliver

EPILOG = f"Example: digest make --since yesterday --source news/\n\n{exits.MAKE}"


def make(
    since: Since = None,
    until: Until = None,
    sources: Sources = None,
    out: Out = None,
    sentences: Sentences = None,
    algorithm: Algorithm = None,
    timezone: Timezone = None,
    title: Title = None,
    sender: Sender = None,
    recipients: Recipients = None,
    recipients_file: RecipientsFile = None,
    list_id: ListId = None,
    lookback: Lookback = None,
    templates: Templates = None,
    reply_to: ReplyTo = None,
    subject: Subject = None,
    unsubscribe_url: UnsubscribeUrl = None,
    manage_url: ManageUrl = None,
    archive_url: ArchiveUrl = None,
    reason: Reason = None,
    max_stories: MaxStories = None,
    order: Order = None,
    blurbs: Blurbs = None,
    blurb_words: BlurbWords = None,
    section_order: SectionOrder = None,
    intro: Intro = None,
    locale: Locale = None,
    postal_address: PostalAddress = None,
    forward_url: ForwardUrl = None,
    subscribe_url: SubscribeUrl = None,
    clip_margin: ClipMargin = None,
    config: Config = None,
    edition: Edition = None,
    include_seen: IncludeSeen = False,
    include_future: IncludeFuture = False,
    wait: Annotated[
        float,
        typer.Option(min=0, metavar="SECONDS", help="Wait this long for another run to finish."),
    ] = 0,
    strict: Annotated[
        bool, typer.Option("--strict", help="An unreadable file fails the run.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            min=1, metavar="N", help="Processes for summarizing (default: the CPU count)."
        ),
    ] = None,
    fail_empty: Annotated[
        bool, typer.Option("--fail-empty", help=f"Exit {exits.EMPTY} when there is nothing new.")
    ] = False,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Make the digest again even when nothing it depends on changed (by default "
            "such a rerun keeps the digest already written).",
        ),
    ] = False,
    send_it: Annotated[
        bool,
        typer.Option(
            "--send",
            help="Send the digest over SMTP once written, after any pending ones (see digest "
            f"send); exit {exits.UNSENT} when it could not be sent.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON summary of the run on stdout.")
    ] = False,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Write the digest of the articles published in a time window to OUT/<date>/.

    The folder holds digest.html, digest.txt, digest.eml and manifest.json. Stdout carries
    only the folder path (nothing with -q; with --json a summary of the run); messages go to
    stderr. A digest that was sent is never replaced: a later run the same day writes the
    next edition, OUT/<date>-2/, with only what is new.
    Settings: defaults < digest.toml < DIGEST_* environment < these options.
    """
    given = dict(locals())  # the settings options are the parameters named as Settings fields
    from digest.pipeline import make as run  # loads the readers and renderers: not for --help
    from digest.readers.scan import passed_over  # (loaded with the pipeline)

    say = Say(verbose=verbose, quiet=quiet)
    with reported():
        settings = load_settings(given, config, edition)
        if send_it:
            check_delivery(settings)  # a bad recipients file or secret: before making anything
        say.info(f"sources: {', '.join(map(str, settings.sources))}; outbox: {settings.out}")
        with configured_sources(sources):
            result = run(
                settings,
                now=clock(),
                include_seen=include_seen,
                include_future=include_future,
                wait=wait,
                strict=strict,
                jobs=jobs,
                rebuild=rebuild,
                queue=send_it,
            )
    say.info(f"window {result.window.since.isoformat()} – {result.window.until.isoformat()}")
    drafts = sum(s.unpublished for s in result.skipped)  # on purpose: counted, not warned
    if say.verbose:
        unread = passed_over(settings.sources)
        if unread:
            kinds = ", ".join(f"{suffix} ({count})" for suffix, count in unread.items())
            say.info(f"passed over {sum(unread.values())} file(s) no reader reads: {kinds}")
    for skip in result.skipped:
        if not skip.unpublished:
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
            "already sent before"
            + (f", {drafts} unpublished left out" if drafts else "")
            + "); nothing written"
        )
        if send_it:
            deliver(settings.out, settings, say=say, wait=wait or None)  # what an earlier run left
        if as_json:
            typer.echo(json.dumps(result.summary(), ensure_ascii=False))
        if fail_empty:
            raise typer.Exit(exits.EMPTY)
        return
    count = result.count + result.more_count + result.unlisted_count
    stories = "story" if count == 1 else "stories"
    if result.kept:
        say.note(
            f"digest: unchanged, nothing it depends on changed since it was made ({count} "
            f"{stories}; --rebuild makes it again) -> {result.folder}"
        )
    else:
        say.note(
            f"digest: {count} {stories} from {result.considered} articles read, "
            f"{len(result.skipped) - drafts} skipped"
            + (f", {drafts} unpublished left out" if drafts else "")
            + f" -> {result.folder}"
        )
    if send_it:  # the pending digests, oldest first: this one is the newest
        deliver(settings.out, settings, say=say, wait=wait or None)
    if as_json:
        typer.echo(json.dumps(result.summary(), ensure_ascii=False))
    elif not quiet:
        typer.echo(result.folder)

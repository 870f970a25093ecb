"""``digest summarize``: summaries and quotes of articles, without making a digest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from digest.cli import exits
from digest.cli.options import Algorithm, Language, Sentences, Timezone, load_settings
from digest.cli.output import err, reported
from digest.model import Story

EPILOG = f"Example: digest summarize seeds/ --json > summaries.jsonl\n\n{exits.MAKE}"


def summarize(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Article files or folders.")
    ],
    sentences: Sentences = None,
    algorithm: Algorithm = None,
    language: Language = None,
    timezone: Timezone = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per article (JSON Lines).")
    ] = False,
) -> None:
    """Summarize articles and list their quotes, without making a digest.

    Settings come as for make: defaults < digest.toml < DIGEST_* environment < these options.
    With --json each line holds path, title, published, date_source, language, summary (in
    article order), quotes (text, speaker, speaker_as_written, start, end: character offsets
    into the file's decoded text, quote marks included) and key_quote.
    """
    given = dict(locals())  # the settings options are the parameters named as Settings fields
    from digest.outbox.manifest import story_record
    from digest.pipeline import summarize_paths  # the summarizers: not for --help

    with reported():
        settings = load_settings({**given, "sources": [str(p) for p in paths]}, None)
        stories, skipped = summarize_paths(settings)
    for skip in skipped:
        if not skip.unpublished:  # drafts are left out on purpose: one line for them all
            err(f"warning: skipped {skip.path}: {skip.reason}")
    drafts = sum(s.unpublished for s in skipped)
    if drafts:
        err(f"{drafts} draft(s) or unpublished post(s) left out")
    for story in stories:
        if as_json:
            typer.echo(json.dumps(story_record(story), ensure_ascii=False))
        else:
            typer.echo(readable(story))


def readable(story: Story) -> str:
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

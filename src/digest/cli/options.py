"""Options shared by the commands, each defined once. A setting's option takes its flags,
metavar, bounds and help from the settings table (:mod:`digest.settings.fields`); a command
lists the ones it offers, with parameters named as the Settings fields, and passes them to
:func:`load_settings`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from digest.settings import Settings, load, sources, spec, specs


def _setting(name: str) -> Any:
    row = spec(name)
    return typer.Option(*row.flags, metavar=row.metavar, help=row.help, min=row.low, max=row.high)


# settings (the parameter must carry the field's name)
Since = Annotated[str | None, _setting("since")]
Until = Annotated[str | None, _setting("until")]
Sources = Annotated[list[str] | None, _setting("sources")]
Out = Annotated[Path | None, _setting("out")]
Sentences = Annotated[int | None, _setting("sentences")]
Algorithm = Annotated[str | None, _setting("algorithm")]
Language = Annotated[str | None, _setting("language")]
Timezone = Annotated[str | None, _setting("timezone")]
Title = Annotated[str | None, _setting("title")]
Sender = Annotated[str | None, _setting("sender")]
Recipients = Annotated[list[str] | None, _setting("recipients")]
Templates = Annotated[Path | None, _setting("templates")]
ReplyTo = Annotated[str | None, _setting("reply_to")]
Subject = Annotated[str | None, _setting("subject")]
UnsubscribeUrl = Annotated[str | None, _setting("unsubscribe_url")]
ManageUrl = Annotated[str | None, _setting("manage_url")]
ArchiveUrl = Annotated[str | None, _setting("archive_url")]
Reason = Annotated[str | None, _setting("reason")]
MaxStories = Annotated[int | None, _setting("max_stories")]
ListId = Annotated[str | None, _setting("list_id")]
RecipientsFile = Annotated[Path | None, _setting("recipients_file")]
Lookback = Annotated[str | None, _setting("lookback")]
Order = Annotated[str | None, _setting("order")]
Blurbs = Annotated[int | None, _setting("blurbs")]
BlurbWords = Annotated[int | None, _setting("blurb_words")]
SectionOrder = Annotated[list[str] | None, _setting("section_order")]
Intro = Annotated[str | None, _setting("intro")]
Locale = Annotated[str | None, _setting("locale")]
PostalAddress = Annotated[str | None, _setting("postal_address")]
ForwardUrl = Annotated[str | None, _setting("forward_url")]
SubscribeUrl = Annotated[str | None, _setting("subscribe_url")]
ClipMargin = Annotated[int | None, _setting("clip_margin")]

# how a run goes
Config = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        help="Config file (default: $DIGEST_CONFIG, else ./digest.toml if present).",
    ),
]
IncludeSeen = Annotated[
    bool, typer.Option("--include-seen", help="Also include articles an earlier digest had.")
]
IncludeFuture = Annotated[
    bool, typer.Option("--include-future", help="Also include articles dated in the future.")
]
Edition = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        help="Use the [editions.NAME] table of the config file (its own outbox and state).",
    ),
]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Say more on stderr.")]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print nothing on success; errors on stderr.")
]


def load_settings(
    given: Mapping[str, object], config: Path | None, edition: str | None = None
) -> Settings:
    """Settings from the file (its ``[editions.<edition>]`` table, when given), the
    environment and the options a command was given (its parameters that are named as
    Settings fields; None or nothing means unset)."""
    options: dict[str, object] = {}
    for name, row in specs():
        value = given.get(name)
        if value is None or value == []:
            continue
        if row.kind == "paths" and isinstance(value, list):
            value = sources([str(v) for v in value])
        elif row.kind == "strings" and isinstance(value, list):
            value = tuple(value)
        options[name] = value
    return load(options, config, edition=edition)

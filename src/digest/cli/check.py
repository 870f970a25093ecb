"""``digest check``: the checks a careful sender runs, one line each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from digest.cli import exits
from digest.cli.output import reported

EPILOG = f"Example: digest check outbox/2026-11-27 (or: digest check outbox)\n\n{exits.CHECK}"


def check(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="A digest folder (OUT/<date>) or an .eml file; or an outbox (OUT), or its "
            "index.html or feed.xml, for the archive's checks.",
        ),
    ],
) -> None:
    """Run the checks a careful sender runs before sending: one PASS/WARN/FAIL line each.

    HTML size against Gmail's clip, headers and their form, MIME structure, text line lengths,
    every HTML link in the text part, lang/role/alt, absolute https/mailto links, no leftover
    template or MJML tags, balanced Outlook conditional comments, dark mode, preheader.
    On an outbox: its archive page and feed list every edition and link to each.
    """
    from digest.checks import check_path, failed, format_results  # the MIME and HTML parsers

    with reported():
        results = check_path(path)
    typer.echo(format_results(results))
    if failed(results):
        raise typer.Exit(exits.ERROR)

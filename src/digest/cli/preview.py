"""``digest preview``: serve the outbox for a look before sending."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from digest.cli.output import reported

EPILOG = "Example: digest preview outbox --port 8025"


def preview(
    path: Annotated[Path, typer.Argument(metavar="OUTBOX", help="The outbox to show.")] = Path(
        "outbox"
    ),
    port: Annotated[
        int, typer.Option(min=0, max=65535, metavar="N", help="Port to listen on.")
    ] = 8025,
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS", help="Interface to listen on (default: this machine only)."
        ),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the index in a browser.")
    ] = False,
) -> None:
    """Serve the outbox for a look before sending: an index of digests, and per digest the
    HTML at desktop and phone widths, the text part, the headers and digest check's results.
    Reloads when the outbox changes. Ctrl-C stops it."""
    from digest.preview import serve  # the server and the checks: only when previewing

    with reported():
        serve(path, host=host, port=port, open_browser=open_browser)

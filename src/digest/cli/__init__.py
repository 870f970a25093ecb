"""The ``digest`` command: thin Typer glue, one module per command (options -> library call ->
report). Shared options live in :mod:`digest.cli.options`, exit codes in
:mod:`digest.cli.exits`, stderr messages and error reporting in :mod:`digest.cli.output`."""

from __future__ import annotations

from typing import Annotated

import typer

from digest import __version__
from digest.cli import check, exits, init, ls, make, preview, send, summarize

app = typer.Typer(
    name="digest",
    help="Turn a folder of news articles into a ready-to-send daily email digest.",
    epilog=exits.MAKE,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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


# in the order `digest --help` lists them
app.command(epilog=make.EPILOG)(make.make)
app.command("ls", epilog=ls.EPILOG)(ls.list_articles)
app.command(epilog=init.EPILOG)(init.init)
app.command(epilog=send.EPILOG)(send.send)
app.command(epilog=preview.EPILOG)(preview.preview)
app.command(epilog=summarize.EPILOG)(summarize.summarize)
app.command(epilog=check.EPILOG)(check.check)


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":
    main()

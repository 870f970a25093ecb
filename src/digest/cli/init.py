"""``digest init``: write a commented starter digest.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from digest import files
from digest.cli import exits
from digest.cli.output import err, reported
from digest.settings import CONFIG_NAME, starter_config

EPILOG = "Example: digest init && $EDITOR digest.toml"


def init(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write it.")] = Path(
        CONFIG_NAME
    ),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a commented starter digest.toml listing every setting and its default."""
    if path.exists() and not force:
        err(f"digest: usage error: {path} exists; use --force to replace it")
        raise typer.Exit(exits.USAGE)
    with reported():
        files.write_atomic(path, starter_config().encode())
    typer.echo(str(path))

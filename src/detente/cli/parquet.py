"""`detente import-parquet`: a Parquet dataset (`detente run --parquet DIR`) into a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli._common import fail_cleanly, open_store, stderr, stdout
from detente.cli._progress import StageProgress, stopped_cleanly


def import_parquet_command(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(
            help="A dataset written by `detente run --parquet DIR`.",
            metavar="DIR",
            show_default=False,
        ),
    ],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Load a Parquet dataset into the store, one transaction per batch.

    Documents the store already holds keep their text; their actors, mentions and events
    become the dataset's. Importing the same dataset again changes nothing. Ctrl-C or
    SIGTERM stops it with one line, keeping every batch imported so far.
    """
    progress = StageProgress(stderr, quiet=True)
    with (
        stopped_cleanly(progress),
        fail_cleanly(),
        open_store(ctx, read_only=False) as store,
    ):
        report = store.import_parquet(folder)
    if not quiet:
        stdout.print(report.summary(), markup=False)

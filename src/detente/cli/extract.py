"""`detente extract`: the stages after ingest, on what the store already holds."""

from __future__ import annotations

import typer

from detente.cli._common import settings_of, stderr, stdout
from detente.cli._progress import StageProgress
from detente.cli.ingest import (
    ClusterOption,
    ParquetOption,
    ProposeActorsOption,
    QuietOption,
    WorkersOption,
    extracting_into_store,
    extraction_settings,
)


def extract_command(
    ctx: typer.Context,
    quiet: QuietOption = False,
    propose_actors: ProposeActorsOption = False,
    workers: WorkersOption = None,
    cluster: ClusterOption = None,
    parquet: ParquetOption = None,
) -> None:
    """Resolve actors and extract events of the stored documents that lack them.

    For documents stored by `detente ingest`, or extracted by another version of detente or
    with other actor files: their text is read from the store, never from the sources again.
    Progress and summary as `detente run`; Ctrl-C or SIGTERM stops it with one line (status
    130 or 143), keeping every batch stored so far.
    """
    from detente.pipeline import extract_stored

    settings = extraction_settings(settings_of(ctx), propose_actors, workers)
    progress = StageProgress(stderr, quiet=quiet)
    with extracting_into_store(ctx, progress, settings, cluster) as (store, runner):
        report = extract_stored(
            store,
            settings=settings,
            progress=progress.extraction,
            cluster=runner,
            parquet=parquet,
        )
    if not quiet:
        stdout.print(report.summary(), markup=False)

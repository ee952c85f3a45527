"""`detente ingest` and `detente run`: read sources into the store."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from detente.cli._common import (
    fail_cleanly,
    open_store,
    parse_day_option,
    settings_of,
    stderr,
    stdout,
)
from detente.cli._progress import StageProgress, stopped_cleanly
from detente.cli.arguments import cluster_option
from detente.terminal import visible

if TYPE_CHECKING:
    from detente.config import Settings
    from detente.pipeline import BatchRunner, IngestReport
    from detente.store import Store

SourcesArgument = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders (read recursively), http(s) URLs or RSS/Atom feeds.",
        show_default=False,
    ),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication date (YYYY-MM-DD) for everything ingested.", metavar="DATE"
    ),
]
SourceOption = Annotated[
    str | None,
    typer.Option("--source", help="Source (outlet) name for everything ingested.", metavar="NAME"),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress and no summary line.")
]
ProposeActorsOption = Annotated[
    bool,
    typer.Option(
        "--propose-actors",
        help="Propose organisations the knowledge base lacks (spaCy NER) as provisional "
        "actors; about half the speed.",
    ),
]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", help=r"Extraction processes \[default: 1].", metavar="N")
]
ClusterOption = Annotated[
    str | None,
    typer.Option(
        "--cluster",
        help="Extract on a Dask cluster: a scheduler (tcp://HOST:8786) or local:N, N worker "
        "processes started and stopped here (needs Dask: the cluster extra).",
        metavar="ADDRESS|local:N",
        callback=cluster_option,
    ),
]
ParquetOption = Annotated[
    Path | None,
    typer.Option(
        "--parquet",
        help="Also write documents, sentences, mentions and events as a Parquet dataset in "
        "this folder, one file per table per batch (read it with --db DIR).",
        metavar="DIR",
        file_okay=False,
    ),
]


def ingest_command(
    ctx: typer.Context,
    sources: SourcesArgument,
    published: PublishedOption = None,
    source: SourceOption = None,
    quiet: QuietOption = False,
) -> None:
    """Read sources into the store: .txt .md .html .htm .jsonl .rss .atom .xml, URLs, feeds.

    The same text ingested twice is stored once. Anything that cannot be read (binary, empty,
    unsupported, no article text, unreachable, not a feed) is skipped with one line on stderr
    naming it and saying why; the rest is still ingested. Exit status 1 when anything was
    skipped.
    """
    from detente.pipeline import ingest

    date = parse_day_option(published, "--published")
    progress = StageProgress(stderr, quiet=quiet, lines=False)
    with stopped_cleanly(progress), open_store(ctx, read_only=False) as store, progress:
        report = ingest(
            store, sources, published=date, source_name=source, progress=progress.ingest
        )
    _finish(report, quiet, summary=report.summary())


def run_command(
    ctx: typer.Context,
    sources: SourcesArgument,
    published: PublishedOption = None,
    source: SourceOption = None,
    quiet: QuietOption = False,
    propose_actors: ProposeActorsOption = False,
    workers: WorkersOption = None,
    cluster: ClusterOption = None,
    parquet: ParquetOption = None,
) -> None:
    """The main job: ingest the sources, run every extraction stage, print a summary.

    On a terminal each stage shows its progress; elsewhere each prints one line when done.
    Ctrl-C or SIGTERM stops it with one line (status 130 or 143), keeping what was stored.
    Exit status 1 when any source was skipped (each is named on stderr). With --cluster,
    the scheduler is reached before any source is read.
    """
    from detente.pipeline import run

    date = parse_day_option(published, "--published")
    settings = extraction_settings(settings_of(ctx), propose_actors, workers)
    progress = StageProgress(stderr, quiet=quiet)
    with extracting_into_store(ctx, progress, settings, cluster) as (store, runner):
        report = run(
            store,
            sources,
            published=date,
            source_name=source,
            settings=settings,
            progress=progress.ingest,
            extraction_progress=progress.extraction,
            cluster=runner,
            parquet=parquet,
        )
    _finish(report.ingest, quiet, summary=report.summary())


@contextmanager
def extracting_into_store(
    ctx: typer.Context, progress: StageProgress, settings: Settings, cluster: str | None = None
) -> Iterator[tuple[Store, BatchRunner | None]]:
    """The store open for writing while ``progress`` shows a long extraction (`run`,
    `extract`), and the cluster of ``--cluster`` reached first, before any work: Ctrl-C or
    SIGTERM ends it in one line after the store has closed and rolled back the batch in
    hand and the cluster detente started has stopped; any other error is one line too."""
    with stopped_cleanly(progress), ExitStack() as stack:
        runner: BatchRunner | None = None
        if cluster is not None:
            from detente.cluster import connected, parse_cluster_spec

            with fail_cleanly():
                runner = stack.enter_context(connected(parse_cluster_spec(cluster), settings))
        with open_store(ctx, read_only=False) as store, progress, fail_cleanly():
            yield store, runner


def extraction_settings(settings: Settings, propose_actors: bool, workers: int | None) -> Settings:
    """The settings with ``--propose-actors`` and ``--workers`` applied."""
    if not propose_actors and not workers:
        return settings
    return dataclasses.replace(
        settings,
        propose_unknown_actors=propose_actors or settings.propose_unknown_actors,
        workers=workers or settings.workers,
    )


def _finish(report: IngestReport, quiet: bool, *, summary: str) -> None:
    # a problem names its file or feed entry, whose name may carry control characters
    for skipped in report.skipped:
        stderr.print(visible(f"skipped: {skipped}", one_line=True), markup=False)
    for warning in report.warnings:
        stderr.print(visible(f"warning: {warning}", one_line=True), markup=False)
    if not quiet:
        stdout.print(summary, markup=False)
    if report.skipped:
        raise typer.Exit(1)

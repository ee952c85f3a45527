"""`detente ingest` and `detente run`: read sources into the store."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from detente.cli._common import (
    fail_cleanly,
    open_store,
    parse_day_option,
    settings_of,
    stderr,
    stdout,
)
from detente.terminal import visible

if TYPE_CHECKING:
    from detente.pipeline import IngestReport, ProgressCallback

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
    str | None, typer.Option("--source", help="Source (outlet) name for everything ingested.")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")
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
    with open_store(ctx, read_only=False) as store, _progress(quiet) as progress:
        report = ingest(store, sources, published=date, source_name=source, progress=progress)
    _finish(report, quiet, summary=report.summary())


def run_command(
    ctx: typer.Context,
    sources: SourcesArgument,
    published: PublishedOption = None,
    source: SourceOption = None,
    quiet: QuietOption = False,
    propose_actors: Annotated[
        bool,
        typer.Option(
            "--propose-actors",
            help="Propose organisations the knowledge base lacks (spaCy NER) as provisional "
            "actors; about half the speed.",
        ),
    ] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Extraction processes [default: 1].")
    ] = None,
) -> None:
    """The main job: ingest the sources, run every extraction stage, print a summary.

    Exit status 1 when any source was skipped (each is named on stderr).
    """
    from detente.pipeline import run

    date = parse_day_option(published, "--published")
    settings = settings_of(ctx)
    if propose_actors or workers:
        settings = dataclasses.replace(
            settings,
            propose_unknown_actors=propose_actors or settings.propose_unknown_actors,
            workers=workers or settings.workers,
        )
    with open_store(ctx, read_only=False) as store, _progress(quiet) as progress, fail_cleanly():
        report = run(
            store,
            sources,
            published=date,
            source_name=source,
            settings=settings,
            progress=progress,
        )
    _finish(report.ingest, quiet, summary=report.summary())


@contextmanager
def _progress(quiet: bool) -> Iterator[ProgressCallback | None]:
    """A progress bar on stderr once there is more than one source or one document."""
    if quiet:
        yield None
        return
    bar = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=stderr,
        transient=True,
    )
    task: list[TaskID] = []

    def update(done: int, total: int, documents: int) -> None:
        if total < 2 and documents < 2:
            return
        if not task:
            bar.start()
            task.append(bar.add_task("", total=total))
        bar.update(task[0], completed=done, description=f"{documents:,} documents read")

    try:
        yield update
    finally:
        bar.stop()


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

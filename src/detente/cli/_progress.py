"""Long work on the command line: progress on stderr, and a clean end on Ctrl-C or SIGTERM.

On a terminal each stage (ingest, extract) shows a progress bar that disappears when it is
done. Anywhere else (a pipe, a log, a cron job) bars would only fill the log with redraws,
so each stage prints one plain line when it ends instead.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType, TracebackType
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

if TYPE_CHECKING:
    from detente.pipeline import ExtractionProgress


def duration(seconds: float) -> str:
    """``0.4 s``, ``12 s``, ``3 min 05 s``: short enough for a log line."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def ingest_line(sources: int, documents: int, seconds: float) -> str:
    """The plain line an ingest stage ends with."""
    return (
        f"ingest: {documents:,} documents read from {sources:,} "
        f"source{'s' if sources != 1 else ''} in {duration(seconds)}"
    )


def extraction_line(progress: ExtractionProgress, seconds: float) -> str:
    """The plain line an extraction stage ends with, its rate over the whole stage."""
    if not progress.documents_total:
        return "extract: nothing to do, every document is extracted at this version"
    rate = progress.sentences / seconds if seconds > 0 else 0.0
    return (
        f"extract: {progress.documents:,} documents, {progress.sentences:,} sentences in "
        f"{duration(seconds)} ({rate:,.0f} sentences/s)"
    )


class _RateColumn(ProgressColumn):
    """Sentences a second, over Rich's recent window (blank until there is one); ``/s``
    alone, next to the sentence count, so the line fits 80 columns."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")


@dataclass
class _Stage:
    name: str
    started: float
    bar: Progress | None = None
    task: TaskID | None = None
    line: str = ""
    where: str = ""


class StageProgress:
    """The progress of one command's stages, as callbacks for :mod:`detente.pipeline`.

    A stage begins with its first report and ends when the next stage begins or the
    command ends (:meth:`close`). ``where`` says how far the work went, for the line printed
    when it is interrupted. ``lines=False`` leaves out the plain stage lines, for a command
    whose summary already is that line (``detente ingest``).
    """

    def __init__(self, console: Console, *, quiet: bool, lines: bool = True) -> None:
        self.console = console
        self.quiet = quiet
        self.live = console.is_terminal
        self.lines = lines
        self._stage: _Stage | None = None

    @property
    def where(self) -> str:
        return self._stage.where if self._stage else "before any work"

    def ingest(self, done: int, total: int, documents: int) -> None:
        stage = self._enter("ingest")
        stage.line = ingest_line(total, documents, time.monotonic() - stage.started)
        stage.where = f"while ingesting, after {done} of {total} sources"
        if not self._showing() or (total < 2 and documents < 2):
            return
        if stage.bar is None:
            stage.bar = self._bar(
                TextColumn("[bold]ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
            )
            stage.task = stage.bar.add_task("", total=total)
        assert stage.task is not None
        stage.bar.update(stage.task, completed=done, description=f"{documents:,} documents read")
        stage.bar.start()  # once its first figures are there; a no-op when started

    def extraction(self, progress: ExtractionProgress) -> None:
        stage = self._enter("extract")
        stage.line = extraction_line(progress, time.monotonic() - stage.started)
        stage.where = (
            f"while extracting, {progress.stored} of {progress.documents_total} documents "
            "extracted and stored"
        )
        if not self._showing() or not progress.documents_total:
            return
        if stage.bar is None:
            stage.bar = self._bar(
                TextColumn("[bold]extract"),
                BarColumn(bar_width=16),
                TextColumn("{task.fields[documents]}"),
                TextColumn("{task.fields[sentences]}"),
                _RateColumn(),
                TimeRemainingColumn(),
                TextColumn("left"),
            )
            stage.task = stage.bar.add_task(
                "", total=progress.sentences_total or None, documents="", sentences=""
            )
        assert stage.task is not None
        stage.bar.update(
            stage.task,
            completed=progress.sentences,
            documents=f"{progress.documents:,}/{progress.documents_total:,} docs",
            sentences=f"{progress.sentences:,}/{progress.sentences_total:,} sentences",
        )
        stage.bar.start()

    def close(self) -> None:
        """End the current stage: its bar goes, and off a terminal its line is printed."""
        stage, self._stage = self._stage, None
        if stage is None:
            return
        if stage.bar is not None:
            stage.bar.stop()
        if self.lines and not self.quiet and not self.live and stage.line:
            self.console.print(stage.line, markup=False)

    def abort(self) -> None:
        """Stop showing progress without a stage line (the work was interrupted)."""
        if self._stage is not None and self._stage.bar is not None:
            self._stage.bar.stop()
            self._stage.bar = None

    def __enter__(self) -> StageProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def _enter(self, name: str) -> _Stage:
        if self._stage is None or self._stage.name != name:
            self.close()
            self._stage = _Stage(name, time.monotonic())
        return self._stage

    def _showing(self) -> bool:
        return self.live and not self.quiet

    def _bar(self, *columns: str | ProgressColumn) -> Progress:
        return Progress(*columns, console=self.console, transient=True)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM, raised as a KeyboardInterrupt so that every rollback and
    ``finally`` on the way out runs: the transaction being written is rolled back, the
    store is closed, the extraction workers are stopped."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_SIGNAL_NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}


@contextmanager
def stopped_cleanly(progress: StageProgress) -> Iterator[None]:
    """Around a long command: Ctrl-C and SIGTERM end it the same way, with one line on
    stderr saying how far it went and the usual status (130 for SIGINT, 143 for SIGTERM).

    Without this, SIGTERM (``kill``, a service manager, a CI timeout) ends Python at once:
    no rollback, no message, workers left to notice on their own. The first signal is
    raised as :class:`Interrupted`; any further one is ignored while the command winds
    down, which is bounded (workers get a few seconds, then SIGKILL).
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    received: list[int] = []

    def interrupt(signum: int, frame: FrameType | None) -> None:
        received.append(signum)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {
        signum: signal.signal(signum, interrupt) for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    except BaseException as error:
        # An interrupt may surface as another exception (one raised by a library whose
        # call the signal cut short): what happened is still the interrupt.
        if not received and not isinstance(error, KeyboardInterrupt):
            raise
        signum = received[0] if received else signal.SIGINT
        progress.abort()
        progress.console.print(
            f"interrupted ({_SIGNAL_NAMES.get(signal.Signals(signum), 'signal')}) "
            f"{progress.where}; what was stored stays stored, and running the command "
            "again goes on from there",
            markup=False,
        )
        raise typer.Exit(128 + signum) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

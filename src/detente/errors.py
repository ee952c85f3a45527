"""Coded errors, one range per stage, so a user can search for the code a run printed.

E1xx ingest, E2xx store, E3xx actors, E4xx events, E5xx analysis, E6xx views, E9xx usage.
The command line prints ``[E101] message`` in one line and exits non-zero.
"""

from __future__ import annotations

from typing import ClassVar


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    code: ClassVar[str] = "E000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class DataFileError(DetenteError, ValueError):
    """A data file (actors, lexicon, contexts) that cannot be accepted.

    The message says ``FILE:LINE: problem`` so the user can go straight to the line;
    ``path``, ``line`` and ``problem`` are also attributes for programs.
    """

    def __init__(self, problem: str, *, path: str | None = None, line: int | None = None) -> None:
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + problem)
        self.problem = problem
        self.path = path
        self.line = line


class SkippedSource(DetenteError):
    """A source that cannot be ingested; the rest of the run goes on without it."""

    code = "E100"


class BinaryFile(SkippedSource):
    code = "E101"


class EmptySource(SkippedSource):
    code = "E102"


class UnsupportedFormat(SkippedSource):
    code = "E103"


class UndecodableText(SkippedSource):
    code = "E104"


class NoMainText(SkippedSource):
    code = "E105"


class FetchFailed(SkippedSource):
    code = "E106"


class NotAFeed(SkippedSource):
    code = "E107"


class TooLarge(SkippedSource):
    code = "E108"


class BadRecord(SkippedSource):
    code = "E109"


class StoreError(DetenteError):
    code = "E200"


class StoreBusy(StoreError):
    code = "E201"


class StoreTooNew(StoreError):
    code = "E202"


class DocumentNotFound(StoreError):
    code = "E203"


class NotAStore(StoreError):
    """``--db`` names something that is not a DuckDB file: a CSV, a JSONL, a folder.

    DuckDB would open some of these as an empty in-memory database, and a run would then
    report success and keep nothing, so the store refuses them before any work.
    """

    code = "E204"


class AnalysisError(DetenteError):
    """A question the analysis cannot answer as asked."""

    code = "E500"


class SameActor(AnalysisError):
    """A dyad needs two different actors."""

    code = "E501"


class BadTimeWindow(AnalysisError):
    """``at`` together with ``since``/``until``, or ``since`` after ``until``."""

    code = "E502"


class ClaimNotUnderstood(AnalysisError):
    """A claim without two known actors and a relation between them; the message says what
    was understood, so the user can rephrase."""

    code = "E503"


class UsageError(DetenteError):
    code = "E900"


class UnknownActorName(DetenteError):
    """A name given on the command line that no actor answers to."""

    code = "E310"


class ViewError(DetenteError):
    """A report, export or web page that cannot be made as asked."""

    code = "E600"


class UnknownExportFormat(ViewError):
    code = "E601"


class ExportFailed(ViewError):
    """The output file cannot be written (a missing folder, no permission)."""

    code = "E602"

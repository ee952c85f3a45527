"""Coded errors, one range per stage, so a user can search for the code a run printed.

E1xx ingest, E2xx store, E3xx actors, E4xx events, E5xx analysis, E6xx views, E7xx cluster,
E9xx usage.
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


class Unreadable(SkippedSource):
    """A file or folder the system will not let detente read (permissions, an I/O error),
    a symbolic link that leads back into a folder being read, or one that leads nowhere."""

    code = "E110"


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


class NothingExtracted(StoreError):
    """A read command on a store whose documents were ingested but never extracted."""

    code = "E210"


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


class NotADataset(StoreError):
    """A folder given as a Parquet dataset (``--db DIR``, ``import-parquet DIR``) that is not
    one detente wrote, or one of a schema this detente does not know."""

    code = "E205"


class ClusterError(DetenteError):
    """Extraction on a Dask cluster (``--cluster``) that cannot go ahead."""

    code = "E700"


class ClusterUnreachable(ClusterError):
    """No Dask scheduler answers at the address given, or it has no workers: said before
    any document is read."""

    code = "E701"


class ClusterUnavailable(ClusterError):
    """``--cluster`` without Dask installed (the ``cluster`` extra)."""

    code = "E702"


class ClusterMismatch(ClusterError):
    """A worker would extract differently from this process (another detente version, other
    actor files or another parser model), so its events would not be this run's."""

    code = "E703"


class UsageError(DetenteError):
    code = "E900"


class OutOfRange(UsageError):
    """A number given as an option or a parameter outside the range that makes sense (a
    limit of 0, a negative top, a count too large for the store's integers); the message
    says which range is valid."""

    code = "E901"


class UnknownValue(UsageError):
    """A name that is not one of a fixed set (an event type, a modality, a context, a
    format, a period); the message lists the valid ones, read from the same data the rest of
    detente uses."""

    code = "E902"


class ConfigFileError(UsageError):
    """The user's configuration file cannot be read, is not TOML, or sets a key detente does
    not have or a value of the wrong kind; the message names the file (and line)."""

    code = "E903"


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


class PortUnavailable(ViewError):
    """``detente serve`` cannot listen where asked: the port is taken, needs privileges, or
    the host is no address of this machine. Said before the server claims to be serving."""

    code = "E604"


class InternalError(ViewError):
    """A request the web app failed on for a reason it did not foresee: still answered in
    the API's JSON error shape, never as a traceback or an HTML page."""

    code = "E699"

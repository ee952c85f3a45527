"""The main job: sources → Documents → sentences → store, then every later stage.

Extraction is a pure function of one document, so documents are processed one at a time
and written in batches; each batch is one transaction holding whole documents only.

The extraction stages (resolver, extractor, parser) are imported where they are built, not
with this module: commands that only read the store import it for the knowledge base, and
must not pay for the NLP stack.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from detente.actors.kb import KnowledgeBase, load_knowledge_base
from detente.config import Settings, load_settings
from detente.errors import ClusterMismatch, DetenteError, SkippedSource
from detente.model import ActorRecord, Document, Driver, Event, Mention

if TYPE_CHECKING:
    from detente.actors.resolve import ActorResolver
    from detente.events.document import ExtractionReport
    from detente.events.lexicon import Lexicon
    from detente.events.ontology import EventType
    from detente.store import Store

ProgressCallback = Callable[[int, int, int], None]  # (sources done, sources in all, documents read)


@dataclass(frozen=True, slots=True)
class ExtractionProgress:
    """How far extraction is: reported once before any work (nothing done, even when there
    is nothing to do), then as documents are extracted and as they are stored. ``documents``
    and ``sentences`` count what was extracted, ``stored`` the documents committed."""

    documents: int
    documents_total: int
    sentences: int
    sentences_total: int
    stored: int


ExtractionProgressCallback = Callable[[ExtractionProgress], None]


@dataclass(slots=True)
class IngestReport:
    """What one ingest did: counts, and one line for each thing skipped."""

    new: int = 0
    already_stored: int = 0
    sentences: int = 0
    skipped: list[SkippedSource] = field(default_factory=list)
    warnings: list[DetenteError] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.new + self.already_stored

    def summary(self) -> str:
        line = f"{self.new} new, {self.already_stored} already stored"
        if self.skipped:
            line += f", {len(self.skipped)} skipped"
        return line


def prepare_document(document: Document) -> Document:
    """The per-document stages that run before storing (sentence splitting, for now)."""
    from detente.nlp import split_sentences

    return dataclasses.replace(document, sentences=split_sentences(document.text))


def ingest(
    store: Store,
    sources: Sequence[str],
    *,
    published: dt.date | None = None,
    source_name: str | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    today: dt.date | None = None,
) -> IngestReport:
    """Read every source into the store; skip, and report, what cannot be read."""
    # Imported here, not with the module: extraction workers import this module, and the
    # readers (HTTP client, HTML extraction, date parsing) would add half a second to the
    # start of each of them for nothing.
    from detente.ingest import IngestOptions, plan_sources, read_source
    from detente.ingest.web import make_client

    settings = settings or load_settings()
    options = IngestOptions(settings, published=published, source_name=source_name, today=today)
    report = IngestReport()
    plan = plan_sources(sources)
    pending: list[Document] = []
    seen: set[str] = set()

    def flush() -> None:
        # Sentence splitting is the costly step, so documents already stored skip it.
        known = store.existing_ids(d.id for d in pending)
        prepared = [prepare_document(d) for d in pending if d.id not in known]
        written = store.write_documents(prepared)
        report.new += written
        report.sentences += sum(len(d.sentences) for d in prepared)
        report.already_stored += len(pending) - written
        pending.clear()

    read = 0
    with make_client(settings.fetch) as client:
        for done, item in enumerate(plan, start=1):
            if isinstance(item, SkippedSource):
                report.skipped.append(item)
            else:
                for outcome in read_source(item, options, client):
                    if isinstance(outcome, SkippedSource):
                        report.skipped.append(outcome)
                        continue
                    if isinstance(outcome, DetenteError):
                        report.warnings.append(outcome)
                        continue
                    read += 1
                    if progress and read % 100 == 0:
                        progress(done - 1, len(plan), read)
                    if outcome.id in seen:
                        report.already_stored += 1
                    else:
                        seen.add(outcome.id)
                        pending.append(outcome)
                        if len(pending) >= settings.batch_size:
                            flush()
            if progress:
                progress(done, len(plan), read)
    flush()
    return report


def knowledge_base(settings: Settings) -> KnowledgeBase:
    """The packaged knowledge base with the user's actor files layered on."""
    return load_knowledge_base(settings.actor_files)


def extraction_version(settings: Settings) -> str:
    """Changes whenever what makes events changes, so documents are redone: the code and
    data of the extraction stages (``events.version``), the parser model, the user's actor
    files and whether unknown organisations are proposed."""
    from detente.events.version import code_version

    digest = hashlib.sha256()
    for name in settings.actor_files:
        digest.update(Path(name).read_bytes())
    digest.update(str(settings.propose_unknown_actors).encode())
    try:
        model = metadata.version(settings.spacy_model)
    except metadata.PackageNotFoundError:
        model = "absent"
    digest.update(f"{settings.spacy_model}={model}".encode())
    return f"{code_version()}-{digest.hexdigest()[:8]}"


def hyphenated_names(kb: KnowledgeBase) -> tuple[str, ...]:
    """Names the tokenizer must keep whole ("ISIS-K", "al-Qaeda")."""
    return tuple(sorted({text for text, _ in kb.all_surface_forms() if "-" in text}))


@dataclass(slots=True)
class BatchResult:
    """What extraction made of a batch of documents, ready for one transaction."""

    doc_ids: list[str]
    mentions: list[tuple[str, list[Mention]]]
    actors: list[ActorRecord]
    events: list[Event]
    report: ExtractionReport
    drivers: list[Driver]
    # acts read with a side the text does not name: not events, never stored; for scoring
    # what was recognised (``detente eval``) apart from what was kept
    held_back: list[Event] = field(default_factory=list)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: loading builds hundreds of thousands of objects
    that all stay alive, and each time the heap grows by a quarter Python would walk all of
    them looking for garbage (most of the loading time, once the knowledge base is large)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _loaded_objects_frozen() -> Iterator[None]:
    """Leave everything alive now (the loaded knowledge base, lexicon and parser) out of
    garbage collection while extracting, so that a full collection walks only what extraction
    made. Undone at the end; left alone if something else froze objects already."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Extractor(Protocol):
    """What the pipeline asks of an extractor: the mentions, actors and events of a batch of
    documents, as a pure function of them.

    The rules (:class:`Extraction`) are one implementation; another (a learned model, an LLM
    behind an OpenAI-compatible endpoint) that implements this is run, stored and scored by
    ``detente run`` and ``detente eval`` the same way. ``version`` must change whenever its
    output can, so a store is re-extracted.
    """

    version: str

    def run(self, documents: Sequence[Document]) -> BatchResult: ...


def load_extraction(settings: Settings | None = None) -> Extraction:
    """The rule extractor with everything it needs loaded: the one builder that ``run``,
    ``eval``, ``check``, the web app and the tests share, so they read text alike."""
    return Extraction(settings or load_settings())


class Extraction:
    """The loaded extractors of one process: knowledge base, parser, lexicon.

    ``kb`` and ``resolver``, when given, must be those of these settings (a
    :class:`ClaimReader` hands over the ones it loaded rather than loading them twice).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        kb: KnowledgeBase | None = None,
        resolver: ActorResolver | None = None,
    ) -> None:
        from detente.actors.proposals import OrganisationProposer
        from detente.actors.resolve import ActorResolver
        from detente.events.agents import agent_nouns
        from detente.events.extract import EventExtractor
        from detente.events.lexicon import load_lexicon
        from detente.events.ontology import load_ontology
        from detente.events.parse import load_parser

        self.settings = settings
        self.version = extraction_version(settings)
        with _collection_paused():
            self.kb = kb or knowledge_base(settings)
            self.resolver = resolver or ActorResolver(self.kb)
            self.extractor = EventExtractor(load_lexicon(), load_ontology(), agent_nouns(self.kb))
            self.nlp = load_parser(
                settings.spacy_model,
                hyphenated_names(self.kb),
                with_ner=settings.propose_unknown_actors,
            )
            self.proposer = (
                OrganisationProposer(self.kb) if settings.propose_unknown_actors else None
            )

    @property
    def lexicon(self) -> Lexicon:
        return self.extractor.lexicon

    @property
    def ontology(self) -> dict[str, EventType]:
        return self.extractor.ontology

    def full(self) -> Extraction:
        """The whole extraction (for a :class:`ClaimReader`'s callers): this one."""
        return self

    def run(self, documents: Sequence[Document]) -> BatchResult:
        """Actors, then events, of each document: a pure function of the documents."""
        from detente.actors.records import actor_records
        from detente.events.document import extract_events

        resolved = {d.id: self.resolver.resolve_with_places(d) for d in documents}
        mentions = {doc_id: actors for doc_id, (actors, _) in resolved.items()}
        drivers: list[Driver] = []
        held_back: list[Event] = []
        events, report = extract_events(
            documents,
            mentions,
            nlp=self.nlp,
            extractor=self.extractor,
            proposer=self.proposer,
            places={doc_id: places for doc_id, (_, places) in resolved.items()},
            drivers=drivers,
            held_back=held_back,
        )
        actors = [
            record
            for document in documents
            for record in actor_records(self.kb, mentions[document.id], document.published)
        ]
        return BatchResult(
            doc_ids=[d.id for d in documents],
            mentions=list(mentions.items()),
            actors=actors,
            events=events,
            report=report,
            drivers=drivers,
            held_back=held_back,
        )


class ClaimReader:
    """What reading a claim needs, and no more: the knowledge base, the actor resolver and
    the trigger lexicon, read from the user's cache (:mod:`detente.cache`) when it holds them.
    The parser and the whole extraction are loaded by :meth:`full` only for a claim the
    lexicon alone cannot read; they share this reader's knowledge base and resolver.
    """

    def __init__(self, settings: Settings) -> None:
        from detente.cache import cached

        self.settings = settings
        with _collection_paused():
            loaded = cached(
                "claim-reader",
                lambda: _claim_reader_parts(settings),
                extra_files=settings.actor_files,
            )
        self.kb, self.resolver, self.lexicon, self.ontology = loaded
        self._full: Extraction | None = None

    def full(self) -> Extraction:
        """The whole extraction, parser included, loaded on first need."""
        if self._full is None:
            self._full = Extraction(self.settings, kb=self.kb, resolver=self.resolver)
        return self._full

    @property
    def nlp(self) -> Any:
        return self.full().nlp

    def run(self, documents: Sequence[Document]) -> BatchResult:
        return self.full().run(documents)


def _claim_reader_parts(
    settings: Settings,
) -> tuple[KnowledgeBase, ActorResolver, Lexicon, dict[str, EventType]]:
    from detente.actors.resolve import ActorResolver
    from detente.events.lexicon import load_lexicon
    from detente.events.ontology import load_ontology

    kb = knowledge_base(settings)
    return kb, ActorResolver(kb), load_lexicon(), load_ontology()


def load_claim_reader(settings: Settings | None = None) -> ClaimReader:
    """The light reader of claims that ``detente check`` uses (see :class:`ClaimReader`)."""
    return ClaimReader(settings or load_settings())


_worker: Extraction | None = None

#: How often a worker looks whether its parent is still there, where the kernel cannot be
#: asked to tell it (see :func:`_end_with_parent`).
_PARENT_POLL_SECONDS = 1.0

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _start_worker(settings: Settings, parent_pid: int) -> None:
    """The initializer of an extraction process: tie its life to the parent's, leave
    Ctrl-C to the parent, then load the extraction."""
    global _worker
    _end_with_parent(parent_pid)
    _leave_interrupts_to_parent()
    _worker = Extraction(settings)


def _end_with_parent(parent_pid: int) -> None:
    """Make this worker end when the process that started it ends, however it ends.

    A pool's workers wait on a queue whose pipe they themselves hold open, so they never see
    their parent go: after a ``kill -9`` of ``detente run`` they would stay, hundreds of
    megabytes each, forever. Two mechanisms, because neither alone is enough:

    - On Linux the kernel is asked (``prctl(PR_SET_PDEATHSIG, SIGKILL)``) to kill this
      process the moment its parent dies. It works even while the worker is deep in the
      parser's C code, and needs nothing running in the worker. SIGKILL, because a worker
      holds nothing to save: results reach the store only through the parent. The signal
      follows the parent *thread* that spawned the worker; the pool spawns its workers from
      the thread that calls :func:`extract` (``submit``), which outlives the pool.
    - Elsewhere (macOS), or where ``prctl`` is refused, a daemon thread looks every second
      whether the parent is still the one that started it (an orphan is re-parented, so its
      parent id changes) and ends the process if not. It also runs on Linux: it costs a
      system call a second.

    The parent may already be gone before this runs (killed while the worker started); the
    parent id is checked after asking, so that case is caught too.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watching thread below still ends this worker
    if os.getppid() != parent_pid:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            threading.Event().wait(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="detente-parent-watch", daemon=True).start()


def _leave_interrupts_to_parent() -> None:
    """Ctrl-C reaches every process of the terminal's foreground group: the workers ignore
    it, and the parent, which catches it, stops them and says so in one line (instead of a
    traceback from each worker). The parent spawned this process with SIGINT blocked
    (:func:`interrupts_held`), so a Ctrl-C that came while it started is dropped here."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def interrupts_held() -> Iterator[None]:
    """SIGINT blocked in this thread while it may spawn a worker: the worker inherits the
    block until its initializer ignores SIGINT, so a Ctrl-C while it starts cannot print a
    traceback from it. A Ctrl-C meanwhile waits, and reaches this process at the end."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _run_in_worker(documents: list[Document]) -> BatchResult:
    assert _worker is not None, "worker not initialised"
    # Frozen per batch, not for the worker's life: objects still frozen when the worker exits
    # are never freed, and duckdb's bindings then report them as leaks on stderr.
    with _loaded_objects_frozen():
        return _worker.run(documents)


def prepare_this_process(settings: Settings) -> str:
    """Load the extraction of ``settings`` in this process, once, and return its version:
    what a cluster worker runs before its first batch (:mod:`detente.cluster`), so that the
    parser and knowledge base load while the client ingests, and a worker that would extract
    differently (another version, other actor files) is found before any batch."""
    global _worker
    if _worker is None or _worker.settings != settings:
        _worker = Extraction(settings)
    return _worker.version


def run_batch_here(settings: Settings, documents: list[Document], version: str) -> BatchResult:
    """Extract a batch in this process with the extraction of ``settings``, loaded on first
    need and kept: the task a cluster worker runs (a worker restarted after a crash loads it
    again with its first batch). Refused if this process would extract at another version
    than ``version``, the one the store will record."""
    mine = prepare_this_process(settings)
    if mine != version:
        raise ClusterMismatch(
            f"a worker would extract at version {mine}, this run at {version}: give the "
            "workers the same detente, actor files and parser"
        )
    return _run_in_worker(documents)


class PendingBatch(Protocol):
    """A batch handed to a worker: its result when it is done (a ``concurrent.futures`` or
    a Dask future)."""

    def result(self) -> BatchResult: ...


class BatchRunner(Protocol):
    """Workers that extract batches while this process stores them: the process pool of
    ``--workers``, or a Dask cluster (:class:`detente.cluster.session.ClusterSession`).

    ``workers`` is how many batches they extract at once, which sizes the batches.
    :meth:`check` is called once before the first batch, with the version the store will
    record, and raises if the workers would extract differently.
    """

    workers: int

    def check(self, version: str) -> None: ...

    def submit(self, documents: list[Document]) -> PendingBatch: ...


class _PoolRunner:
    """The process pool as a :class:`BatchRunner`."""

    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self.pool = pool
        self.workers = workers

    def check(self, version: str) -> None:
        """The pool's processes load this process's settings: nothing can differ."""

    def submit(self, documents: list[Document]) -> PendingBatch:
        with interrupts_held():
            return self.pool.submit(_run_in_worker, documents)


@contextmanager
def _worker_pool(settings: Settings) -> Iterator[ProcessPoolExecutor]:
    """A pool of extraction processes that never outlives this call.

    On a normal end the pool finishes its work and shuts down. On any exception (an error,
    Ctrl-C, SIGTERM turned into an exception by the command line) the queued batches are
    cancelled and the workers terminated at once rather than awaited: what they were
    extracting was not stored, and is extracted again by the next run. If this process is
    killed outright, the workers end by themselves (:func:`_end_with_parent`).
    """
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        max_workers=settings.workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(settings, os.getpid()),
    )
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        _stop_processes([p for p in multiprocessing.active_children() if p not in before])
        raise
    pool.shutdown(wait=True)


def _stop_processes(processes: Sequence[multiprocessing.process.BaseProcess]) -> None:
    """SIGTERM, then SIGKILL to any that has not ended within a few seconds."""
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


#: Steps, at least, in which extraction reports progress, whatever the size of the run.
_PROGRESS_STEPS = 20


def _chunks(ids: Sequence[str], size: int) -> list[list[str]]:
    return [list(ids[offset : offset + size]) for offset in range(0, len(ids), size)]


def extraction_batches(pending: Sequence[str], batch_size: int, workers: int) -> list[list[str]]:
    """Documents split into batches, each stored in one transaction.

    In one process, batches of ``batch_size`` (progress comes from within a batch, see
    :func:`extract`): each transaction costs a regrouping of the events it touches, so
    smaller ones would slow a small run by a tenth. With several workers a batch is also
    the unit a worker is given: each gets several (or one worker ends up doing most of a
    small run), and progress moves in about twenty steps; there the parent stores one
    batch while the workers extract the next ones.
    """
    if workers <= 1:
        return _chunks(pending, batch_size)
    steps = max(_PROGRESS_STEPS, workers * 4)
    return _chunks(pending, max(1, min(batch_size, -(-len(pending) // steps))))


def merged_results(parts: Sequence[BatchResult]) -> BatchResult:
    """One batch's result from the results of its parts, extracted one after the other
    (extraction is a pure function of each document, so the parts add up)."""
    if len(parts) == 1:
        return parts[0]
    from detente.events.document import ExtractionReport

    report = ExtractionReport()
    for part in parts:
        report.merge(part.report)
    return BatchResult(
        doc_ids=[i for part in parts for i in part.doc_ids],
        mentions=[m for part in parts for m in part.mentions],
        actors=[a for part in parts for a in part.actors],
        events=[e for part in parts for e in part.events],
        report=report,
        drivers=[d for part in parts for d in part.drivers],
        held_back=[h for part in parts for h in part.held_back],
    )


def extract(
    store: Store,
    *,
    settings: Settings | None = None,
    progress: ExtractionProgressCallback | None = None,
    cluster: BatchRunner | None = None,
    parquet: Path | None = None,
) -> ExtractionReport:
    """Resolve actors and extract events of every document not yet done at this version.

    With ``parquet``, each batch is also written to that Parquet dataset, and documents the
    store holds extracted at this version but the dataset lacks are written there first
    (from the store, not extracted again).

    With ``settings.workers`` > 1, batches are extracted in that many processes, and with a
    ``cluster`` on its workers, while this one writes each finished batch in its own
    transaction, in the order the batches were given out. Interrupted, it leaves every
    batch stored so far whole and the rest untouched, and starts no process that outlives it.
    A batch is stored once whatever happened to the worker that extracted it: storing a
    document replaces whatever was stored for it.
    """
    from detente.events.document import ExtractionReport

    settings = settings or load_settings()
    version = extraction_version(settings)
    if parquet is not None:
        _export_missing(store, parquet, version, settings.batch_size)
    pending = store.documents_missing_stage("events", version)
    report = ExtractionReport()
    sentences_of = store.sentence_counts(pending)
    done = ExtractionProgress(0, len(pending), 0, sum(sentences_of.values()), 0)
    if progress:
        progress(done)
    if not pending:
        return report
    workers = cluster.workers if cluster is not None else settings.workers
    batches = extraction_batches(pending, settings.batch_size, workers)

    def extracted(doc_ids: Sequence[str]) -> None:
        nonlocal done
        done = dataclasses.replace(
            done,
            documents=done.documents + len(doc_ids),
            sentences=done.sentences + sum(sentences_of.get(i, 0) for i in doc_ids),
        )

    def save(result: BatchResult) -> None:
        nonlocal done
        store.write_extraction(
            result.doc_ids,
            result.mentions,
            result.actors,
            result.events,
            version=version,
            drivers=result.drivers,
            parquet=parquet,
        )
        report.merge(result.report)
        done = dataclasses.replace(done, stored=done.stored + len(result.doc_ids))
        if progress:
            progress(done)

    if cluster is None and (settings.workers <= 1 or len(batches) == 1):
        extraction = Extraction(settings)
        step = max(1, -(-len(pending) // _PROGRESS_STEPS))
        with _loaded_objects_frozen():
            for ids in batches:
                parts = []
                for chunk in _chunks(ids, step):
                    parts.append(extraction.run(store.load_documents(chunk)))
                    extracted(chunk)
                    if progress and done.documents < done.stored + len(ids):
                        progress(done)  # the batch's last part is reported once stored
                save(merged_results(parts))
        return report
    with _batch_runner(settings, cluster) as runner:
        runner.check(version)
        running: list[PendingBatch] = []
        for ids in batches:
            running.append(runner.submit(store.load_documents(ids)))
            if len(running) > runner.workers * 2:
                result = running.pop(0).result()
                extracted(result.doc_ids)
                save(result)
        for pending_batch in running:
            result = pending_batch.result()
            extracted(result.doc_ids)
            save(result)
    return report


def _export_missing(store: Store, folder: Path, version: str, batch_size: int) -> None:
    """Write to the dataset the documents extracted in the store at ``version`` that it
    lacks (a store extracted before ``--parquet`` was given), batch by batch."""
    written = store.documents_in_dataset(folder, version)
    missing = [i for i in store.documents_done("events", version) if i not in written]
    for ids in _chunks(missing, batch_size):
        store.export_parquet(ids, version, folder)


@contextmanager
def _batch_runner(settings: Settings, cluster: BatchRunner | None) -> Iterator[BatchRunner]:
    """The cluster given (whoever opened it closes it), else a process pool for this call."""
    if cluster is not None:
        yield cluster
        return
    with _worker_pool(settings) as pool:
        yield _PoolRunner(pool, settings.workers)


@dataclass(slots=True)
class RunReport:
    ingest: IngestReport
    stages: list[str]
    documents_in_store: int
    sentences_in_store: int
    mentions_in_store: int
    actors_in_store: int
    events_in_store: int
    extraction: ExtractionReport

    def summary(self) -> str:
        ingested = f"ingest: {self.ingest.summary()}; " if "ingest" in self.stages else ""
        return (
            f"{ingested}events: {self.extraction.summary()}; store now "
            f"holds {self.documents_in_store} documents, {self.sentences_in_store} sentences, "
            f"{self.mentions_in_store} actor mentions of {self.actors_in_store} actors, "
            f"{self.events_in_store} events (stages run: {', '.join(self.stages)})"
        )


def _run_report(
    store: Store, ingested: IngestReport, extraction: ExtractionReport, stages: list[str]
) -> RunReport:
    return RunReport(
        ingest=ingested,
        stages=stages,
        documents_in_store=store.count("documents"),
        sentences_in_store=store.count("sentences"),
        mentions_in_store=store.count("mentions"),
        actors_in_store=store.count("actors"),
        events_in_store=store.count("events"),
        extraction=extraction,
    )


def run(
    store: Store,
    sources: Sequence[str],
    *,
    published: dt.date | None = None,
    source_name: str | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    extraction_progress: ExtractionProgressCallback | None = None,
    cluster: BatchRunner | None = None,
    parquet: Path | None = None,
) -> RunReport:
    """The one-shot main job: ingest, then every stage that exists, then a summary.

    With a ``cluster``, documents are read, deduplicated and stored here, and extracted on
    its workers (see :func:`extract`)."""
    report = ingest(
        store,
        sources,
        published=published,
        source_name=source_name,
        settings=settings,
        progress=progress,
    )
    extraction = extract(
        store, settings=settings, progress=extraction_progress, cluster=cluster, parquet=parquet
    )
    return _run_report(store, report, extraction, ["ingest", "sentences", "actors", "events"])


def extract_stored(
    store: Store,
    *,
    settings: Settings | None = None,
    progress: ExtractionProgressCallback | None = None,
    cluster: BatchRunner | None = None,
    parquet: Path | None = None,
) -> RunReport:
    """The stages after ingest on what the store holds (``detente extract``): the documents
    no extraction of this version has processed, read from the store, never from their
    sources again; with the same summary as :func:`run`."""
    extraction = extract(
        store, settings=settings, progress=progress, cluster=cluster, parquet=parquet
    )
    return _run_report(store, IngestReport(), extraction, ["actors", "events"])

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
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from detente.actors.kb import KnowledgeBase, load_knowledge_base
from detente.config import Settings, load_settings
from detente.errors import DetenteError, SkippedSource
from detente.model import ActorRecord, Document, Driver, Event, Mention

if TYPE_CHECKING:
    from detente.actors.resolve import ActorResolver
    from detente.events.document import ExtractionReport
    from detente.events.lexicon import Lexicon
    from detente.events.ontology import EventType
    from detente.store import Store

ProgressCallback = Callable[[int, int, int], None]  # (sources done, sources in all, documents read)


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


def _start_worker(settings: Settings) -> None:
    global _worker
    _worker = Extraction(settings)


def _run_in_worker(documents: list[Document]) -> BatchResult:
    assert _worker is not None, "worker not initialised"
    # Frozen per batch, not for the worker's life: objects still frozen when the worker exits
    # are never freed, and duckdb's bindings then report them as leaks on stderr.
    with _loaded_objects_frozen():
        return _worker.run(documents)


def extract(
    store: Store,
    *,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> ExtractionReport:
    """Resolve actors and extract events of every document not yet done at this version.

    With ``settings.workers`` > 1, batches are extracted in that many processes while this
    one writes each finished batch in its own transaction.
    """
    from detente.events.document import ExtractionReport

    settings = settings or load_settings()
    version = extraction_version(settings)
    pending = store.documents_missing_stage("events", version)
    report = ExtractionReport()
    if not pending:
        return report
    size = settings.batch_size
    if settings.workers > 1:
        # Several batches per worker, or one worker ends up doing most of a small run.
        size = max(1, min(size, -(-len(pending) // (settings.workers * 4))))
    batches = [pending[offset : offset + size] for offset in range(0, len(pending), size)]
    done = 0

    def save(result: BatchResult) -> None:
        nonlocal done
        store.write_extraction(
            result.doc_ids,
            result.mentions,
            result.actors,
            result.events,
            version=version,
            drivers=result.drivers,
        )
        report.merge(result.report)
        done += len(result.doc_ids)
        if progress:
            progress(done, len(pending), done)

    if settings.workers <= 1 or len(batches) == 1:
        extraction = Extraction(settings)
        with _loaded_objects_frozen():
            for ids in batches:
                save(extraction.run(store.load_documents(ids)))
        return report
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=settings.workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(settings,),
    ) as pool:
        running = []
        for ids in batches:
            running.append(pool.submit(_run_in_worker, store.load_documents(ids)))
            if len(running) > settings.workers * 2:
                save(running.pop(0).result())
        for future in running:
            save(future.result())
    return report


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
        return (
            f"ingest: {self.ingest.summary()}; events: {self.extraction.summary()}; store now "
            f"holds {self.documents_in_store} documents, {self.sentences_in_store} sentences, "
            f"{self.mentions_in_store} actor mentions of {self.actors_in_store} actors, "
            f"{self.events_in_store} events (stages run: {', '.join(self.stages)})"
        )


def run(
    store: Store,
    sources: Sequence[str],
    *,
    published: dt.date | None = None,
    source_name: str | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> RunReport:
    """The one-shot main job: ingest, then every stage that exists, then a summary."""
    report = ingest(
        store,
        sources,
        published=published,
        source_name=source_name,
        settings=settings,
        progress=progress,
    )
    extraction = extract(store, settings=settings)
    return RunReport(
        ingest=report,
        stages=["ingest", "sentences", "actors", "events"],
        documents_in_store=store.count("documents"),
        sentences_in_store=store.count("sentences"),
        mentions_in_store=store.count("mentions"),
        actors_in_store=store.count("actors"),
        events_in_store=store.count("events"),
        extraction=extraction,
    )

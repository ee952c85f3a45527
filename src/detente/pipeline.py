"""The main job: sources → Documents → sentences → store, then every later stage.

Extraction is a pure function of one document, so documents are processed one at a time
and written in batches; each batch is one transaction holding whole documents only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from detente.actors.kb import KnowledgeBase, load_knowledge_base
from detente.actors.proposals import propose_organisations
from detente.actors.records import actor_records
from detente.actors.resolve import ActorResolver
from detente.config import Settings, load_settings
from detente.errors import DetenteError, SkippedSource
from detente.ingest import IngestOptions, plan_sources, read_source
from detente.ingest.web import make_client
from detente.model import Document
from detente.nlp import split_sentences
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


ACTORS_STAGE_VERSION = "1"


def knowledge_base(settings: Settings) -> KnowledgeBase:
    """The packaged knowledge base with the user's actor files layered on."""
    return load_knowledge_base(settings.actor_files)


def actors_version(settings: Settings) -> str:
    """Changes when the resolver or the user's actor files change, so documents are redone."""
    digest = hashlib.sha256()
    for name in settings.actor_files:
        digest.update(Path(name).read_bytes())
    digest.update(str(settings.propose_unknown_actors).encode())
    return f"{ACTORS_STAGE_VERSION}-{digest.hexdigest()[:8]}"


def resolve_actors(
    store: Store,
    *,
    settings: Settings | None = None,
    kb: KnowledgeBase | None = None,
    progress: ProgressCallback | None = None,
) -> int:
    """Resolve the mentions of every document not yet resolved at this version."""
    settings = settings or load_settings()
    kb = kb or knowledge_base(settings)
    version = actors_version(settings)
    pending = store.documents_missing_stage("actors", version)
    resolver = ActorResolver(kb)
    done = 0
    for offset in range(0, len(pending), settings.batch_size):
        batch = store.load_documents(pending[offset : offset + settings.batch_size])
        results = []
        actors = []
        for document in batch:
            mentions = resolver.resolve(document)
            if settings.propose_unknown_actors:
                mentions += propose_organisations(
                    document, mentions, kb, model=settings.spacy_model
                )
            results.append((document.id, mentions))
            actors += actor_records(kb, mentions, document.published)
        store.write_mentions(results, actors, version=version)
        done += len(batch)
        if progress:
            progress(done, len(pending), done)
    return done


@dataclass(slots=True)
class RunReport:
    ingest: IngestReport
    stages: list[str]
    documents_in_store: int
    sentences_in_store: int
    mentions_in_store: int
    actors_in_store: int

    def summary(self) -> str:
        return (
            f"ingest: {self.ingest.summary()}; store now holds {self.documents_in_store} "
            f"documents, {self.sentences_in_store} sentences, {self.mentions_in_store} actor "
            f"mentions of {self.actors_in_store} actors (stages run: {', '.join(self.stages)})"
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
    resolve_actors(store, settings=settings)
    return RunReport(
        ingest=report,
        stages=["ingest", "sentences", "actors"],
        documents_in_store=store.count("documents"),
        sentences_in_store=store.count("sentences"),
        mentions_in_store=store.count("mentions"),
        actors_in_store=store.count("actors"),
    )

"""The main job: sources → Documents → sentences → store, then every later stage.

Extraction is a pure function of one document, so documents are processed one at a time
and written in batches; each batch is one transaction holding whole documents only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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


@dataclass(slots=True)
class RunReport:
    ingest: IngestReport
    stages: list[str]
    documents_in_store: int
    sentences_in_store: int

    def summary(self) -> str:
        return (
            f"ingest: {self.ingest.summary()}; store now holds {self.documents_in_store} "
            f"documents, {self.sentences_in_store} sentences (stages run: {', '.join(self.stages)})"
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
    return RunReport(
        ingest=report,
        stages=["ingest", "sentences"],
        documents_in_store=store.count("documents"),
        sentences_in_store=store.count("sentences"),
    )

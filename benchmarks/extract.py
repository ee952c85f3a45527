"""Whole-pipeline throughput: raw text to stored events, on a process pool and on a cluster.

    python benchmarks/extract.py [--articles 500] [--workers 1 2] [--cluster local:1 local:2]
                                 [--no-floor]

Builds a corpus of news-like articles (about 800 words each) by recombining the paragraphs of
the example corpus, then runs ingest → sentences → actors → events into a fresh store for each
worker count (``--workers``: the process pool) and each cluster (``--cluster``: Dask, ``local:N``
or a scheduler address), and prints articles/s, words/s, CPU time (articles per CPU-second:
the per-core rate, whatever else the machine runs), peak memory per worker, and whether the
events are those of the first run, byte for byte.

The floor (unless ``--no-floor``): in this process, the extraction of the same articles, then
the spaCy parse alone of exactly the sentences that extraction parsed (the same pipeline,
tokenizer and batches), both in CPU seconds per article: how close the pipeline is to the
parse it cannot go below.

Each process does its matrix products on one BLAS thread (detente limits OpenBLAS itself while
parsing), so no ``OPENBLAS_NUM_THREADS`` is needed for one-core figures. The corpus repeats a
few dozen paragraphs, so a cache keyed on whole sentences (the time expressions' is one) hits
more often here than on real news; the parser's caches are keyed on words only.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from detente.config import Settings, load_settings
from detente.pipeline import Extraction, RunReport, run
from detente.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def example_paragraphs() -> list[str]:
    texts = [json.loads(line)["text"] for line in (EXAMPLES / "wire.jsonl").open()]
    texts += [p.read_text(encoding="utf-8") for p in (EXAMPLES / "articles").glob("*.txt")]
    paragraphs = [p.strip() for text in texts for p in text.split("\n\n")]
    return [p for p in paragraphs if len(p.split()) > 25]


def build_corpus(path: Path, articles: int, words_each: int = 800, seed: int = 11) -> int:
    rng = random.Random(seed)
    paragraphs = example_paragraphs()
    total = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(articles):
            chosen: list[str] = []
            while sum(len(p.split()) for p in chosen) < words_each:
                chosen.append(rng.choice(paragraphs))
            text = "\n\n".join(chosen) + f"\n\nFile note {number}."
            total += len(text.split())
            day = 1 + number % 28
            record = {"text": text, "title": f"Article {number}", "published": f"2024-03-{day:02d}"}
            out.write(json.dumps(record) + "\n")
    return total


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _children_cpu() -> float:
    """CPU time of the finished worker processes of a pool (waited for by this one)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def _events(db: Path) -> list[tuple[Any, ...]]:
    with Store.open(db, read_only=True) as store:
        return store.fetch("SELECT * EXCLUDE (trace) , trace::VARCHAR FROM events ORDER BY id")


class Measured:
    """One run: wall time, CPU of every process, peak memory of the largest worker."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.seconds = self.cpu = self.worker_mib = 0.0
        self.report: RunReport | None = None


def _pool_run(settings: Settings, corpus: Path, db: Path, workers: int) -> Measured:
    measured = Measured(f"workers={workers}")
    pool_settings = load_settings({"pipeline.workers": workers})
    cpu = _own_cpu() + _children_cpu()
    started = time.perf_counter()
    with Store.open(db) as store:
        measured.report = run(store, [str(corpus)], settings=pool_settings)
    measured.seconds = time.perf_counter() - started
    measured.cpu = _own_cpu() + _children_cpu() - cpu
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    measured.worker_mib = largest if workers > 1 else own
    return measured


def _cluster_run(settings: Settings, corpus: Path, db: Path, address: str) -> Measured:
    """A run on a cluster, from reaching (or starting) it to stopping it; CPU is this
    process's and every worker's, asked of the workers before they stop."""
    from detente.cluster import connected, parse_cluster_spec

    measured = Measured(f"cluster={address}")
    cpu = _own_cpu()
    started = time.perf_counter()
    with connected(parse_cluster_spec(address), settings) as session:
        before = session.usage()
        with Store.open(db) as store:
            measured.report = run(store, [str(corpus)], settings=settings, cluster=session)
        after = session.usage()
    measured.seconds = time.perf_counter() - started
    worker_cpu = sum(u.cpu_seconds for u in after.values())
    if not address.startswith("local:"):  # a standing cluster: only what this run used
        worker_cpu -= sum(u.cpu_seconds for u in before.values())
    measured.cpu = _own_cpu() - cpu + worker_cpu
    measured.worker_mib = max(u.peak_rss_mib for u in after.values())
    return measured


def _floor(settings: Settings, db: Path, articles: int) -> str:
    """The pipeline in this process, then the parse alone of the sentences it parsed."""
    import detente.events.document as document_stage
    from detente.events.parse import parse_sentences

    with Store.open(db, read_only=True) as store:
        ids = [row[0] for row in store.fetch("SELECT id FROM documents ORDER BY id")]
        documents = store.load_documents(ids)
    extraction = Extraction(settings)
    calls: list[list[str]] = []  # the sentences of each call to the parser, as it was called
    original = document_stage.parse_sentences

    def recording(nlp: Any, texts: list[str], batch_size: int = 64) -> list[Any]:
        calls.append(list(texts))
        return original(nlp, texts, batch_size)

    document_stage.parse_sentences = recording  # type: ignore[assignment]
    try:
        pipeline = _cpu_of(lambda: _extract_all(extraction, documents, settings.batch_size))
    finally:
        document_stage.parse_sentences = original
    parse = _cpu_of(lambda: [parse_sentences(extraction.nlp, texts) for texts in calls])
    sentences = sum(len(texts) for texts in calls)
    return (
        f"floor (one process, CPU): pipeline {pipeline / articles * 1000:.0f} ms/article, "
        f"spaCy parse alone of its {sentences:,} parsed sentences "
        f"{parse / articles * 1000:.0f} ms/article; pipeline / parse = {pipeline / parse:.2f}"
    )


def _extract_all(extraction: Extraction, documents: list[Any], batch_size: int) -> None:
    for offset in range(0, len(documents), batch_size):
        extraction.run(documents[offset : offset + batch_size])


def _cpu_of(work: Callable[[], object]) -> float:
    before = time.process_time()
    work()
    return time.process_time() - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--cluster", nargs="*", default=[], metavar="local:N|ADDRESS")
    parser.add_argument("--no-floor", action="store_true", help="skip the parse-alone floor")
    args = parser.parse_args()
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = build_corpus(corpus, args.articles)
        print(f"corpus: {args.articles} articles, {words:,} words", flush=True)
        runs: list[tuple[str, Callable[[Path], Measured]]] = [
            (f"pool-{n}", lambda db, n=n: _pool_run(settings, corpus, db, n)) for n in args.workers
        ]
        runs += [
            (f"cluster-{i}", lambda db, a=a: _cluster_run(settings, corpus, db, a))
            for i, a in enumerate(args.cluster)
        ]
        first: list[tuple[Any, ...]] | None = None
        for name, how in runs:
            db = Path(tmp) / f"{name}.duckdb"
            measured = how(db)
            events = _events(db)
            first = events if first is None else first
            assert measured.report is not None
            print(
                f"{measured.name}: {measured.seconds:.1f} s, "
                f"{args.articles / measured.seconds:.1f} articles/s, "
                f"{words / measured.seconds:,.0f} words/s; CPU {measured.cpu:.1f} s, "
                f"{args.articles / measured.cpu:.1f} articles per CPU-second; "
                f"{measured.report.events_in_store} events, "
                f"{'identical to' if events == first else 'DIFFERENT from'} the first run's; "
                f"peak RSS of the largest worker {measured.worker_mib:,.0f} MiB",
                flush=True,
            )
        if not args.no_floor:
            print(_floor(settings, Path(tmp) / f"{runs[0][0]}.duckdb", args.articles))


if __name__ == "__main__":
    main()

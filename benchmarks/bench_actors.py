"""Actor resolution speed: all mentions of a set of articles, after the pipeline is loaded.

    python benchmarks/bench_actors.py [FILES...]     (default: the example corpus's .txt files)

Prints the time to load the knowledge base, then the time and sentences/s to resolve every
mention of the given articles (best of five runs). NER proposals of unknown organisations
share the event stage's parse and are measured with it, by benchmarks/extract.py.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from detente.actors.kb import load_knowledge_base
from detente.actors.resolve import ActorResolver
from detente.config import load_settings
from detente.ingest import IngestOptions, Source, read_source
from detente.model import Document
from detente.pipeline import prepare_document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus" / "articles"


def load(paths: list[Path]) -> list[Document]:
    options = IngestOptions(load_settings())
    documents = []
    for path in paths:
        for item in read_source(Source(str(path), "text"), options):
            if isinstance(item, Document):
                documents.append(prepare_document(item))
    return documents


def best_of(runs: int, work: object) -> float:
    assert callable(work)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    paths = [Path(a) for a in sys.argv[1:]] or sorted(EXAMPLES.glob("*.txt"))
    documents = load(paths)
    sentences = sum(len(d.sentences) for d in documents)
    started = time.perf_counter()
    kb = load_knowledge_base()
    resolver = ActorResolver(kb)
    loaded = time.perf_counter() - started
    resolved = best_of(5, lambda: [resolver.resolve(d) for d in documents])
    print(f"articles          {len(documents)} ({sentences} sentences)")
    print(f"knowledge base    {loaded:.2f} s to load and index")
    print(f"resolve mentions  {resolved * 1000:.0f} ms  ({sentences / resolved:,.0f} sentences/s)")
    print(f"peak RSS          {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()

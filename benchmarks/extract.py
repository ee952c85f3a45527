"""Whole-pipeline throughput: raw text to stored events, one and two processes.

    python benchmarks/extract.py [--articles 500] [--workers 1 2]

Builds a corpus of news-like articles (about 800 words each) by recombining the paragraphs of
the example corpus, then runs ingest → sentences → actors → events into a fresh store for each
worker count, and prints articles/s, words/s, CPU time (articles per CPU-second: the per-core
rate, whatever else the machine runs) and peak memory (this process plus workers).

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
from pathlib import Path

from detente.config import load_settings
from detente.pipeline import run
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


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: per-core throughput, whatever
    else the machine is doing."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = build_corpus(corpus, args.articles)
        print(f"corpus: {args.articles} articles, {words:,} words")
        for workers in args.workers:
            settings = load_settings({"pipeline.workers": workers})
            db = Path(tmp) / f"bench-{workers}.duckdb"
            with Store.open(db) as store:
                cpu_before = _cpu_seconds()
                started = time.perf_counter()
                report = run(store, [str(corpus)], settings=settings)
                elapsed = time.perf_counter() - started
                cpu = _cpu_seconds() - cpu_before
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(
                f"workers={workers}: {elapsed:.1f} s, {args.articles / elapsed:.1f} articles/s, "
                f"{words / elapsed:,.0f} words/s; CPU {cpu:.1f} s, "
                f"{args.articles / cpu:.1f} articles per CPU-second; "
                f"{report.events_in_store} events; "
                f"{report.extraction.summary()}; peak RSS {own:,.0f} MiB "
                f"(largest worker {children:,.0f} MiB)"
            )


if __name__ == "__main__":
    main()

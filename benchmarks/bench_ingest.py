"""Ingest throughput and peak memory on a synthetic collection built from the example corpus.

    python benchmarks/bench_ingest.py [--documents 5000]

Documents are made unique by recombining the example articles' sentences, so the figures
reflect real-looking news text of about 250 words each. Prints documents/s, words/s and the
peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from detente import Store, ingest
from detente.nlp import split_sentences

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def example_sentences() -> list[str]:
    texts = [json.loads(line)["text"] for line in (EXAMPLES / "wire.jsonl").open()]
    texts += [p.read_text(encoding="utf-8") for p in (EXAMPLES / "articles").glob("*.txt")]
    return [s.text for text in texts for s in split_sentences(text)]


def build_collection(path: Path, documents: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    sentences = example_sentences()
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(documents):
            paragraphs = [" ".join(rng.sample(sentences, 3)) for _ in range(4)]
            text = "\n\n".join(paragraphs)
            words += len(text.split())
            record = {"text": text, "title": f"Synthetic {number}", "published": "2024-05-01"}
            out.write(json.dumps(record) + "\n")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        collection = Path(tmp) / "collection.jsonl"
        words = build_collection(collection, args.documents)
        split_sentences("Warm up the splitter.")
        with Store.open(Path(tmp) / "bench.duckdb") as store:
            started = time.perf_counter()
            report = ingest(store, [str(collection)])
            elapsed = time.perf_counter() - started
            again_started = time.perf_counter()
            repeat = ingest(store, [str(collection)])
            again = time.perf_counter() - again_started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents        {report.new} new ({args.documents} in the collection)")
    print(f"sentences        {report.sentences}")
    print(
        f"ingest           {elapsed:.2f} s  {report.new / elapsed:,.0f} docs/s  "
        f"{words / elapsed:,.0f} words/s"
    )
    print(f"re-ingest        {again:.2f} s  ({repeat.already_stored} already stored)")
    print(f"peak RSS         {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()

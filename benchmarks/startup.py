"""Wall time of commands as a user runs them: a fresh process each time, start-up included.

    python benchmarks/startup.py [--runs 5] [--seed-db PATH] [--big-db PATH] [--events N]

Builds two stores in a temporary folder (or reuses the ones named): the seed articles of
``../shared/seeds`` through ``detente run``, and the synthetic store of
``benchmarks/bench_analysis.py`` (a million events unless ``--events`` says otherwise). Then
runs each command ``--runs`` times as a subprocess and prints the median beside the target
of issue 14. It prints figures and asserts nothing: tests check what is imported
(``tests/cli/test_startup_imports.py``), never how long it takes.

With ``PYTHONDONTWRITEBYTECODE`` set and no ``__pycache__`` beside detente's sources (an
editable install on such a machine), every run compiles detente's modules again, a tenth of
a second or more of each start-up: the benchmark says so (``python -m compileall src``
writes them once).

``detente check`` keeps the knowledge base it loads in a cache (``detente.cache``); the
benchmark gives it a cache folder of its own, times the first run (which builds it) apart,
then the usual runs, and a claim of an unusual shape, which loads the parser as well.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_analysis import build_store

from detente.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ENV = dict(os.environ)  # DETENTE_CACHE_DIR is set to a folder of this run in main()


def detente(*args: str | Path) -> list[str]:
    """The command line of ``detente ARGS`` with this interpreter."""
    return [sys.executable, "-m", "detente", *map(str, args)]


def median_seconds(command: list[str], runs: int) -> float:
    """The median wall time of ``runs`` runs of ``command``; a failing run stops the benchmark,
    since timing an error message says nothing."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, env=ENV)
        times.append(time.perf_counter() - started)
        if completed.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr}")
    return statistics.median(times)


def not_compiled() -> bool:
    """Whether the processes run here will compile detente's sources each time."""
    import detente

    package = Path(detente.__file__).parent
    writes = not (ENV.get("PYTHONDONTWRITEBYTECODE") or sys.flags.dont_write_bytecode)
    return not writes and not any(package.glob("__pycache__/*.pyc"))


def seed_store(path: Path) -> None:
    """The seed articles, ingested and extracted as a user would."""
    command = detente("--db", path, "run", "--quiet", *sorted(SEEDS.glob("*.txt")))
    subprocess.run(command, check=True, capture_output=True)


def busiest_pair(path: Path) -> tuple[str, str]:
    """The two actors with the most events between them (as ``bench_analysis.py`` picks)."""
    with Store.open(path, read_only=True) as store:
        rows = store.fetch(
            """
            SELECT least(source_id, target_id), greatest(source_id, target_id)
            FROM events WHERE target_id IS NOT NULL AND source_id <> target_id
            GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1
            """
        )
    return rows[0][0], rows[0][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed-db", type=Path, help="keep the seed store here")
    parser.add_argument("--big-db", type=Path, help="keep the synthetic store here")
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ENV["DETENTE_CACHE_DIR"] = str(Path(tmp) / "cache")
        seeds = args.seed_db or Path(tmp) / "seeds.duckdb"
        if not seeds.exists():
            seed_store(seeds)
        big = args.big_db or Path(tmp) / "big.duckdb"
        if not big.exists():
            build_store(big, args.events, 2000)
        a, b = busiest_pair(big)
        cases = [
            ("detente --version", detente("--version"), 0.3),
            (
                "detente dyad Iran Taliban (seeds)",
                detente("--db", seeds, "dyad", "Iran", "Taliban"),
                0.7,
            ),
            (
                'detente check "Iran supports ISIS-K" (seeds)',
                detente("--db", seeds, "check", "Iran supports ISIS-K"),
                1.5,
            ),
            (
                f"detente dyad {a} {b} ({args.events:,} events)",
                detente("--db", big, "dyad", a, b),
                1.0,
            ),
        ]
        check = detente("--db", seeds, "check", "Iran supports ISIS-K")
        print(
            f"{'the same check, first run (builds the cache)':<55} "
            f"{median_seconds(check, 1):6.2f} s"
        )
        if not_compiled():
            print(
                "note: detente's modules have no bytecode and none is written "
                "(PYTHONDONTWRITEBYTECODE): each run compiles them"
            )
        print(f"median wall time of {args.runs} runs, each a new process")
        for label, command, target in cases:
            seconds = median_seconds(command, args.runs)
            print(f"{label:<55} {seconds:6.2f} s   (target ≤ {target:.1f} s)")
        unusual = "Iran accused the Taliban of attacking its diplomats"
        seconds = median_seconds(detente("--db", seeds, "check", unusual), args.runs)
        print(f"{'detente check (a claim that needs the parser)':<55} {seconds:6.2f} s")


if __name__ == "__main__":
    main()

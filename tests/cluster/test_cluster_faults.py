"""Faults of a cluster run: a worker killed mid-run loses nothing and stores nothing twice;
Ctrl-C stops the cluster detente started and leaves the store whole, and the same command
again finishes the job.

The worker is killed on the cluster of these tests (``scheduler``, reached by its address as
a user's ``--cluster tcp://...`` is); Ctrl-C goes to ``detente run --cluster local:2`` in a
subprocess on a pseudo-terminal, as a user presses it.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from detente.cluster import ClusterSpec, connected
from detente.config import load_settings
from detente.pipeline import ExtractionProgress, extract, ingest
from detente.store import Store
from tests.cli._corpus import write_corpus
from tests.cli.test_run_lifecycle import _interrupt_mid_extraction, _last_line, _wait_gone
from tests.support import run_cli

pytest.importorskip("distributed", reason='Dask is not installed: pip install -e ".[cluster]"')
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads processes from /proc"
)

DOCUMENTS = 12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("cluster-faults"), DOCUMENTS)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus run in one process, nothing interrupted."""
    db = tmp_path_factory.mktemp("reference") / "store.duckdb"
    result = run_cli("--db", db, "run", "--quiet", corpus)
    assert result.returncode == 0, result.stderr
    return db


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """What extraction stored, every row (mentions have no key: a batch stored twice would
    show as repeated rows)."""
    with Store.open(db, read_only=True) as store:
        return {
            "events": store.fetch(
                "SELECT id, doc_id, sentence_idx, source_id, target_id, type, modality, "
                "time_start FROM events ORDER BY ALL"
            ),
            "mentions": store.fetch(
                "SELECT doc_id, sentence_idx, start_char, end_char, actor_id FROM mentions "
                "ORDER BY ALL"
            ),
            "done": store.fetch("SELECT doc_id, stage FROM document_stages ORDER BY ALL"),
        }


def test_a_worker_killed_mid_run_loses_nothing_and_stores_nothing_twice(
    corpus: Path, reference: Path, scheduler: str, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    settings = load_settings()
    killed: list[int] = []
    with Store.open(db) as store:
        ingest(store, [str(corpus)], settings=settings)
        with connected(ClusterSpec(scheduler=scheduler), settings) as session:
            pids: dict[str, int] = session.client.run(os.getpid)
            assert len(pids) == 2

            def kill_one_after_the_first_batch(progress: ExtractionProgress) -> None:
                if progress.stored and not killed:
                    victim = pids[sorted(pids)[0]]
                    os.kill(victim, signal.SIGKILL)  # both workers hold batches by now
                    killed.append(victim)

            report = extract(
                store, settings=settings, progress=kill_one_after_the_first_batch, cluster=session
            )
            after = session.client.run(os.getpid)
    assert killed and killed[0] not in after.values()  # it died, and was replaced
    assert report.documents == DOCUMENTS
    assert _rows(db) == _rows(reference)


def test_ctrl_c_stops_the_local_cluster_and_the_same_command_finishes(
    corpus: Path, reference: Path, scheduler: str, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    ended = _interrupt_mid_extraction(
        db, corpus, signal.SIGINT, group=True, how=("--cluster", "local:2")
    )
    assert ended.returncode == 128 + signal.SIGINT
    assert len(ended.workers) >= 2  # the cluster's worker processes
    assert _wait_gone(ended.workers, 30) == []
    assert "Traceback" not in ended.stderr and "KeyboardInterrupt" not in ended.stderr
    assert _last_line(ended.stderr).startswith("interrupted (Ctrl-C) while extracting")
    with Store.open(db, read_only=True) as store:
        assert store.integrity_problems() == []
        done = {r[0] for r in store.fetch("SELECT doc_id FROM document_stages")}
        with_rows = {r[0] for r in store.fetch("SELECT doc_id FROM mentions")}
    assert ended.documents_reported <= len(done) < DOCUMENTS
    assert with_rows == done  # whole batches only
    # the same command again, on a cluster whose workers have the extraction loaded
    again = run_cli("--db", db, "run", corpus, "--cluster", scheduler)
    assert again.returncode == 0, again.stderr
    assert f"extract: {DOCUMENTS - len(done)} documents" in again.stderr
    assert _rows(db) == _rows(reference)

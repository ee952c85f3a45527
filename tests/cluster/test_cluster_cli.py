"""`detente run --cluster local:2` as a user runs it: the same summary and the same events,
byte for byte, as a run in one process; the same command again extracts nothing; and a
scheduler nobody runs is one line before any work."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import pytest

from tests.conftest import ExampleRun
from tests.support import EXAMPLES, CliResult, run_cli

pytest.importorskip("distributed", reason='Dask is not installed: pip install -e ".[cluster]"')

CORPUS = EXAMPLES / "corpus"


@pytest.fixture(scope="module")
def runs(
    example_run: ExampleRun, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, CliResult]]:
    """The example corpus run in one process (the session's run) and on a local cluster of
    two workers: each store and what each command printed."""
    db = tmp_path_factory.mktemp("cluster-run") / "cluster.duckdb"
    clustered = run_cli("--db", db, "run", CORPUS, "--cluster", "local:2")
    assert clustered.returncode == 0, clustered.stderr
    return {"local": (example_run.db, example_run.result), "cluster": (db, clustered)}


@pytest.mark.parametrize("command", [["events", "--json"], ["actors", "--json"]])
def test_a_local_cluster_stores_what_one_process_stores(
    runs: dict[str, tuple[Path, CliResult]], command: list[str]
) -> None:
    local = run_cli("--db", runs["local"][0], *command)
    clustered = run_cli("--db", runs["cluster"][0], *command)
    assert local.returncode == clustered.returncode == 0, clustered.stderr
    assert '"events": [' in local.stdout or '"actors": [' in local.stdout
    assert len(local.stdout) > 1000  # the corpus has events and actors to compare
    assert clustered.stdout == local.stdout


def test_the_run_summary_and_stage_lines_are_those_of_a_local_run(
    runs: dict[str, tuple[Path, CliResult]],
) -> None:
    local, clustered = runs["local"][1], runs["cluster"][1]
    assert clustered.stdout == local.stdout
    assert re.search(r"events: [1-9][0-9]* events", clustered.stdout), clustered.stdout
    # Dask may log a warning of its own on a loaded machine ("event loop was unresponsive"):
    # the stage lines are detente's
    stages = [
        line.split(" in ")[0]
        for line in clustered.stderr.splitlines()
        if line.startswith(("ingest:", "extract:"))
    ]
    assert stages == [
        "ingest: 8 documents read from 6 sources",
        "extract: 8 documents, 90 sentences",
    ]


def test_running_a_finished_corpus_again_extracts_nothing(
    runs: dict[str, tuple[Path, CliResult]],
) -> None:
    db = runs["cluster"][0]
    before = run_cli("--db", db, "events", "--json").stdout
    again = run_cli("--db", db, "run", CORPUS, "--cluster", "local:2")
    assert again.returncode == 0, again.stderr
    assert "extract: nothing to do" in again.stderr
    assert again.stdout.startswith("ingest: 0 new, 8 already stored; events: 0 events")
    assert run_cli("--db", db, "events", "--json").stdout == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_scheduler_is_one_line_before_any_work(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[cluster]\nconnect_timeout_seconds = 1.0\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = run_cli(
        "--db",
        db,
        "run",
        CORPUS,
        "--cluster",
        address,
        env={**os.environ, "DETENTE_CONFIG": str(config)},
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: [E701] no Dask scheduler answers at {address}")
    assert result.stdout == ""
    assert not db.exists()  # nothing was read, not even the store created

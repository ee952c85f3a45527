"""Shared fixtures: a temporary store path and a real local HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import EXAMPLES, CliResult, LocalServer, run_cli


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    server = LocalServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True, scope="session")
def _cache_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """detente's cache of loaded objects (``detente.cache``) in a folder of this test run,
    for the commands the tests run too, never in the user's own cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DETENTE_CACHE_DIR", str(tmp_path_factory.mktemp("detente-cache")))
        yield


@dataclass(frozen=True)
class ExampleRun:
    """The example corpus run once, in one process, as a user runs it: its store, the
    Parquet dataset written beside it, and what the command printed."""

    db: Path
    dataset: Path
    result: CliResult


@pytest.fixture(scope="session")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> ExampleRun:
    """``detente run examples/corpus --parquet DIR``, once, for the tests that compare
    another way of running or reading with it. Never written to: copy it to change it."""
    folder = tmp_path_factory.mktemp("example-run")
    db, dataset = folder / "store.duckdb", folder / "dataset"
    result = run_cli("--db", db, "run", EXAMPLES / "corpus", "--parquet", dataset)
    assert result.returncode == 0, result.stderr
    return ExampleRun(db, dataset, result)

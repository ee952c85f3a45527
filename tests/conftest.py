"""Shared fixtures: a temporary store path and a real local HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import LocalServer


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

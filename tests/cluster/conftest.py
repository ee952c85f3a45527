"""One Dask cluster for the cluster tests that need a standing one (a user's own cluster,
reached by its address): started once, two worker processes, stopped at the end."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def scheduler() -> Iterator[str]:
    """The address of a cluster of two worker processes, one thread each."""
    pytest.importorskip("distributed", reason='Dask is not installed: pip install -e ".[cluster]"')
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
        silence_logs=logging.ERROR,
    )
    yield str(cluster.scheduler_address)
    cluster.close()

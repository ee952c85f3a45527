"""A run's hold on a Dask cluster: batches out to the workers, results back to the writer.

Each worker loads the parser and the knowledge base once (:func:`~detente.pipeline.
prepare_this_process`), all of them together before the first batch. A task is a batch:
:func:`~detente.pipeline.run_batch_here` returns its :class:`~detente.pipeline.BatchResult`,
which this process stores in one transaction.

Faults are Dask's to handle: a worker that dies loses the batches it held, and the scheduler
gives them to another worker (a local cluster's nanny also restarts the dead one). The
writer waits on each batch's one future, so a batch redone is still stored once, and storing
a document replaces what was stored for it.
"""

from __future__ import annotations

import logging
import resource
from dataclasses import dataclass
from typing import Any

import dask
from distributed import Client, Future, LocalCluster
from distributed.scheduler import KilledWorker

from detente.cluster import ClusterSpec
from detente.config import Settings
from detente.errors import ClusterError, ClusterMismatch, ClusterUnreachable, DetenteError
from detente.model import Document
from detente.pipeline import BatchResult, interrupts_held, prepare_this_process, run_batch_here

#: Dask settings for the workers of a ``local:N`` cluster, against Dask's defaults: no
#: statistical profiler sampling every worker's stack (detente never reads it) and no
#: ``MALLOC_TRIM_THRESHOLD_`` (glibc handing memory back after every batch): each cost the
#: extraction CPU time, a tenth or more together on ``benchmarks/extract.py``.
_LOCAL_WORKER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
    },
}


@dataclass(frozen=True, slots=True)
class WorkerUsage:
    """What one worker process has used so far: CPU seconds and peak resident memory."""

    cpu_seconds: float
    peak_rss_mib: float


def _usage_here() -> WorkerUsage:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return WorkerUsage(own.ru_utime + own.ru_stime, own.ru_maxrss / 1024)


class _Batch:
    """A batch's Dask future, its failures said in detente's terms."""

    def __init__(self, future: Future[BatchResult]) -> None:
        self.future = future

    def result(self) -> BatchResult:
        try:
            return self.future.result()
        except KilledWorker as exc:
            raise ClusterError(
                f"a batch was lost with every worker that took it ({exc}); "
                "what was stored before stays stored"
            ) from None


class ClusterSession:
    """The client of one run on a cluster (a :class:`detente.pipeline.BatchRunner`)."""

    def __init__(self, client: Client, cluster: LocalCluster | None, settings: Settings) -> None:
        self.client = client
        self.cluster = cluster
        self.settings = settings
        self.version = ""
        self.workers = len(client.scheduler_info()["workers"])

    @classmethod
    def open(cls, spec: ClusterSpec, settings: Settings) -> ClusterSession:
        """Reach the scheduler of ``spec`` (or start a local cluster) and wait for a worker.

        A local cluster's workers leave Ctrl-C to this process
        (:mod:`detente.cluster.worker_setup`), which stops them; a Ctrl-C while they start
        waits until they have (:func:`~detente.pipeline.interrupts_held`)."""
        cluster: LocalCluster | None = None
        try:
            with interrupts_held(), dask.config.set(_LOCAL_WORKER_CONFIG):
                if spec.local_workers:
                    cluster = LocalCluster(
                        n_workers=spec.local_workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        host="127.0.0.1",
                        silence_logs=logging.ERROR,
                        preload=["detente.cluster.worker_setup"],
                    )
                client = Client(cluster or spec.scheduler, timeout=settings.cluster_connect_timeout)
        except OSError as exc:
            if cluster is not None:
                cluster.close()
            raise ClusterUnreachable(
                f"no Dask scheduler answers at {spec} ({exc}): start one with "
                "`dask scheduler` or check the address"
            ) from None
        try:
            client.wait_for_workers(1, timeout=settings.cluster_workers_timeout)
            return cls(client, cluster, settings)
        except BaseException as exc:
            client.close()
            if cluster is not None:
                cluster.close()
            if isinstance(exc, TimeoutError):
                raise ClusterUnreachable(
                    f"the Dask scheduler at {spec} has no workers "
                    f"(none within {settings.cluster_workers_timeout:g} s): start some with "
                    "`dask worker`"
                ) from None
            raise

    def check(self, version: str) -> None:
        """Have every worker load the extraction, all at once, and refuse one whose version
        differs from ``version`` (the one the store records). Only when there is work: a
        run with nothing to extract loads nothing."""
        self.version = version
        prepared = {
            address: self.client.submit(
                prepare_this_process,
                self.settings,
                workers=[address],
                allow_other_workers=True,
                pure=False,
            )
            for address in sorted(self.client.scheduler_info()["workers"])
        }
        for address, future in prepared.items():
            try:
                theirs = future.result()
            except DetenteError:
                raise
            except Exception as exc:
                raise ClusterError(
                    f"worker {address} cannot load detente's extraction: "
                    f"{type(exc).__name__}: {exc}"
                ) from None
            if theirs != version:
                raise ClusterMismatch(
                    f"worker {address} would extract at version {theirs}, this run at "
                    f"{version}: give the workers the same detente, actor files and parser"
                )

    def submit(self, documents: list[Document]) -> _Batch:
        return _Batch(
            self.client.submit(run_batch_here, self.settings, documents, self.version, pure=False)
        )

    def usage(self) -> dict[str, WorkerUsage]:
        """CPU and peak memory of each worker process so far (for the benchmark)."""
        found: dict[str, Any] = self.client.run(_usage_here)
        return dict(found)

    def close(self) -> None:
        """Let go of the cluster: this run's tasks are forgotten, a local cluster stopped."""
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()

"""Extraction on a Dask cluster: ``--cluster tcp://HOST:PORT`` (a running scheduler) or
``--cluster local:N`` (N worker processes on this machine, started and stopped by detente).

The cluster is one more way to extract batches while this process stores them (a
:class:`detente.pipeline.BatchRunner`), not a second pipeline: documents are read,
deduplicated and stored here, batches go to the workers, and their results come back to the
one writer of the store. This module is only the address and :func:`connected`; Dask itself
is imported by :mod:`detente.cluster.session` when a run asks for a cluster, so that no other
command pays for it at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.errors import ClusterUnavailable, OutOfRange, UsageError

if TYPE_CHECKING:
    from detente.cluster.session import ClusterSession
    from detente.config import Settings

#: Worker processes ``local:N`` may start.
MAX_LOCAL_WORKERS = 256

#: The schemes of a Dask scheduler address.
_SCHEMES = ("tcp", "tls", "ws", "wss")
_ADDRESS = re.compile(
    r"^(?:(?P<scheme>[a-z]+)://)?(?P<host>\[[0-9a-fA-F:]+\]|[^:/\s]+):(?P<port>\d+)$"
)


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """Where to extract: a scheduler's address, or a cluster of this many local workers."""

    scheduler: str | None = None
    local_workers: int | None = None

    def __str__(self) -> str:
        return f"local:{self.local_workers}" if self.local_workers else str(self.scheduler)


def parse_cluster_spec(text: str, name: str = "--cluster") -> ClusterSpec:
    """``local:N`` or a scheduler address (``tcp://host:8786``; ``host:8786`` means tcp)."""
    value = text.strip()
    if value.lower().startswith("local:"):
        count = value[len("local:") :]
        if not count.isdigit():
            raise UsageError(f"{name} {text!r}: give local:N with N a number of workers")
        workers = int(count)
        if not 1 <= workers <= MAX_LOCAL_WORKERS:
            raise OutOfRange(
                f"{name} {text} is out of range: give local:1 to local:{MAX_LOCAL_WORKERS}"
            )
        return ClusterSpec(local_workers=workers)
    match = _ADDRESS.match(value)
    scheme = (match.group("scheme") or "tcp") if match else ""
    if match is None or scheme not in _SCHEMES or not 1 <= int(match.group("port")) <= 65_535:
        raise UsageError(
            f"{name} {text!r} is no cluster: give a Dask scheduler address "
            "(tcp://HOST:PORT) or local:N"
        )
    return ClusterSpec(scheduler=f"{scheme}://{match.group('host')}:{match.group('port')}")


@contextmanager
def connected(spec: ClusterSpec, settings: Settings) -> Iterator[ClusterSession]:
    """The cluster of ``spec``, reached (or started) before any work, and let go at the
    end however it ends: a local cluster is stopped, a remote one forgets this run's tasks.
    An unreachable scheduler is :class:`~detente.errors.ClusterUnreachable`."""
    try:
        from detente.cluster.session import ClusterSession
    except ImportError as exc:
        raise ClusterUnavailable(
            f"--cluster needs Dask, which is not installed ({exc.name}): "
            'pip install -e ".[cluster]"'
        ) from None
    session = ClusterSession.open(spec, settings)
    try:
        yield session
    finally:
        session.close()


__all__ = ["MAX_LOCAL_WORKERS", "ClusterSpec", "connected", "parse_cluster_spec"]

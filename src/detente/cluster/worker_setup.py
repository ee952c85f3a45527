"""Run by Dask in each worker process of a cluster detente starts (``--cluster local:N``),
before the worker takes any task (Dask's ``preload``).

Ctrl-C reaches every process of the terminal's foreground group, the workers too. Left to
itself, each worker's event loop would stop with a traceback on the terminal; instead the
workers ignore it, and detente, which catches it, stops them and says so in one line (as
the process pool's workers do, :func:`detente.pipeline._leave_interrupts_to_parent`).
"""

from __future__ import annotations

import signal


def dask_setup(worker: object) -> None:
    """Dask's preload hook; it runs in the worker process's main thread."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

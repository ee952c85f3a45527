"""`detente report`: the views as one self-contained HTML file.

It embeds the data of :func:`detente.views.data.view_data` and inlines the packaged scripts
and styles, so the file opens in any browser with no network and no server, can be mailed
or archived, and prints (the stylesheet has a print section).
"""

from __future__ import annotations

from pathlib import Path

from detente.config import AnalysisSettings
from detente.errors import ExportFailed
from detente.store import Store
from detente.views.data import DEFAULT_DYADS, view_data
from detente.views.filters import EventFilter
from detente.views.html import render_report

__all__ = ["build_report", "write_report"]


def build_report(
    store: Store,
    filters: EventFilter | None = None,
    *,
    settings: AnalysisSettings | None = None,
    dyads: int = DEFAULT_DYADS,
    title: str = "detente report",
) -> str:
    """The report's HTML text."""
    data = view_data(store, filters, settings=settings, dyads=dyads)
    return render_report(data, title=title)


def write_report(
    store: Store,
    path: str | Path,
    filters: EventFilter | None = None,
    *,
    settings: AnalysisSettings | None = None,
    dyads: int = DEFAULT_DYADS,
    title: str = "detente report",
) -> Path:
    """Write the report to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    text = build_report(store, filters, settings=settings, dyads=dyads, title=title)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ExportFailed(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target

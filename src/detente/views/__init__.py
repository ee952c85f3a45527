"""The views, last stage of the flow: exports, the HTML report and the local web app.

They only read: the store (opened read-only) and the results of :mod:`detente.analysis`.
Article text is shown as text, never as markup (see :mod:`detente.views.html`).

- :func:`export` — events as CSV, JSON Lines or Parquet; the actor network as GraphML/GEXF.
- :func:`build_report` / :func:`write_report` — one self-contained HTML file.
- :func:`create_app` (in :mod:`detente.views.server`) — the web app and its JSON API.
"""

from __future__ import annotations

from detente.views.export import FORMATS, ExportResult, export
from detente.views.filters import EventFilter
from detente.views.report import build_report, write_report

__all__ = ["FORMATS", "EventFilter", "ExportResult", "build_report", "export", "write_report"]

"""HTML pages for the report and the web app, from the packaged static files.

Article text is untrusted: a sentence may contain ``<script>``, ``onerror=`` or
``javascript:`` links. So the pages never put data into markup. The data travel as JSON in a
``<script type="application/json">`` element (which the browser does not run), with every
``<``, ``>`` and ``&`` written as a ``\\u`` escape so no text can close the element, and
``views.js`` draws them with ``textContent`` and DOM calls. A Content-Security-Policy adds a
second wall: the report runs only the scripts whose hashes it lists and may not load
anything, the web app only its own files.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib.resources import files
from typing import Any, Final, Literal

__all__ = ["APP_CSP", "STATIC_FILES", "embed_json", "render_app", "render_report", "static_text"]

#: Files under ``detente/views/static`` a page uses, in load order.
STATIC_FILES: Final = ("cytoscape.min.js", "views.js")
STYLESHEET: Final = "views.css"

#: The web app's policy: its own scripts, styles and API only.
APP_CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

Mode = Literal["report", "app"]


@cache
def static_text(name: str) -> str:
    """A packaged static file's text (read once per process)."""
    return files("detente.views").joinpath("static", name).read_text(encoding="utf-8")


def embed_json(payload: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survives, so
    ``</script>`` or ``<!--`` in the data cannot end or change the element; U+2028/2029 are
    escaped too for old parsers."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def render_report(data: dict[str, Any], *, title: str = "detente report") -> str:
    """One self-contained HTML document: styles, scripts and data inline, no network."""
    scripts = [static_text(name) for name in STATIC_FILES]
    hashes = " ".join(f"'sha256-{_sha256(s)}'" for s in scripts)
    csp = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    inline = "\n".join(f"<script>{s}</script>" for s in scripts)
    return _page(
        mode="report",
        title=title,
        head=f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        f"<style>{static_text(STYLESHEET)}</style>",
        data=data,
        scripts=inline,
    )


def render_app(config: dict[str, Any], *, title: str = "detente") -> str:
    """The web app's page: static files from ``/static/``; it fetches its data from the API
    (``config`` says where and which filters to start with)."""
    tags = "\n".join(f'<script src="/static/{name}"></script>' for name in STATIC_FILES)
    return _page(
        mode="app",
        title=title,
        head=f'<link rel="stylesheet" href="/static/{STYLESHEET}">',
        data=config,
        scripts=tags,
    )


def _page(*, mode: Mode, title: str, head: str, data: dict[str, Any], scripts: str) -> str:
    safe_title = _escape_text(title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="detente">
<title>{safe_title}</title>
{head}
</head>
<body data-mode="{mode}">
<header class="page-head"><h1>{safe_title}</h1><p class="subtitle" id="subtitle"></p></header>
<main id="detente-root"><p class="loading">Loading…</p></main>
<noscript><p>This page draws its views with JavaScript; the data are in the
<code>detente-data</code> element of its source.</p></noscript>
<script type="application/json" id="detente-data">{embed_json({"mode": mode, **data})}</script>
{scripts}
</body>
</html>
"""


def _escape_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")

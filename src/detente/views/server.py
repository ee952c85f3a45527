"""The local web app: the report's views with live queries, over the JSON API.

Read-only by construction: every request opens the store read-only (a DuckDB read-only
connection cannot write), and only GET routes exist. It binds to 127.0.0.1 unless told
otherwise and then answers only requests addressed to a loopback name, so a web page
elsewhere cannot reach it through DNS rebinding. Pages carry a Content-Security-Policy that
allows the app's own scripts only.

Errors have one shape on every endpoint::

    {"ok": false, "error": {"code": "E310", "message": "...", "status": 404}}
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from detente import __version__
from detente.config import Settings, load_settings
from detente.errors import (
    AnalysisError,
    DetenteError,
    DocumentNotFound,
    StoreError,
    UnknownActorName,
    UsageError,
)
from detente.views.api import router
from detente.views.html import APP_CSP, STATIC_FILES, STYLESHEET, render_app, static_text

__all__ = ["LOOPBACK_HOSTS", "create_app"]

LOOPBACK_HOSTS: Final = ("127.0.0.1", "localhost", "::1", "[::1]")
_CONTENT_TYPES: Final = {".js": "text/javascript", ".css": "text/css"}
_HEADERS: Final = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def create_app(
    store_path: str | Path,
    *,
    settings: Settings | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The web app over the store at ``store_path``. ``allowed_hosts`` limits the Host
    header (``serve`` passes the loopback names when it binds to a loopback address)."""
    app = FastAPI(
        title="detente",
        version=__version__,
        summary="Evidence-backed actors and events from geopolitical news: read-only API.",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.store_path = Path(store_path)
    app.state.settings = settings or load_settings()
    app.state.kb = None
    app.state.kb_lock = threading.Lock()
    app.state.extraction = None  # the claim checker's parser, loaded on the first claim
    app.state.extraction_lock = threading.Lock()
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.include_router(router)
    _add_pages(app)
    _add_error_handlers(app)
    return app


def _add_pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(
        actor: str | None = None, since: str | None = None, until: str | None = None
    ) -> HTMLResponse:
        """The views, drawn by ``views.js`` from ``/api/view`` with the filters given."""
        config = {"filters": {"actor": actor, "since": since, "until": until}}
        return HTMLResponse(
            render_app(config), headers={**_HEADERS, "Content-Security-Policy": APP_CSP}
        )

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        """Only the packaged files the pages use; nothing else on disk is reachable."""
        if name not in (*STATIC_FILES, STYLESHEET):
            raise HTTPException(404, f"no static file {name!r}")
        suffix = name[name.rfind(".") :]
        return Response(
            static_text(name),
            media_type=_CONTENT_TYPES[suffix],
            headers={**_HEADERS, "Cache-Control": "max-age=3600"},
        )


def _status(error: DetenteError) -> int:
    if isinstance(error, UnknownActorName | DocumentNotFound):
        return 404
    if isinstance(error, StoreError):
        return 503
    if isinstance(error, AnalysisError | UsageError):
        return 400
    return 400


def _error(status: int, code: str, message: str) -> JSONResponse:
    body: dict[str, Any] = {
        "ok": False,
        "error": {"code": code, "message": message, "status": status},
    }
    return JSONResponse(body, status_code=status, headers=_HEADERS)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DetenteError)
    def detente_error(request: Request, error: DetenteError) -> JSONResponse:
        message = str(error).split("] ", 1)[-1]
        return _error(_status(error), error.code, message)

    @app.exception_handler(RequestValidationError)
    def bad_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in error.errors()
        )
        return _error(400, UsageError.code, problems or "bad request")

    @app.exception_handler(HTTPException)
    def http_error(request: Request, error: HTTPException) -> JSONResponse:
        return _error(error.status_code, f"HTTP{error.status_code}", str(error.detail))

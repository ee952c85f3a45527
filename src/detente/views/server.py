"""The local web app: the report's views with live queries, over the JSON API.

Read-only by construction: every request opens the store read-only (a DuckDB read-only
connection cannot write), and only GET routes exist. It binds to 127.0.0.1 unless told
otherwise and then answers only requests addressed to a loopback name, so a web page
elsewhere cannot reach it through DNS rebinding. Pages carry a Content-Security-Policy that
allows the app's own scripts only.

Errors have one shape on every endpoint, and on every answer that is not a success (an
unknown route, a wrong method, a bad parameter, a Host header it does not answer to, a store
that cannot be opened, a failure nobody foresaw)::

    {"ok": false, "error": {"code": "E310", "message": "...", "status": 404}}

Nothing the server serves loads anything from elsewhere: the API's documentation is a small
page of its own (``static/api-docs.*``) drawn from ``/openapi.json``, no CDN.
"""

from __future__ import annotations

import errno
import socket
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente import __version__
from detente.config import Settings, load_settings
from detente.errors import (
    AnalysisError,
    DetenteError,
    DocumentNotFound,
    InternalError,
    PortUnavailable,
    StoreError,
    UnknownActorName,
    UsageError,
)
from detente.views.api import router
from detente.views.html import APP_CSP, STATIC_FILES, STYLESHEET, render_app, static_text

__all__ = ["LOOPBACK_HOSTS", "create_app", "listening_socket"]

LOOPBACK_HOSTS: Final = ("127.0.0.1", "localhost", "::1", "[::1]")
_CONTENT_TYPES: Final = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}
#: The API documentation page and its own files (``static/``), served under /api/docs.
DOCS_PAGE: Final = "api-docs.html"
DOCS_FILES: Final = ("api-docs.js", "api-docs.css")
#: The documentation page's policy: its own script and style, and the OpenAPI JSON.
DOCS_CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
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
        docs_url=None,  # FastAPI's pages load Swagger UI from a CDN: ours is local
        redoc_url=None,
    )
    app.state.store_path = Path(store_path)
    app.state.settings = settings or load_settings()
    app.state.kb = None
    app.state.kb_lock = threading.Lock()
    app.state.extraction = None  # the claim checker's parser, loaded on the first claim
    app.state.extraction_lock = threading.Lock()
    app.include_router(router)
    _add_pages(app)
    _add_docs(app)
    _add_error_handlers(app)
    app.add_middleware(_Contained)
    if allowed_hosts:
        app.add_middleware(_HostCheck, allowed_hosts=tuple(allowed_hosts))
    return app


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening, for the server to take over; else
    :class:`PortUnavailable` saying why in one line. Binding here, before the server starts,
    lets ``serve`` report a port in use before it claims to be serving, and leaves no moment
    in which another program could take the port between the check and the server."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise PortUnavailable(
            f"cannot listen on {host!r}: not a known address ({reason})"
        ) from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise PortUnavailable(f"cannot listen on {host}:{port}: {_bind_problem(exc)}") from None
    return sock


def _bind_problem(error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return "the port is in use by another program; choose another with --port"
    if error.errno == errno.EACCES:
        return "this port needs privileges; choose one above 1023 with --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return "no such address on this machine; choose another with --host"
    return error.strerror or str(error)


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


def _add_docs(app: FastAPI) -> None:
    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> Response:
        """The API's documentation, drawn by ``api-docs.js`` from ``/openapi.json``."""
        return _static(DOCS_PAGE, {"Content-Security-Policy": DOCS_CSP})

    @app.get("/api/docs/{name}", include_in_schema=False)
    def docs_file(name: str) -> Response:
        if name not in DOCS_FILES:
            raise HTTPException(404, f"no documentation file {name!r}")
        return _static(name, {"Cache-Control": "max-age=3600"})


def _static(name: str, headers: dict[str, str]) -> Response:
    suffix = name[name.rfind(".") :]
    return Response(
        static_text(name), media_type=_CONTENT_TYPES[suffix], headers={**_HEADERS, **headers}
    )


def _status(error: DetenteError) -> int:
    if isinstance(error, UnknownActorName | DocumentNotFound):
        return 404
    if isinstance(error, StoreError):
        return 503
    if isinstance(error, AnalysisError | UsageError):
        return 400
    return 400


def _error(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {
        "ok": False,
        "error": {"code": code, "message": message, "status": status},
    }
    return JSONResponse(body, status_code=status, headers={**_HEADERS, **(headers or {})})


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
        message = str(error.detail)
        if error.status_code == 404 and message == "Not Found":
            message = (
                f"no such page or endpoint {request.url.path!r} "
                "(the API is under /api/, see /api/docs)"
            )
        elif error.status_code == 405:
            message = (
                f"{request.method} is not allowed on {request.url.path!r}: "
                "the API is read-only, use GET"
            )
        return _error(error.status_code, f"HTTP{error.status_code}", message, error.headers)


class _Contained:
    """Any exception a request raises that no handler answers becomes a 500 in the API's
    JSON shape (:class:`InternalError`), with one line on the server's stderr instead of a
    traceback; the server goes on serving."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as error:  # the point: nothing escapes as a traceback
            from detente.terminal import visible

            what = f"{type(error).__name__}: {error}"
            line = (
                f"error: [{InternalError.code}] {scope.get('method')} {scope.get('path')}: {what}"
            )
            sys.stderr.write(visible(line, one_line=True)[:2000] + "\n")
            if started:  # the answer has begun: nothing more can be sent
                return
            message = f"internal error ({type(error).__name__}); the server log has the details"
            await _error(500, InternalError.code, message)(scope, receive, send)


class _HostCheck:
    """Requests whose Host header is not one of ``allowed_hosts`` are refused (400) in the
    API's JSON shape: the guard against DNS rebinding when bound to a loopback address."""

    def __init__(self, app: ASGIApp, allowed_hosts: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        host = headers.get(b"host", b"").decode("latin-1")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name in self.allowed:
            await self.app(scope, receive, send)
            return
        message = f"this server answers only to {', '.join(self.allowed)}, not to host {host!r}"
        await _error(400, "HTTP400", message)(scope, receive, send)

"""`detente export`, `detente report` and `detente serve`: the store for other eyes and tools."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from detente.cli._common import (
    SinceOption,
    UntilOption,
    fail_cleanly,
    open_store,
    parse_window,
    print_json,
    settings_of,
    stderr,
    stdout,
    store_path,
)
from detente.cli.arguments import FormatOption, PortOption, TypesOption
from detente.cli.docs import JsonOption

if TYPE_CHECKING:  # the views and the web stack load only for the command that uses them
    from fastapi import FastAPI

    from detente.views import EventFilter


ActorOption = Annotated[
    str | None, typer.Option("--actor", help="Only events with this actor on either side.")
]


def _filters(
    ctx: typer.Context,
    actor: str | None,
    since: str | None,
    until: str | None,
    types: list[str] | None = None,
) -> EventFilter:
    """The filter the options describe (actor names resolved by the knowledge base)."""
    from detente.actors.arguments import actor_for_argument
    from detente.pipeline import knowledge_base
    from detente.views import EventFilter

    window = parse_window(None, since, until)
    actor_id = None
    if actor:
        with fail_cleanly():
            actor_id = actor_for_argument(knowledge_base(settings_of(ctx)), actor)
    return EventFilter(
        actor=actor_id, types=tuple(types or ()), since=window.since, until=window.until
    )


def export_command(
    ctx: typer.Context,
    format: FormatOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    type_: TypesOption = None,
    json: JsonOption = False,
) -> None:
    """Export events as a table (csv, jsonl, parquet: one row per event, columns in the
    README) or the actor network as a graph with signed weights (graphml, gexf)."""
    from detente.views import export

    filters = _filters(ctx, actor, since, until, type_)
    settings = settings_of(ctx)
    with open_store(ctx, read_only=True) as store, fail_cleanly():
        result = export(store, output, format=format, filters=filters, settings=settings.analysis)
    if json:
        print_json(result.as_json())
        return
    graph = f", {result.nodes} actors, {result.edges} pairs" if result.nodes is not None else ""
    stdout.print(f"{result.events} events{graph} → {result.path} ({result.format})", markup=False)


def report_command(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "report.html"
    ),
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: Annotated[str, typer.Option("--title", help="The report's title.")] = "detente report",
) -> None:
    """Write one self-contained HTML report (opens offline, prints): the signed actor
    network, dyad timelines, balance diagnostics and a searchable evidence table."""
    from detente.views import write_report

    filters = _filters(ctx, actor, since, until)
    settings = settings_of(ctx)
    with open_store(ctx, read_only=True) as store, fail_cleanly():
        path = write_report(store, output, filters, settings=settings.analysis, title=title)
    stdout.print(f"report → {path}", markup=False)


def serve_command(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; other than loopback exposes the store.")
    ] = "127.0.0.1",
    port: PortOption = 8000,
    get: Annotated[
        str | None,
        typer.Option(
            "--get",
            help="Print the response to one request for this path (e.g. /api/actors) and "
            "exit, without opening a port.",
            metavar="PATH",
        ),
    ] = None,
) -> None:
    """Run the local web app and its JSON API (/api/, OpenAPI at /openapi.json) over the
    store, read-only. Ctrl+C stops it."""
    from detente.store import Store
    from detente.views.server import LOOPBACK_HOSTS, create_app, listening_socket

    path = store_path(ctx)
    with fail_cleanly():
        Store.open(path, read_only=True).close()  # a missing or too new store fails here
    settings = settings_of(ctx)
    if get is not None:
        _get_once(create_app(path, settings=settings), get)
        return
    with fail_cleanly():  # a port taken, privileged or not here: one line, before "serving"
        sock = listening_socket(host, port)
    loopback = _is_loopback(host)
    app = create_app(path, settings=settings, allowed_hosts=LOOPBACK_HOSTS if loopback else None)
    if not loopback:
        stderr.print(
            f"warning: serving on {host}: anyone who can reach this address can read the store",
            markup=False,
        )
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    stdout.print(
        f"detente: serving {path} at http://{shown}:{port}/ (API at /api/, Ctrl+C to stop)",
        markup=False,
    )
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    with sock:
        server.run(sockets=[sock])


def _get_once(app: FastAPI, path: str) -> None:
    """One in-process request through the ASGI interface (no socket); exit status 1 unless
    it succeeded."""
    import asyncio

    import httpx

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get(path)

    response = asyncio.run(fetch())
    sys.stdout.write(response.text + ("" if response.text.endswith("\n") else "\n"))
    if response.status_code >= 400:
        raise typer.Exit(1)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False

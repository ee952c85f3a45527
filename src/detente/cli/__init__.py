"""The command line: each command parses its options, calls the library and prints.

Exit status: 0 on success; 1 when a command failed or skipped some input (each problem is
one line on stderr, ``[Exxx] message``); 2 on a usage error.
"""

from __future__ import annotations

from typing import Annotated

import typer

from detente import __version__
from detente.cli.actors import actors_command, mentions_command, resolve_command
from detente.cli.analysis import balance_command, dyad_command, relations_command
from detente.cli.check import check_command
from detente.cli.docs import docs_command, show_command
from detente.cli.drivers import drivers_command
from detente.cli.evaluate import eval_command
from detente.cli.events import events_command
from detente.cli.ingest import ingest_command, run_command
from detente.cli.views import export_command, report_command, serve_command

app = typer.Typer(
    name="detente",
    help=(
        "detente reads geopolitical news into an evidence-backed graph of political actors "
        "and events, and answers questions about it.\n\n"
        "Exit status: 0 success; 1 failure or skipped input (one line each on stderr); "
        "2 usage error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"detente {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="DETENTE_DB",
            help="The DuckDB store file [default: ./detente.duckdb].",
            metavar="PATH",
            show_envvar=True,
        ),
    ] = None,
    actors: Annotated[
        list[str] | None,
        typer.Option(
            "--actors",
            envvar="DETENTE_ACTORS",
            help="An actor file (YAML) layered on the knowledge base; repeatable.",
            metavar="FILE",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = {"db": db, "actors": actors or []}


app.command("run")(run_command)
app.command("ingest")(ingest_command)
app.command("docs")(docs_command)
app.command("show")(show_command)
app.command("actors")(actors_command)
app.command("mentions")(mentions_command)
app.command("resolve")(resolve_command)
app.command("events")(events_command)
app.command("eval")(eval_command)
app.command("dyad")(dyad_command)
app.command("relations")(relations_command)
app.command("balance")(balance_command)
app.command("check")(check_command)
app.command("drivers")(drivers_command)
app.command("report")(report_command)
app.command("serve")(serve_command)
app.command("export")(export_command)


def main() -> None:
    app()

"""The command line: each command parses its options, calls the library and prints.

Exit status: 0 on success; 1 when a command failed or skipped some input (each problem is
one line on stderr, ``[Exxx] message``); 2 on a usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Annotated, Any

import typer

from detente import __version__
from detente.cli.arguments import DetenteCommand, DetenteGroup

#: Every command, in the order ``--help`` lists them: its name, module and function. A
#: command's module is imported only when that command runs (or when the whole app is
#: needed: ``--help``, a mistyped name), so ``detente check`` does not pay for the table
#: and progress-bar code of the others (see :func:`main`).
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("detente.cli.ingest", "run_command"),
    "ingest": ("detente.cli.ingest", "ingest_command"),
    "extract": ("detente.cli.extract", "extract_command"),
    "import-parquet": ("detente.cli.parquet", "import_parquet_command"),
    "docs": ("detente.cli.docs", "docs_command"),
    "show": ("detente.cli.docs", "show_command"),
    "actors": ("detente.cli.actors", "actors_command"),
    "mentions": ("detente.cli.actors", "mentions_command"),
    "resolve": ("detente.cli.actors", "resolve_command"),
    "events": ("detente.cli.events", "events_command"),
    "eval": ("detente.cli.evaluate", "eval_command"),
    "dyad": ("detente.cli.analysis", "dyad_command"),
    "relations": ("detente.cli.analysis", "relations_command"),
    "balance": ("detente.cli.analysis", "balance_command"),
    "check": ("detente.cli.check", "check_command"),
    "drivers": ("detente.cli.drivers", "drivers_command"),
    "report": ("detente.cli.views", "report_command"),
    "serve": ("detente.cli.views", "serve_command"),
    "export": ("detente.cli.views", "export_command"),
}

#: Global options that take a value (``--db PATH``), skipped when looking for the command.
_VALUED = ("--db", "--actors")


def _typer() -> typer.Typer:
    """The app with its global options and no command yet."""
    app = typer.Typer(
        name="detente",
        cls=DetenteGroup,
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
    app.callback()(_global_options)
    return app


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"detente {__version__}")
        raise typer.Exit()


def _global_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="DETENTE_DB",
            help=r"The DuckDB store file \[default: ./detente.duckdb]; for the commands that "
            "only read, also a Parquet dataset folder (run --parquet).",
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


def build_app(names: Sequence[str] | None = None) -> typer.Typer:
    """The app with the commands named (every command when None), their modules imported."""
    app = _typer()
    for name in COMMANDS if names is None else names:
        module, function = COMMANDS[name]
        app.command(name, cls=DetenteCommand)(getattr(import_module(module), function))
    return app


def chosen_command(args: Sequence[str]) -> str | None:
    """The command a command line names, when it names one of :data:`COMMANDS` before any
    option the global options do not know; else None (``--help``, a typo, no command)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif arg.startswith(tuple(f"{option}=" for option in _VALUED)):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg if arg in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    """``app``, the whole command line with every command (for tests and ``--help``)."""
    if name == "app":
        value = globals()["app"] = build_app()
        return value
    raise AttributeError(f"module 'detente.cli' has no attribute {name!r}")


def main() -> None:
    """Run the command line. Only the command named is imported: another command's module
    costs every start-up its imports (rich's tables, progress bars); ``--version`` alone
    imports none. Anything else (``--help``, a mistyped command) gets the whole app, so
    that help lists every command and a typo is answered as usual."""
    args = sys.argv[1:]
    command = chosen_command(args)
    if command is not None:
        build_app([command])()
    elif args == ["--version"]:
        build_app([])()
    else:
        build_app()()

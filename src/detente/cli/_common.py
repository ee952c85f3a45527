"""What every command shares: the store location, JSON output and one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from detente.analysis.window import TimeWindow
from detente.config import Settings, load_settings
from detente.errors import BadTimeWindow, DetenteError, UsageError
from detente.ingest.dates import parse_date
from detente.store import Store, default_store_path

stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def store_path(ctx: typer.Context) -> Path:
    chosen = (ctx.obj or {}).get("db")
    return Path(chosen) if chosen else default_store_path()


def settings_of(ctx: typer.Context) -> Settings:
    """Settings with the command line's global options applied (``--actors FILE``)."""
    files = tuple((ctx.obj or {}).get("actors") or ())
    settings = load_settings()
    if files:
        settings = load_settings({"actors.extra_files": [*settings.actor_files, *files]})
    return settings


@contextmanager
def open_store(ctx: typer.Context, *, read_only: bool) -> Iterator[Store]:
    """Open the chosen store; a DetenteError becomes one line on stderr and exit status 1."""
    with fail_cleanly(), Store.open(store_path(ctx), read_only=read_only) as store:
        yield store


@contextmanager
def fail_cleanly() -> Iterator[None]:
    try:
        yield
    except DetenteError as error:
        stderr.print(f"error: {error}", markup=False)
        raise typer.Exit(1) from None


def print_json(payload: Any) -> None:
    """One JSON document on stdout and nothing else, for programs to read."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")


def parse_day_option(value: str | None, option: str) -> dt.date | None:
    """A date given on the command line, or exit status 2 with one line saying why."""
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        stderr.print(f"error: {UsageError(f'{option} {value!r} is not a date')}", markup=False)
        raise typer.Exit(2)
    return day


AtOption = Annotated[
    str | None, typer.Option("--at", help="The state on this date: events up to it.")
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Events whose time reaches this date or later.")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Events that began on or before this date.")
]


def parse_window(at: str | None, since: str | None, until: str | None) -> TimeWindow:
    """The dates given, or exit status 2 with one line saying what is wrong."""
    try:
        return TimeWindow(
            at=parse_day_option(at, "--at"),
            since=parse_day_option(since, "--since"),
            until=parse_day_option(until, "--until"),
        )
    except BadTimeWindow as error:
        stderr.print(f"error: {UsageError(error.args[0])}", markup=False)
        raise typer.Exit(2) from None

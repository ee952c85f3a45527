"""What every command shares: the store location, JSON output and one-line errors.

Only the command line's own modules are imported here at start-up. The store, the analysis
and the date parser (``detente.dates``, never the ingest stack) are imported by the
functions that use them, so that a command (or ``--version``) pays only for what it touches.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from detente.config import Settings, load_settings, user_config_path
from detente.errors import (
    BadTimeWindow,
    DetenteError,
    NothingExtracted,
    UnknownActorName,
    UsageError,
)
from detente.terminal import visible

if TYPE_CHECKING:
    from detente.actors.kb import KnowledgeBase
    from detente.analysis.window import TimeWindow
    from detente.store import Store


class SafeConsole(Console):
    """A Rich console that never passes a control character from a string to the terminal.

    Every command prints through :data:`stdout` and :data:`stderr`, and what they print
    quotes documents (titles, sentences, actor names read from text): a string given to
    ``print``, a table cell or a title is shown with its control characters made visible
    (:func:`detente.terminal.visible`), so an article cannot clear the screen, move the
    cursor or write the clipboard, whichever command prints it. Rich's own styling is
    untouched: it is added after this.
    """

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(visible(text), **options)


stdout = SafeConsole(highlight=False, soft_wrap=True)
stderr = SafeConsole(stderr=True, highlight=False, soft_wrap=True)
# A terminal gets lines wrapped between words at its width (a report's sentences); a pipe
# gets each line whole, however long, for the program reading it.
stdout.soft_wrap = not stdout.is_terminal


def store_path(ctx: typer.Context) -> Path:
    """``--db``, else ``DETENTE_DB``, else ``[store] path`` of the user's configuration."""
    from detente.store import default_store_path

    chosen = (ctx.obj or {}).get("db")
    if chosen:
        return Path(chosen)
    if os.environ.get("DETENTE_DB") or user_config_path() is None:
        return default_store_path()
    with fail_cleanly():
        return Path(load_settings().store_path)


def settings_of(ctx: typer.Context) -> Settings:
    """Settings with the command line's global options applied (``--actors FILE``); a
    broken configuration file is one line and exit status 1."""
    files = tuple((ctx.obj or {}).get("actors") or ())
    with fail_cleanly():
        settings = load_settings()
        if files:
            settings = load_settings({"actors.extra_files": [*settings.actor_files, *files]})
    return settings


@contextmanager
def open_store(ctx: typer.Context, *, read_only: bool) -> Iterator[Store]:
    """Open the chosen store; a DetenteError becomes one line on stderr and exit status 1."""
    with fail_cleanly(), _opened(store_path(ctx), read_only) as store:
        if read_only:
            refuse_unextracted(ctx.info_name, store)
        yield store


def _opened(path: Path, read_only: bool) -> Store:
    """The store at ``path``; when another process has it open (the web app answering a
    request, a run writing), waited for up to ``[store] busy_wait_seconds``, saying so in
    one line, rather than refused at once. DuckDB lets one process write, or any number
    read, so a writer meets the web app's readers and a reader meets a writer."""
    from detente.errors import StoreBusy
    from detente.store import Store

    try:
        return Store.open(path, read_only=read_only)
    except StoreBusy as busy:
        wait = load_settings().busy_wait_seconds
        if wait <= 0:
            raise
        stderr.print(
            visible(f"waiting up to {wait:g} s: {busy.args[0]}", one_line=True), markup=False
        )
        first = busy
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))
        try:
            return Store.open(path, read_only=read_only)
        except StoreBusy:
            continue
    raise StoreBusy(f"{first.args[0]}, still after waiting {wait:g} s: try again when it is free")


#: The read commands whose answer is made of what extraction stores (events, and the actors
#: and mentions it resolves): on a store that holds only documents, their answer would be
#: empty, which reads as "the texts say nothing" when they were never read.
_NEED_EXTRACTION = frozenset(
    {
        "events",
        "dyad",
        "relations",
        "balance",
        "check",
        "drivers",
        "export",
        "report",
        "actors",
        "mentions",
    }
)


def refuse_unextracted(command: str | None, store: Store) -> None:
    """Exit 1 with one line when ``command`` reads events and the store holds documents no
    extraction has processed and no events at all (``detente ingest`` without ``detente
    extract``). A store that was extracted and found no events answers as usual."""
    if command not in _NEED_EXTRACTION:
        return
    documents, unextracted, events = store.extraction_state()
    if events or not unextracted:
        return
    print_error(
        NothingExtracted(
            f"the store holds {documents:,} document{'s' if documents != 1 else ''} and no "
            "events: run `detente extract`"
        )
    )
    raise typer.Exit(1)


class ActorArguments:
    """The actors a user names on the command line, as actor ids.

    An actor id the store holds is taken as it is, which spares loading the knowledge base
    (a second of start-up) for the usual ``detente dyad iran taliban`` and accepts the actors
    the knowledge base does not have (provisional ones, a synthetic store). Any other name is
    looked up in the knowledge base, loaded on first need. With the user's own actor files,
    the knowledge base is asked first, so that a broken file is reported as before.
    """

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self._kb: KnowledgeBase | None = None

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base with the user's actor files, loaded once."""
        if self._kb is None:
            from detente.pipeline import knowledge_base

            self._kb = knowledge_base(self.settings)
        return self._kb

    def id_of(self, text: str) -> str:
        """The actor id a user means by ``text``; UnknownActorName if none."""
        stored = text.strip().lower()
        if not self.settings.actor_files and self.store.has_actor(stored):
            return stored
        from detente.actors.arguments import actor_for_argument

        try:
            return actor_for_argument(self.kb, text)
        except UnknownActorName:
            if self.store.has_actor(stored):
                return stored
            raise


@contextmanager
def fail_cleanly() -> Iterator[None]:
    try:
        yield
    except DetenteError as error:
        print_error(error)
        raise typer.Exit(1) from None


def print_error(error: object) -> None:
    """``error: MESSAGE`` on stderr, in one line whatever the message echoes.

    Messages quote what the user typed and what documents hold (a path, a title), so control
    characters are shown, never sent to the terminal.
    """
    stderr.print(visible(f"error: {error}", one_line=True), markup=False)


def print_json(payload: Any) -> None:
    """One JSON document on stdout and nothing else, for programs to read.

    JSON escapes C0 control characters itself; DEL and C1 (which some terminals obey) are
    escaped here too, as ``\\u`` escapes that decode to the same strings.
    """
    text = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(_JSON_UNESCAPED_CONTROLS.sub(_json_escape, text) + "\n")


_JSON_UNESCAPED_CONTROLS = re.compile("[\x7f-\x9f]")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def parse_day_option(value: str | None, option: str) -> dt.date | None:
    """A date given on the command line (:func:`detente.cli.arguments.day`), or exit status
    2 with one line saying why."""
    from detente.cli.arguments import day

    try:
        return day(value, option)
    except UsageError as error:
        print_error(error)
        raise typer.Exit(2) from None


AtOption = Annotated[
    str | None,
    typer.Option("--at", help="The state on this date: events up to it.", metavar="DATE"),
]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="Events whose time reaches this date or later.", metavar="DATE"),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", help="Events that began on or before this date.", metavar="DATE"),
]


def parse_window(at: str | None, since: str | None, until: str | None) -> TimeWindow:
    """The dates given, checked together (:func:`detente.cli.arguments.time_window`), or exit
    status 2 with one line saying what is wrong."""
    from detente.cli.arguments import time_window

    try:
        return time_window(at, since, until)
    except (UsageError, BadTimeWindow) as error:
        print_error(error)
        raise typer.Exit(2) from None

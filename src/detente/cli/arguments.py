"""What a user may ask for: every option and API parameter checked in one place.

A bad argument is one line with a code, whether it comes from the command line or from a
query string: a number outside its range says which range is valid (:class:`OutOfRange`,
E901), a name outside a fixed set lists the valid ones (:class:`UnknownValue`, E902), and
the valid names are read from the data the rest of detente uses (the PLOVER ontology, the
contexts lexicon, the analysis' modality weights, the export formats), never typed again
here. The checks are plain functions raising :class:`~detente.errors.DetenteError`, so the
web API (:mod:`detente.views.api`) calls the same ones; the command line reaches them through
the option types at the end of this module and :class:`DetenteGroup`, which also puts the
global options (``--db``, ``--actors``) where they belong when a user types them after the
command, and prints click's own usage errors in the same one-line form.

Only the standard library, click and typer are imported at start-up: the data behind a check
is loaded when that check runs, so a command pays only for the options it is given.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

try:  # typer 0.2x carries its own copy of click, and raises that copy's exceptions
    from typer._click import Context
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - an older typer uses click itself
    from click import Context  # type: ignore[assignment]
    from click import exceptions as click_errors  # type: ignore[no-redef]

from detente.errors import DetenteError, OutOfRange, UnknownValue, UsageError

if TYPE_CHECKING:
    from detente.analysis.window import TimeWindow

__all__ = [
    "LIMIT",
    "PORT",
    "TOP",
    "DetenteCommand",
    "DetenteGroup",
    "Range",
    "check_actor_files",
    "cluster_option",
    "context_names",
    "counted",
    "day",
    "event_types",
    "export_format",
    "granularity",
    "half_life",
    "modalities",
    "one_of",
    "time_window",
]

T = TypeVar("T")


# --------------------------------------------------------------------------- the checks


@dataclass(frozen=True, slots=True)
class Range:
    """The whole numbers an option accepts, both ends included."""

    low: int
    high: int

    def __str__(self) -> str:
        return f"{self.low} to {self.high:_}".replace("_", ",")


#: How many events or pairs to list: at least one; at most what a listing can show and the
#: store's 64-bit LIMIT can hold with room to spare.
LIMIT: Final = Range(1, 10_000_000)
#: Actors a structural balance considers: a triad needs three.
TOP: Final = Range(3, 100_000)
#: A TCP port to listen on (0, "any free port", would make the printed address a lie).
PORT: Final = Range(1, 65_535)


def counted(value: int | None, name: str, valid: Range) -> int | None:
    """``value`` when it is in ``valid`` (None stays None: the default applies)."""
    if value is None:
        return None
    if not valid.low <= value <= valid.high:
        raise OutOfRange(f"{name} {value} is out of range: give {valid}")
    return value


def half_life(value: float | None, name: str = "--half-life") -> float | None:
    """A half-life in days: a positive number, or ``inf`` for no decay."""
    if value is None:
        return None
    if math.isnan(value) or value <= 0:
        raise OutOfRange(f"{name} {value:g} is out of range: give a number of days above 0, or inf")
    return value


def one_of(value: str, valid: Sequence[str], what: str, *, fold: Callable[[str], str]) -> str:
    """The member of ``valid`` that ``value`` names (compared through ``fold``, so that case
    does not matter); else an error naming ``what`` (the option) and listing them all."""
    wanted = fold(value.strip())
    for name in valid:
        if fold(name) == wanted:
            return name
    raise UnknownValue(f"{what} {value!r} is unknown; valid: {', '.join(valid)}")


def event_types(values: Iterable[str], name: str = "--type") -> tuple[str, ...]:
    """PLOVER type names as the ontology spells them (``assault`` is ASSAULT)."""
    values = tuple(values)
    if not values:
        return ()
    from detente.events.ontology import load_ontology

    valid = tuple(load_ontology())
    return tuple(one_of(v, valid, name, fold=str.upper) for v in values)


def modalities(values: Iterable[str], name: str = "--modality") -> tuple[str, ...]:
    """Modality names: those the analysis gives a weight to, i.e. every modality an event
    can have (``[analysis] modality_weights`` in the packaged configuration)."""
    values = tuple(values)
    if not values:
        return ()
    from detente.config import modality_names

    valid = modality_names()
    return tuple(one_of(v, valid, name, fold=str.lower) for v in values)


def context_names(values: Iterable[str], name: str = "--context") -> tuple[str, ...]:
    """PLOVER context names (or their aliases: "refugees" is migration)."""
    values = tuple(values)
    if not values:
        return ()
    from detente.events.contexts import load_contexts

    lexicon = load_contexts()
    names = []
    for value in values:
        canonical = lexicon.canonical(value)
        if canonical is None:
            valid = ", ".join(sorted(lexicon.contexts))
            raise UnknownValue(f"{name} {value!r} is unknown; valid: {valid}")
        names.append(canonical)
    return tuple(names)


def export_format(value: str, name: str = "--format") -> str:
    """One of the formats :func:`detente.views.export` writes."""
    from detente.views.export import FORMATS

    return one_of(value, FORMATS, name, fold=str.lower)


def granularity(value: str, name: str = "--by") -> str:
    """A period a dyad is grouped by: one of the analysis' granularities."""
    from detente.analysis.periods import GRANULARITIES

    return one_of(value, GRANULARITIES, name, fold=str.lower)


def day(value: str | None, name: str, *, end: bool = False) -> dt.date | None:
    """A date in any common notation; empty means not given. A year, a month or a decade
    (``2024``, ``2024-05``, ``May 2024``, ``1990s``) is its first day, or its last with
    ``end`` (an ``--until`` or ``--at``): ``--since 2024 --until 2024`` is the whole year."""
    if value is None or not value.strip():
        return None
    period = _period(value.strip())
    if period is not None:
        return period[1] if end else period[0]
    from detente.dates import parse_date  # light: no ingest stack, dateparser if needed

    try:
        parsed = parse_date(value)
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None:
        raise UsageError(f"{name} {value!r} is not a date")
    return parsed


_YEAR = re.compile(r"(\d{4})")
_DECADE = re.compile(r"(\d{3})0s")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?,? (\d{4})")
_MONTHS = {
    name.lower(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names)
    if name
}


def _period(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the year, decade or month ``text`` names alone."""
    if found := _YEAR.fullmatch(text):
        first, last = (int(found.group(1)), 1), (int(found.group(1)), 12)
    elif found := _DECADE.fullmatch(text):
        first, last = (int(found.group(1)) * 10, 1), (int(found.group(1)) * 10 + 9, 12)
    elif found := _YEAR_MONTH.fullmatch(text):
        first = last = (int(found.group(1)), int(found.group(2)))
    elif (found := _MONTH_YEAR.fullmatch(text)) and found.group(1).lower() in _MONTHS:
        first = last = (int(found.group(2)), _MONTHS[found.group(1).lower()])
    else:
        return None
    if first[0] < dt.MINYEAR or not 1 <= first[1] <= 12 or not 1 <= last[1] <= 12:
        return None
    days = calendar.monthrange(*last)[1]
    return dt.date(*first, 1), dt.date(*last, days)


def time_window(
    at: str | None = None,
    since: str | None = None,
    until: str | None = None,
    *,
    prefix: str = "--",
) -> TimeWindow:
    """The dates given, checked together: a date or a window, and ``since`` not after
    ``until`` (:class:`~detente.errors.BadTimeWindow`, E502, which names them as the user
    typed them: ``--since`` on the command line, ``since`` in the API)."""
    from detente.analysis.window import TimeWindow
    from detente.errors import BadTimeWindow

    start, end = day(since, f"{prefix}since"), day(until, f"{prefix}until", end=True)
    if start and end and start > end:
        raise BadTimeWindow(
            f"{prefix}since {_as_read(since, start)} is after {prefix}until {_as_read(until, end)}"
        )
    return TimeWindow(at=day(at, f"{prefix}at", end=True), since=start, until=end)


def _as_read(typed: str | None, parsed: dt.date) -> str:
    """A date as typed, with the day it was read as when that is not the same text."""
    text = (typed or "").strip()
    return text if text == parsed.isoformat() else f"{text!r} ({parsed.isoformat()})"


def check_actor_files(paths: Iterable[str]) -> None:
    """Each actor file named can be read and holds the knowledge base's schema; else the
    knowledge base's own error (E301-E306) naming the file and line. Checked for every
    command, also those that would never load the knowledge base, so that a mistyped path
    is never ignored in silence; references to other actors are checked when it loads."""
    paths = tuple(paths)
    if not paths:
        return
    from detente.actors.kb_errors import InvalidActorFile
    from detente.actors.kb_loading import check_user_file

    for path in paths:
        if Path(path).is_dir():
            raise InvalidActorFile("a folder, not an actor file", path=path)
        check_user_file(Path(path))


# --------------------------------------------------------------------------- the command line


class ArgumentError(click_errors.UsageError):
    """A check above failing while click parses the command line: shown as its own coded
    message, with exit status 2 (a usage error) unless told otherwise."""

    def __init__(self, error: DetenteError, exit_code: int = 2) -> None:
        super().__init__(str(error))
        self.error = error
        self.exit_code = exit_code


def _option(check: Callable[[Any, str], T]) -> Callable[[typer.CallbackParam, Any], T]:
    """An option callback running ``check(value, "--option")``; its error becomes a usage
    error in one line."""

    def callback(param: typer.CallbackParam, value: Any) -> T:
        name = param.opts[0] if param.opts else str(param.name)
        try:
            return check(value, name)
        except DetenteError as error:
            raise ArgumentError(error) from None

    return callback


def cluster_option(param: typer.CallbackParam, value: str | None) -> str | None:
    """``--cluster``: checked here (local:N or a scheduler address), given on as typed."""
    if value is not None:
        from detente.cluster import parse_cluster_spec

        try:
            parse_cluster_spec(value, param.opts[0] if param.opts else "--cluster")
        except DetenteError as error:
            raise ArgumentError(error) from None
    return value


def _optional_many(
    check: Callable[[Iterable[str], str], tuple[str, ...]],
) -> Callable[[Any, str], list[str] | None]:
    def run(value: Sequence[str] | None, name: str) -> list[str] | None:
        return list(check(value, name)) if value else None

    return run


LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        help=f"At most N, strongest or oldest first ({LIMIT}).",
        metavar="N",
        callback=_option(lambda v, n: counted(v, n, LIMIT)),
    ),
]
TopOption = Annotated[
    int | None,
    typer.Option(
        "--top",
        help=f"Consider the N most active actors ({TOP}) \\[default: from the configuration].",
        metavar="N",
        callback=_option(lambda v, n: counted(v, n, TOP)),
    ),
]
HalfLifeOption = Annotated[
    float | None,
    typer.Option(
        "--half-life",
        help="Days after which an event's weight halves, above 0 or inf "
        "\\[default: from the configuration].",
        metavar="DAYS",
        callback=_option(half_life),
    ),
]
PortOption = Annotated[
    int,
    typer.Option(
        "--port",
        help=f"TCP port ({PORT}).",
        metavar="PORT",
        callback=_option(lambda v, n: counted(v, n, PORT)),
    ),
]
TypesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        help="PLOVER type (repeatable), or RELATION.",
        callback=_option(_optional_many(event_types)),
    ),
]
ModalitiesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--modality",
        help="asserted, negated, reported or future (repeatable).",
        callback=_option(_optional_many(modalities)),
    ),
]
ContextsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--context",
        help="PLOVER context, e.g. economic, migration (repeatable: any of them).",
        callback=_option(_optional_many(context_names)),
    ),
]
FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="Output format: csv, jsonl, parquet (tables), graphml, gexf (graphs).",
        callback=_option(export_format),
    ),
]
ByOption = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="PERIOD",
        help="Period to group events by: month, year or decade.",
        callback=_option(granularity),
    ),
]


def _print_line(text: str) -> None:
    from detente.terminal import visible

    sys.stderr.write(visible(text, one_line=True) + "\n")
    sys.stderr.flush()


def hoisted(args: Sequence[str], global_options: Sequence[str]) -> list[str]:
    """``args`` with the global options typed after the command (``detente events --db X``)
    moved before it, where click reads them; nothing moves after ``--``."""
    args = list(args)
    position = _command_position(args, global_options)
    if position is None:
        return args
    before, rest = args[: position + 1], args[position + 1 :]
    moved: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--":
            kept.extend(rest[i:])
            break
        if arg in global_options and i + 1 < len(rest):
            moved += rest[i : i + 2]
            i += 2
            continue
        if arg.split("=", 1)[0] in global_options and "=" in arg:
            moved.append(arg)
        else:
            kept.append(arg)
        i += 1
    return [*before[:position], *moved, before[position], *kept]


def _command_position(args: Sequence[str], global_options: Sequence[str]) -> int | None:
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in global_options:
            skip = True
        elif arg.startswith("-"):
            continue
        else:
            return i
    return None


#: What a value is called in ``--help`` when its option does not name it, by its Python
#: type; a text is called by the option's name (``--title TITLE``).
_VALUE_NAMES: Final = {"int": "N", "float": "NUMBER", "Path": "PATH"}


def readable_values(params: list[Any]) -> list[Any]:
    """``params`` with each option's value named in words for ``--help``: ``--since DATE``,
    ``--limit N``, ``--type TYPE``; a flag takes nothing and shows nothing (typer would
    show ``<str>``, ``<list[str]>`` and ``<bool>``). An option naming its value keeps it."""
    for param in params:
        if isinstance(param, TyperArgument) and param.bare_type() == "str":
            # a text argument is named in the first column already (DOC_ID, "A"): no type
            setattr(param, "display_type_rich", _no_type)  # noqa: B010 - this instance only
        if not isinstance(param, TyperOption) or param.metavar is not None:
            continue
        if param.is_flag:
            param.metavar = ""
        else:
            name = str(param.name).strip("_").upper()
            param.metavar = _VALUE_NAMES.get(param.bare_type()) or name
    return params


def _no_type(ctx: Context) -> None:
    return None


class DetenteCommand(TyperCommand):
    """A command whose ``--help`` names what each option takes (:func:`readable_values`)."""

    def get_params(self, ctx: Context) -> list[Any]:
        return readable_values(super().get_params(ctx))


class DetenteGroup(TyperGroup):
    """The command group: its options' values named in ``--help`` as a command's are,
    global options accepted after the command too, the user's actor
    files checked before any command runs, and every usage error in one line with a code
    (``error: [E900] No such option: --lmit (see detente events --help)``) instead of
    click's framed box."""

    def get_params(self, ctx: Context) -> list[Any]:
        return readable_values(super().get_params(ctx))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        valued = [
            opt
            for param in self.params
            if isinstance(param, TyperOption) and not param.is_flag
            for opt in param.opts
        ]
        rest = super().parse_args(ctx, hoisted(args, valued))
        try:
            check_actor_files(ctx.params.get("actors") or ())
        except DetenteError as error:  # a bad data file, as when the knowledge base loads it
            raise ArgumentError(error, exit_code=1) from None
        return rest

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        run = super().main
        if not standalone_mode:
            return run(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            result = run(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click_errors.NoArgsIsHelpError as error:
            sys.stderr.write(error.ctx.get_help() + "\n" if error.ctx else "")
            sys.exit(2)
        except click_errors.ClickException as error:
            _print_line(f"error: {_message(error)}")
            sys.exit(error.exit_code)
        except typer.Abort:
            _print_line("error: aborted")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def _message(error: click_errors.ClickException) -> str:
    """A click error as ``[CODE] message``, with where to look for help on a usage error."""
    if isinstance(error, ArgumentError):
        return str(error.error)
    text = error.format_message().rstrip(".")
    if not isinstance(error, click_errors.UsageError):
        return f"[E000] {text}"
    if error.ctx is not None:
        text += f" (see {error.ctx.command_path} --help)"
    return f"[{UsageError.code}] {text}"

"""`detente dyad`, `detente relations` and `detente balance`: questions asked of the store."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from detente.cli._common import (
    ActorArguments,
    AtOption,
    SinceOption,
    UntilOption,
    fail_cleanly,
    open_store,
    parse_window,
    print_json,
    settings_of,
    stdout,
)
from detente.cli.arguments import ByOption, HalfLifeOption, LimitOption, TopOption
from detente.cli.docs import JsonOption
from detente.cli.listing import NAME, TEXT, Column, print_listing, print_wrapped

if TYPE_CHECKING:
    from detente.analysis.periods import Granularity


def _sign(value: int) -> str:
    return "+" if value > 0 else "−" if value < 0 else "0"


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def dyad_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="One actor (any name, alias or id).", metavar="A")],
    b: Annotated[str, typer.Argument(help="The other actor.", metavar="B")],
    by: ByOption = "year",
    since: SinceOption = None,
    until: UntilOption = None,
    json: JsonOption = False,
) -> None:
    """The history of two actors' relationship: per period counts, net score, sign and
    evidence; where the sign changes; a one-line summary."""
    from detente.analysis import dyad_history

    window = parse_window(None, since, until)
    with fail_cleanly():
        settings = settings_of(ctx)
    with open_store(ctx, read_only=True) as store:
        actors = ActorArguments(settings, store)
        a_id, b_id = actors.id_of(a), actors.id_of(b)
        history = dyad_history(
            store,
            a_id,
            b_id,
            by=cast("Granularity", by),  # checked by --by: one of GRANULARITIES
            since=window.since,
            until=window.until,
            settings=settings.analysis,
        )
    payload = history.as_json()
    if json:
        print_json(payload)
        return
    stdout.print(f"{history.a.name} – {history.b.name}, by {history.by}", markup=False)
    stdout.print(f"summary: {history.summary}", markup=False)
    rests_on = _rests_on(payload["summary_basis"])
    if rests_on:
        stdout.print(f"  (rests on {rests_on} alone)", markup=False)
    for change in payload["changes"]:
        stdout.print(
            f"change: {change['from']} → {change['to']} between {change['before']} and "
            f"{change['after']} ({change['method']})",
            markup=False,
        )
    columns = ["period", "events", "net", "sign", "coop v/m", "confl v/m", "rel +/−", "neg"]
    basis = any(_rests_on(period) for period in payload["periods"])
    if basis:
        columns.append("rests on")
    rows = []
    for period in payload["periods"]:
        c = period["counts"]
        cells = [
            period["period"],
            str(period["events"]),
            f"{period['net']:+.2f}",
            _sign(period["polarity"]),
            f"{c['verbal_cooperation']}/{c['material_cooperation']}",
            f"{c['verbal_conflict']}/{c['material_conflict']}",
            f"{c['relation_positive']}/{c['relation_negative']}",
            str(c["negated"]),
        ]
        if basis:
            cells.append(_rests_on(period, SHORT) or "")
        rows.append(cells)
    if payload["periods"]:
        stdout.print("\n".join(aligned(columns, rows, left=LEFT)), markup=False)
        if basis:
            stdout.print(
                "rests on: recalls = only background mentions of the past; opinion = only "
                "opinion, analysis or blog pieces",
                markup=False,
            )
        stdout.print("evidence:", markup=False)
    for item in payload["evidence"]:
        _print_evidence(item)
    for period in payload["background_only"]:
        stdout.print(
            f"{period['period']}: no period, only {period['reports']} background report(s) "
            f"recalling {period['events']} event(s):",
            markup=False,
        )
        for item in period["evidence"]:
            _print_evidence(item)
    undated = payload["undated"]
    if undated["events"]:
        stdout.print(f"undated ({undated['events']} events):", markup=False)
        for item in undated["evidence"]:
            _print_evidence(item)


#: Columns of the dyad table read as words, aligned left; the others are figures.
LEFT = ("period", "rests on")


def aligned(header: list[str], rows: list[list[str]], *, left: tuple[str, ...]) -> list[str]:
    """A table of short cells as lines of text, columns two spaces apart, words aligned left
    and figures right. The dyad's cells are its own labels and figures, never a document's
    text, so plain padding does what a rich table would, at a fraction of its cost."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return [
        " "
        + "  ".join(
            cell.ljust(width) if name in left else cell.rjust(width)
            for name, cell, width in zip(header, cells, widths, strict=True)
        ).rstrip()
        for cells in (header, *rows)
    ]


#: How the basis of a period, event or summary is said: in sentences, and in the table.
LONG = {"background_only": "background mentions", "opinion_only": "opinion pieces"}
SHORT = {"background_only": "recalls", "opinion_only": "opinion"}


def _rests_on(basis: dict[str, Any], words: dict[str, str] = LONG) -> str | None:
    """What a period, an event or a summary rests on when that is not first-hand reporting:
    background mentions (recalls of the past) only, opinion pieces only, or both; as the
    JSON's ``background_only`` and ``opinion_only`` say."""
    said = [words[key] for key in ("background_only", "opinion_only") if basis.get(key)]
    return (" and " if words is LONG else "+").join(said) or None


def _print_evidence(item: dict[str, Any], indent: str = "  ") -> None:
    """One line: weight, type and sign, modality, time, sentence, and where it is; and what
    the event rests on when that is recalls or opinion pieces only. On a terminal the line
    wraps under itself rather than at the terminal's edge."""
    print_wrapped(_evidence_line(item), indent)


def relations_command(
    ctx: typer.Context,
    at: AtOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only this actor's relations.")
    ] = None,
    half_life: HalfLifeOption = None,
    limit: LimitOption = None,
    json: JsonOption = False,
) -> None:
    """The signed, weighted graph of actor pairs at a date or in a window, older events
    decaying, with the strongest evidence per pair."""
    from detente.analysis import relations

    window = parse_window(at, since, until)
    with fail_cleanly():
        settings = settings_of(ctx)
    with open_store(ctx, read_only=True) as store:
        actor_id = ActorArguments(settings, store).id_of(actor) if actor else None
        graph = relations(
            store,
            at=window.at,
            since=window.since,
            until=window.until,
            actor=actor_id,
            half_life_days=half_life,
            max_edges=limit,
            settings=settings.analysis,
        )
    payload = graph.as_json()
    if json:
        print_json(payload)
        return
    half = payload["half_life_days"]
    heading = (
        f"relations at {_day(graph.reference)} (half-life "
        f"{'none' if half is None else f'{half:g} days'})"
    )
    edges = payload["edges"]
    pipe_rows = [
        [
            edge["a"]["name"],
            edge["b"]["name"],
            f"{edge['weight']:+.3g}",
            str(edge["events"]),
            f"{item['weight']:+.2f}",
            f"{item['type']}{_sign(item['polarity']).replace('−', '-')}",
            item["modality"],
            "yes" if item["hedged"] else "no",
            item["time"]["start"] or "",
            item["time"]["end"] or "",
            item["document"],
            str(item["sentence"]),
            item["text"],
        ]
        for edge in edges
        for item in edge["evidence"]
    ]
    print_listing(
        RELATION_COLUMNS,
        [
            [
                edge["a"]["name"],
                edge["b"]["name"],
                f"{edge['weight']:+.3g}",
                str(edge["events"]),
                "\n".join(f"· {_evidence_line(item)}" for item in edge["evidence"]),
            ]
            for edge in edges
        ],
        summary=f"{heading}: {len(edges)} of {payload['edges_total']} pairs",
        legend=EVIDENCE_LEGEND,
        pipe=(RELATION_PIPE_COLUMNS, pipe_rows),
    )


#: A pair per record on a terminal, its strongest evidence under it; in a pipe, a record
#: per piece of evidence, the pair repeated, so that each line stands alone.
RELATION_COLUMNS = (
    Column("a", NAME, cap=20),
    Column("b", NAME, cap=20),
    Column("weight", right=True),
    Column("events", right=True),
    Column("evidence", TEXT),
)
RELATION_PIPE_COLUMNS = (
    Column("a"),
    Column("b"),
    Column("weight"),
    Column("events"),
    Column("evidence_weight"),
    Column("type"),
    Column("modality"),
    Column("hedged"),
    Column("start"),
    Column("end"),
    Column("document"),
    Column("sentence"),
    Column("evidence"),
)
#: What an evidence line's marks mean.
EVIDENCE_LEGEND = (
    "evidence: its weight, TYPE+ cooperative or TYPE- hostile, modality, time, sentence, "
    "[document#sentence]"
)


def _evidence_line(item: dict[str, Any]) -> str:
    """An evidence item as :func:`_print_evidence` prints it, without its indent."""
    modality = item["modality"] + (", hedged" if item["hedged"] else "")
    time = item["time"]
    when = time["start"] or "undated"
    if time["end"] and time["end"] != time["start"]:
        when += f"…{time['end']}"
    reports = item.get("reports", 1)
    told = f"; {reports} reports" if reports > 1 else ""
    rests_on = _rests_on(item)
    basis = f" (only {rests_on})" if rests_on else ""
    return (
        f"{item['weight']:+.2f} {item['type']}{_sign(item['polarity'])} ({modality}{told}) "
        f"{when}: {item['text']} [{item['document'][:8]}#{item['sentence']}]{basis}"
    )


def balance_command(
    ctx: typer.Context,
    at: AtOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    top: TopOption = None,
    half_life: HalfLifeOption = None,
    json: JsonOption = False,
) -> None:
    """Structural balance of the relations graph (a diagnostic): signed triads, balance
    ratio, frustration, blocs and 'enemy of my enemy' inferences."""
    from detente.analysis import structural_balance

    window = parse_window(at, since, until)
    settings = settings_of(ctx)
    with open_store(ctx, read_only=True) as store:
        result = structural_balance(
            store,
            at=window.at,
            since=window.since,
            until=window.until,
            top=top,
            half_life_days=half_life,
            settings=settings.analysis,
        )
    payload = result.as_json()
    if json:
        print_json(payload)
        return
    counts, frustration = payload["triad_counts"], payload["frustration"]
    ratio = payload["balance_ratio"]
    stdout.print(f"balance at {_day(result.reference)}: {payload['note']}", markup=False)
    stdout.print(f"definition: {payload['definition']}", markup=False)
    stdout.print(
        f"{len(payload['actors'])} actors, {payload['signed_edges']['total']} signed edges; "
        f"{counts['balanced']} of {counts['total']} triads balanced"
        + (f" (ratio {ratio:.2f})" if ratio is not None else ""),
        markup=False,
    )
    stdout.print(
        f"frustration: {frustration['edges']} of {frustration['of']} edges "
        f"({frustration['method']})",
        markup=False,
    )
    if payload["triads"]:
        print_listing(
            (Column("signs"), Column("balanced"), Column("actors", TEXT)),
            [
                [
                    triad["signs"],
                    "balanced" if triad["balanced"] else "unbalanced",
                    ", ".join(a["name"] for a in triad["actors"]),
                ]
                for triad in payload["triads"]
            ],
            summary=f"triads ({counts['listed']} listed)",
        )
    for bloc in payload["blocs"]:
        names = ", ".join(a["name"] for a in bloc["actors"])
        stdout.print(f"bloc (part {bloc['component']}): {names}", markup=False)
    if payload["inferences"]:
        stdout.print(
            f"inferred signs, no direct evidence ({len(payload['inferences'])} of "
            f"{payload['inferences_total']} listed):",
            markup=False,
        )
        for inference in payload["inferences"]:
            paths = "; ".join(
                f"via {p['via']['name']} ({_sign(p['signs'][0])}{_sign(p['signs'][1])})"
                for p in inference["paths"]
            )
            stdout.print(
                f"  {inference['a']['name']} – {inference['b']['name']}: "
                f"{_sign(inference['sign'])} inferred, {paths}",
                markup=False,
            )

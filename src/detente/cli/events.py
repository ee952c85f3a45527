"""`detente events`: events with their evidence."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from detente.cli._common import (
    ActorArguments,
    open_store,
    parse_window,
    print_json,
    settings_of,
)
from detente.cli.arguments import ContextsOption, LimitOption, ModalitiesOption, TypesOption
from detente.cli.docs import JsonOption
from detente.cli.listing import NAME, TEXT, Column, print_listing


def events_command(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option("--actor", help="Either side is this actor.")] = None,
    with_: Annotated[
        str | None,
        typer.Option(
            "--with", help="The other side is this actor (with --actor).", metavar="ACTOR"
        ),
    ] = None,
    type_: TypesOption = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Events on or after.", metavar="DATE")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Events on or before.", metavar="DATE")
    ] = None,
    modality: ModalitiesOption = None,
    context: ContextsOption = None,
    limit: LimitOption = None,
    merged: Annotated[
        bool,
        typer.Option(
            "--merged",
            help="One row per real event, its reports (documents, sentences) listed under it.",
        ),
    ] = False,
    json: JsonOption = False,
) -> None:
    """List events with the sentence each comes from (with --merged, each real event once,
    with every report of it).

    On a terminal, a type followed by + is cooperative (or a positive relation), by - hostile;
    → one side acts on the other, ↔ both act; a modality followed by ? is hedged. In a pipe,
    one event per line, tab-separated, after a header line."""
    from detente.views.event_json import event_json

    window = parse_window(None, since, until)
    settings = settings_of(ctx) if actor or with_ else None
    with open_store(ctx, read_only=True) as store:
        actor_id = other_id = None
        if settings is not None:
            actors = ActorArguments(settings, store)
            actor_id = actors.id_of(actor) if actor else None
            other_id = actors.id_of(with_) if with_ else None
            if actor_id is None:
                actor_id, other_id = other_id, None
        rows = store.query_events(
            actor=actor_id,
            other=other_id,
            types=type_ or (),
            modalities=modality or (),
            since=window.since,
            until=window.until,
            limit=limit,
            contexts=context or (),
            merged=merged,
        )
    events = [event_json(row) for row in rows]
    if json:
        print_json({"events": events})
        return
    reports = sum(len(e.get("reports", [])) for e in events)
    print_listing(
        EVENT_COLUMNS,
        [_event_row(e) for e in events],
        summary=f"{len(events)} events" + (f" from {reports} reports" if merged else ""),
        legend=LEGEND,
    )


#: The events listing: on a terminal the type carries its direction and sign and the
#: evidence its document reference; a pipe has them as columns of their own.
EVENT_COLUMNS = (
    Column("time", key="start"),
    Column("end", where="pipe"),
    Column("source", NAME, cap=20),
    Column("type", where="terminal"),
    Column("type", where="pipe"),
    Column("reciprocal", where="pipe"),
    Column("target", NAME, cap=20),
    Column("mod.", key="modality"),
    Column("hedged", where="pipe"),
    Column("document", where="pipe"),
    Column("sentence", where="pipe"),
    Column("evidence", TEXT, where="terminal"),
    Column("evidence", where="pipe"),
)

#: What the marks of the type and modality columns mean, under the table.
LEGEND = (
    "→ acts on, ↔ both act; TYPE+ cooperative or a positive relation, TYPE- hostile; "
    "modality? hedged; [document#sentence] where the evidence is"
)


def _event_row(e: dict[str, Any]) -> list[str]:
    sign = "+" if e["polarity"] > 0 else "-" if e["polarity"] < 0 else ""
    arrow = "↔" if e["reciprocal"] else "→"
    evidence = e["evidence"]
    reference = f"[{evidence['document'][:8]}#{evidence['sentence']}]"
    # a merged event's other reports, each on its line under the first
    others = "".join(
        f"\n  · {r['modality']}{'?' if r['hedged'] else ''}: {r['text']} "
        f"[{r['document'][:8]}#{r['sentence']}]"
        for r in e.get("reports", [])[1:]
    )
    return [
        (e["time"]["start"] or "")[:10],
        (e["time"]["end"] or "")[:10],
        e["source"]["name"] or "—",
        f"{arrow} {e['type']}{sign}",
        f"{e['type']}{sign}",
        "yes" if e["reciprocal"] else "no",
        e["target"]["name"] or "—",
        e["modality"] + ("?" if e["hedged"] else ""),
        "yes" if e["hedged"] else "no",
        evidence["document"],
        str(evidence["sentence"]),
        f"{evidence['text']} {reference}{others}",
        evidence["text"] + others,
    ]

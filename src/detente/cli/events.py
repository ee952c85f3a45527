"""`detente events`: events with their evidence."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from detente.cli._common import (
    ActorArguments,
    open_store,
    parse_window,
    print_json,
    settings_of,
    stdout,
)
from detente.cli.arguments import ContextsOption, LimitOption, ModalitiesOption, TypesOption
from detente.cli.docs import JsonOption
from detente.terminal import cell


def events_command(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option("--actor", help="Either side is this actor.")] = None,
    with_: Annotated[
        str | None, typer.Option("--with", help="The other side is this actor (with --actor).")
    ] = None,
    type_: TypesOption = None,
    since: Annotated[str | None, typer.Option("--since", help="Events on or after.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Events on or before.")] = None,
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
    with every report of it)."""
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
    table = Table(box=None, show_lines=False)
    for column in ("time", "source", "type", "target", "mod.", "evidence"):
        table.add_column(
            column, no_wrap=column != "evidence", ratio=3 if column == "evidence" else None
        )
    for e in events:
        arrow = "↔" if e["reciprocal"] else "→"
        # every cell as plain text: names and evidence come from documents, and neither
        # their control characters nor a "[bold]" in them may act on the terminal
        table.add_row(
            cell((e["time"]["start"] or "")[:10]),
            cell(e["source"]["name"] or "—"),
            cell(
                f"{arrow} {e['type']}"
                f"{'+' if e['polarity'] > 0 else '-' if e['polarity'] < 0 else ''}"
            ),
            cell(e["target"]["name"] or "—"),
            cell(e["modality"] + ("?" if e["hedged"] else "")),
            cell(
                e["evidence"]["text"]
                + "".join(
                    f"\n  · {r['modality']}{'?' if r['hedged'] else ''}: {r['text']} "
                    f"[{r['document'][:8]}#{r['sentence']}]"
                    for r in e.get("reports", [])[1:]
                )
            ),
        )
    stdout.print(table)
    reports = sum(len(e.get("reports", [])) for e in events)
    stdout.print(
        f"{len(events)} events" + (f" from {reports} reports" if merged else ""), markup=False
    )

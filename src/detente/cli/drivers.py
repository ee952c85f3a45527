"""`detente drivers A [--toward B]`: the reasons the corpus gives for an actor's conduct."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.cli._common import (
    fail_cleanly,
    open_store,
    parse_window,
    print_json,
    settings_of,
    stdout,
)
from detente.cli.docs import JsonOption
from detente.cli.listing import print_wrapped


def drivers_command(
    ctx: typer.Context,
    actor: Annotated[str, typer.Argument(help="The actor whose reasons to list (any name).")],
    toward: Annotated[
        str | None,
        typer.Option("--toward", help="Only the drivers that bear on this actor.", metavar="ACTOR"),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Statements on or after.", metavar="DATE")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Statements on or before.", metavar="DATE")
    ] = None,
    json: JsonOption = False,
) -> None:
    """The fears, interests and reasons the corpus gives for an actor's conduct (toward
    another actor, when given), grouped by context and ranked by evidence, with the
    sentences; toward an actor, the hostile acts it committed are listed as grievances."""
    from detente.actors.arguments import actor_for_argument
    from detente.analysis.drivers import drivers_of
    from detente.pipeline import knowledge_base

    window = parse_window(None, since, until)
    with fail_cleanly():
        kb = knowledge_base(settings_of(ctx))
        actor_id = actor_for_argument(kb, actor)
        toward_id = actor_for_argument(kb, toward) if toward else None
    with open_store(ctx, read_only=True) as store:
        result = drivers_of(store, kb, actor_id, toward_id, since=window.since, until=window.until)
    answer = result.as_json()
    if json:
        print_json(answer)
        return
    heading = f"drivers of {result.actor.name}"
    if result.toward:
        heading += f" toward {result.toward.name}"
    stdout.print(f"{heading}: {len(answer['drivers'])} group(s)", markup=False)
    for group in answer["drivers"]:
        stdout.print(
            f"\n{group['context']} · {group['kind']} · {group['statements']} statement(s)",
            markup=False,
        )
        for item in group["evidence"]:
            when = (item["time"]["start"] or "undated")[:4]
            print_wrapped(
                f"[{when}] {item['actor']['name']} ({item['cue']}, {item['modality']}): "
                f"{item['text']}",
                "  ",
            )

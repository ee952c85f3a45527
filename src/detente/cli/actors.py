"""`detente actors`, `detente resolve` and `detente mentions`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from detente.cli._common import (
    fail_cleanly,
    open_store,
    parse_day_option,
    print_error,
    print_json,
    settings_of,
    stdout,
)
from detente.cli.docs import JsonOption
from detente.cli.listing import NAME, Column, print_listing
from detente.terminal import visible

if TYPE_CHECKING:
    from detente.actors.kb import Candidate, KnowledgeBase


def actors_command(ctx: typer.Context, json: JsonOption = False) -> None:
    """Actors found in the store: kind, country, mentions, documents, first and last date."""
    with open_store(ctx, read_only=True) as store:
        rows = store.actor_listing()
    if json:
        print_json({"actors": rows})
        return
    columns = (
        Column("id"),
        Column("name", NAME, cap=30),
        Column("kind"),
        Column("mentions", right=True),
        Column("docs", key="documents", right=True),
        Column("country"),
        Column("cameo", key="cameo_code"),
        Column("first"),
        Column("last"),
        Column("provisional", where="pipe"),
    )
    listing = [
        [
            row["id"],
            # on a terminal the name says it; in a pipe a column of its own does
            row["name"] + (" (provisional)" if row["provisional"] else ""),
            row["kind"] or "",
            str(row["mentions"]),
            str(row["documents"]),
            row["country"] or "",
            row["cameo_code"] or "",
            row["first"] or "",
            row["last"] or "",
            "yes" if row["provisional"] else "no",
        ]
        for row in rows
    ]
    print_listing(columns, listing, summary=f"{len(rows)} actors")


def resolve_command(
    ctx: typer.Context,
    surface: Annotated[str, typer.Argument(help="A name as a text would write it.")],
    date: Annotated[
        str | None, typer.Option("--date", help="The date the text is about (YYYY-MM-DD).")
    ] = None,
    json: JsonOption = False,
) -> None:
    """What the knowledge base makes of a name on a date (exit status 1 if nothing)."""
    from detente.pipeline import knowledge_base

    on = parse_day_option(date, "--date")
    with fail_cleanly():
        kb = knowledge_base(settings_of(ctx))
    candidates = kb.lookup(surface, on, ignore_case=True)
    readings = [_reading(kb, c, on) for c in candidates]
    if json:
        print_json(
            {"surface": surface, "date": on.isoformat() if on else None, "readings": readings}
        )
    elif readings:
        for r in readings:
            line = f"{r['actor']['name']} [{r['actor']['id']}]"
            if r["sector"]:
                line += f" / {r['sector']}"
            line += f" · {r['how']}"
            if r["person"]:
                line += f" · {r['person']['name']}"
            if r["ambiguous"]:
                line += " · needs context"
            stdout.print(visible(line, one_line=True), markup=False)
    if not readings:
        nearest = kb.nearest(surface)
        hint = f"; nearest known names: {', '.join(nearest)}" if nearest else ""
        print_error(f"no actor named {surface!r}{hint}")
        raise typer.Exit(1)


def mentions_command(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(help="Document id, or a unique prefix.")],
    json: JsonOption = False,
) -> None:
    """Each actor mention of a document: span, actor and how it was resolved."""
    with open_store(ctx, read_only=True) as store:
        document = store.document(doc_id)
        mentions = store.mentions(document.id)
        records = store.actor_records()
    rows: list[dict[str, Any]] = [
        {
            "sentence": m.sentence,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "actor": {
                "id": m.actor_id,
                "name": records[m.actor_id].name if m.actor_id in records else m.actor_id,
            },
            "sector": m.sector,
            "person": m.person_id,
            "resolution": m.resolution,
            "confidence": m.confidence,
        }
        for m in mentions
    ]
    if json:
        print_json({"document": document.id, "mentions": rows})
        return
    columns = (
        Column("sent.", key="sentence", right=True),
        Column("span"),
        Column("text", NAME, cap=30),
        Column("actor"),
        Column("sector"),
        Column("how", key="resolution"),
        Column("conf.", key="confidence", right=True),
    )
    listing = [
        [
            str(row["sentence"]),
            f"{row['start']}-{row['end']}",
            row["text"],
            row["actor"]["id"],
            row["sector"] or "",
            row["resolution"],
            f"{row['confidence']:.2f}",
        ]
        for row in rows
    ]
    print_listing(columns, listing, summary=f"{len(rows)} mentions in {document.id}")


def _reading(kb: KnowledgeBase, c: Candidate, on: dt.date | None) -> dict[str, Any]:
    actor = kb.actor(c.actor_id)
    person = kb.person(c.person_id) if c.person_id else None
    return {
        "actor": {
            "id": actor.id,
            "name": actor.name,
            "kind": actor.kind,
            "country": actor.country,
            "cameo_code": actor.cameo_on(on),
        },
        "sector": c.sector,
        "how": c.how,
        "person": {"id": person.id, "name": person.name} if person else None,
        "office": c.office,
        "ambiguous": c.ambiguous,
        "current": c.in_period,
    }

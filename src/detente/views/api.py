"""The JSON API under ``/api/``: documents, actors, events, dyad, relations, balance, check,
and ``view`` (everything the pages draw).

Each endpoint opens the store read-only for the length of one request, calls the library
(the same functions as the command line) and answers one JSON object: ``{"ok": true, ...}``
on success, ``{"ok": false, "error": {"code", "message", "status"}}`` otherwise (see
:mod:`detente.views.server`). Keys are only ever added. Actor parameters take any name,
alias or id the knowledge base knows, as on the command line, and every parameter is
checked by the same functions as the command line's options (:mod:`detente.cli.arguments`):
a limit out of range, an unknown type or modality, ``since`` after ``until`` are the same
coded errors (E901, E902, E502) here as there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

from fastapi import APIRouter, Depends, Query, Request

import detente.analysis as analysis
from detente.actors.arguments import actor_for_argument
from detente.actors.kb import KnowledgeBase
from detente.analysis.claims import check_claim
from detente.analysis.window import TimeWindow
from detente.cli import arguments
from detente.cli.arguments import LIMIT, TOP
from detente.config import Settings
from detente.errors import UsageError
from detente.pipeline import knowledge_base, load_extraction
from detente.store import Store
from detente.views.data import view_data
from detente.views.event_json import event_json
from detente.views.filters import EventFilter

if TYPE_CHECKING:
    from detente.analysis.periods import Granularity

__all__ = ["router"]

router = APIRouter(prefix="/api")

DateParam = Annotated[str | None, Query(description="A date (YYYY-MM-DD or any common form).")]
ActorParam = Annotated[str | None, Query(description="Any actor name, alias or id.")]


def open_store(request: Request) -> Iterator[Store]:
    """The store, read-only, for one request."""
    path: Path = request.app.state.store_path
    with Store.open(path, read_only=True) as store:
        yield store


StoreDep = Annotated[Store, Depends(open_store)]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _knowledge_base(request: Request) -> KnowledgeBase:
    """The knowledge base, loaded on first use (a page that names no actor never needs it)."""
    state = request.app.state
    with state.kb_lock:
        if state.kb is None:
            state.kb = knowledge_base(_settings(request))
        kb: KnowledgeBase = state.kb
    return kb


def _actor(request: Request, store: Store, value: str | None) -> str | None:
    """A store id for what the user typed: an id stored as is, else the knowledge base's."""
    if value is None or not value.strip():
        return None
    wanted = value.strip()
    if store.fetch("SELECT 1 FROM actors WHERE id = ?", [wanted]):
        return wanted
    return actor_for_argument(_knowledge_base(request), wanted)


def _window(
    at: str | None = None, since: str | None = None, until: str | None = None
) -> TimeWindow:
    """The dates of a request, checked together as the command line checks them."""
    return arguments.time_window(at, since, until, prefix="")


def ok(payload: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, **payload}


@router.get("/documents", summary="Stored documents")
def documents(store: StoreDep) -> dict[str, Any]:
    """Every document: id, title, publication date (and whether it is estimated), source."""
    return ok({"documents": [d.as_json() for d in store.documents()]})


@router.get("/documents/{doc_id}", summary="One document with its sentences")
def document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    """A document's clean text and sentences (a unique id prefix of 4+ characters works)."""
    doc = store.document(doc_id)
    return ok(
        {
            "id": doc.id,
            "title": doc.title,
            "source": doc.source,
            "origin": doc.origin,
            "url": doc.url,
            "published": doc.published.isoformat() if doc.published else None,
            "published_is_estimate": doc.published_is_estimate,
            "text": doc.text,
            "sentences": [
                {"index": s.index, "paragraph": s.paragraph, "text": s.text} for s in doc.sentences
            ],
        }
    )


@router.get("/actors", summary="Actors found in the store")
def actors(store: StoreDep) -> dict[str, Any]:
    """Actors with their kind, country, CAMEO code and activity, most mentioned first."""
    return ok({"actors": store.actor_listing()})


@router.get("/events", summary="Events with their evidence (as `detente events --json`)")
def events(
    request: Request,
    store: StoreDep,
    actor: ActorParam = None,
    with_: Annotated[str | None, Query(alias="with", description="The other side.")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER type; repeatable.")] = None,
    modality: Annotated[list[str] | None, Query(description="Modality; repeatable.")] = None,
    since: DateParam = None,
    until: DateParam = None,
    limit: Annotated[int | None, Query(description=f"At most this many ({LIMIT}).")] = None,
    merged: Annotated[
        bool,
        Query(description="One object per real event, with its reports (as `--merged`)."),
    ] = False,
) -> dict[str, Any]:
    """The same filters and the same event objects as ``detente events --json`` (with
    ``merged``, as ``detente events --merged --json``)."""
    window = _window(since=since, until=until)
    types = arguments.event_types(type or (), "type")
    modalities = arguments.modalities(modality or (), "modality")
    limit = arguments.counted(limit, "limit", LIMIT)
    actor_id = _actor(request, store, actor)
    other_id = _actor(request, store, with_)
    if actor_id is None:
        actor_id, other_id = other_id, None
    chosen = EventFilter(
        actor=actor_id,
        other=other_id,
        types=types,
        modalities=modalities,
        since=window.since,
        until=window.until,
        limit=limit,
    )
    return ok(
        {
            "filters": chosen.as_json(),
            "events": [event_json(r) for r in chosen.events(store, merged=merged)],
        }
    )


@router.get("/dyad", summary="Two actors' relationship over time")
def dyad(
    request: Request,
    store: StoreDep,
    a: Annotated[str, Query(description="One actor.")],
    b: Annotated[str, Query(description="The other actor.")],
    by: Annotated[str, Query(description="month, year or decade.")] = "year",
    since: DateParam = None,
    until: DateParam = None,
) -> dict[str, Any]:
    """Per period counts, net score and sign, change points, summary and evidence
    (as ``detente dyad --json``)."""
    period = cast("Granularity", arguments.granularity(by, "by"))
    window = _window(since=since, until=until)
    a_id, b_id = _actor(request, store, a), _actor(request, store, b)
    if a_id is None or b_id is None:
        raise UsageError("a and b must each name an actor")
    history = analysis.dyad_history(
        store,
        a_id,
        b_id,
        by=period,
        since=window.since,
        until=window.until,
        settings=_settings(request).analysis,
    )
    return ok(history.as_json())


@router.get("/relations", summary="The signed actor graph at a date or in a window")
def relations(
    request: Request,
    store: StoreDep,
    at: DateParam = None,
    since: DateParam = None,
    until: DateParam = None,
    actor: ActorParam = None,
    half_life: Annotated[
        float | None, Query(description="Days, above 0; inf for no decay.")
    ] = None,
    limit: Annotated[
        int | None, Query(description=f"At most this many pairs, strongest first ({LIMIT}).")
    ] = None,
) -> dict[str, Any]:
    """Edges with weight, sign and top evidence (as ``detente relations --json``)."""
    window = _window(at, since, until)
    days = arguments.half_life(half_life, "half_life")
    limit = arguments.counted(limit, "limit", LIMIT)
    found = analysis.relations(
        store,
        at=window.at,
        since=window.since,
        until=window.until,
        actor=_actor(request, store, actor),
        half_life_days=days,
        max_edges=limit,
        settings=_settings(request).analysis,
    )
    return ok(found.as_json())


@router.get("/balance", summary="Structural balance of the relations graph")
def balance(
    request: Request,
    store: StoreDep,
    at: DateParam = None,
    since: DateParam = None,
    until: DateParam = None,
    top: Annotated[int | None, Query(description=f"Most active actors used ({TOP}).")] = None,
) -> dict[str, Any]:
    """Triads, balance ratio, frustration, blocs, inferred signs (as ``detente balance``)."""
    window = _window(at, since, until)
    top = arguments.counted(top, "top", TOP)
    found = analysis.structural_balance(
        store,
        at=window.at,
        since=window.since,
        until=window.until,
        top=top,
        settings=_settings(request).analysis,
    )
    return ok(found.as_json())


@router.get("/check", summary="Check a claim against the evidence")
def check(
    request: Request,
    store: StoreDep,
    claim: Annotated[str, Query(min_length=1, description="The claim, in plain English.")],
    at: DateParam = None,
    since: DateParam = None,
    until: DateParam = None,
) -> dict[str, Any]:
    """A verdict with supporting and contradicting evidence (as ``detente check --json``)."""
    window = _window(at, since, until)
    state = request.app.state
    with state.extraction_lock:  # one parser, one claim at a time
        if state.extraction is None:
            state.extraction = load_extraction(_settings(request))
        result = check_claim(
            store,
            claim,
            extraction=state.extraction,
            at=window.at,
            since=window.since,
            until=window.until,
            settings=_settings(request),
        )
    return ok(result.as_json())


@router.get("/view", summary="Everything the report and the web app's page draw")
def view(
    request: Request,
    store: StoreDep,
    actor: ActorParam = None,
    since: DateParam = None,
    until: DateParam = None,
) -> dict[str, Any]:
    """Network, dyad timelines, balance, events and documents for one filter (the dict the
    HTML report embeds)."""
    window = _window(since=since, until=until)
    chosen = EventFilter(
        actor=_actor(request, store, actor), since=window.since, until=window.until
    )
    return ok(view_data(store, chosen, settings=_settings(request).analysis))

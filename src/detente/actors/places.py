"""Place names: where something happened, and whose territory that is.

Two packaged files (see ``data/README.md``, "Places"): ``places.tsv``, cities and towns
generated from GeoNames by ``scripts/generate_places.py``, and ``regions.yaml``, regions and
territories written by hand. Each name points to the state whose territory it is, with dates
where that changed (Grozny is the Soviet Union's until 1991-12-26, Russia's after).

A place never acts: "troops in Chechnya" names where, not who. The resolver reports place
names apart from actor mentions (``ActorResolver.resolve_with_places``), so that the event
extractor can tell which state an attack struck ("shelled targets in Jericho" -> Palestine).
Names the knowledge base knows as actors (states, capitals as metonyms, organisations,
people, demonyms) keep their actor reading; a city that is only a former capital ("Lagos"
after 1991) reads as a place once the metonym is out of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from typing import NamedTuple

import yaml

from detente.actors.kb import KnowledgeBase, SurfaceForm
from detente.actors.matcher import name_key

_DATA = "detente/actors/data"


class Place(NamedTuple):
    """One name of a place, the state (ISO 3166 alpha-3) whose territory it is, and when.

    A named tuple: the gazetteer has some 35,000 rows, built at every start."""

    name: str
    key: tuple[str, ...]  # the matcher's word keys (``name_key``)
    country: str
    valid_from: dt.date | None
    valid_until: dt.date | None  # half-open: on this day the next state's
    source: str  # file:line
    town: bool = False  # small: a place only where its state is named too


def _read(name: str) -> str:
    return files("detente.actors").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _cities() -> Iterator[Place]:
    """``places.tsv``: name, word keys, ISO3, valid_from, valid_until (dates only when they
    hold), "town" for a small one. The keys are written by the generator so that loading
    tokenises nothing."""
    day = dt.date.fromisoformat
    for number, line in enumerate(_read("places.tsv").splitlines(), start=1):
        if not line or line[0] == "#":
            continue
        name, key, country, *rest = line.split("\t")
        start, end, size = (*rest, "", "", "")[:3]
        yield Place(
            name,
            tuple(key.split(" ")),
            country,
            day(start) if start else None,
            day(end) if end else None,
            f"{_DATA}/places.tsv:{number}",
            size == "town",
        )


def _regions() -> Iterator[Place]:
    raw = yaml.load(_read("regions.yaml"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    successions = raw["successions"]
    source = f"{_DATA}/regions.yaml"
    for region in raw["regions"]:
        periods = (
            [{"country": region["country"]}]
            if "country" in region
            else successions[region["states"]]
        )
        for name in [region["name"], *region.get("aliases", ())]:
            for period in periods:
                yield Place(
                    str(name),
                    name_key(str(name)),
                    period["country"],
                    period.get("valid_from"),
                    period.get("valid_until"),
                    source,
                )


@cache
def packaged_places() -> tuple[Place, ...]:
    """Every packaged place name, cities first, read once per process."""
    return (*_cities(), *_regions())


def place_forms(kb: KnowledgeBase) -> list[tuple[tuple[str, ...], SurfaceForm]]:
    """The places as surface forms pointing to their state's actor, keyed for the matcher.

    A place whose state the knowledge base does not know is skipped (a user's knowledge
    base may leave states out; the packaged one knows every state the files name).
    """
    states: dict[str, str | None] = {}
    out = []
    for place in packaged_places():
        state = states.get(place.country, "")
        if state == "":
            try:
                state = states[place.country] = kb.state_by_iso3(place.country).id
            except KeyError:
                state = states[place.country] = None
        if state is not None:
            form = SurfaceForm(
                place.name,
                state,
                "actor",
                "place",
                None,
                place.valid_from,
                place.valid_until,
                place.town,  # ambiguous: the resolver wants its state named in the document
                False,
                place.source,
            )
            out.append((place.key, form))
    return out


def place_on(forms: tuple[SurfaceForm, ...], on: dt.date | None) -> SurfaceForm | None:
    """The place reading of a matched name on a date: the state whose territory it was then
    (today's state when the date is unknown); None if the name is no place."""
    places = [f for f in forms if f.how == "place"]
    for form in places:
        if form.holds_on(on) if on is not None else form.valid_until is None:
            return form
    return None

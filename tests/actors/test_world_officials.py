"""world_officials.yaml and the conflict actors: the sides of today's wars, their ministers,
commanders and mediators, and the major powers' foreign ministers, each inside their term."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.actors.kb import KnowledgeBase, load_knowledge_base
from detente.actors.resolve import ActorResolver
from tests.support import document_of

D = dt.date


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.mark.parametrize(
    ("surface", "on", "actor", "sector", "person", "in_term"),
    [
        ("Hemedti", D(2024, 6, 1), "rapid-support-forces", "MIL", "mohamed-hamdan-dagalo", True),
        ("Hemedti", D(2021, 1, 1), "sudan", "GOV", "mohamed-hamdan-dagalo", True),
        ("Dmytro Kuleba", D(2022, 3, 1), "ukraine", "GOV", "dmytro-kuleba", True),
        ("Kuleba", D(2025, 3, 1), "ukraine", "GOV", "dmytro-kuleba", False),
        ("Rustem Umerov", D(2024, 1, 1), "ukraine", "MIL", "rustem-umerov", True),
        ("Vladimir Medinsky", D(2025, 5, 16), "russia", "GOV", "vladimir-medinsky", True),
        ("Shoigu", D(2023, 1, 1), "russia", "MIL", "sergei-shoigu", True),
        ("Gerasimov", D(2023, 1, 1), "russia", "MIL", "valery-gerasimov", True),
        ("Prigozhin", D(2023, 6, 24), "wagner-group", None, "yevgeny-prigozhin", True),
        ("Prigozhin", D(2024, 6, 1), "wagner-group", None, "yevgeny-prigozhin", False),
        ("Yoav Gallant", D(2023, 11, 1), "israel", "MIL", "yoav-gallant", True),
        (
            "Ziyad al-Nakhalah",
            D(2023, 11, 1),
            "palestinian-islamic-jihad",
            None,
            "ziyad-al-nakhalah",
            True,
        ),
        ("Steve Witkoff", D(2025, 3, 1), "united-states", "GOV", "steve-witkoff", True),
        ("Steve Witkoff", D(2020, 1, 1), "united-states", "GOV", "steve-witkoff", False),
        ("Badr Abdelatty", D(2025, 1, 1), "egypt", "GOV", "badr-abdelatty", True),
        (
            "Corneille Nangaa",
            D(2025, 2, 1),
            "alliance-fleuve-congo",
            None,
            "corneille-nangaa",
            True,
        ),
        ("Sultani Makenga", D(2024, 1, 1), "m23", "MIL", "sultani-makenga", True),
        ("Mazloum Abdi", D(2025, 1, 1), "sdf", "MIL", "mazloum-abdi", True),
        ("Iyad Ag Ghaly", D(2020, 1, 1), "jnim", None, "iyad-ag-ghaly", True),
        ("Duwa Lashi La", D(2023, 1, 1), "national-unity-government", "GOV", "duwa-lashi-la", True),
        ("Le Drian", D(2015, 1, 1), "france", "MIL", "jean-yves-le-drian", True),
        ("Le Drian", D(2019, 1, 1), "france", "GOV", "jean-yves-le-drian", True),
        ("Delcy Rodriguez", D(2024, 1, 1), "venezuela", "GOV", "delcy-rodriguez", True),
        ("Amit Shah", D(2024, 6, 1), "india", "GOV", "amit-shah", True),
    ],
)
def test_officials_act_for_their_side(
    kb: KnowledgeBase,
    surface: str,
    on: dt.date,
    actor: str,
    sector: str | None,
    person: str,
    in_term: bool,
) -> None:
    cand = kb.lookup(surface, on)[0]
    assert (cand.actor_id, cand.sector, cand.person_id) == (actor, sector, person)
    assert cand.in_period is in_term


@pytest.mark.parametrize(
    ("country", "office", "on", "person"),
    [
        # one office, successive holders: the date picks the one in office, never the other
        ("ukraine", "foreign-minister", D(2022, 3, 1), "dmytro-kuleba"),
        ("ukraine", "foreign-minister", D(2025, 3, 1), "andrii-sybiha"),
        ("ukraine", "defence-minister", D(2022, 3, 1), "oleksii-reznikov"),
        ("ukraine", "defence-minister", D(2024, 3, 1), "rustem-umerov"),
        ("ukraine", "defence-minister", D(2025, 9, 1), "denys-shmyhal"),
        ("ukraine", "army-chief", D(2023, 1, 1), "valerii-zaluzhnyi"),
        ("ukraine", "army-chief", D(2024, 6, 1), "oleksandr-syrskyi"),
        ("russia", "defence-minister", D(2023, 1, 1), "sergei-shoigu"),
        ("russia", "defence-minister", D(2024, 6, 1), "andrei-belousov"),
        ("russia", "security-council-secretary", D(2020, 1, 1), "nikolai-patrushev"),
        ("russia", "security-council-secretary", D(2025, 1, 1), "sergei-shoigu"),
        ("israel", "defence-minister", D(2021, 1, 1), "benny-gantz"),
        ("israel", "defence-minister", D(2024, 1, 1), "yoav-gallant"),
        ("israel", "defence-minister", D(2025, 1, 1), "israel-katz"),
        ("israel", "army-chief", D(2024, 1, 1), "herzi-halevi"),
        ("sudan", "army-chief", D(2024, 1, 1), "abdel-fattah-al-burhan"),
        ("qatar", "foreign-minister", D(2020, 1, 1), "mohammed-bin-abdulrahman-al-thani"),
        ("egypt", "foreign-minister", D(2020, 1, 1), "sameh-shoukry"),
        ("france", "foreign-minister", D(2015, 1, 1), "laurent-fabius"),
        ("france", "foreign-minister", D(2019, 1, 1), "jean-yves-le-drian"),
        ("france", "foreign-minister", D(2023, 1, 1), "catherine-colonna"),
        ("france", "foreign-minister", D(2025, 1, 1), "jean-noel-barrot"),
        ("united-kingdom", "foreign-minister", D(2015, 1, 1), "philip-hammond"),
        ("united-kingdom", "foreign-minister", D(2017, 1, 1), "boris-johnson"),
        ("united-kingdom", "foreign-minister", D(2020, 1, 1), "dominic-raab"),
        ("united-kingdom", "foreign-minister", D(2024, 1, 1), "david-cameron"),
        ("united-kingdom", "foreign-minister", D(2025, 1, 1), "david-lammy"),
        ("united-kingdom", "foreign-minister", D(2025, 10, 1), "yvette-cooper"),
        ("germany", "foreign-minister", D(2015, 1, 1), "frank-walter-steinmeier"),
        ("germany", "foreign-minister", D(2023, 1, 1), "annalena-baerbock"),
        ("japan", "foreign-minister", D(2015, 1, 1), "fumio-kishida"),
        ("japan", "foreign-minister", D(2022, 1, 1), "yoshimasa-hayashi"),
        ("japan", "foreign-minister", D(2025, 11, 1), "toshimitsu-motegi"),
        ("south-korea", "foreign-minister", D(2015, 1, 1), "yun-byung-se"),
        ("south-korea", "foreign-minister", D(2019, 1, 1), "kang-kyung-wha"),
        ("south-korea", "foreign-minister", D(2023, 1, 1), "park-jin"),
        ("china", "foreign-minister", D(2023, 3, 1), "qin-gang"),
        ("united-states", "defence-minister", D(2022, 1, 1), "lloyd-austin"),
        ("united-states", "national-security-adviser", D(2022, 1, 1), "jake-sullivan"),
        ("hamas", "political-bureau-chief", D(2020, 1, 1), "ismail-haniyeh"),
        ("palestinian-islamic-jihad", "secretary-general", D(2010, 1, 1), "ramadan-shallah"),
        ("wagner-group", "leader", D(2022, 1, 1), "yevgeny-prigozhin"),
        ("alliance-fleuve-congo", "leader", D(2025, 1, 1), "corneille-nangaa"),
    ],
)
def test_office_holders_by_date(
    kb: KnowledgeBase, country: str, office: str, on: dt.date, person: str
) -> None:
    holder = kb.office_holder(country, office, on)
    assert holder is not None and holder.id == person


def test_out_of_term_no_one_else_is_named(kb: KnowledgeBase) -> None:
    assert kb.office_holder("wagner-group", "leader", D(2024, 1, 1)) is None
    assert kb.office_holder("united-kingdom", "foreign-minister", D(2012, 1, 1)) is not None
    lavrov = kb.lookup("Russia's foreign minister", D(2024, 6, 1))[0]
    assert lavrov.person_id == "sergey-lavrov"
    shoigu = kb.lookup("Shoigu", D(2024, 6, 1))[0]  # no longer defence minister: the council
    assert (shoigu.office, shoigu.sector) == ("security-council-secretary", "GOV")


@pytest.mark.parametrize(
    ("surface", "on", "actor", "sector"),
    [
        ("Tatmadaw", D(2023, 1, 1), "myanmar", "MIL"),
        ("IDF", D(2024, 1, 1), "israel", "MIL"),
        ("FARDC", D(2024, 1, 1), "dr-congo", "MIL"),
        ("AFC/M23", D(2025, 2, 1), "alliance-fleuve-congo", None),
        ("Congo River Alliance", D(2025, 2, 1), "alliance-fleuve-congo", None),
        ("Wazalendo", D(2024, 1, 1), "wazalendo", None),
        ("SAMIDRC", D(2024, 6, 1), "samidrc", "MIL"),
        ("EACRF", D(2023, 6, 1), "eacrf", "MIL"),
        ("Three Brotherhood Alliance", D(2023, 11, 1), "three-brotherhood-alliance", None),
        ("Africa Corps", D(2024, 6, 1), "africa-corps", "MIL"),
        ("Shin Bet", D(2024, 6, 1), "shin-bet", "SPY"),
        ("the British foreign secretary", D(2017, 1, 1), "united-kingdom", "GOV"),
        ("the Ukrainian defence minister", D(2024, 1, 1), "ukraine", "MIL"),
        ("Hamas's military chief", D(2024, 1, 1), "hamas", "MIL"),
    ],
)
def test_conflict_actors_and_offices(
    kb: KnowledgeBase, surface: str, on: dt.date, actor: str, sector: str | None
) -> None:
    cand = kb.lookup(surface, on)[0]
    assert (cand.actor_id, cand.sector) == (actor, sector)


def test_an_acronym_shared_with_others_wants_context(kb: KnowledgeBase) -> None:
    saf = kb.lookup("SAF", D(2024, 1, 1))
    assert saf and saf[0].actor_id == "sudan" and saf[0].ambiguous
    resolver = ActorResolver(kb)
    text = "The SAF shelled RSF positions in Khartoum, the Sudanese army said."
    found = resolver.resolve(document_of(text, "2024-01-10"))
    assert ("SAF", "sudan", "MIL") in [(m.text, m.actor_id, m.sector) for m in found]


def test_the_sides_of_a_war_in_a_sentence(kb: KnowledgeBase) -> None:
    resolver = ActorResolver(kb)
    text = (
        "Hemedti's Rapid Support Forces attacked El Fasher, and al-Burhan vowed to fight on. "
        "Ukrainian Foreign Minister Dmytro Kuleba met Steve Witkoff."
    )
    found = resolver.resolve(document_of(text, "2024-06-01"))
    people = {m.person_id: m.actor_id for m in found if m.person_id}
    assert people["mohamed-hamdan-dagalo"] == "rapid-support-forces"
    assert people["abdel-fattah-al-burhan"] == "sudan"
    assert people["dmytro-kuleba"] == "ukraine"
    assert people["steve-witkoff"] == "united-states"  # named before his term: still the US


@pytest.mark.parametrize(
    ("office", "on", "person"),
    [
        ("speaker", D(2022, 8, 5), "nancy-pelosi"),
        ("speaker", D(2017, 1, 1), "paul-ryan"),
        ("speaker", D(2024, 3, 1), "mike-johnson"),
        ("majority-leader", D(2022, 1, 1), "chuck-schumer"),
    ],
)
def test_the_leaders_of_the_us_congress_in_their_terms(
    kb: KnowledgeBase, office: str, on: dt.date, person: str
) -> None:
    holder = kb.office_holder("united-states", office, on)
    assert holder is not None and holder.id == person


def test_a_speaker_of_the_house_acts_for_the_legislature_not_the_administration(
    kb: KnowledgeBase,
) -> None:
    resolver = ActorResolver(kb)
    text = "Beijing sanctioned House Speaker Nancy Pelosi on Friday."
    mentions = resolver.resolve(document_of(text, "2022-08-05"))
    speaker = [m for m in mentions if "Pelosi" in m.text]
    assert speaker and speaker[0].actor_id == "united-states" and speaker[0].sector == "LEG"


def test_the_tigrayan_forces_of_the_war_are_the_tplf(kb: KnowledgeBase) -> None:
    resolver = ActorResolver(kb)
    text = "Tigrayan forces captured the town, and Tigrayan leaders rejected the plan."
    found = resolver.resolve(document_of(text, "2021-06-28"))
    assert {m.text: m.actor_id for m in found} == {
        "Tigrayan forces": "tplf",
        "Tigrayan leaders": "tplf",
    }


def test_merchant_ships_of_every_flag_are_one_target(kb: KnowledgeBase) -> None:
    resolver = ActorResolver(kb)
    text = "The rebels attacked two merchant vessels; shipping fees and shipping costs rose."
    found = resolver.resolve(document_of(text, "2024-02-01"))
    assert [(m.text, m.actor_id) for m in found] == [("merchant vessels", "commercial-shipping")]

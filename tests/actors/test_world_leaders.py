"""world_leaders.yaml: heads of state and government of every state, and of the main IGOs."""

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
    ("surface", "on", "actor", "person", "in_term"),
    [
        ("Mitterrand", D(1990, 6, 1), "france", "francois-mitterrand", True),
        ("Mitterrand", D(2001, 1, 1), "france", "francois-mitterrand", False),
        ("Chancellor Kohl", D(1990, 6, 1), "germany", "helmut-kohl", True),
        ("Abacha", D(1996, 1, 1), "nigeria", "sani-abacha", True),
        ("Obasanjo", D(2003, 1, 1), "nigeria", "olusegun-obasanjo", True),
        ("President Omar al-Bashir", D(2005, 1, 1), "sudan", "omar-al-bashir", True),
        ("Nakasone", D(1985, 1, 1), "japan", "yasuhiro-nakasone", True),
        ("Nakasone", D(1995, 1, 1), "japan", "yasuhiro-nakasone", False),
        ("King Hussein", D(1990, 8, 1), "jordan", "hussein-of-jordan", True),
        ("Brezhnev", D(1979, 12, 27), "soviet-union", "leonid-brezhnev", True),
        (
            "Ursula von der Leyen",
            D(2020, 1, 1),
            "european-commission",
            "ursula-von-der-leyen",
            True,
        ),
    ],
)
def test_leaders_act_for_their_state(
    kb: KnowledgeBase, surface: str, on: dt.date, actor: str, person: str, in_term: bool
) -> None:
    cand = kb.lookup(surface, on)[0]
    assert (cand.actor_id, cand.person_id, cand.how) == (actor, person, "person")
    assert cand.in_period is in_term
    assert not cand.ambiguous


@pytest.mark.parametrize(
    ("country", "office", "on", "person"),
    [
        ("france", "president", D(1990, 1, 1), "francois-mitterrand"),
        ("france", "prime-minister", D(1990, 1, 1), "michel-rocard"),
        ("nigeria", "head-of-state", D(1995, 1, 1), "sani-abacha"),
        ("japan", "prime-minister", D(2015, 1, 1), "shinzo-abe"),
        ("japan", "head-of-government", D(1990, 1, 1), "toshiki-kaifu"),
        ("germany", "chancellor", D(2010, 1, 1), "angela-merkel"),
        ("united-kingdom", "head-of-state", D(2000, 1, 1), "elizabeth-ii"),
        ("saudi-arabia", "crown-prince", D(2020, 1, 1), "mohammed-bin-salman"),
        ("nato", "secretary-general", D(2000, 1, 1), "george-robertson"),
    ],
)
def test_office_holders(
    kb: KnowledgeBase, country: str, office: str, on: dt.date, person: str
) -> None:
    holder = kb.office_holder(country, office, on)
    assert holder is not None and holder.id == person


@pytest.mark.parametrize(
    ("surface", "on", "actor"),
    [
        ("the French president", D(1990, 6, 1), "france"),
        ("the German chancellor", D(1990, 6, 1), "germany"),
        ("the King of Jordan", D(2020, 1, 1), "jordan"),
        ("the Emir of Qatar", D(2020, 1, 1), "qatar"),
        ("the Nigerian military ruler", D(1995, 1, 1), "nigeria"),
        ("the Pope", D(1990, 1, 1), "holy-see"),
    ],
)
def test_new_office_phrases(kb: KnowledgeBase, surface: str, on: dt.date, actor: str) -> None:
    cand = kb.lookup(surface, on)[0]
    assert (cand.actor_id, cand.how) == (actor, "office")
    assert cand.person_id is not None


@pytest.mark.parametrize(
    ("surface", "on", "people"),
    [
        ("Papandreou", D(1985, 1, 1), {"andreas-papandreou", "george-papandreou"}),
        ("Kim", D(2000, 1, 1), {"kim-dae-jung", "kim-jong-il"}),
        ("King Abdullah", D(2010, 1, 1), {"abdullah-ii-of-jordan", "abdullah-of-saudi-arabia"}),
        ("Kabila", D(1998, 1, 1), {"laurent-desire-kabila", "joseph-kabila"}),
    ],
)
def test_shared_surnames_are_ambiguous(
    kb: KnowledgeBase, surface: str, on: dt.date, people: set[str]
) -> None:
    found = kb.lookup(surface, on)
    assert people <= {c.person_id for c in found}
    assert all(c.ambiguous for c in found)


def test_the_full_name_is_not_ambiguous(kb: KnowledgeBase) -> None:
    cand = kb.lookup("Andreas Papandreou", D(1985, 1, 1))[0]
    assert (cand.person_id, cand.actor_id, cand.ambiguous) == (
        "andreas-papandreou",
        "greece",
        False,
    )


def test_resolver_names_the_state_and_leaves_a_shared_surname(kb: KnowledgeBase) -> None:
    resolver = ActorResolver(kb)
    text = "President Omar al-Bashir met Mitterrand and Chancellor Kohl. Kim did not attend."
    found = {
        m.text: (m.actor_id, m.sector) for m in resolver.resolve(document_of(text, "1990-05-01"))
    }
    assert found["President Omar al-Bashir"] == ("sudan", "GOV")
    assert found["Mitterrand"] == ("france", "GOV")
    assert any(actor == "germany" for actor, _ in found.values())
    assert "Kim" not in found


def test_every_state_has_a_head_of_state_or_government_in_2020(kb: KnowledgeBase) -> None:
    on = D(2020, 1, 1)
    # collegial heads of state are left out; Commonwealth realms answer through their PM
    collegial = {"switzerland", "san-marino", "andorra", "bosnia-and-herzegovina"}
    missing = [
        a.id
        for a in kb.actors.values()
        if a.kind == "state"
        and a.id not in collegial
        and (a.valid_until is None or a.valid_until > on)
        and kb.office_holder(a.id, "head-of-state", on) is None
        and kb.office_holder(a.id, "head-of-government", on) is None
    ]
    assert missing == []

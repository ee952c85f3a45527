"""The world organisations file: IGOs, international NGOs and armed groups beyond the region."""

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


@pytest.fixture(scope="module")
def resolver(kb: KnowledgeBase) -> ActorResolver:
    return ActorResolver(kb)


@pytest.mark.parametrize(
    ("surface", "on", "actor_id", "kind"),
    [
        ("UNDP", D(2010, 1, 1), "undp", "igo"),
        ("UN Relief and Works Agency", D(2024, 1, 1), "unrwa", "igo"),
        ("ECOWAS", D(1999, 1, 1), "ecowas", "igo"),
        ("ECOMOG", D(1996, 1, 1), "ecomog", "igo"),
        ("Organization of American States", D(2019, 1, 1), "oas", "igo"),
        ("Warsaw Pact", D(1968, 8, 21), "warsaw-pact", "igo"),
        ("ICTY", D(2001, 6, 1), "icty", "igo"),
        ("Doctors Without Borders", D(2024, 1, 1), "msf", "ngo"),
        ("Médecins Sans Frontières", D(2024, 1, 1), "msf", "ngo"),
        ("International Committee of the Red Cross", D(2024, 1, 1), "icrc", "ngo"),
        ("HRW", D(2024, 1, 1), "human-rights-watch", "ngo"),
        ("Tamil Tigers", D(2000, 1, 1), "ltte", "armed_group"),
        ("FARC-EP", D(2005, 1, 1), "farc", "armed_group"),
        ("Zapatistas", D(1994, 1, 2), "ezln", "armed_group"),
        ("al-Shabab", D(2015, 1, 1), "al-shabaab", "armed_group"),
        ("Fatah", D(2007, 6, 1), "fatah", "party"),
    ],
)
def test_names_resolve_to_their_actor_and_kind(
    kb: KnowledgeBase, surface: str, on: dt.date, actor_id: str, kind: str
) -> None:
    found = kb.lookup(surface, on)
    assert found, surface
    assert found[0].actor_id == actor_id
    assert kb.actor(actor_id).kind == kind


def test_national_groups_carry_their_country(kb: KnowledgeBase) -> None:
    assert kb.actor("eta").country == "ESP"
    assert kb.actor("kla").country == "XKX"
    assert kb.actor("polisario-front").country is None
    assert kb.state_of("lra") == kb.state_of("uganda")


def test_renamed_and_dated_names(kb: KnowledgeBase) -> None:
    assert kb.lookup("GSPC", D(2000, 1, 1))[0].actor_id == "aqim"
    assert kb.lookup("GSPC", D(2010, 1, 1))[0].in_period is False
    assert kb.lookup("MONUC", D(2005, 1, 1))[0].actor_id == "monusco"
    assert kb.actor("unita").cameo_on(D(1990, 1, 1)) == "AGOREB"
    assert kb.actor("unita").cameo_on(D(2010, 1, 1)) == "AGOOPP"
    assert kb.actor("un-human-rights-council").predecessor == "un-commission-on-human-rights"


def test_names_that_clash_are_marked_ambiguous(kb: KnowledgeBase) -> None:
    rsf = {c.actor_id for c in kb.lookup("RSF", D(2023, 6, 1))}
    assert rsf == {"rapid-support-forces", "reporters-without-borders"}
    assert all(c.ambiguous for c in kb.lookup("RSF", D(2023, 6, 1)))
    assert all(c.ambiguous for c in kb.lookup("ETA", D(2000, 1, 1)))


def test_groups_in_running_text(resolver: ActorResolver) -> None:
    text = (
        "Amnesty International and Human Rights Watch accused Boko Haram of abductions. "
        "ECOWAS leaders met as the Provisional IRA was compared with the KLA."
    )
    found = [(m.text, m.actor_id) for m in resolver.resolve(document_of(text, "1999-05-01"))]
    assert ("Amnesty International", "amnesty-international") in found
    assert ("Human Rights Watch", "human-rights-watch") in found
    assert ("Boko Haram", "boko-haram") in found
    assert ("ECOWAS leaders", "ecowas") in found or ("ECOWAS", "ecowas") in found
    assert ("Provisional IRA", "provisional-ira") in found
    assert ("KLA", "kla") in found


def test_ambiguous_names_take_their_context(resolver: ActorResolver) -> None:
    alone = resolver.resolve(document_of("ETA claimed the bombing.", "1995-03-01"))
    assert alone == []
    in_spain = resolver.resolve(
        document_of("Spanish police arrested two men. ETA claimed the bombing.", "1995-03-01")
    )
    assert "eta" in {m.actor_id for m in in_spain}
    assert resolver.resolve(document_of("We must save the children now.", "2024-01-01")) == []


def test_un_peacekeepers_are_the_un_military(resolver: ActorResolver) -> None:
    found = resolver.resolve(document_of("Blue helmets patrolled the border.", "2024-01-01"))
    assert [(m.actor_id, m.sector) for m in found] == [("un", "MIL")]


def test_the_coalition_against_daesh_and_iraqi_kurdistans_government(
    resolver: ActorResolver,
) -> None:
    text = "The Global Coalition and the Kurdistan Regional Government met Bashar al-Asad."
    found = {(m.actor_id, m.sector) for m in resolver.resolve(document_of(text, "2016-05-01"))}
    assert ("global-coalition-against-daesh", None) in found
    assert ("kurdistan-regional-government", "GOV") in found
    assert ("syria", "GOV") in found

"""A partial name never resolves to a different person, and a person introduced by a title
is followed through the document by surname (project-written sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.actors.kb import KnowledgeBase, load_knowledge_base
from detente.actors.name_context import name_run, names_someone_else
from detente.actors.resolve import ActorResolver
from detente.model import Mention
from tests.support import document_of

ON = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="module")
def resolver(kb: KnowledgeBase) -> ActorResolver:
    return ActorResolver(kb)


def mentions(resolver: ActorResolver, text: str, date: str = "2024-06-01") -> list[Mention]:
    return resolver.resolve(document_of(text, date))


def people(found: list[Mention]) -> list[tuple[str, str | None]]:
    return [(m.text, m.person_id) for m in found if m.person_id]


# -- a known name next to other name words is someone else's -------------------------------


def test_a_surname_after_a_given_name_is_someone_else(resolver: ActorResolver) -> None:
    found = mentions(resolver, "The Indian Home Minister, Amit Shah, accused Pakistan.")
    assert all(m.actor_id != "iran" for m in found)
    assert ("Indian Home Minister", "india", "GOV") in [
        (m.text, m.actor_id, m.sector) for m in found
    ]
    assert [m.actor_id for m in mentions(resolver, "Rahim Shah accused Kabul.")] == [
        "taliban"  # Kabul only: no Shah of Iran
    ]


def test_a_namesake_with_another_given_name_is_left_unresolved(resolver: ActorResolver) -> None:
    assert mentions(resolver, "Rahul Gandhi addressed a rally.") == []
    gandhi = mentions(resolver, "Gandhi addressed a rally.", "1985-06-01")
    assert [(m.actor_id, m.sector) for m in gandhi] == [("india", "GOV")]
    found = mentions(resolver, "John Kerry met Joe Kerry in Paris.", "2015-06-01")
    assert people(found) == [("John Kerry", "john-kerry")]
    rice = mentions(resolver, "Tom Rice met Condoleezza Rice.", "2006-06-01")
    assert people(rice) == [("Condoleezza Rice", "condoleezza-rice")]


def test_titles_honorifics_and_known_names_leave_the_person_alone(
    resolver: ActorResolver,
) -> None:
    for text in (
        "Secretary of State John Kerry met Lavrov.",
        "Mr Kerry met Lavrov.",
        "Yesterday Kerry met Lavrov.",
        "On Monday Kerry met Lavrov.",
        "America's Kerry met Lavrov.",
        "Kerry Monday met Lavrov.",
    ):
        found = people(mentions(resolver, text, "2015-06-01"))
        assert [p for _text, p in found] == ["john-kerry", "sergey-lavrov"], text
    found = mentions(resolver, "Iranian Foreign Minister Javad Zarif met Lavrov.", "2015-06-01")
    assert "mohammad-javad-zarif" in [m.person_id for m in found]


def test_name_words_after_a_known_name_make_someone_else(resolver: ActorResolver) -> None:
    assert people(mentions(resolver, "Shah Rukh Khan praised Modi.")) == [("Modi", "narendra-modi")]
    # a headline in title case: every word has a capital, which says nothing of names
    headline = mentions(resolver, "Netanyahu Vows Revenge After Attack", "2024-06-01")
    assert [m.person_id for m in headline] == ["benjamin-netanyahu"]


def test_a_title_alias_needs_its_article(resolver: ActorResolver, kb: KnowledgeBase) -> None:
    found = mentions(resolver, "In 1975 the Shah visited Washington.")
    assert ("the Shah", "mohammad-reza-pahlavi") in people(found)
    assert kb.lookup("Shah", ON) == []
    assert kb.lookup("the Shah", ON)[0].person_id == "mohammad-reza-pahlavi"


def test_lookup_reads_someone_else_by_the_title(kb: KnowledgeBase) -> None:
    assert all(c.actor_id != "iran" for c in kb.lookup("Amit Shah", ON, ignore_case=True))
    assert kb.lookup("Rahul Gandhi", ON) == []
    for text, actor, sector in (
        ("Indian Home Minister Rajesh Kumar", "india", "GOV"),
        ("Sudan's army chief Abdel Khalil", "sudan", "MIL"),
        ("Sudanese army chief Gen. Abdel Khalil", "sudan", "MIL"),
    ):
        found = kb.lookup(text, ON)
        assert found and (found[0].actor_id, found[0].sector) == (actor, sector), text
        assert found[0].person_id is None, text  # the KB's holder is not the one named
    blinken = kb.lookup("US Secretary of State", ON)[0]
    assert blinken.person_id == "antony-blinken"
    assert kb.lookup("US Secretary of State Joe Smith", ON)[0].person_id is None
    assert kb.lookup("President Putin", ON)[0].person_id == "vladimir-putin"
    assert kb.lookup("Javad Zarif", ON)[0].person_id == "mohammad-javad-zarif"


def test_the_rule_itself() -> None:
    zarif = [("mohammad", "javad", "zarif"), ("zarif",)]
    assert not names_someone_else(["javad"], ["zarif"], [], zarif)
    assert not names_someone_else([], ["zarif"], [], zarif)
    assert names_someone_else(["ali"], ["zarif"], [], zarif)
    bush = [("george", "w", "bush"), ("bush",)]
    assert not names_someone_else(["george", "w"], ["bush"], [], bush)
    assert names_someone_else(["jeb"], ["bush"], [], bush)
    # a full name with a middle name or a patronymic added is still the person's
    modi = [("narendra", "modi"), ("modi",)]
    assert not names_someone_else(["narendra", "damodardas"], ["modi"], [], modi)
    assert names_someone_else(["rahul", "damodardas"], ["modi"], [], modi)
    titles = frozenset({"president", "minister"})
    outward = [("Amit", "amit"), ("Minister", "minister"), ("Home", "home")]
    assert name_run(outward, titles) == ["amit"]
    assert name_run([("Yesterday", "yesterday")], titles) == []
    assert name_run([("al", "al"), ("said", "said")], titles) == []
    assert name_run([("al", "al"), ("Fattah", "fattah")], titles) == ["al", "fattah"]
    assert name_run([("NATO", "nato")], titles) == []


# -- a person introduced by a title, then named by surname -------------------------------


def test_a_surname_refers_back_to_the_title_that_introduced_it(resolver: ActorResolver) -> None:
    text = (
        "Indian Home Minister Rajesh Kumar accused Pakistan of backing militants. "
        "Kumar said the attacks would stop. Mr Kumar left for Delhi. Ravi Kumar stayed."
    )
    found = mentions(resolver, text)
    first = found[0]
    assert (first.text, first.actor_id, first.sector, first.resolution) == (
        "Indian Home Minister Rajesh Kumar",
        "india",
        "GOV",
        "office",
    )
    later = [(m.text, m.actor_id, m.sector) for m in found if m.resolution == "coreference"]
    assert later == [("Kumar", "india", "GOV"), ("Kumar", "india", "GOV")]
    assert not [m for m in found if m.start >= text.index("Ravi") and m.text == "Kumar"]


def test_an_army_chief_named_then_by_surname(resolver: ActorResolver) -> None:
    for text in (
        "Sudan's army chief Abdel Khalil visited Cairo. Khalil said the war would end.",
        "Sudan's army chief, Abdel Khalil, visited Cairo. Later, General Khalil said so.",
    ):
        found = mentions(resolver, text)
        assert found[0].actor_id == "sudan" and found[0].sector == "MIL", text
        khalil = [m for m in found if m.text == "Khalil"]
        assert [(m.actor_id, m.sector, m.resolution) for m in khalil] == [
            ("sudan", "MIL", "coreference")
        ], text


def test_an_apposition_introduces_the_name(resolver: ActorResolver) -> None:
    text = "The Indian Home Minister, Rajesh Kumar, accused Pakistan. Kumar said more."
    found = mentions(resolver, text)
    assert ("Kumar", "india", "GOV", "coreference") in [
        (m.text, m.actor_id, m.sector, m.resolution) for m in found
    ]


def test_a_person_named_in_full_then_by_surname(resolver: ActorResolver) -> None:
    found = mentions(resolver, "John Kerry flew to Paris. Kerry met Lavrov.", "2015-06-01")
    assert [m.person_id for m in found if m.text == "Kerry"] == ["john-kerry"]
    # a namesake named in between takes the surname: the later "Kerry" is no longer John's
    found = mentions(resolver, "John Kerry met Joe Kerry. Kerry said no.", "2015-06-01")
    assert [m.text for m in found] == ["John Kerry"]


def test_no_coreference_without_an_introduction(resolver: ActorResolver) -> None:
    found = mentions(resolver, "Kumar said the attacks would stop.")
    assert found == []


@pytest.mark.parametrize(
    ("before", "own", "someone_else"),
    [
        (["anthony"], ("antony", "blinken"), False),  # one letter added
        (["sergei"], ("sergey", "lavrov"), False),  # one letter changed
        (["mohammed", "javad"], ("mohammad", "javad", "zarif"), False),
        (["amit"], ("shah",), True),  # another person's given name
        (["anna"], ("ana", "brnabic"), True),  # too short to be a spelling of it
    ],
)
def test_a_given_name_spelt_a_letter_apart_is_the_same_name(
    before: list[str], own: tuple[str, ...], someone_else: bool
) -> None:
    assert names_someone_else(before, [own[-1]], [], [own]) is someone_else


def test_a_misspelt_given_name_still_finds_the_person(resolver: ActorResolver) -> None:
    found = mentions(resolver, "Anthony Blinken spoke on Friday.", "2022-08-05")
    assert [m.person_id for m in found] == ["antony-blinken"], found

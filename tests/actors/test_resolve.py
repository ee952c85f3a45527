"""Resolution of actor mentions in running text (project-written sentences)."""

from __future__ import annotations

import pytest

from detente.actors.kb import KnowledgeBase, load_knowledge_base
from detente.actors.resolve import ActorResolver
from detente.model import Mention
from tests.support import document_of


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_knowledge_base())


def mentions(resolver: ActorResolver, text: str, date: str = "2024-05-01") -> list[Mention]:
    return resolver.resolve(document_of(text, date))


def table(found: list[Mention]) -> list[tuple[str, str | None, str | None, str]]:
    return [(m.text, m.actor_id, m.sector, m.resolution) for m in found]


def test_metonyms_and_names(resolver: ActorResolver) -> None:
    found = table(mentions(resolver, "Tehran and Dushanbe signed a pact with Azerbaijan."))
    assert found == [
        ("Tehran", "iran", None, "metonym"),
        ("Dushanbe", "tajikistan", None, "metonym"),
        ("Azerbaijan", "azerbaijan", None, "name"),
    ]


def test_roles_organs_and_offices(resolver: ActorResolver) -> None:
    found = table(
        mentions(
            resolver,
            "Iranian officials met Tajik authorities. Iran's Ministry of Intelligence "
            "briefed the President of Iran on Afghan refugees.",
        )
    )
    assert ("Iranian officials", "iran", "GOV", "role") in found
    assert ("Tajik authorities", "tajikistan", "GOV", "role") in found
    assert ("Iran's Ministry of Intelligence", "iran", "SPY", "role") in found
    assert ("the President of Iran", "iran", "GOV", "office") in found
    assert ("Afghan refugees", "afghanistan", "REF", "role") in found


def test_a_demonym_on_a_place_is_no_actor(resolver: ActorResolver) -> None:
    found = mentions(resolver, "The blast hit an Iranian city near Azeri airspace.")
    assert found == []


def test_the_date_chooses_the_government(resolver: ActorResolver) -> None:
    text = "The Afghan government closed the crossing."
    assert mentions(resolver, text, "2023-03-01")[0].actor_id == "taliban"
    assert mentions(resolver, text, "2010-03-01")[0].actor_id == "afghanistan-republic"
    in_the_nineties = mentions(
        resolver, "During the 1990s, the Afghan government lost Herat.", "2024-01-01"
    )
    assert in_the_nineties[0].actor_id == "afghanistan-mujahideen-government"


def test_a_new_government_is_the_one_formed_in_the_year(resolver: ActorResolver) -> None:
    """A year's midpoint would give the Taliban in 2001 and the republic in 2021."""
    in_2001 = mentions(resolver, "In 2001 the new Afghan government met Iran.", "2024-01-01")
    assert in_2001[0].actor_id == "afghanistan-republic"
    in_2021 = mentions(resolver, "In 2021 the new Afghan government met Iran.", "2024-01-01")
    assert in_2021[0].actor_id == "taliban"
    assert mentions(resolver, "In 2001 the Afghan government met Iran.")[0].actor_id == "taliban"


def test_aliases_of_one_group_share_one_id(resolver: ActorResolver) -> None:
    found = mentions(resolver, "ISIS-K, also called ISKP or ISIS–Khorasan, struck again.")
    assert {m.actor_id for m in found} == {"isis-k"}
    assert len(found) == 3


def test_case_carries_meaning_for_short_forms(resolver: ActorResolver) -> None:
    assert mentions(resolver, "Let us hope the talks work.") == []
    assert [m.actor_id for m in mentions(resolver, "The US and China met.")] == [
        "united-states",
        "china",
    ]


def test_names_that_need_context_take_it_from_the_document(resolver: ActorResolver) -> None:
    about_iran = "Iran hosted the talks. The Islamic Republic wants calm on its border."
    assert mentions(resolver, about_iran)[-1].actor_id == "iran"
    assert mentions(resolver, "The Islamic Republic wants calm.") == []


def test_coreference_of_group_and_pair(resolver: ActorResolver) -> None:
    found = mentions(
        resolver,
        "Iran and Tajikistan signed a security deal. ISIS-K attacked a shrine. "
        "The group later issued a statement. The two countries condemned it.",
    )
    group = [m for m in found if m.text == "The group"]
    assert [(m.actor_id, m.resolution) for m in group] == [("isis-k", "coreference")]
    pair = {m.actor_id for m in found if m.text == "The two countries"}
    assert pair == {"iran", "tajikistan"}


def test_the_two_sides_are_a_pair_named_together_not_where_they_met(
    resolver: ActorResolver,
) -> None:
    found = mentions(
        resolver,
        "Peru accused Chile of moving troops to the border. Chile denied it. "
        "Talks between Chile and Peru in the Bolivian capital La Paz ended without a deal. "
        "Brazil offered to mediate. The two countries traded blame for the failure.",
    )
    pair = {m.actor_id for m in found if m.text == "The two countries"}
    assert pair == {"peru", "chile"}


def test_the_bloc_is_the_international_body_named_before(resolver: ActorResolver) -> None:
    found = mentions(
        resolver,
        "Chad asked the African Union for help against Boko Haram. "
        "The bloc sent envoys, and the group attacked again.",
    )
    refer = {m.text: m.actor_id for m in found if m.resolution == "coreference"}
    assert refer == {"The bloc": "african-union", "the group": "boko-haram"}


def test_a_bare_title_names_the_official_who_held_it_before(resolver: ActorResolver) -> None:
    found = mentions(
        resolver,
        "Ethiopian Prime Minister Abiy Ahmed ordered the army north. "
        "The prime minister said the rebels had attacked a base. The foreign minister agreed.",
    )
    refer = {m.text: m.actor_id for m in found if m.resolution == "coreference"}
    assert refer == {"The prime minister": "ethiopia"}  # no foreign minister named before


def test_a_state_organ_without_its_state_is_the_datelines(resolver: ActorResolver) -> None:
    filed = (
        "Chile warns Peru over the border\n\nBy a staff writer\n\n"
        "SANTIAGO, Jan. 9 -- The foreign ministry said the army would stay at the border."
    )
    found = {m.text: (m.actor_id, m.sector) for m in mentions(resolver, filed)}
    assert found["The foreign ministry"] == ("chile", "GOV")
    assert found["the army"] == ("chile", "MIL")
    undated = "The foreign ministry said the army would stay at the border."
    assert mentions(resolver, undated) == []


def test_the_north_and_the_south_are_the_koreas_where_a_korea_is_named(
    resolver: ActorResolver,
) -> None:
    korean = "North Korea fired a missile, and Japan urged the North to show restraint."
    assert [m.actor_id for m in mentions(resolver, korean)][-1] == "north-korea"
    elsewhere = "In the South, voters backed the senator; the South China Sea stayed calm."
    assert "south-korea" not in [m.actor_id for m in mentions(resolver, elsewhere)]


def test_sanaa_speaks_for_whoever_holds_it(resolver: ActorResolver) -> None:
    def actor(text: str, date: str) -> str | None:
        return next(m.actor_id for m in resolver.resolve(document_of(text, date)))

    assert actor("Sanaa rejected the plan.", "2010-01-01") == "yemen"
    assert actor("Sanaa rejected the plan.", "2024-01-01") == "houthis"


def test_the_junta_is_the_government_named_before(resolver: ActorResolver) -> None:
    found = mentions(
        resolver,
        "The French minister said Mali's junta was out of control. Paris called the junta "
        "illegitimate.",
    )
    refer = [(m.text, m.actor_id, m.sector) for m in found if m.resolution == "coreference"]
    assert refer == [("the junta", "mali", "GOV")]


def test_the_two_countries_are_the_pair_named_last_together(resolver: ActorResolver) -> None:
    found = mentions(
        resolver,
        "Peru opens an embassy in Chile, angering Bolivia. Bolivia condemned Peru. Peru opened "
        "its embassy in Chile, two decades after the two countries restored relations.",
    )
    pair = {m.actor_id for m in found if m.text == "the two countries"}
    assert pair == {"peru", "chile"}


def test_a_prefix_that_dates_a_name_is_not_a_mention(resolver: ActorResolver) -> None:
    assert [m.actor_id for m in mentions(resolver, "In post-Assad Syria, Russia stayed.")] == [
        "syria",
        "russia",
    ]


def test_offsets_point_into_the_document(resolver: ActorResolver) -> None:
    text = "First line here.\n\nThen Kabul and the U.S. talked."
    for m in mentions(resolver, text):
        assert text[m.start : m.end] == m.text


def test_people_act_for_their_actor(resolver: ActorResolver) -> None:
    found = mentions(resolver, "Emomali Rahmon received Masoud Pezeshkian.", "2025-01-16")
    assert [(m.actor_id, m.resolution) for m in found] == [
        ("tajikistan", "person"),
        ("iran", "person"),
    ]


def test_hyphenated_and_dashed_compounds(resolver: ActorResolver) -> None:
    found = mentions(resolver, "U.S.–Iran talks resumed in Oman.")
    assert [m.actor_id for m in found][:2] == ["united-states", "iran"]


def test_knowledge_base_is_shared(resolver: ActorResolver) -> None:
    assert isinstance(resolver.kb, KnowledgeBase)


def test_namesakes_who_act_for_one_actor_resolve_to_it(resolver: ActorResolver) -> None:
    # In 2000 neither President Bush was in office: which one is unclear, whose is not.
    found = mentions(resolver, "Bush said the talks had failed.", "2000-01-01")
    assert [(m.text, m.actor_id, m.person_id) for m in found] == [("Bush", "united-states", None)]
    found = mentions(resolver, "Aliyev said the border would stay closed.", "2010-05-01")
    assert [(m.actor_id, m.person_id) for m in found] == [("azerbaijan", "ilham-aliyev")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the doer of the phrase's own clause is not what "the group" means
        (
            "Boko Haram is active in Niger, where ISWAP has been fighting the group since 2016.",
            "boko-haram",
        ),
        # another clause (a verb of saying) between them: the group is the speaker
        ("Boko Haram said the group would not negotiate.", "boko-haram"),
        ("ISWAP struck a base. Boko Haram said the group had no role.", "boko-haram"),
    ],
)
def test_the_group_is_never_the_doer_of_its_own_clause(
    resolver: ActorResolver, text: str, expected: str
) -> None:
    group = [m for m in mentions(resolver, text) if m.text == "the group"]
    assert [m.actor_id for m in group] == [expected]


def test_a_federal_organ_is_the_federations_named_before(resolver: ActorResolver) -> None:
    text = (
        "Nigeria's president visited Maiduguri on Monday. "
        "Gunmen later attacked a base housing federal troops near the city."
    )
    found = table(mentions(resolver, text))
    assert ("federal troops", "nigeria", "MIL", "coreference") in found, found


def test_a_federal_organ_with_its_own_state_keeps_it(resolver: ActorResolver) -> None:
    text = "Kenya's envoy met the federal government of Somalia in Mogadishu."
    found = table(mentions(resolver, text))
    assert not [m for m in found if m[0].lower().startswith("federal") and m[1] == "kenya"]


def test_a_federal_organ_with_no_state_named_stays_unresolved(resolver: ActorResolver) -> None:
    found = table(mentions(resolver, "Federal troops were sent to the region on Monday."))
    assert not [m for m in found if "federal" in m[0].lower()]


def test_a_groups_members_named_as_a_body_are_the_group(resolver: ActorResolver) -> None:
    text = "M23 rebels seized the town on Monday. The rebels then advanced south."
    found = table(mentions(resolver, text))
    assert ("The rebels", "m23", None, "coreference") in found, found


def test_rebels_with_no_group_named_before_stay_unresolved(resolver: ActorResolver) -> None:
    found = table(mentions(resolver, "Sudan's army shelled the town. The rebels fled."))
    assert not [m for m in found if m[0] == "The rebels"], found

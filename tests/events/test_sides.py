"""Who is on each side of an event, as a coder of real news reads it (issue 13)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.events.test_extract import events_of, setup, triples

__all__ = ["setup"]  # the module fixture, shared with test_extract


def pairs(found: set[tuple[str | None, str, str | None, str]]) -> set[tuple[Any, ...]]:
    return {(s, k, t) for s, k, t, _ in found}


@pytest.mark.parametrize(
    "text",
    [
        "Ecuador signed the deal on Monday.",
        "Chile accused the neighbours of lying.",
        "The ministry rejected the proposal.",
    ],
)
def test_no_event_is_stored_with_half_its_sides(setup: Any, text: str) -> None:
    for source, kind, target, _ in triples(events_of(setup, text)):
        assert source is not None and target is not None, (source, kind, target)


def test_protests_mobilisations_and_attacks_may_lack_a_named_recipient(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Bolivian miners blocked the main highway.")))
    assert any(k == "PROTEST" and s == "bolivia" for s, k, _ in found)
    found = pairs(triples(events_of(setup, "Ethiopian troops shelled the town overnight.")))
    assert any(k == "ASSAULT" and s == "ethiopia" for s, k, _ in found)


def test_the_object_of_urging_does_the_urged_act(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Norway urged Sudan to withdraw its troops from Chad.")))
    assert ("norway", "REQUEST", "sudan") in found
    assert any(s == "sudan" and k == "RETREAT" for s, k, _ in found)


def test_the_accused_does_what_it_is_accused_of(setup: Any) -> None:
    found = triples(events_of(setup, "Chad accused Libya of arming Sudan."))
    assert ("chad", "ACCUSE", "libya", "asserted") in found
    assert {(s, m) for s, k, _, m in found if k == "AID"} == {("libya", "reported")}
    passive = triples(events_of(setup, "Syria was accused of shelling Lebanon."))
    assert ("syria", "ASSAULT", "lebanon", "reported") in passive


def test_a_list_after_including_names_every_participant(setup: Any) -> None:
    text = "Russia's raid was condemned by several states, including Peru, Chile and Bolivia."
    sources = {s for s, k, _ in pairs(triples(events_of(setup, text))) if k == "ACCUSE"}
    assert {"peru", "chile", "bolivia"} <= sources


def test_leaving_an_organisation_breaks_relations_with_it(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Gabon withdrew from the African Union in 2022.")))
    assert ("gabon", "SANCTION", "african-union") in found
    assert not any(k == "RETREAT" for _, k, _ in found)
    troops = pairs(triples(events_of(setup, "Kenya withdrew its troops from Somalia.")))
    assert ("kenya", "RETREAT", "somalia") in troops


def test_a_participle_clause_with_by_befalls_the_clause_subject(setup: Any) -> None:
    text = "Backed by Moscow, Belarus rejected the proposal."
    assert ("russia", "SUPPORT", "belarus") in pairs(triples(events_of(setup, text)))


def test_a_means_clause_is_done_by_the_subject(setup: Any) -> None:
    text = "Canada and Norway responded by imposing sanctions on Belarus."
    found = pairs(triples(events_of(setup, text)))
    assert {("canada", "SANCTION", "belarus"), ("norway", "SANCTION", "belarus")} <= found


def test_a_governments_protest_is_a_complaint_and_a_peoples_a_protest(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Ottawa lodged a formal protest with Beijing.")))
    assert ("canada", "ACCUSE", "china") in found
    found = pairs(triples(events_of(setup, "Thousands of Kenyans protested against Uganda.")))
    assert ("kenya", "PROTEST", "uganda") in found


def test_a_missile_aimed_at_no_one_is_a_show_of_force(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Pakistan fired a ballistic missile into the sea.")))
    assert ("pakistan", "MOBILIZE", None) in found
    found = pairs(triples(events_of(setup, "Hezbollah fired rockets at Israel.")))
    assert ("hezbollah", "ASSAULT", "israel") in found


def test_a_passive_in_a_named_act_has_its_doer(setup: Any) -> None:
    text = "Two Somali soldiers were killed in a Kenyan air strike."
    assert ("kenya", "ASSAULT", "somalia") in pairs(triples(events_of(setup, text)))


def test_a_state_backing_rebels_does_not_own_them(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Chad financially backed Kurdish rebels.")))
    assert not any(s == t for s, _, t in found)


def test_a_place_after_a_named_owner_only_locates(setup: Any) -> None:
    text = "Ethiopia carried out air strikes on Eritrean positions in Sudan."
    found = pairs(triples(events_of(setup, text)))
    assert ("ethiopia", "ASSAULT", "eritrea") in found
    assert ("ethiopia", "ASSAULT", "sudan") not in found


def test_a_month_is_no_march(setup: Any) -> None:
    found = triples(events_of(setup, "On March 15, Peru signed a trade agreement with Chile."))
    assert not any(k == "PROTEST" for _, k, _, _ in found)


def test_an_actor_acting_on_itself_is_a_misreading(setup: Any) -> None:
    text = "After meeting in Lima, Peru's president called for an end to the blockade."
    assert not any(s == t for s, _, t in pairs(triples(events_of(setup, text))))


def test_a_state_acting_on_its_own_people_stays(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Egyptian police arrested Egyptian students.")))
    assert any(s == t == "egypt" for s, _, t in found)


def test_a_state_acting_on_its_own_territory_stays(setup: Any) -> None:
    text = "Sudan's government lifted the state of emergency in Sudan on Sunday."
    assert any(s == t == "sudan" for s, _, t in pairs(triples(events_of(setup, text))))


def test_quantities_of_weapons_and_stripped_privileges(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Iran test-fired a series of ballistic missiles.")))
    assert any(s == "iran" and k == "MOBILIZE" for s, k, _ in found)
    found = pairs(triples(events_of(setup, "Canada revoked Iran's trade privileges.")))
    assert ("canada", "SANCTION", "iran") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quito branded the shooting by Peru an act of aggression.", ("ecuador", "peru")),
        ("Bolivia described the remarks by Chile as hostile.", ("bolivia", "chile")),
        ("Seoul said the drills Pyongyang staged were a dangerous provocation.", None),
    ],
)
def test_a_condemning_label_accuses_the_acts_owner(
    setup: Any, text: str, expected: tuple[str, str] | None
) -> None:
    found = pairs(triples(events_of(setup, text)))
    accusations = {(s, t) for s, k, t in found if k == "ACCUSE"}
    assert accusations == ({expected} if expected else {("south-korea", "north-korea")})


def test_a_reaction_to_an_act_is_aimed_at_its_doers(setup: Any) -> None:
    text = "Chile condemned the strikes on Bolivia by Peruvian forces."
    accusations = {(s, t) for s, k, t in pairs(triples(events_of(setup, text))) if k == "ACCUSE"}
    assert accusations == {("chile", "peru")}
    text = "Kenya welcomed the agreement between Ethiopia and Eritrea."
    support = {(s, t) for s, k, t in pairs(triples(events_of(setup, text))) if k == "SUPPORT"}
    assert support == {("kenya", "ethiopia"), ("kenya", "eritrea")}


def test_a_year_naming_a_thing_does_not_date_the_act(setup: Any) -> None:
    events = events_of(setup, "Peru will suspend a 2018 agreement with Chile.", "2024-06-12")
    assert events and all(e.time_start and e.time_start.year == 2024 for e in events)
    events = events_of(setup, "Peru has shelled Chilean posts since January.", "2024-06-12")
    assert events and all(e.time_origin != "sentence" for e in events)


def test_a_victims_report_of_a_hostile_act_accuses_the_doer(setup: Any) -> None:
    text = "Lima said Ecuadorian troops shelled its border posts."
    found = pairs(triples(events_of(setup, text)))
    assert ("ecuador", "ASSAULT", "peru") in found
    assert ("peru", "ACCUSE", "ecuador") in found
    # a third party's report accuses no one
    text = "Brazil said Ecuadorian troops shelled Peruvian border posts."
    assert not any(k == "ACCUSE" for _, k, _ in pairs(triples(events_of(setup, text))))


def test_a_thing_from_a_state_is_that_states(setup: Any) -> None:
    text = "A fighter jet from the Democratic Republic of Congo violated the airspace of Rwanda."
    assert any(s == "dr-congo" for s, _, _ in pairs(triples(events_of(setup, text))))


def test_neighbours_trading_blame_accuse_each_other(setup: Any) -> None:
    text = "Peru and Chile met in Lima. A week later the neighbours traded blame for the clash."
    events = [e for e in events_of(setup, text) if e.type == "ACCUSE"]
    assert [(e.source_id, e.target_id, e.reciprocal) for e in events] == [("chile", "peru", True)]


def test_a_role_noun_is_the_named_states_own_only_for_domestic_acts(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "France recalled its ambassador to Mali.")))
    assert not any(s == t == "france" for s, _, t in found)
    found = pairs(triples(events_of(setup, "Kenyan police dispersed the demonstrators.")))
    assert any(s == t == "kenya" for s, _, t in found)


def test_a_passive_act_is_no_stance(setup: Any) -> None:
    text = "The Wagner group has previously been deployed to Syria and Libya."
    assert not any(
        k == "MOBILIZE" and s == "wagner-group"
        for s, k, _ in pairs(triples(events_of(setup, text)))
    )


def test_a_mediator_meets_the_parties_of_what_it_brokered(setup: Any) -> None:
    text = "Qatar brokered a ceasefire between Peruvian-backed rebels and Ecuador."
    consults = {(s, t) for s, k, t in pairs(triples(events_of(setup, text))) if k == "CONSULT"}
    assert consults == {("qatar", "ecuador")}  # the backer is no party


def test_ruling_out_talks_rejects_the_other_side(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Lima ruled out border talks with Quito.")))
    assert ("peru", "REJECT", "ecuador") in found


def test_we_and_our_stand_for_the_last_speaker(setup: Any) -> None:
    text = 'Peru\'s foreign minister said: "Talks have failed." We will fight Ecuador.'
    fights = {(s, t) for s, k, t in pairs(triples(events_of(setup, text))) if k == "THREATEN"}
    assert fights == {("peru", "ecuador")}  # "we" are the subject: Peru fights Ecuador


def test_denying_its_own_act_targets_no_one_the_act_names(setup: Any) -> None:
    found = triples(events_of(setup, "Chad has denied arming Sudan."))
    assert ("chad", "AID", "sudan", "negated") in found
    assert not any(k == "REJECT" for _, k, _, _ in found)


def test_from_says_whose_a_doer_is_but_not_where_an_object_goes(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Kenya withdrew its forces from Somalia.")))
    assert ("kenya", "RETREAT", "somalia") in found


def test_a_participle_clause_shares_its_main_clauses_time(setup: Any) -> None:
    text = "Peru and Chile ended their talks in Lima on Friday, agreeing to meet again in May."
    agreements = [e for e in events_of(setup, text, "2024-06-12") if e.type == "AGREE"]
    assert agreements and all(str(e.time_start) == "2024-06-07" for e in agreements)


def test_a_verb_sharing_its_subject_with_the_first_of_two_shares_its_pronoun(
    setup: Any,
) -> None:
    text = "Peru said it would recall or expel the envoys of Chile."
    found = pairs(triples(events_of(setup, text)))
    assert ("peru", "COERCE", "chile") in found, found  # "expel" is CAMEO 174


def test_a_circumstance_of_the_act_holds_no_target(setup: Any) -> None:
    # "after ...", "following ...", "according to ...": another event, or the report
    text = "After a meeting with Brazil's president, Chile called for an end to the strikes."
    assert not any(
        t == "brazil" and k == "REQUEST" for s, k, t in pairs(triples(events_of(setup, text)))
    )
    text = "Moroccan jets hit depots across the region, according to Algerian officials."
    assert not any(t == "algeria" for _, _, t in pairs(triples(events_of(setup, text))))
    text = "Peru seized control of the border crossing between Chile and Bolivia."
    assert not any(t in ("chile", "bolivia") for _, _, t in pairs(triples(events_of(setup, text))))
    text = "Ghana imposed sanctions on the senator following her visit to Benin."
    assert not any(t == "benin" for _, _, t in pairs(triples(events_of(setup, text))))


def test_whoever_acts_after_a_meeting_took_part_in_it(setup: Any) -> None:
    text = "Following talks with Peru's foreign minister in Lima, Chile said the border would open."
    found = pairs(triples(events_of(setup, text)))
    assert {("chile", "CONSULT", "peru"), ("peru", "CONSULT", "chile")} & found, found
    text = "Following her visit to Lima, Chile imposed sanctions on the senator."
    assert not any(k == "CONSULT" for _, k, _ in pairs(triples(events_of(setup, text))))
    text = "After the attack on the embassy in Lima, Chile closed its consulate in Peru."
    assert not any(
        k == "ASSAULT" and s == "chile" for s, k, _ in pairs(triples(events_of(setup, text)))
    )


def test_we_in_a_purpose_clause_is_the_speaker(setup: Any) -> None:
    text = 'Peru\'s foreign ministry said: "We work with our partners to defeat the Shining Path."'
    found = pairs(triples(events_of(setup, text)))
    assert ("peru", "ASSAULT", "shining-path") in found, found


def test_a_line_that_gives_the_floor_makes_the_speaker_of_what_follows(setup: Any) -> None:
    statement = (
        "Peru's Foreign Office said:\n\n"
        "We will continue to work to defeat the Shining Path on all fronts.\n"
    )
    found = pairs(triples(events_of(setup, statement)))
    assert any(s == "peru" and t == "shining-path" for s, _, t in found), found  # a threat
    # a new speaker who is no actor takes the floor from the one before
    handed_over = (
        "Peru's Foreign Office said the talks had failed.\n\n"
        "A professor at the university said:\n\n"
        "We will continue to work to defeat the Shining Path on all fronts.\n"
    )
    found = pairs(triples(events_of(setup, handed_over)))
    assert not any(s == "peru" and t == "shining-path" for s, _, t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Two Chilean soldiers were killed by a roadside bomb near the border.",
        "A car bombing killed six Chilean police officers in the capital.",
        "Four Chilean soldiers were killed in a mortar attack on Sunday.",
    ],
)
def test_an_attack_told_by_its_weapon_alone_has_an_unknown_attacker(setup: Any, text: str) -> None:
    found = [e for e in events_of(setup, text) if e.type == "ASSAULT"]
    assert [(e.source_id, e.target_id) for e in found] == [(None, "chile")], found
    assert json.loads(found[0].trace)["source_rule"] == "weapon_only"


def test_victims_alone_make_no_attack(setup: Any) -> None:
    # no weapon, no attacker: whoever did it is told elsewhere, or not at all
    assert not events_of(setup, "Twenty Chilean soldiers were killed on Sunday.")


def test_a_place_that_only_says_where_a_thing_is_is_no_target(setup: Any) -> None:
    text = "Speaking at a news conference in Lima, the Chilean president said talks would go on."
    assert not any(t == "peru" for _, _, t in pairs(triples(events_of(setup, text))))
    # people are of the place they are in; a visit is to it; an attack strikes it
    text = "Chile sent food aid to the refugees in Bolivia."
    assert ("chile", "AID", "bolivia") in pairs(triples(events_of(setup, text)))
    text = "President Boric arrived in Lima for talks."
    assert ("chile", "CONSULT", "peru") in pairs(triples(events_of(setup, text)))
    text = "Chilean jets bombed the depots in Bolivia."
    assert ("chile", "ASSAULT", "bolivia") in pairs(triples(events_of(setup, text)))


def test_a_label_put_in_a_relative_clause_accuses_the_doer_of_the_thing(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Peru held a referendum that Chile called illegal.")))
    assert ("chile", "ACCUSE", "peru") in found, found


def test_a_statement_to_condemn_is_its_authors_condemnation(setup: Any) -> None:
    text = "Peru, Chile and Ecuador issued a statement to condemn the Bolivian blockade."
    found = pairs(triples(events_of(setup, text)))
    assert {("peru", "ACCUSE", "bolivia"), ("chile", "ACCUSE", "bolivia")} <= found, found
    # an appeal to do something says what someone else is to do
    text = "Peru issued an appeal to lay down arms and join talks with Chile."
    assert not any(
        s == "peru" and k == "CONSULT" for s, k, _ in pairs(triples(events_of(setup, text)))
    )


def test_a_subject_the_parser_hangs_on_the_auxiliary_is_the_verbs(setup: Any) -> None:
    text = "The Peruvian Foreign Ministry had earlier on Sunday accused Chile of overreacting."
    assert ("peru", "ACCUSE", "chile") in pairs(triples(events_of(setup, text)))


@pytest.mark.parametrize("verb", ["suspended", "paused", "halted"])
def test_halting_strikes_on_someone_retreats_from_them(setup: Any, verb: str) -> None:
    found = pairs(triples(events_of(setup, f"Peru {verb} its strikes on Chile.")))
    assert ("peru", "RETREAT", "chile") in found, found


def test_speaking_out_against_someone_accuses_them(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Chile spoke out against Peru's blockade.")))
    assert ("chile", "ACCUSE", "peru") in found and not any(k == "CONSULT" for _, k, _ in found)


def test_a_cooperative_act_is_not_aimed_at_what_it_is_against(setup: Any) -> None:
    text = "Peru met Chile's president to work together against the Shining Path."
    found = pairs(triples(events_of(setup, text)))
    assert not any(t == "shining-path" and k in ("CONSULT", "COOPERATE") for _, k, t in found)


def test_a_role_noun_that_says_whose_it_is_is_no_part_of_the_doers_state(setup: Any) -> None:
    text = "Peruvian troops attacked the citizens of the neighbouring republic."
    assert not any(t == "peru" for _, _, t in pairs(triples(events_of(setup, text))))
    bare = pairs(triples(events_of(setup, "Peruvian police dispersed the demonstrators.")))
    assert ("peru", "COERCE", "peru") in bare


@pytest.mark.parametrize(
    "text",
    [
        "Chile launched military drills around Peru.",
        "Chile massed troops near Peru.",
    ],
)
def test_a_show_of_force_is_aimed_at_whom_it_is_staged_by(setup: Any, text: str) -> None:
    assert ("chile", "MOBILIZE", "peru") in pairs(triples(events_of(setup, text)))


def test_he_is_the_official_who_spoke_in_a_sentence_not_parsed(setup: Any) -> None:
    text = (
        "Peru's foreign minister said on Friday that the talks were over.\n\n"
        "He also accused Chile of lying.\n"
    )
    assert ("peru", "ACCUSE", "chile") in pairs(triples(events_of(setup, text)))


def test_a_promise_of_a_hostile_act_is_not_aimed_at_its_victim(setup: Any) -> None:
    found = triples(
        events_of(setup, "Chile reiterated its commitment to defeating the Shining Path.")
    )
    assert not any(k == "AGREE" and t == "shining-path" for _, k, t, _ in found), found
    assert ("chile", "THREATEN", "shining-path", "future") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Peru conducted joint naval operations with Chile.",
        "Peru and Chile held joint military exercises.",
    ],
)
def test_a_joint_operation_is_cooperation_not_an_attack(setup: Any, text: str) -> None:
    found = pairs(triples(events_of(setup, text)))
    assert any(k == "COOPERATE" for _, k, _ in found), found
    assert not any(k in ("ASSAULT", "MOBILIZE") for _, k, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Chadian soldiers fought alongside Malian troops in the north.",
        "The Eritrean troops have been fighting on the side of Ethiopian forces.",
        "Kenyan units fought together with Somali troops near the border.",
    ],
)
def test_fighting_beside_a_party_is_cooperation_with_it(setup: Any, text: str) -> None:
    found = pairs(triples(events_of(setup, text)))
    assert any(k == "COOPERATE" for _, k, _ in found), found
    assert not any(k == "ASSAULT" for _, k, _ in found), found


def test_fighting_beside_one_party_against_another_is_both_acts(setup: Any) -> None:
    text = "Kenya's army fought alongside Somali troops against al-Shabaab."
    found = pairs(triples(events_of(setup, text)))
    assert ("kenya", "COOPERATE", "somalia") in found
    assert ("kenya", "ASSAULT", "al-shabaab") in found


def test_a_reciprocal_act_keeps_the_order_the_text_gives(setup: Any) -> None:
    """ "The rebels fought IS": either side acts, but the coder reads the subject first."""
    events = events_of(setup, "Yemeni troops clashed with Saudi forces on the border.")
    clash = [e for e in events if e.type == "ASSAULT"]
    assert clash and clash[0].reciprocal, events
    assert (clash[0].source_id, clash[0].target_id) == ("yemen", "saudi-arabia")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ecuador's army seized the border crossing with Peru on Tuesday. "
            "Peru's foreign ministry condemned the seizure as a dangerous escalation.",
            ("peru", "ACCUSE", "ecuador"),
        ),
        (
            "Chile lifted its export controls on Bolivian lithium. "
            "Bolivia welcomed the move as progress.",
            ("bolivia", "SUPPORT", "chile"),
        ),
        (
            "Argentina's navy fired on a Uruguayan patrol boat on Sunday. "
            "Uruguay's president called it an unprovoked attack.",
            ("uruguay", "ACCUSE", "argentina"),
        ),
    ],
)
def test_a_reaction_to_an_act_told_earlier_is_aimed_at_its_doer(
    setup: Any, text: str, expected: tuple[str, str, str]
) -> None:
    found = pairs(triples(events_of(setup, text)))
    assert expected in found, found


def test_a_reaction_to_the_move_needs_the_move_to_be_told_and_not_its_own(setup: Any) -> None:
    # nothing earlier to refer to; the reacting side's own act is no target of its reaction
    alone = pairs(triples(events_of(setup, "Bolivia welcomed the move as progress.")))
    assert not any(k == "SUPPORT" and t for _, k, t in alone), alone
    text = "Peru closed its border with Chile. Peru later condemned the move as a mistake."
    own = pairs(triples(events_of(setup, text)))
    assert ("peru", "ACCUSE", "peru") not in own, own
    # "a move" is no reference back
    text = "Chile lifted its export controls on Bolivia. Bolivia welcomed a move by Brazil."
    indefinite = pairs(triples(events_of(setup, text)))
    assert ("bolivia", "SUPPORT", "chile") not in indefinite, indefinite


def test_a_reaction_to_an_act_whose_doer_it_names_is_not_referred_back(setup: Any) -> None:
    text = (
        "Venezuelan troops shelled a Guyanese village. "
        "Brazil condemned the air strikes of Colombia and Peru this morning."
    )
    found = pairs(triples(events_of(setup, text)))
    accused = {t for s, k, t in found if s == "brazil" and k == "ACCUSE"}
    assert "venezuela" not in accused, found


def test_a_deescalation_with_no_other_side_named_concerns_the_doers_opponent(setup: Any) -> None:
    text = (
        "Ecuadorian troops shelled Peruvian border posts on Monday. "
        "On Friday Ecuador accepted a ceasefire proposal brokered by Brazil. "
        "Ecuador released forty prisoners on Saturday."
    )
    found = pairs(triples(events_of(setup, text)))
    assert ("ecuador", "RETREAT", "peru") in found, found
    assert not any(t == "brazil" for s, _, t in found if s == "ecuador"), found  # the broker


def test_with_no_opponent_in_the_story_a_deescalation_names_none(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "Ecuador released forty prisoners on Saturday.")))
    assert not any(k == "RETREAT" and t for _, k, t in found), found


def test_a_deescalations_opponent_may_be_named_after_it(setup: Any) -> None:
    text = (
        "The Shining Path began its withdrawal from the valley. "
        "Peru had launched an offensive against the Shining Path a week earlier."
    )
    found = [e for e in events_of(setup, text) if e.type == "RETREAT"]
    assert [(e.source_id, e.target_id) for e in found] == [("shining-path", "peru")], found


@pytest.mark.parametrize(
    "text",
    [
        "A spokesperson for Egypt's Foreign Ministry condemned Israel.",
        "A spokesman for the Egyptian foreign ministry condemned Israel.",
    ],
)
def test_a_spokesperson_speaks_for_whom_they_are_spokesperson_for(setup: Any, text: str) -> None:
    assert ("egypt", "ACCUSE", "israel") in pairs(triples(events_of(setup, text)))


def test_an_envoy_for_a_country_is_not_that_countrys(setup: Any) -> None:
    found = pairs(
        triples(events_of(setup, "The UN special envoy for Syria met Turkish officials."))
    )
    assert not any(s == "syria" for s, _, _ in found), found


def test_the_accused_did_the_act_it_is_blamed_for(setup: Any) -> None:
    found = triples(events_of(setup, "Chad blamed Sudan for the attack on its border post."))
    assert ("chad", "ACCUSE", "sudan", "asserted") in found
    assert ("sudan", "ASSAULT", "chad", "reported") in found  # an allegation, not a fact
    rammed = triples(events_of(setup, "Manila blamed Chinese vessels for ramming its boat."))
    assert ("china", "ASSAULT", "philippines", "reported") in rammed


def test_a_reaction_may_refer_to_an_act_kept_for_want_of_a_target(setup: Any) -> None:
    # "seized control of the crossing" names no victim, so it is no event; it was told all
    # the same, and the condemnation of "the seizure" is aimed at its doer
    text = (
        "Ecuador's military said on Tuesday that it had seized control of the crossing. "
        "A spokesperson for Peru's foreign ministry condemned the seizure."
    )
    assert ("peru", "ACCUSE", "ecuador") in pairs(triples(events_of(setup, text)))


STORY_OF_AN_ATTACK = (
    "Gunmen killed 40 people in an attack on a concert hall in Arequipa, Peru on Friday. "
    "The Shining Path claimed responsibility on Saturday. "
    "Officials said the Shining Path was behind the attack. "
    "Bolivia denied any involvement."
)


def test_claiming_an_attack_the_sentence_does_not_name_claims_the_storys(setup: Any) -> None:
    found = triples(events_of(setup, STORY_OF_AN_ATTACK))
    assert ("shining-path", "ASSAULT", "peru", "asserted") in found, found


def test_denying_any_involvement_denies_doing_the_storys_attack(setup: Any) -> None:
    found = triples(events_of(setup, STORY_OF_AN_ATTACK))
    assert ("bolivia", "ASSAULT", "peru", "negated") in found, found
    assert ("bolivia", "ASSAULT", "peru", "asserted") not in found, found


def test_a_claim_with_no_attack_told_claims_nothing(setup: Any) -> None:
    found = triples(events_of(setup, "The Shining Path claimed responsibility on Saturday."))
    assert not any(t for _, k, t, _ in found if k == "ASSAULT"), found


def test_a_reaction_is_aimed_at_the_doer_of_the_act_not_at_a_word_near_it(setup: Any) -> None:
    text = (
        "Peru expelled thousands of Bolivian migrants last week. "
        "The Bolivian government condemned the expulsions, calling the treatment of Bolivian "
        "refugees unacceptable."
    )
    found = pairs(triples(events_of(setup, text)))
    assert ("bolivia", "ACCUSE", "peru") in found, found
    assert ("bolivia", "ACCUSE", "bolivia") not in found, found  # the refugees are no culprit


def test_a_denial_after_a_semicolon_does_not_undo_the_charge(setup: Any) -> None:
    text = "Chile accuses Peru of sheltering the rebels; Peru denies the charge."
    found = triples(events_of(setup, text))
    assert ("chile", "ACCUSE", "peru", "asserted") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "France called Mali's junta illegitimate.",
        "Chile's foreign minister said on Friday that Bolivia's junta was out of control.\n\n"
        "He also called the junta illegitimate.",
    ],
)
def test_a_label_alone_is_an_accusation(setup: Any, text: str) -> None:
    """No trigger word but the label: the sentence is read all the same."""
    found = pairs(triples(events_of(setup, text)))
    assert any(k == "ACCUSE" for _, k, _ in found), found


def test_asking_that_an_act_stop_is_asked_of_its_doer(setup: Any) -> None:
    text = (
        "Peru launched large military drills near the Chilean border on Thursday. "
        "Chile's president called for an immediate halt to the military exercises."
    )
    assert ("chile", "REQUEST", "peru") in pairs(triples(events_of(setup, text)))
    named = "Chile demanded an end to the shelling of its towns by Peruvian troops."
    assert ("chile", "REQUEST", "peru") in pairs(triples(events_of(setup, named)))


@pytest.mark.parametrize(
    "text",
    [
        "The drills Peru launched near the Chilean border were a provocation.",
        "The large military exercises Peru staged near Chile ended on Sunday.",
    ],
)
def test_an_act_told_in_its_relative_clause_is_its_doers(setup: Any, text: str) -> None:
    found = pairs(triples(events_of(setup, text)))
    assert ("peru", "MOBILIZE", "chile") in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Eritrea test-fired a rocket toward the sea on Friday. "
            "Djibouti held an artillery drill in response.",
            ("djibouti", "MOBILIZE", "eritrea"),
        ),
        (
            "Armenian troops shelled Azerbaijani posts overnight. "
            "Baku retaliated with drone strikes on Saturday.",
            ("azerbaijan", "ASSAULT", "armenia"),
        ),
        (
            "Eritrea fired rockets at the border town. "
            "In response, officials said Djibouti put its army on alert.",
            ("djibouti", "MOBILIZE", "eritrea"),
        ),
    ],
)
def test_an_answer_is_aimed_at_the_doer_of_the_act_it_answers(
    setup: Any, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(triples(events_of(setup, text)))


def test_an_answer_keeps_the_place_it_struck(setup: Any) -> None:
    text = (
        "Hezbollah fired rockets at Haifa on Sunday. "
        "Israel struck Syrian air bases in retaliation on Monday."
    )
    found = pairs(triples(events_of(setup, text)))
    assert ("israel", "ASSAULT", "syria") in found, found
    assert ("israel", "ASSAULT", "hezbollah") not in found, found


def test_an_answer_to_a_friendly_act_is_aimed_at_no_one(setup: Any) -> None:
    text = "Chile and Peru held talks on Monday. Peru issued a statement in response."
    assert not [
        t for s, _, t in pairs(triples(events_of(setup, text))) if s == "peru" and t == "chile"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan said the rocket fell near its coast. The launch was Pyongyang's first "
            "since it fired a missile over Japan in May.",
            ("north-korea", "MOBILIZE", "japan"),
        ),
        (
            "Chile protested on Monday. Bolivia expelled the Peruvian ambassador after it "
            "accused Lima of spying.",
            ("bolivia", "ACCUSE", "peru"),
        ),
    ],
)
def test_it_in_a_clause_of_time_is_the_main_clauses_actor(
    setup: Any, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(triples(events_of(setup, text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nepal described the Indian troop build-up as a provocation.",
            ("nepal", "ACCUSE", "india"),
        ),
        (
            "Kathmandu said the visit by India's army chief constitutes interference.",
            ("nepal", "ACCUSE", "india"),
        ),
        ("Nepal said the Indian blockade amounts to aggression.", ("nepal", "ACCUSE", "india")),
        (
            "Bhutan hosted Indian Prime Minister Narendra Modi on Monday. Nepal's cabinet "
            "described his visit to the border as a provocation.",
            ("nepal", "ACCUSE", "india"),
        ),
    ],
)
def test_a_label_put_with_as_or_a_copula_is_an_accusation(
    setup: Any, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(triples(events_of(setup, text)))


def test_describing_a_situation_accuses_no_one(setup: Any) -> None:
    text = "Nepal's minister described the flooding in the south as a crisis."
    assert not [k for _, k, _ in pairs(triples(events_of(setup, text))) if k == "ACCUSE"]


def test_an_attack_with_no_doer_named_is_by_the_victims_attacker(setup: Any) -> None:
    text = (
        "Eritrea and Sudan deployed troops to the Djiboutian border in May. "
        "Two days later, an invasion of Djibouti began."
    )
    found = pairs(triples(events_of(setup, text)))
    assert {("eritrea", "ASSAULT", "djibouti"), ("sudan", "ASSAULT", "djibouti")} <= found


@pytest.mark.parametrize(
    "text",
    [
        # a weapon and no one behind it: the text leaves the attack unattributed
        "Eritrea deployed troops to the Djiboutian border in May. "
        "Mortars killed four Djiboutian soldiers on Friday.",
        # pressure is no act of force, and a place fought in is no victim
        "Washington put new pressure on Addis Ababa in March. "
        "The fighting in Tigray continued for weeks.",
    ],
)
def test_an_attack_is_lent_no_doer_the_story_does_not_tell(setup: Any, text: str) -> None:
    found = pairs(triples(events_of(setup, text)))
    assert not [p for p in found if p[1] == "ASSAULT" and p[0] is not None], found


def test_they_in_a_clause_of_time_is_the_whole_coordinated_subject(setup: Any) -> None:
    text = (
        "Kenyan President William Ruto and Ugandan President Yoweri Museveni stressed the "
        "need for calm as they opened a summit on Monday."
    )
    found = pairs(triples(events_of(setup, text)))
    assert found & {("kenya", "CONSULT", "uganda"), ("uganda", "CONSULT", "kenya")}, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks held by Qatar with Chad ended on Monday.", ("qatar", "CONSULT", "chad")),
        (
            "Contacts conducted by the Sultanate of Oman with Iran resumed.",
            ("oman", "CONSULT", "iran"),
        ),
        (
            "The strikes carried out by Israel against Hezbollah killed 12.",
            ("israel", "ASSAULT", "hezbollah"),
        ),
    ],
)
def test_a_nouns_sides_may_hang_on_its_light_verbs_participle(
    setup: Any, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in pairs(triples(events_of(setup, text)))


def test_the_agent_of_a_verb_of_suffering_does_not_do_the_act(setup: Any) -> None:
    found = pairs(triples(events_of(setup, "The sanctions suffered by Iran hurt its economy.")))
    assert not [p for p in found if p[0] == "iran" and p[1] == "SANCTION"], found


def test_the_obliged_may_be_named_by_where_they_come_from(setup: Any) -> None:
    text = "Kenya said all fighters from Somalia must leave the camps at once."
    assert ("kenya", "REQUEST", "somalia") in pairs(triples(events_of(setup, text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Canada reaffirmed its support for Mali in the fight against the Islamic State.",
            ("mali", "ASSAULT", "isis"),
        ),
        (
            "Poland remains steadfast in its support of the Government of Latvia in its "
            "war against Russia.",
            ("latvia", "ASSAULT", "russia"),
        ),
    ],
)
def test_an_act_a_party_is_supported_in_is_that_partys(
    setup: Any, text: str, expected: tuple[str, str, str]
) -> None:
    found = pairs(triples(events_of(setup, text)))
    assert expected in found, found
    supporter = {"canada", "poland"}
    assert not [p for p in found if p[1] == "ASSAULT" and p[0] in supporter], found


def test_support_in_support_of_is_not_read_as_a_supported_act(setup: Any) -> None:
    text = "Iran voiced support for the Houthis' campaign in support of the Palestinians."
    found = pairs(triples(events_of(setup, text)))
    assert ("iran", "SUPPORT", "houthis") in found, found


def test_an_act_one_is_committed_to_is_intended_by_the_committed(setup: Any) -> None:
    events = events_of(setup, "Poland is committed to defeating the Islamic State.")
    assert [(e.source_id, e.target_id, e.modality) for e in events if e.type == "THREATEN"] == [
        ("poland", "isis", "future")
    ], triples(events)


def test_efforts_a_party_is_supported_in_are_its_own(setup: Any) -> None:
    text = "Canada supported the Malian army in its efforts to defeat the Islamic State."
    found = pairs(triples(events_of(setup, text)))
    assert ("mali", "ASSAULT", "isis") in found, found


@pytest.mark.parametrize(
    "text",
    [
        '"I condemn this cowardly attack by Hamas," Macron said on Saturday.',
        "The French president said: I condemn this cowardly attack by Hamas.",
    ],
)
def test_i_is_whoever_says_it(setup: Any, text: str) -> None:
    assert ("france", "ACCUSE", "hamas") in pairs(triples(events_of(setup, text)))


def test_a_target_is_never_taken_from_a_conjoined_clause_with_its_own_subject(
    setup: Any,
) -> None:
    text = "Al-Shabaab claimed responsibility, but the Kenyan government blamed the OLF."
    found = pairs(triples(events_of(setup, text)))
    assert not [p for p in found if p[0] == "al-shabaab" and p[2] is not None], found

"""The trigger lexicon: packaged data, lookups, word forms, relation vocabulary, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import DetenteError
from detente.events.lexicon import (
    DEFAULT_SOURCES,
    DEFAULT_TARGETS,
    Lexicon,
    LexiconError,
    Trigger,
    inflections,
    load_lexicon,
)
from detente.events.ontology import PLOVER_TYPES, RELATION, cameo_to_plover, load_ontology


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


# --------------------------------------------------------------------------- packaged data


def test_hundreds_of_triggers_for_all_sixteen_types(lexicon: Lexicon) -> None:
    assert len(lexicon) >= 400
    counts = lexicon.counts_by_type()
    assert list(counts) == [*PLOVER_TYPES, RELATION]
    for name in PLOVER_TYPES:
        assert counts[name] >= 10, name
    assert sum(counts.values()) == len(lexicon)


@pytest.mark.parametrize("name", PLOVER_TYPES)
def test_each_type_has_verbs_nouns_and_phrases(lexicon: Lexicon, name: str) -> None:
    mine = [t for t in lexicon.triggers if t.type == name]
    assert any(t.pos == "VERB" for t in mine)
    assert any(t.pos == "NOUN" for t in mine)
    assert any(t.particle or t.with_object for t in mine), "a multiword reading"


def test_every_trigger_type_is_in_the_ontology(lexicon: Lexicon) -> None:
    ontology = load_ontology()
    assert {t.type for t in lexicon.triggers} <= set(ontology)


def test_cameo_codes_map_to_the_trigger_type(lexicon: Lexicon) -> None:
    wrong = [
        (t.label, t.cameo, cameo_to_plover(t.cameo or ""))
        for t in lexicon.triggers
        if t.type != RELATION and cameo_to_plover(t.cameo or "") != t.type
    ]
    assert wrong == []
    assert all(
        t.cameo is None and t.polarity in (1, -1) for t in lexicon.triggers if t.type == RELATION
    )


@pytest.mark.parametrize(
    ("american", "british"),
    [
        ("recognize", "recognise"),
        ("criticize", "criticise"),
        ("mobilize", "mobilise"),
        ("normalize", "normalise"),
        ("apologize", "apologise"),
        ("militarize", "militarise"),
        ("demonize", "demonise"),
        ("harbor", "harbour"),
    ],
)
def test_both_spellings(lexicon: Lexicon, american: str, british: str) -> None:
    us = {(t.type, t.cameo) for t in lexicon.triggers_for(american, "VERB")}
    uk = {(t.type, t.cameo) for t in lexicon.triggers_for(british, "VERB")}
    assert us
    assert us == uk


def test_both_noun_spellings(lexicon: Lexicon) -> None:
    for us, uk in (
        ("maneuver", "manoeuvre"),
        ("dialog", "dialogue"),
        ("mobilization", "mobilisation"),
        ("normalization", "normalisation"),
    ):
        assert lexicon.triggers_for(us, "NOUN")
        assert lexicon.triggers_for(uk, "NOUN")


def test_attack_is_assault(lexicon: Lexicon) -> None:
    verbs = lexicon.triggers_for("attack", "VERB")
    assert [t.type for t in verbs] == ["ASSAULT"]
    assert verbs[0].cameo == "190"
    assert verbs[0].targets == DEFAULT_TARGETS["VERB"]
    assert verbs[0].sources == DEFAULT_SOURCES["VERB"]
    nouns = lexicon.triggers_for("Attack", "NOUN")
    assert nouns[0].type == "ASSAULT"
    assert nouns[0].targets == DEFAULT_TARGETS["NOUN"]
    assert lexicon.triggers_for("attack", "PROPN") == nouns
    assert lexicon.triggers_for("nonexistentword", "VERB") == []


def test_readings_come_least_constrained_first(lexicon: Lexicon) -> None:
    strike = lexicon.triggers_for("strike", "VERB")
    assert strike[0].type == "ASSAULT" and strike[0].constraints == 0
    deal = [t for t in strike if t.with_object and "deal" in t.with_object]
    assert [t.type for t in deal] == ["AGREE"]
    assert [t.constraints for t in strike] == sorted(t.constraints for t in strike)


@pytest.mark.parametrize(
    ("lemma", "pos", "particle", "obj", "expected"),
    [
        ("carry", "VERB", "out", "attack", "ASSAULT"),
        ("carry", "VERB", "out", "arrest", "COERCE"),
        ("sign", "VERB", None, "agreement", "SUPPORT"),
        ("impose", "VERB", None, "sanction", "SANCTION"),
        ("impose", "VERB", None, "curfew", "COERCE"),
        ("lift", "VERB", None, "sanction", "RETREAT"),
        ("lift", "VERB", None, "ban", "CONCEDE"),
        ("call", "VERB", "on", None, "REQUEST"),
        ("call", "VERB", "off", "talk", "SANCTION"),
        ("back", "VERB", "down", None, "CONCEDE"),
        ("crack", "VERB", "down", None, "COERCE"),
        ("pull", "VERB", "out", None, "RETREAT"),
        ("step", "VERB", "up", "patrol", "MOBILIZE"),
        ("claim", "VERB", None, "responsibility", "ASSAULT"),
        ("link", "VERB", "to", None, "ACCUSE"),
        ("meet", "VERB", None, "demand", "CONCEDE"),
        ("hunger", "NOUN", None, "strike", "PROTEST"),
        ("joint", "ADJ", None, "exercise", "COOPERATE"),
        ("recall", "VERB", None, "ambassador", "SANCTION"),
        ("sever", "VERB", None, "tie", "SANCTION"),
        ("share", "VERB", None, "intelligence", "COOPERATE"),
        ("grant", "VERB", None, "asylum", "AID"),
        ("release", "VERB", None, "prisoner", "RETREAT"),
        ("vow", "VERB", None, "revenge", "THREATEN"),
    ],
)
def test_phrasal_readings(
    lexicon: Lexicon, lemma: str, pos: str, particle: str | None, obj: str | None, expected: str
) -> None:
    found = [
        t
        for t in lexicon.triggers_for(lemma, pos)
        if t.particle == particle
        and (t.with_object is None if obj is None else bool(t.with_object and obj in t.with_object))
    ]
    assert [t.type for t in found] == [expected]


def test_reciprocal_triggers(lexicon: Lexicon) -> None:
    for lemma, pos in (
        ("meet", "VERB"),
        ("negotiate", "VERB"),
        ("clash", "VERB"),
        ("cooperate", "VERB"),
        ("talk", "NOUN"),
        ("cooperation", "NOUN"),
    ):
        plain = [t for t in lexicon.triggers_for(lemma, pos) if t.constraints == 0]
        assert plain and all(t.reciprocal for t in plain), lemma
    assert not any(t.reciprocal for t in lexicon.triggers_for("attack", "VERB"))


def test_receiving_aid_points_the_other_way(lexicon: Lexicon) -> None:
    (aid,) = [t for t in lexicon.triggers_for("receive", "VERB") if t.type == "AID"]
    assert aid.sources == ("prep:from",)
    assert aid.targets == ("nsubj",)


# --------------------------------------------------------------------------- word forms


def test_surface_forms_include_irregular_and_inflected_forms(lexicon: Lexicon) -> None:
    forms = lexicon.surface_forms()
    for word in (
        "struck",
        "met",
        "withdrew",
        "withdrawn",
        "fought",
        "seized",
        "sent",
        "held",
        "attacks",
        "attacked",
        "attacking",
        "sanctions",
        "talks",
        "agreed",
        "denied",
        "banned",
        "cancelled",
        "canceled",
        "criticised",
        "cease-fire",
    ):
        assert word in forms, word
    assert "the" not in forms
    assert all(word == word.lower() for word in forms)
    assert lexicon.trigger_lemmas() <= forms
    assert {"attack", "withdraw", "sanction"} <= lexicon.trigger_lemmas()


def test_relation_words_for_the_prefilter(lexicon: Lexicon) -> None:
    words = lexicon.relation_words
    assert {"ties", "relations", "relationship", "rift", "crises", "allies", "enemies"} <= words


@pytest.mark.parametrize(
    ("lemma", "pos", "expected"),
    [
        ("ban", "VERB", {"ban", "bans", "banned", "banning"}),
        ("agree", "VERB", {"agree", "agrees", "agreed", "agreeing"}),
        ("deny", "VERB", {"deny", "denies", "denied", "denying"}),
        ("tie", "VERB", {"ties", "tied", "tying"}),
        ("seize", "VERB", {"seized", "seizing", "seizes"}),
        ("strike", "VERB", {"struck", "striking", "strikes"}),
        ("meet", "VERB", {"met", "meeting"}),
        ("crisis", "NOUN", {"crisis", "crises"}),
        ("ally", "NOUN", {"allies"}),
        ("hostile", "ADJ", {"hostile"}),
    ],
)
def test_inflections(lemma: str, pos: str, expected: set[str]) -> None:
    assert expected <= inflections(lemma, pos)


# --------------------------------------------------------------------------- relation vocabulary


def test_relation_vocabulary(lexicon: Lexicon) -> None:
    assert {"tie", "relation", "relationship", "rift", "thaw"} <= lexicon.relation_nouns
    assert "rift" in lexicon.negative_relation_nouns
    assert "friendship" in lexicon.positive_relation_nouns
    assert lexicon.negative_relation_nouns <= lexicon.relation_nouns
    assert lexicon.positive_relation_nouns <= lexicon.relation_nouns
    assert lexicon.polarity_of("hit rock bottom") == -1
    assert lexicon.polarity_of("Strained") == -1
    assert lexicon.polarity_of("improve") == 1
    assert lexicon.polarity_of("draw  closer") == 1
    assert lexicon.polarity_of("stable") == 0
    assert lexicon.polarity_of("banana") is None
    assert {"ally", "partner", "friend"} <= lexicon.ally_nouns
    assert {"enemy", "foe", "adversary", "rival", "threat"} <= lexicon.enemy_nouns
    assert {"see", "view", "regard"} <= lexicon.perception_verbs
    assert {"launch", "hold", "carry"} <= lexicon.light_verbs
    assert {"face", "suffer"} <= lexicon.patient_verbs


def test_default_lexicon_is_cached() -> None:
    assert load_lexicon() is load_lexicon()
    assert load_lexicon(extra_files=[]) is load_lexicon()


# --------------------------------------------------------------------------- user files


def _write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extra_file_adds_triggers_and_words(tmp_path: Path, lexicon: Lexicon) -> None:
    path = _write(
        tmp_path,
        """
triggers:
  - {lemma: thwack, pos: VERB, type: ASSAULT, cameo: "182", intensity: -8}
  - {lemma: parley, pos: NOUN, type: CONSULT, cameo: "040", reciprocal: true}
relations:
  negative: [glacial]
enemies_allies:
  negative: [bugbear]
""",
    )
    extended = load_lexicon(extra_files=[path])
    assert len(extended) == len(lexicon) + 2
    (thwack,) = extended.triggers_for("thwack", "VERB")
    assert thwack.intensity == -8.0
    assert thwack.targets == DEFAULT_TARGETS["VERB"]
    assert "thwacked" in extended.surface_forms()
    assert extended.polarity_of("glacial") == -1
    assert "bugbear" in extended.enemy_nouns
    assert str(path) in extended.sources
    assert "thwack" not in load_lexicon().trigger_lemmas()


def _error(tmp_path: Path, text: str) -> LexiconError:
    path = _write(tmp_path, text)
    with pytest.raises(LexiconError) as info:
        load_lexicon(extra_files=[path])
    error = info.value
    assert isinstance(error, DetenteError)
    assert isinstance(error, ValueError)
    assert str(error).startswith(f"[E401] {path}")
    assert error.path == str(path)
    return error


def test_unknown_event_type_names_file_and_entry(tmp_path: Path) -> None:
    error = _error(
        tmp_path,
        'triggers:\n  - {lemma: smash, pos: VERB, type: SMASH, cameo: "190"}\n',
    )
    assert "smash/VERB" in str(error)
    assert "SMASH" in str(error)
    assert error.line == 2


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    error = _error(tmp_path, "triggers:\n  - {lemma: smash, pos: VERB\n  - oops: [\n")
    assert "YAML syntax error" in str(error)
    assert error.line is not None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('{lemma: attack, pos: VERB, type: ASSAULT, cameo: "190"}', "duplicate of the entry at"),
        (
            '{lemma: sign, pos: VERB, type: AGREE, cameo: "030", with_object: [treaty]}',
            "ambiguous with sign/VERB",
        ),
        ("{lemma: smash, pos: VERB, type: ASSAULT}", "cameo is required"),
        ("{lemma: smash, pos: VERB, type: ASSAULT, cameo: 190}", "CAMEO code"),
        ('{lemma: smash, pos: VERB, type: ASSAULT, cameo: "99"}', "CAMEO code"),
        ('{lemma: smash, pos: ADV, type: ASSAULT, cameo: "190"}', "pos"),
        ('{lemma: Smash Up, pos: VERB, type: ASSAULT, cameo: "190"}', "lower-case word"),
        ('{lemma: smash, pos: VERB, type: ASSAULT, cameo: "190", particle: off}', 'quote "on"'),
        (
            '{lemma: smash, pos: VERB, type: ASSAULT, cameo: "190", targets: [object]}',
            "not a dependency label",
        ),
        ('{lemma: smash, pos: VERB, type: ASSAULT, cameo: "190", intensity: -12}', "-10..10"),
        ('{lemma: smash, pos: VERB, type: ASSAULT, cameo: "190", colour: red}', "colour"),
        ('{lemma: smash, pos: VERB, type: ASSAULT, cameo: "190", with_object: [a, a]}', "twice"),
        ("{lemma: cosy, pos: ADJ, type: RELATION}", "needs a polarity"),
    ],
)
def test_bad_entries_are_rejected(tmp_path: Path, entry: str, message: str) -> None:
    error = _error(tmp_path, f"triggers:\n  - {entry}\n")
    assert message in str(error)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("verbs: [smash]\n", "unknown top-level key 'verbs'"),
        ("- just a list\n", "must be a mapping"),
        ("triggers: {lemma: smash}\n", "must be a list"),
        ("relations:\n  lovely: [x]\n", "unknown key 'lovely'"),
        ("relations:\n  negative_nouns: [grudge]\n", "'grudge' is not in relations.nouns"),
        ("relations:\n  negative: [improve]\n", "'improve' has two polarities"),
        ("light_verbs: [hold, hold]\n", "listed twice"),
        ("domestic_targets:\n  gov: ['14']\n", "unknown key 'gov'"),
        ("domestic_targets:\n  GOV: [protest]\n", "'protest' is not a CAMEO code"),
        ("domestic_targets: [GOV]\n", "'domestic_targets' must be a mapping"),
        ("triggers:\n  - {lemma: a, pos: VERB, type: ASSAULT, lemma: b}\n", "duplicate key"),
    ],
)
def test_bad_files_are_rejected(tmp_path: Path, text: str, message: str) -> None:
    assert message in str(_error(tmp_path, text))


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    with pytest.raises(LexiconError, match=r"\[E401\] .*absent.yaml: no such lexicon file"):
        load_lexicon(extra_files=[missing])


def test_trigger_model_fills_defaults_per_pos() -> None:
    noun = Trigger(lemma="raid", pos="NOUN", type="ASSAULT", cameo="190")
    assert noun.targets == DEFAULT_TARGETS["NOUN"]
    assert noun.sources == DEFAULT_SOURCES["NOUN"]
    adj = Trigger(lemma="hostile", pos="ADJ", type=RELATION, polarity=-1)
    assert adj.sources == DEFAULT_SOURCES["ADJ"]
    explicit = Trigger.model_validate(
        {
            "lemma": "x",
            "pos": "VERB",
            "type": "AID",
            "cameo": "070",
            "targets": [],
            "sources": ["nsubj"],
        }
    )
    assert explicit.targets == ()
    one = Trigger.model_validate(
        {"lemma": "x", "pos": "VERB", "type": "AID", "cameo": "070", "with_object": "aid"}
    )
    assert one.with_object == ("aid",)
    assert one.constraints == 1

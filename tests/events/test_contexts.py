"""PLOVER contexts: the packaged data, assignment from sentence and paragraph, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import DetenteError
from detente.events.contexts import (
    ContextLexicon,
    ContextsError,
    assign_contexts,
    load_contexts,
)


@pytest.fixture(scope="module")
def lexicon() -> ContextLexicon:
    return load_contexts()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- packaged data

GENERAL = (
    "military",
    "intelligence",
    "diplomatic",
    "economic",
    "terrorism",
    "migration",
    "human_security",
    "natural_resource",
    "territory",
    "religion_ethnicity",
    "cbrn",
    "trafficking",
    "illegal_drugs",
    "legal",
)


def test_the_general_context_list_with_definitions_and_cues(lexicon: ContextLexicon) -> None:
    assert set(GENERAL) <= set(lexicon.contexts)
    assert len(lexicon) >= 25
    for context in lexicon.contexts.values():
        assert context.definition.endswith("."), context.name
        assert len(context.cues) >= 10, context.name
    for name in ("military", "diplomatic", "economic", "migration", "terrorism", "legal"):
        assert len(lexicon.contexts[name].cues) >= 24, name


def test_aliases_name_contexts(lexicon: ContextLexicon) -> None:
    assert lexicon.canonical("refugees") == "migration"
    assert lexicon.canonical("Natural-Resource") == "natural_resource"
    assert lexicon.canonical("election") == "elections"
    assert lexicon.canonical("military") == "military"
    assert lexicon.canonical("historical") is None


# --------------------------------------------------------------------------- assignment


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Kabul promised to curb the deportation of migrants from its western provinces.",
            {"migration"},
        ),
        ("Ankara doubled its exports to the Iraqi market last year.", {"economic"}),
        ("The militants claimed a suicide bombing outside the stadium.", {"terrorism"}),
        (
            "Both capitals deployed troops and missiles along the frontier.",
            {"military", "territory"},
        ),
        (
            "Farmers blamed the drought for the failing harvest.",
            {"human_security", "natural_resource"},
        ),
        (
            "Villagers insisted on their water rights downstream of the new dam.",
            {"human_security", "natural_resource"},
        ),
        ("The two leaders exchanged greetings.", set()),
    ],
)
def test_contexts_of_a_sentence(lexicon: ContextLexicon, sentence: str, expected: set[str]) -> None:
    assert set(assign_contexts(sentence, lexicon=lexicon)) == expected


def test_the_longest_cue_wins(lexicon: ContextLexicon) -> None:
    # "suicide bombing" is terrorism; the military "bombing" inside it does not fire
    assert assign_contexts("A suicide bombing shook the market town.", lexicon=lexicon) == (
        "terrorism",
        "economic",
    )
    assert "military" in assign_contexts("The bombing lasted all night.", lexicon=lexicon)
    # "human rights" is not the rights_freedoms "rights"
    assert assign_contexts("Monitors documented human rights violations.") == ("human_rights",)


def test_inflected_forms_and_multiword_cues_match(lexicon: ContextLexicon) -> None:
    assert assign_contexts("Thousands were deported overnight.", lexicon=lexicon) == ("migration",)
    assert assign_contexts("Asylum seekers waited at the crossing.", lexicon=lexicon) == (
        "migration",
    )
    assert assign_contexts("Al-Qaeda's affiliates regrouped.", lexicon=lexicon) == ("terrorism",)


def test_the_paragraph_is_the_fallback(lexicon: ContextLexicon) -> None:
    paragraph = (
        "Grain prices have doubled since spring. Traders fear the tariff will stay. "
        "The two governments met on Monday."
    )
    quiet = "The two governments met on Monday."
    assert assign_contexts(quiet, lexicon=lexicon) == ()
    assert assign_contexts(quiet, paragraph, lexicon=lexicon) == ("economic",)
    # a sentence with its own contexts keeps them, whatever the paragraph says
    own = "Their navies held joint drills."
    assert assign_contexts(own, paragraph, lexicon=lexicon) == ("maritime",)


def test_contexts_nearest_the_trigger_come_first(lexicon: ContextLexicon) -> None:
    sentence = "After the refugee talks failed, Baku moved troops to the line."
    trigger = sentence.index("moved")
    ordered = assign_contexts(sentence, trigger=(trigger, trigger + 5), lexicon=lexicon)
    assert ordered[0] == "military"
    assert set(ordered) == {"military", "migration", "diplomatic"}
    assert assign_contexts(sentence, lexicon=lexicon)[0] in {"migration", "diplomatic"}


def test_matches_give_character_spans(lexicon: ContextLexicon) -> None:
    text = "Oil exports resumed."
    assert lexicon.matches(text) == [(0, 3, ("natural_resource",)), (4, 11, ("economic",))]


# --------------------------------------------------------------------------- user files


def test_a_user_file_adds_cues_and_contexts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "contexts:\n"
        "  economic:\n"
        "    cues: [caravan toll]\n"
        "  space:\n"
        "    definition: Launches, satellites and orbits.\n"
        "    cues: [satellite, orbit, launch pad]\n",
    )
    lexicon = load_contexts([path])
    assert assign_contexts("They raised the caravan tolls.", lexicon=lexicon) == ("economic",)
    assert assign_contexts("A satellite reached orbit.", lexicon=lexicon) == ("space",)
    assert lexicon.sources[-1] == str(path)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("contexts:\n  wizardry:\n    cues: [spell]\n", 3, "unknown context 'wizardry'"),
        (
            "shared_cues:\n  - {cue: sky tax, contexts: [economic, astrology]}\n",
            2,
            "unknown context 'astrology'",
        ),
        (
            "contexts:\n  economic:\n    cues: [caravan toll,\n      caravan toll]\n",
            4,
            "duplicate cue 'caravan toll'",
        ),
        ("contexts:\n  migration:\n    cues: [tariff]\n", 3, "duplicate cue 'tariff'"),
        (
            "contexts:\n  migration:\n    cues: [tariffs]\n",
            3,
            "both match 'tariffs' but name different contexts",
        ),
        ("contexts:\n  economic:\n    cues: [Caravan]\n", 3, "must be lower case"),
        ("contexts:\n  economic:\n    cue: [caravan]\n", 3, "unknown key 'cue'"),
        ("contexts:\n  economic: [caravan\n", 3, "YAML syntax error"),
        ("topics: []\n", 1, "unknown top-level key 'topics'"),
        (
            "contexts:\n  military:\n    definition: Again.\n    cues: [x ray]\n",
            3,
            "context military is already defined",
        ),
    ],
)
def test_bad_files_fail_with_file_and_line(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ContextsError) as caught:
        load_contexts([path])
    error = caught.value
    assert isinstance(error, DetenteError) and error.code == "E402"
    assert error.path == str(path) and error.line == line
    assert problem in error.problem
    message = str(error)
    assert message.startswith(f"[E402] {path}:{line}: ") and "\n" not in message


def test_a_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ContextsError, match="no such contexts file"):
        load_contexts([tmp_path / "none.yaml"])

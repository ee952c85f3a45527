"""The event ontology: 16 PLOVER types plus RELATION, CAMEO mapping, validation."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from detente.errors import DetenteError
from detente.events import ontology as ontmod
from detente.events.ontology import (
    PLOVER_TYPES,
    RELATION,
    OntologyError,
    cameo_map,
    cameo_to_plover,
    load_ontology,
)

QUADS = {
    1: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    2: {"COOPERATE", "AID", "RETREAT"},
    3: {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
    4: {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
}


def test_sixteen_plover_types_and_relation_in_order() -> None:
    ontology = load_ontology()
    assert len(PLOVER_TYPES) == 16
    assert list(ontology) == [*PLOVER_TYPES, RELATION]
    assert all(kind.name == name for name, kind in ontology.items())


@pytest.mark.parametrize("name", PLOVER_TYPES)
def test_each_plover_type_is_complete(name: str) -> None:
    kind = load_ontology()[name]
    assert kind.definition.strip()
    assert kind.quad_class in (1, 2, 3, 4)
    assert name in QUADS[kind.quad_class]
    assert kind.polarity == (1 if kind.quad_class <= 2 else -1)
    assert -10 <= kind.intensity <= 10
    assert (kind.intensity > 0) == (kind.polarity > 0)
    assert kind.cameo_roots, "every type maps to at least one CAMEO root"
    assert kind.cameo_root in kind.cameo_roots
    assert all(len(root) == 2 and root.isdigit() for root in kind.cameo_roots)
    assert kind.intensity_for(None) == kind.intensity
    assert kind.quad_name is not None


def test_relation_type_takes_polarity_from_the_statement() -> None:
    relation = load_ontology()[RELATION]
    assert relation.quad_class is None
    assert relation.polarity is None
    assert relation.cameo_roots == ()
    assert relation.cameo_root is None
    assert relation.intensity_for(1) == 3.0
    assert relation.intensity_for(-1) == -3.0
    assert relation.intensity_for(0) == 0.0


def test_intensities_order_conflict_to_cooperation() -> None:
    ontology = load_ontology()
    assert ontology["ASSAULT"].intensity < ontology["COERCE"].intensity < 0
    assert ontology["ACCUSE"].intensity > ontology["THREATEN"].intensity
    assert 0 < ontology["CONSULT"].intensity < ontology["AID"].intensity


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("036", "AGREE"),
        ("0311", "AGREE"),
        ("042", "CONSULT"),
        ("057", "SUPPORT"),  # sign formal agreement
        ("054", "SUPPORT"),  # grant diplomatic recognition
        ("055", "CONCEDE"),  # apologize: the manual's text, not the 2021 table
        ("081", "CONCEDE"),
        ("0813", "CONCEDE"),  # easing a curfew: the manual's text, not the 2021 table
        ("0841", "RETREAT"),
        ("085", "RETREAT"),
        ("0871", "RETREAT"),
        ("064", "COOPERATE"),
        ("075", "AID"),
        ("020", "REQUEST"),
        ("1053", "REQUEST"),
        ("090", "ACCUSE"),
        ("112", "ACCUSE"),
        ("129", "REJECT"),
        ("139", "THREATEN"),
        ("142", "PROTEST"),
        ("154", "MOBILIZE"),
        ("161", "SANCTION"),
        ("163", "SANCTION"),  # the manual's text, not the 2021 table
        ("173", "COERCE"),
        ("1712", "ASSAULT"),
        ("175", "ASSAULT"),
        ("186", "ASSAULT"),
        ("191", "COERCE"),
        ("192", "COERCE"),
        ("195", "ASSAULT"),
        ("2042", "ASSAULT"),
        ("010", None),
        ("19x", None),
        ("21", None),
        ("", None),
    ],
)
def test_cameo_to_plover(code: str, expected: str | None) -> None:
    assert cameo_to_plover(code) == expected


def test_cameo_roots_agree_with_the_cameo_map() -> None:
    mapping = cameo_map()
    assert {f"{n:02d}" for n in range(1, 21)} <= set(mapping)
    for kind in load_ontology().values():
        if kind.name == RELATION:
            continue
        roots = {code[:2] for code, name in mapping.items() if name == kind.name}
        assert roots == set(kind.cameo_roots), kind.name


def test_load_ontology_returns_a_fresh_dict_of_cached_types() -> None:
    first = load_ontology()
    first.pop("AGREE")
    second = load_ontology()
    assert "AGREE" in second
    assert second["ASSAULT"] is load_ontology()["ASSAULT"]


# --------------------------------------------------------------------------- bad files


def _packaged_raw() -> dict[str, Any]:
    text = (resources.files("detente.events") / "data" / "plover.yaml").read_text()
    raw = yaml.safe_load(text)
    assert isinstance(raw, dict)
    return raw


def _parse(raw: dict[str, Any]) -> None:
    ontmod._parse(raw, "bad.yaml")


def test_missing_type_is_rejected() -> None:
    raw = _packaged_raw()
    del raw["types"]["PROTEST"]
    with pytest.raises(OntologyError, match=r"\[E400\] bad.yaml: .*missing event type.*PROTEST"):
        _parse(raw)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("quad_class", 5, "quad_class"),
        ("intensity", -11, "intensity"),
        ("polarity", 0, "polarity"),
        ("cameo_root", "04", "cameo_root"),
        ("cameo_roots", ["3"], "cameo_roots"),
    ],
)
def test_bad_type_fields_are_rejected(field: str, value: object, message: str) -> None:
    raw = _packaged_raw()
    raw["types"]["AGREE"][field] = value
    with pytest.raises(OntologyError, match=message) as info:
        _parse(raw)
    assert "AGREE" in str(info.value)
    assert isinstance(info.value, DetenteError)
    assert isinstance(info.value, ValueError)


def test_cameo_map_must_match_the_roots() -> None:
    raw = _packaged_raw()
    raw["cameo_map"]["17"] = "ASSAULT"
    with pytest.raises(OntologyError, match="cameo_roots"):
        _parse(raw)


def test_unknown_type_in_cameo_map_is_rejected() -> None:
    raw = _packaged_raw()
    raw["cameo_map"]["04"] = "CHAT"
    with pytest.raises(OntologyError, match="CHAT"):
        _parse(raw)


def test_yaml_error_names_the_file() -> None:
    with pytest.raises(OntologyError, match=r"bad.yaml: line \d+: YAML syntax error"):
        ontmod._read_yaml("types: [unclosed\n", "bad.yaml")

import pytest

from detente.actors.arguments import actor_for_argument
from detente.actors.kb import load_knowledge_base
from detente.errors import UnknownActorName


def test_any_name_alias_or_id_in_any_case() -> None:
    kb = load_knowledge_base()
    assert actor_for_argument(kb, "iran") == "iran"
    assert actor_for_argument(kb, "TEHRAN") == "iran"
    assert actor_for_argument(kb, "iskp") == "isis-k"
    assert actor_for_argument(kb, "the taliban") == "taliban"


def test_unknown_names_suggest_the_nearest() -> None:
    with pytest.raises(UnknownActorName, match=r"nearest known names: .*Tajikistan"):
        actor_for_argument(load_knowledge_base(), "Tajikstan")

"""Every data file of the knowledge base is read by one reader, whose errors say FILE:LINE."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from detente.actors import kb, kb_loading, proposals
from detente.actors.kb import (
    ActorFileSyntaxError,
    InvalidActorFile,
    KnowledgeBaseError,
    load_knowledge_base,
)
from detente.actors.kb_loading import DataFile, packaged_file, read_yaml
from detente.actors.kb_schema import validate_entry

BROKEN = "actors:\n  - id: my-group\n    name: My group\n    aliases: [one, two\n  - id: other\n"


def _broken_packaged(name: str, text: str) -> Callable[[str], DataFile]:
    """A stand-in for ``packaged_file`` that breaks the file ``name``."""
    real = packaged_file

    def fake(requested: str) -> DataFile:
        file = real(requested)
        return DataFile(file.path, text) if requested == name else file

    return fake


def test_a_broken_yaml_file_names_the_file_and_line() -> None:
    with pytest.raises(ActorFileSyntaxError) as info:
        read_yaml(DataFile("somewhere/mine.yaml", BROKEN))
    err = info.value
    assert err.code == "E301" and err.path == "somewhere/mine.yaml" and err.line == 5
    assert str(err).startswith("[E301] somewhere/mine.yaml:5: YAML syntax error")


def test_a_broken_packaged_file_names_the_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kb_loading, "packaged_file", _broken_packaged("people.yaml", BROKEN))
    with pytest.raises(ActorFileSyntaxError) as info:
        kb_loading._packaged_layers.__wrapped__()  # bypass the per-process cache
    assert str(info.value).startswith("[E301] detente/actors/data/people.yaml:5: ")


def test_a_broken_organisation_heads_file_names_the_file_and_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = "heads:\n  - party\n  - party: [front\n"
    name = "organisation_heads.yaml"
    monkeypatch.setattr(proposals, "packaged_file", _broken_packaged(name, broken))
    with pytest.raises(ActorFileSyntaxError) as info:
        proposals.organisation_heads.__wrapped__()  # bypass the per-process cache
    assert str(info.value).startswith(f"[E301] detente/actors/data/{name}:")
    assert info.value.line in (3, 4)
    monkeypatch.setattr(proposals, "packaged_file", _broken_packaged(name, "head:\n  - party\n"))
    with pytest.raises(InvalidActorFile) as wrong:
        proposals.organisation_heads.__wrapped__()
    assert str(wrong.value).startswith(f"[E304] detente/actors/data/{name}:1: unknown top-level")


def test_a_bad_entry_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  - id: my-group\n"
        "    name: My group\n"
        "    kind: movement\n"
        "    aliases:\n"
        "      - Group One\n"
        "      - {name: Group Two, valid_from: someday}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidActorFile) as info:
        load_knowledge_base([path])
    err = info.value
    assert err.code == "E304" and err.line == 7
    assert str(err).startswith(f"[E304] {path}:7: actor 'my-group': aliases.1.valid_from")
    path.write_text("people:\n  - id: p-q\n    name: P Q\n    kind: state\n", encoding="utf-8")
    with pytest.raises(InvalidActorFile) as info:
        load_knowledge_base([path])
    message = str(info.value)
    assert message.startswith(f"[E304] {path}:4: ") and "'p-q': kind: Extra inputs" in message


def test_one_entry_is_checked_on_its_own() -> None:
    raw = read_yaml(DataFile("x.yaml", "sectors:\n  - {code: gov, name: Government}\n"))
    with pytest.raises(InvalidActorFile) as info:
        validate_entry("sectors", raw["sectors"][0], "x.yaml")
    assert str(info.value).startswith("[E304] x.yaml:2: sector 'Government': code: String should")
    with pytest.raises(InvalidActorFile) as info:
        validate_entry("actors", "just a name", "x.yaml")
    assert "must be a mapping" in str(info.value)


def test_the_packaged_files_read_cleanly() -> None:
    for name in kb_loading.PACKAGED_FILES:
        assert read_yaml(packaged_file(name)), name
    assert "army" in proposals.organisation_heads()


def test_kb_still_exports_every_public_name() -> None:
    for name in kb.__all__:
        assert getattr(kb, name) is not None
    assert issubclass(kb.UnknownActor, KnowledgeBaseError)
    assert issubclass(kb.UnknownActor, KeyError)
    assert kb.Term.__module__ == "detente.actors.kb_schema"

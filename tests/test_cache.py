"""The on-disk cache of loaded objects: read when it matches this detente and these files,
rebuilt silently when it is missing, damaged, stale or someone else's, never required."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.cache import cached, entry_key


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, list[int]]:
        self.calls += 1
        return {"built": [self.calls]}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_read(folder: Path) -> None:
    build = Builder()
    assert cached("thing", build) == {"built": [1]}
    assert cached("thing", build) == {"built": [1]}
    assert build.calls == 1
    assert len(list(folder.glob("thing-*.pickle"))) == 1


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_entry_is_rebuilt_silently(folder: Path, damage: bytes) -> None:
    build = Builder()
    cached("thing", build)
    [entry] = folder.glob("thing-*.pickle")
    entry.write_bytes(damage)
    assert cached("thing", build) == {"built": [2]}
    assert cached("thing", build) == {"built": [2]}  # and written again, whole
    assert build.calls == 2


def test_an_entry_of_another_key_is_not_taken(folder: Path, tmp_path: Path) -> None:
    build = Builder()
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("a: 1\n")
    two.write_text("a: 2\n")
    cached("thing", build, extra_files=[one])
    [entry] = folder.glob("thing-*.pickle")
    # an entry renamed to another key's name (or a hash collision) is refused by its content
    entry.rename(folder / f"thing-{entry_key('thing', [two])}.pickle")
    assert cached("thing", build, extra_files=[two]) == {"built": [2]}


def test_a_changed_user_file_makes_a_new_entry(folder: Path, tmp_path: Path) -> None:
    build = Builder()
    actors = tmp_path / "actors.yaml"
    actors.write_text("a: 1\n")
    cached("thing", build, extra_files=[actors])
    actors.write_text("a: 2\n")
    assert cached("thing", build, extra_files=[actors]) == {"built": [2]}
    assert build.calls == 2


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", "off")
    build = Builder()
    cached("thing", build)
    cached("thing", build)
    assert build.calls == 2


def test_an_unwritable_folder_only_costs_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(blocker / "cache"))
    assert cached("thing", Builder()) == {"built": [1]}

"""The extraction version is derived from what makes events, so stale stores are redone."""

from __future__ import annotations

from pathlib import Path

from detente.config import load_settings
from detente.events.version import _files, code_version
from detente.pipeline import extract, extraction_version, load_extraction
from detente.store import Store
from tests.support import document_of


def test_the_version_covers_the_rules_the_lexicons_and_the_knowledge_base() -> None:
    from importlib import resources

    root = resources.files("detente")
    covered = {
        name for stage in ("actors", "events", "nlp") for name, _ in _files(root / stage, stage)
    }
    for needed in (
        "events/extract.py",
        "events/data/lexicon.yaml",
        "events/data/modality.yaml",
        "actors/data/states.yaml",
        "nlp/timex.py",
    ):
        assert needed in covered
    assert not any("__pycache__" in name for name in covered)
    assert len(code_version()) == 12 and code_version() == code_version()


def test_a_users_actor_file_changes_the_version(tmp_path: Path) -> None:
    actors = tmp_path / "mine.yaml"
    actors.write_text("actors: []\n", encoding="utf-8")
    plain = extraction_version(load_settings())
    layered = extraction_version(load_settings({"actors.extra_files": [str(actors)]}))
    assert plain.startswith(code_version()) and layered.startswith(code_version())
    assert plain != layered


def test_events_record_the_version_and_a_store_of_another_version_is_redone(
    tmp_path: Path,
) -> None:
    settings = load_settings()
    extraction = load_extraction(settings)
    document = document_of("Peru signed a trade agreement with Chile on Monday.", "2024-05-02")
    events = extraction.run([document]).events
    assert events and {e.extractor_version for e in events} == {code_version()}

    with Store.open(tmp_path / "s.duckdb") as store:
        store.write_documents([document])
        result = extraction.run([document])
        store.write_extraction(
            result.doc_ids, result.mentions, result.actors, result.events, version="older"
        )
        assert store.documents_missing_stage("events", extraction_version(settings)) == [
            document.id
        ]
        report = extract(store, settings=settings)
        assert report.documents == 1
        assert store.documents_missing_stage("events", extraction_version(settings)) == []
        assert extract(store, settings=settings).documents == 0

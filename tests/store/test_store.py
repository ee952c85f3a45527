from pathlib import Path

import duckdb
import pytest

from detente.config import load_settings
from detente.errors import DocumentNotFound, StoreError, StoreTooNew
from detente.ingest import IngestOptions, make_document
from detente.pipeline import prepare_document
from detente.store import Store
from detente.store.schema import SCHEMA_VERSION

OPTIONS = IngestOptions(load_settings())


def doc(text: str):  # type: ignore[no-untyped-def]
    return prepare_document(make_document(text, origin="test", options=OPTIONS))


def test_new_store_has_current_schema_and_all_tables(db: Path) -> None:
    with Store.open(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        for table in ("documents", "sentences", "actors", "mentions", "events"):
            assert store.count(table) == 0


def test_documents_are_stored_once(db: Path) -> None:
    first = doc("Turkmenistan and Uzbekistan signed a gas deal in 2019. It was renewed.")
    with Store.open(db) as store:
        assert store.write_documents([first, first]) == 1
        assert store.write_documents([first]) == 0
        assert store.count("sentences") == 2
        stored = store.document(first.id[:6])
        assert stored.text == first.text
        assert stored.sentences == first.sentences


def test_same_text_with_other_whitespace_has_the_same_id() -> None:
    a = make_document("Armenia and  Turkey\nheld talks.", origin="a", options=OPTIONS)
    b = make_document("Armenia and Turkey held talks.", origin="b", options=OPTIONS)
    assert a.id == b.id


def test_failed_transaction_leaves_no_partial_document(db: Path) -> None:
    good = doc("Kazakhstan hosted a summit in 2023. Leaders attended.")
    with Store.open(db) as store:
        store.write_documents([good])
        store._con.execute("CREATE TABLE sentinel (x INTEGER)")
        # A sentence row that violates the key makes the second insert of the batch fail.
        broken = doc("Kyrgyzstan closed a border post in 2022. Trade stopped.")
        duplicate_sentences = broken.sentences + broken.sentences[:1]
        import dataclasses

        broken = dataclasses.replace(broken, sentences=duplicate_sentences)
        with pytest.raises(duckdb.Error):
            store.write_documents([broken])
        assert store.count("documents") == 1
        assert store.count("sentences") == 2
        assert store.integrity_problems() == []


def test_read_only_open_of_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `detente ingest`"):
        Store.open(tmp_path / "none.duckdb", read_only=True)


def test_a_store_from_a_newer_detente_is_refused(db: Path) -> None:
    Store.open(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (999, 'future', current_timestamp)")
    con.close()
    with pytest.raises(StoreTooNew):
        Store.open(db)


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database")
    with pytest.raises(StoreError):
        Store.open(path)


def test_unknown_document_id(db: Path) -> None:
    with Store.open(db) as store, pytest.raises(DocumentNotFound):
        store.document("abcdef")

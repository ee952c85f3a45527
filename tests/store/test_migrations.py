"""Schema migrations: a store made by an older detente reaches the current shape on a
write-open, keeping its rows; event contexts are written and read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from detente.errors import StoreError
from detente.model import ActorRecord, DateOrigin, Document, Event, Sentence
from detente.store import Store
from detente.store.schema import MIGRATIONS, SCHEMA_VERSION

TEXT = "Georgia and Armenia reopened a rail link for exporters."


def make_v1_store(path: Path) -> None:
    """A store exactly as schema version 1 left it, with one document and one event."""
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version "
        "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
    )
    version, description, statements = MIGRATIONS[0]
    assert version == 1
    for statement in statements:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1, ?, current_timestamp)", [description])
    con.execute(
        "INSERT INTO documents (id, origin, published_origin, text, n_sentences) "
        "VALUES ('doc1', 'test', 'unknown', ?, 1)",
        [TEXT],
    )
    con.execute("INSERT INTO sentences VALUES ('doc1', 0, 0, 0, ?, ?)", [len(TEXT), TEXT])
    con.execute(
        "INSERT INTO events (id, doc_id, sentence_idx, source_id, target_id, type, polarity, "
        "modality, extractor, extractor_version) "
        "VALUES ('e1', 'doc1', 0, 'geo', 'arm', 'COOPERATE', 1, 'asserted', 'old', '1')"
    )
    con.close()


def event(doc_id: str, index: int, contexts: tuple[str, ...]) -> Event:
    return Event(
        id=f"{doc_id}-{index}",
        doc_id=doc_id,
        sentence=index,
        source_id="geo",
        target_id="arm",
        type="COOPERATE",
        cameo_root="06",
        quad_class=2,
        intensity=6.0,
        polarity=1,
        modality="asserted",
        hedged=False,
        asserted_by=None,
        reciprocal=True,
        time_start=dt.date(2024, 5, 1),
        time_end=dt.date(2024, 5, 1),
        time_precision="day",
        time_text=None,
        time_origin="document",
        trigger_start=0,
        trigger_end=7,
        source_start=None,
        source_end=None,
        target_start=None,
        target_end=None,
        confidence=0.8,
        extractor="test",
        extractor_version="1",
        trace="{}",
        contexts=contexts,
    )


def test_contexts_is_migration_two() -> None:
    assert [v for v, _, _ in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    assert SCHEMA_VERSION >= 2
    assert "contexts" in " ".join(MIGRATIONS[1][2])


def test_a_v1_store_is_refused_read_only_and_migrated_on_write_open(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    make_v1_store(path)
    with pytest.raises(StoreError, match="has schema version 1"):
        Store.open(path, read_only=True)
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        versions = store.fetch("SELECT version FROM schema_version ORDER BY version")
        assert [v for (v,) in versions] == list(range(1, SCHEMA_VERSION + 1))
        [row] = store.query_events()
        assert row["id"] == "e1" and row["contexts"] == []
    with Store.open(path, read_only=True) as store:
        assert store.count("events") == 1


def test_contexts_are_written_read_and_filtered(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    texts = [TEXT, "Their border guards exchanged fire.", "They met in Tbilisi."]
    sentences, offset = [], 0
    for index, text in enumerate(texts):
        sentences.append(Sentence(index, index, offset, offset + len(text), text))
        offset += len(text) + 1
    document = Document(
        id="doc2",
        text=" ".join(texts),
        origin="test",
        published=dt.date(2024, 5, 1),
        date_origin=DateOrigin.METADATA,
        sentences=tuple(sentences),
    )
    events = [
        event("doc2", 0, ("economic",)),
        event("doc2", 1, ("military", "territory")),
        event("doc2", 2, ()),
    ]
    actors = [ActorRecord("geo", "Georgia", "state"), ActorRecord("arm", "Armenia", "state")]
    with Store.open(path) as store:
        store.write_documents([document])
        store.write_extraction(["doc2"], [("doc2", [])], actors, events, version="t")
        rows = store.query_events()
        assert [r["contexts"] for r in rows] == [["economic"], ["military", "territory"], []]
        assert [r["id"] for r in store.query_events(contexts=["territory"])] == ["doc2-1"]
        either = store.query_events(contexts=["economic", "military"])
        assert [r["id"] for r in either] == ["doc2-0", "doc2-1"]
        assert store.query_events(contexts=["cyber"]) == []
        # re-extraction replaces the contexts with the new ones
        changed = [dataclasses.replace(events[2], contexts=("diplomatic",))]
        store.write_extraction(["doc2"], [("doc2", [])], actors, changed, version="u")
        assert [r["contexts"] for r in store.query_events()] == [["diplomatic"]]

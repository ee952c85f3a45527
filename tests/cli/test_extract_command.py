"""`detente ingest` then `detente extract`, as a user runs them: the same store as `detente
run`, one plain line per stage off a terminal, and read commands that say when nothing was
extracted yet instead of answering with nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.store import Store
from tests.cli._corpus import write_corpus
from tests.support import run_cli

DOCUMENTS = 12
NO_EVENTS = (
    f"error: [E210] the store holds {DOCUMENTS} documents and no events: run `detente extract`"
)


def _events(db: Path) -> list[tuple[object, ...]]:
    with Store.open(db, read_only=True) as store:
        return store.fetch(
            "SELECT id, doc_id, sentence_idx, source_id, target_id, type, modality, "
            "time_start, contexts FROM events ORDER BY id"
        )


def _mentions(db: Path) -> list[tuple[object, ...]]:
    with Store.open(db, read_only=True) as store:
        return store.fetch(
            "SELECT doc_id, sentence_idx, start_char, actor_id FROM mentions "
            "ORDER BY doc_id, sentence_idx, start_char"
        )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("extract-corpus"), DOCUMENTS)


@pytest.fixture(scope="module")
def ingested(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store that `detente ingest` alone filled."""
    db = tmp_path_factory.mktemp("ingested") / "store.duckdb"
    result = run_cli("--db", db, "ingest", corpus)
    assert result.returncode == 0, result.stderr
    # off a terminal, its summary is its one line: no progress on stderr
    assert result.stdout == f"{DOCUMENTS} new, 0 already stored\n"
    assert result.stderr == ""
    return db


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["events", "--json"],
        ["dyad", "Iran", "Tajikistan"],
        ["relations"],
        ["balance"],
        ["check", "Iran attacked Tajikistan"],
        ["actors"],
    ],
)
def test_a_read_command_on_documents_without_events_says_so(
    ingested: Path, command: list[str]
) -> None:
    result = run_cli("--db", ingested, *command)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [NO_EVENTS]
    assert result.stdout == ""


def test_docs_still_lists_what_ingest_stored(ingested: Path) -> None:
    result = run_cli("--db", ingested, "docs", "--json")
    assert result.returncode == 0, result.stderr
    assert "E210" not in result.stderr


def test_ingest_then_extract_stores_what_run_stores(
    corpus: Path, ingested: Path, tmp_path: Path
) -> None:
    db = tmp_path / "ingested.duckdb"
    db.write_bytes(ingested.read_bytes())  # the module's store stays unextracted
    extracted = run_cli("--db", db, "extract")
    assert extracted.returncode == 0, extracted.stderr
    # off a terminal: one line for the one stage, no progress bar
    assert re.fullmatch(
        rf"extract: {DOCUMENTS} documents, {DOCUMENTS * 13} sentences in [\d.]+ s "
        r"\([\d,]+ sentences/s\)\n",
        extracted.stderr,
    ), extracted.stderr
    assert extracted.stdout.startswith("events: ")
    assert f"store now holds {DOCUMENTS} documents" in extracted.stdout
    assert "stages run: actors, events" in extracted.stdout

    reference = tmp_path / "run.duckdb"
    ran = run_cli("--db", reference, "run", corpus)
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.splitlines()[0].startswith(f"ingest: {DOCUMENTS} documents read")
    assert ran.stderr.splitlines()[1].startswith(f"extract: {DOCUMENTS} documents")
    assert _events(db) and _events(db) == _events(reference)
    assert _mentions(db) == _mentions(reference)
    # the events part of both summaries is the same
    assert extracted.stdout.split("; store")[0] in ran.stdout

    again = run_cli("--db", db, "extract")
    assert again.returncode == 0, again.stderr
    assert again.stderr == "extract: nothing to do, every document is extracted at this version\n"
    assert run_cli("--db", db, "events", "--limit", "1").returncode == 0


def test_a_store_extracted_without_events_answers_as_usual(tmp_path: Path) -> None:
    """Extracted, and the texts hold no events: an empty answer is the true one."""
    text = tmp_path / "weather.txt"
    text.write_text(
        "Mild weather returns\n\nThe harvest in the valley was good this year. "
        "Farmers expect rain in the coming week.\n",
        encoding="utf-8",
    )
    db = tmp_path / "store.duckdb"
    assert run_cli("--db", db, "ingest", text).returncode == 0
    before = run_cli("--db", db, "events")
    assert before.returncode == 1
    assert "the store holds 1 document and no events" in before.stderr
    assert run_cli("--db", db, "extract", "--quiet").returncode == 0
    after = run_cli("--db", db, "events", "--json")
    assert after.returncode == 0, after.stderr
    assert "E210" not in after.stderr

"""Parquet datasets as a user makes and reads them: `detente run --parquet DIR`, every read
command on `--db DIR`, `detente import-parquet DIR`; the layout the docs promise
(docs/parquet.md), batches that count only once committed, and documents extracted again
counted once."""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from detente.store import Store
from detente.store.parquet import MARKER, TABLES
from tests.conftest import ExampleRun
from tests.support import EXAMPLES, CliResult, run_cli

DOCS = Path(__file__).parent.parent.parent / "docs" / "parquet.md"

#: Read commands whose answer over the dataset must be the store's, byte for byte.
READS: list[tuple[str, ...]] = [
    ("events", "--json"),
    ("events", "--merged", "--json"),
    ("docs", "--json"),
    ("actors", "--json"),
    ("dyad", "Iran", "Tajikistan", "--json"),
    ("balance", "--json"),
]


@pytest.fixture(scope="module")
def made(example_run: ExampleRun) -> tuple[Path, Path]:
    """The example corpus run into a store and a dataset: (store, dataset)."""
    return example_run.db, example_run.dataset


@pytest.fixture(scope="module")
def answers(made: tuple[Path, Path]) -> dict[tuple[str, ...], tuple[CliResult, CliResult]]:
    """Each of ``READS`` on the store and on the dataset, run in parallel once."""

    def both(args: tuple[str, ...]) -> tuple[CliResult, CliResult]:
        return run_cli("--db", made[0], *args), run_cli("--db", made[1], *args)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(READS, pool.map(both, READS), strict=True))


@pytest.mark.parametrize("args", READS, ids=[" ".join(a) for a in READS])
def test_a_read_command_answers_on_the_dataset_as_on_the_store(
    answers: dict[tuple[str, ...], tuple[CliResult, CliResult]], args: tuple[str, ...]
) -> None:
    on_store, on_dataset = answers[args]
    assert on_store.returncode == on_dataset.returncode == 0, on_dataset.stderr
    assert len(on_store.stdout) > 200
    assert on_dataset.stdout == on_store.stdout


def _documented_columns() -> dict[str, list[tuple[str, str]]]:
    """The column tables of docs/parquet.md: per table, (column, type) in order."""
    tables: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### (\w+)$", line)
        if heading:
            current = tables.setdefault(heading.group(1), [])
        row = re.match(r"^\| `(\w+)` \| ([A-Z\[\]]+) \|", line)
        if row and current is not None:
            current.append((row.group(1), row.group(2)))
    return tables


def test_the_layout_is_the_documented_one(made: tuple[Path, Path]) -> None:
    db, dataset = made
    assert (dataset / MARKER).is_file()
    documented = _documented_columns()
    assert sorted(documented) == sorted(table for table, _ in TABLES)
    batches = {p.name for p in (dataset / "document_stages").iterdir()}
    assert len(batches) == 1  # eight documents: one batch of the store's
    with duckdb.connect() as con, Store.open(db, read_only=True) as store:
        for table, _ in TABLES:
            files = sorted(p.name for p in (dataset / table).iterdir())
            assert set(files) == batches, table  # one file per batch, no temporary left
            columns = con.execute(
                f"DESCRIBE SELECT * FROM read_parquet('{dataset / table}/*.parquet')"
            ).fetchall()
            found = [(str(c[0]), str(c[1])) for c in columns]
            assert found == documented[table], table
            stored = store.fetch(f"DESCRIBE {table}")
            assert [(str(c[0]), str(c[1])) for c in stored] == found, table


def test_import_parquet_makes_the_same_store_and_again_changes_nothing(
    made: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "imported.duckdb"
    first = run_cli("--db", db, "import-parquet", made[1])
    assert first.returncode == 0, first.stderr
    assert first.stdout == "8 documents from 1 batch imported (8 new to the store)\n"
    expected = run_cli("--db", made[0], "events", "--merged", "--json").stdout
    assert run_cli("--db", db, "events", "--merged", "--json").stdout == expected
    again = run_cli("--db", db, "import-parquet", made[1])
    assert again.stdout == "8 documents from 1 batch imported (0 new to the store)\n"
    with Store.open(db, read_only=True) as imported, Store.open(made[0], read_only=True) as ran:
        for table in ("documents", "sentences", "actors", "mentions", "events"):
            assert imported.count(table) == ran.count(table), table
        # the same command again goes on from there: nothing left to extract
        assert imported.documents_missing_stage("events", _version(ran)) == []


def _version(store: Store) -> str:
    return str(store.fetch("SELECT any_value(version) FROM document_stages")[0][0])


def test_a_write_command_on_a_dataset_or_a_folder_that_is_none_is_one_line(
    made: tuple[Path, Path], tmp_path: Path
) -> None:
    refused = run_cli("--db", made[1], "run", EXAMPLES / "corpus")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"error: [E204] {made[1]} is a Parquet dataset, which detente only reads: load it "
        f"into a store with `detente import-parquet {made[1]}`"
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    not_one = run_cli("--db", tmp_path / "s.duckdb", "import-parquet", empty)
    assert not_one.returncode == 1
    assert not_one.stderr.startswith("error: [E205] ") and len(not_one.stderr.splitlines()) == 1


def test_a_batch_counts_only_once_committed(made: tuple[Path, Path], tmp_path: Path) -> None:
    dataset = tmp_path / "dataset"
    shutil.copytree(made[1], dataset)
    batch = next((dataset / "events").iterdir())
    # a run killed after writing a batch's events but before its commit record, and a
    # temporary file a killed writer left behind
    shutil.copy(batch, dataset / "events" / "00000000000000000000.parquet")
    shutil.copy(batch, dataset / "events" / f".{batch.name}.tmp")
    with Store.open(dataset, read_only=True) as store:
        assert store.count("events") == 64


def test_documents_extracted_again_are_read_from_their_newest_batch_only(
    made: tuple[Path, Path], tmp_path: Path
) -> None:
    db, dataset = tmp_path / "store.duckdb", tmp_path / "dataset"
    shutil.copy(made[0], db)
    shutil.copytree(made[1], dataset)
    actors = tmp_path / "mine.yaml"
    actors.write_text(
        "actors:\n  - id: hindu-kush-front\n    name: Hindu Kush Front\n    kind: armed_group\n"
        "    country: AFG\n",
        encoding="utf-8",
    )
    # other actor files: another extraction version, so every document is redone
    again = run_cli("--actors", actors, "--db", db, "extract", "--parquet", dataset)
    assert again.returncode == 0, again.stderr
    assert "extract: 8 documents" in again.stderr
    assert len(list((dataset / "document_stages").iterdir())) == 2
    on_store = run_cli("--actors", actors, "--db", db, "events", "--json").stdout
    assert run_cli("--actors", actors, "--db", dataset, "events", "--json").stdout == on_store
    with Store.open(dataset, read_only=True) as store:
        assert store.count("events") == 64 and store.count("documents") == 8


def test_parquet_given_after_a_run_writes_what_is_stored_without_extracting(
    made: tuple[Path, Path], tmp_path: Path
) -> None:
    db, dataset = tmp_path / "store.duckdb", tmp_path / "later"
    shutil.copy(made[0], db)
    result = run_cli("--db", db, "extract", "--parquet", dataset)
    assert result.returncode == 0, result.stderr
    assert "extract: nothing to do" in result.stderr
    expected = run_cli("--db", db, "events", "--json").stdout
    assert run_cli("--db", dataset, "events", "--json").stdout == expected

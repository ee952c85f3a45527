"""Parquet as the exchange format: a store's extraction written batch by batch as a dataset
that DuckDB, pandas, Spark or Polars read, and read back as a store without copying.

Layout (documented for users in ``docs/parquet.md``)::

    DIR/detente-dataset.json          what the folder is: format and store schema version
    DIR/<table>/<batch>.parquet       one file per table per batch, columns as the store's

The tables are ``documents``, ``sentences``, ``actors``, ``mentions``, ``events``,
``drivers`` and, last, ``document_stages``: a batch's ``document_stages`` file is its commit
record. Each file is written to a hidden temporary name and renamed into place, so a reader
never sees half a file, and a batch whose commit record is missing is not read at all. A
batch is named by a hash of its document ids and the extraction version, so a batch written
again (a rerun, a worker's batch redone) replaces its own files.

Readers see, for each document, the rows of the latest batch that committed it (by its
``completed_at``): a document extracted again in another batch (a new detente version, other
actor files) is never counted twice. ``event_groups`` (which reports are one real event) is
not in the dataset, since a batch cannot know the reports of the others: it is computed when
the dataset is opened, by the same rules as the store's.

The files are written by the store's own connection, inside the transaction that stores the
batch (:func:`write_batch`, from ``Store.write_extraction``): the dataset may hold a batch the
store then failed to commit (it is extracted and written again by the next run), never lack
one the store holds.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from detente.errors import NotADataset, StoreTooNew
from detente.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from detente.store import Store

#: The file that makes a folder a detente dataset.
MARKER = "detente-dataset.json"
FORMAT = "detente-parquet"
FORMAT_VERSION = 1

#: Each table of the dataset and the column naming its document; ``document_stages`` last:
#: its file is the batch's commit record.
TABLES: tuple[tuple[str, str | None], ...] = (
    ("documents", "id"),
    ("sentences", "doc_id"),
    ("actors", None),
    ("mentions", "doc_id"),
    ("events", "doc_id"),
    ("drivers", "doc_id"),
    ("document_stages", "doc_id"),
)

#: The stage whose ``document_stages`` rows commit a batch.
_COMMIT_STAGE = "events"


def _literal(text: str) -> str:
    """A SQL string literal (COPY and read_parquet take no parameters for paths)."""
    return "'" + text.replace("'", "''") + "'"


def batch_name(doc_ids: Sequence[str], version: str) -> str:
    """The name of a batch's files: the same documents at the same version, the same name."""
    digest = hashlib.sha256(version.encode())
    for doc_id in doc_ids:
        digest.update(b"\0" + doc_id.encode())
    return digest.hexdigest()[:20]


def is_dataset(path: Path) -> bool:
    return (path / MARKER).is_file()


def _prepare_folder(folder: Path) -> None:
    """Create the dataset's folders and marker, or check that ``folder`` is a dataset."""
    if folder.exists() and not folder.is_dir():
        raise NotADataset(f"{folder} is a file; give --parquet a folder")
    if folder.is_dir() and any(folder.iterdir()) and not is_dataset(folder):
        raise NotADataset(
            f"{folder} holds files but no {MARKER}: give --parquet an empty or new folder, "
            "or a dataset detente wrote"
        )
    if is_dataset(folder):
        _check_marker(folder)
    for table, _ in TABLES:
        (folder / table).mkdir(parents=True, exist_ok=True)
    if not is_dataset(folder):
        marker = {"format": FORMAT, "format_version": FORMAT_VERSION, "schema": SCHEMA_VERSION}
        _write_atomically(folder / MARKER, json.dumps(marker, indent=2).encode() + b"\n")


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def _check_marker(folder: Path) -> None:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NotADataset(f"{folder / MARKER} cannot be read: {exc}") from None
    if not isinstance(marker, dict) or marker.get("format") != FORMAT:
        raise NotADataset(f"{folder / MARKER} does not describe a detente Parquet dataset")
    if int(marker.get("schema", 0)) > SCHEMA_VERSION:
        raise StoreTooNew(
            f"{folder} was written with store schema {marker['schema']}; this detente knows "
            f"up to {SCHEMA_VERSION}: upgrade detente"
        )


def write_batch(
    con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], version: str, folder: Path
) -> None:
    """Write the rows of these documents, as ``con`` sees them, as one batch of the dataset
    in ``folder``: every table's file, then the commit record."""
    if not doc_ids:
        return
    _prepare_folder(folder)
    name = batch_name(doc_ids, version)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _parquet_batch AS SELECT unnest(?::VARCHAR[]) AS id",
        [list(doc_ids)],
    )
    try:
        for table, key in TABLES:
            target = folder / table / f"{name}.parquet"
            temporary = target.with_name(f".{target.name}.tmp")
            con.execute(
                f"COPY ({_batch_rows_sql(table, key)}) TO {_literal(str(temporary))} "
                "(FORMAT parquet)"
            )
            os.replace(temporary, target)
    finally:
        con.execute("DROP TABLE IF EXISTS _parquet_batch")


def _batch_rows_sql(table: str, key: str | None) -> str:
    """The rows of ``table`` that belong to the documents of ``_parquet_batch``."""
    batch = "(SELECT id FROM _parquet_batch)"
    if table == "document_stages":
        return (
            f"SELECT * FROM document_stages WHERE doc_id IN {batch} AND stage = '{_COMMIT_STAGE}'"
        )
    if key is not None:
        return f"SELECT * FROM {table} WHERE {key} IN {batch}"
    # the actors the batch's rows name
    return f"""
        SELECT * FROM actors WHERE id IN (
            SELECT actor_id FROM mentions WHERE doc_id IN {batch}
            UNION SELECT source_id FROM events WHERE doc_id IN {batch}
            UNION SELECT target_id FROM events WHERE doc_id IN {batch}
            UNION SELECT actor_id FROM drivers WHERE doc_id IN {batch}
            UNION SELECT toward_id FROM drivers WHERE doc_id IN {batch}
        ) ORDER BY id
    """


# -- reading ---------------------------------------------------------------------------------


def _files(folder: Path, table: str) -> str:
    return _literal(str(folder / table / "*.parquet"))


def _committed_sql(folder: Path) -> str:
    """Each document of the dataset with the batch that last committed it."""
    return f"""
        SELECT doc_id, max_by(parse_filename(filename, true), completed_at) AS batch,
               max_by(version, completed_at) AS version
        FROM read_parquet({_files(folder, "document_stages")}, filename = true)
        GROUP BY doc_id
    """


def current_rows_sql(folder: Path, table: str, columns: Sequence[tuple[str, str]]) -> str:
    """The rows of ``table`` the dataset holds now (those of each document's latest batch),
    as ``columns`` (name, SQL type): the store's own columns and types, in its order."""
    key = dict(TABLES)[table]
    cast = ", ".join(f"CAST(t.{name} AS {kind}) AS {name}" for name, kind in columns)
    source = f"read_parquet({_files(folder, table)}, filename = true, union_by_name = true) t"
    committed = f"({_committed_sql(folder)})"
    if key is not None:
        return f"""
            SELECT {cast} FROM {source}
            WHERE EXISTS (SELECT 1 FROM {committed} c
                          WHERE c.doc_id = t.{key} AND c.batch = parse_filename(t.filename, true))
        """
    # actors: one row per id, from the latest committed batch that names it
    return f"""
        SELECT {cast} FROM {source}
        JOIN (SELECT DISTINCT batch FROM {committed}) c
          ON c.batch = parse_filename(t.filename, true)
        QUALIFY row_number() OVER (PARTITION BY t.id ORDER BY t.filename DESC) = 1
    """


def _has_files(folder: Path, table: str) -> bool:
    return any((folder / table).glob("*.parquet"))


def open_dataset(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection in which the dataset at ``folder`` looks like a store:
    the store's tables, each a view over the Parquet files (nothing copied), and
    ``event_groups`` computed from them."""
    from detente.store import Store
    from detente.store.event_groups import GroupingRules, rebuild_event_groups

    if not folder.is_dir() or not is_dataset(folder):
        raise NotADataset(f"{folder} is a folder, not a detente Parquet dataset (no {MARKER})")
    _check_marker(folder)
    con = duckdb.connect(":memory:")
    Store(con, folder, read_only=False)._migrate(0)  # the store's empty tables, as a skeleton
    if _has_files(folder, "document_stages"):
        for table, _ in TABLES:
            columns = _columns(con, table)
            if not _has_files(folder, table):
                continue
            con.execute(f"DROP TABLE {table}")
            con.execute(f"CREATE VIEW {table} AS {current_rows_sql(folder, table, columns)}")
        rebuild_event_groups(con, GroupingRules.default())
    return con


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [(str(name), str(kind)) for name, kind in rows]


# -- importing -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportReport:
    batches: int
    documents: int
    new_documents: int

    def summary(self) -> str:
        batches = f"{self.batches} batch{'es' if self.batches != 1 else ''}"
        return (
            f"{self.documents} documents from {batches} imported "
            f"({self.new_documents} new to the store)"
        )


def committed_batches(
    con: duckdb.DuckDBPyConnection, folder: Path
) -> Iterator[tuple[str, list[str]]]:
    """Each batch that is some document's latest, with those documents."""
    rows = con.execute(
        f"SELECT batch, list(doc_id ORDER BY doc_id) FROM ({_committed_sql(folder)}) "
        "GROUP BY batch ORDER BY batch"
    ).fetchall()
    for batch, ids in rows:
        yield str(batch), list(ids)


def committed_documents(con: duckdb.DuckDBPyConnection, folder: Path, version: str) -> set[str]:
    """The documents whose latest batch in the dataset was extracted at ``version``."""
    if not is_dataset(folder) or not _has_files(folder, "document_stages"):
        return set()
    rows = con.execute(
        f"SELECT doc_id FROM ({_committed_sql(folder)}) WHERE version = ?", [version]
    )
    return {str(row[0]) for row in rows.fetchall()}


def import_dataset(store: Store, folder: Path) -> ImportReport:
    """Load the dataset at ``folder`` into ``store``, one transaction per batch, as
    ``Store.write_documents`` and ``Store.write_extraction`` would have stored it: a document
    already stored keeps its text and sentences, its extraction is replaced by the dataset's.
    Importing the same dataset again changes nothing."""
    from detente.store.event_groups import GroupingRules, rebuild_event_groups

    if not folder.is_dir() or not is_dataset(folder):
        raise NotADataset(f"{folder} is not a detente Parquet dataset (no {MARKER})")
    _check_marker(folder)
    con = store._con
    batches = list(committed_batches(con, folder)) if _has_files(folder, "document_stages") else []
    columns = {table: _columns(con, table) for table, _ in TABLES}
    documents = new_documents = 0
    for batch, ids in batches:
        with store._transaction():
            fresh = sorted(set(ids) - store.existing_ids(ids))
            before = store._event_kinds(ids)
            for table, key in TABLES:
                path = folder / table / f"{batch}.parquet"
                wanted = fresh if table in ("documents", "sentences") else ids
                _import_table(con, table, key, columns[table], path, wanted)
            rebuild_event_groups(
                con, GroupingRules.default(), sorted(before | store._event_kinds(ids), key=repr)
            )
        documents += len(ids)
        new_documents += len(fresh)
    return ImportReport(len(batches), documents, new_documents)


def _import_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: str | None,
    columns: Sequence[tuple[str, str]],
    path: Path,
    ids: Sequence[str],
) -> None:
    names = ", ".join(name for name, _ in columns)
    cast = ", ".join(f"CAST({name} AS {kind})" for name, kind in columns)
    source = f"read_parquet({_literal(str(path))}, union_by_name = true)"
    if key is None:  # actors: the stored record of an id is replaced by the dataset's
        con.execute(f"INSERT OR REPLACE INTO {table} ({names}) SELECT {cast} FROM {source}")
        return
    if not ids:
        return
    if table == "document_stages":
        verb = "INSERT OR REPLACE INTO"
    else:
        verb = "INSERT INTO"
        if table not in ("documents", "sentences"):
            con.execute(
                f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
            )
    con.execute(
        f"{verb} {table} ({names}) SELECT {cast} FROM {source} "
        f"WHERE {key} IN (SELECT unnest(?::VARCHAR[]))",
        [list(ids)],
    )

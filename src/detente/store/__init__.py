"""The DuckDB store: one file, versioned schema, one writer, whole documents per transaction.

Readers (listings, analysis, views) open the file read-only; only ingest and extraction
write, through ``Store.write_documents``, in bulk. A document and all its rows go in one
transaction, so a process killed at any moment leaves either the whole document or none of
it, and running the same command again completes the rest.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from detente.errors import (
    DocumentNotFound,
    NotAStore,
    StoreBusy,
    StoreError,
    StoreTooNew,
)
from detente.model import (
    ActorRecord,
    DateOrigin,
    Document,
    Driver,
    Event,
    Mention,
    Sentence,
)
from detente.store.event_groups import GroupingRules, rebuild_event_groups
from detente.store.parquet import MARKER as PARQUET_MARKER
from detente.store.parquet import ImportReport
from detente.store.schema import MIGRATIONS, SCHEMA_VERSION

#: The migration that created ``event_groups``: a store migrated past it is grouped once.
_EVENT_GROUPS_VERSION = 4

DEFAULT_PATH = "detente.duckdb"

# events table column, its SQL type, and the Event field it holds
_EVENT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "VARCHAR", "id"),
    ("doc_id", "VARCHAR", "doc_id"),
    ("sentence_idx", "INTEGER", "sentence"),
    ("source_id", "VARCHAR", "source_id"),
    ("target_id", "VARCHAR", "target_id"),
    ("type", "VARCHAR", "type"),
    ("cameo_root", "VARCHAR", "cameo_root"),
    ("quad_class", "INTEGER", "quad_class"),
    ("intensity", "DOUBLE", "intensity"),
    ("polarity", "INTEGER", "polarity"),
    ("modality", "VARCHAR", "modality"),
    ("hedged", "BOOLEAN", "hedged"),
    ("asserted_by", "VARCHAR", "asserted_by"),
    ("reciprocal", "BOOLEAN", "reciprocal"),
    ("time_start", "DATE", "time_start"),
    ("time_end", "DATE", "time_end"),
    ("time_precision", "VARCHAR", "time_precision"),
    ("time_text", "VARCHAR", "time_text"),
    ("time_origin", "VARCHAR", "time_origin"),
    ("trigger_start", "INTEGER", "trigger_start"),
    ("trigger_end", "INTEGER", "trigger_end"),
    ("source_start", "INTEGER", "source_start"),
    ("source_end", "INTEGER", "source_end"),
    ("target_start", "INTEGER", "target_start"),
    ("target_end", "INTEGER", "target_end"),
    ("confidence", "DOUBLE", "confidence"),
    ("extractor", "VARCHAR", "extractor"),
    ("extractor_version", "VARCHAR", "extractor_version"),
    ("trace", "JSON", "trace"),
    ("contexts", "VARCHAR[]", "contexts"),
)

_DRIVER_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "VARCHAR", "id"),
    ("doc_id", "VARCHAR", "doc_id"),
    ("sentence_idx", "INTEGER", "sentence"),
    ("actor_id", "VARCHAR", "actor_id"),
    ("toward_id", "VARCHAR", "toward_id"),
    ("toward_origin", "VARCHAR", "toward_origin"),
    ("kind", "VARCHAR", "kind"),
    ("cue", "VARCHAR", "cue"),
    ("summary", "VARCHAR", "summary"),
    ("contexts", "VARCHAR[]", "contexts"),
    ("modality", "VARCHAR", "modality"),
    ("asserted_by", "VARCHAR", "asserted_by"),
    ("time_start", "DATE", "time_start"),
    ("time_end", "DATE", "time_end"),
    ("time_precision", "VARCHAR", "time_precision"),
    ("time_text", "VARCHAR", "time_text"),
    ("confidence", "DOUBLE", "confidence"),
    ("extractor", "VARCHAR", "extractor"),
    ("extractor_version", "VARCHAR", "extractor_version"),
)


def _column_value(value: Any) -> Any:
    """A record field as DuckDB takes it (a tuple of strings as a list)."""
    return list(value) if isinstance(value, tuple) else value


def default_store_path() -> Path:
    """``DETENTE_DB`` when set, else ``./detente.duckdb``."""
    return Path(os.environ.get("DETENTE_DB") or DEFAULT_PATH)


#: Every DuckDB database file has these bytes at this offset, after the header's checksum
#: (checked on a file DuckDB 2.0.1 wrote); a file without them is no store.
_DUCKDB_MAGIC = b"DUCK"
_DUCKDB_MAGIC_OFFSET = 8


def _refuse_non_store(target: Path, *, read_only: bool) -> None:
    """Refuse, before DuckDB sees it, a path that is not a store and could not become one.

    DuckDB 2 opens an existing CSV, JSONL or Parquet file as an empty in-memory database, so
    ``run`` would report success and keep nothing; the file's header is checked instead of
    trusting its name. A command that only reads never creates a missing file.
    """
    if str(target) == ":memory:" or str(target).startswith(("md:", "motherduck:")):
        raise NotAStore(f"{target}: not a file; give --db the path of a store file")
    if not target.exists():
        if read_only:
            raise StoreError(f"no store at {target}: run `detente ingest` or `detente run` first")
        return
    if target.is_dir():
        if (target / PARQUET_MARKER).is_file():
            raise NotAStore(
                f"{target} is a Parquet dataset, which detente only reads: load it into a "
                f"store with `detente import-parquet {target}`"
            )
        raise NotAStore(
            f"{target} is a folder; give --db a store file, e.g. {target}/detente.duckdb"
        )
    try:
        with target.open("rb") as file:
            head = file.read(_DUCKDB_MAGIC_OFFSET + len(_DUCKDB_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read {target}: {exc.strerror or exc}") from exc
    if head[_DUCKDB_MAGIC_OFFSET:] != _DUCKDB_MAGIC:
        what = "is an empty file" if not head else "has no DuckDB file header"
        raise NotAStore(
            f"{target} {what}: not a store; give --db a store detente made "
            "or a path that does not exist yet"
        )


#: Where DuckDB says which process holds a store's lock: "... (PID 1234) ...".
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


def _reason(exc: duckdb.Error) -> str:
    """What the file system said, without DuckDB's wrapping ("IO Error: Cannot open file
    "/x/store.duckdb.wal": No space left on device" is "No space left on device")."""
    text = " ".join(str(exc).split())
    return text.rsplit('": ', 1)[-1] if '": ' in text else text


def _file_backed(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether DuckDB opened a file (it gives an in-memory database no path)."""
    row = connection.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return bool(row and row[0])


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str | None
    published: dt.date | None
    published_origin: str
    source: str | None
    origin: str
    n_sentences: int

    @property
    def published_is_estimate(self) -> bool:
        return self.published_origin == DateOrigin.TEXT_ESTIMATE.value

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_is_estimate": self.published_is_estimate,
            "published_origin": self.published_origin,
            "source": self.source,
            "origin": self.origin,
            "sentences": self.n_sentences,
        }


class Store:
    """A detente store in a DuckDB file, or, read-only, a Parquet dataset detente wrote
    (:mod:`detente.store.parquet`), whose files DuckDB reads in place."""

    def __init__(
        self,
        connection: duckdb.DuckDBPyConnection,
        path: Path,
        read_only: bool,
        *,
        dataset: bool = False,
    ):
        self._con = connection
        self.path = path
        self.read_only = read_only
        self.dataset = dataset

    def row_key(self, table: str, alias: str) -> str:
        """An expression naming one row of ``table`` (``events`` or ``sentences``, as
        ``alias``), for the reads that find rows by a few columns and then read the others
        of those rows only: DuckDB's ``rowid`` in a store file; the views of a Parquet
        dataset have none, so there the table's key."""
        if not self.dataset:
            return f"{alias}.rowid"
        keys = {"events": f"{alias}.id", "sentences": f"hash({alias}.doc_id, {alias}.idx)"}
        return keys[table]

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False) -> Store:
        """Open (and, for writing, create or migrate) the store at ``path``."""
        target = Path(path) if path is not None else default_store_path()
        if read_only and (target / PARQUET_MARKER).is_file():
            from detente.store.parquet import open_dataset

            dataset = cls(open_dataset(target), target, read_only=True, dataset=True)
            dataset._check_version()
            return dataset
        _refuse_non_store(target, read_only=read_only)
        try:
            connection = duckdb.connect(str(target), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                holder = _LOCK_HOLDER.search(str(exc))
                by = f" (process {holder.group(1)})" if holder else ""
                raise StoreBusy(f"{target} is in use by another process{by}") from exc
            raise StoreError(f"cannot open {target}: {_reason(exc)}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{target} is not a detente store ({exc})") from exc
        if not _file_backed(connection):
            connection.close()
            raise NotAStore(f"{target}: DuckDB opened no file there, so nothing would be kept")
        store = cls(connection, target, read_only)
        store._check_version()
        return store

    def close(self) -> None:
        try:  # closing writes the last checkpoint, which a full disk can refuse
            self._con.close()
        except duckdb.Error as exc:
            raise StoreError(f"cannot close {self.path}: {_reason(exc)}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self._con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self._con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _check_version(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreTooNew(
                f"{self.path} has schema version {current}; this detente knows up to "
                f"{SCHEMA_VERSION}: upgrade detente"
            )
        if current < SCHEMA_VERSION:
            if self.read_only:
                raise StoreError(
                    f"{self.path} has schema version {current}, needs {SCHEMA_VERSION}: "
                    "run any writing command (ingest, run) to migrate it"
                )
            self._migrate(current)

    def _migrate(self, current: int) -> None:
        with self._transaction():
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
            )
            for version, description, statements in MIGRATIONS:
                if version <= current:
                    continue
                for statement in statements:
                    self._con.execute(statement)
                self._con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, current_timestamp)",
                    [version, description],
                )
            if current < _EVENT_GROUPS_VERSION <= SCHEMA_VERSION:
                rebuild_event_groups(self._con, GroupingRules.default())

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction: all of it stored, or none of it. A write the file system
        refuses (a read-only folder, a full disk) is a StoreError naming the store and the
        reason, and what was committed before stays as it was."""
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
            self._con.execute("COMMIT")
        except (duckdb.IOException, duckdb.TransactionException) as exc:  # the file system's
            with suppress(duckdb.Error):  # a failed COMMIT has rolled back already
                self._con.execute("ROLLBACK")
            raise StoreError(
                f"cannot write to {self.path}: {_reason(exc)}; what was stored before is kept"
            ) from exc
        except BaseException:
            self._con.execute("ROLLBACK")
            raise

    # -- writing ------------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        if not wanted:
            return set()
        rows = self._con.execute(
            "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
        ).fetchall()
        return {row[0] for row in rows}

    def write_documents(self, documents: Sequence[Document]) -> int:
        """Store documents with their sentences in one transaction; return how many were new.

        Documents already stored (same id) are left exactly as they were.
        """
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        fresh: dict[str, Document] = {}
        for document in documents:
            fresh.setdefault(document.id, document)
        for known in self.existing_ids(fresh):
            del fresh[known]
        if not fresh:
            return 0
        docs = list(fresh.values())
        with self._transaction():
            self._insert(
                "documents",
                [
                    ("id", "VARCHAR", [d.id for d in docs]),
                    ("origin", "VARCHAR", [d.origin for d in docs]),
                    ("url", "VARCHAR", [d.url for d in docs]),
                    ("title", "VARCHAR", [d.title for d in docs]),
                    ("author", "VARCHAR", [d.author for d in docs]),
                    ("source", "VARCHAR", [d.source for d in docs]),
                    ("published", "DATE", [d.published for d in docs]),
                    ("published_origin", "VARCHAR", [d.date_origin.value for d in docs]),
                    ("text", "VARCHAR", [d.text for d in docs]),
                    ("n_sentences", "INTEGER", [len(d.sentences) for d in docs]),
                    ("genre", "VARCHAR", [d.genre for d in docs]),
                ],
            )
            sentences = [(d.id, s) for d in docs for s in d.sentences]
            if sentences:
                self._insert(
                    "sentences",
                    [
                        ("doc_id", "VARCHAR", [doc_id for doc_id, _ in sentences]),
                        ("idx", "INTEGER", [s.index for _, s in sentences]),
                        ("paragraph", "INTEGER", [s.paragraph for _, s in sentences]),
                        ("start_char", "INTEGER", [s.start for _, s in sentences]),
                        ("end_char", "INTEGER", [s.end for _, s in sentences]),
                        ("text", "VARCHAR", [s.text for _, s in sentences]),
                    ],
                )
        return len(docs)

    def documents_missing_stage(self, stage: str, version: str) -> list[str]:
        """Ids of documents that stage has not processed at this version, oldest first."""
        rows = self._con.execute(
            """
            SELECT d.id FROM documents d
            LEFT JOIN document_stages s ON s.doc_id = d.id AND s.stage = ?
            WHERE s.version IS NULL OR s.version <> ?
            ORDER BY d.ingested_at, d.id
            """,
            [stage, version],
        ).fetchall()
        return [row[0] for row in rows]

    def sentence_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """The number of sentences of each of these documents (for extraction's progress)."""
        if not ids:
            return {}
        rows = self._con.execute(
            "SELECT id, n_sentences FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [list(ids)],
        ).fetchall()
        return {row[0]: int(row[1] or 0) for row in rows}

    def extraction_state(self) -> tuple[int, int, int]:
        """Documents stored, how many of them no extraction has ever processed (at any
        version), and events stored: what tells "nothing extracted yet" from "extracted,
        and the texts hold no events"."""
        row = self._con.execute(
            """
            SELECT
                (SELECT count(*) FROM documents),
                (SELECT count(*) FROM documents d WHERE NOT EXISTS (
                    SELECT 1 FROM document_stages s
                    WHERE s.doc_id = d.id AND s.stage = 'events')),
                (SELECT count(*) FROM events)
            """
        ).fetchone()
        return (int(row[0]), int(row[1]), int(row[2])) if row else (0, 0, 0)

    def write_extraction(
        self,
        doc_ids: Sequence[str],
        mentions: Sequence[tuple[str, Sequence[Mention]]],
        actors: Iterable[ActorRecord],
        events: Sequence[Event],
        *,
        version: str,
        drivers: Sequence[Driver] = (),
        parquet: Path | None = None,
    ) -> None:
        """Mentions, actors, events and drivers of these documents in one transaction;
        with ``parquet``, also written there as one batch of a Parquet dataset, before the
        transaction commits (:mod:`detente.store.parquet`)."""
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        with self._transaction():
            self._replace_mentions(mentions, actors)
            touched = self._event_kinds(doc_ids) | {
                (e.source_id, e.target_id, e.type) for e in events
            }
            self._replace_events(doc_ids, events)
            rebuild_event_groups(self._con, GroupingRules.default(), sorted(touched, key=repr))
            self._replace_drivers(doc_ids, drivers)
            self._mark_done(list(doc_ids), "actors", version)
            self._mark_done(list(doc_ids), "events", version)
            if parquet is not None:
                self.export_parquet(doc_ids, version, parquet)

    def export_parquet(self, doc_ids: Sequence[str], version: str, folder: Path) -> None:
        """These documents and their extraction, as stored, as one batch of the Parquet
        dataset in ``folder``."""
        from detente.store.parquet import write_batch

        write_batch(self._con, doc_ids, version, folder)

    def documents_in_dataset(self, folder: Path, version: str) -> set[str]:
        """Ids of the documents the Parquet dataset in ``folder`` holds extracted at this
        version (none when there is no dataset there yet)."""
        from detente.store.parquet import committed_documents

        return committed_documents(self._con, folder, version)

    def import_parquet(self, folder: Path) -> ImportReport:
        """Load the Parquet dataset in ``folder`` (:func:`detente.store.parquet.import_dataset`)."""
        from detente.store.parquet import import_dataset

        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        return import_dataset(self, folder)

    def documents_done(self, stage: str, version: str) -> list[str]:
        """Ids of documents that stage has processed at this version, oldest first."""
        rows = self._con.execute(
            """
            SELECT d.id FROM documents d
            JOIN document_stages s ON s.doc_id = d.id AND s.stage = ? AND s.version = ?
            ORDER BY d.ingested_at, d.id
            """,
            [stage, version],
        ).fetchall()
        return [row[0] for row in rows]

    def _replace_mentions(
        self, results: Sequence[tuple[str, Sequence[Mention]]], actors: Iterable[ActorRecord]
    ) -> None:
        doc_ids = [doc_id for doc_id, _ in results]
        rows = [(doc_id, m) for doc_id, mentions in results for m in mentions]
        actor_rows = list({a.id: a for a in actors}.values())
        self._con.execute(
            "DELETE FROM mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
        )
        if actor_rows:
            self._insert(
                "actors",
                [
                    ("id", "VARCHAR", [a.id for a in actor_rows]),
                    ("name", "VARCHAR", [a.name for a in actor_rows]),
                    ("kind", "VARCHAR", [a.kind for a in actor_rows]),
                    ("country", "VARCHAR", [a.country for a in actor_rows]),
                    ("cameo_code", "VARCHAR", [a.cameo_code for a in actor_rows]),
                    ("parent_id", "VARCHAR", [a.parent_id for a in actor_rows]),
                    ("provisional", "BOOLEAN", [a.provisional for a in actor_rows]),
                ],
                replace=True,
            )
        if rows:
            self._insert(
                "mentions",
                [
                    ("doc_id", "VARCHAR", [doc_id for doc_id, _ in rows]),
                    ("sentence_idx", "INTEGER", [m.sentence for _, m in rows]),
                    ("start_char", "INTEGER", [m.start for _, m in rows]),
                    ("end_char", "INTEGER", [m.end for _, m in rows]),
                    ("text", "VARCHAR", [m.text for _, m in rows]),
                    ("actor_id", "VARCHAR", [m.actor_id for _, m in rows]),
                    ("sector", "VARCHAR", [m.sector for _, m in rows]),
                    ("person_id", "VARCHAR", [m.person_id for _, m in rows]),
                    ("resolution", "VARCHAR", [m.resolution for _, m in rows]),
                    ("confidence", "DOUBLE", [m.confidence for _, m in rows]),
                ],
            )

    def _event_kinds(self, doc_ids: Sequence[str]) -> set[tuple[str | None, str | None, str]]:
        """The (source, target, type) of the events stored for these documents."""
        rows = self._con.execute(
            "SELECT DISTINCT source_id, target_id, type FROM events "
            "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
            [list(doc_ids)],
        ).fetchall()
        return {(r[0], r[1], r[2]) for r in rows}

    def rebuild_event_groups(self, rules: GroupingRules | None = None) -> int:
        """Regroup every report into events (after events were written other than by
        :meth:`write_extraction`, or with other rules); return the reports that share an
        event with another."""
        if self.read_only:
            raise StoreError(f"{self.path} was opened read-only")
        with self._transaction():
            return rebuild_event_groups(self._con, rules or GroupingRules.default())

    def _replace_events(self, doc_ids: Sequence[str], events: Sequence[Event]) -> None:
        unique = list({e.id: e for e in events}.values())
        self._con.execute(
            "DELETE FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(doc_ids)]
        )
        if unique:
            self._insert(
                "events",
                [
                    (column, kind, [_column_value(getattr(e, field)) for e in unique])
                    for column, kind, field in _EVENT_COLUMNS
                ],
            )

    def _replace_drivers(self, doc_ids: Sequence[str], drivers: Sequence[Driver]) -> None:
        unique = list({d.id: d for d in drivers}.values())
        self._con.execute(
            "DELETE FROM drivers WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(doc_ids)]
        )
        if unique:
            self._insert(
                "drivers",
                [
                    (column, kind, [_column_value(getattr(d, field)) for d in unique])
                    for column, kind, field in _DRIVER_COLUMNS
                ],
            )

    def query_drivers(
        self,
        *,
        actors: Sequence[str],
        toward: Sequence[str] = (),
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """Drivers held by any of ``actors`` (toward any of ``toward``, when given), with
        their sentence and actor names, oldest first."""
        where = ["d.actor_id IN (SELECT unnest(?::VARCHAR[]))"]
        params: list[Any] = [list(actors)]
        if toward:
            where.append("d.toward_id IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(toward))
        if since:
            where.append("coalesce(d.time_end, d.time_start) >= ?")
            params.append(since)
        if until:
            where.append("d.time_start <= ?")
            params.append(until)
        cursor = self._con.execute(
            f"""
            SELECT d.*, s.text AS sentence_text, aa.name AS actor_name, ta.name AS toward_name
            FROM drivers d
            JOIN sentences s ON s.doc_id = d.doc_id AND s.idx = d.sentence_idx
            LEFT JOIN actors aa ON aa.id = d.actor_id
            LEFT JOIN actors ta ON ta.id = d.toward_id
            WHERE {" AND ".join(where)}
            ORDER BY d.time_start NULLS LAST, d.doc_id, d.sentence_idx, d.id
            """,
            params,
        )
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _insert(
        self, table: str, columns: Sequence[tuple[str, str, list[Any]]], *, replace: bool = False
    ) -> None:
        """One bulk INSERT of column lists: DuckDB unnests them side by side, far faster
        than a row at a time."""
        names = ", ".join(name for name, _, _ in columns)
        unnested = ", ".join(f"unnest(?::{kind}[])" for _, kind, _ in columns)
        verb = "INSERT OR REPLACE INTO" if replace else "INSERT INTO"
        self._con.execute(
            f"{verb} {table} ({names}) SELECT {unnested}", [column for _, _, column in columns]
        )

    def _mark_done(self, doc_ids: list[str], stage: str, version: str) -> None:
        self._con.execute(
            """
            INSERT OR REPLACE INTO document_stages (doc_id, stage, version, completed_at)
            SELECT unnest(?::VARCHAR[]), ?, ?, current_timestamp
            """,
            [doc_ids, stage, version],
        )

    # -- reading ------------------------------------------------------------------------

    def load_documents(self, ids: Sequence[str]) -> list[Document]:
        """Whole documents with their sentences, in the order asked, in two queries."""
        if not ids:
            return []
        docs = self._con.execute(
            """
            SELECT id, text, origin, title, author, url, source, published, published_origin,
                   genre
            FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))
            """,
            [list(ids)],
        ).fetchall()
        sentences: dict[str, list[Sentence]] = {}
        for row in self._con.execute(
            """
            SELECT doc_id, idx, paragraph, start_char, end_char, text FROM sentences
            WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id, idx
            """,
            [list(ids)],
        ).fetchall():
            sentences.setdefault(row[0], []).append(Sentence(*row[1:]))
        by_id = {
            row[0]: Document(
                id=row[0],
                text=row[1],
                origin=row[2],
                title=row[3],
                author=row[4],
                url=row[5],
                source=row[6],
                published=row[7],
                date_origin=DateOrigin(row[8]),
                sentences=tuple(sentences.get(row[0], ())),
                genre=row[9],
            )
            for row in docs
        }
        return [by_id[i] for i in ids if i in by_id]

    def document_genres(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The genre each document declares (opinion, analysis, blog), None for a report."""
        if not ids:
            return {}
        rows = self._con.execute(
            "SELECT id, genre FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [list(ids)],
        ).fetchall()
        return {row[0]: row[1] for row in rows}

    def mentions(self, doc_id: str) -> list[Mention]:
        return self.mentions_by_document([doc_id]).get(doc_id, [])

    def mentions_by_document(self, doc_ids: Sequence[str]) -> dict[str, list[Mention]]:
        rows = self._con.execute(
            """
            SELECT doc_id, sentence_idx, start_char, end_char, text, actor_id, resolution,
                   sector, person_id, confidence
            FROM mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY doc_id, start_char, end_char, actor_id
            """,
            [list(doc_ids)],
        ).fetchall()
        out: dict[str, list[Mention]] = {}
        for row in rows:
            out.setdefault(row[0], []).append(Mention(*row[1:]))
        return out

    def query_events(
        self,
        *,
        actor: str | None = None,
        other: str | None = None,
        types: Sequence[str] = (),
        modalities: Sequence[str] = (),
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        contexts: Sequence[str] = (),
        merged: bool = False,
    ) -> list[dict[str, Any]]:
        """Events with their evidence sentence and actor names, oldest first.

        ``actor`` matches either side; ``other`` the side that is not ``actor``. A time window
        keeps events whose span overlaps it; ``contexts`` keeps events having any of them.

        Each row is a report. With ``merged``, the reports of one real event
        (:mod:`detente.store.event_groups`) make one row: that of the report speaking for it,
        whose ``id`` is the event's, ``report_id`` its own, ``time_start``/``time_end`` the
        event's, and ``reports`` every matching report (id, document, sentence, text,
        modality, hedged, time, document title and date), ``limit`` then counting events.
        """
        where = ["true"]
        params: list[Any] = []
        if actor and other:
            where.append(
                "((e.source_id = ? AND e.target_id = ?) OR (e.source_id = ? AND e.target_id = ?))"
            )
            params += [actor, other, other, actor]
        elif actor:
            where.append("(e.source_id = ? OR e.target_id = ?)")
            params += [actor, actor]
        if types:
            where.append("e.type IN (SELECT unnest(?::VARCHAR[]))")
            params.append([t.upper() for t in types])
        if modalities:
            where.append("e.modality IN (SELECT unnest(?::VARCHAR[]))")
            params.append([m.lower() for m in modalities])
        if contexts:
            where.append("list_has_any(e.contexts, ?::VARCHAR[])")
            params.append([c.lower() for c in contexts])
        if since:
            where.append("coalesce(e.time_end, e.time_start) >= ?")
            params.append(since)
        if until:
            where.append("e.time_start <= ?")
            params.append(until)
        sql = f"""
            SELECT e.*, s.text AS sentence_text, d.title AS doc_title, d.origin AS doc_origin,
                   d.published AS doc_published, sa.name AS source_name, ta.name AS target_name
            FROM events e
            JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx
            JOIN documents d ON d.id = e.doc_id
            LEFT JOIN actors sa ON sa.id = e.source_id
            LEFT JOIN actors ta ON ta.id = e.target_id
            WHERE {" AND ".join(where)}
            ORDER BY e.time_start NULLS LAST, e.doc_id, e.sentence_idx, e.id
            {"LIMIT " + str(int(limit)) if limit and not merged else ""}
        """
        cursor = self._con.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        if merged:
            rows = self._merge_reports(rows)[: limit or None]
        return rows

    def _merge_reports(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """One row per event of these report rows, its reports listed in it."""
        found = self._con.execute(
            "SELECT event_id, group_id, rank, time_start, time_end FROM event_groups "
            "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
            [[r["id"] for r in rows]],
        ).fetchall()
        group = {g[0]: g[1:] for g in found}
        events: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        for row in rows:
            group_id, rank, *_ = group.get(row["id"], (row["id"], 0))
            events.setdefault(group_id, []).append((rank, row))
        out = []
        for group_id, members in events.items():
            members.sort(key=lambda m: m[0])
            speaker = dict(members[0][1])
            span = group.get(speaker["id"])
            if span is not None:
                speaker["time_start"], speaker["time_end"] = span[2], span[3]
            speaker["report_id"], speaker["id"] = speaker["id"], group_id
            speaker["reports"] = [
                {
                    "id": r["id"],
                    "document": r["doc_id"],
                    "sentence": r["sentence_idx"],
                    "text": r["sentence_text"],
                    "modality": r["modality"],
                    "hedged": bool(r["hedged"]),
                    "time_start": r["time_start"],
                    "time_end": r["time_end"],
                    "doc_title": r["doc_title"],
                    "doc_published": r["doc_published"],
                }
                for _, r in members
            ]
            out.append(speaker)
        out.sort(key=lambda r: (r["time_start"] is None, r["time_start"] or dt.date.min, r["id"]))
        return out

    def has_actor(self, actor_id: str) -> bool:
        """Whether an actor of this id was found in the store: such an id names its actor
        whether or not the knowledge base of this run knows it (provisional actors)."""
        found = self._con.execute("SELECT 1 FROM actors WHERE id = ? LIMIT 1", [actor_id])
        return found.fetchone() is not None

    def actor_records(self) -> dict[str, ActorRecord]:
        rows = self._con.execute(
            "SELECT id, name, kind, country, cameo_code, parent_id, provisional FROM actors"
        ).fetchall()
        return {row[0]: ActorRecord(*row) for row in rows}

    def actor_activity(self) -> list[tuple[str, int, int, dt.date | None, dt.date | None]]:
        """Per actor: mentions, documents, and the first and last publication date."""
        rows = self._con.execute(
            """
            SELECT m.actor_id, count(*), count(DISTINCT m.doc_id), min(d.published),
                   max(d.published)
            FROM mentions m JOIN documents d ON d.id = m.doc_id
            WHERE m.actor_id IS NOT NULL
            GROUP BY m.actor_id ORDER BY count(*) DESC, m.actor_id
            """
        ).fetchall()
        return [(r[0], int(r[1]), int(r[2]), r[3], r[4]) for r in rows]

    def actor_listing(self) -> list[dict[str, Any]]:
        """Each actor found in the store with its kind, country, CAMEO code and activity, most
        mentioned first: the rows of ``detente actors --json`` and ``/api/actors``."""
        records = self.actor_records()
        rows: list[dict[str, Any]] = []
        for actor_id, mentions, documents, first, last in self.actor_activity():
            record = records.get(actor_id)
            rows.append(
                {
                    "id": actor_id,
                    "name": record.name if record else actor_id,
                    "kind": record.kind if record else None,
                    "country": record.country if record else None,
                    "cameo_code": record.cameo_code if record else None,
                    "provisional": bool(record and record.provisional),
                    "mentions": mentions,
                    "documents": documents,
                    "first": first.isoformat() if first else None,
                    "last": last.isoformat() if last else None,
                }
            )
        return rows

    def documents(self) -> list[DocumentSummary]:
        rows = self._con.execute(
            """
            SELECT id, title, published, published_origin, source, origin, n_sentences
            FROM documents ORDER BY published NULLS LAST, ingested_at, id
            """
        ).fetchall()
        return [DocumentSummary(*row) for row in rows]

    def count(self, table: str) -> int:
        if table not in {"documents", "sentences", "actors", "mentions", "events"}:
            raise ValueError(f"unknown table {table!r}")
        row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def fetch(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
    ) -> list[tuple[Any, ...]]:
        """The rows of one read query (``?`` or ``$name`` parameters), for readers such as
        ``detente.analysis`` that aggregate in DuckDB rather than load events into Python."""
        bound = dict(params) if isinstance(params, Mapping) else list(params)
        return self._con.execute(sql, bound).fetchall()

    def resolve_document_id(self, id_or_prefix: str) -> str:
        """The full id for an id or a unique prefix of one (at least 4 characters)."""
        prefix = id_or_prefix.strip().lower()
        if len(prefix) < 4:
            raise DocumentNotFound(f"document id {id_or_prefix!r} is too short (4+ characters)")
        rows = self._con.execute(
            "SELECT id FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT 3", [prefix]
        ).fetchall()
        if not rows:
            raise DocumentNotFound(f"no document with id {id_or_prefix!r} in {self.path}")
        if len(rows) > 1:
            raise DocumentNotFound(
                f"{id_or_prefix!r} matches several documents ({', '.join(r[0] for r in rows)}…)"
            )
        return str(rows[0][0])

    def document(self, id_or_prefix: str) -> Document:
        return self.load_documents([self.resolve_document_id(id_or_prefix)])[0]

    def integrity_problems(self) -> list[str]:
        """Documents whose stored sentences do not match their declared count (should be none)."""
        rows = self._con.execute(
            """
            SELECT d.id, d.n_sentences, count(s.idx)
            FROM documents d LEFT JOIN sentences s ON s.doc_id = d.id
            GROUP BY d.id, d.n_sentences HAVING count(s.idx) <> d.n_sentences
            """
        ).fetchall()
        orphans = self._con.execute(
            "SELECT count(*) FROM sentences WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()
        problems = [f"{r[0]}: {r[2]} sentences stored, {r[1]} expected" for r in rows]
        if orphans and orphans[0]:
            problems.append(f"{orphans[0]} sentences belong to no document")
        return problems


__all__ = ["DEFAULT_PATH", "DocumentSummary", "Store", "default_store_path"]

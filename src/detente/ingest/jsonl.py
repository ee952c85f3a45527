"""JSON Lines collections: one document per line, as exported by scrapers and news APIs.

Format (documented in the README): each line is an object with a non-empty string ``text``
and, optionally, ``title``, ``url``, ``published`` (any common date notation), ``source``
and ``author``. Blank lines are ignored. A bad line is skipped on its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from detente.errors import BadRecord, BinaryFile, SkippedSource, TooLarge
from detente.ingest.decode import binary_kind

_OPTIONAL_FIELDS = ("title", "url", "published", "source", "author")
#: Bad lines read before any record that make a file "not JSON Lines" rather than a
#: collection with bad lines (and bound what is held back meanwhile).
HELD_LINES = 100


@dataclass(frozen=True, slots=True)
class JsonlRecord:
    line: int
    text: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    author: str | None


def read_jsonl(path: Path, *, max_line_bytes: int) -> Iterator[JsonlRecord | SkippedSource]:
    """Stream records, yielding an error in place of each line that is not a valid record.

    A file that is not JSON Lines at all (binary data, a CSV named ``.jsonl``) is one
    problem, not one per "line": binary data is refused from its first bytes, and the
    errors of a file's lines are held back until a valid record shows that it is JSON
    Lines; a file with none is reported once, with its first error.
    """
    with path.open("rb") as handle:
        kind = binary_kind(handle.read(8192))
        if kind:
            yield BinaryFile(f"{path}: not JSON Lines but {kind}")
            return
        handle.seek(0)
        held: list[SkippedSource] | None = []  # None once a record was read
        for item in _records(path, handle, max_line_bytes):
            if held is None:
                yield item
            elif isinstance(item, JsonlRecord):
                yield from held
                held = None
                yield item
            else:
                held.append(item)
                if len(held) == HELD_LINES:
                    first = str(held[0].args[0]).removeprefix(f"{path}:")
                    yield BadRecord(
                        f"{path}: not JSON Lines: none of its first {HELD_LINES} lines is a "
                        f"record (line {first}); not read further"
                    )
                    return
        if held:
            first = str(held[0].args[0]).removeprefix(f"{path}:")
            more = f"; {len(held) - 1} more bad lines" if len(held) > 1 else ""
            yield BadRecord(f"{path}: no JSON Lines record in it (line {first}{more})")


def _records(
    path: Path, handle: BinaryIO, max_line_bytes: int
) -> Iterator[JsonlRecord | SkippedSource]:
    for number, raw in enumerate(handle, start=1):
        where = f"{path}:{number}"
        if not raw.strip():
            continue
        if len(raw) > max_line_bytes:
            yield TooLarge(f"{where}: record larger than {max_line_bytes} bytes")
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield BadRecord(f"{where}: not a JSON object ({exc})")
            continue
        if not isinstance(record, dict):
            yield BadRecord(f"{where}: expected a JSON object, found {type(record).__name__}")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield BadRecord(f"{where}: no non-empty string field 'text'")
            continue
        extras = {key: record.get(key) for key in _OPTIONAL_FIELDS}
        wrong = [
            key for key, value in extras.items() if value is not None and not isinstance(value, str)
        ]
        if wrong:
            yield BadRecord(f"{where}: field {wrong[0]!r} must be a string")
            continue
        yield JsonlRecord(line=number, text=text, **extras)

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

from detente.errors import BadRecord, TooLarge

_OPTIONAL_FIELDS = ("title", "url", "published", "source", "author")


@dataclass(frozen=True, slots=True)
class JsonlRecord:
    line: int
    text: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    author: str | None


def read_jsonl(path: Path, *, max_line_bytes: int) -> Iterator[JsonlRecord | BadRecord]:
    """Stream records, yielding an error in place of each line that is not a valid record."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            if len(raw) > max_line_bytes:
                yield BadRecord(
                    str(TooLarge(f"{where}: record larger than {max_line_bytes} bytes"))
                )
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
                key
                for key, value in extras.items()
                if value is not None and not isinstance(value, str)
            ]
            if wrong:
                yield BadRecord(f"{where}: field {wrong[0]!r} must be a string")
                continue
            yield JsonlRecord(line=number, text=text, **extras)

"""JSON Lines read line by line, and a file that is not JSON Lines reported once."""

from __future__ import annotations

import json
from pathlib import Path

from detente.errors import BadRecord, BinaryFile, TooLarge
from detente.ingest.jsonl import HELD_LINES, JsonlRecord, read_jsonl

GOOD = json.dumps({"text": "Kenya and Tanzania met in Mombasa."})


def _read(path: Path, content: str | bytes, limit: int = 10_000) -> list[object]:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return list(read_jsonl(path, max_line_bytes=limit))


def test_bad_lines_of_a_collection_are_each_named_after_a_record_shows_it_is_one(
    tmp_path: Path,
) -> None:
    read = _read(tmp_path / "a.jsonl", f"not json\n{GOOD}\n[1, 2]\n{GOOD}\n")
    assert [type(r) for r in read] == [BadRecord, JsonlRecord, BadRecord, JsonlRecord]
    assert str(read[0]).startswith(f"[E109] {tmp_path / 'a.jsonl'}:1: ")


def test_a_file_with_no_record_is_one_problem(tmp_path: Path) -> None:
    read = _read(tmp_path / "t.jsonl", "a,b\n1,2\n3,4\n")
    assert len(read) == 1 and isinstance(read[0], BadRecord)
    assert "no JSON Lines record in it (line 1: not a JSON object" in str(read[0])
    assert "2 more bad lines" in str(read[0])


def test_binary_data_is_one_problem_from_its_first_bytes(tmp_path: Path) -> None:
    read = _read(tmp_path / "r.jsonl", bytes(range(256)) * 100)
    assert len(read) == 1 and isinstance(read[0], BinaryFile)


def test_a_long_file_of_no_records_is_given_up_on_once_and_says_so(tmp_path: Path) -> None:
    read = _read(tmp_path / "l.jsonl", "x\n" * (HELD_LINES * 3) + GOOD + "\n")
    assert len(read) == 1 and "not read further" in str(read[0])


def test_a_record_too_large_carries_one_code(tmp_path: Path) -> None:
    read = _read(tmp_path / "big.jsonl", f"{GOOD}\n" + json.dumps({"text": "x" * 500}), 100)
    assert isinstance(read[1], TooLarge)
    assert str(read[1]).count("[E1") == 1  # not "[E109] [E108]"

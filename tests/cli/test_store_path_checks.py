"""`--db` at something that is not a store, and at nothing: refused in one line, as a user sees.

DuckDB 2 opens an existing CSV, JSONL or Parquet file as an empty in-memory database, so
without the check `run` would report success and keep nothing.
"""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from tests.support import run_cli

ARTICLE = """Port agreement signed in Mombasa

Kenya and Tanzania signed an agreement on shared port fees in Mombasa on 12 March 2024.

Officials from both governments said the fees would apply from the next financial year.
"""


def _csv(path: Path) -> None:
    path.write_text("country,partner\nKenya,Tanzania\n", encoding="utf-8")


def _jsonl(path: Path) -> None:
    path.write_text(json.dumps({"text": "Kenya and Tanzania signed a deal."}) + "\n")


def _parquet(path: Path) -> None:
    with duckdb.connect() as con:
        con.execute(f"COPY (SELECT 'Kenya' AS country) TO '{path}' (FORMAT parquet)")


def _text(path: Path) -> None:
    path.write_text("notes on the Mombasa talks\n", encoding="utf-8")


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(204).randbytes(4096))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


NOT_STORES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "csv named like a store": ("store.duckdb", _csv),
    "jsonl": ("wire.jsonl", _jsonl),
    "parquet": ("events.parquet", _parquet),
    "text": ("notes.txt", _text),
    "random bytes": ("blob.duckdb", _random_bytes),
    "empty file": ("empty.duckdb", _empty),
}

# every command that opens the store, with arguments it would otherwise accept
READ_COMMANDS: list[list[str]] = [
    ["events"],
    ["events", "--json"],
    ["docs"],
    ["show", "abcdef12"],
    ["actors"],
    ["mentions", "abcdef12"],
    ["dyad", "kenya", "tanzania"],
    ["relations"],
    ["balance"],
    ["check", "Kenya cooperates with Tanzania"],
    ["drivers", "kenya"],
]


def _one_error_line(stderr: str, code: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"error: [{code}]"), stderr
    assert "Traceback" not in stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ports.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind", sorted(NOT_STORES))
def test_run_refuses_a_file_that_is_not_a_store(kind: str, tmp_path: Path, article: Path) -> None:
    name, make = NOT_STORES[kind]
    target = tmp_path / name
    make(target)
    before = target.read_bytes()
    result = run_cli("--db", target, "run", article)
    assert result.returncode == 1
    _one_error_line(result.stderr, "E204")
    assert str(target) in result.stderr
    assert result.stdout == ""  # no summary: no work was done
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["articles", name])


@pytest.mark.parametrize("kind", ["jsonl", "parquet", "csv named like a store"])
def test_ingest_and_listings_refuse_it_too(kind: str, tmp_path: Path, article: Path) -> None:
    name, make = NOT_STORES[kind]
    target = tmp_path / name
    make(target)
    for command in (["ingest", str(article)], ["events"], ["docs", "--json"]):
        result = run_cli("--db", target, *command)
        assert result.returncode == 1, command
        _one_error_line(result.stderr, "E204")


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_every_read_command_refuses_a_csv_named_like_a_store(
    command: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "store.duckdb"
    _csv(target)
    result = run_cli("--db", target, *command)
    assert result.returncode == 1
    _one_error_line(result.stderr, "E204")
    assert result.stdout == ""


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["dyad", "kenya", "tanzania"],
        ["check", "Kenya cooperates with Tanzania"],
        ["actors"],
        ["docs"],
        ["report", "-o", "report.html"],
    ],
    ids=" ".join,
)
def test_a_read_command_does_not_create_a_missing_store(command: list[str], tmp_path: Path) -> None:
    target = tmp_path / "nowhere.duckdb"
    result = run_cli("--db", target, *command, cwd=tmp_path)
    assert result.returncode == 1
    _one_error_line(result.stderr, "E200")
    assert "no store at" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_report_and_export_write_nothing_from_a_non_store(tmp_path: Path) -> None:
    target = tmp_path / "events.parquet"
    _parquet(target)
    report, export = tmp_path / "report.html", tmp_path / "events.csv"
    for command in (["report", "-o", report], ["export", "-f", "csv", "-o", export]):
        result = run_cli("--db", target, *command)
        assert result.returncode == 1
        _one_error_line(result.stderr, "E204")
    assert not report.exists() and not export.exists()


@pytest.mark.parametrize(("name", "code"), [("wire.jsonl", "E204"), ("nowhere.duckdb", "E200")])
def test_serve_refuses_before_serving(name: str, code: str, tmp_path: Path) -> None:
    target = tmp_path / name
    if name.endswith(".jsonl"):
        _jsonl(target)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    completed = subprocess.run(
        [sys.executable, "-m", "detente", "--db", str(target), "serve", "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 1
    _one_error_line(completed.stderr, code)
    assert "serving" not in completed.stdout
    assert [p.name for p in tmp_path.iterdir()] == ([name] if code == "E204" else [])


def test_a_folder_is_no_store(tmp_path: Path, article: Path) -> None:
    result = run_cli("--db", article, "run", article)
    assert result.returncode == 1
    _one_error_line(result.stderr, "E204")
    assert "folder" in result.stderr
    assert sorted(p.name for p in article.iterdir()) == ["ports.txt"]


def test_a_new_path_becomes_a_real_store_which_opens_again(tmp_path: Path, article: Path) -> None:
    target = tmp_path / "kept.csv"  # the name does not matter, the content does
    result = run_cli("--db", target, "run", article, "--quiet")
    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[8:12] == b"DUCK"  # the header the check relies on
    listed = run_cli("--db", target, "docs", "--json")
    assert listed.returncode == 0, listed.stderr
    titles = [d["title"] for d in json.loads(listed.stdout)["documents"]]
    assert titles == ["Port agreement signed in Mombasa"]

"""Nothing from a document reaches the terminal as a command, through the real `detente`.

A hostile article carries a clear-screen sequence, an OSC 52 clipboard write and C1 control
characters. After `run` the store holds none of them, and the listings print none; a store
written before ingest removed them (built here through the store's own writer) prints them
as visible escapes instead of sending them to the terminal.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.analysis.builders import event, write_store
from tests.support import run_cli

CLEAR = "\x1b[2J\x1b[H"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4vKg==\x07"  # OSC 52: write the clipboard
C1 = "\x9b31m\x8d\x9d0;title\x9c"  # 8-bit CSI, reverse line feed, 8-bit OSC with its ST
# what a terminal acts on: ESC and every other C0 but newline and tab, DEL, C1
ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

ARTICLE = f"""Port fees{CLEAR} agreed in Mombasa{C1}

Kenya and Tanzania signed an agreement on shared port fees in Mombasa on 12 March 2024.{CLIPBOARD}

Officials{C1} from both governments said the fees would apply from July.
"""

RECORD = {
    "title": f"Rail{CLEAR} link talks",
    "text": f"Uganda{CLIPBOARD} and Rwanda held talks{C1} on a rail link on 4 April 2024.",
    "url": f"https://news.example/rail{CLEAR}",
    "author": f"Desk{CLIPBOARD} writer",
    "source": f"Lakes{C1} Wire",
    "published": "2024-04-05",
}


def _printed(*args: str | Path, env: dict[str, str] | None = None) -> str:
    result = run_cli(*args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    articles = folder / "articles"
    articles.mkdir()
    (articles / "ports.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "rail.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    db = folder / "store.duckdb"
    result = run_cli("--db", db, "run", articles)
    assert result.returncode == 0, result.stderr
    assert not ACTIVE.search(result.stdout + result.stderr)
    return db


def test_the_store_keeps_the_text_and_none_of_the_controls(hostile_store: Path) -> None:
    documents = json.loads(_printed("--db", hostile_store, "docs", "--json"))["documents"]
    assert sorted(d["title"] for d in documents) == [
        "Port fees agreed in Mombasa",
        "Rail link talks",
    ]
    for listed in documents:
        shown = json.loads(_printed("--db", hostile_store, "show", listed["id"], "--json"))
        fields = _strings(shown)
        assert not any(ACTIVE.search(text) for text in fields), shown
        assert not any("52;c;" in text or "[2J" in text for text in fields), shown
    rail = next(d for d in documents if d["title"] == "Rail link talks")
    shown = json.loads(_printed("--db", hostile_store, "show", rail["id"], "--json"))
    assert shown["author"] == "Desk writer" and shown["source"] == "Lakes Wire"
    assert shown["url"] == "https://news.example/rail"
    assert shown["text"] == "Uganda and Rwanda held talks on a rail link on 4 April 2024."


def test_the_listings_print_no_control_character(hostile_store: Path) -> None:
    events = json.loads(_printed("--db", hostile_store, "events", "--json"))["events"]
    evidence = {e["evidence"]["text"] for e in events}
    assert any(text.startswith("Kenya and Tanzania signed an agreement") for text in evidence)
    documents = json.loads(_printed("--db", hostile_store, "docs", "--json"))["documents"]
    commands = [["events"], ["events", "--merged"], ["docs"], ["actors"]]
    commands += [["show", d["id"]] for d in documents]
    commands += [["mentions", d["id"]] for d in documents]
    for command in commands:
        printed = _printed("--db", hostile_store, *command)
        assert "\x1b" not in printed, command
        assert not ACTIVE.search(printed), command


@pytest.fixture(scope="module")
def old_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose sentences still hold raw controls, as one ingested before the fix."""
    return write_store(
        tmp_path_factory.mktemp("old") / "old.duckdb",
        [
            event(
                "kenya",
                "AGREE",
                "tanzania",
                "2024-03-12",
                text=f"Kenya{CLEAR} agreed with Tanzania{CLIPBOARD} on port fees{C1}.",
            ),
            event(
                "kenya",
                "CONSULT",
                "tanzania",
                "2024-03-20",
                text="Kenya [link=https://evil.example]consulted[/link] Tanzania [bold]again.",
            ),
        ],
    )


def _wide() -> dict[str, str]:
    """The environment with a terminal width that fits a whole sentence on one line."""
    return {**os.environ, "COLUMNS": "400"}


def test_an_old_store_prints_its_controls_as_visible_escapes(old_store: Path) -> None:
    printed = _printed("--db", old_store, "events", env=_wide())
    assert not ACTIVE.search(printed)
    assert "Kenya\\x1b[2J\\x1b[H agreed with Tanzania\\x1b]52;c;" in printed
    assert "\\x9b31m" in printed


def test_a_table_cell_prints_markup_as_it_is_written(old_store: Path) -> None:
    printed = _printed("--db", old_store, "events", env=_wide())
    assert "Kenya [link=https://evil.example]consulted[/link] Tanzania [bold]again." in printed


@pytest.mark.parametrize(
    "command",
    [["dyad", "kenya", "tanzania"], ["relations"], ["check", "Kenya and Tanzania are allies"]],
    ids=" ".join,
)
def test_analysis_output_prints_no_control_character(command: list[str], old_store: Path) -> None:
    printed = _printed("--db", old_store, *command, env=_wide())
    assert "agreed with Tanzania" in printed  # the evidence is printed, made harmless
    assert not ACTIVE.search(printed)


def test_an_error_echoing_a_path_shows_its_controls(tmp_path: Path) -> None:
    missing = tmp_path / f"store{CLEAR}.duckdb"
    result = run_cli("--db", missing, "events")
    assert result.returncode == 1
    assert not ACTIVE.search(result.stderr.rstrip("\n"))
    assert "store\\x1b[2J\\x1b[H.duckdb" in result.stderr
    assert not missing.exists()


def test_a_skipped_file_is_named_harmlessly(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"notes{CLEAR}.pdf").write_bytes(b"%PDF-1.4")
    result = run_cli("--db", tmp_path / "s.duckdb", "ingest", folder)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("skipped: [E103]")
    assert "notes\\x1b[2J\\x1b[H.pdf" in lines[0]
    assert not ACTIVE.search(result.stdout + result.stderr.rstrip("\n"))

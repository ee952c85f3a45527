"""Listings a person can read at 80 columns and a program can read from a pipe.

The real ``detente`` runs on a store written through the store's own writer (long actor
names, long evidence sentences, a hedged report), once in a pseudo-terminal 80 columns wide
and once with its output piped. In the terminal no line is wider than the terminal, and every
id, date, type and modality is printed whole with every word of the evidence; in the pipe
each record is one tab-separated line after a header, with the evidence exactly as stored.
The layout itself is checked as plain functions, with Hypothesis for any cells and width.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from detente.cli.listing import NAME, TEXT, Column, pipe_lines, terminal_lines
from tests.analysis.builders import event, write_store
from tests.support import run_cli, run_in_terminal

SENTENCES = [
    "Officials of the Islamic Renaissance Party of Tajikistan said on Tuesday that border "
    "guards of the neighbouring state had fired on a convoy carrying grain to the valley.",
    "The foreign ministry summoned the ambassador of the Federal Democratic Republic of "
    "Nepal over remarks about the river treaty that the ministry called deeply misleading.",
    "According to two diplomats who asked not to be named, the delegations may meet again "
    "in Geneva before the end of the month to settle the remaining questions.",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("listings") / "store.duckdb"
    return write_store(
        path,
        [
            event(
                "border-guard-command-of-the-republic",
                "ASSAULT",
                "islamic-renaissance-party-of-tajikistan",
                "2024-03-05",
                text=SENTENCES[0],
            ),
            event(
                "federal-democratic-republic-of-nepal",
                "ACCUSE",
                "lakeland",
                "2024-04-11",
                "2024-04-12",
                text=SENTENCES[1],
            ),
            event(
                "lakeland",
                "CONSULT",
                "federal-democratic-republic-of-nepal",
                "2024-05-20",
                modality="reported",
                hedged=True,
                reciprocal=True,
                text=SENTENCES[2],
            ),
        ],
    )


def _json(store: Path, *args: str) -> Any:
    result = run_cli("--db", store, *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def events(store: Path) -> list[dict[str, Any]]:
    return list(_json(store, "events")["events"])


# --------------------------------------------------------------------------- a terminal


def test_events_at_80_columns_keep_every_field_whole_and_the_evidence_complete(
    store: Path, events: list[dict[str, Any]]
) -> None:
    shown = run_in_terminal("--db", store, "events", columns=80)
    assert shown.returncode == 0, shown.stdout
    lines = shown.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, shown.stdout
    assert lines[0].split() == ["time", "source", "type", "target", "mod."]
    for e in events:
        sign = "+" if e["polarity"] > 0 else "-"
        arrow = "↔" if e["reciprocal"] else "→"
        record = next(line for line in lines if f"{arrow} {e['type']}{sign}" in line)
        assert record.startswith(f" {e['time']['start']}  "), record
        assert f"{e['modality']}{'?' if e['hedged'] else ''}" in record.split(), record
        # the evidence is below its record, every word of it, and its reference
        assert f"{e['evidence']['text']} [{e['evidence']['document'][:8]}#" in _words(shown.stdout)
    assert "TYPE+ cooperative" in shown.stdout  # the legend says what the marks mean
    assert "3 events" in shown.stdout


def test_docs_and_actors_at_80_columns_keep_ids_and_dates_whole(store: Path) -> None:
    docs = run_in_terminal("--db", store, "docs", columns=80).stdout
    document = _json(store, "docs")["documents"][0]
    assert max(len(line) for line in docs.splitlines()) <= 80, docs
    assert f" {document['id']}  {document['published']}" in docs
    assert "Analysis test document" in docs

    actors = run_in_terminal("--db", store, "actors", columns=80).stdout
    assert max(len(line) for line in actors.splitlines()) <= 80, actors
    for actor in _json(store, "actors")["actors"]:
        assert re.search(rf"^ {re.escape(actor['id'])} ", actors, re.M), actor["id"]
        assert actor["first"] in actors and actor["last"] in actors


def test_relations_at_80_columns_show_each_pair_and_all_its_evidence(store: Path) -> None:
    shown = run_in_terminal("--db", store, "relations", columns=80).stdout
    assert max(len(line) for line in shown.splitlines()) <= 80, shown
    for edge in _json(store, "relations")["edges"]:
        for item in edge["evidence"]:
            assert _words(item["text"]) in _words(shown)


# --------------------------------------------------------------------------- a pipe


def test_piped_events_are_one_tab_separated_line_each_with_the_whole_evidence(
    store: Path, events: list[dict[str, Any]]
) -> None:
    piped = run_cli("--db", store, "events")
    assert piped.returncode == 0, piped.stderr
    header, *rows = (line.split("\t") for line in piped.stdout.splitlines())
    assert header == [
        "start", "end", "source", "type", "reciprocal", "target", "modality", "hedged",
        "document", "sentence", "evidence",
    ]  # fmt: skip
    assert len(rows) == len(events) and all(len(row) == len(header) for row in rows)
    for row, e in zip(rows, events, strict=True):
        record = dict(zip(header, row, strict=True))
        assert record["evidence"] == e["evidence"]["text"]
        assert record["document"] == e["evidence"]["document"]
        assert record["start"] == e["time"]["start"]
        assert record["source"] == e["source"]["name"]
    assert piped.stderr.strip() == "3 events"  # the count, apart from the records


def test_piped_docs_actors_and_relations_are_one_record_per_line(store: Path) -> None:
    docs = run_cli("--db", store, "docs").stdout.splitlines()
    assert docs[0].split("\t") == [
        "id", "published", "estimated", "sentences", "source", "genre", "title",
    ]  # fmt: skip
    assert len(docs) == 2

    actors = run_cli("--db", store, "actors").stdout.splitlines()
    assert actors[0].split("\t")[:3] == ["id", "name", "kind"]
    assert len(actors) == 1 + len(_json(store, "actors")["actors"])

    relations = run_cli("--db", store, "relations").stdout.splitlines()
    header = relations[0].split("\t")
    evidence = [
        item["text"] for edge in _json(store, "relations")["edges"] for item in edge["evidence"]
    ]
    texts = [dict(zip(header, line.split("\t"), strict=True))["evidence"] for line in relations[1:]]
    assert sorted(texts) == sorted(evidence)


def test_a_title_with_brackets_is_printed_as_written(tmp_path: Path) -> None:
    title = "Talks [/] resume [bold]now[/bold] in [red]Geneva"
    (tmp_path / "talks.txt").write_text(
        f"{title}\n\nKenya and Tanzania signed a port agreement on 12 March 2024.\n",
        encoding="utf-8",
    )
    db = tmp_path / "store.duckdb"
    assert run_cli("--db", db, "ingest", tmp_path / "talks.txt").returncode == 0
    listed = run_in_terminal("--db", db, "docs")
    assert listed.returncode == 0 and title in listed.stdout, listed.stdout
    document = _json(db, "docs")["documents"][0]["id"]
    shown = run_in_terminal("--db", db, "show", document)
    assert shown.returncode == 0 and shown.stdout.startswith(title + "\n"), shown.stdout


# --------------------------------------------------------------------------- help


def test_help_names_what_each_option_takes() -> None:
    shown = run_in_terminal("events", "--help", columns=100).stdout
    for option, value in (("--since", "DATE"), ("--type", "TYPE"), ("--limit", "N")):
        assert re.search(rf"{option}\s+{value}\s", shown), option
    assert "<str>" not in shown and "<bool>" not in shown and "<list" not in shown
    assert "followed by + is cooperative" in _words(shown)


# --------------------------------------------------------------------------- the layout

COLUMNS = (
    Column("id"),
    Column("date"),
    Column("who", NAME, cap=16),
    Column("n", right=True),
    Column("text", TEXT),
)


def test_a_wide_terminal_puts_the_text_beside_the_other_columns() -> None:
    rows = [["abc123", "2024-01-02", "Someone", "7", "a short sentence of evidence"]]
    lines = terminal_lines(COLUMNS, rows, 120)
    assert lines[1] == " abc123  2024-01-02  Someone  7  a short sentence of evidence"


def test_columns_that_do_not_fit_follow_their_record_as_labelled_values() -> None:
    columns = (Column("id"), Column("kind"), Column("first"), Column("last"))
    rows = [["a" * 30, "armed_group", "2021-08-28", "2025-07-04"]]
    lines = terminal_lines(columns, rows, 60)
    assert lines == [
        " id                              kind         first",
        " aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  armed_group  2021-08-28",
        "    last 2025-07-04",
    ]


def test_a_pipe_gets_one_line_per_record_whatever_the_cells_hold() -> None:
    rows = [["x", "2024", "Tab\there", "1", "two\nlines\x1b[2J"]]
    assert pipe_lines(COLUMNS, rows) == [
        "id\tdate\twho\tn\ttext",
        "x\t2024\tTab here\t1\ttwo lines\\x1b[2J",
    ]


word = st.text(st.characters(whitelist_categories=("L", "N", "P")), min_size=1, max_size=10)
phrase = st.lists(word, max_size=40).map(" ".join)


@settings(max_examples=80, deadline=None)
# a hyphenated name that fits its column moves to the next line whole (found by Hypothesis)
@example(rows=[("0000", "0000-00-00", "00000 AA-AA", "0", "")], width=38)
@given(
    rows=st.lists(
        st.tuples(
            st.from_regex(r"[0-9a-f]{4,40}", fullmatch=True),
            st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
            phrase,
            st.integers(0, 10**6).map(str),
            phrase,
        ),
        max_size=5,
    ),
    width=st.integers(20, 200),
)
def test_the_terminal_layout_never_cuts_a_cell_nor_loses_a_word(
    rows: list[tuple[str, ...]], width: int
) -> None:
    lines = terminal_lines(COLUMNS, rows, width)
    printed = "\n".join(lines).split()
    for row in rows:
        # ids, dates and figures whole; every word of the name and of the text, in order
        assert row[0] in printed and row[1] in printed and row[3] in printed
        for cell in (row[2], row[4]):
            words = iter(printed)
            assert all(any(w == p for p in words) for w in cell.split()), cell
    widest_fixed = max((len(r[0]) + len(r[1]) + len(r[3]) for r in rows), default=0)
    if widest_fixed + 10 + 4 * 2 + 1 + 10 <= width:  # the fixed columns and a name fit
        assert max(len(line) for line in lines) <= width

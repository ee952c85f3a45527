"""`detente docs` shows the genre each document declares (issue 14: sources weighed for what
they are), in its table and its JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import run_cli

REPORT = """Ministers meet in Almaty

Kazakhstan and Kyrgyzstan held talks on water sharing in Almaty on Tuesday.
"""

COLUMN = """Why the water talks will fail

THIS IS AN OPINION ARTICLE. The talks between Kazakhstan and Kyrgyzstan will go nowhere,
as every round since 2010 has.
"""


def test_docs_lists_each_documents_genre(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "column.txt").write_text(COLUMN, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    ingested = run_cli(
        "--db", db, "ingest", tmp_path / "report.txt", tmp_path / "column.txt",
        "--published", "2024-03-05",
    )  # fmt: skip
    assert ingested.returncode == 0, ingested.stderr
    listed = json.loads(run_cli("--db", db, "docs", "--json").stdout)["documents"]
    genres = {d["title"]: d["genre"] for d in listed}
    assert genres == {"Ministers meet in Almaty": None, "Why the water talks will fail": "opinion"}
    table = run_cli("--db", db, "docs")
    assert table.returncode == 0, table.stderr
    header, *rows = (line.split("\t") for line in table.stdout.splitlines())
    genre = header.index("genre")
    shown = {row[header.index("title")]: row[genre] for row in rows}
    assert shown == {
        "Ministers meet in Almaty": "report",
        "Why the water talks will fail": "opinion",
    }

"""Nothing lost, nothing skipped in silence (issue 15, item 1), through the real `detente`.

A folder holding what real collections hold by accident (a link to itself, a link leading
nowhere, a link back to its own folder, a named pipe, a file the system cannot read, random
bytes and a CSV named ``.jsonl``, and a page nested thousands of elements deep) is ingested:
each problem is one line naming it, the exit status is 1, and the rest is stored. A store
the file system will not write (an immutable or read-only folder), one another process holds
(waited for, saying so, for a bounded time), and the web app (which holds no store between
requests) are driven the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support import EXAMPLES, run_cli

ARTICLE = EXAMPLES / "corpus" / "articles" / "01_kabul-airport-bombing.txt"
SENTENCE = "Kenya and Tanzania signed an agreement on port fees in Mombasa on 12 March 2024. "
ROOT = os.geteuid() == 0


def _deep_page(depth: int) -> str:
    body = "<div>" * depth + "<p>" + SENTENCE * 4 + "</p>" + "</div>" * depth
    return f"<html><head><title>Deep page</title></head><body>{body}</body></html>"


def test_each_unreadable_thing_in_a_folder_is_named_once_and_the_rest_is_stored(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "collection"
    (folder / "loop").mkdir(parents=True)
    shutil.copy(ARTICLE, folder / "kabul.txt")
    (folder / "loop" / "back").symlink_to("..")  # a link to the folder it is in
    (folder / "itself.txt").symlink_to("itself.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "memory.txt").symlink_to("/proc/self/mem")  # any reader gets an I/O error
    os.mkfifo(folder / "pipe.txt")
    (folder / "random.jsonl").write_bytes(bytes(range(256)) * 40)
    (folder / "table.jsonl").write_text("a,b,c\n1,2,3\n4,5,6\n", encoding="utf-8")
    (folder / "deep.html").write_text(_deep_page(3000), encoding="utf-8")
    db = tmp_path / "store.duckdb"

    result = run_cli("--db", db, "ingest", folder)

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    expected = {
        "loop/back": "[E110]",
        "itself.txt": "[E110]",
        "gone.txt": "[E110]",
        "memory.txt": "[E110]",
        "pipe.txt": "[E103]",
        "random.jsonl": "[E101]",
        "table.jsonl": "[E109]",
    }
    for name, code in expected.items():
        named = [line for line in lines if f"{folder}/{name}" in line]
        assert len(named) == 1 and code in named[0], (name, lines)
    assert len(lines) == len(expected), lines
    assert "2 new" in result.stdout
    titles = run_cli("--db", db, "docs").stdout
    assert "Deep page" in titles  # nested 3,000 deep, and read


@pytest.mark.skipif(ROOT, reason="permissions do not bind root; the I/O error case runs above")
def test_a_file_and_a_folder_without_permission_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "collection"
    (folder / "closed").mkdir(parents=True)
    shutil.copy(ARTICLE, folder / "closed" / "a.txt")
    shutil.copy(ARTICLE, folder / "secret.txt")
    (folder / "closed").chmod(0)
    (folder / "secret.txt").chmod(0)
    try:
        result = run_cli("--db", tmp_path / "s.duckdb", "ingest", folder)
    finally:
        (folder / "closed").chmod(0o755)
    assert result.returncode == 1
    assert len([x for x in result.stderr.splitlines() if "closed" in x and "[E110]" in x]) == 1
    assert len([x for x in result.stderr.splitlines() if "secret.txt" in x]) == 1


@contextmanager
def _unwritable(folder: Path) -> Iterator[None]:
    """``folder`` refusing new files, as a read-only or full file system would: immutable
    for root (whom permissions do not stop), read-only for anyone else."""
    if ROOT:
        if shutil.which("chattr") is None:
            pytest.skip("no chattr to make a folder immutable")
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if made.returncode:
            pytest.skip(f"this file system keeps no immutable flag: {made.stderr!r}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_a_store_the_file_system_refuses_is_one_line_and_keeps_what_it_held(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "stores"
    folder.mkdir()
    db = folder / "store.duckdb"
    assert run_cli("--db", db, "ingest", ARTICLE).returncode == 0
    other = tmp_path / "other.txt"
    other.write_text(f"Port talks\n\n{SENTENCE}\n", encoding="utf-8")
    with _unwritable(folder):
        refused = run_cli("--db", db, "ingest", other)  # its journal cannot be created
        new = run_cli("--db", folder / "new.duckdb", "ingest", other)
    for result in (refused, new):
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "[E200] cannot write to" in refused.stderr
    assert "[E200] cannot open" in new.stderr
    kept = run_cli("--db", db, "docs").stdout.splitlines()
    assert len(kept) == 2 and "kabul" in kept[1]  # the header and the one stored before


HOLD = "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); input()"


def test_a_busy_store_is_waited_for_saying_so_and_then_used(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    assert run_cli("--db", db, "ingest", ARTICLE).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    reader = subprocess.Popen(
        [sys.executable, "-m", "detente", "--db", str(db), "docs"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stderr is not None
    waiting = reader.stderr.readline()
    assert waiting.startswith("waiting up to 10 s: ") and "in use by another process" in waiting
    holder.communicate("\n", timeout=30)  # the other process lets go
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert "kabul" in out


def test_a_store_busy_past_the_wait_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    assert run_cli("--db", db, "ingest", ARTICLE).returncode == 0
    config = tmp_path / "config.toml"
    config.write_text("[store]\nbusy_wait_seconds = 0.5\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        result = run_cli(
            "--db", db, "ingest", ARTICLE, env={**os.environ, "DETENTE_CONFIG": str(config)}
        )
    finally:
        holder.communicate(b"\n", timeout=30)
    assert result.returncode == 1
    waiting, refused = result.stderr.strip().splitlines()
    assert waiting.startswith("waiting up to 0.5 s")
    assert refused.startswith("error: [E201]") and "still after waiting 0.5 s" in refused
    assert "kabul" in run_cli("--db", db, "docs").stdout  # what it held is still there

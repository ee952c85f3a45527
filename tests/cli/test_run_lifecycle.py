"""`detente run` with extraction workers, ended from outside as a user (or the system) would
end it: ``kill -9``, SIGTERM, Ctrl-C. No process may be left behind, and the store keeps
every batch it committed, whole.

Each test runs the real command in a subprocess on a corpus written by tests/cli/_corpus.py,
watches its progress on a pseudo-terminal (what a user sees), and interrupts it once some
batches are stored and more are being extracted.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from detente.store import Store
from tests.cli._corpus import write_corpus
from tests.support import run_cli

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads processes from /proc"
)

DOCUMENTS = 80  # 20 batches of 4 documents: seconds of extraction with 2 workers
PROGRESS = re.compile(r"(\d+)/(\d+) docs")


@dataclass
class Interrupted:
    returncode: int
    stderr: str
    documents_reported: int  # documents the progress said were stored when it was ended
    workers: list[int]  # every process the command had started


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            children.setdefault(stat[1], []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _running(pids: list[int]) -> list[int]:
    """Those still running (a zombie has ended; only its exit status is left to read)."""
    return [pid for pid in pids if (stat := _stat(pid)) and stat[0] != "Z"]


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while _running(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return _running(pids)


def _read(fd: int, buffer: list[str], seconds: float) -> bool:
    """Read what the terminal shows for up to ``seconds``; False at its end."""
    ready, _, _ = select.select([fd], [], [], seconds)
    if not ready:
        return True
    try:
        data = os.read(fd, 65536)
    except OSError:  # every writer closed the terminal
        return False
    buffer.append(data.decode("utf-8", "replace"))
    return bool(data)


def _interrupt_mid_extraction(
    db: Path,
    corpus: Path,
    stop: signal.Signals,
    *,
    group: bool = False,
    how: tuple[str, ...] = ("--workers", "2"),
) -> Interrupted:
    """Run ``detente run --workers 2`` (or with the options ``how`` gives) with stderr on a
    terminal, wait until its progress shows some documents stored and more to do, then send
    ``stop`` to it (to its process group with ``group``, as a terminal's Ctrl-C does), and
    wait for the end."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    command = [sys.executable, "-m", "detente", "--db", str(db), "run", str(corpus)]
    process = subprocess.Popen(
        [*command, *how],
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        env=env,
        start_new_session=True,
    )
    os.close(secondary)
    shown: list[str] = []
    reported = 0
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _read(primary, shown, 0.05):
            seen = PROGRESS.findall("".join(shown)[-4000:])
            if seen and 0 < int(seen[-1][0]) < int(seen[-1][1]):
                reported = int(seen[-1][0])
                break
        assert reported, f"no progress seen before the end: {''.join(shown)[-2000:]!r}"
        workers = _descendants(process.pid)
        assert len(workers) >= 2, workers  # the two workers (and a resource tracker)
        if group:
            os.killpg(process.pid, stop)
        else:
            process.send_signal(stop)
        returncode = process.wait(timeout=60)
        deadline = time.monotonic() + 10
        while _read(primary, shown, 0.2) and time.monotonic() < deadline:
            pass  # to the end, or what a worker left running still writes
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(primary)
    return Interrupted(returncode, "".join(shown), reported, workers)


def _events(db: Path) -> list[tuple[object, ...]]:
    with Store.open(db, read_only=True) as store:
        return store.fetch(
            "SELECT id, doc_id, sentence_idx, source_id, target_id, type, modality "
            "FROM events ORDER BY id"
        )


def _assert_whole_batches(db: Path, at_least: int) -> int:
    """The store opens; every document is there with all its sentences; what extraction
    wrote belongs to documents marked extracted only (no half-written batch); at least
    ``at_least`` documents are extracted. Returns how many are."""
    with Store.open(db, read_only=True) as store:
        assert store.integrity_problems() == []
        assert store.count("documents") == DOCUMENTS
        done = {
            row[0]
            for row in store.fetch("SELECT doc_id FROM document_stages WHERE stage = ?", ["events"])
        }
        with_events = {row[0] for row in store.fetch("SELECT DISTINCT doc_id FROM events")}
        with_mentions = {row[0] for row in store.fetch("SELECT DISTINCT doc_id FROM mentions")}
    assert with_events <= done
    assert with_mentions <= done
    # every sentence of these documents names two actors and most state an event
    assert with_events == done
    assert at_least <= len(done) < DOCUMENTS
    return len(done)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("lifecycle"), DOCUMENTS)


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("reference") / "store.duckdb"
    result = run_cli("--db", db, "run", corpus, "--workers", "2", "--quiet")
    assert result.returncode == 0, result.stderr
    return db


def test_kill_9_leaves_no_worker_and_a_store_that_goes_on(
    corpus: Path, uninterrupted: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    ended = _interrupt_mid_extraction(db, corpus, signal.SIGKILL)
    assert ended.returncode == -signal.SIGKILL
    assert _wait_gone(ended.workers, 30) == []
    _assert_whole_batches(db, at_least=ended.documents_reported)
    # what was not stored is extracted by `detente extract`, and the whole is what an
    # uninterrupted run stores
    finished = run_cli("--db", db, "extract", "--workers", "2")
    assert finished.returncode == 0, finished.stderr
    assert _events(db) == _events(uninterrupted)


def test_sigterm_ends_workers_and_says_so_in_one_line(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    ended = _interrupt_mid_extraction(db, corpus, signal.SIGTERM)
    assert ended.returncode == 128 + signal.SIGTERM
    assert _wait_gone(ended.workers, 30) == []
    last = _last_line(ended.stderr)
    assert last.startswith("interrupted (SIGTERM) while extracting"), last
    assert "Traceback" not in ended.stderr
    stored = _assert_whole_batches(db, at_least=ended.documents_reported)
    said = re.search(r"(\d+) of (\d+) documents extracted and stored", last)
    assert said and int(said[1]) == stored and int(said[2]) == DOCUMENTS


def test_ctrl_c_to_the_process_group_is_the_same_clean_end(corpus: Path, tmp_path: Path) -> None:
    """A terminal's Ctrl-C reaches the workers too: they leave it to the parent, so there is
    one line, not a traceback per process."""
    db = tmp_path / "store.duckdb"
    ended = _interrupt_mid_extraction(db, corpus, signal.SIGINT, group=True)
    assert ended.returncode == 128 + signal.SIGINT
    assert _wait_gone(ended.workers, 30) == []
    assert "Traceback" not in ended.stderr and "KeyboardInterrupt" not in ended.stderr
    assert _last_line(ended.stderr).startswith("interrupted (Ctrl-C) while extracting")
    _assert_whole_batches(db, at_least=ended.documents_reported)


def test_sigterm_off_a_terminal_prints_stage_lines_then_one_line(tmp_path: Path) -> None:
    """In a pipe or a log: one plain line per finished stage, no progress bar, and the
    interruption in one line."""
    corpus = write_corpus(tmp_path / "corpus", 40)
    db = tmp_path / "store.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-m", "detente", "--db", str(db), "run", str(corpus), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    fd = process.stderr.fileno()
    shown: list[str] = []
    deadline = time.monotonic() + 60
    # the ingest stage's line comes when extraction begins; then the workers start
    while "\n" not in "".join(shown) and time.monotonic() < deadline:
        assert _read(fd, shown, 0.1)
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = _descendants(process.pid)
    process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 30
    while _read(fd, shown, 1) and time.monotonic() < deadline:
        pass  # to the end: every process holding stderr (the workers too) has closed it
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    assert _wait_gone(workers, 30) == []
    lines = "".join(shown).splitlines()
    assert len(lines) == 2, lines
    assert re.fullmatch(r"ingest: 40 documents read from 1 source in [\d.]+ s", lines[0])
    assert lines[1].startswith("interrupted (SIGTERM) while extracting, "), lines[1]
    assert "\x1b" not in "".join(shown)


def _last_line(terminal: str) -> str:
    """The last line a terminal shows, escape sequences and redraws aside."""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal)
    lines = [line.strip() for line in re.split(r"[\r\n]", text) if line.strip()]
    return lines[-1] if lines else ""

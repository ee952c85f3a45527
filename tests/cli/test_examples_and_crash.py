"""The README quick start, the seed articles, and a process killed in the middle of ingest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.store import Store
from tests.support import EXAMPLES, SEEDS, run_cli


def test_quick_start_runs_offline_on_the_example_corpus(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "NO_PROXY": "*",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    result = run_cli("run", EXAMPLES / "corpus", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "detente.duckdb").exists()  # the embedded default store
    listing = json.loads(run_cli("docs", "--json", cwd=tmp_path).stdout)["documents"]
    assert len(listing) == 8
    assert all(d["title"] and d["published"] and d["sentences"] > 5 for d in listing)
    thaw = next(d for d in listing if d["title"].startswith("Dushanbe and Tehran"))
    assert thaw["published_is_estimate"] is True  # that article states no date of its own
    shown = json.loads(run_cli("show", thaw["id"], "--json", cwd=tmp_path).stdout)
    assert shown["text"].endswith("more than the quarrels of the last decade.")


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles are not beside this checkout")
def test_seed_articles(tmp_path: Path, db: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert "2 new, 0 already stored" in run_cli("--db", db, "ingest", *seeds).stdout
    assert "0 new, 2 already stored" in run_cli("--db", db, "ingest", *seeds).stdout
    listing = json.loads(run_cli("--db", db, "docs", "--json").stdout)["documents"]
    assert all(d["title"] for d in listing)
    blog = next(d for d in listing if Path(d["origin"]).name.startswith("003_"))
    text = json.loads(run_cli("--db", db, "show", blog["id"], "--json").stdout)["text"]
    assert "Popular Posts" not in text and "Comments" not in text
    assert text.endswith("unfounded suspicions.")


def _write_collection(path: Path, documents: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for number in range(documents):
            text = " ".join(
                f"Delegation {number} met counterparts in round {k} of the border talks."
                for k in range(30)
            )
            out.write(json.dumps({"text": text}) + "\n")


def test_killed_mid_ingest_leaves_whole_documents_and_a_rerun_completes(
    tmp_path: Path, db: Path
) -> None:
    collection = tmp_path / "big.jsonl"
    _write_collection(collection, 3000)
    command = [
        sys.executable,
        "-m",
        "detente",
        "--db",
        str(db),
        "ingest",
        "--quiet",
        str(collection),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not wal.exists() and process.poll() is None:
        time.sleep(0.02)
    time.sleep(0.3)  # let a few batches commit; the kill lands mid-run
    process.send_signal(signal.SIGKILL)
    process.wait()
    with Store.open(db, read_only=False) as store:
        assert store.integrity_problems() == []
        partial = store.count("documents")
    assert partial < 3000, "the ingest finished before it could be killed; enlarge the collection"
    rerun = run_cli("--db", db, "ingest", collection)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{3000 - partial} new, {partial} already stored" in rerun.stdout
    with Store.open(db, read_only=True) as store:
        assert store.count("documents") == 3000
        assert store.integrity_problems() == []

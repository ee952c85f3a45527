"""What a command imports: commands that only read the store start without the NLP stack.

Start-up time is what users feel, but a timed test fails on a busy machine and passes on a
fast one; what makes start-up slow is what gets imported, and that is checked here.
``benchmarks/startup.py`` prints the times.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.analysis.builders import event, write_store
from tests.support import run_cli

# Modules that only extraction needs: the parser, the extractor, the actor matchers, and the
# scientific stack that change-point detection once brought in.
EXTRACTION_ONLY = (
    "spacy",
    "thinc",
    "detente.events.extract",
    "detente.events.parse",
    "detente.actors.resolve",
    "detente.actors.matcher",
    "detente.nlp",
    "detente.ingest",
    "scipy",
    "ruptures",
    # only `run --cluster` needs Dask; only Parquet datasets need pyarrow
    "dask",
    "distributed",
    "pyarrow",
)

# Runs one command in-process in a fresh interpreter, then prints which of the modules given
# are loaded, as JSON on the last line of stdout.
PROBE = """
import json, sys
from detente.cli import app
try:
    app(sys.argv[2:], standalone_mode=False)
finally:
    print()
    print(json.dumps(sorted(m for m in json.loads(sys.argv[1]) if m in sys.modules)))
"""


def loaded_after(*args: str | Path) -> list[str]:
    """The modules of ``EXTRACTION_ONLY`` that running ``detente ARGS`` imported."""
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(EXTRACTION_ONLY), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(completed.stdout.splitlines()[-1]))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "store.duckdb"
    return write_store(
        path,
        [
            event("iran", "RELATION", "taliban", "1996-01-01", "2000-12-31", polarity=-1),
            event("iran", "ACCUSE", "taliban", "1998-08-10", intensity=-2.0),
            event("iran", "COOPERATE", "taliban", "2021-09-01", intensity=6.0),
            event("iran", "AID", "taliban", "2022-03-01", intensity=7.0),
            event("iran", "CONSULT", "taliban", "2023-05-01", intensity=1.0),
        ],
    )


def test_version_imports_nothing_of_the_store_or_extraction() -> None:
    assert loaded_after("--version") == []
    code = "import sys, detente.cli; print('duckdb' in sys.modules, 'numpy' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    "command",
    [
        ("dyad", "Iran", "Taliban"),
        ("dyad", "iran", "taliban", "--json"),
        ("relations", "--actor", "Iran"),
        ("balance",),
        ("events", "--actor", "Iran"),
        ("docs",),
        ("actors",),
        # dates on the command line: parsed without the ingest stack (or dateparser, for ISO)
        ("relations", "--at", "2023-06-01"),
        ("dyad", "iran", "taliban", "--since", "2020-01-01", "--until", "2024-12-31"),
    ],
)
def test_reading_commands_start_without_the_nlp_stack(store: Path, command: tuple[str]) -> None:
    assert loaded_after("--db", store, *command) == []


def test_a_name_that_is_not_an_id_still_finds_its_actor(store: Path) -> None:
    # "Tehran" is no actor id: the knowledge base is loaded to read it, still without spaCy.
    result = run_cli("--db", store, "dyad", "Tehran", "the Taliban", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["a"]["id"] == "iran"
    assert loaded_after("--db", store, "dyad", "Tehran", "Taliban") == []


def test_an_actor_only_the_store_knows_is_accepted(tmp_path: Path) -> None:
    # Provisional actors and synthetic stores hold ids the knowledge base has never heard of.
    path = write_store(
        tmp_path / "store.duckdb",
        [event("actor-00001", "ACCUSE", "actor-00002", "2020-01-01", intensity=-2.0)],
        published="2020-01-02",  # news, not a recall: a period of its own
    )
    result = run_cli("--db", path, "dyad", "actor-00001", "actor-00002", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["periods"][0]["events"] == 1
    unknown = run_cli("--db", path, "dyad", "Atlantis", "actor-00002")
    assert unknown.returncode == 1 and "no actor named 'Atlantis'" in unknown.stderr


def test_help_lists_every_command_with_its_help() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for name, words in [
        ("run", "main job"),
        ("dyad", "history of two actors"),
        ("check", "Check a claim"),
        ("serve", "web app"),
        ("eval", "Precision, recall"),
    ]:
        line = next(line for line in result.stdout.splitlines() if f" {name} " in line)
        assert words in line


# What reading a claim of a common shape needs: the knowledge base, the resolver and the
# lexicon; never the parser, the extractor or the ingest stack.
PARSER = ("spacy", "thinc", "detente.events.extract", "detente.events.parse", "detente.ingest")


def test_check_reads_a_common_claim_without_the_parser(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):  # building the cache, then reading it
        loaded = loaded_after(
            "--db", store, "check", "Iran supports the Taliban", "--at", "2023-06-01"
        )
        assert not set(PARSER) & set(loaded), loaded
    assert list((tmp_path / "cache").glob("claim-reader-*.pickle"))
    result = run_cli("--db", store, "check", "Iran supports the Taliban", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["parsed"]["source"]["id"] == "iran"
    assert answer["parsed"]["target"]["id"] == "taliban"
    assert answer["parsed"]["reading"] == "shape: act"


@pytest.mark.slow
def test_check_reads_another_claim_with_the_parser(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    claim = "Iran accused the Taliban of attacking its diplomats"
    loaded = loaded_after("--db", store, "check", claim, "--json")
    assert "spacy" in loaded and "detente.events.extract" in loaded
    result = run_cli("--db", store, "check", claim, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["parsed"]["reading"] == "extractor"


# Runs ``detente ARGS`` as the console script does (``detente.cli.main``), then prints which
# of the modules given are loaded, as JSON on the last line of stdout.
MAIN_PROBE = """
import json, sys
from detente.cli import main
modules, sys.argv = json.loads(sys.argv[1]), ["detente", *sys.argv[2:]]
try:
    main()
except SystemExit:
    pass
finally:
    print()
    print(json.dumps(sorted(m for m in modules if m in sys.modules)))
"""

# What one command's start-up does without: the other commands' modules, rich's progress
# bars, and numpy (which only the balance's matrices need, when they are computed).
OTHER_COMMANDS = (
    "detente.cli.ingest",
    "detente.cli.actors",
    "detente.cli.evaluate",
    "detente.cli.views",
    "rich.progress",
    "numpy",
)


def main_loaded(*args: str | Path, watch: tuple[str, ...] = OTHER_COMMANDS) -> list[str]:
    completed = subprocess.run(
        [sys.executable, "-c", MAIN_PROBE, json.dumps(watch), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(completed.stdout.splitlines()[-1]))


def test_a_command_imports_its_own_module_only(store: Path) -> None:
    assert main_loaded("--db", store, "dyad", "iran", "taliban") == []
    assert main_loaded("--version", watch=(*OTHER_COMMANDS, "detente.cli.analysis")) == []
    # the whole app where a command is not named: help lists every command
    assert "detente.cli.ingest" in main_loaded("--help")


def test_check_imports_neither_numpy_nor_the_dyad(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    watch = (*OTHER_COMMANDS, "detente.analysis.dyad", "detente.analysis.balance")
    for _ in range(2):  # building the cache, then reading it
        assert main_loaded("--db", store, "check", "Iran supports the Taliban", watch=watch) == []


def test_the_analysis_package_exports_lazily() -> None:
    code = (
        "import sys, detente.analysis as a; print(sorted(m for m in sys.modules "
        "if m.startswith('detente.analysis.'))); a.structural_balance; a.dyad_history; "
        "print('numpy' in sys.modules, callable(a.structural_balance), sorted(a.__all__) == "
        "sorted(n for n in a.__all__ if hasattr(a, n)))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split("\n")[:2] == ["[]", "False True True"]

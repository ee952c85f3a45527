"""A user sets detente's settings in a file of their own, never in the installed package;
a broken file is refused in one line.

Through the real command line in a subprocess, with ``XDG_CONFIG_HOME`` or ``DETENTE_CONFIG``
pointing at files written here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from detente.config import load_settings, read_user_config
from detente.errors import ConfigFileError
from tests.analysis.builders import event, write_store
from tests.support import CliResult, run_cli

SHORT = "Iran and Tajikistan signed a water agreement in Dushanbe on 3 March 2024."
LONG = (
    "Azerbaijan accused Armenia of shelling its positions near the border on 12 May 2023. "
    "Armenia rejected the accusation and said its forces had only returned fire."
)


def environment(tmp_path: Path, config: str | None = None, **extra: str) -> dict[str, str]:
    """The process environment with a configuration home of its own (holding ``config``)."""
    home = tmp_path / ("config-home" if config is not None else "empty-config-home")
    if config is not None:
        (home / "detente").mkdir(parents=True, exist_ok=True)
        (home / "detente" / "config.toml").write_text(config, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETENTE_")}
    return {**env, "XDG_CONFIG_HOME": str(home), **extra}


def detente(tmp_path: Path, *args: str | Path, config: str | None = None, **env: str) -> CliResult:
    return run_cli(*args, env=environment(tmp_path, config, **env), cwd=tmp_path)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    records = [{"text": SHORT, "title": "Water"}, {"text": LONG, "title": "Shelling"}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_max_document_bytes_from_the_user_file(tmp_path: Path, corpus: Path) -> None:
    limit = len(SHORT.encode()) + 100  # the short record fits, the long one does not
    assert len(json.dumps({"text": LONG, "title": "Shelling"})) > limit
    config = f"[ingest]\nmax_document_bytes = {limit}\n"
    db = tmp_path / "store.duckdb"
    result = detente(tmp_path, "--db", db, "ingest", corpus, "--quiet", config=config)
    assert result.returncode == 1, "a record was skipped"
    assert "[E108]" in result.stderr and "corpus.jsonl:2" in result.stderr
    listed = detente(tmp_path, "--db", db, "docs", "--json", config=config)
    assert [d["title"] for d in json.loads(listed.stdout)["documents"]] == ["Water"]
    # without the file, both are read
    other = tmp_path / "other.duckdb"
    assert detente(tmp_path, "--db", other, "ingest", corpus, "--quiet").returncode == 0


def test_detente_config_names_another_file(tmp_path: Path) -> None:
    db = write_store(
        tmp_path / "store.duckdb",
        [
            event("iran", "AID", "tajikistan", "2020-01-01"),
            event("iran", "AID", "tajikistan", "2024-01-01"),
        ],
    )
    mine = tmp_path / "analysis.toml"
    mine.write_text("[analysis]\nhalf_life_days = 90\n", encoding="utf-8")
    result = detente(tmp_path, "--db", db, "relations", "--json", DETENTE_CONFIG=str(mine))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["half_life_days"] == 90
    default = detente(tmp_path, "--db", db, "relations", "--json")
    assert json.loads(default.stdout)["half_life_days"] == 730


def test_the_store_path_from_the_user_file(tmp_path: Path) -> None:
    db = write_store(
        tmp_path / "elsewhere.duckdb", [event("iran", "AID", "tajikistan", "2020-01-01")]
    )
    result = detente(tmp_path, "docs", "--json", config=f'[store]\npath = "{db}"\n')
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["documents"]) == 1


BROKEN = [
    ("[fetch\ntimeout_seconds = 5\n", "not TOML"),
    ("[fetch]\ntimeout = 5\n", "unknown setting fetch.timeout; [fetch] has: timeout_seconds"),
    ("[fecth]\ntimeout_seconds = 5\n", "unknown section [fecth]"),
    ('[fetch]\ntimeout_seconds = "soon"\n', "fetch.timeout_seconds must be a number"),
    ("[ingest]\nmax_document_bytes = -1\n", "ingest.max_document_bytes must be a whole number"),
    ("[ingest]\nmax_document_bytes = 2.5e6\n", "must be a whole number"),
    ('[actors]\nextra_files = "mine.yaml"\n', "actors.extra_files must be a list of strings"),
    ("[analysis]\nmodality_weights = { likely = 1.0 }\n", "must be a table of asserted"),
    ("\x00\x01 binary", "not TOML"),
]


@pytest.mark.parametrize(("config", "says"), BROKEN, ids=[s for _, s in BROKEN])
@pytest.mark.parametrize("command", ["balance", "docs"])
def test_a_broken_file_is_one_line(tmp_path: Path, config: str, says: str, command: str) -> None:
    # docs reads no setting but the store's path (which the file may set): no --db for it
    db = write_store(tmp_path / "store.duckdb", [event("iran", "AID", "tajikistan", "2020-01-01")])
    args = (command,) if command == "docs" else ("--db", db, command)
    result = detente(tmp_path, *args, config=config)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: [E903] ") and "config.toml" in lines[0] and says in lines[0]
    assert "Traceback" not in result.stderr


def test_a_missing_named_file_is_one_line(tmp_path: Path) -> None:
    result = detente(tmp_path, "balance", DETENTE_CONFIG=str(tmp_path / "nope.toml"))
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"error: [E903] {tmp_path / 'nope.toml'}: no such configuration file"
    )


def test_settings_layer_defaults_file_and_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "config.toml"
    mine.write_text(
        "[fetch]\ntimeout_seconds = 3\n[analysis]\nmodality_weights = { negated = 0 }\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DETENTE_CONFIG", str(mine))
    settings = load_settings()
    assert settings.fetch.timeout_seconds == 3
    assert settings.fetch.max_bytes == 10_000_000, "untouched keys keep their default"
    weights = settings.analysis.modality_weights
    assert weights["negated"] == 0 and weights["asserted"] == 1.0, "a table is merged key by key"
    assert load_settings({"fetch.timeout_seconds": 9}).fetch.timeout_seconds == 9
    mine.write_text("[store]\nbatch_size = true\n", encoding="utf-8")
    with pytest.raises(ConfigFileError, match=r"store\.batch_size must be a whole number"):
        read_user_config(mine)

"""Every bad argument is one line on stderr with a code, and exit status 2, on every command.

Run as a user would: the real ``detente`` in a subprocess. The table below is run in parallel
once (a subprocess each) and each row checked on its own, so a failure names its command.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.analysis.builders import event, write_store
from tests.support import CliResult, run_cli

#: (arguments after ``--db STORE``, the code the one line must carry). ``{actors:...}`` is
#: replaced by an actor file of that kind.
BAD: list[tuple[tuple[str, ...], str]] = [
    # limits and tops: zero, negative, absurd, not a number
    (("events", "--limit", "0"), "E901"),
    (("events", "--limit", "-5"), "E901"),
    (("events", "--limit", "99999999999999999999"), "E901"),
    (("events", "--limit", "ten"), "E900"),
    (("relations", "--limit", "0"), "E901"),
    (("relations", "--limit", "-1"), "E901"),
    (("balance", "--top", "0"), "E901"),
    (("balance", "--top", "2"), "E901"),
    (("balance", "--top", "-3"), "E901"),
    (("balance", "--top", "100000000000"), "E901"),
    (("relations", "--half-life", "0"), "E901"),
    (("relations", "--half-life", "-30"), "E901"),
    (("relations", "--half-life", "nan"), "E901"),
    (("balance", "--half-life", "-1"), "E901"),
    (("serve", "--port", "0"), "E901"),
    (("serve", "--port", "70000"), "E901"),
    # names outside their set
    (("events", "--type", "SKIRMISH"), "E902"),
    (("events", "--modality", "probable"), "E902"),
    (("events", "--context", "wizardry"), "E902"),
    (("export", "--format", "xlsx", "-o", "out.xlsx"), "E902"),
    (("export", "--format", "csv", "-o", "out.csv", "--type", "HUG"), "E902"),
    (("dyad", "iran", "taliban", "--by", "week"), "E902"),
    # dates: not a date, since after until, a date and a window
    (("events", "--since", "someday"), "E900"),
    (("events", "--since", "2024-01-01", "--until", "2020-01-01"), "E502"),
    (("dyad", "iran", "taliban", "--since", "2024-01-01", "--until", "2020-01-01"), "E502"),
    (("relations", "--since", "2024-01-01", "--until", "2020-01-01"), "E502"),
    (("relations", "--at", "2022-01-01", "--since", "2021-01-01"), "E502"),
    (("balance", "--since", "2024-01-01", "--until", "2020-01-01"), "E502"),
    (("drivers", "iran", "--since", "2024-01-01", "--until", "2020-01-01"), "E502"),
    (("check", "Iran supports the Taliban", "--since", "2024", "--until", "2020"), "E502"),
    (("export", "--format", "csv", "-o", "o.csv", "--since", "2024", "--until", "2020"), "E502"),
    (("report", "-o", "r.html", "--since", "2024-05-01", "--until", "2020-05-01"), "E502"),
    # --cluster: local:N in range, or a scheduler address (checked before any work)
    (("run", "--cluster", "local:0", "nothing-read.txt"), "E901"),
    (("run", "--cluster", "local:many", "nothing-read.txt"), "E900"),
    (("extract", "--cluster", "http://sched:8786"), "E900"),
    (("extract", "--cluster", "sched:99999"), "E900"),
    # click's own usage errors, in the same one-line form
    (("events", "--lmit", "3"), "E900"),
    (("dyad", "iran"), "E900"),
    (("nosuchcommand",), "E900"),
    # actor files, on commands that use them and on those that never would
    (("--actors", "{actors:missing}", "docs"), "E306"),
    (("--actors", "{actors:missing}", "dyad", "iran", "taliban"), "E306"),
    (("--actors", "{actors:folder}", "actors"), "E304"),
    (("--actors", "{actors:not_yaml}", "events"), "E301"),
    (("--actors", "{actors:wrong_schema}", "docs"), "E304"),
    (("docs", "--actors", "{actors:wrong_schema}"), "E304"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bad-arguments") / "store.duckdb"
    return write_store(
        path,
        [
            event("iran", "ACCUSE", "taliban", "1998-08-10", intensity=-2.0),
            event("iran", "AID", "taliban", "2022-03-01", intensity=7.0),
        ],
    )


@pytest.fixture(scope="module")
def actor_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("actor-files")
    (folder / "not_yaml.yaml").write_text("actors: [\n  - id: x\n", encoding="utf-8")
    (folder / "wrong_schema.yaml").write_text(
        "actors:\n  - id: freedonia\n    nmae: Freedonia\n", encoding="utf-8"
    )
    return {
        "missing": folder / "no-such-file.yaml",
        "folder": folder,
        "not_yaml": folder / "not_yaml.yaml",
        "wrong_schema": folder / "wrong_schema.yaml",
    }


def _argv(args: tuple[str, ...], files: dict[str, Path]) -> list[str]:
    def one(arg: str) -> str:
        if arg.startswith("{actors:"):
            return str(files[arg[len("{actors:") : -1]])
        return arg

    return [one(a) for a in args]


@pytest.fixture(scope="module")
def results(
    store: Path, actor_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, ...], CliResult]:
    """Every row of ``BAD`` run once, in parallel, from a folder of its own (exports and
    reports that wrongly ran would write there)."""
    cwd = tmp_path_factory.mktemp("bad-arguments-cwd")

    def run(args: tuple[str, ...]) -> CliResult:
        return run_cli("--db", store, *_argv(args, actor_files), cwd=cwd)

    with ThreadPoolExecutor(max_workers=8) as pool:
        done = dict(zip([a for a, _ in BAD], pool.map(run, [a for a, _ in BAD]), strict=True))
    return done


@pytest.mark.parametrize(("args", "code"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_a_bad_argument_is_one_coded_line(
    results: dict[tuple[str, ...], CliResult], args: tuple[str, ...], code: str
) -> None:
    result = results[args]
    lines = result.stderr.strip().splitlines()
    # a usage error; an actor file is a data file, refused as when the knowledge base loads
    assert result.returncode == (1 if "--actors" in args else 2), result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: [{code}] "), lines[0]
    assert "Traceback" not in result.stderr and "╭" not in result.stderr
    assert result.stdout == ""


def test_the_valid_values_are_listed_from_the_data(
    results: dict[tuple[str, ...], CliResult],
) -> None:
    types = results[("events", "--type", "SKIRMISH")].stderr
    assert "'SKIRMISH' is unknown; valid: AGREE, CONSULT" in types and "RELATION" in types
    modality = results[("events", "--modality", "probable")].stderr
    assert all(m in modality for m in ("asserted", "negated", "reported", "future"))
    contexts = results[("events", "--context", "wizardry")].stderr
    assert "migration" in contexts and "economic" in contexts
    formats = results[("export", "--format", "xlsx", "-o", "out.xlsx")].stderr
    assert "valid: csv, jsonl, parquet, graphml, gexf" in formats
    by = results[("dyad", "iran", "taliban", "--by", "week")].stderr
    assert "valid: month, year, decade" in by
    # a range says which range is valid
    assert "give 1 to 10,000,000" in results[("events", "--limit", "0")].stderr
    assert "give 3 to 100,000" in results[("balance", "--top", "2")].stderr
    assert "give 1 to 65,535" in results[("serve", "--port", "0")].stderr


def test_nothing_was_written_by_a_refused_command(
    results: dict[tuple[str, ...], CliResult], tmp_path_factory: pytest.TempPathFactory
) -> None:
    written = list(tmp_path_factory.getbasetemp().glob("bad-arguments-cwd*/*"))
    assert written == []


def test_names_are_read_whatever_their_case(store: Path) -> None:
    upper = run_cli("--db", store, "events", "--type", "aid", "--modality", "ASSERTED", "--json")
    assert upper.returncode == 0, upper.stderr
    assert [e["type"] for e in json.loads(upper.stdout)["events"]] == ["AID"]
    decade = run_cli("--db", store, "dyad", "iran", "taliban", "--by", "Decade", "--json")
    assert decade.returncode == 0, decade.stderr
    assert json.loads(decade.stdout)["by"] == "decade"


@pytest.mark.parametrize(
    "where",
    [
        ("events", "--db", "{store}", "--json"),
        ("events", "--json", "--db={store}"),
        ("--db", "/no/such/store.duckdb", "events", "--db", "{store}", "--json"),
    ],
)
def test_db_after_the_command_works(store: Path, where: tuple[str, ...]) -> None:
    expected = run_cli("--db", store, "events", "--json")
    assert expected.returncode == 0, expected.stderr
    moved = run_cli(*(a.replace("{store}", str(store)) for a in where))
    assert moved.returncode == 0, moved.stderr
    assert json.loads(moved.stdout) == json.loads(expected.stdout)


def test_actors_after_the_command_are_read(store: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "actors:\n  - id: freedonia\n    name: Freedonia\n    kind: state\n", encoding="utf-8"
    )
    result = run_cli("--db", store, "resolve", "Freedonia", "--actors", mine, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["readings"][0]["actor"]["id"] == "freedonia"


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port another program listens on."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_a_busy_port_is_one_line_before_serving(store: Path, busy_port: int) -> None:
    result = run_cli("--db", store, "serve", "--port", str(busy_port))
    assert result.returncode == 1
    assert result.stdout == "", "nothing may claim to be serving"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: [E604] "), result.stderr
    assert f"127.0.0.1:{busy_port}" in lines[0] and "in use" in lines[0]


def test_an_unknown_host_is_one_line(store: Path) -> None:
    result = run_cli("--db", store, "serve", "--host", "no-such-host.invalid")
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: [E604] "), result.stderr

"""A store built once for the views tests by the real pipeline (``detente run``) on a small
corpus written for these tests, one document of which is hostile markup."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from detente.cli import app as cli_app
from detente.views.server import LOOPBACK_HOSTS, create_app
from tests.support import CliResult, run_cli

HOSTILE_TITLE = "<script>document.title='pwned'</script>Hostile headline"
HOSTILE_MARKUP = '<img src=x onerror="window.pwned=1">'
HOSTILE_SCRIPT = "<script>window.pwned=2</script>"
HOSTILE_LINK = '<a href="javascript:window.pwned=3">this link</a>'

CORPUS = [
    {
        "title": "Tehran and Kabul sign a trade pact",
        "published": "2023-03-14",
        "source": "Views Test Wire",
        "text": "Iran and the Taliban signed a trade agreement in Kabul on Monday, officials "
        "said.\n\nIran praised the Taliban for its cooperation on border security. Tajikistan "
        "criticised the Taliban for sheltering militants near the frontier.",
    },
    {
        "title": "Border clashes in the 1990s",
        "published": "2022-06-01",
        "source": "Views Test Wire",
        "text": "In 1998 the Taliban attacked Iranian diplomats in Mazar-i-Sharif, and Iran "
        "threatened the Taliban with military action.",
    },
    {
        "title": "A bombing in Kerman",
        "published": "2024-01-05",
        "source": "Views Test Wire",
        "text": "ISIS-K attacked Iran in Kerman on 3 January 2024, killing dozens.\n\nThe "
        "Taliban condemned ISIS-K and pledged to fight the group. Iran and Tajikistan agreed "
        "to cooperate against ISIS-K.",
    },
    {
        "title": HOSTILE_TITLE,
        "published": "2024-02-10",
        "source": "Evil <b>Feed</b>",
        "text": f"Iran condemned Israel {HOSTILE_MARKUP} over the strike {HOSTILE_SCRIPT} on "
        f"Saturday.\n\nPakistan accused the Taliban of harbouring fighters, see {HOSTILE_LINK} "
        "for details.",
    },
]

# One signing told by two wires and recalled a year later (three reports of one real event),
# and an attack told once: two events from four reports.
REPEATED = [
    {
        "title": "Peace deal signed",
        "published": "2024-05-03",
        "source": "Merge Test Wire",
        "text": "Armenia and Azerbaijan signed a peace agreement in Washington on 2 May 2024, "
        "officials said.\n\nAzerbaijan attacked Armenian border posts on 12 September 2022.",
    },
    {
        "title": "A second wire on the deal",
        "published": "2024-05-04",
        "source": "Other Test Wire",
        "text": "On 2 May 2024 Armenia and Azerbaijan signed a peace agreement after two years "
        "of talks.",
    },
    {
        "title": "A year after the deal",
        "published": "2025-05-02",
        "source": "Merge Test Wire",
        "text": "Armenia and Azerbaijan signed a peace agreement in 2024. Trade between them "
        "has grown since.",
    },
]


def cli(*args: str | Path) -> CliResult:
    """The real command line, in this process: the suite pays the start-up cost once
    (``run_cli`` runs a subprocess, as a user would, for the store build and a few checks)."""
    result = CliRunner().invoke(cli_app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def views_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("views")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(d) for d in CORPUS) + "\n", encoding="utf-8")
    db = folder / "store.duckdb"
    result = run_cli("--db", db, "run", corpus, "--quiet")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="session")
def repeated_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose one event has three reports (see ``REPEATED``)."""
    folder = tmp_path_factory.mktemp("repeated")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(d) for d in REPEATED) + "\n", encoding="utf-8")
    db = folder / "store.duckdb"
    result = run_cli("--db", db, "run", corpus, "--quiet")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="session")
def repeated_report(repeated_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("repeated-report") / "report.html"
    result = cli("--db", repeated_store, "report", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def report_file(views_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = cli("--db", views_store, "report", "-o", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def live_server(views_store: Path) -> Iterator[str]:
    """The web app in a real uvicorn server on a free 127.0.0.1 port, in a thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(views_store, allowed_hosts=LOOPBACK_HOSTS)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(500):  # wait for start-up (bounded: at most 500 short polls)
        if server.started:
            break
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()

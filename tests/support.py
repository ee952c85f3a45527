"""Test helpers: the real CLI in a subprocess and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import os
import pty
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from detente.model import DateOrigin, Document
from detente.nlp import split_sentences

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"
SEEDS = Path(__file__).parent.parent.parent / "shared" / "seeds"


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> CliResult:
    """Run the real ``detente`` command in a subprocess, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "detente", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def run_in_terminal(
    *args: str | Path, columns: int = 80, env: dict[str, str] | None = None
) -> CliResult:
    """Run the real ``detente`` with a pseudo-terminal ``columns`` wide as its stdout and
    stderr, as a user at a terminal would: what it printed there (styles removed, lines
    ending in ``\n``) is the result's stdout."""
    environment = {**(env if env is not None else os.environ), "COLUMNS": str(columns)}
    environment.update({"LINES": "50", "TERM": "xterm", "NO_COLOR": "1"})
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "detente", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=environment,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    returncode = process.wait(timeout=300)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return CliResult(returncode, _STYLE.sub("", text), "")


_STYLE = re.compile(r"\x1b\[[0-9;]*m")  # bold, dim: what Rich adds, not what was printed


Route = tuple[int, str, bytes]  # status, content type, body


class LocalServer:
    """A real HTTP server on 127.0.0.1 serving fixed routes, for the URL and feed readers."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, content_type, body = routes.get(
                    self.path, (404, "text/plain", b"not found")
                )
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def document_of(text: str, date: str | dt.date = "2024-05-01") -> Document:
    """A document of project-written text, dated, split into sentences as ingest would."""
    published = dt.date.fromisoformat(date) if isinstance(date, str) else date
    return Document(
        id="d",
        text=text,
        origin="test",
        published=published,
        date_origin=DateOrigin.METADATA,
        sentences=split_sentences(text),
    )

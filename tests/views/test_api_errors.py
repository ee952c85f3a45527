"""The API answers every 4xx and 5xx in its JSON error shape, checks its parameters as the
command line checks its options, and serves nothing that loads from elsewhere.

Through a real uvicorn server on 127.0.0.1 (``live_server``, or one started here for an app
with a store that cannot be opened or a route that fails).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.views.server import LOOPBACK_HOSTS, create_app
from tests.views.conftest import cli


def get(base: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=60)


def assert_error_shape(response: httpx.Response, status: int, code: str | None = None) -> str:
    """The response is the documented error object for ``status`` (and ``code``); returns
    its message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json"), response.text
    payload = response.json()
    assert set(payload) == {"ok", "error"} and payload["ok"] is False
    error = payload["error"]
    assert set(error) == {"code", "message", "status"} and error["status"] == status
    assert re.fullmatch(r"E\d{3}|HTTP\d{3}", error["code"]) and error["message"]
    if code is not None:
        assert error["code"] == code, error
    assert "Traceback" not in response.text
    message: str = error["message"]
    return message


BAD_PARAMETERS: list[tuple[str, dict[str, Any], str]] = [
    ("/api/events", {"limit": "0"}, "E901"),
    ("/api/events", {"limit": "-1"}, "E901"),
    ("/api/events", {"limit": "99999999999999999999"}, "E901"),
    ("/api/events", {"limit": "lots"}, "E900"),
    ("/api/events", {"type": "SKIRMISH"}, "E902"),
    ("/api/events", {"modality": "probable"}, "E902"),
    ("/api/events", {"since": "2024-01-01", "until": "2020-01-01"}, "E502"),
    ("/api/events", {"until": "someday"}, "E900"),
    ("/api/dyad", {"a": "iran", "b": "taliban", "by": "week"}, "E902"),
    ("/api/dyad", {"a": " ", "b": "taliban"}, "E900"),
    ("/api/dyad", {"a": "iran", "b": "taliban", "since": "2024", "until": "2020"}, "E502"),
    ("/api/relations", {"half_life": "nan"}, "E901"),
    ("/api/relations", {"half_life": "0"}, "E901"),
    ("/api/relations", {"half_life": "-3"}, "E901"),
    ("/api/relations", {"limit": "0"}, "E901"),
    ("/api/relations", {"at": "2024-01-01", "since": "2023-01-01"}, "E502"),
    ("/api/balance", {"top": "2"}, "E901"),
    ("/api/balance", {"top": "-5"}, "E901"),
    ("/api/view", {"since": "2024-01-01", "until": "2020-01-01"}, "E502"),
    (
        "/api/check",
        {"claim": "Iran supports the Taliban", "since": "2024", "until": "2020"},
        "E502",
    ),
]


@pytest.mark.parametrize(("path", "params", "code"), BAD_PARAMETERS)
def test_bad_parameters_are_coded_errors(
    live_server: str, path: str, params: dict[str, str], code: str
) -> None:
    assert_error_shape(get(live_server, path, **params), 400, code)


@pytest.mark.parametrize(
    ("api", "option"),
    [
        ({"limit": "0"}, ("--limit", "0")),
        ({"type": "SKIRMISH"}, ("--type", "SKIRMISH")),
        ({"modality": "probable"}, ("--modality", "probable")),
        (
            {"since": "2024-01-01", "until": "2020-01-01"},
            ("--since", "2024-01-01", "--until", "2020-01-01"),
        ),
    ],
)
def test_the_api_and_the_command_line_say_the_same(
    live_server: str, views_store: Path, api: dict[str, str], option: tuple[str, ...]
) -> None:
    response = get(live_server, "/api/events", **api)
    message = assert_error_shape(response, 400)
    code = response.json()["error"]["code"]
    line = cli("--db", views_store, "events", *option).stderr.strip()
    # the same check: the same code and words, options named "--limit" there, "limit" here
    assert line.startswith(f"error: [{code}] --")
    assert line.replace("--", "") == f"error: [{code}] {message}"


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/nothing", 404, "HTTP404"),
        ("GET", "/api/nothing", 404, "HTTP404"),
        ("GET", "/static/nothing.js", 404, "HTTP404"),
        ("GET", "/api/docs/nothing.js", 404, "HTTP404"),
        ("GET", "/api/documents/ffffffffffff", 404, "E203"),
        ("GET", "/api/events?actor=Atlantis", 404, "E310"),
        ("POST", "/api/events", 405, "HTTP405"),
        ("DELETE", "/api/documents", 405, "HTTP405"),
        ("PUT", "/", 405, "HTTP405"),
    ],
)
def test_routes_and_methods(
    live_server: str, method: str, path: str, status: int, code: str
) -> None:
    response = httpx.request(method, live_server + path, timeout=30)
    assert_error_shape(response, status, code)
    if status == 405:
        assert response.headers["allow"] == "GET"


def test_a_foreign_host_header_is_refused_in_the_shape(live_server: str) -> None:
    response = httpx.get(live_server + "/api/events", headers={"Host": "evil.example"}, timeout=30)
    message = assert_error_shape(response, 400, "HTTP400")
    assert "evil.example" in message


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """``app`` in a real uvicorn server on a free 127.0.0.1 port, in a thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(500):  # bounded wait for start-up
        if server.started:
            break
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_a_store_that_cannot_be_opened(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(bytes(range(256)) * 64)
    for path, code in ((tmp_path / "missing.duckdb", "E200"), (garbage, "E204")):
        with serving(create_app(path, allowed_hosts=LOOPBACK_HOSTS)) as base:
            for endpoint in ("/api/documents", "/api/events", "/api/balance"):
                assert_error_shape(get(base, endpoint), 503, code)
    assert not (tmp_path / "missing.duckdb").exists(), "a read must not create the store"


def test_an_unforeseen_failure_is_a_500_in_the_shape(
    views_store: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    app = create_app(views_store, allowed_hosts=LOOPBACK_HOSTS)

    @app.get("/api/explode")
    def explode() -> None:
        raise RuntimeError("a bug nobody foresaw")

    with serving(app) as base:
        message = assert_error_shape(get(base, "/api/explode"), 500, "E699")
        assert "RuntimeError" in message and "a bug nobody foresaw" not in message
        assert get(base, "/api/documents").json()["ok"] is True, "still serving"
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "error: [E699] GET /api/explode: RuntimeError: a bug nobody foresaw" in err


# ---------------------------------------------------------------- offline: nothing from elsewhere


class _References(HTMLParser):
    """Every URL a page's markup makes the browser load or link to."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


#: URLs a script may name without loading them: XML namespaces.
NAMESPACES = re.compile(r"http://www\.w3\.org/[\w/.]+")
COMMENTS = re.compile(r"/\*.*?\*/", re.S)


def test_no_page_loads_anything_from_elsewhere(live_server: str) -> None:
    for page in ("/", "/api/docs"):
        response = get(live_server, page)
        assert response.status_code == 200 and "text/html" in response.headers["content-type"]
        policy = response.headers["content-security-policy"]
        assert "http" not in policy and "*" not in policy and "default-src 'none'" in policy
        parser = _References()
        parser.feed(response.text)
        assert parser.urls, page
        for url in parser.urls:
            assert urlsplit(url).netloc == "" and not url.startswith("//"), (page, url)
            asset = httpx.get(urljoin(live_server + page, url), timeout=30)
            assert asset.status_code == 200, (page, url)
            text = NAMESPACES.sub("", COMMENTS.sub("", asset.text))
            assert not re.search(r"https?://|//cdn|@import", text), (page, url)


def test_the_docs_page_is_drawn_from_the_openapi_json(live_server: str) -> None:
    page = get(live_server, "/api/docs").text
    assert "/openapi.json" in page and "swagger" not in page.lower()
    script = get(live_server, "/api/docs/api-docs.js")
    assert (
        "javascript" in script.headers["content-type"] and 'fetch("/openapi.json")' in script.text
    )
    spec = get(live_server, "/openapi.json").json()
    assert "/api/events" in spec["paths"]
    described = {p["name"]: p for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert "1 to 10,000,000" in described["limit"]["description"]


# ---------------------------------------------------------------- fuzzing the parameters

#: Values a user, a script or an attacker might send: numbers of every size and sign, dates
#: and non-dates, names and noise, control characters and markup.
VALUES = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "inf",
            "-inf",
            "nan",
            "1e309",
            "2024-02-30",
            "2024-01-01",
            "1066",
            "iran",
            "Tehran",
            "ASSAULT",
            "asserted",
            "decade",
            "\x00",
            "<script>",
            "%",
        ]
    ),
    st.text(max_size=40),
)
PARAMETERS = {
    "/api/events": ["actor", "with", "type", "modality", "since", "until", "limit", "merged"],
    "/api/dyad": ["a", "b", "by", "since", "until"],
    "/api/relations": ["at", "since", "until", "actor", "half_life", "limit"],
    "/api/balance": ["at", "since", "until", "top"],
    "/api/view": ["actor", "since", "until"],
}


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    path = draw(st.sampled_from(sorted(PARAMETERS)))
    names = st.sampled_from(PARAMETERS[path])
    query = draw(st.lists(st.tuples(names, VALUES), max_size=5))
    return path, query


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request=requests())
def test_no_parameters_make_a_500_or_a_traceback(
    live_server: str, request: tuple[str, list[tuple[str, str]]]
) -> None:
    path, query = request
    response = httpx.get(live_server + path, params=query, timeout=60)
    assert response.status_code < 500 or response.status_code == 503, response.text
    payload = response.json()
    if response.status_code >= 400:
        assert_error_shape(response, response.status_code)
    else:
        assert payload["ok"] is True
    assert "Traceback" not in response.text


@settings(max_examples=40, deadline=None)
@given(path=st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=30))
def test_no_path_makes_a_500(live_server: str, path: str) -> None:
    response = httpx.get(
        live_server + "/" + path.lstrip("/").replace("#", "").replace("?", ""), timeout=30
    )
    if response.status_code >= 400:
        assert response.status_code < 500, response.text
        assert_error_shape(response, response.status_code)

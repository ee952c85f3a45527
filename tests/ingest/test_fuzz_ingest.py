"""Ingest fuzzed with Hypothesis: any bytes, text or HTML under any reader's name.

Each example is a folder of files written for it, ingested into a real DuckDB store through
the pipeline's own ``ingest``: it never raises, each file comes out as exactly one stored
document or one problem (a JSONL file as records or problems), each problem is one line
naming its file with one code, and the store holds no partial document.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.config import load_settings
from detente.pipeline import ingest
from detente.store import Store
from detente.terminal import visible

SETTINGS = load_settings()
CODE = re.compile(r"\[E\d{3}\]")
ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

words = st.text(st.characters(codec="utf-8"), max_size=80)
prose = st.lists(
    st.sampled_from(
        [
            "Kenya and Tanzania signed an agreement on port fees in Mombasa on 12 March 2024.",
            "Officials said talks would resume in Geneva next week.",
            "\x1b[2J",
            "",
            "\n\n",
        ]
    )
    | words,
    max_size=8,
).map(" ".join)
tags = st.sampled_from(["div", "p", "span", "article", "section", "b", "script", "h1", "table"])


@st.composite
def html(draw: st.DrawFn) -> str:
    nesting = draw(st.lists(tags, max_size=400))
    opened = "".join(f"<{tag}>" for tag in nesting)
    closed = "".join(f"</{tag}>" for tag in reversed(nesting)) if draw(st.booleans()) else ""
    title = draw(words)
    return f"<html><head><title>{title}</title></head><body>{opened}{draw(prose)}{closed}"


def jsonl() -> st.SearchStrategy[str]:
    record = st.fixed_dictionaries(
        {"text": st.one_of(prose, st.integers(), st.none())},
        optional={"title": words, "published": words, "source": st.one_of(words, st.integers())},
    )
    line = st.one_of(record.map(json.dumps), words)
    return st.lists(line, max_size=6).map("\n".join)


contents = st.one_of(
    st.binary(max_size=2000),
    prose.map(str.encode),
    html().map(str.encode),
    jsonl().map(str.encode),
)
files = st.lists(
    st.tuples(st.sampled_from([".txt", ".md", ".html", ".jsonl"]), contents),
    min_size=1,
    max_size=3,
)


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "s.duckdb") as opened:
        yield opened


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(files=files)
def test_any_file_is_one_document_or_one_line_and_nothing_is_partial(
    store: Store, files: list[tuple[str, bytes]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for n, (suffix, data) in enumerate(files):
            path = Path(folder) / f"f{n}{suffix}"
            path.write_bytes(data)
            names.append(path)
        before = store.count("documents")
        report = ingest(store, [folder], settings=SETTINGS)
    for problem in report.skipped + report.warnings:
        line = visible(str(problem), one_line=True)
        assert line == str(problem), "a problem is one line, with no control character"
        assert len(CODE.findall(line)) == 1, line
        assert any(str(name) in line for name in names), line
    single = [name for name in names if name.suffix != ".jsonl"]
    for name in single:  # one document or one problem per file
        problems = [p for p in report.skipped if str(p).split(": ", 1)[0].endswith(str(name))]
        assert len(problems) <= 1
    stored = report.new + report.already_stored
    assert stored + len(report.skipped) >= len(single)
    assert store.count("documents") == before + report.new
    assert store.integrity_problems() == []
    for document in store.documents():
        assert not ACTIVE.search((document.title or "") + document.origin)

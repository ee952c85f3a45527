"""The URL reader's limits, against a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from detente.config import load_settings
from detente.errors import NotAFeed, TooLarge
from detente.pipeline import ingest
from detente.store import Store
from tests.support import LocalServer


def test_a_body_over_the_size_cap_is_refused(http_server: LocalServer, db: Path) -> None:
    http_server.routes["/huge.html"] = (200, "text/html", b"<p>" + b"word " * 50_000 + b"</p>")
    settings = load_settings({"fetch.max_bytes": 10_000})
    with Store.open(db) as store:
        report = ingest(store, [f"{http_server.base}/huge.html"], settings=settings)
        assert store.count("documents") == 0
    (skipped,) = report.skipped
    assert isinstance(skipped, TooLarge)
    assert "10000-byte cap" in str(skipped)


def test_a_local_file_over_the_limit_is_refused(tmp_path: Path, db: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Envoys met again. " * 2000)
    settings = load_settings({"ingest.max_document_bytes": 1000})
    with Store.open(db) as store:
        report = ingest(store, [str(big)], settings=settings)
    assert isinstance(report.skipped[0], TooLarge)


def test_xml_served_as_a_feed_that_is_not_one(http_server: LocalServer, db: Path) -> None:
    http_server.routes["/feed"] = (200, "application/rss+xml", b"<html><p>hello</p></html>")
    with Store.open(db) as store:
        report = ingest(store, [f"{http_server.base}/feed"])
    assert isinstance(report.skipped[0], NotAFeed)


def test_atom_feed_with_inline_content_and_plain_text_pages(
    http_server: LocalServer, db: Path
) -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id>
<updated>2025-01-02T00:00:00Z</updated>
<entry><title>Inline only</title><id>urn:1</id><updated>2025-01-02T00:00:00Z</updated>
<content type="html">&lt;p&gt;Georgia and Armenia agreed to open a second crossing
on their shared border.&lt;/p&gt;</content>
</entry></feed>"""
    http_server.routes["/atom"] = (200, "application/atom+xml", atom.encode())
    http_server.routes["/note.txt"] = (
        200,
        "text/plain; charset=utf-8",
        b"Plain note\n\nKyrgyz and Tajik officials signed a border treaty in March 2025.",
    )
    with Store.open(db) as store:
        report = ingest(store, [f"{http_server.base}/atom", f"{http_server.base}/note.txt"])
        titles = {d.title for d in store.documents()}
    assert report.new == 2, report.skipped
    assert titles == {"Inline only", "Plain note"}

"""`detente ingest`, `docs` and `show` through the real command in a subprocess."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from tests.support import FIXTURES, LocalServer, run_cli

ARTICLE_A = """Water talks resume on the Helmand

By Daria Nouri

Delegations met in Zaranj on 2 May 2023 to discuss water deliveries under the 1973 treaty.

Both sides said technical teams would measure the flow at the border within a month.

The last sentence of this article names the dam at Kamal Khan.
"""

ARTICLE_B = """Rail link agreement signed

Uzbekistan, Afghanistan and Pakistan signed a framework agreement for a railway in July 2025.

The line would run from Termez through Mazar-i-Sharif to Peshawar.
"""


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "a.txt", folder / "b.md"]
    paths[0].write_text(ARTICLE_A, encoding="utf-8")
    paths[1].write_text(ARTICLE_B, encoding="utf-8")
    return paths


def docs_json(db: Path) -> list[dict[str, object]]:
    result = run_cli("--db", db, "docs", "--json")
    assert result.returncode == 0, result.stderr
    documents: list[dict[str, object]] = json.loads(result.stdout)["documents"]
    return documents


def snapshot(db: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT d.id, d.text, d.published, s.idx, s.text FROM documents d "
        "JOIN sentences s ON s.doc_id = d.id ORDER BY d.id, s.idx"
    ).fetchall()
    con.close()
    return rows


def test_ingest_twice_stores_once_and_says_so(tmp_path: Path, db: Path) -> None:
    paths = write_articles(tmp_path / "in")
    first = run_cli("--db", db, "ingest", *paths)
    assert first.returncode == 0, first.stderr
    assert "2 new, 0 already stored" in first.stdout
    again = run_cli("--db", db, "ingest", tmp_path / "in")
    assert again.returncode == 0
    assert "0 new, 2 already stored" in again.stdout
    documents = docs_json(db)
    assert {d["title"] for d in documents} == {
        "Water talks resume on the Helmand",
        "Rail link agreement signed",
    }


def test_db_from_environment(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in")
    env_db = tmp_path / "from_env.duckdb"
    import os

    env = {**os.environ, "DETENTE_DB": str(env_db)}
    assert run_cli("ingest", "--quiet", *paths, env=env).returncode == 0
    assert env_db.exists()


def test_estimated_date_is_flagged(tmp_path: Path, db: Path) -> None:
    paths = write_articles(tmp_path / "in")
    run_cli("--db", db, "ingest", *paths)
    by_title = {d["title"]: d for d in docs_json(db)}
    water = by_title["Water talks resume on the Helmand"]
    assert water["published"] == "2023-05-02"
    assert water["published_is_estimate"] is True


def test_published_and_source_options_set_metadata(tmp_path: Path, db: Path) -> None:
    paths = write_articles(tmp_path / "in")
    result = run_cli("--db", db, "ingest", "--published", "2025-07-20", "--source", "Desk", *paths)
    assert result.returncode == 0, result.stderr
    for document in docs_json(db):
        assert document["published"] == "2025-07-20"
        assert document["published_is_estimate"] is False
        assert document["source"] == "Desk"


def test_show_prints_numbered_sentences(tmp_path: Path, db: Path) -> None:
    paths = write_articles(tmp_path / "in")
    run_cli("--db", db, "ingest", *paths)
    water = next(d for d in docs_json(db) if "Water" in str(d["title"]))
    shown = run_cli("--db", db, "show", str(water["id"])[:8], "--json")
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert document["author"] == "Daria Nouri"
    assert document["text"].endswith("names the dam at Kamal Khan.")
    assert [s["index"] for s in document["sentences"]] == [0, 1, 2]
    for sentence in document["sentences"]:
        assert document["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    text = run_cli("--db", db, "show", str(water["id"]))
    assert "[2] The last sentence of this article" in text.stdout


def test_html_page_is_reduced_to_its_article(tmp_path: Path, db: Path) -> None:
    result = run_cli("--db", db, "ingest", FIXTURES / "page_with_furniture.html")
    assert result.returncode == 0, result.stderr
    (document,) = docs_json(db)
    assert document["title"] == "Border crossing reopens after two days of talks"
    assert document["published"] == "2024-03-18"
    assert document["published_is_estimate"] is False
    shown = json.loads(run_cli("--db", db, "show", str(document["id"]), "--json").stdout)
    assert shown["author"] == "Leila Farahani"
    text = shown["text"]
    assert text.startswith("Officials from two neighbouring governments")
    assert text.endswith("without closing the crossing.")
    for furniture in ("Most read", "Celebrity chef", "SunnyReader42", "Copyright", "Weather"):
        assert furniture not in text


def test_jsonl_collection(tmp_path: Path, db: Path) -> None:
    collection = tmp_path / "wire.jsonl"
    records = [
        {
            "text": "Azerbaijan and Israel signed an energy memorandum.",
            "title": "Energy deal",
            "url": "https://example.org/1",
            "published": "2024-11-02",
            "source": "Wire",
        },
        {"text": "Iran and Tajikistan agreed on a visa waiver in 2025."},
    ]
    lines = [json.dumps(r) for r in records]
    collection.write_text("\n".join([lines[0], "", "{not json", '{"title": "no text"}', lines[1]]))
    result = run_cli("--db", db, "ingest", collection)
    assert result.returncode == 1
    assert "2 new" in result.stdout
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 2
    assert f"{collection}:3" in skipped[0] and f"{collection}:4" in skipped[1]
    by_title = {d["title"]: d for d in docs_json(db)}
    assert by_title["Energy deal"]["source"] == "Wire"
    assert by_title["Energy deal"]["published"] == "2024-11-02"
    assert by_title[None]["published_is_estimate"] is True


def test_url_and_feed_over_a_real_local_server(http_server: LocalServer, db: Path) -> None:
    page = (FIXTURES / "page_with_furniture.html").read_bytes()
    second = ARTICLE_B.replace("\n\n", "</p><p>").join(
        ["<html><body><article><p>", "</p></article></body></html>"]
    )
    http_server.routes["/news/border.html"] = (200, "text/html; charset=utf-8", page)
    http_server.routes["/news/rail.html"] = (200, "text/html", second.encode())
    feed = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Fixture feed</title><link>{http_server.base}</link>
<item><title>Border</title><link>{http_server.base}/news/border.html</link></item>
<item><title>Rail link</title><link>{http_server.base}/news/rail.html</link>
<pubDate>Tue, 22 Jul 2025 09:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{http_server.base}/news/missing.html</link></item>
</channel></rss>"""
    http_server.routes["/feed.xml"] = (200, "application/rss+xml", feed.encode())
    result = run_cli("--db", db, "ingest", f"{http_server.base}/feed.xml")
    assert "2 new" in result.stdout
    assert result.returncode == 1  # the missing entry page was skipped
    (skip,) = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert "missing.html" in skip and "404" in skip
    by_title = {d["title"]: d for d in docs_json(db)}
    assert by_title["Rail link"]["published"] == "2025-07-22"  # the entry's date as fallback
    assert by_title["Border crossing reopens after two days of talks"]["published"] == "2024-03-18"
    again = run_cli("--db", db, "ingest", f"{http_server.base}/news/border.html")
    assert "0 new, 1 already stored" in again.stdout


def test_bad_inputs_are_skipped_one_line_each(
    tmp_path: Path, db: Path, http_server: LocalServer
) -> None:
    good = write_articles(tmp_path / "good")
    assert run_cli("--db", db, "ingest", good[0]).returncode == 0
    before = snapshot(db)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "sheet.xlsx").write_bytes(b"PK\x03\x04....")
    shutil.copy(FIXTURES / "navigation_only.html", bad / "nav.html")
    http_server.routes["/notfeed.xml"] = (
        200,
        "application/xml",
        b"<?xml version='1.0'?><catalog/>",
    )
    http_server.routes["/photo.png"] = (200, "image/png", b"\x89PNG\r\n\x1a\n")
    cases = {
        "scan.txt": "not text but PDF",
        "empty.txt": "empty file",
        "sheet.xlsx": "unsupported file type",
        "nav.html": "no article text",
        "notfeed.xml": "not an RSS or Atom feed",
        "photo.png": "content type image/png",
        "127.0.0.1:9": "could not fetch",
        "nowhere.txt": "no such file",
    }
    result = run_cli(
        "--db",
        db,
        "ingest",
        bad,
        f"{http_server.base}/notfeed.xml",
        f"{http_server.base}/photo.png",
        "http://127.0.0.1:9/closed-port",
        tmp_path / "nowhere.txt",
        good[1],
    )
    assert result.returncode == 1
    assert "1 new" in result.stdout  # the good file in the same command is still ingested
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == len(cases), result.stderr
    for name, reason in cases.items():
        assert any(name in line and reason in line for line in skipped), (name, skipped)
    after = snapshot(db)
    assert [row for row in after if row in before] == before  # nothing stored before changed
    assert len({row[0] for row in after}) == 2


def test_help_documents_exit_status() -> None:
    result = run_cli("ingest", "--help")
    assert result.returncode == 0
    assert "Exit status 1" in " ".join(result.stdout.split())
    assert run_cli("--version").stdout.startswith("detente ")


def test_listing_a_missing_store_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("--db", tmp_path / "nothing.duckdb", "docs", "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "no store at" in result.stderr

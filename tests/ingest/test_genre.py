"""Documents that declare themselves opinion, analysis or blog posts are marked so at ingest,
through the real readers (trafilatura for HTML), and the mark is stored. The texts are
written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from detente.config import load_settings
from detente.ingest import IngestOptions, Source, read_source
from detente.ingest.genre import declared_genre, genre_rules
from detente.model import Document
from detente.pipeline import ingest
from detente.store import Store
from detente.store.schema import MIGRATIONS

BODY = (
    "Oman and Yemen have drawn closer over the past two years, and the reasons are plain.\n\n"
    "Muscat has mediated between the parties in Sanaa and Riyadh since the war began, and it "
    "has kept its border crossings open to traders throughout the fighting.\n\n"
    "Trade through the crossing at Shahan grew steadily last year, officials in Salalah say, "
    "and more lorries now carry food north than at any time since the war began.\n\n"
    "Whether the thaw lasts depends on the talks that resume in the spring in Muscat."
)


def read(tmp_path: Path, name: str, content: str) -> Document:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    kind = {"txt": "text", "html": "html", "jsonl": "jsonl", "md": "markdown"}[name.split(".")[-1]]
    [document] = read_source(Source(str(path), kind), IngestOptions(load_settings()))
    assert isinstance(document, Document), document
    return document


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        (f"Why Muscat Bets On Sanaa\n\nOPED By Jane Roe\n\n{BODY}", "opinion"),
        (f"Opinion | Why Muscat bets on Sanaa\n\n{BODY}", "opinion"),
        (f"Analysis: Muscat's quiet bet\n\n{BODY}", "analysis"),
        (
            f"Why Muscat Bets On Sanaa\n\n{BODY}\n\n"
            "  • Jane Roe is a researcher at a Gulf institute who writes on the region.\n"
            "  • THIS IS AN OPINION ARTICLE. VIEWS PERSONAL OF THE AUTHOR",
            "opinion",
        ),
        (
            f"Why Muscat Bets On Sanaa\n\n{BODY}\n\nComments\n\nPopular Posts\n\n"
            "Ten recipes for a summer evening\n\nWhy the markets fell on Monday",
            "blog",
        ),
        (f"Oman and Yemen reopen a border crossing\n\n{BODY}", None),
        (
            "Public opinion in Oman favours the talks\n\n"
            "Public opinion in Oman favours the talks with Yemen, a survey published on "
            "Monday by a research institute in Muscat found.\n\n" + BODY,
            None,
        ),
    ],
    ids=[
        "oped-byline",
        "opinion-kicker",
        "analysis-kicker",
        "disclaimer",
        "blog",
        "report",
        "the-word-opinion-in-news",
    ],
)
def test_a_text_says_what_it_is(tmp_path: Path, text: str, genre: str | None) -> None:
    document = read(tmp_path, "article.txt", text)
    assert document.genre == genre
    assert "OPINION ARTICLE" not in document.text and "Popular Posts" not in document.text


PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="og:type" content="article">{meta}
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Why Muscat bets on Sanaa</h1>{paragraphs}</article>
<footer>Copyright the Gulf Courier</footer></body></html>"""


def page(title: str = "Why Muscat bets on Sanaa", meta: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    return PAGE.format(title=title, meta=meta, paragraphs=paragraphs)


@pytest.mark.parametrize(
    ("html", "genre"),
    [
        (page(meta='<meta property="article:section" content="Opinion">'), "opinion"),
        (
            page(
                meta='<script type="application/ld+json">{"@context": "https://schema.org", '
                '"@type": "OpinionNewsArticle", "headline": "Why Muscat bets"}</script>'
            ),
            "opinion",
        ),
        (page(title="Opinion | Why Muscat bets on Sanaa"), "opinion"),
        (
            page(meta='<link rel="canonical" href="https://courier.example/analysis/muscat">'),
            "analysis",
        ),
        (page(meta='<meta property="article:section" content="World">'), None),
    ],
    ids=["section", "schema-type", "title-kicker", "url-path", "news-page"],
)
def test_a_page_says_what_it_is(tmp_path: Path, html: str, genre: str | None) -> None:
    assert read(tmp_path, "page.html", html).genre == genre


def test_a_jsonl_record_says_what_it_is(tmp_path: Path) -> None:
    records = [
        {"text": BODY, "title": "Analysis: Muscat's quiet bet"},
        {"text": BODY, "url": "https://courier.example/opinion/2025/muscat"},
        {"text": BODY + " A report.", "url": "https://courier.example/world/muscat"},
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    documents = list(read_source(Source(str(path), "jsonl"), IngestOptions(load_settings())))
    assert [d.genre for d in documents if isinstance(d, Document)] == [
        "analysis",
        "opinion",
        None,
    ]


def test_the_cues_are_data() -> None:
    rules = genre_rules()
    assert rules.names == ("opinion", "analysis", "blog")
    assert declared_genre(paragraphs=["Commentary: the talks"]) == "opinion"
    assert declared_genre(metadata=["/news/public-opinion-poll/"]) is None


def test_the_genre_is_stored_and_read_back(tmp_path: Path) -> None:
    (tmp_path / "oped.txt").write_text(f"Why Muscat Bets\n\nOPED By Jane Roe\n\n{BODY}")
    (tmp_path / "report.txt").write_text(f"Oman and Yemen reopen a crossing\n\n{BODY} More.")
    with Store.open(tmp_path / "store.duckdb") as store:
        ingest(store, [str(tmp_path / "oped.txt"), str(tmp_path / "report.txt")])
        ids = [d.id for d in store.documents()]
        genres = store.document_genres(ids)
        assert sorted(genres.values(), key=str) == [None, "opinion"]
        assert {d.genre for d in store.load_documents(ids)} == {"opinion", None}


def test_a_store_made_before_genres_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version "
        "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
    )
    before = [m for m in MIGRATIONS if "genre" not in m[1]]
    for version, description, statements in before:
        for statement in statements:
            con.execute(statement)
        con.execute(
            "INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [version, description]
        )
    con.execute(
        "INSERT INTO documents (id, origin, published_origin, text, n_sentences) "
        "VALUES ('old', 'test', 'unknown', 'An old text.', 0)"
    )
    con.close()
    with Store.open(path) as store:
        assert store.document_genres(["old"]) == {"old": None}
        [old] = store.load_documents(["old"])
        assert old.genre is None

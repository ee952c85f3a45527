"""Plain text and Markdown articles: a title line, maybe a byline, then the body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.ingest.boilerplate import strip_trailing_boilerplate
from detente.ingest.genre import declared_genre
from detente.ingest.normalise import clean_text

_BYLINE = re.compile(
    r"^(?:[A-Z][A-Za-z-]{1,12}\s+)?by\s+(?P<author>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})\s*$",
    re.IGNORECASE,
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 30


_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Za-z .]{2,30})?,\s+(?P<date>[^—–-]{6,30}?)\s*[—–-]{1,2}\s"
)


@dataclass(frozen=True, slots=True)
class PlainArticle:
    title: str | None
    author: str | None
    body: str
    dateline: str | None = None  # the date part of "KABUL, 28 August 2021 —", as written
    genre: str | None = None  # opinion, analysis, blog: as the text declares itself


def split_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; in text without any, every line is one."""
    blocks = re.split(r"\n\s*\n", text) if "\n\n" in text else text.split("\n")
    return [block.strip() for block in blocks if block.strip()]


def looks_like_title(line: str) -> bool:
    """Short, and not ending like a sentence of prose (a question or exclamation may)."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= _TITLE_MAX_CHARS
        and len(stripped.split()) <= _TITLE_MAX_WORDS
        and not stripped.endswith((".", ",", ";", ":"))
    )


def read_plain_article(text: str, *, markdown: bool = False) -> PlainArticle:
    """Title from the first paragraph when it is a lone title-like line; byline; clean body."""
    paragraphs = split_paragraphs(clean_text(text))
    if markdown:
        paragraphs = [_MARKDOWN_HEADING.sub("", p) for p in paragraphs]
    as_read = list(paragraphs)
    title = None
    if len(paragraphs) > 1 and "\n" not in paragraphs[0] and looks_like_title(paragraphs[0]):
        title = paragraphs.pop(0).strip("#*_ ")
    author = None
    for index, paragraph in enumerate(paragraphs[:2]):
        match = _BYLINE.match(paragraph)
        if match:
            author = match["author"]
            del paragraphs[index]
            break
    dateline = _DATELINE.match(paragraphs[0]) if paragraphs else None
    kept = strip_trailing_boilerplate(paragraphs)
    genre = declared_genre(paragraphs=as_read, kept=kept, furniture=paragraphs[len(kept) :])
    return PlainArticle(
        title=title,
        author=author,
        body="\n\n".join(kept),
        dateline=dateline["date"] if dateline else None,
        genre=genre,
    )

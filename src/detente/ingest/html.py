"""HTML pages: the article's main text and metadata through trafilatura.

trafilatura drops navigation, sidebars, comments and footers and reads title, author and
date from the page's markup (meta tags, JSON-LD, ``<time>``), which is what a scraped
news page needs and what a home-made parser would get wrong.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import trafilatura

from detente.errors import NoMainText
from detente.ingest.boilerplate import strip_trailing_boilerplate
from detente.ingest.plaintext import split_paragraphs

# trafilatura logs what it could not parse; detente reports each skipped source in one line
# of its own, so the library's log lines would only repeat it as noise on stderr.
for _logger in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_logger).setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    title: str | None
    author: str | None
    published: str | None
    url: str | None
    sitename: str | None
    body: str


def read_html_article(html: bytes | str, *, name: str, url: str | None = None) -> HtmlArticle:
    """Extract one article; raise NoMainText when the page holds none."""
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # Only dates the markup states count as metadata; a date guessed from the text is
        # an estimate, which detente makes itself and flags as such.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    extracted: dict[str, Any] = {}
    if isinstance(result, dict):
        extracted = result
    elif result is not None:
        extracted = result.as_dict()
    text = extracted.get("text") or ""
    paragraphs = strip_trailing_boilerplate(split_paragraphs(text))
    title = extracted.get("title") or None
    if len(paragraphs) > 1 and title and _same_words(paragraphs[0], title):
        paragraphs.pop(0)  # the headline repeated as the first line of the main text
    if not any(_is_prose(p) for p in paragraphs):
        raise NoMainText(f"{name}: no article text found in the HTML")
    return HtmlArticle(
        title=title,
        author=extracted.get("author") or None,
        published=extracted.get("date") or None,
        url=extracted.get("url") or url,
        sitename=extracted.get("sitename") or None,
        body="\n\n".join(paragraphs),
    )


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def _is_prose(paragraph: str) -> bool:
    """A sentence of some length, as opposed to a row of menu labels."""
    return len(paragraph.split()) >= 6 and paragraph.rstrip("”\"')» ").endswith((".", "!", "?"))

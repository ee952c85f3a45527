"""HTML pages: the article's main text and metadata through trafilatura.

trafilatura drops navigation, sidebars, comments and footers and reads title, author and
date from the page's markup (meta tags, JSON-LD, ``<time>``), which is what a scraped
news page needs and what a home-made parser would get wrong.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import urlsplit

import trafilatura

from detente.errors import NoMainText
from detente.ingest.boilerplate import strip_trailing_boilerplate
from detente.ingest.genre import declared_genre
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
    genre: str | None = None  # opinion, analysis, blog: as the page declares itself


def read_html_article(html: bytes | str, *, name: str, url: str | None = None) -> HtmlArticle:
    """Extract one article; raise NoMainText when the page holds none.

    A page nested deeper than the HTML parser goes (libxml2 stops a few hundred elements
    down, and the text below is lost) is read again with its layout containers removed:
    its text is there, and a reader sees it.
    """
    try:
        return _read_article(html, name=name, url=url)
    except NoMainText:
        if _depth(_text_of(html)) <= MAX_DEPTH:
            raise
    return _read_article(_flattened(_text_of(html)), name=name, url=url)


#: How deep the parser reads reliably; a page nested deeper is flattened and read again.
MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input"),
        *("link", "meta", "param", "source", "track", "wbr"),
    }
)
#: Elements that lay a page out and hold no meaning of their own for its text.
_LAYOUT = re.compile(
    r"</?(?:div|span|section|font|center|main|aside|figure|table|tbody|thead|tr|td|th|"
    r"b|i|u|em|strong|small|big|nobr)\b[^>]*>",
    re.IGNORECASE,
)


def _depth(html: str) -> int:
    """How deep the page's elements nest (unclosed ones counted as open)."""
    depth = deepest = 0
    for closing, tag, self_closing in _TAG.findall(html):
        if tag.lower() in _VOID or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _flattened(html: str) -> str:
    """The page without its layout elements: paragraphs and headings stay, whatever
    nesting held them is gone (a paragraph boundary is kept where a block ended)."""
    return _LAYOUT.sub(" ", html)


def _read_article(html: bytes | str, *, name: str, url: str | None) -> HtmlArticle:
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
    as_read = split_paragraphs(text)
    paragraphs = strip_trailing_boilerplate(as_read)
    title = extracted.get("title") or None
    genre = declared_genre(
        title=_raw_title(html),
        paragraphs=as_read,
        kept=paragraphs,
        furniture=as_read[len(paragraphs) :],
        metadata=_metadata_values(html, extracted, url),
    )
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
        genre=genre,
    )


_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SCHEMA_TYPE = re.compile(r'"@type"\s*:\s*"([A-Za-z]+)"')


def _text_of(html: bytes | str) -> str:
    return html if isinstance(html, str) else html.decode("utf-8", errors="replace")


def _raw_title(html: bytes | str) -> str | None:
    """The page's own <title>, kicker included ("Opinion | ..."), which trafilatura drops."""
    found = _HTML_TITLE.search(_text_of(html)[:200_000])
    return unescape(" ".join(found.group(1).split())) if found else None


def _metadata_values(html: bytes | str, extracted: dict[str, Any], url: str | None) -> list[str]:
    """What the page says of itself, one value at a time: its URL's path, each section or
    category, each keyword, its page type and its schema.org types."""
    values: list[str] = []
    for address in (extracted.get("url"), url):
        if address:
            values.append(urlsplit(address).path.lower().rstrip("/") + "/")
    for key in ("categories", "tags"):
        for item in extracted.get(key) or ():
            values.extend(part.strip() for part in str(item).split(","))
    values.append(str(extracted.get("pagetype") or ""))
    values.extend(_SCHEMA_TYPE.findall(_text_of(html)[:500_000]))
    return [v for v in values if v]


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def _is_prose(paragraph: str) -> bool:
    """A sentence of some length, as opposed to a row of menu labels."""
    return len(paragraph.split()) >= 6 and paragraph.rstrip("”\"')» ").endswith((".", "!", "?"))

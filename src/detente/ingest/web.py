"""Fetching pages and feeds over HTTP(S), with a timeout, a size cap and a type check.

A feed (RSS or Atom) is a list of pages: each entry's page is fetched and read as HTML,
with the entry's own date and title as fallbacks when the page lacks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import feedparser
import httpx

from detente.config import FetchSettings
from detente.errors import FetchFailed, NotAFeed, TooLarge, UnsupportedFormat

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
XML_TYPES = ("application/xml", "text/xml")
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content_type: str
    body: bytes

    @property
    def kind(self) -> str:
        """``html``, ``text``, ``feed`` or ``xml`` (XML that may or may not be a feed)."""
        if self.content_type in FEED_TYPES:
            return "feed"
        if self.content_type in XML_TYPES:
            return "feed" if looks_like_feed(self.body) else "xml"
        if self.content_type in TEXT_TYPES:
            return "text"
        return "html"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str | None
    title: str | None
    published: str | None
    content: str | None  # the entry's own HTML, used when its page cannot be fetched


def looks_like_feed(body: bytes) -> bool:
    head = body[:2048].lower()
    return any(root in head for root in _FEED_ROOTS)


def make_client(settings: FetchSettings) -> httpx.Client:
    return httpx.Client(
        timeout=settings.timeout_seconds,
        follow_redirects=True,
        headers={"User-Agent": settings.user_agent},
    )


def fetch(client: httpx.Client, url: str, *, max_bytes: int) -> Fetched:
    """GET a URL, refusing error statuses, unreadable types and bodies over the cap."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchFailed(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            allowed = HTML_TYPES + TEXT_TYPES + FEED_TYPES + XML_TYPES
            if content_type and content_type not in allowed:
                raise UnsupportedFormat(f"{url}: content type {content_type} is not a page or feed")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise TooLarge(f"{url}: {declared} bytes, over the {max_bytes}-byte cap")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(f"{url}: over the {max_bytes}-byte cap")
                chunks.append(chunk)
            return Fetched(str(response.url), content_type or "text/html", b"".join(chunks))
    except httpx.TimeoutException as exc:
        raise FetchFailed(f"{url}: timed out ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchFailed(f"{url}: could not fetch ({exc or type(exc).__name__})") from exc


def parse_feed(body: bytes, *, name: str, limit: int) -> list[FeedEntry]:
    """The entries of an RSS/Atom document; NotAFeed when it is anything else."""
    parsed: Any = feedparser.parse(body)
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed(f"{name}: not an RSS or Atom feed")
    entries = []
    for entry in parsed.entries[:limit]:
        content = entry.get("content") or []
        html = content[0].get("value") if content else entry.get("summary")
        entries.append(
            FeedEntry(
                link=entry.get("link"),
                title=entry.get("title"),
                published=entry.get("published") or entry.get("updated"),
                content=html,
            )
        )
    return entries

"""Reading sources into Documents: files, folders, JSONL collections, URLs and feeds.

``plan_sources`` turns what the user typed into a list of units of work (so a progress bar
knows its length); ``read_source`` reads one unit into Documents. Anything that cannot be
read is yielded as a ``SkippedSource`` error in place of its documents, never raised, so one
bad file does not stop a run over a million good ones.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from detente.config import Settings
from detente.errors import (
    DetenteError,
    FetchFailed,
    NoMainText,
    NotAFeed,
    SkippedSource,
    TooLarge,
    Unreadable,
    UnsupportedFormat,
)
from detente.ingest.dates import latest_mentioned_date, parse_date
from detente.ingest.decode import decode_text
from detente.ingest.genre import declared_genre
from detente.ingest.html import read_html_article
from detente.ingest.jsonl import read_jsonl
from detente.ingest.normalise import clean_text, document_id
from detente.ingest.plaintext import read_plain_article, split_paragraphs
from detente.ingest.web import Fetched, fetch, make_client, parse_feed
from detente.model import DateOrigin, Document
from detente.terminal import strip_controls

READERS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


@dataclass(frozen=True, slots=True)
class Source:
    """One unit of work: a local file of a known kind, or a URL."""

    location: str
    kind: str  # a value of READERS, or "url"


@dataclass(frozen=True, slots=True)
class IngestOptions:
    settings: Settings
    published: dt.date | None = None  # overrides every document's date
    source_name: str | None = None  # overrides every document's source
    today: dt.date | None = None  # ceiling for estimated dates; tests pin it


def plan_sources(arguments: Sequence[str]) -> list[Source | SkippedSource]:
    """Expand folders recursively (hidden files aside), in a stable order."""
    planned: list[Source | SkippedSource] = []
    for argument in arguments:
        if argument.startswith(("http://", "https://")):
            planned.append(Source(argument, "url"))
            continue
        path = Path(argument)
        if path.is_dir():
            files, problems = _walk(path)
            planned.extend(_plan_file(file) for file in sorted(files))
            planned.extend(problems)
        elif path.is_file():
            planned.append(_plan_file(path))
        elif path.exists():
            planned.append(UnsupportedFormat(f"{argument}: not a regular file or folder"))
        else:
            planned.append(SkippedSource(f"{argument}: no such file, folder or URL"))
    return planned


def _walk(folder: Path) -> tuple[list[Path], list[SkippedSource]]:
    """The files under ``folder``, recursively, hidden files and folders aside, and a
    problem for each thing in it that cannot be read: a folder that cannot be listed, a
    symbolic link leading back to a folder it is inside (which would be read for ever), a
    link leading nowhere, a device or a pipe. None of them is passed over in silence.

    Links to folders and files are followed, so a collection may be linked in."""
    files: list[Path] = []
    problems: list[SkippedSource] = []
    seen: dict[tuple[int, int], Path] = {}

    def visit(directory: Path) -> None:
        try:
            identity = directory.stat()
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as exc:
            problems.append(Unreadable(f"{directory}: folder cannot be read ({_reason(exc)})"))
            return
        key = (identity.st_dev, identity.st_ino)
        if key in seen:
            problems.append(
                Unreadable(f"{directory}: symbolic link loop (leads back to {seen[key]})")
            )
            return
        seen[key] = directory  # the folders from ``folder`` down to this one
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError:  # a link to itself: "too many levels of symbolic links"
                is_dir = is_file = False
            if is_dir:
                visit(path)
            elif is_file:
                files.append(path)
            elif entry.is_symlink():
                problems.append(_bad_link(path))
            else:
                problems.append(UnsupportedFormat(f"{path}: not a regular file or folder"))
        del seen[key]

    visit(folder)
    return files, problems


def _bad_link(path: Path) -> SkippedSource:
    """Why a symbolic link leads to nothing readable."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Unreadable(f"{path}: symbolic link loop")
        return Unreadable(f"{path}: broken symbolic link to {os.readlink(path)}")
    return UnsupportedFormat(f"{path}: not a regular file or folder")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _plan_file(path: Path) -> Source | SkippedSource:
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(READERS))
        return UnsupportedFormat(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; detente reads {known}"
        )
    return Source(str(path), kind)


def read_source(
    source: Source, options: IngestOptions, client: httpx.Client | None = None
) -> Iterator[Document | DetenteError]:
    """Documents from one source, with an error in place of each part that failed."""
    try:
        if source.kind == "url":
            own_client = client is None
            client = client or make_client(options.settings.fetch)
            try:
                yield from _read_url(source.location, options, client)
            finally:
                if own_client:
                    client.close()
        elif source.kind == "jsonl":
            yield from _read_jsonl_file(Path(source.location), options)
        else:
            data = _read_bytes(Path(source.location), options.settings.max_document_bytes)
            yield from _read_local(source, data, options, client)
    except SkippedSource as skipped:
        yield skipped
    except OSError as exc:
        yield Unreadable(f"{source.location}: cannot be read ({_reason(exc)})")


def _read_bytes(path: Path, cap: int) -> bytes:
    size = path.stat().st_size
    if size > cap:
        raise TooLarge(f"{path}: {size} bytes, over the {cap}-byte limit (see max_document_bytes)")
    return path.read_bytes()


def _read_local(
    source: Source, data: bytes, options: IngestOptions, client: httpx.Client | None
) -> Iterator[Document | DetenteError]:
    name = source.location
    if source.kind == "html":
        decode_text(data, name)  # refuses binary and empty files with a clear reason
        article = read_html_article(data, name=name)
        yield make_document(
            article.body,
            origin=name,
            options=options,
            title=article.title,
            author=article.author,
            url=article.url,
            source=article.sitename,
            published=article.published,
            genre=article.genre,
        )
    elif source.kind == "feed":
        decode_text(data, name)
        fetched = Fetched(url=name, content_type="application/xml", body=data)
        own_client = client is None
        client = client or make_client(options.settings.fetch)
        try:
            yield from _read_feed(fetched, options, client)
        finally:
            if own_client:
                client.close()
    else:
        plain = read_plain_article(decode_text(data, name), markdown=source.kind == "markdown")
        if not plain.body.strip():
            raise NoMainText(f"{name}: no text left once title and page furniture are removed")
        yield make_document(
            plain.body,
            origin=name,
            options=options,
            title=plain.title,
            author=plain.author,
            published=plain.dateline,
            genre=plain.genre,
        )


def _read_jsonl_file(path: Path, options: IngestOptions) -> Iterator[Document | DetenteError]:
    for record in read_jsonl(path, max_line_bytes=options.settings.max_document_bytes):
        if isinstance(record, DetenteError):
            yield record
            continue
        try:  # a record with no text once cleaned is skipped alone, not the rest of the file
            yield make_document(
                record.text,
                origin=f"{path}:{record.line}",
                options=options,
                title=record.title,
                author=record.author,
                url=record.url,
                source=record.source,
                published=record.published,
                genre=_jsonl_genre(record.text, record.title, record.url),
            )
        except SkippedSource as skipped:
            yield skipped


def _jsonl_genre(text: str, title: str | None, url: str | None) -> str | None:
    """A JSONL record's genre, from its title, text and URL (see ``data/genres.yaml``)."""
    path = urlsplit(url).path.lower().rstrip("/") + "/" if url else None
    return declared_genre(title=title, paragraphs=split_paragraphs(text), metadata=[path])


def _read_url(
    url: str, options: IngestOptions, client: httpx.Client
) -> Iterator[Document | DetenteError]:
    fetched = fetch(client, url, max_bytes=options.settings.fetch.max_bytes)
    kind = fetched.kind
    if kind == "feed":
        yield from _read_feed(fetched, options, client)
    elif kind == "xml":
        raise NotAFeed(f"{url}: XML that is not an RSS or Atom feed")
    elif kind == "text":
        plain = read_plain_article(decode_text(fetched.body, url))
        yield make_document(
            plain.body,
            origin=url,
            options=options,
            title=plain.title,
            author=plain.author,
            url=url,
            published=plain.dateline,
            genre=plain.genre,
        )
    else:
        yield _document_from_html(fetched.body, fetched.url, options)


def _document_from_html(
    body: bytes | str,
    url: str,
    options: IngestOptions,
    *,
    fallback_title: str | None = None,
    fallback_published: str | None = None,
) -> Document:
    if isinstance(body, bytes):
        decode_text(body, url)
    article = read_html_article(body, name=url, url=url)
    return make_document(
        article.body,
        origin=url,
        options=options,
        title=article.title or fallback_title,
        author=article.author,
        url=article.url or url,
        source=article.sitename,
        published=article.published or fallback_published,
        genre=article.genre,
    )


def _read_feed(
    fetched: Fetched, options: IngestOptions, client: httpx.Client
) -> Iterator[Document | DetenteError]:
    entries = parse_feed(
        fetched.body, name=fetched.url, limit=options.settings.fetch.max_feed_entries
    )
    for entry in entries:
        try:
            if entry.link and entry.link.startswith(("http://", "https://")):
                try:
                    page = fetch(client, entry.link, max_bytes=options.settings.fetch.max_bytes)
                except FetchFailed:
                    if not entry.content:
                        raise
                    page = Fetched(entry.link, "text/html", _as_page(entry.content))
            elif entry.content:
                page = Fetched(entry.link or fetched.url, "text/html", _as_page(entry.content))
            else:
                raise NoMainText(f"{fetched.url}: entry {entry.title!r} has no link and no content")
            yield _document_from_html(
                page.body,
                page.url,
                options,
                fallback_title=entry.title,
                fallback_published=entry.published,
            )
        except SkippedSource as skipped:
            yield skipped


def _as_page(fragment: str) -> bytes:
    """A feed entry's HTML fragment as a page the main-text extractor accepts."""
    return f"<html><body><article>{fragment}</article></body></html>".encode()


def make_document(
    text: str,
    *,
    origin: str,
    options: IngestOptions,
    title: str | None = None,
    author: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | dt.date | None = None,
    genre: str | None = None,
) -> Document:
    """A Document with its id and the best publication date the evidence allows, and the
    genre it declares (opinion, analysis, blog; None for a report or when it says nothing).

    Every document passes here, so this is where each of its text fields loses its control
    characters and terminal escape sequences: nothing stored can act on a terminal later.
    """
    body = clean_text(text)
    if not body:
        raise NoMainText(f"{origin}: no text")
    date, origin_kind = _publication_date(body, published, options)
    return Document(
        id=document_id(body),
        text=body,
        origin=strip_controls(origin),
        title=clean_text(title) if title else None,
        author=_field(author),
        url=_field(url),
        source=_field(options.source_name or source),
        published=date,
        date_origin=origin_kind,
        genre=_field(genre),
    )


def _field(value: str | None) -> str | None:
    """A document's metadata field as stored: without control characters."""
    return strip_controls(value) if value is not None else None


def _publication_date(
    body: str, published: str | dt.date | None, options: IngestOptions
) -> tuple[dt.date | None, DateOrigin]:
    if options.published:
        return options.published, DateOrigin.USER
    from_metadata = parse_date(published) if isinstance(published, str) else published
    if from_metadata:
        return from_metadata, DateOrigin.METADATA
    estimate = latest_mentioned_date(body, not_after=options.today)
    if estimate:
        return estimate, DateOrigin.TEXT_ESTIMATE
    return None, DateOrigin.UNKNOWN


__all__ = ["IngestOptions", "Source", "make_document", "plan_sources", "read_source"]

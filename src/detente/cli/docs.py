"""`detente docs` and `detente show`: what the store holds."""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated

import typer

from detente.cli._common import open_store, print_json, stdout

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def docs_command(ctx: typer.Context, json: JsonOption = False) -> None:
    """List stored documents: id, title, publication date (estimated or not), source, genre
    (opinion, analysis or blog when the document declares itself one), sentences."""
    with open_store(ctx, read_only=True) as store:
        documents = store.documents()
        genres = store.document_genres([d.id for d in documents])
    if json:
        print_json({"documents": [{**d.as_json(), "genre": genres.get(d.id)} for d in documents]})
        return
    from detente.cli.listing import NAME, TEXT, Column, print_listing

    columns = (
        Column("id"),
        Column("published", where="terminal"),
        Column("published", where="pipe"),
        Column("estimated", where="pipe"),
        Column("sent.", key="sentences", right=True),
        Column("source", NAME, cap=18),
        Column("genre"),
        Column("title", TEXT),
    )
    rows = []
    for d in documents:
        date = d.published.isoformat() if d.published else ""
        shown = (date or "unknown") + (" (est.)" if d.published_is_estimate else "")
        estimated = "yes" if d.published_is_estimate else "no"
        source = d.source or PurePath(d.origin.split("://")[-1]).name
        genre = genres.get(d.id) or "report"
        title = d.title or "(untitled)"
        rows.append([d.id, shown, date, estimated, str(d.n_sentences), source, genre, title])
    print_listing(
        columns, rows, summary=f"{len(documents)} document{'' if len(documents) == 1 else 's'}"
    )


def show_command(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(help="Document id, or a unique prefix (4+ characters).")],
    json: JsonOption = False,
) -> None:
    """Print a document's cleaned text with its sentence numbers."""
    with open_store(ctx, read_only=True) as store:
        document = store.document(doc_id)
    if json:
        print_json(
            {
                "id": document.id,
                "title": document.title,
                "author": document.author,
                "url": document.url,
                "source": document.source,
                "origin": document.origin,
                "published": document.published.isoformat() if document.published else None,
                "published_origin": document.date_origin.value,
                "published_is_estimate": document.published_is_estimate,
                "text": document.text,
                "sentences": [
                    {
                        "index": s.index,
                        "paragraph": s.paragraph,
                        "start": s.start,
                        "end": s.end,
                        "text": s.text,
                    }
                    for s in document.sentences
                ],
            }
        )
        return
    date = document.published.isoformat() if document.published else "unknown"
    if document.published_is_estimate:
        date += " (estimated from the text)"
    # the title is a document's text: styled whole, never read as markup ("[/]" in it)
    stdout.print(document.title or "(untitled)", style="bold", markup=False)
    stdout.print(f"id {document.id} · published {date} · {document.origin}", markup=False)
    paragraph = 0
    for sentence in document.sentences:
        if sentence.paragraph != paragraph:
            stdout.print()
            paragraph = sentence.paragraph
        stdout.print(f"[dim][{sentence.index}][/dim] ", end="")
        stdout.print(sentence.text, markup=False)

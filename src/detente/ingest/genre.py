"""Whether a document declares itself opinion, analysis or a blog post.

Opinion pieces and blogs say so: a kicker ("OPED By ...", "Opinion | ..."), a disclaimer at
the end ("THIS IS AN OPINION ARTICLE"), the furniture of a blog ("Popular Posts"), or the
page's metadata (an ``/opinion/`` URL, an Opinion section, a schema.org OpinionNewsArticle).
Their claims about events still count as evidence; :mod:`detente.analysis.claims` says
when a verdict rests on them alone. The cues live in ``data/genres.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

__all__ = ["GenreRules", "declared_genre", "genre_rules"]


@dataclass(frozen=True, slots=True)
class Genre:
    name: str
    text: tuple[re.Pattern[str], ...]
    metadata: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class GenreRules:
    genres: tuple[Genre, ...]
    head_lines: int
    tail_lines: int

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.genres)


def _patterns(raw: object, where: str) -> tuple[re.Pattern[str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise ValueError(f"genres.yaml: {where} must be a list of regular expressions")
    return tuple(re.compile(p, re.IGNORECASE) for p in raw)


@cache
def genre_rules() -> GenreRules:
    raw = yaml.safe_load(
        files("detente.ingest").joinpath("data/genres.yaml").read_text(encoding="utf-8")
    )
    genres = tuple(
        Genre(
            name=str(name),
            text=_patterns(body.get("text"), f"{name}.text"),
            metadata=_patterns(body.get("metadata"), f"{name}.metadata"),
        )
        for name, body in raw["genres"].items()
    )
    return GenreRules(genres, int(raw["head_lines"]), int(raw["tail_lines"]))


def declared_genre(
    *,
    title: str | None = None,
    paragraphs: Sequence[str] = (),
    kept: Sequence[str] | None = None,
    furniture: Sequence[str] = (),
    metadata: Iterable[str | None] = (),
) -> str | None:
    """The genre a document declares, or None (a report, or nothing said).

    Looked at: the title and the first paragraphs of ``paragraphs`` (the text as read, its
    title and byline included); the last paragraphs of ``kept`` (the body, ``paragraphs``
    when not given) and all of ``furniture`` (what was cut from the end of the page); and
    each ``metadata`` value (the page's URL path, sections, keywords, types).
    """
    rules = genre_rules()
    body = paragraphs if kept is None else kept
    head = [*([title] if title else []), *paragraphs[: rules.head_lines]]
    tail = [*(body[-rules.tail_lines :] if rules.tail_lines else ()), *furniture]
    lines = [line.strip() for block in (*head, *tail) for line in block.splitlines()]
    values = [" ".join(m.split()) for m in metadata if m and m.strip()]
    for genre in rules.genres:
        if any(p.search(line) for p in genre.text for line in lines if line):
            return genre.name
        if any(p.search(value) for p in genre.metadata for value in values):
            return genre.name
    return None

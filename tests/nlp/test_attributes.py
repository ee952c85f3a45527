"""The indexed attribute rules give the annotation spaCy's own attribute ruler gives."""

from __future__ import annotations

import json

import pytest
import spacy

from detente.config import load_settings
from detente.nlp.attributes import COMPONENT, use_indexed_attribute_rules
from tests.support import EXAMPLES

MODEL = load_settings().spacy_model

# Words the model's exception rules single out: contractions, "gonna", a bare space token.
TRICKY = [
    "We ain't gonna sign it, and they're not gonna either.",
    "Let's see whether Kabul won't talk, y'all.",
    "He wasn't there  and she'd left;  nobody knew.",
]


def _sentences() -> list[str]:
    texts = [json.loads(line)["text"] for line in (EXAMPLES / "corpus" / "wire.jsonl").open()]
    texts += [p.read_text(encoding="utf-8") for p in (EXAMPLES / "corpus" / "articles").glob("*")]
    return [line for text in texts for line in text.splitlines() if line.strip()] + TRICKY


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.language.Language, spacy.language.Language]:
    original = spacy.load(MODEL, exclude=["ner"])
    indexed = spacy.load(MODEL, exclude=["ner"])
    use_indexed_attribute_rules(indexed)
    return original, indexed


def test_the_attribute_ruler_is_replaced(pipelines):
    _, indexed = pipelines
    assert COMPONENT in indexed.pipe_names
    assert "attribute_ruler" not in indexed.pipe_names
    assert indexed.pipe_names.index(COMPONENT) < indexed.pipe_names.index("lemmatizer")


def test_same_pos_lemma_and_morphology_as_spacy(pipelines):
    original, indexed = pipelines
    compared = 0
    for a, b in zip(original.pipe(_sentences()), indexed.pipe(_sentences()), strict=True):
        for x, y in zip(a, b, strict=True):
            assert (x.pos_, x.lemma_, str(x.morph), x.tag_) == (
                y.pos_,
                y.lemma_,
                str(y.morph),
                y.tag_,
            ), (x.text, a.text)
            compared += 1
    assert compared > 2000


def test_exception_rules_fire(pipelines):
    _, indexed = pipelines
    doc = indexed("They're gonna sign.")
    lemmas = [t.lemma_ for t in doc]
    assert lemmas[:2] == ["they", "be"]
    assert "go" in lemmas  # "gon" of "gonna" is lemmatised by a two-token rule

"""Lemmas from the model's own rule lemmatizer, remembered per word form, tag and morphology.

spaCy's rule lemmatizer is pure Python per token: for every token it builds a Token object,
reads its part of speech and morphology as strings, and only then consults its own cache.
On parsed news sentences that costs more than the tagger. A rule lemma depends on nothing
but the token's text, coarse part of speech and morphological features (and whether an
earlier component already set a lemma, in which case it is kept), so this component reads
those three as numbers for the whole document at once, answers repeated combinations from
a dictionary, asks the model's lemmatizer only for combinations it has not seen, and writes
the lemmas back in one call. The lemmas are the same (a test compares the two on the
example corpus).
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "detente_lemmatizer"

_READS: list[int | str] = [ORTH, POS, MORPH, LEMMA]
_CACHE_LIMIT = 500_000


class CachedLemmatizer:
    """The rule lemmatizer ``lemmatizer`` (spaCy's, already initialised), with its answers
    kept per (text, part of speech, morphology).

    The model's lemmatizer keeps only the lemmas its rules derive and recomputes the rest (base
    forms, punctuation, proper nouns) token by token; this keeps all of them.
    """

    def __init__(self, lemmatizer: Any) -> None:
        self._lemmatizer = lemmatizer
        self._overwrite = bool(lemmatizer.overwrite)
        self._cache: dict[tuple[int, int, int], int] = {}

    def lemma(self, doc: Doc, index: int, key: tuple[int, int, int]) -> int:
        """The lemma (as a string-store hash) the model's lemmatizer gives ``doc[index]``,
        whose text, part of speech and morphology are ``key``."""
        found = self._cache.get(key)
        if found is None:
            found = doc.vocab.strings.add(self._lemmatizer.lemmatize(doc[index])[0])
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        length = len(doc)
        if not length:
            return doc
        cached = self._cache.get
        lemmas: list[int] = []
        for index, (orth, pos, morph, lemma) in enumerate(doc.to_array(_READS).tolist()):
            if lemma and not self._overwrite:
                lemmas.append(lemma)  # set by an earlier component (an exception rule)
            else:
                key = (orth, pos, morph)
                lemmas.append(cached(key) or self.lemma(doc, index, key))
        values: Any = numpy.asarray(lemmas, dtype=numpy.uint64)
        doc.from_array([LEMMA], values)
        return doc


@Language.factory(COMPONENT, default_config={"source": "lemmatizer"})
def make_cached_lemmatizer(nlp: Language, name: str, source: str) -> CachedLemmatizer:
    """Wraps the pipeline's component ``source``, which must be in the pipeline already."""
    return CachedLemmatizer(nlp.get_pipe(source))


def use_cached_lemmatizer(nlp: Language) -> None:
    """Swap the pipeline's rule ``lemmatizer`` for the same one with a cache in front."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    if getattr(nlp.get_pipe("lemmatizer"), "mode", None) != "rule":
        return  # lookup lemmatizers are a dictionary look-up already
    nlp.add_pipe(COMPONENT, after="lemmatizer", config={"source": "lemmatizer"})
    nlp.remove_pipe("lemmatizer")

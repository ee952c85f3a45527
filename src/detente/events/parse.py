"""The dependency parser, loaded once per process, and sentence parsing with actor tokens.

Actor mentions are merged into single tokens before the parse is read, so "Iran's Ministry of
Intelligence" or "ISIS-Khorasan" is one node of the tree that arguments can point at.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy
from threadpoolctl import threadpool_limits

from detente.model import Mention
from detente.nlp.tokenizer import customise_tokenizer

_NO_TENSOR = numpy.zeros((0,), dtype="float32")  # what a Doc holds before any model runs


@cache
def load_parser(model: str, hyphenated_names: tuple[str, ...], *, with_ner: bool = False) -> Any:
    """The spaCy pipeline; NER only when organisations are to be proposed from it (actors
    otherwise come from the knowledge base). The attribute ruler and the rule lemmatizer are
    swapped for the same rules answered from caches, which is several times faster.

    The networks are built on thinc's numpy operations without BLIS: numpy's matrix product
    (OpenBLAS) runs the token-to-vector layers two to three times faster than the BLIS build
    the wheels carry, on the machines measured (``benchmarks/extract.py``).
    """
    import spacy
    from thinc.api import use_ops

    from detente.nlp.attributes import use_indexed_attribute_rules
    from detente.nlp.lemmas import use_cached_lemmatizer

    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(model, exclude=[] if with_ner else ["ner"])
    customise_tokenizer(nlp, hyphenated_names)
    use_indexed_attribute_rules(nlp)
    use_cached_lemmatizer(nlp)
    return nlp


def parse_sentences(nlp: Any, texts: list[str], batch_size: int = 64) -> list[Any]:
    """Parsed sentences in order, in batches (spaCy is far faster piped than one by one).

    The matrix products run on one thread: OpenBLAS would otherwise start one per core, which
    on these small matrices buys little time and costs much CPU, and extraction parallelises
    by process (``pipeline.workers``) instead. The limit is set once per call, not per batch.
    """
    if not texts:
        return []
    # "Hamas’ October attack": the parser knows the typographic apostrophe after a word
    # ending in s as punctuation, not as a possessive; the straight one, which has the same
    # length (offsets into the document stay right), it reads as the possessive it is.
    texts = [t.replace("\u2019", "'") for t in texts]
    with threadpool_limits(limits=1, user_api="blas"):
        return [_without_tensor(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]


def _without_tensor(doc: Any) -> Any:
    """The parse without the token-to-vector layer's output, which spaCy keeps on each
    sentence (``Doc.tensor``) but nothing here reads once the parse is made: dropping it frees
    96 floats a token for the rest of the batch, and spares resizing it at every merge."""
    doc.tensor = _NO_TENSOR
    return doc


def merge_mentions(doc: Any, offset: int, mentions: Sequence[Mention]) -> dict[int, list[Mention]]:
    """Merge each mention's span into one token; map token index → the mentions it holds.

    ``offset`` is the sentence's start in the document (mentions carry document offsets).
    Overlapping spans (a coreference pair shares one span) are merged once.
    """
    spans: dict[tuple[int, int], list[Mention]] = {}
    for mention in mentions:
        span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
        if span is None:
            continue
        spans.setdefault((span.start, span.end), []).append(mention)
    chosen: list[tuple[int, int]] = []
    for key in sorted(spans, key=lambda k: (k[0], -(k[1] - k[0]))):
        if chosen and key[0] < chosen[-1][1]:
            spans[chosen[-1]].extend(spans[key])  # nested: fold into the outer span
            continue
        chosen.append(key)
    by_token: dict[int, list[Mention]] = {}
    if not chosen:
        return by_token
    with doc.retokenize() as retokenizer:
        for start, end in chosen:
            if end - start > 1:
                retokenizer.merge(doc[start:end])
    # Each merge of n tokens moves every later token n - 1 places to the left.
    removed = 0
    for start, end in chosen:
        by_token[start - removed] = spans[(start, end)]
        removed += end - start - 1
    return by_token


# Lower-cased strings by their hash in spaCy's string store (the same in every process).
_LOWERED: dict[int, str] = {}


def tokens_among(doc: Any, words: frozenset[str], attrs: Sequence[str]) -> list[int]:
    """Positions of the tokens whose lower-cased ``attrs`` ("LEMMA", "LOWER") include one
    of ``words``. Read from the token arrays: most tokens of a sentence are no cue, and
    building each token to ask costs more than the rest of a search for cues."""
    lowered = _LOWERED
    if len(lowered) > 500_000:
        lowered.clear()
    strings = doc.vocab.strings
    found = []
    rows = doc.to_array(list(attrs)).reshape(-1, len(attrs)).tolist()  # one attr: flat
    for i, keys in enumerate(rows):
        for key in keys:
            text = lowered.get(key)
            if text is None:
                text = lowered[key] = strings[key].lower()
            if text in words:
                found.append(i)
                break
    return found

"""Part-of-speech, morphology and lemma exceptions, set from the model's own attribute rules.

spaCy's English pipelines map fine-grained tags to coarse POS (and fix a few words) with an
``attribute_ruler``: about 180 token patterns run through the general ``Matcher``. On short
news sentences that matcher costs more than the tagger and a third of the parser, because
every pattern is tried at every token. The rules themselves are simple: each token condition
reads only the token's tag, lowercase form, dependency label and whether it is space. So this
component reads the model's patterns once and, for each combination of those four values it
meets, works out once which rules can start there and what the single-token rules set. A
document is then read and written as whole attribute arrays, with a dictionary look-up per
token and a short check for the few multi-token rules ("gon na"). The result is the same
annotation (a test compares the two on the example corpus), at a fraction of the cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs
from spacy.vocab import Vocab

COMPONENT = "detente_attributes"

# What a rule's token conditions may read, in the order of a token's view.
_READS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_READ_IDS: list[int | str] = [TAG, LOWER, DEP, IS_SPACE]

View = tuple[str, str, str, bool]  # a token's tag, lowercase form, dependency label, is-space
TokenTest = Callable[[View], bool]
Assignment = tuple[tuple[int, int], ...]  # (column of the written attributes, value)


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # later rules win, as in spaCy's AttributeRuler
    tests: tuple[tuple[TokenTest, ...], ...]  # one tuple of tests per token of the pattern
    index: int  # which token of the match receives the attributes
    assignment: Assignment


@dataclass(frozen=True, slots=True)
class _Start:
    """What follows from one combination of the four values a rule can read."""

    view: View
    single: Assignment  # the single-token rules that apply, merged, later rules last
    single_orders: tuple[tuple[int, Assignment], ...]  # the same, rule by rule
    multi: tuple[_Rule, ...]  # multi-token rules whose first token this can be


def _test(attribute: str, value: Any) -> TokenTest:
    """One token condition of a Matcher pattern (exact value, IN, NOT_IN or REGEX)."""
    if attribute not in _READS:
        raise ValueError(f"attribute rule uses {attribute!r}, which this component cannot read")
    at = _READS.index(attribute)
    if not isinstance(value, dict):
        return lambda v: bool(v[at] == value)
    ((operator, operand),) = value.items()
    if operator == "IN":
        allowed = frozenset(operand)
        return lambda v: v[at] in allowed
    if operator == "NOT_IN":
        barred = frozenset(operand)
        return lambda v: v[at] not in barred
    if operator == "REGEX":
        pattern = re.compile(operand)
        return lambda v: pattern.search(str(v[at])) is not None
    raise ValueError(f"attribute rule uses the operator {operator!r}, which this component lacks")


def _exact_values(condition: Any) -> tuple[str, ...]:
    """The values a condition allows, when it lists them (a string or an IN list)."""
    if isinstance(condition, str):
        return (condition,)
    if isinstance(condition, dict) and set(condition) == {"IN"}:
        return tuple(condition["IN"])
    return ()


def _merge(assignments: Iterable[Assignment]) -> Assignment:
    """One assignment doing what the given ones do in turn (the last value of a column wins)."""
    merged: dict[int, int] = {}
    for assignment in assignments:
        merged.update(assignment)
    return tuple(merged.items())


class AttributeRules:
    """The attribute ruler's patterns, indexed by the tag or word their first token needs.

    Whether a rule's first token matches depends only on the token's tag, form, dependency
    label and whether it is space, so what a token starts is cached on those four values.
    Attributes are written as spaCy's ruler writes them (``Token.set_struct_attr``, which is
    also what ``Doc.from_array`` calls), from matches made on the annotation as it came.
    """

    def __init__(self, vocab: Vocab, patterns: Iterable[dict[str, Any]]):
        self._vocab = vocab
        self._by_tag: dict[str, list[_Rule]] = {}
        self._by_lower: dict[str, list[_Rule]] = {}
        self._anywhere: list[_Rule] = []
        self._cache: dict[tuple[int, ...], _Start] = {}
        entries = list(patterns)
        normalised = [normalize_token_attrs(vocab, dict(e["attrs"])) for e in entries]
        for attrs in normalised:
            if not all(isinstance(k, int) for k in attrs):
                raise ValueError("attribute rules that set extension attributes are not supported")
        self._writes: list[int | str] = [*sorted({k for attrs in normalised for k in attrs})]
        for order, (entry, attrs) in enumerate(zip(entries, normalised, strict=True)):
            assignment = tuple((self._writes.index(k), int(v)) for k, v in attrs.items())
            for pattern in entry["patterns"]:
                rule = _Rule(
                    order,
                    tuple(tuple(_test(k, v) for k, v in token.items()) for token in pattern),
                    int(entry.get("index", 0)),
                    assignment,
                )
                first = pattern[0]
                if _exact_values(first.get("TAG")):
                    for tag in _exact_values(first["TAG"]):
                        self._by_tag.setdefault(tag, []).append(rule)
                elif _exact_values(first.get("LOWER")):
                    for lower in _exact_values(first["LOWER"]):
                        self._by_lower.setdefault(lower, []).append(rule)
                else:
                    self._anywhere.append(rule)

    def _start(self, key: tuple[int, ...]) -> _Start:
        """The rules a token with these (tag, lower, dep, is-space) values starts."""
        found = self._cache.get(key)
        if found is None:
            strings = self._vocab.strings
            view: View = (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))
            possible = [
                *self._by_tag.get(view[0], ()),
                *self._by_lower.get(view[1], ()),
                *self._anywhere,
            ]
            rules = sorted(
                (r for r in possible if all(test(view) for test in r.tests[0])),
                key=lambda r: r.order,
            )
            single = tuple((r.order, r.assignment) for r in rules if len(r.tests) == 1)
            found = _Start(
                view,
                _merge(a for _, a in single),
                single,
                tuple(r for r in rules if len(r.tests) > 1),
            )
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        length = len(doc)
        if not length:
            return doc
        cached = self._cache.get
        keys = map(tuple, doc.to_array(_READ_IDS).tolist())
        starts = [cached(key) or self._start(key) for key in keys]
        # Multi-token rules: matched on the annotation as it came, like the single ones.
        extra: dict[int, list[tuple[int, Assignment]]] = {}
        for start, found in enumerate(starts):
            for rule in found.multi:
                end = start + len(rule.tests)
                if end > length or not all(
                    all(test(starts[start + k].view) for test in tests)
                    for k, tests in enumerate(rule.tests[1:], start=1)
                ):
                    continue
                target = (start if rule.index >= 0 else end) + rule.index
                extra.setdefault(target, []).append((rule.order, rule.assignment))
        values = doc.to_array(self._writes).reshape(length, len(self._writes)).tolist()
        changed = False
        for i, found in enumerate(starts):
            if i in extra:
                # sorted() is stable: rules of equal order keep the order they matched in
                ordered = sorted([*found.single_orders, *extra[i]], key=lambda item: item[0])
                assignment = _merge(a for _, a in ordered)
            else:
                assignment = found.single
            if assignment:
                row = values[i]
                for column, value in assignment:
                    row[column] = value
                changed = True
        if changed:
            written: Any = numpy.asarray(values, dtype=numpy.uint64)
            doc.from_array(self._writes, written)
        return doc


@Language.factory(COMPONENT, default_config={"patterns": []})
def make_attribute_rules(
    nlp: Language, name: str, patterns: list[dict[str, Any]]
) -> AttributeRules:
    return AttributeRules(nlp.vocab, patterns)


def use_indexed_attribute_rules(nlp: Language) -> None:
    """Swap the pipeline's ``attribute_ruler`` for the indexed rules, same patterns."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    patterns = ruler.patterns
    nlp.add_pipe(COMPONENT, after="attribute_ruler", config={"patterns": patterns})
    nlp.remove_pipe("attribute_ruler")

"""Part-of-speech, morphology and lemma exceptions, set from the model's own attribute rules.

spaCy's English pipelines map fine-grained tags to coarse POS (and fix a few words) with an
``attribute_ruler``: about 180 token patterns run through the general ``Matcher``. On short
news sentences that matcher costs more than the tagger and a third of the parser, because
every pattern is tried at every token. The rules themselves are simple, so this component
reads the model's patterns once and indexes them by the token's tag and lowercase form; each
token then checks the handful of rules that can apply to it. The result is the same
annotation (a test compares the two on the example corpus), at a fraction of the cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import (
    normalize_token_attrs,
    set_token_attrs,
)
from spacy.vocab import Vocab

COMPONENT = "detente_attributes"

TokenTest = Callable[[Token], bool]


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # later rules win, as in spaCy's AttributeRuler
    tests: tuple[tuple[TokenTest, ...], ...]  # one tuple of tests per token of the pattern
    index: int  # which token of the match receives the attributes
    attrs: dict[str, Any]


_GETTERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
    "ORTH": lambda t: t.orth_,
    "POS": lambda t: t.pos_,
}


def _test(attribute: str, value: Any) -> TokenTest:
    """One token condition of a Matcher pattern (exact value, IN, NOT_IN or REGEX)."""
    getter = _GETTERS.get(attribute)
    if getter is None:
        raise ValueError(f"attribute rule uses {attribute!r}, which this component cannot read")
    if not isinstance(value, dict):
        return lambda t: bool(getter(t) == value)
    ((operator, operand),) = value.items()
    if operator == "IN":
        allowed = frozenset(operand)
        return lambda t: getter(t) in allowed
    if operator == "NOT_IN":
        barred = frozenset(operand)
        return lambda t: getter(t) not in barred
    if operator == "REGEX":
        pattern = re.compile(operand)
        return lambda t: pattern.search(str(getter(t))) is not None
    raise ValueError(f"attribute rule uses the operator {operator!r}, which this component lacks")


def _exact_values(condition: Any) -> tuple[str, ...]:
    """The values a condition allows, when it lists them (a string or an IN list)."""
    if isinstance(condition, str):
        return (condition,)
    if isinstance(condition, dict) and set(condition) == {"IN"}:
        return tuple(condition["IN"])
    return ()


class AttributeRules:
    """The attribute ruler's patterns, indexed by the tag or word their first token needs.

    Whether a rule's first token matches depends only on the token's tag, form, dependency
    label and whether it is space, so that is also cached on those four; the few multi-token
    rules ("gon na") then check their other tokens.
    """

    def __init__(self, vocab: Vocab, patterns: Iterable[dict[str, Any]]):
        self._by_tag: dict[str, list[_Rule]] = {}
        self._by_lower: dict[str, list[_Rule]] = {}
        self._anywhere: list[_Rule] = []
        self._cache: dict[tuple[str, str, str, bool], list[_Rule]] = {}
        for order, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                rule = _Rule(
                    order,
                    tuple(tuple(_test(k, v) for k, v in token.items()) for token in pattern),
                    int(entry.get("index", 0)),
                    normalize_token_attrs(vocab, dict(entry["attrs"])),
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

    def _starting_at(self, token: Token) -> list[_Rule]:
        """The rules whose first token this is, in rule order."""
        key = (token.tag_, token.lower_, token.dep_, token.is_space)
        found = self._cache.get(key)
        if found is None:
            possible = [
                *self._by_tag.get(key[0], ()),
                *self._by_lower.get(key[1], ()),
                *self._anywhere,
            ]
            found = sorted(
                (r for r in possible if all(test(token) for test in r.tests[0])),
                key=lambda r: r.order,
            )
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        chosen: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        length = len(doc)
        for start, token in enumerate(doc):
            for rule in self._starting_at(token):
                end = start + len(rule.tests)
                if end > length or not all(
                    all(test(doc[start + k]) for test in tests)
                    for k, tests in enumerate(rule.tests[1:], start=1)
                ):
                    continue
                target = (start if rule.index >= 0 else end) + rule.index
                chosen.setdefault(target, []).append((rule.order, rule.attrs))
        # Matching reads the parse as it came; only then are attributes set, oldest rule first.
        for target, found in chosen.items():
            for _, attrs in sorted(found, key=lambda item: item[0]):
                set_token_attrs(doc[target], attrs)
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

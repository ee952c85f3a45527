"""The name matcher's shortcuts find exactly what the plain algorithm finds.

The tokenizer locates words by searching forward instead of asking the pattern for each
offset, the index skips name lengths whose first words start no name, and the case rule of
each surface form is worked out once: each is compared here with the plain version.
"""

from __future__ import annotations

import re

import pytest

from detente.actors.kb import KnowledgeBase, SurfaceForm, load_knowledge_base, surface_key
from detente.actors.matcher import NameIndex, NameMatch, Token, _case_fits, tokenize
from tests.nlp.test_attributes import _sentences

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE_SUFFIX = re.compile(r"['’]s$", re.IGNORECASE)

TRICKY = [
    "The U.S.–Iran talks, Iran's envoy and the People's Republic's army.",
    "ISIS-K and ISIS–K; al-Qaeda's 2nd wing_3 met at 10:30 in Kabul’s old town.",
    "’s 's s's it's Ça va, Zürich! Ünal's D.C.-based group; x_y __init__ 3.5",
    "",
    "   \n\t ",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> NameIndex:
    return NameIndex(kb)


def _texts() -> list[str]:
    return _sentences() + TRICKY


def _plain_tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        possessive = bool(_POSSESSIVE_SUFFIX.search(word)) and len(word) > 2
        base = word[:-2] if possessive else word
        key = surface_key(base)
        inner = key + "'s" if possessive else key
        start = match.start()
        tokens.append(Token(start, start + len(base), base, key, possessive, match.end(), inner))
    return tokens


def _plain_find(index: NameIndex, text: str, tokens: list[Token]) -> list[NameMatch]:
    """Leftmost-longest, trying every length up to the longest name of the first word."""
    matches: list[NameMatch] = []
    i = 0
    while i < len(tokens):
        found = None
        longest = max(
            index._longest_from.get(tokens[i].key, 0),
            index._longest_from.get(tokens[i].inner_key, 0),
        )
        for length in range(min(longest, len(tokens) - i), 0, -1):
            last = i + length - 1
            key = (*(t.inner_key for t in tokens[i:last]), tokens[last].key)
            forms = index._index.get(key)
            if not forms:
                continue
            span = text[tokens[i].start : tokens[last].end]
            forms = tuple(f for f in forms if _plain_case_fits(span, f))
            if any(f.target_type == "person" for f in forms):
                # the words around a person's name are no shortcut: the same check as find's
                known_until = matches[-1].last if matches else -1
                forms = index._in_context(text, tokens, i, last, forms, known_until)
            if forms:
                found = NameMatch(i, last, tokens[i].start, tokens[last].end, forms)
                break
        if found is None:
            i += 1
        else:
            matches.append(found)
            i = found.last + 1
    return matches


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _plain_case_fits(span: str, form: SurfaceForm) -> bool:
    written = form.text.removeprefix("the ").removeprefix("The ")
    letters = _letters(written)
    mixed = letters[1:] != letters[1:].lower() and letters != letters.upper()
    if form.case_sensitive or (mixed and len(letters) <= 5):
        return _letters(span) == letters
    if letters.isupper() and len(letters) > 1:
        return not _letters(span).islower()
    first = next((c for c in form.text.removeprefix("the ") if c.isalpha()), "")
    first_span = next((c for c in span if c.isalpha()), "")
    return not (first.isupper() and first_span.islower())


def test_tokens_are_those_the_pattern_finds() -> None:
    for text in _texts():
        assert tokenize(text) == _plain_tokenize(text), text


def test_names_found_are_those_every_length_finds(index: NameIndex) -> None:
    found = 0
    for text in _texts():
        tokens = tokenize(text)
        expected = _plain_find(index, text, tokens)
        assert index.find(text, tokens) == expected, text
        found += len(expected)
    assert found > 200


def test_case_rules_are_those_of_the_plain_check(kb: KnowledgeBase) -> None:
    checked = 0
    for text, form in kb.all_surface_forms():
        for span in {text, text.lower(), text.upper(), text.title(), text.capitalize()}:
            assert _case_fits(span, form) == _plain_case_fits(span, form), (span, form.text)
            checked += 1
    assert checked > 10_000

"""Finding the knowledge base's names in running text, with exact character offsets.

Names are matched as sequences of normalised word keys (the knowledge base's own
``surface_key``), so "ISIS-K", "ISIS–K" and "ISIS K", or "U.S." and "US", meet the same entry
while offsets still point into the original text. Matching is leftmost-longest, with a
dictionary lookup per n-gram: linear in the text and fast enough to scan every sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from detente.actors.kb import KnowledgeBase, SurfaceForm, surface_key

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE_SUFFIX = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int  # end of the word without a possessive 's
    text: str
    key: str
    possessive: bool
    full_end: int  # end including the possessive 's

    @property
    def inner_key(self) -> str:
        """The key inside a name, where a possessive belongs to the name ("People's")."""
        return self.key + "'s" if self.possessive else self.key


@dataclass(frozen=True, slots=True)
class NameMatch:
    first: int  # token indices, inclusive
    last: int
    start: int
    end: int
    forms: tuple[SurfaceForm, ...]


# Word keys repeat endlessly in news; normalising each word once saves most of tokenising.
_word_key = lru_cache(maxsize=200_000)(surface_key)


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        possessive = bool(_POSSESSIVE_SUFFIX.search(word)) and len(word) > 2
        base = word[:-2] if possessive else word
        tokens.append(
            Token(
                start=match.start(),
                end=match.start() + len(base),
                text=base,
                key=_word_key(base),
                possessive=possessive,
                full_end=match.end(),
            )
        )
    return tokens


class NameIndex:
    """Every surface form of the knowledge base, keyed by its sequence of word keys."""

    def __init__(self, kb: KnowledgeBase) -> None:
        index: dict[tuple[str, ...], list[SurfaceForm]] = defaultdict(list)
        for text, form in kb.all_surface_forms():
            tokens = tokenize(text)
            if tokens and tokens[0].key == "the" and len(tokens) > 1:
                tokens = tokens[1:]
            if tokens:
                index[_sequence_key(tokens)].append(form)
        self._index = {key: tuple(forms) for key, forms in index.items()}
        self.max_tokens = max((len(key) for key in self._index), default=1)
        # The longest name starting with each first word: most words start none, and a
        # position whose word starts no name costs one dictionary lookup.
        self._longest_from: dict[str, int] = {}
        for key in self._index:
            first = key[0]
            self._longest_from[first] = max(self._longest_from.get(first, 0), len(key))

    def find(self, text: str, tokens: list[Token]) -> list[NameMatch]:
        """Leftmost-longest matches that respect case where case carries meaning."""
        matches: list[NameMatch] = []
        i = 0
        while i < len(tokens):
            found = None
            longest = max(
                self._longest_from.get(tokens[i].key, 0),
                self._longest_from.get(tokens[i].inner_key, 0),
            )
            for length in range(min(longest, len(tokens) - i), 0, -1):
                last = i + length - 1
                # Inside a name a possessive is part of it ("Democratic People's Republic");
                # at its end it is the text's ("Iran's Ministry" starts with the name Iran).
                forms = self._index.get(_sequence_key(tokens[i : last + 1]))
                if not forms:
                    continue
                span = text[tokens[i].start : tokens[last].end]
                forms = tuple(f for f in forms if _case_fits(span, f))
                if forms:
                    found = NameMatch(i, last, tokens[i].start, tokens[last].end, forms)
                    break
            if found is None:
                i += 1
            else:
                matches.append(found)
                i = found.last + 1
        return matches


def _sequence_key(tokens: list[Token]) -> tuple[str, ...]:
    return (*(t.inner_key for t in tokens[:-1]), tokens[-1].key)


def _case_fits(span: str, form: SurfaceForm) -> bool:
    """Running text's "us" is no United States and "turkey" no Turkey.

    Case-sensitive forms must match exactly (up to dots and dashes); a form written with a
    capital must start with one in the text, which keeps common words from passing for names.
    """
    written = form.text.removeprefix("the ").removeprefix("The ")
    letters = _letters(written)
    mixed = letters[1:] != letters[1:].lower() and letters != letters.upper()
    if form.case_sensitive or (mixed and len(letters) <= 5):
        # Exact case for forms marked so and for mixed-case acronyms ("LeT" is not "Let").
        return _letters(span) == letters
    if letters.isupper() and len(letters) > 1:
        return not _letters(span).islower()  # "Nato" and "Isis" as some styles write them
    first = next((c for c in form.text.removeprefix("the ") if c.isalpha()), "")
    first_span = next((c for c in span if c.isalpha()), "")
    return not (first.isupper() and first_span.islower())


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())

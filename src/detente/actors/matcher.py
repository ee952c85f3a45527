"""Finding the knowledge base's names in running text, with exact character offsets.

Names are matched as sequences of normalised word keys (the knowledge base's own
``surface_key``), so "ISIS-K", "ISIS–K" and "ISIS K", or "U.S." and "US", meet the same entry
while offsets still point into the original text. Matching is leftmost-longest, with a
dictionary lookup per n-gram: linear in the text and fast enough to scan every sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from detente.actors.kb import KnowledgeBase, SurfaceForm, surface_key
from detente.actors.name_context import name_run, names_someone_else

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE_SUFFIX = re.compile(r"['’]s$", re.IGNORECASE)


class Token(NamedTuple):
    """A word of running text. A named tuple: sentences are tokenised by the thousand, and
    a tuple is built several times faster than a frozen dataclass."""

    start: int
    end: int  # end of the word without a possessive 's
    text: str
    key: str
    possessive: bool
    full_end: int  # end including the possessive 's
    inner_key: str  # the key inside a name, where a possessive belongs to it ("People's")


@dataclass(frozen=True, slots=True)
class NameMatch:
    first: int  # token indices, inclusive
    last: int
    start: int
    end: int
    forms: tuple[SurfaceForm, ...]


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[str, str, bool, str]:
    """A word's form without a possessive 's, its key, whether it had one, and its inner key.

    Words repeat endlessly in news; reading each once saves most of tokenising."""
    possessive = len(word) > 2 and _POSSESSIVE_SUFFIX.search(word) is not None
    base = word[:-2] if possessive else word
    key = surface_key(base)
    return base, key, possessive, key + "'s" if possessive else key


def tokenize(text: str) -> list[Token]:
    """The words of a text with their offsets and keys, in order."""
    tokens = []
    end = 0
    for word in _TOKEN.findall(text):
        # Every letter or digit starts or continues a word, and a word starts with one, so
        # the next occurrence of the word is where the pattern found it.
        start = text.find(word, end)
        end = start + len(word)
        base, key, possessive, inner_key = _word(word)
        tokens.append(Token(start, start + len(base), base, key, possessive, end, inner_key))
    return tokens


def name_key(text: str) -> tuple[str, ...]:
    """The sequence of word keys a name is indexed and matched by ("The Bronx" -> ("bronx",));
    empty for a text with no word."""
    tokens = tokenize(text)
    if tokens and tokens[0].key == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    return _sequence_key(tokens) if tokens else ()


class NameIndex:
    """Every surface form of the knowledge base, keyed by its sequence of word keys, and
    further forms keyed alike (place names, whose keys ``name_key`` computed ahead): one
    leftmost-longest pass finds both, so a place never fires inside a longer actor name, nor
    an actor inside a longer place name."""

    def __init__(
        self, kb: KnowledgeBase, extra: Iterable[tuple[tuple[str, ...], SurfaceForm]] = ()
    ) -> None:
        index: dict[tuple[str, ...], list[SurfaceForm]] = defaultdict(list)
        for text, form in kb.all_surface_forms():
            key = name_key(text)
            if key:
                index[key].append(form)
        for key, form in extra:
            index[key].append(form)
        self._index = {key: tuple(forms) for key, forms in index.items()}
        # Each person's names as word keys, and the words that are no name of anyone's, to
        # tell "Shah" (the last Shah of Iran) from "Amit Shah" (see name_context).
        self._own_names: defaultdict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key, forms in self._index.items():
            for form in forms:
                if form.target_type == "person":
                    self._own_names[form.target].append(key)
        self._titles = kb.title_words()
        self.max_tokens = max((len(key) for key in self._index), default=1)
        # The longest name starting with each first word: most words start none, and a
        # position whose word starts no name costs one dictionary lookup.
        self._longest_from: dict[str, int] = {}
        for key in self._index:
            first = key[0]
            self._longest_from[first] = max(self._longest_from.get(first, 0), len(key))
        # The words a longer name can start with ("united", "united states"): a name of n
        # words can be there only if the n - 1 words before its last one are such a start.
        self._starts = {key[:n] for key in self._index for n in range(1, len(key))}

    def find(self, text: str, tokens: list[Token]) -> list[NameMatch]:
        """Leftmost-longest matches that respect case where case carries meaning."""
        matches: list[NameMatch] = []
        longest_from = self._longest_from.get
        index = self._index.get
        count = len(tokens)
        i = 0
        while i < count:
            token = tokens[i]
            longest = longest_from(token.key, 0)
            if token.possessive:
                longest = max(longest, longest_from(token.inner_key, 0))
            if not longest:  # most words start no name
                i += 1
                continue
            limit = min(longest, count - i)
            reach = 1  # the longest name that can start here, given the words that follow
            start: tuple[str, ...] = (token.inner_key,)
            while reach < limit and start in self._starts:
                start = (*start, tokens[i + reach].inner_key)
                reach += 1
            found = None
            for length in range(reach, 0, -1):
                last = i + length - 1
                # Inside a name a possessive is part of it ("Democratic People's Republic");
                # at its end it is the text's ("Iran's Ministry" starts with the name Iran).
                forms = index(_sequence_key(tokens[i : last + 1]))
                if not forms:
                    continue
                span = text[token.start : tokens[last].end]
                forms = tuple(f for f in forms if _case_fits(span, f))
                if forms and any(f.target_type == "person" for f in forms):
                    known_until = matches[-1].last if matches else -1
                    forms = self._in_context(text, tokens, i, last, forms, known_until)
                if forms:
                    found = NameMatch(i, last, token.start, tokens[last].end, forms)
                    break
            if found is None:
                i += 1
            else:
                matches.append(found)
                i = found.last + 1
        return matches

    def own_names(self, person_id: str) -> list[tuple[str, ...]]:
        """The word keys of every name of a person, as the matcher reads them."""
        return self._own_names.get(person_id, [])

    def _in_context(
        self,
        text: str,
        tokens: list[Token],
        first: int,
        last: int,
        forms: tuple[SurfaceForm, ...],
        known_until: int,
    ) -> tuple[SurfaceForm, ...]:
        """The forms a name keeps where it stands: a person's name directly next to name
        words that are none of the person's names ("Amit Shah", "Rahul Gandhi", "Hamid
        Karzai International Airport") names someone else, and a title alias needs its
        article ("the Shah").

        ``known_until`` is the last token of the previous match: a known name before this
        one ("Iran's Khamenei", "Russian President Putin") is no unknown name word.
        """
        before = self._name_words_before(text, tokens, first, known_until)
        after = self._name_words_after(text, tokens, last)
        key = _sequence_key(tokens[first : last + 1])
        article = first > 0 and tokens[first - 1].key == "the"
        kept = []
        for form in forms:
            if form.target_type == "person":
                if form.text[:4].casefold() == "the " and not article:
                    continue
                if names_someone_else(before, key, after, self._own_names[form.target]):
                    continue
            kept.append(form)
        return tuple(kept)

    def _name_words_before(
        self, text: str, tokens: list[Token], first: int, known_until: int
    ) -> list[str]:
        """Keys of the unknown name words directly before ``tokens[first]``, in text order."""

        def outward() -> Iterator[tuple[str, str]]:
            for k in range(first - 1, known_until, -1):
                if tokens[k].possessive or not joined(text, tokens[k], tokens[k + 1]):
                    return  # "Iran's Khamenei"; "Modi, Shah": a break ends the name
                yield tokens[k].text, tokens[k].key

        return list(reversed(name_run(outward(), self._titles)))

    def _name_words_after(self, text: str, tokens: list[Token], last: int) -> list[str]:
        """Keys of the unknown name words directly after ``tokens[last]``, in text order;
        none in a headline's title case ("Netanyahu Vows Revenge"), where every word has
        a capital."""
        if tokens[last].possessive or last + 1 >= len(tokens) or title_case(tokens):
            return []

        def outward() -> Iterator[tuple[str, str]]:
            for k in range(last + 1, len(tokens)):
                if not joined(text, tokens[k - 1], tokens[k]) or self._starts_name(text, tokens, k):
                    return
                yield tokens[k].text, tokens[k].key
                if tokens[k].possessive:
                    return

        return name_run(outward(), self._titles)

    def _starts_name(self, text: str, tokens: list[Token], i: int) -> bool:
        """Whether a known name starts at ``tokens[i]`` ("Kerry" then "Washington")."""
        for last in range(i, min(i + self._longest_from.get(tokens[i].key, 0), len(tokens))):
            forms = self._index.get(_sequence_key(tokens[i : last + 1]), ())
            span = text[tokens[i].start : tokens[last].end]
            if any(_case_fits(span, f) for f in forms):
                return True
        return False


def joined(text: str, left: Token, right: Token) -> bool:
    """Whether two words are written as parts of one name: a space or a hyphen between
    them, or an initial's dot ("George W. Bush"); not a comma, a stop or a line break."""
    gap = text[left.full_end : right.start]
    if gap.strip(" -\u2010\u2011") == "" and "\n" not in gap:
        return True
    return len(left.text) == 1 and gap.strip() == "."


def title_case(tokens: list[Token]) -> bool:
    """A headline in title case: capitals everywhere, no lower-case word of four letters."""
    capitalised = 0
    for token in tokens:
        if token.text.islower() and len(token.text) >= 4:
            return False
        capitalised += token.text[:1].isupper()
    return capitalised >= 3


def _sequence_key(tokens: list[Token]) -> tuple[str, ...]:
    return (*(t.inner_key for t in tokens[:-1]), tokens[-1].key)


def _case_fits(span: str, form: SurfaceForm) -> bool:
    """Running text's "us" is no United States and "turkey" no Turkey.

    Case-sensitive forms must match exactly (up to dots and dashes); a form written with a
    capital must start with one in the text, which keeps common words from passing for names.
    """
    rule, letters, capital = _case_rule(form.text, form.case_sensitive)
    if rule == "exact":
        # Exact case for forms marked so and for mixed-case acronyms ("LeT" is not "Let").
        return _letters(span) == letters
    if rule == "acronym":
        return not _letters(span).islower()  # "Nato" and "Isis" as some styles write them
    if not capital:
        return True
    first_span = next((c for c in span if c.isalpha()), "")
    return not first_span.islower()


@lru_cache(maxsize=100_000)
def _case_rule(text: str, case_sensitive: bool) -> tuple[str, str, bool]:
    """What case a form asks of the text (exact, acronym or first letter), its letters, and
    whether it starts with a capital: the same for every match of the form, so read once."""
    written = text.removeprefix("the ").removeprefix("The ")
    letters = _letters(written)
    mixed = letters[1:] != letters[1:].lower() and letters != letters.upper()
    first = next((c for c in text.removeprefix("the ") if c.isalpha()), "")
    if case_sensitive or (mixed and len(letters) <= 5):
        return "exact", letters, first.isupper()
    if letters.isupper() and len(letters) > 1:
        return "acronym", letters, first.isupper()
    return "first", letters, first.isupper()


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())

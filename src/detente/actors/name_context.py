"""Whether the words around a known person's name say that a text names someone else.

A surname, a one-word alias or a title is a name many people share: "Shah" is the last Shah
of Iran in the knowledge base, and also the surname of India's home minister; "Gandhi",
"Kerry" and "Rice" are surnames of many people. When such a name is written with other
capitalised name words directly before or after it that are not part of the known person's
own names ("Amit Shah", "Rahul Gandhi", "Susan Rice"), the text names someone else, and the
name must not resolve to the known person. Titles, ranks and honorifics ("President",
"Mr", "Sheikh"), the words of the knowledge base's office phrases and role nouns, and words
capitalised only because a sentence or a headline starts with them ("Yesterday", "Says")
are no name words; neither is a name the knowledge base knows of its own ("Iran's
Khamenei", "Russian President Putin").

Both the matcher of running text (:mod:`detente.actors.matcher`) and the knowledge base's
lookup of a phrase (:meth:`KnowledgeBase.lookup`) decide with the functions here, so that a
name reads the same in a document and on the command line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from detente.yamlfiles import strip_lines

_FILE = "name_words.yaml"


@dataclass(frozen=True, slots=True)
class NameWords:
    """Capitalised words that are no name: titles, and words capitalised by position."""

    titles: frozenset[str]
    common: frozenset[str]
    particles: frozenset[str]


@cache
def name_words() -> NameWords:
    """The packaged word lists (``data/name_words.yaml``), read once."""
    # Imported here: the knowledge base's lookup uses this module, and the loader builds it.
    from detente.actors.kb_loading import packaged_file, read_yaml

    raw = read_yaml(packaged_file(_FILE), sections=("titles", "common", "particles"), what=_FILE)

    def words(key: str) -> frozenset[str]:
        items = strip_lines(raw.get(key) or [])
        return frozenset(str(word).casefold() for word in items)

    return NameWords(words("titles"), words("common"), words("particles"))


def title_words(office_phrases: Iterable[str], role_nouns: Iterable[str]) -> frozenset[str]:
    """The titles of the word lists and every word of the knowledge base's office phrases
    and role nouns ("foreign", "minister", "army", "chief"), as lower-case keys."""
    vocabulary = name_words()
    words = set(vocabulary.titles)
    for phrase in (*office_phrases, *role_nouns):
        words.update(w for w in phrase.casefold().replace("-", " ").split() if w.isalpha())
    return frozenset(words - vocabulary.particles)  # "amir al-mu'minin": "al" is in names too


def name_run(words: Iterable[tuple[str, str]], titles: frozenset[str]) -> list[str]:
    """The keys of the name words in ``words`` (text as written, key), outward from a known
    name: capitalised words that are no title or common word, and the lower-case particles
    between them ("Abdel Fattah al"). Stops at the first word that is none of these; the
    caller stops the words where the text breaks (punctuation) or another known name starts.
    """
    vocabulary = name_words()
    run: list[str] = []
    for text, key in words:
        if text.islower() and key in vocabulary.particles:
            run.append(key)
            continue
        if (
            not text[:1].isupper()
            or key in titles
            or key in vocabulary.common
            or (len(text) > 1 and text.isupper())  # an acronym: an organisation, not a name
            or any(c.isdigit() for c in text)
        ):
            break
        run.append(key)
    while run and run[-1] in vocabulary.particles:
        run.pop()  # "said al-Burhan": a particle alone makes no name
    return run


def names_someone_else(
    before: Sequence[str],
    name: Sequence[str],
    after: Sequence[str],
    own_names: Iterable[Sequence[str]],
) -> bool:
    """Whether the name words next to a known name (``before`` in text order, ``after``)
    make a name that is none of the person's own: "Amit Shah" is not "the Shah", but "Javad
    Zarif" is "Mohammad Javad Zarif" and "George W. Bush" (an initial fits any word with its
    letter) is George W. Bush."""
    if not before and not after:
        return False
    whole = (*before, *name, *after)
    return not any(
        _within(whole, tuple(own)) or _with_middle_names(whole, tuple(own)) for own in own_names
    )


def _with_middle_names(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether ``words`` are a full name of the person with middle names or a patronymic
    added: the same first and last words, the name's words in order ("Narendra Damodardas
    Modi", "Sergei Viktorovich Lavrov", "Barack Hussein Obama")."""
    if len(name) < 2 or len(words) <= len(name) or words[0] != name[0] or words[-1] != name[-1]:
        return False
    rest = iter(words)
    return all(any(w == n for w in rest) for n in name)


def _within(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether ``words`` are a run of the words of ``name``, an initial standing for a word
    and a spelling a letter apart for the same given name ("Anthony Blinken" is Antony
    Blinken, "Mohammed" Mohammad: transliteration and typing vary, a surname is matched
    exactly before this is asked)."""
    size = len(words)
    for offset in range(len(name) - size + 1):
        if all(
            w == n or (len(w) == 1 and n.startswith(w)) or _spelt_apart(w, n)
            for w, n in zip(words, name[offset : offset + size], strict=True)
        ):
            return True
    return False


def _spelt_apart(a: str, b: str) -> bool:
    """Two spellings of one name word: both at least four letters, the same first letter,
    one letter added, dropped or changed ("anthony"/"antony", "sergey"/"sergei")."""
    if min(len(a), len(b)) < 4 or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))

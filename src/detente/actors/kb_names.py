"""Surface keys: how two spellings of a name are found to be the same name.

Both the loader (which indexes every name and rejects two actors claiming one) and the
queries (which look a phrase up) must compute the same key, so the normalisation lives in
one place that neither owns.
"""

from __future__ import annotations

import functools
import re
import unicodedata

QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u02bb": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)
"""Curly quotes and look-alikes, mapped to straight ones (apostrophe, double quote)."""
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
    }
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_PUNCT = re.compile(r"[.,;:!?()\[\]\"/]+")


@functools.lru_cache(maxsize=65536)
def normalize_surface(text: str) -> str:
    """Normalise a surface form without changing its case.

    Why: the same name is written many ways - curly or straight apostrophes, en dash or
    hyphen ("ISIS–K"), dotted or undotted acronyms ("U.S."), accents ("Côte", "Erdoğan"),
    spaced initials ("George H. W. Bush"). Hyphens become spaces so "al-Qaeda" and "al Qaeda"
    meet; apostrophes go so "Da'esh" meets "Daesh".
    """
    t = unicodedata.normalize("NFKC", text).translate(QUOTES)
    t = _DASHES.sub("-", t)
    t = _ACRONYM.sub(lambda m: m.group().replace(".", ""), t)
    t = t.translate(_SPECIAL)
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    t = t.replace("-", " ").replace("_", " ").replace("'", "")
    t = _PUNCT.sub(" ", t)
    tokens: list[str] = []
    run: list[str] = []
    for tok in t.split():
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        if run:
            tokens.append("".join(run) if len(run) > 1 else run[0])
            run = []
        tokens.append(tok)
    if run:
        tokens.append("".join(run) if len(run) > 1 else run[0])
    return " ".join(tokens)


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].casefold() == "the " else text


def surface_key(text: str) -> str:
    """The case-insensitive lookup key of a surface form ("The U.S." -> "us")."""
    return _strip_the(normalize_surface(text)).casefold()


def exact_key(text: str) -> str:
    """The case-sensitive key, for aliases like "US" or "IS" that are words in lower case."""
    return _strip_the(normalize_surface(text))

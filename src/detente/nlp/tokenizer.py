"""spaCy tokenizer adjustments for the names of this field.

spaCy's English tokenizer splits "ISIS-K" into three tokens and leaves "U.S.–Iran" as one,
so a parse would see neither the group nor the two states. Hyphenated names from the
knowledge base become special cases (one token each), and a dash after an abbreviation's
final period splits, as a dash between two words already does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_DASH_AFTER_ABBREVIATION = r"(?<=[A-Z]\.)[-–—](?=[A-Z])"


def customise_tokenizer(nlp: Any, hyphenated_names: Iterable[str]) -> None:
    """Keep each hyphenated name whole and split "U.S.–Iran" into "U.S.", "–", "Iran"."""
    from spacy.attrs import ORTH  # spaCy loads only when a parser is built
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, _DASH_AFTER_ABBREVIATION]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for name in hyphenated_names:
        if "-" in name and " " not in name:
            for variant in {name, name.replace("-", "–")}:
                nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])

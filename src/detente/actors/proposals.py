"""Organisations the knowledge base does not know, proposed by spaCy's statistical NER.

An unknown organisation is kept as a provisional actor, listed as such, rather than silently
dropped: an analyst can then add it to an actor file. Only ORG entities are proposed; people
are authors and sources far more often than actors, and places are covered by the states.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from detente.actors.kb import KnowledgeBase
from detente.actors.kb_loading import packaged_file, read_yaml
from detente.model import Mention

PROVISIONAL_PREFIX = "new-"
_NOT_ORGANISATIONS = re.compile(
    r"^(?:comments?|popular posts|twitter|facebook|reuters|afp|ap|bbc|cnn|associated press)$",
    re.IGNORECASE,
)


_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


@cache
def organisation_heads() -> frozenset[str]:
    name = "organisation_heads.yaml"
    raw = read_yaml(packaged_file(name), sections=("heads",), what=name)
    heads = {str(word).lower() for word in raw["heads"]}
    return frozenset(heads | {word + "s" for word in heads})


def looks_like_an_organisation(text: str) -> bool:
    """An acronym, or a name ending in an organisation noun ("... Liberation Army")."""
    words = text.split()
    return bool(_ACRONYM.match(text)) or (
        len(words) > 1 and words[-1].lower().strip(".,") in organisation_heads()
    )


def provisional_id(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold().removeprefix("the ")).strip("-")
    return PROVISIONAL_PREFIX + (slug or "organisation")


class OrganisationProposer:
    """Reads ORG entities off a sentence the pipeline has already parsed with NER enabled.

    The statistical model is the costliest step of the pipeline, so proposals share the
    event stage's parse rather than running a pass of their own; they come from the
    sentences worth parsing, where an organisation would act.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(
        self, doc: Any, sentence: int, offset: int, known: Sequence[Mention]
    ) -> list[Mention]:
        taken = [(m.start, m.end) for m in known]
        proposals: list[Mention] = []
        for entity in doc.ents:
            if entity.label_ != "ORG":
                continue
            text = entity.text.strip()
            start = offset + entity.start_char
            end = start + len(entity.text)
            if (
                len(text) < 3
                or text.islower()
                or _NOT_ORGANISATIONS.match(text)
                or not looks_like_an_organisation(text)
                or any(s < end and start < e for s, e in taken)
                or self.kb.lookup(text)
            ):
                continue
            proposals.append(
                Mention(
                    sentence=sentence,
                    start=start,
                    end=end,
                    text=text,
                    actor_id=provisional_id(text),
                    resolution="ner",
                    confidence=0.4,
                )
            )
        return proposals

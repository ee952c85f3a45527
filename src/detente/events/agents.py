"""Unnamed parts of a state the sentence implies: "police dispersed the demonstrators".

Much of what news reports is domestic: police against protesters, a government against
rebels, the opposition against the government. Often only one side carries its country
("Egyptian police", "rebels in the Ivory Coast"); the other is a bare role noun. Event coders
in the CAMEO tradition give the bare side the country of the named one (PETRARCH's agents
dictionary does the same), so that the event reads Egypt (police) → Egypt (civilians).

The role nouns are the knowledge base's sector nouns (``actors/data/sectors.yaml``): nothing
here is a second list of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from detente.actors.kb import KnowledgeBase


@dataclass(frozen=True, slots=True)
class AgentNouns:
    """Role nouns and the sector each signals, and the actors whose parts they can be."""

    sectors: Mapping[str, str]  # noun, singular and lower case -> sector code
    states: frozenset[str]  # ids of the actors that are states
    # ids of intergovernmental organisations: leaving one breaks relations (SANCTION), it
    # is no military withdrawal
    organisations: frozenset[str] = frozenset()

    def sector_of(self, lemma: str, text: str) -> str | None:
        """The sector a word signals, by its lemma or, for "police" and the like, its text."""
        return self.sectors.get(lemma) or self.sectors.get(text)


def agent_nouns(kb: KnowledgeBase) -> AgentNouns:
    """The sector nouns of one knowledge base (user files may add nouns to sectors)."""
    sectors: dict[str, str] = {}
    for code, sector in kb.sectors.items():
        for noun in (*sector.nouns, *sector.government_nouns):
            if " " not in noun:
                sectors.setdefault(noun.lower(), code)
    states = frozenset(a.id for a in kb.actors.values() if a.kind == "state")
    organisations = frozenset(a.id for a in kb.actors.values() if a.kind == "igo")
    return AgentNouns(sectors=sectors, states=states, organisations=organisations)

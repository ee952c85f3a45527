"""The knowledge base's coded errors (E301-E307), apart so that every part can raise them.

The schema, the loader and the queries all report problems, and a caller catches one
:class:`KnowledgeBaseError` whichever part raised it; keeping the classes here lets those
parts import them without importing each other.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import ClassVar

from detente.errors import DataFileError, DetenteError


class KnowledgeBaseError(DataFileError):
    """A knowledge-base file or query that cannot be accepted.

    One exception per problem, whose message says ``FILE:LINE: problem`` so the user can go
    straight to the line. Subclasses carry the code (E301-E307); ``path``, ``line`` and
    ``problem`` are also available as attributes for programs.
    """

    code: ClassVar[str] = "E300"


class ActorFileSyntaxError(KnowledgeBaseError):
    """The file is not valid YAML."""

    code = "E301"


class DuplicateId(KnowledgeBaseError):
    """An actor, person, office or sector id is defined twice."""

    code = "E302"


class ConflictingAlias(KnowledgeBaseError):
    """Two actors claim the same name for overlapping dates without saying it is ambiguous."""

    code = "E303"


class InvalidActorFile(KnowledgeBaseError):
    """Valid YAML, but not the knowledge-base schema (a wrong field, a bad date...)."""

    code = "E304"


class UnknownReference(KnowledgeBaseError):
    """A record refers to an actor, person, office, sector or country that does not exist."""

    code = "E305"


class ActorFileNotFound(KnowledgeBaseError):
    """A user actor file that cannot be read."""

    code = "E306"


class UnknownActor(KnowledgeBaseError, KeyError):
    """A query named an actor id that the knowledge base does not have."""

    code = "E307"

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return DetenteError.__str__(self)


def did_you_mean(ident: str, known: Iterable[str]) -> str:
    """A hint naming the known ids closest to ``ident`` (" (did you mean a, b?)"), or ""."""
    close = difflib.get_close_matches(ident, list(known), n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""

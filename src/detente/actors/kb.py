"""The actor knowledge base: who can act, under which names, for whom, and when.

Everything is read from YAML data files (``data/*.yaml`` in this package, plus any files the
user adds), validated once, and indexed for the lookups a resolver needs. Why data and not
code: analysts must be able to add the actors of their own region without editing detente,
and every answer must be traceable to a line of a file. So a bad file is rejected at load
with one :class:`KnowledgeBaseError` naming the file, the line and the problem (codes
E301-E307), rather than producing wrong actors later.

This module is the knowledge base's public face; the work is split by job, so that each
part can be read on its own:

* :mod:`detente.actors.kb_schema` - the records of the files, and the check of one entry;
* :mod:`detente.actors.kb_loading` - reading the files, layering them, reporting errors;
* :mod:`detente.actors.kb_lookup` - the :class:`KnowledgeBase` and its queries;
* :mod:`detente.actors.kb_names` - the surface keys both of those compute;
* :mod:`detente.actors.kb_errors` - the coded errors all of them raise.

Import from here: the split is an internal arrangement.
"""

from __future__ import annotations

from detente.actors.kb_errors import (
    ActorFileNotFound,
    ActorFileSyntaxError,
    ConflictingAlias,
    DuplicateId,
    InvalidActorFile,
    KnowledgeBaseError,
    UnknownActor,
    UnknownReference,
)
from detente.actors.kb_loading import PACKAGED_FILES, load_knowledge_base
from detente.actors.kb_lookup import Candidate, KnowledgeBase
from detente.actors.kb_names import normalize_surface, surface_key
from detente.actors.kb_schema import (
    Actor,
    Alias,
    CameoCode,
    Government,
    GovernmentPeriod,
    Office,
    Person,
    Sector,
    SurfaceForm,
    Term,
)

__all__ = [
    "PACKAGED_FILES",
    "Actor",
    "ActorFileNotFound",
    "ActorFileSyntaxError",
    "Alias",
    "CameoCode",
    "Candidate",
    "ConflictingAlias",
    "DuplicateId",
    "Government",
    "GovernmentPeriod",
    "InvalidActorFile",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Office",
    "Person",
    "Sector",
    "SurfaceForm",
    "Term",
    "UnknownActor",
    "UnknownReference",
    "load_knowledge_base",
    "normalize_surface",
    "surface_key",
]

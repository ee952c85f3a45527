"""A cache on disk of objects that take long to build and never change between runs: the
loaded knowledge base and actor resolver that ``detente check`` needs to read a claim.

An entry is a pickle under the user's cache directory (``DETENTE_CACHE_DIR``, else the
platform's: ``$XDG_CACHE_HOME/detente``, ``~/.cache/detente``, ``~/Library/Caches/detente``,
``%LOCALAPPDATA%\\detente\\Cache``), named by a key that hashes every code and data file of
the installed detente, the Python and pydantic versions, and whatever the caller adds (the
user's actor files). A different detente, or a changed actor file, reads another entry: an
entry is never shared between versions. An entry that cannot be read (corrupt, truncated,
written by something else) is rebuilt silently; an entry is written to a temporary file and
renamed into place, so a reader never sees half of one. ``DETENTE_CACHE_DIR=off`` turns the
cache off. The cache holds only what this user's own detente wrote; like any pickle, it is
code to be trusted, which is why it lives in the user's own directory.

Reading an entry is most of what ``detente check`` spends before it reads the claim, so
entries are written to be quick to read: a slotted dataclass (the knowledge base's tens of
thousands of surface forms) is stored as its class and field values and rebuilt by its
generated ``__init__``, not by the ``__setstate__`` that dataclasses give slotted classes,
which is a Python loop over ``fields()`` per object (see :class:`_Reducers`).
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import inspect
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["cache_directory", "cached", "code_and_data_digest"]

T = TypeVar("T")

_SUFFIXES = (".py", ".yaml", ".yml", ".tsv", ".json", ".txt", ".csv", ".toml")
_KEPT = 4  # entries of one name kept (other installed versions, other actor files)
_OFF = ("off", "0", "false", "no")


def cache_directory() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    chosen = os.environ.get("DETENTE_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF or not chosen.strip() else Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "detente" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "detente"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "detente"


@cache
def code_and_data_digest() -> str:
    """A hash of every code and data file of the installed detente, in a fixed order, with
    the versions of Python and pydantic (whose classes the pickles hold)."""
    digest = hashlib.sha256()
    for relative, entry in sorted(_files(resources.files("detente"), "")):
        digest.update(relative.encode())
        digest.update(b"\0")
        digest.update(entry.read_bytes())
        digest.update(b"\0")
    digest.update(sys.version.encode())
    for package in ("pydantic", "pydantic-core"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=absent".encode())
    return digest.hexdigest()


def _files(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in folder.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__":
                found.extend(_files(entry, name + "/"))
        elif entry.name.endswith(_SUFFIXES):
            found.append((name, entry))
    return found


def entry_key(name: str, extra_files: Iterable[str | Path] = ()) -> str:
    """The key of an entry: the name, detente's code and data, and the extra files' contents
    (an extra file that cannot be read makes the key of its error: nothing is cached)."""
    digest = hashlib.sha256(f"{name}\0{code_and_data_digest()}".encode())
    for path in extra_files:
        digest.update(str(Path(path).resolve()).encode())
        digest.update(b"\0")
        digest.update(Path(path).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def cached(name: str, build: Callable[[], T], *, extra_files: Iterable[str | Path] = ()) -> T:
    """What ``build()`` returns, read from the cache when an entry for this detente and these
    extra files is there, else built and written for next time. Never fails because of the
    cache: an unreadable entry is rebuilt, an unwritable directory is left alone."""
    folder = cache_directory()
    files = list(extra_files)
    if folder is None:
        return build()
    try:
        key = entry_key(name, files)
    except OSError:
        return build()  # an unreadable actor file: let the builder report it
    path = folder / f"{name}-{key}.pickle"
    found: tuple[T] | None = _read(path, key)
    if found is not None:
        return found[0]
    value = build()
    _write(path, key, value)
    _prune(folder, name, keep=path)
    return value


def _read(path: Path, key: str) -> tuple[Any] | None:
    """The entry's value (in a 1-tuple, since the value may be None), or None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        stored_key, value = pickle.loads(data)
    except Exception:  # any damage means "build it again"
        return None
    return (value,) if stored_key == key else None


def _write(path: Path, key: str, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(dumps((key, value)))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return  # no cache this time; the next run tries again


def dumps(value: object) -> bytes:
    """``value`` pickled as the cache stores it (see :class:`_Reducers`); ``pickle.loads``
    reads it back."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _Reducers()
    pickler.dump(value)
    return buffer.getvalue()


class _Reducers(dict[type, Callable[[Any], Any]]):
    """The pickler's reducers by class, worked out on first sight of a class: copyreg's
    where it has one; for a slotted dataclass that ``__init__`` rebuilds (see
    :func:`_init_reducer`), the class and its field values; otherwise none, and pickle does
    as usual."""

    def __init__(self) -> None:
        super().__init__()
        self._usual: set[type] = set()

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        if cls in self._usual:
            raise KeyError(cls)
        reducer = copyreg.dispatch_table.get(cls) or _init_reducer(cls)
        if reducer is None:
            self._usual.add(cls)
            raise KeyError(cls)
        self[cls] = reducer
        return reducer


def _init_reducer(cls: type) -> Callable[[Any], Any] | None:
    """``obj -> (cls, field values)`` when ``cls(*values)`` rebuilds an equal object, else
    None. That holds for a dataclass of its own (not a subclass that inherits one's fields)
    whose objects hold nothing but their fields (slotted all the way: no ``__dict__``) and
    whose ``__init__`` takes exactly the fields, in order, and only assigns them (no
    ``__post_init__``, which might change or check what it is given)."""
    if "__dataclass_fields__" not in vars(cls) or hasattr(cls, "__post_init__"):
        return None
    if getattr(cls, "__dictoffset__", 1) != 0:
        return None
    names = tuple(f.name for f in dataclasses.fields(cls))
    try:
        parameters = list(inspect.signature(cls).parameters.values())
    except (TypeError, ValueError):
        return None
    takes = tuple(p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD)
    if takes != names or len(parameters) != len(names):
        return None

    def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, tuple(getattr(obj, name) for name in names)

    return reduce


def _prune(folder: Path, name: str, *, keep: Path) -> None:
    """Keep the newest few entries of this name; the rest belong to versions gone by."""
    try:
        entries = sorted(
            (p for p in folder.glob(f"{name}-*.pickle") if p != keep),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for stale in entries[_KEPT - 1 :]:
            stale.unlink(missing_ok=True)
    except OSError:
        return

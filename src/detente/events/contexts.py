"""PLOVER contexts: the policy areas an event belongs to, read from ``data/contexts.yaml``.

An event "Iran pledged to take back Afghan refugees" is an AGREE event in the *migration*
context; "Tehran signed a deal to export fuel to Kabul" is AGREE in the *economic* one. The
contexts are the PLOVER manual's general context list, each with a one-line definition and a
cue lexicon: words and short phrases that signal it ("refugee", "deportation" → migration;
"export", "market" → economic).

Matching needs no parser: the text is lower-cased and split into words (letters and digits;
hyphens and apostrophes separate words), each cue word also matches its regular inflections,
and cues are matched greedily left to right, the longest first, so "suicide bombing" is
terrorism and not the military "bombing".

A bad file is rejected at load with one :class:`ContextsError` (E402) naming the file and the
line: an unknown context, a cue listed twice, or two cues of different contexts that match
the same words. Users add cues (or contexts, with a definition) in files of the same schema:
``load_contexts(extra_files=[...])``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Final

from detente.errors import DataFileError
from detente.events.lexicon import inflections
from detente.yamlfiles import line_of, load_sections, read_user_file

__all__ = [
    "Context",
    "ContextLexicon",
    "ContextsError",
    "assign_contexts",
    "load_contexts",
    "words_of",
]

#: Part of the pipeline's extraction version: a change to the cues or to how they are
#: matched re-extracts stored documents.

_PACKAGED: Final = "detente/events/data/contexts.yaml"
_SECTIONS: Final = frozenset({"contexts", "shared_cues"})
_CONTEXT_KEYS: Final = frozenset({"definition", "aliases", "cues"})
_NAME = re.compile(r"^[a-z][a-z_]*[a-z]$")
_WORDS = re.compile(r"[^\W_]+")
#: Function words a cue may contain but that are never inflected.
_FUNCTION_WORDS: Final = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
)


class ContextsError(DataFileError):
    """A contexts file that cannot be accepted. The message says ``FILE:LINE: problem``."""

    code: ClassVar[str] = "E402"


@dataclass(frozen=True, slots=True)
class Context:
    """One context: its name, what it covers, other names for it, and its cues."""

    name: str
    definition: str
    aliases: tuple[str, ...]
    cues: tuple[str, ...]


def words_of(text: str) -> list[tuple[str, int, int]]:
    """The lower-cased words of a text with their character offsets."""
    return [(m.group().lower(), m.start(), m.end()) for m in _WORDS.finditer(text)]


def _forms(word: str) -> frozenset[str]:
    if word in _FUNCTION_WORDS or len(word) < 3 or not word.isalpha():
        return frozenset({word})
    return inflections(word, "NOUN") | inflections(word, "VERB")


@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # index of the first word
    last: int  # index of the last word
    contexts: tuple[str, ...]


class ContextLexicon:
    """The merged, validated contexts of the packaged file and any user files."""

    def __init__(
        self,
        contexts: Mapping[str, Context],
        cues: Mapping[tuple[str, ...], tuple[str, ...]],
        sources: Sequence[str],
    ) -> None:
        self.contexts: Mapping[str, Context] = dict(contexts)
        self._cues = dict(cues)
        self._longest = max((len(k) for k in self._cues), default=0)
        self._aliases = {a: c.name for c in self.contexts.values() for a in (c.name, *c.aliases)}
        self.sources = tuple(sources)
        self._reads: dict[str, tuple[list[tuple[str, int, int]], list[_Match]]] = {}

    def __len__(self) -> int:
        return len(self.contexts)

    def __contains__(self, name: object) -> bool:
        return name in self.contexts

    def canonical(self, label: str) -> str | None:
        """The context a name or alias (any case, spaces or hyphens for underscores) means."""
        key = "_".join(w for w, _, _ in words_of(label.replace("_", " ")))
        return self._aliases.get(key)

    def matches(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Cue matches in a text as (start char, end char, contexts), left to right; where
        cues overlap, the longest wins."""
        words = words_of(text)
        found: list[tuple[int, int, tuple[str, ...]]] = []
        for match in self._match_words([w for w, _, _ in words]):
            found.append((words[match.first][1], words[match.last][2], match.contexts))
        return found

    def _read(self, text: str) -> tuple[list[tuple[str, int, int]], list[_Match]]:
        """The words of a text and their cue matches, remembered: every event of a sentence,
        and every sentence of a paragraph, asks about the same text."""
        found = self._reads.get(text)
        if found is None:
            words = words_of(text)
            found = (words, self._match_words([w for w, _, _ in words]))
            if len(self._reads) > 4096:
                self._reads.clear()
            self._reads[text] = found
        return found

    def _match_words(self, words: Sequence[str]) -> list[_Match]:
        out: list[_Match] = []
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                contexts = self._cues.get(tuple(words[i : i + size]))
                if contexts:
                    out.append(_Match(i, i + size - 1, contexts))
                    i += size
                    break
            else:
                i += 1
        return out

    def contexts_of(self, text: str, trigger: tuple[int, int] | None = None) -> tuple[str, ...]:
        """The contexts cued in a text, without repeats.

        With a ``trigger`` (character offsets into ``text``), those whose nearest cue is
        closest to the trigger come first; without one, the most often cued come first.
        Ties go to the earlier cue.
        """
        words, matches = self._read(text)
        if not matches:
            return ()
        anchor: int | None = None
        if trigger is not None:
            anchor = next(
                (i for i, (_, _, end) in enumerate(words) if end > trigger[0]), len(words)
            )
        rank: dict[str, tuple[int, int]] = {}
        for match in matches:
            for name in match.contexts:
                if anchor is not None:
                    distance = (
                        0
                        if match.first <= anchor <= match.last
                        else min(abs(match.first - anchor), abs(match.last - anchor))
                    )
                    best = rank.get(name)
                    key = (distance, match.first)
                    rank[name] = key if best is None or key < best else best
                else:
                    count, first = rank.get(name, (0, match.first))
                    rank[name] = (count - 1, first)
        return tuple(str(name) for name in sorted(rank, key=lambda name: rank[name]))


def assign_contexts(
    sentence: str,
    paragraph: str = "",
    trigger: tuple[int, int] | None = None,
    *,
    lexicon: ContextLexicon | None = None,
) -> tuple[str, ...]:
    """The PLOVER contexts of an event: from its own sentence first, and from its paragraph
    when the sentence cues none.

    A pure function of the texts and the trigger: ``trigger`` is the trigger's character
    offsets in ``sentence`` and orders the sentence's contexts by nearness to it (the
    paragraph's are ordered by how often they are cued). ``paragraph`` is the whole paragraph
    the sentence belongs to (it may include the sentence). Returns ``()`` when neither cues
    any context.
    """
    lexicon = lexicon or load_contexts()
    found = lexicon.contexts_of(sentence, trigger)
    if found or not paragraph:
        return found
    return lexicon.contexts_of(paragraph)


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True, slots=True)
class _Cue:
    text: str
    contexts: tuple[str, ...]
    path: str
    line: int | None


@dataclass(frozen=True, slots=True)
class _Layer:
    path: str
    contexts: tuple[tuple[Context, int | None], ...]  # new contexts, with their lines
    additions: tuple[tuple[str, int | None], ...]  # existing contexts a file adds cues to
    cues: tuple[_Cue, ...]


def _strings(value: Any, what: str, path: str, line: int | None) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ContextsError(f"{what} must be a list", path=path, line=line)
    out: list[str] = []
    for item in value:
        where = line_of(item) or line
        if not isinstance(item, str) or not item.strip():
            raise ContextsError(
                f"{what}: {item!r} is not a word or phrase (quote on/off/yes/no)",
                path=path,
                line=where,
            )
        if item != item.lower():
            raise ContextsError(f"{what}: {item!r} must be lower case", path=path, line=where)
        out.append(item)
    return out


def _parse_text(text: str, path: str) -> _Layer:
    raw = load_sections(
        text,
        what="a contexts file",
        sections=_SECTIONS,
        syntax_error=lambda problem, line: ContextsError(problem, path=path, line=line),
    )
    top = line_of(raw)
    new: list[tuple[Context, int | None]] = []
    additions: list[tuple[str, int | None]] = []
    cues: list[_Cue] = []
    section = raw.get("contexts") or {}
    if not isinstance(section, dict):
        raise ContextsError("'contexts' must map context names to entries", path=path, line=top)
    for name, entry in section.items():
        if name == "__line__":
            continue
        line = line_of(entry) if isinstance(entry, dict) else line_of(name)
        if not isinstance(name, str) or not _NAME.match(name):
            raise ContextsError(
                f"context name {name!r} must be lower case with underscores, e.g. human_security",
                path=path,
                line=line,
            )
        if not isinstance(entry, dict):
            raise ContextsError(
                f"context {name}: must be a mapping with definition, aliases, cues",
                path=path,
                line=line,
            )
        stray = sorted(str(k) for k in entry if k != "__line__" and k not in _CONTEXT_KEYS)
        if stray:
            raise ContextsError(
                f"context {name}: unknown key {stray[0]!r} (expected definition, aliases, cues)",
                path=path,
                line=line,
            )
        cue_list = _strings(entry.get("cues"), f"context {name}: cues", path, line)
        aliases = _strings(entry.get("aliases"), f"context {name}: aliases", path, line)
        definition = entry.get("definition")
        if definition is None:
            if aliases:
                raise ContextsError(
                    f"context {name}: aliases need a definition (a new context)",
                    path=path,
                    line=line,
                )
            additions.append((name, line))
        else:
            if not isinstance(definition, str) or not definition.strip():
                raise ContextsError(
                    f"context {name}: definition must be a sentence", path=path, line=line
                )
            new.append((Context(name, " ".join(definition.split()), tuple(aliases), ()), line))
        cues += [_Cue(c, (name,), path, line_of(c) or line) for c in cue_list]
    shared = raw.get("shared_cues") or []
    if not isinstance(shared, list):
        raise ContextsError("'shared_cues' must be a list of entries", path=path, line=top)
    for index, item in enumerate(shared, start=1):
        line = line_of(item) or top
        if not isinstance(item, dict) or set(item) - {"__line__"} != {"cue", "contexts"}:
            raise ContextsError(
                f"shared cue {index} must be a mapping with cue and contexts", path=path, line=line
            )
        [cue] = _strings([item["cue"]], f"shared cue {index}", path, line)
        names = _strings(item["contexts"], f"shared cue {index}: contexts", path, line)
        if len(names) < 2 or len(set(names)) != len(names):
            raise ContextsError(
                f"shared cue {cue!r}: list two or more different contexts", path=path, line=line
            )
        cues.append(_Cue(cue, tuple(names), path, line))
    return _Layer(path, tuple(new), tuple(additions), tuple(cues))


def _build(layers: Sequence[_Layer]) -> ContextLexicon:
    contexts: dict[str, Context] = {}
    lines: dict[str, str] = {}
    for layer in layers:
        for context, line in layer.contexts:
            if context.name in contexts:
                raise ContextsError(
                    f"context {context.name} is already defined at {lines[context.name]}; "
                    "leave out its definition to add cues to it",
                    path=layer.path,
                    line=line,
                )
            contexts[context.name] = context
            lines[context.name] = f"{layer.path}:{line}" if line else layer.path
    aliases: dict[str, str] = {}
    for context in contexts.values():
        for alias in context.aliases:
            if alias in contexts or alias in aliases:
                raise ContextsError(
                    f"alias {alias!r} of {context.name} already names "
                    f"{alias if alias in contexts else aliases[alias]}",
                    path=lines[context.name].rsplit(":", 1)[0],
                    line=_line_number(lines[context.name]),
                )
            aliases[alias] = context.name
    known = ", ".join(sorted(contexts))
    for layer in layers:
        for name, line in layer.additions:
            if name not in contexts:
                raise ContextsError(
                    f"unknown context {name!r} (give it a definition to add it; known: {known})",
                    path=layer.path,
                    line=line,
                )
    seen: dict[str, _Cue] = {}
    keys: dict[tuple[str, ...], _Cue] = {}
    by_context: dict[str, list[str]] = {name: [] for name in contexts}
    for layer in layers:
        for cue in layer.cues:
            for name in cue.contexts:
                if name not in contexts:
                    raise ContextsError(
                        f"cue {cue.text!r}: unknown context {name!r} (known: {known})",
                        path=cue.path,
                        line=cue.line,
                    )
            words = tuple(w for w, _, _ in words_of(cue.text))
            if not words:
                raise ContextsError(f"cue {cue.text!r} has no words", path=cue.path, line=cue.line)
            normal = " ".join(words)
            if normal in seen:
                first = seen[normal]
                raise ContextsError(
                    f"duplicate cue {cue.text!r} (first at {_where(first)}); "
                    "a cue of several contexts goes in shared_cues",
                    path=cue.path,
                    line=cue.line,
                )
            seen[normal] = cue
            for key in itertools.product(*(sorted(_forms(w)) for w in words)):
                other = keys.get(key)
                if other is not None and set(other.contexts) != set(cue.contexts):
                    raise ContextsError(
                        f"cue {cue.text!r} and cue {other.text!r} (at {_where(other)}) both "
                        f"match {' '.join(key)!r} but name different contexts",
                        path=cue.path,
                        line=cue.line,
                    )
                keys.setdefault(key, cue)
            for name in cue.contexts:
                by_context[name].append(cue.text)
    final = {
        name: Context(c.name, c.definition, c.aliases, tuple(by_context[name]))
        for name, c in contexts.items()
    }
    return ContextLexicon(
        final, {key: cue.contexts for key, cue in keys.items()}, [la.path for la in layers]
    )


def _where(cue: _Cue) -> str:
    return f"{cue.path}:{cue.line}" if cue.line else cue.path


def _line_number(where: str) -> int | None:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


@functools.lru_cache(maxsize=1)
def _packaged_layer() -> _Layer:
    resource = resources.files("detente.events").joinpath("data", "contexts.yaml")
    return _parse_text(resource.read_text(encoding="utf-8"), _PACKAGED)


@functools.lru_cache(maxsize=1)
def _default() -> ContextLexicon:
    return _build([_packaged_layer()])


def _user_layer(path: Path | str) -> _Layer:
    text = read_user_file(
        path, "contexts file", lambda problem, where: ContextsError(problem, path=where)
    )
    return _parse_text(text, str(path))


def load_contexts(extra_files: Iterable[Path | str] = ()) -> ContextLexicon:
    """The packaged contexts, with the user's contexts files layered on top.

    A user file has the packaged file's schema. An entry under ``contexts`` with a
    ``definition`` defines a new context; one without adds cues to a known context. The
    packaged file is parsed once per process and the default lexicon cached.
    """
    extra = list(extra_files)
    if not extra:
        return _default()
    return _build([_packaged_layer(), *(_user_layer(p) for p in extra)])

"""YAML data files that remember where each value came from.

The knowledge base and the lexicon are files users edit and extend; when one is wrong, the
error must name the file and the line. This loader (safe, libyaml when available) records
the line of every mapping and string, rejects duplicate keys and impossible dates, and turns
syntax errors into the caller's own coded error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml


class LineStr(str):
    """A string that remembers the line it came from."""

    line: int

    def __new__(cls, value: str, line: int) -> LineStr:
        obj = super().__new__(cls, value)
        obj.line = line
        return obj

    def __reduce__(self) -> tuple[type[LineStr], tuple[str, int]]:
        # Records built from data files cross process boundaries (parallel extraction).
        return (LineStr, (str(self), self.line))


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe YAML loader that records line numbers and rejects duplicate keys."""


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.value in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key_node.value!r}", key_node.start_mark
                )
            seen.add(key_node.value)
    data = loader.construct_mapping(node, deep=True)
    data["__line__"] = node.start_mark.line + 1
    return data


def _construct_str(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return LineStr(loader.construct_scalar(node), node.start_mark.line + 1)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as exc:  # "2020-13-45" looks like a date to YAML but is none
        raise yaml.constructor.ConstructorError(
            None, None, f"invalid date {node.value!r} ({exc})", node.start_mark
        ) from None


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def read_user_file(path: Path | str, kind: str, error: Callable[[str, str], Exception]) -> str:
    """The text of a data file the user named, or the caller's error ``error(problem, path)``
    saying it does not exist ("no such actor file") or cannot be read, and why."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"no such {kind}", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read {kind}: {exc}", str(path)) from None


def load_with_lines(text: str, error: Callable[[str, int | None], Exception]) -> Any:
    """Parse YAML text; a syntax error becomes ``error(message, line)``."""
    try:
        return yaml.load(text, Loader=LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(f"YAML syntax error: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise error(f"YAML syntax error: {exc}", None) from None


def load_sections(
    text: str,
    *,
    what: str,
    sections: Iterable[str],
    syntax_error: Callable[[str, int | None], Exception],
    structure_error: Callable[[str, int | None], Exception] | None = None,
) -> dict[Any, Any]:
    """A data file's top-level mapping (empty for an empty file), with every key one of
    ``sections``; anything else is ``structure_error(message, line)`` naming the key's line.

    ``what`` names the file in messages ("a lexicon file must be a mapping ...").
    """
    structure_error = structure_error or syntax_error
    known = sorted(sections)
    raw = load_with_lines(text, syntax_error)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise structure_error(
            f"{what} must be a mapping with some of the keys {', '.join(known)}",
            line_of(raw) or 1,
        )
    unknown = [k for k in raw if k != "__line__" and k not in known]
    if unknown:
        key = unknown[0]
        raise structure_error(
            f"unknown top-level key {str(key)!r} (expected {', '.join(known)})",
            line_of(key) or line_of(raw),
        )
    return raw


def line_of(obj: object) -> int | None:
    """The line a mapping or string came from, if known."""
    if isinstance(obj, dict):
        line = obj.get("__line__")
        return line if isinstance(line, int) else None
    return getattr(obj, "line", None)


def strip_lines(obj: Any) -> Any:
    """The plain data, without the line bookkeeping, ready for validation."""
    if isinstance(obj, dict):
        return {str(k): strip_lines(v) for k, v in obj.items() if k != "__line__"}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
    if isinstance(obj, LineStr):
        return str(obj)
    return obj

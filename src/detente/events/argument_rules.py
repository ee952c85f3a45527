"""The ordered table of argument rules: how a trigger finds its source and its target.

The extractor tries the rules of each side in the order of ``data/argument_rules.yaml`` and
stops at the first that finds an actor; the rule's name goes into the event's trace and its
certainty into the event's confidence. Keeping the order and the weights in a data file makes
the extractor's reading of a sentence something a user can look up ("why is Iran the
source? rule ``governing_subject``") and a maintainer can change in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, ClassVar, Literal

from detente.errors import DataFileError
from detente.yamlfiles import line_of, load_sections

Side = Literal["source", "target"]
_PACKAGED = "detente/events/data/argument_rules.yaml"


class ArgumentRulesError(DataFileError):
    """An argument rules file that cannot be accepted. The message says ``FILE:LINE``."""

    code: ClassVar[str] = "E403"


@dataclass(frozen=True, slots=True)
class ArgumentRule:
    name: str
    side: Side
    certainty: float
    reads: str


@dataclass(frozen=True, slots=True)
class ArgumentRules:
    """The rules of both sides, in the order they are tried."""

    source: tuple[ArgumentRule, ...]
    target: tuple[ArgumentRule, ...]

    def certainty(self, side: Side, name: str | None) -> float:
        """The certainty of the rule that found a side (1.0 for a side no rule found)."""
        for rule in self.source if side == "source" else self.target:
            if rule.name == name:
                return rule.certainty
        return 1.0

    def names(self, side: Side) -> tuple[str, ...]:
        return tuple(r.name for r in (self.source if side == "source" else self.target))


def parse_argument_rules(
    text: str, path: str, implemented: dict[Side, Iterable[str]]
) -> ArgumentRules:
    """Read a rules file; every rule the code ``implemented`` must be listed once per side,
    and nothing else, so a misspelt or forgotten rule fails here rather than silently."""

    def error(problem: str, line: int | None) -> ArgumentRulesError:
        return ArgumentRulesError(problem, path=path, line=line)

    raw = load_sections(
        text, what="an argument rules file", sections=("source", "target"), syntax_error=error
    )
    sides: dict[Side, tuple[ArgumentRule, ...]] = {}
    for side in ("source", "target"):
        entries = raw.get(side)
        if not isinstance(entries, list) or not entries:
            raise error(f"'{side}' must be a non-empty list of rules", line_of(raw))
        rules = [_rule(entry, side, error) for entry in entries]
        names = [r.name for r in rules]
        wanted = set(implemented[side])
        seen: set[str] = set()
        for rule, entry in zip(rules, entries, strict=True):
            if rule.name not in wanted:
                known = ", ".join(sorted(wanted))
                raise error(
                    f"{side} rule {rule.name!r} is not implemented ({known})", line_of(entry)
                )
            if rule.name in seen:
                raise error(f"{side} rule {rule.name!r} is listed twice", line_of(entry))
            seen.add(rule.name)
        missing = sorted(wanted - set(names))
        if missing:
            raise error(f"{side} rules missing: {', '.join(missing)}", line_of(raw))
        sides[side] = tuple(rules)
    return ArgumentRules(source=sides["source"], target=sides["target"])


def _rule(entry: Any, side: Side, error: Any) -> ArgumentRule:
    line = line_of(entry)
    if not isinstance(entry, dict):
        raise error(f"a {side} rule must be a mapping with name, certainty and reads", line)
    unknown = sorted(str(k) for k in entry if k not in ("__line__", "name", "certainty", "reads"))
    if unknown:
        raise error(f"unknown field {unknown[0]!r} (expected name, certainty, reads)", line)
    name, certainty, reads = entry.get("name"), entry.get("certainty"), entry.get("reads")
    if not isinstance(name, str) or not name:
        raise error(f"a {side} rule needs a name", line)
    if isinstance(certainty, bool) or not isinstance(certainty, int | float):
        raise error(f"rule {name!r}: certainty must be a number", line)
    if not 0 < certainty <= 1:
        raise error(f"rule {name!r}: certainty must be in (0, 1], not {certainty}", line)
    if not isinstance(reads, str) or not reads.strip():
        raise error(f"rule {name!r}: say what it reads ('reads')", line)
    return ArgumentRule(str(name), side, float(certainty), str(reads))


@cache
def load_argument_rules(implemented: tuple[tuple[str, ...], tuple[str, ...]]) -> ArgumentRules:
    """The packaged table, checked against the rules the extractor implements (source
    names, target names)."""
    text = files("detente.events").joinpath("data/argument_rules.yaml").read_text("utf-8")
    return parse_argument_rules(
        text, _PACKAGED, {"source": implemented[0], "target": implemented[1]}
    )

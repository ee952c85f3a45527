"""The event ontology: the 16 PLOVER event types and RELATION, read from ``data/plover.yaml``.

Each :class:`EventType` carries its definition, quad class, default intensity and polarity,
and the CAMEO roots it maps to. :func:`cameo_to_plover` maps any CAMEO code to its PLOVER type
(longest listed prefix wins, so "0841" is RETREAT while "081" is CONCEDE).

The file is packaged data, validated once per process: a broken file raises
:class:`OntologyError` naming the file and the problem, never a half-loaded ontology.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any, ClassVar, Final, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from detente.errors import DetenteError

__all__ = [
    "PLOVER_TYPES",
    "QUAD_CLASSES",
    "RELATION",
    "EventType",
    "OntologyError",
    "cameo_map",
    "cameo_to_plover",
    "load_ontology",
]

#: The 16 PLOVER event types, in quad-class order.
PLOVER_TYPES: Final[tuple[str, ...]] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: The type of relation-state statements ("ties hit rock bottom").
RELATION: Final = "RELATION"

QUAD_CLASSES: Final[Mapping[int, str]] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

_PACKAGED = "detente/events/data/plover.yaml"
_ROOT = re.compile(r"^(0[1-9]|1[0-9]|20)$")
_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_POLARITY_NAMES: Final[Mapping[str, int]] = {"positive": 1, "neutral": 0, "negative": -1}


class OntologyError(DetenteError, ValueError):
    """The ontology file is missing, not YAML, or not the ontology schema."""

    code: ClassVar[str] = "E400"

    def __init__(self, problem: str, *, path: str = _PACKAGED) -> None:
        super().__init__(f"{path}: {problem}")
        self.problem = problem
        self.path = path


class EventType(BaseModel):
    """One event type of the ontology."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    definition: str = Field(min_length=1)
    quad_class: int | None = Field(ge=1, le=4)
    intensity: float = Field(ge=-10.0, le=10.0)
    polarity: int | None
    cameo_roots: tuple[str, ...]
    cameo_root: str | None
    #: The sides ("source", "target") an event of this type may be stored without.
    may_lack: tuple[Literal["source", "target"], ...] = ()
    #: For RELATION: the intensity of a positive (1), neutral (0) or negative (-1) statement.
    intensity_by_polarity: dict[int, float] | None = None

    @field_validator("polarity")
    @classmethod
    def _polarity(cls, value: int | None) -> int | None:
        if value not in (None, -1, 1):
            raise ValueError("polarity must be 1, -1 or null")
        return value

    @field_validator("cameo_roots")
    @classmethod
    def _roots(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for root in value:
            if not _ROOT.match(root):
                raise ValueError(f"{root!r} is not a 2-digit CAMEO root (01-20)")
        if len(set(value)) != len(value):
            raise ValueError("a root is listed twice")
        return value

    @field_validator("intensity_by_polarity", mode="before")
    @classmethod
    def _by_polarity(cls, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise ValueError("must map positive/neutral/negative to an intensity")
        out: dict[int, float] = {}
        for key, score in value.items():
            if key not in _POLARITY_NAMES:
                raise ValueError(f"unknown polarity {key!r} (positive, neutral, negative)")
            if not isinstance(score, int | float) or not -10 <= score <= 10:
                raise ValueError(f"intensity for {key} must be a number in -10..10")
            out[_POLARITY_NAMES[key]] = float(score)
        return out

    @property
    def quad_name(self) -> str | None:
        """The quad class's name ("verbal cooperation" ...), or None for RELATION."""
        return QUAD_CLASSES[self.quad_class] if self.quad_class is not None else None

    def intensity_for(self, polarity: int | None) -> float:
        """The default intensity of an event of this type with the given polarity.

        For the 16 PLOVER types this is :attr:`intensity`; for RELATION it depends on whether
        the statement is positive, neutral or negative.
        """
        if self.intensity_by_polarity is not None and polarity is not None:
            return self.intensity_by_polarity.get(polarity, self.intensity)
        return self.intensity


def _read_yaml(text: str, path: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise OntologyError(f"{where}YAML syntax error: {exc.problem or exc}", path=path) from None
    except yaml.YAMLError as exc:
        raise OntologyError(f"YAML syntax error: {exc}", path=path) from None


def _parse(raw: Any, path: str) -> tuple[dict[str, EventType], dict[str, str | None]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("types"), dict):
        raise OntologyError("expected a mapping with 'types' and 'cameo_map'", path=path)
    unknown = set(raw) - {"types", "cameo_map"}
    if unknown:
        raise OntologyError(f"unknown top-level key {sorted(unknown)[0]!r}", path=path)
    types: dict[str, EventType] = {}
    for name, body in raw["types"].items():
        if not isinstance(body, dict):
            raise OntologyError(f"type {name!r} must be a mapping", path=path)
        try:
            kind = EventType.model_validate({"name": str(name), **body})
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            raise OntologyError(f"type {name!r}: {field}: {err['msg']}", path=path) from None
        _check_type(kind, path)
        types[kind.name] = kind
    expected = {*PLOVER_TYPES, RELATION}
    missing = [t for t in (*PLOVER_TYPES, RELATION) if t not in types]
    if missing:
        raise OntologyError(f"missing event type(s): {', '.join(missing)}", path=path)
    extra = sorted(set(types) - expected)
    if extra:
        raise OntologyError(f"unknown event type(s): {', '.join(extra)}", path=path)
    mapping = _parse_cameo_map(raw.get("cameo_map"), types, path)
    return {t: types[t] for t in (*PLOVER_TYPES, RELATION)}, mapping


def _check_type(kind: EventType, path: str) -> None:
    def bad(problem: str) -> OntologyError:
        return OntologyError(f"type {kind.name!r}: {problem}", path=path)

    if kind.name == RELATION:
        if kind.quad_class is not None or kind.polarity is not None:
            raise bad("RELATION has no quad_class or polarity of its own (use null)")
        if kind.intensity_by_polarity is None:
            raise bad("RELATION needs intensity_by_polarity")
        return
    if kind.quad_class is None:
        raise bad("quad_class must be 1..4")
    if kind.polarity is None:
        raise bad("polarity must be 1 or -1")
    if kind.intensity != 0 and (kind.intensity > 0) != (kind.polarity > 0):
        raise bad("the sign of intensity and polarity disagree")
    if (kind.quad_class <= 2) != (kind.polarity > 0):
        raise bad(f"quad class {kind.quad_class} does not fit polarity {kind.polarity}")
    if not kind.cameo_roots:
        raise bad("cameo_roots must list at least one CAMEO root")
    if kind.cameo_root not in kind.cameo_roots:
        raise bad(f"cameo_root {kind.cameo_root!r} is not among cameo_roots")
    if kind.intensity_by_polarity is not None:
        raise bad("only RELATION has intensity_by_polarity")


def _parse_cameo_map(raw: Any, types: Mapping[str, EventType], path: str) -> dict[str, str | None]:
    if not isinstance(raw, dict):
        raise OntologyError("cameo_map must map CAMEO codes to event types", path=path)
    mapping: dict[str, str | None] = {}
    for code, name in raw.items():
        code = str(code)
        if not _CODE.match(code):
            raise OntologyError(f"cameo_map: {code!r} is not a CAMEO code", path=path)
        if name is not None and (name not in types or name == RELATION):
            raise OntologyError(f"cameo_map: {code}: unknown event type {name!r}", path=path)
        mapping[code] = name
    for root in (f"{n:02d}" for n in range(1, 21)):
        if root not in mapping:
            raise OntologyError(f"cameo_map: root {root} is missing", path=path)
    for kind in types.values():
        if kind.name == RELATION:
            continue
        roots = {code[:2] for code, name in mapping.items() if name == kind.name}
        if roots != set(kind.cameo_roots):
            raise OntologyError(
                f"type {kind.name!r}: cameo_roots {sorted(kind.cameo_roots)} but cameo_map "
                f"gives it codes under {sorted(roots)}",
                path=path,
            )
    return mapping


@functools.lru_cache(maxsize=1)
def _packaged() -> tuple[dict[str, EventType], dict[str, str | None]]:
    resource = resources.files("detente.events").joinpath("data", "plover.yaml")
    try:
        text = resource.read_text(encoding="utf-8")
    except OSError as exc:
        raise OntologyError(f"cannot read the ontology: {exc}") from None
    return _parse(_read_yaml(text, _PACKAGED), _PACKAGED)


def load_ontology() -> dict[str, EventType]:
    """The event types by name: the 16 PLOVER types in quad-class order, then RELATION.

    The packaged file is read and validated once per process; each call returns a fresh dict
    of the same (immutable) :class:`EventType` objects.
    """
    return dict(_packaged()[0])


def cameo_map() -> dict[str, str | None]:
    """CAMEO code prefix -> PLOVER type (None for codes PLOVER does not code)."""
    return dict(_packaged()[1])


def cameo_to_plover(code: str) -> str | None:
    """The PLOVER type of a CAMEO event code ("190" -> ASSAULT, "0841" -> RETREAT).

    None for codes PLOVER does not code (CAMEO 01) and for strings that are not CAMEO codes.
    """
    code = code.strip()
    if not _CODE.match(code):
        return None
    mapping = _packaged()[1]
    for length in range(len(code), 1, -1):
        if code[:length] in mapping:
            return mapping[code[:length]]
    return None

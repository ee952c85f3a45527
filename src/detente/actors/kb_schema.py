"""The knowledge base's schema: the records its files hold, and the check of one entry.

Apart from reading and from querying because it is what a user writing an actor file needs
to know (see ``data/README.md``), and because one entry can be judged on its own: whether
its fields, ids and dates are well formed does not depend on the rest of the knowledge base.
Cross-references between entries (an unknown parent, a duplicate id) are checked when the
files are layered (:mod:`detente.actors.kb_loading`).

Dates in the files are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. Internally every interval is
half-open ``[valid_from, valid_until)``: ``valid_from`` is the first day (a partial date
means the start of that month or year) and ``valid_until`` the first day on which the thing
no longer holds (a full date is the changeover day; a partial date means "until the end of
that month or year").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from detente.actors.kb_errors import InvalidActorFile
from detente.yamlfiles import line_of, strip_lines

# --------------------------------------------------------------------------- dates


def _parse_date(value: object, *, end: bool) -> dt.date | None:
    """Read YYYY / YYYY-MM / YYYY-MM-DD (or a YAML date) into a half-open bound.

    Why two readings: a partial ``valid_from`` means the first day of the period, a partial
    ``valid_until`` the day after its last day, so "2016" as an end includes all of 2016.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not m:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is None:
        return dt.date(year + 1, 1, 1) if end else dt.date(year, 1, 1)
    if day is None:
        if not end:
            return dt.date(year, month, 1)
        return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return dt.date(year, month, day)


def overlap(
    a_from: dt.date | None, a_until: dt.date | None, b_from: dt.date | None, b_until: dt.date | None
) -> bool:
    """Whether two half-open intervals (None = unbounded) share a day."""
    lo_a = a_from or dt.date.min
    lo_b = b_from or dt.date.min
    hi_a = a_until or dt.date.max
    hi_b = b_until or dt.date.max
    return lo_a < hi_b and lo_b < hi_a


def _holds(valid_from: dt.date | None, valid_until: dt.date | None, on: dt.date) -> bool:
    return (valid_from is None or valid_from <= on) and (valid_until is None or on < valid_until)


# --------------------------------------------------------------------------- models

SurfaceHow = Literal["name", "alias", "metonym", "demonym", "person", "place"]
ActorKind = Literal[
    "state",
    "territory",
    "government",
    "military",
    "intelligence",
    "armed_group",
    "movement",
    "party",
    "igo",
    "ngo",
    "civilian_group",
]
_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Dated(_Model):
    """Something that holds over ``[valid_from, valid_until)``; None means unbounded."""

    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @field_validator("valid_from", mode="before")
    @classmethod
    def _from(cls, v: object) -> dt.date | None:
        return _parse_date(v, end=False)

    @field_validator("valid_until", mode="before")
    @classmethod
    def _until(cls, v: object) -> dt.date | None:
        return _parse_date(v, end=True)

    @model_validator(mode="after")
    def _ordered(self) -> _Dated:
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValueError(
                f"valid_until ({self.valid_until}) is not after valid_from ({self.valid_from})"
            )
        return self

    def holds_on(self, on: dt.date) -> bool:
        """Whether this holds on the given day."""
        return _holds(self.valid_from, self.valid_until, on)


class Alias(_Dated):
    """A name of an actor or person, optionally bounded in time.

    ``ambiguous`` says the name is shared on purpose (or can mean something else): the
    knowledge base then accepts another claimant, and a resolver should want context.
    ``case_sensitive`` is for names that are common words in lower case ("US", "IS", "WHO").
    ``sector`` is for metonyms of an organ ("the Pentagon" -> MIL); ``metonym: false`` for a
    capital whose bare name should not stand for the government ("Kingston").
    """

    name: str = Field(min_length=1)
    ambiguous: bool = False
    case_sensitive: bool = False
    sector: str | None = None
    metonym: bool = True
    notes: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: object) -> object:
        if isinstance(data, str):
            return {"name": data}
        return data


class CameoCode(_Dated):
    """A CAMEO-style actor code, valid over a period (the Taliban: AFGINS, then AFGGOV...)."""

    code: str = Field(pattern=r"^[A-Z]{3}(?:[A-Z]{3})*$")


class Actor(_Dated):
    """A state, government, armed group, movement, party, state organ or IGO.

    ``valid_from``/``valid_until`` bound the actor's existence; every name of the actor
    inherits those bounds. ``country`` is the ISO 3166 alpha-3 code of the state it belongs
    to (a state's own code), None for transnational actors.
    """

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    kind: ActorKind
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    iso3: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    cameo: tuple[CameoCode, ...] = ()
    cameo_source: Literal["phoenix", "cameo", "detente"] | None = None
    un_status: Literal["un_member", "un_observer", "non_member", "historical"] | None = None
    official_name: str | None = None
    parent: str | None = None
    predecessor: str | None = None
    successor: str | None = None
    sector: str | None = None
    aliases: tuple[Alias, ...] = ()
    capital: Alias | None = None
    former_capitals: tuple[Alias, ...] = ()
    metonyms: tuple[Alias, ...] = ()
    demonyms: tuple[Alias, ...] = ()
    notes: str | None = None

    @field_validator("cameo", mode="before")
    @classmethod
    def _cameo(cls, v: object) -> object:
        if isinstance(v, str):
            return [{"code": v}]
        return v

    def cameo_on(self, on: dt.date | None = None) -> str | None:
        """The CAMEO code on a date (the latest code when no date is given)."""
        if not self.cameo:
            return None
        if on is None:
            return self.cameo[-1].code
        for code in self.cameo:
            if code.holds_on(on):
                return code.code
        return None


class Sector(_Model):
    """A CAMEO/PLOVER agent sector (GOV, MIL, SPY, ...) and the nouns that signal it."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    state_organ: bool = False
    nouns: tuple[str, ...] = ()
    government_nouns: tuple[str, ...] = ()


class Office(_Model):
    """An office a person can hold ("president", "foreign-minister") and how texts say it."""

    id: str = Field(pattern=_ID)
    name: str
    sector: str | None = None
    phrases: tuple[str, ...] = ()


class Term(_Dated):
    """A person's term in an office, acting for an actor."""

    actor: str
    office: str
    roles: tuple[str, ...] = ()
    sector: str | None = None
    acting: bool = False
    notes: str | None = None


class Person(_Model):
    """A leader or official: names and terms. The person acts for the actors of the terms."""

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    aliases: tuple[Alias, ...] = ()
    terms: tuple[Term, ...] = ()
    notes: str | None = None


class GovernmentPeriod(_Dated):
    """One period in which an actor governs a country."""

    actor: str
    notes: str | None = None


class Government(_Model):
    """The time-bounded identity of a country's government."""

    country: str
    periods: tuple[GovernmentPeriod, ...] = ()


class ExtraAlias(Alias):
    """An alias a user file adds to an existing actor or person (top-level ``aliases:``)."""

    actor: str
    how: Literal["alias", "metonym", "demonym"] = "alias"


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """One name the knowledge base knows, and what it points to (for phrase matchers)."""

    text: str
    target: str
    target_type: Literal["actor", "person"]
    how: SurfaceHow
    sector: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    ambiguous: bool
    case_sensitive: bool
    source: str

    def holds_on(self, on: dt.date) -> bool:
        """Whether the name is current on the given day."""
        return _holds(self.valid_from, self.valid_until, on)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was defined: ``file:line`` (or the file alone), for messages."""

    path: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


SECTIONS: dict[str, type[_Model]] = {
    "actors": Actor,
    "people": Person,
    "offices": Office,
    "sectors": Sector,
    "governments": Government,
    "aliases": ExtraAlias,
}
"""The top-level keys of an actor file, and the record type of each entry under them."""


def _line_at(raw: Any, loc: Sequence[int | str]) -> int | None:
    """The line of the deepest element of ``raw`` along a pydantic error location."""
    line = line_of(raw)
    node = raw
    for part in loc:
        try:
            if isinstance(node, dict) and isinstance(part, str):
                # pydantic reports the key; the value's line is the better pointer
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int):
                node = node[part]
            else:
                break
        except (KeyError, IndexError):
            break
        line = line_of(node) or line
    return line


def validate_entry(section: str, item: object, path: str) -> BaseModel:
    """One entry of a ``section`` of the file ``path``, validated into its record.

    ``item`` is the entry as read with line numbers (:mod:`detente.yamlfiles`); a bad entry
    is one :class:`InvalidActorFile` naming the file and the line of the offending field.
    """
    line = line_of(item)
    if not isinstance(item, dict):
        raise InvalidActorFile(
            f"each entry of {section!r} must be a mapping, not {str(item)!r}",
            path=path,
            line=line,
        )
    try:
        return SECTIONS[section].model_validate(strip_lines(item))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        label = item.get("id") or item.get("name") or item.get("code") or item.get("country")
        what = f"{section[:-1]} {str(label)!r}" if label else f"entry of {section!r}"
        raise InvalidActorFile(
            f"{what}: {where}: {err['msg']}" if where else f"{what}: {err['msg']}",
            path=path,
            line=_line_at(item, err["loc"]) or line,
        ) from None

"""The actor knowledge base: who can act, under which names, for whom, and when.

Everything here is read from YAML data files (``data/*.yaml`` in this package, plus any
files the user adds), validated once, and indexed for the lookups a resolver needs:

* :meth:`KnowledgeBase.lookup` - what a surface form ("Dushanbe", "ISIS-Khorasan", "the
  Afghan government", "Iran's foreign minister") denotes on a date, as a list of
  :class:`Candidate` that say which actor, which sector and *how* (name, alias, metonym,
  demonym, role, office, person);
* :meth:`KnowledgeBase.government_of` - the time-bounded identity of "the <country>
  government" (the Taliban in Afghanistan after 2021-08-15);
* :meth:`KnowledgeBase.office_holder` - who held an office on a date;
* :meth:`KnowledgeBase.all_surface_forms` - every name a phrase matcher should look for.

Why data and not code: analysts must be able to add the actors of their own region without
editing detente, and every answer must be traceable to a line of a file. So a bad file is
rejected at load with one :class:`KnowledgeBaseError` naming the file, the line and the
problem (codes E301-E307), rather than producing wrong actors later.

Dates in the files are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. Internally every interval is
half-open ``[valid_from, valid_until)``: ``valid_from`` is the first day (a partial date
means the start of that month or year) and ``valid_until`` the first day on which the thing
no longer holds (a full date is the changeover day; a partial date means "until the end of
that month or year").
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from detente.errors import DataFileError, DetenteError
from detente.yamlfiles import line_of, load_sections, read_user_file, strip_lines

__all__ = [
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

PACKAGED_FILES: tuple[str, ...] = (
    "sectors.yaml",
    "states.yaml",
    "organisations.yaml",
    "organisations_world.yaml",
    "governments.yaml",
    "people.yaml",
    "world_leaders.yaml",
)
"""The packaged data files, in load order (later files may refer to earlier ones' ids)."""


# --------------------------------------------------------------------------- errors


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


def _overlap(
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


# --------------------------------------------------------------------------- text keys

_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u02bb": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
    }
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_PUNCT = re.compile(r"[.,;:!?()\[\]\"/]+")
_POSSESSIVE = re.compile(r"^(?P<mod>.+?)(?:'s|(?<=s)')\s+(?P<role>.+)$")


@functools.lru_cache(maxsize=65536)
def normalize_surface(text: str) -> str:
    """Normalise a surface form without changing its case.

    Why: the same name is written many ways - curly or straight apostrophes, en dash or
    hyphen ("ISIS–K"), dotted or undotted acronyms ("U.S."), accents ("Côte", "Erdoğan"),
    spaced initials ("George H. W. Bush"). Hyphens become spaces so "al-Qaeda" and "al Qaeda"
    meet; apostrophes go so "Da'esh" meets "Daesh".
    """
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    t = _DASHES.sub("-", t)
    t = _ACRONYM.sub(lambda m: m.group().replace(".", ""), t)
    t = t.translate(_SPECIAL)
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    t = t.replace("-", " ").replace("_", " ").replace("'", "")
    t = _PUNCT.sub(" ", t)
    tokens: list[str] = []
    run: list[str] = []
    for tok in t.split():
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        if run:
            tokens.append("".join(run) if len(run) > 1 else run[0])
            run = []
        tokens.append(tok)
    if run:
        tokens.append("".join(run) if len(run) > 1 else run[0])
    return " ".join(tokens)


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].casefold() == "the " else text


def surface_key(text: str) -> str:
    """The case-insensitive lookup key of a surface form ("The U.S." -> "us")."""
    return _strip_the(normalize_surface(text)).casefold()


def _exact_key(text: str) -> str:
    """The case-sensitive key, for aliases like "US" or "IS" that are words in lower case."""
    return _strip_the(normalize_surface(text))


def _singular(word: str) -> str | None:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return None


# Words that may stand between a modifier and a role noun without changing whose role it
# is: "Afghan *Shiite* communities", "Iranian *senior* officials", "the *new* Afghan government".
_FILLERS = frozenset(
    {
        "new",
        "former",
        "current",
        "then",
        "top",
        "senior",
        "junior",
        "de",
        "facto",
        "interim",
        "caretaker",
        "acting",
        "local",
        "central",
        "federal",
        "national",
        "provincial",
        "regional",
        "sunni",
        "shiite",
        "shia",
        "muslim",
        "christian",
        "jewish",
        "hindu",
        "ethnic",
        "young",
        "elderly",
        "ordinary",
        "armed",
        "hardline",
        "moderate",
        "radical",
        "exiled",
        "ousted",
        "deposed",
        "incoming",
        "outgoing",
        "ruling",
        "military",
        "civilian",
        "government",
        "state",
        "official",
        "some",
        "several",
        "many",
        "two",
        "three",
        "four",
        "five",
        "hundreds",
        "thousands",
        "dozens",
    }
)


# --------------------------------------------------------------------------- models

SurfaceHow = Literal["name", "alias", "metonym", "demonym", "person", "place"]
CandidateHow = Literal["name", "alias", "metonym", "demonym", "role", "office", "person", "place"]
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


class _ExtraAlias(Alias):
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
class Candidate:
    """One reading of a surface form: an actor, a sector, and how it was reached.

    ``in_period`` is True when the name (or the person's term) holds on the asked date,
    False when it does not but nothing better exists ("Persia" in a 2025 text), None when
    no date was given. ``government`` is True when the actor was chosen as the country's
    government on the date (the time-bounded identity). ``via`` tells how the modifier of a
    role or office phrase was resolved ("demonym" for "Afghan" in "Afghan officials").
    """

    actor_id: str
    sector: str | None
    how: CandidateHow
    surface: str
    country_id: str | None = None
    person_id: str | None = None
    office: str | None = None
    role_noun: str | None = None
    via: str | None = None
    government: bool = False
    ambiguous: bool = False
    in_period: bool | None = None
    source: str | None = None


_HOW_RANK: dict[str, int] = {
    "name": 0,
    "alias": 1,
    "person": 2,
    "office": 3,
    "role": 4,
    "demonym": 5,
    "metonym": 6,
    "place": 7,
}


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


# --------------------------------------------------------------------------- one file


@dataclass(frozen=True, slots=True)
class _Src:
    path: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(frozen=True, slots=True)
class _Layer:
    """One parsed and validated file, with where each record came from."""

    path: str
    actors: tuple[tuple[Actor, _Src, Any], ...]
    people: tuple[tuple[Person, _Src, Any], ...]
    offices: tuple[tuple[Office, _Src], ...]
    sectors: tuple[tuple[Sector, _Src], ...]
    governments: tuple[tuple[Government, _Src, Any], ...]
    aliases: tuple[tuple[_ExtraAlias, _Src], ...]


_SECTIONS: dict[str, type[_Model]] = {
    "actors": Actor,
    "people": Person,
    "offices": Office,
    "sectors": Sector,
    "governments": Government,
    "aliases": _ExtraAlias,
}


def _parse_text(text: str, path: str) -> _Layer:
    """Parse and validate one file's text. Raises a KnowledgeBaseError naming path and line."""
    raw = load_sections(
        text,
        what="an actor file",
        sections=_SECTIONS,
        syntax_error=lambda problem, line: ActorFileSyntaxError(problem, path=path, line=line),
        structure_error=lambda problem, line: InvalidActorFile(problem, path=path, line=line),
    )
    out: dict[str, list[Any]] = {name: [] for name in _SECTIONS}
    for section, model in _SECTIONS.items():
        items = raw.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            raise InvalidActorFile(
                f"{section!r} must be a list", path=path, line=line_of(items) or raw["__line__"]
            )
        for item in items:
            line = line_of(item)
            if not isinstance(item, dict):
                raise InvalidActorFile(
                    f"each entry of {section!r} must be a mapping, not {str(item)!r}",
                    path=path,
                    line=line,
                )
            try:
                record = model.model_validate(strip_lines(item))
            except ValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(p) for p in err["loc"])
                label = (
                    item.get("id") or item.get("name") or item.get("code") or item.get("country")
                )
                what = f"{section[:-1]} {str(label)!r}" if label else f"entry of {section!r}"
                raise InvalidActorFile(
                    f"{what}: {where}: {err['msg']}" if where else f"{what}: {err['msg']}",
                    path=path,
                    line=_line_at(item, err["loc"]) or line,
                ) from None
            src = _Src(path, line)
            if section in ("actors", "people", "governments"):
                out[section].append((record, src, item))
            else:
                out[section].append((record, src))
    return _Layer(
        path=path,
        actors=tuple(out["actors"]),
        people=tuple(out["people"]),
        offices=tuple(out["offices"]),
        sectors=tuple(out["sectors"]),
        governments=tuple(out["governments"]),
        aliases=tuple(out["aliases"]),
    )


@functools.lru_cache(maxsize=1)
def _packaged_layers() -> tuple[_Layer, ...]:
    """Parse and validate the packaged files once per process (they never change)."""
    root = resources.files("detente.actors").joinpath("data")
    layers = []
    for name in PACKAGED_FILES:
        res = root.joinpath(name)
        layers.append(_parse_text(res.read_text(encoding="utf-8"), f"detente/actors/data/{name}"))
    return tuple(layers)


def _user_layer(path: Path) -> _Layer:
    text = read_user_file(
        path, "actor file", lambda problem, where: ActorFileNotFound(problem, path=where)
    )
    return _parse_text(text, str(path))


# --------------------------------------------------------------------------- the KB


@dataclass(frozen=True, slots=True)
class _Entry:
    form: SurfaceForm
    exact: str


class KnowledgeBase:
    """Actors, people, sectors, offices and governments, indexed for lookups.

    Build it with :func:`load_knowledge_base`; it is immutable afterwards and safe to share
    between threads. All dates are half-open intervals (see the module docstring).
    """

    def __init__(self, layers: Sequence[_Layer]) -> None:
        self._actors: dict[str, Actor] = {}
        self._actor_src: dict[str, _Src] = {}
        self._people: dict[str, Person] = {}
        self._person_src: dict[str, _Src] = {}
        self._actor_raw: dict[str, Any] = {}
        self._person_raw: dict[str, Any] = {}
        self._offices: dict[str, Office] = {}
        self._sectors: dict[str, Sector] = {}
        self._periods: dict[str, list[GovernmentPeriod]] = {}
        self._period_src: dict[str, list[_Src]] = {}
        self._extra: list[tuple[_ExtraAlias, _Src]] = []
        for layer in layers:
            self._add_layer(layer)
        self._check_references()
        self._iso3_to_state: dict[str, str] = {
            a.iso3: a.id for a in self._actors.values() if a.kind == "state" and a.iso3
        }
        self._check_countries()
        self._build_roles()
        self._index: dict[str, list[_Entry]] = {}
        self._build_index()
        self._terms_by_office: dict[str, list[tuple[Person, Term]]] = {}
        for person in self._people.values():
            for term in person.terms:
                for office in {term.office, *term.roles}:
                    self._terms_by_office.setdefault(office, []).append((person, term))
        self._children: dict[str, list[str]] = {}
        for a in self._actors.values():
            if a.parent:
                self._children.setdefault(a.parent, []).append(a.id)

    # ------------------------------------------------------------------ building

    def _add_layer(self, layer: _Layer) -> None:
        for sector, src in layer.sectors:
            if sector.code in self._sectors:
                raise DuplicateId(
                    f"sector {sector.code!r} is already defined", path=src.path, line=src.line
                )
            self._sectors[sector.code] = sector
        for office, src in layer.offices:
            if office.id in self._offices:
                raise DuplicateId(
                    f"office {office.id!r} is already defined", path=src.path, line=src.line
                )
            self._offices[office.id] = office
        for actor, src, raw in layer.actors:
            self._claim_id(actor.id, src, "actor")
            self._actors[actor.id] = actor
            self._actor_src[actor.id] = src
            self._actor_raw[actor.id] = raw
        for person, src, raw in layer.people:
            self._claim_id(person.id, src, "person")
            self._people[person.id] = person
            self._person_src[person.id] = src
            self._person_raw[person.id] = raw
        for gov, src, raw in layer.governments:
            periods = self._periods.setdefault(gov.country, [])
            srcs = self._period_src.setdefault(gov.country, [])
            raw_periods = raw.get("periods") or []
            for i, period in enumerate(gov.periods):
                line = line_of(raw_periods[i]) if i < len(raw_periods) else src.line
                psrc = _Src(src.path, line)
                for other, osrc in zip(periods, srcs, strict=True):
                    if _overlap(
                        period.valid_from, period.valid_until, other.valid_from, other.valid_until
                    ):
                        raise InvalidActorFile(
                            f"government period of {gov.country!r} ({period.actor}) overlaps "
                            f"the one at {osrc} ({other.actor})",
                            path=psrc.path,
                            line=psrc.line,
                        )
                periods.append(period)
                srcs.append(psrc)
        self._extra.extend(layer.aliases)

    def _claim_id(self, ident: str, src: _Src, what: str) -> None:
        if ident in self._actors:
            raise DuplicateId(
                f"{what} id {ident!r} is already used by the actor defined at "
                f"{self._actor_src[ident]}",
                path=src.path,
                line=src.line,
            )
        if ident in self._people:
            raise DuplicateId(
                f"{what} id {ident!r} is already used by the person defined at "
                f"{self._person_src[ident]}",
                path=src.path,
                line=src.line,
            )

    def _check_references(self) -> None:
        def need_actor(ref: str | None, src: _Src, field: str) -> None:
            if ref is not None and ref not in self._actors:
                raise UnknownReference(
                    f"{field} refers to unknown actor {ref!r}{self._suggest(ref)}",
                    path=src.path,
                    line=src.line,
                )

        def need_sector(code: str | None, src: _Src, field: str) -> None:
            if code is not None and code not in self._sectors:
                raise UnknownReference(
                    f"{field} refers to unknown sector {code!r} (known: "
                    f"{', '.join(sorted(self._sectors))})",
                    path=src.path,
                    line=src.line,
                )

        for actor in self._actors.values():
            src = self._actor_src[actor.id]
            for field in ("parent", "predecessor", "successor"):
                need_actor(getattr(actor, field), src, f"actor {actor.id!r}: {field}")
            need_sector(actor.sector, src, f"actor {actor.id!r}: sector")
            for alias in actor.metonyms:
                need_sector(alias.sector, src, f"actor {actor.id!r}: metonym {alias.name!r}")
        for office in self._offices.values():
            need_sector(office.sector, _Src("offices", None), f"office {office.id!r}")
        for person in self._people.values():
            psrc = self._person_src[person.id]
            raw_terms = self._person_raw.get(person.id, {}).get("terms") or []
            for i, term in enumerate(person.terms):
                line = line_of(raw_terms[i]) if i < len(raw_terms) else None
                src = _Src(psrc.path, line or psrc.line)
                need_actor(term.actor, src, f"person {person.id!r}: term")
                need_sector(term.sector, src, f"person {person.id!r}: term sector")
                for office_id in (term.office, *term.roles):
                    if office_id not in self._offices:
                        raise UnknownReference(
                            f"person {person.id!r}: term refers to unknown office "
                            f"{office_id!r} (known: {', '.join(sorted(self._offices))})",
                            path=src.path,
                            line=src.line,
                        )
        for country, periods in self._periods.items():
            srcs = self._period_src[country]
            need_actor(country, srcs[0], "government country")
            if self._actors[country].kind != "state":
                raise UnknownReference(
                    f"government country {country!r} is not a state",
                    path=srcs[0].path,
                    line=srcs[0].line,
                )
            for period, src in zip(periods, srcs, strict=True):
                need_actor(period.actor, src, f"government of {country!r}")
        for extra, src in self._extra:
            if extra.actor not in self._actors and extra.actor not in self._people:
                raise UnknownReference(
                    f"alias {extra.name!r} is for unknown actor or person "
                    f"{extra.actor!r}{self._suggest(extra.actor)}",
                    path=src.path,
                    line=src.line,
                )
            need_sector(extra.sector, src, f"alias {extra.name!r}")

    def _check_countries(self) -> None:
        for actor in self._actors.values():
            if actor.country and actor.country not in self._iso3_to_state:
                src = self._actor_src[actor.id]
                raise UnknownReference(
                    f"actor {actor.id!r}: country {actor.country!r} is the code of no state",
                    path=src.path,
                    line=src.line,
                )

    def _build_roles(self) -> None:
        """Index role nouns and office phrases by key; each phrase has one meaning."""
        self._role_nouns: dict[str, tuple[str, bool, str]] = {}
        self._office_phrases: dict[str, tuple[str, str]] = {}
        for sector in self._sectors.values():
            for noun, is_gov in [(n, False) for n in sector.nouns] + [
                (n, True) for n in sector.government_nouns
            ]:
                key = surface_key(noun)
                if key in self._role_nouns and self._role_nouns[key][0] != sector.code:
                    raise InvalidActorFile(
                        f"role noun {noun!r} is listed under both {self._role_nouns[key][0]} "
                        f"and {sector.code}",
                        path="sectors",
                    )
                self._role_nouns[key] = (sector.code, is_gov, noun)
        for office in self._offices.values():
            for phrase in office.phrases:
                key = surface_key(phrase)
                if key in self._role_nouns:
                    raise InvalidActorFile(
                        f"office phrase {phrase!r} ({office.id}) is also a role noun of "
                        f"sector {self._role_nouns[key][0]}",
                        path="offices",
                    )
                if key in self._office_phrases and self._office_phrases[key][0] != office.id:
                    raise InvalidActorFile(
                        f"office phrase {phrase!r} belongs to both "
                        f"{self._office_phrases[key][0]} and {office.id}",
                        path="offices",
                    )
                self._office_phrases[key] = (office.id, phrase)

    def _surfaces_of_actor(self, actor: Actor, src: _Src) -> Iterator[SurfaceForm]:
        raw = self._actor_raw.get(actor.id, {})

        def field_line(field: str, i: int | None = None) -> int | None:
            node = raw.get(field)
            if i is not None:
                node = node[i] if isinstance(node, list) and i < len(node) else None
            return line_of(node) if node is not None else None

        def form(
            alias: Alias, how: SurfaceHow, line: int | None, ambiguous: bool = False
        ) -> SurfaceForm:
            vf = max(filter(None, (alias.valid_from, actor.valid_from)), default=None)
            vu = min(filter(None, (alias.valid_until, actor.valid_until)), default=None)
            return SurfaceForm(
                text=alias.name,
                target=actor.id,
                target_type="actor",
                how=how,
                sector=alias.sector or actor.sector,
                valid_from=vf,
                valid_until=vu,
                ambiguous=alias.ambiguous or ambiguous,
                case_sensitive=alias.case_sensitive,
                source=str(_Src(src.path, line or src.line)),
            )

        yield form(Alias(name=actor.name), "name", field_line("name"))
        if actor.official_name:
            yield form(Alias(name=actor.official_name), "name", field_line("official_name"))
        for i, alias in enumerate(actor.aliases):
            yield form(alias, "alias", field_line("aliases", i))
        if actor.capital is not None:
            yield form(
                actor.capital, "metonym", field_line("capital"), ambiguous=not actor.capital.metonym
            )
        for i, alias in enumerate(actor.former_capitals):
            yield form(alias, "metonym", field_line("former_capitals", i), not alias.metonym)
        for i, alias in enumerate(actor.metonyms):
            yield form(alias, "metonym", field_line("metonyms", i), not alias.metonym)
        for i, alias in enumerate(actor.demonyms):
            yield form(alias, "demonym", field_line("demonyms", i))

    def _build_index(self) -> None:
        forms: list[SurfaceForm] = []
        for actor in self._actors.values():
            forms.extend(self._surfaces_of_actor(actor, self._actor_src[actor.id]))
        for person in self._people.values():
            src = self._person_src[person.id]
            raw_aliases = self._person_raw.get(person.id, {}).get("aliases") or []
            for i, alias in enumerate((Alias(name=person.name), *person.aliases)):
                line = line_of(raw_aliases[i - 1]) if 0 < i <= len(raw_aliases) else None
                forms.append(
                    SurfaceForm(
                        text=alias.name,
                        target=person.id,
                        target_type="person",
                        how="person",
                        sector=None,
                        valid_from=alias.valid_from,
                        valid_until=alias.valid_until,
                        ambiguous=alias.ambiguous,
                        case_sensitive=alias.case_sensitive,
                        source=str(_Src(src.path, line or src.line)),
                    )
                )
        for extra, src in self._extra:
            if extra.actor in self._actors:
                forms.extend(self._surfaces_of_actor_extra(extra, src))
            else:
                forms.append(
                    SurfaceForm(
                        text=extra.name,
                        target=extra.actor,
                        target_type="person",
                        how="person",
                        sector=None,
                        valid_from=extra.valid_from,
                        valid_until=extra.valid_until,
                        ambiguous=extra.ambiguous,
                        case_sensitive=extra.case_sensitive,
                        source=str(src),
                    )
                )
        # "U.S." and "US" are one form once undotted: if one spelling is case-sensitive
        # (because "us" is a word), every spelling of that form for that target is.
        sensitive = {(f.target, _exact_key(f.text)) for f in forms if f.case_sensitive}
        for f in forms:
            if not f.case_sensitive and (f.target, _exact_key(f.text)) in sensitive:
                f = replace(f, case_sensitive=True)
            self._add_form(f)

    def _surfaces_of_actor_extra(self, extra: _ExtraAlias, src: _Src) -> Iterator[SurfaceForm]:
        actor = self._actors[extra.actor]
        vf = max(filter(None, (extra.valid_from, actor.valid_from)), default=None)
        vu = min(filter(None, (extra.valid_until, actor.valid_until)), default=None)
        yield SurfaceForm(
            text=extra.name,
            target=actor.id,
            target_type="actor",
            how=extra.how,
            sector=extra.sector or actor.sector,
            valid_from=vf,
            valid_until=vu,
            ambiguous=extra.ambiguous or (extra.how == "metonym" and not extra.metonym),
            case_sensitive=extra.case_sensitive,
            source=str(src),
        )

    def _add_form(self, form: SurfaceForm) -> None:
        key = surface_key(form.text)
        if not key:
            return
        exact = _exact_key(form.text)
        bucket = self._index.setdefault(key, [])
        for other in bucket:
            o = other.form
            if o.target == form.target:
                continue
            if form.case_sensitive and o.case_sensitive and exact != other.exact:
                continue
            if form.ambiguous and o.ambiguous:
                continue
            if not _overlap(form.valid_from, form.valid_until, o.valid_from, o.valid_until):
                continue
            path, _, line = form.source.rpartition(":")
            raise ConflictingAlias(
                f"name {form.text!r} is claimed by {form.target_type} {form.target!r} and by "
                f"{o.target_type} {o.target!r} ({o.source}) for overlapping dates; give "
                f"different dates, or mark both `ambiguous: true` if the overlap is on purpose",
                path=path or form.source,
                line=int(line) if line.isdigit() else None,
            )
        bucket.append(_Entry(form, exact))

    # ------------------------------------------------------------------ records

    @property
    def actors(self) -> Mapping[str, Actor]:
        """All actors by id."""
        return self._actors

    @property
    def people(self) -> Mapping[str, Person]:
        """All people by id."""
        return self._people

    @property
    def sectors(self) -> Mapping[str, Sector]:
        """All sectors by code."""
        return self._sectors

    @property
    def offices(self) -> Mapping[str, Office]:
        """All offices by id."""
        return self._offices

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id; :class:`UnknownActor` (a KeyError) names the nearest ids."""
        try:
            return self._actors[actor_id]
        except KeyError:
            raise UnknownActor(f"no actor with id {actor_id!r}{self._suggest(actor_id)}") from None

    def person(self, person_id: str) -> Person:
        """The person with this id."""
        try:
            return self._people[person_id]
        except KeyError:
            raise UnknownActor(
                f"no person with id {person_id!r}{self._suggest(person_id)}"
            ) from None

    def source_of(self, ident: str) -> str:
        """``file:line`` where an actor or person is defined (for "why" explanations)."""
        src = self._actor_src.get(ident) or self._person_src.get(ident)
        if src is None:
            raise UnknownActor(f"no actor or person with id {ident!r}{self._suggest(ident)}")
        return str(src)

    def children(self, actor_id: str) -> list[str]:
        """Ids of actors whose parent is this actor (ISIS -> ISIS-K)."""
        return list(self._children.get(actor_id, ()))

    def state_of(self, actor_id: str) -> str | None:
        """The id of the state an actor belongs to (itself for a state), None if none."""
        actor = self.actor(actor_id)
        if actor.kind == "state":
            return actor.id
        return self._iso3_to_state.get(actor.country) if actor.country else None

    def state_by_iso3(self, iso3: str) -> Actor:
        """The state with this ISO 3166 alpha-3 code."""
        ident = self._iso3_to_state.get(iso3.upper())
        if ident is None:
            raise UnknownActor(f"no state with ISO code {iso3!r}")
        return self._actors[ident]

    def cameo_code(self, actor_id: str, on: dt.date | None = None) -> str | None:
        """The actor's CAMEO-style code on a date (see data/README.md for the scheme)."""
        return self.actor(actor_id).cameo_on(on)

    def role_nouns(self) -> dict[str, str]:
        """Role noun (as written in sectors.yaml) -> sector code, for building matchers."""
        return {noun: code for code, _gov, noun in self._role_nouns.values()}

    def office_phrases(self) -> dict[str, str]:
        """Office phrase -> office id ("foreign minister" -> "foreign-minister")."""
        return {phrase: office for office, phrase in self._office_phrases.values()}

    def all_surface_forms(self) -> Iterator[tuple[str, SurfaceForm]]:
        """Every name, alias, capital, metonym, demonym and person name, with its target.

        Why a generator of pairs: a phrase matcher (spaCy ``PhraseMatcher``, Aho-Corasick)
        needs the literal strings; the :class:`SurfaceForm` tells what a match means, when it
        is valid, and whether it needs context (``ambiguous``) or exact case.
        """
        for bucket in self._index.values():
            for entry in bucket:
                yield entry.form.text, entry.form

    def nearest(self, name: str, n: int = 5) -> list[str]:
        """Known names closest to ``name`` - for "no actor named ..." messages."""
        key = surface_key(name)
        keys = difflib.get_close_matches(key, list(self._index), n=n, cutoff=0.6)
        return [self._index[k][0].form.text for k in keys]

    def _suggest(self, ident: str) -> str:
        close = difflib.get_close_matches(ident, list(self._actors) + list(self._people), n=3)
        return f" (did you mean {', '.join(close)}?)" if close else ""

    # ------------------------------------------------------------------ time-bounded identity

    def _state_id(self, country: str) -> str:
        if country in self._actors:
            return country
        if country.upper() in self._iso3_to_state:
            return self._iso3_to_state[country.upper()]
        raise UnknownActor(f"no country {country!r}{self._suggest(country)}")

    def lineage(self, actor_id: str) -> list[str]:
        """The actor's forebears, nearest first ("predecessor" links, followed to the end)."""
        out: list[str] = []
        current = self.actors[actor_id].predecessor if actor_id in self.actors else None
        while current and current not in out and current != actor_id:
            out.append(current)
            current = self.actors[current].predecessor if current in self.actors else None
        return out

    def government_of(self, country_id: str, on: dt.date | None = None) -> str:
        """The actor that governs a country on a date.

        "the Afghan government" on 2010-01-01 is the Islamic Republic, on 2023-01-01 the
        Taliban. Without a date, or on a date no period covers, or for a country with no
        periods in governments.yaml, the answer is the state itself: the safe reading when
        the text does not say which regime it means. Accepts a state id or ISO3 code.
        """
        state = self._state_id(country_id)
        if on is None:
            return state
        for period in self._periods.get(state, ()):
            if period.holds_on(on):
                return period.actor
        return state

    def government_periods(self, country_id: str) -> list[GovernmentPeriod]:
        """The government periods of a country, in file order (empty: always the state)."""
        return list(self._periods.get(self._state_id(country_id), ()))

    # ------------------------------------------------------------------ offices

    def office_holders(
        self, country: str, office: str, on: dt.date | None = None
    ) -> list[tuple[Person, Term]]:
        """Everyone holding ``office`` (or a term with it as a role) for ``country`` on ``on``.

        ``country`` is a state id or ISO3 code, or any actor id ("isis", "irgc"). For a
        state, terms held for its government of the day count too (Akhundzada's term is for
        the Taliban, which governs Afghanistan in 2023). Without a date: every holder ever,
        oldest first.
        """
        if office not in self._offices:
            raise UnknownActor(f"no office {office!r} (known: {', '.join(sorted(self._offices))})")
        if country in self._actors and self._actors[country].kind != "state":
            targets = {country}
        else:
            state = self._state_id(country)
            targets = {state}
            if on is None:
                targets.update(p.actor for p in self._periods.get(state, ()))
            else:
                targets.add(self.government_of(state, on))
        found = [
            (person, term)
            for person, term in self._terms_by_office.get(office, ())
            if term.actor in targets and (on is None or term.holds_on(on))
        ]
        found.sort(key=lambda pt: (pt[1].valid_from or dt.date.min, pt[1].acting))
        return found

    def office_holder(self, country: str, office: str, on: dt.date | None = None) -> Person | None:
        """Who held an office for a country on a date ("president" of "iran" -> Rouhani).

        With several holders (a co-leadership, or an acting holder next to a suspended one)
        the substantive holder who took office last wins. Without a date: the most recent
        holder in the data.
        """
        holders = self.office_holders(country, office, on)
        if not holders:
            return None
        substantive = [pt for pt in holders if not pt[1].acting] or holders
        return max(substantive, key=lambda pt: pt[1].valid_from or dt.date.min)[0]

    # ------------------------------------------------------------------ lookup

    def lookup(
        self, surface: str, on: dt.date | None = None, *, ignore_case: bool = False
    ) -> list[Candidate]:
        """What a surface form denotes on a date, best readings first.

        Tolerant of case, a leading "the", curly quotes, dash variants and dotted acronyms.
        Tries, in order: a known name (actor names, aliases, capitals and other metonyms,
        demonyms, person names); a possessive ("Tehran's" -> Tehran); then a composed phrase
        - "<modifier> <role>" ("Iranian officials", "Afghan refugees", "the new Afghan
        government"), "<modifier>'s <role>" ("Iran's Ministry of Intelligence", "Iran's
        foreign minister") and "<role> of/in <modifier>" ("the President of Iran", "the
        government in Kabul"). Roles that are offices resolve to the holder on the date.
        The date also picks among time-bounded identities ("Kabul", "the Afghan
        government"). Returns [] for what is no actor ("an Iranian city").

        Names marked case-sensitive ("US", "IS", "WHO") match only as written, so running
        text's "us" is not the United States; ``ignore_case=True`` lifts that for input typed
        by a user (a command-line argument), where case carries no meaning.
        """
        text = surface.strip().translate(_QUOTES)
        if not text:
            return []
        ic = ignore_case
        found = self._direct(text, on, ic)
        if found:
            return found
        m = re.fullmatch(r"(.+?)(?:'s|(?<=s)')", text)
        if m:
            found = self._direct(m.group(1), on, ic)
            if found:
                return found
        found = self._compose(text, on, ic)
        if found:
            return found
        found = self._after_prefix(text, on, ic)
        if found:
            return found
        return self._office_alone(text, on)

    def _after_prefix(self, text: str, on: dt.date | None, ic: bool) -> list[Candidate]:
        """A name after a title or lower-case words: "defense minister Ahmad Shah Massoud",
        "President Rouhani", "the outlawed Islamic Renaissance Party of Tajikistan".

        Why the lower-case rule: a capitalised prefix may be a name of its own ("Iranian
        Hezbollah" is not Hezbollah), but a title before a person's name never changes who
        the person is; it only says which of the person's offices is meant.
        """
        tokens = normalize_surface(text).split()
        for i in range(1, len(tokens)):
            found = self._direct(" ".join(tokens[i:]), on, ic)
            if not found:
                continue
            prefix = [t.casefold() for t in tokens[:i]]
            persons = [c for c in found if c.how == "person"]
            if persons:
                office = self._office_in(prefix)
                if office is not None:
                    matching = self._person_in_office(persons, office, on)
                    if matching:
                        return matching
                return persons
            if all(t.islower() or t.casefold() in _FILLERS for t in tokens[:i]):
                return found
        return []

    def _office_in(self, prefix: list[str]) -> str | None:
        for start in range(len(prefix)):
            role = self._role_of(" ".join(prefix[start:]))
            if role is not None and role[0] == "office":
                return role[1]
        return None

    def _person_in_office(
        self, persons: list[Candidate], office: str, on: dt.date | None
    ) -> list[Candidate]:
        out: list[Candidate] = []
        for cand in persons:
            if cand.person_id is None:
                continue
            terms = [
                t for t in self._people[cand.person_id].terms if office in (t.office, *t.roles)
            ]
            current = [t for t in terms if on is not None and t.holds_on(on)]
            for term in current or terms[-1:]:
                out.append(
                    replace(
                        cand,
                        actor_id=term.actor,
                        sector=self._term_sector(term),
                        country_id=self.state_of(term.actor),
                        office=term.office,
                        in_period=bool(current) if on is not None else None,
                    )
                )
        return out

    def _office_alone(self, text: str, on: dt.date | None) -> list[Candidate]:
        """An office named without a country ("the Supreme Leader"), when few actors have it.

        Why only then: "the president" alone needs coreference, but an office that exists
        for one or two actors ("supreme leader": Iran, the Taliban) is nearly a name.
        """
        tokens = [t for t in surface_key(text).split() if t not in ("the", "a", "an")]
        role, former = self._strip_fillers_role(tokens)
        if role is None or role[0] != "office":
            return []
        office = role[1]
        terms = self._terms_by_office.get(office, [])
        actors = {term.actor for _p, term in terms if term.office == office}
        if not actors or len(actors) > 3:
            return []
        sector = self._offices[office].sector
        out: list[Candidate] = []
        for person, term in terms:
            if term.office != office:
                continue
            if on is not None and not former and term.holds_on(on):
                out.append(
                    Candidate(
                        actor_id=term.actor,
                        sector=self._term_sector(term),
                        how="office",
                        surface=text,
                        country_id=self.state_of(term.actor),
                        person_id=person.id,
                        office=office,
                        role_noun=text,
                        ambiguous=len(actors) > 1,
                        in_period=True,
                    )
                )
        if not out:
            out = [
                Candidate(
                    actor_id=a,
                    sector=sector or self._actors[a].sector,
                    how="office",
                    surface=text,
                    country_id=self.state_of(a),
                    office=office,
                    role_noun=text,
                    ambiguous=len(actors) > 1,
                    in_period=None if on is None else False,
                )
                for a in sorted(actors)
            ]
        return self._rank(out)

    def _direct(self, text: str, on: dt.date | None, ignore_case: bool = False) -> list[Candidate]:
        key = surface_key(text)
        bucket = self._index.get(key)
        if not bucket:
            return []
        exact = _exact_key(text)
        entries = [
            e for e in bucket if not e.form.case_sensitive or ignore_case or e.exact == exact
        ]
        if not entries:
            return []
        in_period: bool | None = None
        if on is not None:
            current = [e for e in entries if e.form.holds_on(on)]
            in_period = bool(current)
            if current:
                entries = current
            else:
                # A name out of its period still names its actor ("Kosovo" in 1999), but a
                # capital before its state existed is only a city ("Juba" in 2000).
                entries = [
                    e
                    for e in entries
                    if not (
                        e.form.how == "metonym"
                        and e.form.valid_from is not None
                        and e.form.valid_from > on
                    )
                ]
                if not entries:
                    return []
        out: list[Candidate] = []
        for entry in entries:
            out.extend(self._candidates_of(entry.form, on, in_period))
        return self._rank(out)

    def _candidates_of(
        self, form: SurfaceForm, on: dt.date | None, in_period: bool | None
    ) -> list[Candidate]:
        if form.target_type == "person":
            return self._person_candidates(form, on)
        actor = self._actors[form.target]
        country = self.state_of(actor.id)
        if form.how == "metonym" and actor.kind == "state":
            gov = self.government_of(actor.id, on)
            return [
                Candidate(
                    actor_id=gov,
                    sector=form.sector,
                    how="metonym",
                    surface=form.text,
                    country_id=country,
                    government=gov != actor.id,
                    ambiguous=form.ambiguous,
                    in_period=in_period,
                    source=form.source,
                )
            ]
        return [
            Candidate(
                actor_id=actor.id,
                sector=form.sector,
                how=form.how,
                surface=form.text,
                country_id=country,
                ambiguous=form.ambiguous,
                in_period=in_period,
                source=form.source,
            )
        ]

    def _term_sector(self, term: Term) -> str | None:
        if term.sector:
            return term.sector
        office = self._offices[term.office]
        return office.sector or self._actors[term.actor].sector

    def _person_candidates(self, form: SurfaceForm, on: dt.date | None) -> list[Candidate]:
        person = self._people[form.target]
        terms = list(person.terms)
        chosen: list[Term]
        in_period: bool | None
        if not terms:
            return []
        if on is None:
            chosen = [max(terms, key=lambda t: t.valid_from or dt.date.min)]
            in_period = None
        else:
            chosen = [t for t in terms if t.holds_on(on)]
            in_period = bool(chosen)
            if not chosen:
                past = [t for t in terms if t.valid_until is not None and t.valid_until <= on]
                if past:
                    chosen = [max(past, key=lambda t: t.valid_until or dt.date.min)]
                else:
                    chosen = [min(terms, key=lambda t: t.valid_from or dt.date.max)]
        # A person with several roles at once acts first for the state or government
        # (Rabbani in 1995: president before party leader), substantive before acting.
        chosen.sort(
            key=lambda t: (
                self._actors[t.actor].kind not in ("state", "government"),
                t.acting,
                -(t.valid_from or dt.date.min).toordinal(),
            )
        )
        return [
            Candidate(
                actor_id=term.actor,
                sector=self._term_sector(term),
                how="person",
                surface=form.text,
                country_id=self.state_of(term.actor),
                person_id=person.id,
                office=term.office,
                ambiguous=form.ambiguous,
                in_period=in_period,
                source=form.source,
            )
            for term in chosen
        ]

    def _role_of(self, key: str) -> tuple[str, str, bool] | None:
        """("office", office id, False) or ("sector", code, is-government-noun) for a key."""
        for k in (key, _singular_phrase(key)):
            if k is None:
                continue
            if k in self._office_phrases:
                return ("office", self._office_phrases[k][0], False)
            if k in self._role_nouns:
                code, is_gov, _noun = self._role_nouns[k]
                return ("sector", code, is_gov)
        return None

    def _compose(self, text: str, on: dt.date | None, ic: bool = False) -> list[Candidate]:
        m = _POSSESSIVE.match(text)
        if m:
            role = self._role_of(surface_key(m.group("role")))
            if role is None:
                role_tokens = normalize_surface(m.group("role")).casefold().split()
                role, former = self._strip_fillers_role(role_tokens)
            else:
                former = False
            if role is not None:
                mods = self._modifier(m.group("mod"), on, ic)
                if mods:
                    return self._apply_role(mods, role, m.group("role"), on, former)
        norm = normalize_surface(text)
        tokens = norm.split()
        folded = [t.casefold() for t in tokens]
        former = "former" in folded or "ex" in folded
        # "<role> of|in <modifier>"
        for i, tok in enumerate(folded):
            if tok in ("of", "in") and 0 < i < len(folded) - 1:
                left = [t for t in folded[:i] if t not in ("the", "a", "an")]
                role, fmr = self._strip_fillers_role(left)
                if role is None:
                    continue
                mods = self._modifier(" ".join(tokens[i + 1 :]), on, ic)
                if mods:
                    return self._apply_role(mods, role, " ".join(left), on, former or fmr)
        # "<modifier> <role>"
        for i in range(1, len(folded)):
            role = self._role_of(" ".join(folded[i:]))
            if role is None:
                continue
            for end in range(i, 0, -1):
                if any(t not in _FILLERS for t in folded[end:i]):
                    break
                for start in range(0, end):
                    if folded[start] in ("the", "a", "an"):
                        continue
                    mods = self._direct(" ".join(tokens[start:end]), on, ic)
                    mods = [c for c in mods if c.how != "person" or c.in_period is not False]
                    if mods:
                        return self._apply_role(mods, role, " ".join(tokens[i:]), on, former)
            break
        return []

    def _strip_fillers_role(self, tokens: list[str]) -> tuple[tuple[str, str, bool] | None, bool]:
        former = False
        i = 0
        while i < len(tokens) - 1 and tokens[i] in _FILLERS:
            former = former or tokens[i] in ("former", "ex")
            i += 1
        if not tokens:
            return None, False
        return self._role_of(" ".join(tokens[i:])), former

    def _modifier(self, text: str, on: dt.date | None, ic: bool = False) -> list[Candidate]:
        text = text.strip()
        found = self._direct(text, on, ic)
        if not found:
            tokens = normalize_surface(text).split()
            while tokens and tokens[0].casefold() in _FILLERS | {"the", "a", "an"}:
                tokens = tokens[1:]
            if tokens:
                found = self._direct(" ".join(tokens), on, ic)
        return found

    def _apply_role(
        self,
        mods: list[Candidate],
        role: tuple[str, str, bool],
        role_text: str,
        on: dt.date | None,
        former: bool,
    ) -> list[Candidate]:
        kind, ident, is_gov = role
        out: list[Candidate] = []
        for mod in mods:
            base = self._actors[mod.actor_id]
            is_state = base.kind == "state"
            state = mod.country_id if mod.country_id else self.state_of(base.id)
            if kind == "office":
                office = self._offices[ident]
                owner = state if is_state and state else base.id
                holders = [] if former else self.office_holders(owner, ident, on) if on else []
                if holders:
                    for person, term in holders:
                        out.append(
                            Candidate(
                                actor_id=term.actor,
                                sector=self._term_sector(term),
                                how="office",
                                surface=role_text,
                                country_id=self.state_of(term.actor),
                                person_id=person.id,
                                office=ident,
                                role_noun=role_text,
                                via=mod.how,
                                government=term.actor != owner,
                                ambiguous=mod.ambiguous,
                                in_period=True,
                                source=mod.source,
                            )
                        )
                    continue
                actor_id = self.government_of(owner, on) if is_state and state else base.id
                out.append(
                    Candidate(
                        actor_id=actor_id,
                        sector=office.sector or base.sector,
                        how="office",
                        surface=role_text,
                        country_id=state,
                        office=ident,
                        role_noun=role_text,
                        via=mod.how,
                        government=actor_id != base.id,
                        ambiguous=mod.ambiguous,
                        in_period=mod.in_period,
                        source=mod.source,
                    )
                )
                continue
            sector = self._sectors[ident]
            if is_state and state:
                actor_id = self.government_of(state, on) if sector.state_organ else state
            else:
                actor_id = base.id
            out.append(
                Candidate(
                    actor_id=actor_id,
                    sector=ident,
                    how="role",
                    surface=role_text,
                    country_id=state,
                    role_noun=role_text,
                    via=mod.how,
                    government=is_gov or (actor_id != base.id),
                    ambiguous=mod.ambiguous,
                    in_period=mod.in_period,
                    source=mod.source,
                )
            )
        return self._rank(out)

    @staticmethod
    def _rank(cands: Iterable[Candidate]) -> list[Candidate]:
        seen: set[tuple[str, str | None, str | None, str | None]] = set()
        unique: list[Candidate] = []
        for c in sorted(
            cands,
            key=lambda c: (c.ambiguous, c.in_period is False, _HOW_RANK.get(c.how, 9)),
        ):
            k = (c.actor_id, c.sector, c.person_id, c.office)
            if k in seen:
                continue
            seen.add(k)
            unique.append(c)
        return unique


def _singular_phrase(key: str) -> str | None:
    words = key.split()
    if not words:
        return None
    last = _singular(words[-1])
    if last is None:
        return None
    return " ".join([*words[:-1], last])


# --------------------------------------------------------------------------- loading


@functools.lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    return KnowledgeBase(_packaged_layers())


def load_knowledge_base(extra_files: Sequence[Path | str] = ()) -> KnowledgeBase:
    """Load the packaged knowledge base, with the user's actor files layered on top.

    Why layers: the packaged files cover the world's states and the region's groups; a user
    adds their own actors, people, offices, government periods and aliases (top-level
    ``aliases:`` entries name an existing actor or person) in files of the same schema,
    without editing detente. A user file may not redefine an id or take over a name another
    actor holds for the same dates (unless both say ``ambiguous: true``): that is rejected
    with one :class:`KnowledgeBaseError` naming the file and line.

    The packaged files are parsed and validated once per process and the default knowledge
    base is cached, so calling this again without extra files is free.
    """
    if not extra_files:
        return _default_kb()
    layers = list(_packaged_layers())
    layers.extend(_user_layer(Path(p)) for p in extra_files)
    return KnowledgeBase(layers)

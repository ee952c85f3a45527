"""Loading the knowledge base: reading its files, layering them, and reporting what is wrong.

The packaged files (``data/*.yaml``) and any actor files the user adds are read the same
way, through one reader (:func:`read_yaml`), so that whichever file is broken the error is
one :class:`~detente.actors.kb_errors.KnowledgeBaseError` that says ``FILE:LINE: problem``.
Each file becomes a layer of validated records (:mod:`detente.actors.kb_schema`); the layers
are then merged in order and checked against each other - an id defined twice, a reference
to an actor that does not exist, two actors claiming one name for the same dates - and
indexed into the tables the queries read (:mod:`detente.actors.kb_lookup`).

Why apart from the queries: this is the only part that touches files and the only part that
rejects data, and it runs once per process; the queries run millions of times and never fail
because of a file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from detente.actors.kb_errors import (
    ActorFileNotFound,
    ActorFileSyntaxError,
    ConflictingAlias,
    DuplicateId,
    InvalidActorFile,
    UnknownReference,
    did_you_mean,
)
from detente.actors.kb_lookup import IndexEntry, KnowledgeBase, KnowledgeBaseData
from detente.actors.kb_names import exact_key, surface_key
from detente.actors.kb_schema import (
    SECTIONS,
    Actor,
    Alias,
    ExtraAlias,
    Government,
    GovernmentPeriod,
    Office,
    Person,
    Sector,
    Source,
    SurfaceForm,
    SurfaceHow,
    Term,
    overlap,
    validate_entry,
)
from detente.yamlfiles import line_of, load_sections, read_user_file

PACKAGED_FILES: tuple[str, ...] = (
    "sectors.yaml",
    "states.yaml",
    "organisations.yaml",
    "organisations_world.yaml",
    "governments.yaml",
    "people.yaml",
    "world_leaders.yaml",
    "world_officials.yaml",
)
"""The packaged data files, in load order (later files may refer to earlier ones' ids)."""

PACKAGED_DIR = "detente/actors/data"
"""How messages name the directory of the packaged files."""


# --------------------------------------------------------------------------- reading


class DataFile(NamedTuple):
    """The text of one data file, and the path messages give for it."""

    path: str
    text: str


def packaged_file(name: str) -> DataFile:
    """A file of ``data/`` in this package (``"states.yaml"``)."""
    text = resources.files("detente.actors").joinpath("data").joinpath(name).read_text("utf-8")
    return DataFile(f"{PACKAGED_DIR}/{name}", text)


def user_file(path: Path | str) -> DataFile:
    """An actor file the user named; :class:`ActorFileNotFound` if it cannot be read."""
    text = read_user_file(
        path, "actor file", lambda problem, where: ActorFileNotFound(problem, path=where)
    )
    return DataFile(str(path), text)


def read_yaml(
    file: DataFile, *, sections: Iterable[str] = SECTIONS, what: str = "an actor file"
) -> dict[Any, Any]:
    """The top-level mapping of a YAML data file of the knowledge base, with line numbers.

    The one reader of these files, packaged or the user's: invalid YAML (a duplicate key, an
    impossible date) is :class:`ActorFileSyntaxError`, a top-level key not in ``sections``
    :class:`InvalidActorFile`, and both name ``file.path`` and the line. ``what`` names the
    file in messages ("an actor file must be a mapping ...").
    """
    path = file.path
    return load_sections(
        file.text,
        what=what,
        sections=sections,
        syntax_error=lambda problem, line: ActorFileSyntaxError(problem, path=path, line=line),
        structure_error=lambda problem, line: InvalidActorFile(problem, path=path, line=line),
    )


# --------------------------------------------------------------------------- one file


@dataclass(frozen=True, slots=True)
class _Layer:
    """One parsed and validated file, with where each record came from."""

    path: str
    actors: tuple[tuple[Actor, Source, Any], ...]
    people: tuple[tuple[Person, Source, Any], ...]
    offices: tuple[tuple[Office, Source], ...]
    sectors: tuple[tuple[Sector, Source], ...]
    governments: tuple[tuple[Government, Source, Any], ...]
    aliases: tuple[tuple[ExtraAlias, Source], ...]


def _parse_file(file: DataFile) -> _Layer:
    """Read and validate one actor file. Raises a KnowledgeBaseError naming path and line."""
    path = file.path
    raw = read_yaml(file)
    out: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    for section in SECTIONS:
        items = raw.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            raise InvalidActorFile(
                f"{section!r} must be a list", path=path, line=line_of(items) or raw["__line__"]
            )
        for item in items:
            record = validate_entry(section, item, path)
            src = Source(path, line_of(item))
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
    return tuple(_parse_file(packaged_file(name)) for name in PACKAGED_FILES)


def _user_layer(path: Path) -> _Layer:
    return _parse_file(user_file(path))


def check_user_file(path: Path) -> None:
    """Read and validate a user's actor file as loading it would, without building the
    knowledge base: the error (E301-E306) names the file and line. References to other
    actors are checked when the knowledge base is built."""
    _user_layer(path)


# --------------------------------------------------------------------------- layering


class _Builder:
    """Merges the layers in order, checks them against each other, and indexes them.

    Every check raises one KnowledgeBaseError naming the file and line of the record at
    fault; the order of the checks is the order in which a user sees problems.
    """

    def __init__(self, layers: Sequence[_Layer]) -> None:
        self._actors: dict[str, Actor] = {}
        self._actor_src: dict[str, Source] = {}
        self._people: dict[str, Person] = {}
        self._person_src: dict[str, Source] = {}
        self._actor_raw: dict[str, Any] = {}
        self._person_raw: dict[str, Any] = {}
        self._offices: dict[str, Office] = {}
        self._sectors: dict[str, Sector] = {}
        self._periods: dict[str, list[GovernmentPeriod]] = {}
        self._period_src: dict[str, list[Source]] = {}
        self._extra: list[tuple[ExtraAlias, Source]] = []
        for layer in layers:
            self._add_layer(layer)
        self._check_references()
        self._iso3_to_state: dict[str, str] = {
            a.iso3: a.id for a in self._actors.values() if a.kind == "state" and a.iso3
        }
        self._check_countries()
        self._build_roles()
        self._index: dict[str, list[IndexEntry]] = {}
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
                psrc = Source(src.path, line)
                for other, osrc in zip(periods, srcs, strict=True):
                    if overlap(
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

    def _claim_id(self, ident: str, src: Source, what: str) -> None:
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
        def need_actor(ref: str | None, src: Source, field: str) -> None:
            if ref is not None and ref not in self._actors:
                raise UnknownReference(
                    f"{field} refers to unknown actor {ref!r}{self._suggest(ref)}",
                    path=src.path,
                    line=src.line,
                )

        def need_sector(code: str | None, src: Source, field: str) -> None:
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
            need_sector(office.sector, Source("offices", None), f"office {office.id!r}")
        for person in self._people.values():
            psrc = self._person_src[person.id]
            raw_terms = self._person_raw.get(person.id, {}).get("terms") or []
            for i, term in enumerate(person.terms):
                line = line_of(raw_terms[i]) if i < len(raw_terms) else None
                src = Source(psrc.path, line or psrc.line)
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

    def _surfaces_of_actor(self, actor: Actor, src: Source) -> Iterator[SurfaceForm]:
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
                source=str(Source(src.path, line or src.line)),
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
                        source=str(Source(src.path, line or src.line)),
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
        sensitive = {(f.target, exact_key(f.text)) for f in forms if f.case_sensitive}
        for f in forms:
            if not f.case_sensitive and (f.target, exact_key(f.text)) in sensitive:
                f = replace(f, case_sensitive=True)
            self._add_form(f)

    def _surfaces_of_actor_extra(self, extra: ExtraAlias, src: Source) -> Iterator[SurfaceForm]:
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
        exact = exact_key(form.text)
        bucket = self._index.setdefault(key, [])
        for other in bucket:
            o = other.form
            if o.target == form.target:
                continue
            if form.case_sensitive and o.case_sensitive and exact != other.exact:
                continue
            if form.ambiguous and o.ambiguous:
                continue
            if not overlap(form.valid_from, form.valid_until, o.valid_from, o.valid_until):
                continue
            path, _, line = form.source.rpartition(":")
            raise ConflictingAlias(
                f"name {form.text!r} is claimed by {form.target_type} {form.target!r} and by "
                f"{o.target_type} {o.target!r} ({o.source}) for overlapping dates; give "
                f"different dates, or mark both `ambiguous: true` if the overlap is on purpose",
                path=path or form.source,
                line=int(line) if line.isdigit() else None,
            )
        bucket.append(IndexEntry(form, exact))

    def data(self) -> KnowledgeBaseData:
        """The merged, checked and indexed tables."""
        return KnowledgeBaseData(
            actors=self._actors,
            actor_src=self._actor_src,
            people=self._people,
            person_src=self._person_src,
            offices=self._offices,
            sectors=self._sectors,
            periods=self._periods,
            iso3_to_state=self._iso3_to_state,
            role_nouns=self._role_nouns,
            office_phrases=self._office_phrases,
            index=self._index,
            terms_by_office=self._terms_by_office,
            children=self._children,
        )

    def _suggest(self, ident: str) -> str:
        return did_you_mean(ident, [*self._actors, *self._people])


def build_data(layers: Sequence[_Layer]) -> KnowledgeBaseData:
    """The tables of a knowledge base made of these layers, later layers on top."""
    return _Builder(layers).data()


# --------------------------------------------------------------------------- loading


@functools.lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    return KnowledgeBase(build_data(_packaged_layers()))


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
    return KnowledgeBase(build_data(layers))

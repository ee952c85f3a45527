"""The knowledge base's queries: what a name denotes on a date, and who held what.

:class:`KnowledgeBase` answers, from tables the loader (:mod:`detente.actors.kb_loading`)
has already read, checked and indexed:

* :meth:`KnowledgeBase.lookup` - what a surface form ("Dushanbe", "ISIS-Khorasan", "the
  Afghan government", "Iran's foreign minister") denotes on a date, as a list of
  :class:`Candidate` that say which actor, which sector and *how* (name, alias, metonym,
  demonym, role, office, person);
* :meth:`KnowledgeBase.government_of` - the time-bounded identity of "the <country>
  government" (the Taliban in Afghanistan after 2021-08-15);
* :meth:`KnowledgeBase.office_holder` - who held an office on a date;
* :meth:`KnowledgeBase.all_surface_forms` - every name a phrase matcher should look for.

Apart from the loading because a query never reads a file or raises a file's error: all of
that is over once a :class:`KnowledgeBase` exists, and the queries can be read, and changed,
without the layering rules in view. Dates are half-open intervals (see
:mod:`detente.actors.kb_schema`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from detente.actors.kb_errors import UnknownActor, did_you_mean
from detente.actors.kb_names import QUOTES, exact_key, normalize_surface, surface_key
from detente.actors.kb_schema import (
    Actor,
    GovernmentPeriod,
    Office,
    Person,
    Sector,
    Source,
    SurfaceForm,
    Term,
)
from detente.actors.name_context import name_run, names_someone_else, title_words

_POSSESSIVE = re.compile(r"^(?P<mod>.+?)(?:'s|(?<=s)')\s+(?P<role>.+)$")


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


CandidateHow = Literal["name", "alias", "metonym", "demonym", "role", "office", "person", "place"]


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


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One name in the index: its surface form, and its case-sensitive key."""

    form: SurfaceForm
    exact: str


@dataclass(frozen=True, slots=True)
class KnowledgeBaseData:
    """What the queries read: the records, checked against each other, and their indexes.

    Built by :func:`detente.actors.kb_loading.build_data` from the layered files.
    """

    actors: dict[str, Actor]
    actor_src: dict[str, Source]
    people: dict[str, Person]
    person_src: dict[str, Source]
    offices: dict[str, Office]
    sectors: dict[str, Sector]
    periods: dict[str, list[GovernmentPeriod]]
    iso3_to_state: dict[str, str]
    role_nouns: dict[str, tuple[str, bool, str]]
    """surface key -> (sector code, is a government noun, the noun as written)"""
    office_phrases: dict[str, tuple[str, str]]
    """surface key -> (office id, the phrase as written)"""
    index: dict[str, list[IndexEntry]]
    """surface key -> every name with that key"""
    terms_by_office: dict[str, list[tuple[Person, Term]]]
    children: dict[str, list[str]]


class KnowledgeBase:
    """Actors, people, sectors, offices and governments, indexed for lookups.

    Build it with :func:`load_knowledge_base`; it is immutable afterwards and safe to share
    between threads. All dates are half-open intervals (see the module docstring).
    """

    def __init__(self, data: KnowledgeBaseData) -> None:
        self._actors = data.actors
        self._actor_src = data.actor_src
        self._people = data.people
        self._person_src = data.person_src
        self._offices = data.offices
        self._sectors = data.sectors
        self._periods = data.periods
        self._iso3_to_state = data.iso3_to_state
        self._role_nouns = data.role_nouns
        self._office_phrases = data.office_phrases
        self._index = data.index
        self._terms_by_office = data.terms_by_office
        self._children = data.children
        self._titles: frozenset[str] | None = None
        self._own_names: dict[str, list[tuple[str, ...]]] | None = None

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

    def title_words(self) -> frozenset[str]:
        """Words that make no name of a person's: titles and honorifics, and every word of
        the office phrases and role nouns ("foreign", "minister", "army"), as lower-case keys
        (see :mod:`detente.actors.name_context`)."""
        if self._titles is None:
            self._titles = title_words(
                (phrase for _office, phrase in self._office_phrases.values()),
                (noun for _code, _gov, noun in self._role_nouns.values()),
            )
        return self._titles

    def own_names(self, person_id: str) -> list[tuple[str, ...]]:
        """The word keys of every name of a person ("mohammad javad zarif", "zarif")."""
        if self._own_names is None:
            names: dict[str, list[tuple[str, ...]]] = {}
            for bucket in self._index.values():
                for entry in bucket:
                    if entry.form.target_type == "person":
                        words = tuple(surface_key(entry.form.text).split())
                        names.setdefault(entry.form.target, []).append(words)
            self._own_names = names
        return self._own_names.get(person_id, [])

    def nearest(self, name: str, n: int = 5) -> list[str]:
        """Known names closest to ``name`` - for "no actor named ..." messages."""
        key = surface_key(name)
        keys = difflib.get_close_matches(key, list(self._index), n=n, cutoff=0.6)
        return [self._index[k][0].form.text for k in keys]

    def _suggest(self, ident: str) -> str:
        return did_you_mean(ident, [*self._actors, *self._people])

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
        government"). A title before the name of someone the knowledge base does not know
        reads as the title, without the office's holder ("Indian Home Minister Rajesh
        Kumar"), and a known surname after unknown name words is no one's ("Amit Shah" is not
        the Shah; see :mod:`detente.actors.name_context`). Returns [] for what is no actor
        ("an Iranian city").

        Names marked case-sensitive ("US", "IS", "WHO") match only as written, so running
        text's "us" is not the United States; ``ignore_case=True`` lifts that for input typed
        by a user (a command-line argument), where case carries no meaning.
        """
        text = surface.strip().translate(QUOTES)
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
        found = self._office_alone(text, on)
        if found:
            return found
        return self._title_before_name(text, on, ic)

    def _title_before_name(self, text: str, on: dt.date | None, ic: bool) -> list[Candidate]:
        """A title and the name of someone the knowledge base does not know: "Indian Home
        Minister Rajesh Kumar", "Sudan's army chief Abdel Khalil" read as their title."""
        words = text.split()  # as written: "Sudan's" must stay a possessive
        if len(words) < 2 or not words[-1][:1].isupper():
            return []  # most phrases that reach here end in a lower-case word
        tokens = [normalize_surface(w) for w in words]
        if not all(tokens):
            return []
        run = self._name_words_before(tokens, len(tokens))
        if not run or len(run) == len(tokens):
            return []
        head = words[: len(words) - len(run)]
        while head:  # "Sudanese army chief Gen. Abdel Khalil": an honorific may come between
            found = self._title_alone(head, on, ic)
            if found and found[0].how == "role" and len(run) < 2:
                return []  # "Iranian officials Tasnim": a role noun seldom names one person
            if found or surface_key(head[-1]) not in self.title_words():
                return found
            head = head[:-1]
        return []

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
            before = self._name_words_before(tokens, i) if persons else []
            if before:
                # "Amit Shah", "Indian Home Minister Amit Shah": a known surname or title
                # after name words of no one it names is someone else's; read the title.
                name = surface_key(" ".join(tokens[i:])).split()
                persons = [
                    c
                    for c in persons
                    if c.person_id is not None
                    and not names_someone_else(before, name, (), self.own_names(c.person_id))
                ]
                if not persons:
                    return self._title_alone(tokens[: i - len(before)], on, ic)
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

    def _name_words_before(self, tokens: list[str], end: int) -> list[str]:
        """The keys of the name words right before ``tokens[end]`` (text order), up to a
        title, a common word or a name the knowledge base knows ("Iran's", "Russian")."""

        def outward() -> Iterator[tuple[str, str]]:
            for k in range(end - 1, -1, -1):
                if any(self._direct(" ".join(tokens[s : k + 1]), None) for s in range(k + 1)):
                    return
                yield tokens[k], surface_key(tokens[k])

        return list(reversed(name_run(outward(), self.title_words())))

    def _title_alone(self, tokens: list[str], on: dt.date | None, ic: bool) -> list[Candidate]:
        """The reading of the title before the name of someone the knowledge base does not
        know ("Indian Home Minister" of "Indian Home Minister Amit Shah"), without the
        office's holder: the text names another person."""
        if not tokens:
            return []
        found = self.lookup(" ".join(tokens), on, ignore_case=ic)
        return self._rank(replace(c, person_id=None) for c in found if c.how in ("office", "role"))

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
        exact = exact_key(text)
        article = text[:4].casefold() == "the "
        entries = [
            e
            for e in bucket
            if (not e.form.case_sensitive or ignore_case or e.exact == exact)
            and (article or not _title_alias(e.form))
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


def _title_alias(form: SurfaceForm) -> bool:
    """A person's alias written with the article ("the Shah") is a title: without it the
    word is a surname ("Amit Shah", "Mr Shah"), and names no one in particular."""
    return form.target_type == "person" and form.text[:4].casefold() == "the "


def _singular_phrase(key: str) -> str | None:
    words = key.split()
    if not words:
        return None
    last = _singular(words[-1])
    if last is None:
        return None
    return " ".join([*words[:-1], last])

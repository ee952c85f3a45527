"""Resolution of every way a document names an actor, sentence by sentence.

Three passes over a document:

1. find the knowledge base's names (names, aliases, capitals, demonyms, people) and grow
   each into the longest phrase the knowledge base can read ("Iran's Ministry of
   Intelligence", "the President of Iran", "Afghan refugees"), dropping demonyms that are
   mere attributes ("an Iranian city");
2. choose among readings: the sentence's date (the middle of the time it names, else of its
   paragraph's, else the publication date) picks time-bounded identities ("Kabul" in 1998
   and in 2023), and names that need context ("the Islamic Republic", "Massoud") go to the
   reading the rest of the document makes salient;
3. light coreference: a person introduced by a title or in full and then named by surname
   ("Sudan's army chief Abdel Khalil ... Khalil said") is the same actor and sector again,
   and a surname the document gave someone else ("Rahul Gandhi ... Gandhi") never reads as
   a namesake the knowledge base knows; "the group", "the two sides" point back to actors
   already named.

Every mention records how it was resolved, so a user can see why an actor is there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from detente.actors.kb import Candidate, KnowledgeBase, surface_key
from detente.actors.matcher import NameIndex, NameMatch, Token, joined, title_case, tokenize
from detente.actors.name_context import name_run, name_words, names_someone_else
from detente.actors.places import place_forms, place_on
from detente.model import Document, Mention, Sentence
from detente.nlp.timex import resolve_times

_SEAT = re.compile(r"[-–—]based\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–\"“”]")
_EXTEND_RIGHT = 6
_EXTEND_LEFT = 4


@dataclass(frozen=True, slots=True)
class CoreferenceRules:
    group: re.Pattern[str]
    body: re.Pattern[str]
    regime: re.Pattern[str]
    pair: re.Pattern[str]
    state_words: re.Pattern[str]
    group_kinds: frozenset[str]
    body_kinds: frozenset[str]
    window: int
    home_organs: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (sector, phrases)
    federal_organs: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (sector, phrases)
    dateline_paragraphs: int = 3
    # words that open another clause between an actor and "the group" (see _doer_of_clause)
    clause_openers: frozenset[str] = frozenset()
    clause_words: int = 6


@cache
def _data(name: str) -> dict[str, object]:
    text = files("detente.actors").joinpath(f"data/{name}").read_text(encoding="utf-8")
    loaded: dict[str, object] = yaml.safe_load(text)
    return loaded


@cache
def attributive_nouns() -> frozenset[str]:
    raw = _data("attributive_nouns.yaml")
    words = {str(w).lower() for group in raw.values() if isinstance(group, list) for w in group}
    return frozenset(words | {w + "s" for w in words} | {w + "es" for w in words})


@cache
def place_nouns() -> frozenset[str]:
    raw = _data("attributive_nouns.yaml")["places"]
    assert isinstance(raw, list)
    words = {str(w).lower() for w in raw}
    return frozenset(words | {w + "s" for w in words})


@cache
def coreference_rules() -> CoreferenceRules:
    raw = _data("coreference.yaml")

    def pattern(key: str) -> re.Pattern[str]:
        items = raw[key]
        assert isinstance(items, list)
        return re.compile(r"\b(?:" + "|".join(items) + r")\b", re.IGNORECASE)

    kinds, body_kinds, window = raw["group_kinds"], raw["body_kinds"], raw["window"]
    assert isinstance(kinds, list) and isinstance(body_kinds, list) and isinstance(window, int)
    organs, paragraphs = raw["home_organs"], raw["dateline_paragraphs"]
    assert isinstance(organs, dict) and isinstance(paragraphs, int)
    federal = raw["federal_organs"]
    assert isinstance(federal, dict)

    def by_sector(table: dict[object, object]) -> tuple[tuple[str, re.Pattern[str]], ...]:
        out = []
        for sector, phrases in table.items():
            assert isinstance(phrases, list)
            joined = "|".join(str(p) for p in phrases)
            out.append((str(sector), re.compile(r"\b(?:" + joined + r")\b", re.IGNORECASE)))
        return tuple(out)

    openers, clause_words = raw["clause_openers"], raw["clause_words"]
    assert isinstance(openers, list) and isinstance(clause_words, int)
    return CoreferenceRules(
        group=pattern("group"),
        body=pattern("body"),
        regime=pattern("regime"),
        pair=pattern("pair"),
        state_words=pattern("state_words"),
        group_kinds=frozenset(kinds),
        body_kinds=frozenset(body_kinds),
        window=window,
        home_organs=by_sector(organs),
        federal_organs=by_sector(federal),
        dateline_paragraphs=paragraphs,
        clause_openers=frozenset(str(w).lower() for w in openers),
        clause_words=clause_words,
    )


@dataclass(slots=True)
class _Found:
    """A phrase with its readings, before the readings are chosen."""

    sentence: int
    start: int
    end: int
    text: str
    candidates: list[Candidate]
    place: bool = False  # "the Iranian city of ...", "Jericho": names where, not who


class ActorResolver:
    """Resolves mentions with one knowledge base; build once, use for many documents."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index = NameIndex(kb, place_forms(kb))
        self._lookups: dict[tuple[str, dt.date | None], list[Candidate]] = {}
        self._offices = {phrase.lower(): office for phrase, office in kb.office_phrases().items()}
        alternatives = "|".join(re.escape(p) for p in sorted(self._offices, key=len, reverse=True))
        self._title = re.compile(rf"\bthe ({alternatives})\b", re.IGNORECASE)

    def _lookup(self, text: str, on: dt.date | None) -> list[Candidate]:
        """The knowledge base's reading of a phrase, remembered: news repeats its phrases."""
        key = (text, on)
        found = self._lookups.get(key)
        if found is None:
            if len(self._lookups) > 200_000:
                self._lookups.clear()
            found = self._lookups[key] = self.kb.lookup(text, on)
        return found

    def resolve(self, document: Document) -> list[Mention]:
        """The document's actor mentions, in text order."""
        return self.resolve_with_places(document)[0]

    def resolve_with_places(self, document: Document) -> tuple[list[Mention], list[Mention]]:
        """Actor mentions, and place references: place names ("a bombing in Samarra", see
        :mod:`detente.actors.places`) and demonyms that locate rather than act ("the Iranian
        city of Kerman"), kept apart so that they never act in an event but can say where an
        attack struck (resolution "place", the actor being the state of the place)."""
        sentences = document.sentences
        dates = [
            span.start + (span.end - span.start) / 2 if span else None
            for span, _origin in resolve_times(
                [(s.paragraph, s.text) for s in sentences], document.published
            )
        ]
        found: list[_Found] = []
        read: dict[int, tuple[list[Token], list[NameMatch]]] = {}
        for sentence, on in zip(sentences, dates, strict=True):
            tokens = tokenize(sentence.text)
            matches = read[sentence.index] = (tokens, self.index.find(sentence.text, tokens))
            for item in self._phrases(sentence.text, on, *matches):
                found.append(
                    _Found(
                        sentence.index,
                        sentence.start + item.start,
                        sentence.start + item.end,
                        item.text,
                        item.candidates,
                        item.place,
                    )
                )
        actors = [f for f in found if not f.place]
        # Places count too: "in Kirkuk" names Iraq as well as "Iraqi" does; a small town is
        # read only where its state is named ("Milak" in a report on Iran is no Indian town).
        salience = self._salience(found)
        mentions = [m for m in (self._choose(f, salience) for f in actors) if m is not None]
        mentions = self._surnames(document, mentions, read)
        mentions += self._coreference(document, mentions)
        mentions += self._titles(document, mentions)
        mentions += self._home_organs(document, mentions)
        mentions += self._federal_organs(document, mentions)
        places = [
            dataclasses.replace(m, resolution="place")
            for m in (self._choose(f, salience) for f in found if f.place)
            if m is not None
        ]
        return sorted(mentions, key=_text_order), sorted(places, key=_text_order)

    # -- pass 1: phrases -----------------------------------------------------------------

    def _phrases(
        self, text: str, on: dt.date | None, tokens: list[Token], matches: list[NameMatch]
    ) -> list[_Found]:
        taken_until = 0
        out: list[_Found] = []
        for position, match in enumerate(matches):
            next_start = matches[position + 1].first if position + 1 < len(matches) else len(tokens)
            phrase = self._grow(text, tokens, match, on, taken_until, next_start)
            if phrase is None:
                continue
            out.append(phrase)
            taken_until = phrase.end
        return out

    def _grow(
        self,
        text: str,
        tokens: list[Token],
        match: NameMatch,
        on: dt.date | None,
        taken_until: int,
        next_first: int,
    ) -> _Found | None:
        """The longest readable phrase around a name, or the name itself."""
        start, end = match.start, match.end
        if _after_a_prefix(text, start):
            return None
        if on is not None and match.first > 0 and tokens[match.first - 1].key == "new":
            # "the new Afghan government" in a sentence of 2001 is the one formed that year
            # (December's interim administration), not the Taliban who held Kabul until then.
            on = dt.date(on.year, 12, 31)
        # Right: "<name>'s <role>", "<demonym> <role>", never reaching the next name.
        right_limit = min(match.last + _EXTEND_RIGHT, len(tokens) - 1, next_first - 1)
        open_until = len(text)  # a span crosses a clause break if it ends after the first one
        if right_limit > match.last:
            clause_break = _CLAUSE_BREAK.search(text, start, tokens[right_limit].end)
            if clause_break:
                open_until = clause_break.start()
        for last in range(right_limit, match.last, -1):
            if tokens[last].end > open_until:
                continue
            span = text[start : tokens[last].end]
            candidates = self._lookup(span, on)
            if candidates and candidates[0].how in ("role", "office"):
                return self._grow_left(
                    text, tokens, match.first, tokens[last].end, on, taken_until, candidates
                )
        # Left: "the President of <name>", "defense minister <person>".
        grown = self._grow_left(text, tokens, match.first, end, on, taken_until, None)
        if grown is not None:
            return grown
        candidates = self._lookup(text[start:end], on)
        place = place_on(match.forms, on)
        if place is not None and all(c.in_period is False for c in candidates):
            # A place name, or a former capital out of its time ("Lagos" in 2020).
            if _seat(text, end):
                return None  # "a Gaza-based group": where an actor sits, not an event
            reading = Candidate(
                place.target, None, "place", place.text, place.target, ambiguous=place.ambiguous
            )
            return _Found(-1, start, end, text[start:end], [reading], place=True)
        if not candidates or (_seat(text, end) and candidates[0].how == "metonym"):
            return None  # "a London-based analyst" is no British government
        if (
            candidates[0].how == "demonym"
            and not _people_noun(tokens[match.last].text)
            and self._attributive(tokens, match.last, next_first)
        ):
            return _Found(-1, start, end, text[start:end], candidates, place=True)
        if tokens[match.last].possessive and self._possessed_place(tokens, match.last):
            return None
        return _Found(-1, start, end, text[start:end], candidates)

    def _grow_left(
        self,
        text: str,
        tokens: list[Token],
        first: int,
        end: int,
        on: dt.date | None,
        taken_until: int,
        fallback: list[Candidate] | None,
    ) -> _Found | None:
        """Grow leftwards only when the words before change the reading.

        "the President of Iran" is an office holder where "Iran" is the state, and "a new
        government in Kabul" is a government where "Kabul" is a metonym; but "the killing of
        Iranian diplomats" names no one that "Iranian diplomats" does not.
        """
        base_span = text[tokens[first].start : end]
        base = fallback if fallback is not None else self._lookup(base_span, on)
        is_person = bool(base) and base[0].how == "person"
        for begin in range(max(first - _EXTEND_LEFT, 0), first):
            if tokens[begin].start < taken_until:
                continue
            prefix = [t.key for t in tokens[begin:first]]
            if not _role_prefix(prefix, is_person):
                continue
            span = text[tokens[begin].start : end]
            if _CLAUSE_BREAK.search(span):
                continue
            candidates = self._lookup(span, on)
            if (
                candidates
                and candidates[0].how in ("role", "office", "person")
                and (not base or _reading(candidates[0]) != _reading(base[0]))
            ):
                return _Found(-1, tokens[begin].start, end, span, candidates)
        if fallback is None:
            return None
        return _Found(-1, tokens[first].start, end, base_span, fallback)

    def _possessed_place(self, tokens: list[Token], last: int) -> bool:
        """ "Afghanistan's northern Balkh province": the name locates a place, it does not act.

        Reached only when no role reading fits ("Iran's border guards" is a role first).
        """
        places = place_nouns()
        return any(t.key in places for t in tokens[last + 1 : last + 5])

    def _attributive(self, tokens: list[Token], last: int, next_first: int) -> bool:
        """A demonym followed by a place or a thing: "an Iranian city", "Azeri airspace"."""
        nouns = attributive_nouns()
        for k in range(last + 1, min(last + 4, next_first, len(tokens))):
            if tokens[k].key in nouns or (
                k + 1 < len(tokens) and f"{tokens[k].key} {tokens[k + 1].key}" in nouns
            ):
                return True
            if not tokens[k].text.islower():
                break
        return False

    # -- pass 2: choosing readings ---------------------------------------------------------

    def _salience(self, found: Sequence[_Found]) -> Counter[str]:
        """How often each actor, and each actor's state, is named without ambiguity."""
        counts: Counter[str] = Counter()
        for item in found:
            clear = [c for c in item.candidates if not c.ambiguous]
            if len({c.actor_id for c in clear}) == 1:
                actor_id = clear[0].actor_id
                counts[actor_id] += 1
                state = self.kb.state_of(actor_id)
                if state and state != actor_id:
                    counts[state] += 1
                if clear[0].person_id:
                    counts[clear[0].person_id] += 1
        return counts

    def _choose(self, item: _Found, salience: Counter[str]) -> Mention | None:
        candidates = [c for c in item.candidates if c.in_period is not False] or item.candidates
        distinct = {(c.actor_id, c.person_id) for c in candidates}
        if len(distinct) == 1 and not candidates[0].ambiguous:
            chosen, confidence = (
                candidates[0],
                0.95 if candidates[0].in_period is not False else 0.7,
            )
        elif len({(c.actor_id, c.sector) for c in item.candidates}) == 1 and all(
            c.person_id for c in item.candidates
        ):
            # "Bush said", "the Aliyev government": which of two namesakes is unclear, but
            # all of them, in office or not, act for the same actor: all an event needs.
            person = candidates[0].person_id if len(distinct) == 1 else None
            chosen, confidence = dataclasses.replace(candidates[0], person_id=person), 0.7
        else:

            def score(c: Candidate) -> int:
                state = self.kb.state_of(c.actor_id) or c.actor_id
                own = salience[c.person_id] if c.person_id else salience[c.actor_id]
                return own * 2 + salience[state]

            ranked = sorted(candidates, key=score, reverse=True)
            best = score(ranked[0])
            runner_up = score(ranked[1]) if len(ranked) > 1 else 0
            if best == 0 or best == runner_up:
                return None  # a name that needs context the document does not give
            chosen, confidence = ranked[0], 0.6 if runner_up else 0.75
        return Mention(
            sentence=item.sentence,
            start=item.start,
            end=item.end,
            text=item.text,
            actor_id=chosen.actor_id,
            resolution=chosen.how,
            sector=chosen.sector,
            person_id=chosen.person_id,
            confidence=confidence,
        )

    # -- pass 3: light coreference ---------------------------------------------------------

    def _surnames(
        self,
        document: Document,
        mentions: list[Mention],
        read: dict[int, tuple[list[Token], list[NameMatch]]],
    ) -> list[Mention]:
        """A person named in full, then by surname: "Indian Home Minister Rajesh Kumar
        accused Pakistan ... Kumar said" (the title's actor and sector), "Amit Shah ...
        Shah" (the person); and a surname the document gave someone else ("Rahul Gandhi
        ... Gandhi") never reads as a namesake the knowledge base knows.

        Document-level, after the first pass: a name is introduced by a title or role
        mention it ends or directly follows ("Sudan's army chief Abdel Khalil", "the Indian
        Home Minister, Amit Shah,"), by a person mention of several words, or by unknown
        name words before a known surname; a later bare surname (or the full name) refers
        to the latest introduction before it (resolution ``coreference``).
        """
        view = _DocumentNames(self, document, read)
        people: list[_Introduced] = []
        out: list[Mention] = []
        for mention in mentions:
            introduced = view.introduced_by(mention)
            if introduced is None:
                out.append(mention)
                continue
            if (
                mention.resolution != "person"
                and mention.person_id
                and not view.own_name(introduced.name, mention.person_id)
            ):
                # "Indian Home Minister Rajesh Kumar" on a date the KB knows another holder
                mention = dataclasses.replace(mention, person_id=None)
                introduced = dataclasses.replace(introduced, antecedent=mention)
            people.append(introduced)
            out.append(mention)
        people += view.others(out)
        if not people:
            return out
        people.sort(key=lambda p: p.end)
        return view.refer(people, out)

    def _coreference(self, document: Document, mentions: list[Mention]) -> list[Mention]:
        rules = coreference_rules()
        out: list[Mention] = []
        for sentence in document.sentences:
            singles = [
                (match, rules.group_kinds) for match in rules.group.finditer(sentence.text)
            ] + [(match, rules.body_kinds) for match in rules.body.finditer(sentence.text)]
            regimes = list(rules.regime.finditer(sentence.text))
            pairs_named = list(rules.pair.finditer(sentence.text))
            if not singles and not pairs_named and not regimes:
                continue  # most sentences: no need to gather the mentions before
            earlier = [
                m for m in mentions if sentence.index - rules.window <= m.sentence <= sentence.index
            ]
            for match, kinds in singles:
                start = sentence.start + match.start()
                before = [m for m in earlier if m.end <= start and m.actor_id]
                found = [m for m in before if self._kind(m.actor_id) in kinds]
                if found and _doer_of_clause(found[-1], sentence, start, rules):
                    # "the Taliban have been fighting the group": not the Taliban
                    found = [m for m in found if m.actor_id != found[-1].actor_id]
                if found:
                    out.append(_refer(sentence.index, start, match.group(), found[-1]))
            for match in regimes:
                start = sentence.start + match.start()
                if any(m.start <= start < m.end for m in mentions):
                    continue  # "the Assad regime": named already
                governments = [
                    m
                    for m in earlier
                    if m.end <= start
                    and m.actor_id
                    and (m.sector == "GOV" or self._kind(m.actor_id) == "government")
                ]
                if governments:
                    out.append(_refer(sentence.index, start, match.group(), governments[-1]))
            for match in pairs_named:
                start = sentence.start + match.start()
                before = [
                    m
                    for m in earlier
                    if m.end <= start and m.actor_id and not _a_location(document.text, m)
                ]
                states_only = rules.state_words.search(match.group()) is not None
                pair = self._pair(before, mentions, states_only)
                if pair:
                    out += [_refer(sentence.index, start, match.group(), m) for m in pair]
        return out

    def _titles(self, document: Document, mentions: list[Mention]) -> list[Mention]:
        """ "Ethiopian Prime Minister Abiy Ahmed ordered ... The prime minister said ...": a
        bare title names the official who last held it in the text. With no such official
        named before, the title stays unresolved (the document's "own" state is a guess)."""
        out: list[Mention] = []
        named = _by_sentence(mentions)
        for sentence in document.sentences:
            for match in self._title.finditer(sentence.text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if sentence.text[match.end() : match.end() + 4].lower() == " of ":
                    continue  # "the president of Niger": a title with its state, or no actor
                if _overlapping(start, end, named.get(sentence.index, ())):
                    continue
                office = self._offices.get(match.group(1).lower())
                holders = [
                    m
                    for m in mentions
                    if m.end <= start
                    and sentence.index - m.sentence <= _TITLE_WINDOW
                    and m.person_id is not None
                    and any(t.office == office for t in self.kb.person(m.person_id).terms)
                ]
                if holders:
                    out.append(_refer(sentence.index, start, match.group(), holders[-1]))
        return out

    def _home_organs(self, document: Document, mentions: list[Mention]) -> list[Mention]:
        """ "SEOUL, Jan. 9 (Yonhap) -- ... the foreign ministry said": a state organ named
        without its state, in a story filed from a capital, is that state's (see
        ``home_organs`` in coreference.yaml). Nothing without a dateline."""
        rules = coreference_rules()
        home = self._dateline_state(document, rules.dateline_paragraphs)
        if home is None:
            return []
        return _unclaimed_organs(document, mentions, rules.home_organs, lambda sentence, at: home)

    def _federal_organs(self, document: Document, mentions: list[Mention]) -> list[Mention]:
        """ "Abiy said the TPLF attacked a camp housing federal troops": an organ called
        federal, with no state of its own, is the federation's the story named last before
        it, preferably within the coreference window (see ``federal_organs``)."""
        rules = coreference_rules()
        states = sorted(
            (m for m in mentions if m.actor_id and self._kind(m.actor_id) == "state"),
            key=lambda m: m.start,
        )

        def federation(sentence: int, at: int) -> str | None:
            before = [m for m in states if m.end <= at]
            near = [m for m in before if sentence - m.sentence <= rules.window]
            return (near or before)[-1].actor_id if (near or before) else None

        return _unclaimed_organs(document, mentions, rules.federal_organs, federation)

    def _dateline_state(self, document: Document, paragraphs: int) -> str | None:
        """The state whose capital a dateline names ("BEIJING:", "SEOUL, Jan. 9 (Yonhap)")."""
        for sentence in document.sentences:
            if sentence.paragraph >= paragraphs:
                return None
            found = _DATELINE_PLACE.match(sentence.text)
            if found is None:
                continue
            for candidate in self._lookup(found.group(1).title(), document.published):
                if candidate.how == "metonym" and self._kind(candidate.actor_id) == "state":
                    return candidate.actor_id
        return None

    def _pair(
        self, before: list[Mention], everywhere: list[Mention], states_only: bool
    ) -> tuple[Mention, Mention] | None:
        """The two parties "the two sides", "both countries", "the neighbours" stand for.

        Two actors named together in one sentence ("talks between the DRC and Rwanda") are a
        pair; among several such pairs, or none, the parties the document names most (its
        story's two sides), the later on a tie.
        """
        latest: dict[str, Mention] = {}
        by_sentence: dict[int, set[str]] = {}
        for m in before:
            key = self._pair_key(m.actor_id, states_only)
            if key:
                latest[key] = m
                by_sentence.setdefault(m.sentence, set()).add(key)
        # the most recent few: a paragraph of 200 names makes no quadratic search
        keys = sorted(latest, key=lambda k: latest[k].start)[-_PAIR_CANDIDATES:]
        if len(keys) < 2:
            return None
        named = Counter(self._pair_key(m.actor_id, states_only) for m in everywhere)

        def rank(pair: tuple[str, str]) -> tuple[int, int, int]:
            a, b = pair
            # the latest sentence that names both: "Azerbaijan opened an embassy in Israel,
            # three decades after the two countries ..." is about those two, whatever else
            # the story names more often
            together = max(
                (index for index, keys in by_sentence.items() if a in keys and b in keys),
                default=-1,
            )
            return together, named[a] + named[b], min(latest[a].start, latest[b].start)

        a, b = max(((a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]), key=rank)
        return latest[a], latest[b]

    def _pair_key(self, actor_id: str | None, states_only: bool) -> str | None:
        """What makes two antecedents distinct: the actor, or for "the two countries" its state."""
        if actor_id is None or not states_only:
            return actor_id
        state = self.kb.state_of(actor_id)
        if self._kind(actor_id) in ("state", "government") or self._governs(actor_id):
            return state or actor_id
        return None

    def _governs(self, actor_id: str) -> bool:
        """Whether the actor is, at some time, the government of its state (the Taliban)."""
        state = self.kb.state_of(actor_id)
        return state is not None and any(
            p.actor == actor_id for p in self.kb.government_periods(state)
        )

    def _kind(self, actor_id: str | None) -> str | None:
        if actor_id is None or actor_id not in self.kb.actors:
            return None
        return self.kb.actor(actor_id).kind


@dataclass(frozen=True, slots=True)
class _Introduced:
    """A person's name as a document first gives it, and who the person acts for (None:
    someone the knowledge base does not know and no title placed)."""

    name: tuple[str, ...]  # word keys
    end: int  # document offset where the name ends
    antecedent: Mention | None


class _DocumentNames:
    """The words of a document's sentences, read for the names of people (see
    :meth:`ActorResolver._surnames`); each sentence is tokenised and matched once."""

    def __init__(
        self,
        resolver: ActorResolver,
        document: Document,
        read: dict[int, tuple[list[Token], list[NameMatch]]],
    ) -> None:
        self.resolver = resolver
        self.document = document
        self.titles = resolver.kb.title_words()
        self._matched = read
        self._read: dict[int, tuple[list[Token], set[int]]] = {}

    def words(self, sentence: int) -> tuple[list[Token], set[int]]:
        """The sentence's tokens, and the indices of those inside a known name (as the
        first pass matched them)."""
        if sentence not in self._read:
            tokens, matches = self._matched[sentence]
            known: set[int] = set()
            for match in matches:
                known.update(range(match.first, match.last + 1))
            self._read[sentence] = (tokens, known)
        return self._read[sentence]

    def own_name(self, name: Sequence[str], person_id: str) -> bool:
        own = self.resolver.index.own_names(person_id)
        return not names_someone_else(name[:-1], name[-1:], (), own)

    def _run(self, sentence: int, indices: range) -> list[int]:
        """The indices of the unknown name words met walking ``indices`` (outward from a
        known name or a title), in walking order."""
        tokens, known = self.words(sentence)
        text = self.document.sentences[sentence].text
        taken: list[int] = []
        words: list[tuple[str, str]] = []
        previous = None
        for k in indices:
            if previous is not None:
                left, right = tokens[min(k, previous)], tokens[max(k, previous)]
                if left.possessive or not joined(text, left, right):
                    break  # "Iran's Khamenei"; "Modi, Shah": a break ends a name
            if k in known:
                break
            taken.append(k)
            words.append((tokens[k].text, tokens[k].key))
            previous = k
        return taken[: len(name_run(words, self.titles))]

    def introduced_by(self, mention: Mention) -> _Introduced | None:
        """The name a title or role mention gives ("... army chief Abdel Khalil"), or the
        surname of a person named in several words ("Amit Shah")."""
        if mention.resolution == "person" and " " not in mention.text.strip():
            return None  # one word: a surname already
        if mention.resolution not in ("person", "office", "role"):
            return None
        sentence = self.document.sentences[mention.sentence]
        tokens, _known = self.words(mention.sentence)
        if title_case(tokens):
            return None
        inside = [
            k
            for k, t in enumerate(tokens)
            if t.start >= mention.start - sentence.start and t.end <= mention.end - sentence.start
        ]
        if not inside:
            return None
        if mention.resolution == "person":
            common = name_words().common
            while inside and (
                tokens[inside[0]].text.islower()
                or tokens[inside[0]].key in self.titles
                or tokens[inside[0]].key in common
            ):
                inside = inside[1:]  # "the Shah", "President Putin": the name is the rest
            full = tuple(tokens[k].key for k in inside)
            if len(full) < 2 or len(full[-1]) < 2:
                return None
            return _Introduced(full, mention.end, mention)
        run = self._run(mention.sentence, range(inside[-1], inside[0] - 1, -1))[::-1]
        if not run:
            after = inside[-1] + 1
            if after >= len(tokens):
                return None
            gap = sentence.text[tokens[inside[-1]].full_end : tokens[after].start]
            run = self._run(mention.sentence, range(after, len(tokens)))
            if gap.strip() == ",":
                # an apposition, closed by a comma: "the Indian Home Minister, Amit Shah, said"
                close = tokens[run[-1] + 1].start if run and run[-1] + 1 < len(tokens) else None
                closing = sentence.text[tokens[run[-1]].full_end : close] if run else ""
                if not closing.strip().startswith((",", ")")):
                    return None
            elif gap.strip():
                return None
        if not run or len(tokens[run[-1]].key) < 2:
            return None
        if mention.resolution == "role" and len(run) < 2:
            return None  # "Iranian officials Tasnim ...": a role noun seldom names one person
        name = tuple(tokens[k].key for k in run)
        return _Introduced(name, sentence.start + tokens[run[-1]].end, mention)

    def others(self, mentions: list[Mention]) -> list[_Introduced]:
        """Unknown name words before a known surname, in sentences where a one-word
        person's name is written ("Rahul Gandhi" where the knowledge base knows "Gandhi"):
        the document names someone else by it."""
        surnames = {
            surface_key(m.text) for m in mentions if m.resolution == "person" and " " not in m.text
        }
        out: list[_Introduced] = []
        if not surnames:
            return out
        for sentence in self.document.sentences:
            tokens, known = self.words(sentence.index)
            for k, token in enumerate(tokens):
                if k in known or token.key not in surnames or not token.text[:1].isupper():
                    continue
                run = self._run(sentence.index, range(k - 1, -1, -1))[::-1]
                if run:
                    name = (*(tokens[j].key for j in run), token.key)
                    out.append(_Introduced(name, sentence.start + token.end, None))
        return out

    def refer(self, people: list[_Introduced], mentions: list[Mention]) -> list[Mention]:
        """Later bare surnames (or full names) read as the latest introduction before them;
        a person mention of a surname the document gave someone else is dropped."""
        common = name_words().common
        # "Theresa May ... May 5": a surname that is also a common word is never read alone
        surnames = {p.name[-1] for p in people} - common - self.titles
        kept = [m for m in mentions if not self._retold(m, people)]
        out = list(kept)
        for sentence in self.document.sentences:
            tokens, _known = self.words(sentence.index)
            for k, token in enumerate(tokens):
                if token.key not in surnames or not token.text[:1].isupper():
                    continue
                at = sentence.start + token.start
                if any(m.start <= at < m.end for m in kept):
                    continue  # an actor mention already ("Amit Shah" itself, "John Kerry")
                latest = [p for p in people if p.end <= at and p.name[-1] == token.key]
                antecedent = latest[-1].antecedent if latest else None
                if antecedent is None:
                    continue  # someone the document names, but no title placed
                person = latest[-1]
                before = self._run(sentence.index, range(k - 1, -1, -1))[::-1]
                given = [tokens[j].key for j in before]
                if names_someone_else(given, (token.key,), (), [person.name]):
                    continue  # "Ravi Kumar" is not Rajesh Kumar
                start = sentence.start + tokens[before[0] if before else k].start
                end = sentence.start + token.end
                text = self.document.text[start:end]
                out.append(_surname(sentence.index, start, text, antecedent))
        return out

    def _retold(self, mention: Mention, people: list[_Introduced]) -> bool:
        """Whether a one-word person mention is a surname the document gave someone else
        before it."""
        if mention.resolution != "person" or " " in mention.text:
            return False
        key = surface_key(mention.text)
        latest = [p for p in people if p.end <= mention.start and p.name[-1] == key]
        if not latest or latest[-1].antecedent is mention:
            return False
        person = latest[-1]
        if person.antecedent is not None and person.antecedent.person_id == mention.person_id:
            return False
        return mention.person_id is None or not self.own_name(person.name, mention.person_id)


def _surname(sentence: int, start: int, text: str, antecedent: Mention) -> Mention:
    """A surname standing for a person named before: the person's mention, retold."""
    return dataclasses.replace(
        _refer(sentence, start, text, antecedent), person_id=antecedent.person_id
    )


def _doer_of_clause(
    antecedent: Mention, sentence: Sentence, start: int, rules: CoreferenceRules
) -> bool:
    """Whether an antecedent is the doer of the clause "the group" stands in ("ISIS-K ...,
    where the Taliban have been fighting the group"): a group does not act on itself, so the
    phrase means another. Only for an antecedent a few words before in the same clause: "Hamas
    said the group would ..." opens a clause of its own, where "the group" is Hamas."""
    if antecedent.sentence != sentence.index or antecedent.end > start:
        return False
    between = sentence.text[antecedent.end - sentence.start : start - sentence.start]
    words = between.lower().split()
    if _CLAUSE_BREAK.search(between) or len(words) > rules.clause_words:
        return False
    return not any(w.strip("'’") in rules.clause_openers for w in words)


def _unclaimed_organs(
    document: Document,
    mentions: list[Mention],
    phrases: tuple[tuple[str, re.Pattern[str]], ...],
    state_at: Callable[[int, int], str | None],
) -> list[Mention]:
    """Mentions for the organ phrases (sector, pattern) no other mention claims, each of the
    state ``state_at(sentence, offset)`` gives; none where it gives none. An organ followed
    by "of" names its own state ("the government of Niger") and is left to the names."""
    out: list[Mention] = []
    named = _by_sentence(mentions)
    for sentence in document.sentences:
        taken = named.setdefault(sentence.index, [])
        for sector, pattern in phrases:
            for match in pattern.finditer(sentence.text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if sentence.text[match.end() : match.end() + 4].lower() == " of ":
                    continue
                if _overlapping(start, end, taken):
                    continue
                state = state_at(sentence.index, start)
                if state is None:
                    continue
                out.append(
                    Mention(
                        sentence=sentence.index,
                        start=start,
                        end=end,
                        text=match.group(),
                        actor_id=state,
                        resolution="coreference",
                        sector=sector,
                        confidence=0.7,
                    )
                )
                taken.append(out[-1])
    return out


def _refer(sentence: int, start: int, text: str, antecedent: Mention) -> Mention:
    return Mention(
        sentence=sentence,
        start=start,
        end=start + len(text),
        text=text,
        actor_id=antecedent.actor_id,
        resolution="coreference",
        sector=antecedent.sector,
        confidence=round(antecedent.confidence * 0.8, 3),
    )


def _reading(candidate: Candidate) -> tuple[str, str | None, str | None, str | None]:
    return (candidate.actor_id, candidate.sector, candidate.person_id, candidate.office)


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "former", "ex", "then", "new"})
_LINKS = frozenset({"of", "by", "for", "with", "from", "to", "and", "or", "on", "at", "as"})


def _role_prefix(prefix: list[str], is_person: bool) -> bool:
    """Words before a name that can make it a role: "the President of", "a government in",
    or a title before a person ("defense minister", "President").
    """
    while len(prefix) > 1 and prefix[-1] in ("the", "a", "an"):
        prefix = prefix[:-1]  # "rebels in the Ivory Coast"
    if prefix[-1] in ("of", "in"):
        return not any(word in _LINKS for word in prefix[:-1])
    if is_person:
        return len(prefix) <= 3 and not any(word in _LINKS for word in prefix)
    return all(word in _DETERMINERS for word in prefix)


def _after_a_prefix(text: str, start: int) -> bool:
    """ "post-Assad Syria", "pre-Soviet borders": the name dates something, it does not act."""
    head = text[max(0, start - 6) : start].lower()
    return head.endswith(("post-", "pre-", "non-"))


def _seat(text: str, end: int) -> bool:
    """ "Gaza-based", "London-based": the name says where an actor sits."""
    return _SEAT.match(text, end) is not None


def _people_noun(word: str) -> bool:
    """ "Algerians", "Afghans": a plural demonym names people, never an attribute of the
    words after it ("Young Algerians blocked roads" is no "Algerian road")."""
    return word.endswith("s") and not word.endswith("ss") and word[:1].isupper()


def _text_order(mention: Mention) -> tuple[int, int, str]:
    return (mention.start, mention.end, mention.actor_id or "")


def _by_sentence(mentions: Sequence[Mention]) -> dict[int, list[Mention]]:
    found: dict[int, list[Mention]] = {}
    for mention in mentions:
        found.setdefault(mention.sentence, []).append(mention)
    return found


def _overlapping(start: int, end: int, mentions: Sequence[Mention]) -> bool:
    """Whether a span overlaps a mention already read (only a sentence's own can)."""
    return any(m.start < end and start < m.end for m in mentions)


_PAIR_CANDIDATES = 8
# "SEOUL, Jan. 9 (Yonhap) --", "BEIJING:", "ISTANBUL, TURKEY |", "KYIV (Reuters) -"
_DATELINE_PLACE = re.compile(r"^\s*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2})(?=\s*[,:(|—–-])")
_TITLE_WINDOW = 6  # sentences back to the official a bare title names
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|from)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}$", re.I)


def _a_location(text: str, mention: Mention) -> bool:
    """Whether a capital or state is named as where something happened ("talks ... in the
    Angolan capital Luanda", "met in Hanoi"): a place, not a party to what happened there."""
    if mention.resolution not in ("metonym", "name", "alias"):
        return False
    return _LOCATIVE.search(text[max(0, mention.start - 60) : mention.start]) is not None

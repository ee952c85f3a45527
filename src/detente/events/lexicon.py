"""The trigger lexicon: which words express which event type, read from ``data/lexicon.yaml``.

A :class:`Trigger` is one reading of one word: its spaCy lemma and part of speech, the event
type and CAMEO code it expresses, the particle or object it needs ("carry out an attack",
"impose sanctions"), and the dependency relations where its source and target are found. A
word with several readings has several triggers; :meth:`Lexicon.triggers_for` returns them
all, least constrained first, and the extractor keeps the one with the most constraints met.

The lexicon also holds the vocabulary of relation-state statements ("ties hit rock bottom"),
of identity statements ("X sees Y as an enemy") and of support verbs ("launch an attack"),
and :meth:`Lexicon.surface_forms`, the word forms a cheap pre-filter looks for before a
sentence is parsed.

Why data and not code: an analyst can add the vocabulary of their own domain in a file of the
same schema (``load_lexicon(extra_files=[...])``) without editing detente. A bad file is
rejected at load with one :class:`LexiconError` (E401) naming the file, the line and the
entry, rather than producing wrong events later.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from detente.errors import DataFileError
from detente.events.ontology import RELATION, load_ontology
from detente.yamlfiles import line_of, load_sections, read_user_file, strip_lines

__all__ = [
    "DEFAULT_SOURCES",
    "DEFAULT_TARGETS",
    "Lexicon",
    "LexiconError",
    "Trigger",
    "inflections",
    "load_lexicon",
]

Pos = Literal["VERB", "NOUN", "ADJ"]

#: Where a trigger's TARGET is, when its entry does not say (dependency labels of spaCy's
#: English models; "prep:X" is the object of the preposition X hanging on the trigger).
DEFAULT_TARGETS: Final[Mapping[str, tuple[str, ...]]] = {
    "VERB": ("dobj", "nsubjpass", "dative"),
    "NOUN": ("prep:of", "prep:against", "prep:on", "prep:with", "prep:to"),
    "ADJ": ("prep:of", "prep:to", "prep:toward", "prep:towards", "prep:with", "prep:against"),
}
#: Where a trigger's SOURCE is, when its entry does not say.
DEFAULT_SOURCES: Final[Mapping[str, tuple[str, ...]]] = {
    "VERB": ("nsubj", "agent"),
    "NOUN": ("poss", "amod", "compound", "prep:by", "prep:from"),
    "ADJ": ("nsubj",),
}

_PACKAGED: Final = "detente/events/data/lexicon.yaml"
_DEP_LABELS: Final = frozenset(
    {
        "acomp",
        "agent",
        "amod",
        "appos",
        "attr",
        "ccomp",
        "compound",
        "dative",
        "dobj",
        "nmod",
        "npadvmod",
        "nsubj",
        "nsubjpass",
        "oprd",
        "pobj",
        "poss",
        "xcomp",
    }
)
_PREP = re.compile(r"^prep:[a-z]+$")
_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_CAMEO = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{1,2}$")
# The sections that are plain lists of words, loaded the same way.
_WORD_LIST_SECTIONS: Final = (
    "perception_verbs",
    "light_verbs",
    "patient_verbs",
    "partitive_nouns",
    "unimplied_nouns",
    "armed_sectors",
    "projectiles",
    "labelling_verbs",
    "condemning_words",
    "circumstantial_prepositions",
    "circumstance_nouns",
    "allied_markers",
    "act_nouns",
    "adversary_types",
    "truce_nouns",
    "claimed_nouns",
    "involvement_nouns",
    "ending_nouns",
    "response_nouns",
    "supporting_words",
    "weapon_nouns",
    "implied_part_types",
    "surface_variants",
)
_SECTIONS: Final = frozenset(
    {"triggers", "relations", "enemies_allies", "domestic_targets", *_WORD_LIST_SECTIONS}
)
_RELATION_KEYS: Final = frozenset(
    {"nouns", "positive_nouns", "negative_nouns", "positive", "negative", "neutral"}
)


# --------------------------------------------------------------------------- errors


class LexiconError(DataFileError):
    """A lexicon file that cannot be accepted: unreadable, not YAML, or not the schema.

    The message says ``FILE:LINE: problem`` (the line when known) and names the entry;
    ``path``, ``line`` and ``problem`` are also attributes for programs.
    """

    code: ClassVar[str] = "E401"


# --------------------------------------------------------------------------- the trigger


class Trigger(BaseModel):
    """One reading of a trigger word. Defaults for ``targets``/``sources`` follow ``pos``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lemma: str
    pos: Pos
    type: str
    cameo: str | None = None
    intensity: float | None = None
    particle: str | None = None
    with_object: tuple[str, ...] | None = None
    with_clause: tuple[str, ...] | None = None
    targets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    reciprocal: bool = False
    polarity: Literal[-1, 1] | None = None

    @field_validator("lemma")
    @classmethod
    def _lemma(cls, value: str) -> str:
        if value != value.strip().lower() or not _WORD.match(value):
            raise ValueError("must be one lower-case word (the head lemma of a phrase)")
        return value

    @field_validator("type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value != value.upper() or not value.isalpha():
            raise ValueError("must be an event type name in capitals, e.g. ASSAULT")
        return value

    @field_validator("cameo", mode="before")
    @classmethod
    def _cameo(cls, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str) or not _CAMEO.match(value):
            raise ValueError('must be a 3- or 4-digit CAMEO code as a quoted string, e.g. "190"')
        return value

    @field_validator("intensity")
    @classmethod
    def _intensity(cls, value: float | None) -> float | None:
        if value is not None and not -10.0 <= value <= 10.0:
            raise ValueError("must be in -10..10")
        return value

    @field_validator("particle", mode="before")
    @classmethod
    def _particle(cls, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str):
            # YAML 1.1 reads a bare on/off as a boolean: say how to write it
            raise ValueError('must be a word; quote "on" and "off"')
        words = value.split()
        if not words or value != value.lower() or not all(_WORD.match(w) for w in words):
            raise ValueError("must be one or more lower-case words")
        return " ".join(words)

    @field_validator("with_object", "with_clause", mode="before")
    @classmethod
    def _with_object(cls, value: Any) -> Any:
        if value is None:
            return None
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not items:
            raise ValueError("must be a lemma or a non-empty list of lemmas")
        for item in items:
            if not isinstance(item, str) or item != item.lower() or not _WORD.match(item):
                raise ValueError(f"{item!r} is not a lower-case lemma (quote on/off/yes/no)")
        if len(set(items)) != len(items):
            twice = next(i for i in items if items.count(i) > 1)
            raise ValueError(f"lists {twice!r} twice")
        return tuple(items)

    @field_validator("targets", "sources", mode="before")
    @classmethod
    def _relations(cls, value: Any) -> Any:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise ValueError("must be a list of dependency labels")
        for item in value:
            if not isinstance(item, str) or not (item in _DEP_LABELS or _PREP.match(item)):
                raise ValueError(
                    f"{item!r} is not a dependency label (dobj, nsubj, poss, ..., or prep:WORD)"
                )
        if len(set(value)) != len(value):
            raise ValueError("lists a label twice")
        return tuple(value)

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("pos") in DEFAULT_TARGETS:
            data = dict(data)
            if data.get("targets") is None:
                data["targets"] = DEFAULT_TARGETS[data["pos"]]
            if data.get("sources") is None:
                data["sources"] = DEFAULT_SOURCES[data["pos"]]
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Trigger:
        if self.type == RELATION:
            if self.polarity is None:
                raise ValueError("a RELATION trigger needs a polarity (1 or -1)")
        elif self.cameo is None:
            raise ValueError("cameo is required (the CAMEO code of this reading)")
        return self

    @property
    def key(
        self,
    ) -> tuple[str, str, str, str | None, tuple[str, ...] | None, tuple[str, ...] | None]:
        """What makes an entry unique: (lemma, pos, type, particle, sorted with_object,
        sorted with_clause)."""
        objects = tuple(sorted(self.with_object)) if self.with_object else None
        clauses = tuple(sorted(self.with_clause)) if self.with_clause else None
        return (self.lemma, self.pos, self.type, self.particle, objects, clauses)

    @property
    def constraints(self) -> int:
        """How many constraints the reading has (particle, object, clause): more is more
        specific."""
        return (
            (self.particle is not None)
            + (self.with_object is not None)
            + (self.with_clause is not None)
        )

    @property
    def label(self) -> str:
        """A short human name for messages: ``carry/VERB+out[attack,...] -> ASSAULT``."""
        text = f"{self.lemma}/{self.pos}"
        if self.particle:
            text += f"+{self.particle}"
        if self.with_object:
            shown = ",".join(self.with_object[:3]) + (",..." if len(self.with_object) > 3 else "")
            text += f"[{shown}]"
        if self.with_clause:
            text += f"(to {'/'.join(self.with_clause)})"
        return f"{text} -> {self.type}"


# --------------------------------------------------------------------------- word forms

_VOWELS = frozenset("aeiou")

#: Irregular verb forms (past, past participle, and other forms a lemma-based rule misses).
_IRREGULAR_VERBS: Final[Mapping[str, tuple[str, ...]]] = {
    "arise": ("arose", "arisen"),
    "bear": ("bore", "borne"),
    "beat": ("beaten",),
    "become": ("became",),
    "begin": ("began", "begun"),
    "bid": ("bade",),
    "bind": ("bound",),
    "blow": ("blew", "blown"),
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "build": ("built",),
    "buy": ("bought",),
    "cast": ("cast",),
    "choose": ("chose", "chosen"),
    "come": ("came",),
    "cut": ("cut",),
    "deal": ("dealt",),
    "do": ("did", "done", "does"),
    "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"),
    "fall": ("fell", "fallen"),
    "feel": ("felt",),
    "fight": ("fought",),
    "find": ("found",),
    "flee": ("fled",),
    "fly": ("flew", "flown"),
    "forbid": ("forbade", "forbidden"),
    "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone", "goes"),
    "grow": ("grew", "grown"),
    "hang": ("hung", "hanged"),
    "have": ("had", "has"),
    "hide": ("hid", "hidden"),
    "hit": ("hit",),
    "hold": ("held",),
    "keep": ("kept",),
    "lay": ("laid",),
    "lead": ("led",),
    "leave": ("left",),
    "lend": ("lent",),
    "lose": ("lost",),
    "make": ("made",),
    "mean": ("meant",),
    "meet": ("met",),
    "overrun": ("overran",),
    "overthrow": ("overthrew", "overthrown"),
    "pay": ("paid",),
    "plead": ("pled",),
    "put": ("put",),
    "quit": ("quit",),
    "rebuild": ("rebuilt",),
    "redeploy": ("redeployed",),
    "rise": ("rose", "risen"),
    "run": ("ran",),
    "say": ("said",),
    "see": ("saw", "seen"),
    "seek": ("sought",),
    "sell": ("sold",),
    "send": ("sent",),
    "set": ("set",),
    "shake": ("shook", "shaken"),
    "shoot": ("shot",),
    "show": ("shown",),
    "shut": ("shut",),
    "sink": ("sank", "sunk"),
    "sit": ("sat",),
    "slay": ("slew", "slain"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent",),
    "spread": ("spread",),
    "stand": ("stood",),
    "steal": ("stole", "stolen"),
    "strike": ("struck", "stricken"),
    "swear": ("swore", "sworn"),
    "take": ("took", "taken"),
    "teach": ("taught",),
    "tear": ("tore", "torn"),
    "tell": ("told",),
    "think": ("thought",),
    "throw": ("threw", "thrown"),
    "undergo": ("underwent", "undergone"),
    "undertake": ("undertook", "undertaken"),
    "uphold": ("upheld",),
    "wage": ("waged",),
    "weave": ("wove", "woven"),
    "win": ("won",),
    "wind": ("wound",),
    "withdraw": ("withdrew", "withdrawn"),
    "withhold": ("withheld",),
    "withstand": ("withstood",),
    "write": ("wrote", "written"),
}

#: Irregular noun plurals.
_IRREGULAR_NOUNS: Final[Mapping[str, tuple[str, ...]]] = {
    "crisis": ("crises",),
    "datum": ("data",),
    "medium": ("media",),
    "man": ("men",),
    "woman": ("women",),
    "child": ("children",),
    "person": ("people", "persons"),
    "foe": ("foes",),
    "ally": ("allies",),
    "enemy": ("enemies",),
}


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant, so the final consonant may double ("ban" -> "banned")."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS
        and word[-1] not in "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def inflections(lemma: str, pos: str) -> frozenset[str]:
    """Lower-case word forms of a lemma: the lemma itself and its regular inflections.

    Verbs get -s, -ed and -ing (with e-drop, y -> i, and, where the final consonant may
    double, both the doubled and the plain spelling: "cancelled" and "canceled"), plus known
    irregular forms ("struck", "met", "withdrew"); nouns get their plural. Over-generation is
    harmless: the forms are only looked for, never produced.
    """
    word = lemma.lower()
    forms = {word}
    if pos == "NOUN":
        forms.add(_plural(word))
        forms.update(_IRREGULAR_NOUNS.get(word, ()))
        return frozenset(forms)
    if pos != "VERB":
        return frozenset(forms)
    forms.add(_plural(word))
    if word.endswith("ee"):  # agree, free, flee
        forms.update({word + "d", word + "ing"})
    elif word.endswith("ie"):  # tie
        forms.update({word + "d", word[:-2] + "ying"})
    elif word.endswith("e"):
        forms.update({word + "d", word[:-1] + "ing"})
    elif len(word) > 1 and word.endswith("y") and word[-2] not in _VOWELS:
        forms.update({word[:-1] + "ied", word + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        if _cvc(word):
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
        if word.endswith("c"):  # panic -> panicked
            forms.update({word + "ked", word + "king"})
    forms.update(_IRREGULAR_VERBS.get(word, ()))
    return frozenset(forms)


# --------------------------------------------------------------------------- one file


@dataclass(frozen=True, slots=True)
class _Layer:
    """One parsed file: triggers with the line each came from, and the word lists."""

    path: str
    triggers: tuple[tuple[Trigger, int | None], ...]
    words: Mapping[str, frozenset[str]]


def _word_list(value: Any, what: str, path: str, line: int | None) -> frozenset[str]:
    if not isinstance(value, list):
        raise LexiconError(f"{what} must be a list of words", path=path, line=line)
    words: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(
                f"{what}: {item!r} is not a word (quote on/off/yes/no)", path=path, line=line
            )
        word = " ".join(item.lower().split())
        if word in words:
            raise LexiconError(f"{what}: {word!r} is listed twice", path=path, line=line)
        words.append(word)
    return frozenset(words)


def _parse_text(text: str, path: str) -> _Layer:
    """Parse and validate one file's text. Raises LexiconError naming path, line and entry."""
    raw = load_sections(
        text,
        what="a lexicon file",
        sections=_SECTIONS,
        syntax_error=lambda problem, line: LexiconError(problem, path=path, line=line),
    )
    top_line = line_of(raw)
    triggers = _parse_triggers(raw.get("triggers"), path)
    words: dict[str, frozenset[str]] = {}
    words.update(
        _keyed_word_lists(
            raw,
            "relations",
            path,
            top_line,
            lambda key: key in _RELATION_KEYS,
            ", ".join(sorted(_RELATION_KEYS)),
        )
    )
    words.update(
        _keyed_word_lists(
            raw,
            "enemies_allies",
            path,
            top_line,
            lambda key: key in ("positive", "negative"),
            "positive, negative",
        )
    )
    domestic = _keyed_word_lists(
        raw,
        "domestic_targets",
        path,
        top_line,
        lambda key: isinstance(key, str) and re.fullmatch(r"[A-Z]{3}", key) is not None,
        "sector codes such as GOV",
    )
    for key, codes in domestic.items():
        if bad := sorted(c for c in codes if not re.fullmatch(r"\d{2,4}", c)):
            raise LexiconError(
                f"{key}: {bad[0]!r} is not a CAMEO code", path=path, line=line_of(raw)
            )
    words.update(domestic)
    for key in _WORD_LIST_SECTIONS:
        if raw.get(key) is not None:
            words[key] = _word_list(raw[key], key, path, top_line)
    return _Layer(path=path, triggers=triggers, words=words)


def _keyed_word_lists(
    raw: Mapping[str, Any],
    section: str,
    path: str,
    line: int | None,
    key_ok: Callable[[Any], bool],
    expected: str,
) -> dict[str, frozenset[str]]:
    """A section that maps keys to word lists ("relations", "enemies_allies",
    "domestic_targets"), as ``"section.key"`` -> words; every key and list checked."""
    value = raw.get(section)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LexiconError(f"'{section}' must be a mapping", path=path, line=line)
    inner = line_of(value)
    out: dict[str, frozenset[str]] = {}
    for key, items in strip_lines(value).items():
        if not key_ok(key):
            raise LexiconError(
                f"{section}: unknown key {key!r} (expected {expected})", path=path, line=inner
            )
        out[f"{section}.{key}"] = _word_list(items, f"{section}.{key}", path, inner)
    return out


def _parse_triggers(items: Any, path: str) -> tuple[tuple[Trigger, int | None], ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise LexiconError("'triggers' must be a list of entries", path=path)
    out: list[tuple[Trigger, int | None]] = []
    for index, item in enumerate(items, start=1):
        line = line_of(item)
        if not isinstance(item, dict):
            raise LexiconError(
                f"trigger entry {index} must be a mapping, not {item!r}", path=path, line=line
            )
        data = strip_lines(item)
        try:
            trigger = Trigger.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            name = f"{data.get('lemma', '?')}/{data.get('pos', '?')}"
            message = str(err["msg"]).removeprefix("Value error, ")
            raise LexiconError(
                f"trigger entry {index} ({name}): {field + ': ' if field else ''}{message}",
                path=path,
                line=line,
            ) from None
        out.append((trigger, line))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _packaged_layer() -> _Layer:
    resource = resources.files("detente.events").joinpath("data", "lexicon.yaml")
    return _parse_text(resource.read_text(encoding="utf-8"), _PACKAGED)


def _user_layer(path: Path | str) -> _Layer:
    text = read_user_file(
        path, "lexicon file", lambda problem, where: LexiconError(problem, path=where)
    )
    return _parse_text(text, str(path))


# --------------------------------------------------------------------------- the lexicon


class Lexicon:
    """The merged, validated lexicon of the packaged file and any user files."""

    def __init__(self, layers: Sequence[_Layer]) -> None:
        ontology = load_ontology()
        seen: dict[tuple[Any, ...], tuple[str, int | None]] = {}
        triggers: list[Trigger] = []
        by_word: dict[tuple[str, str], list[Trigger]] = {}
        for layer in layers:
            for trigger, line in layer.triggers:
                where = f"trigger {trigger.label}"
                if trigger.type not in ontology:
                    raise LexiconError(
                        f"{where}: unknown event type {trigger.type!r} (expected one of "
                        f"{', '.join(ontology)})",
                        path=layer.path,
                        line=line,
                    )
                if trigger.key in seen:
                    first_path, first_line = seen[trigger.key]
                    first = f"{first_path}:{first_line}" if first_line else first_path
                    raise LexiconError(
                        f"{where}: duplicate of the entry at {first}", path=layer.path, line=line
                    )
                for other in by_word.get((trigger.lemma, trigger.pos), ()):
                    shared = _overlap(trigger, other)
                    if shared:
                        raise LexiconError(
                            f"{where}: ambiguous with {other.label}: both match {shared}; "
                            "merge them or tell them apart by particle or object",
                            path=layer.path,
                            line=line,
                        )
                seen[trigger.key] = (layer.path, line)
                triggers.append(trigger)
                by_word.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
        self._triggers = tuple(triggers)
        self._by_word = {
            key: tuple(sorted(group, key=lambda t: t.constraints)) for key, group in by_word.items()
        }
        self.sources = tuple(layer.path for layer in layers)

        def union(key: str) -> frozenset[str]:
            return frozenset().union(*(layer.words.get(key, frozenset()) for layer in layers))

        self.relation_nouns: frozenset[str] = union("relations.nouns")
        self.positive_relation_nouns: frozenset[str] = union("relations.positive_nouns")
        self.negative_relation_nouns: frozenset[str] = union("relations.negative_nouns")
        self.positive_relation: frozenset[str] = union("relations.positive")
        self.negative_relation: frozenset[str] = union("relations.negative")
        self.neutral_relation: frozenset[str] = union("relations.neutral")
        self.ally_nouns: frozenset[str] = union("enemies_allies.positive")
        self.enemy_nouns: frozenset[str] = union("enemies_allies.negative")
        self.perception_verbs: frozenset[str] = union("perception_verbs")
        self.light_verbs: frozenset[str] = union("light_verbs")
        self.patient_verbs: frozenset[str] = union("patient_verbs")
        self.partitive_nouns: frozenset[str] = union("partitive_nouns")
        self.unimplied_nouns: frozenset[str] = union("unimplied_nouns")
        self.armed_sectors: frozenset[str] = frozenset(s.upper() for s in union("armed_sectors"))
        self.projectiles: frozenset[str] = union("projectiles")
        self.implied_part_types: frozenset[str] = frozenset(
            s.upper() for s in union("implied_part_types")
        )
        self.labelling_verbs: frozenset[str] = union("labelling_verbs")
        self.condemning_words: frozenset[str] = union("condemning_words")
        self.circumstantial_prepositions: frozenset[str] = union("circumstantial_prepositions")
        self.weapon_nouns: frozenset[str] = union("weapon_nouns")
        self.circumstance_nouns: frozenset[str] = union("circumstance_nouns")
        self.allied_markers: frozenset[str] = union("allied_markers")
        self.act_nouns: frozenset[str] = union("act_nouns")
        self.adversary_types: frozenset[str] = frozenset(
            s.upper() for s in union("adversary_types")
        )
        self.truce_nouns: frozenset[str] = union("truce_nouns")
        self.claimed_nouns: frozenset[str] = union("claimed_nouns")
        self.involvement_nouns: frozenset[str] = union("involvement_nouns")
        self.ending_nouns: frozenset[str] = union("ending_nouns")
        self.response_nouns: frozenset[str] = union("response_nouns")
        self.supporting_words: frozenset[str] = union("supporting_words")
        # CAMEO code prefix -> the sector of the same state an act is aimed at by default
        self.domestic_targets: dict[str, str] = {
            code: key.split(".", 1)[1]
            for layer in layers
            for key, codes in layer.words.items()
            if key.startswith("domestic_targets.")
            for code in codes
        }
        self._surface_variants: frozenset[str] = union("surface_variants")
        self._check_vocabulary(layers)

    def _check_vocabulary(self, layers: Sequence[_Layer]) -> None:
        path = layers[-1].path if layers else _PACKAGED
        for name, subset in (
            ("positive_nouns", self.positive_relation_nouns),
            ("negative_nouns", self.negative_relation_nouns),
        ):
            stray = sorted(subset - self.relation_nouns)
            if stray:
                raise LexiconError(
                    f"relations.{name}: {stray[0]!r} is not in relations.nouns", path=path
                )
        for what, left, right in (
            ("relation nouns", self.positive_relation_nouns, self.negative_relation_nouns),
            ("relation words", self.positive_relation, self.negative_relation),
            ("relation words", self.positive_relation, self.neutral_relation),
            ("relation words", self.negative_relation, self.neutral_relation),
            ("enemies_allies", self.ally_nouns, self.enemy_nouns),
        ):
            both = sorted(left & right)
            if both:
                raise LexiconError(f"{what}: {both[0]!r} has two polarities", path=path)

    # -- triggers ------------------------------------------------------------------------

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        """Every trigger entry, in file order."""
        return self._triggers

    def __len__(self) -> int:
        return len(self._triggers)

    def triggers_for(self, lemma: str, pos: str) -> list[Trigger]:
        """The readings of a word, least constrained first (stable within equal counts).

        ``lemma`` is compared lower-cased; ``pos`` is VERB, NOUN or ADJ (PROPN is looked up
        as NOUN). The caller checks each reading's particle and object and keeps the reading
        with the most constraints met.
        """
        pos = "NOUN" if pos == "PROPN" else pos
        return list(self._by_word.get((lemma.lower(), pos), ()))

    def trigger_lemmas(self) -> frozenset[str]:
        """Every trigger lemma (any part of speech)."""
        return frozenset(t.lemma for t in self._triggers)

    def counts_by_type(self) -> dict[str, int]:
        """How many trigger entries each event type has, in ontology order."""
        counts = dict.fromkeys(load_ontology(), 0)
        for trigger in self._triggers:
            counts[trigger.type] += 1
        return counts

    @functools.cached_property
    def _surface_forms(self) -> frozenset[str]:
        forms: set[str] = set(self._surface_variants)
        for lemma, pos in self._by_word:
            forms |= inflections(lemma, pos)
        return frozenset(forms)

    def surface_forms(self) -> frozenset[str]:
        """Lower-case word forms of every trigger (lemmas and their inflections), for a
        pre-filter: a sentence none of whose words is here holds no trigger.

        Includes the hyphenated and accented spellings of ``surface_variants``; does not
        include the relation vocabulary (see :attr:`relation_words`).
        """
        return self._surface_forms

    @functools.cached_property
    def relation_words(self) -> frozenset[str]:
        """Lower-case word forms of the relation nouns and the ally/enemy nouns, for the
        pre-filter of relation-state and identity statements, and of the condemning labels
        ("He called the junta illegitimate": an accusation with no trigger word)."""
        forms: set[str] = set()
        for noun in self.relation_nouns | self.ally_nouns | self.enemy_nouns:
            forms |= inflections(noun, "NOUN")
        for word in self.condemning_words:
            forms |= {word, *inflections(word, "NOUN")}
        return frozenset(forms)

    def polarity_of(self, word: str) -> int | None:
        """1, -1 or 0 for a relation predicate/modifier lemma or phrase; None if unknown."""
        word = " ".join(word.lower().split())
        if word in self.positive_relation:
            return 1
        if word in self.negative_relation:
            return -1
        if word in self.neutral_relation:
            return 0
        return None


def _overlap(a: Trigger, b: Trigger) -> str:
    """What two readings of one word would both match, or "" if they can be told apart."""
    if a.particle != b.particle or a.with_clause != b.with_clause:
        return ""
    if a.with_object is None and b.with_object is None:
        return f"the bare word{' + ' + a.particle if a.particle else ''}"
    if a.with_object is None or b.with_object is None:
        return ""
    shared = sorted(set(a.with_object) & set(b.with_object))
    return f"object {shared[0]!r}" if shared else ""


# --------------------------------------------------------------------------- loading


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return Lexicon([_packaged_layer()])


def load_lexicon(extra_files: Iterable[Path | str] = ()) -> Lexicon:
    """The packaged lexicon, with the user's lexicon files layered on top.

    A user file has the packaged file's schema (any subset of its sections); its triggers are
    added and its word lists merged. An entry that duplicates another, shares a word and
    object with another reading of the same word, or names an unknown event type is rejected
    with a :class:`LexiconError` naming the file and line.

    The packaged file is parsed once per process and the default lexicon is cached, so
    calling this again without extra files is free.
    """
    extra = list(extra_files)
    if not extra:
        return _default_lexicon()
    return Lexicon([_packaged_layer(), *(_user_layer(p) for p in extra)])

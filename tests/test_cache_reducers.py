"""Cache entries are written to be quick to read (``detente.cache.dumps``): a slotted
dataclass is rebuilt by its ``__init__``, and only where that gives back the same object."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

from detente.cache import _init_reducer, dumps


@dataclasses.dataclass(frozen=True, slots=True)
class Name:
    text: str
    since: dt.date | None
    tags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Checked:
    text: str

    def __post_init__(self) -> None:
        if not self.text:
            raise ValueError("empty")


@dataclasses.dataclass(slots=True)
class WithInitVar:
    text: str
    scale: dataclasses.InitVar[int] = 1


@dataclasses.dataclass(slots=True)
class KeywordOnly:
    text: str
    weight: float = dataclasses.field(default=1.0, kw_only=True)


@dataclasses.dataclass(frozen=True)
class WithDict:
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class Derived:
    text: str
    upper: str = dataclasses.field(init=False, default="")


def test_only_dataclasses_that_init_rebuilds_get_the_quick_reducer() -> None:
    assert _init_reducer(Name) is not None
    for cls in (Checked, WithInitVar, KeywordOnly, WithDict, Derived, dict, dt.date):
        assert _init_reducer(cls) is None, cls


def test_entries_read_back_equal_and_shared() -> None:
    first = Name("Astana", dt.date(2019, 3, 23), ("capital",))
    value = {
        "names": [first, Name("Nur-Sultan", None), first],
        "others": (Checked("x"), WithDict("y"), KeywordOnly("z", weight=2.0)),
    }
    loaded = pickle.loads(dumps(value))
    assert loaded == value
    assert loaded["names"][0] is loaded["names"][2]  # one object stays one object
    assert pickle.loads(dumps(WithInitVar("k"))).text == "k"

"""A record (records.py) behaves as the `typing.NamedTuple` it stands for (issue 25)."""

from __future__ import annotations

import copy
import pickle
from typing import NamedTuple

import pytest

from osallisuus_cli.model import Bilingual
from osallisuus_cli.records import Record


class Mine(Record):
    """A record of three fields, the last two with defaults."""

    name: str
    count: int = 0
    tags: tuple[str, ...] = ()

    def shout(self) -> str:
        return self.name.upper()


class Theirs(NamedTuple):
    name: str
    count: int = 0
    tags: tuple[str, ...] = ()


def test_a_record_is_the_named_tuple_it_stands_for() -> None:
    mine, theirs = Mine("a", tags=("x",)), Theirs("a", tags=("x",))
    assert mine == theirs == ("a", 0, ("x",)) and hash(mine) == hash(theirs)
    assert repr(mine) == repr(theirs).replace("Theirs", "Mine")
    assert (mine.name, mine.count, mine.tags, mine[1], mine.shout()) == ("a", 0, ("x",), 0, "A")
    assert Mine._fields == Theirs._fields and Mine._field_defaults == Theirs._field_defaults
    assert Mine.__match_args__ == Theirs.__match_args__
    assert mine._replace(count=2) == theirs._replace(count=2) and mine._asdict() == theirs._asdict()
    assert Mine._make(["b", 1, ()]) == Mine("b", 1) and isinstance(mine, tuple)
    assert Mine.__doc__ == "A record of three fields, the last two with defaults."
    for again in (pickle.loads(pickle.dumps(mine)), copy.deepcopy(mine), copy.copy(mine)):
        assert again == mine and type(again) is Mine
    with pytest.raises(AttributeError):
        mine.name = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        mine.other = 1  # type: ignore[attr-defined]


def test_a_record_refuses_what_a_named_tuple_refuses() -> None:
    with pytest.raises(TypeError):
        Mine()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Mine("a", 1, (), "too many")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Mine._make(["a"])
    with pytest.raises(ValueError):
        Mine("a")._replace(other=1)  # type: ignore[call-arg]


def test_the_packages_records_are_records() -> None:
    text = Bilingual(fi="kyllä", en="yes")
    assert repr(text) == "Bilingual(fi='kyllä', en='yes')"
    assert text._replace(en="sure") == Bilingual("kyllä", "sure")

"""A record behaves as the frozen dataclass it replaces: the same class body under both
decorators compares, hashes, prints, copies and refuses changes alike."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from dataclasses import FrozenInstanceError, dataclass, field

import pytest

from briefer.layout.model import Line
from briefer.records import record


def _point(decorate):
    @decorate
    class Point:
        """A value with every kind of field a record may have."""

        x: float
        y: float = 0.0
        tags: tuple[str, ...] = ()
        note: str = field(default="", compare=False)  # ignored by ==, hash
        data: bytes = field(default=b"", repr=False)
        extra: dict = field(default_factory=dict, compare=False, hash=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "x", round(self.x, 3))

        @property
        def norm(self) -> float:
            return abs(self.x) + abs(self.y)

    return Point


def _empty(decorate):
    @decorate
    class Empty:
        pass

    return Empty


def _box(decorate):
    @decorate
    class Box:
        items: list

    return Box


Record, Plain = _point(record), _point(dataclass(frozen=True))
VALUES = [dict(x=1), dict(x=1.0004), dict(x=1, y=2.5), dict(x=1, tags=("a",)), dict(x=1, note="n"),
          dict(x=1, data=b"\x00"), dict(x=-0.0), dict(x=float("nan")), dict(x=1, extra={"k": 1}),
          dict(x=2, y=2, tags=("a", "b"), note="m", data=b"d")]


def test_equality_hash_and_repr_match_dataclasses():
    for a in VALUES:
        ra, pa = Record(**a), Plain(**a)
        assert repr(ra) == repr(pa)
        if ra.x == ra.x:  # a NaN's hash is its object's, and __post_init__ makes a new one
            assert hash(ra) == hash(pa)
        for b in VALUES:
            rb, pb = Record(**b), Plain(**b)
            assert (ra == rb) == (pa == pb), (a, b)
            assert (ra != rb) == (pa != pb), (a, b)
    assert Record(x=1) != Plain(x=1) and Record(x=1) != (1, 0.0, ())
    assert Record(x=1).__eq__((1,)) is NotImplemented
    nan = Record(x=float("nan"))
    assert nan == nan and (nan == Record(x=float("nan"))) == (Plain(x=nan.x) == Plain(x=nan.x))
    assert repr(_empty(record)()) == repr(_empty(dataclass(frozen=True))()) == "_empty.<locals>.Empty()"
    assert hash(_empty(record)()) == hash(_empty(dataclass(frozen=True))())


def test_a_record_containing_itself_prints_as_dataclass_does():
    shown = []
    for decorate in (record, dataclass(frozen=True)):
        box = _box(decorate)([])
        box.items.append(box)
        shown.append(repr(box))
    assert shown[0] == shown[1] == "_box.<locals>.Box(items=[...])"


def test_frozen_replace_pickle_and_signature_as_dataclasses():
    point = Record(x=1.23456, y=2, tags=("t",), note="n", data=b"d")
    assert point.x == 1.235 and point.norm == point.x + 2
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del point.y
    moved = dataclasses.replace(point, y=5)
    assert moved == Record(x=1.235, y=5, tags=("t",), data=b"d") and moved.note == "n"
    assert copy.copy(point) == point and copy.deepcopy(point) == point
    line = Line("Türkiye", 1.0, 2.0, 3.0, joined=True)  # a record of the layout model
    assert pickle.loads(pickle.dumps(line)) == line and hash(pickle.loads(pickle.dumps(line))) == hash(line)
    assert [f.name for f in dataclasses.fields(Record)] == [f.name for f in dataclasses.fields(Plain)]
    assert str(inspect.signature(Record)) == str(inspect.signature(Plain))
    assert Record.__match_args__ == Plain.__match_args__
    assert dataclasses.is_dataclass(point) and Record.__doc__ == Plain.__doc__


def test_a_class_with_its_own_comparison_is_refused():
    with pytest.raises(TypeError, match="defines __repr__"):
        @record
        class Odd:
            x: int

            def __repr__(self) -> str:
                return "odd"

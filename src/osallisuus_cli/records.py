"""Records: immutable tuples with named fields, made as `typing.NamedTuple` makes them but
without compiling code for each class, the one start-up trick of the package's records.

`typing.NamedTuple` compiles a `__new__` for every class (`collections.namedtuple`
evaluates its source) and checks every annotation (a string, under `from __future__
import annotations`, is compiled as a ForwardRef). The package defines about a hundred
records, and every run defined them all: `import osallisuus_cli.model` alone cost 52 M
instructions that way, 19 M this way (callgrind). Here a `__new__` of each number of
fields, compiled with this module (`_COMPILED_NEW`), is given each class's field names;
annotations are left as written.
Type checkers see `typing.NamedTuple` itself, and a record behaves as one: a tuple, its
fields by name and position, defaults for the last fields, `_fields`,
`_field_defaults`, `_make`, `_replace`, `_asdict`, the same repr, equality, hash and
pickling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter
from types import CodeType, FunctionType
from typing import TYPE_CHECKING, Any

try:
    from _collections import _tuplegetter  # type: ignore[import-not-found]  # as namedtuple
except ImportError:  # another interpreter

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)


_tuple_new = tuple.__new__
_NEW_GLOBALS: dict[str, Any] = {"_tuple_new": _tuple_new, "__builtins__": {}}


# The `__new__` of a record of 0 to 17 fields (the package's largest has 17), compiled
# with this module: compiling each when its first record was defined cost a run 5.2 M
# instructions (callgrind, `recommend -t children --json`), about 1.5 ms.
_COMPILED_NEW: tuple[Callable[..., Any], ...] = (
    lambda _cls: _tuple_new(_cls, ()),
    lambda _cls, a: _tuple_new(_cls, (a,)),
    lambda _cls, a, b: _tuple_new(_cls, (a, b)),
    lambda _cls, a, b, c: _tuple_new(_cls, (a, b, c)),
    lambda _cls, a, b, c, d: _tuple_new(_cls, (a, b, c, d)),
    lambda _cls, a, b, c, d, e: _tuple_new(_cls, (a, b, c, d, e)),
    lambda _cls, a, b, c, d, e, f: _tuple_new(_cls, (a, b, c, d, e, f)),
    lambda _cls, a, b, c, d, e, f, g: _tuple_new(_cls, (a, b, c, d, e, f, g)),
    lambda _cls, a, b, c, d, e, f, g, h: _tuple_new(_cls, (a, b, c, d, e, f, g, h)),
    lambda _cls, a, b, c, d, e, f, g, h, i: _tuple_new(_cls, (a, b, c, d, e, f, g, h, i)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j: _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k: _tuple_new(
        _cls, (a, b, c, d, e, f, g, h, i, j, k)
    ),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m: _tuple_new(
        _cls, (a, b, c, d, e, f, g, h, i, j, k, m)
    ),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n: _tuple_new(
        _cls, (a, b, c, d, e, f, g, h, i, j, k, m, n)
    ),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n, o: _tuple_new(
        _cls, (a, b, c, d, e, f, g, h, i, j, k, m, n, o)
    ),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n, o, p: _tuple_new(
        _cls, (a, b, c, d, e, f, g, h, i, j, k, m, n, o, p)
    ),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n, o, p, q: _tuple_new(
        _cls, (a, b, c, d, e, f, g, h, i, j, k, m, n, o, p, q)
    ),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n, o, p, q, r: _tuple_new(
        _cls, (a, b, c, d, e, f, g, h, i, j, k, m, n, o, p, q, r)
    ),
)
_templates: dict[int, CodeType] = {  # number of fields -> a __new__ taking that many
    len(new.__code__.co_varnames) - 1: new.__code__.replace(
        co_name="__new__", co_qualname="__new__"
    )
    for new in _COMPILED_NEW
}


def _template(size: int) -> CodeType:
    code = _templates.get(size)
    if code is None:
        names = ", ".join(f"_{i}" for i in range(size))
        source = (
            f"def __new__(_cls, {names}): return _tuple_new(_cls, ({names}{',' if size else ''}))"
        )
        namespace: dict[str, Any] = dict(_NEW_GLOBALS)
        exec(source, namespace)
        code = _templates[size] = namespace["__new__"].__code__
    return code


def _new(fields: tuple[str, ...], defaults: tuple[Any, ...]) -> Callable[..., Any]:
    """A `__new__(cls, *fields)` with these names and defaults for the last ones."""
    code = _template(len(fields)).replace(co_varnames=("_cls", *fields))
    return FunctionType(code, _NEW_GLOBALS, "__new__", defaults or None)


class _RecordType(type):
    """Makes each class of `_Record` a record of the fields its body annotates."""

    def __new__(
        cls, name: str, bases: tuple[type, ...], body: dict[str, Any], **kwargs: Any
    ) -> _RecordType:
        if not bases or bases == (tuple,):  # the base class itself
            return super().__new__(cls, name, bases, body, **kwargs)
        if bases != (_Record,):
            raise TypeError(f"{name}: a record extends no other class")
        # The body becomes the class's namespace: each field's default is taken out of it.
        fields = tuple(body.get("__annotations__", ()))
        defaults = {field: body.pop(field) for field in fields if field in body}
        if tuple(defaults) != fields[len(fields) - len(defaults) :]:
            raise TypeError(f"{name}: a field without a default after one with a default")
        body["__slots__"] = ()
        body["__new__"] = _new(fields, tuple(defaults.values()))
        body["_fields"] = body["__match_args__"] = fields
        body["_field_defaults"] = defaults
        body["_repr_form"] = f"{name}({', '.join(f'{field}=%r' for field in fields)})"
        body.setdefault("__doc__", f"{name}({', '.join(fields)})")
        for index, field in enumerate(fields):
            body[field] = _tuplegetter(index, f"Alias for field number {index}")
        return super().__new__(cls, name, bases, body, **kwargs)


class _Record(tuple[Any, ...], metaclass=_RecordType):
    """What every record can do, as `collections.namedtuple` gives it."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _repr_form = "()"  # "Name(field=%r, ...)", as namedtuple's

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Any:
        made = _tuple_new(cls, iterable)
        if len(made) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(made)}")
        return made

    def _replace(self, **changes: Any) -> Any:
        made = self._make(map(changes.pop, self._fields, self))
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return made

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __repr__(self) -> str:
        return self._repr_form % tuple(self)

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)


__all__ = ["Record"]

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    Record = _Record

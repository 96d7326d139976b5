"""Records: immutable tuples with named fields, made as `typing.NamedTuple` makes them but
without compiling code for each class, the one start-up trick of the package's records.

`typing.NamedTuple` compiles a `__new__` for every class (`collections.namedtuple`
evaluates its source) and checks every annotation (a string, under `from __future__
import annotations`, is compiled as a ForwardRef). The package defines about a hundred
records, and every run defined them all: `import osallisuus_cli.model` alone cost 52 M
instructions that way, 19 M this way (callgrind). Here a `__new__` is compiled once per
number of fields and given each class's field names; annotations are left as written.
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
_templates: dict[int, CodeType] = {}  # number of fields -> a __new__ taking that many


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
        fields = tuple(body.get("__annotations__", {}))
        defaults = tuple(body[field] for field in fields if field in body)
        if any(field not in body for field in fields[len(fields) - len(defaults) :]):
            raise TypeError(f"{name}: a field without a default after one with a default")
        namespace = {key: value for key, value in body.items() if key not in fields}
        namespace.update(
            {
                "__slots__": (),
                "__new__": _new(fields, defaults),
                "_fields": fields,
                "_field_defaults": dict(
                    zip(fields[len(fields) - len(defaults) :], defaults, strict=True)
                ),
                "__match_args__": fields,
                "_repr_form": f"{name}({', '.join(f'{field}=%r' for field in fields)})",
            }
        )
        namespace.setdefault("__doc__", f"{name}({', '.join(fields)})")
        for index, field in enumerate(fields):
            namespace[field] = _tuplegetter(index, f"Alias for field number {index}")
        return super().__new__(cls, name, bases, namespace, **kwargs)


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

"""Read YAML into plain Python data, refusing what a dataset never needs.

Reads the parser's events (libyaml's C parser when present) and builds the data
from them ourselves, so that we can report duplicate keys, refuse aliases (an
alias "bomb" is never expanded), refuse custom tags (nothing is ever constructed
from `!!python/...`), and remember the line of every value for error messages.
No node graph is composed first: for a large catalogue it took more memory than
the data itself (about 14 bytes a byte of YAML: 180 MB for a catalogue of 1,000
methods), and its size is what sets the dataset's size cap (files.MAX_BYTES).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Any

from .records import Record

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SAFE_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
MAX_DEPTH = 40
MAX_ALIASES = 20
MAX_INTEGER_BITS = 64  # a dataset's numbers are weights, versions and years
SHOWN_VALUE = 60  # characters of a value a message repeats
_ALIAS_PROBLEM = "YAML aliases (*name) are not allowed; write the value out in full"


class Lines(Mapping[Path_, int]):
    """The 1-based line of every value in parsed data, by its path: of a mapping's entry
    its key's line, of a list's item its own, of the whole () the first line.

    Kept compact, as one array of its items' lines per mapping or list (by the object's
    identity; the data holds the objects): a dict of every path took as much memory as
    the data itself (41 MB for a catalogue of 1,000 methods, against 11 MB)."""

    def __init__(self, data: Any, root: int | None, items: dict[int, array[int]]) -> None:
        self._data = data
        self._root = root
        self._items = items

    def __getitem__(self, path: Path_) -> int:
        if not path:
            if self._root is None:
                raise KeyError(path)
            return self._root
        node = self._data
        for depth, step in enumerate(path):
            lines = self._items.get(id(node))
            if lines is None:
                raise KeyError(path)
            if type(node) is dict and step in node:
                index = list(node).index(step)  # only for a problem's line: seldom
            elif type(node) is list and type(step) is int and 0 <= step < len(node):
                index = step
            else:
                raise KeyError(path)
            if depth == len(path) - 1:
                return lines[index]
            node = node[step]
        raise KeyError(path)

    def __iter__(self) -> Iterator[Path_]:
        if self._root is not None:
            yield ()
        yield from self._paths(self._data, ())

    def _paths(self, node: Any, path: Path_) -> Iterator[Path_]:
        if id(node) not in self._items:
            return
        steps = list(node) if type(node) is dict else range(len(node))
        for step in steps:
            yield (*path, step)
            yield from self._paths(node[step], (*path, step))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Parsed(Record):
    """Plain data plus the 1-based line of every path in it, and what was refused."""

    data: Any
    lines: Mapping[Path_, int]
    problems: list[tuple[int, Path_, str]]


class YamlSyntaxError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def _yaml() -> ModuleType:
    """PyYAML, imported only when a file is parsed (about 14 ms that a cache hit never pays)."""
    import yaml

    return yaml


def _loader() -> type[Any]:
    yaml = _yaml()
    loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def parse(text: str) -> Parsed:
    """Parse YAML text; raises YamlSyntaxError for text that is not YAML."""
    yaml = _yaml()
    problems: list[tuple[int, Path_, str]] = []
    try:
        loader = _loader()(text)
        try:
            builder = _Builder(loader, problems)
            data = builder.stream()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        where = f" (column {mark.column + 1})" if mark is not None else ""
        context = ""
        start = exc.context_mark
        opened = ("flow", "quoted")  # an unclosed [ { or quote: say where it was opened
        if (
            exc.problem
            and exc.context
            and any(word in exc.context for word in opened)
            and start is not None
            and start.line + 1 != line
        ):
            context = f", {exc.context} that starts at line {start.line + 1}"
        if exc.problem and "tab" in exc.problem:
            context += "; indent with spaces"
        problem = exc.problem or exc.context or "unreadable YAML"
        if problem.startswith("but found another document"):
            problem = "a second document starts here (---); a dataset is one document"
        raise YamlSyntaxError(f"{problem}{where}{context}", line) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0], None) from None
    except RecursionError:
        raise YamlSyntaxError("the YAML is nested too deeply", None) from None
    return Parsed(data, Lines(data, builder.root_line, builder.item_lines), problems)


def _reader_error(text: str, exc: Any) -> YamlSyntaxError:
    """A character YAML refuses (NUL, BEL, ESC...), located by line and column."""
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    # libyaml counts bytes, the pure-Python reader characters; the first occurrence of
    # the refused character is where either of them stopped.
    position = text.find(chr(code))
    if position < 0:
        position = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return YamlSyntaxError(
        f"it contains the control character U+{code:04X} (column {column}); remove it", line
    )


def _tag_name(tag: str) -> str:
    """A tag as the file spells it: !!python/object rather than tag:yaml.org,2002:python/object."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _tag_problem(tag: str) -> str:
    return (
        f"the YAML tag {_tag_name(tag)} is not allowed; remove it (only plain text, "
        "numbers, lists and mappings are read)"
    )


class _Builder:
    """Builds plain data from the parser's events, one node at a time, reporting what a
    dataset may not hold (aliases, custom tags, merge keys, duplicate keys, nesting past
    MAX_DEPTH) and noting the line of every value."""

    def __init__(self, loader: Any, problems: list[tuple[int, Path_, str]]) -> None:
        self.loader = loader
        self.root_line: int | None = None
        self.item_lines: dict[int, array[int]] = {}  # see Lines
        self.problems = problems
        self.yaml = _yaml()
        self.constructor = self.yaml.constructor.SafeConstructor()
        self.anchors: dict[str, Any] = {}  # anchor -> where it was set
        self.alias_count = 0

    def problem(self, line: int, path: Path_, message: str) -> None:
        self.problems.append((line, path, message))

    def stream(self) -> Any:
        """The one document of the stream (None for an empty one)."""
        loader, yaml = self.loader, self.yaml
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        start = loader.get_event()  # the document's start
        self.root_line = loader.peek_event().start_mark.line + 1
        data = self.node((), 0)
        loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                event.start_mark,
            )
        return data

    def node(self, path: Path_, depth: int) -> Any:
        """The value the next events make, or None where it was refused."""
        loader, yaml = self.loader, self.yaml
        event = loader.get_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            self.alias(event, path)
            return None
        self.anchor(event)
        if depth > MAX_DEPTH:
            self.problem(line, path, f"nested deeper than {MAX_DEPTH} levels")
            self.skip_rest(event)
            return None
        if isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            return self.scalar(tag, event, path, line)
        if isinstance(event, yaml.SequenceStartEvent):
            tag = self.collection_tag(event, yaml.SequenceNode)
            if tag != _SEQ:
                self.problem(line, path, _tag_problem(tag))
                self.skip_rest(event)
                return None
            items: list[Any] = []
            lines = self.item_lines[id(items)] = array("I")
            while not loader.check_event(yaml.SequenceEndEvent):
                lines.append(loader.peek_event().start_mark.line + 1)
                items.append(self.node((*path, len(items)), depth + 1))
            loader.get_event()
            return items
        tag = self.collection_tag(event, yaml.MappingNode)
        if tag != _MAP:
            self.problem(line, path, _tag_problem(tag))
            self.skip_rest(event)
            return None
        return self.mapping(path, depth)

    def mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        loader, yaml = self.loader, self.yaml
        result: dict[str, Any] = {}
        lines = self.item_lines[id(result)] = array("I")
        while not loader.check_event(yaml.MappingEndEvent):
            event = loader.get_event()
            key_line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                self.alias(event, path)
                self.skip_node()
                continue
            self.anchor(event)
            if not isinstance(event, yaml.ScalarEvent):
                self.problem(key_line, path, "a key must be plain text")
                self.skip_rest(event)
                self.skip_node()
                continue
            key = event.value
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, key, event.implicit)
            if tag == "tag:yaml.org,2002:merge":
                self.problem(key_line, path, "YAML merge keys (<<) are not allowed")
                self.skip_node()
                continue
            if key in result:
                self.problem(key_line, (*path, key), f"duplicate key {key!r}")
                self.skip_node()
                continue
            lines.append(key_line)
            result[key] = self.node((*path, key), depth + 1)
        loader.get_event()
        return result

    def collection_tag(self, event: Any, kind: type[Any]) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            resolved: str = self.loader.resolve(kind, None, event.implicit)
            return resolved
        return tag

    def anchor(self, event: Any) -> None:
        """Note an anchor (&name), which only an alias could use; one set twice is an error
        of the YAML, as the composer says."""
        name = event.anchor
        if name is None:
            return
        if name in self.anchors:
            raise self.yaml.composer.ComposerError(
                f"found duplicate anchor {name!r}; first occurrence",
                self.anchors[name],
                "second occurrence",
                event.start_mark,
            )
        self.anchors[name] = event.start_mark

    def alias(self, event: Any, path: Path_) -> None:
        """Report an alias (at most MAX_ALIASES of them, then how many more)."""
        mark = event.start_mark
        if event.anchor not in self.anchors:
            raise self.yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", mark
            )
        self.alias_count += 1
        line = mark.line + 1
        if self.alias_count <= MAX_ALIASES:
            self.problem(line, path, f"{_ALIAS_PROBLEM} (column {mark.column + 1})")
        elif self.alias_count == MAX_ALIASES + 1:
            self.problem(line, path, "more YAML aliases follow; write every value out in full")

    def skip_node(self) -> None:
        """Pass over the next node's events."""
        self.skip_rest(self.loader.get_event())

    def skip_rest(self, event: Any) -> None:
        """Pass over the rest of a node whose first event was `event`."""
        yaml = self.yaml
        if not isinstance(event, yaml.CollectionStartEvent):
            return
        open_collections = 1
        while open_collections:
            event = self.loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                open_collections += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                open_collections -= 1

    def scalar(self, tag: str, event: Any, path: Path_, line: int) -> Any:
        if tag == _STR:
            return event.value
        if tag not in _SAFE_SCALAR_TAGS:
            self.problem(line, path, _tag_problem(tag))
            return None
        node = self.yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            # The tag's own constructor, not construct_object, which would keep every
            # value it made for the loader's whole life.
            value = self.constructor.yaml_constructors[tag](self.constructor, node)
        except (self.yaml.YAMLError, ValueError, OverflowError):
            self.problem(line, path, f"cannot read the value {_shown(event.value)}")
            return None
        if type(value) is int and value.bit_length() > MAX_INTEGER_BITS:
            # No count, weight or year is this long, and messages could not even print it
            # (Python turns at most 4,300 digits into text).
            self.problem(line, path, f"the number {_shown(event.value)} is too large")
            return None
        return value


def _shown(text: str) -> str:
    """A scalar as a message repeats it, cut when long."""
    if len(text) <= SHOWN_VALUE:
        return repr(text)
    return f"{text[:SHOWN_VALUE]!r}… ({len(text)} characters)"

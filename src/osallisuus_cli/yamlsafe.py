"""Read YAML into plain Python data, refusing what a dataset never needs.

Composes the node graph (libyaml's C parser when present), then converts it
ourselves so that we can report duplicate keys, refuse aliases (an alias
"bomb" is never expanded), refuse custom tags (nothing is ever constructed from
`!!python/...`), and remember the line of every value for error messages.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import yaml

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


class Parsed(NamedTuple):
    """Plain data plus the 1-based line of every path in it, and what was refused."""

    data: Any
    lines: dict[Path_, int]
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
    try:
        root = yaml.compose(text, Loader=_loader())
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
    lines: dict[Path_, int] = {}
    problems: list[tuple[int, Path_, str]] = []
    if root is None:
        return Parsed(None, lines, problems)
    converter = _Converter(lines, problems)
    data = converter.convert(root, (), 0)
    if converter.aliases:
        converter.locate_aliases(text)
    return Parsed(data, lines, problems)


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


class _Converter:
    def __init__(self, lines: dict[Path_, int], problems: list[tuple[int, Path_, str]]) -> None:
        self.lines = lines
        self.problems = problems
        self.yaml = _yaml()
        self.seen: set[int] = set()
        self.constructor = self.yaml.constructor.SafeConstructor()
        self.aliases: list[int] = []  # indices in parsed.problems, in document order
        self.alias_count = 0

    def problem(self, line: int, path: Path_, message: str) -> None:
        self.problems.append((line, path, message))

    def alias(self, line: int, path: Path_) -> None:
        """Report an alias (at most MAX_ALIASES of them, then how many more)."""
        self.alias_count += 1
        if self.alias_count <= MAX_ALIASES:
            self.aliases.append(len(self.problems))
            self.problem(line, path, _ALIAS_PROBLEM)
        elif self.alias_count == MAX_ALIASES + 1:
            self.problem(line, path, "more YAML aliases follow; write every value out in full")

    def locate_aliases(self, text: str) -> None:
        """Point each alias problem at the *name itself, not at the &name it repeats.

        The composed graph only knows the anchored node, so the parser's events are
        read again (rare: only for a file with aliases, which is refused anyway).
        """
        try:
            marks = [
                (event.start_mark.line + 1, event.start_mark.column + 1)
                for event in self.yaml.parse(text, Loader=_loader())
                if isinstance(event, self.yaml.AliasEvent) and event.start_mark is not None
            ]
        except self.yaml.YAMLError:
            return
        if len(marks) != self.alias_count:
            return  # some were in parts we skipped; keep the anchors' lines
        problems = self.problems
        for index, (line, column) in zip(self.aliases, marks, strict=False):
            _, path, message = problems[index]
            problems[index] = (line, path, f"{message} (column {column})")

    def convert(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        line = node.start_mark.line + 1
        self.lines[path] = line
        if id(node) in self.seen:
            self.alias(line, path)
            return None
        # Every node, scalars too: a long text repeated through aliases would blow up
        # the cache and the output even though the walk itself stays small.
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(line, path, f"nested deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, self.yaml.ScalarNode):
            return self.scalar(node, path, line)
        if isinstance(node, self.yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problem(line, path, _tag_problem(node.tag))
                return None
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if node.tag != _MAP:
            self.problem(line, path, _tag_problem(node.tag))
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, self.yaml.ScalarNode):
                self.problem(key_line, path, "a key must be plain text")
                continue
            if id(key_node) in self.seen:
                self.alias(key_line, path)
                continue
            self.seen.add(id(key_node))
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_line, path, "YAML merge keys (<<) are not allowed")
                continue
            if key in result:
                self.problem(key_line, (*path, key), f"duplicate key {key!r}")
                continue
            result[key] = self.convert(value_node, (*path, key), depth + 1)
            self.lines[(*path, key)] = key_line
        return result

    def scalar(self, node: yaml.ScalarNode, path: Path_, line: int) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag not in _SAFE_SCALAR_TAGS:
            self.problem(line, path, _tag_problem(node.tag))
            return None
        try:
            value = self.constructor.construct_object(node)
        except (self.yaml.YAMLError, ValueError, OverflowError):
            self.problem(line, path, f"cannot read the value {_shown(node.value)}")
            return None
        if type(value) is int and value.bit_length() > MAX_INTEGER_BITS:
            # No count, weight or year is this long, and messages could not even print it
            # (Python turns at most 4,300 digits into text).
            self.problem(line, path, f"the number {_shown(node.value)} is too large")
            return None
        return value


def _shown(text: str) -> str:
    """A scalar as a message repeats it, cut when long."""
    return (
        repr(text)
        if len(text) <= SHOWN_VALUE
        else f"{text[:SHOWN_VALUE]!r}… ({len(text)} characters)"
    )

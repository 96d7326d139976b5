"""The package's shape (issue 10): no import circle, imports at the top but for the named
lazy points, no renderer found by string, the collector touched only by the entry point.

Own modules are imported inside a function only where that saves a real path at least
2 ms, measured, at most four (issue 25); each import says its figure in a comment."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "osallisuus_cli"


def _name(path: Path) -> str:
    """A module's name inside the package: "answers", "reader" (its __init__), "reader.stance"."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


MODULES = {_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}

# (module, own module it imports inside a function): what that saves the run that does not
# need it, in ms, as the comment at the import says. Measured on `recommend -t children
# --json` (issue 25): instructions counted by callgrind, as a share of the run's, times
# the run's time; the collector by an A/B of 30 runs each.
LAZY_OWN_IMPORTS: dict[tuple[str, str], float] = {
    ("launch", "cli"): 7,  # imported after gc.disable(): 11 % of the run's CPU time
    ("present", "render_text"): 17,  # rich, only for text: 108 M instructions
    ("answers", "reader"): 3.4,  # the description reader, only with --describe: 21 M
}
MOST_LAZY_OWN_IMPORTS = 4
RULE_MS = 2.0

# Other packages imported inside a function, each documented where it stands.
LAZY_OTHER_IMPORTS = {
    ("yamlsafe", "yaml"),  # PyYAML only on a cache miss
    ("textanalysis", "rapidfuzz.fuzz"),  # only for suggestions of an unknown value
    ("textanalysis", "snowballstemmer"),  # the fallback of the one stemmer trick
}


def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"))


def _targets(name: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """What an import statement of module `name` imports: the package's own modules by their
    names in MODULES, other packages as written."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module or ""]
    package = name.split(".") if MODULES[name].name == "__init__.py" else name.split(".")[:-1]
    if package == ["__init__"]:
        package = []
    base = package[: len(package) - (node.level - 1)]
    if node.module:
        return [".".join([*base, *node.module.split(".")])]
    names = [".".join([*base, alias.name]) for alias in node.names]
    return [n if n in MODULES else ".".join(base) or "__init__" for n in names]


def _own_imports(name: str) -> set[str]:
    """The package's modules that a module imports at its top level."""
    found: set[str] = set()
    for node in _tree(name).body:
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            found.update(_targets(name, node))
    return found & set(MODULES)


def _function_imports(name: str) -> dict[tuple[str, str], list[int]]:
    """What a module imports inside its functions, with the lines where it does."""
    found: dict[tuple[str, str], list[int]] = {}
    for node in ast.walk(_tree(name)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import | ast.ImportFrom):
                for target in _targets(name, inner):
                    found.setdefault((name, target), []).append(inner.lineno)
    return found


def _all_function_imports() -> dict[tuple[str, str], list[int]]:
    found: dict[tuple[str, str], list[int]] = {}
    for name in MODULES:
        found.update(_function_imports(name))
    return found


def test_the_modules_and_their_imports_are_found() -> None:
    assert {"cli", "answers", "reader", "reader.stance", "__init__"} <= set(MODULES)
    assert {"model", "reader.tokens", "reader.lexicon"} <= _own_imports("reader.stance")
    assert {"reader.answers", "reader.tokens", "model"} <= _own_imports("reader")
    assert ("answers", "reader") in _all_function_imports()


def test_no_import_circle() -> None:
    graph = {name: _own_imports(name) for name in MODULES}

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        for target in graph[name]:
            visit(target, (*path, name))

    for name in graph:
        visit(name, ())


def test_imports_inside_functions_are_only_the_named_lazy_points() -> None:
    found = set(_all_function_imports())
    own = {pair for pair in found if pair[1] in MODULES}
    assert own == set(LAZY_OWN_IMPORTS), sorted(own ^ set(LAZY_OWN_IMPORTS))
    assert found - own <= LAZY_OTHER_IMPORTS, sorted(found - own - LAZY_OTHER_IMPORTS)


def test_at_most_four_lazy_own_imports_each_where_it_pays() -> None:
    assert len(LAZY_OWN_IMPORTS) <= MOST_LAZY_OWN_IMPORTS
    for pair, saved_ms in LAZY_OWN_IMPORTS.items():
        assert saved_ms >= RULE_MS, pair


def test_each_lazy_own_import_says_its_figure_where_it_stands() -> None:
    found = _all_function_imports()
    for (module, target), saved_ms in LAZY_OWN_IMPORTS.items():
        lines = MODULES[module].read_text(encoding="utf-8").splitlines()
        [line] = found[(module, target)]  # one place only
        _, _, comment = lines[line - 1].partition("#")
        assert f"{saved_ms:g} ms" in comment, (module, target, lines[line - 1])


def test_no_renderer_is_found_by_string() -> None:
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert "getattr(render" not in text, name


def test_only_the_entry_point_touches_the_garbage_collector() -> None:
    for name, path in MODULES.items():
        uses_gc = "import gc" in path.read_text(encoding="utf-8")
        assert uses_gc == (name == "launch"), name


def test_the_cli_is_a_thin_layer() -> None:
    lines = MODULES["cli"].read_text(encoding="utf-8").count("\n")
    assert lines < 400, lines
    assert "core" in _own_imports("cli")
    for engine in ("scoring", "reader", "search", "answers", "validation", "dataset", "schema"):
        assert engine not in _own_imports("cli"), engine


def test_the_core_never_prints() -> None:
    reader = [name for name in MODULES if name.split(".")[0] == "reader"]
    for name in ("core", "scoring", "search", "answers", "dataset", "validation", "batch", *reader):
        tree = _tree(name)
        calls = [
            node.func.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        ]
        assert "print" not in calls, name
        assert "sys.stdout" not in MODULES[name].read_text(encoding="utf-8"), name


def test_every_schema_field_is_a_record_field() -> None:
    from osallisuus_cli import schema

    entities = [
        schema.SOURCE,
        schema.VALUE,
        schema.QUESTION,
        schema.FIT,
        schema.REQUIREMENT,
        schema.METHOD,
        schema.SCORING,
        schema.DATASET,
    ]
    for entity in entities:
        record_fields = set(entity.record._fields)  # type: ignore[attr-defined]
        for field in entity.fields:
            if field.later:  # built on first use into the record's details
                assert field.name in schema.DETAILS.record._fields  # type: ignore[attr-defined]
                continue
            assert field.name in record_fields, (entity.what, field.name)


def test_module_docstrings_say_what_each_module_is_for() -> None:
    for name in MODULES:
        assert ast.get_docstring(_tree(name)), name


# Modules imported only for text output or a description (the lazy points above) may
# compile their patterns when imported; every other module keeps a pattern as its string
# and lets `re` compile it on first use (re caches it), so that no run pays for the
# patterns it does not use: `recommend -t children --json` compiled 12 of them,
# 340.0 -> 334.4 M instructions (callgrind), CPU time 3.2 ms less (interleaved A/B, 100
# runs each, issue 25).
COMPILED_AT_IMPORT = {"render_text", "reader.matters", "reader.numbers"}


def test_no_pattern_is_compiled_at_import_but_in_the_lazy_modules() -> None:
    for name in MODULES:
        compiles = [
            inner
            for node in _tree(name).body
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            for inner in ast.walk(node)
            if isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr == "compile"
            and isinstance(inner.func.value, ast.Name)
            and inner.func.value.id == "re"
        ]
        assert not compiles or name in COMPILED_AT_IMPORT, name

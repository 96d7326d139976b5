"""The package's shape (issue 10): no import circle, imports at the top but for the named
lazy points, no renderer found by string, the collector touched only by the entry point."""

from __future__ import annotations

import ast

from conftest import REPO

PACKAGE = REPO / "src" / "osallisuus_cli"
# the package's modules, a subpackage's as "reader.stance" (its __init__ as "reader")
MODULES = {path.stem: path for path in PACKAGE.glob("*.py")} | {
    (f"{path.parent.name}.{path.stem}" if path.stem != "__init__" else path.parent.name): path
    for path in PACKAGE.glob("*/*.py")
}

# (module, what it imports inside a function): each is documented where it stands.
LAZY_POINTS = {
    ("launch", "cli"),  # after gc.disable()
    ("present", "render_text"),  # rich, only for text output
    ("yamlsafe", "yaml"),  # only on a cache miss
    ("textanalysis", "rapidfuzz.fuzz"),  # only for suggestions of an unknown value
    ("textanalysis", "snowballstemmer"),  # the fallback of the one stemmer trick
    # What only some runs need, so that the others do not pay for it at start-up
    # (benchmarks/bench_cli.py; issue 13 measured 1.7 ms for the five together):
    ("dataset", "validation"),  # only on a cache miss, like yaml
    ("answers", "reader"),  # only with --describe
    ("core", "search"),  # only for search
    ("core", "template"),  # only for new
    ("present", "render_export"),  # only when a handout is made
    ("present", "render_memo"),  # only when a memo is written
    ("lookup", "matching"),  # the analyser only for words that are no slug or id
    ("answers", "yamlsafe"),  # only for an answers file
    ("questionnaire", "textanalysis"),  # only in the questionnaire
}


def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"))


def _own_imports(name: str) -> set[str]:
    """The package's modules that a module imports at its top level."""
    package = name.rpartition(".")[0] if "." in name or MODULES[name].stem != "__init__" else name
    found: set[str] = set()
    for node in _tree(name).body:
        if isinstance(node, ast.ImportFrom) and node.level in (1, 2):
            # `from .x` in a subpackage is its sibling; `from ..x` the package's module
            base = package if node.level == 1 else ""
            prefix = f"{base}." if base else ""
            if node.module:
                found.add(prefix + node.module)
            else:
                found.update(prefix + alias.name for alias in node.names)
    return found & set(MODULES)


def _function_imports(name: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for node in ast.walk(_tree(name)):
        if not isinstance(node, ast.FunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import):
                found.update((name, alias.name) for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom):
                target = inner.module or ""
                if inner.level == 1 and not target:
                    found.update((name, alias.name) for alias in inner.names)
                else:
                    found.add((name, target))
    return found


def test_no_import_circle() -> None:
    graph = {name: _own_imports(name) for name in MODULES}

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        for target in graph[name]:
            visit(target, (*path, name))

    for name in graph:
        visit(name, ())


def test_imports_inside_functions_are_only_the_named_lazy_points() -> None:
    found = set().union(*(_function_imports(name) for name in MODULES))
    assert found <= LAZY_POINTS, sorted(found - LAZY_POINTS)


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
    reader = [name for name in MODULES if name.startswith("reader")]
    for name in ("core", "scoring", *reader, "search", "answers", "dataset", "validation"):
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

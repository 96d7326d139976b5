"""Fast checks of benchmarks/bench_cli.py: the synthetic catalogues and the budget arithmetic.

Nothing here times anything.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_cli.py"
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "methods.yaml"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_cli", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_cli"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _source(tmp_path: Path) -> Path:
    """The bundled dataset, or a small stand-in while it does not exist yet."""
    if BUNDLED.exists():
        return BUNDLED
    path = tmp_path / "stand-in.yaml"
    methods = [
        {"id": f"m{i}", "name": {"fi": f"Menetelmä {i}", "en": f"Method {i}"}, "aliases": {}}
        for i in range(10)
    ]
    doc = {"schema_version": 1, "sources": [{"id": "s"}], "methods": methods}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_synthetic_catalogue(bench: ModuleType, tmp_path: Path) -> None:
    source = _source(tmp_path)
    data = bench.load_dataset(source)
    out = tmp_path / "out"
    out.mkdir()
    path = bench.write_catalogue(data, 25, out)

    text = path.read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    ids = [m["id"] for m in loaded["methods"]]
    assert len(ids) == 25
    assert len(set(ids)) == 25
    first = data["methods"][0]["id"]
    assert ids[0] == f"{first}-0001"
    # everything but the methods is kept
    assert {k: v for k, v in loaded.items() if k != "methods"} == {
        k: v for k, v in data.items() if k != "methods"
    }
    # block style, readable Finnish
    assert not text.lstrip().startswith("{")
    assert "\\xE4" not in text and "\\xe4" not in text


def test_synthesize_rejects_a_dataset_without_methods(bench: ModuleType) -> None:
    with pytest.raises(ValueError, match="methods"):
        bench.synthesize({"schema_version": 1}, 5)


def _status(results: list[object]) -> dict[str, str]:
    return {r.name: r.status for r in results}  # type: ignore[attr-defined]


def test_budgets_pass(bench: ModuleType) -> None:
    medians = {
        "python": 20.0,
        "hello": 100.0,
        "json": 120.0,  # 1.2x hello, 6x python
        "table": 150.0,  # 1.5x hello
        "describe": 170.0,  # 1.42x json
        "json-1000": 300.0,  # 2.5x bundled; +180 ms
        "json-10000": 2000.0,  # +1880 ms <= 1.1 * 9990/990 * 180 = 1998 ms
    }
    results = bench.budgets(medians, 10)
    assert len(results) == 6
    assert set(_status(results).values()) == {"PASS"}


def test_budgets_fail(bench: ModuleType) -> None:
    medians = {
        "python": 10.0,
        "hello": 100.0,
        "json": 130.0,  # 1.3x hello (> 1.25), 13x python (> 8)
        "table": 170.0,  # 1.7x hello (> 1.6)
        "describe": 200.0,  # 1.54x json (> 1.5)
        "json-1000": 400.0,  # 3.08x bundled (> 3); +270 ms
        "json-10000": 3500.0,  # +3370 ms > 1.1 * 9990/990 * 270 = 2997 ms
    }
    results = bench.budgets(medians, 10)
    assert set(_status(results).values()) == {"FAIL"}
    linear = results[-1]
    assert linear.value == pytest.approx(3370.0)
    assert linear.limit == pytest.approx(1.1 * 9990 / 990 * 270)


def test_budgets_mixed_and_missing(bench: ModuleType) -> None:
    medians = {"python": 10.0, "hello": 100.0, "json": 110.0, "table": 200.0}
    status = list(_status(bench.budgets(medians, 10)).values())
    # json vs hello, json vs python, table vs hello, describe, 1,000 vs bundled, linear
    assert status == ["PASS", "FAIL", "FAIL", "ERROR", "ERROR", "ERROR"]


def test_linear_budget_floors_noise(bench: ModuleType) -> None:
    # 1,000 methods measured no slower than 10: the limit uses a 1 ms floor, not zero
    medians = {"json": 100.0, "json-1000": 99.0, "json-10000": 105.0}
    linear = bench.budgets(medians, 10)[-1]
    assert linear.limit == pytest.approx(1.1 * 9990 / 990)
    assert linear.status == "PASS"

"""Fast checks of benchmarks/bench_cli.py: the synthetic catalogues and the budget arithmetic.

Nothing here times anything.
"""

from __future__ import annotations

import importlib.util
import json
import os
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
    # everything but the methods is kept, and what names a method names its copies
    assert loaded == {**bench.synthesize(data, 25), "methods": loaded["methods"]}
    assert loaded.keys() == data.keys()
    # scoring.plan_most and the case steps' adaptations name methods too
    referring = ("methods", "safeguards", "scoring", "plan")
    assert {k: v for k, v in loaded.items() if k not in referring} == {
        k: v for k, v in data.items() if k not in referring
    }
    # block style, readable Finnish
    assert not text.lstrip().startswith("{")
    assert "\\xE4" not in text and "\\xe4" not in text


def test_what_the_dataset_says_of_a_method_it_says_of_its_copies(bench: ModuleType) -> None:
    data = {
        "schema_version": 1,
        "safeguards": {"s": {"when": [{"methods": ["a", "b"], "answers": {"level": ["group"]}}]}},
        "methods": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    }
    made = bench.synthesize(data, 7)
    when = made["safeguards"]["s"]["when"][0]
    assert when["methods"] == ["a-0001", "a-0002", "a-0003", "b-0001", "b-0002"]
    assert when["answers"] == {"level": ["group"]}
    assert data["safeguards"]["s"]["when"][0]["methods"] == ["a", "b"]  # the input is kept


def test_synthesize_rejects_a_dataset_without_methods(bench: ModuleType) -> None:
    with pytest.raises(ValueError, match="methods"):
        bench.synthesize({"schema_version": 1}, 5)


def _status(results: list[object]) -> dict[str, str]:
    return {r.name: r.status for r in results}  # type: ignore[attr-defined]


def test_budgets_pass(bench: ModuleType) -> None:
    medians = {
        "python": 20.0,
        "hello": 100.0,
        "hello-table": 130.0,
        "json": 120.0,  # 1.2x hello, 6x python
        "table": 160.0,  # 1.23x the Typer table
        "describe": 170.0,  # 1.42x json
        "json-1000": 300.0,  # 2.5x bundled; +180 ms
        "json-4000": 910.0,  # +790 ms <= 1.1 * 3990/990 * 180 = 798 ms
        "plan": 130.0,
        "batch": 1200.0,  # 1,000 lines: 1000 * 120 / 1200 = 100x
        "batch-plan": 2500.0,  # 52x
        "batch-describe": 600.0,  # 20 * 170 / 600 = 5.7x, a figure only
    }
    results = bench.budgets(medians, 10, 1000, 20)
    assert len(results) == 9
    status = _status(results)
    assert status.pop("batch of descriptions") == "INFO"
    assert set(status.values()) == {"PASS"}
    values = {r.name: r.value for r in results}
    assert values["recommend --batch throughput"] == pytest.approx(100.0)
    assert values["plan --batch throughput"] == pytest.approx(52.0)
    assert values["batch of descriptions"] == pytest.approx(20 * 170 / 600)


def test_budgets_fail(bench: ModuleType) -> None:
    medians = {
        "python": 10.0,
        "hello": 100.0,
        "hello-table": 130.0,
        "json": 130.0,  # 1.3x hello (> 1.25), 13x python (> 8)
        "table": 170.0,  # 1.31x the Typer table (> 1.3)
        "describe": 200.0,  # 1.54x json (> 1.5)
        "json-1000": 400.0,  # 3.08x bundled (> 3); +270 ms
        "json-4000": 1430.0,  # +1300 ms > 1.1 * 3990/990 * 270 = 1197 ms
        "plan": 140.0,
        "batch": 2700.0,  # 1000 * 130 / 2700 = 48x (< 50)
        "batch-plan": 2900.0,  # 48x
    }
    results = bench.budgets(medians, 10, 1000, 20)
    status = _status(results)
    assert status.pop("batch of descriptions") == "ERROR"  # no timing: still no budget
    assert set(status.values()) == {"FAIL"}
    linear = results[5]
    assert linear.value == pytest.approx(1300.0)
    assert linear.limit == pytest.approx(1.1 * 3990 / 990 * 270)


def test_budgets_mixed_and_missing(bench: ModuleType) -> None:
    medians = {"python": 10.0, "hello": 100.0, "json": 110.0, "table": 200.0, "batch": 1000.0}
    status = list(_status(bench.budgets(medians, 10)).values())
    # json vs hello, json vs python, table vs Typer table, describe, 1,000 vs bundled, linear,
    # recommend batch (1,000 lines: 110x), plan batch, describe batch
    assert status == ["PASS", "FAIL", "ERROR", "ERROR", "ERROR", "ERROR", "PASS", "ERROR", "ERROR"]


def test_linear_budget_floors_noise(bench: ModuleType) -> None:
    # 1,000 methods measured no slower than 10: the limit uses a 1 ms floor, not zero
    medians = {"json": 100.0, "json-1000": 99.0, "json-4000": 104.0}
    linear = bench.budgets(medians, 10)[5]
    assert linear.limit == pytest.approx(1.1 * 3990 / 990)
    assert linear.status == "PASS"


def test_batch_lines_are_different_situations_in_the_datasets_vocabulary(
    bench: ModuleType,
) -> None:
    vocabulary = {
        "target_groups": ["children", "families", "caregivers"],
        "purposes": ["feedback", "co-design"],
        "settings": ["child-welfare"],
        "level": ["individual", "group"],
        "phase": ["planning"],  # not used: the plan picks its own phases
    }
    lines = bench.situations(vocabulary, 60)
    assert lines == bench.situations(vocabulary, 60)  # the same every run
    assert lines[0] == {"target_groups": ["children"]}
    assert lines[1] == {"target_groups": ["families"]}
    assert lines[3] == {"target_groups": ["children"], "purposes": ["feedback"]}
    assert lines[53] == {
        "target_groups": ["caregivers"],
        "purposes": ["co-design"],
        "settings": ["child-welfare"],
        "level": "group",
    }
    # 3 groups x 3 purposes (or none) x 2 settings (or none) x 3 levels (or none) = 54
    assert len({json.dumps(line, sort_keys=True) for line in lines[:54]}) == 54
    for line in lines:
        for key, value in line.items():
            assert set(value if isinstance(value, list) else [value]) <= set(vocabulary[key])


def test_a_batch_run_counts_its_lines_and_refuses_an_error_line(
    bench: ModuleType, tmp_path: Path
) -> None:
    def printing(*records: dict[str, object]) -> list[str]:
        text = "".join(json.dumps(r) + "\n" for r in records)
        return [sys.executable, "-c", f"import sys; sys.stdout.write({text!r})"]

    good = bench.Bench("batch", "b", printing({"line": 1}, {"line": 2}), expect_lines=2)
    bench.run_once(good, dict(os.environ), 60, check_json=True)
    assert good.error is None and len(good.samples_ms) == 1
    short = bench.Bench("batch", "b", printing({"line": 1}), expect_lines=2)
    bench.run_once(short, dict(os.environ), 60, check_json=True)
    assert short.error == "1 lines, not 2 without an error"
    failed = bench.Bench("batch", "b", printing({"line": 1}, {"error": {}}), expect_lines=2)
    bench.run_once(failed, dict(os.environ), 60, check_json=True)
    assert failed.error is not None


def test_the_benches_include_the_table_reference_and_the_batches(
    bench: ModuleType, tmp_path: Path
) -> None:
    batches = {"situations": tmp_path / "s.jsonl", "descriptions": "no batch input: broken"}
    benches = bench.make_benches(["osallisuus"], tmp_path / "h.py", {}, tmp_path / "t.py", batches)
    by_key = {b.key: b for b in benches}
    assert by_key["hello-table"].argv == [sys.executable, str(tmp_path / "t.py")]
    assert by_key["batch"].argv == ["osallisuus", "recommend", "--batch", str(tmp_path / "s.jsonl")]
    assert by_key["batch-plan"].argv[1:3] == ["plan", "--batch"]
    assert by_key["batch"].expect_lines == bench.BATCH_LINES
    assert by_key["batch-describe"].error == "no batch input: broken"
    assert by_key["plan"].expect_json
    assert "from rich.table import Table" in bench.TABLE_TYPER
    assert "Panel(" in bench.TABLE_TYPER


def test_a_ratio_is_the_median_of_the_rounds_own_ratios(bench: ModuleType) -> None:
    # Round 2 was busy for both: its own ratio is like the others, the medians' is not.
    rounds = {
        "hello": [100.0, 200.0, 100.0],
        "json": [110.0, 220.0, 300.0],
        "plan": [120.0, 240.0, 120.0],
        "batch-plan": [2000.0, 4000.0, 2000.0],
    }
    medians = {key: sorted(times)[1] for key, times in rounds.items()}
    results = {r.name: r for r in bench.budgets(medians, 10, 1000, 20, rounds=rounds)}
    ratio = results["recommend --json vs hello Typer"]
    assert ratio.value == pytest.approx(1.1)  # rounds: 1.1, 1.1, 3.0
    assert ratio.of_medians == pytest.approx(220.0 / 100.0)
    assert ratio.status == "PASS"
    plan = results["plan --batch throughput"]
    assert plan.value == pytest.approx(60.0)
    assert plan.of_medians == pytest.approx(60.0)
    assert bench.paired({"a": [1.0, 2.0]}, "a", "b") is None  # a time missing: the medians'

"""Fast checks of benchmarks/bench_adversarial.py: its inputs are what they say, and its
budget arithmetic is right. Nothing here times anything (issue 26)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from conftest import REPO
from osallisuus_cli.validation import parse_and_validate

SCRIPT = REPO / "benchmarks" / "bench_adversarial.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_adversarial", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_adversarial"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data(bench: ModuleType) -> dict[str, Any]:
    loaded: dict[str, Any] = bench.load(bench.BUNDLED)
    return loaded


def test_every_shape_is_as_long_as_the_cli_takes(bench: ModuleType, data: dict[str, Any]) -> None:
    texts = bench.shapes(data)
    assert len(texts) >= 12
    assert len(set(texts.values())) == len(texts)
    for name, text in texts.items():
        assert bench.LENGTH - 100 < len(text) <= bench.LENGTH, name


def test_the_shared_catalogue_is_valid_and_shares_its_words(
    bench: ModuleType, data: dict[str, Any], tmp_path: Path
) -> None:
    path = bench.write(bench.shared(data, 30), tmp_path / "shared.yaml")
    text = path.read_text(encoding="utf-8")
    valid = parse_and_validate(text, str(path))
    methods = valid["methods"]
    assert len({m["id"] for m in methods}) == 30
    for method in methods:
        assert "lapset ja perheet" in method["description"]["fi"]
        assert "children and families" in method["description"]["en"]
    # Distinct texts, drawn anew, not copies
    assert len({m["description"]["fi"] for m in methods}) == 30


def test_the_copies_are_numbered_copies(bench: ModuleType, data: dict[str, Any]) -> None:
    copied = bench.copies(data, 25)["methods"]
    assert len({m["id"] for m in copied}) == 25
    assert copied[:10] == data["methods"]  # the originals, which other sections name
    assert copied[10]["description"] == data["methods"][0]["description"]
    assert copied[10]["id"] == f"{data['methods'][0]['id']}-0011"


def test_the_budgets(bench: ModuleType) -> None:
    medians = {"c@bundled": 100.0, "c@copies": 1090.0, "c@shared": 6070.0}
    [budget] = bench.catalogue_budgets(medians, ["c"])
    # (6070 - 100) / 1990 = 3 ms a method against (1090 - 100) / 990 = 1 ms: 3x
    assert budget.value == pytest.approx(3.0) and budget.status == "PASS"
    [missing] = bench.catalogue_budgets({}, ["c"])
    assert missing.status == "ERROR"
    texts = {"describe:typical": 100.0, "describe:a": 150.0, "describe:b": 250.0}
    statuses = [b.status for b in bench.text_budgets(texts, ["a", "b", "c"])]
    assert statuses == ["PASS", "FAIL", "ERROR"]


def test_fill_cuts_at_a_word(bench: ModuleType) -> None:
    text = bench.fill(["lapset", "nuoret"], length=40)
    assert len(text) <= 40 and not text.endswith(" ")
    assert set(text.split()) == {"lapset", "nuoret"}
    assert yaml.safe_load(f"x: {text}")["x"] == text

"""Shared fixtures: the bundled dataset, a CLI runner, and an isolated dataset cache."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from osallisuus_cli import core
from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.model import Dataset

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# The method ids of the SPEC, in the seed's order.
SPEC_IDS = [
    "bikva",
    "asiakasmateriaalit",
    "asiakasraati",
    "kayttajakokoukset",
    "kokemusasiantuntijuus",
    "verkostokokous",
    "omaisten-illat",
    "laheisneuvonpito",
    "lasten-osallisuus",
    "kasvatuskumppanuus",
]

# Tests never read or write the user's real cache.
TEST_CACHE = os.environ["OSALLISUUS_CACHE_DIR"] = tempfile.mkdtemp(prefix="osallisuus-test-cache-")
for name in ("OSALLISUUS_DATA", "OSALLISUUS_LANG", "OSALLISUUS_DEBUG"):
    os.environ.pop(name, None)
# The CLI runs in subprocesses as on a user's machine, where Python keeps the compiled
# modules: with PYTHONDONTWRITEBYTECODE set (as in some sandboxes and CI images) every
# one of the suite's hundreds of CLI starts compiled the whole package again, which made
# tests/test_conventions.py take 116 s instead of 62 s.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@cache
def _bundled() -> Dataset:
    return load_dataset(None)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return _bundled()


@pytest.fixture(autouse=True)
def one_bundled_dataset_per_process(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands run in this process share one loaded bundled dataset, as the lines of a
    `--batch` do: loading it and building the reader's and search's indexes anew for
    every in-process command took about a third of the suite. Whatever names a dataset
    (--data, $OSALLISUUS_DATA) or another cache folder loads for real, and so does every
    test marked `real_load` (the tests of loading and of the cache)."""
    if request.node.get_closest_marker("real_load"):
        return
    real = core.load_dataset

    def load(data: str | None = None) -> Dataset:
        if data is not None or os.environ.get("OSALLISUUS_DATA") is not None:
            return real(data)
        if os.environ.get("OSALLISUUS_CACHE_DIR") != TEST_CACHE:
            return real(data)
        return _bundled()

    monkeypatch.setattr(core, "load_dataset", load)


@pytest.fixture()
def bundled_text() -> str:
    return (REPO / "data" / "methods.yaml").read_text(encoding="utf-8")


@pytest.fixture()
def isolated_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("OSALLISUUS_DATA", raising=False)
    monkeypatch.delenv("OSALLISUUS_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield

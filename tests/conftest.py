"""Shared fixtures: the bundled dataset, a CLI runner, and an isolated dataset cache."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

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
os.environ["OSALLISUUS_CACHE_DIR"] = tempfile.mkdtemp(prefix="osallisuus-test-cache-")
for name in ("OSALLISUUS_DATA", "OSALLISUUS_LANG", "OSALLISUUS_DEBUG"):
    os.environ.pop(name, None)
# The CLI runs in subprocesses as on a user's machine, where Python keeps the compiled
# modules: with PYTHONDONTWRITEBYTECODE set (as in some sandboxes and CI images) every
# one of the suite's hundreds of CLI starts compiled the whole package again, which made
# tests/test_conventions.py take 116 s instead of 62 s.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(None)


@pytest.fixture()
def bundled_text() -> str:
    return (REPO / "data" / "methods.yaml").read_text(encoding="utf-8")


@pytest.fixture()
def isolated_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("OSALLISUUS_DATA", raising=False)
    monkeypatch.delenv("OSALLISUUS_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield

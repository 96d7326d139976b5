"""Answer values and method names as people type them: any case, inflected, mistyped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.errors import UsageError
from osallisuus_cli.lookup import find_method, resolve_value
from osallisuus_cli.model import Dataset

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = str(ROOT / "data" / "methods.yaml")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(BUNDLED)


@pytest.mark.parametrize(
    ("question", "raw", "slug"),
    [
        ("target_groups", "children", "children"),
        ("target_groups", "Lapset", "children"),
        ("target_groups", "LAPSILLE", "children"),
        ("target_groups", "lasten", "children"),
        ("target_groups", "famlies", "families"),
        ("target_groups", "perheille", "families"),
        ("target_groups", "vanhemmille", "families"),
        ("target_groups", "omaishoitajille", "caregivers"),
        ("target_groups", "carers", "caregivers"),
        ("target_groups", "hard to reach", "hard-to-reach"),
        ("target_groups", "vaikeasti tavoitettaville asiakkaille", "hard-to-reach"),
        ("target_groups", "kuntalaisille", "residents"),
        ("target_groups", "Nuorille", "young-people"),
        ("settings", "päiväkodissa", "early-childhood-education"),
        ("settings", "paivakodissa", "early-childhood-education"),
        ("settings", "lastensuojelussa", "child-welfare"),
        ("settings", "Child Welfare", "child-welfare"),
        ("settings", "child-welfare", "child-welfare"),
        ("settings", "asukaspuistoissa", "resident-parks"),
        ("settings", "mielenterveys- ja päihdepalvelut", "mental-health-substance-abuse"),
        ("purposes", "palautteen", "feedback"),
        ("purposes", "codesign", "co-design"),
        ("level", "koko organisaatio", "organisation"),
        ("duration", "pysyvä", "ongoing"),
        ("duration", "pysyva", "ongoing"),
        ("phase", "arvioinnissa", "evaluation"),
        ("resources", "koollekutsuja", "coordinator"),
        ("resources", "selkokieli", "supported-communication"),
    ],
)
def test_resolve_value(dataset: Dataset, question: str, raw: str, slug: str) -> None:
    assert resolve_value(dataset.question(question), raw) == slug


@pytest.mark.parametrize("raw", ["dogs", "x", "", "xyzzy"])
def test_unknown_value_names_the_closest(dataset: Dataset, raw: str) -> None:
    question = dataset.question("target_groups")
    with pytest.raises(UsageError) as caught:
        resolve_value(question, raw)
    message = str(caught.value)
    slugs = {v.slug for v in question.values}
    assert len(caught.value.suggestions) == 3
    assert set(caught.value.suggestions) <= slugs
    assert "--target-group" in message
    assert all(s in message for s in caught.value.suggestions)
    assert message.count(".") == 1 and message.endswith(".")


@pytest.mark.parametrize(
    ("name", "method_id"),
    [
        ("bikva", "bikva"),
        ("BIKVA", "bikva"),
        ("Läheisneuvonpito", "laheisneuvonpito"),
        ("laheisneuvonpito", "laheisneuvonpito"),
        ("läheisneuvonpidon", "laheisneuvonpito"),
        ("network meeting", "verkostokokous"),
        ("network meetng", "verkostokokous"),
        ("kokemusasiantuntijus", "kokemusasiantuntijuus"),
        ("Family group conference", "laheisneuvonpito"),
        ("omaisten-illat", "omaisten-illat"),
        ("Omaisten illat", "omaisten-illat"),
        ("asiakasfoorumi", "asiakasraati"),
        ("Client panel", "asiakasraati"),
        ("user meetings", "kayttajakokoukset"),
        ("experts by experience", "kokemusasiantuntijuus"),
        ("kasvatuskumpanuus", "kasvatuskumppanuus"),
    ],
)
def test_find_method(dataset: Dataset, name: str, method_id: str) -> None:
    assert find_method(dataset, name).id == method_id


def test_unknown_method(dataset: Dataset) -> None:
    with pytest.raises(UsageError) as caught:
        find_method(dataset, "xyzzy-method")
    assert "xyzzy-method" in str(caught.value)
    assert len(caught.value.suggestions) == 3


@pytest.mark.parametrize("name", ["meeting", "kokous"])
def test_ambiguous_method_lists_candidates(dataset: Dataset, name: str) -> None:
    with pytest.raises(UsageError) as caught:
        find_method(dataset, name)
    assert set(caught.value.suggestions) == {"kayttajakokoukset", "verkostokokous"}


def test_exact_lookups_do_not_load_rapidfuzz(tmp_path: Path) -> None:
    code = (
        "import sys;"
        "from osallisuus_cli.dataset import load_dataset;"
        "from osallisuus_cli.lookup import find_method, resolve_value;"
        f"d = load_dataset({BUNDLED!r});"
        "assert find_method(d, 'Läheisneuvonpito').id == 'laheisneuvonpito';"
        "assert find_method(d, 'network meeting').id == 'verkostokokous';"
        "assert resolve_value(d.question('target_groups'), 'Lapset') == 'children';"
        "assert resolve_value(d.question('target_groups'), 'lapsille') == 'children';"
        "assert 'rapidfuzz' not in sys.modules, 'rapidfuzz loaded'"
    )
    env = {"PYTHONPATH": str(ROOT / "src"), "OSALLISUUS_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)

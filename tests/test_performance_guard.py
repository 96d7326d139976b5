"""Start-up guards (not timings): what the fast paths must not import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import sys, io
sys.argv = ["osallisuus", *{args!r}]
out = io.BytesIO()
class Sink(io.TextIOWrapper):
    pass
sys.stdout = io.TextIOWrapper(out, encoding="utf-8")
from osallisuus_cli.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
sys.stdout = sys.__stdout__
print(repr(sorted({{m.split(".")[0] for m in sys.modules}})))
print(code)
"""


def loaded_after(*args: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = proc.stdout.strip().splitlines()
    assert lines[-1] == "0", proc.stderr
    modules: set[str] = set(json.loads(lines[-2].replace("'", '"')))
    return modules


@pytest.mark.parametrize(
    "args",
    [
        ["recommend", "-t", "children", "--json"],
        ["recommend", "-t", "lapset", "-s", "varhaiskasvatus", "--json"],
        ["show", "bikva", "--json"],
        ["list", "--json"],
    ],
)
def test_json_paths_import_neither_rich_nor_pydantic_nor_yaml(args: list[str]) -> None:
    loaded = loaded_after(*args)
    assert "rich" not in loaded
    assert "pydantic" not in loaded
    assert "yaml" not in loaded  # the validated dataset comes from the cache


def test_exact_answers_do_not_load_rapidfuzz() -> None:
    assert "rapidfuzz" not in loaded_after("recommend", "-t", "children", "--json")


def test_typer_version_is_the_one_without_pydantic() -> None:
    import typer

    major, minor = (int(part) for part in typer.__version__.split(".")[:2])
    assert (major, minor) < (0, 29)

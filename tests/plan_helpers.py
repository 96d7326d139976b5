"""Helpers shared by the plan tests: a plan from flags in process, and `plan --json`."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from typer.testing import CliRunner

from osallisuus_cli import core
from osallisuus_cli.cli import app
from osallisuus_cli.model import PlanResult

runner = CliRunner()


def plan(
    flags: Mapping[str, Sequence[str] | bool | None], describe: str | None = None
) -> PlanResult:
    return core.plan(None, core.AnswerInput(flags, describe))


def plan_json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["plan", *args, "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document

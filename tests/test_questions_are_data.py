"""Questions are data (issue 10): a question added to a dataset is asked, scored, completed
and rendered with no code change; the CLI's own options agree with the dataset's questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from osallisuus_cli import completion, core, questionnaire
from osallisuus_cli.cli import app
from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.model import Dataset, Lang, Question
from osallisuus_cli.options import ANSWER_OPTIONS

NEW_QUESTION = """\
  meeting_format:
    flag: --meeting-format
    label: {en: meeting format, fi: tapaamisen muoto}
    weight: 1
    en: Whether people meet in person or online changes what works.
    fi: Tapaavatko ihmiset kasvokkain vai verkossa, vaikuttaa siihen, mikä toimii.
    prompt:
      en: How do people meet?
      fi: Miten tavataan?
    values:
      online:
        label: {en: online, fi: verkossa}
        aliases:
          en: [online, remote]
          fi: [verkossa, etänä]
      in-person:
        label: {en: in person, fi: kasvokkain}
        aliases:
          en: [in person, face to face]
          fi: [kasvokkain, lähitapaaminen]
"""
FIT = """\
      meeting_format:
        online:
          weight: 4
          en: A panel can meet online.
          fi: Raati voi kokoontua verkossa.
"""


@pytest.fixture()
def extended(tmp_path: Path, bundled_text: str) -> Path:
    text = bundled_text.replace("  resources:\n    flag:", NEW_QUESTION + "  resources:\n    flag:")
    marker = "  - id: asiakasraati\n"
    start = text.index(marker)
    fits = text.index("    fits:\n", start) + len("    fits:\n")
    text = text[:fits] + FIT + text[fits:]
    file = tmp_path / "with-a-question.yaml"
    file.write_text(text, encoding="utf-8")
    return file


class FakeScreen:
    def __init__(self, replies: dict[str, str]) -> None:
        self.replies = replies
        self.asked: list[str] = []
        self.confirmed: list[list[tuple[str, str]]] = []

    def ask(self, number: int, total: int, question: Question, lang: Lang) -> None:
        self.asked.append(question.key)

    def read(self, prompt: str) -> str:
        return self.replies.get(self.asked[-1], "")

    def problem(self, text: str) -> None:
        raise AssertionError(text)

    def confirm(self, question: Question, understood: list[tuple[str, str]], lang: Lang) -> None:
        self.confirmed.append(understood)

    def done(self) -> None:
        pass


def test_a_new_question_is_asked_scored_completed_and_rendered(
    extended: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = load_dataset(str(extended))
    screen = FakeScreen({"meeting_format": "verkossa"})
    chosen = questionnaire.ask_all(dataset, "fi", screen)
    assert "meeting_format" in screen.asked
    assert chosen == {"meeting_format": ["online"]}
    assert ("verkossa", "online") in [pair for pairs in screen.confirmed for pair in pairs]

    given = core.AnswerInput({}, pairs=("meeting_format=online",))
    result = core.recommend(str(extended), given)
    assert [r.method.id for r in result.results] == ["asiakasraati"]
    assert result.results[0].reasons[0].question == "meeting_format"

    monkeypatch.setenv("OSALLISUUS_DATA", str(extended))
    pairs = [value for value, _ in completion.complete_pairs("meeting_format=")]
    assert pairs == ["meeting_format=online", "meeting_format=in-person"]

    runner = CliRunner()
    args = ["--data", str(extended), "recommend", "-a", "meeting_format=online"]
    table = runner.invoke(app, args, env={"COLUMNS": "100"})
    assert table.exit_code == 0, table.output
    assert "meeting format: online" in table.stdout
    document = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert document["answers"]["meeting_format"] == "online"


def test_an_unknown_key_for_answer_says_which_keys_there_are() -> None:
    result = CliRunner().invoke(app, ["recommend", "-a", "mood=happy"])
    assert result.exit_code == 2
    assert "target_groups" in result.stderr and "'mood=happy'" in result.stderr


def test_a_question_without_a_label_is_caught_by_validate(
    tmp_path: Path, bundled_text: str
) -> None:
    text = bundled_text.replace("    label: {en: purposes, fi: tarkoitus}\n", "", 1)
    file = tmp_path / "no-label.yaml"
    file.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(file)])
    assert result.exit_code == 1
    assert "questions.purposes" in result.stderr and "'label'" in result.stderr


def test_the_cli_options_agree_with_the_questions(dataset: Dataset) -> None:
    by_key = {q.key: q for q in dataset.questions}
    assert [option.key for option in ANSWER_OPTIONS] == list(by_key)
    for option in ANSWER_OPTIONS:
        question = by_key[option.key]
        assert option.flags[0] == question.flag
        assert question.resources == (option.key == "resources")

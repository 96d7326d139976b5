"""The stumbles a new planner hit (issue 24), each as the planner meets it."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import SPEC_IDS
from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.i18n import t
from osallisuus_cli.lookup import resolve_value
from robust_helpers import assert_clean_error, command, process_env, run_main, visible
from test_questionnaire import Terminal

DATASET = load_dataset(None)


# -- Finnish names in Finnish ----------------------------------------------------------


def test_an_unknown_value_suggests_finnish_names_in_finnish_and_slugs_in_english() -> None:
    finnish = assert_clean_error(run_main("--lang", "fi", "recommend", "-s", "xyzzy"), 2)
    assert "varhaiskasvatus" in finnish and "vammaispalvelut" in finnish
    assert "early-childhood-education" not in finnish and "disability-services" not in finnish
    english = assert_clean_error(run_main("--lang", "en", "recommend", "-s", "xyzzy"), 2)
    assert "early-childhood-education" in english


def test_finnish_help_names_the_values_in_finnish_and_every_name_works() -> None:
    outcome = run_main("--lang", "fi", "recommend", "--help")
    assert outcome.code == 0
    text = visible(outcome.stdout)
    slugs = ("child-welfare", "co-design", "one-off", "fixed-term", "case-plan", "coordinator")
    for slug in slugs:
        assert slug not in text, slug
    named = {
        "level": ("yksilö", "ryhmä", "organisaatio"),
        "duration": ("kertaluontoinen", "määräaikainen", "pysyvä"),
        "phase": ("suunnittelu", "toteutus", "arviointi", "kehittäminen", "seuranta"),
        "settings": ("lastensuojelu", "varhaiskasvatus"),
        "purposes": ("palaute", "kehittäminen"),
        "target_groups": ("lapset", "omaishoitajat"),
        "resources": ("vetäjä", "koollekutsuja", "palkkiot", "tulkki", "selkokieli"),
    }
    for key, words in named.items():
        for word in words:
            assert word in text, word
            assert resolve_value(DATASET.question(key), word, guess=False)


def _complete(words: str, env: dict[str, str | None] | None = None) -> list[str]:
    """What bash would offer for the command line `words`."""
    completing: dict[str, str | None] = {
        "_OSALLISUUS_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
        **(env or {}),
    }
    proc = subprocess.run(
        command(), capture_output=True, env=process_env(completing), timeout=60, check=True
    )
    return proc.stdout.decode("utf-8").split()


def test_completion_offers_finnish_names_for_what_is_typed_in_finnish() -> None:
    offered = _complete("osallisuus --lang fi recommend -s va")
    assert {"varhaiskasvatus", "vanhuspalvelut", "vammaispalvelut"} <= set(offered)
    assert _complete("osallisuus list -s va", {"OSALLISUUS_LANG": "fi"})[:1] == ["varhaiskasvatus"]
    # Each value once; and English words still complete in English.
    assert len(offered) == len(set(offered))
    assert "early-childhood-education" in _complete("osallisuus recommend -s ea")


# -- what --top hides ------------------------------------------------------------------


def test_a_list_cut_short_by_top_says_how_many_more_and_how_to_see_them() -> None:
    outcome = run_main("recommend", "-t", "families", "--no-facilitator", "--top", "1")
    assert outcome.code == 0
    assert "5 more: --top 6" in outcome.stdout
    everything = run_main("recommend", "-t", "families", "--no-facilitator", "--top", "6")
    assert "more: --top" not in everything.stdout


def test_a_hidden_warned_method_is_counted_too() -> None:
    args = ("recommend", "-t", "hard-to-reach", "-p", "feedback", "--no-facilitator")
    shown = run_main(*args, "--top", "1")
    more = re.search(r"(\d+) more: --top (\d+)", shown.stdout)
    assert more and int(more.group(2)) == int(more.group(1)) + 1
    assert "bikva" not in shown.stdout.split("more: --top")[0]
    everything = visible(run_main(*args, "--top", more.group(2)).stdout)
    assert "more: --top" not in everything
    assert re.search(rf"{more.group(2)} BIKVA .*requirement not met", everything)
    finnish = run_main("--lang", "fi", *args, "--top", "1")
    assert f"{more.group(1)} muuta: --top {more.group(2)}" in finnish.stdout


# -- the questionnaire -----------------------------------------------------------------


def test_enter_on_every_question_asks_again_and_the_command_line_reproduces_the_run() -> None:
    term = Terminal("--lang", "en", "recommend", "--json", "--top", "2")
    term.read_until(b"> ")
    for _ in range(len(DATASET.questions)):
        term.answer("")
    term.read_until(t("answer_one", "en").split(":")[0].encode())
    term.read_until(b"> ")
    term.answer("1")  # children
    while term.proc.poll() is None and b'"schema_version"' not in term.output:
        term.answer("")
    code = term.finish()
    text = term.output.decode("utf-8", "replace").replace("\r\n", "\n")
    assert code == 0, text[-2000:]
    assert t("no_results", "en") not in text
    rerun = "osallisuus --lang en --json recommend --target-group children --top 2"
    assert rerun in text
    document_start = text.index('{\n  "schema_version"')
    assert '"children"' in text[document_start:]


def test_the_plans_command_line_keeps_its_phases() -> None:
    term = Terminal("--lang", "en", "plan", "--phase", "evaluation")
    term.read_until(b"> ")
    term.answer("1")  # children
    while term.proc.poll() is None and b"The same answers" not in term.output:
        term.answer("")
    code = term.finish()
    text = term.output.decode("utf-8", "replace").replace("\r\n", "\n")
    assert code == 0, text[-2000:]
    assert "osallisuus --lang en plan --target-group children --phase evaluation" in text


# -- a PDF is printed from the HTML ----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("export", "-o", "handout.pdf"), ("recommend", "-t", "children", "-o", "memo.PDF")],
)
def test_an_output_named_pdf_is_refused_with_the_hint_to_print_the_html(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    proc = subprocess.run(
        [*command(), *args],
        capture_output=True,
        cwd=tmp_path,
        env=process_env(None),
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    message = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, message
    assert ".html" in message and "Ctrl-P" in message
    assert os.listdir(tmp_path) == []


# -- sentences that point the right way ------------------------------------------------


@pytest.mark.parametrize(("typed", "lang"), [("version", "en"), ("versio", "fi")])
def test_a_global_option_typed_as_a_command_points_to_the_option(typed: str, lang: str) -> None:
    message = assert_clean_error(run_main("--lang", lang, typed), 2)
    assert "osallisuus --version" in message and "questions" not in message


def test_plan_with_no_answers_points_to_plans_help() -> None:
    message = assert_clean_error(run_main("plan", "--json"), 2)
    assert "osallisuus plan --help" in message and "recommend --help" not in message


def test_an_answers_file_that_is_not_utf8_says_what_is_not(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(b"purposes: [palaute]\ntarget_groups: [lap\xe4set]\n")
    message = assert_clean_error(run_main("recommend", "--answers", str(answers)), 2)
    assert re.search(r"Answers file .*answers\.yaml is not UTF-8 text at line 2", message)


# -- list and show ---------------------------------------------------------------------


def test_list_shows_the_groups_each_method_is_mainly_for() -> None:
    # Stacked (a narrow terminal): each method's id starts its block, its groups on one line.
    lines = run_main("list", columns=60).stdout.splitlines()
    groups, method = {}, ""
    for line in lines:
        if line.split(" ")[0] in SPEC_IDS:
            method = line.split(" ")[0]
        elif line.startswith("target groups: "):
            groups[method] = line.removeprefix("target groups: ").strip()
    assert groups["bikva"] == "hard-to-reach clients"  # its 3/5 fits are not main groups
    assert "children" not in groups["asiakasraati"]  # the client panel fits children 2/5
    assert "4/5 or better" in " ".join(lines[-3:])


def test_show_prints_every_cited_source_in_full_in_alphabetical_order() -> None:
    method = DATASET.method("laheisneuvonpito")
    assert method is not None
    text = visible(run_main("show", "laheisneuvonpito").stdout)
    card, references = text.split("Other sources")
    cited = {m.group(1) for m in re.finditer(r"\[([^\]]+)\]", card)} - {"editors' judgement"}
    listed = re.findall(r"\[([^\]]+)\] [A-Z]", references)
    assert cited <= {*listed, DATASET.source(method.source_id).short()}
    assert listed == sorted(listed, key=lambda label: label.casefold())
    assert "City of Turku (2016" in text


# -- questions -------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_questions_never_cut_a_label(columns: int, lang: str) -> None:
    outcome = run_main("--lang", lang, "questions", columns=columns)
    assert outcome.code == 0
    assert "…" not in outcome.stdout
    words = set(outcome.stdout.split())
    for question in DATASET.questions:
        for value in question.values:
            for label in (value.label.fi, value.label.en):
                assert set(label.split()) <= words, label

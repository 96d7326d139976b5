"""The conventions people expect (issue 13), each point as a user meets it: a real process,
or a pseudo-terminal for the questionnaire.

Options and help anywhere and in Finnish, the `questions` command, completion for three
shells, the first run; the questionnaire; tables that never cut a word, aligned
comparisons, readable search hits; export formats and the overview; the JSON additions.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import pty
import re
import select
import shlex
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import SPEC_IDS
from osallisuus_cli import __version__
from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.i18n import t
from osallisuus_cli.model import LANGS, Lang
from osallisuus_cli.options import ANSWER_OPTIONS
from robust_helpers import command, process_env

DATASET = load_dataset(None)
FINNISH = {"--lang fi": ("--lang", "fi"), "OSALLISUUS_LANG": (), "locale": ()}
FINNISH_ENV = {
    "--lang fi": {},
    "OSALLISUUS_LANG": {"OSALLISUUS_LANG": "fi"},
    "locale": {"LC_ALL": "fi_FI.UTF-8"},
}


class Run:
    """One finished process: exit code, stdout and stderr as text."""

    def __init__(self, proc: subprocess.CompletedProcess[bytes]) -> None:
        self.code = proc.returncode
        self.out = proc.stdout.decode("utf-8")
        self.err = proc.stderr.decode("utf-8")

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)


def run(*args: str, env: dict[str, str | None] | None = None, cwd: Path | None = None) -> Run:
    proc = subprocess.run(
        [*command(), *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=process_env({"NO_COLOR": "1", **(env or {})}),
        cwd=cwd,
        timeout=60,
    )
    return Run(proc)


def finnish(name: str, *args: str) -> Run:
    """A run with Finnish chosen in one of the three ways."""
    return run(*FINNISH[name], *args, env=dict(FINNISH_ENV[name]))


def squeezed(text: str) -> str:
    """Output with borders and runs of white space folded, for checks across wrapped lines."""
    return re.sub(r"\s+", " ", re.sub(r"[│┃╭╮╰╯─━┏┓┗┛┡┩]", " ", text))


# -- options and help ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("show", "bikva", "--lang", "fi", "--json"),
        ("--lang", "fi", "show", "bikva", "--json"),
        ("--json", "--lang", "fi", "show", "bikva"),
        ("show", "--json", "bikva", "--lang=fi"),
    ],
)
def test_lang_and_json_work_on_either_side_of_the_command(args: tuple[str, ...]) -> None:
    document = run(*args).json()
    assert document["lang"] == "fi"
    assert document["method"]["name"].startswith("Bikva")


def test_data_works_on_either_side_and_the_commands_own_value_wins(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("methods: [\n", encoding="utf-8")
    bundled = str(Path(DATASET.path))
    assert run("list", "--data", bundled, "--json").json()["methods"]
    assert run("--data", str(broken), "list", "--data", bundled, "--json").json()["methods"]
    failed = run("--data", bundled, "list", "--data", str(broken), "--json")
    assert failed.code == 1 and "broken.yaml" in failed.err
    assert run("--lang", "en", "list", "--lang", "fi", "--json").json()["lang"] == "fi"


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (
            ("-t", "children", "recommend"),
            ("after the command", "osallisuus recommend -t children"),
        ),
        (("list", "--top", "3"), ("--top is an option of search and recommend",)),
        (("list", "--version"), ("goes before the command", "osallisuus --version list")),
    ],
)
def test_a_misplaced_option_says_where_it_belongs(
    args: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    result = run(*args)
    assert result.code == 2 and result.out == ""
    for needle in needles:
        assert needle in result.err, result.err
    assert "Possible options" not in result.err


@pytest.mark.parametrize("how", list(FINNISH))
def test_help_is_finnish_when_finnish_is_chosen(how: str) -> None:
    for args in ((), ("recommend",), ("show",), ("export",), ("questions",)):
        result = finnish(how, *args, "--help")
        assert result.code == 0, result.err
        text = squeezed(result.out)
        assert "Käyttö:" in text and "Valitsimet" in text and "Näytä tämä ohje" in text
        for english in ("Usage", "Options", "Show this message", "Arguments", "Commands"):
            assert english not in text, (args, english)
    assert "Komennot" in squeezed(finnish(how, "--help").out)


@pytest.mark.parametrize("how", list(FINNISH))
@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("recommend", "-t", "koirat"), "ei ole valitsimen --target-group arvo"),
        (("show",), "Kerro, mikä menetelmä"),
        (("show", "xyzzy"), "Menetelmää 'xyzzy' ei löydy"),
        (("list", "--bogus"), "Tuntematon valitsin --bogus"),
        (("search", "--top", "abc", "perhe"), "haluaa kokonaisluvun"),
        (("recommend",), "Vastauksia ei annettu"),
        (("export", "--format", "pdf"), "Tuntematon muoto"),
        (("bogus",), "Tuntematon komento"),
        (("recommend", "--answers", "/nonexistent/answers.yaml"), "Vastaustiedostoa"),
    ],
)
def test_error_messages_are_finnish_when_finnish_is_chosen(
    how: str, args: tuple[str, ...], needle: str
) -> None:
    result = finnish(how, *args)
    assert result.code == 2, result.err
    assert needle in result.err, result.err
    assert "Katso" in result.err or "See " not in result.err


def test_questions_lists_every_value_with_both_labels_and_aliases() -> None:
    text = run("questions").out
    for question in DATASET.questions:
        assert question.flag in text and question.prompt.en in text
        for value in question.values:
            assert value.slug in text
    assert "päiväkoti" in run("questions").out or "lapsi" in text  # main aliases are shown
    assert "Ketkä osallistuvat?" in run("--lang", "fi", "questions").out


def test_questions_json_has_the_shape_of_the_spec() -> None:
    document = run("questions", "--json").json()
    assert document["schema_version"] == 1 and document["lang"] == "en"
    keys = [q["key"] for q in document["questions"]]
    assert keys == [q.key for q in DATASET.questions]
    for entry, question in zip(document["questions"], DATASET.questions, strict=True):
        assert set(entry) >= {"key", "flag", "multiple", "prompt", "values"}
        assert entry["flag"] == question.flag and entry["multiple"] == question.multiple
        for value, known in zip(entry["values"], question.values, strict=True):
            assert set(value) >= {"value", "label", "aliases"}
            assert value["labels"] == {"fi": known.label.fi, "en": known.label.en}
            assert value["aliases"] == list(known.aliases.all())
    assert run("--lang", "fi", "questions", "--json").json()["questions"][0]["prompt"] == (
        DATASET.questions[0].prompt.fi
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("option", ANSWER_OPTIONS, ids=lambda o: o.key)
def test_each_answer_option_says_where_its_values_are_and_a_real_example_runs(
    lang: Lang, option: Any
) -> None:
    words = t(option.help, lang)
    if option.key != "facilitator":
        assert "osallisuus questions" in words
    example = words.split(EXAMPLE[lang])[1].strip()
    args = shlex.split(example)
    names = {name for flag in option.flags for name in flag.split("/")}
    assert args[:2] == ["osallisuus", "recommend"] and names & set(args)
    assert run(*args[1:], "--json").json()["results"]
    helped = squeezed(run("--lang", lang, "recommend", "--help").out)
    assert "osallisuus questions" in helped


EXAMPLE = {"fi": "Esimerkki:", "en": "Example:"}
COMPLETION_SCRIPTS = {
    "bash": "complete -o default -F _osallisuus_completion osallisuus",
    "zsh": "#compdef osallisuus",
    "fish": "complete --command osallisuus",
}


@pytest.mark.parametrize("shell", list(COMPLETION_SCRIPTS))
def test_show_completion_prints_the_named_shells_script(shell: str) -> None:
    result = run("--show-completion", shell, env={"SHELL": "/bin/bash"})
    assert result.code == 0
    assert COMPLETION_SCRIPTS[shell] in result.out
    for other, marker in COMPLETION_SCRIPTS.items():
        if other != shell:
            assert marker not in result.out
    bare = run("--show-completion", env={"SHELL": f"/usr/bin/{shell}"})
    assert COMPLETION_SCRIPTS[shell] in bare.out  # without a name: the login shell's


def _complete(shell: str, words: str) -> list[str]:
    """What the shell's completion script would offer for the command line `words`."""
    env: dict[str, str | None] = {"_OSALLISUUS_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words}
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = run(env=env)
    assert result.code == 0, result.err
    return re.findall(r"[\w-]+", result.out)


@pytest.mark.parametrize("shell", list(COMPLETION_SCRIPTS))
def test_completion_offers_languages_values_and_methods_in_every_shell(shell: str) -> None:
    assert {"fi", "en"} <= set(_complete(shell, "osallisuus --lang "))
    assert {"fi", "en"} <= set(_complete(shell, "osallisuus list --lang "))
    assert "caregivers" in _complete(shell, "osallisuus recommend -t ca")
    assert "laheisneuvonpito" in _complete(shell, "osallisuus show la")


@pytest.mark.parametrize(
    ("shell", "installed"),
    [("fish", ".config/fish/completions/osallisuus.fish"), ("zsh", ".zfunc/_osallisuus")],
)
def test_install_completion_takes_the_shell(tmp_path: Path, shell: str, installed: str) -> None:
    result = run("--install-completion", shell, env={"HOME": str(tmp_path), "SHELL": "/bin/sh"})
    assert result.code == 0, result.err
    assert COMPLETION_SCRIPTS[shell] in (tmp_path / installed).read_text(encoding="utf-8")
    assert installed in result.out


def test_a_bare_osallisuus_says_what_to_do_first() -> None:
    result = run()
    assert result.code == 0 and result.err == ""
    assert "osallisuus recommend" in result.out and "osallisuus questions" in result.out
    assert "Ensimmäiset askeleet" in run("--lang", "fi").out


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_has_a_short_flag(flag: str) -> None:
    assert run(flag).out == f"osallisuus {__version__}\n"


def test_a_repeated_single_answer_option_is_refused_in_a_friendly_sentence() -> None:
    result = run("recommend", "-l", "group", "-l", "individual", "--json")
    assert result.code == 2 and result.out == ""
    assert "--level takes one answer, but it was given 2: group and individual" in result.err
    assert "choose one of them" in result.err
    assert "valitse niistä yksi" in run("--lang", "fi", "recommend", "-l", "1", "-l", "2").err


def test_an_unknown_language_setting_falls_back_to_english_and_says_so_once() -> None:
    result = run("list", "--json", env={"OSALLISUUS_LANG": "sv"})
    assert result.json()["lang"] == "en"
    assert result.err.count("\n") == 1
    assert "OSALLISUUS_LANG=sv" in result.err and "English" in result.err
    assert run("--lang", "fi", "list", "--json", env={"OSALLISUUS_LANG": "sv"}).err == ""


@pytest.mark.parametrize("value", ["abc", "0", "-1", "2.5"])
def test_top_says_what_it_wants(value: str) -> None:
    result = run("recommend", "-t", "children", "--top", value)
    assert result.code == 2
    assert "--top wants a whole number of 1 or more, such as --top 5" in result.err


# -- the questionnaire, in a terminal -------------------------------------------------------


class Terminal:
    """The CLI with stdin (and stderr, and stdout unless it goes to `stdout`) on a pty."""

    def __init__(self, *args: str, stdout: Path | None = None) -> None:
        self.master, slave = pty.openpty()
        target = stdout.open("wb") if stdout else slave
        env = process_env({"COLUMNS": "100", "LINES": "50", "TERM": "xterm", "NO_COLOR": "1"})
        self.proc = subprocess.Popen(
            [*command(), *args], stdin=slave, stdout=target, stderr=slave, env=env
        )
        if stdout:
            target.close()  # type: ignore[union-attr]
        os.close(slave)
        self.output = b""

    def _pump(self, seconds: float) -> None:
        ready, _, _ = select.select([self.master], [], [], seconds)
        if ready:
            with contextlib.suppress(OSError):  # the child closed the terminal
                self.output += os.read(self.master, 65536)

    def answer(self, line: str) -> None:
        """Type a line once the next prompt is there."""
        prompts = self.output.count(b"> ")
        deadline = time.monotonic() + 20
        while self.output.count(b"> ") <= prompts - 1 or not self.output.endswith(b"> "):
            assert time.monotonic() < deadline, self.text[-800:]
            self._pump(0.1)
        os.write(self.master, line.encode("utf-8") + b"\r")
        self._pump(0.3)

    def finish(self) -> int:
        deadline = time.monotonic() + 30
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._pump(0.1)
        for _ in range(20):
            self._pump(0.05)
        os.close(self.master)
        return self.proc.wait(timeout=10)

    @property
    def text(self) -> str:
        return re.sub(r"\x1b\[[0-9;]*m", "", self.output.decode("utf-8", "replace"))


def _questionnaire(*lines: str, lang: Lang = "fi", stdout: Path | None = None) -> Terminal:
    term = Terminal("--lang", lang, "recommend", stdout=stdout)
    for line in lines:
        term.answer(line)
    assert term.finish() == 0, term.text[-1500:]
    return term


def test_the_questionnaire_mixes_numbers_and_words_and_confirms_each_answer() -> None:
    term = _questionnaire("4, asukkaat", "palaute", "", "hoivakodissa", "", "", "")
    text = term.text
    assert "4 → omaishoitajat" in text and "asukkaat → kuntalaiset" in text
    assert "hoivakodissa → vanhuspalvelut" in text
    assert "– ohitettu" in text
    assert "--target-group caregivers --target-group residents" in text.replace("\r\n", " ")


def test_the_questionnaire_confirms_in_english_too() -> None:
    text = _questionnaire("", "", "", "hoivakodissa", "", "", "", lang="en").text
    assert "hoivakodissa → services for older people" in text


@pytest.mark.parametrize("unsure", ["?", "en tiedä", "don't know", "En tiedä."])
def test_a_question_mark_or_dont_know_shows_the_choices_again(unsure: str) -> None:
    term = _questionnaire(unsure, "lapset", "", "", "", "", "", "")
    assert term.text.count("1/7  Ketkä osallistuvat?") == 2
    assert "2/7" in term.text


def test_a_wrong_answer_is_said_plainly_without_options() -> None:
    term = _questionnaire("koirat", "lapset", "", "", "", "", "", "")
    problem = next(line for line in term.text.splitlines() if "koirat" in line and "”" in line)
    assert "ei ole mikään vaihtoehdoista" in problem
    assert "--" not in term.text.split("koirat")[1].split("2/7")[0]  # no option names


def test_the_questionnaires_table_shows_five_and_says_how_to_see_all() -> None:
    text = _questionnaire("6", "", "", "", "", "", "", lang="en").text
    assert "These are the first 5 of" in text and "add --top" in text
    ranks = re.findall(r"^│ (\d+) │", text, re.MULTILINE)
    assert ranks == ["1", "2", "3", "4", "5"]


def test_with_stdout_in_a_file_it_asks_on_the_terminal_and_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    term = _questionnaire("lapset", "", "", "", "", "", "", lang="en", stdout=out)
    assert "1/7  Who takes part?" in term.text  # the questions, on the terminal
    result = out.read_text(encoding="utf-8")
    assert "lasten-osallisuus" in result and "Who takes part?" not in result
    assert "osallisuus --lang en recommend --target-group children" in result


# -- reading the output ---------------------------------------------------------------------

PIECE = re.compile(r"[^\s/]*/+(?=[^\s/])|\S+")


def _words_whole(output: str, texts: list[str]) -> None:
    """Every word of the texts (a slash may end a line) is on one line of the output."""
    lines = output.splitlines()
    for text in texts:
        for piece in PIECE.findall(text):
            assert any(piece in line for line in lines), f"{piece!r} is cut:\n{output}"


@pytest.mark.parametrize("columns", ["80", "90", "100"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("recommend", "-t", "children", "-p", "feedback"),
        ("recommend", "-t", "families"),
        ("search", "perhe"),
        ("plan", "-t", "children"),
        ("compare", "asiakasraati", "kasvatuskumppanuus", "kokemusasiantuntijuus"),
        ("compare", "omaisten-illat", "kasvatuskumppanuus"),
    ],
)
def test_names_and_ids_are_never_cut_inside_a_word(
    columns: str, lang: Lang, args: tuple[str, ...]
) -> None:
    result = run("--lang", lang, *args, env={"COLUMNS": columns})
    assert result.code == 0, result.err
    shown = [m for m in DATASET.methods if m.id in result.out]
    assert shown
    _words_whole(result.out, [text for m in shown for text in (m.name.get(lang), m.id)])


def test_html_breaks_long_words_only_where_their_parts_meet() -> None:
    page = run("--lang", "fi", "export", "--format", "html").out
    assert "<h1>Asiakas&shy;osallisuutta lisäävät menetelmät</h1>" in page
    assert "Asiakasraati/<wbr>asiakasfoorumi" in page.replace("&shy;", "")
    assert "Kasvatus&shy;kumppanuus" in page
    body_rule = re.search(r"body \{[^}]*\}", page)
    assert body_rule and "break-word" not in body_rule.group()


def test_compare_shows_one_row_per_value_aligned_and_headers_start_together() -> None:
    out = run("compare", "laheisneuvonpito", "verkostokokous", env={"COLUMNS": "100"}).out
    lines = out.splitlines()
    header = lines[1]
    assert "Family group conference" in header and "Network meeting" in header
    children = next(line for line in lines if line.startswith("│   children"))
    assert children.count("●●●●○") == 1 and children.count("●●●○○") == 1
    clients = next(line for line in lines if line.startswith("│   clients"))
    assert "–" in clients and "●●●●○" in clients  # a value only one method fits
    assert sum(1 for line in lines if line.startswith("│   children")) == 1
    many = run("compare", "bikva", "asiakasraati", "kasvatuskumppanuus", "kokemusasiantuntijuus")
    assert re.search(r"┃\s+┃ 1\s+┃ 2\s+┃ 3\s+┃ 4\s+┃", many.out)  # numbered when names do not fit


def test_search_shows_a_sentence_and_a_match_people_understand() -> None:
    result = run("search", "sadutus", env={"COLUMNS": "100"})
    text = squeezed(result.out)
    assert "Menetelminä voi olla esim. «sadutus»" in text
    assert "95 %" in text and "Match: how much of your search" in text
    keyword = squeezed(run("search", "open", "dialogue", env={"COLUMNS": "100"}).out)
    assert "«open» «dialogue» (keyword)" in keyword and "The basic event" in keyword
    document = run("search", "perhe", "--json").json()
    assert [hit["rank"] for hit in document["results"]] == list(
        range(1, len(document["results"]) + 1)
    )


def test_the_english_follows_english_punctuation() -> None:
    for method in DATASET.methods:
        for text in (method.goal.en, method.description.en):
            assert text.endswith("."), (method.id, text[-30:])
            assert not text.endswith((",.", ", .")), method.id
        assert "/ " not in method.name.en or " / " in method.name.en, method.id


# -- export -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [("handout.html", "<!DOCTYPE html>"), ("handout.md", "# "), ("handout.json", "{")],
)
def test_export_takes_the_format_from_the_files_extension(
    tmp_path: Path, name: str, starts: str
) -> None:
    result = run("export", "-o", name, cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--format", "pdf", "--json"), "--json contradicts --format pdf"),
        (("--format", "html", "-o", "x.md"), "does not match the file name x.md"),
        (("--json", "-o", "x.html"), "--json does not match the file name x.html"),
        (("--overview", "--json"), "The overview is a page to print"),
    ],
)
def test_export_refuses_contradictions(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    result = run("export", *args, cwd=tmp_path)
    assert result.code == 2 and result.out == ""
    assert needle in result.err
    assert list(tmp_path.iterdir()) == []


def test_export_to_dash_writes_standard_output(tmp_path: Path) -> None:
    result = run("export", "-o", "-", "--format", "html", cwd=tmp_path)
    assert result.code == 0 and result.out.startswith("<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()
    memo = run("recommend", "-t", "children", "-o", "-", cwd=tmp_path)
    assert memo.out.startswith("# ") and not (tmp_path / "-").exists()


def test_the_markdown_handout_says_what_it_is() -> None:
    text = run("export").out
    assert "Method cards:" in text.splitlines()[2]
    assert "to a page" not in text


def test_the_overview_is_one_page_of_methods_by_groups_and_purposes(tmp_path: Path) -> None:
    assert run("export", "--overview", "-o", "overview.html", cwd=tmp_path).code == 0
    page = (tmp_path / "overview.html").read_text(encoding="utf-8")
    assert "size: A4 landscape" in page
    assert page.count('<tr><th scope="row">') == len(DATASET.methods)
    for key in ("target_groups", "purposes"):
        for value in DATASET.question(key).values:
            assert f"{html.escape(value.label.en)}</th>" in page.replace("&shy;", "")
    bikva_row = page.split('<span class="id">bikva</span>')[1].split("</tr>")[0]
    assert bikva_row.count('class="dots"') == sum(
        1
        for f in DATASET.method("bikva").fits
        if f.question in ("target_groups", "purposes")  # type: ignore[union-attr]
    )
    markdown = run("--lang", "fi", "export", "--overview").out
    assert "## Osallistujat" in markdown and "## Tarkoitus" in markdown
    assert "| Bikva – asiakaslähtöisyyden arviointi (bikva) |" in markdown


# -- JSON -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("show", "bikva"),
        ("compare", "bikva", "asiakasraati"),
        ("search", "perhe"),
        ("recommend", "-t", "children"),
        ("plan", "-t", "children"),
        ("validate",),
        ("questions",),
        ("export",),
        ("new", "my-panel"),
    ],
)
def test_every_json_document_says_its_language(tmp_path: Path, args: tuple[str, ...]) -> None:
    for lang in LANGS:
        folder = tmp_path / lang
        folder.mkdir()
        document = run("--lang", lang, *args, "--json", cwd=folder).json()
        assert document["schema_version"] == 1 and document["lang"] == lang


def test_recommend_json_has_goals_and_labels_beside_the_slugs() -> None:
    document = run("--lang", "fi", "recommend", "-t", "lapset", "-s", "päiväkoti", "--json").json()
    assert document["results"][0]["goal"].startswith("Lapsen äänen")
    assert document["answers"]["target_groups"] == ["children"]  # the slugs stay as they were
    assert document["answers"]["labels"] == {
        "target_groups": {"children": "lapset"},
        "settings": {"early-childhood-education": "varhaiskasvatus"},
    }


def test_a_reasons_weight_is_the_fit_scale_everywhere_and_relevance_is_its_own_key() -> None:
    document = run("recommend", "--describe", "lapset päiväkodissa", "--json").json()
    reasons = [r for result in document["results"] for r in result["reasons"]]
    described = [r for r in reasons if r["question"] == "describe"]
    assert described and all(r["weight"] is None for r in described)
    assert all(isinstance(r["relevance"], int) and 0 < r["relevance"] <= 100 for r in described)
    others = [r for r in reasons if r["question"] != "describe"]
    assert all(0 <= r["weight"] <= 5 and r["relevance"] is None for r in others)


def test_a_sources_year_is_a_number() -> None:
    method = run("show", "verkostokokous", "--json").json()["method"]
    assert method["source"]["year"] == 2008
    assert all(isinstance(s["year"], int | None) for s in method["sources"])


@pytest.mark.parametrize(
    ("args", "command"),
    [(("list",), "list"), (("show", "bikva"), "show"), (("search", "perhe"), "search")],
)
def test_another_commands_json_as_answers_is_the_wrong_kind_of_file(
    tmp_path: Path, args: tuple[str, ...], command: str
) -> None:
    saved = tmp_path / "saved.json"
    saved.write_text(run(*args, "--json").out, encoding="utf-8")
    result = run("recommend", "--answers", str(saved), "--json")
    assert result.code == 2 and result.out == ""
    assert f"is the output of {command} --json, not answers" in result.err


def test_recommend_json_still_feeds_back_as_answers_with_labels(tmp_path: Path) -> None:
    first = run("recommend", "-t", "children", "--describe", "päiväkodissa", "--json").json()
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(first), encoding="utf-8")
    again = run("recommend", "--answers", str(saved), "--json").json()
    assert again["answers"]["labels"] == first["answers"]["labels"]
    assert [r["id"] for r in again["results"]] == [r["id"] for r in first["results"]]


def test_the_spec_ids_are_unchanged() -> None:
    assert [m["id"] for m in run("list", "--json").json()["methods"]] == SPEC_IDS

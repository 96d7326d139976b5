"""Dataset text is only text: never rich markup, emoji codes or terminal control (issue 5).

Three layers:
- markup and emoji codes in a valid dataset show literally in every human output
  (list, show, compare, search, recommend at 100 and 40 columns, export), and JSON
  carries them unchanged;
- escape sequences and other control characters are refused by the validator, with
  the field named;
- were they to get past it (a poisoned cache, a future loader), the renderers still
  never let an ESC, BEL or C1 byte from the dataset reach stdout.
Text the user types (a query, a description, a method name) gets the same treatment.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from osallisuus_cli import core
from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.model import Bilingual, Dataset, Fits, Terms
from robust_helpers import BUNDLED_TEXT, ESC, assert_clean_error, assert_no_crash, run_main

# line in data/methods.yaml (its start) -> what is put in front of its text
NAME = "[bold red]NAMEX[/] :smiley:"
GOAL = "[link=http://evil] GOALX [/link] [/]"  # words short enough for a 40-column cell
DESCRIPTION = "<script>alert(1)</script> [link=http://evil]DESCX[/link] [blink]b[/blink] :warning:"
WHY = "[bold]WHYX[/bold] [/] :x:"
REQUIREMENT = "[reverse]REQX[/reverse]"
CITATION = "[u]CITEX[/u] *CITEM* `tick`"
ALIAS = "[red]ALIASX[/red]"
LABEL = "hard-to-reach [i]LABELX[/i]"

CITATION_LINE = (  # the citation, not the title that starts the same way
    "      en: Methods that increase residents' and clients' participation in Espoo social and "
    "health services. - How we put client and resident orientation into practice in the "
    "planning, implementation, evaluation and improvement of services and activities. June"
)
PREFIXED = {
    "      en: BIKVA – client-centred evaluation": NAME,
    "      en: A method for evaluating client-centredness,": GOAL,
    "      en: An unstructured interview is held": DESCRIPTION,
    "          en: 'Suits client groups": WHY,
    "        en: 'Requires an external facilitator": REQUIREMENT,
    CITATION_LINE: CITATION,
}
ORIGINAL_NAME = "BIKVA – client-centred evaluation"


def _prefix(text: str, line_start: str, payload: str, ascii: bool = False) -> str:
    """The YAML line starting with `line_start`, its text now `payload` + a space + old text.

    `ascii`: written with \\u escapes, so that YAML reads the characters in and the
    validator (not the YAML reader) has to refuse them.
    """
    # Method fields are looked for among the methods: a source's title can begin alike.
    start = text.index(line_start, 0 if line_start == CITATION_LINE else text.index("\nmethods:\n"))
    end = text.index("\n", start)
    key, value = text[start:end].split(": ", 1)
    old = yaml.safe_load(value)
    quoted = json.dumps(payload + " " + old, ensure_ascii=ascii)
    return text[:start] + f"{key}: {quoted}" + text[end:]


def markup_dataset_text() -> str:
    text = BUNDLED_TEXT
    for line_start, payload in PREFIXED.items():
        text = _prefix(text, line_start, payload)
    old_aliases = "      en: [BIKVA, BIKVA model,"
    assert old_aliases in text
    text = text.replace(old_aliases, f"      en: ['{ALIAS}', BIKVA, BIKVA model,", 1)
    old_label = "label: {en: hard-to-reach clients,"
    assert old_label in text
    return text.replace(old_label, f"label: {{en: '{LABEL}',", 1)


@pytest.fixture(scope="module")
def markup_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    file = tmp_path_factory.mktemp("injection") / "markup.yaml"
    file.write_text(markup_dataset_text(), encoding="utf-8")
    return file


def squeeze(text: str) -> str:
    """Output without whitespace and borders, so text wrapped in one column still matches."""
    return re.sub(r"[\s│┃║┆|─━╭╮╰╯┏┓┗┛┡┩╇┳┻╋┼├┤]+", "", text)


def assert_literal(payload: str, output: str, whole: bool) -> None:
    """Every word of the payload is in the output as written (markup would have eaten the
    brackets, emoji codes the colons); `whole`: the payload in one piece too, where the
    text runs in a single column."""
    for word in payload.split():
        assert word in output, f"{word!r} of {payload!r} not shown literally:\n{output}"
    if whole:
        assert squeeze(payload) in squeeze(output), f"{payload!r} not in one piece:\n{output}"


# command -> the payloads its human output must show literally
HUMAN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "list": (("list",), (NAME, GOAL, LABEL)),
    "show": (("show", "bikva"), (NAME, GOAL, DESCRIPTION, WHY, REQUIREMENT, ALIAS, CITATION)),
    "show by alias": (("show", "Bikva-menetelmä"), (NAME, DESCRIPTION)),
    "compare": (("compare", "bikva", "asiakasraati"), (NAME, GOAL, LABEL, REQUIREMENT)),
    "search": (("search", "GOALX"), (NAME,)),
    "search description": (("search", "DESCX"), (NAME,)),
    "recommend": (
        ("recommend", "-t", "hard-to-reach", "--no-facilitator"),
        (NAME, WHY, REQUIREMENT, LABEL),
    ),
    "recommend with describe": (
        ("recommend", "--describe", "vaikeasti tavoitettavat asiakkaat, palaute"),
        (NAME, LABEL),
    ),
}
EMOJI = ("😃", "😄", "❌", "\ufe0f")  # what :smiley:, :x:, :warning: would become


@pytest.mark.parametrize("width", [100, 40])
@pytest.mark.parametrize("command", list(HUMAN))
def test_markup_in_a_dataset_shows_literally(markup_file: Path, command: str, width: int) -> None:
    args, payloads = HUMAN[command]
    outcome = run_main("--lang", "en", "--data", str(markup_file), *args, columns=width)
    assert outcome.code == 0, outcome.describe()
    assert_no_crash(outcome)
    assert ESC not in outcome.stdout
    for payload in payloads:
        assert_literal(payload, outcome.stdout, whole=command == "show" and width == 100)
    for emoji in EMOJI:
        assert emoji not in outcome.stdout


def test_markup_in_finnish_too(markup_file: Path) -> None:
    text = _prefix(markup_dataset_text(), "      fi: Bikva – asiakaslähtöisyyden arviointi", NAME)
    markup_file.with_name("fi.yaml").write_text(text, encoding="utf-8")
    for width in (100, 40):
        outcome = run_main(
            "--lang",
            "fi",
            "--data",
            str(markup_file.with_name("fi.yaml")),
            "show",
            "bikva",
            columns=width,
        )
        assert outcome.code == 0, outcome.describe()
        assert_literal(NAME, outcome.stdout, whole=width == 100)


# command -> (path into the JSON document, the exact text expected there)
JSON_CASES: dict[str, tuple[tuple[str, ...], list[tuple[tuple[str | int, ...], str]]]] = {
    "list": (("list",), [(("methods", 0, "name"), f"{NAME} {ORIGINAL_NAME}")]),
    "show": (
        ("show", "bikva"),
        [
            (("method", "name"), f"{NAME} {ORIGINAL_NAME}"),
            (("method", "aliases", 4), ALIAS),
            (("method", "attributes", "target_groups", 0, "reason"), WHY),
            (("method", "requirements", 0, "reason"), REQUIREMENT),
        ],
    ),
    "compare": (("compare", "bikva", "asiakasraati"), [(("methods", 0, "goal"), GOAL)]),
    "search": (("search", "GOALX"), [(("results", 0, "name"), f"{NAME} {ORIGINAL_NAME}")]),
    "recommend": (
        ("recommend", "-t", "hard-to-reach", "--no-facilitator"),
        [(("results", -1, "warnings", 0, "text"), REQUIREMENT)],
    ),
}


def _dig(document: object, path: tuple[str | int, ...]) -> object:
    for key in path:
        document = document[key]  # type: ignore[index]
    return document


@pytest.mark.parametrize("command", list(JSON_CASES))
def test_json_carries_markup_unchanged(markup_file: Path, command: str) -> None:
    args, expectations = JSON_CASES[command]
    outcome = run_main("--lang", "en", "--data", str(markup_file), *args, "--json")
    assert outcome.code == 0, outcome.describe()
    document = json.loads(outcome.stdout)
    if command == "recommend":  # the warned method is bikva wherever it ranks
        document["results"] = [r for r in document["results"] if r["id"] == "bikva"]
    for path, expected in expectations:
        value = _dig(document, path)
        assert isinstance(value, str) and expected in value, (path, value)


def test_export_markdown_escapes_and_html_escapes(markup_file: Path) -> None:
    markdown = run_main("--lang", "en", "--data", str(markup_file), "export", "-f", "markdown")
    assert markdown.code == 0, markdown.describe()
    assert r"\[bold red\]NAMEX\[/\] :smiley:" in markdown.stdout
    assert r"\<script\>" in markdown.stdout and "<script>" not in markdown.stdout
    assert r"\*CITEM\*" in markdown.stdout and r"\`tick\`" in markdown.stdout
    page = run_main("--lang", "en", "--data", str(markup_file), "export", "-f", "html")
    assert page.code == 0, page.describe()
    assert "[bold red]NAMEX[/] :smiley:" in page.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.stdout
    assert "<script>alert" not in page.stdout
    assert 'href="http://evil"' not in page.stdout
    for output in (markdown.stdout, page.stdout):
        assert ESC not in output
        for emoji in EMOJI:
            assert emoji not in output


# -- escape sequences and control characters: the validator refuses them --------------------

CONTROL_PAYLOADS = {
    "SGR colour": "\x1b[31mred\x1b[0m",
    "OSC 8 hyperlink": "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\",
    "bell": "ring\x07",
    "backspace": "over\x08\x08write",
    "carriage return": "hidden\rshown",
    "C1 CSI": "\x9b31mred",
    "right-to-left override": "abc\u202edef",
}
CONTROL_FIELDS = {
    "name": ("      en: BIKVA – client-centred evaluation", "name.en"),
    "goal": ("      en: A method for evaluating client-centredness,", "goal.en"),
    "description": ("      en: An unstructured interview is held", "description.en"),
    "fit reason": (
        "          en: 'Suits client groups",
        "fits.target_groups.hard-to-reach.en",
    ),
    "requirement": (
        "        en: 'Requires an external facilitator",
        "requirements.facilitator.en",
    ),
}


@pytest.mark.parametrize("payload", list(CONTROL_PAYLOADS))
@pytest.mark.parametrize("field", list(CONTROL_FIELDS))
def test_control_characters_in_a_dataset_are_refused(
    tmp_path: Path, field: str, payload: str
) -> None:
    line_start, field_name = CONTROL_FIELDS[field]
    text = _prefix(BUNDLED_TEXT, line_start, CONTROL_PAYLOADS[payload], ascii=True)
    file = tmp_path / "control.yaml"
    file.write_text(text, encoding="utf-8")
    outcome = run_main("--data", str(file), "list")
    message = assert_clean_error(outcome, 1)
    assert outcome.stdout == ""
    assert "bikva" in message and field_name in message, message
    code = ord(next(c for c in CONTROL_PAYLOADS[payload] if not c.isprintable()))
    assert f"U+{code:04X}" in message, message


def test_control_characters_in_an_alias_are_refused(tmp_path: Path) -> None:
    text = BUNDLED_TEXT.replace("      en: [BIKVA, BIKVA model,", '      en: ["\\e[2J", BIKVA,', 1)
    assert text != BUNDLED_TEXT
    file = tmp_path / "alias.yaml"
    file.write_text(text, encoding="utf-8")
    message = assert_clean_error(run_main("--data", str(file), "list", "--json"), 1)
    assert "aliases.en" in message and "U+001B" in message


# -- defence in depth: a dataset that skipped validation -------------------------------------

POISON = (
    "\x1b[31mRED\x1b[0m \x1b]8;;http://evil\x1b\\LINK\x1b]8;;\x1b\\ "
    "\x07BEL \x9bCSI \r\x08 \u202eRLO"
)
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\r", "\x08", "\u202e")


def _poisoned() -> Dataset:
    good = load_dataset(None)

    def bad(text: Bilingual) -> Bilingual:
        return Bilingual(fi=f"{POISON} {text.fi}", en=f"{POISON} {text.en}")

    methods = []
    for method in good.methods:
        if method.id == "bikva":
            method = method._replace(
                name=bad(method.name),
                goal=bad(method.goal),
                description=bad(method.description),
                aliases=Terms(fi=(*method.aliases.fi, POISON), en=method.aliases.en),
                fits=Fits.of(f._replace(why=bad(f.why)) for f in method.fits),
                requirements=tuple(r._replace(why=bad(r.why)) for r in method.requirements),
            )
        methods.append(method)
    questions = tuple(
        q._replace(
            values=tuple(v._replace(label=bad(v.label)) for v in q.values),
        )
        for q in good.questions
    )
    sources = tuple(s._replace(citation=bad(s.citation)) for s in good.sources)
    return good._replace(methods=tuple(methods), questions=questions, sources=sources)


POISONED_COMMANDS = {
    "list": ("list",),
    "show": ("show", "bikva"),
    "compare": ("compare", "bikva", "asiakasraati"),
    "search": ("search", "BIKVA"),
    "recommend": ("recommend", "-t", "hard-to-reach", "--no-facilitator"),
    "export markdown": ("export", "-f", "markdown"),
    "export html": ("export", "-f", "html"),
}


@pytest.mark.parametrize("width", [100, 40])
@pytest.mark.parametrize("command", list(POISONED_COMMANDS))
def test_control_characters_that_skip_validation_never_reach_the_terminal(
    monkeypatch: pytest.MonkeyPatch, command: str, width: int
) -> None:
    poisoned = _poisoned()
    monkeypatch.setattr(core, "load_dataset", lambda path=None: poisoned)
    outcome = run_main("--lang", "en", *POISONED_COMMANDS[command], columns=width)
    assert outcome.code == 0, outcome.describe()
    for char in FORBIDDEN:
        assert char not in outcome.stdout, f"{char!r} reached stdout"
    assert "\\x1b" in outcome.stdout  # shown, as a visible escape


def test_json_keeps_poisoned_text_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    poisoned = _poisoned()
    monkeypatch.setattr(core, "load_dataset", lambda path=None: poisoned)
    outcome = run_main("--lang", "en", "show", "bikva", "--json")
    assert outcome.code == 0, outcome.describe()
    assert ESC not in outcome.stdout  # JSON writes it as \u001b
    assert json.loads(outcome.stdout)["method"]["name"] == f"{POISON} {ORIGINAL_NAME}"


# -- text the user types --------------------------------------------------------------------

USER_TEXT = "[bold red]U[/] :smiley: \x1b[31mX\x1b]8;;http://evil\x1b\\"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("search", USER_TEXT), 0),
        (("search", f"sadutus {USER_TEXT}"), 0),
        (("recommend", "--describe", f"lapset {USER_TEXT}"), 0),
        (("show", USER_TEXT), 2),
        (("recommend", "-t", USER_TEXT), 2),
        (("--lang", USER_TEXT, "list"), 2),
        (("export", "-f", USER_TEXT), 2),
        (("--data", f"/nonexistent/{USER_TEXT}.yaml", "list"), 1),
    ],
    ids=["search", "search hit", "describe", "show", "target group", "lang", "format", "data"],
)
def test_text_the_user_types_is_only_text(args: tuple[str, ...], code: int) -> None:
    for width in (100, 40):
        outcome = run_main("--lang", "en", *args, columns=width)
        assert outcome.code == code, outcome.describe()
        assert_no_crash(outcome)
        for stream in (outcome.stdout, outcome.stderr):
            assert ESC not in stream
            assert "😃" not in stream
        if width == 100 and args[0] == "search" and "sadutus" in args[1]:
            assert "[bold red]U[/]" in outcome.stdout  # the query, as the table's title
        if code:
            assert "\\x1b" in outcome.stderr or "[bold red]U[/]" in outcome.stderr

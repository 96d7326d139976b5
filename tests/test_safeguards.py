"""Safeguards (issue 22): what must be in place to run a method safely and lawfully with
the people named, as data with its sources, checked, and shown in every view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from osallisuus_cli.answers import build_answers
from osallisuus_cli.cli import app
from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.model import JUDGEMENT, Answers, Dataset
from osallisuus_cli.safeguards import possible_safeguards, safeguards_for

runner = CliRunner()
KINDS = {
    "consent",
    "anonymity",
    "confidentiality",
    "voluntariness",
    "interpreting",
    "supported-communication",
    "respite",
    "safety",
    "self-determination",
    "language",
    "influence",
}


def each_methods_safeguards(dataset: Dataset, answers: Answers) -> list[set[str]]:
    """The ids of the safeguards each method of the dataset needs for these answers."""
    return [{g.id for g in safeguards_for(dataset, m, answers)} for m in dataset.methods]


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env={"COLUMNS": "120"})


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def kinds(result: dict[str, Any]) -> set[str]:
    return {g["kind"] for g in result["safeguards"]}


def answers(**choices: tuple[str, ...]) -> Answers:
    return Answers(choices)


# -- the data ---------------------------------------------------------------------------


def test_every_kind_is_covered_and_each_safeguard_has_text_and_a_known_source(
    dataset: Dataset,
) -> None:
    assert {g.kind for g in dataset.safeguards} == KINDS
    sources = {s.id for s in dataset.sources}
    for g in dataset.safeguards:
        assert g.why.fi.strip() and g.why.en.strip() and g.why.fi != g.why.en
        assert g.label.fi.strip() and g.label.en.strip()
        assert g.source in sources or g.source == JUDGEMENT
        assert g.when


def test_laws_are_cited_at_finlex(dataset: Dataset) -> None:
    law = {s.id: s for s in dataset.sources if s.kind == "law"}
    cited = {g.source for g in dataset.safeguards if g.source in law}
    assert {"finlex-417-2007", "finlex-812-2000", "finlex-937-2005"} <= cited
    for ident in cited:
        assert (law[ident].url or "").startswith("https://www.finlex.fi/fi/laki/ajantasa/")


def test_only_advice_no_law_says_rests_on_judgement_and_says_so(dataset: Dataset) -> None:
    judged = [g.id for g in dataset.safeguards if g.source == JUDGEMENT]
    assert judged == ["guardian-consent", "voluntary-advice"]
    guardian = next(g for g in dataset.safeguards if g.id == "guardian-consent")
    assert "No law we read" in guardian.why.en
    for ident in judged:
        said = next(g for g in dataset.safeguards if g.id == ident).why
        assert "we advise it" in said.en
        assert "suosittelemme" in said.fi


# -- the core ---------------------------------------------------------------------------


def _method(dataset: Dataset, ident: str) -> Any:
    method = dataset.method(ident)
    assert method is not None
    return method


def test_a_case_needs_its_method_and_an_answer_of_every_question_it_names(
    dataset: Dataset,
) -> None:
    fgc = _method(dataset, "laheisneuvonpito")
    # interpreting by the authority: child welfare AND (immigrants or disabled people)
    only_welfare = answers(settings=("child-welfare",))
    both = answers(settings=("child-welfare",), target_groups=("immigrants",))
    ids = {g.id for g in safeguards_for(dataset, fgc, only_welfare)}
    assert "interpreting-authority" not in ids
    assert "interpreting-authority" in {g.id for g in safeguards_for(dataset, fgc, both)}
    panel = _method(dataset, "asiakasraati")
    assert "interpreting-authority" not in {g.id for g in safeguards_for(dataset, panel, both)}


def test_a_method_always_needs_its_own_safeguards(dataset: Dataset) -> None:
    none = answers()
    assert "anonymous-feedback" in {
        g.id for g in safeguards_for(dataset, _method(dataset, "bikva"), none)
    }
    assert "respite" in {
        g.id for g in safeguards_for(dataset, _method(dataset, "omaisten-illat"), none)
    }
    assert "child-view-ecec" in {
        g.id for g in safeguards_for(dataset, _method(dataset, "lasten-osallisuus"), none)
    }


def test_every_safeguard_a_method_can_need_is_listed_with_its_cases(dataset: Dataset) -> None:
    found = dict(possible_safeguards(dataset, _method(dataset, "verkostokokous")))
    ids = {g.id for g in found}
    assert {"consent-to-share", "interpreting", "respite", "child-view-child-welfare"} <= ids
    assert "clear-materials" not in ids  # only for client materials


# -- done when (issue 22): each holds in recommend's JSON ---------------------------------


@pytest.mark.parametrize("group", ["children", "young-people"])
def test_methods_for_children_and_young_people_carry_consent(group: str) -> None:
    results = run_json("recommend", "-t", group)["results"]
    assert results
    for r in results:
        assert "consent" in kinds(r), r["id"]


def test_interpreting_for_immigrants_on_every_method() -> None:
    results = run_json("recommend", "-t", "maahanmuuttajat")["results"]
    assert len(results) >= 5
    for r in results:
        assert "interpreting" in kinds(r), r["id"]


def test_interpreting_in_integration_services_without_naming_the_group() -> None:
    results = run_json("recommend", "-s", "kotoutumispalvelut")["results"]
    for r in results:
        assert "interpreting" in kinds(r), r["id"]


@pytest.mark.parametrize("how", [("-t", "omaishoitajat"), ("-s", "omaishoito")])
def test_respite_for_carers(how: tuple[str, str]) -> None:
    results = run_json("recommend", *how)["results"]
    assert results
    for r in results:
        assert "respite" in kinds(r), r["id"]


@pytest.mark.parametrize("group", ["disabled-people", "older-people"])
def test_supported_communication_for_intellectual_disabilities_and_memory_disorders(
    group: str,
) -> None:
    for r in run_json("recommend", "-t", group)["results"]:
        assert "supported-communication" in kinds(r), r["id"]


def test_feedback_shown_to_staff_is_anonymous() -> None:
    results = {r["id"]: r for r in run_json("recommend", "-p", "feedback")["results"]}
    assert "anonymity" in kinds(results["bikva"])
    assert "anonymity" in kinds(results["asiakasraati"])


def test_the_family_group_conference_in_child_welfare() -> None:
    data = run_json("recommend", "-t", "young-people", "-p", "case-plan", "-s", "child-welfare")
    fgc = next(r for r in data["results"] if r["id"] == "laheisneuvonpito")
    ids = {g["id"] for g in fgc["safeguards"]}
    assert {"child-view-child-welfare", "consent-to-share", "voluntary"} <= ids
    for g in fgc["safeguards"]:
        assert set(g) >= {"kind", "text", "source"}
        assert g["kind"] in KINDS and g["text"]


def test_safeguards_follow_the_language() -> None:
    fgc = run_json("--lang", "fi", "recommend", "-t", "nuoret", "-s", "lastensuojelu")["results"]
    texts = " ".join(g["text"] for r in fgc for g in r["safeguards"])
    assert "lastensuojelulaki 20 §" in texts


# -- every view ---------------------------------------------------------------------------


def test_recommend_in_the_terminal_names_and_explains_the_safeguards() -> None:
    result = run("recommend", "-t", "omaishoitajat", "-p", "palaute")
    assert result.exit_code == 0, result.output
    assert "Safeguards: what must be in place" in result.output
    assert "Respite so that carers can come" in result.output
    assert "Omaishoitolaki 937/2005" in result.output


def test_plan_shows_the_chosen_methods_safeguards_in_text_and_json() -> None:
    result = run("plan", "-t", "maahanmuuttajat", "-s", "kotoutumispalvelut")
    assert result.exit_code == 0, result.output
    assert "Interpreting" in result.output and "Safeguards" in result.output
    data = run_json("plan", "-t", "maahanmuuttajat", "-s", "kotoutumispalvelut")
    chosen = [p["methods"][0] for p in data["phases"] if p["methods"]]
    assert chosen and all("interpreting" in kinds(c) for c in chosen)


def test_show_lists_every_safeguard_with_its_condition() -> None:
    result = run("show", "omaisten-illat")
    assert result.exit_code == 0, result.output
    assert "Respite so that carers can come" in result.output
    assert "always with this method" in result.output
    method = run_json("show", "omaisten-illat")["method"]
    respite = next(g for g in method["safeguards"] if g["id"] == "respite")
    assert respite["condition"] == "always with this method"
    interpreting = next(g for g in method["safeguards"] if g["id"] == "interpreting")
    assert "immigrants" in interpreting["condition"]
    assert any(s["id"] == "finlex-937-2005" for s in method["sources"])


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_handouts_carry_the_safeguards(fmt: str) -> None:
    result = run("export", "--method", "bikva", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Anonymous feedback to staff" in result.stdout
    assert "Tietosuojavaltuutettu" in result.stdout


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_memos_carry_the_safeguards(tmp_path: Path, suffix: str) -> None:
    memo = tmp_path / f"memo.{suffix}"
    result = run("recommend", "-t", "children", "-s", "varhaiskasvatus", "-o", str(memo))
    assert result.exit_code == 0, result.output
    text = memo.read_text(encoding="utf-8")
    assert "Safeguards" in text
    assert "Act on Early Childhood Education and Care, section 20" in text


# -- a user's own dataset ---------------------------------------------------------------

EXTENSION = """\
extends: bundled
safeguards:
  photo-consent:
    kind: consent
    label: {en: Photographs, fi: Valokuvat}
    en: Ask before you photograph anyone.
    fi: Kysy ennen kuin valokuvaat ketään.
    source: judgement
    when:
      - methods: [kayttajakokoukset]
"""


def test_an_extension_adds_its_own_safeguard(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(EXTENSION, encoding="utf-8")
    dataset = load_dataset(str(path))
    meetings = dataset.method("kayttajakokoukset")
    assert meetings is not None
    ids = {g.id for g in safeguards_for(dataset, meetings, Answers({}))}
    assert "photo-consent" in ids and "confidentiality" in ids


BAD = """\
extends: bundled
safeguards:
  bad-rule:
    kind: consent
    label: {en: x, fi: y}
    en: text
    fi: teksti
    source: nowhere
    when:
      - methods: [bikva, no-such-method]
        answers: {target_groups: [kids]}
  no-cases:
    kind: respite
    label: {en: x, fi: y}
    en: text
    fi: teksti
    source: judgement
    resource: holiday-home
    when: []
"""


def test_a_bad_safeguard_is_reported_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    out = result.output
    assert f"{path}:8, field safeguards.bad-rule.source: unknown source 'nowhere'" in out
    assert "safeguards.bad-rule.when.0.methods.1: unknown method 'no-such-method'" in out
    assert "safeguards.bad-rule.when.0.answers.target_groups.0: unknown target_groups" in out
    assert "safeguards.no-cases.when: is empty" in out
    assert "safeguards.no-cases.resource: unknown resources value 'holiday-home'" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        (
            "A 19-year-old woman needs a treatment meeting before discharge from the"
            " psychiatric ward.",
            False,
        ),
        (
            "A 19-year-old woman needs a treatment meeting before discharge from the"
            " psychiatric ward. She lives with her father and her 14-year-old brother.",
            False,
        ),
        (
            "A 15-year-old girl needs a treatment meeting before discharge from the"
            " psychiatric ward.",
            True,
        ),
        ("Nuori tarvitsee hoitokokouksen ennen kotiutusta nuorisopsykiatrian osastolta.", True),
    ],
)
def test_the_safeguards_for_minors_end_at_the_age_of_majority(
    dataset: Dataset, text: str, minor: bool
) -> None:
    given = build_answers(dataset, {}, text)
    assert "young-people" in given.get("target_groups")
    found = {g.id for g in safeguards_for(dataset, _method(dataset, "verkostokokous"), given)}
    assert ("child-view-health" in found) is minor
    assert dataset.language.ages is not None and dataset.language.ages.adult_from == 18


def test_a_case_for_minors_holds_when_no_age_is_given(dataset: Dataset) -> None:
    young = answers(target_groups=("young-people",))
    found = {g.id for g in safeguards_for(dataset, _method(dataset, "asiakasraati"), young)}
    assert "guardian-consent" in found
    adults = young._replace(ages=(19, 22))
    found = {g.id for g in safeguards_for(dataset, _method(dataset, "asiakasraati"), adults)}
    assert "guardian-consent" not in found


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Äiti on aiemmin uhannut työntekijöitä, joten kotikäynneille ei mennä yksin.", True),
        ("The day centre sometimes has intoxicated and aggressive clients and no guard.", True),
        ("We want feedback from parents. No threats or anything like that.", False),
        ("Asiakkaat eivät ole väkivaltaisia, ja palautetta halutaan kerätä.", False),
        ("We want feedback from the parents of children in day care.", False),
        ("He has threatened to complain to the regional state administrative agency.", False),
        ("There have been two knife incidents in the lobby this autumn.", True),
    ],
)
def test_a_threat_named_brings_in_safety_for_every_method(
    dataset: Dataset, text: str, named: bool
) -> None:
    given = build_answers(dataset, {}, text)
    assert ("violence" in given.risks) is named
    for found in each_methods_safeguards(dataset, given):
        assert ("safety-threats" in found) is named


def test_every_risk_a_safeguard_names_is_one_the_reader_knows(dataset: Dataset) -> None:
    known = {risk.id for risk in dataset.language.risks}
    named = {risk for g in dataset.safeguards for case in g.when for risk in case.risks}
    assert named and named <= known


def test_a_safeguard_naming_an_unknown_risk_is_refused(tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parent.parent / "data" / "methods.yaml"
    text = bundled.read_text(encoding="utf-8")
    assert "      - risks: [violence, family-violence]\n" in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text.replace("      - risks: [violence, family-violence]\n", "      - risks: [violense]\n")
    )
    result = run("validate", str(bad))
    assert result.exit_code != 0
    assert "unknown risk 'violense'; expected one of" in result.output
    assert "violence" in result.output.split("unknown risk")[1]


@pytest.mark.parametrize(
    "text",
    [
        "Masentuneet nuoret aikuiset jäävät pois palveluista; haluamme heidät mukaan kehittämään.",
        "Young adults with depression drop out of our services; we want them to help develop them.",
    ],
)
def test_young_adults_get_no_guardian(dataset: Dataset, text: str) -> None:
    given = build_answers(dataset, {}, text)
    assert "young-people" in given.get("target_groups")
    assert given.ages == (18,)
    for found in each_methods_safeguards(dataset, given):
        assert not found & {"guardian-consent", "child-view", "child-view-health"}


@pytest.mark.parametrize(
    ("text", "risk", "safeguard"),
    [
        (
            "Aino on jättänyt tulematta palavereihin, koska niissä oli liikaa aikuisia.",
            "refusal",
            "whom-they-meet",
        ),
        (
            "She wants her mother involved but not in the same meeting as her father.",
            "refusal",
            "whom-they-meet",
        ),
        (
            "Mikael has agreed to meet us. He says he doesn't want his parents \"involved in "
            'this".',
            "refusal",
            "whom-they-meet",
        ),
        (
            "Nuori on suostunut tapaamiseen, mutta ei halua vanhempiaan mukaan.",
            "refusal",
            "whom-they-meet",
        ),
        (
            "Viime kuussa potilas uhkasi hoitajaa annostelussa, ja henkilökunta on varuillaan.",
            "violence",
            "safety-threats",
        ),
        (
            "Last month a client threatened a nurse at the dispensing window.",
            "violence",
            "safety-threats",
        ),
        (
            "Mikael, 19, said it would be easier to just disappear.",
            "self-harm",
            "self-harm-ask",
        ),
        ("Nuorella on ollut itsetuhoisia ajatuksia.", "self-harm", "safety-plan"),
        ("She cut herself last week and talks of wanting to die.", "self-harm", "not-alone"),
        (
            "Isä oli väkivaltainen eron aikaan, eikä äiti suostu samaan tapaamiseen.",
            "family-violence",
            "violence-before-meetings",
        ),
        (
            "There is a history of domestic violence, and the mother is in a shelter home.",
            "family-violence",
            "violence-risk-assessment",
        ),
        (
            "The youth council and the council for older people want more than statements.",
            "influence-bodies",
            "influence-bodies",
        ),
        ("Vanhusneuvosto haluaa kommentoida luonnosta.", "influence-bodies", "influence-bodies"),
        (
            "Isäpuolesta on tehty rikosilmoitus, kun se löi Eetua.",  # set aside, still a risk
            "family-violence",
            "violence-before-meetings",
        ),
        ("Her husband has started pushing her around.", "family-violence", "safety-threats"),
        ("Two staff members were threatened by a resident.", "violence", "safety-threats"),
        ("Muutama asiakas on tuomittu väkivallasta.", "violence", "safety-threats"),
        ("A handful of our home care clients speak only Swedish.", "swedish", "finnish-or-swedish"),
        ("Noin kolmannes perheistä on ruotsinkielisiä.", "swedish", "finnish-or-swedish"),
    ],
)
def test_a_risk_named_brings_in_its_safeguard(
    dataset: Dataset, text: str, risk: str, safeguard: str
) -> None:
    given = build_answers(dataset, {}, text)
    assert risk in given.risks
    for found in each_methods_safeguards(dataset, given):
        assert safeguard in found
    plain = build_answers(dataset, {}, "We want feedback from the parents of children in day care.")
    assert not plain.risks


@pytest.mark.parametrize(
    "text",
    [
        "A 19-year-old has had a first psychosis and does not want his parents there.",
        "Psykiatrian poliklinikan asiakas ei halua vanhempiaan mukaan hoitokokoukseen.",
    ],
)
def test_mental_health_care_cites_the_patients_act_not_the_social_welfare_client_act(
    dataset: Dataset, text: str
) -> None:
    given = build_answers(dataset, {}, text)
    assert given.get("settings") == ("mental-health-substance-abuse",)
    for found in each_methods_safeguards(dataset, given):
        sources = {g.source for g in dataset.safeguards if g.id in found}
        assert "finlex-812-2000" not in sources
        assert "whom-they-meet" not in found
    assert any("whom-they-meet-health" in f for f in each_methods_safeguards(dataset, given))


def test_our_advice_on_voluntariness_is_for_developing_services_not_ones_own_care(
    dataset: Dataset,
) -> None:
    given = build_answers(dataset, {"settings": ["health-care"], "purposes": ["case-plan"]})
    for method_id in ("verkostokokous", "laheisneuvonpito"):
        method = dataset.method(method_id)
        assert method is not None
        assert "voluntary-advice" not in {g.id for g in safeguards_for(dataset, method, given)}
    panel = dataset.method("asiakasraati")
    assert panel is not None
    assert "voluntary-advice" in {g.id for g in safeguards_for(dataset, panel, given)}


def test_a_safeguard_whose_resource_is_lacking_says_so_and_stays(dataset: Dataset) -> None:
    panel = dataset.method("asiakasraati")
    assert panel is not None
    asked = {"target_groups": ("immigrants",), "purposes": ("feedback",)}
    for have, lacking in (
        ({"interpreter": "no"}, True),
        ({"interpreter": "yes"}, False),
        ({}, False),
    ):
        given = Answers(asked, resources=have)  # type: ignore[arg-type]
        interpreting = [
            g for g in safeguards_for(dataset, panel, given) if g.kind == "interpreting"
        ]
        assert interpreting and all(g.lacking is lacking for g in interpreting), have


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "You said you lack this (interpreter)"), ("fi", "Sanoit, että tämä puuttuu (tulkki)")],
)
def test_the_plan_says_an_interpreter_is_lacking_where_it_asks_for_one(
    lang: str, said: str
) -> None:
    args = [
        "--lang",
        lang,
        "plan",
        "-t",
        "immigrants",
        "-p",
        "feedback",
        "--lack",
        "interpreter",
        "--phase",
        "planning",
    ]
    shown = run(*args)
    assert shown.exit_code == 0 and said in " ".join(shown.output.split())
    document = json.loads(run(*args, "--json").stdout)
    guards = document["phases"][0]["chosen"]["safeguards"]
    assert [g["lacking"] for g in guards if g["kind"] == "interpreting"] == [True]
    assert not any(g["lacking"] for g in guards if g["kind"] != "interpreting")

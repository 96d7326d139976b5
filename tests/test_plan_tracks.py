"""`plan` as an expert would run it (issue 23): a case track and a development track, each
choice with its reason, the people named heard, the loop closed, memos that read as the
terminal does."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuus_cli import planning, scoring
from osallisuus_cli.cli import app
from osallisuus_cli.model import JUDGEMENT, Dataset, PlanResult
from plan_helpers import plan, plan_json, runner

FAMILY_CASE = (
    "An 8-year-old girl in child welfare: the family and her grandparents should sit down "
    "together and make their own plan for her safety at home. Our coordinator is trained "
    "for family group conferences and has time in May."
)
PSYCHOSIS = (
    "A 19-year-old has had a first psychosis. We want a treatment meeting with him, his "
    "parents and the psychiatric outpatient team to agree on his care plan."
)
PSYCHOSIS_FI = (
    "19-vuotiaalla nuorella on ensimmäinen psykoosi. Haluamme hoitokokouksen, jossa hän, "
    "hänen vanhempansa ja psykiatrian poliklinikan työryhmä sopivat hoitosuunnitelmasta."
)
OLDER_CASE = (
    "An 88-year-old woman, hard of hearing, wants to stay at home; her daughter lives "
    "200 km away. Her care and service plan must be updated within two weeks."
)
ADULT_CASE = (
    "Sanna is 34 and has cerebral palsy; she communicates with a tablet. Her mother is "
    "against her moving into her own flat. We have to update her service plan and decide "
    "on housing and personal assistance."
)
BOTH = (
    "We want a family group conference for one family in child welfare to agree on a plan "
    "for their son, and we also want feedback from the families we work with to develop "
    "our child welfare services."
)


def tracks_of(result: PlanResult) -> list[str]:
    return [track.track for track in result.tracks]


# -- tracks -----------------------------------------------------------------------------


@pytest.mark.parametrize("describe", [FAMILY_CASE, PSYCHOSIS, PSYCHOSIS_FI])
def test_one_clients_case_gets_a_case_track_of_case_methods_only(
    dataset: Dataset, describe: str
) -> None:
    result = plan({}, describe)
    assert tracks_of(result) == ["case"]
    assert result.phases == ()  # the development track's phases: there is none
    case = result.tracks[0]
    assert [p.phase for p in case.phases] == ["prepare", "meet", "agree", "follow-up"]
    for phase in case.phases:
        assert phase.methods, phase.phase
        for r in phase.methods:
            assert planning.is_case_method(dataset, r.method), (phase.phase, r.method.id)


def test_an_older_persons_care_plan_is_her_case_heard_by_herself_not_a_family_conference(
    dataset: Dataset,
) -> None:
    result = plan({}, OLDER_CASE)
    assert tracks_of(result) == ["case"]
    case = result.tracks[0]
    chosen = {phase.methods[0].method.id for phase in case.phases}
    assert chosen == {"verkostokokous"}
    assert "older-people" in result.answers.get("target_groups")
    assert "feedback" not in result.answers.get("purposes")  # "hard of hearing" is no purpose


def test_an_adults_case_is_hers_not_a_family_conference(dataset: Dataset) -> None:
    result = plan({}, ADULT_CASE)
    assert tracks_of(result)[0] == "case"
    case = result.tracks[0]
    assert {phase.methods[0].method.id for phase in case.phases} == {"verkostokokous"}
    assert "disabled-people" in result.answers.get("target_groups")
    assert any("disabled-people" in phase.heard for phase in case.phases)


def test_each_step_of_the_case_says_what_the_method_does_in_it() -> None:
    result = plan({}, FAMILY_CASE)
    case = result.tracks[0]
    choice = case.phases[0].choice
    assert choice is not None and choice.method.id == "laheisneuvonpito"
    works = [p.work for p in case.phases]
    assert all(w is not None and w.source != JUDGEMENT for w in works)
    assert len({w.why.en for w in works if w}) == len(works)  # a different step each time


def test_case_methods_are_decided_from_the_data_not_from_ids(dataset: Dataset) -> None:
    case = {m.id for m in dataset.methods if planning.is_case_method(dataset, m)}
    assert case == {"verkostokokous", "laheisneuvonpito"}


def test_a_text_asking_for_both_gets_both_tracks_and_says_how_case_work_feeds_development(
    dataset: Dataset,
) -> None:
    result = plan({}, BOTH)
    assert tracks_of(result) == ["case", "development"]
    development = result.tracks[1]
    for phase in development.phases:
        for r in phase.methods:
            assert not planning.is_case_method(dataset, r.method), (phase.phase, r.method.id)
    assert result.feeds and any(s.source != JUDGEMENT for s in result.feeds)
    document = plan_json("--describe", BOTH)
    assert document["case_feeds_development"]
    assert [t["track"] for t in document["tracks"]] == ["case", "development"]  # type: ignore[index, union-attr]
    assert document["phases"] == document["tracks"][1]["phases"]  # type: ignore[index]


NAMED_BOTH = {
    "fi": (
        "Tuettu asumisyksikkö pitäisi uudistaa ja haluan, että asukkaat pääsevät "
        "vaikuttamaan yksikön toimintaan. Yksi asukas, Tero 52v, haluaa omaan asuntoon. "
        "Haluan myös, että Teron asia etenee hänen omilla ehdoillaan."
    ),
    "en": (
        "Our supported housing unit must be renewed and I want the residents to have a say "
        "in how the unit works. One resident, Tero (52), wants a flat of his own. I also "
        "want Tero's case to move on on his own terms."
    ),
}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_named_clients_case_beside_a_units_development_gets_both_tracks(
    dataset: Dataset, lang: str
) -> None:
    # the level reads the unit (a group); "Teron asia", "Tero's case" still asks for his case
    result = plan({}, NAMED_BOTH[lang])
    assert tracks_of(result) == ["case", "development"]
    case = result.tracks[0]
    assert all(phase.methods for phase in case.phases)


def test_the_case_track_is_ranked_as_one_clients_case_whatever_the_text_said(
    dataset: Dataset,
) -> None:
    # a case asked by one person's age only, with other purposes: the case methods still
    # fit, for the track is one client's case and its plan
    text = (
        "Raili 78v hoitaa miestään Penttiä 82v. Haluan kuulla omaishoitajia ja uudistaa "
        "omaishoitajien valmennuksen, ja samalla viedä Railin tilannetta eteenpäin."
    )
    result = plan({}, text)
    assert tracks_of(result) == ["case", "development"]
    chosen = result.tracks[0].phases[0].methods[0]
    assert planning.is_case_method(dataset, chosen.method)
    in_case = planning.answers_for(dataset, result.answers, "case")
    assert in_case.get("purposes") == ("case-plan",)
    assert in_case.get("level") == ("individual",)


def test_flags_choose_the_tracks_too() -> None:
    assert tracks_of(plan({"purposes": ["case-plan"], "target_groups": ["families"]})) == ["case"]
    both = plan({"purposes": ["case-plan", "co-design"], "target_groups": ["families"]})
    assert tracks_of(both) == ["case", "development"]
    assert tracks_of(plan({"target_groups": ["families"]})) == ["development"]
    # one client's or family's level asks for a case; hearing their own views is part of
    # it, developing a service asks for a development track beside it
    assert tracks_of(plan({"level": ["individual"], "target_groups": ["families"]})) == ["case"]
    heard = plan({"level": ["individual"], "purposes": ["feedback"], "target_groups": ["families"]})
    assert tracks_of(heard) == ["case"]
    developing = plan(
        {"level": ["individual"], "purposes": ["co-design"], "target_groups": ["children"]}
    )
    assert tracks_of(developing) == ["case", "development"]
    assert tracks_of(plan({"purposes": ["co-design"], "target_groups": ["children"]})) == [
        "development"
    ]


def test_phases_named_always_get_a_development_track() -> None:
    result = plan(
        {"purposes": ["case-plan"], "target_groups": ["families"], "phase": ["evaluation"]}
    )
    assert tracks_of(result) == ["case", "development"]
    assert [p.phase for p in result.phases] == ["evaluation"]


GROUPS = [
    "children",
    "young-people",
    "families",
    "caregivers",
    "hard-to-reach",
    "clients",
    "older-people",
    "disabled-people",
    "immigrants",
]
PURPOSES = ["feedback", "co-design", "materials", "case-plan", "community"]
SETTINGS = [
    "child-welfare",
    "early-childhood-education",
    "carer-support",
    "elderly-care",
    "disability-services",
    "mental-health-substance-abuse",
    "social-work",
    "family-services",
    "integration-services",
]
PHASES = ["planning", "implementation", "evaluation", "improvement", "monitoring"]


@settings(max_examples=40, deadline=None)
@given(
    groups=st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3, unique=True),
    purposes=st.lists(st.sampled_from(PURPOSES), max_size=2, unique=True),
    service=st.lists(st.sampled_from(SETTINGS), max_size=1),
    phases=st.lists(st.sampled_from(PHASES), max_size=3, unique=True),
)
def test_the_tracks_never_mix_and_a_phase_never_misses_when_a_method_fits_it(
    dataset: Dataset,
    groups: list[str],
    purposes: list[str],
    service: list[str],
    phases: list[str],
) -> None:
    flags = {"target_groups": groups, "purposes": purposes, "settings": service, "phase": phases}
    result = plan(flags)
    assert result.tracks
    answers = result.answers
    for track in result.tracks:
        for phase in track.phases:
            if phase.choice is None:
                continue
            assert phase.why, (track.track, phase.phase)
            case = planning.is_case_method(dataset, phase.choice.method)
            assert case == (track.track == "case"), (track.track, phase.choice.method.id)
            if track.track != "development":
                continue
            if phase.choice.method.fit("phase", phase.phase) is None:
                # no method it may choose fits the phase
                # among the methods recommend ranks for these answers
                developing = planning.answers_for(dataset, answers, "development")
                overall = {r.method.id for r in scoring.rank(dataset, developing).results}
                in_phase = developing._replace(
                    choices={**developing.choices, "phase": (phase.phase,)}
                )
                ranked = scoring.rank(dataset, in_phase, answers.relevance).results
                fitting = [
                    r
                    for r in ranked
                    if not planning.is_case_method(dataset, r.method)
                    and r.method.fit("phase", phase.phase)
                    and r.method.id in overall
                ]
                assert not fitting, (phase.phase, phase.choice.method.id, fitting[0].method.id)
    assert result.close_the_loop


# -- each choice with its reason ----------------------------------------------------------


def test_every_phase_has_chosen_with_why_chosen_in_json() -> None:
    document = plan_json(
        "-t", "hard-to-reach", "-p", "feedback", "-p", "co-design", "--no-facilitator"
    )
    for track in document["tracks"]:  # type: ignore[union-attr]
        for phase in track["phases"]:
            chosen = phase["chosen"]
            if chosen is None:  # a light phase says why instead
                assert phase["note"] and not phase["methods"]
                continue
            assert chosen["id"] == phase["methods"][0]["id"]
            assert chosen["why_chosen"] and chosen["why"]
            assert chosen["does"]["text"] and chosen["does"]["source"]


def test_monitoring_never_picks_a_method_that_misses_it_over_one_that_fits() -> None:
    result = plan({"target_groups": ["clients"], "purposes": ["feedback"], "phase": ["monitoring"]})
    choice = result.phases[0].choice
    assert choice is not None
    assert choice.method.fit("phase", "monitoring") is not None


def test_a_choice_below_a_higher_score_says_why_in_a_planners_words() -> None:
    document = plan_json(
        "-t", "hard-to-reach", "-p", "feedback", "--no-facilitator", "--phase", "evaluation"
    )
    chosen = document["phases"][0]["chosen"]  # type: ignore[index]
    assert chosen["id"] != "bikva"  # BIKVA scores higher but lacks its external facilitator
    assert any(w["kind"] == "over-warned" and w["other"] == "bikva" for w in chosen["why"])
    assert "lacks what you said you lack: external facilitator" in chosen["why_chosen"]


def test_a_method_in_several_phases_says_what_it_does_in_each() -> None:
    result = plan({"target_groups": ["children"], "settings": ["early-childhood-education"]})
    works: dict[str, list[str]] = {}
    for phase in result.phases:
        if phase.choice is None:  # a light phase: nothing else fits it near the best
            assert [w.kind for w in phase.why] == ["far"]
            continue
        assert phase.work is not None
        works.setdefault(phase.choice.method.id, []).append(phase.work.why.en)
    assert len(works["lasten-osallisuus"]) >= 3
    for method, said in works.items():
        assert len(set(said)) == len(said), method  # never the same thing twice
    by_phase = {p.phase: p.work.why.en for p in result.phases if p.work}
    assert "Storycrafting" in by_phase["planning"]
    assert "portfolios" in by_phase["implementation"]
    assert "evaluators" in by_phase["evaluation"]


def test_a_repeat_says_so_and_a_phase_over_a_used_method_says_what_it_adds() -> None:
    result = plan(
        {"target_groups": ["older-people", "caregivers"], "purposes": ["co-design", "feedback"]}
    )
    kinds = [w.kind for p in result.phases for w in p.why]
    assert "over-used" in kinds
    over = next(w for p in result.phases for w in p.why if w.kind == "over-used")
    assert over.other is not None and over.phases and over.adds is not None


# -- the people named are heard -------------------------------------------------------------


def test_older_people_are_heard_directly_in_an_older_people_and_carers_plan() -> None:
    result = plan(
        {
            "target_groups": ["older-people", "caregivers"],
            "purposes": ["co-design", "feedback"],
            "settings": ["elderly-care"],
        }
    )
    assert any("older-people" in p.heard for p in result.phases)
    assert any("caregivers" in p.heard for p in result.phases)
    text = runner.invoke(
        app,
        ["plan", "-t", "older-people", "-t", "caregivers", "-p", "co-design", "-s", "elderly-care"],
        env={"COLUMNS": "120"},
    ).stdout
    assert "Heard directly: older people (with Plain language)" in text


def test_home_care_clients_with_memory_disorders_are_heard_not_only_their_relatives() -> None:
    result = plan(
        {},
        "Kotihoidon muistisairaat asiakkaat ja heidän omaisensa: haluamme kehittää kotihoitoa "
        "yhdessä heidän kanssaan ja kerätä palautetta.",
    )
    assert "older-people" in result.answers.get("target_groups")
    heard = [p for p in result.phases if "older-people" in p.heard]
    assert heard
    assert not result.not_heard


def test_a_group_no_phase_can_hear_is_named_with_the_relatives_who_speak_for_it() -> None:
    result = plan(
        {
            "target_groups": ["older-people", "caregivers"],
            "purposes": ["co-design"],
            "phase": ["planning"],
        }
    )
    heard = {g for p in result.phases for g in p.heard}
    for group in ("older-people", "caregivers"):
        assert group in heard or any(gap.group == group for gap in result.not_heard)
    for gap in result.not_heard:
        assert gap.group not in heard
    document = plan_json(
        "-t", "older-people", "-t", "caregivers", "-p", "co-design", "--phase", "planning"
    )
    for gap in document["not_heard"]:  # type: ignore[union-attr]
        assert "speak for them" in gap["text"] or "no method" in gap["text"]


def test_a_swap_to_hear_a_group_says_so() -> None:
    result = plan(
        {},
        "Lastensuojelun avohuolto: haluamme perheiltä ja nuorilta palautetta ja "
        "kehittää palveluja yhdessä heidän kanssaan.",
    )
    heard = {g for p in result.phases for g in p.heard}
    for group in result.answers.get("target_groups"):
        assert group in heard or any(gap.group == group for gap in result.not_heard)


# -- closing the loop ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["-t", "children"],
        ["--describe", FAMILY_CASE],
        ["--describe", BOTH],
        ["-t", "hard-to-reach", "-p", "feedback", "--phase", "evaluation"],
    ],
)
def test_every_plan_closes_the_loop_with_sources(dataset: Dataset, args: list[str]) -> None:
    document = plan_json(*args)
    loop = document["close_the_loop"]
    assert isinstance(loop, list) and loop
    known = {s.id for s in dataset.sources} | {JUDGEMENT}
    assert all(item["text"] and item["source"] in known for item in loop)
    assert any(item["source"] != JUDGEMENT for item in loop)


def test_the_development_loop_says_you_said_we_did_from_oecd_and_involve() -> None:
    document = plan_json("-t", "clients", "-p", "feedback")
    sources = {item["source"] for item in document["close_the_loop"]}  # type: ignore[union-attr]
    assert {"oecd-2022", "involve-close-the-loop"} <= sources
    assert any("You said, we did" in item["text"] for item in document["close_the_loop"])  # type: ignore[union-attr]


def test_the_terminal_shows_both_tracks_and_the_loop() -> None:
    result = runner.invoke(app, ["plan", "--describe", BOTH, "--yes"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    for words in (
        "Case track",
        "Case method:",
        "Development track",
        "Why this:",
        "How the case work feeds development",
        "Closing the loop",
    ):
        assert words in result.stdout, words


def test_a_narrow_terminal_stacks_the_plan() -> None:
    result = runner.invoke(app, ["plan", "--describe", BOTH, "--yes"], env={"COLUMNS": "44"})
    assert result.exit_code == 0, result.output
    assert "Why this:" in result.stdout and "┏" not in result.stdout


# -- memos --------------------------------------------------------------------------------


def memo(tmp_path: Path, name: str, *args: str, command: str = "plan") -> str:
    file = tmp_path / name
    result = runner.invoke(app, [*args[:2], command, *args[2:], "-o", str(file)])
    assert result.exit_code == 0, result.output
    return file.read_text(encoding="utf-8")


def test_a_plan_memo_reads_as_the_terminal_does(tmp_path: Path) -> None:
    text = memo(
        tmp_path,
        "plan.md",
        "--lang",
        "fi",
        "-t",
        "hard-to-reach",
        "-p",
        "feedback",
        "-p",
        "co-design",
        "--no-facilitator",
    )
    assert "### Suunnittelu: " in text and "### Arviointi: " in text
    assert "**Miksi tämä:**" in text and "**Tässä vaiheessa:**" in text
    assert text.count("**Vastuuhenkilö:** ______") == 4
    assert text.count("**Onnistumisen merkki:** ______") == 4
    assert "## Palautteen kierto" in text
    assert "⚠ Bikva" in text  # a warned method marked as in the table


@pytest.mark.parametrize("suffix", [".md", ".html"])
@pytest.mark.parametrize("command", ["plan", "recommend"])
def test_memos_are_clean_and_keep_a_score_with_its_sign(
    tmp_path: Path, suffix: str, command: str
) -> None:
    text = memo(
        tmp_path, f"memo{suffix}", "--lang", "en", "--describe", BOTH, "--yes", command=command
    )
    assert "\\[" not in text and "\\&" not in text and not re.search(r"\d\\\.", text)
    assert not re.search(r"\d %", text)  # always a no-break space
    assert re.search("\\d\u00a0%", text)


def test_a_recommend_memo_sets_warned_methods_apart(tmp_path: Path) -> None:
    text = memo(
        tmp_path,
        "memo.md",
        "--lang",
        "en",
        "-t",
        "hard-to-reach",
        "-p",
        "feedback",
        "--no-facilitator",
        command="recommend",
    )
    heading = text.index("### ⚠ The methods below need something your answers say is missing")
    assert text.index("BIKVA – client-centred evaluation (") > heading
    first = text.index("### 1. ")
    assert first < heading


def test_a_memo_names_the_sources_of_the_plan_itself(tmp_path: Path) -> None:
    text = memo(tmp_path, "plan.md", "--lang", "en", "-t", "clients", "-p", "feedback")
    assert "**OECD 2022**" in text and "**Involve**" in text


# -- the data --------------------------------------------------------------------------------


def test_every_phase_work_names_a_source_that_exists(dataset: Dataset) -> None:
    known = {s.id for s in dataset.sources} | {JUDGEMENT}
    phases = {v.slug for v in dataset.question("phase").values}
    case = dataset.plan.case
    assert case is not None
    steps = {s.slug for s in case.steps}
    for method in dataset.methods:
        for work in method.details.get().phase_work:
            assert work.source in known, (method.id, work.phase)
            assert work.phase in phases | steps, (method.id, work.phase)
        if planning.is_case_method(dataset, method):
            assert all(method.work_in(step) for step in steps), method.id


def test_validate_refuses_phase_work_for_an_unknown_phase(
    tmp_path: Path, bundled_text: str
) -> None:
    text = bundled_text.replace(
        "    phase_work:\n      evaluation:\n", "    phase_work:\n      afterwards:\n", 1
    )
    assert text != bundled_text
    file = tmp_path / "bad.yaml"
    file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(file)])
    assert result.exit_code == 1
    assert "unknown phase or step 'afterwards'" in result.stderr


def test_a_dataset_without_a_plan_section_still_plans(tmp_path: Path, bundled_text: str) -> None:
    start = bundled_text.index("\nplan:\n")
    end = bundled_text.index("\nmethods:\n")
    text = bundled_text[:start] + bundled_text[end:]
    text = re.sub(r"\n    phase_work:\n(?:      .*\n|        .*\n)+", "\n", text)
    file = tmp_path / "own.yaml"
    file.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["--data", str(file), "plan", "-t", "families", "-p", "case-plan", "--json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [t["track"] for t in document["tracks"]] == ["development"]
    assert all(p["chosen"]["why_chosen"] for p in document["phases"] if p["chosen"])
    assert document["close_the_loop"] == []


WELFARE_PLAN = (
    "Our county has to prepare its regional welfare report and plan. The board wants real"
    " resident participation. The municipalities are writing their own welfare plans at"
    " the same time."
)


def test_a_regional_welfare_plan_is_no_ones_own_case() -> None:
    result = plan({}, WELFARE_PLAN)
    assert tracks_of(result) == ["development"]
    assert "case-plan" not in result.answers.get("purposes")
    assert result.answers.get("level") == ("organisation",)


@pytest.mark.parametrize(
    "flags",
    [
        {"target_groups": ["caregivers"], "purposes": ["feedback"]},
        {"target_groups": ["older-people"], "purposes": ["feedback", "co-design"]},
        {"target_groups": ["immigrants"], "purposes": ["co-design"]},
    ],
)
def test_leaflet_testing_fills_no_phase_when_no_material_is_asked_for(
    dataset: Dataset, flags: dict[str, list[str]]
) -> None:
    result = plan(flags)
    chosen = [p.methods[0].method.id for track in result.tracks for p in track.phases if p.methods]
    assert chosen and "asiakasmateriaalit" not in chosen
    with_materials = plan({**flags, "purposes": [*flags["purposes"], "materials"]})
    chosen = [p.methods[0].method.id for t in with_materials.tracks for p in t.phases if p.methods]
    assert "asiakasmateriaalit" in chosen


def test_passing_over_leaflet_testing_says_what_it_is_for() -> None:
    # immigrants' family services co-designed: leaflet testing scores higher in a phase
    flags = {
        "target_groups": ["immigrants"],
        "purposes": ["co-design"],
        "settings": ["family-services"],
    }
    result = plan(flags)
    reasons = [
        why
        for track in result.tracks
        for phase in track.phases
        for why in phase.why
        if why.kind == "over-purpose"
    ]
    assert reasons and all(w.other and w.other.method.id == "asiakasmateriaalit" for w in reasons)
    document = plan_json(
        "--lang", "en", "-t", "immigrants", "-p", "co-design", "-s", "family-services"
    )
    assert "mainly for client materials, which you did not ask for" in json.dumps(document)


@pytest.mark.parametrize(
    "settings", [["mental-health-substance-abuse"], ["child-welfare"], ["family-services"]]
)
def test_early_childhood_methods_fill_no_phase_of_another_service(settings: list[str]) -> None:
    flags = {
        "target_groups": ["children", "families"],
        "purposes": ["feedback", "co-design"],
        "settings": settings,
    }
    chosen = {p.methods[0].method.id for t in plan(flags).tracks for p in t.phases if p.methods}
    assert chosen and not chosen & {"lasten-osallisuus", "kasvatuskumppanuus"}
    in_ecec = {**flags, "settings": ["early-childhood-education"]}
    chosen = {p.methods[0].method.id for t in plan(in_ecec).tracks for p in t.phases if p.methods}
    assert chosen & {"lasten-osallisuus", "kasvatuskumppanuus"}


def test_a_deadline_makes_each_track_work_back_from_it_in_the_planners_words() -> None:
    doc: Any = plan_json("--describe", OLDER_CASE)
    assert doc["timing"]["deadlines"] == ["within two weeks"]
    steps = [s["text"] for s in doc["timing"]["steps"]]
    assert len(steps) == 2 and "“within two weeks”" in steps[0]
    assert steps[1].startswith("A first schedule from today")  # the CLI dates it
    assert "Date the steps of the case" in steps[0]
    assert all(s["source"] == JUDGEMENT for s in doc["timing"]["steps"])


def test_who_decides_comes_first_in_closing_the_loop_and_the_memo_has_the_timing(
    tmp_path: Path,
) -> None:
    text = (
        "Haluamme kehittää perhekeskuksen palveluja yhdessä perheiden kanssa. Johtoryhmä "
        "päättää uudistuksesta kesäkuussa."
    )
    doc: Any = plan_json("--lang", "fi", "--describe", text)
    assert doc["timing"]["deadlines"] == ["kesäkuussa"]
    assert doc["timing"]["deciders"] == ["johtoryhmä"]
    # working back, the OECD's timing, then the first schedule from today (the CLI's)
    assert [s["source"] for s in doc["timing"]["steps"]] == [JUDGEMENT, "oecd-2022", JUDGEMENT]
    first = doc["close_the_loop"][0]
    assert "(“johtoryhmä”)" in first["text"] and first["source"] == "involve-close-the-loop"
    memo = tmp_path / "plan.md"
    result = runner.invoke(
        app, ["--lang", "fi", "plan", "--yes", "--describe", text, "-o", str(memo)]
    )
    assert result.exit_code == 0, result.output
    written = memo.read_text(encoding="utf-8")
    assert "## Aikataulu" in written and "“kesäkuussa”" in written


def test_no_deadline_no_timing_and_no_decider_in_the_loop() -> None:
    doc: Any = plan_json("-t", "families", "-p", "co-design")
    assert doc["timing"] == {"deadlines": [], "deciders": [], "steps": []}
    assert "decision-makers" not in doc["close_the_loop"][0]["text"]


def test_a_phase_nothing_fits_near_the_best_is_left_light_and_says_why(tmp_path: Path) -> None:
    doc: Any = plan_json("-t", "children", "-s", "early-childhood-education")
    phases = {p["phase"]: p for p in doc["phases"]}
    light = phases["improvement"]
    assert light["chosen"] is None and light["methods"] == []
    assert light["note"].startswith("Keep this phase light")
    best = max(p["chosen"]["score"] for p in doc["phases"] if p["chosen"])
    margin = int(re.search(r"(\d+) points below", light["note"]).group(1))  # type: ignore[union-attr]
    assert margin > 15 and best - margin < best
    for phase in doc["phases"]:
        assert (phase["note"] is None) == (phase["chosen"] is not None)
    memo = tmp_path / "plan.md"
    result = runner.invoke(
        app, ["plan", "-t", "children", "-s", "early-childhood-education", "-o", str(memo)]
    )
    assert result.exit_code == 0, result.output
    assert "### Improvement: a light phase" in memo.read_text(encoding="utf-8")


def test_a_method_chosen_to_hear_a_group_is_never_taken_out_as_far() -> None:
    result = plan({"target_groups": ["older-people", "caregivers"], "purposes": ["co-design"]})
    heard = {g for p in result.phases for g in p.heard}
    assert {"older-people", "caregivers"} <= heard


def test_a_risk_to_someones_safety_comes_first_in_the_plan(tmp_path: Path) -> None:
    text = (
        "Child welfare: Eetu is 13 and his stepfather hit him. The client plan must be "
        "updated within three weeks and we want the children's views in it."
    )
    doc: Any = plan_json("--describe", text)
    risks = [s["risk"] for s in doc["safety"]]
    assert "family-violence" in risks
    line = next(s["text"] for s in doc["safety"] if s["risk"] == "family-violence")
    assert line.startswith("Safety first:") and "No joint meeting before it is safe" in line
    assert line.count("Whom they will meet") == 1
    result = runner.invoke(app, ["plan", "--yes", "--describe", text], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert output.index("Safety first:") < output.index("Case track")
    memo = tmp_path / "plan.md"
    runner.invoke(app, ["plan", "--yes", "--describe", text, "-o", str(memo)])
    written = memo.read_text(encoding="utf-8")
    assert written.index("## Your answers") < written.index("Safety first:")
    assert written.index("Safety first:") < written.index("## Case track")


def test_no_risk_no_safety_line() -> None:
    doc: Any = plan_json("-t", "families", "-p", "co-design")
    assert doc["safety"] == []


@pytest.mark.parametrize(
    "describe",
    [
        "We tried BIKVA last year but it did not work.",
        "Bikvaa kokeiltiin viime vuonna, mutta se ei toiminut.",
    ],
)
def test_a_method_the_planner_says_failed_is_not_chosen_while_another_can_be(
    describe: str,
) -> None:
    flags = {"target_groups": ["hard-to-reach"], "purposes": ["feedback"], "phase": ["evaluation"]}
    assert plan(flags).phases[0].choice.method.id == "bikva"  # type: ignore[union-attr]
    result = plan(flags, describe)
    phase = result.phases[0]
    assert phase.choice is not None and phase.choice.method.id != "bikva"
    assert [(w.kind, w.other.method.id) for w in phase.why if w.other] == [
        ("over-in-place", "bikva")
    ]


def test_a_failed_method_is_said_so_in_a_planners_words() -> None:
    document = plan_json(
        "-t",
        "hard-to-reach",
        "-p",
        "feedback",
        "--phase",
        "evaluation",
        "--describe",
        "We tried BIKVA last year but it did not work.",
    )
    chosen = document["phases"][0]["chosen"]  # type: ignore[index]
    assert "says it is in place already or was tried and did not work" in chosen["why_chosen"]


def test_a_case_method_that_went_round_in_circles_is_not_the_case_track() -> None:
    text = (
        "Eetu's case, child welfare: he is 9. Our network meetings with the school have gone "
        "round in circles. We need a plan for Eetu's care."
    )
    case = plan({}, text).tracks[0]
    assert case.track == "case"
    assert {p.choice.method.id for p in case.phases if p.choice} == {"laheisneuvonpito"}


# -- a message of two matters: a client's case, and a service apart from it -----------

TWO_MATTERS = {
    "en": (
        "Hi, two things. (1) Mr A (81) lives alone and his daughter is worried; home care, "
        "the GP and the daughter should agree on his care at home. (2) Separately, we "
        "want the carers of our clients to help redesign the day centre's programme."
    ),
    "fi": (
        "Moi, kaksi asiaa. Ensin: 81-vuotias mies asuu yksin ja tytär on huolissaan; "
        "kotihoidon, lääkärin ja tyttären pitäisi sopia, miten hän pärjää kotona. "
        "Toinen asia: esihenkilö toivoo, että omaishoitajat kehittävät päivätoiminnan "
        "ohjelmaa kanssamme."
    ),
}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_message_of_a_case_and_a_service_apart_gets_both_tracks(lang: str) -> None:
    result = plan({}, TWO_MATTERS[lang])
    assert tracks_of(result) == ["case", "development"]
    assert result.answers.apart


def test_a_case_alone_in_numbered_points_is_still_one_case() -> None:
    text = (
        "Network meeting for one family: 1) the boy, 9, is not going to school; "
        "2) the mother wants help at home."
    )
    result = plan({}, text)
    assert tracks_of(result) == ["case"]
    assert not result.answers.apart


def test_one_matter_of_a_service_reads_no_matters_apart() -> None:
    text = (
        "Two things for the day centre. First, we want feedback from the clients. Second, "
        "the relatives should help plan the summer programme."
    )
    result = plan({}, text)
    assert tracks_of(result) == ["development"]
    assert not result.answers.apart


def test_no_method_fills_more_than_plan_most_phases_and_the_light_phase_says_why(
    dataset: Dataset,
) -> None:
    most = dataset.scoring.plan_most
    assert most is not None and most.weight == 2
    for answers in (
        {"target_groups": ["residents"], "purposes": ["community"]},
        {"target_groups": ["clients"], "purposes": ["feedback"], "settings": ["health-care"]},
        {"target_groups": ["caregivers"], "purposes": ["co-design"]},
    ):
        result = plan(answers)
        chosen = [p.methods[0].method.id for p in result.phases if p.methods]
        assert all(chosen.count(m) <= most.weight for m in chosen), (answers, chosen)
    doc: Any = plan_json("-t", "residents", "-p", "community")
    notes = [p["note"] for p in doc["phases"] if p["chosen"] is None]
    assert any("is already the choice for" in n for n in notes), notes


@pytest.mark.parametrize(
    "text",
    [
        "Kotihoidon käyntiaikoja kehitetään. Asiakkaista suurin osa yli 80-v, osa ei pääse "
        "kotoa minnekään. Omaiset soittavat paljon iltakäynneistä.",
        "We are redesigning home care visit times. Clients mostly over 80, some can't leave "
        "home at all. Relatives call us a lot about the evening visits.",
    ],
)
def test_the_services_own_clients_are_heard_not_only_their_relatives(text: str) -> None:
    # counted by age beside the relatives, the clients answer nothing in recommend (they
    # are `served`), but the plan hears them
    result = plan({}, text)
    assert "older-people" in (*result.answers.served, *result.answers.get("target_groups"))
    heard = {g for p in result.phases for g in p.heard}
    assert {"older-people", "caregivers"} <= heard


def test_a_group_counted_by_age_is_served_not_asked() -> None:
    result = plan(
        {},
        "Kotihoidon käyntiaikoja kehitetään. Asiakkaista suurin osa yli 80-v, "
        "osa ei pääse kotoa minnekään. Omaiset soittavat paljon iltakäynneistä.",
    )
    assert result.answers.served == ("older-people",)
    assert result.answers.get("target_groups") == ("caregivers",)


def test_a_project_improving_case_plan_meetings_is_development_not_a_case() -> None:
    text = (
        "Hankesuunnitelma: tavoitteena parantaa asiakassuunnitelmaneuvotteluja ja "
        "siirtymää jälkihuoltoon. Nuoret ovat kertoneet, että neuvotteluissa aikuiset "
        "puhuvat heidän ohitseen."
    )
    assert tracks_of(plan({}, text)) == ["development"]


@pytest.mark.parametrize(
    "text",
    [
        "Mr B (84) lives alone and has dementia. He told us he doesn't want a meeting with "
        "all those people. His son wants us to agree on his care.",
        "Eero (84) asuu yksin ja on muistisairas. Hän ei halua palaveria, jossa on paljon "
        "väkeä. Poika haluaa, että sovitaan hänen hoidostaan.",
    ],
)
def test_a_client_who_refuses_a_meeting_gets_whom_they_will_meet_in_the_case(text: str) -> None:
    result = plan({}, text)
    assert tracks_of(result)[0] == "case"
    assert "refusal" in result.answers.risks


# -- the case's steps, done differently for the people named ---------------------------


def test_a_refused_meeting_makes_the_case_steps_small_and_on_their_terms(tmp_path: Path) -> None:
    text = (
        "Mr B (84) lives alone and has dementia. He told us he doesn't want a meeting with "
        "all those people. His son wants us to agree on his care."
    )
    result = plan({}, text)
    steps = {p.phase: p for p in result.tracks[0].phases}
    assert any("said no to a meeting" in s.why.en for s in steps["prepare"].adapted)
    assert any("As small as they want" in s.why.en for s in steps["meet"].adapted)
    assert not steps["agree"].adapted
    doc: Any = plan_json("--describe", text, "--yes")
    meet = next(p for p in doc["tracks"][0]["phases"] if p["phase"] == "meet")
    assert meet["adapted"][0]["text"].startswith("As small as they want")
    shown = runner.invoke(app, ["plan", "--yes", "--describe", text], env={"COLUMNS": "100"})
    assert "For this case: As small as they want" in shown.stdout
    memo = tmp_path / "plan.md"
    runner.invoke(app, ["plan", "--yes", "--describe", text, "-o", str(memo)])
    assert "**For this case:** As small as they want" in memo.read_text(encoding="utf-8")


def test_a_case_without_such_people_has_its_steps_as_they_are() -> None:
    result = plan({}, FAMILY_CASE)
    assert all(not p.adapted for p in result.tracks[0].phases)


def test_a_disabled_clients_case_is_prepared_in_their_own_means_of_communication() -> None:
    result = plan({}, ADULT_CASE)
    prepare = result.tracks[0].phases[0]
    assert any("own means of communication" in s.why.en for s in prepare.adapted)


def test_a_first_psychosis_network_meeting_is_an_open_dialogue_treatment_meeting(
    dataset: Dataset,
) -> None:
    result = plan({}, PSYCHOSIS)
    meet = next(p for p in result.tracks[0].phases if p.phase == "meet")
    assert meet.choice is not None and meet.choice.method.id == "verkostokokous"
    assert [s.source for s in meet.adapted] == ["seikkula-olson-2003"]
    statements = [a for s in dataset.plan.case.steps for a in s.adapt]  # type: ignore[union-attr]
    assert statements and all(a.why.fi and a.why.en for a in statements)


@pytest.mark.parametrize(("duration", "said"), [("fixed-term", True), ("ongoing", False)])
def test_a_panel_for_work_of_fixed_length_is_held_as_a_one_off_forum(
    duration: str, said: bool
) -> None:
    result = plan({"target_groups": ["clients"], "purposes": ["feedback"], "duration": [duration]})
    panel = [p for p in result.phases if p.choice and p.choice.method.id == "asiakasraati"]
    assert panel
    adapted = [s for p in panel for s in p.adapted]
    if said:
        assert len(adapted) == 1 and panel[0].adapted  # said once, where it first comes in
        assert adapted[0].source == "espoo-2010" and "one-off workshop" in adapted[0].why.en
    else:
        assert not adapted
    text = runner.invoke(
        app, ["plan", "-t", "clients", "-p", "feedback", "-d", duration], env={"COLUMNS": "200"}
    ).stdout
    assert ("For this work: For work of fixed length" in text) == said


def test_the_development_track_of_a_matter_apart_is_ranked_on_that_matter_alone() -> None:
    text = (
        "Two things. (1) Mrs K (78) cares for her husband with Alzheimer's; the daughter is "
        "not speaking to the parents, and Mrs K can't go on. (2) Separately, we want carers "
        "to help us redesign the respite services; we can give two evenings."
    )
    result = plan({}, text)
    assert tracks_of(result) == ["case", "development"]
    assert result.answers.development is not None
    # the parents of the case matter are no family of the development work
    assert "families" not in result.answers.development.get("target_groups", ())
    assert "caregivers" in result.answers.development["target_groups"]
    chosen = {p.choice.method.id for p in result.phases if p.choice}
    assert "kasvatuskumppanuus" not in chosen and "omaisten-illat" in chosen


@pytest.mark.parametrize(
    "text",
    [
        "Aino (15) has refused to come to her client plan meeting twice now, and she walked "
        "out of the one before. The plan is overdue.",
        "Aino (15) on kieltäytynyt tulemasta asiakassuunnitelmaneuvotteluunsa jo kahdesti; "
        "viimeksi hän lähti kesken. Suunnitelma on myöhässä.",
    ],
)
def test_a_client_who_refused_her_meeting_still_has_a_case(text: str) -> None:
    # the refusal sets the meeting aside, not the young person's case
    result = plan({}, text)
    assert tracks_of(result)[0] == "case"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Joonas came to the early psychosis team three weeks ago. We'd like the first "
            "treatment meeting with his mum and sister within two weeks.",
        ),
        (
            "fi",
            "Joonas tuli varhaisen psykoosin tiimiin kolme viikkoa sitten. Haluaisimme "
            "ensimmäisen hoitokokouksen äidin ja siskon kanssa kahden viikon sisällä.",
        ),
    ],
)
def test_a_treatment_meeting_is_one_clients_case(lang: str, text: str) -> None:
    assert "case-plan" in plan({}, text).answers.get("purposes")


def test_a_case_matter_keeps_its_track_when_the_whole_text_reads_a_unit() -> None:
    # the level is one answer: "client group interviews" in the second matter outvote
    # the client's age in the first, but the first matter is still his case
    text = (
        "Two things. First, Mr. Lahtinen (86, Alzheimer's, lives alone) keeps sending the "
        "evening nurse away and his daughter wants a care home. Second: management wants "
        "client group interviews for the home care unit's autumn redesign."
    )
    result = plan({}, text)
    assert result.answers.get("level") != ("individual",)
    assert tracks_of(result) == ["case", "development"]


def test_he_will_not_come_to_any_meeting_is_a_refusal_the_steps_respect() -> None:
    text = (
        "Toivo K. 86 v asuu yksin. Ehdotin kokousta, jossa kaikki on paikalla, niin hän "
        "suuttui ja sanoi ettei mihinkään kokouksiin tule. Tytär vaatii palveluasumista."
    )
    result = plan({}, text)
    assert "refusal" in result.answers.risks
    meet = next(p for p in result.tracks[0].phases if p.phase == "meet")
    assert meet.adapted


def test_case_themes_feed_development_only_with_the_clients_consent(dataset: Dataset) -> None:
    said = " ".join(s.why.en for s in dataset.plan.feeds)
    assert "ask the client or family first" in said


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (
            "Item 4: Korhonen family. The family group conference was cancelled; the mother "
            "withdrew.",
            True,
        ),
        ("Korhosen perheen tilanne: äiti perui läheisneuvonpidon, isä ei vastaa.", True),
        ("The Eastern family centre wants feedback from the parents who visit it.", False),
        ("Lapin perheet tarvitsevat tukea; haluamme palautetta vanhemmilta.", False),
    ],
)
def test_a_family_named_by_its_surname_is_one_familys_case(text: str, case: bool) -> None:
    assert ("case" in tracks_of(plan({}, text))) == case


def test_minutes_items_are_matters_of_their_own() -> None:
    text = (
        "Team minutes. Item 4: Korhonen family. The conference was cancelled; the mother "
        "withdrew. Item 5: three conferences collapsed this year; we should develop how "
        "we prepare families with the parents."
    )
    result = plan({}, text)
    assert tracks_of(result) == ["case", "development"]

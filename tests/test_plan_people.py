"""`plan` after the expert review: the people named heard in a form they can use, what the
planner said they lack never chosen over a method that can run, safeguards under the act
that applies, each choice explained in what it does here, the loop closed in a form each
group can take in, and a case method that hears the client."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuus_cli import planning, scoring
from osallisuus_cli.cli import app
from osallisuus_cli.i18n import (
    not_heard_advice,
    not_heard_text,
    safeguard_condition,
    warned_text,
)
from osallisuus_cli.model import JUDGEMENT, Answers, Dataset, Requirement
from osallisuus_cli.safeguards import possible_safeguards, safeguards_for
from plan_helpers import plan, plan_json, runner

OLDER_AND_CARERS = {
    "target_groups": ["older-people", "caregivers"],
    "purposes": ["co-design", "feedback"],
    "settings": ["elderly-care"],
}


def chosen_of(document: Mapping[str, object]) -> list[dict[str, object]]:
    tracks = document["tracks"]
    assert isinstance(tracks, list)
    return [p["chosen"] for t in tracks for p in t["phases"] if p["chosen"]]


# -- the people named heard, in a form they can use ---------------------------------------


def test_each_group_heard_has_its_own_means_not_every_groups() -> None:
    result = plan(OLDER_AND_CARERS)
    hearings = [h for p in result.phases for h in p.hearing]
    older = [h for h in hearings if h.group == "older-people"]
    carers = [h for h in hearings if h.group == "caregivers"]
    assert older and carers
    assert all([g.id for g in h.means] == ["plain-language"] for h in older)
    assert all([g.id for g in h.means] == ["respite"] for h in carers)


def test_the_phase_that_first_hears_a_group_says_how_to_hear_it_and_later_ones_do_not() -> None:
    result = plan(OLDER_AND_CARERS)
    for group in ("older-people", "caregivers"):
        hows = [h.how for p in result.phases for h in p.hearing if h.group == group]
        assert hows[0] is not None and hows[0].source == JUDGEMENT
        assert all(how is None for how in hows[1:])
    older = next(h.how for p in result.phases for h in p.hearing if h.group == "older-people")
    assert older is not None and "memory disorder" in older.why.en and "home" in older.why.en


def test_the_terminal_says_how_a_group_is_heard_in_the_phase_that_hears_it() -> None:
    args = ["plan", "-t", "older-people", "-t", "caregivers", "-p", "co-design"]
    text = runner.invoke(app, [*args, "-s", "elderly-care"], env={"COLUMNS": "200"}).stdout
    assert "Heard directly: older people (with Plain language)" in text
    assert "How to hear them (older people): Many older clients cannot come" in text
    assert "How to hear them (family caregivers): Carers who care round the clock" in text


@pytest.mark.parametrize(
    ("group", "means"),
    [
        ("disabled-people", "supported-communication"),
        ("immigrants", "interpreting"),
        ("children", None),
    ],
)
def test_non_speaking_people_and_other_languages_are_heard_with_their_means(
    group: str, means: str | None
) -> None:
    document = plan_json("-t", group, "-p", "feedback", "-p", "co-design")
    hearings = [h for c in chosen_of(document) for h in c["hearing"]]  # type: ignore[attr-defined]
    mine = [h for h in hearings if h["group"] == group]
    assert mine, "the group is heard directly in some phase"
    assert mine[0]["how"] and mine[0]["how"]["text"]
    if means:
        assert any(g["id"] == means for h in mine for g in h["means"])


def test_children_are_heard_with_storycrafting_and_told_back_with_it() -> None:
    result = plan({"target_groups": ["children"], "settings": ["early-childhood-education"]})
    how = next(h.how for p in result.phases for h in p.hearing if h.group == "children")
    assert how is not None and how.source == "lapsetkertovat-sadutusohje"
    loops = [s for s in result.close_the_loop if getattr(s, "group", "") == "children"]
    assert loops and loops[0].source == "lapsetkertovat-sadutusohje"
    assert "permission" in loops[0].why.en


def test_a_case_says_how_to_hear_the_client_in_the_case() -> None:
    result = plan({"target_groups": ["disabled-people"], "purposes": ["case-plan"]})
    case = result.track("case")
    assert case is not None
    hearing = case.phases[0].hearing
    assert hearing and hearing[0].group == "disabled-people"
    assert "supported-communication" in [g.id for g in hearing[0].means]
    how = hearing[0].how
    assert how is not None and "how they communicate" in how.why.en


def test_a_nervous_young_person_is_heard_on_their_own_too_under_the_child_welfare_act() -> None:
    result = plan(
        {
            "target_groups": ["young-people", "families"],
            "purposes": ["case-plan"],
            "settings": ["child-welfare"],
        }
    )
    case = result.track("case")
    assert case is not None
    how = next(h.how for h in case.phases[0].hearing if h.group == "young-people")
    assert how is not None and how.source == "finlex-417-2007"
    assert "on their own" in how.why.en and "section 20" in how.why.en


@pytest.mark.parametrize(
    ("describe", "adult"),
    [
        (
            "Mikael, 19, has a first psychosis. He has agreed to meet us but does not want "
            "his parents involved. We want a first treatment meeting within 24 hours.",
            True,
        ),
        (
            "Lastensuojelu: 15-vuotias tyttö, kotona vaikeaa. Haluamme koota läheiset ja "
            "viranomaiset samaan pöytään sopimaan, kuka tekee mitä.",
            False,
        ),
    ],
)
def test_a_young_person_of_age_is_heard_as_an_adult_in_their_case(
    describe: str, adult: bool
) -> None:
    result = plan({}, describe)
    case = result.track("case")
    assert case is not None
    hearing = [h for h in case.phases[0].hearing if h.group == "young-people"]
    assert hearing and hearing[0].how is not None
    how = hearing[0].how
    assert ("Child Welfare Act" in how.why.en) is not adult
    assert ("of age" in how.why.en) is adult
    loops = [g for g in result.close_the_loop if getattr(g, "group", "") == "young-people"]
    assert loops and all(("Child Welfare Act" in g.why.en) is not adult for g in loops)


def test_a_group_no_method_can_hear_is_said_with_what_to_do(dataset: Dataset) -> None:
    # every method kept from hearing anyone: no fit of the heard question reaches `at_least`
    heard = dataset.plan.heard
    assert heard is not None
    strict = dataset._replace(
        plan=dataset.plan._replace(heard=heard._replace(at_least=dataset.max_weight + 1))
    )
    answers = Answers({"target_groups": ("older-people",), "purposes": ("feedback",)})
    built = planning.build(strict, answers, strict.scoring.plan_phases, False)
    assert [gap.group for gap in built.not_heard] == ["older-people"]
    gap = built.not_heard[0]
    advice = not_heard_advice(strict, gap)
    assert [s.source for s in advice] == [JUDGEMENT, JUDGEMENT]
    text = not_heard_text(strict, gap, "en")
    assert text.startswith("Older people: none of the methods that fit these answers hears")
    assert "Add a way to hear them yourself" in text and "memory disorder" in text


# -- what the planner said they lack --------------------------------------------------------


def test_a_method_that_lacks_something_never_beats_one_that_can_run_even_off_phase() -> None:
    document = plan_json(
        "-p", "co-design", "-s", "mental-health-substance-abuse", "--phase", "monitoring",
        "--lack", "fees",
    )  # fmt: skip
    phase = document["phases"][0]  # type: ignore[index]
    chosen = phase["chosen"]
    assert not chosen["warnings"]
    kinds = [w["kind"] for w in chosen["why"]]
    assert "over-warned" in kinds and "no-phase-fit" in kinds
    assert document["warned"] == []


def test_a_case_method_that_lacks_its_coordinator_is_passed_over() -> None:
    document = plan_json(
        "-t", "young-people", "-t", "families", "-p", "case-plan", "-s", "child-welfare",
        "--lack", "coordinator",
    )  # fmt: skip
    chosen = chosen_of(document)[0]
    assert chosen["id"] == "verkostokokous"
    assert [w["kind"] for w in chosen["why"]] == ["over-warned"]  # type: ignore[union-attr]


def test_when_every_method_lacks_something_the_plan_says_so_up_front(dataset: Dataset) -> None:
    need = Requirement("facilitator", dataset.methods[0].requirements[0].why)
    lacking = dataset._replace(
        methods=tuple(m._replace(requirements=(need,)) for m in dataset.methods)
    )
    answers = Answers(
        {"target_groups": ("clients",), "purposes": ("feedback",)},
        resources={"facilitator": "no"},
    )
    built = planning.build(lacking, answers, lacking.scoring.plan_phases, False)
    track = built.tracks[0]
    assert all(p.choice and p.choice.warnings for p in track.phases)
    lines = warned_text(lacking, track, "en")
    assert lines
    phases = [phase for said, _ in lines for phase in said]
    assert phases == list(lacking.scoring.plan_phases)
    assert all("every method that fits lacks what you said you lack" in text for _, text in lines)


@settings(max_examples=25, deadline=None)
@given(
    groups=st.lists(
        st.sampled_from(["children", "young-people", "older-people", "clients", "caregivers"]),
        min_size=1,
        max_size=2,
        unique=True,
    ),
    purposes=st.lists(
        st.sampled_from(["feedback", "co-design", "materials"]), min_size=1, unique=True
    ),
    lacks=st.lists(
        st.sampled_from(["facilitator", "fees", "trained-experts", "coordinator"]), unique=True
    ),
)
def test_a_warned_choice_only_when_nothing_else_for_the_phase_can_run(
    dataset: Dataset, groups: list[str], purposes: list[str], lacks: list[str]
) -> None:
    answers = Answers(
        {"target_groups": tuple(groups), "purposes": tuple(purposes)},
        resources=dict.fromkeys(lacks, "no"),
    )
    built = planning.build(dataset, answers, dataset.scoring.plan_phases, False)
    ranked = scoring.rank(dataset, answers).results
    for track in built.tracks:
        for phase in track.phases:
            if phase.choice is None or not phase.choice.warnings:
                continue
            runnable = [
                r
                for r in ranked
                if not r.warnings and not planning.is_case_method(dataset, r.method)
            ]
            assert not runnable, (phase.phase, [r.method.id for r in runnable])


# -- safeguards under the act that applies ----------------------------------------------------


def _sources_for(dataset: Dataset, answers: Answers) -> set[str]:
    return {g.source for m in dataset.methods for g in safeguards_for(dataset, m, answers)}


@pytest.mark.parametrize("setting", ["early-childhood-education", "health-care"])
def test_the_social_welfare_clients_act_is_not_cited_where_another_act_applies(
    dataset: Dataset, setting: str
) -> None:
    answers = Answers(
        {
            "settings": (setting,),
            "target_groups": ("children", "immigrants"),
            "purposes": ("feedback",),
        }
    )
    cited = _sources_for(dataset, answers)
    assert "finlex-812-2000" not in cited
    own = "finlex-540-2018-40" if setting == "early-childhood-education" else "finlex-785-1992"
    assert own in cited
    kinds = {
        g.kind
        for m in dataset.methods
        if m.id == "asiakasraati"
        for g in safeguards_for(dataset, m, answers)
    }
    assert {"confidentiality", "voluntariness", "interpreting", "consent"} <= kinds


def test_a_social_welfare_service_beside_them_still_brings_the_clients_act(
    dataset: Dataset,
) -> None:
    answers = Answers({"settings": ("early-childhood-education", "family-services")})
    assert "finlex-812-2000" in _sources_for(dataset, answers)


def test_early_childhood_methods_bring_the_ecec_act_only_where_it_applies(
    dataset: Dataset,
) -> None:
    method = dataset.method("kasvatuskumppanuus")
    assert method is not None
    family_help = Answers({"settings": ("family-services",), "target_groups": ("children",)})
    unsaid = Answers({"target_groups": ("children",)})
    ids = {g.id for g in safeguards_for(dataset, method, family_help)}
    assert "child-view-ecec" not in ids and "child-view" in ids
    assert "child-view-ecec" in {g.id for g in safeguards_for(dataset, method, unsaid)}


def test_the_case_methods_in_health_care_ask_the_patients_consent(dataset: Dataset) -> None:
    method = dataset.method("verkostokokous")
    assert method is not None
    answers = Answers({"settings": ("health-care",), "target_groups": ("young-people",)})
    ids = [g.id for g in safeguards_for(dataset, method, answers)]
    assert "consent-to-share-health" in ids and "child-view-health" in ids
    assert "consent-to-share" not in ids


def test_show_says_when_another_act_applies(dataset: Dataset) -> None:
    method = dataset.method("asiakasraati")
    assert method is not None
    cases = dict(possible_safeguards(dataset, method))
    said = {g.id: safeguard_condition(dataset, c, "en") for g, c in cases.items()}
    assert said["confidentiality"] == (
        "not if only early childhood education, health care or mental health and substance "
        "abuse services"
    )
    assert said["voluntary-advice"] == (
        "only early childhood education, health care or mental health and substance abuse services"
    )
    ecec = dataset.method("kasvatuskumppanuus")
    assert ecec is not None
    cases = dict(possible_safeguards(dataset, ecec))
    ecec_said = {g.id: safeguard_condition(dataset, c, "fi") for g, c in cases.items()}
    assert ecec_said["child-view-ecec"].startswith(
        "ei, jos palvelut on annettu ilman: varhaiskasvatus"
    )


def test_validate_refuses_an_unknown_safeguard_or_group_in_how_people_are_heard(
    tmp_path: Path, bundled_text: str
) -> None:
    text = bundled_text.replace("        means: [respite]\n", "        means: [holiday]\n", 1)
    text = text.replace("      hard-to-reach:\n        how:", "      martians:\n        how:", 1)
    assert text != bundled_text
    file = tmp_path / "bad.yaml"
    file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(file)])
    assert result.exit_code == 1
    assert "unknown safeguard 'holiday'" in result.stderr
    assert "unknown target_groups value 'martians'" in result.stderr


# -- each choice explained ------------------------------------------------------------------


def test_why_chosen_says_what_the_method_does_here_and_whom_it_hears() -> None:
    document = plan_json("-t", "older-people", "-t", "caregivers", "-p", "co-design")
    for chosen in chosen_of(document):
        why = str(chosen["why_chosen"])
        does = chosen["does"]
        if does:
            assert str(does["text"]) in why  # type: ignore[index]
        if chosen["hearing"]:
            assert "Heard directly:" in why


def test_the_best_reason_speaks_of_the_people_or_purpose_before_a_duration() -> None:
    result = plan(
        {"target_groups": ["clients"], "purposes": ["feedback"], "duration": ["fixed-term"]}
    )
    for phase in result.phases:
        for why in phase.why:
            if why.kind == "best" and why.adds is not None:
                assert getattr(why.adds, "question", "") != "duration"


# -- closing the loop with each group ------------------------------------------------------


def test_the_loop_is_closed_with_each_group_named_in_a_form_it_can_take_in() -> None:
    document = plan_json(
        "-t", "older-people", "-t", "disabled-people", "-t", "immigrants", "-p", "co-design"
    )
    loop = document["close_the_loop"]
    assert isinstance(loop, list)
    groups = [item["group"] for item in loop if item["group"]]
    assert groups == ["older-people", "disabled-people", "immigrants"]
    general = [item for item in loop if item["group"] is None]
    assert general and all(item["source"] for item in loop)


def test_a_child_in_a_case_is_told_what_was_agreed_themselves() -> None:
    result = plan(
        {"target_groups": ["young-people", "families"], "purposes": ["case-plan"]},
    )
    assert [t.track for t in result.tracks] == ["case"]
    told = [s for s in result.close_the_loop if getattr(s, "group", "") == "young-people"]
    assert told and told[0].source == "finlex-417-2007"


# -- the case method hears the client --------------------------------------------------------


def test_a_case_method_that_does_not_hear_the_client_is_passed_over_and_said_so() -> None:
    result = plan(
        {"target_groups": ["clients", "families"], "purposes": ["case-plan"]},
        "läheisneuvonpito",
    )
    case = result.track("case")
    assert case is not None
    first = case.phases[0]
    assert first.choice is not None and first.choice.method.id == "verkostokokous"
    assert "clients" in first.heard
    kinds = [w.kind for w in first.why]
    assert kinds == ["over-people"]
    assert first.why[0].other is not None
    assert first.why[0].other.method.id == "laheisneuvonpito"


def test_a_young_persons_case_keeps_the_family_group_conference() -> None:
    result = plan(
        {
            "target_groups": ["young-people", "families"],
            "purposes": ["case-plan"],
            "settings": ["child-welfare"],
        }
    )
    case = result.track("case")
    assert case is not None and case.phases[0].choice is not None
    assert case.phases[0].choice.method.id == "laheisneuvonpito"


def test_a_choice_below_a_method_a_later_swap_took_out_still_says_why() -> None:
    # evaluation chose while relatives' evenings were the planning choice; the swap that
    # hears families took them out of planning, so evaluation says what it adds over them
    result = plan(
        {
            "target_groups": ["families", "caregivers", "children"],
            "phase": ["planning", "monitoring", "evaluation"],
        }
    )
    evaluation = result.phases[2]
    assert evaluation.choice is not None
    # (since plan_reach the monitoring phase is light, so relatives' evenings stay in
    # planning and evaluation passes over them as used already)
    assert evaluation.why and evaluation.why[0].kind in ("over-adds", "over-used")
    assert all(p.why for p in result.phases if p.choice is not None)

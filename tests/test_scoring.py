"""The scoring model: per-question weighted means of fit weights, requirements, order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuus_cli.model import Answers, Dataset
from osallisuus_cli.scoring import recommend, score_method


def ids(results: tuple[object, ...]) -> list[str]:
    return [r.method.id for r in results]  # type: ignore[attr-defined]


def test_a_perfect_fit_scores_100(dataset: Dataset) -> None:
    answers = Answers({"target_groups": ("children",), "settings": ("early-childhood-education",)})
    results = recommend(dataset, answers)
    assert results[0].method.id == "lasten-osallisuus"
    assert results[0].score == 100


def test_the_score_is_the_weighted_share_of_the_best(dataset: Dataset) -> None:
    # kasvatuskumppanuus: children 1/5 (question weight 3), ECE 5/5 (weight 2)
    method = dataset.method("kasvatuskumppanuus")
    assert method is not None
    answers = Answers({"target_groups": ("children",), "settings": ("early-childhood-education",)})
    scored = score_method(dataset, method, answers)
    assert scored is not None
    assert scored[0] == 52  # (3 × 1/5 + 2 × 5/5) / 5


def test_several_values_average(dataset: Dataset) -> None:
    method = dataset.method("laheisneuvonpito")
    assert method is not None
    both = Answers({"target_groups": ("young-people", "residents")})
    scored = score_method(dataset, method, both)
    assert scored is not None
    assert scored[0] == 50
    kinds = {(r.value, r.kind) for r in scored[1]}
    assert kinds == {("young-people", "fit"), ("residents", "miss")}


def test_methods_that_fit_nothing_are_left_out(dataset: Dataset) -> None:
    results = recommend(dataset, Answers({"purposes": ("materials",)}))
    assert ids(results) == ["asiakasmateriaalit"]


def test_unmet_requirement_warns_and_ranks_last(dataset: Dataset) -> None:
    answers = Answers(
        {"target_groups": ("hard-to-reach",), "purposes": ("feedback",), "facilitator": ("no",)}
    )
    results = recommend(dataset, answers)
    assert results[-1].method.id == "bikva"
    assert results[-1].warnings and results[-1].warnings[0].question == "facilitator"
    assert all(not r.warnings for r in results[:-1])
    with_facilitator = recommend(
        dataset, answers._replace(choices={**answers.choices, "facilitator": ("yes",)})
    )
    assert with_facilitator[0].method.id == "bikva"
    assert not with_facilitator[0].warnings


def test_facilitator_alone_scores_nothing(dataset: Dataset) -> None:
    assert recommend(dataset, Answers({"facilitator": ("yes",)})) == ()


def test_text_relevance_counts_as_one_more_question(dataset: Dataset) -> None:
    answers = Answers({"target_groups": ("caregivers",)}, describe="x")
    plain = {r.method.id: r.score for r in recommend(dataset, answers)}
    boosted = recommend(dataset, answers, relevance={"kokemusasiantuntijuus": 1.0})
    scores = {r.method.id: r.score for r in boosted}
    assert scores["kokemusasiantuntijuus"] > plain["kokemusasiantuntijuus"]
    assert scores["omaisten-illat"] < plain["omaisten-illat"]


def test_top_limits_and_ranks_are_consecutive(dataset: Dataset) -> None:
    results = recommend(dataset, Answers({"level": ("group",)}), top=3)
    assert [r.rank for r in results] == [1, 2, 3]


def test_ties_keep_dataset_order(dataset: Dataset) -> None:
    results = recommend(dataset, Answers({"purposes": ("case-plan",)}))
    assert ids(results) == ["verkostokokous", "laheisneuvonpito"]
    assert results[0].score == results[1].score


def _answers_strategy(dataset: Dataset) -> st.SearchStrategy[Answers]:
    parts = {}
    for question in dataset.questions:
        slugs = [v.slug for v in question.values]
        size = len(slugs) if question.multiple else 1
        parts[question.key] = st.lists(st.sampled_from(slugs), max_size=size, unique=True)
    return st.fixed_dictionaries(parts).map(
        lambda chosen: Answers({k: tuple(v) for k, v in chosen.items() if v})
    )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_scores_are_within_0_and_100_and_deterministic(
    dataset: Dataset, data: st.DataObject
) -> None:
    answers = data.draw(_answers_strategy(dataset))
    relevance = data.draw(
        st.dictionaries(st.sampled_from([m.id for m in dataset.methods]), st.floats(0, 1))
    )
    first = recommend(dataset, answers, relevance or None)
    assert first == recommend(dataset, answers, relevance or None)
    for result in first:
        assert 0 <= result.score <= 100
        assert any(r.weight > 0 for r in result.reasons)
    warned = [bool(r.warnings) for r in first]
    assert warned == sorted(warned)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_answer_order_does_not_matter(dataset: Dataset, data: st.DataObject) -> None:
    answers = data.draw(_answers_strategy(dataset))
    shuffled = Answers(
        {k: tuple(data.draw(st.permutations(v))) for k, v in answers.choices.items()}
    )
    assert [(r.method.id, r.score) for r in recommend(dataset, answers)] == [
        (r.method.id, r.score) for r in recommend(dataset, shuffled)
    ]

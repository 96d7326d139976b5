"""Every command's result as a JSON document (SPEC "JSON").

Keys are English and stable; values are slugs or ids; human text follows --lang.
`present.py` writes them; they never go through rich, so no wrapping and no colour codes.
"""

from __future__ import annotations

from typing import Any

from .i18n import explanation_text, flags_of, reason_text, warning_text
from .model import (
    Answers,
    Comparison,
    Dataset,
    Explanation,
    Handout,
    Lang,
    Method,
    MethodCard,
    MethodList,
    Reason,
    RecommendResult,
    Result,
    SearchResult,
    Validation,
)
from .scoring import best_fits

SCHEMA_VERSION = 1


def document(result: Result, lang: Lang) -> dict[str, Any]:
    """The JSON document of a command's result (SPEC "JSON")."""
    if isinstance(result, MethodList):
        body = list_doc(result, lang)
    elif isinstance(result, MethodCard):
        body = show_doc(result, lang)
    elif isinstance(result, Comparison):
        body = compare_doc(result, lang)
    elif isinstance(result, SearchResult):
        body = search_doc(result, lang)
    elif isinstance(result, RecommendResult):
        body = recommend_doc(result, lang)
    elif isinstance(result, Validation):
        body = validate_doc(result)
    else:
        return export_doc(result, lang)
    return {"schema_version": SCHEMA_VERSION, **body}


def list_doc(result: MethodList, lang: Lang) -> dict[str, Any]:
    return {
        "methods": [
            {
                "id": m.id,
                "name": m.name.get(lang),
                "goal": m.goal.get(lang),
                "target_groups": list(m.values_for("target_groups")),
                "settings": list(m.values_for("settings")),
            }
            for m in result.methods
        ]
    }


def method_doc(dataset: Dataset, method: Method, lang: Lang) -> dict[str, Any]:
    source = dataset.source(method.source_id)
    attributes: dict[str, list[dict[str, Any]]] = {}
    for question in dataset.questions:
        fits = method.fits_for(question.key)
        if fits:
            attributes[question.key] = [
                {"value": f.value, "weight": f.weight, "reason": f.why.get(lang)} for f in fits
            ]
    return {
        "id": method.id,
        "name": method.name.get(lang),
        "goal": method.goal.get(lang),
        "description": method.description.get(lang),
        "source": {
            "id": source.id,
            "text": source.cell(lang),
            "author": source.author,
            "year": source.year,
            "title": source.title.get(lang),
            "publisher": source.publisher.get(lang),
            "url": source.url,
        },
        "aliases": list(method.aliases.all()),
        "target_groups": list(method.values_for("target_groups")),
        "attributes": attributes,
        "max_weight": dataset.max_weight,
        "requirements": [
            {"question": r.question, "value": r.value, "reason": r.why.get(lang)}
            for r in method.requirements
        ],
    }


def show_doc(result: MethodCard, lang: Lang) -> dict[str, Any]:
    return {"method": method_doc(result.dataset, result.method, lang)}


def compare_doc(result: Comparison, lang: Lang) -> dict[str, Any]:
    return {"methods": [method_doc(result.dataset, m, lang) for m in result.methods]}


def export_doc(handout: Handout, lang: Lang) -> dict[str, Any]:
    """The handout in JSON: every chosen method as `show` gives it."""
    methods = [method_doc(handout.dataset, m, lang) for m in handout.methods]
    return {"schema_version": SCHEMA_VERSION, "lang": lang, "methods": methods}


def search_doc(result: SearchResult, lang: Lang) -> dict[str, Any]:
    return {
        "query": result.query,
        "results": [
            {
                "id": hit.method.id,
                "name": hit.method.name.get(lang),
                "score": hit.score,
                "field": hit.field,
                "snippet": hit.snippet,
            }
            for hit in result.hits
        ],
    }


def answers_doc(dataset: Dataset, answers: Answers) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for question in dataset.questions:
        given = answers.get(question.key)
        if question.boolean:
            doc[question.key] = None if not given else given[0] == "yes"
        elif question.multiple:
            doc[question.key] = list(given)
        else:
            doc[question.key] = given[0] if given else None
    doc["describe"] = answers.describe
    if answers.describe is not None:
        doc["understood"] = [
            {"question": u.question, "value": u.value, "words": list(u.words)}
            for u in answers.understood
        ]
        doc["unsure"] = [
            {
                "question": u.question,
                "words": list(u.words),
                "flags": flags_of(dataset.question(u.question)),
            }
            for u in answers.unsure
        ]
    return doc


def reason_doc(dataset: Dataset, reason: Reason, lang: Lang) -> dict[str, Any]:
    return {
        "question": reason.question,
        "value": reason.value or None,
        "kind": reason.kind,
        "weight": reason.weight,
        "keep": reason.keep,
        "text": reason_text(dataset, reason, lang),
    }


def recommend_doc(result: RecommendResult, lang: Lang) -> dict[str, Any]:
    dataset = result.dataset
    return {
        "answers": answers_doc(dataset, result.answers),
        "results": [
            {
                "rank": r.rank,
                "id": r.method.id,
                "name": r.method.name.get(lang),
                "score": r.score,
                "reasons": [reason_doc(dataset, reason, lang) for reason in r.reasons],
                "warnings": [
                    {
                        "question": w.question,
                        "value": w.value,
                        "text": warning_text(w, lang),
                    }
                    for w in r.warnings
                ],
            }
            for r in result.results
        ],
        "left_out": [
            {
                "id": o.method.id,
                "name": o.method.name.get(lang),
                "because": o.because,
                "question": o.question or None,
            }
            for o in result.left_out
        ],
        "explain": [explain_doc(result, explained, lang) for explained in result.explained],
    }


def explain_doc(result: RecommendResult, explained: Explanation, lang: Lang) -> dict[str, Any]:
    dataset, answers = result.dataset, result.answers
    first = explained.first
    compared = first is not None and first.method.id != explained.method.id

    def fits(method: Method) -> list[dict[str, Any]]:
        return [
            {"question": key, "value": value or None, "weight": weight}
            for key, value, weight in best_fits(dataset, method, answers)
        ]

    return {
        "id": explained.method.id,
        "rank": explained.result.rank if explained.result else None,
        "score": explained.result.score if explained.result else None,
        "left_out": explained.left_out.because if explained.left_out else None,
        "text": explanation_text(dataset, explained, answers, lang),
        "fits": fits(explained.method),
        "first": first.method.id if first is not None and compared else None,
        "first_fits": fits(first.method) if first is not None and compared else [],
    }


def validate_doc(result: Validation) -> dict[str, Any]:
    """A dataset that passed validation (a failing one is an error on stderr, exit 1)."""
    return {"file": result.file, "valid": True, "methods": result.methods, "problems": []}

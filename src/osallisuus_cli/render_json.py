"""Every command's result as a JSON document (SPEC "JSON"), written as UTF-8 to stdout.

Keys are English and stable; values are slugs or ids; human text follows --lang.
Never goes through rich, so no wrapping and no colour codes, whatever the terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from .i18n import reason_text, warning_text
from .model import (
    Answers,
    Dataset,
    Lang,
    Method,
    Reason,
    Recommendation,
    SearchHit,
)

SCHEMA_VERSION = 1


def emit(document: dict[str, Any]) -> None:
    """Write one document to stdout as UTF-8 bytes, whatever the locale."""
    data = json.dumps({"schema_version": SCHEMA_VERSION, **document}, ensure_ascii=False, indent=2)
    sys.stdout.buffer.write(data.encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def list_doc(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> dict[str, Any]:
    return {
        "methods": [
            {
                "id": m.id,
                "name": m.name.get(lang),
                "goal": m.goal.get(lang),
                "target_groups": list(m.values_for("target_groups")),
                "settings": list(m.values_for("settings")),
            }
            for m in methods
        ]
    }


def method_doc(dataset: Dataset, method: Method, lang: Lang) -> dict[str, Any]:
    source = dataset.source(method.source_id)
    attributes: dict[str, list[dict[str, Any]]] = {}
    for question in dataset.questions:
        fits = [f for f in method.fits if f.question == question.key]
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


def show_doc(dataset: Dataset, method: Method, lang: Lang) -> dict[str, Any]:
    return {"method": method_doc(dataset, method, lang)}


def compare_doc(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> dict[str, Any]:
    return {"methods": [method_doc(dataset, m, lang) for m in methods]}


def export_doc(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> dict[str, Any]:
    return {"lang": lang, "methods": [method_doc(dataset, m, lang) for m in methods]}


def search_doc(query: str, hits: Sequence[SearchHit], lang: Lang) -> dict[str, Any]:
    return {
        "query": query,
        "results": [
            {
                "id": hit.method.id,
                "name": hit.method.name.get(lang),
                "score": hit.score,
                "field": hit.field,
                "snippet": hit.snippet,
            }
            for hit in hits
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
    return doc


def reason_doc(dataset: Dataset, reason: Reason, lang: Lang) -> dict[str, Any]:
    return {
        "question": reason.question,
        "value": reason.value or None,
        "kind": reason.kind,
        "weight": reason.weight,
        "text": reason_text(dataset, reason, lang),
    }


def recommend_doc(
    dataset: Dataset, answers: Answers, results: Sequence[Recommendation], lang: Lang
) -> dict[str, Any]:
    return {
        "answers": answers_doc(dataset, answers),
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
            for r in results
        ],
    }


def validate_doc(file: str, methods: int) -> dict[str, Any]:
    """A dataset that passed validation (a failing one is an error on stderr, exit 1)."""
    return {"file": file, "valid": True, "methods": methods, "problems": []}

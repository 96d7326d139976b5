"""Every command's result as a JSON document (SPEC "JSON").

Keys are English and stable; values are slugs or ids; human text follows --lang.
`present.py` writes them; they never go through rich, so no wrapping and no colour codes.
"""

from __future__ import annotations

from typing import Any

from .answers import FACILITATOR
from .i18n import (
    explanation_text,
    flags_of,
    not_heard_advice,
    not_heard_text,
    nothing_text,
    phase_label,
    provenance,
    reason_text,
    safeguard_condition,
    safety_text,
    warned_text,
    warning_text,
    why_chosen_sentences,
    why_chosen_text,
)
from .model import (
    KNOWLEDGE_FIELDS,
    Answers,
    ChecklistItem,
    Comparison,
    Dataset,
    Explanation,
    GroupStatement,
    Handout,
    Lang,
    Method,
    MethodCard,
    MethodList,
    NewFile,
    PhaseWork,
    Placement,
    PlanPhase,
    PlanResult,
    Precondition,
    QuestionList,
    Reason,
    Recommendation,
    RecommendResult,
    Result,
    Safeguard,
    SearchResult,
    Source,
    Statement,
    Validation,
    sources_of,
)
from .safeguards import possible_safeguards, safeguards_for
from .scoring import DESCRIBE, HAVE, best_fits
from .textanalysis import per_object, remembered

SCHEMA_VERSION = 1


def document(result: Result, lang: Lang) -> dict[str, Any]:
    """The JSON document of a command's result (SPEC "JSON")."""
    if isinstance(result, NewFile):
        body = {"lang": lang, "file": result.file, "id": result.method_id}
    elif isinstance(result, MethodList):
        body = list_doc(result, lang)
    elif isinstance(result, MethodCard):
        body = show_doc(result, lang)
    elif isinstance(result, Comparison):
        body = compare_doc(result, lang)
    elif isinstance(result, SearchResult):
        body = search_doc(result, lang)
    elif isinstance(result, RecommendResult):
        body = recommend_doc(result, lang)
    elif isinstance(result, PlanResult):
        body = plan_doc(result, lang)
    elif isinstance(result, Validation):
        body = validate_doc(result)
    elif isinstance(result, QuestionList):
        body = questions_doc(result, lang)
    else:
        return export_doc(result, lang)
    return {"schema_version": SCHEMA_VERSION, "lang": lang, **body}


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
                {
                    "value": f.value,
                    "weight": f.weight,
                    "reason": f.why.get(lang),
                    "source": f.source,
                    "source_label": provenance(dataset, f.source, lang),
                }
                for f in fits
            ]
    return {
        "id": method.id,
        "origin": dataset.origin(method.id),
        "name": method.name.get(lang),
        "goal": method.goal.get(lang),
        "description": method.description.get(lang),
        "source": {
            "id": source.id,
            "text": source.cell(lang),
            "author": source.author,
            "year": _year(source),
            "title": source.title.get(lang),
            "publisher": source.publisher.get(lang),
            "url": source.url,
        },
        "aliases": list(method.aliases.all()),
        "target_groups": list(method.values_for("target_groups")),
        "attributes": attributes,
        "max_weight": dataset.max_weight,
        "requirements": [
            {
                "resource": r.resource,
                "reason": r.why.get(lang),
                "text": r.why.get(lang),
                "source": r.source,
                "source_label": provenance(dataset, r.source, lang),
            }
            for r in method.requirements
        ],
        "knowledge": {
            key: [statement_doc(dataset, s, lang) for s in getattr(method.knowledge, key)]
            for key in KNOWLEDGE_FIELDS
        },
        "placements": [
            {"framework": p.framework, "value": p.value, **statement_doc(dataset, p, lang)}
            for p in method.placements
        ],
        "preconditions": [
            {"kind": p.kind, **statement_doc(dataset, p, lang)} for p in method.preconditions
        ],
        "safeguards": [
            {
                **safeguard_doc(dataset, g, lang),
                "when": [
                    {
                        "methods": list(c.methods),
                        "answers": {q: list(v) for q, v in c.questions().items()},
                    }
                    for c in cases
                ],
                "condition": safeguard_condition(dataset, cases, lang),
            }
            for g, cases in possible_safeguards(dataset, method)
        ],
        "sources": [source_doc(s, lang) for s in sources_of(dataset, method)],
    }


def safeguard_doc(dataset: Dataset, safeguard: Safeguard, lang: Lang) -> dict[str, Any]:
    """One safeguard as `recommend` and `plan` give it (SPEC: kind, text, source)."""
    return {
        "id": safeguard.id,
        "kind": safeguard.kind,
        "label": safeguard.label.get(lang),
        "text": safeguard.why.get(lang),
        # the answers lack what provides it (an interpreter): still needed, not there
        "lacking": safeguard.lacking,
        "source": safeguard.source,
        "source_label": provenance(dataset, safeguard.source, lang),
    }


def with_safeguards(
    dataset: Dataset, doc: dict[str, Any], r: Recommendation, answers: Answers, lang: Lang
) -> dict[str, Any]:
    """A result's document with the safeguards its method needs for the answers."""
    needed = safeguards_for(dataset, r.method, answers)
    return {**doc, "safeguards": _safeguard_docs(dataset, needed, lang)}


# The safeguards a method needs are the dataset's, the same for many answers: their
# documents are made once a dataset and language, not in every phase of every plan
# (a plan's document shows about 29): `plan --batch` of the benchmark's first 200
# situations, about 20 M instructions of 2,424 M less (callgrind).
@per_object
def _safeguard_lists(
    dataset: Dataset,
) -> dict[tuple[tuple[tuple[str, bool], ...], Lang], list[dict[str, Any]]]:
    return {}  # (each safeguard's id and whether it is lacking, language) -> documents


def _safeguard_docs(
    dataset: Dataset, needed: tuple[Safeguard, ...], lang: Lang
) -> list[dict[str, Any]]:
    return remembered(
        _safeguard_lists(dataset),
        (tuple((g.id, g.lacking) for g in needed), lang),
        lambda: [safeguard_doc(dataset, g, lang) for g in needed],
        SAFEGUARD_LISTS_KEPT,
    )


SAFEGUARD_LISTS_KEPT = 512  # a batch meeting more starts over, so memory stays flat


def statement_doc(
    dataset: Dataset,
    statement: Statement | Placement | Precondition | ChecklistItem | PhaseWork | GroupStatement,
    lang: Lang,
) -> dict[str, Any]:
    return {
        "text": statement.why.get(lang),
        "source": statement.source,
        "source_label": provenance(dataset, statement.source, lang),
    }


def source_doc(source: Source, lang: Lang) -> dict[str, Any]:
    return {
        "id": source.id,
        "label": source.short(),
        "author": source.author,
        "year": _year(source),
        "title": source.title.get(lang),
        "publisher": source.publisher.get(lang),
        "citation": source.citation.get(lang),
        "url": source.url,
        "kind": source.kind,
    }


def checklist_doc(result: RecommendResult | PlanResult, lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "method": item.method.id,
            "kind": item.kind,
            "unmet": item.unmet,
            "status": item.status,
            **statement_doc(result.dataset, item, lang),
        }
        for item in result.checklist
    ]


def result_doc(dataset: Dataset, r: Recommendation, lang: Lang) -> dict[str, Any]:
    """One ranked method, as `recommend` and `plan` show it."""
    return {
        "rank": r.rank,
        "id": r.method.id,
        "name": r.method.name.get(lang),
        "goal": r.method.goal.get(lang),
        "score": r.score,
        "reasons": [reason_doc(dataset, reason, lang) for reason in r.reasons],
        "warnings": [
            {"resource": w.resource, "text": warning_text(dataset, w, lang)} for w in r.warnings
        ],
        "requirements": [
            {
                "resource": need.resource,
                "status": need.status,
                "text": need.why.get(lang),
                "source": need.source,
                "source_label": provenance(dataset, need.source, lang),
            }
            for need in r.needs
        ],
    }


def plan_doc(result: PlanResult, lang: Lang) -> dict[str, Any]:
    """The plan (SPEC `plan`): its tracks, each phase with its choice and why; `phases` is
    the development track's, as before tracks were added."""
    dataset = result.dataset
    tracks = [
        {
            "track": track.track,
            "phases": [plan_phase_doc(result, phase, lang) for phase in track.phases],
        }
        for track in result.tracks
    ]
    development = next((t for t in tracks if t["track"] == "development"), None)
    heard = dataset.plan.heard
    return {
        "answers": answers_doc(dataset, result.answers, lang),
        "tracks": tracks,
        "phases": development["phases"] if development else [],
        "arenas": list(result.arenas),
        "levels": list(result.levels),
        "checklist": checklist_doc(result, lang),
        "case_feeds_development": [statement_doc(dataset, s, lang) for s in result.feeds],
        "timing": {
            "deadlines": list(result.answers.timing.deadlines),
            "deciders": list(result.answers.timing.deciders),
            "steps": [statement_doc(dataset, s, lang) for s in result.timing],
        },
        "not_heard": [
            {
                "group": gap.group,
                "relatives": list(gap.relatives),
                "text": not_heard_text(dataset, gap, lang),
                "advice": [statement_doc(dataset, s, lang) for s in not_heard_advice(dataset, gap)],
            }
            for gap in result.not_heard
        ]
        if heard
        else [],
        "safety": [
            {"risk": risk, "text": text}
            for risk, text in safety_text(dataset, result.answers, lang)
        ],
        "warned": [
            {"track": track.track, "phases": list(phases), "text": text}
            for track in result.tracks
            for phases, text in warned_text(dataset, track, lang)
        ],
        "close_the_loop": [
            {
                **statement_doc(dataset, s, lang),
                "group": s.group if isinstance(s, GroupStatement) else None,
            }
            for s in result.close_the_loop
        ],
        "asked": [
            {
                "topic": topic.slug,
                "label": topic.label.get(lang),
                "answer": [statement_doc(dataset, s, lang) for s in topic.answer],
            }
            for topic in result.asked
        ],
    }


def plan_phase_doc(result: PlanResult, phase: PlanPhase, lang: Lang) -> dict[str, Any]:
    """One phase or step: the chosen method with why, then every method shown (the chosen
    first, then what else was close)."""
    dataset, answers = result.dataset, result.answers
    methods = [
        with_safeguards(dataset, result_doc(dataset, r, lang), r, answers, lang)
        for r in phase.methods
    ]
    chosen = None
    if methods:
        texts = [why_chosen_text(dataset, w, phase.phase, lang) for w in phase.why]
        why = [
            {"kind": w.kind, "other": w.other.method.id if w.other else None, "text": text}
            for w, text in zip(phase.why, texts, strict=True)
        ]
        chosen = {
            **methods[0],
            "why_chosen": why_chosen_sentences(dataset, phase, lang, full=True, texts=texts),
            "why": why,
            "does": statement_doc(dataset, phase.work, lang) if phase.work else None,
            "heard": list(phase.heard),
            "hearing": [
                {
                    "group": h.group,
                    "means": [safeguard_doc(dataset, g, lang) for g in h.means],
                    "how": statement_doc(dataset, h.how, lang) if h.how else None,
                }
                for h in phase.hearing
            ],
        }
    return {
        "phase": phase.phase,
        "label": phase_label(dataset, phase.phase, lang),
        "chosen": chosen,
        "methods": methods,
        "note": None if methods else nothing_text(dataset, phase, lang),
        "adapted": [statement_doc(dataset, s, lang) for s in phase.adapted],
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
                "rank": rank,
                "id": hit.method.id,
                "name": hit.method.name.get(lang),
                "score": hit.score,
                "field": hit.field,
                "snippet": hit.snippet,
            }
            for rank, hit in enumerate(result.hits, start=1)
        ],
    }


def answers_doc(dataset: Dataset, answers: Answers, lang: Lang) -> dict[str, Any]:
    """The answers by question key, as slugs; `labels` says each in words, in `lang`."""
    doc: dict[str, Any] = {}
    for question in dataset.questions:
        given = answers.get(question.key)
        if question.resources:
            doc[question.key] = dict(answers.resources)
            if question.value(FACILITATOR) is not None:
                # as earlier versions gave it: true, false, or null (unknown or unsure)
                have = answers.has(FACILITATOR)
                doc[FACILITATOR] = None if have in (None, "unsure") else have == "yes"
        elif question.multiple:
            doc[question.key] = list(given)
        else:
            doc[question.key] = given[0] if given else None
    doc["describe"] = answers.describe
    doc["labels"] = {
        question.key: {
            slug: question.value_label(slug, lang)
            for slug in (answers.resources if question.resources else answers.get(question.key))
        }
        for question in dataset.questions
        if answers.get(question.key) or (question.resources and answers.resources)
    }
    if answers.describe is not None:
        doc["understood"] = [
            {
                "question": u.question,
                "value": u.value,
                "words": list(u.words),
                "stance": u.stance,
                "cue": list(u.cue),
            }
            for u in answers.understood
        ]
        doc["unsure"] = [
            {
                "question": u.question,
                "value": u.value,
                "words": list(u.words),
                "flags": flags_of(dataset.question(u.question)),
            }
            for u in answers.understood
            if u.stance == "unsure" and answers.has(u.value) == "unsure"
        ]
    return doc


def reason_doc(dataset: Dataset, reason: Reason, lang: Lang) -> dict[str, Any]:
    """One reason; `weight` is always the fit on the dataset's scale (0 for a miss), null
    for the description's reason, whose `relevance` is a per cent."""
    described = reason.question == DESCRIBE
    return {
        "question": reason.question,
        "value": reason.value or None,
        "kind": reason.kind,
        # of what you have: the share of the method's needs you have, in `relevance`
        "weight": None if described or reason.question == HAVE else reason.weight,
        "relevance": reason.weight if described or reason.question == HAVE else None,
        "keep": reason.keep,
        "words": list(reason.words),
        "source": reason.source if reason.why is not None else None,
        "text": reason_text(dataset, reason, lang),
    }


def recommend_doc(result: RecommendResult, lang: Lang) -> dict[str, Any]:
    dataset = result.dataset
    return {
        "answers": answers_doc(dataset, result.answers, lang),
        "results": [
            with_safeguards(dataset, result_doc(dataset, r, lang), r, result.answers, lang)
            for r in result.results
        ],
        "left_out": [
            {
                "id": o.method.id,
                "name": o.method.name.get(lang),
                "because": o.because,
                "question": o.question or None,
                "score": o.score if o.because == "far_below" else None,
            }
            for o in result.left_out
        ],
        "explain": [explain_doc(result, explained, lang) for explained in result.explained],
        "checklist": checklist_doc(result, lang),
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
    """A dataset's validation: valid or not, and every problem with its place."""
    return {
        "file": result.file,
        "valid": result.valid,
        "methods": result.methods,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "method": p.method,
                "field": p.field,
                "message": p.message,
            }
            for p in result.problems
        ],
    }


def _year(source: Source) -> int | str | None:
    """A source's year as a number; a year that is no number (2019-2020) as written."""
    return int(source.year) if source.year and source.year.isdigit() else source.year


def questions_doc(result: QuestionList, lang: Lang) -> dict[str, Any]:
    """Every question: its key and option, the prompt in `lang`, the values it takes with
    their labels in both languages and their aliases."""
    return {
        "questions": [
            {
                "key": q.key,
                "flag": q.flag,
                "multiple": q.multiple,
                "resources": q.resources,
                "prompt": q.prompt.get(lang),
                "label": q.label.get(lang),
                "values": [
                    {
                        "value": v.slug,
                        "label": v.label.get(lang),
                        "labels": {"fi": v.label.fi, "en": v.label.en},
                        "aliases": list(v.aliases.all()),
                    }
                    for v in q.values
                ],
            }
            for q in result.dataset.questions
        ]
    }

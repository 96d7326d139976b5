"""The interface's own words in Finnish and English, and how the language is chosen."""

from __future__ import annotations

import os
import re

from .errors import UsageError
from .model import (
    JUDGEMENT,
    Answers,
    Dataset,
    Explanation,
    Lang,
    Question,
    Reason,
    RecommendResult,
    Unmet,
    Unsure,
    as_lang,
)

LANG_ENV = "OSALLISUUS_LANG"
# C0/C1 controls (but newline) and invisible direction/zero-width marks.
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"

_WORDS: dict[str, tuple[str, str]] = {
    # key: (fi, en)
    "id": ("tunnus", "id"),
    "method": ("menetelmä", "method"),
    "name": ("nimi", "name"),
    "goal": ("tavoite", "goal"),
    "description": ("kuvaus", "description"),
    "source": ("lähde", "source"),
    "describe": ("kuvaus tilanteesta", "your description"),
    "aliases": ("muut nimet", "other names"),
    "requirements": ("edellytykset", "requirements"),
    "attributes": ("soveltuvuus", "fit"),
    "rank": ("sija", "rank"),
    "match": ("osuvuus", "match"),
    "why": ("perustelut", "why"),
    "score": ("osuma", "score"),
    "snippet": ("kohta", "where"),
    "catalogue": ("Asiakasosallisuutta lisäävät menetelmät", "Client-participation methods"),
    "answers": ("Vastauksesi", "Your answers"),
    "understood": ("Kuvauksesta ymmärretty", "Understood from your description"),
    "from_words": ("sanoista", "from"),
    "nothing_understood": (
        "Kuvauksesta ei löytynyt tunnettuja vastauksia; kokeile kyselyä (osallisuus recommend "
        "ilman vastauksia) tai valitsimia kuten -t lapset.",
        "Nothing in the description matched a known answer; try the questionnaire (osallisuus "
        "recommend with no answers) or flags such as -t children.",
    ),
    "no_results": ("Mikään menetelmä ei sovi vastauksiin.", "No method fits these answers."),
    "no_hits": ("Haulla ei löytynyt menetelmiä.", "The search found no methods."),
    "fits": ("sopii", "fits"),
    "partly": ("osin", "partly"),
    "misses": ("ei sovi", "misses"),
    "text_match": ("vastaa kuvaustasi", "matches your description"),
    "warning": ("varoitus", "warning"),
    "unmet": ("edellytys ei täyty", "requirement not met"),
    "weight": ("paino", "weight"),
    "valid": ("kelvollinen", "valid"),
    "problems": ("ongelmaa", "problems"),
    "dataset_ok": (
        "Aineisto on kelvollinen: {methods} menetelmää.",
        "The dataset is valid: {methods} methods.",
    ),
    "rerun": ("Samat vastaukset komentona:", "The same answers as a command:"),
    "keeps": ("menetelmä säilyttää {keep} % pisteistään", "the method keeps {keep} % of its score"),
    "unsure": (
        "{question}: kuvauksesta ei selviä varmasti ({words}); kerro se valitsimella {flags}.",
        "{question}: the description does not say for sure ({words}); say it with {flags}.",
    ),
    "warned_heading": (
        "⚠ Alla olevat menetelmät tarvitsevat jotain, mikä vastaustesi mukaan puuttuu:",
        "⚠ The methods below need something your answers say is missing:",
    ),
    "left_out_purpose": (
        "Jätetty pois, koska ne eivät palvele mitään antamaasi tarkoitusta ({values}): {names}.",
        "Left out because they serve none of the purposes you gave ({values}): {names}.",
    ),
    "left_out_nothing": (
        "Ei yhtään osumaa vastauksiin: {names}.",
        "Fit none of your answers: {names}.",
    ),
    "explain_ranked": (
        "{name} on sijalla {rank}/{ranked} ({score} %).",
        "{name} ranks {rank} of {ranked} ({score} %).",
    ),
    "explain_first": (
        "Ensimmäisenä on {name} ({score} %).",
        "First is {name} ({score} %).",
    ),
    "explain_purpose": (
        "{name} jätettiin pois: se ei palvele mitään antamaasi tarkoitusta ({values}).",
        "{name} is left out: it serves none of the purposes you gave ({values}).",
    ),
    "explain_nothing": (
        "{name} jätettiin pois: se ei sovi yhteenkään vastaukseesi.",
        "{name} is left out: it fits none of your answers.",
    ),
    "explain_warned": (
        "Se on kaikkien varoituksettomien menetelmien alapuolella: {warnings}.",
        "It ranks below every method without a warning: {warnings}.",
    ),
    "explain_table": ("Vertailu kysymyksittäin", "Question by question"),
    "nothing_fits": ("ei sovi", "no fit"),
    "judgement": ("toimituksen arvio", "editors' judgement"),
    "other_sources": ("muut lähteet", "other sources"),
    "new_written": (
        "Kirjoitettu: {file}. Täytä jokainen FILL IN -kohta; osallisuus validate {file} "
        "kertoo jäljellä olevien rivit. Käytä sitten: osallisuus --data {file} recommend ...",
        "Written: {file}. Fill in every FILL IN text; osallisuus validate {file} names the "
        "line of each one left. Then use it: osallisuus --data {file} recommend ...",
    ),
    "origin_file": ("menetelmä tulee tiedostosta", "this method comes from"),
    "see_end": ("täydet viitteet lopussa", "full references at the end"),
    "memo_title": ("Suositellut osallisuusmenetelmät", "Recommended participation methods"),
    "memo_methods": ("Menetelmät ja perustelut", "Methods and reasons"),
    "preconditions": ("mitä menetelmä vaatii", "what the method takes"),
    "placements": ("osallisuuden kehyksissä", "in participation frameworks"),
    "knowledge_origin": ("alkuperä", "origin"),
    "knowledge_steps": ("miten menetelmä etenee", "how it runs"),
    "knowledge_roles": ("keitä tarvitaan", "who is needed"),
    "knowledge_strengths": ("vahvuudet", "strengths"),
    "knowledge_limits": ("rajoitukset ja sudenkuopat", "limits and pitfalls"),
    "knowledge_law": ("laki", "the law"),
    "checklist": (
        "Ennen kuin valitset: mitä menetelmät vaativat",
        "Before you choose: what the methods take",
    ),
    "checklist_unmet": ("vastaustesi mukaan puuttuu", "your answers say this is missing"),
    "plan_title": (
        "Osallisuussuunnitelma työn vaiheittain",
        "A participation plan across the phases of the work",
    ),
    "plan_phase": ("vaihe", "phase"),
    "plan_choice": ("valinta", "choice"),
    "plan_close": ("lähellä myös", "also close"),
    "plan_nothing": ("ei sopivaa menetelmää", "no method fits"),
    "plan_covers": (
        "Suunnitelma kattaa: {arenas}; tasot: {levels}.",
        "The plan covers: {arenas}; levels: {levels}.",
    ),
    "skip_hint": (
        "Valitse numerolla tai sanoin; useampi pilkulla erotettuna; Enter ohittaa.",
        "Choose by number or in words; several separated by commas; Enter skips.",
    ),
    "skip_hint_single": (
        "Valitse numerolla tai sanoin; Enter ohittaa.",
        "Choose by number or in words; Enter skips.",
    ),
    "bad_number": (
        "Valitse numero 1–{top}, ei {given}.",
        "Choose a number from 1 to {top}, not {given}.",
    ),
    "one_answer": ("Tähän kysymykseen käy yksi vastaus.", "This question takes one answer."),
    "written": ("Kirjoitettu: {path}", "Written: {path}"),
    "yes": ("kyllä", "yes"),
    "no": ("ei", "no"),
    # export handouts (render_export.py)
    "export_kicker": ("Menetelmäkortit", "Method cards"),
    "export_intro": (
        "Tavoite, kuvaus, soveltuvuus ja lähde jokaisesta menetelmästä, yksi menetelmä sivulla.",
        "The goal, description, fit and source of each method, one method to a page.",
    ),
    "export_contents": ("Sisällys", "Contents"),
    "export_fits": ("Mihin menetelmä sopii", "Where the method fits"),
    "export_scale": (
        "Soveltuvuus: {top} menetelmä on tehty juuri tähän, {low} sopii vain vähän. "
        "Jokaisen arvion perustelun ja lähteen näyttää osallisuus show TUNNUS.",
        "Fit: {top} what the method is made for, {low} a marginal fit. "
        "The reason and source of every rating: osallisuus show ID.",
    ),
    "export_sources": ("Lähteet", "Sources"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The interface text for `key` in `lang`, with {placeholders} filled in."""
    fi, en = _WORDS[key]
    text = fi if lang == "fi" else en
    return text.format(**values) if values else text


def pick_language(option: str | None) -> Lang:
    """--lang, else $OSALLISUUS_LANG, else the locale (fi_* -> fi), else English."""
    if option is not None:
        folded = option.strip().lower()
        if folded not in ("fi", "en"):
            raise UsageError(f"Unknown language {option!r}; use fi or en.", ("fi", "en"))
        return as_lang(folded)
    from_env = (os.environ.get(LANG_ENV) or "").strip().lower()[:2]
    if from_env in ("fi", "en"):
        return as_lang(from_env)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "fi" if value.lower().startswith("fi") else "en"
    return "en"


def reason_text(dataset: Dataset, reason: Reason, lang: Lang) -> str:
    """One human line for a reason; shared with the table renderer."""
    if reason.question == "describe":
        return f"{t('text_match', lang)} ({reason.weight} %)"
    label = dataset.question(reason.question).value_label(reason.value, lang)
    verdict = {"fit": "fits", "partial": "partly", "miss": "misses"}[reason.kind]
    head = f"{t(verdict, lang)}: {label}"
    if reason.keep is not None:
        return f"{head} — {t('keeps', lang, keep=reason.keep)}"
    if reason.why is None:
        return head
    why = f"{reason.why.get(lang)} [{provenance(dataset, reason.source, lang)}]"
    return f"{head} ({reason.weight}/{dataset.max_weight}) — {why}"


def provenance(dataset: Dataset, source_id: str, lang: Lang) -> str:
    """Where a statement comes from, as people read it: "Espoo 2010", "editors' judgement"."""
    if source_id == JUDGEMENT:
        return t("judgement", lang)
    return dataset.source(source_id).short()


def unsure_text(dataset: Dataset, unsure: Unsure, lang: Lang) -> str:
    """An answer the description touches but does not settle, with the flags that settle it."""
    question = dataset.question(unsure.question)
    words = ", ".join(f"“{w}”" for w in unsure.words)
    return t(
        "unsure", lang, question=question.label.get(lang), words=words, flags=flags_of(question)
    )


def flags_of(question: Question) -> str:
    """The options that answer a question: --facilitator or --no-facilitator, -t VALUE."""
    if question.boolean:
        return f"{question.flag} / --no-{question.flag.removeprefix('--')}"
    return question.flag


def left_out_text(dataset: Dataset, result: RecommendResult, lang: Lang) -> list[str]:
    """One line per reason methods were left out (none when nothing was)."""
    lines = []
    for because in ("purpose",):  # methods that fit nothing at all are no news
        left = [o for o in result.left_out if o.because == because]
        if not left:
            continue
        names = ", ".join(o.method.name.get(lang) for o in left)
        values = (
            ", ".join(
                dataset.question(left[0].question).value_label(v, lang)
                for v in result.answers.get(left[0].question)
            )
            if because == "purpose"
            else ""
        )
        lines.append(t(f"left_out_{because}", lang, names=names, values=values))
    return lines


def explanation_text(dataset: Dataset, explained: Explanation, answers: Answers, lang: Lang) -> str:
    """Why a method ranks where it does, or is left out, in a sentence or three."""
    name = explained.method.name.get(lang)
    result, left_out, first = explained.result, explained.left_out, explained.first
    if result is None:
        assert left_out is not None
        if left_out.because == "purpose":
            question = dataset.question(left_out.question)
            values = ", ".join(question.value_label(v, lang) for v in answers.get(question.key))
            return t("explain_purpose", lang, name=name, values=values)
        return t("explain_nothing", lang, name=name)
    parts = [
        t(
            "explain_ranked",
            lang,
            name=name,
            rank=result.rank,
            ranked=explained.ranked,
            score=result.score,
        )
    ]
    if result.warnings:
        warnings = "; ".join(w.why.get(lang).rstrip(".") for w in result.warnings)
        parts.append(t("explain_warned", lang, warnings=warnings))
    if first is not None and first.method.id != explained.method.id:
        parts.append(t("explain_first", lang, name=first.method.name.get(lang), score=first.score))
    return " ".join(parts)


def warning_text(dataset: Dataset, warning: Unmet, lang: Lang) -> str:
    source = provenance(dataset, warning.source, lang)
    return f"{t('unmet', lang)}: {warning.why.get(lang)} [{source}]"


def rerun_note(command: str, lang: Lang) -> str:
    """The questionnaire's answers as a command line, to rerun or share."""
    return f"\n{t('rerun', lang)}\n  {command}\n"


def safe(text: str) -> str:
    """Text with control characters shown as visible escapes (\\x1b), never obeyed by a terminal."""
    return re.sub(_CONTROL, _escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

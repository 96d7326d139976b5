"""The interface's own words in Finnish and English, and how the language is chosen."""

from __future__ import annotations

import os
import re

from .errors import UsageError
from .model import Dataset, Lang, Reason, Unmet, as_lang

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
        "Jokaisen arvion perustelu on kerrottu.",
        "Fit: {top} what the method is made for, {low} a marginal fit. "
        "Every rating gives its reason.",
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
    if reason.why is None:
        return head
    return f"{head} ({reason.weight}/{dataset.max_weight}) — {reason.why.get(lang)}"


def warning_text(warning: Unmet, lang: Lang) -> str:
    return f"{t('unmet', lang)}: {warning.why.get(lang)}"


def rerun_note(command: str, lang: Lang) -> str:
    """The questionnaire's answers as a command line, to rerun or share."""
    return f"\n{t('rerun', lang)}\n  {command}\n"


def safe(text: str) -> str:
    """Text with control characters shown as visible escapes (\\x1b), never obeyed by a terminal."""
    return re.sub(_CONTROL, _escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

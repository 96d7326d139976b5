"""The interactive questionnaire: one question at a time, numbered choices, Enter skips.

Numbers and words mix freely ("4, asukkaat"); "?" or "en tiedä" / "don't know" shows
the choices again; each answer is confirmed as understood before the next question;
a wrong answer is said plainly, in the words of the questionnaire (not of the options).

It shows and reads through a `Screen` it is given (`render_text.QuestionnaireScreen`
in a terminal, a fake in tests); Ctrl-C (KeyboardInterrupt) and end of input
(EOFError) pass through to the CLI edge.
"""

from __future__ import annotations

import re
from typing import Protocol

from .answers import LACK, RESOURCES
from .errors import UsageError
from .i18n import both, either, t
from .lookup import closest_values, value_matches
from .model import LANGS, Answers, Bilingual, Dataset, Have, Lang, Question
from .textanalysis import fold

# One answer: what was typed (a number or words) and the value it was understood as; in
# the question of what you have, a value you lack is written with LACK_MARK before it.
Understood = tuple[str, str]
LACK_MARK = "-"


class Screen(Protocol):
    def ask(self, number: int, total: int, question: Question, lang: Lang) -> None: ...
    def read(self, prompt: str) -> str: ...
    def problem(self, text: str) -> None: ...
    def confirm(self, question: Question, understood: list[Understood], lang: Lang) -> None: ...
    def done(self) -> None: ...


class ReadingScreen(Screen, Protocol):
    def reading(self, dataset: Dataset, answers: Answers, lang: Lang) -> None: ...


def check_reading(dataset: Dataset, answers: Answers, lang: Lang, screen: ReadingScreen) -> Answers:
    """What a description was read to say, for the planner to accept with Enter or correct:
    a question's number (or its name) asks that question again, its new answer replacing
    what was read (Enter there leaves it unanswered). The backstop for every misreading."""
    total = len(dataset.questions)
    while True:
        screen.reading(dataset, answers, lang)
        line = screen.read("> ").strip()
        if not line:
            screen.done()
            return answers
        number = _question_number(dataset, line)
        if number is None:
            screen.problem(t("check_which", lang, top=total))
            continue
        question = dataset.questions[number - 1]
        understood = _ask_one(number, total, question, lang, screen)
        screen.confirm(question, understood, lang)
        answers = _replaced(question, answers, [slug for _, slug in understood])


def _question_number(dataset: Dataset, line: str) -> int | None:
    """The question a line names: its number, or a word of its label or key."""
    if line.isdigit():
        number = int(line)
        return number if 1 <= number <= len(dataset.questions) else None
    wanted = line.casefold()
    for number, question in enumerate(dataset.questions, start=1):
        names = (question.key, question.label.fi, question.label.en, question.flag.lstrip("-"))
        if any(wanted == name.casefold() or wanted in name.casefold().split() for name in names):
            return number
    return None


def _replaced(question: Question, answers: Answers, slugs: list[str]) -> Answers:
    """The answers with one question's answer given anew."""
    if question.resources:
        have: dict[str, Have] = {
            s.removeprefix(LACK_MARK): "no" if s.startswith(LACK_MARK) else "yes" for s in slugs
        }
        return answers._replace(resources=have)
    choices = {key: values for key, values in answers.choices.items() if key != question.key}
    if slugs:
        order = [v.slug for v in question.values]
        choices[question.key] = tuple(sorted(dict.fromkeys(slugs), key=order.index))
    return answers._replace(choices=choices)


def ask_all(dataset: Dataset, lang: Lang, screen: Screen) -> dict[str, list[str]]:
    """Ask every question; the canonical slugs chosen, by question key (skipped ones left out).

    Until a question that counts in the score is answered, no method can fit: with every
    one of them skipped, the planner is told so and asked again from the first question
    (what was answered stays; Enter keeps it)."""
    chosen: dict[str, list[str]] = {}
    total = len(dataset.questions)
    while True:
        for number, question in enumerate(dataset.questions, start=1):
            understood = _ask_one(number, total, question, lang, screen)
            screen.confirm(question, understood, lang)
            slugs = list(dict.fromkeys(slug for _, slug in understood))
            if question.resources:
                have = [s for s in slugs if not s.startswith(LACK_MARK)]
                lack = [s.removeprefix(LACK_MARK) for s in slugs if s.startswith(LACK_MARK)]
                chosen.update({key: v for key, v in ((RESOURCES, have), (LACK, lack)) if v})
            elif understood:
                chosen[question.key] = slugs
        if any(q.weight > 0 for q in dataset.questions if q.key in chosen):
            break
        screen.problem(t("answer_one", lang))
    screen.done()
    return chosen


def _ask_one(
    number: int, total: int, question: Question, lang: Lang, screen: Screen
) -> list[Understood]:
    """One question, asked until its answer is understood (or skipped)."""
    screen.ask(number, total, question, lang)
    while True:
        line = screen.read("> ")
        if is_unsure(line):
            screen.ask(number, total, question, lang)  # the choices again
            continue
        try:
            return understand(question, line)
        except UsageError as exc:
            screen.problem(exc.text(lang))


def is_unsure(line: str) -> bool:
    """Whether the answer asks for the choices again: "?", "en tiedä", "don't know"."""
    folded = fold(line.strip().strip(".!").replace("’", "'"))
    words = {fold(word.strip()) for lang in LANGS for word in t("unsure_words", lang).split(",")}
    return folded in words or (folded != "" and set(folded) == {"?"})


def parse_choice(question: Question, line: str) -> list[str]:
    """The slugs of an answer line; empty means skip."""
    return list(dict.fromkeys(slug for _, slug in understand(question, line)))


def understand(question: Question, line: str) -> list[Understood]:
    """Each part of an answer line with the value it means: parts are separated by commas
    (numbers also by spaces), and each is a number or words; empty means skip."""
    understood: list[Understood] = []
    for part in (p.strip() for p in re.split(r"[,;]", line)):
        if not part:
            continue
        if question.resources and re.fullmatch(r"(?:-?\d+\s*)+", part):
            # "1 3 -2": have the first and third, lack the second
            for number in re.findall(r"-?\d+", part):
                lacked = number.startswith(LACK_MARK)
                slug = _numbered(question, number.removeprefix(LACK_MARK))
                understood.append((number, LACK_MARK + slug if lacked else slug))
        elif question.resources and part.startswith(LACK_MARK):
            words = part.removeprefix(LACK_MARK).strip()
            understood.append((part, LACK_MARK + _named(question, words)))
        elif re.fullmatch(r"[\d\s]+", part):
            understood += [(number, _numbered(question, number)) for number in part.split()]
        else:
            understood.append((part, _named(question, part)))
    if len({slug for _, slug in understood}) > 1 and not question.multiple:
        raise UsageError(both("one_answer"))
    return understood


def _numbered(question: Question, number: str) -> str:
    index = int(number)
    if not 1 <= index <= len(question.values):
        raise UsageError(both("bad_number", top=len(question.values), given=number))
    return question.values[index - 1].slug


def _named(question: Question, words: str) -> str:
    """The value the words mean; else a plain sentence naming the likeliest choices."""
    found = value_matches(question, words)
    if len(found) == 1:
        return found[0]
    slugs = found or closest_values(question, words)
    choices = Bilingual(
        either(question.value_label(slug, "fi") for slug in slugs).fi,
        either(question.value_label(slug, "en") for slug in slugs).en,
    )
    key = "choice_ambiguous" if found else "choice_unknown"
    raise UsageError(both(key, given=words, choices=choices), slugs)

"""Stage 8, asked: the questions a text asks that the plan answers (`plan.asked`).

Planners end their messages with a question of their own: "Mikko kysyy, voisiko tehdä
vain nettikyselyn", "Could we just send a survey?", "they are afraid it goes into their
records". A topic is asked when a sentence names one of its terms and either ends in a
question mark or has one of the topic's cue words, or the sentence right after it has one
("we sent a paper questionnaire; response rate 19 %"). The answer is data, with its
sources.
"""

from __future__ import annotations

from ..model import AskedTopic, Dataset, Lang
from ..textanalysis import per_object_and_langs
from .lexicon import PhraseIndex, phrases_of
from .tokens import Text, found_outside


def topics_asked(dataset: Dataset, text: Text) -> tuple[str, ...]:
    """The slugs of the topics the text asks about, in the dataset's order."""
    questions = {text.sentence[p] for c in text.questions for p in text.clause_span[c]}
    asked: list[str] = []
    for topic, (terms, cues) in zip(dataset.plan.asked, _indexes(dataset, text.langs), strict=True):
        named = {text.sentence[at[0]] for at in found_outside(terms, text, frozenset())}
        cued = {text.sentence[at[0]] for at in found_outside(cues, text, frozenset())}
        if any(n in questions or n in cued or n + 1 in cued for n in named):
            asked.append(topic.slug)
    return tuple(asked)


@per_object_and_langs
def _indexes(
    dataset: Dataset, langs: tuple[Lang, ...]
) -> tuple[tuple[PhraseIndex, PhraseIndex], ...]:
    return tuple(_topic_index(topic, langs) for topic in dataset.plan.asked)


def _topic_index(topic: AskedTopic, langs: tuple[Lang, ...]) -> tuple[PhraseIndex, PhraseIndex]:
    return PhraseIndex(phrases_of(topic.terms, langs)), PhraseIndex(phrases_of(topic.cues, langs))

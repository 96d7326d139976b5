"""Stage 4, answers: what the wanted mentions answer, and what you have.

Only a wanted mention answers its question. A broad value (clients) is read only when
no narrower value of its question is, or when it is said outright ("adult social
work", aikuissosiaalityö). A single-answer question named with several values takes a
prevailing value over values only keywords name, then the one said with more words,
then the earlier. A value that another wanted value read in the same sentence `covers`
is part of it ("arvioida esitettä" is materials, not also feedback). Of what you have,
the last mention that says available or unavailable decides; when none does, the
resource is unsure (to check).

Every mention that is not wanted is kept as a reading too, with its stance and cue,
so that the planner sees what was set aside and why.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from ..model import Dataset, Lang, Question, Terms, Understood
from ..records import Record
from ..textanalysis import Word, per_object_and_langs, untag
from .lexicon import SPECIFIC_MODIFIER, Mention, PhraseIndex, answer_number, phrases_of
from .stance import Stanced, StancedMention
from .tokens import Text, found_outside


class Answered(Record):
    """Stage 4's output: the readings, wanted answers first (one per value, in the
    questions' order), then what you have (one per resource), then what was not wanted."""

    understood: tuple[Understood, ...]


def to_answers(dataset: Dataset, text: Text, stanced: Stanced) -> Answered:
    """The answers the text gives, what you have, and the readings it does not answer."""
    wanted = [s.mention for s in stanced.mentions if s.stance == "wanted"]
    wanted = _not_covered(dataset, text, wanted)
    wanted, side = _main_ask(dataset, text, wanted)
    wanted, dropped = _not_refused(dataset, text, stanced, wanted)
    side += dropped
    have = [s for s in stanced.mentions if dataset.questions[s.mention.term.question].resources]
    others = [
        s
        for s in stanced.mentions
        if s.stance != "wanted" and not dataset.questions[s.mention.term.question].resources
    ]
    return Answered(
        (
            *_answers(dataset, wanted),
            *_resources(dataset, have),
            *_set_apart(dataset, [*others, *side]),
        )
    )


def _not_refused(
    dataset: Dataset, text: Text, stanced: Stanced, matches: Sequence[Mention]
) -> tuple[list[Mention], list[StancedMention]]:
    """The wanted mentions but those of an answer a risk's words take away (`Risk.drops`:
    "he doesn't want his parents involved" — the families take part nowhere else either);
    those are kept aside with the stance the refusal gave them."""
    refused: set[tuple[int, int]] = set()
    said: list[StancedMention] = []
    indexes = _drops_index(dataset, text.langs)
    for risk in dataset.language.risks:
        if risk.drops is None:
            continue
        answer = answer_number(dataset, risk.drops.answer.question, risk.drops.answer.value)
        if answer is None:
            continue
        for at in found_outside(indexes[risk.id], text, frozenset()):
            refused.add(answer)
            # the refusal's own word for them ("his parents"), when the lexicon knows it
            said += [
                s
                for s in stanced.mentions
                if s.mention.answer == answer and not set(at).isdisjoint(s.mention.positions)
            ]
    return [m for m in matches if m.answer not in refused], said[:1]


@per_object_and_langs
def _drops_index(dataset: Dataset, langs: tuple[Lang, ...]) -> dict[str, PhraseIndex]:
    return {
        risk.id: PhraseIndex(phrases_of(risk.drops.terms, langs))
        for risk in dataset.language.risks
        if risk.drops is not None
    }


def _main_ask(
    dataset: Dataset, text: Text, matches: Sequence[Mention]
) -> tuple[list[Mention], list[StancedMention]]:
    """What the planner marks as the main thing ("Pääasia: …", `language.main_ask`), to
    the end of its sentence: a question that must fit (who takes part, what for) and is
    answered there keeps only the answers read there ("monta kehittämisasiaa … Tärkein
    juttu nyt: uusi asukasopas" asks for the guide, not for development at large)."""
    marked: set[int] = set()
    cue: tuple[str, ...] = ()
    for _, positions in _main_ask_phrases(dataset, text.langs).find(text.token_words):
        last = positions[-1]
        span = text.sentence_span[text.sentence[last]]
        marked.update(range(last + 1, span.stop))
        cue = cue or tuple(text.tokens[p].text for p in positions)
    main = {
        m.term.question
        for m in matches
        if dataset.questions[m.term.question].must_fit is not None and m.first in marked
    }
    said = {m.answer for m in matches if m.first in marked}
    # "maahanmuuttajaperheitä … Pääasia: … yhdessä perheiden kanssa": a word read as an
    # answer the main thing says too is who it refers back to, all it was read as
    again = {m.first for m in matches if m.first not in marked and m.answer in said}
    kept = [
        m for m in matches if m.term.question not in main or m.first in marked or m.first in again
    ]
    side = [StancedMention(m, "passing", cue) for m in matches if m not in kept]
    return kept, side


@per_object_and_langs
def _main_ask_phrases(dataset: Dataset, langs: tuple[Lang, ...]) -> PhraseIndex:
    return PhraseIndex(phrases_of(dataset.language.main_ask, langs))


def _not_covered(dataset: Dataset, text: Text, matches: Sequence[Mention]) -> list[Mention]:
    """Without the values another value read in the same sentence covers (`covers`):
    "omaishoitajat arvioivat esitteen" is the materials method, not also feedback."""
    covered: set[tuple[tuple[int, int] | None, int]] = set()  # (answer, sentence)
    for match in matches:
        question = dataset.questions[match.term.question]
        for slug in question.values[match.term.value].covers:
            answer = answer_number(dataset, question.key, slug)
            covered.add((answer, text.sentence[match.first]))
    return [
        m
        for m in matches
        if ((m.term.question, m.term.value), text.sentence[m.first]) not in covered
    ]


def _answers(dataset: Dataset, found: Sequence[Mention]) -> tuple[Understood, ...]:
    """One answer per value, broad values only where nothing narrower was read, in order."""
    by_answer: dict[tuple[int, int], dict[int, Word]] = {}
    # A broad value said outright (a term of several words, a long specific word, or
    # the head of a compound: aikuissosiaalityö is social work) stays beside narrower
    # ones; "asiakkaana" (as a client) in passing does not.
    outright: set[tuple[int, int]] = set()
    named: set[tuple[int, int]] = set()  # read from a name, not only from keywords
    for mention in found:
        words = by_answer.setdefault(mention.answer, {})
        words.update({word.token.start: word for word, _ in mention.used})
        if _outright(mention):
            outright.add(mention.answer)
        if mention.term.name:
            named.add(mention.answer)
    _clients_are(dataset, by_answer)
    out: list[Understood] = []
    for q_number, question in enumerate(dataset.questions):
        values = sorted((v, words) for (q, v), words in by_answer.items() if q == q_number)
        narrow = [
            (v, w) for v, w in values if not question.values[v].broad or (q_number, v) in outright
        ]
        if narrow:
            values = narrow
        if not question.multiple and len(values) > 1:
            values = _one_of(question, q_number, values, named)
        for v_number, used in values:
            text_words = tuple(dict.fromkeys(used[start].token.text for start in sorted(used)))
            slug = question.values[v_number].slug
            out.append(Understood(question.key, slug, text_words))
    return _implied(dataset, out)


def _implied(dataset: Dataset, found: list[Understood]) -> tuple[Understood, ...]:
    """A question with no answer takes the value that an answer read implies
    (`implied_by`), with that answer's words: one client's case with no aim said is work
    on that client's case and plan."""
    words = {(u.question, u.value): u.words for u in found}
    answered = {u.question for u in found}
    out = list(found)
    for question in dataset.questions:
        if question.key in answered:
            continue
        for value in question.values:
            by_question, _, by_value = value.implied_by.partition(":")
            implying = words.get((by_question, by_value)) if value.implied_by else None
            if implying:
                out.append(Understood(question.key, value.slug, implying))
                break
    order = {q.key: n for n, q in enumerate(dataset.questions)}
    return tuple(sorted(out, key=lambda u: order[u.question]))


def _clients_are(dataset: Dataset, by_answer: dict[tuple[int, int], dict[int, Word]]) -> None:
    """The clients of a service made for one group are that group (`clients_are`): when a
    broad value is read ("palvelun käyttäjiä", "clients") and a service read names whose
    clients they are, the group takes the broad value's place, with its words. Not when
    another service read names no group ("aikuissosiaalityön asiakkaat ja vammaispalvelut":
    whose clients is not said)."""
    for q, v in list(by_answer):
        named = dataset.questions[q].values[v].clients_are
        services = [n for t, n in by_answer if t == q]
        if not named or not all(dataset.questions[q].values[n].clients_are for n in services):
            continue
        question, _, value = named.partition(":")
        answer = answer_number(dataset, question, value)
        if answer is None:
            continue
        target, group = answer
        values = dataset.questions[target].values
        for t, n in list(by_answer):
            if t == target and values[n].broad:
                by_answer.setdefault((target, group), {}).update(by_answer.pop((t, n)))


def _one_of(
    question: Question,
    q_number: int,
    values: list[tuple[int, dict[int, Word]]],
    named: set[tuple[int, int]],
) -> list[tuple[int, dict[int, Word]]]:
    """The one answer of a single-answer question the text names several values of: a
    prevailing value over values only keywords name, then the one said with more
    words, then the earlier."""
    prevailing = [v for v in values if question.values[v[0]].prevails]
    if prevailing and all(
        (q_number, v) not in named for v, _ in values if not question.values[v].prevails
    ):
        values = prevailing
    return [min(values, key=lambda item: (-len(item[1]), min(item[1]), item[0]))]


def _outright(mention: Mention) -> bool:
    """A name of the value (not a keyword such as sosiaalityöntekijä): of several words,
    as a compound's head, or one long (specific) word whole."""
    kinds = {kind for _, kind in mention.used}
    long_word = any(len(untag(k)[1]) >= SPECIFIC_MODIFIER for k in mention.term.words[0].keys)
    return mention.term.name and (
        len(mention.term.words) > 1 or "head" in kinds or (kinds == {"whole"} and long_word)
    )


def _resources(dataset: Dataset, have: Sequence[StancedMention]) -> tuple[Understood, ...]:
    """One reading per resource the text mentions: the last mention that says available
    or unavailable decides, else it is unsure."""
    by_value: dict[tuple[int, int], StancedMention] = {}
    for stanced in have:  # in text order
        earlier = by_value.get(stanced.mention.answer)
        if earlier is None or stanced.stance != "unsure" or earlier.stance == "unsure":
            by_value[stanced.mention.answer] = stanced
    out = []
    for (q_number, v_number), stanced in sorted(by_value.items()):
        question = dataset.questions[q_number]
        words = stanced.mention.words()
        out.append(
            Understood(
                question.key, question.values[v_number].slug, words, stanced.stance, stanced.cue
            )
        )
    return tuple(out)


def _set_apart(dataset: Dataset, others: Sequence[StancedMention]) -> tuple[Understood, ...]:
    """A reading per answer, stance and cue that the text names but does not ask for."""
    out: dict[tuple[str, str, str, tuple[str, ...]], Understood] = {}
    for stanced in others:
        question = dataset.questions[stanced.mention.term.question]
        slug = question.values[stanced.mention.term.value].slug
        key = (question.key, slug, stanced.stance, stanced.cue)
        words = stanced.mention.words()
        before = out.get(key)
        if before is not None:
            words = tuple(dict.fromkeys((*before.words, *words)))
        out[key] = Understood(question.key, slug, words, stanced.stance, stanced.cue)
    return tuple(out.values())


_RISK_NEGATED = 2  # "no threats", "ei ole ollut uhkaavia tilanteita": a negation so near


def risks_named(
    dataset: Dataset, text: Text, aside: Set[int], negations: Sequence[int]
) -> tuple[str, ...]:
    """The risks of `language.risks` whose words the text has, outside the positions
    given (what it sets aside) and not right after a negation in the same clause; or, for
    a risk's `together` words, with one of its `near` words in the same sentence."""
    indexes = _risk_index(dataset, text.langs)

    def said(index: PhraseIndex, safety: bool) -> list[list[int]]:
        return [
            at
            for at in found_outside(index, text, frozenset() if safety else aside)
            if not any(
                0 < at[0] - mark <= _RISK_NEGATED and text.clause[mark] == text.clause[at[0]]
                for mark in negations
            )
        ]

    found = []
    for risk in dataset.language.risks:
        terms, together, near = indexes[risk.id]
        named = bool(said(terms, risk.safety))
        if not named and together is not None and near is not None:
            near_in = {text.sentence[at[0]] for at in found_outside(near, text, frozenset())}
            named = any(text.sentence[at[0]] in near_in for at in said(together, risk.safety))
        if named:
            found.append(risk.id)
    return tuple(found)


_RiskIndexes = tuple[PhraseIndex, PhraseIndex | None, PhraseIndex | None]


@per_object_and_langs
def _risk_index(dataset: Dataset, langs: tuple[Lang, ...]) -> dict[str, _RiskIndexes]:
    def index(terms: Terms | None) -> PhraseIndex | None:
        return None if terms is None else PhraseIndex(phrases_of(terms, langs))

    return {
        risk.id: (
            PhraseIndex(phrases_of(risk.terms, langs)),
            index(risk.together.terms if risk.together else None),
            index(risk.together.near if risk.together else None),
        )
        for risk in dataset.language.risks
    }


def ages_given(dataset: Dataset, text: Text, stanced: Stanced) -> tuple[int, ...]:
    """The ages the text gives those taking part: each age phrase read as a wanted mention
    (its highest year), and the age of majority, once, when it says they are of age
    without a number ("young adults", `language.ages.adult_terms`)."""
    wanted_at = {s.mention.positions for s in stanced.mentions if s.stance == "wanted"}
    ages = tuple(
        max(years)
        for years, positions, _ in text.ages
        if years and tuple(sorted({text.token_words[p].token.pos for p in positions})) in wanted_at
    )
    rule = dataset.language.ages
    if rule is None or rule.adult_from is None:
        return ages
    adult = next(found_outside(_adult_index(dataset, text.langs), text, stanced.aside), None)
    return ages if adult is None else (*ages, rule.adult_from)


@per_object_and_langs
def _adult_index(dataset: Dataset, langs: tuple[Lang, ...]) -> PhraseIndex:
    ages = dataset.language.ages
    return PhraseIndex(phrases_of(ages.adult_terms, langs) if ages else ())


def served_groups(
    dataset: Dataset, stanced: Stanced, understood: tuple[Understood, ...]
) -> tuple[str, ...]:
    """The groups the text names only as whom the service is for (counted or aged beside
    another group: `stance.Stanced.served`), that it does not also ask to take part; not
    a broad one ("asiakkaista": clients), whose narrower group is the one served."""
    asked = {(u.question, u.value) for u in understood if u.stance == "wanted"}
    out: list[str] = []
    for q_number, v_number in sorted(stanced.served):
        question = dataset.questions[q_number]
        value = question.values[v_number]
        slug = value.slug
        if not value.broad and (question.key, slug) not in asked and slug not in out:
            out.append(slug)
    return tuple(out)

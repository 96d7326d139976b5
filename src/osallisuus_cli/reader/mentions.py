"""Stage 2, mentions: every term of the dataset's vocabulary the text contains.

One word answers one question: where a word could answer two, the stronger term takes
it (more words over fewer, a whole word over a compound's part, the weightier
question, a name over a keyword, the earlier question); only the parts of a Finnish
compound may answer two values of one question (maahanmuuttajaperhe: immigrants and
families). A word of `language.generic` is never a mention on its own. A compound's
first part counts only when it is specific (lastensuojelutyö: child welfare; lapsiperhe
is no child), or when the lexicon writes the term with a hyphen ("päihde-"). An age
names the group whose years hold it (`language.ages`) and, one person's or many
people's, the level. A service any group may have is the service of the group named
with it (`language.shared_services`).
"""

from __future__ import annotations

from bisect import bisect_left

from ..model import AnswerRef, Dataset, Lang, Terms
from ..records import Record
from ..textanalysis import MatchKind, Word, fold, per_object, per_object_and_langs
from .lexicon import (
    GAP,
    WHOLE,
    Mention,
    PhraseIndex,
    Term,
    WordSet,
    answer_number,
    counts,
    in_language,
    lexicon,
    phrases_of,
    word_set,
)
from .tokens import Text


class Mentions(Record):
    """Stage 2's output: the mentions, in the order the text makes them."""

    mentions: tuple[Mention, ...]


def find_mentions(dataset: Dataset, text: Text) -> Mentions:
    """Every answer the text mentions, each word answering one question, shared services
    as their group's, covered values left to the value that covers them."""
    found = _referring_back(_candidates(dataset, text))
    found += _shared_services(dataset, text, found)
    return Mentions(tuple(sorted(found, key=lambda m: (m.first, m.last))))


def _referring_back(found: list[Mention]) -> list[Mention]:
    """A one-word mention that repeats the last word of a longer term said before it means
    what that term meant: "palvelutalon asukkaat ... asukkaita itseään" are the older
    people of the home, not the municipality's residents."""
    longer = sorted((m for m in found if len(m.term.words) > 1), key=lambda m: m.first)
    if not longer:
        return found
    # Each longer term said before the word, latest first: positions computed once and
    # the search stopped at the first that fits, so a long text is not quadratic.
    starts = [m.first for m in longer]
    ends = [m.last for m in longer]
    out: list[Mention] = []
    for mention in found:
        if len(mention.term.words) == 1 and len(mention.used) == 1:
            keys = mention.used[0][0].keys
            first = mention.first
            for i in range(bisect_left(starts, first) - 1, -1, -1):
                said_by = longer[i]
                if (
                    ends[i] < first
                    and said_by.term.question == mention.term.question
                    and said_by.answer != mention.answer
                    and said_by.used[-1][0].keys & keys
                ):
                    said = said_by.term
                    mention = Mention(
                        Term(said.question, said.value, said.words[-1:], False), mention.used
                    )
                    break
        out.append(mention)
    return out


@per_object
def _generic(dataset: Dataset) -> WordSet:
    return word_set(dataset.language.generic)


@per_object
def _title_heads(dataset: Dataset) -> frozenset[str]:
    """The keys of the heads that make a compound a person's title."""
    return word_set(dataset.language.title_heads).keys


@per_object_and_langs
def _shared_phrases(dataset: Dataset, langs: tuple[Lang, ...]) -> PhraseIndex:
    rule = dataset.language.shared_services
    return PhraseIndex(phrases_of(rule.terms, langs) if rule else ())


def _ref(dataset: Dataset, answer: AnswerRef | None) -> tuple[int, int] | None:
    return None if answer is None else answer_number(dataset, answer.question, answer.value)


def _candidates(dataset: Dataset, text: Text) -> list[Mention]:
    """Every lexicon term the text contains, each word answering one question only."""
    vocabulary = lexicon(dataset, text.langs)
    generic = _generic(dataset)
    titles = _title_heads(dataset)
    resources = frozenset(n for n, q in enumerate(dataset.questions) if q.resources)
    # term -> position of the term's word -> (text word, how it met)
    met: dict[int, dict[int, list[tuple[Word, MatchKind]]]] = {}
    for word in text.words:
        hits = [
            hit
            for hit in vocabulary.words.lookup(word, fuzzy=False)
            if counts(hit)
            and (vocabulary.any_language[hit.doc] or in_language(hit, word, text.langs))
        ]
        if generic.has(word):
            # yhdessä (together) is no form of yksi (one) here: a passing word meets a
            # term's word only as itself ("group" in "client group") or as another
            # passing word (tilanteessa ~ "perheen tilanne")
            hits = [
                hit
                for hit in hits
                if hit.word.token.folded == word.token.folded or generic.has(hit.word)
            ]
        # ...and a passing word inside a compound (esiopetus+ryhmä) meets none.
        hits = [hit for hit in hits if hit.kind == "whole" or not generic.has(hit.word)]
        if word.parts and word.parts[-1] in titles:
            # a title's first part says what the person does, not what is asked
            hits = [hit for hit in hits if hit.kind != "modifier"]
        if any(hit.kind == "whole" for hit in hits):
            # omaishoitaja is a caregiver; its head hoitaja (a nurse) is no longer news.
            hits = [hit for hit in hits if hit.kind == "whole"]
        for hit in hits:
            met.setdefault(hit.doc, {}).setdefault(hit.word.token.pos, []).append((word, hit.kind))
        folded = word.token.folded
        for first, number in vocabulary.first_parts:
            if folded.startswith(first) and len(folded) > len(first):
                met.setdefault(number, {}).setdefault(0, []).append((word, "modifier"))
    candidates: list[Mention] = []
    for number, by_position in met.items():
        term = vocabulary.terms[number]
        if len(term.words) == 1:
            # each occurrence on its own: "disabled ... disability" are two answers
            candidates += [
                Mention(term, (pair,))
                for pairs in by_position.values()
                for pair in pairs
                if not generic.has(pair[0])  # "people", "ongelma": no answer alone
            ]
            continue
        # every place the term stands ("family carers' views ... evenings for family
        # carers": both, or the second "family" would answer families on its own)
        while (used := placed(len(term.words), by_position, term.gap)) is not None:
            # the words of a term stand in one sentence ("lives alone. Children" is no
            # "adult children"); a comma may part them ("ulkopuolinen, kokenut vetäjä")
            if len({text.sentence[word.token.pos] for word, _ in used}) == 1:
                candidates.append(Mention(term, tuple(used)))
            taken_at = {word.token.pos for word, _ in used}
            by_position = {
                at: free
                for at, pairs in by_position.items()
                if (free := [pair for pair in pairs if pair[0].token.pos not in taken_at])
            }
    for ident, positions in vocabulary.phrase_index.find(text.token_words):
        term = vocabulary.terms[vocabulary.phrases[ident]]
        candidates.append(Mention(term, tuple((text.token_words[p], WHOLE) for p in positions)))
    ages = _age_matches(dataset, text)
    candidates += [group for group, _ in ages]
    candidates += _named_cases(dataset, text)
    # Strongest first: longer terms, whole words over compound parts (a
    # varhaiskasvatussuunnitelma is an ECEC plan before it is a plan), the weightier
    # question ("development" is what it is for before it is a phase), names over
    # keywords, then the question's order.
    weights = [question.weight for question in dataset.questions]
    candidates.sort(
        key=lambda m: (
            -len(m.term.words),
            any(kind != "whole" for _, kind in m.used),
            -weights[m.term.question],
            not m.term.name,
            m.term.question,
        )
    )
    taken: dict[int, list[Mention]] = {}  # token position -> the matches that took it
    chosen: list[Mention] = []
    for match in candidates:
        if any(
            not _can_share(match, kind, other, resources)
            for word, kind in match.used
            for other in taken.get(word.token.pos, ())
        ):
            continue
        chosen.append(match)
        for word, _ in match.used:
            taken.setdefault(word.token.pos, []).append(match)
    # An age also answers the level ("a 9-year-old girl": one client; "5-year-olds": a group).
    kept = {id(match) for match in chosen}
    chosen += [person for group, person in ages if id(group) in kept and person is not None]
    return chosen


def _named_cases(dataset: Dataset, text: Text) -> list[Mention]:
    """Each name in the possessive right before a noun of `language.named_case` ("Teron
    asia", "Tero's case"), or a surname before one of its `families` ("Korhosen perhe",
    "Item 4: Korhonen family."), as that answer: a capitalised word inside its sentence,
    ending in the Finnish genitive's -n or the English 's."""
    named = dataset.language.named_case
    answer = None if named is None else _ref(dataset, named.answer)
    if named is None or answer is None:
        return []
    nouns = _case_nouns(dataset)
    # English writes a compound apart ("the Eastern family centre" is a service), so its
    # family noun names a family only at its clause's end; a Finnish one is whole
    # ("perhekeskus"), so any of its forms does ("Korhosen perhe on väsynyt")
    anywhere = {fold(f) for f in named.families.fi}
    at_the_end = {fold(f) for f in named.families.en}
    out: list[Mention] = []
    words = text.token_words
    for at in range(1, len(words) - 1):
        name, noun = words[at], words[at + 1]
        written = name.token.text
        last = at + 2 >= len(words) or text.clause[at + 1] != text.clause[at + 2]
        folded = noun.token.folded
        family = folded in anywhere or (folded in at_the_end and last)
        if (
            written[:1].isupper()
            and text.sentence[at - 1] == text.sentence[at]
            and written.replace("’", "'").endswith(("n", "'s"))
            and (nouns.has(noun) or family)
        ):
            term = Term(*answer, (name, noun), True)
            out.append(Mention(term, ((name, WHOLE), (noun, WHOLE))))
    return out


@per_object
def _case_nouns(dataset: Dataset) -> WordSet:
    named = dataset.language.named_case
    return word_set(named.nouns if named is not None else Terms())


def _age_matches(dataset: Dataset, text: Text) -> list[tuple[Mention, Mention | None]]:
    """Each age in the text as an answer of `language.ages`, with the level it says: one
    person's ("a 9-year-old", "14-vuotiaan") or many people's ("5-year-olds"), or None."""
    ages = dataset.language.ages
    if ages is None:
        return []
    person = _ref(dataset, ages.one_person)
    people = _ref(dataset, ages.several_people)
    out: list[tuple[Mention, Mention | None]] = []
    for years, positions, singular in text.ages:
        used = tuple((text.token_words[pos], WHOLE) for pos in positions)
        # "residents aged 24–67": ages between them that no group holds make it a mix of
        # adults, no group of its own
        spanned = range(min(years), max(years) + 1)
        mixed = any(not any(g.low <= age <= g.high for g in ages.groups) for age in spanned)
        answers = dict.fromkeys(
            answer_number(dataset, ages.question, group.value)
            for age in years
            for group in ages.groups
            if group.low <= age <= group.high and not mixed
        )
        words = tuple(word for word, _ in used)
        level = person if singular else people
        groups = [answer for answer in answers if answer is not None]
        for answer in groups:
            group = Mention(Term(*answer, words, True), used)
            one = None if level is None else Mention(Term(*level, words, True), used)
            out.append((group, one))
        if not groups and level is not None:
            # "asiakkaan (45v) asiat": an age no group holds still says one person's case
            out.append((Mention(Term(*level, words, True), used), None))
    return out


def _can_share(
    match: Mention, kind: MatchKind, other: Mention, resources: frozenset[int] = frozenset()
) -> bool:
    """Two answers from one word: different parts of a compound, for one question; a name
    that ends a longer term of another question, of several words or ending a term of
    three ("services for older people": elderly care, and older people take part; "vaikea
    saada palautetta": hard to reach, and feedback); or two names of several words of
    different questions meeting at one word ("disability services unit")."""
    other_kind = next(k for w, k in other.used if w.token.pos in match.positions)
    if (match.term.question in resources) != (other.term.question in resources):
        # "tulkki": what you have and who takes part (immigrants, and an interpreter)
        return True
    if match.term.question != other.term.question and {kind, other_kind} == {
        "modifier",
        "whole",
    }:
        # "kotoutumispalvelujen": the first part names a group (immigrants), the whole
        # word a service (integration services)
        return True
    if match.term.question == other.term.question:
        return kind != other_kind and "whole" not in (kind, other_kind)
    # "kotihoidon asiakkaat", "palvelutalon asukkaat": a service's word that begins the
    # name of its people answers too (home care, and older people take part)
    begins_other = (
        match.term.question != other.term.question
        and not other.term.name
        and len(other.term.words) > 1
        and match.positions == other.positions[: len(match.positions)]
    )
    if not match.term.name:
        return begins_other
    if not (len(match.term.words) > 1 or len(other.term.words) > 2):
        return begins_other
    ends_other = match.positions == other.positions[len(other.positions) - len(match.positions) :]
    # "disability services unit": two names of several words meeting at one word
    meets = (
        other.term.name
        and len(other.term.words) > 1
        and len(set(match.positions) & set(other.positions)) == 1
        and (match.first == other.last or match.last == other.first)
    )
    return ends_other or begins_other or bool(meets)


def placed(
    size: int, by_position: dict[int, list[tuple[Word, MatchKind]]], gap: int = GAP
) -> list[tuple[Word, MatchKind]] | None:
    """Text words covering every word of a term of `size` words, close together, or None."""
    if len(by_position) < size:
        return None
    # In the term's own order ("service housing" is not "housing services"), close together.
    span = size + gap
    ordered = [by_position[position] for position in sorted(by_position)]
    placements: list[list[tuple[Word, MatchKind]]] = []
    for first in ordered[0]:
        start = first[0].token.pos
        chosen = [first]
        for pairs in ordered[1:]:
            after = chosen[-1][0].token.pos
            found = next(
                (p for p in pairs if after < p[0].token.pos <= start + span),
                None,
            )
            if found is None:
                break
            chosen.append(found)
        else:
            placements.append(chosen)
    # The tightest: "four children ... child welfare" is child welfare where it is written.
    return min(placements, key=lambda c: c[-1][0].token.pos - c[0][0].token.pos, default=None)


def _shared_services(dataset: Dataset, text: Text, matches: list[Mention]) -> list[Mention]:
    """The service a shared service term is by the group named in its sentence
    (`language.shared_services`): "kehitysvammaisten päivätoiminta" is a disability
    service."""
    rule = dataset.language.shared_services
    if rule is None:
        return []
    # the sentences each group is named in
    sentences: dict[tuple[int, int], set[int]] = {}
    for m in matches:
        sentences.setdefault(m.answer, set()).add(text.sentence[m.first])
    # the service each group named in the text makes a shared service
    services = [
        (sentences[group], service)
        for served in rule.by_group
        if (group := _ref(dataset, served.group)) in sentences
        and (service := _ref(dataset, served.service)) is not None
    ]
    out: list[Mention] = []
    for _, found in _shared_phrases(dataset, text.langs).find(text.token_words):
        used = tuple((text.token_words[p], WHOLE) for p in found)
        words = tuple(word for word, _ in used)
        out += [
            Mention(Term(*service, words, False), used)
            for named_in, service in services
            if text.sentence[found[0]] in named_in
        ]
    return out

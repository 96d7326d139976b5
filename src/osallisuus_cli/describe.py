"""Read a free-text situation: the answers it names, and how near each method it is.

Answers come from the dataset's lexicon only (each value's label, aliases and
keywords), so an unrelated sentence yields nothing rather than a guess. The rules
(README "Text understanding"):

- One word answers one question: where a word could answer two, the stronger term
  takes it (more words over fewer, a name over a keyword, the earlier question);
  only the parts of a Finnish compound may answer two values of one question
  (maahanmuuttajaperhe: immigrants and families).
- A word of the dataset's `language.generic` list is never an answer on its own.
- A broad value (clients) is read only when no narrower value of its question is, or
  when it is said outright ("adult social work", aikuissosiaalityö).
- A compound's first part answers only when it is long enough to be specific
  (lastensuojelutyö: child welfare; lapsiperhe is no child), or when the lexicon writes
  the term with a hyphen ("päihde-": päihdeklinikka is a substance abuse service).
- A service named as where a family member is ("äiti on joutunut sairaalaan", "her
  mother is in hospital") is no answer (`language.whereabouts`).
- An age ("9-year-old", "4–5-vuotiaat", "kahdeksanvuotiaan") names the group whose
  years hold it (`language.ages`); one person's age also says the work concerns one
  client, many people's a group (the level).
- Only words the analyser knows count: no typo is guessed in prose (maternity is
  not material).
- A clause of no money ("X, but there's no budget", `language.cost`) negates the yes/no
  answer of the clause before it.
- A negation ("ei", "ilman", "without", "no budget for") just before a term, or just
  after it in the same clause, turns a yes/no answer to no (other answers stay:
  "emme saa palautetta" still asks for feedback); an uncertain word ("jos", "maybe")
  leaves a yes/no answer unsure.
- Passing words answer nothing: asides ("parents will hear about it",
  `language.asides`), a group only counted or aged beside another, the owner of the
  group that takes part ("asukkaiden omaiset"), a service named as a place nearby
  (`language.premises`); a shared service is its group's (`language.shared_services`);
  a value's `covers` drops what it includes ("arvioida esitettä" is materials).
- Relevance: how much of the description each method's own words cover, or more
  when the description uses a phrase that tells the method apart (its `cues`);
  words that were negated count for no method.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from typing import NamedTuple

from .model import LANGS, AnswerRef, Dataset, Lang, Question, Stance, Terms, Understood
from .search import method_index, score_words
from .textanalysis import (
    Hit,
    MatchKind,
    Token,
    Word,
    WordIndex,
    analyse,
    analyse_word,
    fold,
    guess_language,
    is_stopword,
    name_parts,
    per_object,
    per_object_and_langs,
    tokenize,
    untag,
)

# How far apart the words of a multi-word term may stand: its last word within
# len(term) + gap words of its first. English compounds stand together ("older disabled
# people" still is): "half-day workshop where home care" is no "day care", "clients
# comment on the draft plan" no "client plan"; Finnish word order is freer.
_GAP = 3
_GAP_EN = 0
# A compound's modifier names the compound's topic only when it is itself specific:
# lastensuojelutyö is child welfare work, but lapsiperhe is a family, not a child.
_SPECIFIC_MODIFIER = 8
# Total idf of the words a method could match before its relevance counts in full; one
# rare word alone (idf about 2) is half a signal.
_CONFIDENT = 4.0
_FLOOR = 0.1  # below this a method's relevance is one common word's noise: 0
_NEGATION_BEFORE = 6  # words from a negation to the term it negates ("ei ole rahaa X")
_NEGATION_AFTER = 3  # words from a term to a negation after it ("X ei ole", "X puuttuu")
_PREMISES_NEAR = 3  # words between a premises word and the service it places
_ONE_CUE = 0.8  # relevance of a method whose one telling phrase the text uses
_NAME_NEGATED = 4  # words after a negation that name no method ("ei mitään raatia")
_LISTED = 4  # words from one listed answer to the next ("X, Y ja Z", "X and the Y")
_CLAUSE_MARKS = ".,;:!?()\n–—"
_WHOLE: MatchKind = "whole"
# Number words of ages, as folded ("neljä" -> "nelja"); Finnish ones start compounds
# (viisivuotias, kaksitoistavuotias, kahdeksankymmentävuotias).
_UNITS = {
    "en": (
        *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
        *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
        *("seventeen", "eighteen", "nineteen"),
    ),
    "fi": (
        *("nolla", "yksi", "kaksi", "kolme", "nelja", "viisi", "kuusi", "seitseman"),
        *("kahdeksan", "yhdeksan"),
    ),
}
_EN_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_FI_AGE = "vuotia"  # vuotias, vuotiaat, vuotiaan, vuotiaiden, ...
_EN_YEARS = ("year", "years")
_EN_OLD = ("old", "olds", "old's")
_EN_BETWEEN = ("and", "or", "to")  # "four- and five-year-olds", "4-to-6-year-olds"
_EN_AGED = "aged"  # "children aged 4 to 6"
_EN_OF = "of"  # "relatives of residents"


class Reading(NamedTuple):
    """What a description says: answers (what you have among them, each with its stance),
    and relevance per method."""

    understood: tuple[Understood, ...]
    relevance: dict[str, float]
    named: frozenset[str]  # methods the text names


class _Term(NamedTuple):
    question: int
    value: int
    words: tuple[Word, ...]
    name: bool  # a label or alias, not a keyword
    gap: int = 0  # other words allowed between its words (_GAP, _GAP_EN)


class _Match(NamedTuple):
    term: _Term
    used: tuple[tuple[Word, MatchKind], ...]  # text words and how each met the term

    @property
    def first(self) -> int:
        return min(word.token.pos for word, _ in self.used)

    @property
    def last(self) -> int:
        return max(word.token.pos for word, _ in self.used)

    @property
    def positions(self) -> tuple[int, ...]:
        return tuple(sorted({word.token.pos for word, _ in self.used}))


class _Lexicon(NamedTuple):
    terms: tuple[_Term, ...]
    words: WordIndex  # doc = term number
    phrases: tuple[int, ...]  # terms with function words ("have a say"): found word by word
    # terms written "päihde-": (folded, term number); any word they begin is a compound
    # of theirs (päihdeklinikka), also when the analyser does not know the rest
    first_parts: tuple[tuple[str, int], ...]
    # per term: a yes/no word, read in any language ("ilman ulkopuolista vetäjää" in an
    # English text still says there is none)
    any_language: tuple[bool, ...]


@per_object_and_langs
def _lexicon(dataset: Dataset, langs: tuple[Lang, ...]) -> _Lexicon:
    """The answer vocabulary: every value's names and the yes/no words in both languages
    (a Finnish clause in an English text counts), the other keywords in the description's
    language(s) only, which saves a quarter of the analysing on every --describe (11 -> 8
    ms); a text of unclear language gets them all."""
    terms: list[_Term] = []
    phrases: list[int] = []
    first_parts: list[tuple[str, int]] = []
    index = WordIndex()
    for q_number, question in enumerate(dataset.questions):
        for v_number, value in enumerate(question.values):
            texts: list[tuple[str, Lang, bool]] = []
            if question.resources:
                # what you have is named in prose by its keywords, in either language
                texts += [(k, lang, False) for lang in LANGS for k in value.keywords.get(lang)]
            else:
                texts.append((value.slug.replace("-", " "), "en", True))
                for lang in LANGS:
                    texts.append((value.label.get(lang), lang, True))
                    texts += [(a, lang, True) for a in value.aliases.get(lang)]
                    if lang in langs:
                        texts += [(k, lang, False) for k in value.keywords.get(lang)]
            for text, lang, name in dict.fromkeys(texts):
                if text.endswith("-"):
                    first_parts.append((fold(text[:-1]), len(terms)))
                words, whole = _term_words(text.rstrip("-"), lang)
                if whole:
                    phrases.append(len(terms))
                elif words:
                    index.add(len(terms), 0, words)
                if words:
                    # a number binds to its noun: "yksi asiakas" is no "yksi työpaja ... asiakkaat"
                    counted = _number(words[0].token.folded) is not None
                    gap = _GAP_EN if lang == "en" or counted else _GAP
                    terms.append(_Term(q_number, v_number, words, name, gap))
    yes_no = tuple(dataset.questions[term.question].resources for term in terms)
    return _Lexicon(tuple(terms), index, tuple(phrases), tuple(first_parts), yes_no)


def _term_words(text: str, lang: Lang) -> tuple[tuple[Word, ...], bool]:
    """A term's content words, or every word of it and True when it has function words
    ("have a say", "many services") or a possessive: such a term is found only whole,
    word after word, since its one content word ("say", "services") alone would stand
    for it."""
    tokens = tokenize(text)
    content = [token for token in tokens if not is_stopword(token.folded)]
    # a possessive binds too: "children's home" is not "children at home"
    possessive = any(token.folded.endswith(("'s", "\u2019s")) for token in tokens)
    whole = len(tokens) > 1 and (len(content) < len(tokens) or possessive)
    return tuple(analyse_word(token, lang) for token in (tokens if whole else content)), whole


def _phrase_at(phrase: tuple[Word, ...], words: tuple[Word, ...]) -> list[tuple[int, ...]]:
    """The indexes in `words` where the phrase stands: its words in order, inflected, at
    most one other word before each ("have a real say", "tekemään itse suunnitelman")."""
    keys = [word.keys for word in words]
    found: list[tuple[int, ...]] = []
    for start, first in enumerate(keys):
        if not phrase[0].keys & first:
            continue
        positions = [start]
        for word in phrase[1:]:
            after = positions[-1] + 1
            step = next(
                (pos for pos in range(after, min(after + 2, len(keys))) if word.keys & keys[pos]),
                None,
            )
            if step is None:
                break
            positions.append(step)
        else:
            found.append(tuple(positions))
    return found


class _WordSet(NamedTuple):
    folded: frozenset[str]
    keys: frozenset[str]

    def has(self, word: Word) -> bool:
        return word.token.folded in self.folded or bool(word.keys & self.keys)


def _word_set(terms: Terms) -> _WordSet:
    folded: set[str] = set()
    keys: set[str] = set()
    for lang in LANGS:
        for term in terms.get(lang):
            folded.add(fold(term))
            for token in tokenize(term):
                keys |= analyse_word(token, lang).keys
    return _WordSet(frozenset(folded), frozenset(keys))


Phrases = tuple[tuple[Word, ...], ...]


def _phrases(terms: Terms, langs: tuple[Lang, ...]) -> Phrases:
    """Each term's every word, analysed: found whole, word after word (`_phrase_at`)."""
    return tuple(
        tuple(analyse_word(token, lang) for token in tokenize(term))
        for lang in langs
        for term in terms.get(lang)
    )


class _PhraseLists(NamedTuple):
    """The phrases of the language section's rules, in the description's language(s)."""

    passing: Phrases  # `language.asides`
    not_the_point: Phrases
    only: Phrases
    shared: Phrases  # `language.shared_services`
    premises: Phrases  # `language.premises`


@per_object_and_langs
def _phrase_lists(dataset: Dataset, langs: tuple[Lang, ...]) -> _PhraseLists:
    """The rules' phrases in the description's language(s) only, as the lexicon's
    keywords are: both languages' took 2.0 ms of every --describe, one language's
    takes 0.5 ms (measured in process, the lemma table loaded)."""
    language = dataset.language
    asides, shared, premises = language.asides, language.shared_services, language.premises
    return _PhraseLists(
        _phrases(asides.passing, langs) if asides else (),
        _phrases(asides.not_the_point, langs) if asides else (),
        _phrases(asides.only, langs) if asides else (),
        _phrases(shared.terms, langs) if shared else (),
        _phrases(premises.words, langs) if premises else (),
    )


class _Language(NamedTuple):
    negation: _WordSet
    uncertain: _WordSet
    breaks: _WordSet
    generic: _WordSet
    cost: _WordSet
    whereabouts: _WordSet  # verbs of being or going somewhere


@per_object
def _language(dataset: Dataset) -> _Language:
    language = dataset.language
    verbs = language.whereabouts.verbs if language.whereabouts is not None else Terms()
    return _Language(
        _word_set(language.negation),
        _word_set(language.uncertain),
        _word_set(language.breaks),
        _word_set(language.generic),
        _word_set(language.cost),
        _word_set(verbs),
    )


def _counts(hit: Hit) -> bool:
    """Whether a text word met a lexicon word closely enough to say the same thing."""
    if hit.kind in ("whole", "head"):
        return True
    if hit.kind == "modifier":
        return any(len(untag(k)[1]) >= _SPECIFIC_MODIFIER for k in hit.word.keys)
    return False  # puisto in the text does not mean asukaspuisto


_Age = tuple[tuple[int, ...], tuple[int, ...], bool]  # years, token positions, one person's


class _Text(NamedTuple):
    """A description's tokens, clauses, and which tokens negate or hedge."""

    langs: tuple[Lang, ...]  # the language it is written in, or both when unclear: the
    # methods' text is compared in that language only (half the indexing at start-up)
    tokens: tuple[Token, ...]
    token_words: tuple[Word, ...]  # every token analysed, stopwords too, by position
    words: tuple[Word, ...]  # content words (no stopwords)
    clause: tuple[int, ...]  # clause number per token position
    negations: tuple[int, ...]  # token positions
    hedges: tuple[int, ...]  # token positions of uncertain words, and of a "?" clause
    sentence: tuple[int, ...]  # sentence number per token position
    ages: tuple[_Age, ...]  # the age phrases (`_ages_in`)
    colons: frozenset[int]  # token positions a colon follows


def _prepare(dataset: Dataset, text: str) -> _Text:
    language = _language(dataset)
    tokens = tokenize(text)
    langs = guess_language(tokens)
    clause: list[int] = []
    number = 0
    negations: list[int] = []
    hedges: list[int] = []
    questions: set[int] = set()
    colons: set[int] = set()
    sentence: list[int] = []
    token_words = tuple(map(analyse_word, tokens))
    for i, token in enumerate(tokens):
        between = text[tokens[i - 1].end : token.start] if i else ""
        word = token_words[i]
        sentence.append((sentence[-1] if sentence else 0) + any(m in between for m in ".!?;\n"))
        # "ei kuitenkaan riitä", "does not, however": a break word just after a negation
        # is part of the negated clause, not the start of a new one
        after_negation = bool(negations) and negations[-1] == i - 1
        if any(mark in between for mark in _CLAUSE_MARKS) or (
            language.breaks.has(word) and not after_negation
        ):
            number += 1
        clause.append(number)
        if language.negation.has(word) or token.folded.endswith(("n't", "n\u2019t")):
            negations.append(token.pos)
        elif language.uncertain.has(word):
            hedges.append(token.pos)
        after = text[token.end : tokens[i + 1].start if i + 1 < len(tokens) else len(text)]
        if "?" in after:
            questions.add(number)
        if ":" in after:
            colons.add(token.pos)
    hedges += [t.pos for t in tokens if clause[t.pos] in questions]
    return _Text(
        langs,
        tokens,
        token_words,
        tuple(w for w in token_words if not is_stopword(w.token.folded)),
        tuple(clause),
        tuple(negations),
        tuple(hedges),
        tuple(sentence),
        tuple(_ages_in(tokens)),
        frozenset(colons),
    )


def _scopes(
    text: _Text, matches: list[_Match], marks: Iterable[int], money_marks: Set[int] = frozenset()
) -> set[int]:
    """The matches (by index) that a negation or hedge word reaches: the nearest term after
    it in its clause, or when there is none, the nearest term before it ("X ei ole"); a
    negation in a clause about money with no term of its own (`money_marks`) reaches the
    clause before it."""
    reached: set[int] = set()
    for mark in marks:
        clause = text.clause[mark]
        after = [
            (m.first - mark, i)
            for i, m in enumerate(matches)
            if text.clause[m.first] == clause and 0 < m.first - mark <= _NEGATION_BEFORE
        ]
        before = [
            (mark - m.last, i)
            for i, m in enumerate(matches)
            if text.clause[m.last] == clause and 0 < mark - m.last <= _NEGATION_AFTER
        ]
        if after or before:
            reached.add(min(after or before)[1])
        elif mark in money_marks:
            # "X, but there's no budget": a clause of no money reaches back to the
            # nearest term of the clause before it
            earlier = [
                (mark - m.last, i)
                for i, m in enumerate(matches)
                if text.clause[m.last] == clause - 1
            ]
            if earlier:
                reached.add(min(earlier)[1])
    return reached


def read(dataset: Dataset, text: str) -> Reading:
    """Everything a description says, in one pass."""
    prepared = _prepare(dataset, text)
    matches = _not_whereabouts(dataset, prepared, _chosen(dataset, prepared))
    # an aside says what the work is not for; a constraint in it still holds
    aside = _asides(_phrase_lists(dataset, prepared.langs), prepared, matches)
    matches = [
        m for m in matches if m.first not in aside or dataset.questions[m.term.question].resources
    ]
    matches = _not_covered(dataset, prepared, matches)
    matches = _described_groups(dataset, prepared, matches)
    matches = _not_possessors(dataset, prepared, matches)
    matches += _shared_services(dataset, prepared, matches)
    matches = _not_premises(dataset, prepared, matches)
    # Only yes/no answers are negated: "emme saa palautetta" still asks for feedback.
    yes_no = [m for m in matches if dataset.questions[m.term.question].resources]
    money_marks = _no_money(_language(dataset), prepared)
    negated_matches = {
        id(yes_no[i]) for i in _scopes(prepared, yes_no, prepared.negations, money_marks)
    }
    hedged_matches = {id(yes_no[i]) for i in _scopes(prepared, yes_no, prepared.hedges)}
    understood: list[tuple[int, int, _Match]] = []
    have: dict[int, Understood] = {}  # what you have, by value: the last word on it
    negated: set[int] = set(aside)  # token positions that count for no method
    for match in matches:
        question = dataset.questions[match.term.question]
        is_negated = id(match) in negated_matches
        words = tuple(dict.fromkeys(word.token.text for word, _ in match.used))
        if is_negated:
            negated |= {word.token.pos for word, _ in match.used}
        if question.resources:
            stance: Stance = (
                "unsure"
                if id(match) in hedged_matches
                else "unavailable"
                if is_negated
                else "available"
            )
            slug = question.values[match.term.value].slug
            have[match.term.value] = Understood(question.key, slug, words, stance)
        else:
            understood.append((match.term.question, match.term.value, match))
    kept_words = tuple(w for w in prepared.words if w.token.pos not in negated)
    kept_tokens = tuple(w for w in prepared.token_words if w.token.pos not in negated)
    relevance, named = _relevance(dataset, prepared, kept_words, kept_tokens, matches)
    resources = tuple(have[value] for value in sorted(have))
    return Reading((*_answers(dataset, understood), *resources), relevance, named)


def _asides(language: _PhraseLists, text: _Text, matches: list[_Match]) -> set[int]:
    """The token positions `language.asides` sets aside: the clause of "parents will hear
    about it"; the clause of "ei ole kyse tiedotteista", or the clause before a "that's a
    separate job" with nothing of its own, and what a colon after it goes on to list
    ("X toimii jo hyvin: meillä on Y ja Z"); the clauses before "only about" in its
    sentence."""
    everywhere = range(len(text.tokens))
    aside: set[int] = set()
    for phrase in language.passing:
        for found in _phrase_at(phrase, text.token_words):
            aside |= {p for p in everywhere if text.clause[p] == text.clause[found[0]]}
    for phrase in language.not_the_point:
        for found in _phrase_at(phrase, text.token_words):
            clause = text.clause[found[0]]
            own = any(
                text.clause[m.first] == clause and not set(m.positions) & set(found)
                for m in matches
            )
            target = clause if own else clause - 1
            aside |= {p for p in everywhere if text.clause[p] == target}
            if found[-1] in text.colons:
                sentence = text.sentence[found[-1]]
                aside |= {p for p in everywhere if text.sentence[p] == sentence and p > found[-1]}
    for phrase in language.only:
        for found in _phrase_at(phrase, text.token_words):
            sentence, clause = text.sentence[found[0]], text.clause[found[0]]
            aside |= {
                p for p in everywhere if text.sentence[p] == sentence and text.clause[p] < clause
            }
    return aside


def _shared_services(dataset: Dataset, text: _Text, matches: list[_Match]) -> list[_Match]:
    """The service a shared service term is by the group named in its sentence
    (`language.shared_services`): "kehitysvammaisten päivätoiminta" is a disability
    service."""
    rule = dataset.language.shared_services
    if rule is None:
        return []
    groups = {(m.term.question, m.term.value): m for m in matches}
    # the service each group named in the text makes a shared service
    services = [
        (groups[group], service)
        for served in rule.by_group
        if (group := _answer_number(dataset, served.group)) in groups
        and (service := _answer_number(dataset, served.service)) is not None
    ]
    out: list[_Match] = []
    for phrase in _phrase_lists(dataset, text.langs).shared:
        for found in _phrase_at(phrase, text.token_words):
            used = tuple((text.token_words[p], _WHOLE) for p in found)
            words = tuple(word for word, _ in used)
            out += [
                _Match(_Term(*service, words, False), used)
                for group, service in services
                if text.sentence[group.first] == text.sentence[found[0]]
            ]
    return out


def _not_covered(dataset: Dataset, text: _Text, matches: list[_Match]) -> list[_Match]:
    """Without the values another value read in the same sentence covers (`covers`):
    "omaishoitajat arvioivat esitteen" is the materials method, not also feedback."""
    covered: set[tuple[tuple[int, int] | None, int]] = set()  # (answer, sentence)
    for match in matches:
        question = dataset.questions[match.term.question]
        for slug in question.values[match.term.value].covers:
            answer = _answer_number(dataset, AnswerRef(question.key, slug))
            covered.add((answer, text.sentence[match.first]))
    return [
        m
        for m in matches
        if ((m.term.question, m.term.value), text.sentence[m.first]) not in covered
    ]


def _described_groups(dataset: Dataset, text: _Text, matches: list[_Match]) -> list[_Match]:
    """Without a group named only where the text counts it or gives its ages ("the groups
    have children aged 1 to 5", "tulee 60 lasta") when another group is named elsewhere:
    the numbers describe whom the service is for, and the other group takes part."""
    question = _groups_question(dataset)
    if question is None:
        return matches
    described = {text.clause[p] for _, at, singular in text.ages if not singular for p in at}
    groups = [m for m in matches if m.term.question == question]
    for match in groups:  # "60 lasta", "20 children"
        count = _number(text.tokens[match.first - 1].folded) if match.first else None
        if count is not None and count > 1:
            described.add(text.clause[match.first])
    elsewhere = {m.term.value for m in groups if text.clause[m.first] not in described}
    if not elsewhere:
        return matches
    return [m for m in matches if m.term.question != question or m.term.value in elsewhere]


def _not_possessors(dataset: Dataset, text: _Text, matches: list[_Match]) -> list[_Match]:
    """Without a group named only as whose the taking part group is: "asukkaiden omaiset",
    "lasten vanhemmat", "relatives of residents" (the relatives take part; "the young
    person's relatives" keeps the young person, who takes part in a family conference)."""
    question = _groups_question(dataset)
    groups = [m for m in matches if m.term.question == question]

    def possessor(match: _Match) -> bool:
        if all(kind == "modifier" for _, kind in match.used):
            # "kotoutumispalvelujen asiakkaat": a group named only by the first part of a
            # service's name (kotoutumis-) says who the clients are, not whose they are
            return False
        # "maahanmuuttajaperheiden vanhemmat": the owner word names the owned group too
        # (perhe, vanhemmat: families), so it describes the same people
        same_people = {m.term.value for m in groups if match.last in m.positions}
        for other in groups:
            if other.term.value == match.term.value or other.term.value in same_people:
                continue
            # "asukkaiden omaiset": a Finnish genitive right before the group it owns, which
            # is no genitive itself ("vammaisen nuoren" is a disabled young person's)
            owner, owned = text.tokens[match.last], text.tokens[other.first]
            if (
                other.first - match.last == 1
                and "fi" in text.langs
                and _fi_genitive(owner)
                and not _fi_genitive(owned)
            ):
                return True
            # "relatives of (the) residents": the group after "of"
            between = [t.folded for t in text.tokens[other.last + 1 : match.first]]
            if between[:1] == [_EN_OF] and len(between) <= 3:
                return True
        return False

    owners = {id(m) for m in groups if possessor(m)}
    kept = {m.term.value for m in groups if id(m) not in owners}
    return [m for m in matches if id(m) not in owners or m.term.value in kept]


def _not_premises(dataset: Dataset, text: _Text, matches: list[_Match]) -> list[_Match]:
    """Without the services named as a place nearby (`language.premises`: within
    `_PREMISES_NEAR` words of a premises word, in one sentence) when the text names a
    service otherwise."""
    rule = dataset.language.premises
    service = None if rule is None else _question_number(dataset, rule.service)
    if service is None:
        return matches
    places = [
        found
        for phrase in _phrase_lists(dataset, text.langs).premises
        for found in _phrase_at(phrase, text.token_words)
    ]

    def nearby(match: _Match) -> bool:
        return any(
            text.sentence[found[0]] == text.sentence[match.first]
            and (
                0 < match.first - found[-1] <= _PREMISES_NEAR
                or 0 < found[0] - match.last <= _PREMISES_NEAR
            )
            for found in places
        )

    placed = [m for m in matches if m.term.question == service and nearby(m)]
    others = {m.term.value for m in matches if m.term.question == service and m not in placed}
    if not others:
        return matches
    return [m for m in matches if m not in placed or m.term.value in others]


def _no_money(language: _Language, text: _Text) -> set[int]:
    """The negations of clauses that say only that there is no money: their words are
    money, negation or passing words ("but there's no budget", not "but no budget for
    snacks")."""
    plain: dict[int, bool] = {}
    money: set[int] = set()
    for word in text.words:
        clause = text.clause[word.token.pos]
        if language.cost.has(word):
            money.add(clause)
        elif not (language.negation.has(word) or language.generic.has(word)):
            plain[clause] = False
    return {
        n for n in text.negations if text.clause[n] in money and plain.get(text.clause[n], True)
    }


def _not_whereabouts(dataset: Dataset, text: _Text, matches: list[_Match]) -> list[_Match]:
    """Without the services named as where a family member is (`language.whereabouts`):
    a person's word, then a verb of being or going, then the service, in one clause; or
    as the person's own matter ("vanhempien päihteiden käyttö", "her mother's depression")."""
    rule = dataset.language.whereabouts
    if rule is None:
        return matches
    service = _question_number(dataset, rule.service)
    people = {_answer_number(dataset, AnswerRef(rule.people, value)) for value in rule.values}
    persons = [m for m in matches if (m.term.question, m.term.value) in people]
    verbs = _language(dataset).whereabouts
    verb_at = {word.token.pos for word in text.token_words if verbs.has(word)}

    def whereabouts(match: _Match) -> bool:
        return match.term.question == service and any(
            text.clause[person.last] == text.clause[match.first]
            and 0 < match.first - person.last <= _NEGATION_BEFORE
            and any(person.last < pos < match.first for pos in verb_at)
            for person in persons
        )

    def possessed(match: _Match) -> bool:
        # "vanhempien päihteiden käyttö", "her mother's depression": the person's matter
        return match.term.question == service and any(
            match.first - person.last == 1 and _possessive(text.tokens[person.last], text.langs)
            for person in persons
        )

    return [m for m in matches if not (whereabouts(m) or possessed(m))]


def _possessive(token: Token, langs: tuple[Lang, ...]) -> bool:
    """A word in the genitive: "mother's", "parents'"; in Finnish "äidin", "vanhempien"."""
    folded = token.text.casefold()
    english = folded.endswith(("'s", "\u2019s", "s'", "s\u2019"))
    return english or ("fi" in langs and _fi_genitive(token))


def _fi_genitive(token: Token) -> bool:
    """A Finnish word that looks genitive: "äidin", "lasten", "omaisten"; not the -nen
    base form ("vammainen", "omainen")."""
    return token.folded.endswith("n") and not token.folded.endswith("nen")


def understand(dataset: Dataset, text: str) -> tuple[Understood, ...]:
    """The answers a description names, each with the words of the text it came from."""
    return read(dataset, text).understood


def _chosen(dataset: Dataset, text: _Text) -> list[_Match]:
    """Every lexicon term the text contains, each word answering one question only."""
    lexicon = _lexicon(dataset, text.langs)
    generic = _language(dataset).generic
    # term -> position of the term's word -> (text word, how it met)
    met: dict[int, dict[int, list[tuple[Word, MatchKind]]]] = {}
    for word in text.words:
        hits = [
            hit
            for hit in lexicon.words.lookup(word, fuzzy=False)
            if _counts(hit)
            and (lexicon.any_language[hit.doc] or _in_language(hit, word, text.langs))
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
        if any(hit.kind == "whole" for hit in hits):
            # omaishoitaja is a caregiver; its head hoitaja (a nurse) is no longer news.
            hits = [hit for hit in hits if hit.kind == "whole"]
        for hit in hits:
            met.setdefault(hit.doc, {}).setdefault(hit.word.token.pos, []).append((word, hit.kind))
        folded = word.token.folded
        for first, number in lexicon.first_parts:
            if folded.startswith(first) and len(folded) > len(first):
                met.setdefault(number, {}).setdefault(0, []).append((word, "modifier"))
    candidates: list[_Match] = []
    for number, by_position in met.items():
        term = lexicon.terms[number]
        if len(term.words) == 1:
            # each occurrence on its own: "disabled ... disability" are two answers
            candidates += [
                _Match(term, (pair,))
                for pairs in by_position.values()
                for pair in pairs
                if not generic.has(pair[0])  # "people", "ongelma": no answer alone
            ]
            continue
        # every place the term stands ("family carers' views ... evenings for family
        # carers": both, or the second "family" would answer families on its own)
        while (used := _placed(len(term.words), by_position, term.gap)) is not None:
            # the words of a term stand in one sentence ("lives alone. Children" is no
            # "adult children"); a comma may part them ("ulkopuolinen, kokenut vetäjä")
            if len({text.sentence[word.token.pos] for word, _ in used}) == 1:
                candidates.append(_Match(term, tuple(used)))
            taken_at = {word.token.pos for word, _ in used}
            by_position = {
                at: free
                for at, pairs in by_position.items()
                if (free := [pair for pair in pairs if pair[0].token.pos not in taken_at])
            }
    for number in lexicon.phrases:
        term = lexicon.terms[number]
        for positions in _phrase_at(term.words, text.token_words):
            candidates.append(_Match(term, tuple((text.token_words[p], _WHOLE) for p in positions)))
    ages = _age_matches(dataset, text)
    candidates += [group for group, _ in ages]
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
    taken: dict[int, list[_Match]] = {}  # token position -> the matches that took it
    chosen: list[_Match] = []
    for match in candidates:
        if any(
            not _can_share(match, kind, other)
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


def _in_language(hit: Hit, word: Word, langs: tuple[Lang, ...]) -> bool:
    """Whether a lexicon word met counts in a text of these languages: a name of the other
    language only as written ("päiväkoti" in an English text; the English "last" is no
    form of the Finnish lasten). Yes/no words count in either (`_Lexicon.any_language`)."""
    return hit.word.token.folded == word.token.folded or any(
        untag(key)[0] in langs for key in hit.word.keys
    )


def _age_matches(dataset: Dataset, text: _Text) -> list[tuple[_Match, _Match | None]]:
    """Each age in the text as an answer of `language.ages`, with the level it says: one
    person's ("a 9-year-old", "14-vuotiaan") or many people's ("5-year-olds"), or None."""
    ages = dataset.language.ages
    if ages is None:
        return []
    person = _answer_number(dataset, ages.one_person)
    people = _answer_number(dataset, ages.several_people)
    out: list[tuple[_Match, _Match | None]] = []
    for years, positions, singular in text.ages:
        used = tuple((text.token_words[pos], _WHOLE) for pos in positions)
        answers = dict.fromkeys(
            _answer_number(dataset, AnswerRef(ages.question, group.value))
            for age in years
            for group in ages.groups
            if group.low <= age <= group.high
        )
        words = tuple(word for word, _ in used)
        for answer in answers:
            if answer is None:
                continue
            group = _Match(_Term(*answer, words, True), used)
            level = person if singular else people
            one = None if level is None else _Match(_Term(*level, words, True), used)
            out.append((group, one))
    return out


def _groups_question(dataset: Dataset) -> int | None:
    """The question of who takes part: the one `language.ages` answers."""
    ages = dataset.language.ages
    return None if ages is None else _question_number(dataset, ages.question)


def _question_number(dataset: Dataset, key: str) -> int | None:
    """A question's place in the dataset (the number a _Term keeps), or None."""
    return next((n for n, q in enumerate(dataset.questions) if q.key == key), None)


def _answer_number(dataset: Dataset, answer: AnswerRef | None) -> tuple[int, int] | None:
    """(question number, value number) of an answer the language section names, or None."""
    question = None if answer is None else _question_number(dataset, answer.question)
    if answer is None or question is None:
        return None
    slugs = [value.slug for value in dataset.questions[question].values]
    return (question, slugs.index(answer.value)) if answer.value in slugs else None


def _ages_in(tokens: tuple[Token, ...]) -> list[_Age]:
    """Each age phrase: its years, its token positions, and whether it is one person's."""
    found: list[_Age] = []
    for i, token in enumerate(tokens):
        word = token.folded
        if _FI_AGE in word:  # 9-vuotias, 4–5-vuotiaiden, kahdeksanvuotiaan
            prefix = word[: word.index(_FI_AGE)]
            singular = "vuotiai" not in word and not word.endswith("vuotiaat")
            if prefix:
                age = _fi_number(prefix)
                if age is not None:
                    found.append(((age,), (i,), singular))
                continue
            years, positions = _numbers_before(tokens, i)
            if years:
                found.append((years, (*positions, i), singular and len(years) == 1))
        elif (
            word in _EN_YEARS and i + 1 < len(tokens) and tokens[i + 1].folded in _EN_OLD
        ):  # a 9-year-old, four- and five-year-olds, 85 years old
            years, positions = _numbers_before(tokens, i)
            if years:
                singular = tokens[i + 1].folded != "olds" and len(years) == 1
                found.append((years, (*positions, i, i + 1), singular))
        elif word == _EN_AGED:  # children aged 4 to 6
            years, positions = _numbers_after(tokens, i)
            if years:
                found.append((years, (i, *positions), len(years) == 1))
    return found


def _numbers_after(
    tokens: tuple[Token, ...], start: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The numbers just after position `start` ("aged 4 to 6": 4, 6)."""
    years: list[int] = []
    positions: list[int] = []
    for i in range(start + 1, len(tokens)):
        number = _number(tokens[i].folded)
        if number is not None:
            years.append(number)
            positions.append(i)
        elif not (years and tokens[i].folded in _EN_BETWEEN):
            break
    return tuple(years), tuple(positions)


def _number(word: str) -> int | None:
    """A number written in digits (up to three) or as an English or Finnish word."""
    if word.isdigit():
        return int(word) if len(word) <= 3 else None
    english = _en_number(word)
    return english if english is not None else _fi_number(word)


def _numbers_before(tokens: tuple[Token, ...], end: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The numbers just before position `end` ("4 5", "four and five", "eighty five")."""
    years: list[int] = []
    positions: list[int] = []
    i = end - 1
    while i >= 0:
        word = tokens[i].folded
        number = _en_number(word) if not word.isdigit() else int(word) if len(word) <= 3 else None
        if number is not None:
            if years and word in _EN_TENS and years[0] < 10 and positions[0] == i + 1:
                years[0] += number  # eighty-five
            else:
                years.insert(0, number)
            positions.insert(0, i)
            i -= 1
        elif years and word in _EN_BETWEEN:
            i -= 1
        else:
            break
    return tuple(years), tuple(positions)


def _en_number(word: str) -> int | None:
    if word in _UNITS["en"]:
        return _UNITS["en"].index(word)
    if word in _EN_TENS:
        return 20 + 10 * _EN_TENS.index(word)
    return None


def _fi_number(word: str) -> int | None:
    """A Finnish number word 0-99 as the first part of a compound (folded)."""
    units = {name: n for n, name in enumerate(_UNITS["fi"])}
    units[""] = 0
    if "kymmenta" in word:  # kahdeksankymmentä(viisi)
        tens, _, rest = word.partition("kymmenta")
        if tens in units and tens and rest in units:
            return 10 * units[tens] + units[rest]
        return None
    if word.endswith("toista"):  # kaksitoista
        unit = units.get(word[: -len("toista")])
        return None if not unit else 10 + unit
    if word in ("kymmenen", "kymmen"):
        return 10
    return units.get(word) if word else None


def _can_share(match: _Match, kind: MatchKind, other: _Match) -> bool:
    """Two answers from one word: different parts of a compound, for one question; a name
    that ends a longer term of another question, of several words or ending a term of
    three ("services for older people": elderly care, and older people take part; "vaikea
    saada palautetta": hard to reach, and feedback); or two names of several words of
    different questions meeting at one word ("disability services unit")."""
    other_kind = next(k for w, k in other.used if w.token.pos in match.positions)
    if match.term.question == other.term.question:
        return kind != other_kind and "whole" not in (kind, other_kind)
    if not (match.term.name and (len(match.term.words) > 1 or len(other.term.words) > 2)):
        return False
    ends_other = match.positions == other.positions[len(other.positions) - len(match.positions) :]
    # "disability services unit": two names of several words meeting at one word
    meets = (
        other.term.name
        and len(other.term.words) > 1
        and len(set(match.positions) & set(other.positions)) == 1
        and (match.first == other.last or match.last == other.first)
    )
    return ends_other or bool(meets)


def _placed(
    size: int, by_position: dict[int, list[tuple[Word, MatchKind]]], gap: int = _GAP
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


def _answers(dataset: Dataset, found: list[tuple[int, int, _Match]]) -> tuple[Understood, ...]:
    """One answer per value, broad values only where nothing narrower was read, in order."""
    by_answer: dict[tuple[int, int], dict[int, Word]] = {}
    # A broad value said outright (a term of several words, a long specific word, or
    # the head of a compound: aikuissosiaalityö is social work) stays beside narrower
    # ones; "asiakkaana" (as a client) in passing does not.
    outright: set[tuple[int, int]] = set()
    named: set[tuple[int, int]] = set()  # read from a name, not only from keywords
    for q_number, v_number, match in found:
        words = by_answer.setdefault((q_number, v_number), {})
        words.update({word.token.start: word for word, _ in match.used})
        if _outright(match):
            outright.add((q_number, v_number))
        if match.term.name:
            named.add((q_number, v_number))
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
    return tuple(out)


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


def _outright(match: _Match) -> bool:
    """A name of the value (not a keyword such as sosiaalityöntekijä): of several words,
    as a compound's head, or one long (specific) word whole."""
    kinds = {kind for _, kind in match.used}
    long_word = any(len(untag(k)[1]) >= _SPECIFIC_MODIFIER for k in match.term.words[0].keys)
    return match.term.name and (
        len(match.term.words) > 1 or "head" in kinds or (kinds == {"whole"} and long_word)
    )


# -- relevance ----------------------------------------------------------------------------


def relevance(dataset: Dataset, text: str) -> dict[str, float]:
    """Each method's text relevance 0..1 (see `read`)."""
    return read(dataset, text).relevance


def _relevance(
    dataset: Dataset,
    text: _Text,
    words: tuple[Word, ...],
    every: tuple[Word, ...],
    matches: Sequence[_Match],
) -> tuple[dict[str, float], frozenset[str]]:
    """How much of the description each method's words cover (idf-weighted, damped when the
    description has few telling words); a telling phrase (a cue) or the method's name
    counts more."""
    out = {method.id: 0.0 for method in dataset.methods}
    # "ei mitään raatia", "not a panel": a name just after a negation names nothing
    refused = {
        pos
        for mark in text.negations
        for pos in range(mark + 1, mark + 1 + _NAME_NEGATED)
        if pos < len(text.clause) and text.clause[pos] == text.clause[mark]
    }
    named = _named(dataset, tuple(w for w in words if w.token.pos not in refused))
    if words:
        scored = score_words(method_index(dataset, text.langs), words)
        telling = [(w, b) for w, b in zip(scored.weights, scored.best, strict=True) if b]
        total = sum(w for w, _ in telling)
        if total:
            damp = min(1.0, total / _CONFIDENT) ** 2
            for i, method in enumerate(dataset.methods):
                share = damp * sum(w * b.get(i, 0.0) for w, b in telling) / total
                out[method.id] = round(share, 4) if share >= _FLOOR else 0.0
    counts = _cue_counts(dataset, text.langs, words, every)
    for i, method in enumerate(dataset.methods):  # "kotihoito, terveysasema, TE-toimisto"
        many = method.cue_many
        if many and _listed(dataset, text, matches, many.question) >= many.at_least:
            counts[i] = counts.get(i, 0) + 1
    for i, count in counts.items():
        method_id = dataset.methods[i].id
        out[method_id] = max(out[method_id], 1.0 if count > 1 else _ONE_CUE)
    for i in named:
        out[dataset.methods[i].id] = 1.0
    return out, frozenset(dataset.methods[i].id for i in named)


def _listed(dataset: Dataset, text: _Text, matches: Sequence[_Match], key: str) -> int:
    """The most values of a question the text lists together ("kotihoito, terveysasema ja
    sosiaalityöntekijä": each within `_LISTED` words of the one before, in one sentence),
    broad values not counted (child welfare and its social worker are one service)."""
    number = _question_number(dataset, key)
    question = dataset.question(key)
    found = sorted((m for m in matches if m.term.question == number), key=lambda m: m.first)
    most = 0
    values: set[int] = set()
    last: int | None = None  # where the list so far ends
    for match in found:
        listed = (
            last is not None
            and match.first - last <= _LISTED
            and text.sentence[match.first] == text.sentence[last]
        )
        if not listed:
            values = set()
        if not question.values[match.term.value].broad:
            values.add(match.term.value)
        last = match.last
        most = max(most, len(values))
    return most


@per_object_and_langs
def _cue_index(
    dataset: Dataset, langs: tuple[Lang, ...]
) -> tuple[tuple[tuple[int, int], ...], WordIndex, tuple[tuple[int, tuple[Word, ...]], ...]]:
    """(method, number of words) per cue, and their words; and the cues with function
    words ("own experience") as (method, every word), found only whole. The cues of the
    description's language(s) only, as the lexicon's keywords: 3.5 -> 2.4 ms of every
    --describe (measured in process; a method's names count in every language)."""
    terms: list[tuple[int, int]] = []
    phrases: list[tuple[int, tuple[Word, ...]]] = []
    index = WordIndex()
    for number, method in enumerate(dataset.methods):
        for lang in langs:
            for cue in method.cues.get(lang):
                words, whole = _term_words(cue, lang)
                if whole:
                    phrases.append((number, words))
                elif words:
                    index.add(len(terms), 0, words)
                    terms.append((number, len(words)))
    return tuple(terms), index, tuple(phrases)


def _cue_counts(
    dataset: Dataset, langs: tuple[Lang, ...], words: tuple[Word, ...], every: tuple[Word, ...]
) -> dict[int, int]:
    """How many different cues of each method the text contains: `words` its kept content
    words, `every` its kept words with the function words."""
    terms, index, phrases = _cue_index(dataset, langs)
    found = [terms[term][0] for term in _found(index, words, terms)]
    found += [method for method, phrase in phrases if _phrase_at(phrase, every)]
    counts: dict[int, int] = {}
    for method in found:
        counts[method] = counts.get(method, 0) + 1
    return counts


@per_object
def _name_index(dataset: Dataset) -> tuple[tuple[tuple[int, int], ...], WordIndex]:
    """(method, number of words) per name or alias of a method, and their words."""
    terms: list[tuple[int, int]] = []
    index = WordIndex()
    for number, method in enumerate(dataset.methods):
        for lang in LANGS:
            name = method.name.get(lang)
            for text in dict.fromkeys([name, *name_parts(name), *method.aliases.get(lang)]):
                words = analyse(text, lang)
                if words:
                    index.add(len(terms), 0, words)
                    terms.append((number, len(words)))
    return tuple(terms), index


def _named(dataset: Dataset, words: tuple[Word, ...]) -> set[int]:
    """The methods whose name or alias the text contains, every word of it."""
    terms, index = _name_index(dataset)
    return {terms[t][0] for t in _found(index, words, terms, ("whole",))}


def _found(
    index: WordIndex,
    words: tuple[Word, ...],
    terms: tuple[tuple[int, int], ...],
    kinds: tuple[MatchKind, ...] = ("whole", "head"),
) -> set[int]:
    """The terms of an index whose every word the text has, close together."""
    met: dict[int, dict[int, list[tuple[Word, MatchKind]]]] = {}
    for word in words:
        for hit in index.lookup(word, fuzzy=False):
            if hit.kind in kinds:
                met.setdefault(hit.doc, {}).setdefault(hit.word.token.pos, []).append(
                    (word, hit.kind)
                )
    return {t for t, by_position in met.items() if _placed(terms[t][1], by_position)}

"""Stage 1, tokens: a description's words, analysed, with its sentences, clauses and ages.

A clause ends at a punctuation mark or at a `terminate` word of the dataset's ConText
rules ("mutta", "but"); a terminate word right after a negation stays in its clause
("ei kuitenkaan riitä", "does not, however").
"""

from __future__ import annotations

from collections.abc import Iterator, Set

from ..model import Dataset, Lang, Terms
from ..records import Record
from ..textanalysis import (
    Token,
    Word,
    analyse_word,
    fold,
    guess_language,
    is_stopword,
    main_language,
    per_object,
    tokenize,
)
from .lexicon import PhraseIndex, WordSet, word_set
from .numbers import Age, ages_in

_CLAUSE_MARKS = ".,;:!?\n–—"  # a parenthesis is an aside inside its clause
_SENTENCE_MARKS = ".!?;\n"


class Text(Record):
    """A description's tokens, sentences and clauses."""

    text: str
    langs: tuple[Lang, ...]  # the language it is written in, or both when unclear: the
    # methods' text is compared in that language only (half the indexing at start-up)
    tokens: tuple[Token, ...]
    token_words: tuple[Word, ...]  # every token analysed, stopwords too, by position
    words: tuple[Word, ...]  # content words (no stopwords)
    clause: tuple[int, ...]  # clause number per token position
    sentence: tuple[int, ...]  # sentence number per token position
    questions: frozenset[int]  # the clauses that end in a question mark
    clauses_of: dict[int, tuple[int, ...]]  # sentence number -> its clause numbers
    clause_span: dict[int, range]  # clause number -> its token positions
    sentence_span: dict[int, range]  # sentence number -> its token positions
    ages: tuple[Age, ...]  # the age phrases (`numbers.ages_in`)
    colons: frozenset[int]  # token positions a colon follows
    breaks: frozenset[int]  # token positions of the terminate words that began a clause
    relative: tuple[int, ...]  # per token: 0, or the number of the relative clause it is in
    # per token: 0, or the number of the parenthesis it is in ("(on tehnyt Bikvaa aiemmin)")
    bracket: tuple[int, ...]


class _Marks(Record):
    terminate: WordSet  # "mutta", "but": a clause ends before them
    contrastive: WordSet  # "vaan": ends a clause only after a negation in its sentence
    negation: WordSet  # "ei", "not": a terminate word right after one does not end it
    relative: frozenset[str]  # "who", "joka" (folded): a relative clause goes on its clause
    relative_bare: frozenset[str]  # "who", "joka", not "which": one begins without a comma too
    lists: frozenset[str]  # "and", "ja" (folded): "A, B and C" is one clause
    abbreviations: frozenset[str]  # "esim", "e.g" (folded): a full stop after them ends nothing


@per_object
def _marks(dataset: Dataset) -> _Marks:
    context = dataset.language.context
    rules = context.rules if context is not None else ()
    terminate = [r.literals for r in rules if r.category == "terminate" and not r.after_negation]
    contrastive = [r.literals for r in rules if r.category == "terminate" and r.after_negation]
    negation = [r.literals for r in rules if r.category == "negated"]
    language = dataset.language
    relative = frozenset(map(fold, language.relative.all()))
    return _Marks(
        _union(terminate),
        _union(contrastive),
        _union(negation),
        relative,
        relative - frozenset(map(fold, language.relative_comma_only.all())),
        frozenset(map(fold, language.lists.all())),
        frozenset(fold(a).replace(".", "") for a in language.abbreviations.all()),
    )


def _union(terms: list[Terms]) -> WordSet:
    """The one-word literals of these rules (phrases are the stance stage's to find)."""
    fi: list[str] = []
    en: list[str] = []
    for item in terms:
        fi += [t for t in item.fi if " " not in t]
        en += [t for t in item.en if " " not in t]
    return word_set(Terms(tuple(fi), tuple(en)))


def read_tokens(dataset: Dataset, text: str) -> Text:
    """The description's tokens, each analysed, with its sentences, clauses and ages."""
    marks = _marks(dataset)
    tokens = tokenize(text)
    langs = guess_language(tokens)
    token_words = _analysed_tokens(tokens, langs)
    clause: list[int] = []
    sentence: list[int] = []
    questions: set[int] = set()
    colons: set[int] = set()
    breaks: set[int] = set()
    number = 0
    in_relative = False  # between the commas of a relative clause
    negated_sentence = False  # a negation so far in this sentence
    relative: list[int] = []
    relatives = 0
    bracket: list[int] = []
    brackets = inside_bracket = 0
    for i, token in enumerate(tokens):
        between = text[tokens[i - 1].end : token.start] if i else ""
        before = between if i else text[: token.start]  # the first token's too: "(1) ..."
        if ")" in before:
            inside_bracket = 0
        if "(" in before.rpartition(")")[2]:
            brackets += 1
            inside_bracket = brackets
        bracket.append(inside_bracket)
        if i and _no_stop(marks, tokens, i, between):
            between = between.replace(".", "")  # "12.9.", "esim. vanhemmat": no sentence's end
        word = token_words[i]
        sentence.append(
            (sentence[-1] if sentence else 0) + any(m in between for m in _SENTENCE_MARKS)
        )
        if sentence[-1] != (sentence[-2] if i else -1):
            negated_sentence = False
        after_negation = i > 0 and marks.negation.has(token_words[i - 1])
        terminates = (
            marks.terminate.has(word) or (marks.contrastive.has(word) and negated_sentence)
        ) and not after_negation
        negated_sentence = negated_sentence or marks.negation.has(word)
        if terminates:
            breaks.add(i)
        # a hyphen standing alone ("johdolle - tarkoitus on") is a dash
        marked = any(mark in between for mark in _CLAUSE_MARKS) or (
            between.strip() == "-" and between != "-"
        )
        comma_only = marked and between.strip() == ","
        if comma_only and _listing(marks, text, tokens, token_words, i):
            marked = comma_only = False  # "Somali, Arabic and Ukrainian": one clause
        if comma_only and token.folded in marks.relative:
            in_relative = True  # ", who has done ...": the clause goes on
            relatives += 1
        elif i and not marked and not in_relative and token.folded in marks.relative_bare:
            # "a coordinator who has no part in the case", "koollekutsujaa jotka ei oo
            # perheen kanssa tekemisissä": a relative clause with its comma left out
            in_relative = True
            relatives += 1
        elif comma_only and in_relative and not terminates:
            in_relative = False  # "..., promised": and on after it
        elif marked or terminates:
            in_relative = False
            number += 1
        clause.append(number)
        relative.append(relatives if in_relative else 0)
        after = text[token.end : tokens[i + 1].start if i + 1 < len(tokens) else len(text)]
        if "?" in after:
            questions.add(number)
        if ":" in after:
            colons.add(token.pos)
    return Text(
        text,
        langs,
        tokens,
        token_words,
        tuple(w for w in token_words if not is_stopword(w.token.folded)),
        tuple(clause),
        tuple(sentence),
        frozenset(questions),
        _clauses_of(sentence, clause),
        _spans(clause),
        _spans(sentence),
        tuple(ages_in(tokens, text)),
        frozenset(colons),
        frozenset(breaks),
        tuple(relative),
        tuple(bracket),
    )


# In a text written mostly in one language, the other language's words are the names of
# services and methods ("päiväkoti", "korvaushoito"), long words; a short word is the
# main language's: "Last month" in an English text is no Finnish "lasten" (children),
# "main" no "maiden" [editors' judgement, from the English texts of the scenario sets,
# where every Finnish reading of a word this short was wrong].
_SHORT_WORD = 4


def _analysed_tokens(tokens: tuple[Token, ...], langs: tuple[Lang, ...]) -> tuple[Word, ...]:
    """Every token analysed in the text's languages, a short word of a mixed text in its
    main language only."""
    main = main_language(tokens) if len(langs) > 1 else None
    if main is None:
        return tuple(map(analyse_word, tokens))
    return tuple(
        analyse_word(token, main) if _short_plain(token.text) else analyse_word(token)
        for token in tokens
    )


def _short_plain(word: str) -> bool:
    """A word of at most `_SHORT_WORD` letters with no letter only Finnish has."""
    return len(word) <= _SHORT_WORD and not any(c in word.lower() for c in "äöå")


_LISTED_WORDS = 2  # "Somali, Arabic and", "kotihoito, terveysasema ja": a list's item


def _listing(
    marks: _Marks, text: str, tokens: tuple[Token, ...], words: tuple[Word, ...], at: int
) -> bool:
    """Whether the comma before token `at` parts the items of a list: a word or two
    follow it, then a list word ("and", "ja") or another comma, with no negation or
    terminate word among them ("meillä on vetäjä, ei rahaa ja ..." is no list)."""
    for j in range(at, min(at + _LISTED_WORDS + 1, len(tokens))):
        if marks.negation.has(words[j]) or marks.terminate.has(words[j]):
            return False
        if j > at:
            between = text[tokens[j - 1].end : tokens[j].start].strip()
            if between:
                return between == "," and j - at <= _LISTED_WORDS
            if tokens[j].folded in marks.lists:
                return True
    return False


def _clauses_of(sentence: list[int], clause: list[int]) -> dict[int, tuple[int, ...]]:
    found: dict[int, dict[int, None]] = {}
    for s, c in zip(sentence, clause, strict=True):
        found.setdefault(s, {})[c] = None
    return {s: tuple(clauses) for s, clauses in found.items()}


def _spans(numbers: list[int]) -> dict[int, range]:
    """Each number's positions: clauses and sentences are runs of tokens."""
    spans: dict[int, range] = {}
    for pos, number in enumerate(numbers):
        start = spans[number].start if number in spans else pos
        spans[number] = range(start, pos + 1)
    return spans


def _no_stop(marks: _Marks, tokens: tuple[Token, ...], at: int, between: str) -> bool:
    """Whether a full stop between token `at` and the one before ends nothing: in a date or
    a time ("12.9.", "klo 10.30"), after an abbreviation ("esim.", "e.g.") or after a
    name's initial ("Päivi K., jolla on kokemusta": a capital letter alone after a
    capitalised word)."""
    before, after = tokens[at - 1], tokens[at]
    if "." not in between:
        return False
    if (
        at > 1
        and between.lstrip().startswith(".")
        and len(before.text) == 1
        and before.text.isupper()
        and tokens[at - 2].text[:1].isupper()
    ):
        return True
    if between.strip() != ".":
        return False
    if before.folded.isdigit() and after.folded.isdigit():
        return True  # "12.9.", "10.30"; "he is 9. Our meetings ..." is two sentences
    folded = before.folded.replace(".", "")
    return folded in marks.abbreviations or (before.folded.isdigit() and after.text[:1].islower())


def phrases_outside(
    index: PhraseIndex, text: Text, aside: Set[int]
) -> Iterator[tuple[int, list[int]]]:
    """Each phrase of the index the text has, none of its words aside: the phrase's number
    in the index and its token positions."""
    for ident, positions in index.find(text.token_words):
        at = [text.token_words[p].token.pos for p in positions]
        if not any(pos in aside for pos in at):
            yield ident, at


def found_outside(index: PhraseIndex, text: Text, aside: Set[int]) -> Iterator[list[int]]:
    """The token positions of each phrase of the index the text has, none of them aside."""
    return (at for _, at in phrases_outside(index, text, aside))

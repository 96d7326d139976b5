"""The one text analyser behind search, value and name matching and --describe.

Normalise (NFKC), fold case and diacritics, tokenise with spans, reduce words to keys.
"""

# Why these keys: a word's key is its Snowball stem, mapped through lemmas.json to the
# base form when the word inflects irregularly (lasten -> lapsi); Finnish compounds are
# split against that table (asukaspuistoissa -> asukas + puisto) and keyed as written
# first parts + the head's base form (varhaiskasvatuksessa -> varhaiskasvatus). The table
# is made at build time by tools/build_lemmas.py from simplemma's dictionary, which is
# not needed at run time. Measured by tools/measure_inflection.py on 126 hand-written
# inflected Finnish forms of vocabulary words: folded exact match 0, Snowball alone 48,
# Snowball + lemma table 109, + compound splitting 126 (simplemma itself 111); on 20
# English forms: Snowball 17, + table 20 (simplemma 18).

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, TypeVar

from .model import LANGS, Lang
from .records import Record

LEMMA_TABLE = Path(__file__).with_name("lemmas.json")
_T = TypeVar("_T")
_R = TypeVar("_R")

# A word: letters and digits, with combining marks (NFD input from some terminals) and
# inner apostrophes (children's); hyphens and slashes separate words.
_WORD = r"[^\W_](?:[^\W_]|[\u0300-\u036f])*(?:['\u2019](?:[^\W_]|[\u0300-\u036f])+)*"

_MIN_FUZZY = 5  # shorter words have too many real neighbours at edit distance 1
_LONG_FUZZY = 10  # from this length two edits are still a typo, not another word
_MIN_COMPOUND = 8  # shortest folded word worth splitting
_MIN_PART = 4  # shortest compound part (prefix or head)

# Function words in both languages, spoken Finnish too (meil, ois, mut, tää, ite: how
# people type); split lazily, on first use.
STOPWORDS: dict[Lang, str] = {
    "fi": """
        ja tai sekä eli myös on ovat oli olla ole ei en et emme ette eivät se ne sen sitä
        niitä niiden siitä siihen sille joka jotka jonka joiden jota joita jossa joissa
        josta joista johon joihin jolla joilla jolle joille jolta joilta mikä mitkä mitä
        miten miksi missä mihin mistä kuka ketkä kun jos että kuin mutta vaan vain niin
        jo vielä nyt siis kanssa mukaan mukana voi voida voisi voivat voidaan tämä tämän
        tätä nämä näiden tässä tähän hän he me te minä sinä meidän teidän heidän meitä
        meille heille hänen hänet esim esimerkiksi mm jne yms eri kaikki kaikkia myöskin
        halua haluamme haluaa haluan haluavat halutaan tulee pitää pitäisi saada yhdessä
        meillä meiltä meissä heillä heiltä hänellä minulla sinulla teillä meidät heidät
        olen olet olemme olette ollut olleet olisi olisivat olivat oltava tehdä
        meil teil heil ois olis oisi vois voi pitäis pitäisi mut niinku ku kun sit
        sitte mä sä tää toi noi nää oo ite itte jotain joku vaa vaan niiku sillee
    """,
    "en": """
        a an the and or nor but of to in on at for with by from as into onto about over
        under is are was were be been being am it its it's this that these those there
        here we our ours us you your they their them he she his her i my me own
        want wants wanted would should could can will shall may might must do does did
        how what who whom which when where why not no so also some any all each e.g eg
        ie etc such than then very just more most many much like let get got have has had
        having done doing go goes went gone make makes made i'm we're they're it's together
    """,
}


def normalize(text: str) -> str:
    """NFKC: one spelling for what looks the same (ligatures, full-width, composed ä)."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case and diacritics folded for matching only: Ä -> a, ö -> o, å -> a."""
    if text.isascii():
        return text.lower()  # what the rest does to ASCII, without a loop over its letters
    decomposed = unicodedata.normalize("NFKD", normalize(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Token(Record):
    """A word of the text as written, at text[start:end]; pos counts every word."""

    text: str
    start: int
    end: int
    pos: int

    @property
    def folded(self) -> str:
        return fold(self.text)


def tokenize(text: str) -> tuple[Token, ...]:
    """The words of a text with their character spans, stopwords included."""
    return tuple(
        Token(m.group(), m.start(), m.end(), pos) for pos, m in enumerate(re.finditer(_WORD, text))
    )


def is_stopword(folded: str) -> bool:
    """Whether a folded word is a function word in either language."""
    return folded in _folded_stopwords()


@cache
def _folded_stopwords() -> frozenset[str]:
    return frozenset(fold(w) for lang in LANGS for w in STOPWORDS[lang].split())


@cache
def _stopwords_of(lang: Lang) -> frozenset[str]:
    return frozenset(fold(w) for w in STOPWORDS[lang].split())


def guess_language(tokens: Iterable[Token]) -> tuple[Lang, ...]:
    """The language a text is written in, by its function words: ("fi",) or ("en",) when
    only one language's appear, else both (a mixed or a telegraphic text)."""
    tokens = tuple(tokens)
    finnish_words, english_words = _function_words(tokens)
    finnish = finnish_words > 0 or any(c in token.text.lower() for token in tokens for c in "äö")
    english = english_words > 0
    if finnish != english:
        return ("fi",) if finnish else ("en",)
    return LANGS


def main_language(tokens: Iterable[Token]) -> Lang | None:
    """The language most of a mixed text is written in: the one with more than twice as
    many function words of its own as the other ("the county requires ... (mielenterveys-
    ja päihdepalvelut)" is English), or None when neither leads so."""
    finnish, english = _function_words(tokens)
    if finnish > 2 * english:
        return "fi"
    if english > 2 * finnish:
        return "en"
    return None


def _function_words(tokens: Iterable[Token]) -> tuple[int, int]:
    """How many of the tokens are function words of Finnish only, and of English only."""
    fi, en = _stopwords_of("fi"), _stopwords_of("en")
    folded = [token.folded for token in tokens]
    return (
        sum(f in fi and f not in en for f in folded),
        sum(f in en and f not in fi for f in folded),
    )


# --- stemming ---------------------------------------------------------------------------


def _load_snowball(module: str, cls: str) -> Callable[[str], str]:
    """One Snowball stemmer, loaded without the package's __init__: the one speed trick here.

    `import snowballstemmer` runs all its 30-odd languages: 8-12 ms for the Finnish and
    English stemmers, against 0.6 ms when the package's folder is mounted under a private
    name and only those two modules run (measured on this project's machine). Every
    --describe, search and Finnish answer value that the lemma table does not know pays it.
    """
    try:
        spec = importlib.util.find_spec("snowballstemmer")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("snowballstemmer")
        private = "_osallisuus_snowball"
        if private not in sys.modules:
            package = ModuleType(private)
            package.__path__ = list(spec.submodule_search_locations)
            sys.modules[private] = package
        stemmer = getattr(importlib.import_module(f"{private}.{module}"), cls)()
    except (ImportError, AttributeError):
        import snowballstemmer  # type: ignore[import-untyped]

        stemmer = snowballstemmer.stemmer(module.removesuffix("_stemmer"))
    stem_word: Callable[[str], str] = stemmer.stemWord
    return stem_word


@cache
def _stemmer(lang: Lang) -> Callable[[str], str]:
    if lang == "fi":
        return _load_snowball("finnish_stemmer", "FinnishStemmer")
    return _load_snowball("english_stemmer", "EnglishStemmer")


@lru_cache(maxsize=65536)
def raw_stem(word: str, lang: Lang) -> str:
    """The Snowball stem of one word, lower case, diacritics kept; English drops a possessive.

    The bundled dataset's own words come stemmed in the lemma table: pure-Python Snowball
    would otherwise spend most of a search's first 40 ms indexing them.
    """
    lower = normalize(word).casefold()
    return lemma_table().memo[lang].get(lower) or snowball_stem(lower, lang)


def snowball_stem(word: str, lang: Lang) -> str:
    """What Snowball itself makes of one word (no table)."""
    lower = normalize(word).casefold()
    if lang == "en":
        lower = re.sub(r"['\u2019]s?$", "", lower)
    return str(_stemmer(lang)(lower))


def stem(word: str, lang: Lang) -> str:
    """The folded Snowball stem of one word (no lemma table)."""
    return fold(raw_stem(word, lang))


# --- the lemma table ----------------------------------------------------------------------


class LemmaTable(Record):
    """Build-time knowledge: stem -> base form, and compound-initial form -> base form."""

    stems: dict[Lang, dict[str, str]]  # stem as written -> folded lemma
    prefixes: dict[str, str]  # Finnish only: folded form that starts compounds -> lemma
    lemmas: dict[Lang, frozenset[str]]
    memo: dict[Lang, dict[str, str]]  # the bundled dataset's words -> their Snowball stems


def parse_lemma_table(text: str) -> LemmaTable:
    """Read the table: `stems` (language -> stem -> lemma), `prefixes` (Finnish form that
    begins compounds -> lemma) and `memo` (language -> dataset word -> its stem). JSON,
    because reading its 10,000 entries takes 2.8 ms with json.loads and took 4.9 ms as
    tab-separated lines, on every --describe, search and Finnish value."""
    data = json.loads(text) if text else {}
    stems: dict[Lang, dict[str, str]] = {
        lang: data.get("stems", {}).get(lang, {}) for lang in LANGS
    }
    memo: dict[Lang, dict[str, str]] = {lang: data.get("memo", {}).get(lang, {}) for lang in LANGS}
    prefixes: dict[str, str] = data.get("prefixes", {})
    lemmas = {lang: frozenset(stems[lang].values()) for lang in LANGS}
    return LemmaTable(stems, prefixes, lemmas, memo)


@cache
def lemma_table() -> LemmaTable:
    return parse_lemma_table(lemma_bytes().decode("utf-8"))


@cache
def lemma_bytes() -> bytes:
    """The lemma table's file as read (b"" when it cannot be): what `lemma_table` parses,
    and what the reader's cached vocabulary is keyed by (reader/lexicon.py)."""
    try:
        return LEMMA_TABLE.read_bytes()
    except OSError:
        return b""


def stemmer_sources() -> tuple[Path, ...]:
    """The files of the Snowball stemmers `stem` runs (what they make of a word is theirs),
    or () when the package is not found."""
    spec = importlib.util.find_spec("snowballstemmer")
    if spec is None or not spec.submodule_search_locations:
        return ()
    folder = Path(next(iter(spec.submodule_search_locations)))
    names = ("finnish_stemmer.py", "english_stemmer.py", "basestemmer.py", "among.py")
    return tuple(folder / name for name in names)


# --- keys ---------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def key(word: str, lang: Lang) -> str:
    """The untagged key of one word in one language: its base form if known, else its stem.

    The table is looked up with the stem as written: folding first would make sää
    (weather) a form of saada (to get); it also holds the stems of folded spellings,
    so paivakodissa finds päiväkoti.
    """
    stemmed = raw_stem(word, lang)
    lemma = lemma_table().stems[lang].get(stemmed)
    if lemma and lang == "fi" and _verb_form(word) and lemma.endswith("e"):
        # a verb form is no -e noun of the same stem: esitetään is no esite (a leaflet),
        # kirjataan and kirjata no kirje (a letter), tiedotetaan no tiedote
        return fold(stemmed)
    return lemma or fold(stemmed)


def _verb_form(word: str) -> bool:
    """A Finnish present passive (kehitetään, kirjataan, arvioidaan, esitellään) or an
    infinitive in -ata / -ätä / -ttaa (kirjata, palauttaa): no form of an -e noun ends so."""
    return word.casefold().endswith(_VERB_ENDINGS)


_VERB_ENDINGS = (
    *("taan", "tään", "daan", "dään", "llaan", "llään", "nnaan", "nnään", "rraan", "rrään"),
    *("ata", "ätä", "ttaa", "ttää"),
)


def tag(lang: Lang, key_: str) -> str:
    """Keys carry their language so that an English and a Finnish word never collide."""
    return f"{lang}:{key_}"


def untag(tagged: str) -> tuple[Lang, str]:
    lang, _, rest = tagged.partition(":")
    return ("fi" if lang == "fi" else "en"), rest


class Compound(Record):
    """A Finnish compound: the keys of its parts (head last) and its own base form."""

    parts: tuple[str, ...]
    lemma: str  # the written first parts + the head's base form: lasten + suojelu


_MIN_GRADED_HEAD = 5  # "illat": a shorter head may be an inflection's ending


@lru_cache(maxsize=65536)
def compound(word: str) -> Compound | None:
    """The word split into known Finnish words, or None when it is not a compound."""
    folded = fold(word)
    if len(folded) < _MIN_COMPOUND:
        return None
    split = _split(folded, key(word, "fi"), 0)
    if not split:
        return None
    written = "".join(surface for surface, _ in split[:-1])
    return Compound(tuple(lemma for _, lemma in split), written + split[-1][1])


def compound_breaks(word: str) -> tuple[int, ...]:
    """Where a Finnish compound may break across lines: the offsets in `word` at which its
    known parts meet (asiakas|osallisuutta), () when it splits into no known words."""
    folded = fold(word)
    if len(folded) != len(word) or len(folded) < _MIN_COMPOUND:
        return ()  # folding changed the length (ß), so offsets would not match the word
    split = _split(folded, key(word, "fi"), 0)
    if not split:
        return ()
    offsets: list[int] = []
    for surface, _ in split[:-1]:
        offsets.append((offsets[-1] if offsets else 0) + len(surface))
    return tuple(offsets)


def _split(folded: str, itself: str, depth: int) -> tuple[tuple[str, str], ...] | None:
    """(written part, its key) for each part, head last; `itself` is the word's own key."""
    table = lemma_table()
    known = table.lemmas["fi"]
    # Longest known prefix first: päiväkoti+ryhmä before päivä+kotiryhmä.
    for cut in range(len(folded) - _MIN_PART, _MIN_PART - 1, -1):
        first = table.prefixes.get(folded[:cut])
        # A "head" that is the ending of the word's own inflection (omaishoitajaperhe+ille)
        # or that stems to almost nothing is no word.
        if first is None or first == itself:
            continue
        head = folded[cut:]
        head_key = key(head, "fi")
        stem_ = raw_stem(head, "fi")
        # a head whose stem the gradation shortened (illat: il) is still a word when the
        # table knows it whole (ilta): vanhempain+illat
        if head_key in known and (
            len(stem_) >= 3
            or (len(head) >= _MIN_GRADED_HEAD and table.stems["fi"].get(stem_) == head_key)
        ):
            return ((folded[:cut], first), (head, head_key))
        if depth < 2 and len(head) >= _MIN_COMPOUND:
            rest = _split(head, head_key, depth + 1)
            if rest:
                return ((folded[:cut], first), *rest)
    return None


# The forms of a Finnish -inen word (vammainen, vammaisen, vammaista, vammaiset, ...).
_INEN_FORM = (
    r"(\w{3,}?)(?:inen|isen|ista|iset|isten|isia|isiin|isille|isilla|isilta|iselle|isella"
    r"|iselta|isessa|isesta|iseen|isena|isina|isiksi|iseksi|isine)"
)


class Word(Record):
    """An analysed content word: tagged keys of the whole word and of its compound parts."""

    token: Token
    keys: frozenset[str]
    parts: tuple[str, ...] = ()  # tagged, head last
    variants: frozenset[str] = frozenset()  # tagged folded spelling and stems, for typos


def analyse_word(token: Token, lang: Lang | None = None) -> Word:
    """Keys for one token; with no language (user input) it gets the keys of both."""
    return Word(token, *_analysed(token.text, lang))


@lru_cache(maxsize=65536)
def _analysed(
    text: str, lang: Lang | None
) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    langs: tuple[Lang, ...] = LANGS if lang is None else (lang,)
    keys = {tag(code, key(text, code)) for code in langs}
    parts: tuple[str, ...] = ()
    found = compound(text) if "fi" in langs else None
    if found:
        # A compound the table does not know by itself (varhaiskasvatuksessa) still gets
        # the same key in every inflection: its first parts as written + its head's lemma.
        keys.add(tag("fi", found.lemma))
        parts = tuple(tag("fi", p) for p in found.parts)
    folded = fold(text)
    if "fi" in langs:
        # Snowball gives the forms of an -inen word different stems (psykiatrinen ->
        # psykiatrin, psykiatrisen -> psykiatris, vammaista -> vamma, "an injury"): each
        # form also gets the base form's key, known to the lemma table or not.
        inen = re.fullmatch(_INEN_FORM, folded)
        if inen:
            keys.add(tag("fi", inen.group(1) + "inen"))
    variants = {tag(code, v) for code in langs for v in (folded, stem(text, code))}
    return frozenset(keys), parts, frozenset(variants)


def analyse(text: str, lang: Lang | None = None) -> tuple[Word, ...]:
    """The content words of a text (stopwords dropped), each with its keys."""
    return tuple(
        analyse_word(token, lang) for token in tokenize(text) if not is_stopword(token.folded)
    )


@cache
def known_lemmas() -> frozenset[str]:
    """Every base form of the lemma table, tagged with its language."""
    table = lemma_table()
    return frozenset(tag(lang, lemma) for lang in LANGS for lemma in table.lemmas[lang])


def is_known(tagged: str) -> bool:
    """Whether a key is a base form from the lemma table, i.e. a real word, not a typo."""
    lang, key_ = untag(tagged)
    return key_ in lemma_table().lemmas[lang]


# --- typo tolerance -----------------------------------------------------------------------


def max_edits(key_: str) -> int:
    """How many edits (a swap of neighbours is one) still count as a typo at this length."""
    if len(key_) < _MIN_FUZZY:
        return 0
    return 2 if len(key_) >= _LONG_FUZZY else 1


def closest_keys(
    tagged: str, candidates: Collection[str] | SpellingBuckets
) -> tuple[int, tuple[str, ...]]:
    """(edits, candidates) nearest a mistyped key, all at that distance; (0, ()) if none.

    Same language, same first letter (typos rarely hit it), and within `max_edits`.
    """
    lang, key_ = untag(tagged)
    limit = max_edits(key_)
    if not limit:
        return 0, ()
    prefix = tag(lang, key_[0])
    near = (
        candidates.near(tagged, prefix, limit)
        if isinstance(candidates, SpellingBuckets)
        else [c for c in candidates if c.startswith(prefix)]
    )
    found = [
        (distance, c)
        for c in near
        if c != tagged and (distance := osa_distance(tagged, c, limit)) <= limit
    ]
    if not found:
        return 0, ()
    best = min(distance for distance, _ in found)
    return best, tuple(sorted(c for distance, c in found if distance == best))


class SpellingBuckets:
    """Known spellings by their first letters and length: a typo is compared only with
    the spellings it could be a typo of (same start, length within the edits allowed).
    A 5,000-character description has some hundreds of words the table does not know;
    comparing each with every spelling of its first letter took 2.1 of 3.5 s of reading
    one (cProfile, osa_distance); by length, a tenth of the comparisons are left."""

    __slots__ = ("_buckets", "_letters")

    def __init__(self, spellings: Iterable[str]) -> None:
        self._buckets: dict[tuple[str, int], list[str]] = {}
        self._letters: dict[str, frozenset[str]] = {}  # filled as spellings are compared
        for spelling in spellings:
            lang, key_ = untag(spelling)
            if key_:
                self._buckets.setdefault((tag(lang, key_[0]), len(spelling)), []).append(spelling)

    def near(self, tagged: str, prefix: str, limit: int) -> list[str]:
        """Spellings of the same start and a length within `limit` that share enough
        letters with `tagged` (an edit adds or takes away at most one letter each side).

        The letters of a spelling are kept once computed: a 5,000-character text of
        every answer mistyped compares some 800 spellings with 18,700 candidates, and
        building both letter sets on each comparison took 9 ms of the relevance stage's
        150 (reader.read, median of 3: 150 -> 141 ms)."""
        letters = frozenset(tagged)
        length = len(tagged)
        out = []
        for size in range(length - limit, length + limit + 1):
            for c in self._buckets.get((prefix, size), ()):
                other = self._letters.get(c)
                if other is None:
                    other = self._letters[c] = frozenset(c)
                if len(letters ^ other) <= 2 * limit:
                    out.append(c)
        return out


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one insert, delete, change or swap of neighbours makes a into b (a != b).

    Past the first difference the rest must be equal: a typo check of words shorter than
    `_LONG_FUZZY` allows one edit, and this took 1.5 ms where the table took 22 ms for
    the 1,037 such comparisons of a 5,000-character text of every answer mistyped."""
    shorter = min(len(a), len(b))
    i = 0
    while i < shorter and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    if len(a) == len(b) + 1:
        return a[i + 1 :] == b[i:]
    if len(b) == len(a) + 1:
        return a[i:] == b[i + 1 :]
    return False


def osa_distance(a: str, b: str, limit: int) -> int:
    """Edits from a to b (insert, delete, change, swap two neighbours), or limit + 1 when
    more than `limit`.

    Written here rather than taken from rapidfuzz: a typo check compares a word with the
    few dozen known words of its first letter, and importing rapidfuzz for that costs 9 to
    13 ms on every --describe and search run, against well under 1 ms for this loop
    (benchmarks/bench_cli.py, `recommend --describe ... --json`). Only the cells within
    `limit` of the diagonal are computed: the others are over the limit anyway (a
    5,000-character description: 1.6 s of osa_distance before, see SpellingBuckets).
    """
    if limit == 1:
        return 0 if a == b else 1 if _one_edit_apart(a, b) else 2
    if abs(len(a) - len(b)) > limit or len(set(a) ^ set(b)) > 2 * limit:
        # an edit adds or takes away at most one letter each side: far apart, cheaply
        return limit + 1
    letters = Counter(a)
    letters.subtract(b)
    if (
        sum(n for n in letters.values() if n > 0) > limit
        or -sum(n for n in letters.values() if n < 0) > limit
    ):
        # nor can it change more letters than that: 97 % of a typo check's candidates
        # are over the limit, and this finds most of them without the table (a
        # 5,000-character text of typos read in process: 348 -> 290 ms, median of 5)
        return limit + 1
    over = limit + 1
    previous2: list[int] = []
    previous = [j if j <= limit else over for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [over] * (len(b) + 1)
        current[0] = i if i <= limit else over
        low, high = max(1, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = previous[j - 1] + cost
            if previous[j] + 1 < best:
                best = previous[j] + 1
            if current[j - 1] + 1 < best:
                best = current[j - 1] + 1
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                swap = previous2[j - 2] + 1
                if swap < best:
                    best = swap
            current[j] = best if best <= limit else over
        if min(current[low - 1 : high + 1]) > limit:
            return over
        previous2, previous = previous, current
    return min(previous[len(b)], over)


def similarity(a: str, b: str) -> float:
    """0-100: how alike two spellings are as wholes (rapidfuzz ratio, folded)."""
    return float(_rapidfuzz().fuzz.ratio(fold(a), fold(b)))


def likeness(a: str, b: str) -> float:
    """0-100: how alike two phrases are, also in part or reordered (rapidfuzz WRatio)."""
    return float(_rapidfuzz().fuzz.WRatio(a, b))


def _rapidfuzz() -> ModuleType:
    """rapidfuzz, imported only for suggestions and whole-spelling similarity (about 12 ms)."""
    import rapidfuzz.fuzz

    return rapidfuzz


# --- finding words again ------------------------------------------------------------------

MatchKind = Literal["whole", "part", "head", "modifier"]

# How much a match counts by how the query word met the indexed word: the same word, the
# query inside an indexed compound (puisto ~ asukaspuistoissa), or an indexed word inside
# the query's compound, as its head (asiakasperhe ~ perhe) or as a modifier (~ asiakas).
STRENGTH: dict[MatchKind, float] = {"whole": 1.0, "part": 0.8, "head": 0.7, "modifier": 0.4}
FUZZY = 0.8  # a match through a typo counts this share of an exact one


class Hit(Record):
    """Where a query word was found: the caller's document and field, and how well."""

    doc: int
    field: int
    word: Word
    kind: MatchKind
    strength: float
    fuzzy: bool = False


class WordIndex:
    """The analysed words of many documents' fields, found again by key, part or typo."""

    def __init__(self) -> None:
        self._whole: dict[str, list[tuple[int, int, Word]]] = {}
        self._part: dict[str, list[tuple[int, int, Word]]] = {}
        self._variants: dict[str, set[str]] = {}  # tagged spelling or stem -> whole keys
        self._spellings: frozenset[str] | None = None
        self._buckets: SpellingBuckets | None = None
        self._later: list[Callable[[], Iterable[Word]]] = []  # `add_spellings`, not yet read

    def add(self, doc: int, field: int, words: Iterable[Word]) -> None:
        self._spellings = None
        self._buckets = None
        for word in words:
            posting = (doc, field, word)
            for k in word.keys:
                self._whole.setdefault(k, []).append(posting)
            for p in word.parts:
                self._part.setdefault(p, []).append(posting)
            for v in word.variants:
                self._variants.setdefault(v, set()).update(word.keys)

    def __getstate__(self) -> dict[str, Any]:
        """What is kept of the index between runs (reader/warm.py): the words added for typos
        read in, so that no function need be kept; the rest is made again when asked for."""
        self.spellings()
        return {**self.__dict__, "_spellings": None, "_buckets": None, "_later": []}

    def add_spellings(self, words: Callable[[], Iterable[Word]]) -> None:
        """Words a typo may have meant though no document contains them as written, made
        when a typo is first looked up: a --describe without one then skips analysing the
        vocabulary for them, 1.9 ms of its run (measured in process)."""
        self._spellings = None
        self._buckets = None
        self._later.append(words)

    def keys(self) -> frozenset[str]:
        return frozenset(self._whole)

    def spellings(self) -> frozenset[str]:
        """Every spelling a typo may have meant: the documents' and the lemma table's."""
        if self._spellings is None:
            for words in self._later:
                for word in words():
                    for v in word.variants:
                        self._variants.setdefault(v, set()).update(word.keys)
            self._later.clear()
            self._spellings = frozenset(self._variants) | known_lemmas()
        return self._spellings

    def buckets(self) -> SpellingBuckets:
        """The spellings, bucketed for typo lookups (`SpellingBuckets`)."""
        if self._buckets is None:
            self._buckets = SpellingBuckets(self.spellings())
        return self._buckets

    def lookup(self, word: Word, fuzzy: bool = True) -> list[Hit]:
        """Every indexed occurrence of the word; through a typo only when nothing is exact."""
        hits = self._exact(word)
        if hits or not fuzzy or any(is_known(k) for k in word.keys):
            return hits
        # The typo is corrected to the nearest spelling we know: a word of the documents,
        # an added spelling or a base form from the lemma table.
        spellings = self.buckets()  # first: it reads the added spellings into _variants
        # Each spelling of the word (as typed, its stems) votes for the words it is
        # nearest; a vote split between two different words is no vote.
        votes: list[tuple[int, set[str]]] = []
        for variant in sorted(word.variants):
            edits, nearest = closest_keys(variant, spellings)
            meant = [self._variants.get(spelling, {spelling}) for spelling in nearest]
            if meant and set.intersection(*meant):
                votes.append((edits, set.union(*meant)))
        closest = [keys for edits, keys in votes if edits == min(e for e, _ in votes)]
        if not closest or not set.intersection(*closest):
            return []  # nothing near, or near two different words: no guess
        keys = set.union(*closest)
        return [
            Hit(doc, field, hit_word, "whole", STRENGTH["whole"] * FUZZY, fuzzy=True)
            for k in sorted(keys)
            for doc, field, hit_word in self._whole.get(k, ())
        ]

    def _exact(self, word: Word) -> list[Hit]:
        hits: list[Hit] = []
        for k in sorted(word.keys):
            hits += [Hit(d, f, w, "whole", STRENGTH["whole"]) for d, f, w in self._whole.get(k, ())]
            hits += [Hit(d, f, w, "part", STRENGTH["part"]) for d, f, w in self._part.get(k, ())]
        for i, p in enumerate(word.parts):
            kind: MatchKind = "head" if i == len(word.parts) - 1 else "modifier"
            hits += [Hit(d, f, w, kind, STRENGTH[kind]) for d, f, w in self._whole.get(p, ())]
        return hits


# Every cache of `per_object`, by the name of what it builds: the description reader's
# set-up, kept between runs, is put back into them (reader/warm.py).
BUILT: dict[str, dict[int, tuple[Any, Any]]] = {}
# Those of `per_object_and_langs`, whose value is a dict of what each set of languages built.
BY_LANGS: set[str] = set()


def per_object(build: Callable[[_T], _R]) -> Callable[[_T], _R]:
    """Cache build(obj) by the object's identity (datasets are big frozen trees: slow to hash)."""
    return _per_object(build, f"{build.__module__}.{build.__qualname__}")


def _per_object(build: Callable[[_T], _R], name: str) -> Callable[[_T], _R]:
    built: dict[int, tuple[_T, _R]] = {}
    BUILT[name] = built

    def get(obj: _T) -> _R:
        entry = built.get(id(obj))
        if entry is None or entry[0] is not obj:
            if len(built) > 8:
                built.clear()
            entry = built[id(obj)] = (obj, build(obj))
        return entry[1]

    return get


_K = TypeVar("_K")


def remembered(store: dict[_K, _R], key: _K, make: Callable[[], _R], most: int = 0) -> _R:
    """store[key], made by make() the first time it is asked for. A store holding `most`
    entries (0: no limit) starts over, so a long batch keeps its memory flat."""
    found = store.get(key)
    if found is None:
        if most and len(store) >= most:
            store.clear()
        found = store[key] = make()
    return found


def per_object_and_langs(
    build: Callable[[_T, tuple[Lang, ...]], _R],
) -> Callable[[_T, tuple[Lang, ...]], _R]:
    """Cache build(obj, langs) per object (`per_object`) and set of languages: what a
    description needs in its own language is analysed once, when first needed."""

    def new(obj: _T) -> dict[tuple[Lang, ...], _R]:
        return {}

    name = f"{build.__module__}.{build.__qualname__}"
    BY_LANGS.add(name)
    by_langs = _per_object(new, name)

    def get(obj: _T, langs: tuple[Lang, ...]) -> _R:
        built = by_langs(obj)
        if langs not in built:
            built[langs] = build(obj, langs)
        return built[langs]

    return get


def phrase(text: str) -> str:
    """A text folded to its words joined by single spaces: the form exact matching compares."""
    return " ".join(token.folded for token in tokenize(text))


def name_parts(name: str) -> list[str]:
    """The parts of a name that name the same thing: "Asiakasraati/asiakasfoorumi"."""
    return [p for p in re.split(r"\s*[/\u2013\u2014]\s*", name) if p.strip()]

"""Where a Finnish word may break across lines on a printed handout.

Finnish hyphenates at syllable boundaries, and its syllables follow a regular rule
(Kotus, Kielitoimiston ohjepankki, "Tavutus"): a consonant followed by a vowel starts a
new syllable (kal-la, kart-ta, sään-nöl-li-ses-ti). Two vowels side by side may belong to
different syllables too (ra-di-o), but a break there is hard to read and, where the
vowels are a long vowel or a diphthong, wrong; so this module breaks only before a
consonant, and between vowels only where the parts of a compound meet (määrä-aikainen).
Nor does it leave a syllable of one vowel at a line's end (hyvinvointia-lueen, the
second part's first syllable cut off from it).

A compound whose second part starts with a vowel breaks where its parts meet (kokemus-
asiantuntija), which the syllable rule alone would put a letter too late (kokemu-sasian-
tuntija). There the analyser's compound split (textanalysis.compound_breaks) is used,
unless it is a likely misreading: a first part that is neither a base form nor at least
MIN_BENT_PART letters (main|itsee), or the adverb ending -esti (säännöllis|esti).

Hand-written because no hyphenation library carries Finnish (pyphen's dictionaries have
none), and headless Chromium on Linux hyphenates nothing without a downloaded dictionary.
"""

from __future__ import annotations

from itertools import pairwise

from .textanalysis import compound_breaks, key

VOWELS = frozenset("aeiouyäöå")
# Two vowels that make one syllable: a long vowel, or one of these diphthongs (ie, uo and
# yö are diphthongs only in a first syllable, but counting them always only allows a break).
DIPHTHONGS = frozenset(
    ("ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu", "iu", "ou", "ey", "iy", "äy", "öy")
) | {"ie", "uo", "yö"}
MIN_FRAGMENT = 2  # letters left on either side of a break, within each compound part
MIN_BENT_PART = 5  # a first part in an inflected form is believed from this many letters
NESTED = 8  # a first part this long may be a compound itself (huostaanotto|asioihin)
ADVERB_ENDING = "esti"  # säännöllis-esti is säännöllisesti, no compound


def syllable_breaks(part: str) -> list[int]:
    """Offsets in `part` (a word without compound seams) before a consonant that starts a
    syllable, leaving at least MIN_FRAGMENT letters on either side."""
    word = part.casefold()
    if len(word) != len(part) or not word.isalpha():
        return []
    breaks: list[int] = []
    start = 0
    for i in range(1, len(word) - 1):
        starts_syllable = word[i] not in VOWELS and word[i + 1] in VOWELS
        has_vowel = any(c in VOWELS for c in word[start:i])
        if starts_syllable and has_vowel and not _lone_vowel_before(word, i):
            breaks.append(i)
            start = i
    return [b for b in breaks if MIN_FRAGMENT <= b <= len(word) - MIN_FRAGMENT]


def _lone_vowel_before(word: str, i: int) -> bool:
    """Whether the syllable just before offset `i` is one vowel (hyvinvointi-a|lueen)."""
    before = word[i - 2 : i]
    return (
        len(before) == 2
        and all(c in VOWELS for c in before)
        and before[0] != before[1]
        and before not in DIPHTHONGS
    )


def _believed(first: str, head: str) -> bool:
    """Whether a seam before a vowel-initial part is a compound's, not a misreading."""
    if head.casefold() == ADVERB_ENDING:
        return False
    return len(first) >= MIN_BENT_PART or key(first, "fi") == first.casefold()


def compound_seams(word: str) -> list[int]:
    """The offsets at which `word`'s compound parts meet, as far as they are believed."""
    seams: list[int] = []
    start = 0
    cuts = compound_breaks(word)
    for seam, end in pairwise((*cuts, len(word))):
        if word[seam].casefold() not in VOWELS or _believed(word[start:seam], word[seam:end]):
            seams.append(seam)
            start = seam
    if seams and seams[0] >= NESTED:  # the split takes the longest known first part
        seams = [*compound_seams(word[: seams[0]]), *seams]
    return seams


def hyphenation_points(word: str) -> list[int]:
    """Offsets at which `word` may break with a hyphen: its compound seams and, within each
    part, the syllables that start with a consonant."""
    seams = compound_seams(word)
    points: list[int] = []
    for start, end in pairwise((0, *seams, len(word))):
        if start:
            points.append(start)
        points += [start + b for b in syllable_breaks(word[start:end])]
    return points

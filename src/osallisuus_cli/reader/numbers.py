"""Numbers and ages in a description: "9-year-old", "4–5-vuotiaat", "kahdeksanvuotiaan".

A helper of the tokens stage (`tokens.py`), which finds each age phrase once.
"""

from __future__ import annotations

import re

from ..textanalysis import Token

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
# "sijoitettuna 12-vuotiaasta", "12-vuotiaana": from or at an age, a time, not an age now
_FI_AGE_AS_TIME = ("vuotiaasta", "vuotiaana", "vuotiaaksi")
_EN_YEARS = ("year", "years")
_EN_OLD = ("old", "olds", "old's")
_NOT_A_LIST = (".", ":", "/")  # "12.2.", "klo 9:30", "3/4": numbers of a date or time
_EN_BETWEEN = ("and", "or", "to")  # "four- and five-year-olds", "4-to-6-year-olds"
_EN_AGED = "aged"  # "children aged 4 to 6"
_EN_OF = "of"  # "relatives of residents"

# "Mikael is 19.", "hän on 34": a bare number after someone and "is" is their age
_IS = ("is", "on")
_PERSONS = ("he", "she", "han")  # "hän", folded
_ALONE_AFTER = ("and", "but", "ja", "mutta")
# "Mrs L 84 lives alone", "rouva K 86": a number after a titled name is that person's age
_TITLES = ("mr", "mrs", "ms", "miss", "rouva", "rva", "herra", "hra")

# "15v", "15yo", "15 v": an age as people type it in a hurry
_SHORT_AGE = re.compile(r"(\d{1,3})(?:v|yo|y/o)")
_SHORT_AGE_WORDS = ("v", "yo", "vee")
# "sijoitettuna perhekotiin 2 v", "ollut 2 v", "2 v sitten": a span of years, no age. A
# short age after a word of place or state (illative, inessive, adessive, essive) or a
# past participle, or before a word of time, is how long [editors' judgement]
_SPAN_BEFORE = ("iin", "ssa", "ssä", "lla", "llä", "na", "nä", "nut", "nyt", "ttu", "tty")
_SPAN_AFTER = ("ajan", "sitten", "aikana", "välein", "ajaksi", "kuluttua", "päästä")

# "yli 75v", "over 65s", "alle 18-vuotiaat": an age bound says who the many are
_BOUNDS = ("yli", "alle", "over", "under", "above", "below")

# years, token positions, and whether it is one person's age
Age = tuple[tuple[int, ...], tuple[int, ...], bool]


def ages_in(tokens: tuple[Token, ...], text: str) -> list[Age]:
    """Each age phrase: its years, its token positions, and whether it is one person's."""
    found: list[Age] = []
    for i, token in enumerate(tokens):
        word = token.folded
        short = _SHORT_AGE.fullmatch(word)
        if short:  # "15v", "15yo": one person's age as people type it
            found.append(((int(short.group(1)),), (i,), True))
        elif word in _SHORT_AGE_WORDS and i and tokens[i - 1].folded.isdigit():  # "15 v"
            if _span_of_years(tokens, i):
                continue
            years, positions = _numbers_before(tokens, i, text)
            if years:
                found.append((years, (*positions, i), len(years) == 1))
        elif _FI_AGE in word and word.endswith(_FI_AGE_AS_TIME):
            continue
        elif _FI_AGE in word:  # 9-vuotias, 4–5-vuotiaiden, kahdeksanvuotiaan
            prefix = word[: word.index(_FI_AGE)]
            singular = "vuotiai" not in word and not word.endswith("vuotiaat")
            if prefix:
                age = _fi_number(prefix)
                if age is not None:
                    found.append(((age,), (i,), singular))
                continue
            years, positions = _numbers_before(tokens, i, text)
            if years:
                found.append((years, (*positions, i), singular and len(years) == 1))
        elif (
            word in _EN_YEARS and i + 1 < len(tokens) and tokens[i + 1].folded in _EN_OLD
        ):  # a 9-year-old, four- and five-year-olds, 85 years old
            years, positions = _numbers_before(tokens, i, text)
            if years:
                singular = tokens[i + 1].folded != "olds" and len(years) == 1
                found.append((years, (*positions, i, i + 1), singular))
        elif word == _EN_AGED:  # children aged 4 to 6
            years, positions = _numbers_after(tokens, i)
            if years:
                found.append((years, (i, *positions), len(years) == 1))
        elif _named_age(tokens, i, text):  # "Mikael is 19.", "Sanna, 34, lives ..."
            found.append(((int(word),), (i,), True))
    return [
        (years, at, singular and not (at[0] and tokens[at[0] - 1].folded in _BOUNDS))
        for years, at, singular in found
    ]


def _span_of_years(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether "N v" at `i` (the "v") says how long, not how old: "perhekotiin 2 v",
    "2 v sitten"."""
    before = tokens[i - 2].folded if i >= 2 else ""
    after = tokens[i + 1].folded if i + 1 < len(tokens) else ""
    lower = i >= 2 and tokens[i - 2].text[:1].islower()
    return (lower and before.endswith(_SPAN_BEFORE)) or after in _SPAN_AFTER


def _named_age(tokens: tuple[Token, ...], i: int, text: str) -> bool:
    """Whether a bare number is the age of someone just named or referred to: "Mikael is
    19.", "she is 34 and ...", "Sanna, 34, ...". The number stands alone (a punctuation
    mark, "and" or the end after it), so "is 12 km" or "is 30 minutes" is no age."""
    word = tokens[i].folded
    if not word.isdigit() or not 1 <= int(word) <= 110 or i == 0:
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    between = "" if after is None else text[tokens[i].end : after.start].strip()
    ends = after is None or between in (".", ",", ";", "!", "?") or after.folded in _ALONE_AFTER
    before = tokens[i - 1]
    if before.folded in _IS and i >= 2:
        who = tokens[i - 2]
        return ends and (who.folded in _PERSONS or who.text[:1].isupper())
    if not before.text[:1].isupper():
        return False
    ahead = text[before.end : tokens[i].start].strip()
    if ahead == "(" and between.startswith((")", ",")):  # "Mr Virtanen (86)", "(86, ALS)"
        return True
    address = after is not None and not between and after.text[:1].isupper()  # "12 Main St"
    if i >= 2 and tokens[i - 2].folded in _TITLES and ahead in ("", ".", ".,", ","):
        return not address  # "Mrs L 84 lives alone", "Mr K., 84, ..."
    return ahead in (",", ".,") and between == ","  # "Sanna, 34, ...", "K., 84, ..."


def _numbers_after(
    tokens: tuple[Token, ...], start: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The numbers just after position `start` ("aged 4 to 6": 4, 6)."""
    years: list[int] = []
    positions: list[int] = []
    for i in range(start + 1, len(tokens)):
        value = number(tokens[i].folded)
        if value is not None:
            years.append(value)
            positions.append(i)
        elif not (years and tokens[i].folded in _EN_BETWEEN):
            break
    return tuple(years), tuple(positions)


def number(word: str) -> int | None:
    """A number written in digits (up to three) or as an English or Finnish word."""
    if word.isdigit():
        return int(word) if len(word) <= 3 else None
    english = _en_number(word)
    return english if english is not None else _fi_number(word)


def _numbers_before(
    tokens: tuple[Token, ...], end: int, text: str
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The numbers just before position `end` ("4 5", "four and five", "eighty five"); a
    date's or a time's mark between two ends them ("muistio 12.2.: 12-vuotiaan" is one)."""
    years: list[int] = []
    positions: list[int] = []
    i = end - 1
    while i >= 0:
        if any(mark in text[tokens[i].end : tokens[i + 1].start] for mark in _NOT_A_LIST):
            break
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


_FI_UNITS = {"": 0, **{name: n for n, name in enumerate(_UNITS["fi"])}}


def _fi_number(word: str) -> int | None:
    """A Finnish number word 0-99 as the first part of a compound (folded)."""
    units = _FI_UNITS
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

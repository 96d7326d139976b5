"""Finnish hyphenation of the printed handouts (hyphenation.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osallisuus_cli.hyphenation import VOWELS, compound_seams, hyphenation_points
from osallisuus_cli.render_export import html_words


def hyphenated(word: str) -> str:
    points = hyphenation_points(word)
    return "-".join(word[a:b] for a, b in zip((0, *points), (*points, len(word)), strict=True))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("säännöllisesti", "sään-nöl-li-ses-ti"),  # issue 24: not säännöllis-esti
        ("maahanmuuttajat", "maa-han-muut-ta-jat"),
        ("kokemusasiantuntijat", "ko-ke-mus-asian-tun-ti-jat"),  # the parts meet at a vowel
        ("asiakasosallisuutta", "asiakas-osal-li-suut-ta"),
        ("varhaiskasvatuksessa", "var-hais-kas-va-tuk-ses-sa"),
        ("yhteisöllisyys", "yh-tei-söl-li-syys"),
        ("määräaikainen", "mää-rä-ai-kai-nen"),
        ("lauantai", "lauan-tai"),  # never between two vowels inside a part
    ],
)
def test_finnish_words_break_at_their_syllables(word: str, expected: str) -> None:
    assert hyphenated(word) == expected


def test_a_misread_compound_is_not_believed() -> None:
    assert compound_seams("säännöllisesti") == []  # the adverb ending -esti
    assert compound_seams("mainitsee") == []  # 'main' is a form of maa, not a first part


FINNISH_LETTERS = st.text(alphabet="aeiouyäöhjklmnprstv", min_size=1, max_size=20)


@given(FINNISH_LETTERS)
def test_every_break_is_before_a_consonant_that_starts_a_syllable_or_at_a_seam(
    word: str,
) -> None:
    seams = set(compound_seams(word))
    for point in hyphenation_points(word):
        assert 0 < point < len(word)
        if point in seams:
            continue
        assert word[point] not in VOWELS and word[point + 1] in VOWELS
        assert point >= 2 and len(word) - point >= 2


def test_a_page_in_finnish_gets_soft_hyphens_and_an_english_one_does_not() -> None:
    text = "Kokemusasiantuntijat ja maahanmuuttajat"
    finnish = html_words(text, "fi", narrow=True)
    assert finnish.replace("&shy;", "") == text
    # A capitalised word may be a name: it breaks only where its known parts meet.
    assert finnish.startswith("Kokemus&shy;asiantuntijat ")
    assert "maa&shy;han&shy;muut&shy;ta&shy;jat" in finnish
    assert html_words(text, "en", narrow=True) == text
    assert re.search("&shy;", html_words("kuntalaiset", "fi")) is None  # body text: short

"""Handouts as a browser prints them: every handout is made by the CLI, printed to PDF in
headless Chromium and measured in print layout (issue 24).

Needs Chromium and poppler's pdftotext (Debian: chromium, poppler-utils; .ci/run installs
them); skipped, with the reason, where either is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Browser, chromium
from conftest import SPEC_IDS
from osallisuus_cli.model import Lang

BINARY = chromium()
pytestmark = [
    pytest.mark.skipif(BINARY is None, reason="no Chromium (apt-get install chromium)"),
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="no pdftotext (apt-get install poppler-utils)"
    ),
]

A4_PORTRAIT_AREA_MM = 210 - 2 * 9  # the cards' @page margins
A4_LANDSCAPE_AREA_MM = 297 - 2 * 9  # the overview's
KICKER = {"fi": "MENETELMÄ", "en": "METHOD"}
SOURCE = {"fi": "LÄHDE", "en": "SOURCE"}
BACKGROUND = {"fi": "Taustaa: turvatoimet", "en": "Background: the safeguards"}

# Every piece of text whose box leaves its table cell, or its card: [what, the text].
OVERFLOW = """(() => {
  const out = [];
  const boxes = (node) => { const r = document.createRange(); r.selectNodeContents(node);
    return [...r.getClientRects()]; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const holder = node.parentElement.closest('td, th') || node.parentElement.closest('article')
      || document.body;
    const edge = holder.getBoundingClientRect();
    for (const box of boxes(node)) {
      if (box.width === 0) continue;
      if (box.left < edge.left - 0.5 || box.right > edge.right + 0.5)
        out.push([holder.tagName + ' ' + (holder.className || ''), node.textContent.trim()]);
    }
  }
  return out;
})()"""

# The smallest type in a card: [the text's class path, pt, kind] below its floor.
SMALL_TYPE = """(() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.closest('article.method') || el.closest('.dots'))
      continue;
    const pt = parseFloat(getComputedStyle(el).fontSize) * 0.75;
    const label = el.closest('.src, footer') ? 'source' : 'body';
    if (pt < (label === 'source' ? 7 : 9) - 0.01)
      out.push([el.className || el.tagName, pt, label, node.textContent.trim().slice(0, 40)]);
  }
  return out;
})()"""

# The colour of every source label, as [r, g, b].
LABEL_COLOURS = """[...document.querySelectorAll('article.method .src')].map(
  el => getComputedStyle(el).color.match(/\\d+/g).slice(0, 3).map(Number))"""


def _luminance(rgb: list[int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(rgb: list[int]) -> float:
    return 1.05 / (_luminance(rgb) + 0.05)


def _handout(folder: Path, lang: Lang, *args: str) -> Path:
    name = f"{'-'.join(a.strip('-') for a in args) or 'cards'}-{lang}.html"
    path = folder / name
    subprocess.run(
        [sys.executable, "-m", "osallisuus_cli", "--lang", lang, "export", *args, "-o", str(path)],
        check=True,
        capture_output=True,
    )
    return path


def _pages(pdf: bytes, folder: Path) -> list[str]:
    """The printed PDF's text, page by page."""
    path = folder / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert BINARY is not None
    with Browser(BINARY) as running:
        yield running


@pytest.fixture(scope="module")
def printed(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, Lang], dict[str, Any]]:
    """Each handout in both languages: its PDF's pages and its measurements in print layout."""
    folder = tmp_path_factory.mktemp("handouts")
    found: dict[tuple[str, Lang], dict[str, Any]] = {}
    for kind, args, width in (
        ("cards", (), A4_PORTRAIT_AREA_MM),
        ("overview", ("--overview",), A4_LANDSCAPE_AREA_MM),
    ):
        for lang in ("fi", "en"):
            page = browser.open(_handout(folder, lang, *args), width)
            found[kind, lang] = {
                "overflow": page.measure(OVERFLOW),
                "small": page.measure(SMALL_TYPE) if kind == "cards" else [],
                "colours": page.measure(LABEL_COLOURS) if kind == "cards" else [],
                "pages": _pages(page.pdf(), folder),
            }
            page.close()
    return found


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_overview_prints_on_exactly_one_page_with_nothing_out_of_its_cell(
    printed: dict[tuple[str, Lang], dict[str, Any]], lang: Lang
) -> None:
    overview = printed["overview", lang]
    assert len(overview["pages"]) == 1
    assert overview["overflow"] == []
    for method_id in SPEC_IDS:  # every row, whole, on that page
        assert method_id in overview["pages"][0]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_method_card_is_one_page(
    printed: dict[tuple[str, Lang], dict[str, Any]], lang: Lang
) -> None:
    pages = printed["cards", lang]["pages"]
    total = len(SPEC_IDS)
    for number, method_id in enumerate(SPEC_IDS, 1):
        page = pages[number]  # the cover is page 1
        assert re.search(rf"{KICKER[lang]} {number} / {total} · {method_id}\b", page), number
        assert SOURCE[lang] in page, f"{method_id}: its source is not on its page"
    assert not any(KICKER[lang] in page for page in pages[total + 1 :])
    assert printed["cards", lang]["overflow"] == []
    # What does not fit a card follows the cards: every safeguard in full, then the rest.
    background = "\f".join(pages[total + 1 :])
    assert BACKGROUND[lang] in background


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_cards_are_readable_across_a_room(
    printed: dict[tuple[str, Lang], dict[str, Any]], lang: Lang
) -> None:
    cards = printed["cards", lang]
    assert cards["small"] == []  # body text >= 9 pt, source labels >= 7 pt
    assert cards["colours"]
    for colour in cards["colours"]:
        assert contrast_on_white(colour) >= 4.5, colour  # WCAG AA for text


def test_ids_keep_their_own_spelling_on_the_printed_card(
    printed: dict[tuple[str, Lang], dict[str, Any]],
) -> None:
    page = printed["cards", "fi"]["pages"][4]
    assert "kayttajakokoukset" in page and "KAYTTAJAKOKOUKSET" not in page


def test_a_printed_card_never_sends_the_reader_to_the_command_line(
    printed: dict[tuple[str, Lang], dict[str, Any]],
) -> None:
    for (_, _), handout in printed.items():
        assert not any("osallisuus show" in page for page in handout["pages"])

"""The printable handouts: Markdown and standalone A4 HTML, in Finnish and English."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from osallisuus_cli.model import Bilingual, Dataset, Fits, Lang, Source, Terms
from osallisuus_cli.render_export import export_html, export_markdown

HELSINKI_URL = (
    "http://www.hel.fi/wps/wcm/connect/c6cbfa804a176e2c9555fd3d8d1d4668/"
    "2008_osallistavat_menetelma.pdf?MOD=AJPERES"
)
HOSTILE = (
    "<script>alert(1)</script> [bold red]loud[/] \x1b[31mred\x1b[0m \x07bell \x9b2J *x* _y_ `z`"
)


def _read(document: str) -> str:
    """HTML as a reader sees its text: without the places a long word may break."""
    return document.replace("&shy;", "").replace("<wbr>", "")


def _html_section(document: str, method_id: str) -> str:
    start = document.index(f'<article class="method" id="m-{method_id}"')
    return _read(document[start : document.index("</article>", start)])


def _md_section(document: str, number: int) -> str:
    start = document.index(f"\n## {number}. ")
    end = document.find("\n## ", start + 1)
    return document[start : end if end != -1 else None]


def _hostile(dataset: Dataset, method_id: str = "bikva") -> Dataset:
    """The dataset with one method's and one source's text full of markup and controls."""
    method = dataset.method(method_id)
    assert method is not None
    text = Bilingual(fi=HOSTILE, en=HOSTILE)
    fits = Fits.of(f._replace(why=text) for f in method.fits)
    bad = method._replace(
        name=text,
        goal=text,
        description=text,
        fits=fits,
        source_id="evil",
        aliases=Terms(fi=(HOSTILE,), en=(HOSTILE,)),
    )
    evil = Source(
        id="evil",
        author=HOSTILE,
        year="2020",
        title=text,
        publisher=text,
        citation=text,
        url="javascript:alert(1)",
    )
    methods = tuple(bad if m.id == method_id else m for m in dataset.methods)
    return dataset._replace(methods=methods, sources=(*dataset.sources, evil))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_method_in_both_formats(dataset: Dataset, lang: Lang) -> None:
    page = export_html(dataset, dataset.methods, lang)
    text = export_markdown(dataset, dataset.methods, lang)
    for number, method in enumerate(dataset.methods, 1):
        assert html.escape(method.name.get(lang)) in _html_section(page, method.id)
        assert f"\n## {number}. {method.name.get(lang)}\n" in text
    assert page.count('<article class="method"') == len(dataset.methods)
    assert text.count("\n## ") == len(dataset.methods)


def test_finnish_seed_text_verbatim(dataset: Dataset) -> None:
    page = export_html(dataset, dataset.methods, "fi")
    text = export_markdown(dataset, dataset.methods, "fi")
    for number, method in enumerate(dataset.methods, 1):
        section = _html_section(page, method.id)
        md = _md_section(text, number)
        source = dataset.source(method.source_id)
        for field in (method.goal.fi, method.description.fi, source.citation.fi):
            assert html.escape(field) in section
            assert field in md
        assert method.goal.en not in section


def test_english_handout_is_english(dataset: Dataset) -> None:
    page = export_html(dataset, dataset.methods, "en")
    assert '<html lang="en">' in page
    assert "Where the method fits" in page and "Mihin menetelmä sopii" not in page
    for method in dataset.methods:
        assert html.escape(method.goal.en) in _html_section(page, method.id)


def test_fits_grouped_by_question_with_weights_and_reasons(dataset: Dataset) -> None:
    bikva = dataset.method("bikva")
    assert bikva is not None
    section = _html_section(export_html(dataset, [bikva], "fi"), "bikva")
    top = dataset.max_weight
    for fit in bikva.fits:
        question = dataset.question(fit.question)
        assert html.escape(question.label.fi[:1].upper() + question.label.fi[1:]) in section
        value = question.value(fit.value)
        assert value is not None
        assert html.escape(value.label.fi) in section
        assert html.escape(fit.why.fi) in section
        assert f'aria-label="{fit.weight}/{top}"' in section
    # Requirements with their reason: Bikva's external facilitator.
    assert "Tarvitsee: ulkopuolinen vetäjä" in section
    assert html.escape(bikva.requirements[0].why.fi) in section
    md = export_markdown(dataset, [bikva], "fi")
    assert "- ●●●●● (5/5) **vaikeasti tavoitettavat asiakkaat** — " in md


def test_helsinki_url_in_verkostokokous_section(dataset: Dataset) -> None:
    number = [m.id for m in dataset.methods].index("verkostokokous") + 1
    page = export_html(dataset, dataset.methods, "fi")
    section = _html_section(page, "verkostokokous")
    assert f'<a href="{html.escape(HELSINKI_URL)}">' in section
    assert f"<{HELSINKI_URL}>" in _md_section(
        export_markdown(dataset, dataset.methods, "fi"), number
    )
    # The Espoo document has no URL: BIKVA's own source line links nowhere.
    citation = _html_section(page, "bikva").split('class="citation"')[1].split("</p>")[0]
    assert "<a href" not in citation


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_hostile_text_is_escaped_in_html(dataset: Dataset, lang: Lang) -> None:
    hostile = _hostile(dataset)
    page = export_html(hostile, hostile.methods, lang)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "\x1b" not in page and "\x07" not in page and "\x9b" not in page
    assert not any("javascript" in href for href in re.findall(r'href="([^"]*)"', page))
    assert "javascript:alert(1)" in page  # shown as text, not a link
    # The tags the parser sees are exactly the renderer's own, whatever the data says.
    tags = _tags(page)
    assert "script" not in tags and tags <= _tags(export_html(dataset, dataset.methods, lang))
    assert "[bold red]loud[/]" in page  # plain text; nothing interprets it


def test_hostile_text_is_harmless_in_markdown(dataset: Dataset) -> None:
    hostile = _hostile(dataset)
    text = export_markdown(hostile, hostile.methods, "fi")
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\[bold red\\]loud\\[/\\]" in text
    assert "\\*x\\*" in text and "\\_y\\_" in text and "\\`z\\`" in text
    assert "<javascript:" not in text and "](javascript:" not in text


def test_markdown_escapes_block_markers_at_line_start(dataset: Dataset) -> None:
    method = dataset.methods[0]
    odd = method._replace(
        goal=Bilingual(fi="# not a heading", en=""),
        description=Bilingual(fi="2010. not a list\n\n- nor this\n> nor a quote", en=""),
    )
    text = export_markdown(dataset, [odd], "fi")
    assert "\n\\# not a heading\n" in text
    assert "\n2010\\. not a list\n" in text
    assert "\n\\- nor this \\> nor a quote\n" in text


def test_html_is_standalone_and_prints_on_a4(dataset: Dataset) -> None:
    page = export_html(dataset, dataset.methods, "fi")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="fi">' in page and '<meta charset="utf-8">' in page
    assert "@page" in page and "size: A4" in page
    assert "break-after: page" in page
    assert not re.search(r"<(link|img|script|iframe)\b", page)
    assert "url(" not in page and "@import" not in page
    # A cover with the title and a table of contents linking to each method.
    assert "<h1>Asiakasosallisuutta lisäävät menetelmät</h1>" in _read(page)
    for method in dataset.methods:
        assert f'href="#m-{method.id}"' in page
    assert _balanced(page)


def test_subset_outputs_only_those_methods(dataset: Dataset) -> None:
    chosen = [m for m in dataset.methods if m.id in ("laheisneuvonpito", "bikva")]
    others = [m for m in dataset.methods if m not in chosen]
    page = export_html(dataset, chosen, "fi")
    text = export_markdown(dataset, chosen, "fi")
    assert page.count('<article class="method"') == 2 and text.count("\n## ") == 2
    for method in others:
        assert html.escape(method.name.fi) not in _read(page)
        assert method.goal.fi not in text
    # Only the sources of the chosen methods are listed: both are from Espoo.
    assert HELSINKI_URL not in page and HELSINKI_URL not in text


def test_no_methods_is_still_a_document(dataset: Dataset) -> None:
    assert _balanced(export_html(dataset, [], "en"))
    assert export_markdown(dataset, [], "en").startswith("# Client-participation methods\n")


def test_output_is_deterministic(dataset: Dataset) -> None:
    first = export_html(dataset, dataset.methods, "fi")
    assert first == export_html(dataset, dataset.methods, "fi")


# -- helpers ---------------------------------------------------------------------------------

_VOID = {"meta", "br", "hr", "img", "link", "input", "wbr"}
# Elements that may not sit inside a <p> (a browser would close the paragraph early).
_BLOCK = {"p", "div", "h1", "h2", "h3", "ul", "ol", "table", "section", "header", "footer"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        if tag in _BLOCK and "p" in self.stack:
            self.ok = False
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def _tags(page: str) -> set[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.names


def _balanced(page: str) -> bool:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.ok and not parser.stack

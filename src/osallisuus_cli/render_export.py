"""Printable handouts of methods: a Markdown document and a standalone HTML file for A4.

Both are pure functions of the dataset, the chosen methods and the language; the
caller writes the string where it was asked for. Dataset text is data: control
characters are shown as visible escapes (as on the terminal), and in HTML every
piece of it is escaped, in Markdown every character that would change rendering.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence

from .i18n import provenance, safe, t
from .model import (
    KNOWLEDGE_FIELDS,
    Dataset,
    Fit,
    Lang,
    Method,
    Question,
    Requirement,
    Source,
    Sourced,
    sources_of,
)
from .textanalysis import compound_breaks

# -- shared ----------------------------------------------------------------------------------


def _fits_by_question(dataset: Dataset, method: Method) -> Iterator[tuple[Question, list[Fit]]]:
    """The method's fits in question order, best fit first within a question."""
    for question in dataset.questions:
        fits = method.fits_for(question.key)
        if fits:
            yield question, sorted(fits, key=lambda f: -f.weight)


def _requirement_head(dataset: Dataset, requirement: Requirement, lang: Lang) -> str:
    """E.g. "Tarvitsee: ulkopuolinen vetäjä"."""
    question = next((q for q in dataset.questions if q.resources), None)
    label = question.value_label(requirement.resource, lang) if question else requirement.resource
    return f"{cap(t('needs', lang))}: {label}"


def _aliases(method: Method, lang: Lang) -> list[str]:
    """The method's other names, the chosen language first, without repeats."""
    first, second = (method.aliases.fi, method.aliases.en)
    if lang == "en":
        first, second = second, first
    seen: set[str] = set()
    names: list[str] = []
    for name in (*first, *second):
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def _publisher_line(source: Source, lang: Lang) -> str:
    publisher = source.publisher.get(lang)
    if source.year and source.year not in publisher:
        return f"{publisher}, {source.year}" if publisher else source.year
    return publisher


def _linkable(url: str) -> bool:
    """Only plain web addresses become links; anything else is shown as text."""
    return url.lower().startswith(("http://", "https://")) and not re.search(
        r"[\s<>\"'`\\\x00-\x1f\x7f-\x9f]", url
    )


def _sources_used(dataset: Dataset, methods: Sequence[Method], every: bool = False) -> list[Source]:
    """The methods' own sources (the seed's), or with `every` all that their statements cite."""
    wanted = {s.id for m in methods for s in (sources_of(dataset, m) if every else [])} | {
        m.source_id for m in methods
    }
    return [s for s in dataset.sources if s.id in wanted]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


# -- Markdown --------------------------------------------------------------------------------

_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>#|~&])")
# Block markers that only matter at the start of a line: list items, rules, headings.
_MD_LEADING = re.compile(r"^(\d+)([.)])|^([-+=])")


def md_line(text: str) -> str:
    """Dataset text as one Markdown line that renders as exactly that text."""
    line = re.sub(r"[ \t]*[\n\t][ \t]*", " ", safe(text)).strip(" ")
    line = _MD_ANYWHERE.sub(r"\\\1", line)
    return _MD_LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def _md_block(text: str) -> list[str]:
    return [md_line(p) for p in _paragraphs(text)] or [""]


def _md_dots(weight: int, top: int) -> str:
    return "●" * weight + "○" * max(top - weight, 0) + f" ({weight}/{top})"


def _md_method(dataset: Dataset, method: Method, number: int, lang: Lang) -> list[str]:
    lines = [f"## {number}. {md_line(method.name.get(lang))}", ""]
    names = _aliases(method, lang)
    if names:
        lines += [f"*{cap(t('aliases', lang))}: {', '.join(md_line(n) for n in names)}*", ""]
    for key, text in (("goal", method.goal), ("description", method.description)):
        lines += [f"### {cap(t(key, lang))}", ""]
        for paragraph in _md_block(text.get(lang)):
            lines += [paragraph, ""]
    lines += [f"### {t('export_fits', lang)}", ""]
    for question, fits in _fits_by_question(dataset, method):
        lines += [f"**{md_line(question.prompt.get(lang))}**", ""]
        for fit in fits:
            label = question.value_label(fit.value, lang)
            dots = _md_dots(fit.weight, dataset.max_weight)
            why = md_line(fit.why.get(lang))
            source = md_line(provenance(dataset, fit.source, lang))
            lines.append(f"- {dots} **{md_line(label)}** — {why} \\[{source}\\]")
        lines.append("")
    lines += _md_knowledge(dataset, method, lang)
    lines += [f"### {cap(t('source', lang))}", "", *_md_source(dataset, method, lang), ""]
    others = [s for s in sources_of(dataset, method) if s.id != method.source_id]
    if others:
        lines += [f"### {cap(t('other_sources', lang))}", ""]
        lines += [f"- {_md_reference(s, lang)}" for s in others]
        lines.append("")
    return lines


def _md_reference(source: Source, lang: Lang) -> str:
    url = f" <{source.url}>" if source.url and _linkable(source.url) else ""
    return f"**{md_line(source.short())}** — {md_line(source.citation.get(lang))}{url}"


def _md_knowledge(dataset: Dataset, method: Method, lang: Lang) -> list[str]:
    """What the method takes, what is known of it beyond the seed, where it stands."""
    lines: list[str] = []
    for title, statements in _knowledge_sections(dataset, method, lang):
        lines += [f"### {md_line(cap(title))}", ""]
        for text, source in statements:
            lines.append(f"- {md_line(text)} \\[{md_line(source)}\\]")
        lines.append("")
    return lines


def _knowledge_sections(
    dataset: Dataset, method: Method, lang: Lang, placements: bool = True
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(text, source label)]) for each part of the method's knowledge that has
    something: preconditions first, then origin, steps, roles, strengths, limits, law, and
    the framework placements."""

    def said(
        items: Sequence[Sourced], prefix: Callable[[int], str] = lambda _: ""
    ) -> list[tuple[str, str]]:
        return [
            (prefix(i) + item.why.get(lang), provenance(dataset, item.source, lang))
            for i, item in enumerate(items, 1)
        ]

    sections = []
    needs = [
        (
            f"⚠ {_requirement_head(dataset, r, lang)}: {r.why.get(lang)}",
            provenance(dataset, r.source, lang),
        )
        for r in method.requirements
    ] + said(method.preconditions)
    if needs:
        sections.append((t("preconditions", lang), needs))
    for key in KNOWLEDGE_FIELDS:
        statements = getattr(method.knowledge, key)
        if statements:
            number = (lambda i: f"{i}. ") if key == "steps" else (lambda _: "")
            sections.append((t(f"knowledge_{key}", lang), said(statements, number)))
    placed = []
    for placement in method.placements if placements else ():
        framework = dataset.framework(placement.framework)
        step = framework.value(placement.value) if framework else None
        name = framework.label.get(lang) if framework else placement.framework
        value = step.label.get(lang) if step else placement.value
        text = f"{name}: {value} — {placement.why.get(lang)}"
        placed.append((text, provenance(dataset, placement.source, lang)))
    if placed:
        sections.append((t("placements", lang), placed))
    return sections


def _md_source(dataset: Dataset, method: Method, lang: Lang) -> list[str]:
    source = dataset.source(method.source_id)
    parts = [md_line(source.citation.get(lang))]
    publisher = _publisher_line(source, lang)
    if publisher:
        parts.append(md_line(publisher))
    if source.url:
        parts.append(f"<{source.url}>" if _linkable(source.url) else md_line(source.url))
    # A backslash at the end of a line is Markdown's hard line break.
    return [part + "\\" for part in parts[:-1]] + parts[-1:]


def export_markdown(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> str:
    """The handout as a Markdown document: title, contents, one `##` section per method."""
    lines = [f"# {md_line(t('catalogue', lang))}", "", t("export_intro_md", lang), ""]
    lines += [f"**{t('export_contents', lang)}**", ""]
    lines += [f"{i}. {md_line(m.name.get(lang))}" for i, m in enumerate(methods, 1)]
    top, low = _md_dots(dataset.max_weight, dataset.max_weight), _md_dots(1, dataset.max_weight)
    lines += ["", "*" + t("export_scale", lang, top=top, low=low) + "*", ""]
    for number, method in enumerate(methods, 1):
        lines += ["---", "", *_md_method(dataset, method, number, lang)]
    return "\n".join(lines).rstrip("\n") + "\n"


# -- HTML ------------------------------------------------------------------------------------


# What html.escape(text, quote=True) does, without importing the html package, whose
# table of named entities costs every run about a millisecond (python -X importtime).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def html_text(text: str) -> str:
    """Dataset text as HTML text: controls made visible, markup escaped."""
    return safe(text).translate(_ESCAPES)


LONG_WORD = 12  # letters from which a word gets break opportunities at its compound parts
# Patterns, compiled (and cached by re) only when an HTML page is made.
_LONG = rf"[^\W\d_]{{{LONG_WORD},}}"
_SLASH = r"(?<=[^\W\d_])/(?=[^\W\d_])"  # word/word: asiakasraati/asiakasfoorumi


def html_words(text: str) -> str:
    """Text for an element (not an attribute), with the places a long word may break: a
    soft hyphen where the parts of a Finnish compound meet (asiakas&shy;osallisuutta) and
    a break opportunity after a slash. A narrow page then never cuts a word elsewhere."""
    escaped = re.sub(_SLASH, "/<wbr>", html_text(text))
    return re.sub(_LONG, _soft_hyphens, escaped)


def _soft_hyphens(match: re.Match[str]) -> str:
    word = match.group()
    cuts = (0, *compound_breaks(word), len(word))
    return "&shy;".join(word[start:end] for start, end in itertools.pairwise(cuts))


def _h_block(text: str, css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return "".join(
        f"<p{attr}>{html_words(p).replace(chr(10), '<br>')}</p>" for p in _paragraphs(text)
    )


def _h_dots(weight: int, top: int) -> str:
    on, off = "●" * weight, "○" * max(top - weight, 0)
    return (
        f'<span class="dots" role="img" aria-label="{weight}/{top}" title="{weight}/{top}">'
        f'{on}<span class="off">{off}</span></span>'
    )


def _h_anchor(method: Method) -> str:
    return "m-" + re.sub(r"[^A-Za-z0-9_-]", "_", method.id)


def html_url(url: str) -> str:
    if _linkable(url):
        return f'<a href="{url.translate(_ESCAPES)}">{html_text(url)}</a>'
    return f'<span class="url">{html_text(url)}</span>'


def _h_fits(dataset: Dataset, method: Method, lang: Lang) -> str:
    """The fits as one line of values per question; a fit's reason and source are in its
    title (and in `show`), so that the method and its knowledge share one A4 page."""
    rows = []
    for question, fits in _fits_by_question(dataset, method):
        items = "".join(
            f'<li title="{html_text(f.why.get(lang))} '
            f'[{html_text(provenance(dataset, f.source, lang))}]">'
            f"{_h_dots(f.weight, dataset.max_weight)}"
            f"<b>{html_text(question.value_label(f.value, lang))}</b></li>"
            for f in fits
        )
        rows.append(f'<tr><th scope="row">{html_text(cap(question.label.get(lang)))}</th>')
        rows.append(f"<td><ul>{items}</ul></td></tr>")
    return f'<table class="fits">{"".join(rows)}</table>' if rows else ""


def _h_knowledge(dataset: Dataset, method: Method, lang: Lang) -> str:
    """What the method takes and what is known of it; its placements in one line each
    (their reasons are in `show`), so that the page stays one A4 page."""
    sections = _knowledge_sections(dataset, method, lang, placements=False)
    blocks = "".join(
        f"<div><h4>{html_text(cap(title))}</h4><ul>"
        + "".join(
            f'<li>{html_text(text)} <span class="src">[{html_text(source)}]</span></li>'
            for text, source in statements
        )
        + "</ul></div>"
        for title, statements in sections
    )
    placed = " · ".join(
        f"<b>{html_text(name)}:</b> {html_text(', '.join(values))}"
        for name, values in _placements_by_framework(dataset, method, lang)
    )
    if placed:
        judged = html_text(t("judgement", lang))
        blocks += f'<p class="placed">{placed} <span class="src">[{judged}]</span></p>'
    return f'<section class="knowledge">{blocks}</section>' if blocks else ""


def _placements_by_framework(
    dataset: Dataset, method: Method, lang: Lang
) -> list[tuple[str, list[str]]]:
    out: dict[str, list[str]] = {}
    for placement in method.placements:
        framework = dataset.framework(placement.framework)
        step = framework.value(placement.value) if framework else None
        name = framework.label.get(lang) if framework else placement.framework
        out.setdefault(name, []).append(step.label.get(lang) if step else placement.value)
    return list(out.items())


def _h_source(dataset: Dataset, method: Method, lang: Lang) -> str:
    source = dataset.source(method.source_id)
    head = f'<b class="label">{html_text(cap(t("source", lang)))}</b>'
    lines = [f'<p class="citation">{head}{html_text(source.citation.get(lang))}</p>']
    publisher = _publisher_line(source, lang)
    if publisher:
        lines.append(f"<p>{html_text(publisher)}</p>")
    if source.url:
        lines.append(f'<p class="link">{html_url(source.url)}</p>')
    others = [s for s in sources_of(dataset, method) if s.id != method.source_id]
    if others:
        names = " · ".join(html_text(s.short()) for s in others)
        head = html_text(cap(t("other_sources", lang)))
        lines.append(
            f'<p class="others"><b>{head}:</b> {names} ({html_text(t("see_end", lang))})</p>'
        )
    return f"<footer>{''.join(lines)}</footer>"


def _h_method(dataset: Dataset, method: Method, number: int, total: int, lang: Lang) -> str:
    names = _aliases(method, lang)
    aliases = (
        f'<p class="aliases"><span>{html_text(cap(t("aliases", lang)))}:</span> '
        f"{html_text(', '.join(names))}</p>"
        if names
        else ""
    )
    return (
        f'<article class="method" id="{_h_anchor(method)}">'
        f'<header><p class="kicker">{html_text(t("method", lang).capitalize())} {number} / {total}'
        f" · {html_text(method.id)}</p>"
        f"<h2>{html_words(method.name.get(lang))}</h2>{aliases}</header>"
        f'<section class="goal"><h3>{html_text(cap(t("goal", lang)))}</h3>'
        f"{_h_block(method.goal.get(lang))}</section>"
        f'<section class="description"><h3>{html_text(cap(t("description", lang)))}</h3>'
        f"{_h_block(method.description.get(lang))}</section>"
        f'<section class="fit"><h3>{html_text(t("export_fits", lang))}</h3>'
        f"{_h_fits(dataset, method, lang)}</section>"
        f"{_h_knowledge(dataset, method, lang)}"
        f"{_h_source(dataset, method, lang)}"
        "</article>"
    )


def _h_cover(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> str:
    contents = "".join(
        f'<li><a href="#{_h_anchor(m)}">{html_words(m.name.get(lang))}</a>'
        f'<span class="id">{html_text(m.id)}</span></li>'
        for m in methods
    )
    sources = "".join(
        f"<li>{html_text(s.citation.get(lang))}"
        + (f"<br>{html_url(s.url)}" if s.url else "")
        + "</li>"
        for s in _sources_used(dataset, methods)
    )
    top = _h_dots(dataset.max_weight, dataset.max_weight)
    low = _h_dots(1, dataset.max_weight)
    return (
        '<header class="cover">'
        f'<p class="kicker">{html_text(t("export_kicker", lang))}</p>'
        f"<h1>{html_words(t('catalogue', lang))}</h1>"
        f'<p class="lead">{html_words(t("export_intro", lang))}</p>'
        f"<nav><h2>{html_text(t('export_contents', lang))}</h2>"
        f'<ol class="toc">{contents}</ol></nav>'
        f'<p class="scale">{t("export_scale", lang, top=top, low=low)}</p>'
        + (
            f'<section class="sources"><h2>{html_text(t("export_sources", lang))}</h2>'
            f"<ul>{sources}</ul></section>"
            if sources
            else ""
        )
        + "</header>"
    )


_CSS = """
@page { size: A4; margin: 11mm 14mm 11mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 7.5pt sans-serif;
    color: #5b6b72; } }
:root { --ink: #1d2a30; --muted: #5b6b72; --accent: #0e6470; --tint: #eef5f5;
  --line: #cfdcdd; --warn: #9a5b00; --warn-tint: #fff5e4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9eef0; color: var(--ink);
  font: 10.5pt/1.45 "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans",
  "DejaVu Sans", sans-serif; hyphens: auto; }
h1, h2, h3 { line-height: 1.2; margin: 0; }
a { color: var(--accent); overflow-wrap: anywhere; }
ul, ol { margin: 0; padding: 0; }
.cover, .method { background: #fff; max-width: 190mm; margin: 10mm auto; padding: 14mm 16mm;
  box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.kicker { margin: 0 0 2mm; color: var(--accent); font-size: 8.5pt; font-weight: 700;
  letter-spacing: .08em; text-transform: uppercase; }
.cover h1 { font-size: 26pt; color: var(--accent); margin-bottom: 4mm; }
.cover .lead { font-size: 12pt; color: var(--muted); margin: 0 0 10mm; max-width: 140mm; }
.cover h2 { font-size: 11pt; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); border-bottom: 1.5pt solid var(--accent); padding-bottom: 1.5mm;
  margin-bottom: 3mm; }
.toc { list-style: none; counter-reset: toc; }
.toc li { counter-increment: toc; display: flex; align-items: baseline; gap: 3mm;
  padding: 1.6mm 0; border-bottom: .5pt solid var(--line); font-size: 11.5pt; }
.toc li::before { content: counter(toc); min-width: 7mm; color: var(--accent);
  font-weight: 700; text-align: right; }
.toc a { color: var(--ink); text-decoration: none; flex: 1; }
.toc .id { color: var(--muted); font-size: 8.5pt; font-family: "DejaVu Sans Mono", monospace; }
.scale { margin: 6mm 0 9mm; padding: 3mm 4mm; background: var(--tint); border-radius: 2mm;
  font-size: 9.5pt; color: var(--muted); }
.sources ul { list-style: none; font-size: 9pt; color: var(--muted); }
.sources li { margin-bottom: 2.5mm; }
.method > header { border-bottom: 2pt solid var(--accent); padding-bottom: 2.5mm;
  margin-bottom: 3.5mm; }
.method h2 { font-size: 16pt; color: var(--accent); }
.aliases { margin: 1.5mm 0 0; font-size: 9pt; color: var(--muted); font-style: italic; }
.aliases span { font-style: normal; font-weight: 600; }
.method h3 { font-size: 9pt; text-transform: uppercase; letter-spacing: .07em;
  color: var(--accent); margin: 0 0 1.2mm; }
.method section { margin-bottom: 2.4mm; }
.method p { margin: 0 0 1.2mm; }
.description { font-size: 9.5pt; line-height: 1.35; }
.goal { background: var(--tint); border-left: 3pt solid var(--accent); padding: 2.5mm 4mm;
  border-radius: 0 2mm 2mm 0; font-size: 10pt; }
.fits { width: 100%; border-collapse: collapse; font-size: 8.6pt; line-height: 1.3; }
.fits th { width: 17%; text-align: left; vertical-align: top; font-weight: 600;
  padding: 1.1mm 3mm 1.1mm 0; color: var(--ink); }
.fits td { padding: 1.1mm 0; }
.fits tr { border-top: .5pt solid var(--line); break-inside: avoid; }
.fits ul { display: flex; flex-wrap: wrap; gap: .4mm 4mm; }
.fits li { list-style: none; white-space: nowrap; }
.fits .why { color: var(--muted); }
.dots { display: inline-block; margin-right: 1mm; text-indent: 0; color: var(--accent);
  font-size: 7.5pt; letter-spacing: .02em; white-space: nowrap; }
.dots .off { color: #98adb0; }
.scale .dots { width: auto; margin: 0 .3em; }
.requirements { background: var(--warn-tint); border-left: 3pt solid var(--warn);
  padding: 2.5mm 4mm; border-radius: 0 2mm 2mm 0; }
.requirements h3 { color: var(--warn); }
.requirements li { list-style: none; font-size: 9.5pt; }
.method > footer { border-top: .75pt solid var(--line); padding-top: 1.5mm; font-size: 7.6pt;
  color: var(--muted); break-inside: avoid; }
.method > footer .label { font-size: 9pt; text-transform: uppercase; letter-spacing: .07em;
  color: var(--muted); margin-right: 1.5mm; }
.method > footer p { margin: 0 0 .6mm; }
.method > footer .citation { color: var(--ink); }
.method > footer .others { font-size: 7.5pt; margin-top: 1mm; }
.references { background: #fff; max-width: 190mm; margin: 10mm auto; padding: 14mm 16mm;
  font-size: 8.5pt; }
.references h2 { font-size: 14pt; color: var(--accent); margin-bottom: 3mm; }
.references ul { list-style: none; }
.references li { margin-bottom: 1.4mm; }
.src { color: #8a989d; font-size: 85%; white-space: nowrap; }
.knowledge { columns: 2; column-gap: 5mm; font-size: 7.3pt; line-height: 1.2; }
.knowledge .placed { column-span: all; margin: 1mm 0 0; }
.knowledge h4 { font-size: 7.8pt; text-transform: uppercase; letter-spacing: .06em;
  color: var(--accent); margin: 0 0 .5mm; }
.knowledge ul { padding-left: 3.5mm; }
.knowledge div { break-inside: avoid; margin-bottom: 1.2mm; }
@media print {
  body { background: none; }
  .cover, .method { box-shadow: none; margin: 0; padding: 0; max-width: none;
    page-break-after: always; break-after: page; }
  .method:last-of-type { page-break-after: always; break-after: page; }
  .references { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  /* The page area's height, so that the source sits at the foot of the page. */
  .method { min-height: 274mm; display: flex; flex-direction: column; }
  .method > footer { margin-top: auto; }
  .toc a { text-decoration: none; }
}
"""


def _h_references(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> str:
    items = "".join(
        f"<li><b>{html_text(s.short())}</b> {html_text(s.citation.get(lang))}"
        + (f" {html_url(s.url)}" if s.url else "")
        + "</li>"
        for s in _sources_used(dataset, methods, every=True)
    )
    title = html_text(t("export_sources", lang))
    return f'<article class="references"><h2>{title}</h2><ul>{items}</ul></article>'


def export_html(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> str:
    """The handout as one standalone HTML file: a cover with contents, one A4 page per method."""
    title = html_text(t("catalogue", lang))
    body = "\n".join(_h_method(dataset, m, i, len(methods), lang) for i, m in enumerate(methods, 1))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{_h_cover(dataset, methods, lang)}\n{body}\n"
        f"{_h_references(dataset, methods, lang)}\n</body>\n</html>\n"
    )


# -- the overview: every method on one page, for trainers -----------------------------------

OVERVIEW_QUESTIONS = ("target_groups", "purposes")  # the matrix's columns, question by question


def _overview_columns(dataset: Dataset) -> list[tuple[Question, list[str]]]:
    """Each question of the overview with the values some method fits, in its order."""
    columns = []
    for key in OVERVIEW_QUESTIONS:
        question = dataset.question(key)
        fitted = {f.value for m in dataset.methods for f in m.fits_for(key)}
        columns.append((question, [v.slug for v in question.values if v.slug in fitted]))
    return columns


def overview_markdown(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> str:
    """The overview as Markdown: one table of methods by values per question."""
    top, low = _md_dots(dataset.max_weight, dataset.max_weight), _md_dots(1, dataset.max_weight)
    lines = [f"# {md_line(t('overview_title', lang))}", "", t("overview_intro", lang), ""]
    lines += ["*" + t("export_scale", lang, top=top, low=low) + "*", ""]
    for question, values in _overview_columns(dataset):
        labels = [md_line(question.value_label(v, lang)) for v in values]
        lines += [f"## {md_line(cap(question.label.get(lang)))}", ""]
        lines.append(f"| {cap(t('method', lang))} | " + " | ".join(labels) + " |")
        lines.append("|---|" + "---|" * len(values))
        for method in methods:
            cells = []
            for value in values:
                fit = method.fit(question.key, value)
                cells.append(_dots_only(fit.weight, dataset.max_weight) if fit else "")
            name = f"{md_line(method.name.get(lang))} ({md_line(method.id)})"
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += _md_overview_sources(dataset, methods, lang)
    return "\n".join(lines).rstrip("\n") + "\n"


def _dots_only(weight: int, top: int) -> str:
    return "●" * weight + "○" * max(top - weight, 0)


def _md_overview_sources(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> list[str]:
    lines = [f"## {t('export_sources', lang)}", ""]
    lines += [f"- {_md_reference(s, lang)}" for s in _sources_used(dataset, methods)]
    return [*lines, ""]


_OVERVIEW_CSS = """
@page { size: A4 landscape; margin: 9mm 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 277mm; padding: 6mm; color: #1d2a30;
  font: 8.4pt/1.25 "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans",
  "DejaVu Sans", sans-serif; hyphens: auto; }
h1 { color: #0e6470; font-size: 15pt; margin: 0 0 1.5mm; }
.lead { color: #5b6b72; margin: 0 0 2.5mm; font-size: 9pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: .5pt solid #cfdcdd; padding: .9mm 1mm; vertical-align: top; }
thead th { background: #eef5f5; font-weight: 600; text-align: center; font-size: 7.6pt; }
thead th.question { color: #0e6470; text-transform: uppercase; letter-spacing: .05em; }
tbody th { text-align: left; font-weight: 600; width: 44mm; }
tbody th .id { display: block; font: 7pt "DejaVu Sans Mono", monospace; color: #5b6b72;
  font-weight: 400; }
td { text-align: center; white-space: nowrap; }
td.first { border-left: 1.5pt solid #0e6470; }
.dots { color: #0e6470; font-size: 6.8pt; letter-spacing: -.02em; }
.dots .off { color: #b7c6c8; }
.scale, .sources { color: #5b6b72; font-size: 7.4pt; margin: 2mm 0 0; }
.scale .dots { font-size: 7.4pt; }
"""


def overview_html(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> str:
    """The overview as one standalone HTML page for A4 landscape: methods down the side,
    the values of each question across, the fit as dots."""
    columns = _overview_columns(dataset)
    heads = "".join(
        f'<th class="question" colspan="{len(values)}">'
        f"{html_words(cap(question.label.get(lang)))}</th>"
        for question, values in columns
    )
    labels = "".join(
        f'<th scope="col">{html_words(question.value_label(v, lang))}</th>'
        for question, values in columns
        for v in values
    )
    rows = []
    for method in methods:
        cells = []
        for question, values in columns:
            for index, value in enumerate(values):
                fit = method.fit(question.key, value)
                css = ' class="first"' if index == 0 else ""
                dots = _h_dots(fit.weight, dataset.max_weight) if fit else ""
                cells.append(f"<td{css}>{dots}</td>")
        rows.append(
            f'<tr><th scope="row">{html_words(method.name.get(lang))}'
            f'<span class="id">{html_text(method.id)}</span></th>{"".join(cells)}</tr>'
        )
    title = html_text(t("overview_title", lang))
    top = _h_dots(dataset.max_weight, dataset.max_weight)
    low = _h_dots(1, dataset.max_weight)
    sources = " · ".join(html_text(s.citation.get(lang)) for s in _sources_used(dataset, methods))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_OVERVIEW_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{html_words(t('overview_title', lang))}</h1>\n"
        f'<p class="lead">{html_words(t("overview_intro", lang))}</p>\n'
        f'<table class="overview"><thead><tr><th rowspan="2" scope="col">'
        f"{html_text(cap(t('method', lang)))}</th>{heads}</tr><tr>{labels}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>\n"
        f'<p class="scale">{t("export_scale", lang, top=top, low=low)}</p>\n'
        f'<p class="sources">{html_text(cap(t("export_sources", lang)))}: {sources}</p>\n'
        "</body>\n</html>\n"
    )

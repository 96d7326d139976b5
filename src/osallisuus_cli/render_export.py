"""Printable handouts of methods: a Markdown document and a standalone HTML file for A4.

Both are pure functions of the dataset, the chosen methods and the language; the
caller writes the string where it was asked for. Dataset text is data: control
characters are shown as visible escapes (as on the terminal), and in HTML every
piece of it is escaped, in Markdown every character that would change rendering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from .hyphenation import compound_seams, hyphenation_points
from .i18n import alphabetical, provenance, resource_label, safe, safeguard_condition, t
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
from .records import Record
from .safeguards import possible_safeguards

# -- shared ----------------------------------------------------------------------------------


def _fits_by_question(dataset: Dataset, method: Method) -> Iterator[tuple[Question, list[Fit]]]:
    """The method's fits in question order, best fit first within a question."""
    for question in dataset.questions:
        fits = method.fits_for(question.key)
        if fits:
            yield question, sorted(fits, key=lambda f: -f.weight)


def _requirement_head(dataset: Dataset, requirement: Requirement, lang: Lang) -> str:
    """E.g. "Tarvitsee: ulkopuolinen vetäjä"."""
    label = resource_label(dataset, requirement.resource, lang)
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
    return alphabetical(s for s in dataset.sources if s.id in wanted)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


# -- Markdown --------------------------------------------------------------------------------

_MD_ANYWHERE = r"([\\`*_\[\]<>#|~&])"
# Block markers that only matter at the start of a line: list items, rules, headings.
_MD_LEADING = r"^(\d+)([.)])|^([-+=])"


def md_line(text: str) -> str:
    """Dataset text as one Markdown line that renders as exactly that text."""
    line = re.sub(r"[ \t]*[\n\t][ \t]*", " ", safe(text)).strip(" ")
    line = re.sub(_MD_ANYWHERE, r"\\\1", line)
    return re.sub(_MD_LEADING, lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


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
    others = alphabetical(s for s in sources_of(dataset, method) if s.id != method.source_id)
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
    for section in _knowledge_sections(dataset, method, lang):
        lines += [f"### {md_line(cap(section.title))}", ""]
        for number, (text, source) in enumerate(section.items, 1):
            marker = f"{number}." if section.ordered else "-"
            lines.append(f"{marker} {md_line(text)} \\[{md_line(source)}\\]")
        lines.append("")
    return lines


class Section(Record):
    """One part of a method's knowledge: its key, heading and (text, source label) items,
    `ordered` when the items are steps in order (numbered by the list, not the text)."""

    key: str
    title: str
    items: list[tuple[str, str]]
    ordered: bool = False


# What a printed card carries beside the fit: what the method takes, what must be in place
# for the people named (in short: the name and when), how it runs and who is needed. The
# rest of what is known, and each safeguard in full, follows the cards (the background),
# so that every card is one A4 page at 9 pt.
CARD_SECTIONS = ("preconditions", "safeguards", "steps", "roles")


def _knowledge_sections(
    dataset: Dataset, method: Method, lang: Lang, placements: bool = True, short: bool = False
) -> list[Section]:
    """Each part of the method's knowledge that has something: preconditions and
    safeguards first (`short`: each safeguard by its name and when it applies), then
    origin, steps, roles, strengths, limits, law, and the framework placements."""

    def said(items: Sequence[Sourced]) -> list[tuple[str, str]]:
        return [(item.why.get(lang), provenance(dataset, item.source, lang)) for item in items]

    sections = []
    needs = [
        (
            f"⚠ {_requirement_head(dataset, r, lang)}: {r.why.get(lang)}",
            provenance(dataset, r.source, lang),
        )
        for r in method.requirements
    ] + said(method.preconditions)
    if needs:
        sections.append(Section("preconditions", t("preconditions", lang), needs))
    guards = []
    # a card names the safeguards that apply alike, from one source, together
    alike: dict[tuple[str, str], list[str]] = {}
    for guard, cases in possible_safeguards(dataset, method):
        when = safeguard_condition(dataset, cases, lang, short)
        source = provenance(dataset, guard.source, lang)
        if short:
            alike.setdefault((when, source), []).append(guard.label.get(lang))
        else:
            text = f"{guard.label.get(lang)}: {guard.why.get(lang)} ({when})"
            guards.append((text, source))
    guards += [
        (f"{'; '.join(labels)} ({when})", source) for (when, source), labels in alike.items()
    ]
    if guards:
        sections.append(Section("safeguards", t("safeguards_short", lang), guards))
    for key in KNOWLEDGE_FIELDS:
        statements = getattr(method.knowledge, key)
        if statements:
            title = t(f"knowledge_{key}", lang)
            sections.append(Section(key, title, said(statements), ordered=key == "steps"))
    placed = []
    for placement in method.placements if placements else ():
        framework = dataset.framework(placement.framework)
        step = framework.value(placement.value) if framework else None
        name = framework.label.get(lang) if framework else placement.framework
        value = step.label.get(lang) if step else placement.value
        text = f"{name}: {value} — {placement.why.get(lang)}"
        placed.append((text, provenance(dataset, placement.source, lang)))
    if placed:
        sections.append(Section("placements", t("placements", lang), placed))
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


# Letters from which a Finnish word gets its hyphenation points (hyphenation.py): in body
# text only the longest words need them; in a narrow cell (a label in the overview's
# columns, a method's name) every word that may not fit does.
LONG_WORD = 14
LONG_WORD_NARROW = 8
# Patterns, compiled (and cached by re) only when an HTML page is made.
_WORD = r"[^\W\d_]{%d,}"
_SLASH = r"(?<=[^\W\d_])/(?=[^\W\d_])"  # word/word: asiakasraati/asiakasfoorumi


def html_words(text: str, lang: Lang, narrow: bool = False) -> str:
    """Text for an element (not an attribute), with the places a long word may break: a
    soft hyphen at a Finnish word's hyphenation points (asiakas&shy;osal&shy;li&shy;suut&shy;ta)
    and a break opportunity after a slash. English is left to the browser's `hyphens`."""
    escaped = re.sub(_SLASH, "/<wbr>", html_text(text))
    if lang != "fi":
        return escaped
    return re.sub(_WORD % (LONG_WORD_NARROW if narrow else LONG_WORD), _soft_hyphens, escaped)


def _soft_hyphens(match: re.Match[str]) -> str:
    word = match.group()
    # A capitalised word may be a name (Krogstrup): it breaks only where known parts meet.
    points = compound_seams(word) if word[:1].isupper() else hyphenation_points(word)
    cuts = (0, *points, len(word))
    return "&shy;".join(word[start:end] for start, end in pairwise(cuts))


def _h_block(text: str, lang: Lang) -> str:
    return "".join(
        f"<p>{html_words(p, lang).replace(chr(10), '<br>')}</p>" for p in _paragraphs(text)
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


def _h_sections(sections: Sequence[Section], lang: Lang) -> str:
    return "".join(
        f"<div><h4>{html_text(cap(section.title))}</h4><{'ol' if section.ordered else 'ul'}>"
        + "".join(
            f'<li>{html_words(text, lang)} <span class="src">[{html_text(source)}]</span></li>'
            for text, source in section.items
        )
        + f"</{'ol' if section.ordered else 'ul'}></div>"
        for section in sections
    )


def _h_knowledge(dataset: Dataset, method: Method, lang: Lang) -> str:
    """What the method takes, what must be in place, how it runs and who is needed; its
    placements in one line each (their reasons are in `show`): one A4 page."""
    sections = _knowledge_sections(dataset, method, lang, placements=False, short=True)
    blocks = _h_sections([s for s in sections if s.key in CARD_SECTIONS], lang)
    if any(s.key not in CARD_SECTIONS or s.key == "safeguards" for s in sections):
        blocks += f'<p class="more">{html_text(t("export_background_note", lang))}</p>'
    placed = " · ".join(
        f"<b>{html_text(name)}:</b> {html_text(', '.join(values))}"
        for name, values in _placements_by_framework(dataset, method, lang)
    )
    if placed:
        judged = html_text(t("judgement", lang))
        blocks += f'<p class="placed">{placed} <span class="src">[{judged}]</span></p>'
    return f'<section class="knowledge">{blocks}</section>' if blocks else ""


def _h_background(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> str:
    """After the cards: every safeguard the cards name, in full and once, then what else
    is known of each method (origin, strengths, limits, the law)."""
    wanted = {g.id for m in methods for g, _ in possible_safeguards(dataset, m)}
    guards = [
        (f"{g.label.get(lang)}: {g.why.get(lang)}", provenance(dataset, g.source, lang))
        for g in dataset.safeguards
        if g.id in wanted
    ]
    parts = []
    if guards:
        title = t("safeguards_short", lang)
        parts.append(
            f'<section class="background-method">{_h_sections([Section("", title, guards)], lang)}'
            "</section>"
        )
    for method in methods:
        sections = _knowledge_sections(dataset, method, lang, placements=False)
        rest = [s for s in sections if s.key not in (*CARD_SECTIONS, "safeguards")]
        if rest:
            parts.append(
                f'<section class="background-method"><h3>{html_words(method.name.get(lang), lang)}'
                f' <span class="id">{html_text(method.id)}</span></h3>'
                f"{_h_sections(rest, lang)}</section>"
            )
    if not parts:
        return ""
    title = html_text(t("export_background", lang))
    return f'<article class="background"><h2>{title}</h2>{"".join(parts)}</article>'


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
    """The method's own source in full; the other sources its statements cite are in the
    references at the end, so that the card stays one page."""
    source = dataset.source(method.source_id)
    head = f'<b class="label">{html_text(cap(t("source", lang)))}</b>'
    lines = [f'<p class="citation">{head}{html_text(source.citation.get(lang))}</p>']
    if source.url:
        lines.append(f'<p class="link">{html_url(source.url)}</p>')
    return f"<footer>{''.join(lines)}</footer>"


def _h_method(dataset: Dataset, method: Method, number: int, total: int, lang: Lang) -> str:
    own = {method.name.fi.casefold(), method.name.en.casefold()}
    names = [name for name in _aliases(method, lang) if name.casefold() not in own]
    aliases = (
        f'<p class="aliases"><span>{html_text(cap(t("aliases", lang)))}:</span> '
        f"{html_text(', '.join(names))}</p>"
        if names
        else ""
    )
    return (
        f'<article class="method" id="{_h_anchor(method)}">'
        f'<header><p class="kicker">{html_text(t("method", lang).capitalize())} {number} / {total}'
        f' · <span class="id">{html_text(method.id)}</span></p>'
        f"<h2>{html_words(method.name.get(lang), lang)}</h2>{aliases}</header>"
        f'<section class="goal"><h3>{html_text(cap(t("goal", lang)))}</h3>'
        f"{_h_block(method.goal.get(lang), lang)}</section>"
        f'<section class="description"><h3>{html_text(cap(t("description", lang)))}</h3>'
        f"{_h_block(method.description.get(lang), lang)}</section>"
        f'<section class="fit"><h3>{html_text(t("export_fits", lang))}</h3>'
        f"{_h_fits(dataset, method, lang)}</section>"
        f"{_h_knowledge(dataset, method, lang)}"
        f"{_h_source(dataset, method, lang)}"
        "</article>"
    )


def _h_cover(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> str:
    contents = "".join(
        f'<li><a href="#{_h_anchor(m)}">{html_words(m.name.get(lang), lang)}</a>'
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
        f"<h1>{html_words(t('catalogue', lang), lang)}</h1>"
        f'<p class="lead">{html_words(t("export_intro", lang), lang)}</p>'
        f"<nav><h2>{html_text(t('export_contents', lang))}</h2>"
        f'<ol class="toc">{contents}</ol></nav>'
        f'<p class="scale">{t("export_scale", lang, top=top, low=low)} '
        f"{html_text(t('export_labels', lang))}</p>"
        + (
            f'<section class="sources"><h2>{html_text(t("export_sources", lang))}</h2>'
            f"<ul>{sources}</ul></section>"
            if sources
            else ""
        )
        + "</header>"
    )


_CSS = """
@page { size: A4; margin: 7mm 9mm 6mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt sans-serif;
    color: #4a5a61; } }
:root { --ink: #1d2a30; --muted: #4a5a61; --accent: #0e6470; --tint: #eef5f5;
  --line: #cfdcdd; --warn: #8a5200; --warn-tint: #fff5e4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9eef0; color: var(--ink);
  font: 10pt/1.4 "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans",
  "DejaVu Sans", sans-serif; hyphens: auto; }
h1, h2, h3 { line-height: 1.2; margin: 0; }
a { color: var(--accent); overflow-wrap: anywhere; }
ul, ol { margin: 0; padding: 0; }
.cover, .method { background: #fff; max-width: 210mm; margin: 10mm auto; padding: 10mm 12mm;
  box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.kicker { margin: 0 0 1.5mm; color: var(--accent); font-size: 9pt; font-weight: 700;
  letter-spacing: .08em; text-transform: uppercase; }
.kicker .id, .toc .id { font: 400 9pt "DejaVu Sans Mono", monospace; letter-spacing: 0;
  text-transform: none; color: var(--muted); }
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
.scale { margin: 6mm 0 9mm; padding: 3mm 4mm; background: var(--tint); border-radius: 2mm;
  font-size: 10pt; color: var(--muted); }
.sources ul { list-style: none; font-size: 9.5pt; color: var(--muted); }
.sources li { margin-bottom: 2.5mm; }
.method > header { border-bottom: 2pt solid var(--accent); padding-bottom: 1.5mm;
  margin-bottom: 2.5mm; }
.method h2 { font-size: 14pt; color: var(--accent); }
.aliases { margin: 1mm 0 0; font-size: 9pt; color: var(--muted); font-style: italic;
  line-height: 1.3; }
.aliases span { font-style: normal; font-weight: 600; }
.method h3 { font-size: 9pt; text-transform: uppercase; letter-spacing: .07em;
  color: var(--accent); margin: 0 0 1mm; }
.method section { margin-bottom: 1.6mm; }
.method p { margin: 0 0 1mm; }
.description { font-size: 9.5pt; line-height: 1.25; }
.goal { background: var(--tint); border-left: 3pt solid var(--accent); padding: 1.5mm 3mm;
  border-radius: 0 2mm 2mm 0; font-size: 9.5pt; line-height: 1.25; }
.fits { width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 1.22; }
.fits th { width: 16%; text-align: left; vertical-align: top; font-weight: 600;
  padding: .45mm 3mm .45mm 0; color: var(--ink); }
.fits td { padding: .45mm 0; }
.fits tr { border-top: .5pt solid var(--line); break-inside: avoid; }
.fits ul { display: flex; flex-wrap: wrap; gap: .3mm 4mm; }
.fits li { list-style: none; white-space: nowrap; }
.dots { display: inline-block; margin-right: 1mm; text-indent: 0; color: var(--accent);
  font-size: 8pt; letter-spacing: .02em; white-space: nowrap; }
.dots .off { color: #8aa0a4; }
.scale .dots { width: auto; margin: 0 .3em; }
.method > footer { border-top: .75pt solid var(--line); padding-top: 1.2mm; font-size: 8.5pt;
  line-height: 1.25; color: var(--muted); break-inside: avoid; }
.method > footer .label { font-size: 8.5pt; text-transform: uppercase; letter-spacing: .07em;
  color: var(--accent); font-weight: 700; margin-right: 1.5mm; }
.method > footer p { margin: 0 0 .5mm; }
.method > footer .citation { color: var(--ink); }
.references { background: #fff; max-width: 210mm; margin: 10mm auto; padding: 10mm 12mm;
  font-size: 9.5pt; }
.references h2 { font-size: 14pt; color: var(--accent); margin-bottom: 3mm; }
.references ul { list-style: none; }
.references li { margin-bottom: 1.4mm; break-inside: avoid; }
.src { color: var(--muted); font-size: 7.5pt; }
.knowledge { columns: 2; column-gap: 5mm; font-size: 9pt; line-height: 1.15; }
.knowledge .placed { column-span: all; margin: 1mm 0 0; }
.knowledge h4 { font-size: 9pt; text-transform: uppercase; letter-spacing: .06em;
  color: var(--accent); margin: 0 0 .6mm; break-after: avoid; }
.knowledge ul, .knowledge ol { padding-left: 4.5mm; }
.knowledge li { margin-bottom: .2mm; }
.knowledge div { margin-bottom: .8mm; }
.knowledge li { break-inside: avoid; }
.knowledge .more { column-span: all; margin: .5mm 0 0; color: var(--muted); font-style: italic; }
.background { background: #fff; max-width: 210mm; margin: 10mm auto; padding: 10mm 12mm; }
.background h2 { font-size: 14pt; color: var(--accent); margin-bottom: 3mm; }
.background-method { columns: 2; column-gap: 5mm; font-size: 9pt; line-height: 1.2;
  margin-bottom: 4mm; }
.background-method h3 { column-span: all; font-size: 11pt; color: var(--accent);
  border-bottom: 1pt solid var(--line); margin: 0 0 1.5mm; padding-bottom: .8mm; }
.background-method h3 .id { font: 400 9pt "DejaVu Sans Mono", monospace; color: var(--muted); }
.background h4 { font-size: 9pt; text-transform: uppercase; letter-spacing: .06em;
  color: var(--accent); margin: 0 0 .6mm; break-after: avoid; }
.background ul, .background ol { padding-left: 4.5mm; }
.background li { margin-bottom: .3mm; break-inside: avoid; }
.background-method div { margin-bottom: 1.2mm; }
@media print {
  .background { box-shadow: none; margin: 0; padding: 0; max-width: none;
    page-break-after: always; break-after: page; }
  body { background: none; }
  .cover, .method { box-shadow: none; margin: 0; padding: 0; max-width: none;
    page-break-after: always; break-after: page; }
  .method:last-of-type { page-break-after: always; break-after: page; }
  .references { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  /* The page area's height, so that the source sits at the foot of the page. */
  .method { min-height: 283.5mm; display: flex; flex-direction: column; }
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
        f"{_h_background(dataset, methods, lang)}\n"
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
@page { size: A4 landscape; margin: 8mm 9mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 279mm; color: #1d2a30;
  font: 9pt/1.25 "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans",
  "DejaVu Sans", sans-serif; hyphens: auto; }
h1 { color: #0e6470; font-size: 15pt; margin: 0 0 1mm; }
.lead { color: #4a5a61; margin: 0 0 2.5mm; font-size: 9.5pt; }
table { width: 100%; border-collapse: collapse; table-layout: auto; }
col.name { width: 49mm; }
col.value { width: 14.5mm; }
col.purpose { width: 16mm; }
th, td { border: .5pt solid #cfdcdd; padding: 1.2mm .7mm; vertical-align: top; }
thead th { background: #eef5f5; font-weight: 600; text-align: center; font-size: 8pt;
  line-height: 1.15; padding: .9mm .5mm; }
thead th.question { color: #0e6470; text-transform: uppercase; letter-spacing: .05em;
  font-size: 8.5pt; }
thead th.corner { text-align: left; vertical-align: bottom; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tbody th { text-align: left; font-weight: 600; font-size: 9pt; line-height: 1.2;
  padding-left: 1.2mm; }
tbody th .id { display: block; font: 7.5pt "DejaVu Sans Mono", monospace; color: #4a5a61;
  font-weight: 400; margin-top: .3mm; }
td { text-align: center; white-space: nowrap; vertical-align: middle; }
td.first, th.first { border-left: 1.5pt solid #0e6470; }
.dots { color: #0e6470; font-size: 8.5pt; letter-spacing: -.04em; }
.dots .off { color: #9fb2b5; }
.scale, .sources { color: #4a5a61; font-size: 8pt; margin: 1.5mm 0 0; }
.scale .dots { font-size: 8pt; }
"""


def overview_html(dataset: Dataset, methods: Sequence[Method], lang: Lang) -> str:
    """The overview as one standalone HTML page for A4 landscape: methods down the side,
    the values of each question across, the fit as dots."""
    columns = _overview_columns(dataset)
    widths = "".join(
        f'<col class="{"value" if question.key == "target_groups" else "purpose"}">' * len(values)
        for question, values in columns
    )
    heads = "".join(
        f'<th class="question first" colspan="{len(values)}">'
        f"{html_words(cap(question.label.get(lang)), lang, narrow=True)}</th>"
        for question, values in columns
    )
    first = ' class="first"'
    labels = "".join(
        f'<th scope="col"{first if index == 0 else ""}>'
        f"{html_words(question.value_label(v, lang), lang, narrow=True)}</th>"
        for question, values in columns
        for index, v in enumerate(values)
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
            f'<tr><th scope="row">{html_words(method.name.get(lang), lang, narrow=True)}'
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
        f"<h1>{html_words(t('overview_title', lang), lang)}</h1>\n"
        f'<p class="lead">{html_words(t("overview_intro", lang), lang)}</p>\n'
        f'<table class="overview"><colgroup><col class="name">{widths}</colgroup>'
        f'<thead><tr><th class="corner" rowspan="2" scope="col">'
        f"{html_text(cap(t('method', lang)))}</th>{heads}</tr><tr>{labels}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>\n"
        f'<p class="scale">{t("export_scale", lang, top=top, low=low)}</p>\n'
        f'<p class="sources">{html_text(cap(t("export_sources", lang)))}: {sources}</p>\n'
        "</body>\n</html>\n"
    )

"""A memo for the planning meeting: a recommendation or a plan as Markdown or standalone HTML.

Pure functions of a result and the language; `present.py` writes the text to the
file asked for. Dataset and user text is escaped as in the handouts.
"""

from __future__ import annotations

from collections.abc import Sequence

from .i18n import need_text, provenance, reason_text, t
from .model import (
    ChecklistItem,
    Dataset,
    Lang,
    Method,
    Need,
    PlanResult,
    Recommendation,
    RecommendResult,
    Source,
    sources_of,
)
from .render_export import cap, html_text, html_url, md_line
from .safeguards import safeguards_for

MEMO_TOP = 5  # methods a recommendation memo lists


def _answers(result: RecommendResult | PlanResult, lang: Lang) -> list[tuple[str, str]]:
    dataset, answers = result.dataset, result.answers
    rows = [
        (q.label.get(lang), ", ".join(q.value_label(v, lang) for v in answers.get(q.key)))
        for q in dataset.questions
        if answers.get(q.key)
    ]
    if answers.describe:
        rows.append((t("describe", lang), answers.describe))
    return rows


def _entries(result: RecommendResult | PlanResult, lang: Lang) -> list[tuple[str, Recommendation]]:
    """(heading, method) pairs: the plan's phases, or the first ranked methods."""
    if isinstance(result, PlanResult):
        phase = result.dataset.question("phase")
        return [
            (cap(phase.value_label(p.phase, lang)), p.choice) for p in result.phases if p.choice
        ]
    return [(f"{r.rank}.", r) for r in result.results[:MEMO_TOP]]


def _close(result: RecommendResult | PlanResult, heading_index: int) -> Sequence[Recommendation]:
    if isinstance(result, PlanResult):
        phases = [p for p in result.phases if p.choice]
        return phases[heading_index].methods[1:]
    return ()


def _sources(dataset: Dataset, methods: Sequence[Method]) -> list[Source]:
    found: dict[str, Source] = {}
    for method in methods:
        for source in sources_of(dataset, method):
            found.setdefault(source.id, source)
    return list(found.values())


def _title(result: RecommendResult | PlanResult, lang: Lang) -> str:
    return t("plan_title", lang) if isinstance(result, PlanResult) else t("memo_title", lang)


# -- Markdown ---------------------------------------------------------------------------


def memo_markdown(result: RecommendResult | PlanResult, lang: Lang) -> str:
    dataset = result.dataset
    lines = [f"# {md_line(_title(result, lang))}", "", f"## {t('answers', lang)}", ""]
    lines += [f"- **{md_line(cap(k))}:** {md_line(v)}" for k, v in _answers(result, lang)]
    lines += ["", f"## {t('memo_methods', lang)}", ""]
    entries = _entries(result, lang)
    for index, (heading, r) in enumerate(entries):
        name = md_line(r.method.name.get(lang))
        lines += [f"### {md_line(heading)} {name} ({r.score} %)", ""]
        lines += [md_line(r.method.goal.get(lang)), ""]
        lines += [f"- {md_line(need_text(dataset, n, lang))}" for n in _open_needs(r)]
        lines += [f"- {md_line(reason_text(dataset, reason, lang))}" for reason in r.reasons]
        guards = safeguards_for(dataset, r.method, result.answers)
        if guards:
            lines += ["", f"**{md_line(cap(t('safeguards_short', lang)))}:**", ""]
            lines += [
                f"- **{md_line(g.label.get(lang))}:** {md_line(g.why.get(lang))} "
                f"\\[{md_line(provenance(dataset, g.source, lang))}\\]"
                for g in guards
            ]
        close = _close(result, index)
        if close:
            names = ", ".join(f"{c.method.name.get(lang)} {c.score} %" for c in close)
            lines += ["", f"*{md_line(cap(t('plan_close', lang)))}: {md_line(names)}*"]
        lines.append("")
    if result.checklist:
        lines += [f"## {md_line(t('checklist', lang))}", ""]
        lines += [_md_check(dataset, item, lang) for item in result.checklist]
        lines.append("")
    lines += [f"## {t('export_sources', lang)}", ""]
    for source in _sources(dataset, [r.method for _, r in entries]):
        url = f" <{source.url}>" if source.url else ""
        lines.append(f"- **{md_line(source.short())}** — {md_line(source.citation.get(lang))}{url}")
    return "\n".join(lines).rstrip("\n") + "\n"


def _open_needs(result: Recommendation) -> list[Need]:
    """A result's needs that are not met: unmet first (its warnings), then to check."""
    return [*result.warnings, *(n for n in result.needs if n.status == "to-check")]


def _status(item: ChecklistItem, lang: Lang) -> str:
    """What a checklist item's status adds: missing, or to check; nothing otherwise."""
    if item.unmet:
        return t("checklist_unmet", lang)
    return t("to_check", lang) if item.status == "to-check" else ""


def _md_check(dataset: Dataset, item: ChecklistItem, lang: Lang) -> str:
    box = "- [ ]"
    status = _status(item, lang)
    unmet = f" **{md_line(status)}**" if status else ""
    source = provenance(dataset, item.source, lang)
    text = md_line(item.why.get(lang))
    return f"{box} {md_line(item.method.name.get(lang))}: {text} \\[{md_line(source)}\\]{unmet}"


# -- HTML -------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 16mm; }
body { font: 10.5pt/1.45 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  color: #1d2a30; max-width: 180mm; margin: 10mm auto; padding: 0 6mm; }
h1 { color: #0e6470; font-size: 20pt; margin: 0 0 4mm; }
h2 { color: #0e6470; font-size: 12pt; text-transform: uppercase; letter-spacing: .05em;
  border-bottom: 1.5pt solid #0e6470; padding-bottom: 1mm; margin: 7mm 0 3mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
table.answers th { text-align: left; padding-right: 4mm; vertical-align: top; }
.goal { color: #5b6b72; margin: 0 0 1.5mm; }
ul { margin: 0 0 2mm; padding-left: 5mm; }
.warn { color: #9a5b00; font-weight: 600; }
.close { color: #5b6b72; font-style: italic; }
.check { list-style: none; padding-left: 0; }
.check li::before { content: "\\2610  "; }
.source { color: #5b6b72; }
.guard { font-weight: 600; margin: 1.5mm 0 0; }
section { break-inside: avoid; }
"""


def memo_html(result: RecommendResult | PlanResult, lang: Lang) -> str:
    dataset = result.dataset
    title = html_text(_title(result, lang))
    answers = "".join(
        f"<tr><th>{html_text(cap(k))}</th><td>{html_text(v)}</td></tr>"
        for k, v in _answers(result, lang)
    )
    blocks = []
    entries = _entries(result, lang)
    for index, (heading, r) in enumerate(entries):
        warnings = "".join(
            f'<li class="warn">{html_text(need_text(dataset, n, lang))}</li>'
            for n in _open_needs(r)
        )
        reasons = "".join(
            f"<li>{html_text(reason_text(dataset, reason, lang))}</li>" for reason in r.reasons
        )
        guards = "".join(
            f"<li><b>{html_text(g.label.get(lang))}:</b> {html_text(g.why.get(lang))} "
            f'<span class="source">[{html_text(provenance(dataset, g.source, lang))}]</span></li>'
            for g in safeguards_for(dataset, r.method, result.answers)
        )
        guarded = (
            f'<p class="guard">{html_text(cap(t("safeguards_short", lang)))}:</p><ul>{guards}</ul>'
            if guards
            else ""
        )
        close = _close(result, index)
        names = ", ".join(f"{c.method.name.get(lang)} {c.score} %" for c in close)
        also = (
            f'<p class="close">{html_text(cap(t("plan_close", lang)))}: {html_text(names)}</p>'
            if close
            else ""
        )
        blocks.append(
            f"<section><h3>{html_text(heading)} {html_text(r.method.name.get(lang))} "
            f'({r.score} %)</h3><p class="goal">{html_text(r.method.goal.get(lang))}</p>'
            f"<ul>{warnings}{reasons}</ul>{guarded}{also}</section>"
        )
    checklist = "".join(
        f"<li>{html_text(item.method.name.get(lang))}: {html_text(item.why.get(lang))} "
        f'<span class="source">[{html_text(provenance(dataset, item.source, lang))}]</span>'
        + (f' <b class="warn">{html_text(_status(item, lang))}</b>' if _status(item, lang) else "")
        + "</li>"
        for item in result.checklist
    )
    sources = "".join(
        f"<li><b>{html_text(s.short())}</b> — {html_text(s.citation.get(lang))}"
        + (f" {html_url(s.url)}" if s.url else "")
        + "</li>"
        for s in _sources(dataset, [r.method for _, r in entries])
    )
    check_section = (
        f'<h2>{html_text(t("checklist", lang))}</h2><ul class="check">{checklist}</ul>'
        if checklist
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n"
        f'<h2>{html_text(t("answers", lang))}</h2><table class="answers">{answers}</table>\n'
        f"<h2>{html_text(t('memo_methods', lang))}</h2>{''.join(blocks)}\n"
        f"{check_section}\n"
        f"<h2>{html_text(t('export_sources', lang))}</h2><ul>{sources}</ul>\n"
        "</body>\n</html>\n"
    )

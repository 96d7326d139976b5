"""A memo for the planning meeting: a recommendation or a plan as Markdown or standalone HTML.

Pure functions of a result and the language; `present.py` writes the text to the
file asked for. A memo reads as the terminal does: methods that lack what they need
are set apart under their own heading, a plan's phases are headed "Planning: Method",
and "76 %" never breaks between the number and the sign (a no-break space). Dataset
and user text is escaped, in Markdown only where a character would change what a
reader sees (a reader of the plain file sees no backslashes in ordinary text).
"""

from __future__ import annotations

import re

from .i18n import (
    SECTION_HEADINGS,
    heard_how_lines,
    heard_text,
    need_text,
    not_heard_text,
    nothing_head,
    nothing_text,
    phase_label,
    provenance,
    reason_text,
    safe,
    safeguard_text,
    safety_text,
    t,
    warned_text,
    why_chosen_sentences,
)
from .model import (
    ChecklistItem,
    Dataset,
    GroupStatement,
    Lang,
    Method,
    Need,
    PhaseWork,
    PlanPhase,
    PlanResult,
    PlanTrack,
    Recommendation,
    RecommendResult,
    Source,
    Statement,
    sources_of,
)
from .render_export import _linkable, cap, html_text, html_url
from .safeguards import safeguards_for
from .scoring import sections

MEMO_TOP = 5  # methods a recommendation memo lists
NBSP = "\u00a0"
BLANK = "______"  # a field to fill in at the meeting

Sourced = Statement | PhaseWork | GroupStatement


def percent(score: int) -> str:
    """A score as people read it, never broken between the number and the sign."""
    return f"{score}{NBSP}%"


def _unbroken(text: str) -> str:
    """Every "76 %" in a memo's text with a no-break space."""
    return re.sub(r"(\d) %", rf"\1{NBSP}%", text)


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


def _ranked(result: RecommendResult) -> list[list[Recommendation]]:
    """The first ranked methods, in the table's sections (`scoring.section`)."""
    return sections(result.answers, result.results[:MEMO_TOP])


def _methods(result: RecommendResult | PlanResult) -> list[Method]:
    if isinstance(result, PlanResult):
        return [p.choice.method for track in result.tracks for p in track.phases if p.choice]
    return [r.method for r in result.results[:MEMO_TOP]]


def _plan_statements(result: RecommendResult | PlanResult) -> list[Sourced]:
    """The plan's own sourced statements: each phase's work, the feeds, the answers to what
    was asked, closing the loop."""
    if not isinstance(result, PlanResult):
        return []
    works: list[Sourced] = [p.work for track in result.tracks for p in track.phases if p.work]
    answered = [s for topic in result.asked for s in topic.answer]
    return [*works, *result.feeds, *result.timing, *answered, *result.close_the_loop]


def _sources(result: RecommendResult | PlanResult) -> list[Source]:
    dataset = result.dataset
    found: dict[str, Source] = {}
    for method in _methods(result):
        for source in sources_of(dataset, method):
            found.setdefault(source.id, source)
    known = {s.id: s for s in dataset.sources}
    for statement in _plan_statements(result):
        if statement.source in known:
            found.setdefault(statement.source, known[statement.source])
    return list(found.values())


def _title(result: RecommendResult | PlanResult, lang: Lang) -> str:
    return t("plan_title", lang) if isinstance(result, PlanResult) else t("memo_title", lang)


def _open_needs(result: Recommendation) -> list[Need]:
    """A result's needs that are not met: unmet first (its warnings), then to check."""
    return [*result.warnings, *result.to_check]


def _status(item: ChecklistItem, lang: Lang) -> str:
    """What a checklist item's status adds: missing, or to check; nothing otherwise."""
    if item.unmet:
        return t("checklist_unmet", lang)
    return t("to_check", lang) if item.status == "to-check" else ""


def _close_names(phase: PlanPhase, lang: Lang) -> str:
    """What else was close, a method lacking what it needs marked as in the table."""
    return ", ".join(
        ("⚠ " if r.warnings else "") + f"{r.method.name.get(lang)} {percent(r.score)}"
        for r in phase.methods[1:]
    )


def _heard_lines(result: PlanResult, phase: PlanPhase, lang: Lang) -> list[tuple[str, str]]:
    """Whom the phase hears directly, with what lets them take part themselves, then how
    to hear each in a form they can use: (heading, text) pairs, the text not yet escaped."""
    dataset = result.dataset
    if not phase.hearing:
        return []
    lines = [(cap(t("heard_directly", lang)), heard_text(dataset, phase, lang))]
    return lines + [(cap(h), how) for h, how in heard_how_lines(dataset, phase, lang)]


def _warned_lines(result: PlanResult, lang: Lang) -> list[str]:
    """Up front: the risks to someone's safety named, then where every method that fits
    lacks what the planner said they lack."""
    safety = [line for _, line in safety_text(result.dataset, result.answers, lang)]
    return safety + [
        line for track in result.tracks for _, line in warned_text(result.dataset, track, lang)
    ]


def _case_step(result: PlanResult, phase: PlanPhase) -> Sourced | None:
    """What happens in a step of the case: the method's own step, else the step in general."""
    if phase.work is not None:
        return phase.work
    case = result.dataset.plan.case
    step = next((s for s in case.steps if s.slug == phase.phase), None) if case else None
    return Statement(step.why, step.source) if step else None


def _adapted_label(result: PlanResult, phase: PlanPhase, lang: Lang) -> str:
    """The heading of what a case step ("For this case") or a phase's method ("For this
    work") does differently for the people named."""
    return t("for_them" if phase.phase in _steps(result) else "for_this_work", lang)


def _md_adapted(result: PlanResult, phase: PlanPhase, lang: Lang) -> list[str]:
    label = md(_adapted_label(result, phase, lang))
    return [
        line
        for adapted in phase.adapted
        for line in (f"**{label}:** {_md_sourced(result.dataset, adapted, lang)}", "")
    ]


def _h_adapted(result: PlanResult, phase: PlanPhase, lang: Lang) -> str:
    label = html_text(_adapted_label(result, phase, lang))
    return "".join(
        f"<p><b>{label}:</b> {_h_sourced(result.dataset, adapted, lang)}</p>"
        for adapted in phase.adapted
    )


def _fields(lang: Lang) -> list[tuple[str, str]]:
    """The blanks each phase carries for the meeting to fill in."""
    return [(t(key, lang), BLANK) for key in ("memo_owner", "memo_date", "memo_success")]


# -- Markdown ---------------------------------------------------------------------------

_MD_ALWAYS = r"([\\`*_<>~])"
_MD_LINK = r"\][(\[:]"  # brackets that would make a link
_MD_ENTITY = r"&(?=#?[0-9A-Za-z]+;)"  # an ampersand that would make an entity
# Block markers that only matter at the start of a line: list items, rules, headings.
_MD_LEADING = r"^(\d+)([.)])(?=\s|$)|^([-+=#>|])"


def md(text: str) -> str:
    """Text as one Markdown line that renders as exactly that text, escaped only where a
    character would change it: emphasis and code marks, markup, a link's brackets, an
    entity's ampersand."""
    line = re.sub(r"[ \t]*[\n\t][ \t]*", " ", safe(text)).strip(" ")
    line = re.sub(_MD_ALWAYS, r"\\\1", line)
    if re.search(_MD_LINK, line):
        line = re.sub(r"([\[\]])", r"\\\1", line)
    return re.sub(_MD_ENTITY, r"\\&", line)


def md_start(text: str) -> str:
    """Text that begins a line: also a list item's number, a rule or a heading's mark escaped."""
    return re.sub(_MD_LEADING, lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", md(text))


def _md_url(url: str) -> str:
    """A source's address: a link only when it is a plain web address (http or https), as
    in the handouts; anything else (javascript:, data:, markup) is text, escaped."""
    return f"<{url}>" if _linkable(url) else md(url)


def _md_sourced(dataset: Dataset, statement: Sourced, lang: Lang) -> str:
    return f"{md(statement.why.get(lang))} [{md(provenance(dataset, statement.source, lang))}]"


def memo_markdown(result: RecommendResult | PlanResult, lang: Lang) -> str:
    lines = [f"# {md(_title(result, lang))}", "", f"## {md(t('answers', lang))}", ""]
    lines += [f"- **{md(cap(k))}:** {md(v)}" for k, v in _answers(result, lang)]
    lines.append("")
    if isinstance(result, PlanResult):
        lines += _md_plan(result, lang)
    else:
        lines += [f"## {md(t('memo_methods', lang))}", ""]
        for part, key in zip(_ranked(result), SECTION_HEADINGS, strict=True):
            if part and key is not None:
                lines += [f"### {md(t(key, lang))}", ""]
            for r in part:
                level = "###" if key is None else "####"
                lines += _md_method(result, f"{r.rank}.", r, lang, level=level)
    if result.checklist:
        lines += [f"## {md(t('checklist', lang))}", ""]
        lines += [_md_check(result.dataset, item, lang) for item in result.checklist]
        lines.append("")
    if isinstance(result, PlanResult) and result.close_the_loop:
        lines += [f"## {md(t('close_the_loop', lang))}", ""]
        lines += [f"- {_md_sourced(result.dataset, s, lang)}" for s in result.close_the_loop]
        lines += ["", f"- **{md(t('memo_tells', lang))}:** {BLANK}", ""]
    lines += [f"## {md(t('export_sources', lang))}", ""]
    for source in _sources(result):
        url = f" {_md_url(source.url)}" if source.url else ""
        lines.append(f"- **{md(source.short())}** — {md(source.citation.get(lang))}{url}")
    return _unbroken("\n".join(lines).rstrip("\n") + "\n")


def _md_method(
    result: RecommendResult | PlanResult,
    heading: str,
    r: Recommendation,
    lang: Lang,
    level: str = "###",
    phase: PlanPhase | None = None,
) -> list[str]:
    """One method: its heading, goal, why it was chosen and what it does here (in a plan),
    its open needs and reasons, safeguards, whom it hears and what else was close."""
    dataset = result.dataset
    name = md(r.method.name.get(lang))
    lines = [f"{level} {md(heading)} {name} ({percent(r.score)})", ""]
    lines += [md_start(r.method.goal.get(lang)), ""]
    if phase is not None and phase.why:
        why = why_chosen_sentences(dataset, phase, lang)
        lines += [f"**{md(cap(t('why_chosen', lang)))}:** {md(why)}", ""]
    # a case's steps follow the case method, each with what the method does in it
    if (
        phase
        and phase.work
        and isinstance(result, PlanResult)
        and phase.phase not in _steps(result)
    ):
        work = _md_sourced(dataset, phase.work, lang)
        lines += [f"**{md(cap(t('does_here', lang)))}:** {work}", ""]
    if phase and isinstance(result, PlanResult) and phase.phase not in _steps(result):
        lines += _md_adapted(result, phase, lang)
    lines += [f"- {md(need_text(dataset, n, lang))}" for n in _open_needs(r)]
    lines += [f"- {md(reason_text(dataset, reason, lang))}" for reason in r.reasons]
    guards = safeguards_for(dataset, r.method, result.answers)
    if guards:
        lines += ["", f"**{md(cap(t('safeguards_short', lang)))}:**", ""]
        lines += [
            f"- **{md(g.label.get(lang))}:** {md(safeguard_text(dataset, g, lang))} "
            f"[{md(provenance(dataset, g.source, lang))}]"
            for g in guards
        ]
    if phase is not None and isinstance(result, PlanResult):
        for heading, text in _heard_lines(result, phase, lang):
            lines += ["", f"**{md(heading)}:** {md(text)}"]
        if phase.methods[1:]:
            lines += ["", f"*{md(cap(t('plan_close', lang)))}: {md(_close_names(phase, lang))}*"]
    lines.append("")
    return lines


def _steps(result: PlanResult) -> set[str]:
    case = result.dataset.plan.case
    return {s.slug for s in case.steps} if case else set()


def _md_plan(result: PlanResult, lang: Lang) -> list[str]:
    lines: list[str] = [f"**⚠ {md(line)}**\n" for line in _warned_lines(result, lang)]
    for track in result.tracks:
        if track.track == "case":
            lines += _md_case(result, track, lang)
        else:
            lines += [f"## {md(t('track_development', lang))}", ""]
            for phase in track.phases:
                label = cap(phase_label(result.dataset, phase.phase, lang))
                if phase.choice is None:
                    lines += [f"### {md(label)}: {md(nothing_head(phase, lang))}", ""]
                    if phase.why:
                        lines += [md(nothing_text(result.dataset, phase, lang)), ""]
                else:
                    lines += _md_method(result, f"{label}:", phase.choice, lang, phase=phase)
                # a light phase too is carried on by someone, by a date
                lines += [f"- **{md(k)}:** {v}" for k, v in _fields(lang)] + [""]
    if result.feeds:
        lines += [f"## {md(t('plan_feeds', lang))}", ""]
        lines += [f"- {_md_sourced(result.dataset, s, lang)}" for s in result.feeds] + [""]
    if result.timing:
        lines += [f"## {md(t('plan_timing', lang))}", ""]
        lines += [f"- {_md_sourced(result.dataset, s, lang)}" for s in result.timing] + [""]
    for topic in result.asked:
        lines += [f"## {md(t('plan_asked', lang, topic=topic.label.get(lang)))}", ""]
        lines += [f"- {_md_sourced(result.dataset, s, lang)}" for s in topic.answer] + [""]
    for gap in result.not_heard:
        lines += [f"**⚠ {md(not_heard_text(result.dataset, gap, lang))}**", ""]
    return lines


def _md_case(result: PlanResult, track: PlanTrack, lang: Lang) -> list[str]:
    """The case method once, then each step of the case with what happens in it."""
    lines = [f"## {md(t('track_case', lang))}", ""]
    first = track.phases[0] if track.phases else None
    if first is None or first.choice is None:
        return [*lines, md(t("case_none", lang)), ""]
    lines += _md_method(result, f"{t('case_method', lang)}:", first.choice, lang, phase=first)
    for phase in track.phases:
        label = cap(phase_label(result.dataset, phase.phase, lang))
        step = _case_step(result, phase)
        lines += [f"### {md(label)}", ""]
        if step is not None:
            lines += [_md_sourced(result.dataset, step, lang), ""]
        lines += _md_adapted(result, phase, lang)
        lines += [f"- **{md(k)}:** {v}" for k, v in _fields(lang)] + [""]
    return lines


def _md_check(dataset: Dataset, item: ChecklistItem, lang: Lang) -> str:
    status = _status(item, lang)
    unmet = f" **{md(status)}**" if status else ""
    source = provenance(dataset, item.source, lang)
    text = md(item.why.get(lang))
    return f"- [ ] {md(item.method.name.get(lang))}: {text} [{md(source)}]{unmet}"


# -- HTML -------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 16mm; }
body { font: 10.5pt/1.45 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  color: #1d2a30; max-width: 180mm; margin: 10mm auto; padding: 0 6mm; }
h1 { color: #0e6470; font-size: 20pt; margin: 0 0 4mm; }
h2 { color: #0e6470; font-size: 12pt; text-transform: uppercase; letter-spacing: .05em;
  border-bottom: 1.5pt solid #0e6470; padding-bottom: 1mm; margin: 7mm 0 3mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
h3.warned { color: #9a5b00; }
h2, h3 { break-after: avoid; }
table.answers th { text-align: left; padding-right: 4mm; vertical-align: top; }
.goal { color: #5b6b72; margin: 0 0 1.5mm; }
ul { margin: 0 0 2mm; padding-left: 5mm; }
.warn { color: #9a5b00; font-weight: 600; }
.close { color: #5b6b72; font-style: italic; }
.check { list-style: none; padding-left: 0; }
.check li::before { content: "\\2610  "; }
.source { color: #5b6b72; }
.guard { font-weight: 600; margin: 1.5mm 0 0; }
.fields { list-style: none; padding-left: 0; color: #5b6b72; }
section { break-inside: avoid; }
"""


def _h_sourced(dataset: Dataset, statement: Sourced, lang: Lang) -> str:
    source = html_text(provenance(dataset, statement.source, lang))
    return f'{html_text(statement.why.get(lang))} <span class="source">[{source}]</span>'


def _h_fields(lang: Lang) -> str:
    items = "".join(f"<li>{html_text(k)}: {BLANK}</li>" for k, _ in _fields(lang))
    return f'<ul class="fields">{items}</ul>'


def _h_method(
    result: RecommendResult | PlanResult,
    heading: str,
    r: Recommendation,
    lang: Lang,
    phase: PlanPhase | None = None,
    extra: str = "",
) -> str:
    dataset = result.dataset
    warnings = "".join(
        f'<li class="warn">{html_text(need_text(dataset, n, lang))}</li>' for n in _open_needs(r)
    )
    reasons = "".join(
        f"<li>{html_text(reason_text(dataset, reason, lang))}</li>" for reason in r.reasons
    )
    guards = "".join(
        f"<li><b>{html_text(g.label.get(lang))}:</b> {html_text(safeguard_text(dataset, g, lang))} "
        f'<span class="source">[{html_text(provenance(dataset, g.source, lang))}]</span></li>'
        for g in safeguards_for(dataset, r.method, result.answers)
    )
    guarded = (
        f'<p class="guard">{html_text(cap(t("safeguards_short", lang)))}:</p><ul>{guards}</ul>'
        if guards
        else ""
    )
    why = work = heard = also = ""
    if phase is not None and isinstance(result, PlanResult):
        if phase.why:
            text = html_text(why_chosen_sentences(dataset, phase, lang))
            why = f"<p><b>{html_text(cap(t('why_chosen', lang)))}:</b> {text}</p>"
        if phase.work is not None and phase.phase not in _steps(result):
            done = _h_sourced(dataset, phase.work, lang)
            work = f"<p><b>{html_text(cap(t('does_here', lang)))}:</b> {done}</p>"
        if phase.phase not in _steps(result):
            work += _h_adapted(result, phase, lang)
        heard = "".join(
            f"<p><b>{html_text(heading)}:</b> {html_text(text)}</p>"
            for heading, text in _heard_lines(result, phase, lang)
        )
        if phase.methods[1:]:
            names = html_text(_close_names(phase, lang))
            also = f'<p class="close">{html_text(cap(t("plan_close", lang)))}: {names}</p>'
    warned = ' class="warned"' if r.warnings and phase is None else ""
    return (
        f"<section><h3{warned}>{html_text(heading)} {html_text(r.method.name.get(lang))} "
        f'({percent(r.score)})</h3><p class="goal">{html_text(r.method.goal.get(lang))}</p>'
        f"{why}{work}<ul>{warnings}{reasons}</ul>{guarded}{heard}{also}{extra}</section>"
    )


def _h_plan(result: PlanResult, lang: Lang) -> str:
    dataset = result.dataset
    blocks = [f'<p class="warn">⚠ {html_text(line)}</p>' for line in _warned_lines(result, lang)]
    for track in result.tracks:
        if track.track == "case":
            blocks.append(f"<h2>{html_text(t('track_case', lang))}</h2>")
            first = track.phases[0] if track.phases else None
            if first is None or first.choice is None:
                blocks.append(f"<p>{html_text(t('case_none', lang))}</p>")
                continue
            heading = f"{t('case_method', lang)}:"
            blocks.append(_h_method(result, heading, first.choice, lang, phase=first))
            for phase in track.phases:
                step = _case_step(result, phase)
                said = f"<p>{_h_sourced(dataset, step, lang)}</p>" if step else ""
                said += _h_adapted(result, phase, lang)
                label = html_text(cap(phase_label(dataset, phase.phase, lang)))
                blocks.append(f"<section><h3>{label}</h3>{said}{_h_fields(lang)}</section>")
            continue
        blocks.append(f"<h2>{html_text(t('track_development', lang))}</h2>")
        for phase in track.phases:
            label = cap(phase_label(dataset, phase.phase, lang))
            if phase.choice is None:
                nothing = html_text(f"{label}: {nothing_head(phase, lang)}")
                note = (
                    f"<p>{html_text(nothing_text(dataset, phase, lang))}</p>" if phase.why else ""
                )
                blocks.append(f"<section><h3>{nothing}</h3>{note}{_h_fields(lang)}</section>")
                continue
            blocks.append(
                _h_method(result, f"{label}:", phase.choice, lang, phase, _h_fields(lang))
            )
    if result.feeds:
        items = "".join(f"<li>{_h_sourced(dataset, s, lang)}</li>" for s in result.feeds)
        blocks.append(f"<h2>{html_text(t('plan_feeds', lang))}</h2><ul>{items}</ul>")
    if result.timing:
        items = "".join(f"<li>{_h_sourced(dataset, s, lang)}</li>" for s in result.timing)
        blocks.append(f"<h2>{html_text(t('plan_timing', lang))}</h2><ul>{items}</ul>")
    for topic in result.asked:
        items = "".join(f"<li>{_h_sourced(dataset, s, lang)}</li>" for s in topic.answer)
        head = html_text(t("plan_asked", lang, topic=topic.label.get(lang)))
        blocks.append(f"<h2>{head}</h2><ul>{items}</ul>")
    for gap in result.not_heard:
        blocks.append(f'<p class="warn">⚠ {html_text(not_heard_text(dataset, gap, lang))}</p>')
    return "".join(blocks)


def memo_html(result: RecommendResult | PlanResult, lang: Lang) -> str:
    dataset = result.dataset
    title = html_text(_title(result, lang))
    answers = "".join(
        f"<tr><th>{html_text(cap(k))}</th><td>{html_text(v)}</td></tr>"
        for k, v in _answers(result, lang)
    )
    if isinstance(result, PlanResult):
        body = _h_plan(result, lang)
    else:
        body = f"<h2>{html_text(t('memo_methods', lang))}</h2>"
        for part, key in zip(_ranked(result), SECTION_HEADINGS, strict=True):
            if part and key is not None:
                warned = ' class="warned"' if key == "warned_heading" else ""
                body += f"<h3{warned}>{html_text(t(key, lang))}</h3>"
            body += "".join(_h_method(result, f"{r.rank}.", r, lang) for r in part)
    checklist = "".join(
        f"<li>{html_text(item.method.name.get(lang))}: {html_text(item.why.get(lang))} "
        f'<span class="source">[{html_text(provenance(dataset, item.source, lang))}]</span>'
        + (f' <b class="warn">{html_text(_status(item, lang))}</b>' if _status(item, lang) else "")
        + "</li>"
        for item in result.checklist
    )
    check_section = (
        f'<h2>{html_text(t("checklist", lang))}</h2><ul class="check">{checklist}</ul>'
        if checklist
        else ""
    )
    loop = ""
    if isinstance(result, PlanResult) and result.close_the_loop:
        items = "".join(f"<li>{_h_sourced(dataset, s, lang)}</li>" for s in result.close_the_loop)
        tells = f'<ul class="fields"><li>{html_text(t("memo_tells", lang))}: {BLANK}</li></ul>'
        loop = f"<h2>{html_text(t('close_the_loop', lang))}</h2><ul>{items}</ul>{tells}"
    sources = "".join(
        f"<li><b>{html_text(s.short())}</b> — {html_text(s.citation.get(lang))}"
        + (f" {html_url(s.url)}" if s.url else "")
        + "</li>"
        for s in _sources(result)
    )
    page = (
        f"<h1>{title}</h1>\n"
        f'<h2>{html_text(t("answers", lang))}</h2><table class="answers">{answers}</table>\n'
        f"{body}\n{check_section}\n{loop}\n"
        f"<h2>{html_text(t('export_sources', lang))}</h2><ul>{sources}</ul>\n"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{_unbroken(page)}"
        "</body>\n</html>\n"
    )

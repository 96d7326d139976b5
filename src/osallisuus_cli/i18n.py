"""The interface's own words in Finnish and English, and how the language is chosen."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from .errors import UsageError, Words
from .model import (
    JUDGEMENT,
    Answers,
    Bilingual,
    Dataset,
    Explanation,
    Fit,
    Lang,
    Need,
    NotHeard,
    PhaseWork,
    PlanPhase,
    PlanTrack,
    Question,
    Reason,
    RecommendResult,
    Safeguard,
    SafeguardCase,
    Source,
    Statement,
    Understood,
    WhyChosen,
    as_lang,
    grouped_refs,
)
from .textanalysis import per_object, remembered

LANG_ENV = "OSALLISUUS_LANG"
LANG_OPTION = "--lang"
# C0/C1 controls (but newline) and invisible direction/zero-width marks.
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"

_WORDS: dict[str, tuple[str, str]] = {
    # key: (fi, en)
    "id": ("tunnus", "id"),
    "method": ("menetelmä", "method"),
    "name": ("nimi", "name"),
    "goal": ("tavoite", "goal"),
    "description": ("kuvaus", "description"),
    "source": ("lähde", "source"),
    "describe": ("kuvaus tilanteesta", "your description"),
    "aliases": ("muut nimet", "other names"),
    "requirements": ("edellytykset", "requirements"),
    "attributes": ("soveltuvuus", "fit"),
    "rank": ("sija", "rank"),
    "match": ("osuvuus", "match"),
    "why": ("perustelut", "why"),
    "score": ("osuma", "score"),
    "snippet": ("kohta", "where"),
    "field_keywords": ("avainsana", "keyword"),
    "field_aliases": ("menetelmän muu nimi", "another name of the method"),
    "search_match": (
        "Osuvuus: kuinka suuren osan hakusanoistasi menetelmän oma teksti kattaa; nimen ja "
        "muiden nimien osumat painavat eniten, harvinaiset sanat enemmän kuin yleiset.",
        "Match: how much of your search the method's own text covers; its name and other "
        "names count most, rare words more than common ones.",
    ),
    "catalogue": ("Asiakasosallisuutta lisäävät menetelmät", "Client-participation methods"),
    "answers": ("Vastauksesi", "Your answers"),
    "understood": ("Kuvauksesta ymmärretty", "Understood from your description"),
    "from_words": ("sanoista", "from"),
    "nothing_understood": (
        "Kuvauksesta ei löytynyt tunnettuja vastauksia; kokeile kyselyä (osallisuus recommend "
        "ilman vastauksia) tai valitsimia kuten -t lapset.",
        "Nothing in the description matched a known answer; try the questionnaire (osallisuus "
        "recommend with no answers) or flags such as -t children.",
    ),
    "no_results": ("Mikään menetelmä ei sovi vastauksiin.", "No method fits these answers."),
    "no_hits": ("Haulla ei löytynyt menetelmiä.", "The search found no methods."),
    "fits": ("sopii", "fits"),
    "partly": ("osin", "partly"),
    "misses": ("ei sovi", "misses"),
    "text_match": ("vastaa kuvaustasi", "matches your description"),
    "in_place": (
        "kuvauksesi mukaan tämä on jo käytössä tai kokeiltu tai ei kuulu tähän",
        "your description says this is in place or tried already, or not part of this",
    ),
    "warning": ("varoitus", "warning"),
    "unmet": ("edellytys ei täyty", "requirement not met"),
    "weight": ("paino", "weight"),
    "valid": ("kelvollinen", "valid"),
    "problems": ("ongelmaa", "problems"),
    "dataset_ok": (
        "Aineisto on kelvollinen: {methods} menetelmää.",
        "The dataset is valid: {methods} methods.",
    ),
    "rerun": ("Samat vastaukset komentona:", "The same answers as a command:"),
    "keeps": ("menetelmä säilyttää {keep} % pisteistään", "the method keeps {keep} % of its score"),
    "unsure": (
        "{value}: kuvauksesta ei selviä, onko se käytettävissä ({words}); kerro se valitsimella "
        "{flags}.",
        "{value}: the description does not say whether you have it ({words}); say it with {flags}.",
    ),
    "to_check": ("tarkistettava", "to check"),
    "check_title": (
        "Näin luin kuvauksesi: tarkista ennen järjestystä",
        "This is how I read your description: check it before the ranking",
    ),
    "check_hint": (
        "Enter: järjestä näillä vastauksilla · numero: muuta sen kysymyksen vastausta",
        "Enter: rank with these answers · a number: change that question's answer",
    ),
    "check_which": (
        "Anna kysymyksen numero 1–{top} tai paina Enter hyväksyäksesi.",
        "Give a question's number, 1–{top}, or press Enter to accept.",
    ),
    "unanswered": ("ei vastausta", "no answer"),
    "needs": ("tarvitsee", "needs"),
    "have_yes": ("on", "have"),
    "have_no": ("ei ole", "lack"),
    "have_unsure": ("epävarma", "unsure"),
    "stance_available": ("käytettävissä", "available"),
    "stance_unavailable": ("ei käytettävissä", "not available"),
    "stance_unsure": ("epävarma", "unsure"),
    "stance_negated": ("kielletty", "negated"),
    "stance_set-aside": ("sivuseikka", "set aside"),
    "stance_passing": ("ohimennen", "in passing"),
    "stance_hypothetical": ("ehdollinen", "hypothetical"),
    "have_and_lack": (
        "Sama asia on annettu sekä --have- että --lack-valitsimella: {value}; valitse toinen.",
        "The same thing is given with both --have and --lack: {value}; choose one.",
    ),
    "answers_resources_mapping": (
        "Vastaustiedoston kohdan {key} pitää olla luettelo muotoa 'coordinator: yes', 'fees: no'.",
        "The answers file's {key} must be a mapping such as 'coordinator: yes', 'fees: no'.",
    ),
    "answers_have_value": (
        "Vastaustiedoston kohdassa {key} on {value}; käytä jotakin näistä: {choices}.",
        "The answers file's {key} is {value}; use one of: {choices}.",
    ),
    "need_met": ("on käytettävissä", "you have it"),
    "need_to_check": (
        "tarkista, onko tämä käytettävissä",
        "check that you have this",
    ),
    "in_place_heading": (
        "Alla olevat menetelmät ovat kuvauksesi mukaan jo käytössä tai kokeiltu tai eivät "
        "kuulu tähän:",
        "The methods below are in place or tried already, or not part of this, your "
        "description says:",
    ),
    "warned_heading": (
        "⚠ Alla olevat menetelmät tarvitsevat jotain, mikä vastaustesi mukaan puuttuu:",
        "⚠ The methods below need something your answers say is missing:",
    ),
    "left_out_must_fit": (
        "Jätetty pois, koska ne eivät sovi mihinkään antamaasi vastaukseen kohdassa"
        " {label} ({values}): {names}.",
        "Left out because they fit none of the {label} you gave ({values}): {names}.",
    ),
    "left_out_far_below": (
        "Jätetty pois, koska ne saavat alle {floor} % parhaan pisteistä: {names}.",
        "Left out because they score under {floor} % of the best: {names}.",
    ),
    "left_out_nothing": (
        "Ei yhtään osumaa vastauksiin: {names}.",
        "Fit none of your answers: {names}.",
    ),
    "explain_ranked": (
        "{name} on sijalla {rank}/{ranked} ({score} %).",
        "{name} ranks {rank} of {ranked} ({score} %).",
    ),
    "explain_first": (
        "Ensimmäisenä on {name} ({score} %).",
        "First is {name} ({score} %).",
    ),
    "explain_must_fit": (
        "{name} jätettiin pois: se ei sovi mihinkään antamaasi vastaukseen kohdassa"
        " {label} ({values}).",
        "{name} is left out: it fits none of the {label} you gave ({values}).",
    ),
    "explain_far_below": (
        "{name} jätettiin pois: sen {score} % on alle {floor} % parhaan pisteistä ({best} %).",
        "{name} is left out: its {score} % is under {floor} % of the best ({best} %).",
    ),
    "explain_nothing": (
        "{name} jätettiin pois: se ei sovi yhteenkään vastaukseesi.",
        "{name} is left out: it fits none of your answers.",
    ),
    "explain_warned": (
        "Se on kaikkien varoituksettomien menetelmien alapuolella: {warnings}.",
        "It ranks below every method without a warning: {warnings}.",
    ),
    "explain_table": ("Vertailu kysymyksittäin", "Question by question"),
    "nothing_fits": ("ei sovi", "no fit"),
    "judgement": ("toimituksen arvio", "editors' judgement"),
    "other_sources": ("muut lähteet", "other sources"),
    "new_written": (
        "Kirjoitettu: {file}. Täytä jokainen FILL IN -kohta; osallisuus validate {file} "
        "kertoo jäljellä olevien rivit. Käytä sitten: osallisuus --data {file} recommend ...",
        "Written: {file}. Fill in every FILL IN text; osallisuus validate {file} names the "
        "line of each one left. Then use it: osallisuus --data {file} recommend ...",
    ),
    "origin_file": ("menetelmä tulee tiedostosta", "this method comes from"),
    "memo_title": ("Suositellut osallisuusmenetelmät", "Recommended participation methods"),
    "memo_methods": ("Menetelmät ja perustelut", "Methods and reasons"),
    "preconditions": ("mitä menetelmä vaatii", "what the method takes"),
    "placements": ("osallisuuden kehyksissä", "in participation frameworks"),
    "knowledge_origin": ("alkuperä", "origin"),
    "knowledge_steps": ("miten menetelmä etenee", "how it runs"),
    "knowledge_roles": ("keitä tarvitaan", "who is needed"),
    "knowledge_strengths": ("vahvuudet", "strengths"),
    "knowledge_limits": ("rajoitukset ja sudenkuopat", "limits and pitfalls"),
    "knowledge_law": ("laki", "the law"),
    "checklist": (
        "Ennen kuin valitset: mitä menetelmät vaativat",
        "Before you choose: what the methods take",
    ),
    "checklist_unmet": ("vastaustesi mukaan puuttuu", "your answers say this is missing"),
    "safeguards": (
        "Turvatoimet: mitä on oltava kunnossa osallistujien vuoksi",
        "Safeguards: what must be in place for the people taking part",
    ),
    "safeguards_short": ("turvatoimet", "safeguards"),
    "safeguard_above": ("ks. yllä", "see above"),
    "safeguard_lacking": (
        "Sanoit, että tämä puuttuu ({what}): järjestä se ennen kuin menetelmää käytetään, "
        "tai kuule heitä tavalla, joka ei sitä tarvitse.",
        "You said you lack this ({what}): arrange it before the method is used, or hear "
        "them in a way that does not need it.",
    ),
    "safeguard_always": ("aina tässä menetelmässä", "always with this method"),
    "safeguard_when": ("kun vastauksissa on {answers}", "when the answers include {answers}"),
    "safeguard_when_short": ("kun: {answers}", "with {answers}"),  # on a card
    "safeguard_and": (" sekä ", "; and "),
    "safeguard_only": (
        "vain {values}",
        "only {values}",
    ),
    "safeguard_if_answered": (
        "ei, jos {label} on annettu ilman: {values}",
        "not if {label} are given without {values}",
    ),
    "safeguard_outside": (
        "ei, jos vain {values}",
        "not if only {values}",
    ),
    "safeguard_or": (" tai ", " or "),
    "safeguard_cases": ("; tai ", "; or "),
    "plan_title": (
        "Osallisuussuunnitelma työn vaiheittain",
        "A participation plan across the phases of the work",
    ),
    "plan_phase": ("vaihe", "phase"),
    "plan_choice": ("valinta", "choice"),
    "plan_close": ("lähellä myös", "also close"),
    "plan_nothing": ("ei sopivaa menetelmää", "no method fits"),
    "plan_light": ("kevyt vaihe", "a light phase"),
    "safety_first": (
        "Turvallisuus ensin: {why} Katso turvatoimet alla: {guards}.",
        "Safety first: {why} See the safeguards below: {guards}.",
    ),
    "plan_far": (
        "Pidä vaihe kevyenä: mikään muu luettelon menetelmä ei sovi siihen hyvin näillä "
        "vastauksilla (lähin, {method}, saa {score}, {margin} pistettä suunnitelman parasta "
        "vähemmän). Jatka jo valituilla menetelmillä ja kerro osallistujille, mitä tehtiin.",
        "Keep this phase light: no other method in the catalogue fits it well for your "
        "answers (the closest, {method}, scores {score}, {margin} points below the plan's "
        "best). Carry it on with the methods already chosen, and tell the participants what "
        "was done.",
    ),
    "plan_small": (
        "Pidä vaihe kevyenä: kerroit, että työn on pysyttävä pienenä ({words}), joten "
        "suunnitelma käyttää enintään {most} menetelmää, vastauksiisi parhaiten sopivia. "
        "Jatka niillä ja kerro osallistujille, mitä tehtiin.",
        "Keep this phase light: you said the work must stay small ({words}), so the plan "
        "uses at most {most} methods, the best for your answers. Carry it on with them, and "
        "tell the participants what was done.",
    ),
    "plan_asked": ("Kysyit tai mainitsit: {topic}", "You asked or raised: {topic}"),
    "plan_enough_unchecked": (
        "Pidä vaihe kevyenä: {method} on jo valittu vaiheisiin {phases}, ja siltä puuttuu "
        "vielä tieto siitä, onko teillä mitä se vaatii ({needs}). Älä rakenna sen varaan "
        "toista vaihetta ennen kuin se on tarkistettu; mikään muu menetelmä ei sovi tähän "
        "hyvin näillä vastauksilla. Kerro osallistujille, mitä tehtiin.",
        "Keep this phase light: {method} is already the choice for {phases}, and you have "
        "not said you have what it needs ({needs}). Check that before building a second "
        "phase on it; no other method fits this one well for your answers. Tell the "
        "participants what was done.",
    ),
    "plan_enough": (
        "Pidä vaihe kevyenä: {method} on jo valittu vaiheisiin {phases}, eikä mikään muu "
        "menetelmä sovi tähän hyvin näillä vastauksilla. Jatka sillä, mitä niissä sovittiin, "
        "äläkä tee samaa kolmatta kertaa; kerro osallistujille, mitä tehtiin.",
        "Keep this phase light: {method} is already the choice for {phases}, and no other "
        "method fits this one well for your answers. Carry on with what was agreed there "
        "rather than doing it a third time, and tell the participants what was done.",
    ),
    "uses_what_you_have": ("käyttää sitä, mitä sinulla on: {what}", "uses what you have: {what}"),
    "for_them": ("Tässä tapauksessa", "For this case"),
    "for_this_work": ("Tässä työssä", "For this work"),
    "plan_covers": (
        "Suunnitelma kattaa: {arenas}; tasot: {levels}.",
        "The plan covers: {arenas}; levels: {levels}.",
    ),
    # -- the plan's tracks, each choice's reason, the people heard, closing the loop
    "track_case": (
        "Asiakastyö: yhden asiakkaan tai perheen asian vaiheet",
        "Case track: the steps of one client's or family's case",
    ),
    "track_development": (
        "Kehittäminen: palvelun kehittämisen vaiheet",
        "Development track: the phases of developing the service",
    ),
    "plan_step": ("vaihe", "step"),
    "plan_happens": ("mitä tapahtuu", "what happens"),
    "case_method": ("Asiakastyön menetelmä", "Case method"),
    "case_none": (
        "Mikään asiakastyön menetelmä ei sovi näihin vastauksiin.",
        "No case method fits these answers.",
    ),
    "why_chosen": ("miksi tämä", "why this"),
    "does_here": ("tässä vaiheessa", "here"),
    "heard_directly": ("kuullaan suoraan", "heard directly"),
    "heard_with": ("tukena", "with"),
    "why_best": (
        "sopii vastauksiisi parhaiten: {reason}",
        "fits your answers best: {reason}",
    ),
    "why_only": (
        "ainoa menetelmä, joka sopii vastauksiisi: {reason}",
        "the only method that fits your answers: {reason}",
    ),
    "why_over_warned": (
        "{other} saa enemmän ({score}), mutta siltä puuttuu se, minkä sanoit puuttuvan: {lacks}",
        "{other} scores higher ({score}) but lacks what you said you lack: {lacks}",
    ),
    "why_over_in_place": (
        "{other} saa enemmän ({score}), mutta kuvauksesi mukaan se on jo käytössä tai sitä "
        "on kokeiltu eikä se toiminut",
        "{other} scores higher ({score}) but your description says it is in place already "
        "or was tried and did not work",
    ),
    "why_over_misses_phase": (
        "{other} saa enemmän ({score}), mutta ei sovi vaiheeseen {phase}; tämä sopii",
        "{other} scores higher ({score}) but does not fit {phase}; this one does",
    ),
    "why_over_purpose": (
        "{other} saa enemmän ({score}), mutta se on ennen muuta {purpose}, jota et kysynyt",
        "{other} scores higher ({score}) but is mainly for {purpose}, which you did not ask for",
    ),
    "why_over_used": (
        "{other} saa enemmän ({score}), mutta on jo valittu vaiheeseen {phases}; tämä tuo lisää",
        "{other} scores higher ({score}) but is already the choice for {phases}; this one adds",
    ),
    "why_over_case": (
        "{other} saa enemmän ({score}), mutta se on yhden asiakkaan tai perheen asian "
        "menetelmä eikä kehitä palvelua (yhden asiakkaan asiaan: --purpose case-plan)",
        "{other} scores higher ({score}) but is a method for one client's or family's case, "
        "not for developing the service (for a case: --purpose case-plan)",
    ),
    "why_over_case_rule": (
        "{other} saa enemmän ({score}), mutta tässä tapauksessa tämä tulee ensin: {reason}",
        "{other} scores higher ({score}), but in this case this one comes first: {reason}",
    ),
    "why_over_people": (
        "{other} saa enemmän ({score}), mutta ei kuule suoraan asiakasta, jonka asiasta on "
        "kyse; tämä kuulee",
        "{other} scores higher ({score}) but does not hear the client whose case it is "
        "directly; this one does",
    ),
    "why_over_adds": (
        "{other} saa enemmän ({score}); tämä tuo lisää",
        "{other} scores higher ({score}); this one adds",
    ),
    "why_heard": (
        "valittu, jotta {group} kuullaan suoraan eikä vain muiden kautta",
        "chosen so that {group} are heard themselves, not only through others",
    ),
    "why_heard_over": (" ({other} {score} saisi enemmän)", " ({other} would score {score})"),
    "why_repeat": (
        "käytössä myös vaiheessa {phases}: {margin} pistettä parempi kuin paras vielä "
        "valitsematon menetelmä, ja tässä se tekee muuta",
        "also used for {phases}: {margin} points above the best method not yet in the plan, "
        "and here it does something else",
    ),
    "why_continues": (
        "jatkuu suoraan vaiheesta {phases}: tässä sen seuraava askel",
        "goes straight on from {phases}: here its next step",
    ),
    "why_repeat_all": (
        "käytössä myös vaiheessa {phases}: muut tähän vaiheeseen sopivat menetelmät ovat jo "
        "suunnitelmassa, ja tässä se tekee muuta",
        "also used for {phases}: the other methods that fit this phase are in the plan "
        "already, and here it does something else",
    ),
    "why_no_phase_fit": (
        "mikään kehittämisen menetelmä ei sovi vaiheeseen {phase} näillä vastauksilla; tämä "
        "sopii parhaiten muihin vastauksiisi",
        "no development method fits {phase} for these answers; this one fits your other "
        "answers best",
    ),
    "plan_feeds": (
        "Miten asiakastyö ruokkii kehittämistä",
        "How the case work feeds development",
    ),
    "plan_timing": ("Aikataulu", "Timing"),
    "not_heard": (
        "{group}: mikään näihin vastauksiin sopiva menetelmä ei kuule heitä suoraan.",
        "{group}: none of the methods that fit these answers hears them directly.",
    ),
    "heard_how": ("näin heitä kuullaan ({group})", "how to hear them ({group})"),
    "warned_plan": (
        "{phases}: jokaiselta sopivalta menetelmältä puuttuu se, minkä sanoit puuttuvan "
        "({lacks}). {method} on lähin, mutta sitä ei voi toteuttaa ennen kuin se on "
        "kunnossa.",
        "{phases}: every method that fits lacks what you said you lack ({lacks}). {method} "
        "is the closest, but it cannot be run until you have it.",
    ),
    "not_heard_small": (
        "{group}: suunnitelma pitäytyy muutamassa menetelmässä, koska työn on pysyttävä "
        "pienenä, eikä mikään niistä kuule heitä suoraan; kuule heitä niiden sisällä.",
        "{group}: the plan keeps to a few methods, as the work must stay small, and none of "
        "them hears them directly; hear them within that work.",
    ),
    "not_heard_relatives": (
        " {relatives} puhuvat heidän puolestaan; sano se suunnitelmassa ja osallistujille.",
        " {relatives} speak for them; say so in the plan and to the participants.",
    ),
    "close_the_loop": (
        "Palautteen kierto: mitä osallistujien näkemyksillä tehtiin",
        "Closing the loop: what was done with the participants' views",
    ),
    "memo_owner": ("Vastuuhenkilö", "Owner"),
    "memo_date": ("Ajankohta", "Date"),
    "memo_success": ("Onnistumisen merkki", "Sign of success"),
    "memo_tells": (
        "Kuka kertoo osallistujille, mitä heidän näkemyksillään tehtiin, ja milloin",
        "Who tells the participants what was done with their views, and when",
    ),
    "skip_hint": (
        "Valitse numerolla tai sanoin; useampi pilkulla erotettuna; Enter ohittaa.",
        "Choose by number or in words; several separated by commas; Enter skips.",
    ),
    "skip_hint_single": (
        "Valitse numerolla tai sanoin; Enter ohittaa.",
        "Choose by number or in words; Enter skips.",
    ),
    "bad_number": (
        "Valitse numero 1–{top}, ei {given}.",
        "Choose a number from 1 to {top}, not {given}.",
    ),
    "one_answer": ("Tähän kysymykseen käy yksi vastaus.", "This question takes one answer."),
    "unsure_words": (
        "en tiedä, en osaa sanoa, ei tietoa, en ole varma, apua, ohje, vaihtoehdot",
        "don't know, dont know, do not know, not sure, unsure, help, choices, options",
    ),
    "choice_unknown": (
        "”{given}” ei ole mikään vaihtoehdoista; lähimmät ovat {choices}. Kirjoita numero "
        "tai sana; ? näyttää vaihtoehdot, Enter ohittaa kysymyksen.",
        "“{given}” is none of the choices; the closest are {choices}. Type a number or "
        "words; ? shows the choices again, Enter skips the question.",
    ),
    "choice_ambiguous": (
        "”{given}” voi tarkoittaa: {choices}. Kumpaa tarkoitat? Kirjoita numero tai tarkempi sana.",
        "“{given}” could mean {choices}. Which one? Type its number or a closer word.",
    ),
    "skipped": ("ohitettu", "skipped"),
    "more_results": (
        "Tässä {shown} parasta {total} menetelmästä; kaikki näet lisäämällä alla olevaan "
        "komentoon --top {total}.",
        "These are the first {shown} of {total} methods; to see all, add --top {total} to "
        "the command below.",
    ),
    "answer_one": (
        "Ilman yhtäkään vastausta mikään menetelmä ei voi sopia: vastaa ainakin yhteen "
        "kysymykseen (Ctrl-C lopettaa). Kysymykset alusta:",
        "With no answer at all no method can fit: answer at least one question (Ctrl-C "
        "leaves). The questions again from the start:",
    ),
    "no_pdf": (
        "Työkalu ei kirjoita PDF-tiedostoa ({output}): kirjoita HTML (-o {html}), avaa se "
        "selaimessa ja tulosta se PDF:ksi (Ctrl-P).",
        "The tool writes no PDF ({output}): write HTML (-o {html}), open it in a browser "
        "and print it to PDF (Ctrl-P).",
    ),
    "list_main_groups": (
        "Osallistujista ne, joihin menetelmä sopii vähintään 4/5; kaikki arviot perusteluineen "
        "näyttää osallisuus show TUNNUS.",
        "Target groups: those the method fits 4/5 or better; every rating with its reason: "
        "osallisuus show ID.",
    ),
    "more_top": ("{count} muuta: --top {top}", "{count} more: --top {top}"),
    "written": ("Kirjoitettu: {path}", "Written: {path}"),
    "yes": ("kyllä", "yes"),
    "no": ("ei", "no"),
    # export handouts (render_export.py)
    "export_kicker": ("Menetelmäkortit", "Method cards"),
    "export_intro": (
        "Tavoite, kuvaus, soveltuvuus ja lähde jokaisesta menetelmästä, yksi menetelmä sivulla.",
        "The goal, description, fit and source of each method, one method to a page.",
    ),
    "export_intro_md": (
        "Menetelmäkortit: jokaisen menetelmän tavoite, kuvaus, soveltuvuus, mitä se vaatii, "
        "mitä siitä tiedetään ja lähteet.",
        "Method cards: the goal, description, fit, what it takes, what is known of it and "
        "the sources of each method.",
    ),
    "overview_title": (
        "Asiakasosallisuutta lisäävät menetelmät yhdellä silmäyksellä",
        "Client-participation methods at a glance",
    ),
    "overview_intro": (
        "Kenelle ja mihin kukin menetelmä sopii: rivillä menetelmä, sarakkeissa osallistujat "
        "ja tarkoitukset. Tyhjä ruutu: ei sovi.",
        "Whom and what each method suits: a method on each row, the target groups and "
        "purposes across. An empty cell: no fit.",
    ),
    "export_contents": ("Sisällys", "Contents"),
    # questions
    "several": ("voi valita useita", "several allowed"),
    "one": ("yksi", "one"),
    "value": ("arvo", "value"),
    "label_fi": ("suomeksi", "in Finnish"),
    "label_en": ("englanniksi", "in English"),
    "questions_use": (
        "Arvon voi antaa tunnuksena, suomeksi tai englanniksi, taivutettunakin: "
        "osallisuus recommend --target-group lapsille --setting päiväkodissa",
        "Give a value as its slug, in Finnish or in English, inflected too: "
        "osallisuus recommend --target-group children --setting daycare",
    ),
    "export_fits": ("Mihin menetelmä sopii", "Where the method fits"),
    "export_scale": (
        "Soveltuvuus: {top} menetelmä on tehty juuri tähän, {low} sopii vain vähän.",
        "Fit: {top} what the method is made for, {low} a marginal fit.",
    ),
    "export_sources": ("Lähteet", "Sources"),
    "export_background": (
        "Taustaa: turvatoimet perusteluineen ja mitä menetelmistä tiedetään",
        "Background: the safeguards in full, and what is known of the methods",
    ),
    "export_background_note": (
        "Turvatoimien perustelut sekä menetelmän alkuperä, vahvuudet, rajoitukset ja laki: "
        "korttien jälkeen, kohdassa Taustaa.",
        "Why each safeguard is needed, and the method's origin, strengths, limits and the law: "
        "after the cards, under Background.",
    ),
    "export_labels": (
        "Hakasulkeissa on kunkin tiedon lähde; täydet viitteet ovat lopussa.",
        "In brackets, the source of each statement; the full references are at the end.",
    ),
    # the command line's help (commandline.py words it in the run's language)
    "help_usage": ("Käyttö: ", "Usage: "),
    "help_options": ("Valitsimet", "Options"),
    "help_arguments": ("Argumentit", "Arguments"),
    "help_commands": ("Komennot", "Commands"),
    "help_help": ("Näytä tämä ohje ja lopeta.", "Show this message and exit."),
    "metavar_options": ("[VALITSIMET]", "[OPTIONS]"),
    "metavar_command": ("KOMENTO [ARGUMENTIT]...", "COMMAND [ARGS]..."),
    "metavar_path": ("POLKU", "PATH"),
    "metavar_lang": ("fi|en", "fi|en"),
    "metavar_file": ("TIEDOSTO", "FILE"),
    "metavar_text": ("TEKSTI", "TEXT"),
    "metavar_method": ("MENETELMÄ", "METHOD"),
    "metavar_words": ("SANAT", "WORDS"),
    "metavar_value": ("ARVO", "VALUE"),
    "metavar_pair": ("AVAIN=ARVO", "KEY=VALUE"),
    "metavar_n": ("N", "N"),
    "metavar_shell": ("KUORI", "SHELL"),
    "metavar_format": ("MUOTO", "FORMAT"),
    "help_app": (
        "Suosittelee asiakasosallisuutta lisääviä menetelmiä sosiaali-, terveys- ja "
        "varhaiskasvatuspalveluihin. Aloita: osallisuus recommend.",
        "Recommends client-participation methods (asiakasosallisuutta lisäävät menetelmät) "
        "for Finnish social, health and early-childhood services. Start with: osallisuus "
        "recommend.",
    ),
    "help_version": ("Näytä versio.", "Show the version."),
    "help_data": (
        "Käytä tätä aineistoa mukana tulevan sijaan (myös $OSALLISUUS_DATA).",
        "Use this dataset instead of the bundled one (also $OSALLISUUS_DATA).",
    ),
    "help_lang": (
        "Tulosteen kieli (oletus: $OSALLISUUS_LANG, sitten kieliasetus).",
        "Language of the output (default: $OSALLISUUS_LANG, then the locale).",
    ),
    "help_json": ("Tulosta JSONia skripteille.", "Print JSON for scripts."),
    "help_show_completion": (
        "Näytä täydennysskripti kuorelle bash, zsh tai fish (oletus: oma kuoresi).",
        "Show the completion script for bash, zsh or fish (default: your shell).",
    ),
    "help_install_completion": (
        "Asenna täydennys kuorelle bash, zsh tai fish (oletus: oma kuoresi).",
        "Install completion for bash, zsh or fish (default: your shell).",
    ),
    "help_cmd_list": (
        "Luettelo: tunnus, nimi, tavoite lyhyesti, osallistujat.",
        "The catalogue: id, name, goal in short, target groups.",
    ),
    "help_cmd_show": (
        "Yksi menetelmä kokonaan: tavoite, kuvaus, soveltuvuus perusteluineen, lähde.",
        "One method in full: goal, description, fit with reasons, source.",
    ),
    "help_cmd_compare": (
        "Kaksi tai useampi menetelmä rinnakkain, arvo arvolta.",
        "Two or more methods side by side, value by value.",
    ),
    "help_cmd_search": (
        "Vapaa haku menetelmien teksteistä; taivutetut muodot ja kirjoitusvirheet käyvät.",
        "Free-text search over all method text, inflection- and typo-tolerant.",
    ),
    "help_cmd_recommend": (
        "Järjestä menetelmät vastaustesi mukaan: osuvuus % ja perustelut jokaiselle sijalle. "
        "Ilman vastauksia päätteessä kysyy kysymykset yksi kerrallaan.",
        "Rank the methods for your answers, with a match % and the reasons for each rank. "
        "With no answers in a terminal, asks the questions one at a time.",
    ),
    "help_cmd_plan": (
        "Osallisuussuunnitelma työn vaiheittain ja valmiuslista. Samat vastaukset kuin "
        "recommend; --phase (voi toistaa) valitsee vaiheet.",
        "A participation plan across the phases of the work, with a readiness checklist. "
        "The same answers as recommend; --phase (repeatable) picks the phases.",
    ),
    "help_cmd_export": (
        "Tulostettavat menetelmäkortit (Markdown, A4-HTML tai JSON), tai kaikkien "
        "menetelmien yleiskuva yhdellä sivulla kouluttajille (--overview).",
        "Printable method cards (Markdown, HTML for A4, or JSON), or one page of every "
        "method's fit for trainers (--overview).",
    ),
    "help_cmd_validate": (
        "Tarkista aineisto ja kerro jokainen ongelma tiedoston, rivin, menetelmän ja kentän kera.",
        "Check a dataset and report every problem with file, line, method and field.",
    ),
    "help_cmd_new": (
        "Kirjoita kommentoitu aloitustiedosto omalle menetelmälle mukana tulevien kymmenen "
        "rinnalle. Ei koskaan kirjoita olemassa olevan tiedoston päälle.",
        "Write a commented starter file for a method of your own, beside the bundled ten. "
        "It never writes over a file.",
    ),
    "help_new_id": (
        "Uuden menetelmän tunnus, esim. oma-asiakasraati.",
        "The new method's id, e.g. my-panel.",
    ),
    "help_new_output": (
        "Mihin se kirjoitetaan (oletus: TUNNUS.yaml).",
        "Where to write it (default: ID.yaml).",
    ),
    "metavar_id": ("TUNNUS", "ID"),
    "help_cmd_questions": (
        "Jokainen kysymys, jonka recommend kysyy, ja jokainen arvo, jonka se ottaa: "
        "suomeksi ja englanniksi, tärkeimmät muut nimet mukana.",
        "Every question recommend asks and every value it takes, with labels in Finnish "
        "and English and the main aliases.",
    ),
    "help_list_target_group": (
        "Vain näille osallistujille sopivat menetelmät (voi toistaa). Arvot: osallisuus questions.",
        "Only methods for this group (repeatable). The values: osallisuus questions.",
    ),
    "help_list_setting": (
        "Vain tähän palveluun sopivat menetelmät (voi toistaa). Arvot: osallisuus questions.",
        "Only methods for this service (repeatable). The values: osallisuus questions.",
    ),
    "help_show_method": (
        "Tunnus, nimi tai muu nimi, suomeksi tai englanniksi (lainausmerkit eivät ole pakollisia).",
        "An id, a name or an alias, in Finnish or English (quotes optional).",
    ),
    "help_compare_methods": (
        "Kaksi tai useampi menetelmä (tunnus, nimi tai muu nimi).",
        "Two or more methods (ids, names or aliases).",
    ),
    "help_search_words": (
        "Etsittävät sanat suomeksi tai englanniksi.",
        "Words to look for, in Finnish or English.",
    ),
    "help_top": ("Näytä enintään N.", "Show at most N."),
    "help_explain": (
        "Kerro, miksi tämä menetelmä on sijallaan tai jätetty pois (voi toistaa).",
        "Say why this method ranks where it does, or is left out (repeatable).",
    ),
    "help_export_format": (
        "markdown, html tai json (oletus: tiedoston päätteestä, muuten markdown).",
        "markdown, html or json (default: from FILE's extension, else markdown).",
    ),
    "help_export_method": (
        "Vain nämä menetelmät (voi toistaa; oletus: kaikki).",
        "Only these methods (repeatable; default: all).",
    ),
    "help_export_output": (
        "Kirjoita tiedostoon (muoto päätteestä: .md, .html, .json); - tulostaa.",
        "Write to FILE (format from its extension: .md, .html, .json); - is standard output.",
    ),
    "help_export_overview": (
        "Yksi sivu kaikista menetelmistä: osallistujat ja tarkoitukset soveltuvuuspistein, "
        "kouluttajille (Markdown tai HTML).",
        "One page of every method: target groups and purposes with the fit dots, for "
        "trainers (Markdown or HTML).",
    ),
    "help_validate_path": (
        "Tarkistettava aineisto (oletus: käytössä oleva).",
        "The dataset to check (default: the one in use).",
    ),
    "help_target_group": (
        "Ketkä osallistuvat, esim. lapset tai omaishoitajat (voi toistaa). Kaikki arvot: "
        "osallisuus questions. Esimerkki: osallisuus recommend -t lapset -s varhaiskasvatus",
        "Who takes part, e.g. children or lapset (repeatable). Every value: osallisuus "
        "questions. Example: osallisuus recommend -t children -s early-childhood-education",
    ),
    "help_purpose": (
        "Mihin osallisuutta tarvitaan, esim. palaute tai kehittäminen (voi toistaa). Kaikki "
        "arvot: osallisuus questions. Esimerkki: osallisuus recommend -p palaute -t "
        "omaishoitajat",
        "What the participation is for, e.g. feedback or co-design (repeatable). Every "
        "value: osallisuus questions. Example: osallisuus recommend -p feedback -t caregivers",
    ),
    "help_level": (
        "Millä tasolla: yksilö, ryhmä tai organisaatio. Kaikki arvot: osallisuus "
        "questions. Esimerkki: osallisuus recommend -l ryhmä -t asiakkaat",
        "At what level: individual, group or organisation. Every value: osallisuus "
        "questions. Example: osallisuus recommend -l group -t clients",
    ),
    "help_setting": (
        "Missä palvelussa, esim. lastensuojelu tai varhaiskasvatus (voi toistaa). Kaikki "
        "arvot: osallisuus questions. Esimerkki: osallisuus recommend -s lastensuojelu -t "
        "perheet",
        "In what service, e.g. child-welfare or lastensuojelu (repeatable). Every value: "
        "osallisuus questions. Example: osallisuus recommend -s child-welfare -t families",
    ),
    "help_duration": (
        "Kuinka pitkään: kertaluontoinen, määräaikainen tai pysyvä. Kaikki arvot: osallisuus "
        "questions. Esimerkki: osallisuus recommend -d pysyvä -t kuntalaiset",
        "For how long: one-off, fixed-term or ongoing. Every value: osallisuus questions. "
        "Example: osallisuus recommend -d ongoing -t residents",
    ),
    "help_phase": (
        "Missä vaiheessa: suunnittelu, toteutus, arviointi, kehittäminen tai seuranta. "
        "Kaikki arvot: osallisuus questions. Esimerkki: osallisuus recommend --phase "
        "arviointi -t asiakkaat",
        "In which phase: planning, implementation, evaluation, improvement or monitoring. "
        "Every value: osallisuus questions. Example: osallisuus recommend --phase "
        "evaluation -t clients",
    ),
    "help_yes": (
        "Järjestä heti: älä kysy, luinko kuvauksen oikein (--describe päätteessä).",
        "Rank at once: do not ask whether the description was read right (--describe in a "
        "terminal).",
    ),
    "help_facilitator": (
        "Onko ulkopuolinen vetäjä käytettävissä: sama kuin --have facilitator tai --lack "
        "facilitator. Esimerkki: osallisuus recommend -t vaikeasti-tavoitettavat --no-facilitator",
        "Whether an external facilitator is available: the same as --have facilitator or "
        "--lack facilitator. Example: osallisuus recommend -t hard-to-reach --no-facilitator",
    ),
    "help_have": (
        "Mitä teillä on (toistettava): vetäjä, koollekutsuja, palkkiot, "
        "koulutetut-kokemusasiantuntijat, tulkki, selkokieli tai sijaishoito; menetelmän "
        "tarpeita verrataan tähän. Kaikki arvot: osallisuus questions. Esimerkki: osallisuus "
        "recommend -p asiakassuunnitelma --have koollekutsuja",
        "What you have (repeatable): facilitator, coordinator, fees, trained-experts, "
        "interpreter, supported-communication or respite; each method's needs are checked "
        "against it. Every value: osallisuus questions. Example: osallisuus recommend -p "
        "case-plan --have coordinator",
    ),
    "help_lack": (
        "Mitä teiltä puuttuu (toistettava), samoista arvoista kuin --have; menetelmä, joka "
        "tarvitsee sitä, saa varoituksen. Kaikki arvot: osallisuus questions. Esimerkki: "
        "osallisuus recommend -t nuoret --lack koollekutsuja",
        "What you lack (repeatable), of the same values as --have; a method that needs it is "
        "warned. Every value: osallisuus questions. Example: osallisuus recommend -t "
        "young-people --lack coordinator",
    ),
    "help_answer_pair": (
        "Mikä tahansa kysymys avaimellaan, esim. level=group (voi toistaa). Avaimet ja arvot: "
        "osallisuus questions.",
        "Any question by its key, e.g. level=group (repeatable). The keys and values: "
        "osallisuus questions.",
    ),
    "help_describe": (
        "Kuvaile tilanne suomeksi tai englanniksi; työkalu kertoo, mitä se ymmärsi.",
        "Describe the situation in Finnish or English; the tool says what it understood.",
    ),
    "help_answers_file": (
        "Lue tallennetut vastaukset (YAML tai JSON, JSONin answers-avaimet; - lukee "
        "vakiosyötteen).",
        "Read saved answers (YAML or JSON, the keys of the JSON 'answers'; - reads standard "
        "input).",
    ),
    "help_memo_output": (
        "Kirjoita muistio suunnittelukokoukseen: TIEDOSTO.md (Markdown) tai TIEDOSTO.html; "
        "- tulostaa.",
        "Write a memo for the planning meeting: FILE.md (Markdown) or FILE.html; - is "
        "standard output.",
    ),
    "help_memo_format": (
        "markdown tai html (oletus: tiedoston päätteestä).",
        "markdown or html (default: from FILE's extension).",
    ),
    "first_steps": (
        "osallisuus suosittelee asiakasosallisuutta lisääviä menetelmiä.\n\n"
        "Ensimmäiset askeleet:\n"
        "  osallisuus recommend                 vastaa muutamaan kysymykseen (päätteessä)\n"
        "  osallisuus recommend -t lapset -s varhaiskasvatus\n"
        "                                       tai anna vastaukset valitsimina\n"
        "  osallisuus questions                 kaikki kysymykset ja arvot\n"
        "  osallisuus list                      kaikki menetelmät\n"
        "  osallisuus show läheisneuvonpito     yksi menetelmä kokonaan\n"
        "  osallisuus --help                    kaikki komennot ja valitsimet\n",
        "osallisuus recommends client-participation methods.\n\n"
        "First steps:\n"
        "  osallisuus recommend                 answer a few questions (in a terminal)\n"
        "  osallisuus recommend -t children -s early-childhood-education\n"
        "                                       or give the answers as options\n"
        "  osallisuus questions                 every question and the values it takes\n"
        "  osallisuus list                      every method\n"
        "  osallisuus show bikva                one method in full\n"
        "  osallisuus --help                    every command and option\n",
    ),
    "completion_installed": (
        "Täydennys asennettu: {path}. Se toimii, kun avaat uuden päätteen.",
        "Completion installed in {path}. It takes effect in a new terminal.",
    ),
    "name_shell": (
        "Kerro kuori, esim. osallisuus --show-completion bash; vaihtoehdot: {shells}.",
        "Name the shell, e.g. osallisuus --show-completion bash; the choices: {shells}.",
    ),
    "which_shell": (
        "Tuntematon kuori {given}; kerro kuori: {shells}.",
        "Unknown shell {given}; name the shell: {shells}.",
    ),
    # lists in words
    "list_or": ("tai", "or"),
    "list_and": ("ja", "and"),
    "list_more": ("ja {count} muuta", "and {count} more"),
    # errors: one sentence each, raised with both() where the run's language is unknown
    "unknown_language": (
        "Tuntematon kieli {given}; käytä fi tai en.",
        "Unknown language {given}; use fi or en.",
    ),
    "language_fallback": (
        "{variable}={value}: kieltä ei tueta; tuloste on englanniksi (valitse fi tai en).",
        "{variable}={value}: this language is not available; the output is in English "
        "(choose fi or en).",
    ),
    "answers_no_name": ("--answers tarvitsee tiedoston nimen.", "--answers needs a file name."),
    "answers_not_mapping": (
        "Vastaustiedostossa {name} pitää olla kysymykset vastauksineen, esimerkiksi "
        "{{target_groups: [lapset]}}.",
        "Answers file {name} must hold a mapping such as {{target_groups: [children]}}.",
    ),
    "answers_wrong_kind": (
        "{name} on komennon {command} --json tuloste, ei vastauksia; anna recommend --json "
        "-tuloste tai tiedosto kuten {{target_groups: [lapset]}}.",
        "{name} is the output of {command} --json, not answers; give the output of "
        "recommend --json or a file such as {{target_groups: [children]}}.",
    ),
    "answers_bad_syntax": (
        "Vastaustiedosto {name} ei ole kelvollista YAMLia tai JSONia{where}: {problem}.",
        "Answers file {name} is not valid YAML or JSON{where}: {problem}.",
    ),
    "at_line": (" rivillä {line}", " at line {line}"),
    "answers_line_problem": (
        "Vastaustiedosto {name}, rivi {line}: {problem}.",
        "Answers file {name}, line {line}: {problem}.",
    ),
    "answers_too_deep": (
        "Vastaustiedosto {name} on liian syvään sisäkkäinen; siinä kuhunkin kysymykseen "
        "vastataan arvolla tai arvojen listalla.",
        "Answers file {name} is nested too deeply; it maps each question to a value or a list "
        "of values.",
    ),
    "answers_not_unicode": (
        "Vastaustiedostossa {name} on {value}, joka ei ole kelvollista Unicode-tekstiä; "
        "tallenna se UTF-8-muodossa.",
        "Answers file {name} holds {value}, which is not valid Unicode text (a lone "
        "surrogate); save it as UTF-8.",
    ),
    "answers_unknown_key": (
        "Vastaustiedostossa on tuntematon avain {key}; käytä näitä: {valid}.",
        "Unknown key {key} in the answers file; use {valid}.",
    ),
    "answer_not_text": (
        "Vastauksen {value} kysymykseen {key} pitää olla tekstiä.",
        "The answer {value} for {key} must be text.",
    ),
    "describe_too_long": (
        "Kuvaus on {length} merkkiä pitkä; raja on {limit}, mikä riittää muutamaan kappaleeseen.",
        "The description is {length} characters long; the limit is {limit}, enough for a "
        "few paragraphs.",
    ),
    "value_of_other_question": (
        "{given} ei ole valitsimen {flag} arvo vaan valitsimen {other}: käytä {other} {slug}.",
        "{given} is not a value of {flag} but of {other}: use {other} {slug}.",
    ),
    "answer_pair_bad": (
        "--answer ottaa muodon AVAIN=ARVO, jossa avain on kysymyksen avain, ei {given}; "
        "avaimet ovat {keys}.",
        "--answer takes KEY=VALUE with a question's key, not {given}; the keys are {keys}.",
    ),
    "takes_one_answer": (
        "{name} ottaa vain yhden vastauksen, mutta sai {count}: {values}; valitse niistä yksi.",
        "{name} takes one answer, but it was given {count}: {values}; choose one of them.",
    ),
    "compare_needs_two": (
        "compare tarvitsee vähintään kaksi eri menetelmää, esim. compare bikva asiakasraati.",
        "compare needs at least two different methods, e.g. compare bikva asiakasraati.",
    ),
    "search_empty": (
        "Hakusana puuttuu; anna sana, esim. sadutus.",
        "The search query is empty; give a word such as sadutus.",
    ),
    "needs_method": (
        "Kerro, mikä menetelmä: esim. {example} (kaikki menetelmät: osallisuus list).",
        "Say which method: e.g. {example} (every method: osallisuus list).",
    ),
    "memo_format_needs_output": (
        "--format tarvitsee valitsimen --output TIEDOSTO: muistio kirjoitetaan tiedostoon.",
        "--format needs --output FILE: the memo is written to a file.",
    ),
    "no_terminal": (
        "Vastauksia ei annettu eikä ole päätettä, jossa kysyä; anna valitsimia kuten "
        "-t lapset, --describe TEKSTI tai --answers TIEDOSTO (ks. 'osallisuus {command} "
        "--help').",
        "No answers given and no terminal to ask in; give flags such as -t children, "
        "--describe TEXT or --answers FILE (see 'osallisuus {command} --help').",
    ),
    "unknown_format": (
        "Tuntematon muoto {given}; käytä jotakin näistä: {formats}.",
        "Unknown format {given}; use one of {formats}.",
    ),
    "format_contradicts_file": (
        "--format {format} ei sovi tiedoston nimeen {output}; käytä --format {by_suffix} tai "
        "toista nimeä.",
        "--format {format} does not match the file name {output}; use --format {by_suffix} "
        "or another name.",
    ),
    "json_contradicts_format": (
        "--json ja --format {format} ovat ristiriidassa; valitse toinen.",
        "--json contradicts --format {format}; choose one.",
    ),
    "json_contradicts_file": (
        "--json ei sovi tiedoston nimeen {output}; käytä --format {by_suffix}, .json-päätettä "
        "tai jätä --json pois.",
        "--json does not match the file name {output}; use --format {by_suffix}, a .json "
        "name, or leave out --json.",
    ),
    "format_not_for_file": (
        "{output}: tämän voi kirjoittaa vain muodossa {formats}, ei muodossa {format}.",
        "{output}: this can be written only as {formats}, not as {format}.",
    ),
    "overview_not_json": (
        "Yleiskuva on tulostettava sivu (Markdown tai HTML); aineiston saa JSONina komennolla "
        "osallisuus export --json.",
        "The overview is a page to print (Markdown or HTML); for the data as JSON use "
        "osallisuus export --json.",
    ),
    "validate_problems": ("{file}: {count} ongelmaa:", "{file}: {count} problems:"),
    "validate_problem": ("{file}: 1 ongelma:", "{file}: 1 problem:"),
    "validate_listed": (
        "{problem}{more}; JSON-dokumentti luettelee kaikki ongelmat.",
        "{problem}{more}; the JSON document lists every problem.",
    ),
    "validate_more": (" (ja {count} muuta)", " (and {count} more)"),
    "validate_hint": (
        " Kaikki ongelmat näkyvät komennolla: {command}",
        " To see them all, run: {command}",
    ),
    "value_ambiguous": (
        "{given} voi tarkoittaa valitsimelle {flag} arvoa {values}; anna yksi niistä.",
        "{given} could mean {values} for {flag}; give one of them.",
    ),
    "value_unknown": (
        "{given} ei ole valitsimen {flag} arvo; lähimmät ovat {closest} (kaikki arvot: "
        "osallisuus questions).",
        "{given} is not a valid value for {flag}; the closest are {closest} (every value: "
        "osallisuus questions).",
    ),
    "method_ambiguous": (
        "{given} sopii useaan menetelmään: {ids}; kerro, mihin.",
        "{given} matches several methods: {ids}; say which.",
    ),
    "method_unknown": (
        "Menetelmää {given} ei löydy; lähimmät ovat {closest}.",
        "No method is called {given}; the closest are {closest}.",
    ),
    "count_too_long": (
        "{flag}: {digits} numeron luku ei ole määrä; anna esim. {flag} 5.",
        "{flag}: a number of {digits} digits is no count; give one such as {flag} 5.",
    ),
    "top_wants": (
        "{flag} haluaa kokonaisluvun 1 tai enemmän, esim. {flag} 5; ei {given}.",
        "{flag} wants a whole number of 1 or more, such as {flag} 5; not {given}.",
    ),
    "not_an_id": (
        "{given} ei kelpaa menetelmän tunnukseksi: käytä pieniä kirjaimia a-z, numeroita 0-9 ja "
        "yksittäisiä yhdysmerkkejä, esim. oma-asiakasraati.",
        "{given} cannot be a method id: use lowercase a-z, 0-9 and single hyphens, e.g. "
        "my-client-panel.",
    ),
    "needs_id": (
        "Anna uuden menetelmän tunnus: esim. {example}.",
        "Give the new method's id: e.g. {example}.",
    ),
    # datasets
    "dataset_empty": (
        "{name}: tiedosto on tyhjä; aineistossa on oltava schema_version ja methods.",
        "{name}: the file is empty; a dataset needs schema_version and methods.",
    ),
    "extension_empty": ("{name}: tiedosto on tyhjä.", "{name}: the file is empty."),
    "dataset_not_yaml": (
        "{where}: ei ole kelvollista YAMLia: {problem}.",
        "{where}: is not valid YAML: {problem}.",
    ),
    "dataset_problem": ("{problem}{more}.", "{problem}{more}."),
    "dataset_more": (" (ja {count} muuta)", " (and {count} more)"),
    "extends_circle": (
        "{name}: tiedostot laajentavat toisiaan kehässä tai liian monta kertaa.",
        "{name}: the files extend each other in a circle, or too deeply.",
    ),
    "extends_nothing": (
        "{name}: 'extends' tarvitsee arvon 'bundled' tai aineiston polun.",
        "{name}: 'extends' needs 'bundled' or the path of a dataset.",
    ),
    "file_exists": (
        "{path} on jo olemassa; se pidetään ennallaan. Valitse toinen nimi valitsimella --output.",
        "{path} exists already; it is kept as it is. Choose another name with --output.",
    ),
    # files
    "data_no_name": ("--data tarvitsee tiedoston nimen.", "--data needs a file name."),
    "dataset_missing": (
        "{name}: tiedostoa ei ole; tarkista --data tai $OSALLISUUS_DATA.",
        "{name}: no such file; check --data or $OSALLISUUS_DATA.",
    ),
    "dataset_folder": (
        "{name}: on kansio, ei aineistotiedosto.",
        "{name}: is a folder, not a dataset file.",
    ),
    "dataset_not_regular": (
        "{name}: ei ole tavallinen tiedosto (putki tai laite); tallenna aineisto tiedostoon.",
        "{name}: is not a regular file (a pipe or a device); save the dataset to a file.",
    ),
    "dataset_unreadable": (
        "{name}: tiedostoa ei voi lukea ({reason}).",
        "{name}: cannot be read ({reason}).",
    ),
    "dataset_too_big": (
        "{name}: on suurempi kuin {limit} Mt; onko se varmasti aineistotiedosto?",
        "{name}: is larger than {limit} MB; is it really a dataset file?",
    ),
    "dataset_not_utf8": (
        "{name}:{line}: ei ole UTF-8-tekstiä (tavu {byte}); tallenna se UTF-8-muodossa.",
        "{name}:{line}: is not UTF-8 text (byte {byte}); save it as UTF-8.",
    ),
    "bundled_missing": (
        "Mukana tuleva aineisto {name} puuttuu; asenna osallisuus uudelleen.",
        "The bundled dataset {name} is missing; reinstall osallisuus.",
    ),
    "bundled_unreadable": (
        "Mukana tulevaa aineistoa {name} ei voi lukea ({reason}); asenna osallisuus uudelleen.",
        "The bundled dataset {name} cannot be read ({reason}); reinstall osallisuus.",
    ),
    "answers_missing": (
        "Vastaustiedostoa {name} ei ole, tai se ei ole tiedosto.",
        "Answers file {name} does not exist or is not a file.",
    ),
    "answers_not_regular": (
        "Vastaustiedosto {name} ei ole tavallinen tiedosto; anna tiedosto, tai - vakiosyötteelle.",
        "Answers file {name} is not a regular file; give a file, or - for standard input.",
    ),
    "answers_unreadable": (
        "Vastaustiedostoa {name} ei voi lukea ({reason}).",
        "Answers file {name} cannot be read ({reason}).",
    ),
    "answers_too_big": (
        "Vastaustiedosto {name} on suurempi kuin {limit} Mt; onko se varmasti vastaustiedosto?",
        "Answers file {name} is larger than {limit} MB; is it really an answers file?",
    ),
    "answers_not_utf8": (
        "Vastaustiedosto {name} ei ole UTF-8-tekstiä rivillä {line} (tavu {byte}); tallenna "
        "se UTF-8-muodossa.",
        "Answers file {name} is not UTF-8 text at line {line} (byte {byte}); save it as UTF-8.",
    ),
    "stdin_name": ("vakiosyötteessä", "on standard input"),
    "stdin_closed": ("se on suljettu", "it is closed"),
    # recommend --batch and plan --batch (batch.py)
    "help_batch": (
        "Monta tilannetta kerralla: lue JSON Lines -rivejä (yksi vastausolio riviä kohden, "
        "JSONin answers-avaimet; - lukee vakiosyötteen) ja tulosta kunkin tulos JSON-rivinä "
        "rivinumeroineen.",
        "Many situations at once: read JSON Lines (one answers object a line, the keys of the "
        "JSON 'answers'; - reads standard input) and write each one's result as a JSON line "
        "with its line number.",
    ),
    "batch_no_name": ("--batch tarvitsee tiedoston nimen.", "--batch needs a file name."),
    "batch_and_answers": (
        "--batch ja --answers eivät käy yhdessä: kunkin rivin vastaukset ovat sen vastaustiedosto.",
        "--batch and --answers do not go together: each line's answers are its answers file.",
    ),
    "batch_and_memo": (
        "--batch kirjoittaa JSON-rivejä vakiotulosteeseen; muistiota (--output, --format) ei "
        "voi tehdä kerralla monesta tilanteesta.",
        "--batch writes JSON lines to standard output; a memo (--output, --format) cannot be "
        "made for many situations at once.",
    ),
    "batch_line": ("{name}, rivi {line}", "{name}, line {line}"),
    "batch_line_too_long": (
        "Vastaustiedosto {name} on pidempi kuin {limit} Mt; onko se varmasti vastausrivi?",
        "Answers file {name} is longer than {limit} MB; is it really a line of answers?",
    ),
    "batch_not_json": (
        "Vastaustiedosto {name} ei ole JSONia (sarake {column}: {problem}); kirjoita kukin "
        'rivi kuten {{"target_groups": ["lapset"]}}.',
        "Answers file {name} is not JSON (column {column}: {problem}); write each line as "
        '{{"target_groups": ["children"]}}.',
    ),
    "batch_failed_one": (
        "1/{total} rivistä ei voitu käyttää (rivi {lines}); sen virhe on sen JSON-rivillä.",
        "1 of {total} lines could not be used (line {lines}); its error is on its JSON line.",
    ),
    "batch_failed": (
        "{failed}/{total} riviä ei voitu käyttää (rivit {lines}); kunkin virhe on sen "
        "JSON-rivillä.",
        "{failed} of {total} lines could not be used (lines {lines}); each one's error is on "
        "its JSON line.",
    ),
    "output_no_name": ("--output tarvitsee tiedoston nimen.", "--output needs a file name."),
    "output_is_folder": (
        "--output {path} on kansio; anna tiedoston nimi.",
        "--output {path} is a folder; give a file name.",
    ),
    "output_no_folder": (
        "Tiedoston --output {path} kansiota ei ole; luo se ensin.",
        "The folder of --output {path} does not exist; create it first.",
    ),
    "output_is_dataset": (
        "--output {path} on käytössä oleva aineisto ({dataset}); sen päälle kirjoittaminen "
        "tuhoaisi aineiston, joten anna toinen tiedoston nimi.",
        "--output {path} is the dataset in use ({dataset}); writing it would destroy the "
        "dataset, so give another file name.",
    ),
    "output_is_bundled": (
        "--output {path} on ohjelman mukana tuleva aineisto ({dataset}); sen päälle "
        "kirjoittaminen tuhoaisi aineiston, joten anna toinen tiedoston nimi.",
        "--output {path} is the dataset that comes with the program ({dataset}); writing it "
        "would destroy the dataset, so give another file name.",
    ),
    "output_is_read": (
        "--output {path} on tiedosto, jonka tämä ajo lukee ({name}); sen päälle kirjoittaminen "
        "tuhoaisi sen, joten anna toinen tiedoston nimi.",
        "--output {path} is a file this run reads ({name}); writing it would destroy it, so "
        "give another file name.",
    ),
    "stdout_is_read": (
        "Vakiotuloste on tiedosto {name}, jonka tämä ajo lukee; sinne kirjoittaminen tuhoaisi "
        "sen, joten ohjaa tuloste toiseen tiedostoon.",
        "Standard output is {name}, a file this run reads; writing there would destroy it, "
        "so send the output to another file.",
    ),
    "pipe_no_reader": (
        "Nimettyä putkea {path} ei lue mikään ohjelma; käynnistä lukija ensin.",
        "No program is reading the named pipe {path}; start its reader first.",
    ),
    "stdout_closed": ("vakiotuloste on suljettu", "standard output is closed"),
    "output_name_too_long": (
        "--output {path}: tiedoston nimi on liian pitkä.",
        "--output {path}: the file name is too long.",
    ),
    "cannot_write": (
        "Tiedostoa {path} ei voi kirjoittaa ({reason}).",
        "Cannot write {path} ({reason}).",
    ),
    "cannot_write_kept": (
        "Tiedostoa {path} ei voi kirjoittaa ({reason}); se jätettiin ennalleen.",
        "Cannot write {path} ({reason}); it was left as it was.",
    ),
    "permission_denied": ("ei oikeutta", "permission denied"),
    "no_folder_permission": (
        "ei oikeutta kirjoittaa sen kansioon",
        "no permission to write in its folder",
    ),
    "cannot_write_output": (
        "Tulostetta ei voi kirjoittaa ({reason}).",
        "Cannot write the output ({reason}).",
    ),
    # the edge: endings and the last resort
    "interrupted": ("keskeytetty.", "interrupted."),
    "input_ended": (
        "syöte loppui; vastauksia ei otettu.",
        "input ended; no answers were taken.",
    ),
    "argument_not_utf8": (
        "argumentti {number} ({value}) ei ole UTF-8-tekstiä ({what}); aseta pääte tai "
        "skripti UTF-8-muotoon.",
        "argument {number} ({value}) is not UTF-8 text ({what}); set the terminal or the "
        "script to UTF-8.",
    ),
    "argument_too_long": (
        "argumentti on {length} merkkiä pitkä ({value}); raja on {limit}, mikä riittää "
        "muutaman kappaleen kuvaukseen.",
        "an argument is {length} characters long ({value}); the limit is {limit}, enough "
        "for a description of a few paragraphs.",
    ),
    "internal_error": (
        "sisäinen virhe ({kind}); ilmoita siitä projektin vikailmoituksiin ja kerro ajamasi "
        "komento (OSALLISUUS_DEBUG=1 näyttää jäljityksen).",
        "internal error ({kind}); please report it at the project's issue tracker with the "
        "command you ran (set OSALLISUUS_DEBUG=1 to see the traceback).",
    ),
    # the command line's own errors (Click's), in words a user reads
    "no_such_option": ("Tuntematon valitsin {option}.", "No such option: {option}."),
    "did_you_mean": (" Tarkoititko {options}?", " Did you mean {options}?"),
    "option_of_command": (
        " {option} on näiden komentojen valitsin: {commands}; kirjoita se komennon jälkeen, "
        "esim. {example}.",
        " {option} belongs to {commands}: put it after the command, e.g. {example}.",
    ),
    "option_elsewhere": (
        " {option} on näiden komentojen valitsin: {commands}, esim. {example}.",
        " {option} is an option of {commands}, e.g. {example}.",
    ),
    "option_of_root": (
        " {option} kirjoitetaan ennen komentoa: {example}.",
        " {option} goes before the command: {example}.",
    ),
    "option_needs_value": (
        "Valitsin {option} tarvitsee arvon.",
        "Option {option} needs a value.",
    ),
    "option_takes_no_value": (
        "Valitsin {option} ei ota arvoa.",
        "Option {option} does not take a value.",
    ),
    "no_such_command": (
        "Tuntematon komento {command}.",
        "No such command {command}.",
    ),
    "extra_arguments": (
        "Ylimääräisiä argumentteja: {arguments}.",
        "Unexpected extra arguments: {arguments}.",
    ),
    "missing_argument": ("Puuttuva argumentti {argument}.", "Missing argument {argument}."),
    "bad_value": (
        "Virheellinen arvo valitsimelle {option}: {problem}",
        "Invalid value for {option}: {problem}",
    ),
    "see_help": (" Katso '{command} --help'.", " See '{command} --help'."),
}


# The heading each section of ranked methods stands under (scoring.section): none for
# those with what they need.
SECTION_HEADINGS: tuple[str | None, ...] = (None, "in_place_heading", "warned_heading")


def t(key: str, lang: Lang, /, **values: object) -> str:
    """The interface text for `key` in `lang`, with {placeholders} filled in.

    A value given as `Bilingual` (a label, a list in words) is filled in in `lang`.
    """
    fi, en = _WORDS[key]
    text = fi if lang == "fi" else en
    if not values:
        return text
    filled = {k: v.get(lang) if isinstance(v, Bilingual) else v for k, v in values.items()}
    return text.format(**filled)


# Finnish alphabetical order: å, ä and ö after z (in code points ä comes before å).
_FINNISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}"})


def alphabetical(sources: Iterable[Source]) -> list[Source]:
    """References in alphabetical order of the label a reader looks them up by."""
    return sorted(sources, key=lambda s: (s.short().casefold().translate(_FINNISH_ORDER), s.id))


def both(key: str, /, **values: object) -> Words:
    """The text for `key` in both languages: an error's sentence, raised where the run's
    language is not known (`edge.py` shows the run's)."""
    return Words(t(key, "fi", **values), t(key, "en", **values))


def either(items: Iterable[str]) -> Bilingual:
    """Items as a list in words, "a, b or c", in both languages."""
    return _listing(items, "or")


def each(items: Iterable[str]) -> Bilingual:
    """Items as a list in words, "a, b and c", in both languages."""
    return _listing(items, "and")


MAX_LISTED = 10  # more names than this in one message are read by nobody


def _listing(items: Iterable[str], conjunction: str) -> Bilingual:
    names = list(items)
    texts = []
    for lang in ("fi", "en"):
        if len(names) > MAX_LISTED:
            more = t("list_more", lang, count=len(names) - MAX_LISTED)
            texts.append(f"{', '.join(names[:MAX_LISTED])} {more}")
        elif len(names) <= 1:
            texts.append("".join(names))
        else:
            word = t(f"list_{conjunction}", lang)
            texts.append(f"{', '.join(names[:-1])} {word} {names[-1]}")
    return Bilingual(texts[0], texts[1])


def pick_language(option: str | None) -> Lang:
    """--lang, else $OSALLISUUS_LANG, else the locale (fi_* -> fi), else English."""
    if option is not None:
        folded = option.strip().lower()
        if folded not in ("fi", "en"):
            raise UsageError(both("unknown_language", given=repr(option)), ("fi", "en"))
        return as_lang(folded)
    from_env = (os.environ.get(LANG_ENV) or "").strip().lower()[:2]
    if from_env in ("fi", "en"):
        return as_lang(from_env)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "fi" if value.lower().startswith("fi") else "en"
    return "en"


def language_given(args: Sequence[str]) -> str | None:
    """The value of the last --lang on a command line (before "--"), or None.

    The command's own --lang comes after the root's, so the last one wins, as it does
    when the options are read; a value that is no language is left for them to refuse.
    """
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == LANG_OPTION and index + 1 < len(args):
            found = args[index + 1]
        elif arg.startswith(LANG_OPTION + "="):
            found = arg.partition("=")[2]
    return found


def language_of(args: Sequence[str]) -> Lang:
    """The language a run speaks before its options are read (help, usage errors): the last
    --lang on the command line if it is one, else the environment's choice."""
    given = language_given(args)
    try:
        return pick_language(given)
    except UsageError:
        return pick_language(None)


def unknown_language_setting() -> str | None:
    """$OSALLISUUS_LANG when it names a language the tool does not speak (sv), else None."""
    value = (os.environ.get(LANG_ENV) or "").strip()
    return value if value and value.lower()[:2] not in ("fi", "en") else None


def resource_label(dataset: Dataset, resource: str, lang: Lang) -> str:
    """What you have, by its label (`trained experts by experience`): the one place a
    resource slug becomes words."""
    question = next((q for q in dataset.questions if q.resources), None)
    return question.value_label(resource, lang) if question else resource


def reason_text(dataset: Dataset, reason: Reason, lang: Lang) -> str:
    """One human line for a reason; shared with the table renderer."""
    if reason.question == "describe" and reason.value == "in-place":
        return t("in_place", lang)
    if reason.question == "describe":
        said = f": {', '.join(f'“{w}”' for w in reason.words)}" if reason.words else ""
        return f"{t('text_match', lang)} ({reason.weight} %){said}"
    if reason.question == "have":
        what = ", ".join(resource_label(dataset, r, lang) for r in reason.words)
        return t("uses_what_you_have", lang, what=what)
    return remembered(
        _reason_lines(dataset), (reason, lang), lambda: _reason_line(dataset, reason, lang)
    )


# A reason other than the description's says what the dataset says of one answer value
# (scoring.py makes each once a dataset): its line is made once a dataset and language
# too, not each time a document shows it. A plan's document shows about 26 reasons, of the
# 192 the benchmark's 1,000 situations meet: `plan --batch` of them spends about 100 ms
# less a run (benchmarks/bench_cli.py's input, in process, median of 6 with and without).
@per_object
def _reason_lines(dataset: Dataset) -> dict[tuple[Reason, Lang], str]:
    return {}


def _reason_line(dataset: Dataset, reason: Reason, lang: Lang) -> str:
    label = dataset.question(reason.question).value_label(reason.value, lang)
    verdict = {"fit": "fits", "partial": "partly", "miss": "misses"}[reason.kind]
    head = f"{t(verdict, lang)}: {label}"
    if reason.keep is not None:
        return f"{head} — {t('keeps', lang, keep=reason.keep)}"
    if reason.why is None:
        return head
    why = f"{reason.why.get(lang)} [{provenance(dataset, reason.source, lang)}]"
    return f"{head} ({reason.weight}/{dataset.max_weight}) — {why}"


def provenance(dataset: Dataset, source_id: str, lang: Lang) -> str:
    """Where a statement comes from, as people read it: "Espoo 2010", "editors' judgement"."""
    if source_id == JUDGEMENT:
        return t("judgement", lang)
    return _source_labels(dataset)[source_id]


@per_object
def _source_labels(dataset: Dataset) -> dict[str, str]:
    """Each source's label by its id, made once a dataset: a plan's document names a source
    about 100 times, each a search through the sources. `plan --batch` of the benchmark's
    1,000 situations spends about 175 ms less a run (in process, median of 6 with and
    without)."""
    return {s.id: s.short() for s in reversed(dataset.sources)}  # the first of an id wins


def unsure_text(dataset: Dataset, unsure: Understood, lang: Lang) -> str:
    """A resource the description mentions without saying whether the planner has it, with
    the flags that settle it."""
    question = dataset.question(unsure.question)
    words = ", ".join(f"“{w}”" for w in unsure.words)
    label = question.value_label(unsure.value, lang)
    flags = f"--have {unsure.value} / --lack {unsure.value}"
    return t("unsure", lang, value=label, words=words, flags=flags)


def flags_of(question: Question) -> str:
    """The options that answer a question: --have or --lack for what you have, -t VALUE."""
    if question.resources:
        return f"{question.flag} / {LACK_FLAG}"
    return question.flag


LACK_FLAG = "--lack"  # what you lack; --have (the resources question's own flag) what you have


def left_out_text(dataset: Dataset, result: RecommendResult, lang: Lang) -> list[str]:
    """One line per reason methods were left out (none when nothing was)."""
    lines = []
    # methods that fit nothing at all are no news; the others, by the question they miss
    for question in dataset.questions:
        left = [o for o in result.left_out if o.question == question.key]
        if not left:
            continue
        names = ", ".join(o.method.name.get(lang) for o in left)
        values = ", ".join(question.value_label(v, lang) for v in result.answers.get(question.key))
        label = question.label.get(lang)
        lines.append(t("left_out_must_fit", lang, names=names, values=values, label=label))
    far = [o for o in result.left_out if o.because == "far_below"]
    floor = dataset.scoring.floor
    if far and floor is not None:
        names = ", ".join(o.method.name.get(lang) for o in far)
        lines.append(t("left_out_far_below", lang, names=names, floor=floor.weight))
    return lines


def explanation_text(dataset: Dataset, explained: Explanation, answers: Answers, lang: Lang) -> str:
    """Why a method ranks where it does, or is left out, in a sentence or three."""
    name = explained.method.name.get(lang)
    result, left_out, first = explained.result, explained.left_out, explained.first
    if result is None:
        assert left_out is not None
        if left_out.because == "must_fit":
            question = dataset.question(left_out.question)
            values = ", ".join(question.value_label(v, lang) for v in answers.get(question.key))
            label = question.label.get(lang)
            return t("explain_must_fit", lang, name=name, values=values, label=label)
        floor = dataset.scoring.floor
        if left_out.because == "far_below" and floor is not None and first is not None:
            return t(
                "explain_far_below",
                lang,
                name=name,
                score=left_out.score,
                floor=floor.weight,
                best=first.score,
            )
        return t("explain_nothing", lang, name=name)
    parts = [
        t(
            "explain_ranked",
            lang,
            name=name,
            rank=result.rank,
            ranked=explained.ranked,
            score=result.score,
        )
    ]
    if result.warnings:
        warnings = "; ".join(w.why.get(lang).rstrip(".") for w in result.warnings)
        parts.append(t("explain_warned", lang, warnings=warnings))
    if first is not None and first.method.id != explained.method.id:
        parts.append(t("explain_first", lang, name=first.method.name.get(lang), score=first.score))
    return " ".join(parts)


def safeguard_text(dataset: Dataset, safeguard: Safeguard, lang: Lang) -> str:
    """What a safeguard says to do; first, when the answers lack what provides it (an
    interpreter), that it is lacking."""
    text = safeguard.why.get(lang)
    if not safeguard.lacking:
        return text
    what = resource_label(dataset, safeguard.resource, lang)
    return f"{t('safeguard_lacking', lang, what=what)} {text}"


def safeguard_condition(
    dataset: Dataset, cases: Sequence[SafeguardCase], lang: Lang, short: bool = False
) -> str:
    """When a safeguard applies to a method, in words: "always with this method", or "when
    the answers include children or young people; and health care" (`short`, on a card:
    "with children or young people; and health care")."""
    when = "safeguard_when_short" if short else "safeguard_when"
    if any(not case.conditional() for case in cases):
        return t("safeguard_always", lang)
    said = []
    for case in cases:
        pieces = []
        parts = [_values_said(dataset, q, v, lang) for q, v in case.questions().items()]
        if parts:
            pieces.append(t(when, lang, answers=t("safeguard_and", lang).join(parts)))
        elif not (case.only or case.outside or case.if_answered):
            pieces.append(t("safeguard_always", lang))
        for key, refs in (
            ("safeguard_only", case.only),
            ("safeguard_outside", case.outside),
            ("safeguard_if_answered", case.if_answered),
        ):
            for question, values in grouped_refs(refs).items():
                label = dataset.question(question).label.get(lang)
                values_said = _values_said(dataset, question, values, lang)
                pieces.append(t(key, lang, label=label, values=values_said))
        said.append(", ".join(pieces))
    return t("safeguard_cases", lang).join(dict.fromkeys(said))


def _values_said(dataset: Dataset, question: str, values: Sequence[str], lang: Lang) -> str:
    """Values of a question in words: "children or young people", "A, B or C"."""
    label = dataset.question(question).value_label
    said = [label(value, lang) for value in values]
    return t("safeguard_or", lang).join([", ".join(said[:-1]), said[-1]] if len(said) > 2 else said)


def warning_text(dataset: Dataset, warning: Need, lang: Lang) -> str:
    source = provenance(dataset, warning.source, lang)
    return f"{t('unmet', lang)}: {warning.why.get(lang)} [{source}]"


def need_text(dataset: Dataset, need: Need, lang: Lang) -> str:
    """A need with its status: unmet as a warning, to check as a reminder, met as such."""
    if need.status == "unmet":
        return warning_text(dataset, need, lang)
    source = provenance(dataset, need.source, lang)
    status = t("to_check" if need.status == "to-check" else "need_met", lang)
    return f"{status}: {need.why.get(lang)} [{source}]"


def phase_label(dataset: Dataset, phase: str, lang: Lang) -> str:
    """A phase of the work or a step of a case, as people read it."""
    question = next((q for q in dataset.questions if q.key == "phase"), None)
    if question is not None and question.value(phase) is not None:
        return question.value_label(phase, lang)
    case = dataset.plan.case
    step = next((s for s in case.steps if s.slug == phase), None) if case else None
    return step.label.get(lang) if step else phase


def sourced_text(dataset: Dataset, statement: Fit | PhaseWork | Statement, lang: Lang) -> str:
    """A statement with where it comes from: "text [Espoo 2010]"."""
    return f"{statement.why.get(lang)} [{provenance(dataset, statement.source, lang)}]"


def nothing_head(phase: PlanPhase, lang: Lang) -> str:
    """The heading of a phase with no method: a light phase, or no method fits."""
    light = any(w.kind in ("far", "enough", "small") for w in phase.why)
    return t("plan_light" if light else "plan_nothing", lang)


def nothing_text(dataset: Dataset, phase: PlanPhase, lang: Lang) -> str:
    """What a phase with no method says: why it is left light, or that no method fits."""
    enough = next((w for w in phase.why if w.kind == "enough" and w.other), None)
    if enough is not None and enough.other is not None:
        phases = ", ".join(phase_label(dataset, p, lang) for p in enough.phases)
        name = enough.other.method.name.get(lang)
        most = dataset.scoring.plan_most
        if most is not None and most.unchecked is not None and enough.other.to_check:
            needs = ", ".join(
                resource_label(dataset, n.resource, lang) for n in enough.other.to_check
            )
            return t("plan_enough_unchecked", lang, method=name, phases=phases, needs=needs)
        return t("plan_enough", lang, method=name, phases=phases)
    small = next((w for w in phase.why if w.kind == "small"), None)
    if small is not None:
        words = ", ".join(f"“{w}”" for w in small.words)
        few = dataset.scoring.plan_small
        return t("plan_small", lang, words=words, most=few.weight if few else 0)
    far = next((w for w in phase.why if w.kind == "far" and w.other), None)
    if far is None or far.other is None:
        return t("plan_nothing", lang)
    name = far.other.method.name.get(lang)
    return t("plan_far", lang, method=name, score=f"{far.other.score}\u00a0%", margin=far.margin)


def why_chosen_text(dataset: Dataset, why: WhyChosen, phase: str, lang: Lang) -> str:
    """One reason a phase's method was chosen, in a planner's words."""
    other = why.other.method.name.get(lang) if why.other else ""
    score = f"{why.other.score}\u00a0%" if why.other else ""
    adds = _adds_text(dataset, why, lang)
    if why.kind in ("best", "only"):
        reason = sourced_text(dataset, why.adds, lang) if why.adds else ""
        return t(f"why_{why.kind}", lang, reason=reason).rstrip(": ")
    if why.kind == "over-warned":
        assert why.other is not None
        lacks = ", ".join(resource_label(dataset, w.resource, lang) for w in why.other.warnings)
        return t("why_over_warned", lang, other=other, score=score, lacks=lacks)
    if why.kind == "over-in-place":
        return t("why_over_in_place", lang, other=other, score=score)
    if why.kind == "over-misses-phase":
        label = phase_label(dataset, phase, lang)
        head = t("why_over_misses_phase", lang, other=other, score=score, phase=label)
        return f"{head}: {adds}" if adds else head
    if why.kind == "over-purpose":
        purpose = ""
        if isinstance(why.adds, Fit):
            purpose = dataset.question(why.adds.question).value_label(why.adds.value, lang)
        return t("why_over_purpose", lang, other=other, score=score, purpose=purpose)
    if why.kind == "over-used":
        phases = ", ".join(phase_label(dataset, p, lang) for p in why.phases)
        head = t("why_over_used", lang, other=other, score=score, phases=phases)
        return f"{head}: {adds}" if adds else head
    if why.kind == "over-case":
        return t("why_over_case", lang, other=other, score=score)
    if why.kind == "over-adds":
        head = t("why_over_adds", lang, other=other, score=score)
        return f"{head}: {adds}" if adds else head
    if why.kind == "over-case-rule":
        return t("why_over_case_rule", lang, other=other, score=score, reason=adds)
    if why.kind == "over-people":
        head = t("why_over_people", lang, other=other, score=score)
        return f"{head}: {adds}" if adds else head
    if why.kind == "heard":
        group = dataset.question(_heard_question(dataset)).value_label(why.group, lang)
        text = t("why_heard", lang, group=group)
        if why.other is not None:
            text += t("why_heard_over", lang, other=other, score=score)
        if adds:
            text += f": {adds}"
        if why.means:
            text += f"; {t('heard_with', lang)} " + ", ".join(g.label.get(lang) for g in why.means)
        return text
    if why.kind == "continues":
        phases = ", ".join(phase_label(dataset, p, lang) for p in why.phases)
        return t("why_continues", lang, phases=phases)
    if why.kind == "repeat":
        phases = ", ".join(phase_label(dataset, p, lang) for p in why.phases)
        key = "why_repeat" if why.margin > 0 else "why_repeat_all"
        return t(key, lang, phases=phases, margin=why.margin)
    return t("why_no_phase_fit", lang, phase=phase_label(dataset, phase, lang))


def why_chosen_sentences(
    dataset: Dataset,
    phase: PlanPhase,
    lang: Lang,
    full: bool = False,
    texts: Sequence[str] | None = None,
) -> str:
    """Every reason a phase's method was chosen, each as a sentence; `full` adds what it
    does for the people named in this phase: its work here and whom it hears directly, with
    what lets them take part (the JSON's `why_chosen`; screens and memos say these on
    lines of their own). `texts`: each reason's why_chosen_text, when already made."""
    if texts is None:
        texts = [why_chosen_text(dataset, why, phase.phase, lang) for why in phase.why]
    said = [sentence(text) for text in texts]
    if full and phase.work is not None:
        here = t("does_here", lang).capitalize()
        said.append(sentence(f"{here}: {sourced_text(dataset, phase.work, lang)}"))
    if full and phase.hearing:
        heard = t("heard_directly", lang).capitalize()
        said.append(sentence(f"{heard}: {heard_text(dataset, phase, lang)}"))
    return " ".join(said)


def sentence(text: str) -> str:
    """Text as a sentence: its first letter capital, a full stop at the end."""
    text = text.strip()
    if not text:
        return text
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def not_heard_text(dataset: Dataset, gap: NotHeard, lang: Lang) -> str:
    """A group no phase hears directly, the relatives who speak for it, and what to do."""
    question = dataset.question(_heard_question(dataset))
    group = question.value_label(gap.group, lang).capitalize()
    text = t("not_heard_small" if gap.small else "not_heard", lang, group=group)
    if gap.relatives:
        relatives = ", ".join(question.value_label(r, lang) for r in gap.relatives)
        text += t("not_heard_relatives", lang, relatives=relatives.capitalize())
    advice = " ".join(sourced_text(dataset, s, lang) for s in not_heard_advice(dataset, gap))
    return f"{text} {advice}" if advice else text


def not_heard_advice(dataset: Dataset, gap: NotHeard) -> tuple[Statement, ...]:
    """What to do for a group no method can hear: the plan's advice, then how the group
    is heard in a form it can use, if the dataset says."""
    heard = dataset.plan.heard
    if heard is None:
        return ()
    entry = heard.of(gap.group)
    found = (heard.unheard, entry.how if entry else None)
    return tuple(s for s in found if s is not None)


def heard_text(dataset: Dataset, phase: PlanPhase, lang: Lang) -> str:
    """Whom a phase hears directly, each with what lets them take part themselves:
    "older people (with Plain language)"."""
    question = dataset.question(_heard_question(dataset))
    parts = []
    for hearing in phase.hearing:
        label = question.value_label(hearing.group, lang)
        means = ", ".join(g.label.get(lang) for g in hearing.means)
        parts.append(f"{label} ({t('heard_with', lang)} {means})" if means else label)
    return "; ".join(parts)


def heard_how_lines(dataset: Dataset, phase: PlanPhase, lang: Lang) -> list[tuple[str, str]]:
    """How the phase hears each group in a form it can use: (heading, sourced text)."""
    question = dataset.question(_heard_question(dataset))
    return [
        (
            t("heard_how", lang, group=question.value_label(h.group, lang)),
            sourced_text(dataset, h.how, lang),
        )
        for h in phase.hearing
        if h.how is not None
    ]


def safety_text(dataset: Dataset, answers: Answers, lang: Lang) -> list[tuple[str, str]]:
    """Up front, before any method: each risk to someone's safety the description names
    (`language.risks`, `safety`), with the safeguards it brings in: (the risk, the line)."""
    lines = []
    for risk in dataset.language.risks:
        if not risk.safety or risk.id not in answers.risks:
            continue
        guards = dict.fromkeys(  # a label once, though the law differs by service
            g.label.get(lang)
            for g in dataset.safeguards
            if any(risk.id in case.risks for case in g.when)
        )
        lines.append(
            (risk.id, t("safety_first", lang, why=risk.why.get(lang), guards=", ".join(guards)))
        )
    return lines


def warned_text(
    dataset: Dataset, track: PlanTrack, lang: Lang
) -> list[tuple[tuple[str, ...], str]]:
    """Up front: the phases (or the case) where every method that fits lacks what the
    planner said they lack, one line per method chosen anyway: (the phases, the line)."""
    by_method: dict[str, list[PlanPhase]] = {}
    for phase in track.phases:
        if phase.choice is not None and phase.choice.warnings:
            by_method.setdefault(phase.choice.method.id, []).append(phase)
    lines = []
    for phases in by_method.values():
        choice = phases[0].choice
        assert choice is not None
        if track.track == "case":
            where = t("case_method", lang)
        else:
            where = ", ".join(phase_label(dataset, p.phase, lang) for p in phases).capitalize()
        lacks = ", ".join(resource_label(dataset, w.resource, lang) for w in choice.warnings)
        method = choice.method.name.get(lang)
        line = t("warned_plan", lang, phases=where, lacks=lacks, method=method)
        lines.append((tuple(p.phase for p in phases), line))
    return lines


def _adds_text(dataset: Dataset, why: WhyChosen, lang: Lang) -> str:
    """What a choice adds: a fit as "label — reason [source]", or what it does here."""
    adds = why.adds
    if adds is None:
        return ""
    if isinstance(adds, Fit):
        label = dataset.question(adds.question).value_label(adds.value, lang)
        return f"{label} — {sourced_text(dataset, adds, lang)}"
    return sourced_text(dataset, adds, lang)


def _heard_question(dataset: Dataset) -> str:
    heard = dataset.plan.heard
    return heard.question if heard else "target_groups"


def rerun_note(command: str, lang: Lang) -> str:
    """The questionnaire's answers as a command line, to rerun or share."""
    return f"\n{t('rerun', lang)}\n  {command}\n"


def safe(text: str) -> str:
    """Text with control characters shown as visible escapes (\\x1b), never obeyed by a terminal."""
    return re.sub(_CONTROL, _escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

#!/usr/bin/env python3
"""Compare inflection techniques on hand-written inflected forms of the vocabulary.

For each form, a technique is right when the form leads to the base word's key:
  exact     folded form == folded base word
  snowball  Snowball stem of form == stem of base word
  table     Snowball + lemmas.json (what `textanalysis.key` does)
  compound  table, or the base word's key is one of the form's compound parts
  simplemma simplemma.lemmatize(form) == base word (reference only; needs simplemma)
Prints the counts per technique and language, and with --misses the forms each one misses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from osallisuus_cli.model import Lang
from osallisuus_cli.textanalysis import compound, fold, key, stem

# (inflected form as a planner would write it, the vocabulary word it should find)
FINNISH = """
lapsille lapsi; lasten lapsi; lapset lapsi; lapsen lapsi; lasta lapsi; lapsia lapsi;
lapsista lapsi; lapsiin lapsi; nuorille nuori; nuorten nuori; nuoret nuori; nuorta nuori;
nuorien nuori; perheille perhe; perheiden perhe; perheet perhe; perhettä perhe;
perheessä perhe; perheitä perhe; vanhempien vanhempi; vanhemmille vanhempi;
vanhempia vanhempi; omaishoitajien omaishoitaja; omaishoitajille omaishoitaja;
omaishoitajat omaishoitaja; omaishoitajia omaishoitaja; omaisten omainen; omaisille omainen;
omaisia omainen; asiakkaiden asiakas; asiakkaille asiakas; asiakkaat asiakas;
asiakasta asiakas; asiakkaita asiakas; kuntalaisten kuntalainen; kuntalaisille kuntalainen;
kuntalaisia kuntalainen; asukkaiden asukas; asukkaille asukas; asukkaat asukas;
käyttäjien käyttäjä; käyttäjille käyttäjä; käyttäjiä käyttäjä; palautteen palaute;
palautetta palaute; palautteita palaute; arvioinnin arviointi; arvioinnissa arviointi;
arviointia arviointi; kehittämiseen kehittäminen; kehittämisessä kehittäminen;
kehittämistä kehittäminen; suunnittelussa suunnittelu; suunnitteluun suunnittelu;
suunnittelua suunnittelu; materiaalin materiaali; materiaaleja materiaali;
tiedotteisiin tiedote; tiedotteita tiedote; suunnitelman suunnitelma;
suunnitelmia suunnitelma; yhteisöllisyyden yhteisöllisyys; yhteisöllisyyttä yhteisöllisyys;
organisaation organisaatio; lastensuojelussa lastensuojelu; lastensuojelun lastensuojelu;
lastensuojeluun lastensuojelu; varhaiskasvatuksessa varhaiskasvatus;
varhaiskasvatuksen varhaiskasvatus; päiväkodissa päiväkoti; päiväkodit päiväkoti;
päiväkotiin päiväkoti; päiväkodeissa päiväkoti; päivähoidossa päivähoito;
päivähoidon päivähoito; omaishoidon omaishoito; vanhuspalveluissa vanhuspalvelut;
vammaispalveluiden vammaispalvelut; asukaspuistoissa asukaspuisto;
asukaspuistojen asukaspuisto; sosiaalityössä sosiaalityö; mielenterveyden mielenterveys;
kokoukseen kokous; kokouksessa kokous; kokouksia kokous; verkostokokoukseen verkostokokous;
verkostokokouksissa verkostokokous; viranomaiset viranomainen;
viranomaisten viranomainen; viranomaisille viranomainen;
kokemusasiantuntijoiden kokemusasiantuntija; kokemusasiantuntijoita kokemusasiantuntija;
läheisten läheinen; läheisille läheinen; haastattelut haastattelu;
haastatteluissa haastattelu; ryhmässä ryhmä; ryhmien ryhmä; illat ilta; illoissa ilta;
iltoja ilta; näkemykset näkemys; näkemyksiä näkemys; näkemysten näkemys;
kuulemista kuuleminen; kriisissä kriisi; kriisiin kriisi; sadutusta sadutus;
seurannassa seuranta; toteutuksessa toteutus; henkilökunnan henkilökunta;
työntekijöiden työntekijä; keskustelutilaisuuksissa keskustelutilaisuus;
omaishoitajaperheille perhe; päiväkotiryhmissä päiväkoti; asukaspuistotoiminnassa asukaspuisto;
vanhempainilloissa vanhempi; kokemusasiantuntijatoiminnassa kokemusasiantuntija;
asiakasperheiden perhe; päiväkotilasten lapsi; omaisryhmissä omainen;
perhetyöntekijöiden perhe; lapsiperheiden lapsiperhe; nuorisotyössä nuoriso;
vanhuspalveluyksikössä vanhuspalvelut; lastensuojeluasiakkaiden lastensuojelu
"""
ENGLISH = """
children's child; children child; families family; carers carer; parents parent;
relatives relative; interviews interview; evaluations evaluation; clients' client;
residents resident; services service; meetings meeting; caregivers caregiver;
teenagers teenager; leaflets leaflet; people person; authorities authority;
workshops workshop; parks park; needs need
"""


def cases(text: str) -> list[tuple[str, str]]:
    pairs = [item.split() for item in text.replace("\n", " ").split(";") if item.strip()]
    return [(form, base) for form, base in pairs]


def techniques(form: str, base: str, lang: Lang) -> dict[str, bool]:
    right = key(base, lang)
    out = {
        "exact": fold(form) == fold(base),
        "snowball": stem(form, lang) == stem(base, lang),
        "table": key(form, lang) == right,
    }
    found = compound(form) if lang == "fi" else None
    out["compound"] = out["table"] or (found is not None and right in (found.lemma, *found.parts))
    try:
        import simplemma

        out["simplemma"] = simplemma.lemmatize(form, lang=lang) == base
    except ImportError:
        pass
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true")
    opts = parser.parse_args()
    for lang, text in (("fi", FINNISH), ("en", ENGLISH)):
        code: Lang = "fi" if lang == "fi" else "en"
        pairs = cases(text)
        totals: dict[str, int] = {}
        misses: dict[str, list[str]] = {}
        for form, base in pairs:
            for name, ok in techniques(form, base, code).items():
                totals[name] = totals.get(name, 0) + ok
                if not ok:
                    misses.setdefault(name, []).append(f"{form}->{base}")
        summary = ", ".join(f"{name} {n}/{len(pairs)}" for name, n in totals.items())
        print(f"{lang}: {summary}")
        if opts.misses:
            for name, missed in misses.items():
                print(f"  {name} misses: {' '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Generate src/osallisuus_cli/lemmas.json from the bundled dataset with simplemma.

A development tool: `pip install simplemma==2.0.0`, then `python tools/build_lemmas.py`
after editing the dataset's words. simplemma never becomes a run-time dependency; the
generated table is committed and read by `osallisuus_cli.textanalysis`.

For every base form (lemma) of every word in the dataset's searchable text and lexicon,
the table lists the Snowball stems of all its inflected forms that lead back to it
(`stems`: language -> stem -> lemma), and for Finnish the forms that begin compounds
(`prefixes`: form -> lemma, e.g. lasten -> lapsi, omais -> omainen). Compound lemmas
are split against simplemma's dictionary so that their parts (puisto, ryhmä) are known
words too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from osallisuus_cli.dataset import load_dataset  # noqa: E402
from osallisuus_cli.model import LANGS, ContextRules, Dataset, Lang, Terms  # noqa: E402
from osallisuus_cli.textanalysis import (  # noqa: E402
    LEMMA_TABLE,
    fold,
    is_stopword,
    normalize,
    snowball_stem,
    tokenize,
)

# simplemma lists some plurale-tantum-like forms as lemmas of their own; their words
# mean the same as the singular in this domain.
MERGE = {
    "fi": {"vanhemmat": "vanhempi", "läheiset": "läheinen", "omaiset": "omainen"},
    "en": {"people": "person"},
}
# Reviewed by hand (run with --show-splits): words that simplemma's dictionary lets us
# split but that are not compounds or whose parts mislead (viranomainen is no omainen),
# and compounds whose automatic split takes too short a first part.
_NOT_COMPOUNDS = """
    aktivoida aktivoiminen aktivointi ammattilainen kansalainen kuntalainen toisenlainen
    kertaluontoinen kertaluonteinen kokoontua materiaalin mielipide toimenpide tuottama
    viranomainen henkilökunta verkostopalaveri asuinalue asiantuntija palaveri toimikunta
    neuvonpito
"""
NOT_COMPOUNDS = frozenset(_NOT_COMPOUNDS.split())
SPLITS = {
    "kokemusasiantuntija": ("kokemus", "asiantuntija"),
    "vanhempaintoimikunta": ("vanhempi", "toimikunta"),
    "läheisneuvonpito": ("läheinen", "neuvonpito"),
    "verkostopalaveri": ("verkosto", "palaveri"),
}
MIN_PART = 4


def dictionary(lang: Lang) -> dict[str, str]:
    from simplemma.strategies.dictionaries.dictionary_factory import (
        _load_dictionary_from_disk,  # private, hence the pinned simplemma version
    )

    raw = _load_dictionary_from_disk(lang)
    return {k.decode(): v.decode() for k, v in raw.items()}


SIMPLEMMA = "2.0.0"  # the dictionary is read through a private function: pinned


def inputs_digest(dataset: Dataset) -> str:
    """What the table is built from: the dataset's words, this tool and simplemma's
    version. Recorded in the table (`built_from`), so that a test can tell a stale table
    in milliseconds, where building it anew takes 15-30 s."""
    what = {"texts": texts(dataset), "tool": Path(__file__).read_text(encoding="utf-8")}
    what["simplemma"] = SIMPLEMMA
    return hashlib.sha256(json.dumps(what, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def body_digest(table: dict[str, object]) -> str:
    """The table's own entries (stems, prefixes, memo), so that a hand edit shows."""
    body = {key: table[key] for key in ("stems", "prefixes", "memo")}
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def language_terms(node: object, lang: Lang) -> list[str]:
    """Every term of the dataset's `language` section in one language, the ConText
    triggers too: the reader analyses them at every start (its word sets and phrases), so
    their stems go in the memo, though they make no lemmas (a trigger of several words is
    matched as written: only one-word triggers are analysed). A cold --describe stemmed
    146 of them, 8 ms of its run."""
    if isinstance(node, ContextRules):  # its phrases are found as written; words analysed
        return [term for term in node.literals.get(lang) if " " not in term]
    if isinstance(node, Terms):
        return list(node.get(lang))
    if isinstance(node, tuple):  # a record or a tuple of records
        return [term for item in node for term in language_terms(item, lang)]
    return []


def texts(dataset: Dataset) -> dict[Lang, tuple[list[str], list[str]]]:
    """Per language: (running text, declared base forms)."""
    out: dict[Lang, tuple[list[str], list[str]]] = {lang: ([], []) for lang in LANGS}
    for method in dataset.methods:
        for lang in LANGS:
            running, base = out[lang]
            running += [method.name.get(lang), method.goal.get(lang), method.description.get(lang)]
            base += [*method.aliases.get(lang), *method.keywords.get(lang), *method.cues.get(lang)]
    for question in dataset.questions:
        for value in question.values:
            for lang in LANGS:
                _, base = out[lang]
                base.append(value.label.get(lang))
                base += [*value.aliases.get(lang), *value.keywords.get(lang)]
    language = dataset.language
    for lang in LANGS:
        _, base = out[lang]
        base += list(language.generic.get(lang))
        if language.whereabouts is not None:
            base += list(language.whereabouts.verbs.get(lang))
        # ConText triggers are matched as written (reader.lexicon.LiteralIndex): no keys
        if language.shared_services is not None:
            base += list(language.shared_services.terms.get(lang))
        if language.premises is not None:
            base += list(language.premises.words.get(lang))
    return out


# Pronouns of the aside phrases ("kertoa tästä") share their stems with other words
# (tänään would become tämä); as written they still match the same form in a text.
PRONOUNS = frozenset(fold(w) for w in ("tästä", "tähän", "siitä", "niistä", "it", "this", "that"))


def content_words(text: str) -> str:
    return " ".join(
        t.text for t in tokenize(text) if not is_stopword(t.folded) and t.folded not in PRONOUNS
    )


def words(lines: Iterable[str]) -> set[str]:
    return {normalize(t.text).casefold() for line in lines for t in tokenize(line)}


def lemmas_of(
    running: list[str], base: list[str], lang: Lang, forms: dict[str, str], lemma_set: set[str]
) -> set[str]:
    import simplemma

    found: set[str] = set()
    declared = words(base)
    for word in words(running) | declared:
        lemma = forms.get(word)
        if lemma is None and lang == "fi":
            # An inflected compound the dictionary lacks: läheisneuvonpidot -> läheis +
            # neuvonpito; otherwise a declared base form is a word of its own (Bikva).
            lemma = compound_lemma(word, forms, lemma_set)
            if lemma is None and word in declared and len(word) >= MIN_PART:
                lemma = word
        if lemma is None:
            lemma = simplemma.lemmatize(word, lang=lang).casefold()
            if lemma not in lemma_set and word in declared and len(word) >= MIN_PART:
                lemma = word
        if len(lemma) >= 3 and (lemma in lemma_set or word in declared):
            found.add(lemma)
    merge = MERGE.get(lang, {})
    return {merge.get(lemma, lemma) for lemma in found}


def compound_lemma(word: str, forms: dict[str, str], lemma_set: set[str]) -> str | None:
    """The base form of an inflected Finnish compound: its first parts + its head's lemma."""
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        first, head = word[:cut], word[cut:]
        head_lemma = forms.get(head)
        if head_lemma is None or head_lemma not in lemma_set or len(head_lemma) < MIN_PART:
            continue
        if forms.get(first) or (first.endswith("s") and first[:-1] + "nen" in lemma_set):
            return first + head_lemma
    return None


def split_compound(
    lemma: str, forms: dict[str, str], lemma_set: set[str]
) -> tuple[str, str] | None:
    """A Finnish compound lemma as (first part's lemma, head), longest first part first."""
    if lemma in SPLITS:
        return SPLITS[lemma]
    if lemma in NOT_COMPOUNDS:
        return None
    for cut in range(len(lemma) - MIN_PART, MIN_PART - 1, -1):
        first, head = lemma[:cut], lemma[cut:]
        if head not in lemma_set:
            continue
        first_lemma = forms.get(first)
        if first_lemma is None and first.endswith("s") and first[:-1] + "nen" in lemma_set:
            first_lemma = first[:-1] + "nen"
        if first_lemma is None or len(first_lemma) < MIN_PART:
            continue
        return (first_lemma, head)
    return None


def infinitive_forms(verb_forms: list[str]) -> list[str]:
    """A Finnish verb's third-infinitive forms, which the dictionary often lacks.

    From the present third person plural: suunnittelevat -> suunnittelema- ->
    suunnittelemaan, -massa, -masta, -malla, -matta (kuulevat -> kuulemaan).
    """
    plural = sorted(
        (f for f in verb_forms if f.endswith(("vat", "vät")) and "isi" not in f),
        key=lambda f: (len(f), f),
    )
    if not plural:
        return []
    a = plural[0][-2]  # vowel harmony: a or ä
    base = plural[0][:-3] + "m" + a
    return [base + ending.replace("a", a) for ending in ("an", "ssa", "sta", "lla", "tta")]


def compound_heads(words: set[str], prefixes: dict[str, str]) -> set[str]:
    """The word ends that compound splitting will stem (the run time memoises them)."""
    heads: set[str] = set()
    for word in {fold(w) for w in words if len(fold(w)) >= 8}:
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            if any(word[start:cut] in prefixes for start in range(0, cut - MIN_PART + 1)):
                heads.add(word[cut:])
    return heads


def prefix_forms(lemma: str, inflected: list[str]) -> set[str]:
    """Forms a Finnish word takes at the start of a compound: nominative, genitives, -s."""
    out = {lemma}
    out |= {f for f in inflected if f.endswith("n") and not f.endswith(("nsa", "nsä"))}
    if lemma.endswith("nen"):
        out.add(lemma[:-3] + "s")
    return {f for f in out if len(fold(f)) >= MIN_PART}


def build(dataset: Dataset) -> tuple[str, dict[str, tuple[str, str]]]:
    """The table as JSON text (one entry a line, so a change reads as a diff), and the
    compound splits made."""
    if version("simplemma") != SIMPLEMMA:
        raise SystemExit(f"build_lemmas needs simplemma=={SIMPLEMMA}")
    stems: dict[str, dict[str, str]] = {}
    all_prefixes: dict[str, str] = {}
    memos: dict[str, dict[str, str]] = {}
    splits: dict[str, tuple[str, str]] = {}
    for lang in LANGS:
        forms = dictionary(lang)
        lemma_set = set(forms.values())
        inverse: dict[str, list[str]] = defaultdict(list)
        for form, lemma in forms.items():
            inverse[lemma].append(form)
        running, base = texts(dataset)[lang]
        lemmas = lemmas_of(running, base, lang, forms, lemma_set)
        if lang == "fi":
            todo = sorted(lemmas)
            while todo:
                compound = todo.pop()
                parts = split_compound(compound, forms, lemma_set)
                if parts:
                    splits[compound] = parts
                    todo += [p for p in parts if p not in lemmas]
                    lemmas |= set(parts)
        merge = dict(MERGE.get(lang, {}))
        if lang == "fi":
            # The verbal noun and its verb mean the same here: kehittäminen ~ kehittää.
            for lemma in sorted(lemmas):
                if lemma.endswith("minen"):
                    verb = forms.get(lemma[:-5] + "mään") or forms.get(lemma[:-5] + "maan")
                    if verb and verb != lemma:
                        merge[verb] = lemma
            lemmas = {merge.get(lemma, lemma) for lemma in lemmas}
        # votes[stem][lemma] = (stem is the lemma's own stem, how many forms give it)
        votes: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        prefixes: dict[str, str] = {}
        for lemma in sorted(lemmas):
            sources = [lemma, *(alias for alias, target in merge.items() if target == lemma)]
            inflected = [f for source in sources for f in inverse.get(source, [])]
            if lang == "fi":
                inflected += [f for source in sources for f in infinitive_forms(inverse[source])]
            votes[snowball_stem(lemma, lang)][lemma][0] = 1
            votes[snowball_stem(fold(lemma), lang)][lemma][0] = 1
            for form in {lemma, *inflected}:
                for stemmed in {snowball_stem(form, lang), snowball_stem(fold(form), lang)}:
                    votes[stemmed][lemma][1] += 1
            if lang == "fi":
                for form in prefix_forms(lemma, inflected):
                    prefixes.setdefault(fold(form), fold(lemma))
        stems[lang] = {}
        for stemmed in sorted(votes):
            ranked = sorted(votes[stemmed].items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
            stems[lang][stemmed] = fold(ranked[0][0])
        all_prefixes.update(prefixes)
        memo = words(running + base) | words(language_terms(dataset.language, lang))
        if lang == "fi":
            memo |= compound_heads(memo, prefixes)
        memos[lang] = {w: snowball_stem(w, lang) for w in sorted(memo)}
    table: dict[str, object] = {
        "about": "Generated by tools/build_lemmas.py from data/methods.yaml; do not edit.",
        "stems": stems,
        "prefixes": all_prefixes,
        "memo": memos,
    }
    table["built_from"] = inputs_digest(dataset)
    table["body"] = body_digest(table)
    return json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", splits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data" / "methods.yaml"))
    parser.add_argument("--output", default=str(LEMMA_TABLE))
    parser.add_argument("--show-splits", action="store_true")
    opts = parser.parse_args()
    table, splits = build(load_dataset(opts.data))
    Path(opts.output).write_text(table, encoding="utf-8")
    if opts.show_splits:
        for lemma, parts in sorted(splits.items()):
            print(f"{lemma}: {' + '.join(parts)}")
    print(f"{opts.output}: {table.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())

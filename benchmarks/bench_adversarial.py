"""Adversarial timing benchmark of the `osallisuus` CLI (issue 26): inputs shaped to be slow.

Run it from the project's venv::

    . .venv/bin/activate
    python benchmarks/bench_adversarial.py                # 5 interleaved runs, a table
    python benchmarks/bench_adversarial.py --runs 3 --json
    python benchmarks/bench_adversarial.py --check        # exit 1 if any budget fails
    python benchmarks/bench_adversarial.py --only catalogue   # one part: catalogue, text
    python benchmarks/bench_adversarial.py --cap          # also the memory at the size cap

Two parts, each timed as whole processes with stdout captured, warm (the dataset
cache in a temporary folder, filled by the warm-up run):

- catalogue: the same commands on the bundled dataset (10 methods), on 1,000 copies
  of its methods (numbered ids, names and aliases: what benchmarks/bench_cli.py
  times) and on 2,000 methods that share their vocabulary (every method's goal and
  description drawn from the words of all ten, the most common ones most often, and
  "lapset ja perheet" / "children and families" in each), where a word is found in
  thousands of methods and each pair of neighbouring query words in most of them.
  Budget: per method added, the 2,000 cost at most 3x what the 1,000 copies cost,
  (t_shared - t_bundled) / 1,990 <= 3 * (t_copies - t_bundled) / 990.
- text: `recommend --describe TEXT --json` on the bundled dataset with texts of 5,000
  characters (the longest argument the CLI takes) in shapes a reader may find hard:
  the dataset's own group words, negations, asides and cues over and over, one word
  of 5,000 letters, typos of every alias, numbers and ages, a list of everything, a
  typical description repeated, and more (`SHAPES`). Budget: each within 2x a
  typical description (benchmarks/bench_cli.py's).

With --cap, a catalogue just under the dataset size cap (files.MAX_BYTES) is read
cold (parsed, validated, cached) once, and the run's peak memory (max RSS) must stay
under 1 GB.

A run that fails or takes longer than --timeout is reported, and fails its budget.
Nothing here is a unit test: tests/test_bench_adversarial.py checks only that the
inputs are what they say.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as Dumper
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "data" / "methods.yaml"
LENGTH = 5000  # characters: the longest argument the CLI takes (edge.MAX_ARGUMENT)
COPIES = 1_000
SHARED = 2_000
GiB = 2**30
# benchmarks/bench_cli.py's description: a planner's sentence (issue 11).
TYPICAL = (
    "Haluamme palautetta asunnottomilta päihdeasiakkailta, mutta meillä ei ole rahaa "
    "ulkopuoliseen vetäjään."
)
# A longer description as planners write them, repeated to LENGTH for the "typical,
# repeated" shape and the catalogue part's long description.
PLANNER = (
    "Lastensuojelun avohuollossa haluamme kuulla lapsia ja nuoria sekä heidän "
    "vanhempiaan siitä, miten palvelu toimii. Suunnittelemme uutta perhetyön mallia "
    "yhdessä asiakkaiden kanssa, ja tulkki on tarvittaessa saatavilla. Meillä ei ole "
    "budjettia palkkioihin. We also want feedback from families who are hard to reach. "
)
# Group words as possessors: "lasten vanhempien perheiden ..." (whose parents, whose family).
GENITIVES = [
    "lasten",
    "nuorten",
    "perheiden",
    "vanhempien",
    "omaishoitajien",
    "asiakkaiden",
    "ikäihmisten",
    "vammaisten",
    "maahanmuuttajien",
    "asukkaiden",
    "children's",
    "parents'",
    "families'",
    "carers'",
]
QUERY = ["lapset", "perheet"]  # search's query, a pair of neighbours in most methods
LONG_QUERY_WORDS = 60  # a long search query: words of the shared vocabulary


# --- datasets -----------------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=Loader)
    if not isinstance(data, dict) or not isinstance(data.get("methods"), list):
        raise TypeError(f"{path}: not a dataset with a list of methods")
    return data


def _tag(value: Any, suffix: str) -> Any:
    if isinstance(value, str):
        return f"{value} {suffix}"
    if isinstance(value, list):
        return [_tag(v, suffix) for v in value]
    if isinstance(value, dict):
        return {k: _tag(v, suffix) for k, v in value.items()}
    return value


def _numbered(base: dict[str, Any], number: str) -> dict[str, Any]:
    """A copy of a method under a new id, its name and aliases numbered (a real catalogue
    has distinct names)."""
    method = copy.deepcopy(base)
    method["id"] = f"{base['id']}-{number}"
    for key in ("name", "aliases"):
        if key in method:
            method[key] = _tag(method[key], f"#{number}")
    return method


def copies(data: Mapping[str, Any], n: int) -> dict[str, Any]:
    """The dataset's methods copied round-robin into `n` (as benchmarks/bench_cli.py does),
    the originals first as they are: the dataset's other sections name them by id."""
    methods = data["methods"]
    width = max(4, len(str(n)))
    out = [
        copy.deepcopy(methods[i])
        if i < len(methods)
        else _numbered(methods[i % len(methods)], f"{i + 1:0{width}d}")
        for i in range(n)
    ]
    return {**data, "methods": out}


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def vocabulary(data: Mapping[str, Any], lang: str) -> list[str]:
    """Every word of the methods' goals and descriptions in one language, as written."""
    return [
        word
        for method in data["methods"]
        for key in ("goal", "description")
        for word in _WORD.findall(str(method.get(key, {}).get(lang, "")))
    ]


def _drawn(rng: random.Random, words: list[str], common: list[str], length: int) -> str:
    """About `length` characters of sentences: half the words the most common ones."""
    out: list[str] = []
    size = 0
    sentence = 0
    while size < length:
        word = rng.choice(common) if rng.random() < 0.5 else rng.choice(words)
        sentence += 1
        if sentence > 12:
            word += "."
            sentence = 0
        out.append(word)
        size += len(word) + 1
    text = " ".join(out)
    return text[:1].upper() + text[1:].rstrip(".") + "."


def shared(data: Mapping[str, Any], n: int, seed: int = 26) -> dict[str, Any]:
    """`n` methods whose goals and descriptions share one vocabulary (see the docstring):
    each a numbered copy of one of the dataset's methods with its goal and description
    drawn anew at their own lengths, and the query's phrase in both languages."""
    rng = random.Random(seed)
    phrase = {"fi": "lapset ja perheet", "en": "children and families"}
    pools = {lang: vocabulary(data, lang) for lang in ("fi", "en")}
    common = {lang: [w for w, _ in Counter(pools[lang]).most_common(40)] for lang in pools}
    methods = data["methods"]
    width = max(4, len(str(n)))
    out: list[dict[str, Any]] = []
    for i in range(n):
        base = methods[i % len(methods)]
        # The originals keep their ids: the dataset's other sections name them.
        method = copy.deepcopy(base) if i < len(methods) else _numbered(base, f"s{i + 1:0{width}d}")
        for key in ("goal", "description"):
            texts = method.get(key)
            if not isinstance(texts, dict):
                continue
            for lang in ("fi", "en"):
                length = len(str(texts.get(lang, ""))) or 200
                drawn = _drawn(rng, pools[lang], common[lang], length)
                texts[lang] = f"{drawn} {phrase[lang].capitalize()}: {phrase[lang]}."
        out.append(method)
    return {**data, "methods": out}


def write(data: Mapping[str, Any], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(
            dict(data),
            f,
            Dumper=Dumper,
            allow_unicode=True,
            default_flow_style=False,
            sort_keys=False,
            width=100,
        )
    return path


# --- texts ------------------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _terms(data: Mapping[str, Any], question: str | None = None) -> list[str]:
    """The answer vocabulary's labels and aliases (of one question, or of all)."""
    questions = data["questions"]
    keys = [question] if question else list(questions)
    out: list[str] = []
    for key in keys:
        for value in questions[key]["values"].values():
            for part in ("label", "aliases"):
                for lang in ("fi", "en"):
                    out += list(_strings(value.get(part, {}).get(lang, [])))
    return out


def _cues(data: Mapping[str, Any]) -> list[str]:
    """Every phrase of the language section in its word lists (negation, uncertainty,
    asides, premises, ...), not its explanations."""
    out: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list) and key in ("fi", "en"):
            out.extend(v for v in value if isinstance(v, str))
        elif isinstance(value, list):
            for item in value:
                walk(item, key)

    walk(data.get("language", {}))
    return out


def _negations(data: Mapping[str, Any]) -> list[str]:
    """The language section's negating words, wherever this version keeps them (a list
    `negation`, or rules of a category that negates), or a few plain ones."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "negat" in str(value.get("category", "")):
                found.extend(_strings(value.get("literals", {})))
            for key, item in value.items():
                if key == "negation":
                    found.extend(_strings(item))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data.get("language", {}))
    return found or ["ei", "no", "not", "without"]


def fill(parts: Sequence[str], separator: str = " ", length: int = LENGTH) -> str:
    """The parts repeated in turn to exactly `length` characters (cut at a space)."""
    if not parts:
        raise ValueError("nothing to fill a text with")
    out: list[str] = []
    size = 0
    i = 0
    while size < length:
        part = parts[i % len(parts)]
        out.append(part)
        size += len(part) + len(separator)
        i += 1
    text = separator.join(out)[:length]
    return text.rsplit(" ", 1)[0] if " " in text[-40:] else text


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word + word[-1:]
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped


def _plain(text: str) -> str:
    return text.translate(str.maketrans("äöåÄÖÅ", "aoaAOA"))


def shapes(data: Mapping[str, Any]) -> dict[str, str]:
    """Texts of LENGTH characters in shapes a description reader may find hard."""
    rng = random.Random(26)
    groups = _terms(data, "target_groups")
    every = _terms(data)
    cues = _cues(data)
    names = [n for m in data["methods"] for n in _strings(m.get("name", {}))]
    negation = _negations(data)
    soup = every + cues
    rng.shuffle(soup)
    out = {
        "groups": fill(groups),
        "groups, commas": fill(groups, ", "),
        "groups, genitive": fill(GENITIVES),
        "negated groups": fill([f"{rng.choice(negation)} {g}" for g in groups]),
        "cues": fill(cues),
        "every answer": fill(every),
        "every answer, sentences": fill([f"{t.capitalize()}." for t in every]),
        "answers and cues": fill(soup),
        "typos of every answer": fill([_typo(t, rng) for t in every]),
        "without ä and ö": fill([_plain(t) for t in soup]),
        "method names": fill(names),
        "one word": "a" * LENGTH,
        "long words": fill(["".join(rng.choice("aeiklmnoprstuv") for _ in range(99))]),
        "numbers and ages": fill([f"{n}-vuotiaat {n} v" for n in range(1, 100)]),
        "punctuation": fill(list(",.;:!?()[]-–\"'")),
        "typical, repeated": fill([PLANNER]),
        "one group, repeated": fill([groups[0]]),
    }
    for name, text in out.items():
        assert 0 < len(text) <= LENGTH, (name, len(text))
    return out


# --- timing ------------------------------------------------------------------------


@dataclass
class Bench:
    key: str
    label: str
    argv: list[str]
    error: str | None = None
    samples_ms: list[float] = field(default_factory=list)


def run_once(bench: Bench, env: Mapping[str, str], timeout: float) -> None:
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            bench.argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        bench.error = f"took longer than {timeout:g} s"
        return
    except OSError as exc:
        bench.error = f"could not run: {exc}"
        return
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["-"]
        bench.error = f"exit code {proc.returncode}: {tail[0][:160]}"
        return
    bench.samples_ms.append(elapsed)


def measure(
    benches: Sequence[Bench], runs: int, warmup: int, env: Mapping[str, str], timeout: float
) -> None:
    """Warm-up, then `runs` interleaved rounds, so that machine noise hits all alike."""
    for i in range(warmup + runs):
        print(f"{'warm-up' if i < warmup else 'run'} {i + 1}/{warmup + runs}", file=sys.stderr)
        for bench in benches:
            if bench.error is None:
                run_once(bench, env, timeout)
                if bench.error is None and i < warmup:
                    bench.samples_ms.pop()


@dataclass(frozen=True)
class Budget:
    name: str
    rule: str
    value: float | None
    limit: float
    status: str  # PASS, FAIL, or ERROR (a timing is missing)


def catalogue_budgets(medians: Mapping[str, float], commands: Sequence[str]) -> list[Budget]:
    out = []
    for command in commands:
        base, copied, wide = (f"{command}@{size}" for size in ("bundled", "copies", "shared"))
        rule = (
            f"(t_{wide} - t_{base}) / {SHARED - 10} <= 3 * (t_{copied} - t_{base}) / {COPIES - 10}"
            " (per method added; the copies' cost floored at 1 ms)"
        )
        name = f"{command}: {SHARED:,} shared vs {COPIES:,} copies"
        if not all(k in medians for k in (base, copied, wide)):
            out.append(Budget(name, rule, None, 3.0, "ERROR"))
            continue
        per_shared = (medians[wide] - medians[base]) / (SHARED - 10)
        per_copy = max(medians[copied] - medians[base], 1.0) / (COPIES - 10)
        value = per_shared / per_copy
        out.append(Budget(name, rule, value, 3.0, "PASS" if value <= 3.0 else "FAIL"))
    return out


def text_budgets(medians: Mapping[str, float], names: Sequence[str]) -> list[Budget]:
    out = []
    for name in names:
        key = f"describe:{name}"
        rule = f"t_{key} / t_describe:typical <= 2"
        if key not in medians or "describe:typical" not in medians:
            out.append(Budget(f"--describe {name}", rule, None, 2.0, "ERROR"))
            continue
        value = medians[key] / medians["describe:typical"]
        status = "PASS" if value <= 2.0 else "FAIL"
        out.append(Budget(f"--describe {name}", rule, value, 2.0, status))
    return out


# Started from a fresh small interpreter: a child's peak memory (ru_maxrss) counts what
# it had before exec, and a child of this process starts as a copy of all it holds.
_MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status))
"""


def peak_memory(argv: Sequence[str], env: Mapping[str, str], timeout: float) -> tuple[int, float]:
    """The peak memory (max RSS, bytes) and seconds of one run of `argv`."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _MEASURE, *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TimeoutError(f"took longer than {timeout:g} s") from None
    seconds = time.perf_counter() - start
    said = proc.stderr.decode("utf-8", "replace").strip()
    try:
        rss, code = (int(part) for part in proc.stdout.split())
    except ValueError:
        raise RuntimeError(f"could not measure: {said[-200:]}") from None
    if code != 0:
        raise RuntimeError(f"exit code {code}: {said[-200:]}")
    return rss, seconds


def cap_catalogue(data: Mapping[str, Any], directory: Path, cap: int) -> tuple[Path, int]:
    """Copies of the dataset's methods, as many as fit under `cap` bytes."""
    n = 100
    for _ in range(3):  # each estimate from the last file's size per method, a little under
        path = write(copies(data, n), directory / "cap.yaml")
        n = int(n * cap / path.stat().st_size * 0.995)
    path = write(copies(data, n), directory / "cap.yaml")
    while path.stat().st_size > cap:
        n = int(n * 0.99)
        path = write(copies(data, n), directory / "cap.yaml")
    return path, n


# --- the command line ---------------------------------------------------------------


def find_cli(override: str | None) -> list[str]:
    if override:
        return shlex.split(override)
    beside = Path(sys.executable).parent / "osallisuus"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("osallisuus")
    return [found] if found else ["osallisuus"]


def catalogue_benches(
    cli: list[str], catalogues: Mapping[str, Path | None], long_query: str, long_text: str
) -> tuple[list[Bench], list[str]]:
    commands: dict[str, list[str]] = {
        "search lapset perheet": ["search", *QUERY, "--json"],
        "search, long query": ["search", long_query, "--json"],
        "--describe, one line": ["recommend", "--describe", TYPICAL, "--json"],
        "--describe, 5,000 characters": ["recommend", "--describe", long_text, "--json"],
    }
    benches = []
    for command, args in commands.items():
        for size, path in catalogues.items():
            data = ["--data", str(path)] if path is not None else []
            benches.append(Bench(f"{command}@{size}", f"{command}, {size}", [*cli, *data, *args]))
    return benches, list(commands)


def text_benches(cli: list[str], texts: Mapping[str, str]) -> list[Bench]:
    out = [
        Bench(
            "describe:typical",
            "--describe (bench_cli's, typical)",
            [*cli, "recommend", "--describe", TYPICAL, "--json"],
        )
    ]
    for name, text in texts.items():
        argv = [*cli, "recommend", "--describe", text, "--json"]
        out.append(Bench(f"describe:{name}", f"--describe {name}", argv))
    return out


def render(benches: Sequence[Bench], budgets: Sequence[Budget], header: Sequence[str]) -> str:
    lines = [*header, ""]
    row = "{:<44} {:>10} {:>16}"
    lines.append(row.format("command", "median ms", "min-max ms"))
    for b in benches:
        if b.error is not None:
            lines.append(f"{b.label[:44]:<44} FAILED: {b.error}")
            continue
        span = f"{min(b.samples_ms):.0f}-{max(b.samples_ms):.0f}"
        lines.append(row.format(b.label[:44], f"{statistics.median(b.samples_ms):.1f}", span))
    lines += ["", f"{'budget':<46} {'value':>8} {'limit':>6}  result"]
    for r in budgets:
        value = "-" if r.value is None else f"{r.value:.2f}"
        lines.append(f"{r.name[:46]:<46} {value:>8} {r.limit:>6.2f}  {r.status}")
        lines.append(f"    rule: {r.rule}")
    failed = [r for r in budgets if r.status != "PASS"]
    lines.append("")
    lines.append(
        f"{len(failed)} of {len(budgets)} budgets not met" if failed else "all budgets met"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (1)")
    parser.add_argument("--cmd", help="the CLI command line (default: osallisuus beside python)")
    parser.add_argument("--dataset", type=Path, default=BUNDLED, help="data/methods.yaml")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run (120)")
    parser.add_argument("--only", choices=("catalogue", "text"), help="one part only")
    parser.add_argument("--cap", action="store_true", help="also the memory at the size cap")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if any budget is not met")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")

    cli = find_cli(args.cmd)
    env = {k: v for k, v in os.environ.items() if k != "OSALLISUUS_DATA"}
    env["COLUMNS"] = "100"
    data = load(args.dataset)
    benches: list[Bench] = []
    commands: list[str] = []  # the catalogue part's
    names: list[str] = []  # the text part's shapes
    memory: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory(prefix="osallisuus-adversarial-") as tmp:
        folder = Path(tmp)
        env["OSALLISUUS_CACHE_DIR"] = str(folder / "cache")
        sizes: dict[str, str] = {}
        if args.only in (None, "catalogue"):
            print("writing the catalogues", file=sys.stderr)
            wide = shared(data, SHARED)
            catalogues: dict[str, Path | None] = {
                "bundled": None,
                "copies": write(copies(data, COPIES), folder / f"copies-{COPIES}.yaml"),
                "shared": write(wide, folder / f"shared-{SHARED}.yaml"),
            }
            sizes = {k: f"{p.stat().st_size / 1e6:.1f} MB" for k, p in catalogues.items() if p}
            pool = [w for w, _ in Counter(vocabulary(wide, "fi")).most_common(LONG_QUERY_WORDS)]
            more, commands = catalogue_benches(cli, catalogues, " ".join(pool), fill([PLANNER]))
            benches += more
        if args.only in (None, "text"):
            texts = shapes(data)
            names = list(texts)
            benches += text_benches(cli, texts)
        measure(benches, args.runs, args.warmup, env, args.timeout)
        if args.cap:
            from osallisuus_cli.files import MAX_BYTES

            print("writing a catalogue at the size cap", file=sys.stderr)
            path, n = cap_catalogue(data, folder, MAX_BYTES)
            cold = {**env, "OSALLISUUS_CACHE_DIR": str(folder / "cap-cache")}
            argv_cap = [*cli, "--data", str(path), "recommend", "-t", "children", "--json"]
            try:
                rss, seconds = peak_memory(argv_cap, cold, args.timeout * 10)
                memory = {"methods": n, "bytes": path.stat().st_size, "max_rss": rss, "s": seconds}
            except (OSError, RuntimeError, TimeoutError) as exc:
                memory = {"methods": n, "bytes": path.stat().st_size, "error": str(exc)}

    medians = {b.key: statistics.median(b.samples_ms) for b in benches if b.error is None}
    results = catalogue_budgets(medians, commands) + text_budgets(medians, names)
    if memory is not None:
        rule = f"max RSS of a first (cold) run on {memory['methods']:,} methods, "
        rule += f"{memory['bytes'] / 2**20:.1f} MiB (the cap) <= 1 GiB"
        if "error" in memory:
            results.append(Budget("memory at the size cap (GiB)", rule, None, 1.0, "ERROR"))
        else:
            value = memory["max_rss"] / GiB
            status = "PASS" if value <= 1.0 else "FAIL"
            results.append(Budget("memory at the size cap (GiB)", rule, value, 1.0, status))
    ok = all(r.status == "PASS" for r in results)
    if args.json:
        doc = {
            "runs": args.runs,
            "warmup": args.warmup,
            "cli": cli,
            "catalogue_sizes": sizes,
            "commands": [
                {"key": b.key, "label": b.label, "error": b.error, "samples_ms": b.samples_ms}
                for b in benches
            ],
            "memory_at_cap": memory,
            "budgets": [asdict(r) for r in results],
            "ok": ok,
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        header = [
            f"osallisuus adversarial timing: {args.runs} interleaved runs after "
            f"{args.warmup} warm-up(s)",
            f"python: {sys.executable} ({sys.version.split()[0]})",
            f"cli: {shlex.join(cli)}",
            "catalogues: " + ", ".join(f"{k} {v}" for k, v in sizes.items()),
        ]
        if memory is not None:
            header.append(f"size cap: {json.dumps(memory)}")
        print(render(benches, results, header))
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())

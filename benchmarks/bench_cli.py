"""Whole-process start-up benchmark of the `osallisuus` CLI (issue 6).

Run it from the project's venv (only the project's own dependencies are needed)::

    . .venv/bin/activate
    python benchmarks/bench_cli.py                 # 21 interleaved runs, a table
    python benchmarks/bench_cli.py --runs 11 --json  # machine-readable results
    python benchmarks/bench_cli.py --check         # exit 1 if any budget fails

It times, as separate processes with stdout captured: bare `python -c pass`, a
hello-world Typer app, a Typer app that prints a rich Table and a Panel (what a
table costs before any of our work), `osallisuus recommend -t children --json`,
the same as a table, `osallisuus show bikva`, `plan -t children --json`,
`recommend --json` on synthetic catalogues of 1,000 and 4,000 methods, and
`recommend --batch` and `plan --batch` on 1,000 different situations (and on
20 descriptions), whose throughput is compared with one process a situation.
The batch lines are made from the dataset's own vocabulary (`questions --json`).
The synthetic catalogues are the bundled dataset (`data/methods.yaml`, or
`--dataset`) with its methods copied under new unique ids (`bikva-0001`, ...)
and numbered names and aliases, written as block-style YAML to a temporary
directory. After a warm-up, run 1 of every command is
followed by run 2 of every command and so on, so machine noise hits all alike.
The CLI caches parsed datasets (OSALLISUUS_CACHE_DIR); the benchmark points that
cache at an empty temporary folder, so the first run of each command is a cold
start, reported in its own column, and the timed runs are warm ones.
A command that exits non-zero (or prints no JSON where JSON is due) is reported
as failed, not timed. The exit code is 0 unless `--check` is given.

Each command's median is reported as measured. A budget that compares two commands
(a ratio, a batch's throughput) is the median over the rounds of that round's own
ratio: the two ran moments apart in the same round, so a load that slows a round slows
both and cancels out, where the ratio of the two medians can pair a quiet round of one
with a busy round of the other (issue 25; docs/performance.md). The ratio of the
medians is reported beside it. The linear budget is reckoned from the medians.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
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
# The large catalogue is the largest round size under the dataset cap (files.MAX_BYTES,
# 64 MB since issue 26): 10,000 copies of the bundled methods (14 KB of YAML each) are
# 141 MB and refused, so linear growth is measured from 1,000 to 4,000 (56 MB).
SIZES = (1_000, 4_000)
# A planner's sentence with a constraint, a compound and an inflected group (issue 11).
DESCRIPTION = (
    "Haluamme palautetta asunnottomilta päihdeasiakkailta, mutta meillä ei ole rahaa "
    "ulkopuoliseen vetäjään."
)
HELLO_TYPER = """\
import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    print("hello")


if __name__ == "__main__":
    app()
"""
# What a table costs: Typer, and rich printing a Table of ten rows and a Panel.
TABLE_TYPER = """\
import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

app = typer.Typer()


@app.command()
def table() -> None:
    console = Console()
    grid = Table(title="Methods")
    for name in ("rank", "method", "match", "why"):
        grid.add_column(name)
    for i in range(1, 11):
        grid.add_row(str(i), f"Method {i}", f"{100 - 7 * i} %", "fits children; fits daycare")
    console.print(grid)
    console.print(Panel("What must be in place before you start.", title="Safeguards"))


if __name__ == "__main__":
    app()
"""
BATCH_LINES = 1_000  # situations in one `--batch` run
DESCRIBE_LINES = 20  # descriptions in one `--batch` run: each is read in full
# Situations as planners write them (the issue 11 sentence and others like it).
DESCRIPTIONS = (
    DESCRIPTION,
    "We want feedback from the parents of children in early childhood education.",
    "Haluamme kehittää omaishoidon palveluja yhdessä omaishoitajien kanssa.",
    "Lastensuojelun asiakasperheen asioista pitää sopia yhdessä suvun kanssa.",
    "The older people in our home care should have a say in how the service is run.",
)


# --- synthetic catalogues ----------------------------------------------------


def _tag(value: Any, suffix: str) -> Any:
    """Append `suffix` to every string in a str / list / mapping of them."""
    if isinstance(value, str):
        return f"{value} {suffix}"
    if isinstance(value, list):
        return [_tag(v, suffix) for v in value]
    if isinstance(value, dict):
        return {k: _tag(v, suffix) for k, v in value.items()}
    return value


def synthesize(data: Mapping[str, Any], n: int) -> dict[str, Any]:
    """The dataset with its methods copied, round-robin, into `n` methods with unique ids.

    Every copy gets an id `<id>-<copy number>` and its name and aliases get `#<copy number>`
    appended (a real catalogue has distinct names); all other keys are kept as they are.
    What the rest of the dataset says of a method by its id (a safeguard's `methods`) it
    says of all its copies.
    """
    methods = data.get("methods")
    if not isinstance(methods, list) or not methods:
        raise ValueError("the dataset has no list of methods under 'methods'")
    width = max(4, len(str(-(-n // len(methods)))))
    out: list[Any] = []
    copies: dict[str, list[str]] = {}
    for i in range(n):
        base = methods[i % len(methods)]
        if not isinstance(base, dict) or not isinstance(base.get("id"), str):
            raise TypeError(f"method #{i % len(methods) + 1} is not a mapping with an 'id'")
        number = f"{i // len(methods) + 1:0{width}d}"
        method = copy.deepcopy(base)
        method["id"] = f"{base['id']}-{number}"
        copies.setdefault(base["id"], []).append(method["id"])
        for key in ("name", "aliases"):
            if key in method:
                method[key] = _tag(method[key], f"#{number}")
        out.append(method)
    rest = {key: _of_copies(value, copies) for key, value in data.items() if key != "methods"}
    return {**rest, "methods": out}


def _of_copies(value: Any, copies: Mapping[str, list[str]]) -> Any:
    """`value` with every list of method ids under a key `methods` naming their copies."""
    if isinstance(value, dict):
        return {
            key: [c for i in item for c in copies.get(i, [i])]
            if key == "methods" and isinstance(item, list) and all(isinstance(i, str) for i in item)
            else _of_copies(item, copies)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_of_copies(item, copies) for item in value]
    return value


def load_dataset(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=Loader)
    if not isinstance(data, dict):
        raise TypeError(f"{path}: the top level is not a mapping")
    return data


def write_catalogue(data: Mapping[str, Any], n: int, directory: Path) -> Path:
    """Write a synthetic catalogue of `n` methods as a user would store it: block-style YAML."""
    path = directory / f"synthetic-{n}.yaml"
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(
            synthesize(data, n),
            f,
            Dumper=Dumper,
            allow_unicode=True,
            default_flow_style=False,
            sort_keys=False,
            width=100,
        )
    return path


# --- batch input -------------------------------------------------------------


def situations(vocabulary: Mapping[str, Sequence[str]], n: int) -> list[dict[str, Any]]:
    """`n` answers objects, as a script would send them, all different while the
    vocabulary allows: line i is i written in mixed radix over a target group, then a
    purpose, a setting and a level, each of the last three possibly absent
    (`vocabulary`: question key -> values)."""
    out: list[dict[str, Any]] = []
    for i in range(n):
        line: dict[str, Any] = {}
        rest = i
        for key, optional, many in (
            ("target_groups", False, True),
            ("purposes", True, True),
            ("settings", True, True),
            ("level", True, False),
        ):
            values = list(vocabulary.get(key) or ())
            if not values:
                continue
            choices: list[str | None] = [None, *values] if optional else list(values)
            rest, digit = divmod(rest, len(choices))
            value = choices[digit]
            if value is not None:
                line[key] = [value] if many else value
        out.append(line)
    return out


def write_lines(objects: Sequence[Mapping[str, Any]], path: Path) -> Path:
    """JSON Lines: one object a line."""
    with path.open("w", encoding="utf-8") as f:
        for obj in objects:
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def vocabulary_of(cli: Sequence[str], env: Mapping[str, str]) -> dict[str, list[str]]:
    """The values of each question, as the CLI itself lists them (`questions --json`)."""
    proc = subprocess.run(
        [*cli, "questions", "--json"], capture_output=True, env=env, check=True, timeout=300
    )
    doc = json.loads(proc.stdout)
    return {q["key"]: [v["value"] for v in q["values"]] for q in doc["questions"]}


# --- timing ------------------------------------------------------------------


@dataclass
class Bench:
    key: str
    label: str
    argv: list[str]
    expect_json: bool = False
    expect_lines: int = 0  # a batch: this many JSON lines, each without an error
    error: str | None = None
    first_ms: float | None = None  # the very first run: a cold dataset cache
    samples_ms: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Stats:
    median_ms: float
    min_ms: float
    max_ms: float
    q1_ms: float
    q3_ms: float


def stats(samples: Sequence[float]) -> Stats:
    if len(samples) >= 2:
        q1, _, q3 = statistics.quantiles(samples, n=4, method="inclusive")
    else:
        q1 = q3 = samples[0]
    return Stats(statistics.median(samples), min(samples), max(samples), q1, q3)


def run_once(bench: Bench, env: Mapping[str, str], timeout: float, check_json: bool) -> None:
    """Run the command once; append its wall time, or set `bench.error` if it failed."""
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
    except (OSError, subprocess.TimeoutExpired) as exc:
        bench.error = f"could not run: {exc}"
        return
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").splitlines()
        words = [ln.strip(" \u2502\u2500\u256d\u256e\u2570\u256f") for ln in lines]
        tail = " | ".join([w for w in words if any(c.isalnum() for c in w)][-3:]) or "(no stderr)"
        bench.error = f"exit code {proc.returncode}: {tail}"
        return
    if check_json and bench.expect_json:
        try:
            json.loads(proc.stdout)
        except ValueError as exc:
            bench.error = f"stdout is not JSON ({exc}); first bytes: {proc.stdout[:80]!r}"
            return
    if check_json and bench.expect_lines:
        try:
            records = [json.loads(line) for line in proc.stdout.splitlines()]
        except ValueError as exc:
            bench.error = f"stdout is not JSON Lines ({exc})"
            return
        if len(records) != bench.expect_lines or any("error" in r for r in records):
            bench.error = f"{len(records)} lines, not {bench.expect_lines} without an error"
            return
    bench.samples_ms.append(elapsed)


def measure(
    benches: Sequence[Bench], runs: int, warmup: int, env: Mapping[str, str], timeout: float
) -> None:
    """Warm-up, then `runs` interleaved rounds: run i of every command, then run i + 1."""
    for i in range(warmup + runs):
        print(f"{'warm-up' if i < warmup else 'run'} {i + 1}/{warmup + runs}", file=sys.stderr)
        for bench in benches:
            if bench.error is None:
                run_once(bench, env, timeout, check_json=i == 0)
                if bench.error is None and i == 0:
                    bench.first_ms = bench.samples_ms[-1]
                if bench.error is None and i < warmup:
                    bench.samples_ms.pop()


# --- budgets -----------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    name: str
    rule: str  # how value and limit are computed, stated for the reader
    value: float | None
    limit: float | None
    unit: str  # "x" for a ratio, "ms" for a time
    status: str  # PASS, FAIL, ERROR (a timing is missing), or INFO (a figure, no budget)
    of_medians: float | None = None  # a ratio's value from the two medians, for reference


def paired(rounds: Mapping[str, Sequence[float]] | None, num: str, den: str) -> float | None:
    """The median over the rounds of t_num / t_den, each round's two times side by side;
    None without a time of each in every round."""
    if rounds is None or num not in rounds or den not in rounds:
        return None
    pairs = list(zip(rounds[num], rounds[den], strict=False))
    if not pairs or len(rounds[num]) != len(rounds[den]):
        return None
    return statistics.median(n / d for n, d in pairs)


def budgets(
    medians: Mapping[str, float],
    bundled_count: int = 10,
    batch_lines: int = BATCH_LINES,
    describe_lines: int = DESCRIBE_LINES,
    rounds: Mapping[str, Sequence[float]] | None = None,
) -> list[Budget]:
    """Check the medians (ms, keyed by bench key) against the budgets of issues 6 and 25.
    With `rounds` (each command's times, round by round) a ratio is the median of the
    rounds' own ratios (`paired`), the ratio of the medians kept beside it."""
    out: list[Budget] = []

    def ratio(name: str, num: str, den: str, limit: float) -> None:
        rule = f"t_{num} / t_{den} <= {limit:g}"
        if num not in medians or den not in medians:
            out.append(Budget(name, rule, None, limit, "x", "ERROR"))
            return
        of_medians = medians[num] / medians[den]
        each = paired(rounds, num, den)
        value = of_medians if each is None else each
        status = "PASS" if value <= limit else "FAIL"
        out.append(Budget(name, rule, value, limit, "x", status, of_medians))

    def throughput(name: str, batch: str, single: str, lines: int, floor: float | None) -> None:
        """How many times more situations a second one batch runs than one process each."""
        rule = f"{lines} * t_{single} / t_{batch}" + (f" >= {floor:g}" if floor else " (no budget)")
        if batch not in medians or single not in medians:
            out.append(Budget(name, rule, None, floor, "x", "ERROR"))
            return
        of_medians = lines * medians[single] / medians[batch]
        each = paired(rounds, single, batch)
        value = of_medians if each is None else lines * each
        status = "INFO" if floor is None else "PASS" if value >= floor else "FAIL"
        out.append(Budget(name, rule, value, floor, "x", status, of_medians))

    ratio("recommend --json vs hello Typer", "json", "hello", 1.25)
    ratio("recommend --json vs bare Python", "json", "python", 8.0)
    ratio("recommend table vs Typer table", "table", "hello-table", 1.3)
    ratio("--describe vs flags, both --json", "describe", "json", 1.5)
    small, large = SIZES
    ratio(f"{small:,} methods vs bundled", f"json-{small}", "json", 3.0)

    # Linear growth: the time added by the methods beyond the bundled ones may grow at most
    # in proportion to how many methods were added, with 10 % slack; the 1,000-method cost
    # is floored at 1 ms so that noise around zero does not make the limit meaningless.
    factor = (large - bundled_count) / (small - bundled_count)
    rule = (
        f"t_json-{large} - t_json <= 1.1 * {large - bundled_count}/{small - bundled_count}"
        f" * max(t_json-{small} - t_json, 1 ms)   (t_json: the bundled {bundled_count} methods)"
    )
    keys = ("json", f"json-{small}", f"json-{large}")
    if not all(k in medians for k in keys):
        out.append(Budget(f"{large:,} methods grow linearly", rule, None, None, "ms", "ERROR"))
    else:
        base, t_small, t_large = (medians[k] for k in keys)
        value = t_large - base
        limit = 1.1 * factor * max(t_small - base, 1.0)
        status = "PASS" if value <= limit else "FAIL"
        out.append(Budget(f"{large:,} methods grow linearly", rule, value, limit, "ms", status))
    throughput("recommend --batch throughput", "batch", "json", batch_lines, 50.0)
    throughput("plan --batch throughput", "batch-plan", "plan", batch_lines, 50.0)
    throughput("batch of descriptions", "batch-describe", "describe", describe_lines, None)
    return out


# --- the command line --------------------------------------------------------


def find_cli(override: str | None) -> list[str]:
    if override:
        return shlex.split(override)
    beside = Path(sys.executable).parent / "osallisuus"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("osallisuus")
    return [found] if found else ["osallisuus"]


def make_benches(
    cli: list[str],
    hello: Path,
    catalogues: Mapping[int, Path | str],
    table: Path | None = None,
    batches: Mapping[str, Path | str] | None = None,
) -> list[Bench]:
    """`catalogues` maps a size to its file, or to an error message if it could not be made;
    `batches` maps "situations" and "descriptions" to their JSON Lines file (or an error)."""
    rec = ["recommend", "-t", "children"]
    benches = [
        Bench("python", "python -c pass", [sys.executable, "-c", "pass"]),
        Bench("hello", "hello-world Typer", [sys.executable, str(hello)]),
    ]
    if table is not None:
        benches.append(
            Bench("hello-table", "Typer: rich Table + Panel", [sys.executable, str(table)])
        )
    benches += [
        Bench("json", "recommend -t children --json", [*cli, *rec, "--json"], expect_json=True),
        Bench("table", "recommend -t children (table)", [*cli, *rec]),
        Bench("show", "show bikva", [*cli, "show", "bikva"]),
        Bench(
            "describe",
            "recommend --describe ... --json",
            [*cli, "recommend", "--describe", DESCRIPTION, "--json"],
            expect_json=True,
        ),
        Bench("plan", "plan -t children --json", [*cli, "plan", "-t", "children", "--json"], True),
    ]
    batch_runs = (
        ("batch", "recommend --batch", "recommend", "situations", BATCH_LINES),
        ("batch-plan", "plan --batch", "plan", "situations", BATCH_LINES),
        ("batch-describe", "recommend --batch", "recommend", "descriptions", DESCRIBE_LINES),
    )
    for key, label, command, kind, lines in batch_runs:
        path = (batches or {}).get(kind, "no batch file")
        label = f"{label}, {lines:,} {kind}"
        if isinstance(path, Path):
            argv = [*cli, command, "--batch", str(path)]
            benches.append(Bench(key, label, argv, expect_lines=lines))
        else:
            benches.append(Bench(key, label, [], error=path))
    for n, path in catalogues.items():
        label = f"recommend --json, {n:,} methods"
        if isinstance(path, Path):
            argv = [*cli, "--data", str(path), *rec, "--json"]
            benches.append(Bench(f"json-{n}", label, argv, expect_json=True))
        else:
            benches.append(Bench(f"json-{n}", label, [], error=path))
    return benches


def render(benches: Sequence[Bench], results: Sequence[Budget], header: Sequence[str]) -> str:
    lines = [*header, ""]
    row = "{:<14} {:<38} {:>9} {:>7} {:>15} {:>9}"
    lines.append(row.format("t_key", "command", "median ms", "IQR ms", "min-max ms", "first ms"))
    for b in benches:
        if b.error is not None:
            lines.append(f"{b.key:<14} {b.label:<38} FAILED: {b.error}")
            continue
        s = stats(b.samples_ms)
        first = "-" if b.first_ms is None else f"{b.first_ms:.1f}"
        span = f"{s.min_ms:.1f}-{s.max_ms:.1f}"
        iqr = f"{s.q3_ms - s.q1_ms:.1f}"
        lines.append(row.format(b.key, b.label, f"{s.median_ms:.1f}", iqr, span, first))
    lines.append("first ms: the very first run (a warm-up unless --warmup 0), with an empty cache")
    lines.append(
        "a ratio's value: the median of the rounds' own ratios; in brackets, that of the medians"
    )
    lines.append("")
    lines.append(f"{'budget':<34} {'value':>10} {'limit':>10}  result  (of the medians)")
    for r in results:
        value = "-" if r.value is None else f"{r.value:.2f}{r.unit}"
        limit = "-" if r.limit is None else f"{r.limit:.2f}{r.unit}"
        beside = "" if r.of_medians is None else f"  ({r.of_medians:.2f}{r.unit})"
        lines.append(f"{r.name:<34} {value:>10} {limit:>10}  {r.status}{beside}")
        lines.append(f"    rule: {r.rule}")
    held = [r for r in results if r.status != "INFO"]
    failed = [r for r in held if r.status != "PASS"]
    lines.append("")
    lines.append(f"{len(failed)} of {len(held)} budgets not met" if failed else "all budgets met")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=21, help="timed runs per command (21)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (1)")
    parser.add_argument("--cmd", help="the CLI command line (default: osallisuus beside python)")
    parser.add_argument(
        "--dataset",
        type=Path,
        default=BUNDLED,
        help="the dataset the synthetic catalogues are made from (data/methods.yaml)",
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run (300)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if any budget is not met")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")

    cli = find_cli(args.cmd)
    env = {k: v for k, v in os.environ.items() if k != "OSALLISUUS_DATA"}
    env["COLUMNS"] = "100"
    with tempfile.TemporaryDirectory(prefix="osallisuus-bench-") as tmp:
        env["OSALLISUUS_CACHE_DIR"] = str(Path(tmp) / "cache")
        hello = Path(tmp) / "hello_typer.py"
        hello.write_text(HELLO_TYPER, encoding="utf-8")
        table = Path(tmp) / "table_typer.py"
        table.write_text(TABLE_TYPER, encoding="utf-8")
        batches: dict[str, Path | str] = {}
        try:
            vocabulary = vocabulary_of(cli, env)
            batches["situations"] = write_lines(
                situations(vocabulary, BATCH_LINES), Path(tmp) / "situations.jsonl"
            )
        except (OSError, ValueError, KeyError, subprocess.SubprocessError) as exc:
            batches["situations"] = f"no batch input: {exc}"
        descriptions = [
            {"describe": DESCRIPTIONS[i % len(DESCRIPTIONS)]} for i in range(DESCRIBE_LINES)
        ]
        batches["descriptions"] = write_lines(descriptions, Path(tmp) / "descriptions.jsonl")
        catalogues: dict[int, Path | str] = {}
        bundled_count, dataset_note = 10, "unreadable"
        try:
            data = load_dataset(args.dataset)
            bundled_count = len(data.get("methods") or []) or bundled_count
            dataset_note = f"{bundled_count} methods"
            for n in SIZES:
                print(f"writing a synthetic catalogue of {n:,} methods", file=sys.stderr)
                catalogues[n] = write_catalogue(data, n, Path(tmp))
        except (OSError, TypeError, ValueError, yaml.YAMLError) as exc:
            for n in SIZES:
                catalogues.setdefault(n, f"no synthetic catalogue: {exc}")
        sizes = {
            n: f"{p.stat().st_size / 1e6:.1f} MB" if isinstance(p, Path) else "failed"
            for n, p in catalogues.items()
        }
        benches = make_benches(cli, hello, catalogues, table, batches)
        measure(benches, args.runs, args.warmup, env, args.timeout)

    medians = {b.key: statistics.median(b.samples_ms) for b in benches if b.error is None}
    rounds = {b.key: b.samples_ms for b in benches if b.error is None}
    results = budgets(medians, bundled_count, rounds=rounds)
    ok = all(r.status in ("PASS", "INFO") for r in results)
    if args.json:
        doc = {
            "runs": args.runs,
            "warmup": args.warmup,
            "python": sys.executable,
            "cli": cli,
            "dataset": str(args.dataset),
            "dataset_methods": bundled_count if dataset_note != "unreadable" else None,
            "catalogue_sizes": {str(n): size for n, size in sizes.items()},
            "commands": [
                {
                    "key": b.key,
                    "label": b.label,
                    "argv": b.argv,
                    "error": b.error,
                    "first_ms": b.first_ms,
                    "stats": None if b.error is not None else asdict(stats(b.samples_ms)),
                    "samples_ms": b.samples_ms if b.error is None else [],
                }
                for b in benches
            ],
            "budgets": [asdict(r) for r in results],
            "ok": ok,
        }
        print(json.dumps(doc, indent=2))
    else:
        header = [
            f"osallisuus start-up: {args.runs} interleaved runs after {args.warmup} warm-up(s)",
            f"python: {sys.executable} ({sys.version.split()[0]})",
            f"cli: {shlex.join(cli)}",
            f"dataset: {args.dataset} ({dataset_note}); synthetic: "
            + ", ".join(f"{n:,} methods {s}" for n, s in sizes.items()),
        ]
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            # Every run then compiles the modules a normal `pip install .` ships as .pyc;
            # rich's compile time alone moves the table ratio by about 0.1.
            header.append(
                "warning: PYTHONDONTWRITEBYTECODE is set; packages installed in this shell "
                "may lack .pyc files and be compiled on every run"
            )
        print(render(benches, results, header))
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())

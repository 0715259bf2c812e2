"""Mutation score of the code that decides what readers are told (``make mutation``; not in ``make test``).

Runs mutmut 3 (configured in ``pyproject.toml`` under ``[tool.mutmut]``: the modules and the explicit
fast test selection), then reads its results and writes ``benchmarks/results/mutation.md``: the
score per module and every mutant that was not killed, each with its diff and the reason it is
judged equivalent or harmless (from ``benchmarks/mutation_judgements.tsv``; a survivor without a
judgement is listed as such). The score counts a mutant as killed when a test failed or timed out
on it; a mutant that no selected test reaches counts as not killed.

    python benchmarks/mutation.py                # run (incremental: mutmut keeps its results in mutants/)
    python benchmarks/mutation.py --fresh        # forget earlier results first, as on a clean checkout
    python benchmarks/mutation.py --report-only  # rewrite the results file from the last run
    python benchmarks/mutation.py --only engine,calibration   # only these modules' mutants
    python benchmarks/mutation.py --only engine --survivors   # re-test only those not yet killed

``--only`` and ``--survivors`` are for working on one module on a busy machine; the score in the
results file is that of every module's latest results, so a full ``--fresh`` run is the one to
quote. mutmut re-tests a mutant whose function changed; after new tests, ``--survivors`` re-tests
the mutants they might now kill (mutmut keeps a survivor's result otherwise).
"""

from __future__ import annotations

import argparse
import ast
import csv
import difflib
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
RESULTS = ROOT / "benchmarks" / "results" / "mutation.md"
JUDGEMENTS = ROOT / "benchmarks" / "mutation_judgements.tsv"
GOAL = 0.80
MODULES = [  # paths under src/analysis, without .py
    "assess/targets",
    "assess/verdict_text",
    "data/units",
    "forecast/engine",
    "forecast/models",
    "forecast/calibration",
    "data/schemas",
    "data/periods",
    "data/derive",
    "pages/chapter",
    "assess/fmt",
    "pages/frontpage",
]
KILLED = {1, 3, 36, 24, -24, 152, 255}  # a failing test, or a timeout (the mutant hangs)
STATUS = {0: "survived", 33: "no tests", 5: "no tests", None: "not checked"}


def run_mutmut(children: int, names: list[str] | None = None) -> float:
    env = dict(os.environ)
    env.setdefault("GDCPT_SHARED", str(ROOT.parent / "shared"))
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *(names or [])]
    with open(ROOT / "benchmarks" / "results" / "mutation.log", "w", encoding="utf-8") as log:
        code = subprocess.call(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    if code != 0:
        sys.exit(f"mutmut run failed (exit {code}); see benchmarks/results/mutation.log")
    return time.perf_counter() - start


def selection(modules: list[str], survivors: bool) -> list[str]:
    """mutmut's names for the mutants to run: all of these modules', or only those not yet killed."""
    if not survivors:
        return [f"analysis.{m.replace('/', '.')}.*" for m in modules]
    codes = results()
    return sorted(k for m in modules for k, c in codes[m].items() if c not in KILLED)


def results() -> dict[str, dict[str, int | None]]:
    out = {}
    for module in MODULES:
        meta = MUTANTS / "src" / "analysis" / f"{module}.py.meta"
        if not meta.exists():
            sys.exit(f"no mutmut results for {module} ({meta}); run without --report-only")
        out[module] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return out


def judgements() -> list[tuple[list[str], str]]:
    """(mutant names or fnmatch patterns, why) rows; the first row that matches a mutant is its reason."""
    if not JUDGEMENTS.exists():
        return []
    with JUDGEMENTS.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [(r["mutants"].split(), r["why"]) for r in rows]


def judgement(key: str, rows: list[tuple[list[str], str]]) -> str:
    short = key.removeprefix("analysis.")
    for patterns, why in rows:
        if any(fnmatch.fnmatchcase(short, p) or fnmatch.fnmatchcase(key, p) for p in patterns):
            return why
    return ""


_SOURCES: dict[str, dict[str, str]] = {}


def _functions(module: str) -> dict[str, str]:
    """Source of every generated function (original and mutants) in mutmut's copy of a module."""
    if module not in _SOURCES:
        text = (MUTANTS / "src" / "analysis" / f"{module}.py").read_text(encoding="utf-8")
        lines = text.splitlines()
        _SOURCES[module] = {
            node.name: "\n".join(lines[node.lineno - 1 : node.end_lineno])
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "__mutmut_" in node.name
        }
    return _SOURCES[module]


def diff_of(name: str, module: str) -> str:
    """The changed lines of one mutant ('-' original, '+' mutant)."""
    function = name.rsplit(".", 1)[-1]
    functions = _functions(module)
    original = functions.get(function.rsplit("__mutmut_", 1)[0] + "__mutmut_orig")
    mutant = functions.get(function)
    if original is None or mutant is None:
        return "(diff unavailable)"
    strip = function.rsplit("__mutmut_", 1)[0]
    old = original.replace(strip + "__mutmut_orig", strip).splitlines()
    new = mutant.replace(function, strip).splitlines()
    lines = [
        line[0] + " " + line[1:].strip()
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    return " / ".join(lines)


def report(
    codes: dict[str, dict], seconds: float | None, children: int, scope: str = "a full run"
) -> tuple[bool, list, list]:
    why = judgements()
    rows, survivors, unjudged = [], [], []
    total_killed = total = 0
    for module, by_key in codes.items():
        n = len(by_key)
        killed = sum(1 for c in by_key.values() if c in KILLED)
        survived = sum(1 for c in by_key.values() if c == 0)
        untested = sum(1 for c in by_key.values() if c in (5, 33))
        unchecked = sum(1 for c in by_key.values() if c is None)
        other = n - killed - survived - untested - unchecked
        score = killed / n if n else 1.0
        rows.append((module, n, killed, survived, untested, unchecked + other, score))
        total_killed, total = total_killed + killed, total + n
        for key, code in sorted(by_key.items(), key=lambda kv: _natural(kv[0])):
            if code not in KILLED:
                reason = judgement(key, why)
                if not reason:
                    unjudged.append(key)
                survivors.append((key, STATUS.get(code, f"exit {code}"), module, reason))
    lines = [
        "# Mutation testing: the code that decides what readers are told",
        "",
        "Generated by `make mutation` (`benchmarks/mutation.py`, mutmut 3 as configured in "
        "`pyproject.toml` `[tool.mutmut]`); do not edit by hand. Reasons for survivors come from "
        "`benchmarks/mutation_judgements.tsv`.",
        "",
        "A mutant is killed when a selected test fails (or times out) on it. mutmut 3 mutates "
        "function bodies only: module-level tables (unit factors, status labels, comparator symbols, "
        "Settings defaults) are not mutated here and are guarded instead by literal tests "
        "(`tests/test_golden.py`: every factor against a published equivalence, both label tables; "
        "`tests/test_page_text.py`: symbols and colours as printed).",
        "",
        f"Last run: {scope}, {children} parallel worker(s)"
        + (f", {seconds / 60:.1f} minutes wall clock" if seconds is not None else "")
        + " (the table combines the latest result of every mutant)"
        + f"; goal: at least {GOAL:.0%} killed in every module.",
        "",
        "| module | mutants | killed | survived | no test reaches it | not run | score |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    ok = True
    for module, n, killed, survived, untested, unchecked, score in rows:
        ok &= score >= GOAL
        lines.append(
            f"| {module}.py | {n} | {killed} | {survived} | {untested} | {unchecked} | {score:.1%} |"
        )
    lines.append(f"| **all** | {total} | {total_killed} | | | | {total_killed / total:.1%} |")
    lines += [
        "",
        f"## Mutants not killed ({len(survivors)}), and why each is equivalent or harmless",
        "",
        "| mutant | result | change (- original / + mutant) | why it may stay |",
        "|---|---|---|---|",
    ]
    print(f"describing {len(survivors)} mutants not killed ...", flush=True)
    for key, status, module, reason in survivors:
        change = diff_of(key, module).replace("|", "\\|")
        lines.append(f"| `{key}` | {status} | `{change}` | {reason or '**not judged yet**'} |")
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ok, rows, unjudged


def _natural(key: str):
    head, _, number = key.rpartition("__mutmut_")
    return (head, int(number) if number.isdigit() else 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="delete earlier results first")
    parser.add_argument("--report-only", action="store_true", help="only rewrite the results file")
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once (cores)")
    parser.add_argument(
        "--minutes", type=float, help="with --report-only: the measured run time to print"
    )
    parser.add_argument("--only", help="comma-separated modules whose mutants to run (default all)")
    parser.add_argument(
        "--survivors", action="store_true", help="run only mutants not yet killed (needs a run)"
    )
    args = parser.parse_args()
    seconds = None if args.minutes is None else args.minutes * 60
    if not args.report_only:
        if args.fresh and MUTANTS.exists():
            shutil.rmtree(MUTANTS)
        modules = args.only.split(",") if args.only else MODULES
        unknown = sorted(set(modules) - set(MODULES))
        if unknown:
            sys.exit(f"--only: not a configured module: {', '.join(unknown)} (see MODULES)")
        names = selection(modules, args.survivors) if args.only or args.survivors else None
        scope = (
            (
                "a re-test of the mutants not yet killed"
                if args.survivors
                else "modules " + args.only
            )
            if names is not None
            else ("a full run from scratch" if args.fresh else "a run of new or changed mutants")
        )
        if names == []:
            print("nothing to run: every selected mutant is killed")
        else:
            seconds = run_mutmut(args.children, names)
    ok, rows, unjudged = report(
        results(),
        seconds,
        args.children,
        scope if not args.report_only else "the results of earlier runs, report only",
    )
    print(f"{'module':<14}{'mutants':>8}{'killed':>8}{'score':>8}")
    for module, n, killed, *_, score in rows:
        print(f"{module + '.py':<14}{n:>8}{killed:>8}{score:>8.1%}")
    if seconds is not None:
        print(f"mutmut run: {seconds / 60:.1f} min with {args.children} workers")
    print(f"results: {RESULTS.relative_to(ROOT)}")
    if unjudged:
        print(f"{len(unjudged)} mutant(s) not killed and not judged in {JUDGEMENTS.name}")
    if not ok:
        print(f"below the goal of {GOAL:.0%} in at least one module")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

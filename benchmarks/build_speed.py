"""Build speed of the analyst's commands, measured on a clean checkout (not a timed test).

Run:  .venv/bin/python benchmarks/build_speed.py [--repeat 3]     (about ten minutes on 2 cores)
      (--commit REV measures an older commit the same way, --reference REV measures one beside
      it, --output FILE keeps its results apart)

The script clones the repository's committed HEAD into a temporary folder and times, in that
clone, the commands an analyst types (each a new process, as in a terminal):

1. cold full build: ``python -m analysis build`` on the fresh clone (no cache, no site);
2. no-op rebuild: the same command again, nothing changed;
3. no-op after touching a file: ``series.csv`` rewritten with the same bytes;
4. one action after a data change: a wind figure changed, then ``python -m analysis action 2``;
5. beside them, in the same run, the naive loop: papermill on every notebook one after another,
   each in a new kernel, no cache; alone (notebooks only) and followed by one ``jupyter-book
   build`` of the result (the like-for-like comparison with 1).

With ``--reference REV`` a second clean checkout of REV is measured the same way, its rounds
alternating with the measured commit's: this VM's CPU speed drifts by a third within a quarter
of an hour, so only commits measured side by side can be compared. ``measured_over_reference``
gives the ratio of the medians.

Every measurement is repeated and the median reported with all runs, the user and system CPU
seconds of the command's processes, and the load average before it (the machine is shared: a run
on a busy machine says so). The phase lines the build prints (validation, notebooks, site,
publish) are kept, to show where the time goes. Results: benchmarks/results/build_speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results" / "build_speed.json"
GOALS = {"cold_full_build": 20.0, "one_action_after_data_change": 5.0, "noop_rebuild": 0.5}
PHASE = re.compile(r"^(.*?) \((\d+\.\d)s\)$")
WIND = "installed_capacity_wind,Guangdong,2023,"


def clone(into: Path, revision: str = "HEAD") -> str:
    """A clean checkout of a commit (default: the committed HEAD); returns the commit."""
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", revision], capture_output=True,
                            text=True, check=True).stdout.strip()  # fmt: skip
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(REPO), str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "checkout", "-q", commit], check=True)
    return commit


def run(cmd: list[str], cwd: Path, env: dict) -> dict:
    """Run one command; its wall time, CPU time (it and its children) and the phases it printed."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    phases = {}
    for line in (result.stdout + result.stderr).splitlines():
        match = PHASE.match(line.strip())
        if match:
            phases[match.group(1)] = float(match.group(2))
    return {"seconds": round(wall, 2), "user": round(after.ru_utime - before.ru_utime, 1),
            "sys": round(after.ru_stime - before.ru_stime, 1), "load_before": round(load, 2),
            "phases": phases}  # fmt: skip


def summary(runs: list[dict]) -> dict:
    return {
        "median_seconds": round(statistics.median(r["seconds"] for r in runs), 2),
        "median_user": round(statistics.median(r["user"] for r in runs), 1),
        "median_sys": round(statistics.median(r["sys"] for r in runs), 1),
        "runs": runs,
    }


def naive_loop(checkout: Path, out: Path, env: dict, with_site: bool) -> list[str]:
    """The command that runs papermill on every page one after another, fresh kernel each."""
    code = f"""
import sys, papermill as pm
from pathlib import Path
sys.path.insert(0, {str(checkout / "src")!r})
from analysis.build.book import book_pages, CHAPTER_ACTIONS
from analysis.paths import DATA_DIR, NOTEBOOK_DIR
out = Path({str(out)!r})
for page in book_pages(CHAPTER_ACTIONS, DATA_DIR, {{}}):
    target = out / "book" / page.output
    target.parent.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(str(NOTEBOOK_DIR / page.template), str(target), parameters=page.parameters,
                        kernel_name="python3", progress_bar=False, cwd={str(checkout)!r})
"""
    if with_site:
        code += f"""
import shutil, subprocess
for name in ("_config.yml", "_toc.yml"):
    shutil.copy(Path({str(checkout)!r}) / name, out / name)
shutil.copytree(Path({str(checkout)!r}) / "_static", out / "_static")
subprocess.run([str(Path(sys.executable).with_name("jupyter-book")), "build", str(out), "--path-output",
                str(out / "site"), "--builder", "html", "--keep-going"], check=True, capture_output=True)
"""
    return [sys.executable, "-c", code]


def changed_wind(series: str, by: int) -> str:
    """series.csv with the 2023 wind capacity raised by ``by`` (a new figure each run)."""
    line = next(x for x in series.splitlines() if x.startswith(WIND))
    value = line.split(",")[3]
    return series.replace(line, line.replace(f"{WIND}{value},", f"{WIND}{int(value) + by},"))


CHECKOUT_OUTPUTS = ("_build", "book/chapters", "book/downloads", "book/overview.ipynb",
                    "book/method.ipynb", "book/data.ipynb", "book/changelog.ipynb")  # fmt: skip


def one_round(checkout: Path, original: str, by: int) -> dict[str, dict]:
    """Measurements 1-4 once, in a checkout: cold build, no-op, no-op after touching a file, and
    one action after a data change (the wind figure raised by ``by``, new in every round)."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}  # the clone's code, this venv
    cli = [sys.executable, "-m", "analysis"]
    series = checkout / "data" / "series.csv"
    for path in CHECKOUT_OUTPUTS:
        target = checkout / path
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)
    series.write_text(original, encoding="utf-8")
    out = {"cold_full_build": run([*cli, "build"], checkout, env)}
    out["noop_rebuild"] = run([*cli, "build"], checkout, env)
    series.write_text(series.read_text(encoding="utf-8"), encoding="utf-8")
    out["noop_after_touching_a_file"] = run([*cli, "build"], checkout, env)
    series.write_text(changed_wind(original, by), encoding="utf-8")
    out["one_action_after_data_change"] = run([*cli, "action", "2"], checkout, env)
    series.write_text(original, encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive loop")
    parser.add_argument(
        "--naive-repeat", type=int, help="runs of the naive loop (default: --repeat)"
    )
    parser.add_argument("--commit", default="HEAD", help="measure this commit (e.g. an older one)")
    parser.add_argument(
        "--reference",
        help="also measure this commit, round by round alternating with --commit, so that the "
        "machine's changing speed affects both alike (e.g. the commit before a change)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="where the results go")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gdcpt-speed-"))
    results: dict = {"machine": {"cores": os.cpu_count()}, "goals_seconds": GOALS}
    try:
        checkout = work / "checkout"
        results["commit"] = clone(checkout, args.commit)
        env = {**os.environ, "PYTHONPATH": str(checkout / "src")}  # the clone's code, this venv
        series = checkout / "data" / "series.csv"
        original = series.read_text(encoding="utf-8")
        checkouts = {"measured": checkout}
        if args.reference:
            checkouts["reference"] = work / "reference"
            results["reference_commit"] = clone(checkouts["reference"], args.reference)
        originals = {n: (f / "data" / "series.csv").read_text(encoding="utf-8")
                     for n, f in checkouts.items()}  # fmt: skip
        rounds: dict[str, list[dict]] = {name: [] for name in checkouts}
        for i in range(args.repeat):
            for name, folder in checkouts.items():
                rounds[name].append(one_round(folder, originals[name], i + 1))
                last = rounds[name][-1]
                print(f"run {i + 1} ({name}): " + ", ".join(
                    f"{k} {v['seconds']}s" for k, v in last.items()), flush=True)  # fmt: skip
        for what in rounds["measured"][0]:
            results[what] = summary([r[what] for r in rounds["measured"]])
        if args.reference:
            reference = {
                w: summary([r[w] for r in rounds["reference"]]) for w in rounds["reference"][0]
            }
            results["reference"] = reference
            results["measured_over_reference"] = {
                w: round(results[w]["median_seconds"] / reference[w]["median_seconds"], 3)
                for w in reference
            }
        if not args.no_naive:
            loops, sites = [], []
            series.write_text(original, encoding="utf-8")
            cached = checkout / "_build" / "cache"  # the naive loop gets no cache, not even charts
            for i in range(args.naive_repeat or args.repeat):
                shutil.rmtree(cached, ignore_errors=True)
                loops.append(
                    run(naive_loop(checkout, work / f"naive-{i}", env, False), checkout, env)
                )
                shutil.rmtree(cached, ignore_errors=True)
                sites.append(
                    run(naive_loop(checkout, work / f"naive-site-{i}", env, True), checkout, env)
                )
                print(f"naive {i + 1}: notebooks {loops[-1]['seconds']}s, with site {sites[-1]['seconds']}s",
                      flush=True)  # fmt: skip
            results["naive_sequential_papermill_notebooks_only"] = summary(loops)
            results["naive_sequential_papermill_then_jupyter_book"] = summary(sites)
        results["goals_met"] = {k: results[k]["median_seconds"] <= v for k, v in GOALS.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.output.parent.mkdir(exist_ok=True)
    args.output.write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    short = {
        k: v["median_seconds"] for k, v in results.items() if isinstance(v, dict) and "runs" in v
    }
    print(json.dumps({"median_seconds": short, "goals_met": results["goals_met"]}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build speed, measured side by side in one run on this machine (not a timed test).

Run:  .venv/bin/python benchmarks/build_speed.py     (about three minutes on 2 cores)

1. cold full build: empty notebook cache, all 16 chapters + overview, method and data pages;
2. no-op rebuild: nothing changed;
3. one action re-run after one data file changed (``python -m analysis action 2``);
4. the naive loop for comparison: papermill on every notebook one after another, no cache.
Results go to benchmarks/results/build_speed.json; goals: cold <= 60 s, no-op <= 5 s, one action <= 10 s.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from analysis import cache
from analysis.build import CHAPTER_ACTIONS, BuildOptions, build, execute_notebook
from analysis.paths import DATA_DIR, NOTEBOOK_DIR

RESULTS = Path(__file__).with_name("results") / "build_speed.json"
GOALS = {"cold_full_build": 60, "noop_rebuild": 5, "one_action_after_data_change": 10}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return round(time.perf_counter() - start, 1)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="gdcpt-bench-"))
    data = work / "data"
    shutil.copytree(DATA_DIR, data)
    quiet = dict(site_dir=work / "site" / "html", book_dir=work / "book", data_dir=data)

    def options(**kw):
        o = BuildOptions(**{**quiet, **kw})
        o.log = lambda *_: None
        return o

    shutil.rmtree(cache.CACHE_DIR, ignore_errors=True)
    results = {"cold_full_build": timed(lambda: build(options()))}
    results["noop_rebuild"] = timed(lambda: build(options()))
    series = data / "series.csv"
    series.write_text(
        series.read_text(encoding="utf-8") + "", encoding="utf-8"
    )  # touched, unchanged
    results["noop_after_touching_a_file"] = timed(lambda: build(options()))
    text = series.read_text(encoding="utf-8")
    series.write_text(
        text.replace(
            "installed_capacity_wind,Guangdong,2023,1657,",
            "installed_capacity_wind,Guangdong,2023,1658,",
        ),
        encoding="utf-8",
    )
    results["one_action_after_data_change"] = timed(lambda: build(options(actions=[2])))

    def naive_loop():
        out = work / "naive"
        out.mkdir()
        pages = [("overview.ipynb", {}), *[("action.ipynb", {"action": a}) for a in CHAPTER_ACTIONS],
                 ("method.ipynb", {}), ("data.ipynb", {})]  # fmt: skip
        for i, (template, params) in enumerate(pages):
            execute_notebook(
                NOTEBOOK_DIR / template, out / f"{i:02d}.ipynb", params, None, lambda *_: None
            )

    results["naive_sequential_papermill_notebooks_only"] = timed(naive_loop)
    results["goals_met"] = {k: results[k] <= v for k, v in GOALS.items()}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line for analysts: ``python -m analysis --help`` (also installed as ``gdcpt``).

Every error in data, parameters or notebooks prints one line per problem and exits with status 1;
no traceback reaches the reader, and the published site is left as it was.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from analysis.errors import BuildError, DataError, ParameterError

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Guangdong Carbon-Peak Tracker: build the book, re-run chapters, check data.",
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Folder with indicators.csv, sources.csv, series.csv (default: data/)."
    ),
]
Params = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        help="Override a notebook parameter, NAME=VALUE (VALUE as JSON), repeatable.",
    ),
]


def parse_params(pairs: list[str] | None) -> dict:
    """``NAME=VALUE`` pairs; VALUE is read as JSON (0.9, 10, null), ``None`` as null, else as text."""
    params = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ParameterError(
                f"--param {pair!r}: expected NAME=VALUE (VALUE in JSON, e.g. 0.9 or null)"
            )
        name, raw = (part.strip() for part in pair.split("=", 1))
        if name in params:
            raise ParameterError(f"--param {name}: given twice")
        if raw in ("None", "none"):
            params[name] = None
            continue
        try:
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw
    return params


def _folder(data_dir: Path | None) -> Path | None:
    """The --data-dir as given, made absolute from where the command runs (links not resolved,
    so that a link that loops is reported, not followed for ever)."""
    return Path(os.path.abspath(data_dir)) if data_dir else None


class _NoticeHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"notice: {record.getMessage()}", markup=False, highlight=False)


logging.getLogger("analysis.data").addHandler(_NoticeHandler())
logging.getLogger("analysis.data").propagate = False


def _fail(exc: Exception) -> None:
    if isinstance(exc, DataError):
        err.print("data error:", style="bold red")
        for problem in exc.problems:
            err.print(f"  {problem}", markup=False, highlight=False)
    else:
        kind = {BuildError: "build error", ParameterError: "parameter error"}.get(
            type(exc), "error"
        )
        err.print(f"{kind}: {exc}", markup=False, highlight=False)
    raise typer.Exit(1)


def _build(
    only: list[int] | None,
    data_dir: Path | None,
    param: list[str] | None,
    jobs: int,
    no_cache: bool,
):
    from analysis.build.freshness import CHAPTER_ACTIONS, UP_TO_DATE, BuildOptions, up_to_date

    options = BuildOptions(
        data_dir=_folder(data_dir),
        actions=list(CHAPTER_ACTIONS),
        only=only or None,
        parameters=parse_params(param),
        jobs=jobs,
        use_cache=not no_cache,
    )
    options.log = lambda message: err.print(message, markup=False, highlight=False)
    if up_to_date(options):  # answered from file digests, before the heavy imports
        options.log(UP_TO_DATE)
        out.print(f"site: {options.site_dir / 'index.html'}", markup=False, highlight=False)
        return
    from analysis.build.book import build

    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal) as progress:
        task = progress.add_task("notebooks", total=None)
        options.on_start = lambda n: progress.update(task, total=n)
        options.on_notebook = lambda name, how: progress.update(
            task, advance=1, description=f"{how} {name}"
        )
        options.log = lambda message: progress.console.print(message, markup=False, highlight=False)
        index = build(options)
    out.print(f"site: {index}", markup=False, highlight=False)


@app.command()
def build(
    data_dir: DataDir = None,
    action: Annotated[
        list[int] | None,
        typer.Option(
            "--action", "-a", help="Re-run only this action's chapter (repeatable), as `action N`."
        ),
    ] = None,
    param: Params = None,
    jobs: Annotated[int, typer.Option(min=1, max=8, help="Notebooks executed at once.")] = 2,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Re-execute every notebook.")
    ] = False,
) -> None:
    """Execute every notebook and build the site into _build/html (unchanged notebooks come from the cache).

    Examples: build; build --param interval_level=0.9; build --data-dir mydata; build --param last_data_year=2019
    """
    try:
        _build(action, data_dir, param, jobs, no_cache)
    except (DataError, BuildError, ParameterError) as exc:
        _fail(exc)


@app.command("action")
def rerun_action(
    number: Annotated[int, typer.Argument(help="Action number 0-15 (0 = main targets 一（二）).")],
    data_dir: DataDir = None,
    param: Params = None,
) -> None:
    """Re-run one action's chapter and publish it inside the whole site (every other page as published).

    Example: action 2 --data-dir mydata --param history_years=10. Run `build` to refresh the other pages.
    """
    try:
        _build([number], data_dir, param, 2, False)
    except (DataError, BuildError, ParameterError) as exc:
        _fail(exc)


@app.command()
def validate(data_dir: DataDir = None) -> None:
    """Check the data files and the targets registry without building anything."""
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets
    from analysis.pages.notebook import resolve_data_dir

    try:
        data = load_dataset(resolve_data_dir(_folder(data_dir)))
        targets = load_targets(indicators=data.indicators)
    except DataError as exc:
        _fail(exc)
    out.print(f"ok: {len(targets)} targets, {len(data.indicators)} indicators, "
              f"{int((~data.series['derived']).sum())} observations, {len(data.sources)} sources")  # fmt: skip


@app.command()
def targets(
    data_dir: DataDir = None,
    action: Annotated[int | None, typer.Option("--action", "-a", help="Only this action.")] = None,
    param: Params = None,
) -> None:
    """List every registered target with its latest value, probability and status."""
    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets
    from analysis.pages.notebook import resolve_data_dir, settings_from_parameters

    try:
        settings = settings_from_parameters(**parse_params(param))
        data = load_dataset(resolve_data_dir(_folder(data_dir)))
        registry = load_targets(indicators=data.indicators)
        if action is not None:
            registry = registry[registry["action"] == action]
        table = assess_all(registry, data, settings)
    except (DataError, ParameterError) as exc:
        _fail(exc)
    grid = Table("target", "latest", "P(meet)", "status", "reason", show_lines=False)
    for r in table.itertuples():
        latest = (
            "—"
            if r.latest_year != r.latest_year or r.latest_year is None
            else f"{r.latest_value:g} ({int(r.latest_year)})"
        )
        prob = (
            "—"
            if r.probability is None or r.probability != r.probability
            else f"{r.probability:.0%}"
        )
        grid.add_row(r.target_id, latest, prob, r.status, r.reason[:90])
        if not out.is_terminal:  # piped or redirected: one tab-separated line per target
            print("\t".join([r.target_id, latest, prob, r.status, r.reason]))
    if out.is_terminal:
        out.print(grid)
    counts = table["status"].value_counts()
    out.print(", ".join(f"{n} {s}" for s, n in counts.items()))


@app.command("import-data")
def import_data(
    raw_dir: Annotated[
        Path | None, typer.Option(help="Raw folder (default ../shared/data/raw).")
    ] = None,
):
    """Re-import the cited raw figures into data/ (series, sources, breaks, alternatives, datapackage.json)."""
    from analysis.data.datapackage import write as write_datapackage
    from analysis.data.importer import run_import

    try:
        counts = run_import(raw_dir)
    except DataError as exc:
        _fail(exc)
    write_datapackage()
    out.print(f"imported {counts['series']} rows from {counts['sources']} sources; {counts['excluded']} raw rows "
              "kept out (see data/import_excluded.csv); data/datapackage.json rewritten")  # fmt: skip


@app.command()
def wanted(
    out_file: Annotated[
        Path, typer.Option("--out", help="Worksheet to write (CSV in the shape of series.csv).")
    ] = Path("wanted.csv"),
    data_dir: DataDir = None,
) -> None:
    """Write the figures the book wants as a worksheet: fill value and quote, then build with --data-dir FILE."""
    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets
    from analysis.data.wanted import worksheet
    from analysis.pages.notebook import resolve_data_dir

    try:
        data = load_dataset(resolve_data_dir(_folder(data_dir)))
        targets = load_targets(indicators=data.indicators)
        sheet = worksheet(targets, assess_all(targets, data), data)
    except DataError as exc:
        _fail(exc)
    sheet.to_csv(out_file, index=False, lineterminator="\n")
    out.print(
        f"wrote {len(sheet)} rows for {sheet['indicator'].nunique()} indicators to {out_file}; fill in value and "
        f"quote, then run: python -m analysis build --data-dir {out_file}"
    )


@app.command("record-vintage")
def record_vintage(
    data_dir: DataDir = None,
    date: Annotated[
        str | None, typer.Option(help="Date of the vintage, YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """Keep the current assessment in changelog/vintages/ as the vintage the next builds are compared with."""
    import datetime
    import re

    from analysis.assess.targets import assess_all
    from analysis.data.loader import load_dataset
    from analysis.data.registry import load_targets
    from analysis.pages.changelog import record, vintage
    from analysis.pages.notebook import resolve_data_dir

    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        _fail(ParameterError(f"--date {date!r}: expected YYYY-MM-DD"))
    try:
        folder = resolve_data_dir(_folder(data_dir))
        data = load_dataset(folder)
        path = record(assess_all(load_targets(indicators=data.indicators), data), folder,
                      date or datetime.date.today().isoformat())  # fmt: skip
    except DataError as exc:
        _fail(exc)
    out.print(f"recorded data vintage {vintage(folder)} in {path.relative_to(path.parents[2])}")


@app.command()
def calibrate() -> None:
    """Rebuild the interval calibration table from backtests on the M3 training data."""
    from analysis.forecast.calibration import calibrate_from_m3, write_table
    from analysis.forecast.m3 import load_m3

    table, counts = calibrate_from_m3(load_m3())
    write_table(table, counts)
    out.print(f"calibration table written from {sum(counts)} backtest errors")


@app.command()
def toc() -> None:
    """Rewrite _toc.yml from the list of chapters."""
    from analysis.build.book import CHAPTER_ACTIONS, write_toc

    write_toc(CHAPTER_ACTIONS)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return its exit status (usage errors print one message, status 2).

    Whatever goes wrong, the reader gets one line, never a traceback (set GDCPT_DEBUG=1 to see it).
    """
    try:
        app(args=argv, prog_name="python -m analysis")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        err.print(
            "interrupted: nothing was published; the last good site is unchanged", markup=False
        )
        return 130
    except Exception as exc:
        if os.environ.get("GDCPT_DEBUG"):
            raise
        if isinstance(exc, OSError) and exc.filename:
            line = f"error: {exc.filename}: {exc.strerror or exc}"
        else:
            line = f"error: {type(exc).__name__}: {exc}"
        err.print(line + " (the last good site is unchanged; GDCPT_DEBUG=1 shows the traceback)",
                  markup=False, highlight=False)  # fmt: skip
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m analysis build | validate | import-data | toc``.

Errors in data, parameters or notebooks print one line per problem and exit with status 1;
no traceback reaches the reader.
"""

from __future__ import annotations

import argparse
import json
import sys

from .errors import BuildError, DataError, ParameterError


def _parse_params(pairs: list[str]) -> dict:
    params = {}
    for pair in pairs:
        if "=" not in pair:
            raise ParameterError(
                f"--param {pair!r}: expected NAME=VALUE (VALUE in JSON, e.g. 0.9 or null)"
            )
        name, raw = pair.split("=", 1)
        try:
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw
    return params


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="execute every notebook and build the site into _build/html")
    b.add_argument(
        "--data-dir",
        default=None,
        help="directory with indicators.csv, sources.csv, "
        "series.csv (default: the repository's data/)",
    )
    b.add_argument(
        "--action",
        type=int,
        action="append",
        dest="actions",
        help="build only this action's chapter (repeatable)",
    )
    b.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a notebook parameter, e.g. --param interval_level=0.9",
    )
    v = sub.add_parser("validate", help="check the data and the registry without building")
    v.add_argument("--data-dir", default=None)
    i = sub.add_parser(
        "import-data", help="re-import the cited raw figures from ../shared/data/raw"
    )
    i.add_argument("--raw-dir", default=None)
    sub.add_parser("toc", help="rewrite _toc.yml from the list of chapters")
    sub.add_parser("calibrate", help="rebuild the interval calibration table from M3 training data")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            from .build import CHAPTER_ACTIONS, BuildOptions, build

            build(
                BuildOptions(
                    data_dir=args.data_dir,
                    actions=args.actions or list(CHAPTER_ACTIONS),
                    parameters=_parse_params(args.param),
                )
            )
        elif args.command == "validate":
            from .loader import load_dataset
            from .notebook import resolve_data_dir
            from .registry import load_targets

            data = load_dataset(resolve_data_dir(args.data_dir))
            targets = load_targets(indicators=data.indicators)
            print(
                f"ok: {len(targets)} targets, {len(data.indicators)} indicators, "
                f"{int((~data.series['derived']).sum())} observations, {len(data.sources)} sources"
            )
        elif args.command == "import-data":
            from .importer import run_import

            counts = run_import(args.raw_dir)
            from .datapackage import write as write_datapackage

            write_datapackage()
            print(
                f"imported {counts['series']} rows from {counts['sources']} sources; "
                f"{counts['excluded']} raw rows kept out (see data/import_excluded.csv)"
            )
        elif args.command == "calibrate":
            from .calibration import calibrate_from_m3, write_table
            from .m3 import load_m3

            table, counts = calibrate_from_m3(load_m3())
            write_table(table, counts)
            print(f"calibration table written from {sum(counts)} backtest errors")
        elif args.command == "toc":
            from .build import CHAPTER_ACTIONS, write_toc

            write_toc(CHAPTER_ACTIONS)
    except DataError as exc:
        print("data error:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except (BuildError, ParameterError) as exc:
        print(f"{type(exc).__name__.replace('Error', ' error').lower()}: {exc}", file=sys.stderr)
        return 1
    return 0

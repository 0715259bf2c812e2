"""Read a CSV table and validate it with a pandera schema, turning every failure into one line.

All tables in ``data/`` go through :func:`read_csv_table` (so malformed files fail the same way)
and :func:`validate` (so schema failures read ``file, row N, column 'c': what is wrong``).
"""

from __future__ import annotations

import csv
import io
import logging
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from .errors import DataError, Problem

_FIELD_COUNT = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def display_path(path: Path) -> str:
    """A short path for messages: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


NOTICES = logging.getLogger("analysis.data")


def notice(name: str, message: str, row: int | None = None, column: str | None = None) -> None:
    """Report an input that was accepted after an unambiguous repair (e.g. full-width digits)."""
    NOTICES.warning("%s", Problem(name, "accepted: " + message, row=row, column=column))


FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋，％", "0123456789.-+,%")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def clean_numbers(
    frame: pd.DataFrame, columns: list[str], name: str, percent_ok: pd.Series | None = None
):
    """Repair numbers whose meaning is not in doubt, saying so: full-width digits (１２３),
    thousands separators (1,234.5), and a % sign on a value whose unit is %. Anything else is left
    for the schema to refuse."""
    frame = frame.copy()
    for column in columns:
        for index, text in frame[column].items():
            fixed = text.translate(FULL_WIDTH).strip()
            if _THOUSANDS.match(fixed):
                fixed = fixed.replace(",", "")
            if fixed.endswith("%") and percent_ok is not None and percent_ok.get(index, False):
                fixed = fixed[:-1].strip()
            if fixed != text:
                frame.loc[index, column] = fixed
                notice(name, f"{text!r} read as {fixed!r}", row=int(index) + 2, column=column)
    return frame


def read_csv_table(path: Path, required: list[str], min_rows: int = 0) -> pd.DataFrame:
    """Read a UTF-8 CSV as strings; fail with one line per problem if it cannot be read.

    Every cell stays a string here so that type problems are reported by the schema with the
    offending text, rather than silently becoming NaN.
    """
    name = display_path(path)
    if not path.exists():
        raise DataError([Problem(name, "file not found")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:  # GB18030 (a superset of GBK) decodes Chinese files saved by Excel on Chinese Windows
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise DataError(
                [
                    Problem(
                        name,
                        f"not valid UTF-8 (byte {exc.start}) nor GBK; save the file as UTF-8",
                        row=line,
                    )
                ]
            ) from None
        if not re.search(r"[\u4e00-\u9fff]", text):
            raise DataError(
                [
                    Problem(
                        name,
                        f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8",
                        row=line,
                    )
                ]
            ) from None
        notice(name, "not UTF-8; read as GBK/GB18030 (Chinese text decoded without loss)")
    if not text.strip():
        raise DataError(
            [Problem(name, "file is empty; expected a header row with " + ", ".join(required))]
        )
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.ParserError as exc:
        match = _FIELD_COUNT.search(str(exc))
        if match:
            expected, line, seen = match.groups()
            raise DataError(
                [
                    Problem(
                        name,
                        f"malformed CSV: {seen} fields where the header has {expected}"
                        " (an unquoted comma or a wrong delimiter?)",
                        row=int(line),
                    )
                ]
            ) from None
        raise DataError([Problem(name, f"malformed CSV: {exc}")]) from None
    frame.columns = [c.strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        if len(frame.columns) == 1 and (";" in frame.columns[0] or "\t" in frame.columns[0]):
            raise DataError(
                [
                    Problem(
                        name,
                        "malformed CSV: the header is one column; the file seems "
                        "to use ';' or tabs instead of commas",
                    )
                ]
            )
        raise DataError(
            [
                Problem(
                    name, f"required column missing (found: {', '.join(frame.columns)})", column=c
                )
                for c in missing
            ]
        )
    for column in frame.columns:
        frame[column] = frame[column].str.strip()
    if len(frame) < min_rows:
        raise DataError(
            [Problem(name, f"the file has a header but no data rows (at least {min_rows} needed)")]
        )
    return frame


def blank_to_na(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Empty cells in numeric columns mean 'no value', not a malformed number."""
    frame = frame.copy()
    for column in columns:
        frame[column] = frame[column].replace("", pd.NA)
    return frame


def _message(check: str, failure: object) -> str:
    """Translate a pandera check name into words a data editor understands."""
    if check.startswith("coerce_dtype('int") or check.startswith("dtype('int"):
        return f"not a whole number: {failure!r}"
    if check.startswith("coerce_dtype('float") or check.startswith("dtype('float"):
        return f"not a number: {failure!r}"
    if check == "multiple_fields_uniqueness" or check == "field_uniqueness":
        return f"duplicate value {failure!r}"
    if check.startswith("not_nullable"):
        return "empty, but a value is required"
    return f"{check} (found {failure!r})"


def validate(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, name: str, context: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Validate ``frame`` lazily; raise :class:`DataError` listing each failing cell or row once.

    ``context`` names columns whose values are quoted in row-level messages, so the reader sees
    e.g. which indicator and unit a failing row had.
    """
    try:
        return schema.validate(frame, lazy=True)
    except (SchemaErrors, SchemaError) as exc:
        cases = exc.failure_cases if isinstance(exc, SchemaErrors) else exc.failure_cases
        if cases is None:
            raise DataError([Problem(name, str(exc))]) from None
        problems: list[Problem] = []
        seen: set[tuple] = set()
        unique_cols = schema.unique if isinstance(schema.unique, list) else []

        def cell(index, column) -> str:
            value = frame.loc[index, column]
            return repr(value.item() if hasattr(value, "item") else value)

        for case in cases.itertuples(index=False):
            index = getattr(case, "index", None)
            row = int(index) + 2 if index is not None and pd.notna(index) else None
            check = str(case.check)
            column = case.column if isinstance(case.column, str) else None
            if row is None and isinstance(case.failure_case, str) and "Error" in case.failure_case:
                continue  # a check that could not run because of a type problem reported elsewhere
            if check == "multiple_fields_uniqueness":
                key = ("unique", row)
                message = "duplicate row: another row has the same " + ", ".join(
                    f"{c}={cell(index, c)}" for c in unique_cols
                )
                column = None
            elif case.schema_context == "DataFrameSchema" or column not in schema.columns:
                key = (check, row)  # a rule on the whole row: pandera lists it once per column
                detail = ", ".join(f"{c}={cell(index, c)}" for c in context) if row else ""
                message = check + (f" [{detail}]" if detail else "")
                column = None
            else:
                kind = "coerce" if check.startswith(("coerce_dtype", "dtype(")) else check
                key = (kind, row, column)
                message = _message(check, case.failure_case)
            if key in seen:
                continue
            seen.add(key)
            problems.append(Problem(name, message, row=row, column=column))
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        raise DataError(problems) from None

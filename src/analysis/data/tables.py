"""Read a CSV table and validate it with a pandera schema, turning every failure into one line.

All tables in ``data/`` go through :func:`read_csv_table` (so malformed files fail the same way)
and :func:`validate` (so schema failures read ``file, row N, column 'c': what is wrong``). Row
numbers are lines of the file (the header is line 1), also when a quoted cell spans lines.
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

from analysis.data.files import check_file, check_folder, display_path, read_bytes
from analysis.errors import DataError, Problem

__all__ = ["check_file", "check_folder", "display_path", "read_bytes", "read_csv_table", "validate"]

NOTICES = logging.getLogger("analysis.data")


def notice(name: str, message: str, row: int | None = None, column: str | None = None) -> None:
    """Report an input that was accepted after an unambiguous repair (e.g. full-width digits)."""
    NOTICES.warning("%s", Problem(name, "accepted: " + message, row=row, column=column))


def inform(name: str, message: str) -> None:
    """Report something the reader should know about an input that needed no repair."""
    NOTICES.warning("%s", Problem(name, message))


class FileLines(tuple):
    """The file line of each row, kept in ``frame.attrs["lines"]``. pandas deep-copies a frame's
    attrs on nearly every operation (a filter, a row of iterrows, a groupby part); being immutable,
    this list is shared instead, which saved a second of every build."""

    def __deepcopy__(self, memo) -> FileLines:
        return self


def line_of(frame: pd.DataFrame, index) -> int:
    """The line in the file of the row with label ``index`` (the header is line 1)."""
    lines = frame.attrs.get("lines")
    if lines is not None and 0 <= int(index) < len(lines):
        return int(lines[int(index)])
    return int(index) + 2


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
                notice(
                    name, f"{text!r} read as {fixed!r}", row=line_of(frame, index), column=column
                )
    return frame


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:  # GB18030 (a superset of GBK) decodes Chinese files saved by Excel on Chinese Windows
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise DataError([Problem(name, f"not valid UTF-8 (byte {exc.start}) nor GBK; save the file "
                                           "as UTF-8", row=line)]) from None  # fmt: skip
        if not re.search(r"[\u4e00-\u9fff]", text):
            raise DataError([Problem(name, f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8",
                                     row=line)]) from None  # fmt: skip
        notice(name, "not UTF-8; read as GBK/GB18030 (Chinese text decoded without loss)")
        return text


def _records(text: str, name: str) -> list[tuple[int, list[str]]]:
    """(first line, fields) of every record; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records, line = [], 1
    try:
        for fields in reader:
            if fields:
                records.append((line, fields))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise DataError([Problem(name, f"malformed CSV: {exc}", row=reader.line_num)]) from None
    return records


def read_csv_table(path: Path, required: list[str], min_rows: int = 0) -> pd.DataFrame:
    """Read a CSV file as strings; fail with one line per problem if it cannot be read.

    Every cell stays a string here so that type problems are reported by the schema with the
    offending text, rather than silently becoming NaN. Excel's harmless leftovers are accepted
    with a notice: empty columns after the last one (``,,,,``) and rows with no text at all. A row
    with more or fewer cells than the header is refused in one line, before any other check, since
    its cells cannot be matched to columns.
    """
    path = Path(path)
    name = display_path(path)
    text = _decode(read_bytes(path), name)
    if not text.strip():
        raise DataError(
            [Problem(name, "file is empty; expected a header row with " + ", ".join(required))]
        )
    records = _records(text, name)
    header = [c.strip() for c in records[0][1]]
    width = len(header)
    while width and header[width - 1] == "":
        width -= 1  # Excel writes empty header cells for columns that once held something
    header = header[:width]
    if len(header) == 1 and not set(required) <= set(header) and re.search(r"[;\t]", header[0]):
        raise DataError([Problem(name, "malformed CSV: the header is one column; the file seems to use "
                                       "';' or tabs instead of commas", row=1)])  # fmt: skip
    problems: list[Problem] = []
    for column in sorted({c for c in header if header.count(c) > 1}):
        problems.append(
            Problem(name, "this column appears twice in the header", row=1, column=column)
        )
    if "" in header:
        position = header.index("") + 1
        problems.append(Problem(name, f"column {position} of the header has no name", row=1))
    missing = [c for c in required if c not in header]
    if len(missing) == 1:
        problems.append(Problem(name, f"required column missing (found: {', '.join(header)})",
                                column=missing[0]))  # fmt: skip
    elif missing:  # one problem: the header is not the one this table needs
        problems.append(Problem(name, f"required columns missing: {', '.join(missing)} (found: "
                                      f"{', '.join(header)})", row=1))  # fmt: skip
    if problems:
        raise DataError(problems)
    rows, lines, trailing, empty = [], [], 0, 0
    for line, fields in records[1:]:
        cells = [f.strip() for f in fields]
        if not any(cells):
            empty += 1
            continue
        if len(cells) > width and not any(cells[width:]):
            trailing += 1
            cells = cells[:width]
        if len(cells) != width:
            hint = ("an unquoted comma or a wrong delimiter?" if len(cells) > width
                    else "a missing comma, an unclosed quote or a line broken in two?")  # fmt: skip
            problems.append(Problem(name, f"malformed CSV: {len(cells)} fields where the header has "
                                          f"{width} ({hint})", row=line))  # fmt: skip
            continue
        rows.append(cells)
        lines.append(line)
    if problems:
        raise DataError(problems)
    if trailing:
        notice(name, f"empty cells after the last column ignored in {trailing} row(s)")
    if empty:
        notice(name, f"{empty} row(s) with no text skipped")
    frame = pd.DataFrame(rows, columns=header, dtype=str)  # numbers are typed by the schema
    frame.attrs["lines"] = FileLines(lines)
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


def _plain(value) -> str:
    """A cell or failure value as the reader typed it: 20255, 'abc' — never np.int64(20255)."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value)


def _message(check: str, failure: object) -> str:
    """Translate a pandera check name into words a data editor understands."""
    lowered = check.lower()
    if lowered.startswith(("coerce_dtype('int", "dtype('int")):
        return f"not a whole number: {_plain(failure)}"
    if lowered.startswith(("coerce_dtype('float", "dtype('float")):
        return f"not a number: {_plain(failure)}"
    if lowered.startswith(("coerce_dtype", "dtype(")):
        return f"not a valid value: {_plain(failure)}"
    if lowered.startswith("not_nullable"):
        return "empty, but a value is required"
    if "{found}" in check:  # a rule whose words place the value themselves
        return check.replace("{found}", _plain(failure))
    return f"{check} (found {_plain(failure)})"


def validate(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, name: str, context: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Validate ``frame`` lazily; raise :class:`DataError` listing each problem once, one line each.

    ``context`` names columns whose values are quoted in row-level messages, so the reader sees
    e.g. which indicator and unit a failing row had. A duplicate is one problem: it is reported on
    the later row, naming the earlier one.
    """
    try:
        validated = schema.validate(frame, lazy=True)
    except (SchemaErrors, SchemaError) as exc:
        raise DataError(_problems(exc, frame, schema, name, context)) from None
    validated.attrs.update(frame.attrs)
    return validated


def _problems(exc, frame, schema, name, context) -> list[Problem]:
    cases = exc.failure_cases
    if cases is None:
        return [Problem(name, str(exc).strip().splitlines()[0])]
    problems: list[Problem] = []
    seen: set[tuple] = set()

    def cell(index, column) -> str:
        return _plain(frame.loc[index, column])

    for case in cases.itertuples(index=False):
        index = getattr(case, "index", None)
        known = index is not None and pd.notna(index) and index in frame.index
        row = line_of(frame, index) if known else None
        check = str(case.check)
        column = case.column if isinstance(case.column, str) else None
        if row is None and isinstance(case.failure_case, str) and "Error" in case.failure_case:
            continue  # a check that could not run because of a type problem reported elsewhere
        if check == "multiple_fields_uniqueness" or check == "field_uniqueness":
            continue  # reported below, once per duplicate row
        if case.schema_context == "DataFrameSchema" or column not in schema.columns:
            key = (check, row)  # a rule on the whole row: pandera lists it once per column
            detail = ", ".join(f"{c}={cell(index, c)}" for c in context if known)
            message = check + (f" [{detail}]" if detail else "")
            column = None
        else:
            kind = "coerce" if check.lower().startswith(("coerce_dtype", "dtype(")) else check
            key = (kind, row, column)
            message = _message(check, case.failure_case)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(name, message, row=row, column=column))
    problems += _duplicates(frame, schema, name)
    problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return problems


def _duplicates(frame: pd.DataFrame, schema: pa.DataFrameSchema, name: str) -> list[Problem]:
    """One line per row that repeats an earlier one in the columns that must be unique."""
    unique = schema.unique
    keys = ([[unique]] if isinstance(unique, str) else [list(unique)]) if unique else []
    keys += [[c] for c, col in schema.columns.items() if col.unique and c in frame.columns]
    problems = []
    for columns in keys:
        if not set(columns) <= set(frame.columns):
            continue
        values = frame[columns].astype(str)
        repeated = values.duplicated(keep="first")
        first = {}
        for index, key in zip(values.index, map(tuple, values.to_numpy()), strict=True):
            if not repeated[index]:
                first.setdefault(key, index)
                continue
            same = ", ".join(f"{c}={_plain(frame.loc[index, c])}" for c in columns)
            problems.append(Problem(
                name, f"duplicate: the same {same} as row {line_of(frame, first[key])}",
                row=line_of(frame, index), column=None if len(columns) > 1 else columns[0],
            ))  # fmt: skip
    return problems

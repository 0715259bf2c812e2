"""Derived indicators: computed from published parts each time the data are loaded, never stored.

A catalogue row's ``derived_from`` is one of three formulas:

- ``a + b + …`` — a sum of parts published for the same region and year (or the same date, for
  dated points such as running totals);
- ``a / b`` — a ratio of two parts for the same region and year (e.g. CO2 per unit of real GDP);
- ``chain(a)`` — an index chained from consecutive yearly percentage changes of ``a``: the year before
  the latest unbroken run of changes is 100, so an index never bridges a missing year.

Every derived row says how it was made (its quote lists the parts and their values), carries the
source ids of its parts, and is flagged ``derived``. A part published only as a bound or an
approximation makes the derived value approximate ('~'), or a lower bound ('>=') where every bound
is a lower bound and the formula is a sum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Formula:
    op: str  # 'sum', 'ratio' or 'chain'
    parts: tuple[str, ...]


def parse_formula(text: str) -> Formula | None:
    """The formula of a ``derived_from`` cell; None for an empty cell; ValueError if malformed."""
    text = text.strip()
    if not text:
        return None
    if m := re.fullmatch(r"chain\(\s*([a-z][a-z0-9_]*)\s*\)", text):
        return Formula("chain", (m.group(1),))
    if "/" in text:
        parts = tuple(p.strip() for p in text.split("/"))
        if len(parts) == 2 and all(re.fullmatch(r"[a-z][a-z0-9_]*", p) for p in parts):
            return Formula("ratio", parts)
        raise ValueError(f"a ratio is 'a / b' with two indicator ids, got {text!r}")
    parts = tuple(p.strip() for p in text.split("+"))
    if all(re.fullmatch(r"[a-z][a-z0-9_]*", p) for p in parts):
        return Formula("sum", parts)
    raise ValueError(f"derived_from must be 'a + b', 'a / b' or 'chain(a)', got {text!r}")


def _qualifier(rows: list[pd.Series], op: str) -> str:
    quals = {r.get("qualifier", "") or "" for r in rows} - {""}
    if not quals:
        return ""
    if op == "sum" and quals <= {">", ">="}:
        return ">="
    return "~"


def _fmt(x: float) -> str:
    return f"{x:g}"


def derive_rows(frame: pd.DataFrame, indicators: pd.DataFrame, when: str = "year") -> pd.DataFrame:
    """``frame`` plus every derived indicator computable from it (``when``: 'year' or 'date').

    Derived indicators may use other derived ones (e.g. a ratio of a chained index): they are
    computed in catalogue order, each seeing the rows derived before it.
    """
    base = frame.assign(derived=False) if "derived" not in frame.columns else frame.copy()
    out = [base]
    formulas = [
        (row["id"], row["unit"], parse_formula(row["derived_from"]))
        for _, row in indicators.iterrows()
        if row["derived_from"]
    ]
    pending = list(formulas)
    for _ in range(len(formulas) + 1):  # resolve dependencies between derived indicators
        progress = []
        current = pd.concat(out, ignore_index=True)
        for ind_id, unit, formula in pending:
            if any(p in {i for i, _, _ in pending} for p in formula.parts):
                continue
            rows = _derive_one(current, ind_id, unit, formula, when)
            if rows:
                out.append(pd.DataFrame(rows))
            progress.append(ind_id)
        pending = [f for f in pending if f[0] not in progress]
        if not pending:
            break
    return pd.concat(out, ignore_index=True)


def _derive_one(
    frame: pd.DataFrame, ind_id: str, unit: str, formula: Formula, when: str
) -> list[dict]:
    if formula.op == "chain":
        return _chain(frame, ind_id, unit, formula.parts[0]) if when == "year" else []
    parts = [frame[frame["indicator"] == p].set_index(["region", when]) for p in formula.parts]
    if any(p.empty for p in parts):
        return []
    common = parts[0].index
    for p in parts[1:]:
        common = common.intersection(p.index)
    rows = []
    for region, at in sorted(common):
        picked = [p.loc[(region, at)] for p in parts]
        if any(isinstance(r, pd.DataFrame) for r in picked):
            continue  # duplicates are refused by validation before this point
        values = [float(r["value"]) for r in picked]
        if formula.op == "sum":
            value = sum(values)
            how = " + ".join(f"{p} {_fmt(v)}" for p, v in zip(formula.parts, values, strict=True))
            note = f"sum of {' and '.join(formula.parts)}"
        else:
            if values[1] == 0:
                continue
            value = values[0] / values[1]
            how = f"{formula.parts[0]} {_fmt(values[0])} / {formula.parts[1]} {_fmt(values[1])}"
            note = f"ratio of {formula.parts[0]} to {formula.parts[1]}"
        row = {
            "indicator": ind_id,
            "region": region,
            when: at,
            "value": value,
            "qualifier": _qualifier(picked, formula.op),
            "unit": unit,
            "source_id": "+".join(dict.fromkeys(str(r["source_id"]) for r in picked)),
            "quote": "derived: " + how,
            "note": note,
            "derived": True,
        }
        for extra in ("kind", "label"):
            if extra in picked[0].index:
                row[extra] = picked[0][extra]
        rows.append(row)
    return rows


def _chain(frame: pd.DataFrame, ind_id: str, unit: str, part: str) -> list[dict]:
    rows = []
    changes = frame[frame["indicator"] == part]
    for region, group in changes.groupby("region"):
        group = group.sort_values("year")
        years = group["year"].astype(int).tolist()
        start = len(years) - 1
        while start > 0 and years[start] - years[start - 1] == 1:
            start -= 1
        run = group.iloc[start:]
        base_year = int(run["year"].iloc[0]) - 1
        index, sources = 100.0, []
        rows.append(
            {
                "indicator": ind_id,
                "region": region,
                "year": base_year,
                "value": 100.0,
                "qualifier": "",
                "unit": unit,
                "source_id": str(run["source_id"].iloc[0]),
                "quote": f"derived: index base, the year before the first chained change of {part}",
                "note": f"chained from {part}: {base_year} = 100",
                "derived": True,
            }
        )
        for _, r in run.iterrows():
            index *= 1 + float(r["value"]) / 100
            sources.append(str(r["source_id"]))
            rows.append(
                {
                    "indicator": ind_id,
                    "region": region,
                    "year": int(r["year"]),
                    "value": index,
                    "qualifier": "~" if r.get("qualifier", "") else "",
                    "unit": unit,
                    "source_id": "+".join(dict.fromkeys(sources)),
                    "quote": f"derived: {base_year} = 100, chained with {part} to {int(r['year'])} "
                    f"({_fmt(float(r['value']))} % in {int(r['year'])})",
                    "note": f"chained from {part}: {base_year} = 100",
                    "derived": True,
                }
            )
    return rows


def yearly_from_months(monthly: pd.DataFrame) -> pd.DataFrame:
    """Calendar-year totals of monthly flows, for years with all 12 months (a labelled derivation)."""
    if monthly.empty:
        return pd.DataFrame()
    frame = monthly.assign(year=monthly["month"].str[:4].astype(int))
    rows = []
    for (indicator, region, year), group in frame.groupby(["indicator", "region", "year"]):
        if len(group) != 12:
            continue
        rows.append(
            {
                "indicator": indicator,
                "region": region,
                "year": int(year),
                "value": float(group["value"].sum()),
                "qualifier": "",
                "unit": group["unit"].iloc[0],
                "source_id": "+".join(dict.fromkeys(group["source_id"].astype(str))),
                "quote": f"derived: sum of the 12 monthly figures {year}-01 to {year}-12 in monthly.csv",
                "note": "calendar-year total of monthly figures (a derivation)",
                "derived": True,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class PartialYear:
    """The incomplete latest year of a monthly series, against the same months a year earlier."""

    year: int
    months: int  # the months published, January to this one
    total: float
    previous_total: float | None

    @property
    def change(self) -> float | None:
        if not self.previous_total:
            return None
        return (self.total / self.previous_total - 1) * 100

    @property
    def label(self) -> str:
        return f"{self.year} Jan–{_MONTH_EN[self.months]}"


_MONTH_EN = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def partial_year(
    monthly: pd.DataFrame, indicator: str, region: str = "Guangdong"
) -> PartialYear | None:
    """The latest year with fewer than 12 months, summed over its months and compared with the same
    months of the year before; None if the latest year is complete or there are no months."""
    rows = monthly[(monthly["indicator"] == indicator) & (monthly["region"] == region)]
    if rows.empty:
        return None
    year = int(rows["month"].str[:4].astype(int).max())
    this = rows[rows["month"].str[:4] == str(year)]
    months = sorted(int(m[5:7]) for m in this["month"])
    if len(months) == 12 or months != list(range(1, len(months) + 1)):
        return None
    wanted = {f"{year - 1}-{m:02d}" for m in months}
    before = rows[rows["month"].isin(wanted)]
    previous = float(before["value"].sum()) if len(before) == len(wanted) else None
    return PartialYear(year, len(months), float(this["value"].sum()), previous)

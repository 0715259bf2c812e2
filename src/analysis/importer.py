"""Import cited figures from the shared raw files into ``data/series.csv`` and ``data/sources.csv``.

Run ``python -m analysis import-data``. It is re-runnable and deterministic: the output depends only
on the raw files and the mapping below. Every imported row keeps its publisher, title, address, the
quote it was read from and its note; a unit conversion is an explicit factor named in the note.
Rows that are plan targets, part-year or status-date figures, or duplicates are never mixed into a
yearly series: they are listed with the reason in ``data/import_excluded.csv``.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem
from .paths import DATA_DIR, shared_dir

RAW_COLUMNS = [
    "indicator",
    "region",
    "year",
    "value",
    "unit",
    "source_publisher",
    "source_title",
    "source_url",
    "retrieved_via",
    "quote",
    "note",
]


@dataclass(frozen=True)
class Mapping:
    """Raw rows (file, indicator, region, unit as printed) that feed one catalogue indicator."""

    file: str
    raw_indicator: str
    raw_region: str
    raw_unit_prefix: str
    indicator: str
    factor: float = 1.0
    note: str = ""


@dataclass(frozen=True)
class Exclusion:
    """A raw row kept out of the yearly series on purpose, with the reason."""

    file: str
    raw_indicator: str
    year: str
    quote_contains: str
    reason: str


GBA = "Guangdong (Greater Bay Area grid)"
MAPPINGS: list[Mapping] = [
    Mapping(
        "power.csv", "installed_capacity_wind", "Guangdong", "万千瓦", "installed_capacity_wind"
    ),
    Mapping(
        "power.csv", "installed_capacity_solar", "Guangdong", "万千瓦", "installed_capacity_solar"
    ),
    Mapping(
        "power.csv",
        "installed_capacity_new_storage",
        "Guangdong",
        "万千瓦",
        "installed_capacity_new_storage",
    ),
    Mapping(
        "power.csv",
        "installed_capacity_pumped_storage",
        GBA,
        "万千瓦",
        "installed_capacity_pumped_storage",
        note="Reported for the Greater Bay Area grid; all its pumped-storage stations are in Guangdong.",
    ),
    Mapping(
        "power.csv",
        "installed_capacity_offshore_wind",
        "Guangdong",
        "万千瓦",
        "installed_capacity_offshore_wind",
    ),
    Mapping(
        "sinks_circular_power_extra.csv",
        "installed_capacity_offshore_wind",
        "Guangdong",
        "万千瓦",
        "installed_capacity_offshore_wind",
    ),
    Mapping(
        "energy_emissions.csv",
        "non_fossil_share_primary_energy",
        "Guangdong",
        "%",
        "non_fossil_share_energy",
    ),
    Mapping(
        "energy_headline.csv",
        "non_fossil_share_primary_energy",
        "Guangdong",
        "%",
        "non_fossil_share_energy",
    ),
    Mapping(
        "energy_emissions.csv",
        "co2_emissions_ceads_total",
        "Guangdong",
        "Mt CO2",
        "co2_emissions_ceads",
    ),
]

EXCLUSIONS: list[Exclusion] = [
    Exclusion(
        "power.csv",
        "installed_capacity_pumped_storage",
        "2023",
        "已建成投运6座",
        "status date 2023-09-28, not year end; the end-2023 reading of the same 968 is kept",
    ),
    Exclusion(
        "power.csv",
        "installed_capacity_pumped_storage",
        "2022",
        "近1000",
        "status date 2022-05-28, not year end, and approximate ('近')",
    ),
    Exclusion(
        "power.csv",
        "installed_capacity_offshore_wind",
        "2025",
        "截至2025年8月底",
        "status date end-August 2025, not year end",
    ),
]

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_QUALIFIERS = [
    (">=", ">="),
    ("<=", "<="),
    (">", ">"),
    ("<", "<"),
    ("超过", ">"),
    ("以上", ">="),
    ("近", "~"),
    ("约", "~"),
    ("~", "~"),
]


def parse_value(text: str) -> tuple[float, str]:
    """Split a printed value into a number and a qualifier ('>', '~', ...); refuse anything else.

    Thousands separators are removed; a qualifier such as '>200' or '约30' is kept, never dropped.
    """
    raw = text.strip().replace(",", "")
    qualifier = ""
    for token, symbol in _QUALIFIERS:
        if raw.startswith(token):
            qualifier, raw = symbol, raw[len(token) :].strip()
            break
        if raw.endswith(token) and token in ("以上",):
            qualifier, raw = symbol, raw[: -len(token)].strip()
            break
    if not _NUMBER.match(raw):
        raise ValueError(f"cannot read a number from {text!r}")
    return float(raw), qualifier


def source_id(publisher: str, title: str, url: str, via: str) -> str:
    """A stable id for one publication: readable prefix plus a short content hash."""
    digest = hashlib.sha1("\x1f".join([publisher, title, url, via]).encode("utf-8")).hexdigest()[:8]
    prefix = re.sub(r"[^a-z0-9]+", "-", publisher.lower()).strip("-")[:24].strip("-") or "src"
    return f"{prefix}-{digest}"


def _read_raw(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise DataError(
            [Problem(str(path), "raw file not found (is the shared folder beside the repo?)")]
        )
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in RAW_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError([Problem(str(path), f"raw file lacks columns {missing}")])
        return list(reader)


def build_tables(raw_dir: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """Return (series rows, source rows, excluded rows) from the raw files; pure, no writing."""
    series: dict[tuple[str, str, int], dict] = {}
    sources: dict[str, dict] = {}
    excluded: list[dict] = []
    problems: list[Problem] = []
    cache: dict[str, list[dict[str, str]]] = {}
    for m in MAPPINGS:
        rows = cache.setdefault(m.file, _read_raw(raw_dir / m.file))
        for line, row in enumerate(rows, start=2):
            if (row["indicator"], row["region"]) != (m.raw_indicator, m.raw_region):
                continue
            if not row["unit"].startswith(m.raw_unit_prefix):
                continue
            where = {
                "file": m.file,
                "line": line,
                "indicator": row["indicator"],
                "year": row["year"],
                "value": row["value"],
            }
            reason = next(
                (
                    e.reason
                    for e in EXCLUSIONS
                    if (e.file, e.raw_indicator, e.year) == (m.file, m.raw_indicator, row["year"])
                    and e.quote_contains in row["quote"]
                ),
                None,
            )
            if reason is None and not re.fullmatch(r"\d{4}", row["year"]):
                reason = f"not a calendar year ({row['year']!r}): part-year, status date or period"
            if reason is not None:
                excluded.append({**where, "reason": reason})
                continue
            try:
                value, qualifier = parse_value(row["value"])
            except ValueError as exc:
                problems.append(Problem(f"{raw_dir / m.file}", str(exc), row=line, column="value"))
                continue
            key = (m.indicator, "Guangdong", int(row["year"]))
            if key in series:
                excluded.append(
                    {
                        **where,
                        "reason": "a row for this indicator and year was already "
                        f"taken from {series[key]['_from']} (earlier mapping has priority)",
                    }
                )
                continue
            sid = source_id(
                row["source_publisher"],
                row["source_title"],
                row["source_url"],
                row["retrieved_via"],
            )
            sources.setdefault(
                sid,
                {
                    "id": sid,
                    "publisher": row["source_publisher"],
                    "title": row["source_title"],
                    "year": "",
                    "url": row["source_url"],
                    "table_page": "",
                    "retrieved_via": row["retrieved_via"],
                },
            )
            notes = [n for n in (row["note"], m.note) if n]
            if m.factor != 1:
                notes.append(f"converted from {row['unit']} by x{m.factor:g}")
            series[key] = {
                "indicator": m.indicator,
                "region": "Guangdong",
                "year": int(row["year"]),
                "value": f"{value * m.factor:.10g}",
                "qualifier": qualifier,
                "unit": None,
                "source_id": sid,
                "quote": row["quote"],
                "note": " | ".join(notes),
                "_from": f"{m.file} line {line}",
            }
    if problems:
        raise DataError(problems)
    rows = [series[k] for k in sorted(series)]
    return rows, sorted(sources.values(), key=lambda s: s["id"]), excluded


def run_import(raw_dir: Path | None = None, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Write series.csv, sources.csv and import_excluded.csv into ``data_dir``; return counts."""
    raw_dir = Path(raw_dir) if raw_dir else shared_dir() / "data" / "raw"
    rows, sources, excluded = build_tables(raw_dir)
    units = {}
    with (Path(data_dir) / "indicators.csv").open(encoding="utf-8") as handle:
        for ind in csv.DictReader(handle):
            units[ind["id"]] = ind["unit"]
    for row in rows:
        row["unit"] = units[row["indicator"]]
        row.pop("_from")
    _write(
        Path(data_dir) / "series.csv",
        rows,
        ["indicator", "region", "year", "value", "qualifier", "unit", "source_id", "quote", "note"],
    )
    _write(
        Path(data_dir) / "sources.csv",
        sources,
        ["id", "publisher", "title", "year", "url", "table_page", "retrieved_via"],
    )
    _write(
        Path(data_dir) / "import_excluded.csv",
        excluded,
        ["file", "line", "indicator", "year", "value", "reason"],
    )
    return {"series": len(rows), "sources": len(sources), "excluded": len(excluded)}


def _write(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

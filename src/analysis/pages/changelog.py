"""What changed between data vintages: each recorded vintage is kept, and the book says what moved.

``python -m analysis record-vintage`` keeps the current assessment table in
``changelog/vintages/<date>-<vintage>/`` (in the repository), next to the earlier ones. The
changelog page and the front page compare the latest recorded vintage with the one before it, and,
when a build runs on data not yet recorded, the build's own assessment with the latest record:
each target whose status, evidence tier, latest figure or probability moved, and why. The date of a
vintage is the day it was recorded, kept in its folder name, so a build never depends on the clock.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.paths import REPO_ROOT

CHANGELOG_DIR = REPO_ROOT / "changelog"
COLUMNS = ["target_id", "status", "tier", "latest_year", "latest_value", "probability", "reason"]
VINTAGE_FILES = [
    "indicators.csv",
    "sources.csv",
    "series.csv",
    "points.csv",
    "monthly.csv",
    "breaks.csv",
]


def vintage(data_dir: Path) -> str:
    """A short content hash of the data tables a build reads: the data vintage."""
    digest = hashlib.sha256()
    for name in VINTAGE_FILES:
        path = Path(data_dir) / name
        if path.exists():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Vintage:
    date: str  # YYYY-MM-DD, the day it was recorded
    vintage: str
    table: pd.DataFrame

    @property
    def label(self) -> str:
        return f"{self.date} (`{self.vintage}`)"


def record(table: pd.DataFrame, data_dir: Path, date: str, folder: Path = CHANGELOG_DIR) -> Path:
    """Keep ``table`` as the vintage of ``data_dir`` recorded on ``date``; replaces a record of the
    same data vintage (re-recording after a method change), never an earlier one."""
    tag = vintage(data_dir)
    vintages = folder / "vintages"
    for old in vintages.glob(f"*-{tag}") if vintages.exists() else []:
        for f in old.iterdir():
            f.unlink()
        old.rmdir()
    order = len(list(vintages.glob("*/vintage.json"))) if vintages.exists() else 0
    target = vintages / f"{date}-{tag}"
    target.mkdir(parents=True)
    columns = [c for c in COLUMNS if c in table.columns]
    table[columns].to_csv(
        target / "assessment.csv", index=False, float_format="%.12g", lineterminator="\n"
    )
    # order: how many records came before, so two vintages recorded on one day keep their sequence
    meta = {"date": date, "vintage": tag, "targets": len(table), "order": order}
    (target / "vintage.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return target


def recorded(folder: Path = CHANGELOG_DIR) -> list[Vintage]:
    """Every recorded vintage, oldest first."""
    out = []
    for path in (
        sorted((folder / "vintages").glob("*/vintage.json"))
        if (folder / "vintages").exists()
        else []
    ):
        meta = json.loads(path.read_text(encoding="utf-8"))
        table = pd.read_csv(path.parent / "assessment.csv", keep_default_na=False, na_values=[""])
        out.append((meta.get("order", 0), Vintage(meta["date"], meta["vintage"], table)))
    return [v for _, v in sorted(out, key=lambda o: (o[1].date, o[0]))]


def load_record(folder: Path = CHANGELOG_DIR) -> tuple[pd.DataFrame | None, str | None]:
    """The latest recorded assessment and its vintage (None, None if nothing is recorded)."""
    vintages = recorded(folder)
    if not vintages:
        return None, None
    return vintages[-1].table, vintages[-1].vintage


def _num(x) -> float | None:
    return None if x is None or x == "" or pd.isna(x) else float(x)


def compare(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """One row per target that changed: status before and now, and why."""
    before = previous.set_index("target_id")
    rows = []
    for r in current.itertuples():
        if r.target_id not in before.index:
            rows.append(
                {
                    "target_id": r.target_id,
                    "before": "—",
                    "now": r.status,
                    "why": "new target in the registry",
                }
            )
            continue
        b = before.loc[r.target_id]
        why = []
        year_b, year_n = _num(b["latest_year"]), _num(r.latest_year)
        value_b, value_n = _num(b["latest_value"]), _num(r.latest_value)
        if year_b != year_n:
            why.append(
                f"new latest figure: {int(year_b) if year_b else '—'} → {int(year_n) if year_n else '—'}"
            )
        elif (
            value_b is not None
            and value_n is not None
            and abs(value_b - value_n) > 1e-6 * max(1, abs(value_b))
        ):
            why.append(f"latest figure revised: {value_b:g} → {value_n:g}")
        tier_b, tier_n = b.get("tier", ""), getattr(r, "tier", "")
        if "tier" in b.index and tier_b != tier_n and tier_b not in ("", None):
            why.append(f"evidence {tier_b} → {tier_n}")
        p_b, p_n = _num(b["probability"]), _num(r.probability)
        if (p_b is None) != (p_n is None) or (p_b is not None and abs(p_b - p_n) >= 0.01):
            shown = [f"{p:.0%}" if p is not None else "—" for p in (p_b, p_n)]
            why.append(f"probability {shown[0]} → {shown[1]}")
        if b["status"] != r.status and not why:
            why.append(r.reason)
        if why or b["status"] != r.status:
            rows.append(
                {
                    "target_id": r.target_id,
                    "before": b["status"],
                    "now": r.status,
                    "why": "; ".join(why),
                }
            )
    for target_id in sorted(set(before.index) - set(current["target_id"])):
        rows.append(
            {
                "target_id": target_id,
                "before": before.loc[target_id, "status"],
                "now": "—",
                "why": "removed from the registry",
            }
        )
    return pd.DataFrame(rows, columns=["target_id", "before", "now", "why"])


def summary_words(changes: pd.DataFrame) -> tuple[str, str]:
    """(Chinese, English) one sentence on what moved: how many targets gained a verdict, lost one,
    or changed status."""
    if changes.empty:
        return "与上一数据版本相比，没有目标的状态、证据、最新数据或概率发生变化。", (
            "Compared with the previous data vintage, no target ch"
            "anged status, evidence, latest figure or probability."
        )
    gained = int(
        ((changes["before"] == "not assessable") & (changes["now"] != "not assessable")).sum()
    )
    lost = int(
        (
            (changes["before"] != "not assessable")
            & (changes["now"] == "not assessable")
            & (changes["before"] != "—")
        ).sum()
    )
    moved = int(
        (
            (changes["before"] != changes["now"])
            & (changes["before"] != "not assessable")
            & (changes["now"] != "not assessable")
            & (changes["before"] != "—")
        ).sum()
    )
    new = int((changes["before"] == "—").sum())
    zh = (
        f"与上一数据版本相比，{len(changes)}个目标有变化：{gained}个新获得结论，{lost}个失去结论，"
        f"{moved}个改变状态，{new}个为新增目标。"
    )
    en = (
        f"Compared with the previous data vintage, {len(changes)} targets changed: {gained} gained a verdict, "
        f"{lost} lost one, {moved} changed status and {new} are new in the registry."
    )
    return zh, en


def _changes_table(changes: pd.DataFrame) -> str:
    from analysis.pages.markup import code, markdown_table

    return markdown_table(
        ["Target 目标", "Before 之前", "Now 现在", "Why 原因"],
        [[code(r.target_id), r.before, r.now, r.why] for r in changes.itertuples()],
    )


def latest_changes(current: pd.DataFrame, data_dir: Path, folder: Path = CHANGELOG_DIR):
    """(title in Chinese, title in English, changes) for the front page: this build against the
    latest record if the data are new, otherwise the latest record against the one before; None
    when there is nothing to compare."""
    vintages = recorded(folder)
    now = vintage(data_dir)
    if vintages and vintages[-1].vintage != now:
        last = vintages[-1].label
        return (
            f"本次构建的数据（`{now}`）与{last}数据版本比较",
            f"this build's data (`{now}`) against the vintage of {last}",
            compare(vintages[-1].table, current),
        )
    if len(vintages) >= 2:
        # a vintage that moved no target (e.g. only a note's wording changed) would make the front
        # page say "nothing changed": compare with the latest earlier one that differs, and say so
        newest = vintages[-1]
        differing = (
            (v, found)
            for v in reversed(vintages[:-1])
            if not (found := compare(v.table, newest.table)).empty
        )
        older, changes = next(differing, None) or (
            vintages[-2],
            compare(vintages[-2].table, newest.table),
        )
        skipped = vintages.index(newest) - vintages.index(older) - 1
        between_zh = f"（其间{skipped}个数据版本未改变任何目标）" if skipped else ""
        between_en = (
            f" ({skipped} vintage{'s' if skipped > 1 else ''} in between changed no target)"
            if skipped
            else ""
        )
        return (
            f"{newest.label}数据版本与{older.label}数据版本比较{between_zh}",
            f"the vintage of {newest.label} against that of {older.label}{between_en}",
            changes,
        )
    return None


def page(current: pd.DataFrame, data_dir: Path, folder: Path = CHANGELOG_DIR) -> str:
    """The changelog page: every recorded vintage, newest first, with what moved in each."""
    vintages = recorded(folder)
    now = vintage(data_dir)
    parts = []
    if not vintages:
        return f"No vintage has been recorded yet; this build's data vintage is `{now}`."
    if vintages[-1].vintage != now:
        changes = compare(vintages[-1].table, current)
        zh, en = summary_words(changes)
        parts.append(
            f"### 本次构建 This build (`{now}`, not yet recorded) vs {vintages[-1].label}\n\n{zh} {en}\n\n"
            + (_changes_table(changes) if len(changes) else "")
        )
    for newer, older in zip(reversed(vintages), list(reversed(vintages))[1:], strict=False):
        changes = compare(older.table, newer.table)
        zh, en = summary_words(changes)
        parts.append(
            f"### {newer.label} vs {older.label}\n\n{zh} {en}\n\n"
            + (_changes_table(changes) if len(changes) else "")
        )
    parts.append(
        f"### {vintages[0].label}\n\n首个记录的数据版本：{len(vintages[0].table)}个目标。\n\n"
        f"The first recorded vintage: {len(vintages[0].table)} targets."
    )
    from analysis.pages.markup import Md

    return Md("\n\n".join(parts))

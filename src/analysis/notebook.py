"""What a chapter notebook needs, in one call: validated parameters, data, targets and assessment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image, Markdown, display

from . import chapter as C
from .assess import Assessment, Settings, assess_target
from .errors import ParameterError
from .figures import png_bytes, target_chart
from .loader import Dataset, load_dataset
from .paths import DATA_DIR, REPO_ROOT
from .plan import Action, read_plan
from .registry import load_targets, targets_for_action


def _check(name: str, value, kind, allow_none: bool = False):
    if value is None and allow_none:
        return None
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ParameterError(
            f"parameter '{name}': expected {kind.__name__}"
            f"{' or None' if allow_none else ''}, got {value!r}"
        )
    return value


def settings_from_parameters(
    interval_level=0.8,
    on_track=0.7,
    off_track=0.3,
    approx_tolerance=0.03,
    rate_window=5,
    history_years=15,
    last_data_year=None,
) -> Settings:
    """Type-check notebook parameters and turn them into assessment settings."""
    try:
        return Settings(
            interval_level=_check("interval_level", interval_level, float),
            on_track=_check("on_track", on_track, float),
            off_track=_check("off_track", off_track, float),
            approx_tolerance=_check("approx_tolerance", approx_tolerance, float),
            rate_window=_check("rate_window", rate_window, int),
            history_years=_check("history_years", history_years, int, allow_none=True),
            last_data_year=_check("last_data_year", last_data_year, int, allow_none=True),
        )
    except ValueError as exc:
        raise ParameterError(f"parameter error: {exc}") from None


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    if data_dir in (None, ""):
        return DATA_DIR
    path = Path(data_dir)
    return path if path.is_absolute() else (REPO_ROOT / path)


@dataclass
class Chapter:
    action: Action
    targets: pd.DataFrame
    data: Dataset
    settings: Settings
    assessments: list[Assessment]

    @property
    def table(self) -> pd.DataFrame:
        return pd.DataFrame([a.__dict__ for a in self.assessments])

    def show_overview(self) -> None:
        counts = self.table["status"].value_counts().to_dict()
        described = ", ".join(f"{n} {s}" for s, n in counts.items())
        text = (
            f"Action {self.action.clause} **{self.action.name_zh}** ({self.action.name_en}) has "
            f"{len(self.action.measures)} measures and **{len(self.targets)} registered "
            f"quantitative target(s)**: {described or 'none'}. Each target below quotes the plan, "
            "shows the latest published figure and, where the data allow, a projection to the "
            "target year with its interval, the probability of meeting the target and a status "
            "with its reason."
        )
        display(Markdown(text))

    def show_plan_words(self) -> None:
        display(Markdown(C.action_header(self.action)))

    def show_targets(self) -> None:
        for (_, t), a in zip(self.targets.iterrows(), self.assessments, strict=True):
            display(
                Markdown(
                    f"### {t['summary_en'].split(';')[0].rstrip('.')}\n\n"
                    f"Target id `{t['id']}` · clause {t['clause']}"
                )
            )
            display(Markdown(C.target_section(t, a, self.data)))
            if t["indicator"] and a.n_points > 0:
                fig = target_chart(t, a, self.data, self.settings)
                display(Image(data=png_bytes(fig), format="png"))
                plt.close(fig)

    def show_measures(self) -> None:
        display(Markdown(C.measures_checklist(self.action, self.targets)))

    def show_summary(self) -> None:
        if len(self.targets):
            display(Markdown(C.summary_table(self.targets, self.table)))
        display(Markdown(C.settings_note(self.settings)))


def open_chapter(action, data_dir=None, **parameters) -> Chapter:
    """Load everything one action chapter shows; bad parameters raise :class:`ParameterError`."""
    action = _check("action", action, int)
    plan = read_plan()
    if action not in plan:
        raise ParameterError(f"parameter 'action': no action {action} in the plan (0-15)")
    settings = settings_from_parameters(**parameters)
    data = load_dataset(resolve_data_dir(data_dir))
    targets = targets_for_action(load_targets(DATA_DIR, data.indicators), action)
    assessments = [assess_target(t, data, settings) for _, t in targets.iterrows()]
    return Chapter(plan[action], targets, data, settings, assessments)


@dataclass
class Overview:
    targets: pd.DataFrame
    table: pd.DataFrame
    settings: Settings
    chapters: dict[int, str]

    def show_counts(self) -> None:
        display(Markdown(C.status_counts(self.table)))

    def show_scorecard(self) -> None:
        plan = read_plan()
        for number, action in plan.items():
            rows = self.targets[self.targets["action"] == number]
            if rows.empty:
                continue
            title = f"{action.clause} {action.name_zh} · {action.name_en}"
            if number in self.chapters:
                title = f"[{title}]({self.chapters[number]})"
            display(Markdown(f"**{title}**"))
            table = self.table[self.table["action"] == number]
            display(Markdown(C.summary_table(rows, table)))
        display(Markdown(C.settings_note(self.settings)))


def open_overview(data_dir=None, chapters: dict | None = None, **parameters) -> Overview:
    """Assess every registered target for the overview page."""
    settings = settings_from_parameters(**parameters)
    data = load_dataset(resolve_data_dir(data_dir))
    targets = load_targets(DATA_DIR, data.indicators)
    table = pd.DataFrame([assess_target(t, data, settings).__dict__ for _, t in targets.iterrows()])
    return Overview(targets, table, settings, {int(k): v for k, v in (chapters or {}).items()})

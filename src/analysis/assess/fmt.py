"""How numbers are written on every page, chart label and reason: one rule, used everywhere.

Plain digits with thousands separators and about four significant figures, never an SI prefix on
top of a Chinese unit ("15,000 万千瓦", not "15k 万千瓦"); '—' for a missing number.
"""

from __future__ import annotations

import math


def num(x: float | None, unit: str = "", digits: int = 4) -> str:
    """A number as a reader wants it: a few significant digits, thousands separated, or '—'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if abs(x) >= 10**digits:
        text = f"{x:,.0f}"
    else:
        text = f"{x:,.{digits}g}"
        if "e" in text:  # tiny numbers: fixed notation rather than 1.2e-05
            decimals = digits - 1 - math.floor(math.log10(abs(x)))
            text = f"{x:.{decimals}f}"
    return f"{text} {unit}".strip()


def percent(p: float | None) -> str:
    return "—" if p is None or (isinstance(p, float) and math.isnan(p)) else f"{p:.0%}"


# one comparator-symbol table for reasons, pages and charts; a range is written 'lo–hi'
COMPARATOR_SYMBOL = {
    ">=": "≥",
    ">": ">",
    "<=": "≤",
    "approx": "≈",
    "==": "=",
    "range": "",
    "unquantified": "",
}

# a published bound or approximation as a reader writes it: '≥7,531', '~1.1'
QUALIFIER_SYMBOL = {"": "", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "~": "~"}


def qualified(value: float | None, qualifier: str = "", unit: str = "") -> str:
    """A figure with its qualifier: '≥7,531 公顷'."""
    return QUALIFIER_SYMBOL.get(qualifier or "", qualifier or "") + num(value, unit)

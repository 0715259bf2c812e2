"""Explicit unit conversions: every factor the importer or the assessment applies is listed here.

Keys are (unit as printed, catalogue unit); a conversion not in this table is refused rather than
guessed. The tests check each factor against its definition.
"""

from __future__ import annotations

FACTORS: dict[tuple[str, str], float] = {
    ("万千瓦", "万千瓦"): 1.0,
    ("GW", "万千瓦"): 100.0,  # 1 GW = 1,000,000 kW = 100 x 10,000 kW
    ("MW", "万千瓦"): 0.1,  # 1 MW = 1,000 kW = 0.1 x 10,000 kW
    ("million kW", "万千瓦"): 100.0,  # 10^6 kW = 100 x 10^4 kW
    ("亿千瓦", "万千瓦"): 1e4,  # 10^8 kW = 10^4 x 10^4 kW
    ("万千瓦时", "亿千瓦时"): 1e-4,  # 10^4 kWh -> 10^8 kWh
    ("TWh", "亿千瓦时"): 10.0,  # 10^9 kWh = 10 x 10^8 kWh
    ("GWh", "亿千瓦时"): 0.01,  # 10^6 kWh = 0.01 x 10^8 kWh
    ("billion kWh", "亿千瓦时"): 10.0,  # 10^9 kWh = 10 x 10^8 kWh
    ("亿千瓦时", "亿千瓦时"): 1.0,
    ("ton", "万吨"): 1e-4,
    ("万吨", "万吨"): 1.0,
    ("辆", "万辆"): 1e-4,
    ("万辆", "万辆"): 1.0,
    ("亿吨标准煤", "万吨标准煤"): 1e4,
    ("公顷", "万亩"): 15 / 1e4,  # 1 hectare = 15 mu
    ("万亩", "公顷"): 1e4 / 15,
    ("万亩", "万亩"): 1.0,
    ("亩", "万亩"): 1e-4,  # 10^4 mu = 1 万亩
    ("公顷", "公顷"): 1.0,
    ("元", "亿元"): 1e-8,
    ("billion yuan", "亿元"): 10.0,  # 10^9 yuan = 10 x 10^8 yuan
    ("million t", "万吨"): 100.0,  # 10^6 t = 100 x 10^4 t
    ("t CO2", "Mt CO2"): 1e-6,
    ("TEU", "万标箱"): 1e-4,
    ("万个", "个"): 1e4,
    (
        "million vehicles",
        "万辆",
    ): 100.0,  # 10^6 = 100 x 10^4  # twenty-foot equivalent units -> 10^4 TEU
    # a change printed as a decline ("下降2.93%") is a change of -2.93 %
    ("% decline", "%"): -1.0,
    ("亿元", "亿元"): 1.0,
}


def factor(from_unit: str, to_unit: str) -> float:
    """Multiply a value in ``from_unit`` by this to get ``to_unit``; KeyError if not listed."""
    if from_unit == to_unit:
        return 1.0
    try:
        return FACTORS[(from_unit, to_unit)]
    except KeyError:
        raise KeyError(
            f"no conversion from {from_unit!r} to {to_unit!r} in src/analysis/data/units.py"
        ) from None

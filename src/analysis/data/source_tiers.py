"""How much a source's word counts: the five tiers of standing, and whether a link is the original.

Tiers, strongest first (the choice rule prefers a higher tier when readings conflict):

1. ``official statistics`` — a statistical publication (a 统计公报, a yearbook, the NBS database);
2. ``government`` — a statement or plan of a government body read in its own words;
3. ``press`` — a press report of a figure (usually an official one, attributed);
4. ``database`` — a compiled database or model (CEADs, Carbon Monitor, Wind, OWID);
5. ``secondary`` — an opinion column, blog, unattributed or anonymous page, research estimate.

The tier belongs to the reading, judged from the publisher as recorded: an official figure read in
a newspaper is a press report; an official text read on a reposting site keeps its tier, and its
link is labelled ``republished copy`` rather than credited to the site.
"""

from __future__ import annotations

import re

TIERS = ["official statistics", "government", "press", "database", "secondary"]
TIER_ZH = {
    "official statistics": "官方统计",
    "government": "政府发布",
    "press": "媒体报道",
    "database": "数据库/模型",
    "secondary": "二手/评论",
}
LINK_KINDS = ["original", "republished copy"]

_SECONDARY = re.compile(
    r"opinion|unknown|unattributed|aggregator|blog|consultancy|AI summary|reportify|LinkedIn|"
    r"research note|secondary analysis|journal article|research article|(?-i:[A-Z][a-z]+ et al)|学报|newsletter|"
    r"Gizmodo|book excerpt|-style article|咨询|BloombergNEF",
    re.IGNORECASE,
)
_DATABASE = re.compile(
    r"Wind Information|Wind database|via Wind|^Wind \(|CEADs|Carbon Monitor|Our World in Data|OWID|LBL China|"
    r"GCAM|ICAP|SCI99|Databook|数据库",
    re.IGNORECASE,
)
_NBS_DATABASE = re.compile(
    r"data\.stats\.gov\.cn|series source field: 'National Bureau of Statistics|^National Bureau of Statistics of "
    r"China \(via Wind|^Guangdong Provincial Bureau of Statistics \(via Wind"
)
_PRESS_REPORT = re.compile(
    r"reported by|news report|\(citing|citing |quoting|report of|as reported|reporting|"
    r"relaying|, reported|reported \d{4}|news item|via 人民日报|via 新华|via Xinhua|"
    r"via 中新网|via 南方|via 经济日报|via 科技日报|via 中国财富网|via 央视|via news",
    re.IGNORECASE,
)
_STATISTICS = re.compile(
    r"统计局|Bureau of Statistics|Statistics Bureau|Statistical Yearbook|统计公报|communiqu|"
    r"水资源公报|生态环境状况公报|调查总队",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(
    r"人民政府|政府|发展和改革|发改委|发展改革委|林业局|林业厅|住房和城乡建设|能源局|工业和信息化|"
    r"经济和信息化|交通运输|生态环境|环保厅|环境保护部|公安部|水利厅|自然资源厅|国务院|人大|"
    r"Ministry|NDRC|National Energy Administration|Transportation Commission|^广东省|^广州市|"
    r"^深圳市|廣東省|住房和城鄉|發展和改革|国家发展改革委|国家能源局|^国家统计局|南方电网|"
    r"China Southern Power Grid|广东电网|"
    r"State Council Information Office",
    re.IGNORECASE,
)
_PRESS_OUTLET = re.compile(
    r"Xinhua|新华|人民日报|人民网|日报|晚报|新闻|新聞|日報|晚報|特区报|China Daily|Global Times|"
    r"中新网|中新社|央广|央视|"
    r"南方\+|南方网|都市报|财新|第一财经|大公报|经济参考报|绿色时报|21世纪|CnEVPost|Caixin|"
    r"offshorewind|evmagz|d1ev|第一电动|e-paper|newspaper|China News|Shenzhen Daily|北极星|网$|"
    r"中国电力网|汽车网|能源网|报道",
    re.IGNORECASE,
)
_REPUBLISHED = re.compile(
    r"republish|repost|reprint|mirror|relaying|archived|as quoted on|summary by|via |"
    r"on [a-z0-9.-]+\.(com|cn|net|org)|, on |转载",
    re.IGNORECASE,
)


_REPRINT_OF = re.compile(r"\((?:English )?reprint of |\(relaying ")


def tier_of(publisher: str) -> str:
    """The tier of a reading, from its publisher as recorded (see the module docstring)."""
    text = publisher.strip()
    if (reprint := _REPRINT_OF.search(text)) and not _SECONDARY.search(text[: reprint.start()]):
        inner = text[reprint.end() :]
        return "press" if _PRESS_OUTLET.search(text[: reprint.start()]) else tier_of(inner)
    if _NBS_DATABASE.search(text):
        return "official statistics"
    if _SECONDARY.search(text):
        return "secondary"
    if _DATABASE.search(text):
        return "database"
    if _PRESS_REPORT.search(text):
        return "press"
    if _STATISTICS.search(text):
        return "official statistics"
    if _GOVERNMENT.search(text):
        return "government"
    if _PRESS_OUTLET.search(text):
        return "press"
    return "secondary"


def link_kind(publisher: str, url: str = "") -> str:
    """'republished copy' when the page read is a repost or mirror of the publisher's text."""
    return "republished copy" if _REPUBLISHED.search(publisher) else "original"


def rank(tier: str) -> int:
    """0 for the strongest tier; unknown tiers rank last."""
    return TIERS.index(tier) if tier in TIERS else len(TIERS)

"""Chinese first on every page: no reader-facing paragraph of the built site is English only.

The rule, applied to the article of every page of the table of contents (``_build/html``, which
the test command builds first): a paragraph, list item or heading with English prose in it (four
English words in a row) must carry Chinese of its own (three or more Chinese characters outside a
clause number such as 二（三） or a title in 《》), or directly follow its Chinese counterpart — a
paragraph or heading that is mainly Chinese (at least one Chinese character for two English
letters), with one Chinese block for each English one that
follows it (the book's "Chinese paragraph, then English paragraph" order). Tables, charts and
quotations of the plan break a run; text inside code spans (identifiers, file names) counts as
neither language.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from analysis.paths import SITE_DIR

from .test_site_browser import PAGES

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
ENGLISH_PROSE = re.compile(r"[A-Za-z]{2,}(?:[\s,;:'’()“”\"-]+[A-Za-z]{2,}){3,}")
NOT_CHINESE_PROSE = re.compile(r"[一二三四五六七八九十]+（[一二三四五六七八九十]+）|《[^》]*》")
TEXT_BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "summary", "dt", "dd"]
BREAKS = ["table", "pre", "img", "figure", "blockquote", "svg"]  # end a run of paragraphs
INSIDE_SKIPPED = ["table", "pre", "blockquote", "nav"]  # cells and quotes are not paragraphs


def words(el) -> str:
    """An element's reader-facing text, without code spans and heading anchors."""
    el = BeautifulSoup(str(el), "html.parser")
    for hidden in el.find_all(["code", "script", "style"]) + el.select(".headerlink"):
        hidden.decompose()
    return " ".join(el.get_text(" ").split())


def lacks_chinese(text: str) -> bool:
    return (
        bool(ENGLISH_PROSE.search(text)) and len(CJK.findall(NOT_CHINESE_PROSE.sub("", text))) < 3
    )


def mainly_chinese(text: str) -> bool:
    cjk = len(CJK.findall(text))
    return cjk >= 3 and 2 * cjk >= len(LATIN.findall(text))  # a Chinese character says ~2 letters


def english_only_blocks(html: str) -> list[str]:
    """The text of every block of a page's article that breaks the rule (see the module doc)."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup
    for hidden in article.find_all(["script", "style"]):
        hidden.decompose()
    found, credit = [], 0
    for el in article.find_all([*TEXT_BLOCKS, *BREAKS]):
        if el.name in BREAKS or el.find_parent(INSIDE_SKIPPED) is not None:
            if el.name in BREAKS and el.find_parent(INSIDE_SKIPPED) is None:
                credit = 0
            continue
        if el.find(TEXT_BLOCKS) is not None:  # an item holding paragraphs: judge those
            continue
        text = words(el)
        if mainly_chinese(text):
            credit += 1
        elif lacks_chinese(text):
            if credit:
                credit -= 1
            else:
                found.append(text)
        elif el.name.startswith("h"):  # a bilingual heading starts a new run
            credit = 0
    return found


# ---------------------------------------------------------------- the rule on hand-made pages


def page(body: str) -> str:
    return f"<html><body><article>{body}</article></body></html>"


def test_an_english_paragraph_without_chinese_is_found():
    html = page("<h2>目标 Targets</h2><p>Each chart shows the published history as a line.</p>")
    assert english_only_blocks(html) == ["Each chart shows the published history as a line."]


def test_chinese_then_english_paragraphs_pass_and_one_chinese_covers_one_english():
    ok = page("<p>每张图中，实线为历史数据。</p><p>Each chart shows the history as a line.</p>")
    assert english_only_blocks(ok) == []
    two = page(
        "<p>每张图中，实线为历史数据。</p><p>Each chart shows the history as a line.</p>"
        "<p>Hollow triangles are figures published as a bound.</p>"
    )
    assert english_only_blocks(two) == ["Hollow triangles are figures published as a bound."]
    block = page(
        "<p>第一段中文说明。</p><p>第二段中文说明。</p>"
        "<p>The first paragraph in English words.</p><p>The second paragraph in English words.</p>"
    )
    assert english_only_blocks(block) == []


def test_english_before_its_chinese_or_across_a_table_is_found():
    first = page("<p>The English comes first here.</p><p>中文在后面。</p>")
    assert english_only_blocks(first) == ["The English comes first here."]
    across = page(
        "<p>表格前的中文说明。</p><table><tr><td>x</td></tr></table>"
        "<p>After the table an English note follows.</p>"
    )
    assert english_only_blocks(across) == ["After the table an English note follows."]


def test_a_clause_number_title_or_code_span_is_not_chinese_prose():
    html = page(
        "<p>The plan's clause 二（十一） opens with these words:</p>"
        "<p>As the plan 《广东省碳达峰实施方案》 says in its text.</p>"
        "<p><code>非化石能源</code> is the share of energy from these sources.</p>"
    )
    assert len(english_only_blocks(html)) == 3


def test_bilingual_paragraphs_short_english_and_the_plans_words_pass():
    html = page(
        "<p>本书逐项核对广东的目标。This book checks, target by target, every goal.</p>"
        "<p>Downloads 下载: CSV · JSON</p>"
        "<blockquote><p>The quoted text of the plan stays as it is written.</p></blockquote>"
        "<table><tr><td>Kind of target shown in a table cell</td></tr></table>"
        "<ul><li>每个数据都附有来源。 Every figure carries its source and quote.</li></ul>"
        "<h3>到2030年达到7400万千瓦</h3><p><strong>The wind power capacity reaches it by 2030</strong></p>"
    )
    assert english_only_blocks(html) == []


# ---------------------------------------------------------------- the built site

BOOK_PAGES = [p for p in PAGES if p != "search.html"]


@pytest.mark.parametrize("path", BOOK_PAGES)
def test_every_paragraph_of_the_site_reads_chinese_first(path):
    file = SITE_DIR / path
    if not file.exists():
        pytest.fail(f"no built page {file}: run `python -m analysis build` (the test command does)")
    found = english_only_blocks(file.read_text(encoding="utf-8"))
    assert not found, f"{path}: {len(found)} English-only paragraph(s), first: {found[:3]}"

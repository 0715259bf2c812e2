"""The key terms that make search find a measure's chapter are the plan's own words."""

from __future__ import annotations

import re
from collections import Counter

from analysis.build.book import write_search_terms
from analysis.data.loader import load_dataset
from analysis.data.plan import read_plan
from analysis.data.registry import load_targets
from analysis.pages.chapter import measures_checklist
from analysis.pages.keyterms import KEY_TERMS, all_chinese_terms, terms_for_action


def test_every_chinese_term_is_verbatim_in_its_own_measure():
    plan = read_plan()
    measures = {m.number: m for a in plan.values() for m in a.measures}
    assert set(KEY_TERMS) == {0, *measures}  # every measure has terms, and the main targets
    for number, terms in KEY_TERMS.items():
        text = plan[0].aim_zh if number == 0 else measures[number].title + measures[number].text
        missing = [zh for zh, _ in terms if zh not in text]
        assert missing == [], f"measure {number}: {missing} not in the plan's text"


def test_each_term_belongs_to_one_measure_and_holds_no_markup():
    counts = Counter(term for terms in KEY_TERMS.values() for pair in terms for term in pair)
    assert [t for t, n in counts.items() if n > 1] == []
    for term in counts:
        assert not re.search(r"[`*_\[\]<>{}|$\\\n]", term), term


def test_chapters_carry_their_terms_as_main_index_entries():
    targets = load_targets()
    for number, action in read_plan().items():
        text = measures_checklist(action, targets)
        for zh, en in terms_for_action(number):
            assert f"{{index}}`!{zh}`" in text and f"{{index}}`!{en}`" in text
        for m in action.measures:
            assert m.text[:20] in text  # the plan's words of every measure
    assert "no numbered measures" in measures_checklist(read_plan()[0], targets)


def test_the_search_dictionary_keeps_every_key_term_whole(tmp_path):
    write_search_terms(tmp_path / "terms.txt", load_dataset())
    words = {line.split()[0] for line in (tmp_path / "terms.txt").read_text().splitlines()}
    assert set(all_chinese_terms()) <= words
    import jieba

    jieba.load_userdict(str(tmp_path / "terms.txt"))
    assert "碳排放权交易" in list(jieba.cut_for_search("深化广东碳排放权交易试点"))

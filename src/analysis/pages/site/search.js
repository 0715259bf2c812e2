/*
 * The book's search rules, added by Sphinx to language_data.js (html_search_scorer, set by
 * analysis.sphinx_site). They run on the search page after searchtools.js and before the index.
 *
 * 1. A Chinese query is split the way the index was. Sphinx's index holds the words that jieba
 *    cut from the pages (with the book's dictionary of the plan's terms); the browser has no jieba,
 *    and Sphinx would look up a whole run of Chinese characters as one word, so 碳排放权交易市场
 *    found nothing. Here a run that is not itself an indexed word is cut into the longest indexed
 *    words that cover it (fewest characters left over, then fewest pieces).
 *    Sphinx lets a page match without the words of two letters or fewer (meant for English "of",
 *    "to"); a two-character Chinese word is a real word, so a page must hold it too.
 * 2. Ranking. The plan's key terms are index entries of their chapter and score 100 (Sphinx's own
 *    rule). A page whose key term is one word of a longer query ranks above pages that merely
 *    mention the words; and on equal evidence a chapter ranks above the pages that list everything
 *    (overview, data, method, changelog). A key-term hit shows the text of its measure.
 * 3. Section titles reach the search index as plain text and Sphinx shows them as HTML; they are
 *    escaped first, so a title made from a data file can never become markup.
 */

var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
  score: (result) => {
    const [docname, , , , score] = result;
    let bonus = 0;
    if (score < 50 && Search._index) {
      const file = Search._index.docnames.indexOf(docname);
      const own = (word) =>
        (Search._index.indexentries[word.toLowerCase()] || []).some(([f]) => f === file);
      if (_lastQueryWords.some(own)) bonus = 20;
    }
    return score + bonus - (docname.startsWith("book/chapters/") ? 0 : 1);
  },
};

let _lastQueryWords = []; // the words of the query being scored (set by splitQuery)

const _HAN = /\p{Script=Han}/u;
const _MAX_WORD = 24;

const _segmentHan = (run, known) => {
  // best[i] = [uncovered characters, pieces, words] for run[0:i]
  const best = [[0, 0, []]];
  for (let i = 1; i <= run.length; i++) {
    let choice = [best[i - 1][0] + 1, best[i - 1][1], best[i - 1][2]]; // leave run[i-1] out
    for (let j = Math.max(0, i - _MAX_WORD); j < i - 1; j++) {
      const word = run.slice(j, i);
      if (!known(word)) continue;
      const [left, pieces, words] = best[j];
      if (left < choice[0] || (left === choice[0] && pieces + 1 < choice[1]))
        choice = [left, pieces + 1, [...words, word]];
    }
    best.push(choice);
  }
  const words = best[run.length][2];
  return words.length ? words : [run];
};

var splitQuery = (query) => {
  const words = query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);
  const index = typeof Search !== "undefined" ? Search._index : null;
  if (!index) return words;
  const known = (w) => {
    const lower = w.toLowerCase();
    return lower in index.terms || lower in index.titleterms;
  };
  const out = [];
  for (const word of words) {
    if (!_HAN.test(word) || known(word)) {
      out.push(word);
      continue;
    }
    // split mixed runs (5G数据中心) into Chinese and other parts, then segment the Chinese
    for (const part of word.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu)) {
      if (_HAN.test(part) && !known(part)) out.push(..._segmentHan(part, known));
      else out.push(part);
    }
  }
  _lastQueryWords = out;
  return out;
};

(() => {
  // the same entities as the titles Sphinx renders itself, so the two still compare equal
  const entities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => entities[c]);
  // Sphinx drops required words of two characters or fewer; keep two-character Chinese words
  const performTermsSearch = Search.performTermsSearch;
  Search.performTermsSearch = (searchTerms, excludedTerms) => {
    const results = performTermsSearch(searchTerms, excludedTerms);
    const short = [...searchTerms].filter((w) => w.length <= 2 && _HAN.test(w));
    if (!short.length) return results;
    const { terms, titleterms, docnames } = Search._index;
    const holds = (file, word) =>
      [terms[word], titleterms[word]].some(
        (files) => files === file || (Array.isArray(files) && files.includes(file)),
      );
    return results.filter(([docname]) => {
      const file = docnames.indexOf(docname);
      return short.every((word) => holds(file, word));
    });
  };

  // A key-term hit links to the term's index anchor, inside its measure (a notebook output, whose
  // headings are rubrics, not sections): show the text of that measure, from its heading on.
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    if (anchor && anchor.startsWith("#index-")) {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      const target = doc.querySelector(`[role="main"] ${anchor}`);
      let block = target && target.closest("p, li, div");
      while (block && block.previousElementSibling && !block.matches(".rubric, h1, h2, h3, h4"))
        block = block.previousElementSibling;
      if (block) {
        const parts = [];
        for (let el = block; el; el = el.nextElementSibling) {
          if (el !== block && el.matches(".rubric, h1, h2, h3, h4")) break;
          parts.push(el.textContent);
        }
        return parts.join(" ");
      }
    }
    return htmlToText(htmlString, anchor);
  };

  // Titles (and, to keep matching consistent, index entries and the query compared with both)
  // are escaped, so every title Sphinx puts into a result link is HTML text.
  const escapeKeys = (table) =>
    Object.fromEntries(Object.entries(table || {}).map(([k, v]) => [escapeHtml(k), v]));
  const setIndex = Search.setIndex;
  Search.setIndex = (index) => {
    setIndex({ ...index, alltitles: escapeKeys(index.alltitles),
               indexentries: escapeKeys(index.indexentries) });
  };
  const performSearch = Search._performSearch;
  Search._performSearch = (query, ...rest) => performSearch(escapeHtml(query), ...rest);
})();

/*
 * The book's search rules, added by Sphinx to language_data.js (html_search_scorer, set by
 * analysis.site). They run on the search page after searchtools.js and before the index.
 *
 * Section titles reach the search index as plain text and Sphinx shows them as HTML; they are
 * escaped first, so a title made from a data file can never become markup.
 */

(() => {
  // the same entities as the titles Sphinx renders itself, so the two still compare equal
  const entities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => entities[c]);
  const setIndex = Search.setIndex;
  Search.setIndex = (index) => {
    const titles = {};
    for (const [title, found] of Object.entries(index.alltitles || {}))
      titles[escapeHtml(title)] = found;
    index.alltitles = titles;
    setIndex(index);
  };
})();

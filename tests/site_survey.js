// What the browser tests measure on a loaded page, in one pass (test_site_browser.survey).
(() => {
  const list = (v) => (v == null ? [] : Array.from(v, (x) => (typeof x === 'number' && isNaN(x) ? null : x)));
  const rect = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY}; };
  const article = document.querySelector('.bd-article') || document.querySelector('main') || document.body;
  const a = rect(article);
  // the overview's status map is left out: it scrolls sideways in its own box by design, its first
  // column held in place (test_status_map_keeps_action_names_in_view_while_scrolled checks it)
  const tables = [...article.querySelectorAll('table:not(.heat-table)')].map((t) => {
    const r = rect(t);
    const rows = [...t.querySelectorAll('tbody tr')];
    const shown = (el) => el.getBoundingClientRect().height > 0;
    const firstRow = rows.slice().sort((x, y) => x.getBoundingClientRect().top - y.getBoundingClientRect().top)[0];
    const statusRow = rows.find((tr) => /^\s*(status|状态)/i.test(tr.cells[0]?.textContent || ''));
    const cards = t.classList.contains('table-cards') ? rows.map((tr) => {
      const cells = [...tr.cells].filter(shown).sort((x, y) => x.getBoundingClientRect().top - y.getBoundingClientRect().top);
      return {first: cells[0]?.dataset.label || '', hasStatus: [...tr.cells].some((c) => c.classList.contains('cell-status'))};
    }) : [];
    return {cls: t.className, columns: t.querySelectorAll('thead th').length, left: r.left, right: r.right,
            hidden: t.scrollWidth - t.clientWidth, boxHidden: t.parentElement.scrollWidth - t.parentElement.clientWidth,
            firstRow: firstRow?.cells[0]?.textContent.trim() || '', hasStatusRow: !!statusRow, cards};
  });
  const charts = [...document.querySelectorAll('.plotly-graph-div')].map((div) => {
    const fig = div.closest('figure');
    const cap = fig && fig.querySelector('figcaption');
    const bar = div.querySelector('.modebar');
    const plot = div.querySelector('.nsewdrag');
    const ticks = [...div.querySelectorAll('.xtick text')].map((t) => t.textContent);
    const yticks = [...div.querySelectorAll('.ytick text')].map((t) => t.textContent);
    return {
      id: div.id, caption: cap ? rect(cap) : null, captionText: cap ? cap.textContent : '',
      modebar: bar ? rect(bar) : null, plot: plot ? rect(plot) : null, chart: rect(div), ticks, yticks,
      yrange: div._fullLayout.yaxis.range,
      // plotly's own decoded copy of the data (numpy arrays arrive base64-encoded)
      traces: div._fullData.map((t) => ({name: t.name, mode: t.mode || '', x: list(t.x), y: list(t.y),
        symbols: t.marker && (typeof t.marker.symbol === 'string' ? t.marker.symbol : list(t.marker.symbol)),
        labels: list(t.customdata).map((c) => c && c[0])})),
      legend: [...div.querySelectorAll('.legendtext')].map((t) => t.textContent),
      legendEntries: [...div.querySelectorAll('.legend .traces')].map((g) => ({text: g.textContent, ...rect(g)})),
    };
  });
  const icon = document.querySelector('.fa-solid, .fas');
  const iconStyle = icon && getComputedStyle(icon, '::before');
  return {
    overflow: document.documentElement.scrollWidth - innerWidth,
    article: {left: a.left, right: a.right, hidden: article.scrollWidth - article.clientWidth},
    tables, charts, text: article.innerText,
    icon: icon ? {font: iconStyle.fontFamily, content: iconStyle.content, width: icon.getBoundingClientRect().width} : null,
  };
})

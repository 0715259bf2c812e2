/*
 * Tables that read on a phone. Every table of the book's pages gets a class that custom.css uses on
 * narrow screens:
 *   - two-column "item | value" tables (.table-pairs) wrap inside the page, their Status row first;
 *   - wider tables (.table-cards) become one card per row, each value under its column's name (kept
 *     in data-label), the Status cell first.
 * On any screen, a table whose columns cannot fit (a long unbroken word: a row of CSV, an address)
 * gets .table-tight, which lets its cells break anywhere; other tables keep whole words.
 * Without JavaScript the tables keep their desktop layout and scroll sideways inside their box.
 * The overview's status map (.heat-table) is left as it is: it scrolls sideways in its own box with
 * its first column (the action names) held in place.
 */
(() => {
  const isStatus = (text) => /^\s*(status|状态)/i.test(text || "");
  const label = () => {
    document.querySelectorAll(".bd-article table:not(.heat-table)").forEach((table) => {
      const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      if (heads.length === 2) {
        table.classList.add("table-pairs");
        table.querySelectorAll("tbody tr").forEach((tr) => {
          if (isStatus(tr.cells[0] && tr.cells[0].textContent)) tr.classList.add("row-status");
        });
      } else if (heads.length > 2) {
        table.classList.add("table-cards");
        table.querySelectorAll("tbody tr").forEach((tr) => {
          [...tr.cells].forEach((td, i) => {
            td.dataset.label = heads[i] || "";
            if (isStatus(heads[i])) td.classList.add("cell-status");
          });
        });
      }
    });
  };
  const tighten = () => {
    document.querySelectorAll(".bd-article table:not(.heat-table)").forEach((table) => {
      table.classList.remove("table-tight");
      if (table.offsetWidth > table.parentElement.clientWidth + 1) table.classList.add("table-tight");
    });
  };
  const start = () => {
    label();
    tighten();
    let timer = null;
    window.addEventListener("resize", () => {
      clearTimeout(timer);
      timer = setTimeout(tighten, 150);
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

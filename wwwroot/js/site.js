// Small page behaviours that htmx attributes cannot express.
'use strict';

(() => {
  if (window.kollektivkartSite) return;
  window.kollektivkartSite = true;

  // htmx 4 swaps 4xx/5xx responses into the target by default (config.noSwap is
  // only [204, 304]), so the server's error fragments show without any config here.

  function openResults() {
    return [...document.querySelectorAll('.search-results')].filter((list) => list.childElementCount > 0);
  }

  function closeResults(lists) {
    // A search still in flight would fill the list again after it was closed.
    document.getElementById('search-q')?.dispatchEvent(new CustomEvent('htmx:abort'));
    for (const list of lists) list.replaceChildren();
  }

  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const lists = openResults();
    if (!lists.length) return;
    const focusWasInList = lists.some((list) => list.contains(document.activeElement));
    closeResults(lists);
    if (focusWasInList) document.getElementById('search-q')?.focus();
  });

  // A view swapped in says in a line what it shows (its data-announce) through the live region outside it, instead of
  // the region reading out the whole new table.
  document.addEventListener('htmx:after:swap', (e) => {
    const view = e.detail?.ctx?.target;
    const status = document.getElementById('view-status');
    if (!status || !view || view.id !== 'view') return;
    const text = view.querySelector('[data-announce]')?.dataset.announce;
    if (text) status.textContent = text;
  });

  document.addEventListener('click', (e) => {
    const lists = openResults().filter((list) => !list.parentElement?.contains(e.target));
    if (lists.length) closeResults(lists);
  });
})();

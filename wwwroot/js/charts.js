// Renders <canvas data-chart="ID"> from <script type="application/json" id="ID">:
// {"type":"bar"|"line","labels":[...],"datasets":[{"label","data":[n|null],"kind","colour"}],
//  "yLabel":"...","xLabel":"...","yMax":n (optional: the axis' top, 100 for percentages)}
'use strict';

(() => {
  if (window.kollektivkartCharts) return;

  // Okabe-Ito: distinguishable with the common colour-vision deficiencies.
  const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
  const sources = new WeakMap(); // canvas -> the JSON element its chart was drawn from

  const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

  function readSpec(id) {
    const el = id && document.getElementById(id);
    if (!el) return { el: null, spec: null };
    try {
      return { el, spec: JSON.parse(el.textContent) };
    } catch (err) {
      console.error(`charts.js: #${id} is not valid JSON`, err);
      return { el, spec: null };
    }
  }

  function dataset(d, i, chartType) {
    const kind = d.kind === 'line' || d.kind === 'bar' ? d.kind : chartType;
    const colour = typeof d.colour === 'string' ? d.colour : PALETTE[i % PALETTE.length];
    const common = {
      type: kind,
      label: d.label ?? '',
      data: Array.isArray(d.data) ? d.data.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null)) : [],
      borderColor: colour,
      backgroundColor: colour,
    };
    if (kind === 'line') {
      // order 0 draws lines on top of bars; a monotone curve never overshoots between a few months' points.
      return { ...common, order: 0, borderWidth: 2, pointRadius: 2, pointHoverRadius: 4, cubicInterpolationMode: 'monotone', spanGaps: false };
    }
    return { ...common, order: 1, borderWidth: 0 };
  }

  function axisTitle(text) {
    return text ? { display: true, text: String(text) } : { display: false };
  }

  function render(canvas) {
    const { el, spec } = readSpec(canvas.dataset.chart);
    if (el && sources.get(canvas) === el && Chart.getChart(canvas)) return; // unchanged

    Chart.getChart(canvas)?.destroy();
    sources.set(canvas, el);
    if (!spec) return;

    if (!canvas.hasAttribute('role')) canvas.setAttribute('role', 'img');

    const type = spec.type === 'line' ? 'line' : 'bar';
    const datasets = (Array.isArray(spec.datasets) ? spec.datasets : []).map((d, i) => dataset(d || {}, i, type));
    new Chart(canvas, {
      type,
      data: { labels: Array.isArray(spec.labels) ? spec.labels.map(String) : [], datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion() ? false : { duration: 300 },
        interaction: { mode: 'index', intersect: false },
        plugins: {
          // Keep the server's dataset order, not the drawing order.
          legend: { display: datasets.length > 1, labels: { sort: (a, b) => a.datasetIndex - b.datasetIndex } },
          tooltip: { itemSort: (a, b) => a.datasetIndex - b.datasetIndex },
        },
        scales: {
          x: { title: axisTitle(spec.xLabel) },
          y: { title: axisTitle(spec.yLabel), beginAtZero: true, max: typeof spec.yMax === 'number' ? spec.yMax : undefined },
        },
      },
    });
  }

  function renderAll() {
    if (typeof Chart === 'undefined') {
      console.error('charts.js: Chart.js did not load');
      return;
    }
    // Charts whose canvas was swapped out would otherwise stay in Chart.js's registry.
    for (const chart of Object.values(Chart.instances)) {
      if (!chart.canvas?.isConnected) chart.destroy();
    }
    for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
      try {
        render(canvas);
      } catch (err) {
        console.error('charts.js: could not draw', canvas, err);
      }
    }
  }

  function start() {
    if (typeof Chart !== 'undefined') {
      Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || Chart.defaults.font.family;
      Chart.defaults.color = '#1b1f24';
    }
    renderAll();
    document.addEventListener('htmx:after:swap', renderAll);   // htmx 4
    document.addEventListener('htmx:afterSwap', renderAll);    // htmx 2 name, harmless if never fired
  }

  window.kollektivkartCharts = { renderAll };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

// Draws the delay map. Contract with the server-rendered HTML:
//   <div id="map" hx-preserve data-lat data-lon data-zoom data-tiles data-attribution data-outline data-outline-fallback?>
//   in the swapped view, kept across swaps by htmx (the map is set up once per page);
//   <script type="application/json" id="map-data"> inside it, holding (or, with data-src="address", naming) the JSON
//   {"markers":[{lat,lon,colour,radius,title,facts:[[k,v]],links:[{href,text}]}],
//    or, when every marker has the same facts, "factNames":[k] and facts:[v] per marker,
//    and for a stretch's marker, instead of title and links, stretch:[fromId,fromName,toId,toName,template?]
//    with "stretchLinks":[{stretch,stop}]: the server's addresses with %01 and %02 where the stop ids go,
//    "stops":{factNames:[k],tooFew,link,linkText,colours:[c],markers:[[lat,lon,colour index,radius,name,stop id,
//    observed,planned,on time,late,very late,cancelled?]]}: the punctuality view's stops, shares in tenths of a
//    percent and left out below 20 observed, link with %01 where the stop id goes,
//    "lines":[{points:[[lat,lon]],colour}], "fit":bool, "centre":{lat,lon,zoom}}.
'use strict';

(() => {
  // htmx re-runs <script src> found in a swapped <body>; never set up twice.
  if (window.kollektivkart) return;

  const OUTLINE = '#1b1f24';
  const DEFAULT_COLOUR = '#0072B2';

  const state = {
    el: null,        // the #map element the Leaflet map lives in
    map: null,
    markers: null,   // L.LayerGroup
    lines: null,     // L.LayerGroup
    dataEl: undefined, // the #map-data element last drawn (undefined: never drawn)
    drawnSrc: null,    // the data-src whose markers are on the map: a re-sorted table names the same, drawn already
    drawing: 0,        // the newest draw asked for; a fetch that comes back after a newer one is dropped
    fetched: new Map(), // data-src -> Promise of its JSON: each view's markers are fetched once
    restoring: false,
    // Whether the map shows a position of the visitor's: one the address came with, or one the map was moved to.
    // The server's answers never depend on it (they are the same at every position, so one cached answer serves
    // them all): the browser keeps it, and fits a view's markers only while there is none.
    positioned: false,
  };

  const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

  function parsePosition(lat, lon, zoom) {
    const p = { lat: Number.parseFloat(lat), lon: Number.parseFloat(lon), zoom: Number.parseFloat(zoom) };
    if (!isNum(p.lat) || !isNum(p.lon) || Math.abs(p.lat) > 90 || Math.abs(p.lon) > 180) return null;
    p.zoom = isNum(p.zoom) ? Math.min(Math.max(Math.round(p.zoom), 0), 19) : null;
    return p;
  }

  function urlPosition() {
    const q = new URLSearchParams(location.search);
    if (!q.has('lat') || !q.has('lon')) return null;
    return parsePosition(q.get('lat'), q.get('lon'), q.get('zoom'));
  }

  // A stop id as the server writes it in a path (Uri.EscapeDataString, colons kept readable).
  const segment = (id) => encodeURIComponent(String(id))
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%3A/gi, ':');
  const fill = (template, from, to) => String(template)
    .replace('%01', () => segment(from))
    .replace('%02', () => segment(to));

  // A stretch's marker, as the server names it ("From to To") and links it: the stretch over time, then both stops.
  function withStretchLinks(m, templates) {
    if (!Array.isArray(m.stretch) || m.stretch.length < 4) return m;
    const [fromId, fromName, toId, toName, which] = m.stretch;
    const t = templates[isNum(which) ? which : 0];
    if (!t) return m;
    const title = `${fromName} to ${toName}`;
    return {
      ...m,
      title,
      links: [
        { href: fill(t.stretch, fromId, toId), text: `${title} over time` },
        { href: fill(t.stop, fromId), text: fromName },
        { href: fill(t.stop, toId), text: toName },
      ],
    };
  }

  // A share in tenths of a percent as the server writes it (Shares.Percent: "84.5 %", one decimal, no-break space).
  const percent = (tenths) => `${Math.floor(tenths / 10)}.${tenths % 10}\u00a0%`;
  // A count as the server writes it (N0 in the invariant culture: "12,345").
  const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

  // The punctuality view's stops: each marker's title, facts and link written from its numbers, as the server wrote
  // them when it sent them whole (a national view has 5,500).
  function stopMarkers(s) {
    if (!s || typeof s !== 'object' || !Array.isArray(s.markers)) return [];
    const names = Array.isArray(s.factNames) ? s.factNames : [];
    const colours = Array.isArray(s.colours) ? s.colours : [];
    return s.markers.filter(Array.isArray).map(([lat, lon, colour, radius, name, id, observed, planned, ...shares]) => ({
      lat,
      lon,
      colour: colours[colour],
      radius,
      title: name,
      facts: [
        ...[0, 1, 2, 3].map((i) => [names[i], isNum(shares[i]) ? percent(shares[i]) : s.tooFew]),
        [names[4], `${grouped(observed)} / ${grouped(planned)}`],
      ],
      links: [{ href: fill(s.link, id), text: s.linkText }],
    }));
  }

  function inlineData(el) {
    try {
      return JSON.parse(el.textContent) || {};
    } catch (err) {
      console.error('map.js: #map-data is not valid JSON', err);
      return {};
    }
  }

  function fetchData(src) {
    if (!state.fetched.has(src)) {
      const request = fetch(src, { headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${src} answered ${r.status}`))))
        .catch((err) => {
          state.fetched.delete(src);   // a later view of the same address tries again
          console.error('map.js: could not load the markers', err);
          return {};
        });
      state.fetched.set(src, request);
    }
    return state.fetched.get(src);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  function safeHref(href) {
    try {
      const url = new URL(String(href), location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }

  // Title and facts; the popup version adds the links.
  function describe(m, withLinks) {
    const box = el('div', 'map-info');
    if (m.title != null && m.title !== '') box.append(el('p', 'map-title', m.title));
    if (Array.isArray(m.facts) && m.facts.length) {
      const table = el('table', 'map-facts');
      const body = el('tbody');
      for (const fact of m.facts) {
        if (!Array.isArray(fact)) continue;
        const row = el('tr');
        const th = el('th', null, fact[0] ?? '');
        th.scope = 'row';
        row.append(th, el('td', null, fact[1] ?? ''));
        body.append(row);
      }
      table.append(body);
      box.append(table);
    }
    if (withLinks && Array.isArray(m.links) && m.links.length) {
      const list = el('ul', 'map-links');
      for (const link of m.links) {
        const href = link && safeHref(link.href);
        if (!href) continue;
        const a = el('a', null, link.text ?? link.href);
        a.href = href;
        const li = el('li');
        li.append(a);
        list.append(li);
      }
      if (list.childElementCount) box.append(list);
    }
    return box;
  }

  function addMarker(m) {
    const marker = L.circleMarker([m.lat, m.lon], {
      radius: isNum(m.radius) && m.radius > 0 ? m.radius : 6,
      fillColor: typeof m.colour === 'string' ? m.colour : DEFAULT_COLOUR,
      fillOpacity: 0.9,
      color: OUTLINE,
      weight: 1,
      opacity: 0.8,
    }).addTo(state.markers);
    // Bound after adding so that Leaflet also opens the tooltip on keyboard focus.
    marker.bindTooltip(describe(m, false), { direction: 'top', offset: [0, -4] });
    marker.bindPopup(describe(m, true), { maxWidth: 320 });
    marker.on('popupopen', () => marker.closeTooltip());

    // No marker is a tab stop: a national view has a thousand, and the table below the map is their keyboard twin
    // (the map itself is one stop, panned with the arrow keys). Chromium makes an SVG path with focus listeners, as
    // the tooltip's, a tab stop of its own; -1 keeps it focusable by a click only.
    marker.getElement()?.setAttribute('tabindex', '-1');
    return marker;
  }

  // Draws the markers #map-data holds or names; a promise of their count when they are fetched.
  function redraw() {
    const dataEl = document.getElementById('map-data');
    state.dataEl = dataEl;
    const src = dataEl?.dataset.src || null;
    const drawing = ++state.drawing;
    // Decided now: the position is written into the address right after this call, before a fetch returns.
    const free = !state.positioned;
    if (!src) {
      state.drawnSrc = null;
      return draw(dataEl ? inlineData(dataEl) : {}, free);
    }
    if (src === state.drawnSrc) return Promise.resolve(Number(state.el?.dataset.markerCount ?? 0));
    return fetchData(src).then((data) => {
      if (drawing !== state.drawing) return 0;
      state.drawnSrc = src;
      return draw(data, free);
    });
  }

  // free: the address held no map position when this view was asked for, so the view may fit or centre the map.
  function draw(data, free) {
    if (!state.map) return 0;

    state.markers.clearLayers();
    state.lines.clearLayers();
    state.map.closePopup();

    const bounds = L.latLngBounds([]);
    for (const line of Array.isArray(data.lines) ? data.lines : []) {
      const points = (Array.isArray(line?.points) ? line.points : [])
        .filter((p) => Array.isArray(p) && isNum(p[0]) && isNum(p[1]));
      if (points.length < 2) continue;
      L.polyline(points, {
        color: typeof line.colour === 'string' ? line.colour : DEFAULT_COLOUR,
        weight: 4,
        opacity: 0.8,
        interactive: false,
      }).addTo(state.lines);
      points.forEach((p) => bounds.extend(p));
    }

    const factNames = Array.isArray(data.factNames) ? data.factNames : null;
    const templates = Array.isArray(data.stretchLinks) ? data.stretchLinks : [];
    const markers = (Array.isArray(data.markers) ? data.markers : [])
      .filter((m) => m && isNum(m.lat) && isNum(m.lon))
      .map((m) => withStretchLinks(m, templates))
      .map((m) => factNames && Array.isArray(m.facts)
        ? { ...m, facts: m.facts.map((v, i) => (Array.isArray(v) ? v : [factNames[i], v])) }
        : m)
      .concat(stopMarkers(data.stops).filter((m) => isNum(m.lat) && isNum(m.lon)));
    for (const m of markers) {
      addMarker(m);
      bounds.extend([m.lat, m.lon]);
    }
    state.el.dataset.markerCount = String(markers.length);

    if (data.fit === true && free && markers.length && bounds.isValid()) {
      state.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    } else if (data.centre && free) {
      const c = parsePosition(data.centre.lat, data.centre.lon, data.centre.zoom);
      if (c) state.map.setView([c.lat, c.lon], c.zoom ?? state.map.getZoom());
    }
    return markers.length;
  }

  function currentPosition() {
    const c = state.map.getCenter().wrap();
    return { lat: c.lat.toFixed(5), lon: c.lng.toFixed(5), zoom: String(state.map.getZoom()) };
  }

  function withPosition(href, pos) {
    let url;
    try {
      url = new URL(href, location.href);
    } catch {
      return href;
    }
    url.searchParams.set('lat', pos.lat);
    url.searchParams.set('lon', pos.lon);
    url.searchParams.set('zoom', pos.zoom);
    // Keep same-origin links relative, as the server wrote them.
    return url.origin === location.origin ? url.pathname + url.search + url.hash : url.href;
  }

  // The map position lives in the URL, the selector form and shareable links.
  function syncPosition() {
    if (!state.map) return;
    const pos = currentPosition();

    const url = new URL(location.href);
    if (url.searchParams.get('lat') !== pos.lat || url.searchParams.get('lon') !== pos.lon ||
        url.searchParams.get('zoom') !== pos.zoom) {
      url.searchParams.set('lat', pos.lat);
      url.searchParams.set('lon', pos.lon);
      url.searchParams.set('zoom', pos.zoom);
      // Keep history.state: htmx marks its own entries there for back/forward.
      history.replaceState(history.state, '', url);
    }

    for (const name of ['lat', 'lon', 'zoom']) {
      for (const input of document.querySelectorAll(`form input[name="${name}"]`)) {
        input.value = pos[name];
      }
    }

    for (const link of document.querySelectorAll('[data-keep-position]')) {
      for (const attr of ['href', 'hx-get', 'data-hx-get']) {
        const value = link.getAttribute(attr);
        if (value) link.setAttribute(attr, withPosition(value, pos));
      }
    }
  }

  // The land, coast and borders of Norway and its neighbours (data-outline, GeoJSON made by web-assets/outline.mjs) in a
  // pane below the tiles': tiles cover it when they load, and when they do not (offline, blocked) the markers still
  // stand on a map. Fetched once the map is drawn, so the first view's bytes stay the page's and its markers'; drawn
  // as plain shapes that take no clicks, no focus and say nothing to a screen reader.
  const OUTLINE_LAND = '#f3f1ec';
  const OUTLINE_LINES = '#8a939c';
  const outlines = new Map();   // address -> Promise of its GeoJSON: a page swapped whole draws it again unfetched

  function fetchOutline(addresses) {
    const key = addresses.join(' ');
    if (!outlines.has(key)) {
      const attempt = (i) => fetch(addresses[i], { credentials: 'omit' })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${addresses[i]} answered ${r.status}`))))
        .catch((err) => (i + 1 < addresses.length ? attempt(i + 1) : Promise.reject(err)));
      outlines.set(key, attempt(0).catch((err) => {
        outlines.delete(key);
        return Promise.reject(err);
      }));
    }
    return outlines.get(key);
  }

  function addOutline(map, mapEl) {
    const addresses = [...new Set([mapEl.dataset.outline, mapEl.dataset.outlineFallback].filter(Boolean))];
    if (!addresses.length) return;
    const pane = map.createPane('outline');
    pane.style.zIndex = '150';            // Leaflet's tile pane is at 200
    pane.style.pointerEvents = 'none';
    pane.setAttribute('aria-hidden', 'true');
    map.whenReady(() => setTimeout(() => {
      fetchOutline(addresses)
        .then((data) => {
          if (state.map !== map) return;   // the page was swapped whole meanwhile
          L.geoJSON(data, {
            pane: 'outline',
            interactive: false,
            style: (f) => (f?.properties?.kind === 'land'
              ? { stroke: false, fill: true, fillColor: OUTLINE_LAND, fillOpacity: 1 }
              : { color: OUTLINE_LINES, weight: 1, opacity: 1, fill: false }),
          }).addTo(map);
          mapEl.dataset.outlineDrawn = 'true';
        })
        .catch((err) => console.error('map.js: could not load the outline', err));
    }, 0));
  }

  function setUpMap(mapEl) {
    if (state.map) {
      state.map.remove();
      state.map = null;
    }
    state.el = mapEl;
    state.dataEl = undefined;
    state.drawnSrc = null;
    state.positioned = urlPosition() !== null;
    if (!mapEl) return;
    if (typeof L === 'undefined') {
      console.error('map.js: Leaflet did not load');
      mapEl.dataset.markerCount = '0';
      return;
    }

    const d = mapEl.dataset;
    const start = urlPosition() || parsePosition(d.lat, d.lon, d.zoom) || { lat: 65, lon: 13, zoom: 5 };
    state.map = L.map(mapEl, { worldCopyJump: true }).setView([start.lat, start.lon], start.zoom ?? 5);
    if (d.tiles) {
      // Tile failures (offline, blocked) leave the outline below them (addOutline); markers are vectors.
      // The attribution is the server's own constant, so it may contain a link.
      L.tileLayer(d.tiles, { attribution: d.attribution || '', maxZoom: 19 }).addTo(state.map);
    }
    addOutline(state.map, mapEl);
    state.lines = L.layerGroup().addTo(state.map);
    state.markers = L.layerGroup().addTo(state.map);
    state.map.on('moveend zoomend', () => {
      state.positioned = true;
      syncPosition();
    });
  }

  function afterSwap() {
    const mapEl = document.getElementById('map');
    if (mapEl !== state.el) setUpMap(mapEl);   // the whole page was swapped (e.g. history restore)
    if (!state.map) return;

    const dataEl = document.getElementById('map-data');
    if (dataEl === state.dataEl && !state.restoring) {
      syncPosition();   // new forms and links may have come in with stale positions
      return;
    }
    if (state.restoring) {
      state.restoring = false;
      const pos = urlPosition();
      if (pos) state.map.setView([pos.lat, pos.lon], pos.zoom ?? state.map.getZoom());
    }
    redraw();
    syncPosition();
  }

  function start() {
    setUpMap(document.getElementById('map'));
    if (state.map) {
      redraw();
      // A shared link's position goes on into the form and links; a bare URL stays bare.
      if (urlPosition()) syncPosition();
    }
    document.addEventListener('htmx:after:swap', afterSwap);      // htmx 4
    document.addEventListener('htmx:afterSwap', afterSwap);       // htmx 2 name, harmless if never fired
    document.addEventListener('htmx:before:history:restore', () => { state.restoring = true; });
    // htmx pushes the address the server names, which never holds a position: put the map's back.
    document.addEventListener('htmx:after:history:update', syncPosition);
  }

  window.kollektivkart = {
    get map() { return state.map; },
    redraw,
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

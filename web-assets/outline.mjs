// Writes wwwroot/data/outline.json: the land and the coast and border lines of Norway and its neighbours, the map's
// base layer under the tiles, so that a map whose tiles do not load still shows where its markers are.
// Source: Natural Earth's 1:50m admin 0 countries (public domain) as TopoJSON from world-atlas (pinned in
// package.json). Run by scripts/update-web-assets; the output is committed and the same for the same input.
//
// Output (GeoJSON, RFC 7946, [lon, lat] rounded to DECIMALS):
//   {"type":"FeatureCollection","features":[
//     {"type":"Feature","properties":{"kind":"land"},"geometry":{"type":"MultiPolygon",...}},   fill only: clipped to BOX
//     {"type":"Feature","properties":{"kind":"lines"},"geometry":{"type":"MultiLineString",...}}]} coast and borders
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { feature, merge, mesh } from 'topojson-client';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '..', 'wwwroot', 'data', 'outline.json');

// Iceland and the British Isles in the west, Russia's north-west past the White Sea to the Urals in the east, Denmark, the
// Baltic states and the southern Baltic coast in the south, Svalbard in the north: wide enough that the map zoomed out to
// the whole of Norway shows no cut edge.
const BOX = { west: -30, south: 50, east: 60, north: 81.5 };
// 0.01 degree is 1.1 km north-south: finer than Natural Earth's 1:50m lines, so rounding moves no coast visibly.
const DECIMALS = 2;

const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
const countries = topology.objects.countries.geometries;

function bounds(geometry) {
  const b = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      b.west = Math.min(b.west, c[0]); b.east = Math.max(b.east, c[0]);
      b.south = Math.min(b.south, c[1]); b.north = Math.max(b.north, c[1]);
    } else c.forEach(visit);
  };
  if (geometry) visit(geometry.coordinates);
  return b;
}

const overlaps = (b) => b.west <= BOX.east && b.east >= BOX.west && b.south <= BOX.north && b.north >= BOX.south;
// Polygon by polygon: a country's own bounds can span the globe (the USA's cross the antimeridian).
const polygons = (geometry) => (geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.coordinates ?? []);
const kept = countries.filter((g) =>
  polygons(feature(topology, g).geometry).some((p) => overlaps(bounds({ coordinates: p }))));

// Sutherland-Hodgman against each side of the box; a ring may come out with edges along the box, which is why land is
// drawn without a stroke and the lines are clipped on their own.
const sides = [
  { inside: (p) => p[0] >= BOX.west, cut: (a, b) => at(a, b, 0, BOX.west) },
  { inside: (p) => p[0] <= BOX.east, cut: (a, b) => at(a, b, 0, BOX.east) },
  { inside: (p) => p[1] >= BOX.south, cut: (a, b) => at(a, b, 1, BOX.south) },
  { inside: (p) => p[1] <= BOX.north, cut: (a, b) => at(a, b, 1, BOX.north) },
];

function at(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  p[axis] = value;
  return p;
}

function clipRing(ring) {
  let points = ring.slice(0, -1);
  for (const side of sides) {
    const input = points;
    points = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i];
      const previous = input[(i + input.length - 1) % input.length];
      if (side.inside(current)) {
        if (!side.inside(previous)) points.push(side.cut(previous, current));
        points.push(current);
      } else if (side.inside(previous)) {
        points.push(side.cut(previous, current));
      }
    }
    if (!points.length) return null;
  }
  return [...points, points[0]];
}

// A line leaves the box as a cut: each stretch inside becomes its own line.
function clipLine(line) {
  const parts = [];
  let part = [];
  const inside = (p) => p[0] >= BOX.west && p[0] <= BOX.east && p[1] >= BOX.south && p[1] <= BOX.north;
  for (let i = 0; i < line.length; i++) {
    const p = line[i];
    if (inside(p)) {
      if (!part.length && i > 0) part.push(edge(line[i - 1], p));
      part.push(p);
    } else if (part.length) {
      part.push(edge(p, part[part.length - 1]));
      parts.push(part);
      part = [];
    }
  }
  if (part.length) parts.push(part);
  return parts;
}

// Where the segment from an outside point to an inside one crosses the box.
function edge(outside, inside) {
  let p = outside;
  for (const side of sides) if (!side.inside(p)) p = side.cut(p, inside);
  return p;
}

// Natural Earth cuts nothing at the antimeridian: Russia's rings go from 180 to -180 and on, which read flat would
// cover the whole globe's width. Keep each line continuous in longitude (past 180 if need be) before clipping.
function unwrap(points) {
  const result = [];
  let shift = 0;
  for (let i = 0; i < points.length; i++) {
    if (i > 0) {
      const jump = points[i][0] - points[i - 1][0];
      if (jump > 180) shift -= 360;
      else if (jump < -180) shift += 360;
    }
    result.push([points[i][0] + shift, points[i][1]]);
  }
  return result;
}

const scale = 10 ** DECIMALS;
const round = (p) => [Math.round(p[0] * scale) / scale, Math.round(p[1] * scale) / scale];

function rounded(points) {
  const result = [];
  for (const p of points.map(round)) {
    const last = result[result.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) result.push(p);
  }
  return result;
}

function area(ring) {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return sum / 2;
}

const land = [];
for (const polygon of merge(topology, kept).coordinates) {
  const rings = [];
  for (const ring of polygon) {
    const clipped = clipRing(unwrap(ring));
    const r = clipped && rounded(clipped);
    // A ring that rounds to a sliver draws nothing.
    if (r && r.length >= 4 && Math.abs(area(r)) > 0) rings.push(r);
    else if (!rings.length) break;   // the outer ring is gone: so are its holes
  }
  if (rings.length) land.push(rings);
}

const lines = [];
for (const line of mesh(topology, { type: 'GeometryCollection', geometries: kept }).coordinates) {
  for (const part of clipLine(unwrap(line))) {
    const r = rounded(part);
    if (r.length >= 2) lines.push(r);
  }
}

const outline = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { kind: 'land' }, geometry: { type: 'MultiPolygon', coordinates: land } },
    { type: 'Feature', properties: { kind: 'lines' }, geometry: { type: 'MultiLineString', coordinates: lines } },
  ],
};

mkdirSync(dirname(out), { recursive: true });
const text = JSON.stringify(outline);
writeFileSync(out, text + '\n');
const names = kept.map((g) => g.properties.name).sort();
console.log(`${out}: ${text.length + 1} bytes, ${land.length} land polygons, ${lines.length} lines, from ${names.join(', ')}`);

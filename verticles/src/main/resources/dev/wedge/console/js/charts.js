// Request, error and latency charts of one app, from the node's Prometheus text (GET /metrics): each poll's
// counters minus the previous poll's give a point; the last POINTS points are drawn as small SVG lines.

import {h} from './dom.js';

const POINTS = 30;

/** The sum of each metric's samples whose labels pass keep(labels): {name: total}. */
export function totals(text, app) {
  const sums = {requests: 0, errors: 0, seconds: 0, runs: 0};
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-z_]+)\{([^}]*)\}\s+([0-9.eE+-]+|NaN)/);
    if (!match) continue;
    const [, name, labelText, valueText] = match;
    const labels = Object.fromEntries([...labelText.matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map(m => [m[1], m[2]]));
    if (labels.app !== app) continue;
    const value = Number(valueText);
    if (Number.isNaN(value)) continue;
    if (name === 'wedge_requests_total') {
      sums.requests += value;
      if (Number(labels.status) >= 500) sums.errors += value;
    } else if (name === 'wedge_request_duration_seconds_sum') {
      sums.seconds += value;
    } else if (name === 'wedge_request_duration_seconds_count') {
      sums.runs += value;
    }
  }
  return sums;
}

/** Three charts that take a new scrape with add(text). */
export function appCharts(app) {
  const series = {requests: [], errors: [], latency: []};
  let previous = null;
  const charts = {
    requests: chart('Requests', 'requests per interval'),
    errors: chart('Errors (status 500 and above)', 'errors per interval'),
    latency: chart('Mean latency', 'milliseconds'),
  };
  return {
    element: h('div', {class: 'charts'}, Object.values(charts).map(c => c.figure)),
    add(text) {
      const now = totals(text, app);
      if (previous) {
        const runs = now.runs - previous.runs;
        push(series.requests, Math.max(0, now.requests - previous.requests));
        push(series.errors, Math.max(0, now.errors - previous.errors));
        push(series.latency, runs > 0 ? ((now.seconds - previous.seconds) / runs) * 1000 : 0);
        for (const key of Object.keys(charts)) charts[key].draw(series[key]);
      }
      previous = now;
    },
  };
}

function push(list, value) {
  list.push(value);
  if (list.length > POINTS) list.shift();
}

function chart(title, unit) {
  const svg = h('svg', {viewBox: '0 0 300 120', role: 'img', 'aria-label': `${title}: no data yet`});
  const figure = h('figure', {class: 'chart'}, h('figcaption', {}, title), svg);
  return {
    figure,
    draw(values) {
      const top = Math.max(1, ...values);
      const x = i => 30 + (i * 265) / (POINTS - 1);
      const y = v => 110 - (v / top) * 95;
      const last = values[values.length - 1];
      const shown = Number.isInteger(last) ? String(last) : last.toFixed(1);
      svg.setAttribute('aria-label', `${title}: latest ${shown} ${unit}, highest ${round(top)}`);
      svg.replaceChildren(
          h('title', {}, `${title}, ${unit}`),
          h('line', {class: 'axis', x1: 30, y1: 110, x2: 295, y2: 110}),
          h('line', {class: 'axis', x1: 30, y1: 15, x2: 30, y2: 110}),
          h('text', {x: 2, y: 20}, round(top)),
          h('text', {x: 2, y: 110}, '0'),
          // one point alone would draw nothing: it is shown as a short flat line
          h('polyline', {class: 'line', points: (values.length === 1 ? [last, last] : values)
              .map((v, i) => `${x(i)},${y(v)}`).join(' ')}));
    },
  };
}

function round(value) {
  return value >= 10 || Number.isInteger(value) ? String(Math.round(value)) : value.toFixed(1);
}

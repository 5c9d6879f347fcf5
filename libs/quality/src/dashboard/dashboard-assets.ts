/**
 * The supervisors' dashboard: a static page, its script and its style, served by the API. The
 * page holds no data: the script asks for a supervisor token (or reads it from the URL fragment,
 * which never reaches a server) and draws the figures of `/v1/quality/*` and
 * `/v1/indemnities/totals` as inline SVG charts. No inline script, so the API's CSP holds.
 */
export const DASHBOARD_HTML = `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sportello — cruscotto supervisori</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/dashboard.css">
<script src="/dashboard/dashboard.js" defer></script>
</head>
<body>
<header>
  <h1>Sportello · cruscotto supervisori</h1>
  <form id="controls">
    <label>Token <input id="token" type="password" autocomplete="off" placeholder="Bearer token (supervisor)"></label>
    <label>Operatore <select id="operator"><option value="">tutti</option></select></label>
    <label>Periodo <input id="period" value="" size="8" placeholder="2026-H1"></label>
    <button type="submit">Aggiorna</button>
  </form>
  <p id="status" role="status">In attesa del token…</p>
</header>
<main>
  <section class="card"><h2>Ticket aperti per scadenza</h2><div id="open-chart" class="chart"></div>
    <p class="figures">Totale aperti: <strong data-figure="open-total">–</strong> · in ritardo: <strong data-figure="open-overdue">–</strong></p></section>
  <section class="card"><h2>Scadenze mancate per giorno</h2><div id="breach-chart" class="chart"></div>
    <p class="figures">Totale nel periodo: <strong data-figure="breaches-total">–</strong></p></section>
  <section class="card"><h2>Indennizzi</h2><div id="indemnity-chart" class="chart"></div>
    <p class="figures">Maturandi <strong data-figure="indemnity-accruing">–</strong> · liquidati in valutazione <strong data-figure="indemnity-assessed">–</strong> · in revisione <strong data-figure="indemnity-under-review">–</strong> · accreditati <strong data-figure="indemnity-credited">–</strong></p></section>
  <section class="card wide"><h2>Indicatori di qualità e obiettivi</h2><div id="quality-chart" class="chart"></div>
    <table id="quality-table"><thead><tr><th>Operatore</th><th>Indicatore</th><th>Misurato</th><th>Obiettivo</th><th>Ticket</th><th>Esito</th></tr></thead><tbody></tbody></table></section>
</main>
</body>
</html>
`;

export const DASHBOARD_CSS = `
:root { --ink: #1d2733; --muted: #5b6b7c; --line: #d5dde6; --bg: #f4f6f9;
  --complaint: #3b6fb6; --fault: #d9822b; --activation: #3a9b6b; --bad: #c0392b; --good: #2e8b57; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 16px 24px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 15px; margin: 0 0 8px; }
form { display: flex; gap: 16px; flex-wrap: wrap; align-items: end; }
label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
input, select, button { font: inherit; padding: 4px 8px; }
#status { margin: 8px 0 0; color: var(--muted); font-size: 12px; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; padding: 16px 24px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
.card.wide { grid-column: 1 / -1; }
.chart svg { width: 100%; height: auto; display: block; }
.figures { color: var(--muted); margin: 8px 0 0; }
.legend { font-size: 11px; fill: var(--muted); }
table { width: 100%; border-collapse: collapse; margin-top: 8px; font-size: 13px; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line); }
td.met { color: var(--good); font-weight: 600; } td.missed { color: var(--bad); font-weight: 600; }
`;

export const DASHBOARD_JS = String.raw`
'use strict';
(function () {
  var SVG = 'http://www.w3.org/2000/svg';
  var KINDS = [['complaint', 'Reclami'], ['fault', 'Guasti'], ['activation', 'Attivazioni']];
  var SERVICES = { FIXED_VOICE: 'voce fissa', INTERNET_ACCESS: 'internet', INTERNET_FIBRE: 'fibra', INTERNET_ADSL: 'ADSL' };
  var BUCKETS = { overdue: 'Scaduti', due_24h: '< 24 h', due_3d: '1–3 gg', due_7d: '3–7 gg', later: '> 7 gg', no_deadline: 'Senza termine' };
  var $ = function (id) { return document.getElementById(id); };
  var euro = function (cents) { return '€ ' + (cents / 100).toFixed(2).replace('.', ','); };
  var fmt = function (v, unit) {
    if (v === null || v === undefined) return '–';
    return unit === 'PERCENT' ? v.toFixed(2) + ' %' : unit === 'HOURS' ? v.toFixed(2) + ' h' : unit === 'DAYS' ? v.toFixed(2) + ' gg' : String(v);
  };

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Grouped or stacked vertical bars: rows of {label, values: [{key, value, color}]}. */
  function bars(target, rows, opts) {
    var W = 600, H = 240, left = 56, bottom = 40, top = 16, right = 10;
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': opts.title });
    var max = 1;
    rows.forEach(function (r) {
      var sum = r.values.reduce(function (s, v) { return s + v.value; }, 0);
      max = Math.max(max, opts.stacked ? sum : Math.max.apply(null, r.values.map(function (v) { return v.value; }).concat([0])));
    });
    var step = opts.money ? Math.max(100, Math.ceil(max / 4 / 100) * 100) : Math.max(1, Math.ceil(max / 4));
    max = step * 4;
    var plotH = H - top - bottom, plotW = W - left - right, slot = plotW / Math.max(rows.length, 1);
    for (var g = 0; g <= 4; g++) {
      var y = top + plotH - (plotH * g) / 4;
      svg.appendChild(el('line', { x1: left, x2: W - right, y1: y, y2: y, stroke: '#e3e8ee' }));
      svg.appendChild(el('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'legend' }, opts.axis(step * g)));
    }
    rows.forEach(function (r, i) {
      var x0 = left + i * slot + slot * 0.15, width = slot * 0.7, base = top + plotH;
      if (opts.stacked) {
        r.values.forEach(function (v) {
          var h = (plotH * v.value) / max;
          if (h > 0) svg.appendChild(el('rect', { x: x0, y: base - h, width: width, height: h, fill: v.color, 'data-key': v.key }));
          base -= h;
        });
      } else {
        var w = width / r.values.length;
        r.values.forEach(function (v, j) {
          var h = (plotH * v.value) / max;
          svg.appendChild(el('rect', { x: x0 + j * w, y: top + plotH - h, width: Math.max(w - 2, 1), height: h, fill: v.color }));
        });
      }
      var total = r.values.reduce(function (s, v) { return s + v.value; }, 0);
      if (opts.showTotals && total > 0) svg.appendChild(el('text', { x: x0 + width / 2, y: base - 4, 'text-anchor': 'middle', class: 'legend' }, opts.axis(total)));
      svg.appendChild(el('text', { x: x0 + width / 2, y: H - bottom + 14, 'text-anchor': 'middle', class: 'legend' }, r.label));
    });
    (opts.legend || []).forEach(function (l, i) {
      svg.appendChild(el('rect', { x: left + i * 110, y: H - 14, width: 10, height: 10, fill: l[1] }));
      svg.appendChild(el('text', { x: left + i * 110 + 14, y: H - 5, class: 'legend' }, l[0]));
    });
    target.replaceChildren(svg);
  }

  /** Measured vs target, one horizontal bar per target, the target as a mark. */
  function targets(target, rows) {
    var W = 1300, rowH = 24, left = 420, right = 190, H = Math.max(rows.length, 1) * rowH + 20;
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'Indicatori e obiettivi' });
    rows.forEach(function (r, i) {
      var y = 10 + i * rowH, scale = Math.max(r.target, r.measured || 0, 1) * 1.15, plotW = W - left - right;
      svg.appendChild(el('text', { x: left - 8, y: y + 14, 'text-anchor': 'end', class: 'legend' }, r.label));
      svg.appendChild(el('rect', { x: left, y: y + 3, width: plotW, height: 14, fill: '#eef2f6' }));
      if (r.measured !== null) svg.appendChild(el('rect', { x: left, y: y + 3, width: (plotW * r.measured) / scale, height: 14, fill: r.met === false ? '#c0392b' : r.met ? '#2e8b57' : '#8899aa' }));
      var tx = left + (plotW * r.target) / scale;
      svg.appendChild(el('line', { x1: tx, x2: tx, y1: y, y2: y + 20, stroke: '#1d2733', 'stroke-width': 2 }));
      svg.appendChild(el('text', { x: W - right + 6, y: y + 14, class: 'legend' }, r.measuredText + ' / ' + r.targetText));
    });
    target.replaceChildren(svg);
  }

  function api(path, token) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(path + ': ' + r.status);
      return r.json();
    });
  }

  function figure(name, value) {
    var node = document.querySelector('[data-figure="' + name + '"]');
    if (node) node.textContent = value;
  }

  function render(dash, totals, reports) {
    var colors = { complaint: 'var(--complaint)', fault: 'var(--fault)', activation: 'var(--activation)' };
    var legend = KINDS.map(function (k) { return [k[1], colors[k[0]]]; });
    bars($('open-chart'), dash.openByDeadline.map(function (b) {
      return { label: BUCKETS[b.bucket], values: KINDS.map(function (k) { return { key: k[0], value: b[k[0]], color: colors[k[0]] }; }) };
    }), { title: 'Ticket aperti per scadenza', stacked: true, showTotals: true, legend: legend, axis: String });
    var open = dash.openByDeadline.reduce(function (s, b) { return s + b.total; }, 0);
    figure('open-total', String(open));
    figure('open-overdue', String(dash.openByDeadline[0].total));
    bars($('breach-chart'), dash.breachesPerDay.map(function (d) {
      return { label: d.date.slice(8) + '/' + d.date.slice(5, 7), values: KINDS.map(function (k) { return { key: k[0], value: d[k[0]], color: colors[k[0]] }; }) };
    }), { title: 'Scadenze mancate per giorno', stacked: true, legend: legend, axis: String });
    figure('breaches-total', String(dash.breachesPerDay.reduce(function (s, d) { return s + d.total; }, 0)));
    var ind = [['Maturandi', totals.accruingCents, '#d9822b'], ['Liquidati', totals.assessedCents, '#3b6fb6'], ['In revisione', totals.underReviewCents, '#8e6cc0'], ['Accreditati', totals.creditedCents, '#3a9b6b']];
    bars($('indemnity-chart'), ind.map(function (x) { return { label: x[0], values: [{ key: x[0], value: x[1], color: x[2] }] }; }),
      { title: 'Indennizzi', stacked: true, showTotals: true, money: true, axis: euro });
    figure('indemnity-accruing', euro(totals.accruingCents));
    figure('indemnity-assessed', euro(totals.assessedCents));
    figure('indemnity-under-review', euro(totals.underReviewCents));
    figure('indemnity-credited', euro(totals.creditedCents));
    var rows = [];
    var body = $('quality-table').querySelector('tbody');
    body.replaceChildren();
    reports.forEach(function (report) {
      report.targets.filter(function (t) { return t.measured !== null || t.met !== null; }).forEach(function (t) {
        var m = report.measures.find(function (x) { return x.indicator === t.indicator; });
        rows.push({ label: report.operator + ' · ' + (m ? m.label : t.indicator) + ' · ' + SERVICES[t.service], target: t.target, measured: t.measured, met: t.met,
          measuredText: fmt(t.measured, t.unit), targetText: (t.comparison === 'AT_MOST' ? '≤ ' : '≥ ') + fmt(t.target, t.unit) });
      });
      report.measures.forEach(function (m) {
        var t = report.targets.find(function (x) { return x.indicator === m.indicator && x.measured !== null; });
        var tr = document.createElement('tr');
        tr.setAttribute('data-measure', report.operator + ':' + m.id);
        [report.operator, m.label, fmt(m.value, m.unit), t ? (t.comparison === 'AT_MOST' ? '≤ ' : '≥ ') + fmt(t.target, t.unit) : '–', String(m.tickets),
          t ? (t.met ? 'raggiunto' : 'mancato') : '–'].forEach(function (text, i) {
          var td = document.createElement('td');
          td.textContent = text;
          if (i === 2) td.setAttribute('data-value', m.value === null ? '' : String(m.value));
          if (i === 4) td.setAttribute('data-tickets', String(m.tickets));
          if (i === 5 && t) td.className = t.met ? 'met' : 'missed';
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    });
    targets($('quality-chart'), rows);
  }

  function load() {
    var token = $('token').value.trim();
    if (!token) return;
    var operator = $('operator').value;
    var period = $('period').value.trim() || String(new Date().getFullYear());
    var q = operator ? '&operator=' + encodeURIComponent(operator) : '';
    $('status').textContent = 'Caricamento…';
    Promise.all([
      api('/v1/quality/dashboard?days=14' + q, token),
      api('/v1/indemnities/totals' + (operator ? '?operator=' + encodeURIComponent(operator) : ''), token),
      api('/v1/quality/comparison?period=' + encodeURIComponent(period), token),
    ]).then(function (r) {
      var reports = r[2].filter(function (x) { return !operator || x.operator === operator; });
      var select = $('operator');
      if (select.options.length === 1) r[2].forEach(function (x) { var o = document.createElement('option'); o.value = x.operator; o.textContent = x.operator; select.appendChild(o); });
      render(r[0], r[1], reports);
      document.body.setAttribute('data-loaded', 'true');
      $('status').textContent = 'Aggiornato alle ' + r[0].asOf + ' · periodo ' + period;
    }).catch(function (e) {
      document.body.setAttribute('data-loaded', 'error');
      $('status').textContent = 'Errore: ' + e.message;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var hash = new URLSearchParams(location.hash.slice(1));
    if (hash.get('token')) $('token').value = hash.get('token');
    if (hash.get('period')) $('period').value = hash.get('period');
    if (hash.get('operator')) { var o = document.createElement('option'); o.value = hash.get('operator'); o.textContent = hash.get('operator'); $('operator').appendChild(o); $('operator').value = hash.get('operator'); }
    $('controls').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    load();
  });
})();
`;

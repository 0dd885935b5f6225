// The agent console's Trust page: the four trust measures of GET /api/metrics/trust (usefulness,
// reliability, safety, fairness), each with its headline figures, a chart over time (plain SVG, one
// line per explainer and prompt version), its breakdown table and a CSV download. Plain
// JavaScript; data goes into the page with textContent only.
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var COLOURS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2'];
  var el = window.GlasscartAgentView.el;
  var num = window.GlasscartAgentView.num;
  function $(id) { return document.getElementById(id); }

  function pct(v) { var n = num(v); return n === null ? '–' : (n * 100).toFixed(1) + '%'; }
  function ratio(v) { var n = num(v); return n === null ? '–' : n.toFixed(2); }

  /** What each measure shows: headline figures, the value charted per series row, the breakdown. */
  var MEASURES = [
    { key: 'usefulness', title: 'Usefulness', chart: 'Helpful rate', value: function (r) { return num(r.helpfulRate); }, percent: true,
      figures: function (m) {
        return [['Feedback', m.feedback], ['Helpful rate', pct(m.helpfulRate)], ['"Wrong reason" flags', m.wrongFlags],
          ['Share of feedback that flags a reason', pct(m.wrongShare)]];
      },
      table: function (m) {
        return { caption: 'Per reason type', columns: ['Reason type', 'Shown', 'Feedback', 'Helpful rate', 'Wrong flags', 'Wrong rate'],
          rows: (m.byReason || []).map(function (r) {
            return [r.reason, r.shown, r.feedback, pct(r.helpfulRate), r.wrongFlags, pct(r.wrongRate)];
          }) };
      } },
    { key: 'reliability', title: 'Reliability', chart: 'Supported-claim rate', value: function (r) { return num(r.supportedRate); }, percent: true,
      figures: function (m) {
        return [['Turns', m.turns], ['Turns the guard checked', m.guardedTurns], ['Supported claims', pct(m.supportedRate)],
          ['Sentences withheld', m.sentencesWithheld + ' of ' + m.sentencesChecked], ['Fallbacks', m.fallbacks + ' of ' + m.modelTurns + ' model turns']];
      },
      table: function (m) {
        var reasons = m.fallbackReasons || {};
        return { caption: 'Fallbacks by reason', columns: ['Reason', 'Turns'],
          rows: Object.keys(reasons).map(function (k) { return [k, reasons[k]]; }) };
      } },
    { key: 'safety', title: 'Safety', chart: 'Injection attempts', value: function (r) { return num(r.injectionAttempts); }, percent: false,
      figures: function (m) {
        return [['Injection attempts', m.injectionAttempts], ['Neutralised at the input', m.neutralised],
          ['Caught at the output', m.caughtAtOutput], ['Prompt leaks blocked', m.promptLeaksBlocked],
          ['Off-topic refusals', m.offTopicRefusals], ['Hostile refusals', m.hostileRefusals]];
      },
      table: null },
    { key: 'fairness', title: 'Fairness', chart: 'Largest brand disparity', percent: false,
      value: function (r) {
        var best = null;
        (r.brands || []).forEach(function (b) { var d = num(b.disparity); if (d !== null && (best === null || d > best)) best = d; });
        return best;
      },
      figures: function (m) {
        var p = m.profileFeatures || {};
        return [['Search turns measured', m.turns], ['Flagged groups', (m.flagged || []).length],
          ['Profile features deciding alone', p.status === 'not_applicable' ? 'not applicable (no profile features yet)'
            : p.decidedAlone + ' of ' + p.pairsWithProfileFeatures + ' pairs (' + pct(p.decidedAloneRate) + ')']];
      },
      table: function (m) {
        return { caption: 'Exposure against the share of relevant candidates (flagged outside ' + ratio(m.under) + ' to ' + ratio(m.over) + ')',
          columns: ['Group', 'Shown', 'Expected', 'Disparity', 'Turns', 'Flag'],
          rows: (m.brands || []).concat(m.priceBands || []).map(function (r) {
            return [(r.dimension === 'brand' ? 'brand ' : 'price ') + (r.value || '(none)'), r.shown, ratio(r.expected),
              ratio(r.disparity), r.turns, r.flag ? (r.flag === 'over' ? 'over-exposed' : 'under-exposed') : ''];
          }) };
      } }
  ];

  function svg(name, attrs) {
    var n = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }

  /** A line chart of spec.value over days, one line per explainer and prompt version. */
  function chart(spec, series) {
    var W = 520, H = 180, L = 44, R = 10, T = 10, B = 28;
    var days = [];
    var lines = {};
    (series || []).forEach(function (r) {
      if (days.indexOf(r.day) < 0) days.push(r.day);
      var who = r.explainer + ' / ' + (r.promptVersion === 'none' ? 'no prompt' : 'prompt ' + r.promptVersion);
      (lines[who] = lines[who] || []).push(r);
    });
    days.sort();
    var values = [];
    Object.keys(lines).forEach(function (k) { lines[k].forEach(function (r) { var v = spec.value(r); if (v !== null) values.push(v); }); });
    var max = spec.percent ? 1 : Math.max(1, Math.max.apply(null, values.concat([0])));
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'class': 'ac-chart', 'data-measure': spec.key });
    var label = spec.chart + ' per day' + (values.length ? '' : ': no data yet');
    root.appendChild(svg('title', {})).textContent = label;
    root.setAttribute('aria-label', label);
    var x = function (day) { return days.length < 2 ? L + (W - L - R) / 2 : L + days.indexOf(day) * (W - L - R) / (days.length - 1); };
    var y = function (v) { return T + (1 - v / max) * (H - T - B); };
    [0, 0.5, 1].forEach(function (f) {
      root.appendChild(svg('line', { x1: L, x2: W - R, y1: y(f * max), y2: y(f * max), 'class': 'ac-chart-grid' }));
      var t = root.appendChild(svg('text', { x: L - 6, y: y(f * max) + 4, 'text-anchor': 'end', 'class': 'ac-chart-axis' }));
      t.textContent = spec.percent ? Math.round(f * 100) + '%' : String(Math.round(f * max * 100) / 100);
    });
    days.forEach(function (d, i) {
      if (days.length > 8 && i % Math.ceil(days.length / 8)) return;
      var t = root.appendChild(svg('text', { x: x(d), y: H - 8, 'text-anchor': 'middle', 'class': 'ac-chart-axis' }));
      t.textContent = d.slice(5);
    });
    var legend = el('ul', 'ac-chart-legend');
    Object.keys(lines).sort().forEach(function (who, i) {
      var colour = COLOURS[i % COLOURS.length];
      var pts = lines[who].filter(function (r) { return spec.value(r) !== null; })
        .sort(function (a, b) { return a.day < b.day ? -1 : 1; });
      if (!pts.length) return;
      root.appendChild(svg('polyline', { points: pts.map(function (r) { return x(r.day) + ',' + y(spec.value(r)); }).join(' '),
        fill: 'none', stroke: colour, 'stroke-width': 2, 'class': 'ac-chart-line', 'data-series': who }));
      pts.forEach(function (r) {
        var c = root.appendChild(svg('circle', { cx: x(r.day), cy: y(spec.value(r)), r: 3.5, fill: colour, 'class': 'ac-chart-point' }));
        c.appendChild(svg('title', {})).textContent = who + ', ' + r.day + ': '
          + (spec.percent ? pct(spec.value(r)) : ratio(spec.value(r)));
      });
      var li = legend.appendChild(el('li'));
      var swatch = li.appendChild(el('span', 'ac-chart-swatch'));
      swatch.style.background = colour;
      li.appendChild(el('span', null, who));
    });
    var wrap = el('figure', 'ac-chart-wrap');
    wrap.appendChild(root);
    wrap.appendChild(legend);
    return wrap;
  }

  function table(t) {
    var box = el('table', 'ac-table');
    box.appendChild(el('caption', null, t.caption));
    var head = el('tr');
    t.columns.forEach(function (c) { var th = el('th', null, c); th.scope = 'col'; head.appendChild(th); });
    box.appendChild(el('thead')).appendChild(head);
    var body = box.appendChild(el('tbody'));
    if (!t.rows.length) {
      var td = body.appendChild(el('tr')).appendChild(el('td', 'ac-muted', 'Nothing yet.'));
      td.colSpan = t.columns.length;
    }
    t.rows.forEach(function (r) {
      var tr = body.appendChild(el('tr'));
      r.forEach(function (v) { tr.appendChild(el('td', null, v === null || v === undefined ? '–' : String(v))); });
    });
    return box;
  }

  function download(measure) {
    var a = window.GlasscartAgentApi;
    var days = $('ac-trust-days').value;
    return fetch('/api/metrics/trust/' + measure + '.csv?days=' + encodeURIComponent(days),
      { headers: { Authorization: 'Bearer ' + a.token() } }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.blob();
    }).then(function (blob) {
      var link = el('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'glasscart-trust-' + measure + '.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
      a.status('Downloaded the ' + measure + ' measure as CSV.');
    }).catch(a.failed('download the ' + measure + ' CSV'));
  }

  function render(json) {
    var box = $('ac-trust-measures');
    box.replaceChildren();
    MEASURES.forEach(function (spec) {
      var m = json[spec.key] || {};
      var section = el('section', 'ac-panel ac-measure');
      section.setAttribute('data-measure', spec.key);
      section.setAttribute('aria-labelledby', 'ac-measure-' + spec.key);
      var h = section.appendChild(el('h3', null, spec.title));
      h.id = 'ac-measure-' + spec.key;
      var dl = section.appendChild(el('dl', 'ac-figures'));
      spec.figures(m).forEach(function (f) {
        dl.appendChild(el('dt', null, f[0]));
        dl.appendChild(el('dd', null, f[1] === undefined || f[1] === null ? '–' : String(f[1])));
      });
      section.appendChild(chart(spec, m.series));
      if (spec.table) section.appendChild(table(spec.table(m)));
      var csv = section.appendChild(el('button', 'ac-csv', 'Download ' + spec.title.toLowerCase() + ' CSV'));
      csv.type = 'button';
      csv.addEventListener('click', function () { download(spec.key); });
      box.appendChild(section);
    });
  }

  function load() {
    var a = window.GlasscartAgentApi;
    return a.api('/api/metrics/trust?days=' + encodeURIComponent($('ac-trust-days').value)).then(function (json) {
      render(json || {});
      a.status('Trust measures over ' + json.window.days + ' days: ' + json.window.turns + ' turns, ' + json.window.feedback + ' feedback.');
    }).catch(a.failed('load the trust measures'));
  }

  function show(trust) {
    $('ac-main').hidden = trust;
    $('ac-trust-page').hidden = !trust;
    $('ac-page-trust').setAttribute('aria-pressed', String(trust));
    $('ac-page-conversations').setAttribute('aria-pressed', String(!trust));
    if (trust) {
      load();
      $('ac-trust-page-heading').focus();
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('ac-page-trust').addEventListener('click', function () { show(true); });
    $('ac-page-conversations').addEventListener('click', function () { show(false); });
    $('ac-trust-reload').addEventListener('click', load);
    $('ac-trust-days').addEventListener('change', load);
  });
})();

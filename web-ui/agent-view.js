// Glasscart agent console: renders one conversation's decision path, and derives a replay
// transcript from it. Used by agent.js as window.GlasscartAgentView. textContent only.
(function () {
  'use strict';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function num(v) { return typeof v === 'number' && isFinite(v) ? v : null; }
  function money(v, currency) { var n = num(v); return n === null ? '' : n.toFixed(2) + (currency ? ' ' + currency : ''); }
  function ms(v) { var n = num(v); return n === null ? '–' : Math.round(n) + ' ms'; }

  /** A definition list from [label, value] pairs, skipping empty values. */
  function facts(pairs) {
    var dl = el('dl', 'ac-facts');
    pairs.forEach(function (p) {
      if (p[1] === undefined || p[1] === null || p[1] === '') return;
      dl.appendChild(el('dt', null, p[0]));
      dl.appendChild(el('dd', null, p[1]));
    });
    return dl;
  }

  function section(parent, title) {
    var s = el('section', 'ac-step');
    s.appendChild(el('h4', null, title));
    parent.appendChild(s);
    return s;
  }

  function understanding(parent, u, turn) {
    var s = section(parent, 'Understanding');
    u = u || {};
    s.appendChild(facts([['Query', u.query || '(empty)'], ['Intent', u.intent]]));
    var cs = Array.isArray(u.constraints) ? u.constraints : [];
    if (!cs.length) { s.appendChild(el('p', 'ac-muted', 'No constraints.')); return; }
    var ul = el('ul', 'ac-chips');
    ul.setAttribute('aria-label', 'Constraints');
    cs.forEach(function (c) {
      var li = el('li', 'ac-chip' + (c.turn !== turn ? ' ac-chip-carried' : ''));
      li.dataset.kind = c.kind || '';
      li.appendChild(el('span', 'ac-chip-label', c.label || (c.kind + ' ' + c.value)));
      li.appendChild(el('span', 'ac-chip-turn', c.turn === turn ? 'this turn' : 'from turn ' + c.turn));
      ul.appendChild(li);
    });
    s.appendChild(ul);
  }

  function candidates(parent, items) {
    var s = section(parent, 'Ranked candidates');
    if (!items.length) { s.appendChild(el('p', 'ac-muted', 'No results were shown.')); return; }
    var maxAbs = 0;
    items.forEach(function (it) {
      (it.contributions || []).forEach(function (c) { maxAbs = Math.max(maxAbs, Math.abs(num(c.value) || 0)); });
    });
    maxAbs = maxAbs || 1;
    var ol = el('ol', 'ac-cands');
    items.forEach(function (it) {
      var li = el('li', 'ac-cand');
      var head = li.appendChild(el('div', 'ac-cand-head'));
      head.appendChild(el('span', 'ac-rank', '#' + it.rank));
      head.appendChild(el('span', 'ac-cand-title', it.title));
      head.appendChild(el('span', 'ac-score', 'score ' + (num(it.score) === null ? '–' : it.score.toFixed(3))));
      li.appendChild(el('p', 'ac-muted ac-cand-meta', [it.productId, it.brand, it.category, money(it.price, it.currency),
        num(it.rating) === null ? '' : '★ ' + it.rating.toFixed(1), it.inStock === false ? 'out of stock' : '']
        .filter(Boolean).join(' · ')));
      var bars = el('ul', 'ac-bars');
      bars.setAttribute('aria-label', 'Score contributions for ' + it.title);
      (it.contributions || []).forEach(function (c) {
        var v = num(c.value) || 0;
        var row = el('li', 'ac-bar-row');
        row.appendChild(el('span', 'ac-bar-label', c.label || c.feature));
        var track = row.appendChild(el('span', 'ac-bar-track'));
        track.setAttribute('aria-hidden', 'true');
        var bar = track.appendChild(el('span', 'ac-bar ' + (v < 0 ? 'ac-bar-neg' : 'ac-bar-pos')));
        bar.style.width = (Math.abs(v) / maxAbs * 50).toFixed(2) + '%';
        row.appendChild(el('span', 'ac-bar-value', (v >= 0 ? '+' : '') + v.toFixed(3)));
        bars.appendChild(row);
      });
      li.appendChild(bars);
      ol.appendChild(li);
    });
    s.appendChild(ol);
  }

  function explanation(parent, t, d) {
    var s = section(parent, 'Explanation');
    s.appendChild(el('p', 'ac-explanation', t.explanation || '(no explanation text)'));
    var badges = el('p', 'ac-badges');
    badges.appendChild(el('span', 'ac-badge', 'explainer: ' + (t.explainer || '?')));
    if (d.promptVersion) badges.appendChild(el('span', 'ac-badge', 'prompt ' + d.promptVersion));
    if (d.fallback) badges.appendChild(el('span', 'ac-badge ac-badge-warn', 'fell back: ' + d.fallback));
    if (d.cancelled) badges.appendChild(el('span', 'ac-badge ac-badge-warn', 'cancelled by the shopper'));
    if (d.explainerError) badges.appendChild(el('span', 'ac-badge ac-badge-warn', 'explainer error: ' + d.explainerError));
    s.appendChild(badges);
    if (d.note) s.appendChild(el('p', 'ac-muted', 'Note: ' + d.note));
  }

  function grounding(parent, g) {
    var s = section(parent, 'Grounding');
    if (!g) { s.appendChild(el('p', 'ac-muted', 'Not checked (the built-in explainer only states facts from the evidence).')); return; }
    s.appendChild(el('p', 'ac-grounding-counts', g.sentencesChecked + ' sentences checked, ' + g.sentencesDropped
      + ' dropped; ' + g.supported + ' of ' + g.claims + ' claims supported.'));
    var dropped = Array.isArray(g.dropped) ? g.dropped : [];
    if (dropped.length) {
      var ul = el('ul', 'ac-dropped');
      ul.setAttribute('aria-label', 'Dropped sentences');
      dropped.forEach(function (x) { ul.appendChild(el('li', null, x)); });
      s.appendChild(ul);
    }
  }

  function modelIo(parent, d) {
    if (d.prompt) {
      var p = el('details', 'ac-io');
      p.appendChild(el('summary', null, 'Prompt sent (' + (d.prompt.template || 'template') + ', version ' + (d.prompt.version || '?') + ')'));
      p.appendChild(el('h5', null, 'System'));
      p.appendChild(el('pre', null, d.prompt.system));
      p.appendChild(el('h5', null, 'User'));
      p.appendChild(el('pre', null, d.prompt.user));
      parent.appendChild(p);
    }
    if (d.rawModelOutput) {
      var r = el('details', 'ac-io');
      r.appendChild(el('summary', null, 'Raw model output (before grounding)'));
      r.appendChild(el('pre', null, d.rawModelOutput));
      parent.appendChild(r);
    }
  }

  function feedbackFor(parent, list) {
    var s = section(parent, 'Feedback');
    if (!list.length) { s.appendChild(el('p', 'ac-muted', 'None given.')); return; }
    var ul = el('ul', 'ac-feedback');
    list.forEach(function (f) {
      var li = el('li', f.helpful ? 'ac-fb-up' : 'ac-fb-down');
      li.textContent = (f.helpful ? 'Helpful' : 'Not helpful') + (f.productId ? ' · ' + f.productId : ' · whole answer')
        + (f.reason ? ' · “' + f.reason + '”' : '');
      ul.appendChild(li);
    });
    s.appendChild(ul);
  }

  function renderConversation(c, box, meta) {
    box.replaceChildren();
    var turns = c.turns || [];
    var fb = Array.isArray(c.feedback) ? c.feedback : [];
    meta.textContent = 'Conversation ' + c.conversationId + ' · ' + turns.length + (turns.length === 1 ? ' turn' : ' turns');
    turns.forEach(function (t) {
      var d = t.details || {};
      var art = el('article', 'ac-turn');
      art.dataset.turn = t.turn;
      var h = art.appendChild(el('h3', null, 'Turn ' + t.turn));
      h.appendChild(el('span', 'ac-muted ac-when', ' ' + (t.createdAt ? new Date(t.createdAt).toLocaleString() : '')));
      // the id the server's logs give this turn: search the logs for it
      if (t.turnId) h.appendChild(el('code', 'ac-muted ac-turn-id', ' ' + t.turnId)).title = 'turn id in the server logs';
      art.appendChild(el('p', 'ac-user', t.userText));
      understanding(art, t.understanding, t.turn);
      candidates(art, Array.isArray(t.results) ? t.results : []);
      explanation(art, t, d);
      grounding(art, d.grounding);
      modelIo(art, d);
      var tm = t.timings || {};
      section(art, 'Timings').appendChild(facts([['Results', ms(tm.resultsMs)], ['First token', ms(tm.firstTokenMs)], ['Total', ms(tm.totalMs)]]));
      feedbackFor(art, fb.filter(function (f) { return f.turn === t.turn; }));
      box.appendChild(art);
    });
  }

  /**
   * The replay format of `./glasscart replay`: {"name","turns":[{"user","expect"}]}, expectations
   * taken from what happened. Constraint-removal turns (stored as "(removed: ...)") are left out:
   * they were not typed by the shopper.
   */
  function replayTranscript(c) {
    var turns = (c.turns || []).filter(function (t) { return !/^\(removed: /.test(t.userText || ''); });
    var first = turns.length ? turns[0].userText : '';
    return {
      name: 'conversation ' + String(c.conversationId).slice(0, 8) + (first ? ': ' + first.slice(0, 60) : ''),
      turns: turns.map(function (t) {
        var results = Array.isArray(t.results) ? t.results : [];
        var expect = {};
        if (results.length) {
          expect.minResults = 1;
          expect.topResult = { id: results[0].productId };
        } else {
          expect.maxResults = 0;
        }
        if (t.explainer) expect.explainer = t.explainer;
        var cs = (t.understanding && Array.isArray(t.understanding.constraints)) ? t.understanding.constraints : [];
        expect.constraints = cs.map(function (x) { return { kind: x.kind, value: x.value }; });
        return { user: t.userText, expect: expect };
      }),
    };
  }

  // el and num are shared with agent.js (loaded after this file) so the console has one copy of each
  window.GlasscartAgentView = { renderConversation: renderConversation, replayTranscript: replayTranscript, el: el, num: num };
})();

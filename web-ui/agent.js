// Glasscart agent console (/agent). Plain JavaScript, no build. Every piece of data goes into the
// page with textContent, never as markup. The agent token lives in sessionStorage and is sent as
// "Authorization: Bearer <token>" to the agent API (docs/protocol.md).
(function () {
  'use strict';

  var TOKEN_KEY = 'glasscart.agentToken';
  var PAGE_SIZE = 20;
  var state = { q: '', offset: 0, conversation: null };

  function $(id) { return document.getElementById(id); }

  var el = window.GlasscartAgentView.el; // textContent-only element builder (agent-view.js)
  var num = window.GlasscartAgentView.num;
  function fixed(v, digits) { var n = num(v); return n === null ? '–' : n.toFixed(digits); }
  function when(iso) {
    var d = iso ? new Date(iso) : null;
    return d && !isNaN(d) ? d.toLocaleString() : '';
  }

  // ---- token and API ------------------------------------------------------------------------

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function status(text) { $('ac-status').textContent = text || ''; }

  function alertMessage(text) {
    var a = $('ac-alert');
    a.textContent = text || '';
    a.hidden = !text;
  }

  /** Thrown when the server answers 401: the token is forgotten and the sign-in form shown. */
  function TokenRejected() { this.message = 'token rejected'; }

  function api(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' } })
      .then(function (res) {
        if (res.status === 401) {
          signOut();
          alertMessage('Token rejected: the server did not accept this agent token. Check it and sign in again.');
          throw new TokenRejected();
        }
        return res.text().then(function (body) {
          var json = null;
          try { json = body ? JSON.parse(body) : null; } catch (e) { /* not JSON */ }
          if (!res.ok) {
            var msg = json && json.error && json.error.message ? json.error.message : 'HTTP ' + res.status;
            throw new Error(msg);
          }
          return json;
        });
      });
  }

  function failed(what) {
    return function (e) {
      if (e instanceof TokenRejected) return;
      alertMessage('Could not ' + what + ': ' + (e && e.message ? e.message : e));
    };
  }

  function showSignedIn(yes) {
    if (!yes && $('ac-trust-page')) $('ac-trust-page').hidden = true;
    $('ac-login').hidden = yes;
    $('ac-session').hidden = !yes;
    $('ac-main').hidden = !yes;
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    state.conversation = null;
    $('ac-list').replaceChildren();
    $('ac-turns').replaceChildren();
    $('ac-trust').replaceChildren();
    $('ac-export').disabled = true;
    showSignedIn(false);
    $('ac-token').value = '';
    $('ac-token').focus();
  }

  function signIn(value) {
    sessionStorage.setItem(TOKEN_KEY, value);
    alertMessage('');
    showSignedIn(true);
    loadList().then(function (ok) { if (ok) $('ac-q').focus(); });
    loadTrust();
  }

  // ---- conversation list ---------------------------------------------------------------------

  function loadList() {
    status('Loading conversations…');
    var query = '?limit=' + (PAGE_SIZE + 1) + '&offset=' + state.offset + (state.q ? '&q=' + encodeURIComponent(state.q) : '');
    return api('/api/conversations' + query).then(function (json) {
      var items = (json && json.items) || [];
      var more = items.length > PAGE_SIZE;
      renderList(items.slice(0, PAGE_SIZE));
      $('ac-prev').disabled = state.offset === 0;
      $('ac-next').disabled = !more;
      var page = Math.floor(state.offset / PAGE_SIZE) + 1;
      $('ac-page').textContent = 'Page ' + page;
      status(items.length ? '' : state.q ? 'No conversation mentions “' + state.q + '”.' : 'No conversations yet.');
      return true;
    }).catch(function (e) { failed('load conversations')(e); return false; });
  }

  function renderList(items) {
    var list = $('ac-list');
    list.replaceChildren();
    items.forEach(function (c) {
      var li = el('li');
      var b = el('button', 'ac-conv');
      b.type = 'button';
      b.dataset.id = c.conversationId;
      b.appendChild(el('span', 'ac-conv-first', c.firstMessage || '(no text)'));
      if (c.lastMessage && c.lastMessage !== c.firstMessage) b.appendChild(el('span', 'ac-conv-last', '… ' + c.lastMessage));
      b.appendChild(el('span', 'ac-conv-meta', c.turns + (c.turns === 1 ? ' turn · ' : ' turns · ') + when(c.updatedAt)));
      if (state.conversation && state.conversation.conversationId === c.conversationId) b.setAttribute('aria-current', 'true');
      b.addEventListener('click', function () { openConversation(c.conversationId); });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  // ---- one conversation ----------------------------------------------------------------------

  function openConversation(id) {
    status('Loading conversation…');
    return api('/api/conversations/' + encodeURIComponent(id)).then(function (json) {
      state.conversation = json;
      Array.prototype.forEach.call(document.querySelectorAll('.ac-conv'), function (b) {
        if (b.dataset.id === id) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
      });
      window.GlasscartAgentView.renderConversation(json, $('ac-turns'), $('ac-detail-meta'));
      $('ac-export').disabled = !json.turns || !json.turns.length;
      status('');
      $('ac-detail-heading').focus();
    }).catch(failed('open the conversation'));
  }

  // ---- trust panel ---------------------------------------------------------------------------

  function loadTrust() {
    return api('/api/metrics/trust').then(function (json) {
      var rows = (json && json.items) || [];
      var box = $('ac-trust');
      box.replaceChildren();
      if (!rows.length) { box.appendChild(el('p', 'ac-muted', 'No feedback yet.')); return; }
      var table = el('table', 'ac-table');
      table.appendChild(el('caption', 'ac-visually-hidden', 'Helpful rate by explainer, prompt version and day'));
      var head = el('tr');
      ['Day', 'Explainer and prompt', 'Helpful'].forEach(function (h) {
        var th = el('th', null, h); th.scope = 'col'; head.appendChild(th);
      });
      table.appendChild(el('thead')).appendChild(head);
      var body = table.appendChild(el('tbody'));
      rows.forEach(function (r) {
        var tr = el('tr');
        tr.appendChild(el('td', 'ac-nowrap', r.day));
        var who = tr.appendChild(el('td'));
        who.appendChild(el('span', 'ac-trust-explainer', r.explainer));
        who.appendChild(el('span', 'ac-muted ac-trust-prompt', r.promptVersion ? 'prompt ' + r.promptVersion : 'no prompt'));
        var rate = el('td', 'ac-num');
        var meter = el('span', 'ac-rate');
        meter.setAttribute('aria-hidden', 'true');
        var fill = meter.appendChild(el('span', 'ac-rate-fill'));
        fill.style.width = Math.max(0, Math.min(100, (num(r.rate) || 0) * 100)).toFixed(1) + '%';
        rate.appendChild(meter);
        rate.appendChild(el('span', 'ac-nowrap', fixed((num(r.rate) || 0) * 100, 0) + '%'));
        rate.appendChild(el('span', 'ac-muted ac-trust-count', r.helpful + ' of ' + r.total));
        tr.appendChild(rate);
        body.appendChild(tr);
      });
      box.appendChild(table);
    }).catch(failed('load the trust metrics'));
  }

  // ---- export --------------------------------------------------------------------------------

  function exportTranscript() {
    var c = state.conversation;
    if (!c) return;
    var transcript = window.GlasscartAgentView.replayTranscript(c);
    var blob = new Blob([JSON.stringify(transcript, null, 2) + '\n'], { type: 'application/json' });
    var a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'glasscart-replay-' + c.conversationId + '.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    var skipped = (c.turns || []).length - transcript.turns.length;
    status('Exported ' + transcript.turns.length + ' turn' + (transcript.turns.length === 1 ? '' : 's') + ' as a replay transcript'
      + (skipped ? ' (' + skipped + ' constraint-removal turn' + (skipped === 1 ? '' : 's') + ' left out).' : '.'));
  }

  // the Trust page (agent-trust.js) reads the same token-protected API
  window.GlasscartAgentApi = { api: api, failed: failed, token: token, status: status };

  // ---- wiring --------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', function () {
    $('ac-login').addEventListener('submit', function (e) {
      e.preventDefault();
      var v = $('ac-token').value.trim();
      if (v) signIn(v);
    });
    $('ac-logout').addEventListener('click', function () { alertMessage(''); status('Signed out.'); signOut(); });
    $('ac-search').addEventListener('submit', function (e) {
      e.preventDefault();
      state.q = $('ac-q').value.trim();
      state.offset = 0;
      loadList();
    });
    $('ac-prev').addEventListener('click', function () { state.offset = Math.max(0, state.offset - PAGE_SIZE); loadList(); });
    $('ac-next').addEventListener('click', function () { state.offset += PAGE_SIZE; loadList(); });
    $('ac-trust-refresh').addEventListener('click', loadTrust);
    $('ac-export').addEventListener('click', exportTranscript);
    if (token()) signIn(token()); else showSignedIn(false);
  });
})();

/*
 * Glasscart shopper widget. Embed with
 *   <div id="glasscart"></div>   (optional: created at the end of <body> when absent)
 *   <script src="https://shop.example/glasscart/widget.js" data-glasscart-server="https://assistant.example"></script>
 * data-glasscart-server defaults to the origin widget.js was loaded from; widget.css is loaded from
 * next to widget.js. Speaks the WebSocket protocol in docs/protocol.md.
 * A shop with logged-in customers may add data-glasscart-customer="<its own customer id>": the
 * server keeps only a keyed hash of it, and the shopper's profile follows them across devices.
 * Otherwise the server issues an anonymous shopper token, kept in localStorage.
 *
 * Security: every piece of catalog and model text is put into the page with textContent /
 * createElement only (never innerHTML); image URLs are used only when they are http(s).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var STORAGE_KEY = 'glasscart.conversationId';
  var TOKEN_KEY = 'glasscart.resumeToken';
  var SHOPPER_KEY = 'glasscart.shopper'; // {token, customer}: the token and whose it is
  var BACKOFF_MIN_MS = 500;
  var BACKOFF_MAX_MS = 15000;

  // ---------- the widget's own words, in English and Chinese ----------

  var STRINGS = {
    en: {
      chartTitle: 'How the score{0} adds up', wrong: 'Wrong?', wrongTitle: 'This reason is wrong',
      wrongLabel: 'This reason is wrong: {0}', noted: 'Noted', noBreakdown: 'No breakdown available for this product.',
      inStock: 'In stock', outOfStock: 'Out of stock', why: 'Why this?', rated: 'rated {0} out of 5', reviews: ', {0} reviews',
      remove: 'Remove {0}', understood: 'What I understood', recommended: 'Recommended products', answer: 'Assistant answer',
      noMatch: 'No matching products.', sideBySide: 'Side by side', stopped: 'Stopped.', wasHelpful: 'Was this explanation helpful?',
      helpfulQ: 'Helpful?', helpful: 'Helpful', notHelpful: 'Not helpful', thanks: 'Thanks for the feedback.',
      dropped: 'The connection dropped before this answer finished.', failed: 'Something went wrong.',
      connected: 'Connected', connecting: 'Connecting\u2026', offline: 'Offline \u2014 reconnecting in {0} s',
      widget: 'Glasscart shopping assistant', heading: 'Shopping assistant', conversation: 'Conversation',
      intro: 'Tell me what you are looking for \u2014 for example \u201ca red summer dress under 50\u201d. I will show products and explain why each one fits.',
      yourMessage: 'Your message', placeholder: 'Ask for a product\u2026', send: 'Send', stop: 'Stop', stopLabel: 'Stop the answer (Escape)',
      without: 'Without \u201c{0}\u201d', expired: 'Your earlier conversation has expired; starting a new one.',
      launcher: 'Ask the shopping assistant', close: 'Close assistant',
      goesWith: 'Goes with:', similar: 'Similar:',
      mePanel: 'Your preferences and data', meHeading: 'Your preferences',
      meAbout: 'What I learned from what you asked for, opened and rated. It fades over time (half every 30 days) and only changes the order of results.',
      meClear: 'Clear preferences', meDownload: 'Download my data', meDelete: 'Delete my data', meDeleteConfirm: 'Yes, delete everything',
      meLiked: 'You liked {0}', meRuledOut: 'You ruled out {0}', kindBrand: 'brand', kindCategory: 'category', kindStyle: 'style',
      mePriceRange: 'Your usual price range: {0}', upTo: 'up to {0}', from: 'from {0}',
      meNothingLearned: 'Nothing learned about your taste yet.', meConversation: '{0} conversation stored.', meConversations: '{0} conversations stored.',
      meNothingYet: 'Nothing is stored about you yet.', meNothing: 'Nothing is stored about you.', loading: 'Loading\u2026',
      meLoadFailed: 'Your preferences could not be loaded; try again.', meCleared: 'Your preferences were cleared.',
      meClearFailed: 'Your preferences could not be cleared; try again.', meDownloaded: 'Your data was downloaded.',
      meDownloadFailed: 'Your data could not be downloaded; try again.',
      meDeleteAsk: 'This deletes your preferences and every conversation stored about you. Click again to confirm.',
      meDeleted: 'Your data was deleted. Nothing about you is stored now.', meDeleteFailed: 'Your data could not be deleted; try again.'
    },
    zh: {
      chartTitle: '得分{0}的构成', wrong: '不对？', wrongTitle: '这个理由不对',
      wrongLabel: '这个理由不对：{0}', noted: '已记录', noBreakdown: '这件商品暂无得分明细。',
      inStock: '有货', outOfStock: '缺货', why: '为什么推荐？', rated: '评分 {0}（满分 5）', reviews: '，{0} 条评价',
      remove: '移除\u201c{0}\u201d', understood: '我理解的条件', recommended: '推荐的商品', answer: '助手的回答',
      noMatch: '没有符合条件的商品。', sideBySide: '并排比较', stopped: '已停止。', wasHelpful: '这个解释有帮助吗？',
      helpfulQ: '有帮助吗？', helpful: '有帮助', notHelpful: '没有帮助', thanks: '感谢您的反馈。',
      dropped: '回答完成前连接断开了。', failed: '出错了。',
      connected: '已连接', connecting: '正在连接\u2026', offline: '已离线，{0} 秒后重新连接',
      widget: 'Glasscart 购物助手', heading: '购物助手', conversation: '对话',
      intro: '告诉我您想找什么，例如\u201c两百元以内的红色连衣裙\u201d。我会展示商品，并说明每一件为什么合适。',
      yourMessage: '您的消息', placeholder: '想找什么商品？', send: '发送', stop: '停止', stopLabel: '停止回答（Esc）',
      without: '去掉\u201c{0}\u201d', expired: '之前的对话已过期，已开始新的对话。',
      launcher: '问问购物助手', close: '关闭助手',
      goesWith: '搭配：', similar: '相似：',
      mePanel: '您的偏好和数据', meHeading: '您的偏好',
      meAbout: '这是我从您的搜索、查看和评价中了解到的。它会随时间淡化（每 30 天减半），只影响结果的排序。',
      meClear: '清除偏好', meDownload: '下载我的数据', meDelete: '删除我的数据', meDeleteConfirm: '确定，全部删除',
      meLiked: '您喜欢 {0}', meRuledOut: '您排除了 {0}', kindBrand: '品牌', kindCategory: '品类', kindStyle: '风格',
      mePriceRange: '您常选的价格区间：{0}', upTo: '{0} 以内', from: '{0} 起',
      meNothingLearned: '还没有了解到您的喜好。', meConversation: '已保存 {0} 个对话。', meConversations: '已保存 {0} 个对话。',
      meNothingYet: '目前没有保存关于您的任何信息。', meNothing: '没有保存关于您的任何信息。', loading: '正在加载\u2026',
      meLoadFailed: '无法加载您的偏好，请重试。', meCleared: '您的偏好已清除。',
      meClearFailed: '无法清除您的偏好，请重试。', meDownloaded: '您的数据已下载。',
      meDownloadFailed: '无法下载您的数据，请重试。',
      meDeleteAsk: '这会删除您的偏好以及保存的所有对话。再次点击以确认。',
      meDeleted: '您的数据已删除，现在不再保存关于您的任何信息。', meDeleteFailed: '无法删除您的数据，请重试。'
    }
  };

  /** The widget's words for {@code key} in {@code lang} ('en' or 'zh'), {0} replaced by {@code arg}. */
  function say(lang, key, arg) {
    var table = STRINGS[lang] || STRINGS.en;
    var text = table[key] !== undefined ? table[key] : STRINGS.en[key];
    return arg === undefined ? text : text.replace('{0}', String(arg));
  }

  /** The page's language from its lang attribute: 'zh' for zh, zh-CN, zh-Hans...; else 'en'. */
  function pageLanguage() {
    var lang = (document.documentElement.getAttribute('lang') || '').toLowerCase();
    return /^zh\b/.test(lang) ? 'zh' : 'en';
  }

  /**
   * The language a shopper wrote in, as the server reads it (query/Language): Chinese when CJK
   * characters are at least 40% of the units (one per CJK character, one per Latin word); null
   * for a text without letters (then the widget keeps its language).
   */
  function messageLanguage(text) {
    var cjk = (String(text).match(/[\u3400-\u9fff\uf900-\ufaff]/g) || []).length;
    var words = (String(text).match(/[A-Za-z\u00c0-\u024f]+/g) || []).length;
    if (cjk + words === 0) return null;
    return cjk / (cjk + words) >= 0.4 ? 'zh' : 'en';
  }

  // ---------- small DOM helpers (text only, never HTML) ----------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, label) {
    var b = el('button', className, text);
    b.type = 'button';
    if (label) b.setAttribute('aria-label', label);
    return b;
  }

  function safeImageUrl(raw) {
    if (typeof raw !== 'string' || raw === '') return null;
    try {
      var u = new URL(raw, document.baseURI);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function num(v) {
    var n = Number(v);
    return typeof v === 'number' && isFinite(n) ? n : null;
  }

  /**
   * A price in its own currency, as a reader of {@code lang} writes it: for Chinese the zh-CN
   * format ("¥1,299.00" for yuan; dollars stay dollars, "US$49.99").
   */
  function formatPrice(price, currency, lang) {
    var p = num(price);
    if (p === null) return '';
    var cur = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : 'USD';
    try {
      return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : (navigator.language || 'en'), { style: 'currency', currency: cur }).format(p);
    } catch (e) {
      return p.toFixed(2) + ' ' + cur;
    }
  }

  function signed(v) {
    var n = num(v) || 0;
    return (n >= 0 ? '+' : '\u2212') + Math.abs(n).toFixed(2);
  }

  // ---------- configuration ----------

  function serverBase() {
    var configured = script && script.getAttribute('data-glasscart-server');
    var fallback = script && script.src ? script.src : location.href;
    try {
      return new URL(configured || fallback, location.href);
    } catch (e) {
      return new URL(location.href);
    }
  }

  function socketUrl() {
    var base = serverBase();
    var proto = base.protocol === 'https:' ? 'wss:' : 'ws:';
    return proto + '//' + base.host + '/ws/chat';
  }

  function loadStylesheet() {
    if (!script || !script.src || document.querySelector('link[data-glasscart-css]')) return;
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('widget.css', script.src).href;
    link.setAttribute('data-glasscart-css', '');
    document.head.appendChild(link);
  }

  // the conversation id and the secret that lets this tab (and only it) resume that conversation
  function storedConversation() {
    try {
      return { id: sessionStorage.getItem(STORAGE_KEY), token: sessionStorage.getItem(TOKEN_KEY) };
    } catch (e) {
      return { id: null, token: null };
    }
  }

  function storeConversation(id, token) {
    try {
      if (id) sessionStorage.setItem(STORAGE_KEY, id);
      else sessionStorage.removeItem(STORAGE_KEY);
      if (id && token) sessionStorage.setItem(TOKEN_KEY, token);
      else if (!id) sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      /* storage disabled: the conversation lasts as long as the socket */
    }
  }

  function customerId() {
    var id = script && script.getAttribute('data-glasscart-customer');
    return id && id.trim() ? id.trim() : null;
  }

  // the shopper token (localStorage: it outlives the tab) if it was issued for this customer
  function storedShopperToken() {
    try {
      var s = JSON.parse(localStorage.getItem(SHOPPER_KEY) || 'null');
      return s && typeof s.token === 'string' && (s.customer || null) === customerId() ? s.token : null;
    } catch (e) {
      return null;
    }
  }

  function storeShopperToken(token) {
    try {
      if (token) localStorage.setItem(SHOPPER_KEY, JSON.stringify({ token: token, customer: customerId() }));
      else localStorage.removeItem(SHOPPER_KEY);
    } catch (e) {
      /* storage disabled: the shopper is anonymous per conversation */
    }
  }

  function apiUrl(path) {
    var base = serverBase();
    return base.protocol + '//' + base.host + path;
  }

  // ---------- connection: one socket, reconnect with backoff ----------

  function Connection(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.socket = null;
    this.attempt = 0;
    this.timer = null;
    this.queue = [];
  }

  Connection.prototype.open = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = null;
    var ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.socket = ws;
    this.handlers.onState('connecting');
    ws.onopen = function () {
      if (self.socket !== ws) return;
      self.attempt = 0;
      self.handlers.onOpen();
      var pending = self.queue;
      self.queue = [];
      pending.forEach(function (frame) { self.send(frame); });
    };
    ws.onmessage = function (ev) {
      if (self.socket !== ws || typeof ev.data !== 'string') return;
      var frame;
      try {
        frame = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      if (frame && typeof frame === 'object') self.handlers.onFrame(frame);
    };
    ws.onclose = function () {
      if (self.socket !== ws) return;
      self.socket = null;
      self.handlers.onDrop();
      self.scheduleReconnect();
    };
  };

  Connection.prototype.scheduleReconnect = function () {
    var self = this;
    var delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * Math.pow(2, this.attempt));
    delay = Math.round(delay * (0.8 + Math.random() * 0.4));
    this.attempt++;
    this.handlers.onState('waiting', delay);
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.open(); }, delay);
  };

  Connection.prototype.isOpen = function () {
    return !!this.socket && this.socket.readyState === WebSocket.OPEN;
  };

  /** Sends now when open; otherwise queues the frame and reconnects at once. */
  Connection.prototype.send = function (frame) {
    if (this.isOpen()) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    this.queue.push(frame);
    if (!this.socket) this.open();
    return false;
  };

  // ---------- rendering of one turn ----------

  function renderChart(item, turnNo, app, lang) {
    var wrap = el('div', 'gc-chart');
    var contributions = Array.isArray(item.contributions) ? item.contributions : [];
    var maxAbs = contributions.reduce(function (m, c) { return Math.max(m, Math.abs(num(c.value) || 0)); }, 0) || 1;
    var score = num(item.score);
    wrap.appendChild(el('p', 'gc-chart-title',
      say(lang, 'chartTitle', score === null ? '' : ' ' + score.toFixed(2))));
    var list = el('ul', 'gc-chart-rows');
    contributions.forEach(function (c) {
      var v = num(c.value) || 0;
      var row = el('li', 'gc-chart-row ' + (v < 0 ? 'gc-neg' : 'gc-pos'));
      row.appendChild(el('span', 'gc-chart-label', c.label || c.feature || ''));
      var track = el('span', 'gc-chart-track');
      track.setAttribute('aria-hidden', 'true');
      var bar = el('span', 'gc-chart-bar');
      bar.style.width = (Math.abs(v) / maxAbs * 50).toFixed(2) + '%';
      track.appendChild(bar);
      row.appendChild(track);
      row.appendChild(el('span', 'gc-chart-value', signed(v)));
      var wrong = button('gc-link gc-wrong', say(lang, 'wrong'));
      wrong.title = say(lang, 'wrongTitle');
      wrong.setAttribute('aria-label', say(lang, 'wrongLabel', c.label || c.feature || ''));
      wrong.addEventListener('click', function () {
        app.sendFeedback({ turn: turnNo, productId: item.productId, helpful: false,
          reason: 'wrong reason: ' + (c.feature || '') + (c.label ? ' (' + c.label + ')' : '') }, wrong, lang);
      });
      row.appendChild(wrong);
      list.appendChild(row);
    });
    if (!contributions.length) wrap.appendChild(el('p', 'gc-muted', say(lang, 'noBreakdown')));
    wrap.appendChild(list);
    return wrap;
  }

  function renderCard(item, turnNo, app, uid, lang) {
    var card = el('li', 'gc-card');
    card.setAttribute('data-product-id', String(item.productId || ''));
    var img = safeImageUrl(item.imageUrl);
    var media = el('div', 'gc-card-media');
    var initial = (String(item.title || '?').trim().charAt(0) || '?').toUpperCase();
    media.setAttribute('aria-hidden', 'true');
    if (img) {
      var image = el('img');
      image.src = img;
      image.alt = '';
      image.loading = 'lazy';
      image.referrerPolicy = 'no-referrer';
      image.addEventListener('error', function () { // unreachable image: show the initial instead
        media.classList.add('gc-noimg');
        media.textContent = initial;
      });
      media.appendChild(image);
    } else {
      media.classList.add('gc-noimg');
      media.textContent = initial;
    }
    card.appendChild(media);
    var body = el('div', 'gc-card-body');
    body.appendChild(el('span', 'gc-rank', '#' + (num(item.rank) || '')));
    body.appendChild(el('h3', 'gc-title', item.title || ''));
    if (item.brand) body.appendChild(el('p', 'gc-brand', item.brand));
    var facts = el('p', 'gc-facts');
    facts.appendChild(el('span', 'gc-price', formatPrice(item.price, item.currency, lang)));
    var rating = num(item.rating);
    if (rating !== null) {
      var r = el('span', 'gc-rating', '\u2605 ' + rating.toFixed(1));
      var reviews = num(item.reviewCount);
      r.setAttribute('aria-label', say(lang, 'rated', rating.toFixed(1)) + (reviews !== null ? say(lang, 'reviews', reviews) : ''));
      if (reviews !== null) r.appendChild(el('span', 'gc-muted', ' (' + reviews + ')'));
      facts.appendChild(r);
    }
    facts.appendChild(el('span', item.inStock ? 'gc-stock gc-in' : 'gc-stock gc-out', say(lang, item.inStock ? 'inStock' : 'outOfStock')));
    body.appendChild(facts);
    var why = button('gc-why', say(lang, 'why'));
    var chartId = 'gc-chart-' + uid;
    why.setAttribute('aria-expanded', 'false');
    why.setAttribute('aria-controls', chartId);
    var chart = null;
    why.addEventListener('click', function () {
      if (!chart) {
        app.opened(item.productId);
        chart = renderChart(item, turnNo, app, lang);
        chart.id = chartId;
        card.appendChild(chart);
      } else {
        chart.hidden = !chart.hidden;
      }
      why.setAttribute('aria-expanded', String(!chart.hidden));
    });
    body.appendChild(why);
    card.appendChild(body);
    if (item.productId) card.appendChild(renderRelated(item.productId, lang));
    return card;
  }

  /** How many related products each row under a card shows. */
  var RELATED_PER_ROW = 3;

  /**
   * The "Goes with" and "Similar" rows under a card, from the product graph
   * (GET /api/products/{id}/related); each related product with the edge's reason. Nothing is
   * shown when the product has no such edges or the request fails.
   */
  function renderRelated(productId, lang) {
    var box = el('div', 'gc-related');
    box.setAttribute('aria-live', 'polite');
    var url = new URL('/api/products/' + encodeURIComponent(productId) + '/related' + (lang === 'zh' ? '?lang=zh' : ''), serverBase()).href;
    fetch(url, { credentials: 'omit' }).then(function (r) { return r.ok ? r.json() : { edges: [] }; }).then(function (json) {
      var edges = Array.isArray(json.edges) ? json.edges : [];
      [['goesWith', ['complementary']], ['similar', ['similar', 'cheaper_alternative']]].forEach(function (row) {
        var seen = {};
        var picked = edges.filter(function (e) {
          if (row[1].indexOf(e.relation) < 0 || seen[e.productId]) return false;
          seen[e.productId] = true;
          return true;
        }).slice(0, RELATED_PER_ROW);
        if (!picked.length) return;
        var line = el('div', 'gc-related-row');
        line.setAttribute('data-relation', row[1][0]);
        line.appendChild(el('span', 'gc-related-label', say(lang, row[0])));
        var list = el('ul', 'gc-related-list');
        picked.forEach(function (e) {
          var li = el('li', 'gc-related-item');
          li.setAttribute('data-product-id', String(e.productId));
          li.appendChild(el('span', 'gc-related-title', e.title || ''));
          li.appendChild(el('span', 'gc-muted gc-related-reason', ' \u2014 ' + (e.reason || '')));
          list.appendChild(li);
        });
        line.appendChild(list);
        box.appendChild(line);
      });
    }).catch(function () { /* the rows are extra: without them the card still stands */ });
    return box;
  }

  /** The view of one turn: the shopper's words, chips, cards, streamed answer, feedback, errors. */
  function TurnView(app, userText, note) {
    this.app = app;
    this.lang = app.lang; // the turn keeps the language it was asked in
    this.turn = null;
    this.root = el('li', 'gc-turn');
    this.root.setAttribute('lang', this.lang === 'zh' ? 'zh' : 'en');
    if (userText) this.root.appendChild(el('p', 'gc-user', userText));
    if (note) this.root.appendChild(el('p', 'gc-note', note));
    this.chips = el('ul', 'gc-chips');
    this.chips.setAttribute('aria-label', say(this.lang, 'understood'));
    this.chips.hidden = true;
    this.cards = el('ol', 'gc-cards');
    this.cards.setAttribute('aria-label', say(this.lang, 'recommended'));
    this.cards.hidden = true;
    this.resultNote = el('p', 'gc-muted gc-result-note');
    this.resultNote.hidden = true;
    this.answer = el('p', 'gc-answer');
    this.answer.setAttribute('aria-live', 'polite');
    this.answer.setAttribute('aria-busy', 'true');
    this.answer.setAttribute('aria-label', say(this.lang, 'answer'));
    this.footer = el('div', 'gc-turn-footer');
    this.errors = el('div', 'gc-errors');
    [this.chips, this.resultNote, this.cards, this.answer, this.footer, this.errors].forEach(function (n) {
      this.root.appendChild(n);
    }, this);
  }

  TurnView.prototype.bind = function (turn) {
    this.turn = turn;
    this.root.setAttribute('data-turn', String(turn));
  };

  TurnView.prototype.understanding = function (frame) {
    var self = this;
    this.chips.textContent = '';
    var constraints = Array.isArray(frame.constraints) ? frame.constraints : [];
    constraints.forEach(function (c) {
      var label = c.label || [c.kind, c.field, c.value].filter(Boolean).join(' ');
      var chip = el('li', 'gc-chip');
      chip.appendChild(el('span', 'gc-chip-label', label));
      var remove = button('gc-chip-remove', '\u00d7', say(self.lang, 'remove', label));
      remove.addEventListener('click', function () {
        self.app.removeConstraint({ kind: c.kind, field: c.field, value: c.value }, label);
      });
      chip.appendChild(remove);
      self.chips.appendChild(chip);
    });
    this.chips.hidden = constraints.length === 0;
  };

  TurnView.prototype.results = function (frame) {
    var self = this;
    var items = Array.isArray(frame.items) ? frame.items.slice() : [];
    items.sort(function (a, b) { return (num(a.rank) || 0) - (num(b.rank) || 0); });
    this.cards.textContent = '';
    items.forEach(function (item, i) {
      self.cards.appendChild(renderCard(item, self.turn, self.app, self.turn + '-' + i, self.lang));
    });
    this.cards.hidden = items.length === 0;
    var note = frame.note ? String(frame.note) : (items.length ? '' : say(this.lang, 'noMatch'));
    this.resultNote.textContent = note;
    this.resultNote.hidden = !note;
  };

  /** The `comparison` event as a table: one column per compared product, one row per fact. */
  TurnView.prototype.comparison = function (frame) {
    var products = Array.isArray(frame.products) ? frame.products : [];
    var rows = Array.isArray(frame.rows) ? frame.rows : [];
    var lang = this.lang;
    if (products.length < 2 || rows.length === 0) return;
    if (this.compare) this.compare.remove();
    var currencyRow = rows.filter(function (r) { return r.field === 'currency'; })[0];
    var table = el('table', 'gc-compare');
    table.appendChild(el('caption', 'gc-muted', say(this.lang, 'sideBySide')));
    var head = el('tr');
    head.appendChild(el('th', null, ''));
    products.forEach(function (p) {
      var th = el('th', null, String(p.title || p.productId || ''));
      th.setAttribute('scope', 'col');
      head.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el('tbody');
    rows.forEach(function (r) {
      if (r.field === 'currency') return; // shown with the price
      var tr = el('tr');
      var th = el('th', null, String(r.label || r.field || ''));
      th.setAttribute('scope', 'row');
      tr.appendChild(th);
      (Array.isArray(r.values) ? r.values : []).forEach(function (v, i) {
        var text;
        if (v === null || v === undefined || v === '') text = '\u2014';
        else if (r.field === 'price') text = formatPrice(v, currencyRow && currencyRow.values ? currencyRow.values[i] : null, lang);
        else if (r.field === 'inStock') text = say(lang, v ? 'inStock' : 'outOfStock');
        else if (r.field === 'score' || r.field === 'rating') text = (num(v) === null ? String(v) : num(v).toFixed(2));
        else text = String(v);
        tr.appendChild(el('td', null, text));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    this.compare = table;
    this.root.insertBefore(table, this.answer);
  };

  TurnView.prototype.token = function (text) {
    this.answer.appendChild(document.createTextNode(String(text)));
  };

  TurnView.prototype.done = function (frame) {
    var self = this;
    this.answer.setAttribute('aria-busy', 'false');
    this.root.classList.add('gc-finished');
    if (frame.cancelled) {
      this.root.classList.add('gc-cancelled');
      this.footer.appendChild(el('p', 'gc-note', say(this.lang, 'stopped')));
    }
    var ask = el('div', 'gc-thumbs');
    ask.setAttribute('role', 'group');
    ask.setAttribute('aria-label', say(this.lang, 'wasHelpful'));
    ask.appendChild(el('span', 'gc-muted', say(this.lang, 'helpfulQ')));
    var up = button('gc-thumb', '\ud83d\udc4d', say(this.lang, 'helpful'));
    var down = button('gc-thumb', '\ud83d\udc4e', say(this.lang, 'notHelpful'));
    [up, down].forEach(function (b) {
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', function () {
        up.setAttribute('aria-pressed', String(b === up));
        down.setAttribute('aria-pressed', String(b === down));
        self.app.sendFeedback({ turn: self.turn, helpful: b === up }, b);
      });
      ask.appendChild(b);
    });
    this.footer.appendChild(ask);
  };

  TurnView.prototype.thanks = function () {
    if (!this.thanked) {
      this.thanked = el('span', 'gc-muted gc-thanks', say(this.lang, 'thanks'));
      this.footer.appendChild(this.thanked);
    }
  };

  TurnView.prototype.interrupted = function () {
    this.answer.setAttribute('aria-busy', 'false');
    this.footer.appendChild(el('p', 'gc-note', say(this.lang, 'dropped')));
  };

  TurnView.prototype.error = function (frame) {
    var box = el('p', 'gc-error');
    box.setAttribute('role', 'alert');
    box.setAttribute('data-code', String(frame.code || ''));
    box.textContent = String(frame.message || frame.code || say(this.lang, 'failed'));
    this.errors.appendChild(box);
  };

  TurnView.prototype.freeze = function () {
    this.chips.querySelectorAll('.gc-chip-remove').forEach(function (b) { b.remove(); });
  };

  // ---------- the widget ----------

  function Widget(host) {
    var self = this;
    this.host = host;
    this.lang = pageLanguage(); // then the language of the shopper's latest message
    this.views = {};
    this.pending = null; // a TurnView waiting for its turn number
    this.current = null; // the TurnView now streaming
    this.streaming = false;
    this.lastSent = null;
    var stored = storedConversation();
    this.conversationId = stored.id;
    this.resumeToken = stored.token;
    this.shopperToken = storedShopperToken();
    this.sentOnSocket = false;
    this.build();
    this.connection = new Connection(socketUrl(), {
      onOpen: function () { self.sentOnSocket = false; self.setStatus('connected', 'ok'); },
      onFrame: function (f) { self.onFrame(f); },
      onDrop: function () { self.onDrop(); },
      onState: function (state, delay) {
        if (state === 'connecting') self.setStatus('connecting', 'wait');
        else self.setStatus('offline', 'down', Math.max(1, Math.round(delay / 1000)));
      }
    });
    this.connection.open();
  }

  Widget.prototype.build = function () {
    var self = this;
    var root = el('section', 'gc-widget');
    var header = el('header', 'gc-header');
    this.heading = el('h2', 'gc-heading');
    header.appendChild(this.heading);
    this.status = el('span', 'gc-status');
    var tools = el('div', 'gc-header-tools');
    this.status.setAttribute('role', 'status');
    tools.appendChild(this.status);
    this.meToggle = button('gc-me-toggle');
    tools.appendChild(this.meToggle);
    header.appendChild(tools);
    root.appendChild(header);
    this.me = this.buildMePanel();
    root.appendChild(this.me);
    this.meToggle.addEventListener('click', function () { self.toggleMe(); });
    this.log = el('ol', 'gc-log');
    this.intro = el('li', 'gc-intro');
    this.log.appendChild(this.intro);
    this.general = el('div', 'gc-errors');
    root.appendChild(this.log);
    root.appendChild(this.general);
    var form = el('form', 'gc-composer');
    var label = el('label', 'gc-visually-hidden');
    this.inputLabel = label;
    label.htmlFor = 'gc-input-' + Math.random().toString(36).slice(2);
    this.input = el('textarea', 'gc-input');
    this.input.id = label.htmlFor;
    this.input.rows = 1;
    this.input.maxLength = 2000;
    this.input.setAttribute('enterkeyhint', 'send');
    this.sendButton = el('button', 'gc-send');
    this.sendButton.type = 'submit';
    this.stopButton = button('gc-stop');
    this.stopButton.disabled = true;
    form.appendChild(label);
    form.appendChild(this.input);
    form.appendChild(this.sendButton);
    form.appendChild(this.stopButton);
    root.appendChild(form);
    form.addEventListener('submit', function (ev) { ev.preventDefault(); self.submit(); });
    this.input.addEventListener('input', function () { // grow with the text, up to the CSS max-height
      self.input.style.height = 'auto';
      self.input.style.height = self.input.scrollHeight + 2 + 'px';
    });
    this.input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); self.submit(); }
    });
    root.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape' && self.streaming) { ev.preventDefault(); self.stop(); }
    });
    this.stopButton.addEventListener('click', function () { self.stop(); });
    this.root = root;
    this.statusKey = ['connecting'];
    this.applyLanguage();
    this.host.appendChild(root);
  };

  // ---------- the shopper's own data: "Your preferences" ----------

  Widget.prototype.buildMePanel = function () {
    var self = this;
    var panel = el('section', 'gc-me');
    panel.id = 'gc-me-' + Math.random().toString(36).slice(2);
    panel.hidden = true;
    this.meToggle.setAttribute('aria-controls', panel.id);
    this.meToggle.setAttribute('aria-expanded', 'false');
    this.meHeading = el('h3', 'gc-me-heading');
    panel.appendChild(this.meHeading);
    this.meAbout = el('p', 'gc-muted gc-me-about');
    panel.appendChild(this.meAbout);
    this.meList = el('ul', 'gc-me-list');
    panel.appendChild(this.meList);
    this.meMessage = el('p', 'gc-me-message');
    this.meMessage.setAttribute('role', 'status');
    panel.appendChild(this.meMessage);
    var actions = el('div', 'gc-me-actions');
    this.meClear = button('gc-me-clear');
    this.meDownload = button('gc-me-download');
    this.meDelete = button('gc-me-delete');
    actions.appendChild(this.meClear);
    actions.appendChild(this.meDownload);
    actions.appendChild(this.meDelete);
    panel.appendChild(actions);
    this.meClear.addEventListener('click', function () { self.clearPreferences(); });
    this.meDownload.addEventListener('click', function () { self.downloadData(); });
    this.meDelete.addEventListener('click', function () { self.deleteData(); });
    return panel;
  };

  Widget.prototype.toggleMe = function () {
    var open = this.me.hidden;
    this.me.hidden = !open;
    this.meToggle.setAttribute('aria-expanded', String(open));
    if (open) this.refreshMe();
  };

  /** A call to /api/me... with the shopper token; resolves to the Response (rejects without a token). */
  Widget.prototype.meFetch = function (path, method) {
    if (!this.shopperToken) return Promise.reject(new Error('no token'));
    return fetch(apiUrl(path), { method: method || 'GET', headers: { Authorization: 'Bearer ' + this.shopperToken } });
  };

  Widget.prototype.setMeMessage = function (text, kind) {
    this.meMessage.textContent = text;
    this.meMessage.setAttribute('data-kind', kind || 'info');
  };

  function preferenceText(lang, p) {
    var what = p.value + (p.field && p.field !== 'title' ? ' (' + p.field.replace(/_/g, ' ') + ')' : '');
    var kind = say(lang, p.kind === 'brand' ? 'kindBrand' : p.kind === 'category' ? 'kindCategory' : 'kindStyle');
    return say(lang, p.liked ? 'meLiked' : 'meRuledOut', what) + ' \u2014 ' + kind;
  }

  Widget.prototype.renderPreferences = function (me) {
    this.meList.textContent = '';
    var prefs = Array.isArray(me.preferences) ? me.preferences : [];
    prefs.forEach(function (p) {
      var li = el('li', 'gc-me-item ' + (p.liked ? 'gc-pos' : 'gc-neg'), preferenceText(this.lang, p));
      li.setAttribute('data-kind', p.kind);
      this.meList.appendChild(li);
    }, this);
    var lang = this.lang;
    var band = me.priceBand;
    if (band && (num(band.low) !== null || num(band.high) !== null)) {
      var range = num(band.low) !== null && num(band.high) !== null
        ? formatPrice(band.low, band.currency) + ' \u2013 ' + formatPrice(band.high, band.currency)
        : num(band.high) !== null ? say(lang, 'upTo', formatPrice(band.high, band.currency)) : say(lang, 'from', formatPrice(band.low, band.currency));
      var li = el('li', 'gc-me-item', say(lang, 'mePriceRange', range));
      li.setAttribute('data-kind', 'price');
      this.meList.appendChild(li);
    }
    var empty = this.meList.children.length === 0;
    this.meClear.disabled = empty;
    var conversations = Array.isArray(me.conversations) ? me.conversations.length : 0;
    this.setMeMessage((empty ? say(lang, 'meNothingLearned') + ' ' : '')
      + say(lang, conversations === 1 ? 'meConversation' : 'meConversations', conversations));
  };

  Widget.prototype.refreshMe = function () {
    var self = this;
    if (!this.shopperToken) {
      this.meList.textContent = '';
      this.meClear.disabled = true;
      this.setMeMessage(say(self.lang, 'meNothingYet'));
      return Promise.resolve();
    }
    this.setMeMessage(say(self.lang, 'loading'));
    return this.meFetch('/api/me').then(function (res) {
      if (res.status === 401) { self.forgetShopper(); self.setMeMessage(say(self.lang, 'meNothing')); return; }
      if (!res.ok) throw new Error('status ' + res.status);
      return res.json().then(function (me) { self.renderPreferences(me); });
    }).catch(function () { self.setMeMessage(say(self.lang, 'meLoadFailed'), 'error'); });
  };

  Widget.prototype.clearPreferences = function () {
    var self = this;
    return this.meFetch('/api/me/profile', 'DELETE').then(function (res) {
      if (!res.ok) throw new Error('status ' + res.status);
      return self.refreshMe().then(function () { self.setMeMessage(say(self.lang, 'meCleared')); });
    }).catch(function () { self.setMeMessage(say(self.lang, 'meClearFailed'), 'error'); });
  };

  Widget.prototype.downloadData = function () {
    var self = this;
    if (!this.shopperToken) { this.setMeMessage(say(self.lang, 'meNothingYet')); return Promise.resolve(); }
    return this.meFetch('/api/me/export').then(function (res) {
      if (!res.ok) throw new Error('status ' + res.status);
      return res.blob();
    }).then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'glasscart-my-data.json';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
      self.setMeMessage(say(self.lang, 'meDownloaded'));
    }).catch(function () { self.setMeMessage(say(self.lang, 'meDownloadFailed'), 'error'); });
  };

  /** First click asks to confirm; the second deletes everything stored about the shopper. */
  Widget.prototype.deleteData = function () {
    var self = this;
    if (!this.shopperToken) { this.setMeMessage(say(self.lang, 'meNothing')); return Promise.resolve(); }
    if (!this.meDelete.classList.contains('gc-confirm')) {
      this.meDelete.classList.add('gc-confirm');
      this.meDelete.textContent = say(self.lang, 'meDeleteConfirm');
      this.setMeMessage(say(self.lang, 'meDeleteAsk'), 'warn');
      return Promise.resolve();
    }
    this.meDelete.classList.remove('gc-confirm');
    this.meDelete.textContent = say(self.lang, 'meDelete');
    return this.meFetch('/api/me', 'DELETE').then(function (res) {
      if (!res.ok && res.status !== 401) throw new Error('status ' + res.status);
      self.forgetShopper();
      self.meList.textContent = '';
      self.meClear.disabled = true;
      self.setMeMessage(say(self.lang, 'meDeleted'));
    }).catch(function () { self.setMeMessage(say(self.lang, 'meDeleteFailed'), 'error'); });
  };

  /** Drops the shopper token and the conversation: the next message starts afresh. */
  Widget.prototype.forgetShopper = function () {
    this.shopperToken = null;
    storeShopperToken(null);
    this.conversationId = null;
    this.resumeToken = null;
    storeConversation(null);
    this.sentOnSocket = false;
    this.root.setAttribute('data-conversation-id', '');
  };

  /** "Why this?" opened: a small sign of interest for the shopper's profile (only on a bound socket). */
  Widget.prototype.opened = function (productId) {
    if (this.sentOnSocket && this.conversationId && typeof productId === 'string') {
      this.connection.send({ type: 'opened', productId: productId });
    }
  };

  /** Writes the widget's own labels in {@code this.lang}; turns already shown keep theirs. */
  Widget.prototype.applyLanguage = function () {
    var lang = this.lang;
    this.root.setAttribute('lang', lang === 'zh' ? 'zh' : 'en');
    this.root.setAttribute('aria-label', say(lang, 'widget'));
    this.heading.textContent = say(lang, 'heading');
    this.log.setAttribute('aria-label', say(lang, 'conversation'));
    if (this.intro) this.intro.textContent = say(lang, 'intro');
    this.inputLabel.textContent = say(lang, 'yourMessage');
    this.input.placeholder = say(lang, 'placeholder');
    this.sendButton.textContent = say(lang, 'send');
    this.stopButton.textContent = say(lang, 'stop');
    this.stopButton.setAttribute('aria-label', say(lang, 'stopLabel'));
    this.status.textContent = say(lang, this.statusKey[0], this.statusKey[1]);
    this.meToggle.textContent = say(lang, 'meHeading');
    this.me.setAttribute('aria-label', say(lang, 'mePanel'));
    this.meHeading.textContent = say(lang, 'meHeading');
    this.meAbout.textContent = say(lang, 'meAbout');
    this.meClear.textContent = say(lang, 'meClear');
    this.meDownload.textContent = say(lang, 'meDownload');
    this.meDelete.textContent = say(lang, this.meDelete.classList.contains('gc-confirm') ? 'meDeleteConfirm' : 'meDelete');
    if (this.onLanguage) this.onLanguage(lang);
  };

  /** Switches the widget to {@code lang} ('en' / 'zh') when it differs. */
  Widget.prototype.setLanguage = function (lang) {
    if (!lang || lang === this.lang) return;
    this.lang = lang;
    this.applyLanguage();
  };

  Widget.prototype.setStatus = function (key, kind, arg) {
    this.statusKey = [key, arg];
    this.status.textContent = say(this.lang, key, arg);
    this.status.setAttribute('data-state', kind);
  };

  Widget.prototype.setStreaming = function (on) {
    this.streaming = on;
    this.stopButton.disabled = !on;
    this.sendButton.disabled = on;
    this.root.classList.toggle('gc-busy', on);
  };

  Widget.prototype.addView = function (view) {
    if (this.intro) { this.intro.remove(); this.intro = null; }
    this.log.appendChild(view.root);
    this.reveal(view);
  };

  /** Scrolls the conversation (only it, never the host page) so the turn starts at its top. */
  Widget.prototype.reveal = function (view) {
    var top = view.root.offsetTop - this.log.offsetTop - 8;
    var bottom = this.log.scrollHeight - this.log.clientHeight;
    this.log.scrollTo({ top: Math.max(0, Math.min(top, bottom)), behavior: 'smooth' });
  };

  Widget.prototype.sendFrame = function (frame) {
    if (frame.type === 'message' && !this.sentOnSocket && this.conversationId) {
      frame.conversationId = this.conversationId; // resume after a reconnect or a reload
      if (this.resumeToken) frame.resumeToken = this.resumeToken;
    }
    if (frame.type === 'message') {
      this.sentOnSocket = true;
      if (this.shopperToken) frame.shopperToken = this.shopperToken;
      if (customerId()) frame.customerId = customerId();
    }
    this.connection.send(frame);
  };

  Widget.prototype.submit = function () {
    var text = this.input.value.trim();
    if (!text || this.streaming) return;
    this.input.value = '';
    this.input.style.height = '';
    this.setLanguage(messageLanguage(text));
    var view = new TurnView(this, text);
    this.addView(view);
    this.pending = view;
    this.current = view;
    this.lastSent = text;
    this.setStreaming(true);
    this.sendFrame({ type: 'message', text: text });
  };

  Widget.prototype.stop = function () {
    if (!this.streaming) return;
    this.connection.send({ type: 'cancel' });
    this.stopButton.disabled = true;
  };

  Widget.prototype.removeConstraint = function (constraint, label) {
    if (this.streaming) return;
    var view = new TurnView(this, null, say(this.lang, 'without', label));
    this.addView(view);
    this.pending = view;
    this.current = view;
    this.setStreaming(true);
    this.connection.send({ type: 'remove_constraint', constraint: constraint });
  };

  Widget.prototype.sendFeedback = function (fields, source, lang) {
    var frame = { type: 'feedback', turn: fields.turn, helpful: fields.helpful };
    if (fields.productId !== undefined) frame.productId = fields.productId;
    if (fields.reason) frame.reason = fields.reason;
    this.connection.send(frame);
    if (source) {
      source.classList.add('gc-sent');
      if (source.classList.contains('gc-wrong')) { source.textContent = say(lang || this.lang, 'noted'); source.disabled = true; }
    }
  };

  Widget.prototype.viewFor = function (turn) {
    if (turn === undefined || turn === null) return this.current;
    if (this.views[turn]) return this.views[turn];
    var view = this.pending;
    this.pending = null;
    if (!view) { view = new TurnView(this, null, null); this.addView(view); }
    view.bind(turn);
    Object.keys(this.views).forEach(function (k) { this.views[k].freeze(); }, this);
    this.views[turn] = view;
    this.current = view;
    return view;
  };

  Widget.prototype.onFrame = function (f) {
    switch (f.type) {
      case 'conversation':
        this.conversationId = typeof f.conversationId === 'string' ? f.conversationId : null;
        // a new conversation brings its resume token; a resumed one keeps the token we sent
        if (typeof f.resumeToken === 'string') this.resumeToken = f.resumeToken;
        storeConversation(this.conversationId, this.resumeToken);
        // the server issues a shopper token when we had none (or it no longer knew ours)
        if (typeof f.shopperToken === 'string') { this.shopperToken = f.shopperToken; storeShopperToken(f.shopperToken); }
        this.root.setAttribute('data-conversation-id', this.conversationId || '');
        break;
      case 'understanding': this.viewFor(f.turn).understanding(f); break;
      case 'results':
        this.viewFor(f.turn).results(f);
        this.reveal(this.views[f.turn] || this.current);
        break;
      case 'comparison': this.viewFor(f.turn).comparison(f); break;
      case 'token': this.viewFor(f.turn).token(f.text); break;
      case 'done':
        this.viewFor(f.turn).done(f);
        this.setStreaming(false);
        this.input.focus({ preventScroll: true });
        if (!this.me.hidden) this.refreshMe(); // what this turn taught shows at once
        break;
      case 'feedback_saved': if (this.views[f.turn]) this.views[f.turn].thanks(); break;
      case 'error': this.onError(f); break;
      default: break; // newer server, older widget: ignore unknown events
    }
  };

  Widget.prototype.onError = function (f) {
    if ((f.code === 'unknown_conversation' || f.code === 'not_your_conversation' || f.code === 'deleted')) {
      // the server no longer knows our conversation (or not as ours): start a fresh one with the same words
      this.conversationId = null;
      this.resumeToken = null;
      storeConversation(null);
      this.sentOnSocket = false;
      if (this.pending && this.lastSent) {
        this.pending.error({ code: f.code, message: say(this.lang, 'expired') });
        this.sendFrame({ type: 'message', text: this.lastSent });
        return;
      }
    }
    var view = f.turn !== undefined && this.views[f.turn] ? this.views[f.turn] : (this.streaming ? this.current : null);
    if (view) view.error(f);
    else {
      var tmp = new TurnView(this, null, null);
      tmp.error(f);
      this.general.textContent = '';
      this.general.appendChild(tmp.errors);
    }
    if (f.code !== 'nothing_to_cancel' && f.code !== 'busy' && this.pending) {
      this.pending = null; // the message was refused: no turn will come for it
      this.setStreaming(false);
    } else if (f.code === 'internal') {
      this.setStreaming(false);
    }
  };

  Widget.prototype.onDrop = function () {
    if (this.streaming && this.current) this.current.interrupted();
    // a new socket knows no conversation until the next message resumes it: old chips go inert
    Object.keys(this.views).forEach(function (k) { this.views[k].freeze(); }, this);
    this.pending = null;
    this.setStreaming(false);
  };

  function start() {
    loadStylesheet();
    var host = document.getElementById('glasscart');
    var floating = !host;
    if (!host) {
      host = el('div', 'gc-floating');
      host.id = 'glasscart';
      document.body.appendChild(host);
    }
    if (host.glasscart) return;
    host.glasscart = new Widget(host);
    if (floating) addLauncher(host);
  }

  /** Without a #glasscart element the widget floats in a corner behind an "Ask" button. */
  function addLauncher(host) {
    var panel = host.glasscart.root;
    var widget = host.glasscart;
    var toggle = button('gc-launcher', say(widget.lang, 'launcher'));
    panel.id = panel.id || 'gc-panel';
    toggle.setAttribute('aria-controls', panel.id);
    function setOpen(open) {
      panel.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = say(widget.lang, open ? 'close' : 'launcher');
      if (open) host.glasscart.input.focus();
    }
    toggle.addEventListener('click', function () { setOpen(panel.hidden); });
    widget.onLanguage = function () { toggle.textContent = say(widget.lang, panel.hidden ? 'launcher' : 'close'); };
    host.insertBefore(toggle, panel);
    setOpen(false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

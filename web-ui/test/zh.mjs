// A Chinese conversation as a Chinese shopper sees it: on a page whose <html lang> is zh-CN the
// widget's own words are Chinese from the start; a Chinese message gets Chinese cards (stock,
// "Why this?", chart, feedback), yuan prices as zh-CN writes them, and the built-in Chinese answer;
// an English message switches the widget's own words back to English for that turn.
//   node zh.mjs URL [TOKEN] [SCREENSHOT.png]
import { serverUrl, launch, ask, check, run } from './lib.mjs';

const url = serverUrl();
const screenshot = process.argv[4];
await run('zh', async () => {
  const { context, close } = await launch({ width: 1280, height: 900 });
  try {
    const page = context.pages()[0] || await context.newPage();
    // the chat page as a Chinese shop links it: ?lang=zh-CN sets <html lang>, which the widget reads
    const log = { sent: [], received: [], sockets: 0, pageErrors: [] };
    page.on('pageerror', e => log.pageErrors.push(String(e)));
    page.on('websocket', ws => {
      log.sockets++;
      ws.on('framereceived', f => { try { log.received.push(JSON.parse(f.payload)); } catch { /* not JSON */ } });
    });
    await page.goto(url + '/?lang=zh-CN', { waitUntil: 'load' });
    await page.waitForSelector('.gc-status[data-state="ok"]', { timeout: 15000, state: 'attached' });

    check(await page.locator('.gc-heading').textContent() === '购物助手', 'heading in Chinese from the page lang');
    check(await page.locator('.gc-input').getAttribute('placeholder') === '想找什么商品？', 'placeholder in Chinese');
    check(await page.locator('.gc-send').textContent() === '发送', 'send button in Chinese');
    check(await page.locator('.gc-status').textContent() === '已连接', 'status in Chinese');
    check(/[\u4e00-\u9fff]/.test(await page.locator('.gc-intro').textContent()), 'intro in Chinese');
    check(/[\u4e00-\u9fff]/.test(await page.locator('#tagline').textContent()), "the chat page's own line in Chinese");

    const frames = await ask(page, log, '有没有连衣裙？1500元以内');
    const results = frames.find(f => f.type === 'results');
    const done = frames.find(f => f.type === 'done');
    const tokens = frames.filter(f => f.type === 'token').map(t => t.text).join('');
    check(results && results.items.length >= 2, `Chinese products found (${results ? results.items.length : 0})`);
    check(results.items.every(i => i.currency === 'CNY'), 'every result is a yuan-priced product');
    check(/[\u4e00-\u9fff]/.test(tokens), `the built-in answer is Chinese: ${tokens.slice(0, 60)}`);
    const turn = page.locator(`.gc-turn[data-turn="${done.turn}"]`);
    check(await turn.getAttribute('lang') === 'zh', 'the turn is marked lang=zh');
    check(await turn.locator('.gc-answer').textContent() === tokens, 'answer shows the streamed Chinese text');
    const first = turn.locator('.gc-card').first();
    const ranked = [...results.items].sort((a, b) => a.rank - b.rank);
    const price = await first.locator('.gc-price').textContent();
    const expected = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(ranked[0].price);
    check(price === expected && price.startsWith('¥'), `yuan price as zh-CN writes it (${price})`);
    const stock = await first.locator('.gc-stock').textContent();
    check(stock === (ranked[0].inStock ? '有货' : '缺货'), `stock in Chinese (${stock})`);
    const why = first.locator('.gc-why');
    check(await why.textContent() === '为什么推荐？', '"Why this?" in Chinese');
    await why.click();
    await first.locator('.gc-chart-row').first().waitFor({ timeout: 5000 });
    check((await first.locator('.gc-chart-title').textContent()).includes('得分'), 'chart title in Chinese');
    const rows = await first.locator('.gc-chart-label').allTextContents();
    check(rows.length > 0 && rows.every(l => /[\u4e00-\u9fff]/.test(l)), `"Why this?" rows in Chinese (${rows.slice(0, 3).join(' | ')})`);
    const sent = ranked[0].contributions.map(c => c.label);
    check(rows.every(l => sent.includes(l)), 'the rows are the contributions the server sent');
    // the product graph's reasons under the cards, when it has any for these products, in Chinese too
    await turn.locator('.gc-related-reason').first().waitFor({ timeout: 4000 }).catch(() => {});
    const reasons = await turn.locator('.gc-related-reason').allTextContents();
    check(reasons.every(r => /[\u4e00-\u9fff]/.test(r)), `related reasons in Chinese (${reasons.length}: ${reasons.slice(0, 2).join(' | ')})`);
    check(await turn.locator('.gc-thumbs .gc-muted').textContent() === '有帮助吗？', 'feedback question in Chinese');
    const chips = await turn.locator('.gc-chip-remove').evaluateAll(els => els.map(e => e.getAttribute('aria-label')));
    check(chips.length > 0 && chips.every(l => l.startsWith('移除')), `chip remove buttons labelled in Chinese (${chips.join(' | ')})`);
    if (screenshot) {
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshot });
      console.log('wrote ' + screenshot);
    }

    // an English message: the widget's own words follow the shopper's language
    const en = await ask(page, log, 'red dress under 50');
    const enTurn = page.locator(`.gc-turn[data-turn="${en.find(f => f.type === 'done').turn}"]`);
    check(await page.locator('.gc-heading').textContent() === 'Shopping assistant', 'heading back in English after an English message');
    check(await enTurn.getAttribute('lang') === 'en', 'the English turn is marked lang=en');
    if (await enTurn.locator('.gc-card').count() > 0) {
      check(await enTurn.locator('.gc-why').first().textContent() === 'Why this?', '"Why this?" in English for the English turn');
      await enTurn.locator('.gc-why').first().click();
      await enTurn.locator('.gc-chart-row').first().waitFor({ timeout: 5000 });
      const enRows = await enTurn.locator('.gc-card').first().locator('.gc-chart-label').allTextContents();
      check(enRows.length > 0 && enRows.every(l => !/[\u4e00-\u9fff]/.test(l)), `"Why this?" rows in English for the English turn (${enRows[0]})`);
    }
    check(await first.locator('.gc-why').textContent() === '为什么推荐？', 'the Chinese turn keeps its Chinese words');
    check(log.pageErrors.length === 0, 'no page errors: ' + log.pageErrors.join('; '));
  } finally {
    await close();
  }
});

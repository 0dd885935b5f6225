// Catalog and model text is shown as text, never as markup: a product whose title, brand,
// description and reviews hold HTML/script must render literally and run nothing, and a
// javascript: image URL must not be used. Needs the test catalog (web-ui/test/catalog.json).
import { serverUrl, withPage, ask, check, run } from './lib.mjs';

const url = serverUrl();
await run('injection', async () => {
  await withPage(url, async ({ page, log }) => {
    const frames = await ask(page, log, 'glasscart test lamp');
    const results = frames.find(f => f.type === 'results');
    const evil = results.items.find(i => i.title.includes('onerror'));
    check(evil, `results include the product with markup in its title (${evil && evil.productId})`);
    const done = frames.find(f => f.type === 'done');
    const turn = page.locator(`.gc-turn[data-turn="${done.turn}"]`);
    const card = turn.locator('.gc-card').filter({ has: page.locator('.gc-title', { hasText: 'onerror' }) });
    check(await card.count() === 1, 'its card is shown');
    check(await card.locator('.gc-title').textContent() === evil.title, 'title rendered literally, markup and all');
    check(await card.locator('.gc-title *').count() === 0, 'title holds no elements');
    if (evil.brand) check(await card.locator('.gc-brand').textContent() === evil.brand, 'brand rendered literally');
    const imgs = await page.locator('.gc-widget img').evaluateAll(els => els.map(e => e.getAttribute('src')));
    check(imgs.every(s => /^https?:\/\//.test(s)), `only http(s) images in the page (${imgs.length})`);
    if (evil.imageUrl && !/^https?:/i.test(evil.imageUrl)) check(await card.locator('img').count() === 0, `non-http image URL not used (${evil.imageUrl})`);
    const answerElements = await turn.locator('.gc-answer *').count();
    check(answerElements === 0, 'streamed answer holds text only');
    await card.locator('.gc-why').click();
    check(await card.locator('.gc-chart-label *').count() === 0, 'contribution labels hold no elements');
    await page.waitForTimeout(500);
    check(await page.evaluate(() => window.__gcInjected) === undefined, 'no injected script ran');
    check(log.dialogs.length === 0, 'no dialog opened');
    check(log.pageErrors.length === 0, 'no page errors: ' + log.pageErrors.join('; '));
  });
});

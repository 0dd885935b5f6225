// Sends a message and checks the turn as a shopper sees it: streamed answer in a polite live
// region, product cards in rank order, constraint chips, and the "Why this?" contribution chart.
import { serverUrl, withPage, ask, waitForDone, check, run } from './lib.mjs';

const url = serverUrl();
await run('chat', async () => {
  await withPage(url, async ({ page, log }) => {
    const frames = await ask(page, log, 'red dress under 50');
    const results = frames.find(f => f.type === 'results');
    const tokens = frames.filter(f => f.type === 'token');
    const done = frames.find(f => f.type === 'done');
    check(results && results.items.length > 0, `server sent results with ${results ? results.items.length : 0} items`);
    // the built-in explainer's words are ready at once, so the server joins them into few token
    // frames (server/TokenBatch); the widget must render whatever frames come, in order
    check(tokens.length >= 1, `explanation streamed in ${tokens.length} token frames`);
    check(done.cancelled === false, 'turn finished without cancel');

    const turn = page.locator(`.gc-turn[data-turn="${done.turn}"]`);
    const answer = turn.locator('.gc-answer');
    check(await answer.getAttribute('aria-live') === 'polite', 'answer is an aria-live="polite" region');
    const expected = tokens.map(t => t.text).join('');
    check(await answer.textContent() === expected, 'answer text equals the concatenated tokens');
    check(await answer.getAttribute('aria-busy') === 'false', 'answer no longer busy after done');

    const cards = turn.locator('.gc-card');
    check(await cards.count() === results.items.length, `one card per result (${results.items.length})`);
    const ranked = [...results.items].sort((a, b) => a.rank - b.rank);
    const titles = await cards.locator('.gc-title').allTextContents();
    check(JSON.stringify(titles) === JSON.stringify(ranked.map(i => i.title)), 'card titles in rank order');
    const first = cards.first();
    const price = await first.locator('.gc-price').textContent();
    check(/\d/.test(price), `first card shows a price (${price})`);
    const stock = await first.locator('.gc-stock').textContent();
    check(stock === (ranked[0].inStock ? 'In stock' : 'Out of stock'), `first card stock matches (${stock})`);
    const imgs = await turn.locator('.gc-card img').evaluateAll(els => els.map(e => e.src));
    check(imgs.every(s => /^https?:/.test(s)), `all ${imgs.length} card images are http(s)`);

    const understanding = frames.find(f => f.type === 'understanding');
    const chips = await turn.locator('.gc-chip-label').allTextContents();
    check(chips.length === understanding.constraints.length, `one chip per constraint (${chips.join(' | ')})`);

    // "Why this?" opens a chart with one bar per contribution, labels and signed values
    const why = first.locator('.gc-why');
    check(await why.getAttribute('aria-expanded') === 'false', '"Why this?" starts collapsed');
    await why.focus();
    await page.keyboard.press('Enter');
    const rows = first.locator('.gc-chart-row');
    await rows.first().waitFor({ timeout: 5000 });
    check(await why.getAttribute('aria-expanded') === 'true', '"Why this?" opens with the keyboard');
    const contributions = ranked[0].contributions;
    check(await rows.count() === contributions.length, `chart has ${contributions.length} bars`);
    const labels = await first.locator('.gc-chart-label').allTextContents();
    check(JSON.stringify(labels) === JSON.stringify(contributions.map(c => c.label || c.feature)), 'chart labels match contributions');
    const widths = await first.locator('.gc-chart-bar').evaluateAll(els => els.map(e => e.getBoundingClientRect().width));
    check(widths.every(w => w > 0), 'every bar has a visible width');
    const negatives = await first.locator('.gc-chart-row.gc-neg').count();
    check(negatives === contributions.filter(c => c.value < 0).length, `${negatives} negative bars drawn as negative`);
    await why.click();
    check(await first.locator('.gc-chart').isHidden(), '"Why this?" toggles the chart closed');
    // keyboard: Tab from the message box reaches Send; a removable chip reruns the turn without it
    await page.focus('.gc-input');
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.className) === 'gc-send', 'Tab from the message box reaches Send');
    check(understanding.constraints.length > 0, `'under 50' gave constraints (${understanding.constraints.map(c => c.kind).join(',')})`);
    const removed = understanding.constraints[0];
    const from = log.received.length;
    await turn.locator('.gc-chip-remove').first().click();
    const rerun = await waitForDone(log, from);
    const sentRemove = log.sent.find(f => f.type === 'remove_constraint');
    check(sentRemove && sentRemove.constraint.kind === removed.kind && sentRemove.constraint.value === removed.value,
      `remove_constraint sent for ${removed.label}`);
    const after = rerun.find(f => f.type === 'understanding');
    check(after && !after.constraints.some(c => c.kind === removed.kind && c.value === removed.value && c.field === removed.field),
      'rerun turn no longer has the removed constraint');
    const rerunDone = rerun.find(f => f.type === 'done');
    check(await page.locator(`.gc-turn[data-turn="${rerunDone.turn}"] .gc-card`).count() === rerun.find(f => f.type === 'results').items.length,
      'rerun turn shows its own cards');
    check(await turn.locator('.gc-chip-remove').count() === 0, 'chips of the earlier turn are no longer removable');

    // "compare the top two": the comparison event becomes a side-by-side table
    const compared = await ask(page, log, 'compare the top two');
    const comparison = compared.find(f => f.type === 'comparison');
    check(comparison && comparison.products.length === 2, 'server sent a comparison of two products');
    const cmpTurn = page.locator(`.gc-turn[data-turn="${compared.find(f => f.type === 'done').turn}"]`);
    const heads = await cmpTurn.locator('.gc-compare thead th').allTextContents();
    check(JSON.stringify(heads.slice(1)) === JSON.stringify(comparison.products.map(p => p.title)),
      `comparison table has one column per product (${heads.slice(1).join(' | ')})`);
    const rowLabels = await cmpTurn.locator('.gc-compare tbody th').allTextContents();
    check(rowLabels.includes('price') && rowLabels.includes('rating'), `comparison rows include price and rating (${rowLabels.length} rows)`);
    const priceCells = await cmpTurn.locator('.gc-compare tbody tr').first().locator('td').allTextContents();
    check(priceCells.every(t => /\d/.test(t)), `price cells show amounts (${priceCells.join(' | ')})`);
    check(log.pageErrors.length === 0, 'no page errors: ' + log.pageErrors.join('; '));
  });
});

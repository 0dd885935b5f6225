// The "Goes with" and "Similar" rows under a product card: each row lists products of the product
// graph (GET /api/products/{id}/related) with the edge's reason, in the graph's order.
import { serverUrl, withPage, ask, check, run, getJson } from './lib.mjs';

const url = serverUrl();

/** Polls the related endpoint until the background build has stored edges of every kind wanted. */
async function awaitEdges(productId, relations) {
  const t0 = Date.now();
  for (;;) {
    const { status, json } = await getJson(`${url}/api/products/${encodeURIComponent(productId)}/related`);
    if (status === 200 && relations.every(r => json.edges.some(e => e.relation === r))) return json.edges;
    if (Date.now() - t0 > 120000) throw new Error(`no ${relations.join(', ')} edges for ${productId}: ${JSON.stringify(json)}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

await run('related', async () => {
  await withPage(url, async ({ page, log }) => {
    const frames = await ask(page, log, 'red dress');
    const results = frames.find(f => f.type === 'results');
    const dress = results.items.find(i => i.category === 'dresses');
    check(!!dress, 'a dress is shown');
    const edges = await awaitEdges(dress.productId, ['complementary', 'similar']);
    // the rows load when a card renders: ask again so this card renders after the graph is stored
    const again = await ask(page, log, 'red dress');
    const done = again.find(f => f.type === 'done');
    const card = page.locator(`.gc-turn[data-turn="${done.turn}"] .gc-card[data-product-id="${dress.productId}"]`);
    const goes = card.locator('.gc-related-row[data-relation="complementary"]');
    await goes.waitFor({ timeout: 10000 });
    check((await goes.locator('.gc-related-label').textContent()) === 'Goes with:', 'the row is labelled "Goes with"');
    const want = edges.filter(e => e.relation === 'complementary').slice(0, 3);
    const items = goes.locator('.gc-related-item');
    check(await items.count() === want.length, `"Goes with" lists ${want.length} products`);
    for (let i = 0; i < want.length; i++) {
      check((await items.nth(i).getAttribute('data-product-id')) === want[i].productId, `goes-with #${i + 1} is ${want[i].title}`);
      check((await items.nth(i).locator('.gc-related-title').textContent()) === want[i].title, `goes-with #${i + 1} shows its title`);
      check((await items.nth(i).locator('.gc-related-reason').textContent()).includes(want[i].reason), `goes-with #${i + 1} shows its reason: ${want[i].reason}`);
    }
    const category = (await getJson(`${url}/api/products/${encodeURIComponent(want[0].productId)}`)).json.category;
    check(category !== 'dresses', `what goes with a dress is not a dress (${category})`);
    const similar = card.locator('.gc-related-row[data-relation="similar"]');
    await similar.waitFor({ timeout: 10000 });
    check((await similar.locator('.gc-related-label').textContent()) === 'Similar:', 'the second row is labelled "Similar"');
    const first = edges.find(e => e.relation === 'similar' || e.relation === 'cheaper_alternative');
    check((await similar.locator('.gc-related-item').first().getAttribute('data-product-id')) === first.productId, 'the first similar product comes first');
    check(log.pageErrors.length === 0, 'no page errors: ' + log.pageErrors.join('; '));
  });
});

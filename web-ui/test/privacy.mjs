// The shopper's own data in the widget: the server issues a shopper token kept in localStorage;
// a liked brand shows in "Your preferences" and as a reason on a later card; the shopper's own
// screen keeps an e-mail address they typed while the download (their stored data) has it masked;
// "Clear preferences" empties the panel; "Delete my data" (confirmed) deletes everything, so the
// old token is refused and the next message gets a new one.
import fs from 'node:fs';
import { serverUrl, withPage, ask, check, getJson, run } from './lib.mjs';

const url = serverUrl();
const tokenIn = page => page.evaluate(() => {
  const s = JSON.parse(localStorage.getItem('glasscart.shopper') || 'null');
  return s ? s.token : null;
});

await run('privacy', async () => {
  await withPage(url, async ({ page, log }) => {
    await ask(page, log, 'red dress under 50, reply to robin.q@example.net');
    const conversation = log.received.find(f => f.type === 'conversation');
    const token = conversation.shopperToken;
    check(typeof token === 'string' && token.length >= 22, 'the conversation event issues a shopper token');
    check(await tokenIn(page) === token, 'the widget keeps it in localStorage');
    check((await page.locator('.gc-user').first().textContent()).includes('robin.q@example.net'),
      'the shopper still sees the e-mail address they typed');

    await ask(page, log, 'I like Gala');
    const sent = log.sent.filter(f => f.type === 'message');
    check(sent[sent.length - 1].shopperToken === token, 'message frames carry the shopper token');

    // "Your preferences" shows what was learned
    const toggle = page.getByRole('button', { name: 'Your preferences' });
    await toggle.click();
    check(await toggle.getAttribute('aria-expanded') === 'true', 'the panel opens');
    const brand = page.locator('.gc-me-item[data-kind="brand"]', { hasText: 'Gala' });
    await brand.waitFor({ timeout: 10000 });
    check((await brand.textContent()).startsWith('You liked Gala'), 'the liked brand is listed: ' + await brand.textContent());
    const price = page.locator('.gc-me-item[data-kind="price"]');
    check((await price.textContent()).includes('50'), 'the usual price range is listed: ' + await price.textContent());

    // a later search shows the reason in the shopper's words
    await ask(page, log, 'start over');
    const frames = await ask(page, log, 'red dress');
    const results = frames.find(f => f.type === 'results');
    const gala = results.items.find(i => i.brand === 'Gala');
    check(gala && gala.contributions.some(c => c.feature === 'profile_brand' && c.label === 'you liked Gala before'),
      'the Gala dress carries the profile reason');
    // by its own title: a card's related rows may name other cards' products
    const card = page.locator('.gc-turn').last().locator('.gc-card', { has: page.locator('.gc-title', { hasText: 'Red Evening Dress' }) });
    await card.locator('.gc-why').click();
    check(await card.locator('.gc-chart-label', { hasText: 'you liked Gala before' }).count() === 1, '"Why this?" shows it');
    await page.waitForTimeout(300);
    check(log.sent.some(f => f.type === 'opened' && f.productId === gala.productId), 'opening "Why this?" is reported');

    // Download my data: everything stored, with the e-mail address masked
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
    const data = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    check(download.suggestedFilename() === 'glasscart-my-data.json', 'the download is named glasscart-my-data.json');
    const turns = data.conversations.flatMap(c => c.turns);
    check(turns.length === 4, `the download holds the 4 stored turns (${turns.length})`);
    check(!JSON.stringify(data).includes('robin.q@example.net') && turns[0].userText.includes('•••@•••'),
      'the stored text has the e-mail address masked');
    check(data.profile && Array.isArray(data.profile.preferences) && data.profile.preferences.some(p => p.value === 'Gala'),
      'the download holds the profile');

    // Clear preferences
    await page.getByRole('button', { name: 'Clear preferences' }).click();
    await page.locator('.gc-me-message', { hasText: 'cleared' }).waitFor({ timeout: 10000 });
    check(await page.locator('.gc-me-item').count() === 0, 'the panel is empty after clearing');
    const me = await getJson(`${url}/api/me`, token);
    check(me.status === 200 && me.json.preferences.length === 0 && me.json.conversations.length === 1,
      'the server forgot the preferences and kept the conversation');

    // Delete my data, confirmed
    const del = page.getByRole('button', { name: 'Delete my data' });
    await del.click();
    check(await page.locator('.gc-me-message[data-kind="warn"]').count() === 1, 'deleting asks to confirm first');
    check((await getJson(`${url}/api/me`, token)).status === 200, 'nothing is deleted before confirming');
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await page.locator('.gc-me-message', { hasText: 'deleted' }).waitFor({ timeout: 10000 });
    check((await getJson(`${url}/api/me`, token)).status === 401, 'the old token is refused: the shopper is gone');
    check(await tokenIn(page) === null, 'the widget dropped the token');

    // the next message starts afresh with a new token
    const before = log.received.length;
    await ask(page, log, 'red dress');
    const fresh = log.received.slice(before).find(f => f.type === 'conversation');
    check(fresh && fresh.shopperToken && fresh.shopperToken !== token && fresh.conversationId !== conversation.conversationId,
      'a new conversation with a new shopper token');
    check(log.pageErrors.length === 0, 'no page errors: ' + log.pageErrors.join('; '));
  });
});

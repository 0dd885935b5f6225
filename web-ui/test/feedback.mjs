// Thumbs up on a turn's explanation and "this reason is wrong" on one contribution: checks the
// feedback frames the widget sends, that the server answers no error, and (with an agent token)
// that the feedback is stored with the conversation (GET /api/conversations/{id}).
import { serverUrl, agentToken, withPage, ask, check, getJson, run } from './lib.mjs';

const url = serverUrl();
const token = agentToken();

function findAll(node, pred, out = []) {
  if (node && typeof node === 'object') {
    if (!Array.isArray(node) && pred(node)) out.push(node);
    for (const v of Object.values(node)) findAll(v, pred, out);
  }
  return out;
}

await run('feedback', async () => {
  await withPage(url, async ({ page, log }) => {
    const frames = await ask(page, log, 'red dress under 50');
    const done = frames.find(f => f.type === 'done');
    const results = frames.find(f => f.type === 'results');
    check(results.items.length > 0 && results.items[0].contributions.length > 0, 'first result has contributions');
    const turn = page.locator(`.gc-turn[data-turn="${done.turn}"]`);

    const up = turn.getByRole('button', { name: 'Helpful', exact: true });
    await up.click();
    check(await up.getAttribute('aria-pressed') === 'true', 'thumbs up shows as pressed');
    const first = turn.locator('.gc-card').first();
    await first.locator('.gc-why').click();
    const wrong = first.locator('.gc-wrong').first();
    await wrong.click();
    check(await wrong.isDisabled(), '"this reason is wrong" is acknowledged and disabled');

    await page.waitForTimeout(1500); // give the server time to store and confirm both
    const sent = log.sent.filter(f => f.type === 'feedback');
    check(sent.length === 2, `two feedback frames sent (${sent.length})`);
    const thumbs = sent[0];
    check(thumbs.turn === done.turn && thumbs.helpful === true && thumbs.productId === undefined,
      `thumbs frame ${JSON.stringify(thumbs)}`);
    const reason = sent[1];
    const c0 = results.items.slice().sort((a, b) => a.rank - b.rank)[0];
    check(reason.turn === done.turn && reason.helpful === false && reason.productId === c0.productId
      && typeof reason.reason === 'string' && reason.reason.includes(c0.contributions[0].feature),
      `reason frame ${JSON.stringify(reason)}`);
    const saved = log.received.filter(f => f.type === 'feedback_saved');
    check(saved.length === 2 && saved.every(f => f.turn === done.turn), `server confirmed both with feedback_saved (${saved.length})`);
    check(await turn.locator('.gc-thanks').count() === 1, 'page thanks the shopper');
    const errors = log.received.filter(f => f.type === 'error');
    check(errors.length === 0, 'server answered no error: ' + JSON.stringify(errors));
    check(await page.locator('.gc-error').count() === 0, 'no error shown in the page');

    if (!token) {
      console.log('skip stored-feedback check: no agent token (pass it as 2nd argument or GLASSCART_AGENT_TOKEN)');
      return;
    }
    const conversationId = log.received.find(f => f.type === 'conversation').conversationId;
    const { status, json } = await getJson(`${url}/api/conversations/${encodeURIComponent(conversationId)}`, token);
    check(status === 200, `GET /api/conversations/{id} answers 200 (${status})`);
    const stored = findAll(json, o => o.helpful === true || o.helpful === false);
    check(stored.some(o => o.helpful === true && (o.turn === undefined || o.turn === done.turn)), 'thumbs up stored with the conversation');
    check(stored.some(o => o.helpful === false && o.reason === reason.reason), 'wrong-reason feedback stored with its reason');
  });
});

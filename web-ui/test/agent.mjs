// The agent console (/agent): a conversation made through the widget is found by searching its
// text, opened, and its decision path shown (constraint chips with their turn, contribution bars,
// explanation, timings); the replay transcript export downloads well-formed JSON derived from what
// happened; a wrong token shows "token rejected". Needs the agent token (2nd argument).
//   node agent.mjs http://127.0.0.1:8080 AGENT_TOKEN [SCREENSHOT_DIR]
import { serverUrl, agentToken, withPage, ask, check, run } from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';

const url = serverUrl();
const token = agentToken();
const shots = process.argv[4] || null;

await run('agent', async () => {
  if (!token) throw new Error('the agent console test needs the agent token (2nd argument or GLASSCART_AGENT_TOKEN)');
  await withPage(url, async ({ page, log }) => {
    // Given a two-turn conversation made through the shopper widget
    const first = await ask(page, log, 'red dress under 50');
    const second = await ask(page, log, 'only Sunny please');
    const conversationId = log.received.find(f => f.type === 'conversation').conversationId;
    const understood = second.find(f => f.type === 'understanding');
    const results = second.find(f => f.type === 'results');
    check(results.items.length > 0, `second turn shows results (${results.items.length})`);
    check(understood.constraints.some(c => c.turn === 1) && understood.constraints.some(c => c.turn === 2),
      'second turn keeps a constraint from turn 1 and adds one: ' + JSON.stringify(understood.constraints));

    // When an agent opens /agent with a wrong token
    await page.goto(url + '/agent', { waitUntil: 'load' });
    check(await page.getByRole('heading', { level: 1, name: 'Glasscart agent console' }).isVisible(), '/agent serves the console');
    await page.getByLabel('Agent token').fill('not-the-agent-token-0000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible', timeout: 10000 });
    check(/token rejected/i.test(await alert.textContent()), 'a wrong token shows "token rejected"');
    check(await page.locator('#ac-main').isHidden(), 'nothing of the console is shown with a wrong token');
    check(await page.evaluate(() => sessionStorage.getItem('glasscart.agentToken')) === null, 'the rejected token is not kept');

    // And then signs in with the right one (keyboard only) and searches the conversation's text
    await page.getByLabel('Agent token').fill(token);
    await page.keyboard.press('Enter');
    await page.locator('#ac-main').waitFor({ state: 'visible', timeout: 10000 });
    check(await alert.isHidden(), 'the alert goes away after a good token');
    check(await page.evaluate(() => sessionStorage.getItem('glasscart.agentToken')) === token, 'the token is kept in sessionStorage');
    await page.getByLabel('Search shopper text').fill('zzqx nothing matches this');
    await page.keyboard.press('Enter');
    await page.getByText('No conversation mentions').waitFor({ timeout: 10000 });
    check(await page.locator('.ac-conv').count() === 0, 'a search for unknown text lists nothing');
    await page.getByLabel('Search shopper text').fill('only Sunny please');
    await page.keyboard.press('Enter');
    const mine = page.locator(`.ac-conv[data-id="${conversationId}"]`);
    await mine.waitFor({ timeout: 10000 });
    check(/red dress under 50/.test(await mine.textContent()), 'the search lists the conversation with its first message');

    // Then opening it (keyboard) shows each turn's decision path
    await mine.focus();
    await page.keyboard.press('Enter');
    const turn2 = page.locator('.ac-turn[data-turn="2"]');
    await turn2.waitFor({ timeout: 10000 });
    check(await page.locator('.ac-turn').count() === 2, 'both turns are shown');
    check(await mine.getAttribute('aria-current') === 'true', 'the open conversation is marked current in the list');
    check((await turn2.locator('.ac-user').textContent()) === 'only Sunny please', 'turn 2 shows the shopper text');
    const turnId = ((await turn2.locator('.ac-turn-id').textContent()) || '').trim();
    check(/^c-[0-9a-f]{12}\.2$/.test(turnId), 'turn 2 shows the turn id its log record carries: ' + turnId);
    const chips = turn2.locator('.ac-chip');
    check(await chips.count() === understood.constraints.length, `turn 2 shows ${understood.constraints.length} constraint chips`);
    check(await turn2.locator('.ac-chip-carried .ac-chip-turn', { hasText: 'from turn 1' }).count() >= 1,
      'a chip carried over says it came from turn 1');
    for (const c of understood.constraints) {
      check(await chips.filter({ hasText: c.label }).count() === 1, `chip "${c.label}" shown`);
    }
    const cards = turn2.locator('.ac-cand');
    check(await cards.count() === results.items.length, `all ${results.items.length} ranked candidates shown`);
    check((await cards.first().locator('.ac-cand-title').textContent()) === results.items[0].title, 'candidates in rank order');
    const bars = cards.first().locator('.ac-bar-row');
    check(await bars.count() === results.items[0].contributions.length, 'one contribution bar per feature');
    const widths = await cards.first().locator('.ac-bar').evaluateAll(bs => bs.map(b => b.getBoundingClientRect().width));
    check(widths.some(w => w > 1), 'contribution bars have visible widths: ' + widths.map(w => w.toFixed(0)).join(','));
    check((await cards.first().locator('.ac-score').textContent()).includes(results.items[0].score.toFixed(3)), 'score shown');
    const explanation = second.filter(f => f.type === 'token').map(f => f.text).join('');
    check((await turn2.locator('.ac-explanation').textContent()) === explanation, 'explanation text as streamed');
    const done = second.find(f => f.type === 'done');
    check(await turn2.locator('.ac-badge', { hasText: 'explainer: ' + done.explainer }).count() === 1, 'explainer shown');
    check(await turn2.getByRole('heading', { level: 4, name: 'Timings' }).count() === 1, 'timings shown');
    check(await turn2.getByRole('heading', { level: 4, name: 'Grounding' }).count() === 1, 'grounding section shown');
    check(await page.locator('#ac-trust').count() === 1 && (await page.locator('#ac-trust').textContent()).length > 0, 'trust panel filled');

    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'agent-console.png'), fullPage: true });
      console.log('wrote ' + path.join(shots, 'agent-console.png'));
    }

    // And exporting writes a replay transcript derived from what happened
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10000 }),
      page.getByRole('button', { name: 'Export as replay transcript' }).click(),
    ]);
    const transcript = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    check(download.suggestedFilename().endsWith('.json'), 'download is a .json file: ' + download.suggestedFilename());
    check(typeof transcript.name === 'string' && transcript.name.length > 0, 'transcript has a name');
    check(Array.isArray(transcript.turns) && transcript.turns.length === 2, 'transcript has both turns');
    check(transcript.turns[0].user === 'red dress under 50' && transcript.turns[1].user === 'only Sunny please', 'turns keep the shopper text');
    const e1 = transcript.turns[0].expect;
    const firstResults = first.find(f => f.type === 'results').items;
    check(firstResults.length ? e1.minResults === 1 && e1.topResult.id === firstResults[0].productId : e1.maxResults === 0,
      'turn 1 expects its results and top result: ' + JSON.stringify(e1));
    const e2 = transcript.turns[1].expect;
    check(e2.minResults === 1 && e2.topResult.id === results.items[0].productId && e2.explainer === done.explainer,
      'turn 2 expects results, top result and explainer: ' + JSON.stringify(e2));
    check(JSON.stringify(e2.constraints) === JSON.stringify(understood.constraints.map(c => ({ kind: c.kind, value: c.value }))),
      'turn 2 expects its constraints as {kind, value}');
  }, { width: 1280, height: 1000 });
});

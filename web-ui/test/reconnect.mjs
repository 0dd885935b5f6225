// Drops the WebSocket under the page; the widget reconnects with backoff and the next message
// resumes the same conversation (conversationId and resumeToken from sessionStorage), also after a page reload.
import { serverUrl, agentToken, withPage, ask, check, getJson, run } from './lib.mjs';

const url = serverUrl();
const token = agentToken();
await run('reconnect', async () => {
  await withPage(url, async ({ page, log }) => {
    const first = await ask(page, log, 'red dress under 50');
    const id = log.received.find(f => f.type === 'conversation').conversationId;
    check(typeof id === 'string' && id.length > 0, `conversation ${id} started`);
    check(await page.evaluate(() => sessionStorage.getItem('glasscart.conversationId')) === id, 'conversationId kept in sessionStorage');
    const resumeToken = log.received.find(f => f.type === 'conversation').resumeToken;
    check(typeof resumeToken === 'string' && resumeToken.length >= 22, 'the conversation event carries a resume token');
    check(await page.evaluate(() => sessionStorage.getItem('glasscart.resumeToken')) === resumeToken, 'resumeToken kept in sessionStorage with it');

    await page.evaluate(() => window.__gcSockets[window.__gcSockets.length - 1].close());
    await page.waitForSelector('.gc-status[data-state="down"]', { timeout: 5000 });
    check(true, 'page shows the connection is down');
    await page.waitForSelector('.gc-status[data-state="ok"]', { timeout: 20000 });
    check(log.sockets === 2, `reconnected on a new socket (${log.sockets} sockets)`);

    const sentBefore = log.sent.length;
    const second = await ask(page, log, 'cheaper please');
    const msg = log.sent.slice(sentBefore).find(f => f.type === 'message');
    check(msg.conversationId === id, 'first message after reconnect carries the stored conversationId');
    check(msg.resumeToken === resumeToken, 'and the resume token');
    const conv = second.find(f => f.type === 'conversation');
    check(conv && conv.conversationId === id && conv.resumed === true, 'server resumed the same conversation');
    const t1 = first.find(f => f.type === 'done').turn;
    const t2 = second.find(f => f.type === 'done').turn;
    check(t2 === t1 + 1, `turn numbers continue (${t1} -> ${t2})`);

    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.gc-status[data-state="ok"]', { timeout: 15000 });
    const third = await ask(page, log, 'in blue');
    const conv3 = third.find(f => f.type === 'conversation');
    check(conv3 && conv3.conversationId === id && conv3.resumed === true, 'after a reload the conversation resumes too');
    check(third.find(f => f.type === 'done').turn === t2 + 1, 'turn numbers continue after reload');
    check(!log.received.some(f => f.type === 'error'), 'no error frames');

    if (token) {
      const { status, json } = await getJson(`${url}/api/conversations/${encodeURIComponent(id)}`, token);
      check(status === 200 && json.turns.length === 3, `agent API shows the 3 turns in one conversation (${json && json.turns && json.turns.length})`);
    }
  });
});

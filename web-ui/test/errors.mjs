// Error events are shown inline and the widget stays usable: a refused message (text over 2000
// characters) shows the server's error in its turn and re-enables Send; a malformed frame's error
// shows up in the widget's general error area; the next message works normally.
import { serverUrl, withPage, ask, check, run } from './lib.mjs';

const url = serverUrl();
await run('errors', async () => {
  await withPage(url, async ({ page, log }) => {
    await page.evaluate(() => document.querySelector('.gc-input').removeAttribute('maxlength'));
    await page.fill('.gc-input', 'x'.repeat(2001));
    await page.press('.gc-input', 'Enter');
    const inTurn = page.locator('.gc-turn .gc-error');
    await inTurn.first().waitFor({ timeout: 10000 });
    const err = log.received.find(f => f.type === 'error');
    check(err && err.code === 'text_too_long', `server refused the long text (${err && err.code})`);
    check(await inTurn.first().textContent() === err.message, 'the error message is shown in that turn');
    check(await inTurn.first().getAttribute('role') === 'alert', 'the error is announced (role=alert)');
    check(await page.locator('.gc-send').isEnabled() && await page.locator('.gc-stop').isDisabled(), 'Send usable again, Stop off');

    await page.evaluate(() => window.__gcSockets[window.__gcSockets.length - 1].send('not json'));
    const general = page.locator('.gc-widget > .gc-errors .gc-error');
    await general.waitFor({ timeout: 10000 });
    check(await general.getAttribute('data-code') === 'bad_json', 'a bad frame\'s error shows in the general error area');

    const frames = await ask(page, log, 'red dress under 50');
    check(frames.some(f => f.type === 'results'), 'the next message works normally on the same socket');
    check(log.sockets === 1, 'no reconnect was needed');
  });
});

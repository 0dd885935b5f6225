// Stop while the answer streams: Escape sends `cancel`, the turn ends with done{cancelled:true},
// the page says so, and the conversation goes on normally afterwards.
import { serverUrl, withPage, ask, waitForDone, check, run } from './lib.mjs';

const url = serverUrl();
await run('cancel', async () => {
  await withPage(url, async ({ page, log }) => {
    // a first turn opens the conversation, so the next turn starts at once on this socket
    const first = (await ask(page, log, 'red dress under 50')).find(f => f.type === 'done');
    const from = log.received.length;
    // Enter then Escape in one task, so the cancel reaches the server while the turn is running
    const stopWasEnabled = await page.evaluate(() => {
      const input = document.querySelector('.gc-input');
      input.value = 'comfortable running shoes';
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      const enabled = !document.querySelector('.gc-stop').disabled;
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
      return enabled;
    });
    check(stopWasEnabled, 'Stop button is enabled while the answer streams');
    const frames = await waitForDone(log, from);
    const done = frames.find(f => f.type === 'done');
    check(log.sent.some(f => f.type === 'cancel'), 'cancel frame sent');
    check(done.cancelled === true, `turn ${done.turn} ended with done cancelled=true`);
    const turn = page.locator(`.gc-turn[data-turn="${done.turn}"]`);
    check(await turn.locator('.gc-note', { hasText: 'Stopped.' }).count() === 1, 'page shows the turn was stopped');
    check(await page.locator('.gc-stop').isDisabled(), 'Stop is disabled again after done');
    check(await turn.locator('.gc-answer').getAttribute('aria-busy') === 'false', 'answer region no longer busy');

    check(done.turn === first.turn + 1, `the stopped turn is turn ${done.turn}`);
    const next = await ask(page, log, 'in blue');
    const nextDone = next.find(f => f.type === 'done');
    check(nextDone.turn === done.turn + 1 && nextDone.cancelled === false, `next turn ${nextDone.turn} runs to the end`);
    check(!log.received.some(f => f.type === 'error'), 'no error frames');
  });
});

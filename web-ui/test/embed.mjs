// Embedding: a shop page with only <script src="widget.js"> (no #glasscart element) gets a floating
// launcher that opens a working widget, and the chat page works inside an iframe.
import { serverUrl, withPage, waitForDone, check, run } from './lib.mjs';

const url = serverUrl();
await run('embed', async () => {
  await withPage(url + '/demo-shop.html', async ({ page, log }) => {
    const launcher = page.locator('.gc-launcher');
    check(await launcher.count() === 1, 'widget created its own floating container with a launcher button');
    check(await page.locator('.gc-floating .gc-widget').isHidden(), 'panel starts closed');
    check(await page.evaluate(() => !!document.querySelector('link[data-glasscart-css]')), 'widget.css was added to the host page');
    await launcher.focus();
    await page.keyboard.press('Enter');
    check(await page.locator('.gc-floating .gc-widget').isVisible(), 'launcher opens the panel with the keyboard');
    check(await page.evaluate(() => document.activeElement.classList.contains('gc-input')), 'focus moves to the message box');
    check(await launcher.getAttribute('aria-expanded') === 'true', 'launcher says it is expanded');
    await page.keyboard.type('red dress under 50');
    const before = log.received.length;
    await page.keyboard.press('Enter');
    const frames = await waitForDone(log, before);
    const results = frames.find(f => f.type === 'results');
    check(await page.locator('.gc-floating .gc-card').count() === results.items.length, `floating widget shows ${results.items.length} cards`);

    const frame = page.frameLocator('iframe');
    await frame.locator('.gc-status[data-state="ok"]').waitFor({ timeout: 15000 });
    check(await frame.locator('.page-header').isHidden(), 'inside an iframe the chat page shows only the widget');
    await frame.locator('.gc-input').fill('comfortable running shoes');
    await frame.locator('.gc-input').press('Enter');
    await frame.locator('.gc-turn .gc-thumbs').first().waitFor({ timeout: 60000 });
    check(await frame.locator('.gc-card').count() > 0, 'the widget in the iframe shows cards');
    check(log.pageErrors.length === 0, 'no page errors: ' + log.pageErrors.join('; '));
  }, { width: 1100, height: 900 });
});

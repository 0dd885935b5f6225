// Not a test: takes desktop and phone screenshots of a running server's page after one turn with
// the first "Why this?" chart open.   node screenshots.mjs http://127.0.0.1:8080 OUT_DIR ["message"]
import { withPage, ask } from './lib.mjs';
import path from 'node:path';

const [url, out = '.', text = 'red dress under 50'] = process.argv.slice(2);
for (const [name, width, height] of [['desktop', 1280, 860], ['phone', 390, 844]]) {
  await withPage(url, async ({ page, log }) => {
    await ask(page, log, text);
    await page.locator('.gc-why').first().click();
    await page.waitForTimeout(400);
    const file = path.join(out, `widget-${name}.png`);
    await page.screenshot({ path: file });
    console.log('wrote ' + file);
  }, { width, height });
}

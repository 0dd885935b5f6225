// Shared helpers for the browser scripts: a system Chromium driven by playwright-core (no browser
// download), WebSocket frame capture, and small check/fail helpers. Every script takes the server
// URL as its first argument, prints each check, and exits non-zero on the first failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.GLASSCART_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function serverUrl() {
  const url = process.argv[2];
  if (!url || !/^https?:\/\//.test(url)) {
    console.error(`usage: node ${path.basename(process.argv[1])} http://host:port [agent-token]`);
    process.exit(2);
  }
  return url.replace(/\/$/, '');
}

/** The agent token for GET /api/conversations: second argument or GLASSCART_AGENT_TOKEN, else null. */
export function agentToken() {
  return process.argv[3] || process.env.GLASSCART_AGENT_TOKEN || null;
}

export function check(cond, what) {
  if (!cond) throw new Error('FAILED: ' + what);
  console.log('ok   ' + what);
}

/** Launches Chromium with a fresh profile; returns {browser, context, close}. */
export async function launch({ width = 1280, height = 900 } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'glasscart-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width, height },
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * Opens the page and records every WebSocket frame (parsed JSON) in both directions, and every
 * console error and page error. Also keeps the page's WebSocket objects in window.__gcSockets so a
 * test can drop the connection.
 */
export async function openPage(context, url) {
  const page = context.pages()[0] || await context.newPage();
  const log = { sent: [], received: [], sockets: 0, pageErrors: [], dialogs: [] };
  page.on('pageerror', e => log.pageErrors.push(String(e)));
  page.on('dialog', d => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('websocket', ws => {
    log.sockets++;
    ws.on('framesent', f => { try { log.sent.push(JSON.parse(f.payload)); } catch { /* not JSON */ } });
    ws.on('framereceived', f => { try { log.received.push(JSON.parse(f.payload)); } catch { /* not JSON */ } });
  });
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    window.__gcSockets = [];
    window.WebSocket = class extends Native {
      constructor(...args) { super(...args); window.__gcSockets.push(this); }
    };
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('.gc-status[data-state="ok"]', { timeout: 15000, state: 'attached' });
  return { page, log };
}

/**
 * Launches Chromium (viewport options as for launch), opens `url` as openPage does, runs
 * fn({ page, log }) and closes the browser whatever happens; returns what fn returns.
 */
export async function withPage(url, fn, viewport) {
  const { context, close } = await launch(viewport);
  try {
    const { page, log } = await openPage(context, url);
    return await fn({ page, log });
  } finally {
    await close();
  }
}

/** Types a message, presses Enter, and waits for that turn's `done` frame; returns the turn's frames. */
export async function ask(page, log, text, { timeout = 60000 } = {}) {
  const before = log.received.length;
  await page.fill('.gc-input', text);
  await page.press('.gc-input', 'Enter');
  return waitForDone(log, before, timeout);
}

export async function waitForDone(log, from, timeout = 60000) {
  const t0 = Date.now();
  for (;;) {
    const frames = log.received.slice(from);
    const done = frames.find(f => f.type === 'done');
    if (done) return frames.slice(0, frames.indexOf(done) + 1);
    const err = frames.find(f => f.type === 'error');
    if (err) throw new Error(`server error while waiting for done: ${err.code}: ${err.message}`);
    if (Date.now() - t0 > timeout) throw new Error(`no done frame within ${timeout} ms; got ${frames.map(f => f.type).join(',')}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

export async function getJson(url, token) {
  const res = await fetch(url, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  const body = await res.text();
  return { status: res.status, json: body ? JSON.parse(body) : null };
}

/** Runs main(), prints the outcome, and exits 0 on success and 1 on failure. */
export async function run(name, main) {
  try {
    await main();
    console.log(`PASS ${name}`);
    process.exit(0);
  } catch (e) {
    console.error(`FAIL ${name}: ${e && e.stack || e}`);
    process.exit(1);
  }
}

// The real gesture path, once, as a person triggers it: the shipped package in a headed
// Chromium on a virtual display (xvfb-run), the page focused with a real mouse click and the
// popup opened with the keyboard shortcut (the manifest's `_execute_action` command, Alt+Shift+Y)
// sent by xdotool. That is what grants activeTab; the popup then reads the page and the test
// presses "Fill 4 fields" in it. The other E2E suites stand in for the gesture with a test
// flavour that holds host permissions for the replicas' addresses (tests/e2e/targets.test.mjs).
//
//   xvfb-run -a -s "-screen 0 1280x900x24" node --test tests/gesture/fill-by-shortcut.mjs
// (scripts/browser-tests.sh runs it so; without a display it is skipped, saying why).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';

import { launch, captures, waitForCaptures, chooseIntegration, assertSecretsNowhere } from '../e2e/harness.mjs';
import { TARGETS, targetPages } from '../e2e/targets.mjs';

const WHEREHOUSE = TARGETS.find((t) => t.id === 'wherehouse');
const display = process.env.DISPLAY;

const xdotool = (...args) => execFileSync('xdotool', args, { stdio: 'pipe' });

test('Alt+Shift+Y on the target page opens the popup with access to it; Fill writes the form', { skip: display ? false : 'no X display (run under xvfb-run)' }, async () => {
  const env = await launch({ headless: false, flavour: 'shipped', pages: await targetPages() });
  try {
    // An account to fill with, imported as a user would (the popup's file input).
    const alnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const word = (n) => Array.from({ length: n }, () => alnum[crypto.randomInt(alnum.length)]).join('');
    const creds = { client_id: word(31), client_secret: crypto.randomBytes(32).toString('hex'), access_token: word(31) };
    const apiPath = 'https://api.bigcommerce.com/stores/g3stur3/v3/';
    const file = [
      `ACCESS TOKEN: ${creds.access_token}`, 'CLIENT NAME: Wherehouse', `API PATH: ${apiPath}`,
      `CLIENT ID: ${creds.client_id}`, `CLIENT SECRET: ${creds.client_secret}`, 'NAME: Wherehouse', '',
    ].join('\r\n');
    const setup = await env.context.newPage();
    await setup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
    await setup.locator('body[data-ready="1"]').waitFor();
    await chooseIntegration(setup, 'wherehouse');
    await setup.getByLabel('Import credentials file').setInputFiles({ name: 'api-credentials-Wherehouse.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
    await waitForCaptures(env, 1);
    await setup.close();

    const page = await env.context.newPage();
    await page.goto(WHEREHOUSE.url);
    await page.getByLabel('Client ID', { exact: true }).waitFor();
    await page.bringToFront();
    // The shipped package cannot match tabs by an address it has no access to: the active one.
    const tabId = await env.sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true })).at(0)?.id);

    // Before the gesture the extension cannot reach the page (no host permission for it).
    const before = await env.sw.evaluate((id) => chrome.scripting.executeScript({ target: { tabId: id }, func: () => 1 })
      .then(() => 'ran', (e) => String(e.message)), tabId);
    assert.notEqual(before, 'ran', 'no access to the target page before the shortcut');

    // A real click focuses the page, then the real shortcut opens the toolbar popup.
    xdotool('mousemove', '640', '700', 'click', '1');
    xdotool('key', 'alt+shift+y');
    const popupUrl = `chrome-extension://${env.extensionId}/popup/popup.html`;
    const plan = await env.recorder.evaluateIn(popupUrl, `new Promise((resolve) => {
      const read = () => {
        const button = document.getElementById('target-fill');
        if (!document.getElementById('target-plan') || document.getElementById('target-plan').hidden || !button || button.disabled) return false;
        resolve({
          where: document.getElementById('target-where').textContent,
          rows: [...document.querySelectorAll('#target-fields li')].map((li) => li.textContent),
          button: button.textContent,
        });
        return true;
      };
      if (!read()) new MutationObserver((_, o) => { if (read()) o.disconnect(); }).observe(document, { subtree: true, childList: true, attributes: true });
    })`, { timeout: 15000 });
    assert.match(plan.where, /app\.wherehouse\.co\.za/);
    assert.equal(plan.button, 'Fill 4 fields');
    // Secrets masked in the plan: no full secret in what the popup shows.
    for (const secret of [creds.client_secret, creds.access_token]) assert.ok(!plan.rows.join(' ').includes(secret));

    // Pressed in the popup (the gesture that matters, the one granting activeTab, was the key).
    await env.recorder.evaluateIn(popupUrl, `new Promise((resolve) => {
      document.getElementById('target-fill').click();
      const status = document.getElementById('target-status');
      const done = () => /^Filled/.test(status.textContent) && (resolve(status.textContent), true);
      if (!done()) new MutationObserver((_, o) => { if (done()) o.disconnect(); }).observe(status, { subtree: true, childList: true, characterData: true });
    })`);
    // What the page's own code holds (the replica's state, by caption).
    const values = await page.evaluate(() => window.__target.state());
    assert.equal(values['Client ID'], creds.client_id);
    assert.equal(values['Client Secret'], creds.client_secret);
    assert.equal(values['Access Token'], creds.access_token);
    assert.equal(values['API Path'], apiPath);
    assert.equal(await page.evaluate(() => window.__target.submits()), 0, 'the page\'s own submit was never pressed');
    assert.ok((await captures(env)).length === 1);
    await assertSecretsNowhere(env, new Set(Object.values(creds)), assert);
  } finally {
    await env.close();
  }
});

// The toolbar popup (opened as a tab at chrome-extension://ID/popup/popup.html) and the
// background's secret hygiene: an account of every shipped preset (one captured on the
// replica, the others sent as the content script's capture message) laid out in its target's
// order and names, exact copies, the clipboard cleared after the delay (and
// not when the user copied something else), masking, the Celigo switch, Fill form from the
// popup, import, forget, expiry, both also after the service worker is stopped, no secret
// stored or printed, contrast, screenshots.
//
// It runs the "granted" test flavour (tests/e2e/flavour.mjs): delays of a few seconds, and the
// optional clipboardRead permission granted, so that the "still ours" check is exercised (the
// browser's prompt for it cannot be answered headless). security.test.mjs covers the package
// without the permission.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  launch, openReplica, formFrame, fillWith, pageState, pageConfig, captures, waitForCaptures,
  saveAndCapture, checkLevels, chooseIntegration, assertSecretsNowhere, quietExtensionPage,
  stopWorker, sessionWhen, probeSend, PRESETS, STORE, ORIGIN, ROOT,
} from './harness.mjs';
import { pendingClear, pendingClearGone } from './pending-clear.mjs';

const CLIPBOARD_SECONDS = 2;
const SHOTS = path.join(ROOT, 'target/popup');

let env;
let popup;
/** Every credential value any test generated or imported: none may reach storage.local. */
const secrets = new Set();

const setSettings = (settings) => env.sw.evaluate((s) => chrome.storage.local.set({ settings: s }), settings);

/** A control-panel page that is not the API accounts area: the probe's place to send from. */
const PROBE_PAGE = `${ORIGIN}/manage/probe`;

before(async () => {
  env = await launch({ csp: 'none', flavour: 'granted', pages: { [PROBE_PAGE]: '<!doctype html><title>Control panel</title>' } });
  // The extension's clipboardRead/clipboardWrite permissions already allow its pages to use
  // navigator.clipboard; granting is belt and braces (and lets a test read the clipboard from
  // the options page). Chromium's CDP refuses an origin of chrome-extension://ID ("opaque
  // origin"), so fall back to a context-wide grant.
  const perms = ['clipboard-read', 'clipboard-write'];
  await env.context.grantPermissions(perms, { origin: `chrome-extension://${env.extensionId}` })
    .catch(() => env.context.grantPermissions(perms));
  await setSettings({ clipboardSeconds: CLIPBOARD_SECONDS });
  popup = await env.context.newPage();
  await popup.setViewportSize({ width: 380, height: 900 });
});
after(async () => { await env?.close(); });

async function openPopup() {
  await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
  await popup.locator('body[data-ready="1"]').waitFor({ timeout: 10000 });
  await popup.bringToFront();
}

/** Fills with `presetId` in the page's panel, saves, waits for the capture. */
async function capture(presetId, params = {}) {
  const { page } = await openReplica(env, { rows: 'native', ...params });
  const frame = await formFrame(page);
  const report = await fillWith(frame, presetId);
  assert.match(report.status, /^Filled/, report.items.join('\n'));
  const { generated, capture: stored } = await saveAndCapture(env, frame);
  for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
  await page.close();
  return { generated, stored };
}

/** Credentials in the shapes the replica generates (www/src/credentials.js). */
function freshCredentials(name) {
  const alnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const word = (n) => Array.from({ length: n }, () => alnum[crypto.randomInt(alnum.length)]).join('');
  return {
    client_id: word(31), client_secret: crypto.randomBytes(32).toString('hex'), access_token: word(31),
    api_path: `https://api.bigcommerce.com/stores/${STORE}/v3/`, name,
  };
}

/**
 * Has the background hold an account for `presetId` as the content script has it hold one
 * after a Save: the same "capture" message, sent from a content script (the test flavour's
 * probe) in a control-panel tab. The popup shows what the background holds, however it was
 * filled; fill → Save → capture on the page is tested once here (`capture`), and for every
 * kind of preset by matrix.test.mjs and languages.test.mjs.
 */
async function captureSent(presetId) {
  const preset = PRESETS[presetId];
  const generated = freshCredentials(preset.account_name);
  for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
  const page = await env.context.newPage();
  await page.goto(PROBE_PAGE);
  const answer = await probeSend(page.mainFrame(), {
    type: 'capture',
    capture: { preset: preset.id, presetName: preset.name, storeHash: STORE, capturedAt: Date.now(), problems: [], credentials: generated },
  });
  await page.close();
  assert.equal(answer?.ok, true, JSON.stringify(answer));
  const stored = (await captures(env)).find((c) => c.id === answer.id);
  return { generated, stored };
}

/** What a layout field shows, from the page's generated credentials. */
function expectedValue(kind, generated) {
  return kind === 'store_hash' ? STORE : generated[kind];
}

const rows = () => popup.locator('#fields li').evaluateAll((lis) => lis.map((li) => ({
  label: li.querySelector('.value-label').textContent,
  kind: li.dataset.kind,
  shown: li.querySelector('.value').textContent,
  note: li.querySelector('.value-note')?.textContent ?? null,
})));

const readClipboard = () => popup.evaluate(() => navigator.clipboard.readText());
const writeClipboard = (text) => popup.evaluate((t) => navigator.clipboard.writeText(t), text);
const button = (name) => popup.getByRole('button', { name, exact: true });

async function copy(name) {
  await button(name).click({ timeout: 5000 });
  const feedback = button(name).locator('xpath=following-sibling::span[contains(@class,"copied")]');
  await feedback.filter({ hasText: 'Copied' }).waitFor({ timeout: 3000 });
  return readClipboard();
}

const byPreset = {};
/** Captured last in the first test, so its account is the newest one. */
const NEWEST = 'wherehouse';
const CAPTURE_ORDER = [...Object.keys(PRESETS).filter((id) => id !== NEWEST), NEWEST];

test('every shipped preset: captured, laid out in the target\'s order and names, each Copy exact', async () => {
  for (const preset of CAPTURE_ORDER.map((id) => PRESETS[id])) {
    // The newest through the replica's panel and Save, the others as their capture message.
    const { generated, stored } = preset.id === NEWEST ? await capture(preset.id) : await captureSent(preset.id);
    byPreset[preset.id] = generated;
    assert.ok(Number.isFinite(stored.expiresAt) && stored.expiresAt > Date.now(), 'expiresAt set');
    await openPopup();
    // The newest account is the one shown, laid out for its own preset.
    await popup.locator('#account-card .account-title').filter({ hasText: preset.name }).waitFor();
    assert.equal(await popup.locator('#show-for').inputValue(), preset.id);
    assert.match(await popup.locator('#account-card').textContent(), new RegExp(`Store ${STORE}`));
    assert.match(await popup.locator('#account-card .expiry').textContent(), /^Forgotten in 1[45]:\d\d$/);

    const layout = preset.layouts[0];
    const expected = layout.fields.filter((f) => !f.optional || expectedValue(f.value, generated));
    const shown = await rows();
    assert.deepEqual(shown.map((r) => r.label), expected.map((f) => f.label), `${preset.id}: labels in order`);
    assert.deepEqual(shown.map((r) => r.kind), expected.map((f) => f.value), `${preset.id}: values in order`);
    for (const [i, f] of expected.entries()) {
      const value = expectedValue(f.value, generated);
      const secret = f.value === 'client_secret' || f.value === 'access_token';
      if (secret) {
        assert.ok(!shown[i].shown.includes(value), `${preset.id}: ${f.label} masked`);
        assert.equal(shown[i].shown, `••••${value.slice(-4)}`);
      } else {
        assert.equal(shown[i].shown, value, `${preset.id}: ${f.label} shown`);
      }
      assert.equal(shown[i].note, f.value === 'store_hash' ? 'derived from the API path' : null);
      assert.equal(await copy(`Copy ${f.label}`), value, `${preset.id}: Copy ${f.label}`);
    }
  }
});

test('Copy all as JSON and as .env, in the target\'s order', async () => {
  await popup.locator('#show-for').selectOption('dropstream');
  const generated = byPreset[NEWEST];
  const json = JSON.parse(await copy('Copy all as JSON'));
  assert.deepEqual(Object.keys(json), ['Store Hash', 'Client ID', 'Client Secret', 'Access Token']);
  assert.equal(json['Store Hash'], STORE);
  assert.equal(json['Client Secret'], generated.client_secret);
  const env_ = await copy('Copy all as .env');
  // Single-quoted: nothing in a value is expanded when the file is sourced.
  assert.equal(env_, [
    `BIGCOMMERCE_STORE_HASH='${STORE}'`, `BIGCOMMERCE_CLIENT_ID='${generated.client_id}'`,
    `BIGCOMMERCE_CLIENT_SECRET='${generated.client_secret}'`, `BIGCOMMERCE_ACCESS_TOKEN='${generated.access_token}'`, '',
  ].join('\n'));
});

test('secret values are masked until Show is pressed; copying works while masked', async () => {
  await openPopup();
  const generated = byPreset[NEWEST];
  const text = () => popup.locator('body').innerText();
  assert.ok(!(await text()).includes(generated.client_secret));
  assert.ok(!(await text()).includes(generated.access_token));
  assert.ok((await text()).includes(generated.client_id), 'the client ID is not a secret');
  const show = button('Show Client Secret');
  assert.equal(await show.getAttribute('aria-pressed'), 'false');
  assert.equal(await copy('Copy Client Secret'), generated.client_secret, 'copied while masked');
  await show.click();
  assert.equal(await show.getAttribute('aria-pressed'), 'true');
  assert.ok((await text()).includes(generated.client_secret));
  assert.ok(!(await text()).includes(generated.access_token), 'only that one revealed');
  await show.press('Enter');
  assert.equal(await show.getAttribute('aria-pressed'), 'false');
  assert.ok(!(await text()).includes(generated.client_secret));
});

test('with clipboardRead granted the popup does not ask for it', async () => {
  await openPopup();
  // "Copied" shows once the popup has decided whether to ask (crates/web/src/popup/actions.rs).
  await copy('Copy Client ID');
  assert.ok(await popup.locator('#clipboard-ask').isHidden());
});

test('the options page says what the granted permission is used for', async () => {
  const options = await env.context.newPage();
  await options.goto(`chrome-extension://${env.extensionId}/options/options.html`);
  await options.waitForSelector('html[data-ready=true]');
  assert.equal(await options.locator('html').getAttribute('data-clipboard-read'), 'granted');
  assert.equal(await options.locator('#clipboard-read-text').textContent(),
    'ScopeFill reads the clipboard only to check that it still holds what ScopeFill copied before clearing it.');
  assert.ok(await options.getByRole('button', { name: 'Stop reading the clipboard' }).isVisible());
  await options.close();
});

test('the clipboard is cleared after the delay, unless something else was copied meanwhile', async () => {
  const generated = byPreset[NEWEST];
  assert.equal(await copy('Copy Access Token'), generated.access_token);
  // Only a hash of the copied value is kept, with its deadline.
  const pending = await pendingClear(env.sw);
  assert.match(pending.hash, /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(pending).includes(generated.access_token));
  const started = Date.now();
  // The background drops the pending entry once it has dealt with the clipboard.
  const dealtWith = () => pendingClearGone(popup, { timeout: CLIPBOARD_SECONDS * 1000 + 3000 });
  await dealtWith();
  const took = Date.now() - started;
  assert.ok(took >= CLIPBOARD_SECONDS * 1000 - 300, `cleared after ${took} ms`);
  assert.equal(await readClipboard(), '');

  assert.equal(await copy('Copy Client ID'), generated.client_id);
  await writeClipboard('something the user copied');
  assert.ok((await pendingClear(env.sw)).deadline > Date.now(), 'the user copied before the delay was over');
  await dealtWith();
  assert.equal(await readClipboard(), 'something the user copied');
});

test('Celigo: the Token / Basic switch', async () => {
  await openPopup();
  await popup.locator('#show-for').selectOption('celigo');
  const generated = byPreset[NEWEST];
  const token = popup.getByRole('radio', { name: 'Token' });
  const basic = popup.getByRole('radio', { name: 'Basic' });
  assert.ok(await token.isChecked());
  assert.deepEqual((await rows()).map((r) => r.label), ['Access token', 'Client ID', 'Store hash']);
  await basic.check();
  assert.deepEqual((await rows()).map((r) => r.label), ['Username', 'Password', 'Store hash']);
  assert.equal(await copy('Copy Username'), generated.client_id);
  assert.equal(await copy('Copy Password'), generated.access_token);
  assert.equal(await copy('Copy Store hash'), STORE);
  // Keyboard: arrow keys move within the radio group.
  await basic.focus();
  await popup.keyboard.press('ArrowLeft');
  assert.ok(await token.isChecked());
  assert.equal((await rows())[0].label, 'Access token');
});

test('an older account can be chosen, and laid out for another integration', async () => {
  await openPopup();
  const chooser = popup.locator('#account');
  const options = await chooser.locator('option').allTextContents();
  assert.equal(options.length, Object.keys(PRESETS).length);
  assert.match(options[0], new RegExp(`^${PRESETS[NEWEST].name} — Store abc123xyz0 · captured`));
  const older = await chooser.locator('option', { hasText: /^DropStream —/ }).getAttribute('value');
  await chooser.selectOption(older);
  assert.equal(await popup.locator('#show-for').inputValue(), 'dropstream');
  assert.equal((await rows())[0].label, 'Store Hash');
  assert.equal(await copy('Copy Client Secret'), byPreset.dropstream.client_secret);
  await popup.locator('#show-for').selectOption('migration-to-bigcommerce');
  assert.deepEqual((await rows()).map((r) => r.label), ['API Path', 'Client ID', 'Access Token'], 'no secret for a migration');
});

test('keyboard only: Tab reaches a Copy button, Enter copies, the focus ring shows', async () => {
  await openPopup();
  await popup.locator('#show-for').focus();
  let name = '';
  for (let i = 0; i < 12 && name !== 'Copy Client ID'; i++) {
    await popup.keyboard.press('Tab');
    name = await popup.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  }
  assert.equal(name, 'Copy Client ID');
  const outline = await popup.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  await popup.keyboard.press('Enter');
  await popup.locator('.copied', { hasText: 'Copied' }).first().waitFor();
  assert.equal(await readClipboard(), byPreset[NEWEST].client_id);
  await popup.keyboard.press('Space');
  assert.equal(await readClipboard(), byPreset[NEWEST].client_id);
});

test('Fill form from the popup fills the active tab, and says so when it is not the form', async () => {
  await openPopup();
  // The popup, opened as a tab, is the active tab: not the control panel.
  await button('Fill form').click();
  await popup.locator('#fill-status .headline').waitFor();
  assert.match(await popup.locator('#fill-status').textContent(), /^The active tab is not a BigCommerce control panel/);

  // The control panel is open, but on the list of accounts, not the create form: the user
  // opened the form and pressed Cancel, so the content script is surely running there (its
  // panel showed) and the tab it answers for shows no form.
  const list = await openReplica(env, { rows: 'radio', late: '0' }, '/manage/settings/api-accounts');
  await list.page.getByRole('button', { name: 'Create API account' }).click();
  const form = await formFrame(list.page);
  await form.locator('#scopefill-panel section').waitFor();
  await form.getByRole('button', { name: 'Cancel', exact: true }).click();
  await list.page.getByRole('heading', { name: 'Store-level API accounts' }).waitFor();
  // The list is the active tab (the popup, opened as a tab behind it, can still be clicked).
  await list.page.bringToFront();
  await button('Fill form').click();
  await popup.locator('#fill-status .headline', { hasText: 'The active tab has no Create API account form open' }).waitFor();
  await list.page.close();

  const { page } = await openReplica(env, { rows: 'radio' });
  const frame = await formFrame(page);
  await frame.locator('#scopefill-panel section').waitFor();
  await popup.bringToFront();
  await chooseIntegration(popup, 'dropstream');
  await page.bringToFront();
  await button('Fill form').click();
  await popup.locator('#fill-status .headline', { hasText: /^Filled/ }).waitFor({ timeout: 20000 });
  assert.equal(await popup.locator('#fill-status .note').textContent(), `Store ${STORE}, in the active tab`);
  const state = await pageState(frame);
  checkLevels(null, assert, PRESETS.dropstream, await pageConfig(frame), state);
  assert.equal(state.name, 'DropStream');
  await page.close();
});

test('importing a credentials .txt creates an account labelled with the chosen integration', async () => {
  await openPopup();
  const creds = {
    client_id: 'k3j5h6g7f8d9s0a1q2w3e4r5t6y7u8i', client_secret: 'f'.repeat(24) + '0123456789abcdef0123456789abcdef0123456789',
    access_token: 'z9x8c7v6b5n4m3l2k1j0h9g8f7d6s5a',
  };
  for (const v of Object.values(creds)) secrets.add(v);
  const file = [
    `ACCESS TOKEN: ${creds.access_token}`, 'CLIENT NAME: HexaSync', 'API PATH: https://api.bigcommerce.com/stores/imp0rt9/v3/',
    `CLIENT ID: ${creds.client_id}`, `CLIENT SECRET: ${creds.client_secret}`, 'NAME: HexaSync', '',
  ].join('\r\n');
  await chooseIntegration(popup, 'hexasync');
  const before = (await captures(env)).length;
  await popup.getByLabel('Import credentials file').setInputFiles({ name: 'api-credentials-HexaSync.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
  const list = await waitForCaptures(env, before + 1);
  const imported = list.at(-1);
  assert.equal(imported.source, 'import');
  assert.equal(imported.preset, 'hexasync');
  assert.equal(imported.storeHash, 'imp0rt9');
  for (const [k, v] of Object.entries(creds)) assert.equal(imported.credentials[k], v, k);
  await popup.locator('#import-status', { hasText: 'Imported as HexaSync (store imp0rt9).' }).waitFor();
  await popup.locator('#account-card .account-title', { hasText: 'HexaSync' }).waitFor();
  assert.match(await popup.locator('#account-card').textContent(), /imported/);
  assert.equal(await copy('Copy Client Secret'), creds.client_secret);

  // Not a credentials file: a clear message, nothing stored.
  await popup.getByLabel('Import credentials file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('shopping list\nmilk\n') });
  await popup.locator('#import-status', { hasText: /^notes\.txt: no credentials found/ }).waitFor();
  assert.equal((await captures(env)).length, before + 1);
});

test('the background refuses what a sender may not send', async () => {
  const answers = await popup.evaluate(async () => Promise.all([
    // Captures come only from a content script in a BigCommerce tab.
    chrome.runtime.sendMessage({ type: 'capture', capture: { credentials: { client_id: 'x' } } }),
    // A copied value is announced by its SHA-256 hash, never by itself.
    chrome.runtime.sendMessage({ type: 'will-copy', hash: 'the value itself' }),
    chrome.runtime.sendMessage({ type: 'import', capture: { credentials: {} } }),
  ]));
  assert.deepEqual(answers, [{ ok: false, error: 'sender' }, { ok: false, error: 'hash' }, { ok: false, error: 'empty' }]);
});

test('Forget removes the shown account; Forget all empties storage.session', async () => {
  await openPopup();
  const list = await captures(env);
  const shown = await popup.locator('#account').inputValue();
  assert.equal(shown, list.at(-1).id, 'the newest is shown');
  await button('Forget this account').click();
  await sessionWhen(popup, { key: 'captures', gone: shown }, { timeout: 3000 });
  assert.equal((await captures(env)).length, list.length - 1);
  await popup.locator(`#account option[value="${shown}"]`).waitFor({ state: 'detached', timeout: 3000 });
  assert.equal(await popup.locator('#account option').count(), list.length - 1, 'popup updated');
  await button('Forget all').click();
  await sessionWhen(popup, { key: 'captures', absent: true }, { timeout: 3000 });
  await popup.locator('#accounts-empty:visible').waitFor();
  assert.equal(await popup.locator('#account-detail').isHidden(), true);
});

test('an account expires after settings.expirySeconds: gone from storage.session and the popup', async () => {
  await setSettings({ clipboardSeconds: CLIPBOARD_SECONDS, expirySeconds: 3 });
  try {
    const { stored } = await captureSent('wherehouse');
    assert.ok(stored.expiresAt - stored.capturedAt <= 3500, 'expires 3 s after capture');
    await openPopup();
    await popup.locator('#account-card .expiry', { hasText: /^Forgotten in 0:0[0-3]$/ }).waitFor();
    await sessionWhen(popup, { key: 'captures', absent: true }, { timeout: 5000 });
    await popup.locator('#accounts-empty:visible').waitFor({ timeout: 2000 });
    assert.equal(await popup.locator('#fields li').count(), 0);
  } finally {
    await setSettings({ clipboardSeconds: CLIPBOARD_SECONDS });
  }
});

function luminance([r, g, b]) {
  const f = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r / 255) + 0.7152 * f(g / 255) + 0.0722 * f(b / 255);
}
const ratio = (a, b) => (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);

test('text contrast >= 4.5:1 in light and dark; screenshots', async () => {
  const { generated } = await captureSent('dropstream');
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark']) {
    await popup.emulateMedia({ colorScheme });
    await openPopup();
    await popup.locator('#fields li').first().waitFor();
    await copy('Copy Client ID');
    await popup.evaluate(() => document.activeElement?.blur());
    // Every element with its own text: its colour against the first opaque background up the tree.
    const pairs = await popup.evaluate(() => {
      const rgb = (s) => s.match(/[\d.]+/g).map(Number);
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.checkVisibility()) continue;
        let bg = el;
        while (bg && (getComputedStyle(bg).backgroundColor === 'rgba(0, 0, 0, 0)')) bg = bg.parentElement;
        const style = getComputedStyle(el);
        out.push({ text: el.textContent.trim().slice(0, 30), fg: rgb(style.color), bg: rgb(getComputedStyle(bg ?? document.documentElement).backgroundColor), opacity: style.opacity });
      }
      return out;
    });
    assert.ok(pairs.length > 15, `${pairs.length} text elements`);
    for (const p of pairs) {
      if (p.bg.length === 4 && p.bg[3] === 0) p.bg = colorScheme === 'dark' ? [22, 24, 30] : [255, 255, 255];
      const r = ratio(p.fg.slice(0, 3), p.bg.slice(0, 3));
      assert.ok(r >= 4.5, `${colorScheme}: "${p.text}" ${r.toFixed(2)}:1`);
    }
    await popup.locator('#account-card').scrollIntoViewIfNeeded();
    await popup.screenshot({ path: path.join(SHOTS, `popup-${colorScheme}.png`), fullPage: true });
  }
  await popup.emulateMedia({ colorScheme: null });
  assert.ok(!(await popup.locator('body').innerText()).includes(generated.client_secret));
});

test('after the service worker is stopped, the clipboard is still cleared, then an account still expires', async () => {
  await setSettings({ clipboardSeconds: 2, expirySeconds: 9 });
  const quiet = await quietExtensionPage(env);
  try {
    const { stored, generated } = await captureSent('dropstream');
    await openPopup();
    assert.equal(await copy('Copy Client Secret'), generated.client_secret);
    const { deadline } = await pendingClear(env.sw);
    // Nothing that would wake the worker stays open (the popup asks it for the accounts
    // whenever storage.session changes); the options page only reads storage.
    await popup.goto('about:blank');
    await quiet.bringToFront();
    let states = await stopWorker(env, quiet);
    const stoppedAt = states.at(-1).at;
    assert.ok(stoppedAt < deadline, 'stopped before the clipboard deadline');

    // The alarm starts the worker again, which clears the clipboard, then drops the entry.
    await pendingClearGone(quiet, { timeout: deadline - Date.now() + 5000 });
    assert.equal(await quiet.evaluate(() => navigator.clipboard.readText()), '', 'clipboard cleared after the worker stopped');
    const restart = states.find((s) => s.status === 'starting' && s.at > stoppedAt);
    assert.ok(restart, `the worker was started again: ${JSON.stringify(states)}`);
    assert.ok(restart.at >= deadline - 50, `started again by the alarm at the deadline (${restart.at - deadline} ms)`);
    assert.equal(await pendingClear(quiet), null);

    // Stopped again: the account still expires on time.
    const held = async () => ((await quiet.evaluate(() => chrome.storage.session.get('captures'))).captures ?? []);
    assert.ok((await held()).some((c) => c.id === stored.id), 'still held before it expires');
    states = await stopWorker(env, quiet);
    const stoppedAgain = states.at(-1).at;
    assert.ok(stoppedAgain < stored.expiresAt, 'stopped before the account expires');
    await sessionWhen(quiet, { key: 'captures', gone: stored.id }, { timeout: stored.expiresAt - Date.now() + 5000 });
    const woke = states.find((s) => s.status === 'starting' && s.at > stoppedAgain);
    assert.ok(woke && woke.at >= stored.expiresAt - 50, `started again by the expiry alarm: ${JSON.stringify(states)}`);
  } finally {
    await quiet.close();
    await setSettings({ clipboardSeconds: CLIPBOARD_SECONDS });
  }
});

test('no captured value in storage.local, IndexedDB, localStorage or any extension console', async () => {
  assert.ok(secrets.size >= 20);
  await assertSecretsNowhere(env, secrets, assert);
});

test('no request left the replica, and the extension made none; its CSP blocked nothing on its pages', () => {
  assert.deepEqual(env.foreign, []);
  assert.deepEqual(env.recorder.extensionRequests(), []);
  const blocked = env.recorder.extensionText().filter((t) => /Content Security Policy|Refused to/i.test(t));
  assert.deepEqual(blocked, []);
});

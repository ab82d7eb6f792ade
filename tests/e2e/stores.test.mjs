// Captures bound to their store, a popup that acts only where the user looks, and a
// clipboard cleared when promised:
// - store B's control panel (a frame of store B's host inside store A's control-panel tab,
//   driven through the test flavour's probe content script, tests/e2e/flavour.mjs) forging
//   25 captures while A's capture, made through the replica's real Save, is held: A's stays,
//   B's own oldest go (the cap is per store);
// - a capture whose API path or store hash names another store than the host that sent it,
//   or from a host that names no store: refused, storage.session unchanged;
// - the popup names each capture's store, warns on both captures of one Save that brought two
//   credential sets, and says which value held hidden characters (removed);
// - Fill form with two control-panel tabs, the active one the list of accounts: nothing is
//   filled in the other tab and the popup says the active tab has no form; on the form's tab
//   it fills, and says which store;
// - the clipboard cleared at its deadline after a browser restart (a second launch on the
//   same profile), and a clear that fell due while the browser was closed done at its start.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  launch, openReplica, formFrame, fillWith, saveAndCapture, captures, sessionDump, probeSend,
  quietExtensionPage, chooseIntegration, pageState, pageConfig, checkLevels, assertSecretsNowhere,
  PRESETS, ORIGIN, STORE,
} from './harness.mjs';
import { pendingClear, pendingClearGone } from './pending-clear.mjs';

const STORE_B = 'bbbb222';
const ORIGIN_B = `https://store-${STORE_B}.mybigcommerce.com`;
const NO_STORE = 'https://shop-front.mybigcommerce.com';
const PANEL_A = `${ORIGIN}/manage/probe`;
const PANEL_B = `${ORIGIN_B}/manage/probe`;
/** Store A's control panel with a frame of store B's: the frame's host is what binds. */
const A_FRAMING_B = `${ORIGIN}/manage/frames-b`;
const PAGES = {
  [PANEL_A]: '<!doctype html><title>Control panel A</title>',
  [PANEL_B]: '<!doctype html><title>Control panel B</title>',
  [A_FRAMING_B]: `<!doctype html><title>Control panel A</title><iframe name="b" src="${PANEL_B}"></iframe>`,
  [`${NO_STORE}/manage/probe`]: '<!doctype html><title>A host that names no store</title>',
};
const OPTIONS = { csp: 'none', flavour: 'granted', pages: PAGES };

let env;
let popup;
let profile;
const secrets = new Set();

const grantClipboard = async () => {
  const perms = ['clipboard-read', 'clipboard-write'];
  await env.context.grantPermissions(perms, { origin: `chrome-extension://${env.extensionId}` })
    .catch(() => env.context.grantPermissions(perms));
};

before(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'scopefill-stores-'));
  env = await launch({ ...OPTIONS, userDataDir: profile });
  await grantClipboard();
  popup = await env.context.newPage();
  await popup.setViewportSize({ width: 380, height: 900 });
});
after(async () => {
  await env?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

async function openPopup() {
  await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
  await popup.locator('body[data-ready="1"]').waitFor({ timeout: 10000 });
}

/** Opens `url` and waits for the frame at `frameUrl` (default: the page itself). */
async function openFrame(url, frameUrl = url) {
  const page = await env.context.newPage();
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f.url() === frameUrl, timeout: 10000 });
  await page.goto(url);
  const frame = page.frames().find((f) => f.url() === frameUrl) ?? await navigated;
  navigated.catch(() => {});
  await frame.waitForLoadState();
  return { page, frame };
}

/** A 31-character value of the Client ID's and token's shape, starting with `prefix`. */
const tokenLike = (prefix) => (prefix + crypto.randomBytes(24).toString('hex').replace(/[^a-z0-9]/g, '')).slice(0, 31);

/** The content script's capture message for credentials of `store`'s API path. */
function captureMessage(clientId, store, capture = {}) {
  const credentials = {
    client_id: clientId, client_secret: crypto.randomBytes(32).toString('hex'), access_token: tokenLike('t'),
    api_path: `https://api.bigcommerce.com/stores/${store}/v3/`,
  };
  for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(credentials[k]);
  return {
    type: 'capture',
    capture: { preset: 'dropstream', presetName: 'DropStream', capturedAt: Date.now(), problems: [], credentials, ...capture },
  };
}

const forgetAll = async () => {
  const quiet = await quietExtensionPage(env);
  await quiet.evaluate(() => chrome.runtime.sendMessage({ type: 'forget-all' }));
  await quiet.close();
};

test('store B forges 25 captures while store A\'s is held: A\'s stays, the popup names each store', async () => {
  // A's through the replica's panel and Save: the content script's own capture.
  const { page } = await openReplica(env, { rows: 'native' });
  const frame = await formFrame(page);
  assert.match((await fillWith(frame, 'dropstream')).status, /^Filled/);
  const { generated, capture: held } = await saveAndCapture(env, frame);
  for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
  await page.close();
  assert.equal(held.origin, ORIGIN, 'the sender\'s origin is kept');
  assert.equal(held.storeHash, STORE);

  const b = await openFrame(A_FRAMING_B, PANEL_B);
  const forged = Array.from({ length: 25 }, (_, i) => `forgedb${String(i).padStart(2, '0')}${'0'.repeat(22)}`);
  for (const id of forged) {
    const answer = await probeSend(b.frame, captureMessage(id, STORE_B));
    assert.equal(answer.ok, true, `${id}: ${JSON.stringify(answer)}`);
  }
  await b.page.close();
  const list = await captures(env);
  assert.ok(list.some((c) => c.id === held.id), 'A\'s capture is still held');
  const ofB = list.filter((c) => c.storeHash === STORE_B);
  assert.deepEqual(ofB.map((c) => c.credentials.client_id), forged.slice(5), 'B\'s own oldest went');
  assert.ok(ofB.every((c) => c.origin === ORIGIN_B), 'bound to the frame\'s host, not the tab\'s');
  assert.equal((await sessionDump(env)).dropped, 5);

  await openPopup();
  const options = await popup.locator('#account option').allTextContents();
  assert.equal(options.length, 21);
  assert.equal(options.filter((o) => o.includes(`Store ${STORE_B} ·`)).length, 20);
  assert.deepEqual(options.filter((o) => o.includes(`Store ${STORE} ·`)).length, 1);
  assert.match(await popup.locator('#account-card .account-meta').first().textContent(), new RegExp(`^Store ${STORE_B} · captured`));
  await popup.locator('#account').selectOption(held.id);
  assert.match(await popup.locator('#account-card .account-meta').first().textContent(), new RegExp(`^Store ${STORE} · captured`));
  assert.equal(await popup.locator('#accounts-dropped').textContent(),
    'ScopeFill keeps the newest 20 accounts of each store: 5 older ones were forgotten.');
  await forgetAll();
});

test('a capture naming another store than its host, or from a host naming none, is refused', async () => {
  const b = await openFrame(A_FRAMING_B, PANEL_B);
  const none = await openFrame(`${NO_STORE}/manage/probe`);
  const before = await sessionDump(env);
  const tries = [
    ['B\'s frame, A\'s API path', b.frame, captureMessage(tokenLike('apipath'), STORE)],
    ['B\'s frame, A\'s store hash', b.frame, captureMessage(tokenLike('storehash'), STORE_B, { storeHash: STORE })],
    ['a host naming no store', none.frame, captureMessage(tokenLike('nostore'), STORE)],
  ];
  for (const [where, frame, message] of tries) {
    assert.deepEqual(await probeSend(frame, message), { ok: false, error: 'store' }, where);
  }
  assert.deepEqual(await sessionDump(env), before, 'storage.session unchanged');
  // The same capture from its own store's frame is taken.
  assert.equal((await probeSend(b.frame, captureMessage(tokenLike('own'), STORE_B))).ok, true);
  await b.page.close();
  await none.page.close();
  await forgetAll();
});

test('the popup warns on both captures of one Save with two credential sets, and names hidden characters', async () => {
  const a = await openFrame(PANEL_A);
  const real = tokenLike('real');
  const lookalike = tokenLike('lookalike');
  const answers = [];
  for (const id of [real, lookalike]) answers.push(await probeSend(a.frame, captureMessage(id, STORE, { saveId: 'save-1' })));
  assert.ok(answers.every((a) => a.ok), JSON.stringify(answers));
  // The second is told it conflicts (the content script can say so in the panel).
  assert.deepEqual(answers.map((a) => a.conflict ?? false), [false, true]);
  // A Client ID with a zero-width space and a name with a direction override in them.
  const hidden = tokenLike('hidden');
  const message = captureMessage(`${hidden.slice(0, 10)}\u200b${hidden.slice(10)}`, STORE, { saveId: 'save-2' });
  message.capture.credentials.name = 'Drop\u202estream';
  assert.equal((await probeSend(a.frame, message)).ok, true);
  await a.page.close();
  const list = await captures(env);
  const byId = (id) => list.find((c) => c.credentials.client_id === id);
  assert.ok(byId(real).conflict && byId(lookalike).conflict, 'both kept, both marked');
  assert.equal(byId(hidden).conflict, false);
  assert.equal(byId(hidden).credentials.name, 'Dropstream');

  await openPopup();
  const warning = 'Two different credential sets appeared after one Save: check which one the control panel showed.';
  for (const id of [real, lookalike]) {
    await popup.locator('#account').selectOption(byId(id).id);
    assert.equal(await popup.locator('#account-card [role=alert]').textContent(), warning, id);
  }
  await popup.locator('#account').selectOption(byId(hidden).id);
  assert.equal(await popup.locator('#account-card [role=alert]').count(), 0);
  const problems = await popup.locator('#account-card .account-problems li').allTextContents();
  assert.deepEqual(problems, [
    'Name held invisible or control characters: ScopeFill removed them.',
    'Client ID held invisible or control characters: ScopeFill removed them.',
  ]);
  assert.equal(await popup.getByRole('button', { name: 'Copy Client ID' }).count(), 1);
  await forgetAll();
});

test('Fill form acts on the active tab only: the list page says it has no form, the form\'s tab is filled and named', async () => {
  // The form, in one tab.
  const form = await openReplica(env, { rows: 'radio' });
  const frame = await formFrame(form.page);
  await frame.locator('#scopefill-panel section').waitFor();
  const untouched = await pageState(frame);
  // The list of accounts, in another: the user opened the form there and pressed Cancel, so
  // the content script surely runs in that tab (its panel showed), and answers for no form.
  const list = await openReplica(env, { rows: 'radio', late: '0' }, '/manage/settings/api-accounts');
  await list.page.getByRole('button', { name: 'Create API account' }).click();
  const listForm = await formFrame(list.page);
  await listForm.locator('#scopefill-panel section').waitFor();
  await listForm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await list.page.getByRole('heading', { name: 'Store-level API accounts' }).waitFor();

  await openPopup();
  await popup.bringToFront();
  await chooseIntegration(popup, 'dropstream');
  const fill = popup.getByRole('button', { name: 'Fill form', exact: true });
  // The popup itself is the active tab: not a control panel.
  await fill.click();
  await popup.locator('#fill-status .headline', { hasText: /^The active tab is not a BigCommerce control panel/ }).waitFor();

  // The list page is the active tab (the popup, opened as a tab, stays visible behind it).
  await list.page.bringToFront();
  await fill.click();
  await popup.locator('#fill-status .headline', { hasText: /^The active tab has no Create API account form open/ }).waitFor({ timeout: 10000 });
  assert.deepEqual(await pageState(frame), untouched, 'nothing filled in the other tab');

  await form.page.bringToFront();
  await fill.click();
  await popup.locator('#fill-status .headline', { hasText: /^Filled/ }).waitFor({ timeout: 20000 });
  assert.equal(await popup.locator('#fill-status .note').textContent(), `Store ${STORE}, in the active tab`);
  const state = await pageState(frame);
  checkLevels(null, assert, PRESETS.dropstream, await pageConfig(frame), state);
  assert.equal(state.name, 'DropStream');
  await list.page.close();
  await form.page.close();
});

test('the clipboard is cleared at its deadline after a browser restart; a clear due while it was closed is done at its start', async () => {
  const seconds = 12;
  await env.sw.evaluate((s) => chrome.storage.local.set({ settings: { clipboardSeconds: s } }), seconds);
  const a = await openFrame(PANEL_A);
  const clientId = tokenLike('restart');
  assert.equal((await probeSend(a.frame, captureMessage(clientId, STORE))).ok, true);
  await a.page.close();
  await openPopup();
  await popup.bringToFront();
  await popup.getByRole('button', { name: 'Copy Client ID', exact: true }).click();
  await popup.locator('.copied', { hasText: 'Copied' }).first().waitFor();
  assert.equal(await popup.evaluate(() => navigator.clipboard.readText()), clientId);
  const pending = await pendingClear(env.sw);
  assert.match(pending.hash, /^[0-9a-f]{64}$/);
  assert.ok(pending.deadline > Date.now(), 'not due yet');
  assert.ok(!JSON.stringify(pending).includes(clientId), 'a hash and a deadline, never the value');
  assert.equal((await sessionDump(env)).clipboard, undefined, 'not in storage.session, which a restart empties');

  // The browser quits before the deadline, and starts again on the same profile.
  const { extensionId } = env;
  await env.close();
  env = await launch({ ...OPTIONS, userDataDir: profile });
  await grantClipboard();
  popup = await env.context.newPage();
  assert.equal(env.extensionId, extensionId);
  const quiet = await quietExtensionPage(env);
  assert.deepEqual(await pendingClear(quiet), pending, 'the pending clear outlived the restart');
  assert.ok(Date.now() < pending.deadline, `the restart took longer than the ${seconds} s delay`);
  // A new headless browser starts with an empty clipboard of its own; the system clipboard a
  // real browser leaves behind still holds the copy: put it back.
  await quiet.bringToFront();
  await quiet.evaluate((v) => navigator.clipboard.writeText(v), clientId);
  const gone = await pendingClearGone(quiet, { timeout: pending.deadline - Date.now() + 5000 });
  assert.ok(gone >= pending.deadline - 100, `cleared ${pending.deadline - gone} ms before the deadline`);
  assert.equal(await quiet.evaluate(() => navigator.clipboard.readText()), '', 'cleared after the restart');

  // Captured (the restart emptied storage.session) and copied again, then the browser is
  // closed past the deadline (the deadline is moved into the past rather than waited for):
  // the clear is done as soon as it starts.
  const again = await openFrame(PANEL_A);
  assert.equal((await probeSend(again.frame, captureMessage(tokenLike('again'), STORE))).ok, true);
  await again.page.close();
  await openPopup();
  await popup.bringToFront();
  await popup.getByRole('button', { name: 'Copy Client ID', exact: true }).click();
  await popup.locator('.copied', { hasText: 'Copied' }).first().waitFor();
  const next = await pendingClear(quiet);
  assert.ok(next && next.hash !== pending.hash && next.deadline > Date.now());
  await quiet.evaluate((p) => chrome.storage.local.set({ pendingClear: { ...p, deadline: Date.now() - 60_000 } }), next);
  await env.close();
  env = await launch({ ...OPTIONS, userDataDir: profile });
  await grantClipboard();
  const watcher = await quietExtensionPage(env);
  await pendingClearGone(watcher, { timeout: 10000 });
  await watcher.evaluate(() => chrome.storage.local.remove('settings'));
  await watcher.close();
});

test('no captured value stored or printed; no request from the extension', async () => {
  assert.deepEqual(env.foreign, []);
  assert.deepEqual(env.recorder.extensionRequests(), []);
  await assertSecretsNowhere(env, secrets, assert);
});

// The awkward cases: late render, iframe, instant dismiss, revert, missing and extra rows,
// label variants, a Stencil start, a text-only dialog, B2B Edition, bad input.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openReplica, formFrame, fillWith, pageState, pageConfig, lastCredentials, captures,
  waitForCaptures, save, checkLevels, panel, PRESETS,
} from './harness.mjs';

let env;
before(async () => { env = await launch({ csp: 'strict' }); });
after(async () => { await env?.close(); });

async function fillSaveCapture(params, presetId, pathname) {
  const { page, errors } = await openReplica(env, params, pathname);
  const frame = await formFrame(page);
  const report = await fillWith(frame, presetId);
  const state = await pageState(frame);
  const config = await pageConfig(frame);
  const before = (await captures(env)).length;
  await save(frame);
  const list = await waitForCaptures(env, before + 1);
  return { page, frame, report, state, config, capture: list.at(-1), generated: await lastCredentials(frame), errors };
}

function sameCredentials(capture, generated) {
  for (const k of ['client_id', 'client_secret', 'access_token', 'api_path']) {
    assert.equal(capture.credentials[k], generated[k], k);
  }
}

test('the panel stays away until the form is rendered by an SPA route change', async () => {
  const { page } = await openReplica(env, { widget: 'combobox', late: '0' }, '/manage/settings/api-accounts');
  await page.waitForTimeout(700);
  assert.equal(await page.locator('#scopefill-panel').count(), 0);
  await page.getByRole('button', { name: 'Create API account' }).click();
  const frame = await formFrame(page);
  const report = await fillWith(frame, 'dropstream');
  assert.match(report.status, /^Filled/);
  checkLevels(null, assert, PRESETS.dropstream, await pageConfig(frame), await pageState(frame));
  await page.close();
});

test('late render by timer, then fill and capture', async () => {
  const r = await fillSaveCapture({ widget: 'select', late: '400' }, 'wherehouse', '/manage/settings/api-accounts');
  checkLevels(null, assert, PRESETS.wherehouse, r.config, r.state);
  sameCredentials(r.capture, r.generated);
  await r.page.close();
});

test('the form inside an iframe of the control-panel shell', async () => {
  const r = await fillSaveCapture({ widget: 'radio' }, 'migration-to-bigcommerce', '/manage/shell');
  assert.notEqual(r.frame, r.page.mainFrame());
  checkLevels(null, assert, PRESETS['migration-to-bigcommerce'], r.config, r.state);
  sameCredentials(r.capture, r.generated);
  assert.equal(await r.page.mainFrame().locator('#scopefill-panel').count(), 0, 'no panel in the shell frame');
  await r.page.close();
});

test('a dialog removed 1 ms after it appears is still captured', async () => {
  const r = await fillSaveCapture({ widget: 'combobox', dismiss: 'instant' }, 'celigo');
  assert.equal(await r.frame.locator('[role=dialog]').count(), 0, 'dialog gone');
  sameCredentials(r.capture, r.generated);
  // The panel confirms once the background holds the capture, and shows no value.
  const confirmation = panel(r.frame).locator('[data-ref=captured]');
  await confirmation.filter({ hasText: 'Credentials captured for Celigo integrator.io (store abc123xyz0)' }).waitFor();
  const panelText = await panel(r.frame).locator('section').textContent();
  for (const k of ['client_id', 'client_secret', 'access_token']) assert.ok(!panelText.includes(r.generated[k]), k);
  await r.page.close();
});

test('a row the page reverts after filling is set again and reported', async () => {
  for (const widget of ['select', 'combobox']) {
    const { page } = await openReplica(env, { widget, revert: 'Orders' });
    const frame = await formFrame(page);
    const report = await fillWith(frame, 'wherehouse');
    await page.waitForTimeout(300);
    assert.equal((await pageState(frame)).scopes.Orders, 'modify', widget);
    assert.ok(report.items.includes('Orders: the page reverted it; set again'), report.items.join('\n'));
    await page.close();
  }
});

test('rows missing from the page are reported; extra rows are left at None', async () => {
  const { page } = await openReplica(env, {
    widget: 'select', omit: 'Orders,Store Logs', extra: 'Widgets Beta,Infrastructure Logs',
  });
  const frame = await formFrame(page);
  // The extra rows start at a level, as if set by hand: the fill must put them back to None.
  await frame.getByLabel('Widgets Beta').selectOption('modify');
  const report = await fillWith(frame, 'dropstream');
  assert.match(report.status, /^Filled with 2 problems/);
  assert.ok(report.items.includes("Orders: not on this page (the preset asks for 'modify')"));
  assert.ok(report.items.includes("Store Logs: not on this page (the preset asks for 'read-only')"));
  assert.ok(report.items.includes('Widgets Beta: not a scope ScopeFill knows; left at None'));
  const state = await pageState(frame);
  assert.equal(state.scopes['Widgets Beta'], 'None');
  assert.equal(state.scopes['Infrastructure Logs'], 'None');
  assert.equal(state.scopes['Order Transactions'], 'modify');
  await page.close();
});

test('label variants and single-level rows: Customer Login asked as modify becomes login', async () => {
  const { page } = await openReplica(env, { widget: 'radio', labels: 'variant' });
  const frame = await formFrame(page);
  const report = await fillWith(frame, 'wherehouse');
  const state = await pageState(frame);
  assert.equal(state.scopes['Customer Login'], 'login');
  assert.equal(state.scopes['Metafields Ownership'], 'manage');
  assert.ok(report.items.some((i) => i.startsWith("Customers Login: set to 'login' for 'modify'") || i.startsWith("Customer Login: set to 'login' for 'modify'")), report.items.join('\n'));
  await page.close();
});

test('a form that starts on Stencil-CLI token is switched to V2/V3 before the scopes are set', async () => {
  const r = await fillSaveCapture({ widget: 'combobox', token: 'stencil' }, 'full-access');
  assert.equal(r.state.tokenType, 'V2/V3 API token');
  checkLevels(null, assert, PRESETS['full-access'], r.config, r.state);
  await r.page.close();
});

test('credentials shown as text, and a B2B Edition store', async () => {
  const r = await fillSaveCapture({ widget: 'select', dialog: 'text', b2b: '1' }, 'wherehouse');
  sameCredentials(r.capture, r.generated);
  assert.equal(r.capture.credentials.b2b_api_path, 'https://api-b2b.bigcommerce.com/api/v3/io/');
  assert.equal(r.state.scopes['B2B Edition'], 'None');
  await r.page.close();
});

test('HexaSync leaves every scope as the user set it', async () => {
  const { page } = await openReplica(env, { widget: 'select' });
  const frame = await formFrame(page);
  await frame.getByLabel('Products', { exact: true }).selectOption('modify');
  const report = await fillWith(frame, 'hexasync');
  assert.match(report.status, /^Filled: 0 rows set/);
  const state = await pageState(frame);
  assert.equal(state.scopes.Products, 'modify');
  assert.equal(state.name, 'HexaSync');
  await page.close();
});

test('a name shorter than 4 characters is refused with a clear message, nothing changed', async () => {
  const { page } = await openReplica(env, { widget: 'select' });
  const frame = await formFrame(page);
  const report = await fillWith(frame, 'dropstream', { name: ' ab ' });
  assert.equal(report.status, 'the account name needs at least 4 characters, got 2');
  const state = await pageState(frame);
  assert.equal(state.scopes.Content, 'None');
  await page.close();
});

test('no request left the replica', () => {
  assert.deepEqual(env.foreign, []);
});

// Every variant of the BigDesign replica as a scenario: native selects, radios, B2B,
// a Stencil start, the control-panel shell's iframe, an SPA route, a reverting page, a
// modal dismissed at once; and the awkward cases: rows missing or unknown, label variants,
// a look-alike dialog, the page outline for a bug report, bad input.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openReplica, formFrame, fillWith, pageState, pageConfig, lastCredentials, captures,
  waitForCaptures, save, checkLevels, panel, panelStatus, pageOutline, reportSays,
  assertSecretsNowhere, PRESETS,
} from './harness.mjs';

/** Clicks a Toggle button from the page's own script: a change no person made. */
const pageClicks = (frame, caption, option) => frame.evaluate(([caption, option]) => {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === caption);
  const group = document.getElementById(label.htmlFor);
  [...group.querySelectorAll('button')].find((b) => b.textContent.trim() === option).click();
}, [caption, option]);

/** Clicks a Toggle button as a person does (a trusted click). */
const personClicks = (frame, caption, option) => frame.locator('label').filter({ hasText: new RegExp(`^${caption}$`) })
  .locator(`xpath=following::button[normalize-space(.)="${option}"][1]`).click();

let env;
/** Every credential the page generated: none may be stored or printed. */
const secrets = new Set();
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
  const generated = await lastCredentials(frame);
  for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
  return { page, frame, report, state, config, capture: list.at(-1), generated, errors };
}

function sameCredentials(capture, generated) {
  for (const k of ['client_id', 'client_secret', 'access_token', 'api_path']) {
    assert.equal(capture.credentials[k], generated[k], k);
  }
}

for (const rows of ['native', 'radio']) {
  test(`${rows} rows: every row set, saved, captured`, async () => {
    const r = await fillSaveCapture({ rows }, 'wherehouse');
    assert.match(r.report.status, /^Filled: /, r.report.items.join('\n'));
    assert.equal(checkLevels(null, assert, PRESETS.wherehouse, r.config, r.state), 27);
    sameCredentials(r.capture, r.generated);
    assert.deepEqual(r.errors, []);
    await r.page.close();
  });
}

test('the panel stays away until the SPA routes from the list to the form', async () => {
  const { page } = await openReplica(env, { late: '0' }, '/manage/settings/api-accounts');
  await page.getByRole('button', { name: /Create API account/ }).waitFor();
  assert.equal(await page.locator('#scopefill-panel').count(), 0, 'no panel on the list page');
  await page.getByRole('button', { name: /Create API account/ }).click();
  const frame = await formFrame(page);
  const report = await fillWith(frame, 'dropstream');
  assert.match(report.status, /^Filled/);
  checkLevels(null, assert, PRESETS.dropstream, await pageConfig(frame), await pageState(frame));
  await page.close();
});

test('late render by timer, then fill and capture', async () => {
  const r = await fillSaveCapture({ rows: 'select', late: '400' }, 'wherehouse', '/manage/settings/api-accounts');
  checkLevels(null, assert, PRESETS.wherehouse, r.config, r.state);
  sameCredentials(r.capture, r.generated);
  await r.page.close();
});

test('the form inside iframe[name=cp-iframe] of the control-panel shell', async () => {
  const r = await fillSaveCapture({}, 'migration-to-bigcommerce', '/manage/shell');
  assert.notEqual(r.frame, r.page.mainFrame());
  assert.equal(r.frame.name(), 'cp-iframe');
  checkLevels(null, assert, PRESETS['migration-to-bigcommerce'], r.config, r.state);
  sameCredentials(r.capture, r.generated);
  assert.equal(await r.page.mainFrame().locator('#scopefill-panel').count(), 0, 'no panel in the shell frame');
  await r.page.close();
});

test('the BigDesign modal closed 1 ms after it opens is still captured', async () => {
  const r = await fillSaveCapture({ dismiss: 'instant' }, 'celigo');
  assert.equal(await r.frame.locator('[role=dialog]').count(), 0, 'dialog gone');
  sameCredentials(r.capture, r.generated);
  // The panel confirms once the background holds the capture, and shows no value.
  const confirmation = panel(r.frame).locator('[data-ref=captured]');
  await confirmation.filter({ hasText: 'Credentials captured for Celigo integrator.io (store abc123xyz0)' }).waitFor();
  const panelText = await panel(r.frame).locator('section').textContent();
  for (const k of ['client_id', 'client_secret', 'access_token']) assert.ok(!panelText.includes(r.generated[k]), k);
  await r.page.close();
});

test('a row the page reverts after the fill is set again and reported, until Save', async () => {
  for (const [rows, revertAfter] of [['toggle', '150'], ['select', '150'], ['toggle', '500']]) {
    const { page } = await openReplica(env, { rows, revert: 'Orders', revertAfter });
    const frame = await formFrame(page);
    await fillWith(frame, 'wherehouse');
    await reportSays(frame, 'Orders: the page reverted it; set again');
    await frame.waitForFunction(() => window.__replica.state().scopes.Orders === 'modify');
    // Nothing differs at Save: it goes through, and is captured.
    const before = (await captures(env)).length;
    await save(frame);
    await waitForCaptures(env, before + 1);
    await page.close();
  }
});

test('a row the user changes after the fill is kept and reported as theirs', async () => {
  const { page } = await openReplica(env, {});
  const frame = await formFrame(page);
  await fillWith(frame, 'wherehouse');
  assert.equal((await pageState(frame)).scopes.Products, 'modify');
  await personClicks(frame, 'Products', 'read-only');
  await reportSays(frame, "Products: changed by you to 'read-only'");
  assert.equal((await pageState(frame)).scopes.Products, 'read-only', 'their choice stays');
  const before = (await captures(env)).length;
  await save(frame);
  await waitForCaptures(env, before + 1);
  assert.equal(await panel(frame).locator('[data-ref=held]').isVisible(), false, 'Save was not held');
  await page.close();
});

test('a Save on a form that differs from the report is held; Fix makes it right, then Save goes through', async () => {
  const { page } = await openReplica(env, {});
  const frame = await formFrame(page);
  await fillWith(frame, 'wherehouse');
  // The page changes Orders on its own: set again once. Then again: left, and reported.
  await pageClicks(frame, 'Orders', 'read-only');
  await reportSays(frame, 'Orders: the page reverted it; set again');
  await frame.waitForFunction(() => window.__replica.state().scopes.Orders === 'modify');
  await pageClicks(frame, 'Orders', 'None');
  await reportSays(frame, "Orders: shows 'None', expected 'modify'");
  const saves = await frame.evaluate(() => window.__replica.saves);
  await save(frame);
  const held = panel(frame).locator('[data-ref=held]');
  await held.waitFor();
  assert.match(await held.textContent(), /Save held: 1 row does not show what the report says/);
  assert.match(await held.textContent(), /Orders: shows 'None', the report says 'modify'/);
  assert.equal(await frame.evaluate(() => window.__replica.saves), saves, 'the page never saw that Save');
  await held.getByRole('button', { name: 'Fix' }).click();
  await held.filter({ hasText: 'Fixed: every row shows what the report says' }).waitFor();
  assert.equal((await pageState(frame)).scopes.Orders, 'modify');
  // ScopeFill did not save: the user does.
  assert.equal(await frame.evaluate(() => window.__replica.saves), saves);
  const before = (await captures(env)).length;
  await save(frame);
  const list = await waitForCaptures(env, before + 1);
  assert.equal(list.at(-1).credentials.client_id, (await lastCredentials(frame)).client_id);
  await page.close();
});

test('Save anyway lets the next Save through as the form is', async () => {
  const { page } = await openReplica(env, {});
  const frame = await formFrame(page);
  await fillWith(frame, 'dropstream');
  await pageClicks(frame, 'Themes', 'modify');
  await reportSays(frame, 'Themes: the page reverted it; set again');
  await frame.waitForFunction(() => window.__replica.state().scopes.Themes === 'None');
  await pageClicks(frame, 'Themes', 'modify');
  await reportSays(frame, "Themes: shows 'modify', expected 'none'");
  await save(frame);
  const held = panel(frame).locator('[data-ref=held]');
  await held.getByRole('button', { name: 'Save anyway' }).click();
  await held.filter({ hasText: 'Press Save again to save the form as it is.' }).waitFor();
  const before = (await captures(env)).length;
  await save(frame);
  await waitForCaptures(env, before + 1);
  assert.equal((await lastCredentials(frame)) !== null, true);
  await page.close();
});

test('rows missing or unknown: reported by name in the status region, with what was seen and the outline offered', async () => {
  const { page } = await openReplica(env, { omit: 'Orders,Store logs', extra: 'Widgets Beta,Infrastructure Logs' });
  const frame = await formFrame(page);
  // The extra row starts at a level, as if set by hand: a row nobody identified is left as it
  // is, and reported. (BigDesign's Toggle group has no accessible name: find it under its
  // caption, as a person does.)
  await frame.getByText('Widgets Beta', { exact: true })
    .locator('xpath=following::button[normalize-space(.)="modify"][1]').click();
  assert.equal((await pageState(frame)).scopes['Widgets Beta'], 'modify');
  const report = await fillWith(frame, 'dropstream');
  assert.match(report.status, /^Filled with 2 problems/);
  assert.ok(report.items.includes("Orders: not on this page (the preset asks for 'modify')"), report.items.join('\n'));
  assert.ok(report.items.includes("Store logs: not on this page (the preset asks for 'read-only')"));
  assert.ok(report.items.includes('Widgets Beta: not a scope ScopeFill knows; left as it is'), report.items.join('\n'));
  // The live region itself names the rows, for a screen reader.
  const status = await panelStatus(frame);
  assert.match(status, /Check: Orders, Store logs\./, status);
  assert.match(status, /Adjusted or noted: .*Widgets Beta/, status);
  // What the fill saw, and the outline for a bug report.
  const seen = panel(frame).locator('[data-ref=seen]');
  await seen.waitFor();
  const seenText = await seen.locator('[data-ref=seen-text]').textContent();
  assert.match(seenText, /^ScopeFill saw 28 rows of choices on this form: “Token type”, “Content”/, seenText);
  assert.match(seenText, /“Widgets Beta”, “Infrastructure Logs”/);
  assert.ok(await seen.getByRole('button', { name: 'Copy page outline' }).isVisible());
  const state = await pageState(frame);
  assert.equal(state.scopes['Widgets Beta'], 'modify', 'left as it was');
  // A documented scope the store page does not show is known by its caption: None.
  assert.equal(state.scopes['Infrastructure Logs'], 'None');
  assert.equal(state.scopes['Order transactions'], 'modify');
  await page.close();
});

test('Copy page outline puts the redacted outline on the clipboard', async () => {
  const { page } = await openReplica(env, { omit: 'Orders' });
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  const frame = await formFrame(page);
  await fillWith(frame, 'dropstream');
  await panel(frame).getByRole('button', { name: 'Copy page outline' }).click();
  await panel(frame).locator('[data-ref=outline-status]').filter({ hasText: 'Page outline copied' }).waitFor();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.ok(copied.nodes.length > 100, `${copied.nodes.length} nodes`);
  assert.ok(copied.nodes.some((n) => n.text === 'Order transactions'));
  await page.close();
});

test('the outline taken while the credentials modal is open holds no secret: the dialog is a bare node', async () => {
  const { page } = await openReplica(env, {});
  const frame = await formFrame(page);
  await fillWith(frame, 'wherehouse');
  const before = (await captures(env)).length;
  await save(frame);
  await waitForCaptures(env, before + 1);
  await frame.getByRole('dialog').waitFor();
  const generated = await lastCredentials(frame);
  const outline = await pageOutline(env, frame);
  assert.ok(outline, 'the content script answered');
  for (const k of ['client_id', 'client_secret', 'access_token']) {
    assert.ok(!outline.includes(generated[k]), `${k} in the outline`);
  }
  // The dialog is in the outline as a bare node: its role, none of its words or fields.
  const dialogs = JSON.parse(outline).nodes.filter((n) => n.attrs?.role === 'dialog');
  assert.equal(dialogs.length, 1, 'the dialog node is kept');
  assert.doesNotMatch(outline, /BigCommerce API credentials|Client secret/);
  console.log(`# outline with the modal open: ${outline.length} bytes, ${JSON.parse(outline).nodes.length} nodes`);
  await page.close();
});

test('a look-alike dialog that no Save on the form answered is not captured', async () => {
  const { page } = await openReplica(env, {});
  const frame = await formFrame(page);
  await fillWith(frame, 'dropstream');
  const before = (await captures(env)).length;
  // The page shows a credentials-shaped dialog of its own, with no Save pressed.
  const fake = { id: 'fakefakefakefakefakefakefake123', token: 'faketokenfaketokenfaketoken1234' };
  await frame.evaluate((fake) => {
    const d = document.createElement('div');
    d.setAttribute('role', 'dialog');
    d.innerHTML = '<h2>BigCommerce API credentials</h2><label>Client ID</label><input readonly><label>Access token</label><input readonly>';
    const [id, token] = d.querySelectorAll('input');
    id.value = fake.id;
    token.value = fake.token;
    document.body.append(d);
  }, fake);
  // Then a real Save: the capture that follows is the page's answer to it, and only that.
  await save(frame);
  const list = await waitForCaptures(env, before + 1);
  const generated = await lastCredentials(frame);
  assert.equal(list.at(-1).credentials.client_id, generated.client_id);
  assert.ok(!list.some((c) => c.credentials.client_id === fake.id), 'the look-alike was captured');
  await page.close();
});

test('label variants and single-level rows: Customer Login asked as modify becomes login', async () => {
  const { page } = await openReplica(env, { rows: 'radio', labels: 'variant' });
  const frame = await formFrame(page);
  const report = await fillWith(frame, 'wherehouse');
  const state = await pageState(frame);
  assert.equal(state.scopes['Customer Login'], 'login');
  assert.equal(state.scopes['Metafields Ownership'], 'manage');
  assert.ok(report.items.some((i) => i.startsWith("Customer Login: set to 'login' for 'modify'")), report.items.join('\n'));
  await page.close();
});

test('Metafields Access has no None: a preset without it gets Standard, and the report says why', async () => {
  const { page } = await openReplica(env, { rows: 'toggle-caption' });
  const frame = await formFrame(page);
  // Set to full by hand first: the fill must bring it down to the least it allows.
  await frame.getByText('Metafields Access', { exact: true }).locator('xpath=following::button[normalize-space(.)="full"][1]').click();
  assert.equal((await pageState(frame)).scopes['Metafields Access'], 'full');
  const report = await fillWith(frame, 'migration-from-bigcommerce');
  assert.match(report.status, /^Filled: /);
  assert.equal((await pageState(frame)).scopes['Metafields Access'], 'Standard');
  assert.ok(report.items.includes("Metafields Access: set to 'standard' for 'none': this row has no None; 'standard' is the least it allows"), report.items.join('\n'));
  await page.close();
});

test('a form that starts on Stencil-CLI token is switched to V2/V3 before the scopes are set', async () => {
  const r = await fillSaveCapture({ token: 'stencil' }, 'full-access');
  assert.equal(r.state.tokenType, 'V2/V3 API token');
  checkLevels(null, assert, PRESETS['full-access'], r.config, r.state);
  await r.page.close();
});

test('a B2B Edition store: Store Translations and B2B Edition rows, and the B2B API path', async () => {
  const r = await fillSaveCapture({ b2b: '1' }, 'full-access');
  assert.match(r.report.status, /^Filled: /, r.report.items.join('\n'));
  assert.equal(checkLevels(null, assert, PRESETS['full-access'], r.config, r.state), 29);
  assert.equal(r.state.scopes['Store Translations'], 'modify');
  // Full access does not name B2B Edition (its scope string is not published): None.
  assert.equal(r.state.scopes['B2B Edition'], 'None');
  sameCredentials(r.capture, r.generated);
  assert.equal(r.capture.credentials.b2b_api_path, 'https://api-b2b.bigcommerce.com/api/v3/io/');
  await r.page.close();
});

test('HexaSync leaves every scope as the user set it', async () => {
  const { page } = await openReplica(env, { rows: 'native' });
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
  const { page } = await openReplica(env, {});
  const frame = await formFrame(page);
  const report = await fillWith(frame, 'dropstream', { name: ' ab ' });
  assert.equal(report.status, 'the account name needs at least 4 characters, got 2');
  const state = await pageState(frame);
  assert.equal(state.scopes.Content, 'None');
  assert.equal(state.name, '');
  await page.close();
});

test('no request left the replica, and the extension made none; no captured value stored or printed', async () => {
  assert.deepEqual(env.foreign, []);
  assert.deepEqual(env.recorder.extensionRequests(), []);
  await assertSecretsNowhere(env, secrets, assert);
});

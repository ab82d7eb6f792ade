// The options page: settings, a custom preset made with the form and used in the in-page
// panel, imports the core refuses (with its own words), export → re-import, duplicate,
// edit and delete. One Chromium for the whole file; the tests run in order and share state.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openReplica, formFrame, fillWith, pageState, pageConfig, checkLevels, panel, integrationField, ROOT } from './harness.mjs';

let env;
let page;

const local = (key) => env.sw.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
const setLocal = (items) => env.sw.evaluate(async (i) => chrome.storage.local.set(i), items);
/** The core's verdict on a preset file, from the options page's own copy of the core. */
const validate = (file, json) => page.evaluate(async ([f, j]) => {
  const error = (await import('../pkg/scopefill.js')).presetError(f, j);
  return error === undefined ? { ok: true } : { ok: false, error: { text: error } };
}, [file, json]);

async function openOptions() {
  await page.goto(`chrome-extension://${env.extensionId}/options/options.html`);
  await page.waitForSelector('html[data-ready=true]');
}

before(async () => {
  env = await launch({ csp: 'strict' });
  page = await env.context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await openOptions();
});
after(async () => { await env?.close(); });

// A valid preset the import tests break in one place each.
const GOOD = {
  id: 'imported-app',
  name: 'Imported app',
  account_name: 'Imported app',
  scopes: { Products: 'read-only', Orders: 'modify' },
  layouts: [{ name: 'Imported app', fields: [{ label: 'Token', value: 'access_token' }] }],
};
const json = (value) => JSON.stringify(value, null, 2);

const importError = () => page.locator('#import-error');

async function importFile(name, text) {
  await page.getByLabel('Choose a preset file (.json)').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function dropFile(name, text) {
  await page.evaluate(([n, body]) => {
    const data = new DataTransfer();
    data.items.add(new File([body], n, { type: 'application/json' }));
    const zone = document.getElementById('drop-zone');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, [name, text]);
}

async function expectRefused(file, text, pattern) {
  const before = await local('customPresets');
  const verdict = await validate(file, text);
  const error = verdict.ok ? null : verdict.error.text;
  const alert = importError();
  await alert.waitFor({ state: 'visible' });
  assert.equal(await alert.getAttribute('role'), 'alert');
  const shown = await alert.textContent();
  if (error) assert.equal(shown, error, 'the core\'s error, word for word');
  assert.match(shown, pattern);
  assert.deepEqual(await local('customPresets'), before, 'nothing stored');
  return shown;
}

test('settings are saved to storage.local and shown again after a reload', async () => {
  const template = page.getByLabel('Default account name');
  assert.equal(await template.inputValue(), '{preset}', 'default template');
  assert.equal(await page.getByLabel(/Forget captured credentials/).inputValue(), '15', 'default 900 s');
  assert.equal(await page.getByLabel(/Clear copied values/).inputValue(), '60');

  await template.fill('{preset} {date}');
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(await page.locator('#name-template-preview output').textContent(), `Wherehouse ${today}`);
  await page.getByLabel(/Forget captured credentials/).fill('30');
  await page.getByLabel(/Clear copied values/).fill('20');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.deepEqual(await local('settings'), { nameTemplate: '{preset} {date}', expirySeconds: 1800, clipboardSeconds: 20 });

  await openOptions();
  assert.equal(await page.getByLabel('Default account name').inputValue(), '{preset} {date}');
  assert.equal(await page.getByLabel(/Forget captured credentials/).inputValue(), '30');
  assert.equal(await page.getByLabel(/Clear copied values/).inputValue(), '20');
});

test('an invalid template or an out-of-range number shows its error and is not saved', async () => {
  const saved = await local('settings');
  const template = page.getByLabel('Default account name');
  await template.fill('{preset} {when}');
  const error = page.locator('#name-template-error');
  assert.equal(await error.textContent(), 'unknown placeholder {when}: expected {preset}, {date} or {store}');
  assert.equal(await template.getAttribute('aria-invalid'), 'true');
  await page.getByLabel(/Forget captured credentials/).fill('0');
  await page.getByLabel(/Clear copied values/).fill('601');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Not saved' }).waitFor();
  assert.equal(await page.locator('#expiry-minutes-error').textContent(), 'Credential expiry: enter a whole number of minutes from 1 to 1440.');
  assert.equal(await page.locator('#clipboard-seconds-error').textContent(), 'Clipboard clearing: enter a whole number of seconds from 5 to 600.');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'name-template', 'focus on the first bad field');
  assert.deepEqual(await local('settings'), saved, 'storage unchanged');
  await openOptions(); // drop the unsaved edits
});

test('the clipboard permission: not granted at install, said so, offered', async () => {
  // The shipped package asks for clipboardRead only when the user wants the check.
  assert.equal(await page.evaluate(() => chrome.permissions.contains({ permissions: ['clipboardRead'] })), false);
  assert.equal(await page.locator('html').getAttribute('data-clipboard-read'), 'not-granted');
  const text = await page.locator('#clipboard-read-text').textContent();
  assert.match(text, /^ScopeFill may not read the clipboard, so it clears it when the delay is over even if you have copied something else since\./);
  const allow = page.getByRole('button', { name: 'Allow reading the clipboard' });
  assert.ok(await allow.isVisible());
  // Pressing it asks the browser, whose prompt headless Chromium leaves open: the page is
  // shown as it is then (target/options/clipboard-permission.png) and stays usable.
  await allow.click();
  // No answer yet: the browser is showing its prompt. A refused request (one made outside the
  // click, say) is answered at once, before a later call to the permissions API is: once this
  // one is answered, a refusal would already be on the page.
  assert.equal(await page.evaluate(() => chrome.permissions.contains({ permissions: ['clipboardRead'] })), false);
  assert.equal(await page.locator('#clipboard-read-status').textContent(), '');
  const shots = path.join(ROOT, 'target/options');
  fs.mkdirSync(shots, { recursive: true });
  await page.locator('#clipboard-read').screenshot({ path: path.join(shots, 'clipboard-permission.png') });
  assert.equal(await page.locator('html').getAttribute('data-clipboard-read'), 'not-granted');
});

const MINE = { Orders: 'modify', Products: 'read-only', 'Customers login': 'login', 'Store Inventory': 'modify' };

test('a preset made with the form is stored in the shipped schema and is valid', async () => {
  await page.getByRole('button', { name: 'New preset' }).click();
  const editor = page.locator('#editor');
  await editor.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'preset-name', 'focus moves into the form');
  // Every catalogue scope has a row, conditional ones marked, help under the label.
  assert.equal(await editor.locator('.scope-row select').count(), 33);
  const b2b = editor.getByLabel('B2B Edition', { exact: true });
  assert.match(await b2b.evaluate((s) => s.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' | ')), /Only on some stores \| B2B Edition data/);
  assert.deepEqual(await editor.getByLabel('Customers login', { exact: true }).locator('option').allTextContents(), ['None', 'Login']);

  await page.getByLabel('Name', { exact: true }).fill('Test Warehouse');
  assert.equal(await page.getByLabel('Id', { exact: true }).inputValue(), 'test-warehouse', 'id follows the name');
  await page.getByLabel('Account name', { exact: true }).fill('Test Warehouse');
  await page.getByLabel('Guide link (optional)').fill('https://example.com/help');
  for (const [label, level] of Object.entries(MINE)) await editor.getByLabel(label, { exact: true }).selectOption(level);
  // Four default values; add the store hash.
  assert.equal(await editor.locator('.fields-table tbody tr').count(), 4);
  await editor.getByRole('button', { name: /^Add a value/ }).click();
  const last = editor.locator('.fields-table tbody tr').last();
  await last.locator('input[type=text]').fill('Store hash');
  await last.locator('select').selectOption('store_hash');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await page.locator('#custom-status').filter({ hasText: 'Saved “Test Warehouse”.' }).waitFor();
  assert.ok(await editor.isHidden(), 'editor closed');

  const stored = await local('customPresets');
  assert.equal(stored.length, 1);
  assert.equal(stored[0].file, 'test-warehouse.json');
  const file = JSON.parse(stored[0].json);
  assert.deepEqual(file.scopes, { 'Customers login': 'login', Orders: 'modify', Products: 'read-only', 'Store Inventory': 'modify' });
  assert.equal(file.other_scopes, 'none');
  assert.equal(file.guide, 'https://example.com/help');
  assert.deepEqual(file.layouts[0].fields.map((f) => f.value), ['api_path', 'client_id', 'client_secret', 'access_token', 'store_hash']);
  const verdict = await validate(stored[0].file, stored[0].json);
  assert.ok(verdict.ok, JSON.stringify(verdict.error));
  const card = page.locator('#custom-list li[data-preset="test-warehouse"]');
  assert.match(await card.textContent(), /Test Warehouse.*4 scopes.*Id: test-warehouse/);
});

test('the panel lists the new preset and filling with it sets exactly its levels', async () => {
  const preset = JSON.parse((await local('customPresets'))[0].json);
  const { page: replica } = await openReplica(env, { rows: 'select' });
  const frame = await formFrame(replica);
  await panel(frame).locator('section').waitFor({ timeout: 15000 });
  const combo = integrationField(panel(frame));
  await combo.click();
  const options = await panel(frame).getByRole('option').evaluateAll((os) => os.map((o) => o.dataset.preset));
  await combo.press('Escape');
  assert.ok(options.includes('test-warehouse'), options.join(', '));
  const report = await fillWith(frame, 'test-warehouse', { integration: 'Test Warehouse' });
  assert.match(report.status, /^Filled/);
  const state = await pageState(frame);
  const config = await pageConfig(frame);
  checkLevels(null, assert, preset, config, state);
  // Rows above their least level (None, or Standard on "Metafields Access", which has no None).
  const least = Object.fromEntries(config.rows.map((r) => [r.label, r.levels[0]]));
  const set = Object.entries(state.scopes).filter(([label, level]) => level !== least[label]).map(([label]) => label).sort();
  assert.equal(set.length, Object.keys(MINE).length, `rows set: ${set.join(', ')}`);
  assert.match(state.name, /^Test Warehouse \d{4}-\d\d-\d\d$/, 'the saved name template is used');
  await replica.close();
});

test('import: an unknown scope (file input) is refused with the core\'s error', async () => {
  const text = json({ ...GOOD, scopes: { Prodcts: 'read-only' } });
  await importFile('my.json', text);
  await expectRefused('my.json', text, /^my\.json: scopes\."Prodcts": unknown scope; closest known: Products, /);
});

test('import: an unknown level (dropped file) is refused with the core\'s error', async () => {
  const text = json({ ...GOOD, scopes: { Products: 'read-write' } });
  await dropFile('level.json', text);
  await expectRefused('level.json', text, /^level\.json: scopes\."Products": unknown level "read-write"; expected one of none, read-only, .*closest: read-only/);
});

test('import: malformed JSON (pasted) is refused with the core\'s error', async () => {
  const text = '{ "id": "broken", "name": ';
  await page.getByLabel('Or paste a preset\'s JSON').fill(text);
  await page.getByRole('button', { name: 'Import pasted JSON' }).click();
  await expectRefused('pasted.json', text, /^pasted\.json: .*line 1 column \d+/);
});

/**
 * Milliseconds from the file input's change event to the import error being shown, measured
 * in the page (Playwright's own handing over of a 10 MB file is not the extension's time).
 */
async function timeToRefusal(name, text) {
  await page.evaluate(() => {
    const t = { change: null, shown: null };
    window.__refusal = t;
    document.getElementById('import-file').addEventListener('change', () => { t.change = performance.now(); }, { capture: true, once: true });
    const box = document.getElementById('import-error');
    const watch = new MutationObserver(() => {
      if (t.change !== null && !box.hidden && box.textContent) {
        t.shown = performance.now();
        watch.disconnect();
      }
    });
    watch.observe(box, { attributes: true, childList: true, characterData: true, subtree: true });
  });
  await importFile(name, text);
  await page.waitForFunction(() => window.__refusal.shown !== null);
  const ms = await page.evaluate(() => window.__refusal.shown - window.__refusal.change);
  console.log(`# ${name} (${Buffer.byteLength(text)} bytes) refused ${ms.toFixed(1)} ms after it was chosen`);
  return ms;
}

test('import: a 10 MB file is refused by its size at once', async () => {
  const text = json({ ...GOOD, note: 'x'.repeat(10 << 20) });
  const took = await timeToRefusal('huge.json', text);
  const shown = await expectRefused('huge.json', text, /^huge\.json: the file has \d+ bytes; a preset file has at most 65536 bytes \(64 KiB\)$/);
  assert.ok(shown.includes(`has ${Buffer.byteLength(text)} bytes`), shown);
  assert.ok(took < 250, `refused ${took.toFixed(0)} ms after the file was chosen`);
  // Pasted, the same text is refused by the core's parser with the same words.
  const verdict = await validate('pasted.json', text);
  assert.match(verdict.error.text, /^pasted\.json: the file has \d+ bytes; a preset file has at most 65536 bytes/);
});

test('import: a file with 10,000 layouts is refused by their number', async () => {
  const text = JSON.stringify({ ...GOOD, layouts: Array.from({ length: 10_000 }, () => ({})) });
  assert.ok(Buffer.byteLength(text) < 64 * 1024, 'small enough for the size cap to let it through');
  const took = await timeToRefusal('many.json', text);
  await expectRefused('many.json', text, /^many\.json: layouts: 10000 layouts; a preset has at most 100$/);
  assert.ok(took < 250, `refused ${took.toFixed(0)} ms after the file was chosen`);
});

test('import: an id used by a shipped preset is refused', async () => {
  const text = json({ ...GOOD, id: 'wherehouse' });
  await importFile('mine.json', text);
  await expectRefused('mine.json', text, /^mine\.json: id: "wherehouse" is already used by the shipped preset "Wherehouse"; choose another id$/);
});

test('export downloads the stored JSON, which re-imports identically', async () => {
  const before = await local('customPresets');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Test Warehouse as a JSON file' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'test-warehouse.json');
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(text, before[0].json);
  // While it is stored, the same id is refused.
  await importFile('test-warehouse.json', text);
  await expectRefused('test-warehouse.json', text, /is already used by your preset "Test Warehouse"/);
  await setLocal({ customPresets: [] });
  await page.locator('#custom-list .empty').waitFor();
  await importFile('test-warehouse.json', text);
  await page.locator('#import-status').filter({ hasText: 'Imported “Test Warehouse” (id test-warehouse).' }).waitFor();
  assert.ok(await importError().isHidden());
  assert.deepEqual(await local('customPresets'), before);
});

test('duplicating a shipped preset opens the form on a copy, saved as a new preset', async () => {
  await page.getByRole('button', { name: 'Duplicate Celigo integrator.io' }).click();
  const editor = page.locator('#editor');
  assert.equal(await editor.getByRole('heading', { level: 2 }).textContent(), 'New preset from “Celigo integrator.io”');
  assert.equal(await page.getByLabel('Id', { exact: true }).inputValue(), 'celigo-copy');
  assert.equal(await editor.getByLabel('Orders', { exact: true }).inputValue(), 'read-only');
  assert.equal(await editor.getByLabel('Themes', { exact: true }).inputValue(), 'none');
  assert.equal(await editor.locator('.layout').count(), 2, 'Token and Basic');
  // A bad guide link is refused by the core, next to the field.
  await page.getByLabel('Guide link (optional)').fill('http://example.com');
  await page.getByRole('button', { name: 'Save preset' }).click();
  const alert = page.locator('#editor-error');
  await alert.waitFor();
  assert.equal(await alert.textContent(), 'celigo-copy.json: guide: expected an https:// link, got "http://example.com"');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'preset-guide');
  await page.getByLabel('Guide link (optional)').fill('');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await page.locator('#custom-status').filter({ hasText: 'Saved “Celigo integrator.io (copy)”.' }).waitFor();
  const stored = await local('customPresets');
  assert.deepEqual(stored.map((e) => e.file), ['test-warehouse.json', 'celigo-copy.json']);
  const copy = JSON.parse(stored[1].json);
  assert.equal(Object.keys(copy.scopes).length, 15);
  assert.deepEqual(copy.layouts.map((l) => l.name), ['Token', 'Basic']);
});

test('editing a preset replaces it in place', async () => {
  await page.getByRole('button', { name: 'Edit Test Warehouse' }).click();
  const editor = page.locator('#editor');
  assert.equal(await editor.getByLabel('Orders', { exact: true }).inputValue(), 'modify');
  await editor.getByLabel('Orders', { exact: true }).selectOption('read-only');
  await page.getByLabel('Note (optional)').fill('Edited.');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await page.locator('#custom-status').filter({ hasText: 'Saved “Test Warehouse”.' }).waitFor();
  const stored = await local('customPresets');
  assert.deepEqual(stored.map((e) => e.file), ['test-warehouse.json', 'celigo-copy.json']);
  const file = JSON.parse(stored[0].json);
  assert.equal(file.scopes.Orders, 'read-only');
  assert.equal(file.note, 'Edited.');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Edit Test Warehouse', 'focus back on the card');
});

test('with "leave them as they are", unnamed rows stay out and None is written', async () => {
  await page.getByRole('button', { name: 'New preset' }).click();
  const editor = page.locator('#editor');
  await page.getByLabel('Name', { exact: true }).fill('Leave rest');
  await page.getByLabel('Account name', { exact: true }).fill('Leave rest app');
  await editor.getByLabel('Orders', { exact: true }).selectOption('modify');
  await editor.getByLabel('Leave them as they are').check();
  assert.equal(await editor.getByLabel('Themes', { exact: true }).inputValue(), '', 'None rows become "leave as it is"');
  assert.equal(await editor.getByLabel('Orders', { exact: true }).inputValue(), 'modify');
  await editor.getByLabel('Products', { exact: true }).selectOption('none');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await page.locator('#custom-status').filter({ hasText: 'Saved “Leave rest”.' }).waitFor();
  const entry = (await local('customPresets')).find((e) => e.file === 'leave-rest.json');
  const file = JSON.parse(entry.json);
  assert.equal(file.other_scopes, 'leave');
  assert.deepEqual(file.scopes, { Orders: 'modify', Products: 'none' });
  // Opened again, the form shows the same rows.
  await page.getByRole('button', { name: 'Edit Leave rest' }).click();
  assert.equal(await editor.getByLabel('Products', { exact: true }).inputValue(), 'none');
  assert.equal(await editor.getByLabel('Themes', { exact: true }).inputValue(), '');
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.ok(await editor.isHidden());
  await page.getByRole('button', { name: 'Delete Leave rest' }).click();
  await page.getByRole('button', { name: 'Yes, delete Leave rest' }).click();
  await page.locator('#custom-status').filter({ hasText: 'Deleted “Leave rest”.' }).waitFor();
});

test('delete asks first (keyboard only) and removes the preset', async () => {
  const del = page.getByRole('button', { name: 'Delete Celigo integrator.io (copy)' });
  await del.focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('group', { name: 'Delete “Celigo integrator.io (copy)”? This cannot be undone.' });
  await confirm.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Keep', 'the safe choice has focus');
  await page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'detached' });
  assert.equal((await local('customPresets')).length, 2, 'Escape keeps it');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Delete Celigo integrator.io (copy)');

  await page.keyboard.press('Enter');
  await confirm.waitFor();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Yes, delete Celigo integrator.io (copy)');
  await page.keyboard.press('Enter');
  await page.locator('#custom-status').filter({ hasText: 'Deleted “Celigo integrator.io (copy)”.' }).waitFor();
  assert.deepEqual((await local('customPresets')).map((e) => e.file), ['test-warehouse.json']);

  await page.getByRole('button', { name: 'Delete Test Warehouse' }).click();
  await page.getByRole('button', { name: 'Yes, delete Test Warehouse' }).click();
  await page.locator('#custom-list .empty').waitFor();
  assert.deepEqual(await local('customPresets'), []);
});

test('import: a name that passes for a shipped preset\'s is refused, whatever its case, spacing or hidden characters', async () => {
  for (const [name, pattern] of [
    ['  WHERE house ', /^pose\.json: name: "WHERE house" reads as the shipped preset "Wherehouse" \(case, spacing, punctuation and look-alike letters aside\); choose a name of your own$/],
    ['Wh\u0435r\u0435h\u043Euse', /^pose\.json: name: .* reads as the shipped preset "Wherehouse"/],
    ['Where\u200Bhouse', /^pose\.json: name: character 6 is U\+200B, which is invisible or changes the text's direction; expected a name of visible characters$/],
    ['\u202Eesuoherehw', /^pose\.json: name: character 1 is U\+202E, /],
    ['x'.repeat(61), /^pose\.json: name: 61 characters; a name has at most 60$/],
  ]) {
    const text = json({ ...GOOD, id: 'my-pose', name });
    await importFile('pose.json', text);
    await expectRefused('pose.json', text, pattern);
  }
});

test('the editor refuses a shipped id, then a shipped name, next to the field', async () => {
  await page.getByRole('button', { name: 'New preset' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Wherehouse');
  await page.getByLabel('Account name', { exact: true }).fill('My Wherehouse');
  await page.getByRole('button', { name: 'Save preset' }).click();
  const alert = page.locator('#editor-error');
  await alert.filter({ hasText: 'wherehouse.json: id: "wherehouse" is already used by the shipped preset "Wherehouse"; choose another id' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'preset-id');
  await page.getByLabel('Id', { exact: true }).fill('my-wherehouse');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await alert.filter({ hasText: 'my-wherehouse.json: name: "Wherehouse" reads as the shipped preset "Wherehouse"' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'preset-name');
  assert.equal(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Name', { exact: true }).fill('Wherehouse (EU)');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await page.locator('#custom-status').filter({ hasText: 'Saved “Wherehouse (EU)”.' }).waitFor();
  // Listed as the user's: under "Your presets", with the Custom badge shipped cards do not have.
  const card = page.locator('#custom-list li[data-preset="my-wherehouse"]');
  assert.equal(await card.locator('.badge-quiet').textContent(), 'Custom');
  assert.equal(await page.locator('#presets .badge-quiet').count(), 0);
  assert.deepEqual((await local('customPresets')).map((e) => e.file), ['my-wherehouse.json']);
  await setLocal({ customPresets: [] });
  await page.locator('#custom-list .empty').waitFor();
});

/** `n` valid stored presets, `mine-0` … */
const many = (n) => Array.from({ length: n }, (_, i) => ({
  file: `mine-${i}.json`,
  json: json({ ...GOOD, id: `mine-${i}`, name: `Mine ${i}` }),
}));

test('a malformed stored entry drops only itself, and the page says which and why', async () => {
  const good = many(2);
  await setLocal({
    customPresets: [
      good[0],
      42,
      { file: 'object.json', json: { id: 'object' } },
      { file: 'broken.json', json: '{ "id": ' },
      { file: 'pose.json', json: json({ ...GOOD, id: 'pose', name: 'WHEREHOUSE' }) },
      good[1],
    ],
  });
  const broken = page.locator('#custom-broken');
  await broken.waitFor();
  await page.locator('#custom-list li[data-preset="mine-1"]').waitFor();
  assert.deepEqual(await page.locator('#custom-list li[data-preset]').evaluateAll((cards) => cards.map((c) => c.dataset.preset)), ['mine-0', 'mine-1']);
  const why = await broken.locator('.broken-text').allTextContents();
  assert.equal(why.length, 4, why.join('\n'));
  assert.match(why[0], /^customPresets\[1\]: not loaded: a stored preset is a file name and the preset's JSON as text/);
  assert.match(why[1], /^object\.json: not loaded: /);
  assert.match(why[2], /^broken\.json: id: .*EOF/);
  assert.equal(why[3], 'pose.json: name: "WHEREHOUSE" reads as the shipped preset "Wherehouse" (case, spacing, punctuation and look-alike letters aside); choose a name of your own');
  fs.mkdirSync(path.join(ROOT, 'target/options'), { recursive: true });
  await page.locator('#custom-heading').scrollIntoViewIfNeeded();
  await page.locator('#custom-heading').locator('xpath=ancestor::section').screenshot({ path: path.join(ROOT, 'target/options/custom-dropped.png') });
  // Stored entries with a file name can be deleted from here; the others go with the next save.
  await page.getByRole('button', { name: 'Delete pose.json', exact: true }).click();
  await page.locator('#custom-status').filter({ hasText: 'Deleted “pose.json”.' }).waitFor();
  assert.deepEqual((await local('customPresets')).map((e) => e.file), ['mine-0.json', 'broken.json', 'mine-1.json']);
  await setLocal({ customPresets: [] });
  await page.locator('#custom-list .empty').waitFor();
  assert.ok(await broken.isHidden());
});

test('over the cap of 50: the first 50 are listed, the rest reported, and no more can be added', async () => {
  await setLocal({ customPresets: many(52) });
  const full = page.locator('#custom-full');
  await full.waitFor();
  const notice = 'You have 52 presets of your own; ScopeFill keeps at most 50. Delete one before you add another.';
  assert.equal(await full.textContent(), notice);
  assert.equal(await page.locator('#custom-list li[data-preset]').count(), 50);
  assert.deepEqual(await page.locator('#custom-broken .broken-text').allTextContents(), [
    'mine-50.json: not loaded: it is preset 51 of your own, and ScopeFill reads the first 50',
    'mine-51.json: not loaded: it is preset 52 of your own, and ScopeFill reads the first 50',
  ]);
  await full.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ROOT, 'target/options/custom-over-cap.png') });
  // Import: refused in the page's words, nothing stored.
  const text = json({ ...GOOD, id: 'one-more', name: 'One more' });
  const before = await local('customPresets');
  await importFile('one-more.json', text);
  await importError().filter({ hasText: notice }).waitFor();
  assert.deepEqual(await local('customPresets'), before);
  // New preset and Duplicate: no form is opened for a preset that could not be saved.
  await page.getByRole('button', { name: 'New preset' }).click();
  await page.locator('#custom-status').filter({ hasText: notice }).waitFor();
  assert.ok(await page.locator('#editor').isHidden());
  await page.getByRole('button', { name: 'Duplicate Wherehouse' }).click();
  assert.ok(await page.locator('#editor').isHidden());
  // Editing one of the 50 still works: it adds none.
  await page.getByRole('button', { name: 'Edit Mine 3', exact: true }).click();
  await page.getByLabel('Note (optional)').fill('Still editable.');
  await page.getByRole('button', { name: 'Save preset' }).click();
  await page.locator('#custom-status').filter({ hasText: 'Saved “Mine 3”.' }).waitFor();
  const stored = await local('customPresets');
  assert.equal(stored.length, 52);
  assert.equal(JSON.parse(stored[3].json).note, 'Still editable.');
  // The two over the cap deleted: 50 left, still full; one more deleted: room again.
  await page.getByRole('button', { name: 'Delete mine-51.json', exact: true }).click();
  await full.filter({ hasText: 'You have 51 presets of your own' }).waitFor();
  await page.getByRole('button', { name: 'Delete mine-50.json', exact: true }).click();
  await full.filter({ hasText: 'You have 50 presets of your own' }).waitFor();
  assert.ok(await page.locator('#custom-broken').isHidden());
  await page.getByRole('button', { name: 'Delete Mine 49', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, delete Mine 49' }).click();
  await page.locator('#custom-status').filter({ hasText: 'Deleted “Mine 49”.' }).waitFor();
  assert.ok(await full.isHidden());
  await importFile('one-more.json', text);
  await page.locator('#import-status').filter({ hasText: 'Imported “One more” (id one-more).' }).waitFor();
  assert.equal((await local('customPresets')).length, 50);
  await setLocal({ customPresets: [] });
  await page.locator('#custom-list .empty').waitFor();
});

test('the extension made no request of its own, and its CSP blocked nothing on its pages', () => {
  assert.deepEqual(env.recorder.extensionRequests(), []);
  const blocked = env.recorder.extensionText().filter((t) => /Content Security Policy|Refused to/i.test(t));
  assert.deepEqual(blocked, []);
});

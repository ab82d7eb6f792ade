// The Integration picker, in the in-page panel and in the toolbar popup: an accessible
// combobox over a list of integrations that typing filters, that works by keyboard, and that
// lists the last used integration first, also after a reload. The chosen integration drives
// the account name, the note and Fill form. Under the strict page CSP (wasm2js core).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  launch, openReplica, formFrame, panel, integrationField, activeOption, pageState, pageConfig,
  checkLevels, localStorageDump, PRESETS, ROOT,
} from './harness.mjs';

const SHOTS = path.join(ROOT, 'target/picker');

let env;
before(async () => { env = await launch({ csp: 'strict' }); });
after(async () => { await env?.close(); });

async function openPanel() {
  const { page, errors } = await openReplica(env, { rows: 'toggle' });
  const frame = await formFrame(page);
  const p = panel(frame);
  await p.locator('section').waitFor({ timeout: 15000 });
  return { page, frame, p, combo: integrationField(p), errors };
}

/** The preset ids of the options the list shows, top to bottom. */
const shownOptions = (root) => root.getByRole('option').evaluateAll((os) => os.map((o) => o.dataset.preset));
const shownNames = (root) => root.getByRole('option').evaluateAll((os) => os.map((o) => o.querySelector('.option-name').textContent));

test('the panel\'s picker is a combobox named "Integration" that controls a listbox of options', async () => {
  const { page, p, combo } = await openPanel();
  // Found by its accessible name and role, as assistive technology finds it.
  assert.equal(await combo.count(), 1);
  assert.equal(await combo.getAttribute('aria-autocomplete'), 'list');
  assert.equal(await combo.getAttribute('aria-expanded'), 'false');
  const listId = await combo.getAttribute('aria-controls');
  const list = p.locator(`[id="${listId}"]`);
  assert.equal(await list.getAttribute('role'), 'listbox');
  assert.equal(await list.getAttribute('aria-label'), 'Integrations');
  assert.ok(await list.isHidden(), 'closed until asked');
  // Shipped order: integrations by name, the generic presets last; the first is chosen.
  const first = Object.values(PRESETS).find((x) => x.id === 'api2cart');
  assert.equal(await combo.inputValue(), first.name);

  await combo.focus();
  await combo.press('ArrowDown');
  assert.equal(await combo.getAttribute('aria-expanded'), 'true');
  assert.ok(await list.isVisible());
  const ids = await shownOptions(p);
  assert.equal(ids.length, Object.keys(PRESETS).length, 'every integration listed');
  assert.deepEqual(ids.slice(-2), ['read-only', 'full-access']);
  // The highlighted option is the combobox's active descendant, marked aria-selected.
  const active = await combo.getAttribute('aria-activedescendant');
  assert.equal(await p.locator(`[id="${active}"]`).getAttribute('aria-selected'), 'true');
  assert.equal(await activeOption(combo), 'api2cart', 'opens at the chosen one');
  assert.equal(await p.locator('[role=option][aria-selected=true]').count(), 1);
  await combo.press('Escape');
  assert.equal(await combo.getAttribute('aria-expanded'), 'false');
  assert.equal(await combo.getAttribute('aria-activedescendant'), null);
  await page.close();
});

test('typing filters by name, whatever the case, anywhere in the name', async () => {
  const { page, p, combo } = await openPanel();
  await combo.click();
  await combo.pressSequentially('NEXT');
  assert.deepEqual(await shownOptions(p), ['migration-from-bigcommerce', 'migration-to-bigcommerce']);
  await combo.fill('lit');
  assert.deepEqual(await shownOptions(p), ['migration-from-bigcommerce', 'migration-to-bigcommerce'], 'LitExtension finds the same presets');
  await combo.fill('cart');
  assert.deepEqual(await shownNames(p), [
    'API2Cart (BetterCommerce)',
    'Store migration from BigCommerce (Next-Cart, LitExtension)',
    'Store migration to BigCommerce (Next-Cart, LitExtension)',
  ]);
  await combo.fill('starship');
  assert.deepEqual(await shownOptions(p), ['starship', 'starshipit']);
  // Nothing matches: the list closes and a status says so.
  await combo.fill('shopify');
  assert.equal(await p.getByRole('option').count(), 0);
  assert.equal(await combo.getAttribute('aria-expanded'), 'false');
  assert.equal(await p.locator('[data-ref=preset-status]').textContent(), 'No integration matches “shopify”.');
  await combo.press('Escape');
  assert.equal(await combo.inputValue(), 'API2Cart (BetterCommerce)', 'Escape gives back the chosen name');
  assert.equal(await p.locator('[data-ref=preset-status]').textContent(), '');
  await page.close();
});

test('keyboard only: arrows move, Enter chooses, and the note and account name follow', async () => {
  const { page, p, combo } = await openPanel();
  // Tab into the panel from the page's focus: the collapse button, then the picker.
  await p.getByRole('button', { name: 'Minimise ScopeFill' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await combo.evaluate((el) => el.getRootNode().activeElement === el), true, 'Tab reaches the picker');
  await page.keyboard.type('rebil');
  assert.equal(await activeOption(combo), 'rebillia', 'the first match is highlighted');
  await page.keyboard.press('Enter');
  assert.equal(await combo.inputValue(), 'Rebillia');
  assert.equal(await p.getByLabel('Account name').inputValue(), 'Rebillia');
  assert.match(await p.locator('[data-ref=note]').textContent(), /Information & Settings/);

  await page.keyboard.type('store migration');
  assert.equal(await activeOption(combo), 'migration-from-bigcommerce');
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeOption(combo), 'migration-to-bigcommerce');
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeOption(combo), 'migration-from-bigcommerce', 'wraps around');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  assert.equal(await combo.inputValue(), PRESETS['migration-to-bigcommerce'].name);
  assert.equal(await p.getByLabel('Account name').inputValue(), 'Store migration');
  assert.match(await p.locator('[data-ref=note]').textContent(), /Order Notifications/);

  // Escape while typing keeps the integration chosen before.
  await page.keyboard.type('violet');
  await page.keyboard.press('Escape');
  assert.equal(await combo.inputValue(), PRESETS['migration-to-bigcommerce'].name);
  assert.equal(await p.getByLabel('Account name').inputValue(), 'Store migration');
  // A focus ring shows where the keyboard is.
  assert.equal(await combo.evaluate((el) => getComputedStyle(el).outlineStyle), 'solid');
  await page.close();
});

test('a click on an option chooses it, and Fill form fills with it', async () => {
  const { page, frame, p, combo, errors } = await openPanel();
  await combo.click();
  await combo.fill('despatch');
  await p.getByRole('option', { name: 'Despatch Cloud' }).click();
  assert.equal(await combo.inputValue(), 'Despatch Cloud');
  assert.equal(await combo.getAttribute('aria-expanded'), 'false');
  await p.getByRole('button', { name: 'Fill form' }).click();
  await p.locator('[data-ref=status]', { hasText: /^Filled/ }).waitFor({ timeout: 20000 });
  const state = await pageState(frame);
  assert.equal(state.name, 'Despatch Cloud');
  assert.equal(checkLevels(null, assert, PRESETS['despatch-cloud'], await pageConfig(frame), state), 27);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the last used integration comes first and is chosen after a reload, in the panel and the popup', async () => {
  // The previous test filled with Despatch Cloud: only its id is remembered.
  const stored = JSON.parse(await localStorageDump(env));
  assert.deepEqual(stored, { lastPreset: 'despatch-cloud' });
  const { page, p, combo } = await openPanel();
  assert.equal(await combo.inputValue(), 'Despatch Cloud');
  assert.equal(await p.getByLabel('Account name').inputValue(), 'Despatch Cloud');
  await combo.click();
  const ids = await shownOptions(p);
  assert.equal(ids[0], 'despatch-cloud');
  assert.equal(ids.filter((id) => id === 'despatch-cloud').length, 1, 'listed once');
  assert.equal(await p.getByRole('option').first().locator('.option-tag').textContent(), 'last used');

  // Another integration used: it comes first on the next load.
  await combo.fill('violet');
  await combo.press('Enter');
  await p.getByRole('button', { name: 'Fill form' }).click();
  await p.locator('[data-ref=status]', { hasText: /^Filled/ }).waitFor({ timeout: 20000 });
  await page.reload();
  const frame = await formFrame(page);
  const again = panel(frame);
  await again.locator('section').waitFor({ timeout: 15000 });
  assert.equal(await integrationField(again).inputValue(), 'Violet');
  await integrationField(again).press('ArrowDown');
  assert.deepEqual((await shownOptions(again)).slice(0, 2), ['violet', 'api2cart']);
  await page.close();

  const popup = await env.context.newPage();
  await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
  await popup.locator('body[data-ready="1"]').waitFor({ timeout: 10000 });
  const field = integrationField(popup);
  assert.equal(await field.inputValue(), 'Violet');
  await field.press('ArrowDown');
  assert.equal((await shownOptions(popup))[0], 'violet');
  assert.equal(await popup.getByRole('option').first().locator('.option-tag').textContent(), 'last used');
  await popup.close();
});

test('the popup\'s picker: named "Integration", filters by typing, chosen by click or keyboard', async () => {
  const popup = await env.context.newPage();
  await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
  await popup.locator('body[data-ready="1"]').waitFor({ timeout: 10000 });
  const field = integrationField(popup);
  assert.equal(await field.getAttribute('aria-autocomplete'), 'list');
  assert.equal(await popup.getByRole('listbox', { name: 'Integrations', includeHidden: true }).count(), 1);
  await field.click();
  await field.pressSequentially('ship');
  assert.deepEqual(await shownOptions(popup), ['starship', 'starshipit']);
  await field.press('ArrowDown');
  await field.press('Enter');
  assert.equal(await field.inputValue(), 'Starshipit');
  await field.fill('synch');
  await popup.getByRole('option', { name: 'SynchUP' }).click();
  assert.equal(await field.inputValue(), 'SynchUP');
  // Clicking elsewhere closes the list and keeps the choice.
  await field.fill('wh');
  await popup.getByRole('heading', { name: 'Captured accounts' }).click();
  assert.equal(await field.getAttribute('aria-expanded'), 'false');
  assert.equal(await field.inputValue(), 'SynchUP');
  await popup.close();
});

function luminance([r, g, b]) {
  const f = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r / 255) + 0.7152 * f(g / 255) + 0.0722 * f(b / 255);
}
const ratio = (a, b) => (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);

/** Each option's text colours against the option's own (or the list's) background. */
const optionColours = (root) => root.getByRole('option').evaluateAll((options) => {
  const rgb = (s) => s.match(/[\d.]+/g).map(Number);
  const opaque = (el) => {
    while (el && getComputedStyle(el).backgroundColor === 'rgba(0, 0, 0, 0)') el = el.parentElement;
    return el ? rgb(getComputedStyle(el).backgroundColor) : [255, 255, 255];
  };
  return options.flatMap((o) => [...o.querySelectorAll('span')].map((span) => ({
    text: span.textContent, fg: rgb(getComputedStyle(span).color), bg: opaque(o),
  })));
});

test('the open picker, light and dark: text contrast >= 4.5:1; screenshots', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark']) {
    const { page, p, combo } = await openPanel();
    await page.emulateMedia({ colorScheme });
    await combo.click();
    await combo.fill('st');
    await combo.press('ArrowDown');
    const pairs = await optionColours(p);
    assert.ok(pairs.length >= 6, `${pairs.length} option texts`);
    for (const { text, fg, bg } of pairs) {
      const r = ratio(fg.slice(0, 3), bg.slice(0, 3));
      assert.ok(r >= 4.5, `panel ${colorScheme}: "${text}" ${r.toFixed(2)}:1`);
    }
    await p.locator('section').screenshot({ path: path.join(SHOTS, `panel-${colorScheme}.png`) });
    await page.close();

    const popup = await env.context.newPage();
    await popup.setViewportSize({ width: 380, height: 640 });
    await popup.emulateMedia({ colorScheme });
    await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
    await popup.locator('body[data-ready="1"]').waitFor({ timeout: 10000 });
    const field = integrationField(popup);
    await field.click();
    await field.fill('cart');
    for (const { text, fg, bg } of await optionColours(popup)) {
      const r = ratio(fg.slice(0, 3), bg.slice(0, 3));
      assert.ok(r >= 4.5, `popup ${colorScheme}: "${text}" ${r.toFixed(2)}:1`);
    }
    await popup.screenshot({ path: path.join(SHOTS, `popup-${colorScheme}.png`) });
    await popup.close();
  }
});

/** A preset of the user's, as the options page stores it: `{file, json}`. */
function customEntry(id, name, file = `${id}.json`) {
  const preset = {
    id, name, account_name: name.trim().length >= 4 ? name.trim() : `${id} app`,
    scopes: { Orders: 'modify' },
    layouts: [{ name: 'Credentials', fields: [{ label: 'Access Token', value: 'access_token' }] }],
  };
  return { file, json: JSON.stringify(preset) };
}

/** The stored list the next test reads: two good presets around entries that must drop only themselves. */
const CUSTOM_LIST = [
  customEntry('my-warehouse', 'My Warehouse'),
  customEntry('wherehouse', 'Wherehouse EU'), // a shipped id
  customEntry('where-house', '  WHERE house '), // reads as "Wherehouse"
  customEntry('pose-rlo', '\u202Eesuoherehw'), // drawn "whereherouse"-like, right to left
  customEntry('pose-zw', 'Where\u200Bhouse'),
  customEntry('pose-cyrillic', 'Wh\u0435r\u0435h\u043Euse'),
  42, // not an entry at all
  { file: 'object.json', json: { id: 'object' } }, // its JSON is not text
  { file: 'broken.json', json: '{ "id": ' },
  customEntry('second-app', 'Second app'),
];

test('custom presets are marked in both pickers, and none passes for a shipped one', async () => {
  const before = JSON.parse(await localStorageDump(env));
  await env.sw.evaluate((list) => chrome.storage.local.set({ customPresets: list }), CUSTOM_LIST);
  fs.mkdirSync(SHOTS, { recursive: true });
  const shipped = Object.keys(PRESETS).length;

  const { page, p, combo, errors } = await openPanel();
  await combo.click();
  const ids = await shownOptions(p);
  assert.equal(ids.length, shipped + 2, ids.join(', '));
  assert.deepEqual(ids.filter((id) => !Object.values(PRESETS).some((x) => x.id === id)), ['my-warehouse', 'second-app'], 'each bad entry dropped only itself');
  assert.equal(ids.filter((id) => id === 'wherehouse').length, 1);
  assert.deepEqual(await shownNames(p).then((names) => names.filter((n) => /where/i.test(n))), ['Wherehouse'], 'no look-alike of Wherehouse is listed');
  // The tag is visible and part of the option's accessible name; shipped options have none.
  const mine = p.getByRole('option', { name: 'My Warehouse custom', exact: true });
  assert.equal(await mine.count(), 1);
  assert.equal(await mine.locator('.option-custom').textContent(), 'custom');
  assert.ok(await mine.locator('.option-custom').isVisible());
  assert.equal(await p.locator('[role=option] .option-custom').count(), 2);
  assert.equal(await p.getByRole('option', { name: 'Wherehouse', exact: true }).locator('.option-custom').count(), 0);
  // Chosen, the field says so too: a badge beside it that describes it.
  const badge = p.locator('#sf-preset-custom');
  assert.ok(await badge.isHidden(), 'a shipped preset is chosen');
  assert.equal(await combo.getAttribute('aria-describedby'), null);
  await combo.fill('my ware');
  await combo.press('ArrowDown');
  await combo.press('ArrowUp');
  await p.locator('section').screenshot({ path: path.join(SHOTS, 'panel-custom-open.png') });
  await combo.press('Enter');
  assert.equal(await combo.inputValue(), 'My Warehouse');
  assert.ok(await badge.isVisible());
  assert.equal(await badge.textContent(), 'custom');
  assert.equal(await combo.getAttribute('aria-describedby'), 'sf-preset-custom');
  await p.locator('section').screenshot({ path: path.join(SHOTS, 'panel-custom-chosen.png') });
  await combo.fill('wherehouse');
  await combo.press('Enter');
  assert.ok(await badge.isHidden());
  assert.equal(await combo.getAttribute('aria-describedby'), null);
  assert.deepEqual(errors, []);
  await page.close();

  const popup = await env.context.newPage();
  await popup.setViewportSize({ width: 380, height: 640 });
  await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
  await popup.locator('body[data-ready="1"]').waitFor({ timeout: 10000 });
  const field = integrationField(popup);
  await field.click();
  const listed = await shownOptions(popup);
  assert.equal(listed.length, shipped + 2, listed.join(', '));
  assert.deepEqual(listed.slice(-2), ['my-warehouse', 'second-app']);
  assert.equal(await popup.getByRole('option', { name: 'Second app custom', exact: true }).count(), 1);
  assert.equal(await popup.locator('[role=option] .option-custom').count(), 2);
  await field.fill('second');
  await field.press('Enter');
  const popupBadge = popup.locator('#preset-custom');
  assert.ok(await popupBadge.isVisible());
  assert.equal(await popupBadge.textContent(), 'custom');
  assert.equal(await field.getAttribute('aria-describedby'), 'preset-custom');
  await field.fill('se');
  await popup.screenshot({ path: path.join(SHOTS, 'popup-custom.png') });
  // The tag meets the contrast the other option texts meet, light and dark.
  for (const colorScheme of ['light', 'dark']) {
    await popup.emulateMedia({ colorScheme });
    for (const { text, fg, bg } of await optionColours(popup)) {
      const r = ratio(fg.slice(0, 3), bg.slice(0, 3));
      assert.ok(r >= 4.5, `popup ${colorScheme}: "${text}" ${r.toFixed(2)}:1`);
    }
  }
  await popup.close();

  await env.sw.evaluate(async (items) => {
    await chrome.storage.local.remove('customPresets');
    await chrome.storage.local.set(items);
  }, before);
});

test('the custom tag in the panel, light and dark: contrast >= 4.5:1', async () => {
  await env.sw.evaluate((list) => chrome.storage.local.set({ customPresets: list }), CUSTOM_LIST);
  for (const colorScheme of ['light', 'dark']) {
    const { page, p, combo } = await openPanel();
    await page.emulateMedia({ colorScheme });
    await combo.click();
    await combo.fill('a');
    const pairs = await optionColours(p);
    assert.ok(pairs.some(({ text }) => text === 'custom'), 'a custom option is shown');
    for (const { text, fg, bg } of pairs) {
      const r = ratio(fg.slice(0, 3), bg.slice(0, 3));
      assert.ok(r >= 4.5, `panel ${colorScheme}: "${text}" ${r.toFixed(2)}:1`);
    }
    // Highlighted, on the selection's background.
    await combo.fill('my ware');
    for (const { text, fg, bg } of await optionColours(p)) {
      const r = ratio(fg.slice(0, 3), bg.slice(0, 3));
      assert.ok(r >= 4.5, `panel ${colorScheme}, highlighted: "${text}" ${r.toFixed(2)}:1`);
    }
    await page.close();
  }
  await env.sw.evaluate(() => chrome.storage.local.remove('customPresets'));
});

test('no request left the replica', () => {
  assert.deepEqual(env.foreign, []);
});

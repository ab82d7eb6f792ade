// The control panel in every one of its 16 languages, and in a language no pack knows.
//
// - Every language on the Toggle rows the screenshots show, two presets filled in turn on one
//   page: filled from the panel, every row at its level in the page's own state (by row id,
//   not caption) after each, saved with the page's own Save (its word in that language),
//   captured.
// - The pseudo-locale (every word accented and lengthened: nothing a pack knows) × every
//   way the rows are drawn, with the dialog dismissed 1 ms after it opens: the rows are
//   placed by their position, the report names each one with the scope it was taken for,
//   and the capture is the one the page generated.
// - <html lang="en"> on a French page, and English captions on a German page.
// - Layouts that must be refused, never guessed: two rows swapped, a row missing, an unknown
//   extra row, in the pseudo-locale.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openReplica, formFrame, fillInAnyLanguage, pageState, pageConfig, saveAndCapture,
  checkLevelsById, assertSecretsNowhere, panel, PRESETS, STORE,
} from './harness.mjs';

const LANGS = [
  'en-US', 'de-DE', 'fr-FR', 'es-ES', 'es-419', 'it-IT', 'uk-UA', 'zh-CN', 'nl-NL', 'pt-BR', 'sv-SE',
  'ko-KR', 'da-DK', 'no-NO', 'pl-PL', 'ja-JP',
];
const TWO_PRESETS = ['wherehouse', 'migration-from-bigcommerce'];
/** The extension's locale (its _locales folder) for each control-panel language. */
const LOCALE = {
  'en-US': 'en', 'de-DE': 'de', 'fr-FR': 'fr', 'es-ES': 'es', 'es-419': 'es_419', 'it-IT': 'it', 'uk-UA': 'uk',
  'zh-CN': 'zh_CN', 'nl-NL': 'nl', 'pt-BR': 'pt_BR', 'sv-SE': 'sv', 'ko-KR': 'ko', 'da-DK': 'da', 'no-NO': 'nb',
  'pl-PL': 'pl', 'ja-JP': 'ja',
};

/** Waits until the panel speaks `locale` (its catalogue comes from the background). */
const panelSpeaks = (frame, locale) => frame.waitForFunction(
  (l) => document.querySelector('#scopefill-panel')?.getAttribute('data-locale') === l,
  locale,
  { timeout: 10000 },
);
const WIDGETS = ['toggle', 'toggle-labelid', 'toggle-caption', 'select', 'native', 'radio'];

let env;
const secrets = new Set();
before(async () => { env = await launch({ csp: 'strict' }); });
after(async () => { await env?.close(); });

/**
 * Opens the replica, fills with each of `presetIds` in turn (a user trying one integration,
 * then another: one page load for both), checks every row after each, saves, checks the
 * capture. Returns the last fill's report.
 */
async function fillSaveCapture(params, presetIds, locale = 'en') {
  const { page, errors } = await openReplica(env, params);
  const frame = await formFrame(page);
  await panelSpeaks(frame, locale);
  const config = await pageConfig(frame);
  let report;
  for (const presetId of [presetIds].flat()) {
    report = await fillInAnyLanguage(frame, presetId);
    assert.equal(report.locale, locale, 'the panel speaks the page\'s language');
    const state = await pageState(frame);
    assert.ok(report.ok, `${JSON.stringify(params)} ${presetId}: ${report.status}\n${report.items.join('\n')}`);
    assert.equal(checkLevelsById(assert, PRESETS[presetId], config, state), config.rows.length);
    assert.equal(state.tokenType, config.tokenTypes[0], 'V2/V3');
    assert.equal(state.name, PRESETS[presetId].account_name);
  }
  const presetId = [presetIds].flat().at(-1);
  const { generated, capture } = await saveAndCapture(env, frame);
  for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
  assert.equal(capture.preset, presetId);
  assert.equal(capture.storeHash, STORE);
  for (const k of ['client_id', 'client_secret', 'access_token', 'api_path']) {
    assert.equal(capture.credentials[k], generated[k], k);
  }
  assert.deepEqual(errors, []);
  return { page, frame, report, config };
}

/** Report lines that name a row placed by its position: "<caption> → <scope>: <level>". */
const byPosition = (items) => items.filter((i) => i.includes(' → '));

describe('every control-panel language, Toggle rows', () => {
  for (const lang of LANGS) {
    test(`${lang} · ${TWO_PRESETS.join(', then ')}`, async () => {
      const r = await fillSaveCapture({ lang }, TWO_PRESETS, LOCALE[lang]);
      // Every caption is one its pack knows: nothing was placed by position.
      assert.deepEqual(byPosition(r.report.items), [], r.report.items.join('\n'));
      // The report is in the page's language, and nothing is left to check.
      if (lang !== 'en-US') assert.doesNotMatch(r.report.status, /^Filled/, r.report.status);
      assert.equal(r.report.check, false);
      await r.page.close();
    });
  }
});

describe('a language no pack knows (pseudo-locale), every widget kind, dialog dismissed at once', () => {
  for (const rows of WIDGETS) {
    test(`pseudo · ${rows} · wherehouse`, async () => {
      const r = await fillSaveCapture({ lang: 'pseudo', rows, dismiss: 'instant' }, 'wherehouse');
      assert.equal(r.config.lang, 'pseudo');
      // Done, to be checked before Save: the status region says so, in its own colour.
      assert.ok(r.report.check, r.report.status);
      assert.match(r.report.status, /27 rows were recognised by position, not by caption: check them before you save\./);
      // Each of the 27 rows is named with the scope it was taken for.
      const placed = byPosition(r.report.items);
      assert.equal(placed.length, 27, r.report.items.join('\n'));
      assert.ok(placed.some((i) => i.endsWith('→ Orders: modify')), placed.join('\n'));
      assert.ok(placed.some((i) => i.endsWith('→ Themes: none')), placed.join('\n'));
      assert.equal(await r.frame.locator('[role=dialog]').count(), 0, 'the dialog is gone');
      console.log(`# pseudo · ${rows}: ${placed.length} rows placed by position, e.g. ${placed[6]}`);
      await r.page.close();
    });
  }
});

describe('the page language is not what <html lang> says, or not the captions\' language', () => {
  test('French page under <html lang="en">', async () => {
    const r = await fillSaveCapture({ lang: 'fr', htmllang: 'en' }, 'wherehouse', 'fr');
    assert.equal(await r.frame.evaluate(() => document.documentElement.lang), 'en');
    assert.deepEqual(byPosition(r.report.items), []);
    await r.page.close();
  });

  test('German page with English scope captions', async () => {
    const r = await fillSaveCapture({ lang: 'de', captions: 'en' }, 'dropstream', 'de');
    assert.deepEqual(byPosition(r.report.items), []);
    await r.page.close();
  });

  test('pseudo-locale page on the 2026 order (Checkout content: None | modify)', async () => {
    const r = await fillSaveCapture({ lang: 'pseudo', order: '2026' }, 'full-access');
    assert.equal(byPosition(r.report.items).length, 27);
    await r.page.close();
  });
});

describe('layouts that are refused, never guessed', () => {
  for (const [what, params] of [
    ['two rows of different shapes swapped', { swap: 'customers_login,information_settings' }],
    ['a row missing in the middle', { omit: 'themes' }],
    // Four choices: no row of any known order has as many (a Native Hosting row, 2026).
    ['an unknown extra row', { extra: 'Infrastructure Deployments' }],
  ]) {
    test(`pseudo · ${what}`, async () => {
      const { page } = await openReplica(env, { lang: 'pseudo', ...params });
      const frame = await formFrame(page);
      const before = await pageState(frame);
      const report = await fillInAnyLanguage(frame, 'full-access');
      assert.equal(report.ok, false, report.status);
      const after = await pageState(frame);
      // The rows the structure could not place are left as they were.
      const config = await pageConfig(frame);
      const untouched = config.rows.filter((row) => after.levels[row.id] === before.levels[row.id]);
      assert.ok(untouched.length >= config.rows.length - 1, `${untouched.length} of ${config.rows.length} untouched`);
      // And the panel offers the page outline for a report.
      await panel(frame).locator('[data-ref=seen]:not([hidden])').waitFor({ timeout: 5000 });
      console.log(`# refused: ${what}: ${report.items.length} rows reported, ${untouched.length} of ${config.rows.length} untouched`);
      await page.close();
    });
  }

  test('no captured value stored or printed; nothing on the network', async () => {
    assert.deepEqual(env.foreign, []);
    assert.deepEqual(env.recorder.extensionRequests(), []);
    await assertSecretsNowhere(env, secrets, assert);
  });
});

// The page outline of every replica variant, as the content script reads it for a bug
// report, is kept in tests/outlines/ so that `cargo test --test outlines` replays recognition
// on the real component library's DOM without a browser. This suite checks those fixtures
// still match the replica; RECORD_OUTLINES=1 rewrites them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openReplica, formFrame, panel, pageOutline, ROOT } from './harness.mjs';

export const VARIANTS = {
  toggle: {},
  'toggle-labelid': { rows: 'toggle-labelid' },
  'toggle-caption': { rows: 'toggle-caption' },
  select: { rows: 'select' },
  native: { rows: 'native' },
  radio: { rows: 'radio' },
  b2b: { b2b: '1' },
  stencil: { token: 'stencil' },
  'labels-variant': { labels: 'variant' },
  // Every control-panel language (Toggle rows), from the language packs.
  ...Object.fromEntries(['de-DE', 'fr-FR', 'es-ES', 'es-419', 'it-IT', 'uk-UA', 'zh-CN', 'nl-NL', 'pt-BR', 'sv-SE',
    'ko-KR', 'da-DK', 'no-NO', 'pl-PL', 'ja-JP'].map((lang) => [`lang-${lang}`, { lang }])),
  // A language no pack knows, every way of drawing the rows; the Stencil form; 2026; B2B.
  ...Object.fromEntries(['toggle', 'toggle-labelid', 'toggle-caption', 'select', 'native', 'radio']
    .map((rows) => [`pseudo-${rows}`, { lang: 'pseudo', rows }])),
  'pseudo-stencil': { lang: 'pseudo', token: 'stencil' },
  'pseudo-2026': { lang: 'pseudo', order: '2026' },
  'pseudo-b2b': { lang: 'pseudo', b2b: '1' },
  // <html lang="en"> on a French page; English captions on a German page.
  'fr-htmllang-en': { lang: 'fr', htmllang: 'en' },
  'de-captions-en': { lang: 'de', captions: 'en' },
  // Layouts to refuse: rows swapped, a row missing, an unknown extra row.
  'pseudo-swapped': { lang: 'pseudo', swap: 'customers_login,information_settings' },
  'pseudo-missing-row': { lang: 'pseudo', omit: 'themes' },
  'pseudo-extra-row': { lang: 'pseudo', extra: 'Infrastructure Deployments' },
};

const DIR = path.join(ROOT, 'tests/outlines');
const RECORD = process.env.RECORD_OUTLINES === '1';

let env;
before(async () => { env = await launch({ csp: 'none' }); });
after(async () => { await env?.close(); });

for (const [name, params] of Object.entries(VARIANTS)) {
  test(`outline fixture ${name} matches the replica`, async () => {
    const { page } = await openReplica(env, params);
    const frame = await formFrame(page);
    await panel(frame).locator('section').waitFor({ timeout: 15000 });
    const live = JSON.parse(await pageOutline(env, frame));
    const file = path.join(DIR, `${name}.json`);
    const text = `${JSON.stringify(live, null, 1)}\n`;
    if (RECORD) {
      fs.mkdirSync(DIR, { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`# recorded ${path.relative(ROOT, file)}: ${live.nodes.length} nodes, ${JSON.stringify(live).length} bytes`);
    } else {
      assert.ok(fs.existsSync(file), `${file} missing: run RECORD_OUTLINES=1 node tests/e2e/run.mjs tests/e2e/outlines.test.mjs`);
      const kept = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(live, kept, `the replica's outline changed: re-record with RECORD_OUTLINES=1 and review the diff`);
      console.log(`# ${name}: ${live.nodes.length} nodes, ${JSON.stringify(live).length} bytes of JSON`);
    }
    await page.close();
  });
}

test('the extension made no request of its own', () => {
  assert.deepEqual(env.foreign, []);
  assert.deepEqual(env.recorder.extensionRequests(), []);
});

// Every preset on every way the BigDesign replica draws the scope rows as the screenshots
// show them (Toggle with its label, Toggle with labelId, Toggle under a plain caption) and
// on BigDesign's Select: fill, check each row in the page's own state, save, check the
// capture equals what the page generated. Under a strict page CSP and without one.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openReplica, formFrame, fillWith, pageState, pageConfig, lastCredentials,
  waitForCaptures, save, checkLevels, PRESETS, STORE, localStorageDump,
} from './harness.mjs';

const VARIANTS = ['toggle', 'toggle-labelid', 'toggle-caption', 'select'];

for (const csp of ['strict', 'none']) describe(`${csp} page CSP`, () => {
  let env;
  let saved = 0;
  before(async () => { env = await launch({ csp }); });
  after(async () => { await env?.close(); });

  for (const rows of VARIANTS) {
    for (const preset of Object.values(PRESETS)) {
      test(`${csp} CSP · ${rows} · ${preset.id}`, async () => {
        const { page, errors } = await openReplica(env, { rows });
        const frame = await formFrame(page);
        const report = await fillWith(frame, preset.id);
        assert.match(report.status, /^Filled: /, `${report.status}\n${report.items.join('\n')}`);
        const core = await frame.locator('#scopefill-panel').getAttribute('data-core');
        // Chromium refuses WASM in content scripts under the page's strict CSP.
        assert.equal(core, csp === 'strict' ? 'js' : 'wasm');

        const state = await pageState(frame);
        assert.equal(state.tokenType, 'V2/V3 API token');
        assert.equal(state.name, preset.account_name);
        const config = await pageConfig(frame);
        assert.equal(checkLevels(null, assert, preset, config, state), 27);

        await save(frame);
        const list = await waitForCaptures(env, ++saved);
        const capture = list.at(-1);
        const generated = await lastCredentials(frame);
        assert.equal(capture.preset, preset.id);
        assert.equal(capture.storeHash, STORE);
        assert.equal(capture.credentials.client_id, generated.client_id);
        assert.equal(capture.credentials.client_secret, generated.client_secret);
        assert.equal(capture.credentials.access_token, generated.access_token);
        assert.equal(capture.credentials.api_path, generated.api_path);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  }

  test(`${csp} CSP · every capture kept separately, nothing on the network, nothing in storage.local`, async () => {
    const list = await waitForCaptures(env, saved);
    assert.equal(list.length, VARIANTS.length * Object.keys(PRESETS).length);
    assert.equal(new Set(list.map((c) => c.credentials.client_id)).size, list.length);
    assert.deepEqual(env.foreign, [], 'requests outside the replica');
    const local = await localStorageDump(env);
    for (const c of list) {
      assert.ok(!local.includes(c.credentials.client_secret) && !local.includes(c.credentials.access_token));
    }
  });
});

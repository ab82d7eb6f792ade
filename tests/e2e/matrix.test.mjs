// Presets of every kind on every way the BigDesign replica draws the scope rows as the
// screenshots show them (Toggle with its label, Toggle with labelId, Toggle under a plain
// caption) and on BigDesign's Select: fill, check each row in the page's own state, save,
// check the capture equals what the page generated. Under a strict page CSP and without one.
// Every shipped preset is planned on every recorded outline by `cargo test --test outlines`
// in milliseconds; here, one preset of each kind: a guide's full table (Wherehouse,
// DropStream), everything at its highest or read-only level, a preset that leaves the rows
// it does not name (Starshipit), a migration, each in turn on one page per variant (the
// first on a blank form, the others on a form the one before filled), then one Save. The
// cap on captures kept is security.test.mjs's and the core's (`worker::tests`).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openReplica, formFrame, fillWith, pageState, pageConfig, saveAndCapture, captures,
  checkLevels, assertSecretsNowhere, PRESETS, STORE,
} from './harness.mjs';

const VARIANTS = ['toggle', 'toggle-labelid', 'toggle-caption', 'select'];
// Without a page CSP only the WASM core differs from the strict run: two presets show it.
const MATRIX_PRESETS = {
  strict: ['wherehouse', 'dropstream', 'full-access', 'read-only', 'starshipit', 'migration-to-bigcommerce'],
  none: ['wherehouse', 'full-access'],
};

for (const csp of ['strict', 'none']) describe(`${csp} page CSP`, () => {
  let env;
  /** Client IDs in the order they were saved; every generated credential. */
  const saved = [];
  const secrets = new Set();
  before(async () => { env = await launch({ csp }); });
  after(async () => { await env?.close(); });

  // One page per variant: each preset fills it in turn (the first a blank form, the next
  // ones a form another preset filled, as when a user changes their mind), every row checked
  // after each fill, then Save and the capture of the last one.
  for (const rows of VARIANTS) {
    const presets = MATRIX_PRESETS[csp].map((id) => PRESETS[id]);
    test(`${csp} CSP · ${rows} · ${presets.map((p) => p.id).join(', ')}`, async () => {
      const { page, errors } = await openReplica(env, { rows });
      const frame = await formFrame(page);
      for (const preset of presets) {
        const report = await fillWith(frame, preset.id);
        assert.match(report.status, /^Filled: /, `${preset.id}: ${report.status}\n${report.items.join('\n')}`);
        const core = await frame.locator('#scopefill-panel').getAttribute('data-core');
        // Chromium refuses WASM in content scripts under the page's strict CSP.
        assert.equal(core, csp === 'strict' ? 'js' : 'wasm');

        const state = await pageState(frame);
        assert.equal(state.tokenType, 'V2/V3 API token', preset.id);
        assert.equal(state.name, preset.account_name, preset.id);
        const config = await pageConfig(frame);
        assert.equal(checkLevels(null, assert, preset, config, state), 27, preset.id);
      }
      const last = presets.at(-1);
      const { generated, capture, list } = await saveAndCapture(env, frame);
      saved.push(generated.client_id);
      for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
      assert.equal(list.at(-1), capture, 'the newest capture');
      assert.equal(capture.preset, last.id);
      assert.equal(capture.storeHash, STORE);
      assert.equal(capture.credentials.client_id, generated.client_id);
      assert.equal(capture.credentials.client_secret, generated.client_secret);
      assert.equal(capture.credentials.access_token, generated.access_token);
      assert.equal(capture.credentials.api_path, generated.api_path);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  test(`${csp} CSP · every capture kept; nothing on the network; no secret stored or printed`, async () => {
    assert.equal(saved.length, VARIANTS.length);
    assert.deepEqual((await captures(env)).map((c) => c.credentials.client_id), saved);
    assert.deepEqual(env.foreign, [], 'requests outside the replica');
    assert.deepEqual(env.recorder.extensionRequests(), [], 'requests by the extension\'s worker or pages');
    await assertSecretsNowhere(env, secrets, assert);
  });
});

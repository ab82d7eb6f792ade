// Presets of every kind on every way the BigDesign replica draws the scope rows as the
// screenshots show them (Toggle with its label, Toggle with labelId, Toggle under a plain
// caption) and on BigDesign's Select: fill, check each row in the page's own state, save,
// check the capture equals what the page generated. Under a strict page CSP and without one.
// Every shipped preset is planned on every recorded outline by `cargo test --test outlines`
// in milliseconds; here, one preset of each kind: a guide's full table (Wherehouse,
// DropStream), everything at its highest or read-only level, a preset that leaves the rows
// it does not name (Starshipit), a migration. The captures of a run (one per variant and
// preset) are more than the background keeps: the newest 20 stay, and the popup says how
// many older ones were forgotten.

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

  for (const rows of VARIANTS) {
    for (const preset of MATRIX_PRESETS[csp].map((id) => PRESETS[id])) {
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

        const { generated, capture, list } = await saveAndCapture(env, frame);
        saved.push(generated.client_id);
        for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
        assert.equal(list.at(-1), capture, 'the newest capture');
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

  const runs = VARIANTS.length * MATRIX_PRESETS[csp].length;
  if (runs <= 20) {
    test(`${csp} CSP · all ${runs} captures kept; nothing on the network; no secret stored or printed`, async () => {
      assert.deepEqual((await captures(env)).map((c) => c.credentials.client_id), saved);
      assert.deepEqual(env.foreign, [], 'requests outside the replica');
      assert.deepEqual(env.recorder.extensionRequests(), [], 'requests by the extension\'s worker or pages');
      await assertSecretsNowhere(env, secrets, assert);
    });
    return;
  }
  test(`${csp} CSP · the newest 20 of ${runs} captures kept, the popup says ${runs - 20} were forgotten; nothing on the network; no secret stored or printed`, async () => {
    assert.equal(saved.length, runs);
    assert.ok(runs > 20, 'the run saves more accounts than the background keeps');
    const list = await captures(env);
    assert.deepEqual(list.map((c) => c.credentials.client_id), saved.slice(-20), 'the newest 20, oldest first');
    assert.equal(new Set(list.map((c) => c.id)).size, 20);

    const popup = await env.context.newPage();
    await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
    await popup.locator('body[data-ready="1"]').waitFor();
    const dropped = popup.locator('#accounts-dropped');
    await dropped.filter({ hasText: `ScopeFill keeps the newest 20 accounts: ${runs - 20} older ones were forgotten.` }).waitFor();
    assert.equal(await popup.locator('#account option').count(), 20);
    assert.equal(await popup.locator('#account').inputValue(), list.at(-1).id, 'the newest shown');
    await popup.close();

    assert.deepEqual(env.foreign, [], 'requests outside the replica');
    assert.deepEqual(env.recorder.extensionRequests(), [], 'requests by the extension\'s worker or pages');
    await assertSecretsNowhere(env, secrets, assert);
  });
});

// Attacks on the extension, from the sides a user's data could leak through:
// - what the package asks for and exposes: permissions and the install-time warnings Chrome
//   shows for them, web-accessible files behind use_dynamic_url, the extension pages' CSP;
// - a page on *.mybigcommerce.com that is not the control panel (a storefront) probing for the
//   extension's files;
// - a content-script context (the test flavour's probe, tests/e2e/flavour.mjs) sending every
//   message only extension pages may send, captures from frames and tabs that are not the
//   control panel, oversized values and more captures than are kept, and the offscreen
//   document's clipboard message;
// - the background's limits, which hold whatever storage.local says;
// - the clipboard without the optional clipboardRead permission (cleared anyway), and the
//   popup's one-line question for it;
// - the service worker's own network requests, recorded through DevTools and asserted empty;
// - every captured value absent from storage.local, IndexedDB, localStorage and the console
//   output of every extension context.
// Two browsers: the shipped package (dist/chrome) and the test flavour with the probe.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  launch, openReplica, formFrame, fillWith, saveAndCapture, captures, sessionDump, probeSend,
  quietExtensionPage, assertSecretsNowhere, ROOT, ORIGIN, STORE, FOREIGN_ORIGIN,
} from './harness.mjs';
import { pendingClear, pendingClearGone } from './pending-clear.mjs';

const SHOTS = path.join(ROOT, 'target/security');
fs.mkdirSync(SHOTS, { recursive: true });

const STOREFRONT = `${ORIGIN}/`;
const OTHER_STOREFRONT = 'https://shop-front.mybigcommerce.com/';
const PANEL_WITH_STOREFRONT_FRAME = `${ORIGIN}/manage/frames`;
const PAGES = {
  [STOREFRONT]: '<!doctype html><title>Storefront</title><h1>A storefront</h1>',
  [OTHER_STOREFRONT]: '<!doctype html><title>Another storefront</title><h1>Another storefront</h1>',
  // A control-panel page that frames the store's own storefront.
  [PANEL_WITH_STOREFRONT_FRAME]: `<!doctype html><title>Panel</title><iframe name="front" src="${STOREFRONT}"></iframe>`,
  // A foreign site that frames the control panel.
  [`${FOREIGN_ORIGIN}/`]: `<!doctype html><title>Foreign</title><iframe name="panel" src="${ORIGIN}/manage/settings/api-accounts?download=0"></iframe>`,
};

const HASH = 'a'.repeat(64);
const grantClipboard = async (env) => {
  const perms = ['clipboard-read', 'clipboard-write'];
  await env.context.grantPermissions(perms, { origin: `chrome-extension://${env.extensionId}` })
    .catch(() => env.context.grantPermissions(perms));
};

/**
 * Fills the replica with `presetId` in the panel (test flavours: its root is open to the
 * tests), or types a name (the shipped package: its panel is closed), saves, waits for the
 * capture.
 */
async function captureOne(env, presetId = 'dropstream') {
  const { page } = await openReplica(env, { rows: 'native' });
  const frame = await formFrame(page);
  if (env.flavour === 'shipped') {
    await frame.waitForFunction(() => document.querySelector('#scopefill-panel')?.hasAttribute('data-core'));
    await frame.getByRole('textbox', { name: 'Name', exact: true }).fill(`Security ${presetId}`);
  } else {
    const report = await fillWith(frame, presetId);
    assert.match(report.status, /^Filled/);
  }
  const result = await saveAndCapture(env, frame);
  await page.close();
  return result;
}

/**
 * Opens `url` and waits for the frame whose address is `frameUrl` (default: the page), or
 * starts with it when it ends in "*".
 */
async function openFrame(env, url, frameUrl = url) {
  const page = await env.context.newPage();
  const matches = (f) => (frameUrl.endsWith('*') ? f.url().startsWith(frameUrl.slice(0, -1)) : f.url() === frameUrl);
  const navigated = page.waitForEvent('framenavigated', { predicate: matches, timeout: 10000 });
  await page.goto(url);
  const frame = page.frames().find(matches) ?? await navigated;
  navigated.catch(() => {}); // not needed when the frame was there
  await frame.waitForLoadState();
  return { page, frame };
}

// --- the shipped package -----------------------------------------------------------------------

describe('the shipped package (dist/chrome)', () => {
  let env;
  const secrets = new Set();
  before(async () => {
    env = await launch({ csp: 'none', flavour: 'shipped', pages: PAGES });
    await grantClipboard(env);
  });
  after(async () => { await env?.close(); });

  test('the built manifests: clipboardRead optional only, split incognito in Chrome, use_dynamic_url on every web-accessible entry, a full CSP', () => {
    for (const browser of ['chrome', 'firefox']) {
      const m = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', browser, 'manifest.json'), 'utf8'));
      assert.ok(!m.permissions.includes('clipboardRead'), `${browser}: clipboardRead is not required`);
      // Fill this page and Paste: activeTab, scripting and contextMenus, no host permission for
      // other sites; one site at a time may be asked for (a form in another site's frame).
      const own = ['storage', 'clipboardWrite', 'alarms', 'activeTab', 'scripting', 'contextMenus'];
      assert.deepEqual([...m.permissions].sort(), (browser === 'chrome' ? [...own, 'offscreen'] : own).sort(), browser);
      if (browser === 'chrome') {
        assert.deepEqual(m.optional_permissions, ['clipboardRead']);
        assert.deepEqual(m.optional_host_permissions, ['https://*/*']);
      } else {
        // Firefox before 128 reads optional origins from optional_permissions only.
        assert.deepEqual(m.optional_permissions, ['clipboardRead', 'https://*/*']);
        assert.equal(m.optional_host_permissions, undefined);
      }
      assert.equal(m.commands?._execute_action?.suggested_key?.default, 'Alt+Shift+Y', `${browser}: the shortcut opening the popup`);
      assert.deepEqual(m.host_permissions, ['https://*.mybigcommerce.com/manage/*']);
      // Chrome: a separate copy of the extension for private windows (its own worker and
      // session storage). Firefox has no split mode (it would install the extension as
      // "not_allowed"): the default, with private-window captures kept apart by the worker.
      assert.equal(m.incognito, browser === 'chrome' ? 'split' : undefined, `${browser}: incognito`);
      assert.ok(m.web_accessible_resources.length > 0);
      for (const entry of m.web_accessible_resources) {
        assert.equal(entry.use_dynamic_url, true, `${browser}: ${JSON.stringify(entry)}`);
        for (const r of entry.resources) assert.ok(!r.includes('*'), `${browser}: ${r} is listed by name`);
      }
      const csp = Object.fromEntries(m.content_security_policy.extension_pages.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
      assert.equal(csp['default-src'], "'none'");
      assert.equal(csp['script-src'], "'self' 'wasm-unsafe-eval'");
      assert.equal(csp['object-src'], "'none'");
      assert.equal(csp['base-uri'], "'none'");
      assert.equal(csp['frame-ancestors'], "'none'");
      assert.equal(csp['form-action'], "'none'");
      assert.equal(m.content_scripts.length, 1, 'only content.js');
      assert.deepEqual(m.content_scripts[0].js, ['content/content.js']);
    }
  });

  test('no test code in the packages users install', () => {
    const shipped = fs.readFileSync(path.join(ROOT, 'extension/worker/limits.js'), 'utf8');
    for (const browser of ['chrome', 'firefox']) {
      assert.equal(fs.readFileSync(path.join(ROOT, 'dist', browser, 'worker/limits.js'), 'utf8'), shipped);
      assert.ok(!fs.existsSync(path.join(ROOT, 'dist', browser, 'probe.js')));
      assert.ok(!fs.existsSync(path.join(ROOT, 'dist', browser, 'open-panel.js')));
      assert.ok(!fs.existsSync(path.join(ROOT, 'dist', browser, 'limits.shipped.js')));
      const zip = fs.readdirSync(path.join(ROOT, 'dist')).find((f) => f.startsWith(`scopefill-${browser}-`) && f.endsWith('.zip'));
      const list = spawnSync('unzip', ['-Z1', path.join(ROOT, 'dist', zip)], { encoding: 'utf8' });
      assert.equal(list.status, 0, list.stderr);
      const files = list.stdout.split('\n').filter(Boolean);
      assert.ok(files.includes('worker/background.js') && files.includes('worker/limits.js'), zip);
      assert.ok(!files.some((f) => /probe|open-panel|limits\.shipped|test/i.test(f)), `${zip}: ${files.filter((f) => /probe|open-panel|test/i.test(f))}`);
      const inZip = spawnSync('unzip', ['-p', path.join(ROOT, 'dist', zip), 'worker/limits.js'], { encoding: 'utf8' }).stdout;
      assert.equal(inZip, shipped, `${zip}: limits.js`);
    }
  });

  test('install-time warnings: what Chrome lists for the package, and on its details page', async () => {
    const warnings = await env.sw.evaluate(async () => {
      const m = chrome.runtime.getManifest();
      const required = { ...m, permissions: [...m.permissions, 'clipboardRead'] };
      // The optional permission on its own: what it adds when granted.
      const optional = { ...m, permissions: ['clipboardRead'], host_permissions: [], content_scripts: [], web_accessible_resources: [] };
      // What "Allow https://embed.violet.io" adds when the user grants it: that one site.
      const oneSite = { ...m, permissions: [], host_permissions: ['https://embed.violet.io/*'], content_scripts: [], web_accessible_resources: [] };
      return {
        shipped: await chrome.management.getPermissionWarningsByManifest(JSON.stringify(m)),
        ifRequired: await chrome.management.getPermissionWarningsByManifest(JSON.stringify(required)),
        optional: await chrome.management.getPermissionWarningsByManifest(JSON.stringify(optional)),
        oneSite: await chrome.management.getPermissionWarningsByManifest(JSON.stringify(oneSite)),
        granted: await chrome.permissions.getAll(),
      };
    });
    console.log(`# install-time warnings: ${JSON.stringify(warnings.shipped)}`);
    assert.deepEqual(warnings.shipped, ['Read and change your data on all mybigcommerce.com sites', 'Modify data you copy and paste']);
    // What a required clipboardRead would have shown (Chrome merges the two clipboard lines).
    assert.deepEqual(warnings.ifRequired, ['Read and change your data on all mybigcommerce.com sites', 'Read and modify data you copy and paste']);
    assert.deepEqual(warnings.optional, ['Read data you copy and paste']);
    assert.deepEqual(warnings.oneSite, ['Read and change your data on embed.violet.io']);
    console.log(`# one site asked for at run time: ${JSON.stringify(warnings.oneSite)}`);
    assert.ok(!warnings.granted.permissions.includes('clipboardRead'));

    // The extension's details page (chrome://extensions/?id=…) says the same.
    const details = await env.context.newPage();
    await details.goto(`chrome://extensions/?id=${env.extensionId}`);
    const shown = await (await details.waitForFunction(() => {
      const view = document.querySelector('extensions-manager')?.shadowRoot?.querySelector('extensions-detail-view');
      if (!view) return null;
      const walk = (root) => [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? walk(e.shadowRoot) : [])]);
      const all = walk(view.shadowRoot).filter((e) => e.checkVisibility());
      const list = all.find((e) => e.id === 'permissions-list');
      if (!list) return null;
      return {
        permissions: list.innerText.split('\n').map((l) => l.trim()).filter(Boolean),
        siteAccess: all.find((e) => e.id === 'section-heading')?.innerText.trim(),
        sites: [...new Set(all.map((e) => e.innerText?.trim()).filter((t) => t && /^https:\/\/\S+$/.test(t)))],
      };
    }, null, { timeout: 10000 })).jsonValue();
    console.log(`# details page: ${JSON.stringify(shown)}`);
    assert.deepEqual(shown.permissions, ['Modify data you copy and paste']);
    assert.equal(shown.siteAccess, 'This extension can read and change your data on sites. You can control which sites the extension can access.');
    assert.deepEqual(shown.sites, ['https://*.mybigcommerce.com/*']);
    await details.screenshot({ path: path.join(SHOTS, 'extension-details.png'), fullPage: true });
    await details.close();
  });

  test('a storefront page cannot fetch or import the extension\'s files; the control panel still loads the core', async () => {
    const { page } = await openFrame(env, STOREFRONT);
    const tried = await page.evaluate(async (id) => {
      const out = {};
      for (const file of ['pkg-content/scopefill.js', 'pkg-content/scopefill_bg.wasm', 'pkg-js/scopefill.js', 'pkg/scopefill.js', 'manifest.json']) {
        const url = `chrome-extension://${id}/${file}`;
        let fetched;
        try {
          fetched = (await fetch(url)).status;
        } catch {
          fetched = 'refused';
        }
        let imported = 'n/a';
        if (file.endsWith('.js')) {
          try {
            await import(url);
            imported = 'loaded';
          } catch {
            imported = 'refused';
          }
        }
        out[file] = { fetched, imported };
      }
      return out;
    }, env.extensionId);
    for (const [file, r] of Object.entries(tried)) {
      assert.equal(r.fetched, 'refused', `${file}: ${JSON.stringify(r)}`);
      assert.ok(r.imported !== 'loaded', `${file} imported`);
    }
    await page.close();
    // The content script, which knows the per-session address, still loads the core.
    const replica = await openReplica(env, {});
    const frame = await formFrame(replica.page);
    await frame.waitForFunction(() => document.querySelector('#scopefill-panel')?.hasAttribute('data-core'), null, { timeout: 15000 });
    assert.equal(await frame.locator('#scopefill-panel').getAttribute('data-core'), 'wasm');
    await replica.page.close();
  });

  test('the background holds the settings\' ranges whatever storage.local says', async () => {
    const quiet = await quietExtensionPage(env);
    try {
      // Far beyond the options page's ranges: 31,000 years and a second.
      await quiet.evaluate(() => chrome.storage.local.set({ settings: { expirySeconds: 1e12, clipboardSeconds: 1 } }));
      const { capture, generated } = await captureOne(env);
      for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
      const kept = capture.expiresAt - Date.now();
      assert.ok(kept > 890_000 && kept <= 900_000, `kept ${kept} ms: the default 15 minutes`);
      const before = Date.now();
      assert.deepEqual(await quiet.evaluate((h) => chrome.runtime.sendMessage({ type: 'will-copy', hash: h }), HASH), { ok: true });
      const clipboard = await pendingClear(quiet);
      const delay = clipboard.deadline - before;
      assert.ok(delay >= 60_000 && delay < 61_000, `clipboard cleared after ${delay} ms: the default 60 s`);
      // Not whole numbers, or text: the defaults too.
      await quiet.evaluate(() => chrome.storage.local.set({ settings: { expirySeconds: 90.5, clipboardSeconds: '10' } }));
      await quiet.evaluate((h) => chrome.runtime.sendMessage({ type: 'will-copy', hash: h }), HASH);
      const again = await pendingClear(quiet);
      assert.ok(again.deadline - Date.now() > 55_000);
      // In range: honoured.
      await quiet.evaluate(() => chrome.storage.local.set({ settings: { expirySeconds: 120, clipboardSeconds: 7 } }));
      await quiet.evaluate((h) => chrome.runtime.sendMessage({ type: 'will-copy', hash: h }), HASH);
      const honoured = await pendingClear(quiet);
      assert.ok(honoured.deadline - Date.now() <= 7_000);
    } finally {
      await quiet.evaluate(() => chrome.storage.local.remove('settings'));
      await quiet.evaluate(() => chrome.runtime.sendMessage({ type: 'forget-all' }));
      await quiet.close();
    }
  });

  test('without clipboardRead: the popup asks once, in one line; the clipboard is cleared after the delay even if it holds something else', async () => {
    const quiet = await quietExtensionPage(env);
    await quiet.evaluate(() => chrome.storage.local.set({ settings: { clipboardSeconds: 5 } }));
    const { generated } = await captureOne(env, 'wherehouse');
    for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
    const popup = await env.context.newPage();
    await popup.setViewportSize({ width: 380, height: 700 });
    const open = async () => {
      await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
      await popup.locator('body[data-ready="1"]').waitFor();
      await popup.bringToFront();
    };
    const readClipboard = () => popup.evaluate(() => navigator.clipboard.readText());
    try {
      await open();
      const ask = popup.locator('#clipboard-ask');
      assert.ok(await ask.isHidden(), 'nothing asked before a copy');
      await popup.getByRole('button', { name: 'Copy Client ID', exact: true }).click();
      await ask.waitFor();
      // The user copies something else at once, well within the 5 s (the checks and the
      // screenshot below can take longer than that on a loaded machine): without the
      // permission it is cleared all the same.
      assert.equal(await readClipboard(), generated.client_id);
      await popup.evaluate(() => navigator.clipboard.writeText('something the user copied'));
      const { deadline } = await pendingClear(quiet);
      assert.ok(Date.now() < deadline, 'the user copied before the delay was over');
      assert.equal(await popup.locator('#clipboard-ask-text').textContent(),
        'Let ScopeFill read the clipboard, so that it clears only what it copied, never what you copied since?');
      assert.ok(await ask.getByRole('button', { name: 'Allow', exact: true }).isVisible());
      await popup.screenshot({ path: path.join(SHOTS, 'popup-clipboard-question.png'), fullPage: true });
      // The background drops the pending entry once it has dealt with the clipboard.
      await pendingClearGone(quiet, { timeout: deadline - Date.now() + 4000 });
      assert.ok(Date.now() >= deadline - 100);
      assert.equal(await readClipboard(), '');

      // "Not now": answered; the popup does not ask again, the options page still offers it.
      await ask.getByRole('button', { name: 'Not now' }).click();
      await popup.locator('#clipboard-status', { hasText: 'Copied values are still cleared after the delay' }).waitFor();
      assert.ok(await ask.isHidden());
      assert.equal(await quiet.evaluate(async () => (await chrome.storage.local.get('clipboardReadAsked')).clipboardReadAsked), true);
      await open();
      await popup.getByRole('button', { name: 'Copy Client ID', exact: true }).click();
      // "Copied" shows once the popup has decided whether to ask (crates/web/src/popup/actions.rs).
      await popup.locator('.copied', { hasText: 'Copied' }).first().waitFor();
      assert.ok(await ask.isHidden(), 'asked only once');

      // "Allow" asks the browser within the click (its prompt stays open headless).
      await quiet.evaluate(() => chrome.storage.local.remove('clipboardReadAsked'));
      await open();
      await popup.getByRole('button', { name: 'Copy Client ID', exact: true }).click();
      await ask.waitFor();
      await ask.getByRole('button', { name: 'Allow', exact: true }).click();
      // No answer yet: the browser is showing its prompt. A refused request (one made outside
      // the click, say) is answered at once, before a later call to the permissions API is:
      // once this one is answered, a refusal would already be on the page.
      assert.equal(await popup.evaluate(() => chrome.permissions.contains({ permissions: ['clipboardRead'] })), false);
      assert.ok(await popup.locator('#clipboard-status').isHidden(), await popup.locator('#clipboard-status').textContent());
      await popup.screenshot({ path: path.join(SHOTS, 'popup-clipboard-allow-pressed.png'), fullPage: true });
      assert.equal(await quiet.evaluate(async () => (await chrome.storage.local.get('clipboardReadAsked')).clipboardReadAsked), true);
      assert.equal(await quiet.evaluate(() => chrome.permissions.contains({ permissions: ['clipboardRead'] })), false, 'nothing granted without the user');
    } finally {
      await quiet.evaluate(() => chrome.storage.local.remove(['settings', 'clipboardReadAsked']));
      await quiet.close();
      await popup.close();
    }
  });

  test('no captured value stored or printed; no request from the extension', async () => {
    assert.deepEqual(env.foreign, []);
    assert.deepEqual(env.recorder.extensionRequests(), []);
    await assertSecretsNowhere(env, secrets, assert);
  });
});

// --- the test flavour: attacks from a content-script context -----------------------------------

describe('attacks from a content script (test flavour with the probe)', () => {
  let env;
  let panel; // {page, frame}: the create form, a frame the capture message may come from
  const secrets = new Set();
  before(async () => {
    env = await launch({ csp: 'none', flavour: 'test', pages: PAGES });
    await grantClipboard(env);
    panel = await openFrame(env, `${ORIGIN}/manage/settings/api-accounts/create?download=0`);
  });
  after(async () => { await env?.close(); });

  const captureMessage = (clientId, extra = {}) => ({
    type: 'capture',
    capture: {
      preset: 'dropstream', presetName: 'DropStream', storeHash: STORE, capturedAt: Date.now(),
      credentials: { client_id: clientId, client_secret: `secret-${clientId}`, access_token: `token-${clientId}`, ...extra },
      problems: [],
    },
  });

  test('the service worker\'s requests are recorded (the recorder sees them)', async () => {
    await env.sw.evaluate(() => fetch(chrome.runtime.getURL('manifest.json')));
    await env.recorder.waitForRequest((r) => r.targetType === 'service_worker' && r.url.endsWith('/manifest.json'), { timeout: 3000 });
    assert.deepEqual(env.recorder.extensionRequests(), []);
  });

  test('every message only extension pages may send is refused to a content script; storage.session unchanged', async () => {
    const { capture, generated } = await captureOne(env);
    for (const k of ['client_id', 'client_secret', 'access_token']) secrets.add(generated[k]);
    const quiet = await quietExtensionPage(env);
    // A clipboard clearing pending too (in storage.local), which none of them may move.
    assert.deepEqual(await quiet.evaluate((h) => chrome.runtime.sendMessage({ type: 'will-copy', hash: h }), HASH), { ok: true });
    const before = await sessionDump(env);
    const pendingBefore = await pendingClear(quiet);
    assert.ok(before.captures.length === 1 && pendingBefore.hash === HASH);

    assert.notEqual(panel.frame.url(), STOREFRONT);
    const attempts = {
      import: { type: 'import', capture: captureMessage('importedimportedimported0').capture },
      captures: { type: 'captures' },
      forget: { type: 'forget', id: capture.id },
      'forget-all': { type: 'forget-all' },
      'will-copy': { type: 'will-copy', hash: 'b'.repeat(64) },
    };
    for (const [type, message] of Object.entries(attempts)) {
      const answer = await probeSend(panel.frame, message);
      assert.deepEqual(answer, { ok: false, error: 'sender' }, type);
    }
    assert.deepEqual(await sessionDump(env), before, 'storage.session unchanged');
    assert.deepEqual(await pendingClear(quiet), pendingBefore, 'the pending clear unchanged');
    // The same from an extension page is answered (the refusal is about the sender).
    const answer = await quiet.evaluate(() => chrome.runtime.sendMessage({ type: 'captures' }));
    assert.equal(answer.ok, true);
    assert.equal(answer.captures[0].id, capture.id);
    await quiet.close();
  });

  test('capture only from a control-panel frame of a control-panel tab', async () => {
    const held = async () => (await captures(env)).map((c) => c.credentials.client_id);
    const before = await held();
    const tries = [];
    // Accepted: the create form's page, and the form in the shell's cp-iframe.
    tries.push(['control-panel page', panel.frame, 'allowedtoplevel000000000000000', true]);
    const shell = await openFrame(env, `${ORIGIN}/manage/shell?download=0`, `${ORIGIN}/manage/settings/api-accounts*`);
    tries.push(['control-panel frame in the control-panel shell', shell.frame, 'allowedsubframe0000000000000000', true]);
    // Refused: a storefront, another store's storefront, a storefront framed by the control
    // panel, the control panel framed by a foreign site.
    const front = await openFrame(env, STOREFRONT);
    tries.push(['storefront page', front.frame, 'storefrontstorefront0000000000', false]);
    const other = await openFrame(env, OTHER_STOREFRONT);
    tries.push(['another storefront', other.frame, 'otherstorefront000000000000000', false]);
    const framed = await openFrame(env, PANEL_WITH_STOREFRONT_FRAME, STOREFRONT);
    tries.push(['storefront frame in a control-panel page', framed.frame, 'storefrontinpanel0000000000000', false]);
    const foreign = await openFrame(env, `${FOREIGN_ORIGIN}/`, `${ORIGIN}/manage/*`);
    tries.push(['control-panel frame in a foreign site\'s tab', foreign.frame, 'panelinforeignsite000000000000', false]);

    for (const [where, frame, clientId, allowed] of tries) {
      const answer = await probeSend(frame, captureMessage(clientId));
      if (allowed) assert.equal(answer.ok, true, `${where}: ${JSON.stringify(answer)}`);
      else assert.deepEqual(answer, { ok: false, error: 'sender' }, where);
    }
    const expected = [...before, ...tries.filter((t) => t[3]).map((t) => t[2])];
    assert.deepEqual(await held(), expected);
    for (const p of [shell, front, other, framed, foreign]) await p.page.close();
  });

  test('a value over 512 characters refuses the capture; labels are cut to 512; the page\'s problem texts are not kept', async () => {
    const at512 = 'k'.repeat(512);
    assert.equal((await probeSend(panel.frame, captureMessage('longsecret0000000000000000000000', { client_secret: at512 }))).ok, true);
    assert.deepEqual(await probeSend(panel.frame, captureMessage('toolongsecret000000000000000000', { client_secret: `${at512}k` })), { ok: false, error: 'too-long' });
    assert.deepEqual(await probeSend(panel.frame, captureMessage('x'.repeat(100_000))), { ok: false, error: 'too-long' });
    const message = captureMessage('longlabels000000000000000000000');
    message.capture.presetName = 'N'.repeat(5000);
    message.capture.problems = Array.from({ length: 500 }, () => ({ field: 'f', kind: 'k', message: 'm'.repeat(2000) }));
    assert.equal((await probeSend(panel.frame, message)).ok, true);
    const list = await captures(env);
    const long = list.find((c) => c.credentials.client_id === 'longsecret0000000000000000000000');
    assert.equal(long.credentials.client_secret, at512, 'kept whole');
    assert.ok(!list.some((c) => c.credentials.client_id.startsWith('toolong') || c.credentials.client_id.startsWith('xxxx')));
    const labels = list.find((c) => c.credentials.client_id === 'longlabels000000000000000000000');
    assert.equal(labels.presetName.length, 512);
    // The popup shows a capture's problems: they are the core's own, found on what is kept
    // (here the secret and the token are not of their shapes, the API path is missing).
    assert.deepEqual(labels.problems.map((p) => `${p.field} ${p.kind}`), ['api_path missing', 'access_token odd', 'client_secret odd']);
    assert.ok(labels.problems.every((p) => !p.message.includes('mmm')));
  });

  test('at most 20 captures of a store kept, its oldest dropped first; the popup says so until Forget all', async () => {
    const quiet = await quietExtensionPage(env);
    await quiet.evaluate(() => chrome.runtime.sendMessage({ type: 'forget-all' }));
    const ids = Array.from({ length: 23 }, (_, i) => `capped${String(i).padStart(2, '0')}${'0'.repeat(24)}`);
    for (const id of ids) assert.equal((await probeSend(panel.frame, captureMessage(id))).ok, true, id);
    assert.deepEqual((await captures(env)).map((c) => c.credentials.client_id), ids.slice(3));
    assert.equal((await sessionDump(env)).dropped, 3);
    const popup = await env.context.newPage();
    await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
    await popup.locator('body[data-ready="1"]').waitFor();
    await popup.locator('#accounts-dropped', { hasText: 'ScopeFill keeps the newest 20 accounts of each store: 3 older ones were forgotten.' }).waitFor();
    await popup.getByRole('button', { name: 'Forget all' }).click();
    await popup.locator('#accounts-empty:visible').waitFor();
    await popup.locator('#accounts-dropped').waitFor({ state: 'hidden' });
    assert.equal((await sessionDump(env)).dropped, undefined);
    await popup.close();
    await quiet.close();
  });

  test('the offscreen document answers the worker, not a content script', async () => {
    const quiet = await quietExtensionPage(env);
    await quiet.bringToFront();
    const clipboard = () => quiet.evaluate(() => navigator.clipboard.readText());
    await quiet.evaluate(() => navigator.clipboard.writeText('the user\'s own text'));
    await env.sw.evaluate(() => chrome.offscreen.createDocument({ url: 'worker/offscreen.html', reasons: ['CLIPBOARD'], justification: 'test: the offscreen document\'s sender check' }));
    try {
      const message = { target: 'offscreen', type: 'clear-clipboard', hash: HASH, verify: false };
      // The answer comes once every listener (the offscreen document's, the worker's) has
      // turned the message down; one that took it would have answered {ok, cleared}.
      const answer = await probeSend(panel.frame, message);
      assert.ok(answer === null || typeof answer.error === 'string', `a content script got ${JSON.stringify(answer)}`);
      assert.equal(await clipboard(), 'the user\'s own text', 'not cleared for a content script');
      // The worker's own request is answered, and clears.
      const own = await env.sw.evaluate((m) => chrome.runtime.sendMessage(m), message);
      assert.deepEqual(own, { ok: true, cleared: true });
      assert.equal(await clipboard(), '');
    } finally {
      await env.sw.evaluate(() => chrome.offscreen.closeDocument().catch(() => {}));
      await quiet.close();
    }
  });

  test('no captured value stored or printed; no request from the extension, none blocked', async () => {
    assert.deepEqual(env.foreign, []);
    assert.deepEqual(env.recorder.extensionRequests(), []);
    const blocked = env.recorder.extensionText().filter((t) => /Content Security Policy|Refused to/i.test(t));
    assert.deepEqual(blocked, [], 'nothing the extension tried was blocked either');
    await panel.page.close();
    await assertSecretsNowhere(env, secrets, assert);
  });
});

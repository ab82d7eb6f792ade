// Shared E2E harness: Debian's Chromium with the built extension loaded, the replica served
// at the real control-panel address through request interception, and helpers that act
// like a user (pick an integration in the panel, press Fill form, press Save).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { resolveReplica, STRICT_CSP } from '../../www/serve.mjs';
import { startRecorder } from './cdp.mjs';
import { extensionDir, FOREIGN_ORIGIN } from './flavour.mjs';

export { FOREIGN_ORIGIN };
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION = path.join(ROOT, 'dist/chrome');
export const STORE = 'abc123xyz0';
export const ORIGIN = `https://store-${STORE}.mybigcommerce.com`;
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const PRESETS = Object.fromEntries(
  fs
    .readdirSync(path.join(ROOT, 'crates/core/presets'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'crates/core/presets', f), 'utf8')))
    .map((p) => [p.id, p]),
);

/**
 * Launches Chromium with the extension; every request is checked and served locally: from
 * the replica's files, from `pages` (address → HTML, for storefront and foreign-site pages a
 * test needs, or → {body, type, headers} for other files: the target replicas'
 * `targetPages()` in targets.mjs), or (for the demo) proxied to a replica server on 127.0.0.1.
 *
 * `flavour`: 'open' (dist/chrome with the panel's shadow root open to the tests: the
 * default), 'shipped' (dist/chrome, as users get it), 'test' or 'granted' (see flavour.mjs).
 * `userDataDir`: a profile to use and keep (a browser restart is a second launch on it);
 * by default a fresh one, removed on close.
 * `env.recorder` records the extension's own requests and console output (cdp.mjs).
 */
export async function launch({ csp = 'strict', headless = true, upstream = null, flavour = 'open', pages = {}, lang = 'en-US', userDataDir: profile = null } = {}) {
  const extension = extensionDir(flavour);
  if (!fs.existsSync(path.join(extension, 'manifest.json'))) {
    throw new Error(`${extension} is not built: run make build`);
  }
  const userDataDir = profile ?? fs.mkdtempSync(path.join(os.tmpdir(), 'scopefill-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    viewport: { width: 1280, height: 900 },
    // The browser's own language (the extension pages follow it), whatever the machine's.
    locale: lang,
    env: { ...process.env, LANGUAGE: lang.replace('-', '_'), LANG: `${lang.replace('-', '_')}.UTF-8` },
    args: [
      `--lang=${lang}`,
      '--no-sandbox', ...(headless ? ['--headless=new'] : []), '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // A second DevTools endpoint for the recorder (cdp.mjs), next to Playwright's pipe.
      '--remote-debugging-port=0',
      `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
    ],
  });
  const foreign = [];
  const served = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    // The extension's own files (the core it imports) come from the extension itself.
    if (url.protocol === 'chrome-extension:') return route.continue();
    const page = pages[url.href] ?? pages[`${url.origin}${url.pathname}`];
    if (page !== undefined) {
      served.push(url.href);
      // A page is its HTML, or {body, type, headers} for any file (tests/e2e/targets.mjs).
      const file = typeof page === 'string' ? { body: page } : page;
      const headers = { 'content-type': file.type ?? 'text/html; charset=utf-8', 'cache-control': 'no-store', ...file.headers };
      return route.fulfill({ status: 200, headers, body: file.body });
    }
    if (url.protocol === 'https:' && url.hostname.endsWith('.mybigcommerce.com')) {
      if (upstream) {
        served.push(url.href);
        const response = await route.fetch({ url: `${upstream}${url.pathname}${url.search}` });
        return route.fulfill({ response });
      }
      const hit = resolveReplica(url.pathname);
      if (hit) {
        served.push(url.href);
        const headers = { 'content-type': hit.contentType, 'cache-control': 'no-store' };
        if (csp === 'strict') headers['content-security-policy'] = STRICT_CSP;
        return route.fulfill({ status: 200, headers, body: fs.readFileSync(hit.file) });
      }
    }
    foreign.push(url.href);
    return route.abort();
  });
  let sw = context.serviceWorkers()[0];
  if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extensionId = new URL(sw.url()).host;
  const recorder = await startRecorder(userDataDir, `chrome-extension://${extensionId}`);
  const close = async () => {
    recorder.close();
    await context.close();
    if (!profile) fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, sw, extensionId, foreign, served, csp, flavour, recorder, close };
}

let opened = 0;

/** Opens the replica (at the real control-panel path) with query parameters. */
export async function openReplica(env, params = {}, pathname = '/manage/settings/api-accounts/create') {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // `tab` (ignored by the replica) makes each page's address unique, so the extension's
  // side can find this very tab by its URL.
  const query = new URLSearchParams({ download: '0', ...params, tab: String(++opened) }).toString();
  await page.goto(`${ORIGIN}${pathname}?${query}`);
  return { page, errors };
}

/**
 * The frame that holds the form (the iframe in the shell, else the page), once the replica
 * has rendered it: the frame at the create form's address (now, or when a frame navigates
 * there, also by the SPA's pushState), then its `__replica.ready`.
 */
export async function formFrame(page, { timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  const atForm = (frame) => /\/api-accounts\/create/.test(frame.url());
  const frame = page.frames().find(atForm) ??
    await page.waitForEvent('framenavigated', { predicate: atForm, timeout });
  await frame.waitForFunction(() => window.__replica?.ready === true, null, { timeout: Math.max(deadline - Date.now(), 1) })
    .catch((e) => { throw new Error(`the form never rendered: ${e.message}`); });
  return frame;
}

export const panel = (frame) => frame.locator('#scopefill-panel');

/** The Integration picker (panel or popup): a combobox named "Integration". */
export const integrationField = (root) => root.getByRole('combobox', { name: 'Integration', exact: true });

/** The preset id of the option the picker highlights (aria-activedescendant), or null. */
export const activeOption = (combo) => combo.evaluate((el) => {
  const id = el.getAttribute('aria-activedescendant');
  return id ? el.getRootNode().getElementById(id)?.dataset.preset ?? null : null;
});

/**
 * Chooses an integration in the panel's or the popup's picker as a user does: types its
 * name, moves to its option with the arrow keys if another is highlighted, presses Enter.
 * `name` defaults to the shipped preset's.
 */
export async function chooseIntegration(root, presetId, name = PRESETS[presetId]?.name, combo = integrationField(root)) {
  if (!name) throw new Error(`chooseIntegration: no name known for ${presetId}`);
  await combo.click();
  await combo.fill(name);
  for (let i = 0; i < 30 && (await activeOption(combo)) !== presetId; i++) await combo.press('ArrowDown');
  if ((await activeOption(combo)) !== presetId) throw new Error(`chooseIntegration: typing "${name}" offers no option ${presetId}`);
  await combo.press('Enter');
  const shown = await combo.inputValue();
  if (shown !== name) throw new Error(`chooseIntegration: the field shows "${shown}" after choosing ${presetId}`);
}

/**
 * Presses the panel's Fill form `button` and waits for this fill's end: the time it sets once
 * its report shows, or a failure. A fill before on this page left its time and its report,
 * so the time is removed first.
 */
async function pressFill(frame, p, button) {
  await p.evaluate((host) => host.removeAttribute('data-fill-ms'));
  await button.click();
  await frame.waitForFunction(() => {
    const host = document.querySelector('#scopefill-panel');
    return host?.hasAttribute('data-fill-ms') || host?.shadowRoot?.querySelector('[data-ref=status]')?.className === 'bad';
  }, null, { timeout: 20000 });
}

/** Waits for the panel, picks the integration and presses Fill form; returns the report. */
export async function fillWith(frame, presetId, { name, integration } = {}) {
  const p = panel(frame);
  await p.locator('section').waitFor({ timeout: 15000 });
  await chooseIntegration(p, presetId, integration);
  if (name !== undefined) await p.getByLabel('Account name').fill(name);
  const started = Date.now();
  await pressFill(frame, p, p.getByRole('button', { name: 'Fill form' }));
  const status = p.locator('[data-ref=status]');
  const items = await p.locator('[data-ref=items] li').allTextContents();
  // From the Fill click to the last row verified, in the page's own clock.
  const pageMs = Number(await p.getAttribute('data-fill-ms'));
  return { status: await status.textContent(), items, ms: Date.now() - started, pageMs };
}

export const pageState = (frame) => frame.evaluate(() => window.__replica.state());
export const pageConfig = (frame) => frame.evaluate(() => window.__replica.config);
export const lastCredentials = (frame) => frame.evaluate(() => window.__replica.lastCredentials);

/** Captures the background holds (storage.session), oldest first. */
export const captures = (env) => env.sw.evaluate(async () => (await chrome.storage.session.get('captures')).captures ?? []);
export const localStorageDump = (env) => env.sw.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));

/**
 * Waits until storage.session meets `want`, read at once and again at each of its changes
 * (storage.session.onChanged), in `where`: the worker, or an extension page (a page that only
 * listens does not wake a stopped worker). Resolves to the value of `want.key` then (null
 * when absent). `want`: {key, absent: true}, or on the captures list {key: 'captures', count}
 * (at least that many), {key: 'captures', clientId} (held) or {key: 'captures', gone: id}.
 */
export function sessionWhen(where, want, { timeout = 10000 } = {}) {
  return where.evaluate(({ want, timeout }) => new Promise((resolve, reject) => {
    const meets = (value) => {
      if (want.absent) return value === undefined;
      if (want.count !== undefined) return (value ?? []).length >= want.count;
      if (want.gone !== undefined) return !(value ?? []).some((c) => c.id === want.gone);
      return (value ?? []).some((c) => c.credentials?.client_id === want.clientId);
    };
    let settled = false;
    const settle = (done) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      chrome.storage.session.onChanged.removeListener(check);
      done();
    };
    const check = async () => {
      const value = (await chrome.storage.session.get(want.key))[want.key];
      if (meets(value)) settle(() => resolve(value ?? null));
    };
    const timer = setTimeout(async () => {
      const value = (await chrome.storage.session.get(want.key))[want.key];
      const have = Array.isArray(value) ? `${value.length} captures` : value === undefined ? 'absent' : 'present';
      settle(() => reject(new Error(`storage.session.${want.key} never met ${JSON.stringify({ ...want, key: undefined })} in ${timeout} ms (${have})`)));
    }, timeout);
    // Listening first: a change between the read and the listener is not missed.
    chrome.storage.session.onChanged.addListener(check);
    check();
  }), { want, timeout });
}

/** Waits until the background holds at least `count` captures; returns them, oldest first. */
export const waitForCaptures = (env, count) => sessionWhen(env.sw, { key: 'captures', count });

/**
 * Waits until the background holds the capture whose Client ID is `clientId` (the one the
 * page just generated); returns the captures, oldest first. Unlike a count, this works once
 * the cap on kept captures drops the oldest.
 */
export const waitForCapture = (env, clientId) => sessionWhen(env.sw, { key: 'captures', clientId });

/** Everything in storage.session, read by the worker. */
export const sessionDump = (env) => env.sw.evaluate(() => chrome.storage.session.get(null));

/**
 * A page of the extension that sends the background nothing (the options page only reads and
 * writes storage.local): for reading storage without waking a stopped worker.
 */
export async function quietExtensionPage(env) {
  const page = await env.context.newPage();
  await page.goto(`chrome-extension://${env.extensionId}/options/options.html`);
  await page.waitForSelector('html[data-ready=true]');
  return page;
}

/**
 * Sends `message` to the background from the probe content script of `frame` (test flavours
 * only, see flavour.mjs): the answer, `{error}` when the browser rejected the send (nobody
 * answered), or `{timeout: true}`.
 */
export async function probeSend(frame, message) {
  return frame.evaluate(async (message) => {
    // The probe marks <html> when it listens (document_end): wait for that mark, 5 s at most.
    const ready = () => document.documentElement.dataset.scopefillProbe === 'ready';
    if (!ready()) {
      await new Promise((resolve) => {
        const watch = new MutationObserver(() => ready() && done());
        const timer = setTimeout(() => done(), 5000);
        const done = () => { watch.disconnect(); clearTimeout(timer); resolve(); };
        watch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-scopefill-probe'] });
      });
    }
    if (!ready()) return { noProbe: true };
    const id = Math.random().toString(36).slice(2);
    return new Promise((resolve) => {
      const timer = setTimeout(() => { removeEventListener('message', on); resolve({ timeout: true }); }, 5000);
      function on(event) {
        const d = event.data;
        if (event.source !== window || d?.scopefillProbe !== 'answer' || d.id !== id) return;
        clearTimeout(timer);
        removeEventListener('message', on);
        resolve(d.error !== undefined ? { error: d.error } : d.answer);
      }
      addEventListener('message', on);
      postMessage({ scopefillProbe: 'send', id, message }, '*');
    });
  }, message);
}

/**
 * Stops the extension's service worker through DevTools (ServiceWorker.stopAllWorkers), as
 * Chromium does to an idle worker, and returns a log of its running states from then on
 * ({at, status}: 'stopping', 'stopped', 'starting', 'running'), kept up to date. `page` is any
 * open page of the extension (the DevTools domain lives on a page).
 */
export async function stopWorker(env, page) {
  const cdp = await env.context.newCDPSession(page);
  const states = [];
  let onStopped;
  const stopped = new Promise((resolve) => { onStopped = resolve; });
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(`chrome-extension://${env.extensionId}/`)) continue;
      states.push({ at: Date.now(), status: v.runningStatus });
      if (v.runningStatus === 'stopped') onStopped();
    }
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, 5000, 'late'); });
  const outcome = await Promise.race([stopped, late]);
  clearTimeout(timer);
  if (outcome === 'late') throw new Error(`the worker did not stop within 5 s: ${JSON.stringify(states)}`);
  return states;
}

/**
 * Fails if any of `secrets` is in storage.local, in the extension's localStorage,
 * sessionStorage or IndexedDB, in the control panel origin's localStorage or IndexedDB, or in
 * anything an extension context printed (console, exceptions, browser log: env.recorder).
 */
export async function assertSecretsNowhere(env, secrets, assert) {
  const values = [...secrets].filter((v) => typeof v === 'string' && v.length >= 8);
  assert.ok(values.length > 0, 'secrets to look for');
  const dumpOrigin = () => (async () => {
    const out = { localStorage: JSON.stringify({ ...localStorage }), sessionStorage: JSON.stringify({ ...sessionStorage }), indexedDB: [] };
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      for (const store of db.objectStoreNames) {
        const rows = await new Promise((resolve) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => resolve([]);
        });
        out.indexedDB.push({ name, store, rows: JSON.stringify(rows) });
      }
      db.close();
    }
    return out;
  })();
  const ext = await quietExtensionPage(env);
  const places = {
    'storage.local': JSON.stringify(await ext.evaluate(() => chrome.storage.local.get(null))),
    'extension origin': JSON.stringify(await ext.evaluate(dumpOrigin)),
  };
  await ext.close();
  const store = await env.context.newPage();
  // The replica answers at any control-panel path; a 404-free page of the same origin.
  await store.goto(`${ORIGIN}/manage/settings/api-accounts?download=0`);
  places['control panel origin'] = JSON.stringify(await store.evaluate(dumpOrigin));
  await store.close();
  places['extension console output'] = env.recorder.extensionText().join('\n');
  for (const [where, text] of Object.entries(places)) {
    for (const v of values) assert.ok(!text.includes(v), `a captured value (${v.slice(0, 4)}…) is in ${where}`);
  }
  return { places: Object.keys(places), checked: values.length, consoleLines: env.recorder.extensionText().length };
}

/** Presses the page's Save, by the word the page draws it with (in any language). */
export async function save(frame) {
  const word = await frame.evaluate(() => window.__replica.config.texts.save);
  await frame.getByRole('button', { name: word, exact: true }).click();
}

/**
 * Fills as a user of a panel in any language does: the Integration field and the Fill button
 * found by their place in the panel (their captions are translated), the integration by its
 * name (not translated). Waits for the fill's end (its time on the panel, or a failure) and
 * returns {ok, status, items, locale}.
 */
export async function fillInAnyLanguage(frame, presetId) {
  const p = panel(frame);
  await p.locator('section').waitFor({ timeout: 15000 });
  await chooseIntegration(p, presetId, undefined, p.locator('[data-ref=preset]'));
  await pressFill(frame, p, p.locator('[data-ref=fill]'));
  const status = p.locator('[data-ref=status]');
  return {
    // 'check': done, with rows placed by position to look at before Save.
    ok: ['ok', 'check'].includes(await status.getAttribute('class')),
    check: (await status.getAttribute('class')) === 'check',
    status: await status.textContent(),
    items: await p.locator('[data-ref=items] li').allTextContents(),
    locale: await p.getAttribute('data-locale'),
    // From the Fill click to the last row verified, in the page's own clock.
    pageMs: Number(await p.getAttribute('data-fill-ms')),
  };
}

/**
 * Presses Save and waits for the background to hold the capture of the credentials the page
 * generated: {generated, capture, list} (list: every capture held, oldest first).
 */
export async function saveAndCapture(env, frame) {
  const before = await frame.evaluate(() => window.__replica.saves);
  await save(frame);
  await frame.waitForFunction((n) => window.__replica.saves > n, before, { timeout: 10000 });
  const generated = await lastCredentials(frame);
  const list = await waitForCapture(env, generated.client_id);
  const capture = list.find((c) => c.credentials.client_id === generated.client_id);
  return { generated, capture, list };
}

/** The redacted page outline the content script gives the extension (as for a bug report). */
export async function pageOutline(env, frame) {
  const url = frame.page().url();
  return env.sw.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === url);
    const answer = await chrome.tabs.sendMessage(tab.id, { type: 'outline' });
    return answer?.outline ?? null;
  }, url);
}

/** Waits until the panel's report lists an item with exactly this text. */
export async function reportSays(frame, text) {
  await panel(frame).locator('[data-ref=items] li').filter({ hasText: text }).first().waitFor({ timeout: 10000 });
}

/** The panel's status region: its text is what a screen reader announces. */
export const panelStatus = (frame) => panel(frame).locator('[data-ref=status]').textContent();

// --- an oracle independent of the Rust planner -------------------------------------------

const norm = (s) => s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]/g, '');
const ALIASES = {
  customerlogin: 'customerslogin',
  paymentsgetacceptedmethods: 'getpaymentmethods',
  metafieldsownership: 'metafieldownership',
  ordertransaction: 'ordertransactions',
};
const key = (label) => ALIASES[norm(label)] ?? norm(label);

/** What every row of the page must show after filling with `preset`, or a predicate. */
export function expectedLevels(preset, rows) {
  const wanted = new Map(Object.entries(preset.scopes).map(([label, level]) => [key(label), norm(level)]));
  const out = {};
  for (const row of rows) {
    const offered = row.levels.map(norm);
    let want = wanted.get(key(row.label));
    if (want === undefined && preset.other_scopes === 'leave') {
      out[row.label] = null;
      continue;
    }
    want ??= 'none';
    if (want === 'none' && !offered.includes('none')) {
      // "Metafields Access" has no None: the page lists its least level first.
      out[row.label] = offered[0];
    } else if (offered.includes(want)) {
      out[row.label] = want;
    } else {
      // The page lacks the word (e.g. "modify" on a login-only row): some real level was chosen.
      out[row.label] = (got) => got !== 'none' && offered.includes(got);
    }
  }
  return out;
}

const EN_PACK = JSON.parse(fs.readFileSync(path.join(ROOT, 'crates/core/languages/en-US.json'), 'utf8'));
const firstWord = (v) => (Array.isArray(v) ? v[0] : v);

/**
 * `checkLevels` for a page in any language: rows by their catalogue id, levels by key
 * (`config.rows[i].levelKeys`, `state.levels`), the preset's labels read through the English
 * pack. Returns how many rows were checked.
 */
export function checkLevelsById(assert, preset, config, state) {
  const rows = config.rows.map((r) => ({ id: r.id, label: firstWord(EN_PACK.scopes[r.id] ?? r.id), levels: r.levelKeys }));
  const expected = expectedLevels(preset, rows);
  for (const row of rows) {
    const want = expected[row.label];
    const got = norm(state.levels[row.id] ?? '');
    if (want === null) continue;
    if (typeof want === 'function') assert.ok(want(got), `${preset.id}: ${row.id} = ${got}`);
    else assert.equal(got, want, `${preset.id}: ${row.id}`);
  }
  return rows.length;
}

export function checkLevels(t, assert, preset, config, state) {
  const expected = expectedLevels(preset, config.rows);
  for (const [label, want] of Object.entries(expected)) {
    const got = norm(state.scopes[label] ?? '');
    if (want === null) continue;
    if (typeof want === 'function') assert.ok(want(got), `${preset.id}: ${label} = ${got}`);
    else assert.equal(got, want, `${preset.id}: ${label}`);
  }
  return Object.keys(expected).length;
}

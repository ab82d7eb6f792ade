// End-to-end self-check of the BigCommerce "Create API account" replica (React + BigDesign).
//   node www/check-replica.mjs [--screenshots DIR] [--verbose] [--no-build]
// Builds the bundle (www/build.mjs, ~0.5 s), serves it with www/serve.mjs under STRICT_CSP,
// drives headless Chromium through playwright-core like a user and checks the DOM contract
// of every `rows=` variant, the state behind it, Save, the toast, the credentials modal, the
// download, the SPA route, the iframe shell and the other query parameters.
// Exit 0: all passed. Exit 1: a check failed. Exit 77: no browser / playwright (skipped).
// Chromium: $CHROMIUM_PATH, else $CHROMIUM, else /usr/bin/chromium.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, resolveReplica, STRICT_CSP } from './serve.mjs';

const args = process.argv.slice(2);
const shotsDir = args.includes('--screenshots') ? args[args.indexOf('--screenshots') + 1] : null;
const verbose = args.includes('--verbose');
const CHROMIUM = process.env.CHROMIUM_PATH || process.env.CHROMIUM || '/usr/bin/chromium';
const started = Date.now();

const LIST = '/manage/settings/api-accounts';
const CREATE = `${LIST}/create`;
const VARIANTS = ['toggle', 'toggle-labelid', 'toggle-caption', 'select', 'native', 'radio'];

// Independent copy of the 2025 page's rows: [id, label as displayed (en-US), level keys
// besides none]; the displayed options are the en-US words of the keys.
const EN_WORD = { none: 'None', standard: 'Standard' };
const RW = ['read-only', 'modify'];
const row = (id, label, keys, noNone = false) => {
  const levelKeys = noNone ? keys : ['none', ...keys];
  return { id, label, levels: levelKeys.map((k) => EN_WORD[k] || k), levelKeys };
};
const CATALOGUE = [
  ['content', 'Content', RW], ['checkout_content', 'Checkout content', RW], ['customers', 'Customers', RW],
  ['customers_login', 'Customers login', ['login']], ['information_settings', 'Information & settings', RW],
  ['marketing', 'Marketing', RW], ['orders', 'Orders', RW], ['order_transactions', 'Order transactions', RW],
  ['create_payments', 'Create payments', ['create']], ['get_payment_methods', 'Get payment methods', ['read-only']],
  ['stored_payment_instruments', 'Stored payment instruments', RW], ['products', 'Products', RW], ['themes', 'Themes', RW],
  ['carts', 'Carts', RW], ['checkouts', 'Checkouts', RW], ['sites_routes', 'Sites & routes', RW],
  ['channel_settings', 'Channel settings', RW], ['channel_listings', 'Channel listings', RW],
  ['storefront_api_tokens', 'Storefront API tokens', ['manage']],
  ['storefront_api_customer_impersonation_tokens', 'Storefront API customer impersonation tokens', ['manage']],
  ['store_logs', 'Store logs', ['read-only']], ['store_locations', 'Store Locations', RW],
  ['store_inventory', 'Store Inventory', RW], ['fulfillment_methods', 'Fulfillment Methods', RW],
  ['order_fulfillment', 'Order Fulfillment', RW], ['metafield_ownership', 'Metafield Ownership', ['manage']],
].map(([id, label, keys]) => row(id, label, keys));
CATALOGUE.push(row('metafields_access', 'Metafields Access', ['standard', 'full'], true));
const B2B = [row('store_translations', 'Store Translations', RW), row('b2b_edition', 'B2B Edition', ['modify'])];
const initialScopes = (rows) => Object.fromEntries(rows.map((r) => [r.label, r.levels[0]]));
const initialLevels = (rows) => Object.fromEntries(rows.map((r) => [r.id, r.levelKeys[0]]));

// The language packs the page is drawn from (crates/core/languages/<code>.json), read here directly.
const LANGS = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'es-419', 'it-IT', 'uk-UA', 'zh-CN', 'nl-NL', 'pt-BR', 'sv-SE',
  'ko-KR', 'da-DK', 'no-NO', 'pl-PL', 'ja-JP'];
const LANG_DIR = new URL('../crates/core/languages/', import.meta.url);
const PACKS = Object.fromEntries(LANGS.map((c) => [c, JSON.parse(fs.readFileSync(new URL(`${c}.json`, LANG_DIR), 'utf8'))]));
const EN = PACKS['en-US'];
const first = (v) => (Array.isArray(v) ? v[0] : v);
const flat = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, first(v)]));
// As the extension compares words: case-insensitive, '&' = "and", letters and digits only.
const wnorm = (t) => String(t).toLowerCase().replace(/&/g, 'and').replace(/[^\p{L}\p{N}]/gu, '');
/** config.rows a pack should give for `rows` (CATALOGUE-shaped); `enCaptions` for captions=en. */
const packRows = (pack, rows, enCaptions = false) => rows.map((r) => ({
  id: r.id,
  label: enCaptions ? r.label : first(pack.scopes[r.id]),
  levels: r.levelKeys.map((k) => first(pack.levels[k])),
  levelKeys: r.levelKeys,
}));
/** Every wording of every text of a pack, normalised. */
const packWords = (pack, sections = ['page', 'dialog', 'scopes', 'levels']) =>
  new Set(sections.flatMap((sec) => Object.values(pack[sec]).flatMap((v) => (Array.isArray(v) ? v : [v]))).map(wnorm));

// ---- reporting -------------------------------------------------------------------------------
let passed = 0;
const failures = [];
let section = '';
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function ok(cond, what, detail) {
  if (cond) {
    passed += 1;
    if (verbose) console.log(`  ok   ${section}: ${what}`);
  } else {
    const d = detail === undefined ? '' : ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
    failures.push(`${section}: ${what}${d}`);
    console.log(`  FAIL ${section}: ${what}${d.slice(0, 600)}`);
  }
  return cond;
}
const eq = (actual, expected, what) => ok(same(actual, expected), what, same(actual, expected) ? undefined : { actual, expected });
async function step(name, fn) {
  section = name;
  const before = failures.length;
  const t = Date.now();
  try {
    await fn();
  } catch (err) {
    ok(false, 'threw', String(err && err.stack ? err.stack.split('\n').slice(0, 4).join(' | ') : err));
  }
  console.log(`${failures.length === before ? 'PASS' : 'FAIL'}  ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

// ---- environment -------------------------------------------------------------------------------
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('SKIP: playwright-core is not installed (npm ci)');
  process.exit(77);
}
if (!fs.existsSync(CHROMIUM)) {
  console.log(`SKIP: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  process.exit(77);
}
const watchdog = setTimeout(() => {
  console.log('FAIL: check timed out after 120 s');
  process.exit(1);
}, 120000);
watchdog.unref();

if (!args.includes('--no-build')) {
  const { build } = await import('./build.mjs');
  await build();
}

const server = await startServer({ port: 0, csp: 'strict' });
const base = server.url;
const HOSTED = 'store-h0st7ash.mybigcommerce.com';
const allowedOrigins = new Set([base, `http://${HOSTED}:${server.port}`]);
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replica-check-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', `--host-resolver-rules=MAP ${HOSTED} 127.0.0.1`],
});

context.setDefaultTimeout(5000);
const problems = [];
let currentUrl = '';
await context.exposeBinding('__reportCspViolation', (_src, text) => problems.push(`${currentUrl}: CSP violation ${text}`));
await context.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile || ''}:${e.lineNumber || ''}`);
  });
  // Records every dialog that was ever shown (dismiss=instant removes it within 1 ms).
  window.__dialogsSeen = 0;
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === 1 && (n.matches('[role=dialog]') || n.querySelector('[role=dialog]'))) window.__dialogsSeen += 1;
      }
    }
  }).observe(document, { childList: true, subtree: true });
});
context.on('request', (r) => {
  const u = new URL(r.url());
  if (u.protocol === 'blob:' || u.protocol === 'data:') return;
  const own = allowedOrigins.has(u.origin) && resolveReplica(u.pathname) !== null;
  if (!own) problems.push(`${currentUrl}: unexpected request ${r.url()}`);
});

const openPages = [];
async function open(urlPath, { origin = base, waitReady = true } = {}) {
  for (const p of openPages.splice(0)) await p.close();
  const page = await context.newPage();
  openPages.push(page);
  currentUrl = urlPath;
  page.on('pageerror', (e) => problems.push(`${urlPath}: page error ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${urlPath}: console ${m.type()} ${m.text()}`);
  });
  await page.goto(origin + urlPath);
  if (waitReady) await ready(page);
  return page;
}
const ready = (frame) => frame.waitForFunction(() => window.__replica && window.__replica.ready === true, null, { timeout: 5000 });
const state = (frame) => frame.evaluate(() => window.__replica.state());
const config = (frame) => frame.evaluate(() => window.__replica.config);
const settle = (page, ms = 30) => page.waitForTimeout(ms);
async function shot(page, name, opts = {}) {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), ...opts });
}

// ---- the DOM contract, per variant (run in the page) ---------------------------------------------
// Reads every row in document order: { label, options, current, wired, closedEmpty? }.
function readRows(frame, variant, headings = ['OAuth scopes', 'Stencil-CLI access']) {
  return frame.evaluate(({ v, headings }) => {
    const text = (el) => (el ? el.textContent.trim() : null);
    const byId = (id) => (id ? document.getElementById(id) : null);
    const scopes = [...document.querySelectorAll('h2')].find((h) => headings.includes(text(h)));
    const panel = scopes ? scopes.parentElement.parentElement : document;
    const out = [];
    if (v.startsWith('toggle')) {
      for (const group of panel.querySelectorAll('div[role=group]')) {
        const buttons = [...group.querySelectorAll(':scope > button')];
        const label = document.querySelector(`label[for="${CSS.escape(group.id)}"]`);
        let caption = null;
        if (v === 'toggle-caption') {
          // The caption is the element just above the group's wrapper, tied by position only.
          let el = group;
          while (el && !el.previousElementSibling) el = el.parentElement;
          caption = el ? el.previousElementSibling : null;
        }
        const labelledBy = group.getAttribute('aria-labelledby');
        out.push({
          label: v === 'toggle-caption' ? text(caption) : text(label),
          options: buttons.map(text),
          current: text(buttons.find((b) => b.getAttribute('aria-checked') === 'true')),
          wired: buttons.every((b) => b.getAttribute('role') === 'switch' && ['true', 'false'].includes(b.getAttribute('aria-checked')))
            && buttons.filter((b) => b.getAttribute('aria-checked') === 'true').length === 1
            && (v === 'toggle-caption'
              ? !label && !labelledBy && !group.hasAttribute('aria-label') && caption && caption.tagName !== 'LABEL'
              : label && label.tagName === 'LABEL' && (v === 'toggle-labelid' ? labelledBy === label.id && label.id : !labelledBy)),
        });
      }
    } else if (v === 'select') {
      for (const input of panel.querySelectorAll('input[role=combobox]')) {
        const label = byId(input.getAttribute('aria-labelledby'));
        const list = byId(input.getAttribute('aria-controls'));
        const toggle = input.closest('span') && input.closest('span').querySelector('button[aria-label="toggle menu"]');
        out.push({
          label: text(label),
          current: input.value,
          wired: Boolean(label && label.tagName === 'LABEL' && label.htmlFor === input.id && input.readOnly
            && input.getAttribute('aria-expanded') === 'false' && list && list.getAttribute('role') === 'listbox'
            && toggle && toggle.getAttribute('aria-controls') === list.id),
          closedEmpty: Boolean(list) && list.children.length === 0,
        });
      }
    } else if (v === 'native') {
      for (const sel of panel.querySelectorAll('select')) {
        const label = document.querySelector(`label[for="${CSS.escape(sel.id)}"]`);
        out.push({ label: text(label), options: [...sel.options].map(text), current: sel.value, wired: Boolean(label) });
      }
    } else if (v === 'radio') {
      for (const fs of panel.querySelectorAll('fieldset')) {
        const inputs = [...fs.querySelectorAll('input[type=radio]')];
        const names = new Set(inputs.map((i) => i.name));
        out.push({
          label: text(fs.querySelector(':scope > legend')),
          options: inputs.map((i) => text(byId(i.getAttribute('aria-labelledby')))),
          current: text(byId((inputs.find((i) => i.checked) || {}).getAttribute?.('aria-labelledby'))),
          wired: names.size === 1 && inputs.every((i) => i.value && byId(i.getAttribute('aria-labelledby'))),
        });
      }
    }
    return out;
  }, { v: variant, headings });
}

// Chooses `option` in row `label` the way a user does (real clicks / keyboard / selectOption).
async function choose(frame, variant, label, option) {
  if (variant.startsWith('toggle')) {
    const group = await frame.evaluateHandle(({ v, l }) => {
      const text = (el) => (el ? el.textContent.trim() : null);
      for (const g of document.querySelectorAll('div[role=group]')) {
        let caption;
        if (v === 'toggle-caption') {
          let el = g;
          while (el && !el.previousElementSibling) el = el.parentElement;
          caption = el && el.previousElementSibling;
        } else caption = document.querySelector(`label[for="${CSS.escape(g.id)}"]`);
        if (text(caption) === l) return g;
      }
      return null;
    }, { v: variant, l: label });
    const button = await group.asElement().$(`button:text-is("${option}")`);
    await button.click();
  } else if (variant === 'select') {
    await frame.getByRole('combobox', { name: label, exact: true }).click();
    await frame.getByRole('option', { name: option, exact: true }).click();
  } else if (variant === 'native') {
    await frame.getByLabel(label, { exact: true }).selectOption({ label: option });
  } else if (variant === 'radio') {
    await frame.getByRole('group', { name: label, exact: true }).getByText(option, { exact: true }).click();
  }
  await settle(frame);
}

// Every text a person or a script reads on the page: text nodes, aria-label, placeholder,
// title (outside the chrome's <header> and <nav> with `skipChrome`).
function pageTexts(frame, skipChrome = false) {
  return frame.evaluate((skip) => {
    const out = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (skip && n.parentElement.closest('header, nav')) continue;
      const t = n.textContent.trim();
      if (t) out.add(t);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (skip && el.closest('header, nav')) continue;
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = (el.getAttribute(a) || '').trim();
        if (v) out.add(v);
      }
    }
    return [...out];
  }, skipChrome);
}
// The en-US texts shown on a translated page that its own pack does not use.
async function englishLeft(frame, pack, sections) {
  const shown = new Set((await pageTexts(frame, true)).map(wnorm));
  const own = packWords(pack);
  return sections.flatMap((sec) => Object.values(EN[sec]).map(first)).filter((t) => shown.has(wnorm(t)) && !own.has(wnorm(t)));
}
// Goes to another URL in the same tab and waits for the form (cheaper than a new page).
async function visit(page, urlPath, { waitReady = true } = {}) {
  currentUrl = urlPath;
  await page.goto(base + urlPath);
  if (waitReady) await ready(page);
  return page;
}
const htmlLang = (frame) => frame.evaluate(() => document.documentElement.lang);
// Two tabs take turns through `items` (the machine has two cores): fn(tab, item).
async function inTwoTabs(items, fn) {
  const tabs = [await open(`${LIST}`, { waitReady: false }), await context.newPage()];
  openPages.push(tabs[1]);
  tabs[1].on('pageerror', (e) => problems.push(`second tab: page error ${e.message}`));
  tabs[1].on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`second tab: console ${m.type()} ${m.text()}`);
  });
  const queue = [...items];
  await Promise.all(tabs.map(async (tab) => {
    for (let item = queue.shift(); item; item = queue.shift()) await fn(tab, item);
  }));
}

const ID_RE = /^[a-z0-9]{31}$/;
const SECRET_RE = /^[0-9a-f]{64}$/;
const saveButton = (frame) => frame.getByRole('button', { name: 'Save', exact: true });
const saveButtonIn = (frame, P) => frame.getByRole('button', { name: P.save, exact: true });
const nameInput = (frame) => frame.getByLabel('Name', { exact: true });

// ---- checks ----------------------------------------------------------------------------------------
await step('server: routes, static files, CSP', async () => {
  const index = resolveReplica(CREATE);
  ok(index && index.file.endsWith(path.join('dist', 'index.html')) && /text\/html/.test(index.contentType), 'create page → dist/index.html', index);
  for (const p of [LIST, `${LIST}/`, '/manage/settings/auth/api-accounts', '/manage/shell', `${CREATE}?x=1`]) {
    ok(resolveReplica(p) && resolveReplica(p).file === index.file, `${p} → the same document`);
  }
  const js = resolveReplica('/manage/replica/replica.js');
  ok(js && /javascript/.test(js.contentType) && fs.statSync(js.file).size > 1000, 'bundle served as /manage/replica/replica.js');
  for (const bad of ['/manage/replica/../serve.mjs', '/manage/replica/%2e%2e%2fserve.mjs', '/manage/replica/serve.mjs', '/manage/other', '/manage/replica/a/b.js', 42]) {
    eq(resolveReplica(bad), null, `refused: ${String(bad)}`);
  }
  const scriptSrc = /script-src ([^;]*)/.exec(STRICT_CSP)[1].trim();
  eq(scriptSrc, "'self'", 'STRICT_CSP script-src is only self');
  ok(!/unsafe-eval|wasm-unsafe-eval/.test(STRICT_CSP), 'no eval / wasm in STRICT_CSP');
  const html = fs.readFileSync(index.file, 'utf8');
  ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html) && !/\son\w+=/i.test(html) && !/<style/i.test(html), 'no inline script, handler or style in the page');
  const res = await fetch(`${base}${CREATE}?rows=toggle`);
  ok(res.status === 200 && res.headers.get('content-security-policy') === STRICT_CSP, 'served with STRICT_CSP');
  const redirect = await fetch(`${base}/?rows=radio`, { redirect: 'manual' });
  eq([redirect.status, redirect.headers.get('location')], [302, `${CREATE}?rows=radio`], '/ redirects to the create page');
});

for (const variant of VARIANTS) {
  await step(`rows=${variant}: DOM contract, state, events`, async () => {
    const page = await open(`${CREATE}?rows=${variant}&download=0`);
    const cfg = await config(page);
    eq([cfg.variant, cfg.storeHash, cfg.apiPath], [variant, 'abc123xyz0', 'https://api.bigcommerce.com/stores/abc123xyz0/v3/'], 'config');
    eq(cfg.rows, CATALOGUE, 'config.rows: the 2025 rows, their order, case and options');
    const s0 = await state(page);
    eq(s0, { route: 'create', tokenType: 'V2/V3 API token', name: '', access: 'local development only', scopes: initialScopes(CATALOGUE), levels: initialLevels(CATALOGUE) }, 'initial state');
    const rows = await readRows(page, variant);
    eq(rows.map((r) => r.label), CATALOGUE.map((r) => r.label), 'one widget per row, labelled as displayed');
    if (variant !== 'select') eq(rows.map((r) => r.options), CATALOGUE.map((r) => r.levels), 'options per row');
    eq(rows.map((r) => r.current), CATALOGUE.map((r) => r.levels[0]), 'shown values = state');
    const unwired = rows.filter((r) => !r.wired).map((r) => r.label);
    eq(unwired, [], 'every row follows the DOM contract');

    if (variant === 'select') {
      ok(rows.every((r) => r.closedEmpty), 'every listbox is in the DOM and empty while closed');
      const combo = page.getByRole('combobox', { name: 'Orders', exact: true });
      await combo.click();
      const open = await combo.evaluate((i) => {
        const list = document.getElementById(i.getAttribute('aria-controls'));
        return { expanded: i.getAttribute('aria-expanded'), options: [...list.querySelectorAll('li[role=option]')].map((li) => li.textContent.trim()) };
      });
      eq(open, { expanded: 'true', options: ['None', 'read-only', 'modify'] }, 'open listbox lists None + levels');
      await page.getByRole('option', { name: 'modify', exact: true }).click();
      await settle(page);
      const closed = await combo.evaluate((i) => [i.value, i.getAttribute('aria-expanded'), document.getElementById(i.getAttribute('aria-controls')).children.length]);
      eq(closed, ['modify', 'false', 0], 'choosing closes the list and shows the choice');
      // Keyboard: ArrowDown opens, Enter picks the highlighted item.
      const logs = page.getByRole('combobox', { name: 'Store logs', exact: true });
      await logs.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await settle(page);
      eq((await state(page)).scopes['Store logs'], 'read-only', 'keyboard choice reaches the state');
      // BigDesign's Select: Escape on a closed list clears the value.
      const themes = page.getByRole('combobox', { name: 'Themes', exact: true });
      await themes.focus();
      await page.keyboard.press('Escape');
      await settle(page);
      eq([(await state(page)).scopes.Themes, await themes.inputValue()], ['', ''], 'Escape on a closed Select clears it');
      await choose(page, variant, 'Themes', 'None');
      await choose(page, variant, 'Metafields Access', 'full');
    } else {
      await choose(page, variant, 'Orders', 'modify');
      await choose(page, variant, 'Store logs', 'read-only');
      await choose(page, variant, 'Metafields Access', 'full');
    }
    const s1 = await state(page);
    eq([s1.scopes.Orders, s1.scopes['Store logs'], s1.scopes['Metafields Access'], s1.scopes.Content], ['modify', 'read-only', 'full', 'None'], 'user choices reach the state');
    const shownNow = await readRows(page, variant);
    eq(shownNow.map((r) => r.current), CATALOGUE.map((r) => s1.scopes[r.label]), 'the DOM shows the state');

    // A DOM write without the events React listens to changes nothing.
    const wrote = await page.evaluate((v) => {
      const text = (el) => (el ? el.textContent.trim() : null);
      if (v.startsWith('toggle')) {
        const g = [...document.querySelectorAll('div[role=group]')][0];
        const [none, ro] = g.querySelectorAll('button');
        ro.setAttribute('aria-checked', 'true');
        none.setAttribute('aria-checked', 'false');
        return 'aria-checked';
      }
      if (v === 'select') {
        const i = document.querySelectorAll('input[role=combobox]')[1];
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, 'modify');
        return 'input.value';
      }
      if (v === 'native') {
        document.querySelectorAll('select')[0].value = 'modify';
        return 'select.value';
      }
      const fs = document.querySelectorAll('fieldset')[0];
      fs.querySelectorAll('input[type=radio]')[2].checked = true;
      return text(fs.querySelector('legend'));
    }, variant);
    await settle(page, 60);
    eq((await state(page)).scopes, s1.scopes, `a DOM write without events (${wrote}) leaves the state alone`);
    if (variant === 'native') {
      // …and the event a user's action fires makes it count.
      await page.evaluate(() => document.querySelectorAll('select')[0].dispatchEvent(new Event('change', { bubbles: true })));
      await settle(page);
      eq((await state(page)).scopes.Content, 'modify', 'the same value plus its change event reaches the state');
    }
    if (variant === 'radio') {
      // React's value tracker saw `.checked = true`, so a later click on that radio is no
      // change for React; a click on an unchecked radio (what a user does) is.
      const r = await page.evaluate(async () => {
        const tick = () => new Promise((res) => setTimeout(res, 30));
        const [first, second] = document.querySelectorAll('fieldset');
        first.querySelectorAll('input[type=radio]')[2].click();
        await tick();
        const a = window.__replica.state().scopes.Content;
        second.querySelectorAll('input[type=radio]')[2].click();
        await tick();
        return [a, window.__replica.state().scopes['Checkout content']];
      });
      eq(r, ['None', 'modify'], 'click() after a silent .checked write is ignored (React), click() on an unchecked radio counts');
    }
    if (variant === 'toggle') await shot(page, 'toggle-top');
  });
}

await step('name, Save enabled only from 4 trimmed characters', async () => {
  const page = await open(`${CREATE}?download=0`);
  const save = saveButton(page);
  ok(await save.isDisabled(), 'Save disabled with no name');
  for (const [value, enabled] of [['abc', false], ['  ab  ', false], ['   abc   ', false], ['abcd', true], ['Demo app', true]]) {
    await nameInput(page).fill(value);
    await settle(page, 20);
    eq([(await state(page)).name, await save.isEnabled()], [value, enabled], `name ${JSON.stringify(value)}`);
  }
  // React's value tracker: el.value = … + input from the page's world is ignored; the native
  // prototype setter + input is accepted; no event at all changes nothing.
  const r = await page.evaluate(async () => {
    const i = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === 'Name').control;
    const tick = () => new Promise((res) => setTimeout(res, 20));
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, 'no events');
    await tick();
    const a = window.__replica.state().name;
    i.value = 'tracked write';
    i.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    const b = window.__replica.state().name;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, 'Native setter');
    i.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    return [a, b, window.__replica.state().name, i.value];
  });
  eq(r, ['Demo app', 'Demo app', 'Native setter', 'Native setter'], 'value writes: none, tracked+input, native setter+input');
  eq(await page.evaluate(() => document.querySelector('input[readonly][value^="https://api.bigcommerce.com/"]')?.value), 'https://api.bigcommerce.com/stores/abc123xyz0/v3/', 'API path shown read-only');
  eq(await page.getByLabel('API path', { exact: true }).inputValue(), 'https://api.bigcommerce.com/stores/abc123xyz0/v3/', 'API path labelled "API path"');
  ok(await page.getByLabel('B2B Edition API path').count() === 0, 'no B2B path without b2b=1');
  eq(await page.getByRole('heading', { level: 1 }).textContent(), 'Create account', 'title "Create account"');
});

let firstCreds = null;
await step('Save: toast, credentials modal, download, Done, second Save', async () => {
  const page = await open(`${CREATE}?rows=toggle`);
  eq(await page.evaluate(() => [window.__replica.saves, window.__replica.lastCredentials, window.__replica.history]), [0, null, []], 'nothing generated yet');
  const containers = await page.evaluate(() => [...document.body.children].filter((e) => e.id !== 'root' && e.tagName === 'DIV').length);
  ok(containers >= 1, 'the Modal portal container is in <body> before it opens', containers);
  await choose(page, 'toggle', 'Orders', 'read-only');
  await nameInput(page).fill('Demo app');
  const downloadP = page.waitForEvent('download', { timeout: 5000 });
  await saveButton(page).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: 3000 });
  const creds = await page.evaluate(() => window.__replica.lastCredentials);
  firstCreds = creds;
  ok(creds && ID_RE.test(creds.client_id) && ID_RE.test(creds.access_token) && SECRET_RE.test(creds.client_secret), 'credentials: 31 [a-z0-9], 64 hex', creds);
  eq([creds.api_path, creds.name], ['https://api.bigcommerce.com/stores/abc123xyz0/v3/', 'Demo app'], 'api_path and name');
  const toast = page.getByRole('alert');
  ok(await toast.count() === 1 && /Create account/.test(await toast.textContent()) && /Account created successfully/.test(await toast.textContent()), 'toast "Create account / Account created successfully"');
  const box = await toast.boundingBox();
  ok(box && box.y < 150 && box.x + box.width > 1280 - 60, 'toast at the top right', box);
  const info = await dialog.evaluate((d) => {
    const content = d.firstElementChild;
    const header = document.getElementById(content.getAttribute('aria-labelledby'));
    const inputs = [...d.querySelectorAll('input')];
    return {
      modal: d.getAttribute('aria-modal'),
      inBodyContainer: d.parentElement.parentElement === document.body,
      title: header && header.querySelector('h2') ? header.querySelector('h2').textContent : null,
      dialogHasName: d.hasAttribute('aria-labelledby') || d.hasAttribute('aria-label'),
      fields: inputs.map((i) => [i.labels[0] && i.labels[0].textContent, i.readOnly, i.value]),
      copies: [...d.querySelectorAll('button[aria-label="Copy"]')].filter((b) => b.textContent.trim() === '').length,
      buttons: [...d.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') || b.textContent.trim()),
      text: d.textContent,
    };
  });
  eq([info.modal, info.inBodyContainer, info.title, info.dialogHasName], ['true', true, 'BigCommerce API credentials', false], 'div[role=dialog][aria-modal] in its body container, <h2> title referenced from inside');
  eq(info.fields, [['Client ID', true, creds.client_id], ['Client secret', true, creds.client_secret], ['Access token', true, creds.access_token]], 'three read-only inputs with the generated values');
  eq(info.buttons, ['Copy', 'Copy', 'Copy', 'Done'], 'icon-only Copy ×3 and Done, no close button');
  eq(info.copies, 3, 'Copy buttons are icon-only');
  ok(info.text.includes('If you are using Chrome, Firefox, or Edge a text file containing the API token and client ID should have downloaded to your computer.'), 'download note');
  ok(info.text.includes('This is the only copy you will have access to. If you lose it, delete the account and create a new one.'), 'warning');
  await page.keyboard.press('Escape');
  await page.mouse.click(20, 880);
  await settle(page, 50);
  eq(await dialog.count(), 1, 'Escape and a click outside do not close it');
  const download = await downloadP;
  eq(download.suggestedFilename(), 'api-credentials-Demo-app.txt', 'download file name');
  const file = fs.readFileSync(await download.path(), 'utf8');
  eq(file, `ACCESS TOKEN: ${creds.access_token}\nCLIENT NAME: Demo app\nAPI PATH: ${creds.api_path}\nCLIENT ID: ${creds.client_id}\nCLIENT SECRET: ${creds.client_secret}\nNAME: Demo app\n`, 'download content');
  await shot(page, 'credentials-modal');
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await settle(page, 50);
  eq(await page.getByRole('dialog').count(), 0, 'Done closes it');
  eq(await page.evaluate(() => [...document.body.children].filter((e) => e.id !== 'root' && e.tagName === 'DIV').length), containers, 'the portal container stays mounted');
  eq((await state(page)).route, 'create', 'still on the form');
  await saveButton(page).click();
  await dialog.waitFor({ timeout: 3000 });
  const api = await page.evaluate(() => ({ saves: window.__replica.saves, history: window.__replica.history, last: window.__replica.lastCredentials }));
  ok(api.saves === 2 && api.history.length === 2 && same(api.history[0], creds) && same(api.history[1], api.last) && api.last.client_id !== creds.client_id && api.last.client_secret !== creds.client_secret,
    'second Save: fresh credentials, history oldest first', { saves: api.saves });
  const values = await dialog.evaluate((d) => [...d.querySelectorAll('input')].map((i) => i.value));
  eq(values, [api.last.client_id, api.last.client_secret, api.last.access_token], 'the modal shows the new set');
  eq(await page.evaluate(() => Object.isFrozen(window.__replica)), true, '__replica is frozen');
});

await step('dismiss=instant and download=0', async () => {
  const page = await open(`${CREATE}?dismiss=instant&download=0`);
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await nameInput(page).fill('Instant one');
  await saveButton(page).click();
  await settle(page, 300);
  eq(await page.getByRole('dialog').count(), 0, 'the modal is gone');
  eq(await page.evaluate(() => window.__dialogsSeen), 1, 'it was shown once');
  const creds = await page.evaluate(() => window.__replica.lastCredentials);
  ok(creds && creds.name === 'Instant one' && ID_RE.test(creds.client_id), 'credentials recorded');
  eq(downloads, 0, 'no download with download=0');
});

await step('SPA: list page, + Create API account, back, Cancel, old path', async () => {
  const page = await open(`${LIST}?rows=select&store=zz99`, { waitReady: false });
  await page.getByRole('heading', { name: 'Store-level API accounts' }).waitFor();
  await page.evaluate(() => { window.__sameDocument = true; });
  eq(await page.evaluate(() => [window.__replica.ready, window.__replica.state().route]), [false, 'list'], 'list: not ready, route list');
  eq(await page.getByRole('columnheader').allTextContents(), ['Account name', 'Scopes', 'Active webhooks'], 'table columns');
  ok(await page.getByText('No accounts were found.').count() === 1, '"No accounts were found."');
  await page.getByRole('button', { name: 'Create API account' }).click();
  await ready(page);
  const u = new URL(page.url());
  eq([u.pathname, u.search, await page.evaluate(() => window.__sameDocument === true)], [CREATE, '?rows=select&store=zz99', true], 'pushState to /create, query kept, no page load');
  eq((await config(page)).apiPath, 'https://api.bigcommerce.com/stores/zz99/v3/', 'store= sets the hash');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByRole('heading', { name: 'Store-level API accounts' }).waitFor();
  eq([new URL(page.url()).pathname, await page.evaluate(() => window.__replica.ready)], [LIST, false], 'Cancel goes back to the list');
  await page.goBack();
  await ready(page);
  eq([new URL(page.url()).pathname, (await state(page)).route], [CREATE, 'create'], 'history back → the form again');
  const old = await open('/manage/settings/auth/api-accounts', { waitReady: false });
  await old.getByRole('heading', { name: 'Store-level API accounts' }).waitFor();
  eq((await state(old)).route, 'list', 'the old list path shows the list');
});

await step('late=: starts on the list, the form appears later', async () => {
  const page = await open(`${CREATE}?late=400&rows=native`, { waitReady: false });
  await page.getByRole('heading', { name: 'Store-level API accounts' }).waitFor();
  eq([new URL(page.url()).pathname, await page.evaluate(() => window.__replica.ready)], [LIST, false], 'starts on the list URL');
  await ready(page);
  // The page's own measure, from the list shown to the route to the form: the runner's clock
  // would also count (or miss) the time it took to see the list.
  const delay = await page.evaluate(() => performance.getEntriesByName('replica:late')[0]?.duration ?? -1);
  ok(delay >= 200, 'the form came after the delay', delay);
  eq(new URL(page.url()).pathname + new URL(page.url()).search, `${CREATE}?late=400&rows=native`, 'then routed to /create');
  const zero = await open(`${CREATE}?late=0`, { waitReady: false });
  await zero.getByRole('heading', { name: 'Store-level API accounts' }).waitFor();
  await settle(zero, 300);
  eq(await zero.evaluate(() => window.__replica.ready), false, 'late=0 waits for the click');
  await zero.getByRole('button', { name: 'Create API account' }).click();
  await ready(zero);
});

await step('shell: control panel with iframe[name=cp-iframe]', async () => {
  const page = await open('/manage/shell?rows=radio&b2b=1', { waitReady: false });
  const iframe = page.locator('iframe[name="cp-iframe"]');
  await iframe.waitFor();
  const src = new URL(await iframe.getAttribute('src'), base);
  eq([src.pathname, src.searchParams.get('rows'), src.searchParams.get('b2b'), src.searchParams.get('embedded')], [CREATE, 'radio', '1', '1'], 'iframe loads the create page, same query + embedded=1');
  // The element can be in the DOM before Playwright has heard of its frame: then wait for it
  // (listening first, so an attach between the look and the wait is not missed).
  const attached = page.waitForEvent('frameattached', { predicate: (f) => f.name() === 'cp-iframe', timeout: 5000 });
  attached.catch(() => {});
  const frame = page.frame({ name: 'cp-iframe' }) ?? await attached;
  await ready(frame);
  eq(await page.evaluate(() => [typeof window.__replica, !!document.querySelector('nav[aria-label="Main navigation"]')]), ['undefined', true], 'shell: chrome in the top frame, no __replica there');
  eq(await frame.evaluate(() => !!document.querySelector('nav[aria-label="Main navigation"]')), false, 'embedded: no chrome in the frame');
  await choose(frame, 'radio', 'B2B Edition', 'modify');
  eq((await state(frame)).scopes['B2B Edition'], 'modify', 'the frame is usable');
});

await step('revert=Orders: one stale re-render resets the row', async () => {
  const page = await open(`${CREATE}?revert=Orders&download=0`);
  await choose(page, 'toggle', 'Orders', 'modify');
  eq((await state(page)).scopes.Orders, 'modify', 'modify at first');
  await settle(page, 350);
  eq((await state(page)).scopes.Orders, 'None', 'back to None 150 ms later');
  eq((await readRows(page, 'toggle')).find((r) => r.label === 'Orders').current, 'None', 'the DOM shows None');
  await choose(page, 'toggle', 'Orders', 'modify');
  await settle(page, 350);
  eq((await state(page)).scopes.Orders, 'modify', 'the second change sticks');
});

await step('b2b=1, token=stencil, omit, extra, labels=variant, hostname', async () => {
  let page = await open(`${CREATE}?b2b=1&rows=select`);
  eq((await config(page)).rows, [...CATALOGUE, ...B2B], 'b2b: Store Translations and B2B Edition last');
  eq(await page.getByLabel('B2B Edition API path', { exact: true }).inputValue(), 'https://api-b2b.bigcommerce.com/api/v3/io/', 'B2B Edition API path');
  await choose(page, 'select', 'B2B Edition', 'modify');
  eq((await state(page)).scopes['B2B Edition'], 'modify', 'B2B Edition row works');

  page = await open(`${CREATE}?token=stencil&download=0`);
  let s = await state(page);
  eq([s.tokenType, s.access], ['Stencil-CLI token', 'local development only'], 'stencil: token type and access');
  ok(await page.getByRole('heading', { name: 'OAuth scopes' }).count() === 0 && await page.locator('div[role=group]').count() === 1, 'stencil: an Access choice instead of scope rows');
  eq(await readRows(page, 'toggle').then((r) => r.map((x) => [x.label, x.options])), [['Access', ['local development only', 'publish theme']]], 'Access options');
  await choose(page, 'toggle', 'Access', 'publish theme');
  eq((await state(page)).access, 'publish theme', 'Access choice reaches the state');
  await page.getByRole('combobox', { name: 'Token type', exact: true }).click();
  await page.getByRole('option', { name: 'V2/V3 API token', exact: true }).click();
  await page.getByRole('heading', { name: 'OAuth scopes' }).waitFor();
  eq([(await state(page)).tokenType, (await readRows(page, 'toggle')).length], ['V2/V3 API token', CATALOGUE.length], 'back to V2/V3: the scope rows again');
  await page.getByRole('combobox', { name: 'Token type', exact: true }).click();
  await page.getByRole('option', { name: 'Stencil-CLI token', exact: true }).click();
  await settle(page);
  eq((await state(page)).tokenType, 'Stencil-CLI token', 'and to Stencil again');

  page = await open(`${CREATE}?omit=Orders,store logs&extra=Infrastructure Logs,Infrastructure Projects,Infrastructure Deployments,Widgets Beta&labels=variant&rows=native`);
  const rows = (await config(page)).rows;
  const labels = rows.map((r) => r.label);
  ok(!labels.includes('Orders') && !labels.includes('Store logs'), 'omit removes rows (any case)');
  eq(rows.slice(-4), [
    row('infrastructure_logs', 'Infrastructure Logs', ['read-only']),
    row('infrastructure_projects', 'Infrastructure Projects', ['read-only', 'manage']),
    row('infrastructure_deployments', 'Infrastructure Deployments', ['read-only', 'create preview', 'manage']),
    row('extra:Widgets Beta', 'Widgets Beta', RW),
], 'extra appends rows');
  ok(['Customer Login', 'Sites & Routes', 'Payments - Get accepted methods', 'Metafields Ownership'].every((l) => labels.includes(l))
    && !labels.includes('Customers login') && !labels.includes('Metafield Ownership'), 'labels=variant renames rows');
  eq((await readRows(page, 'native')).map((r) => r.label), labels, 'the page shows the same rows');
  eq(Object.keys((await state(page)).scopes), labels, 'state keys = labels as displayed');

  page = await open(`${CREATE}?store=ignored`, { origin: `http://${HOSTED}:${server.port}` });
  eq((await config(page)).storeHash, 'h0st7ash', 'a store-{hash}.mybigcommerce.com hostname wins over store=');
});

await step('lang=: the page in each of the 16 languages (form, rows, Save, modal, list)', async () => {
  // One tab for all 16 (a new page costs more than a load), and few round trips per language:
  // clicks here are the DOM's (React takes them like a user's; real clicks on translated words
  // are in the steps below).
  const ALL = ['page', 'dialog', 'scopes', 'levels'];
  const one = async (page, code) => {
    const pack = PACKS[code];
    const P = flat(pack.page);
    const D = flat(pack.dialog);
    await visit(page, `${CREATE}?lang=${code}&download=0`);
    const cfg = await config(page);
    eq([cfg.lang, cfg.htmlLang, await htmlLang(page), cfg.captions], [code, code, code, code], `${code}: config.lang, <html lang>`);
    const want = packRows(pack, CATALOGUE);
    eq(cfg.rows, want, `${code}: config.rows: the pack's captions and level words, ids and level keys`);
    const rows = await readRows(page, 'toggle', [P.oauth_scopes]);
    eq(rows.map((r) => [r.label, r.options, r.current]), want.map((r) => [r.label, r.levels, r.levels[0]]), `${code}: rows drawn with the pack's captions and level words`);
    // No English caption remains, except where the pack's own caption is the same word.
    const enCaption = new Map(CATALOGUE.map((r) => [wnorm(r.label), r.id]));
    const english = rows.filter((r, i) => enCaption.has(wnorm(r.label)) && wnorm(first(pack.scopes[want[i].id])) !== wnorm(r.label));
    eq(english.map((r) => r.label), [], `${code}: no English scope caption the pack does not use`);
    const form = await page.evaluate(() => {
      const text = (el) => (el ? el.textContent.trim() : null);
      const labels = [...document.querySelectorAll('main label')].slice(0, 3);
      return {
        h1: text(document.querySelector('h1')),
        back: text(document.querySelector('main a')),
        h2: [...document.querySelectorAll('main h2')].map(text),
        labels: labels.map(text),
        token: document.querySelector('input[role=combobox]')?.value,
        apiPath: labels[2]?.control?.value,
        footer: [...document.querySelectorAll('button')].slice(-2).map((b) => [text(b), b.disabled]),
      };
    });
    eq(form, { h1: P.title, back: P.list_title, h2: [P.oauth_scopes], labels: [P.token_type, P.name, P.api_path], token: P.token_v2v3,
      apiPath: cfg.apiPath, footer: [[P.cancel, false], [P.save, true]] }, `${code}: title, back link, field labels, token type, footer`);
    eq(await englishLeft(page, pack, ALL), [], `${code}: no en-US text the pack does not use (form)`);
    // state().levels follows clicks on the translated words; Save opens the modal.
    const orders = want.find((r) => r.id === 'orders');
    const meta = want.find((r) => r.id === 'metafields_access');
    await page.evaluate(({ clicks, save }) => {
      const text = (el) => (el ? el.textContent.trim() : null);
      for (const [label, option] of clicks) {
        const l = [...document.querySelectorAll('label')].find((x) => text(x) === label);
        [...document.getElementById(l.htmlFor).querySelectorAll('button')].find((b) => text(b) === option).click();
      }
      const name = [...document.querySelectorAll('main input')].find((i) => !i.readOnly && i.getAttribute('role') !== 'combobox');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(name, 'Lang test');
      name.dispatchEvent(new Event('input', { bubbles: true }));
      return new Promise((res) => setTimeout(() => {
        [...document.querySelectorAll('button')].find((b) => text(b) === save).click();
        res();
      }, 20));
    }, { clicks: [[orders.label, orders.levels[2]], [meta.label, meta.levels[1]]], save: P.save });
    await page.getByRole('dialog').waitFor({ timeout: 3000 });
    const s1 = await state(page);
    eq([s1.name, s1.levels.orders, s1.levels.metafields_access, s1.levels.content, s1.scopes[orders.label], s1.scopes[meta.label]],
      ['Lang test', 'modify', 'full', 'none', orders.levels[2], meta.levels[1]], `${code}: state().levels and scopes track clicks`);
    const info = await page.evaluate(() => {
      const d = document.querySelector('[role=dialog]');
      return {
        title: d.querySelector('h2')?.textContent,
        fields: [...d.querySelectorAll('input')].map((i) => i.labels[0] && i.labels[0].textContent),
        buttons: [...d.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') || b.textContent.trim()),
        text: d.textContent,
        toast: document.querySelector('[role=alert]')?.textContent || '',
      };
    });
    eq([info.title, info.fields, info.buttons], [D.title, [D.client_id, D.client_secret, D.access_token], [D.copy, D.copy, D.copy, D.done]],
      `${code}: modal title, field labels, Copy aria-label, Done`);
    ok(info.text.includes(D.download_note) && info.text.includes(D.warning), `${code}: modal note and warning`);
    ok(info.toast.includes(P.toast_title) && info.toast.includes(P.toast_text), `${code}: toast`, info.toast);
    eq(await englishLeft(page, pack, ALL), [], `${code}: no en-US text the pack does not use (modal, toast)`);
    // Done, then Cancel → the list, in the language.
    await page.evaluate(({ done, cancel }) => {
      const text = (el) => (el ? el.textContent.trim() : null);
      [...document.querySelectorAll('[role=dialog] button')].find((b) => text(b) === done).click();
      return new Promise((res) => setTimeout(() => {
        [...document.querySelectorAll('button')].find((b) => text(b) === cancel).click();
        res();
      }, 20));
    }, { done: D.done, cancel: P.cancel });
    await page.waitForFunction(() => window.__replica.state().route === 'list' && document.querySelector('table'));
    const list = await page.evaluate(() => {
      const text = (el) => (el ? el.textContent.trim() : null);
      return {
        dialogs: document.querySelectorAll('[role=dialog]').length,
        h1: text(document.querySelector('h1')),
        columns: [...document.querySelectorAll('th')].map(text),
        button: text(document.querySelector('main button')),
        link: text(document.querySelector('main a[href="#legacy"]')),
      };
    });
    eq(list, { dialogs: 0, h1: P.list_title, columns: [P.column_account_name, P.column_scopes, P.column_webhooks], button: P.create_api_account, link: P.legacy_link },
      `${code}: Done closed the modal; list title, columns, button, legacy link`);
    const listTexts = await pageTexts(page, true);
    ok([P.no_accounts, P.list_intro, P.settings].every((t) => listTexts.includes(t)), `${code}: list texts`);
    eq(await englishLeft(page, pack, ['page', 'dialog']), [], `${code}: no en-US text the pack does not use (list)`);
    if (code === 'ja-JP') await shot(page, 'lang-ja-list');
  };
  await inTwoTabs(LANGS, one);
});

await step('lang= codes: any case, _ or -, bare language; unknown → en-US', async () => {
  const page = await open(`${LIST}`, { waitReady: false });
  await page.waitForFunction(() => window.__replica && window.__replica.config);
  eq([(await config(page)).lang, await htmlLang(page)], ['en-US', 'en'], 'no lang=: en-US, <html lang="en"> as before');
  await visit(page, `${LIST}?lang=uk_ua`, { waitReady: false });
  eq([(await config(page)).lang, await htmlLang(page)], ['uk-UA', 'uk-UA'], 'lang=uk_ua: <html lang="uk-UA">');
  const cases = [['pt_br', 'pt-BR'], ['PT-BR', 'pt-BR'], ['pt', 'pt-BR'], ['fr', 'fr-FR'], ['es', 'es-ES'], ['es_MX', 'es-419'],
    ['no', 'no-NO'], ['nb', 'no-NO'], ['zh', 'zh-CN'], ['ko', 'ko-KR'], ['ja', 'ja-JP'], ['xx-YY', 'en-US']];
  const got = new Map();
  await inTwoTabs(cases.map(([raw]) => raw), async (tab, raw) => {
    await visit(tab, `${LIST}?lang=${raw}`, { waitReady: false }); // the list: the lightest page
    got.set(raw, await tab.evaluate(() => window.__replica.config.lang));
  });
  eq(cases.map(([raw]) => [raw, got.get(raw)]), cases, 'lang= resolves to the pack');
});

await step('lang=pseudo: accented, lengthened, bracketed; no pack text anywhere', async () => {
  const page = await open(`${CREATE}?lang=pseudo&b2b=1&extra=Infrastructure Deployments,Widgets Beta`);
  const cfg = await config(page);
  eq([cfg.lang, cfg.htmlLang, await htmlLang(page)], ['pseudo', 'en-XA', 'en-XA'], 'config.lang pseudo, <html lang="en-XA">');
  const content = cfg.rows.find((r) => r.id === 'content');
  eq([content.label, content.levels], ['[Ĉöñţéñţ ·····]', ['[Ñöñé ··]', '[ŕéåð-öñļý ····]', '[ɱöðîƒý ···]']], 'Content / None / read-only / modify');
  eq(await saveButtonIn(page, { save: '[Šåvé ··]' }).count(), 1, 'Save → [Šåvé ··]');
  ok(cfg.rows.every((r) => /^\[.+ ·+\]$/.test(r.label) && r.levels.every((l) => /^\[.+ ·+\]$/.test(l))), 'every caption and level word bracketed',
    cfg.rows.map((r) => r.label));
  eq(cfg.rows.map((r) => r.levelKeys), [...CATALOGUE, ...B2B].map((r) => r.levelKeys).concat([['none', 'read-only', 'create preview', 'manage'], ['none', 'read-only', 'modify']]), 'level keys as in en-US');
  const allPacks = new Set(LANGS.flatMap((c) => [...packWords(PACKS[c])]));
  await choose(page, 'toggle', content.label, content.levels[2]);
  eq((await state(page)).levels.content, 'modify', 'state().levels tracks a click');
  await page.getByLabel('[Ñåɱé ··]', { exact: true }).fill('Pseudo app');
  await saveButtonIn(page, { save: '[Šåvé ··]' }).click();
  await page.getByRole('dialog').waitFor({ timeout: 3000 });
  const texts = await pageTexts(page);
  const clash = texts.filter((t) => allPacks.has(wnorm(t)));
  eq(clash, [], 'no text on the page (chrome, form, toast, modal) equals any pack text');
  const enCaptions = new Set(Object.values(EN.scopes).flat().map((t) => t.trim()));
  eq(texts.filter((t) => enCaptions.has(t)), [], 'no text equals an en-US caption');
  const labels = await page.getByRole('dialog').evaluate((d) => [...d.querySelectorAll('input')].map((i) => i.labels[0].textContent));
  ok(labels.length === 3 && labels.every((l) => /^\[.+\]$/.test(l)), 'modal labels bracketed', labels);
  await shot(page, 'lang-pseudo-modal');
});

await step('htmllang=, captions=en, token=stencil in a language', async () => {
  const fr = flat(PACKS['fr-FR'].page);
  const page = await open(`${CREATE}?lang=fr&htmllang=en&download=0`);
  eq([await htmlLang(page), (await config(page)).lang, await page.locator('h1').textContent()], ['en', 'fr-FR', fr.title], 'lang=fr&htmllang=en: <html lang="en">, French content');
  await visit(page, `${CREATE}?htmllang=fr-FR&download=0`);
  eq([await htmlLang(page), (await config(page)).lang, await page.locator('h1').textContent()], ['fr-FR', 'en-US', 'Create account'], 'htmllang= alone: English content');

  const de = PACKS['de-DE'];
  const P = flat(de.page);
  await visit(page, `${CREATE}?lang=de&captions=en&download=0`);
  const cfg = await config(page);
  eq([cfg.lang, cfg.captions], ['de-DE', 'en-US'], 'config.captions en-US');
  eq(cfg.rows, packRows(de, CATALOGUE, true), 'captions=en: English captions, German level words');
  eq((await readRows(page, 'toggle', [P.oauth_scopes])).map((r) => r.label), CATALOGUE.map((r) => r.label), 'the rows drawn with English captions');
  eq([await page.locator('h1').textContent(), await saveButtonIn(page, P).count()], [P.title, 1], 'the rest in German');
  eq(await englishLeft(page, de, ['page', 'dialog', 'levels']), [], 'no other English text');
  await choose(page, 'toggle', 'Orders', first(de.levels.modify));
  const s = await state(page);
  eq([s.levels.orders, s.scopes.Orders], ['modify', first(de.levels.modify)], 'state().levels and scopes');

  const ko = PACKS['ko-KR'];
  const K = flat(ko.page);
  await visit(page, `${CREATE}?lang=ko&token=stencil&rows=radio&download=0`);
  const st = await state(page);
  eq([st.tokenType, st.access, (await config(page)).tokenTypes], [K.token_stencil, K.stencil_local, [K.token_v2v3, K.token_stencil]], 'stencil: token type and access as displayed');
  eq((await readRows(page, 'radio', [K.stencil_access_heading])).map((r) => [r.label, r.options]), [[K.stencil_access, [K.stencil_local, K.stencil_publish]]], 'stencil access row');
  await choose(page, 'radio', K.stencil_access, K.stencil_publish);
  eq((await state(page)).access, K.stencil_publish, 'access choice');
  await page.getByRole('combobox', { name: K.token_type, exact: true }).click();
  await page.getByRole('option', { name: K.token_v2v3, exact: true }).click();
  await page.getByRole('heading', { name: K.oauth_scopes, exact: true }).waitFor();
  eq((await readRows(page, 'radio', [K.oauth_scopes])).length, CATALOGUE.length, 'back to V2/V3: the scope rows');
});

await step('order=2026 / 2023, swap=, omit= and revert= by id', async () => {
  const page = await open(`${CREATE}?order=2026&download=0`);
  const r2026 = CATALOGUE.map((r) => (r.id === 'checkout_content' ? row('checkout_content', 'Checkout content', ['modify']) : r));
  eq([(await config(page)).order, (await config(page)).rows], ['2026', r2026], 'order=2026: Checkout content None | modify');
  eq((await readRows(page, 'toggle'))[1].options, ['None', 'modify'], 'drawn so');
  await visit(page, `${CREATE}?order=2023&download=0`);
  const r2023 = CATALOGUE.filter((r) => !['metafield_ownership', 'metafields_access'].includes(r.id));
  eq((await config(page)).rows, r2023, 'order=2023: no Metafield rows');
  eq((await readRows(page, 'toggle')).map((r) => r.label).at(-1), 'Order Fulfillment', 'ends at Order Fulfillment');

  await visit(page, `${CREATE}?swap=orders,products&rows=native&download=0`);
  const swapped = [...CATALOGUE];
  const [a, b] = [swapped.findIndex((r) => r.id === 'orders'), swapped.findIndex((r) => r.id === 'products')];
  [swapped[a], swapped[b]] = [swapped[b], swapped[a]];
  eq((await config(page)).rows, swapped, 'swap=orders,products: config.rows');
  eq((await readRows(page, 'native')).map((r) => r.label), swapped.map((r) => r.label), 'and the page');
  await visit(page, `${CREATE}?swap=Orders,Products&download=0`);
  eq((await config(page)).rows.map((r) => r.id), swapped.map((r) => r.id), 'swap= by caption');

  const ja = PACKS['ja-JP'];
  await visit(page, `${CREATE}?lang=ja&order=2026&swap=customers,marketing&omit=orders,store_logs&download=0`);
  const rows = (await config(page)).rows;
  ok(!rows.some((r) => ['orders', 'store_logs'].includes(r.id)), 'omit= by id');
  eq(rows.slice(2, 6).map((r) => r.id), ['marketing', 'customers_login', 'information_settings', 'customers'], 'swap with lang and order');
  eq(rows[1].levels, [first(ja.levels.none), first(ja.levels.modify)], 'order=2026 in Japanese');

  const de = PACKS['de-DE'];
  await visit(page, `${CREATE}?lang=de&revert=orders&download=0`);
  await choose(page, 'toggle', first(de.scopes.orders), first(de.levels.modify));
  eq((await state(page)).levels.orders, 'modify', 'revert=orders (id): modify at first');
  await settle(page, 350);
  eq([(await state(page)).levels.orders, (await state(page)).scopes[first(de.scopes.orders)]], ['none', first(de.levels.none)], 'then back to None');
});

await step('the .txt download: English labels, txt=local the pack\'s', async () => {
  const page = await open(`${LIST}`, { waitReady: false });
  const fileOf = async (urlPath, name, code = 'en-US') => {
    const P = flat(PACKS[code].page);
    await visit(page, urlPath);
    await page.getByLabel(P.name, { exact: true }).fill(name);
    const downloadP = page.waitForEvent('download', { timeout: 5000 });
    await saveButtonIn(page, P).click();
    const d = await downloadP;
    const creds = await page.evaluate(() => window.__replica.lastCredentials);
    return [fs.readFileSync(await d.path(), 'utf8'), creds, d.suggestedFilename()];
  };
  let [file, c] = await fileOf(`${CREATE}?lang=fr`, 'Compte FR', 'fr-FR');
  eq(file, `ACCESS TOKEN: ${c.access_token}\nCLIENT NAME: Compte FR\nAPI PATH: ${c.api_path}\nCLIENT ID: ${c.client_id}\nCLIENT SECRET: ${c.client_secret}\nNAME: Compte FR\n`, 'lang=fr: English labels');
  [file, c] = await fileOf(`${CREATE}?lang=fr&txt=local`, 'Compte FR', 'fr-FR');
  eq(file, `JETON D'ACCÈS: ${c.access_token}\nNOM DU COMPTE: Compte FR\nCHEMIN D'API: ${c.api_path}\nID CLIENT: ${c.client_id}\nSECRET CLIENT: ${c.client_secret}\nNOM: Compte FR\n`, 'lang=fr&txt=local: the pack\'s labels, uppercased');
  let name;
  [file, c, name] = await fileOf(`${CREATE}?lang=ja&txt=local`, 'テスト app', 'ja-JP');
  eq([file.split('\n')[0], file.split('\n')[3], name], [`アクセストークン: ${c.access_token}`, `クライアント ID: ${c.client_id}`, 'api-credentials-app.txt'], 'lang=ja&txt=local');
  [file, c] = await fileOf(`${CREATE}?txt=local`, 'English one');
  ok(file.startsWith('ACCESS TOKEN: '), 'en-US ignores txt=local');
});

await step('screenshots', async () => {
  if (!shotsDir) {
    ok(true, 'skipped (no --screenshots)');
    return;
  }
  const page = await open(`${CREATE}?download=0`);
  for (const [l, v] of [['Store Locations', 'modify'], ['Store Inventory', 'modify'], ['Fulfillment Methods', 'modify'], ['Order Fulfillment', 'modify'], ['Metafields Access', 'full']]) {
    await choose(page, 'toggle', l, v);
  }
  await nameInput(page).fill('Demo app');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await settle(page, 100);
  await shot(page, 'toggle-metafields-footer');
  await saveButton(page).click();
  await page.getByRole('dialog').waitFor();
  await settle(page, 100);
  await shot(page, 'credentials-modal-bottom');
  const list = await open(LIST, { waitReady: false });
  await list.getByRole('heading', { name: 'Store-level API accounts' }).waitFor();
  await shot(list, 'list-page');
  for (const v of ['select', 'radio', 'native', 'toggle-caption']) {
    const p = await open(`${CREATE}?rows=${v}&b2b=1`);
    await shot(p, `rows-${v}`);
  }
  for (const l of ['ja', 'pseudo', 'de']) {
    const p = await open(`${CREATE}?lang=${l}&b2b=1`);
    await shot(p, `lang-${l}-top`);
    await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await settle(p, 100);
    await shot(p, `lang-${l}-bottom`);
  }
  ok(true, `written to ${shotsDir}`);
});

await step('no console errors, CSP violations or foreign requests', async () => {
  for (const p of openPages.splice(0)) await p.close();
  eq(problems, [], 'problems');
});

await context.close();
await server.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
const secs = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) {
  console.log(`replica check: FAIL, ${failures.length} failed, ${passed} passed (${secs} s)`);
  process.exit(1);
}
console.log(`replica check: PASS, ${passed} checks (${secs} s)`);
process.exit(0);

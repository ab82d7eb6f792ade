// End-to-end check of the BigCommerce "Create API account" replica.
//   node www/check-replica.mjs [--screenshots DIR] [--verbose]
// Starts www/serve.mjs (strict CSP), drives headless Chromium through playwright-core
// like a user, and checks the DOM contract, the state, the dialog and the download.
// Exit 0: all passed. Exit 1: a check failed. Exit 77: no browser/playwright (skipped).
// Chromium path: $CHROMIUM_PATH, else /usr/bin/chromium.

import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { startServer, resolveReplica, STRICT_CSP } from './serve.mjs';

const args = process.argv.slice(2);
const shotsDir = args.includes('--screenshots') ? args[args.indexOf('--screenshots') + 1] : null;
const verbose = args.includes('--verbose');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CREATE = '/manage/settings/api-accounts/create';
const LIST = '/manage/settings/api-accounts';

// Independent copy of the catalogue in shared/bigcommerce.md (label, levels besides None).
const CATALOGUE = [
  ['Content', ['read-only', 'modify']],
  ['Checkout Content', ['read-only', 'modify']],
  ['Customers', ['read-only', 'modify']],
  ['Customers Login', ['login']],
  ['Information & Settings', ['read-only', 'modify']],
  ['Marketing', ['read-only', 'modify']],
  ['Orders', ['read-only', 'modify']],
  ['Order Transactions', ['read-only', 'modify']],
  ['Create Payments', ['create']],
  ['Get Payment Methods', ['read-only']],
  ['Stored Payment Instruments', ['read-only', 'modify']],
  ['Products', ['read-only', 'modify']],
  ['Themes', ['read-only', 'modify']],
  ['Carts', ['read-only', 'modify']],
  ['Checkouts', ['read-only', 'modify']],
  ['Sites & Routes', ['read-only', 'modify']],
  ['Channel Settings', ['read-only', 'modify']],
  ['Channel Listings', ['read-only', 'modify']],
  ['Storefront API Tokens', ['manage']],
  ['Storefront API Customer Impersonation Tokens', ['manage']],
  ['Store Inventory', ['read-only', 'modify']],
  ['Store Locations', ['read-only', 'modify']],
  ['Fulfillment Methods', ['read-only', 'modify']],
  ['Order Fulfillment', ['read-only', 'modify']],
  ['Store Translations', ['read-only', 'modify']],
  ['Store Logs', ['read-only']],
  ['Metafield Ownership', ['manage']],
  ['Metafields Access', ['standard', 'full']],
  ['App Extensions', ['manage']],
];
const expectRows = (rows) => rows.map(([label, levels]) => ({ label, options: ['None', ...levels] }));

// ---- reporting -------------------------------------------------------------------------------
let passed = 0;
const failures = [];
let section = '';
function ok(cond, what, detail) {
  if (cond) {
    passed += 1;
    if (verbose) console.log(`  ok  ${section}: ${what}`);
  } else {
    failures.push(`${section}: ${what}${detail === undefined ? '' : ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
    console.log(`  FAIL ${section}: ${what}${detail === undefined ? '' : ` — ${JSON.stringify(detail)}`}`);
  }
  return cond;
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function eq(actual, expected, what) {
  return ok(same(actual, expected), what, same(actual, expected) ? undefined : { actual, expected });
}
async function step(name, fn) {
  section = name;
  const before = failures.length;
  try {
    await fn();
  } catch (err) {
    ok(false, 'threw', String(err && err.stack ? err.stack.split('\n').slice(0, 4).join(' | ') : err));
  }
  console.log(`${failures.length === before ? 'PASS' : 'FAIL'}  ${name}`);
}

// ---- environment -------------------------------------------------------------------------------
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('SKIP: playwright-core is not installed (npm install)');
  process.exit(77);
}
if (!fs.existsSync(CHROMIUM)) {
  console.log(`SKIP: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  process.exit(77);
}
const watchdog = setTimeout(() => {
  console.log('FAIL: check timed out after 240 s');
  process.exit(1);
}, 240000);
watchdog.unref();

const server = await startServer({ port: 0, csp: 'strict' });
const base = server.url;
const port = server.port;
const HOSTED = 'store-h0st7ash.mybigcommerce.com';
const allowedOrigins = new Set([base, `http://${HOSTED}:${port}`]);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', `--host-resolver-rules=MAP ${HOSTED} 127.0.0.1`],
});

const pageProblems = [];
async function openPage(urlPath, { origin = base, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  if (origin === base) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await context.exposeBinding('__reportCspViolation', (_source, text) => pageProblems.push(`${urlPath}: CSP violation ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const label = urlPath;
  page.on('pageerror', (e) => pageProblems.push(`${label}: page error ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') pageProblems.push(`${label}: console ${m.type()} ${m.text()}`);
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'blob:' || u.protocol === 'data:') return;
    const own = allowedOrigins.has(u.origin)
      && (u.pathname.startsWith('/manage/replica/') || [LIST, CREATE, '/manage/shell'].includes(u.pathname));
    if (!own) pageProblems.push(`${label}: unexpected request ${r.url()}`);
  });
  await page.goto(origin + urlPath);
  return { page, context };
}
const ready = (page) => page.waitForFunction(() => window.__replica && window.__replica.ready === true, null, { timeout: 5000 });
const state = (page) => page.evaluate(() => window.__replica.state());
async function shot(page, name) {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

// Reads every choice widget in document order from the DOM contract: [{ label, options }].
function readWidgets(page, kind) {
  return page.evaluate((k) => {
    const byId = (id) => document.getElementById(id);
    const text = (el) => (el ? el.textContent.trim() : null);
    const out = [];
    if (k === 'select') {
      for (const sel of document.querySelectorAll('select')) {
        const label = document.querySelector(`label[for="${sel.id}"]`);
        out.push({ label: text(label), options: [...sel.options].map((o) => o.textContent.trim()), values: [...sel.options].map((o) => o.value), current: sel.value });
      }
    } else if (k === 'radio') {
      for (const g of document.querySelectorAll('[role="radiogroup"]')) {
        const inputs = [...g.querySelectorAll('input[type="radio"]')];
        out.push({
          label: text(byId(g.getAttribute('aria-labelledby'))),
          options: inputs.map((i) => text(i.closest('label'))),
          values: inputs.map((i) => i.value),
          names: [...new Set(inputs.map((i) => i.name))].length,
          current: (inputs.find((i) => i.checked) || {}).value,
        });
      }
    } else {
      for (const input of document.querySelectorAll('input[role="combobox"]')) {
        const labelEl = byId(input.getAttribute('aria-labelledby'));
        const list = byId(input.getAttribute('aria-controls'));
        const toggle = input.parentElement.querySelector('button[aria-label="toggle menu"]');
        const closedEmpty = list && list.getAttribute('role') === 'listbox' && list.children.length === 0;
        input.click();
        const opts = [...list.querySelectorAll('li[role="option"]')];
        const openOk = input.getAttribute('aria-expanded') === 'true' && opts.every((li) => li.id && li.hasAttribute('aria-selected'));
        const selectedText = (opts.find((li) => li.getAttribute('aria-selected') === 'true') || {}).textContent;
        const activeOk = input.getAttribute('aria-activedescendant') === (opts.find((li) => li.getAttribute('aria-selected') === 'true') || {}).id;
        input.click();
        out.push({
          label: text(labelEl),
          options: opts.map((li) => li.textContent.trim()),
          current: input.value,
          wiring: Boolean(labelEl && labelEl.tagName === 'LABEL' && labelEl.getAttribute('for') === input.id
            && input.readOnly && input.getAttribute('aria-autocomplete') === 'list' && input.hasAttribute('aria-activedescendant')
            && toggle && toggle.type === 'button' && toggle.getAttribute('tabindex') === '-1'),
          closedEmpty,
          openOk,
          activeOk,
          selectedText,
          closedAgain: list.children.length === 0 && input.getAttribute('aria-expanded') === 'false',
        });
      }
    }
    return out;
  }, kind);
}

// Picks one level in the row `label` the way a user would.
async function pick(page, kind, label, level, root = page) {
  if (kind === 'select') {
    await root.getByLabel(label, { exact: true }).selectOption({ label: level });
  } else if (kind === 'radio') {
    await root.getByRole('radiogroup', { name: label, exact: true }).getByText(level, { exact: true }).click();
  } else {
    await root.getByRole('combobox', { name: label, exact: true }).click();
    await root.getByRole('option', { name: level, exact: true }).click();
  }
}
async function shown(page, kind, label, root = page) {
  if (kind === 'select') return root.getByLabel(label, { exact: true }).inputValue();
  if (kind === 'radio') {
    return root.getByRole('radiogroup', { name: label, exact: true })
      .evaluate((g) => (g.querySelector('input:checked') || {}).value || null);
  }
  return root.getByRole('combobox', { name: label, exact: true }).inputValue();
}

const ID_RE = /^[a-z0-9]{31}$/;
const SECRET_RE = /^[0-9a-f]{64}$/;

async function checkDialog(page, creds, { asText = false } = {}) {
  const dialog = page.getByRole('dialog', { name: 'BigCommerce API Credentials' });
  ok(await dialog.count() === 1, 'one dialog named "BigCommerce API Credentials"');
  const info = await dialog.evaluate((d) => ({
    parentIsBody: d.parentElement === document.body,
    modal: d.getAttribute('aria-modal'),
    h2: (document.getElementById(d.getAttribute('aria-labelledby')) || {}).tagName,
    warning: /only time/i.test(d.textContent),
    copies: [...d.querySelectorAll('button')].filter((b) => b.textContent.trim() === 'Copy').length,
    done: [...d.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Done'),
    inputs: d.querySelectorAll('input').length,
    dl: [...d.querySelectorAll('dl > dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling.querySelector('code').textContent]),
  }));
  ok(info.parentIsBody && info.modal === 'true' && info.h2 === 'H2', 'dialog appended to body, aria-modal, titled by <h2>', info);
  ok(info.warning && info.copies === 3 && info.done, 'warning text, 3 Copy buttons and Done', info);
  const expected = [['Client ID', creds.client_id], ['Client Secret', creds.client_secret], ['Access Token', creds.access_token]];
  if (asText) {
    ok(info.inputs === 0, 'dialog=text shows no inputs');
    eq(info.dl, expected, 'dialog=text <dl><dt>label</dt><dd><code>value</code> … pairs');
  } else {
    const values = [];
    for (const [label] of expected) {
      const field = dialog.getByLabel(label, { exact: true });
      values.push([label, await field.inputValue()]);
      ok(await field.evaluate((i) => i.readOnly), `${label} field is read-only`);
    }
    eq(values, expected, 'dialog inputs (by label) hold lastCredentials');
  }
  return dialog;
}

// ---- unit checks: server ---------------------------------------------------------------------------
await step('serve.mjs resolveReplica / headers', async () => {
  const file = (p) => {
    const r = resolveReplica(p);
    return r ? path.basename(r.file) : null;
  };
  eq(file('/manage/settings/api-accounts'), 'create.html', 'list route → create.html');
  eq(file('/manage/settings/api-accounts/create'), 'create.html', 'create route → create.html');
  eq(file('/manage/shell'), 'shell.html', '/manage/shell → shell.html');
  eq(file('/manage/replica/replica.css'), 'replica.css', 'static asset');
  eq(resolveReplica('/manage/replica/replica.js').contentType, 'text/javascript; charset=utf-8', 'js content type');
  for (const bad of ['/manage/replica/../serve.mjs', '/manage/replica/%2e%2e/x', '/manage/replica/..%2fserve.mjs', '/manage/replica/', '/manage/replica/sub/x.js', '/nope', '/manage/replica/missing.js']) {
    eq(resolveReplica(bad), null, `rejects ${bad}`);
  }
  const head = (url) => new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.resume();
      resolve({ status: res.statusCode, csp: res.headers['content-security-policy'], type: res.headers['content-type'] });
    }).on('error', reject);
  });
  const r = await head(`${base}${CREATE}?x=1`);
  ok(r.status === 200 && r.csp === STRICT_CSP && r.type.startsWith('text/html'), 'strict CSP header on pages', r);
  const r404 = await head(`${base}/manage/replica/..%2f..%2fetc%2fpasswd`);
  eq(r404.status, 404, 'traversal is 404');
  const open = await startServer({ csp: 'none' });
  const r2 = await head(`${open.url}${CREATE}`);
  ok(r2.status === 200 && r2.csp === undefined, 'csp:none sends no CSP header', r2);
  await open.close();
});

// ---- per widget kind: structure, user flow, save ------------------------------------------------
for (const kind of ['select', 'radio', 'combobox']) {
  await step(`widget=${kind}: structure, fill like a user, Save`, async () => {
    const { page, context } = await openPage(`${CREATE}?widget=${kind}&store=teststore01`);
    await ready(page);
    ok(await page.getByRole('heading', { level: 1, name: 'Create API account' }).count() === 1, 'h1 "Create API account"');
    ok(await page.getByRole('heading', { level: 2, name: 'OAuth scopes' }).count() === 1, 'h2 "OAuth scopes"');
    eq(await page.getByLabel('API path', { exact: true }).inputValue(), 'https://api.bigcommerce.com/stores/teststore01/v3/', 'API path from ?store=');
    ok(await page.getByLabel('API path', { exact: true }).evaluate((i) => i.readOnly), 'API path is read-only');
    const nameInfo = await page.getByLabel('Name', { exact: true }).evaluate((i) => ({ type: i.type, tag: i.tagName, help: document.getElementById(i.getAttribute('aria-describedby').split(' ')[0]).textContent }));
    eq(nameInfo, { type: 'text', tag: 'INPUT', help: 'At least 4 characters' }, 'Name <input type=text> with helper text');

    const widgets = await readWidgets(page, kind);
    eq(widgets[0].label, 'Token type', 'first widget is "Token type"');
    eq(widgets[0].options, ['V2/V3 API token', 'Stencil-CLI token'], 'token type choices');
    eq(widgets[0].current, 'V2/V3 API token', 'token type default V2/V3');
    const rows = widgets.slice(1);
    eq(rows.map((w) => ({ label: w.label, options: w.options })), expectRows(CATALOGUE), '29 scope rows: labels, order, None + levels');
    ok(rows.every((w) => w.current === 'None'), 'every row starts at None');
    if (kind === 'select') ok(rows.every((w) => same(w.values, w.options)), 'option values equal their text');
    if (kind === 'radio') ok(rows.every((w) => w.names === 1 && same(w.values, w.options)), 'one name per group, values = text');
    if (kind === 'combobox') {
      ok(widgets.every((w) => w.wiring), 'label[for]/aria-labelledby, readonly, aria-autocomplete, toggle button wiring');
      ok(widgets.every((w) => w.closedEmpty && w.closedAgain), 'listbox has no <li> while closed');
      ok(widgets.every((w) => w.openOk && w.activeOk), 'open: <li role=option id aria-selected>, activedescendant = selected');
    }

    const picks = { Orders: 'modify', Products: 'read-only', 'Customers Login': 'login', 'Metafields Access': 'full', 'App Extensions': 'manage', 'Sites & Routes': 'read-only' };
    for (const [label, level] of Object.entries(picks)) await pick(page, kind, label, level);
    for (const [label, level] of Object.entries(picks)) eq(await shown(page, kind, label), level, `widget shows ${label} = ${level}`);
    const nameBox = page.getByLabel('Name', { exact: true });
    await nameBox.click();
    await nameBox.pressSequentially('Acme ERP sync');
    const s = await state(page);
    const expectedScopes = Object.fromEntries(CATALOGUE.map(([l]) => [l, picks[l] || 'None']));
    const finalScopes = { ...expectedScopes, Checkouts: 'read-only', Carts: kind === 'radio' ? 'modify' : 'read-only' };
    eq(s, { route: 'create', tokenType: 'V2/V3 API token', name: 'Acme ERP sync', access: 'local development only', scopes: expectedScopes }, 'state() after user input');

    // Controlled widgets: writes without events do not stick.
    if (kind === 'select') {
      await page.getByLabel('Carts', { exact: true }).evaluate((el) => { el.value = 'modify'; });
    } else if (kind === 'radio') {
      await page.getByRole('radiogroup', { name: 'Carts' }).evaluate((g) => { g.querySelector('input[value="modify"]').checked = true; });
    } else {
      await page.getByRole('combobox', { name: 'Carts', exact: true }).evaluate((el) => { el.value = 'modify'; });
    }
    eq((await state(page)).scopes.Carts, 'None', 'eventless write does not change state');
    await pick(page, kind, 'Checkouts', 'read-only'); // any state change re-renders
    eq(await shown(page, kind, 'Carts'), 'None', 'eventless write is reset at the next render');
    if (kind === 'select') {
      await page.getByLabel('Carts', { exact: true }).evaluate((el) => { el.value = 'modify'; el.dispatchEvent(new Event('input', { bubbles: true })); });
      eq((await state(page)).scopes.Carts, 'None', 'select: .value + `input` event only is ignored (React uses change)');
      await page.getByLabel('Carts', { exact: true }).evaluate((el) => { el.value = 'read-only'; el.dispatchEvent(new Event('change', { bubbles: true })); });
      eq((await state(page)).scopes.Carts, 'read-only', 'select: .value + `change` event updates state');
    } else if (kind === 'radio') {
      const g = page.getByRole('radiogroup', { name: 'Carts' });
      await g.evaluate((el) => { const i = el.querySelector('input[value="modify"]'); i.checked = true; i.dispatchEvent(new Event('change', { bubbles: true })); });
      eq((await state(page)).scopes.Carts, 'None', 'radio: .checked + `change` event is ignored (React listens to click)');
      await g.evaluate((el) => el.querySelector('input[value="read-only"]').click());
      eq((await state(page)).scopes.Carts, 'read-only', 'radio: el.click() updates state');
      await g.locator('input[value="read-only"]').focus();
      await page.keyboard.press('ArrowRight');
      eq((await state(page)).scopes.Carts, 'modify', 'radio: arrow key in the group updates state');
    } else {
      const cb = page.getByRole('combobox', { name: 'Carts', exact: true });
      await cb.evaluate((el) => {
        el.click();
        const list = document.getElementById(el.getAttribute('aria-controls'));
        [...list.querySelectorAll('[role="option"]')].find((li) => li.textContent === 'read-only').click();
      });
      eq([(await state(page)).scopes.Carts, await cb.inputValue()], ['read-only', 'read-only'], 'combobox: programmatic input.click() + option.click() updates state');
    }

    // React value tracker on Name.
    const tracker = await nameBox.evaluate((el) => {
      el.value = 'page-world write';
      el.dispatchEvent(new Event('input', { bubbles: true }));
      const afterPlain = window.__replica.state().name;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      setter.call(el, 'Acme ERP sync 2');
      el.dispatchEvent(new Event('input', { bubbles: true }));
      return { afterPlain, afterNative: window.__replica.state().name, own: Object.prototype.hasOwnProperty.call(el, 'value') };
    });
    eq(tracker, { afterPlain: 'Acme ERP sync', afterNative: 'Acme ERP sync 2', own: true }, 'value tracker: el.value+input ignored, native setter+input accepted');

    eq((await state(page)).scopes, finalScopes, 'scopes in state before Save');
    if (kind === 'select') await shot(page, `form-${kind}`);
    if (kind === 'radio') await shot(page, `form-${kind}`);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 5000 }),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    const creds = await page.evaluate(() => window.__replica.lastCredentials);
    ok(ID_RE.test(creds.client_id) && SECRET_RE.test(creds.client_secret) && ID_RE.test(creds.access_token), 'credential shapes (31 [a-z0-9], 64 hex, 31 [a-z0-9])', creds);
    eq({ api_path: creds.api_path, name: creds.name }, { api_path: 'https://api.bigcommerce.com/stores/teststore01/v3/', name: 'Acme ERP sync 2' }, 'lastCredentials api_path and name');
    await checkDialog(page, creds);
    if (kind === 'combobox') await shot(page, 'dialog-inputs');
    eq(download.suggestedFilename(), 'api-credentials-Acme-ERP-sync-2.txt', 'download file name');
    const file = fs.readFileSync(await download.path(), 'utf8');
    eq(file, `ACCESS TOKEN: ${creds.access_token}\nCLIENT NAME: Acme ERP sync 2\nAPI PATH: ${creds.api_path}\nCLIENT ID: ${creds.client_id}\nCLIENT SECRET: ${creds.client_secret}\nNAME: Acme ERP sync 2\n`, 'download .txt lines (LF, in order)');

    // Copy → clipboard.
    await page.getByRole('dialog').getByRole('button', { name: 'Copy' }).nth(1).click();
    eq(await page.evaluate(() => navigator.clipboard.readText()), creds.client_secret, 'Copy (Client Secret) writes the clipboard');

    await page.getByRole('button', { name: 'Done', exact: true }).click();
    eq(await page.getByRole('dialog').count(), 0, 'Done removes the dialog');

    // A second save → history.
    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
    const api = await page.evaluate(() => ({ saves: window.__replica.saves, history: window.__replica.history, last: window.__replica.lastCredentials }));
    ok(api.saves === 2 && api.history.length === 2 && same(api.history[0], creds) && same(api.history[1], api.last) && api.last.client_id !== creds.client_id,
      'saves, history (in order), lastCredentials after a second Save', { saves: api.saves, n: api.history.length });
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await context.close();
  });
}

await step('validation: short name', async () => {
  const { page, context } = await openPage(`${CREATE}?widget=select`);
  await ready(page);
  await page.getByLabel('Name', { exact: true }).fill('  ab  ');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  ok(await page.getByText('Name must be at least 4 characters', { exact: true }).isVisible(), 'inline error shown');
  ok(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid') === 'true', 'Name aria-invalid');
  await page.waitForTimeout(100);
  eq(await page.getByRole('dialog').count(), 0, 'no dialog');
  eq(await page.evaluate(() => [window.__replica.saves, window.__replica.lastCredentials]), [0, null], 'no credentials');
  await shot(page, 'validation-error');
  await page.getByLabel('Name', { exact: true }).fill('abcd');
  ok(!(await page.getByText('Name must be at least 4 characters').isVisible()), 'error clears when name becomes valid');
  await context.close();
});

await step('combobox keyboard, outside click, one open at a time', async () => {
  const { page, context } = await openPage(`${CREATE}`);
  await ready(page);
  const carts = page.getByRole('combobox', { name: 'Carts', exact: true });
  const themes = page.getByRole('combobox', { name: 'Themes', exact: true });
  const listOf = (cb) => cb.evaluate((el) => document.getElementById(el.getAttribute('aria-controls')).querySelectorAll('li').length);
  await carts.focus();
  await page.keyboard.press('ArrowDown');
  eq([await carts.getAttribute('aria-expanded'), await listOf(carts)], ['true', 3], 'ArrowDown opens (3 options)');
  const active1 = await carts.getAttribute('aria-activedescendant');
  await page.keyboard.press('ArrowDown');
  const active2 = await carts.getAttribute('aria-activedescendant');
  ok(active1 && active2 && active1 !== active2 && await page.locator(`[id="${active2}"]`).textContent() === 'read-only', 'ArrowDown moves aria-activedescendant to read-only');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  eq([(await state(page)).scopes.Carts, await carts.inputValue(), await listOf(carts), await carts.getAttribute('aria-expanded')], ['read-only', 'read-only', 0, 'false'], 'Enter selects the highlighted option and closes');
  await page.keyboard.press(' ');
  eq(await listOf(carts), 3, 'Space opens');
  await page.keyboard.press('Escape');
  eq([await listOf(carts), (await state(page)).scopes.Carts], [0, 'read-only'], 'Escape closes without change');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  eq((await state(page)).scopes.Carts, 'None', 'Enter opens; ArrowUp + Enter picks None');
  await page.keyboard.press('ArrowUp');
  eq(await listOf(carts), 3, 'ArrowUp opens');
  await themes.click();
  eq([await listOf(carts), await listOf(themes)], [0, 3], 'opening another closes the first');
  await page.getByRole('heading', { level: 1 }).click();
  eq(await listOf(themes), 0, 'click outside closes');
  await page.getByRole('combobox', { name: 'Themes', exact: true }).locator('xpath=..').getByRole('button', { name: 'toggle menu' }).click();
  eq(await listOf(themes), 3, 'toggle button opens');
  await page.keyboard.press('Tab');
  eq(await listOf(themes), 0, 'Tab / blur closes');
  await context.close();
});

await step('token type: Stencil replaces scopes; back re-renders fresh widgets', async () => {
  for (const kind of ['select', 'radio', 'combobox']) {
    const { page, context } = await openPage(`${CREATE}?widget=${kind}`);
    await ready(page);
    await pick(page, kind, 'Orders', 'read-only');
    const role = { select: 'combobox', radio: 'radiogroup', combobox: 'combobox' }[kind];
    const before = await page.getByRole(role, { name: 'Orders', exact: true }).elementHandle();
    await pick(page, kind, 'Token type', 'Stencil-CLI token');
    eq(await page.getByRole('heading', { name: 'OAuth scopes' }).count(), 0, `${kind}: no OAuth scopes in Stencil mode`);
    const access = (await readWidgets(page, kind)).find((w) => w.label === 'Access');
    eq(access && access.options, ['local development only', 'publish theme'], `${kind}: Access choice`);
    await pick(page, kind, 'Access', 'publish theme');
    eq((await state(page)).access, 'publish theme', `${kind}: access in state`);
    eq((await state(page)).tokenType, 'Stencil-CLI token', `${kind}: tokenType in state`);
    if (kind === 'combobox') await shot(page, 'stencil');
    await pick(page, kind, 'Token type', 'V2/V3 API token');
    eq(await page.getByRole('heading', { name: 'OAuth scopes' }).count(), 1, `${kind}: scopes back`);
    ok(!(await before.evaluate((el) => el.isConnected)), `${kind}: scope widgets are fresh elements`);
    eq(await shown(page, kind, 'Orders'), 'read-only', `${kind}: re-rendered from state`);
    await context.close();
  }
  const { page, context } = await openPage(`${CREATE}?token=stencil`);
  await ready(page);
  eq((await state(page)).tokenType, 'Stencil-CLI token', 'token=stencil default');
  eq(await page.getByRole('combobox', { name: 'Access', exact: true }).inputValue(), 'local development only', 'Access default');
  await context.close();
});

await step('store hash, b2b, omit/extra, labels=variant', async () => {
  let { page, context } = await openPage(CREATE);
  await ready(page);
  eq(await page.getByLabel('API path', { exact: true }).inputValue(), 'https://api.bigcommerce.com/stores/abc123xyz0/v3/', 'default store hash');
  await context.close();
  ({ page, context } = await openPage(`${CREATE}?store=ignored`, { origin: `http://${HOSTED}:${port}` }));
  await ready(page);
  eq(await page.getByLabel('API path', { exact: true }).inputValue(), 'https://api.bigcommerce.com/stores/h0st7ash/v3/', 'hash from store-{hash}.mybigcommerce.com wins over ?store=');
  await context.close();

  ({ page, context } = await openPage(`${CREATE}?b2b=1&widget=select`));
  await ready(page);
  eq(await page.getByLabel('B2B Edition API path', { exact: true }).inputValue(), 'https://api-b2b.bigcommerce.com/api/v3/io/', 'B2B Edition API path');
  let rows = (await readWidgets(page, 'select')).slice(1);
  eq(rows.map((r) => ({ label: r.label, options: r.options })), expectRows([...CATALOGUE, ['B2B Edition', ['modify']]]), 'b2b=1 adds "B2B Edition" (modify) last');
  await context.close();

  ({ page, context } = await openPage(`${CREATE}?widget=radio&omit=${encodeURIComponent('Store Logs,Themes')}&extra=${encodeURIComponent('Infrastructure Logs,Infrastructure Projects,Infrastructure Deployments,Widgets Beta')}`));
  await ready(page);
  rows = (await readWidgets(page, 'radio')).slice(1);
  const expected = [...CATALOGUE.filter(([l]) => l !== 'Store Logs' && l !== 'Themes'),
    ['Infrastructure Logs', ['read-only']], ['Infrastructure Projects', ['read-only', 'manage']],
    ['Infrastructure Deployments', ['read-only', 'create preview', 'manage']], ['Widgets Beta', ['read-only', 'modify']]];
  eq(rows.map((r) => ({ label: r.label, options: r.options })), expectRows(expected), 'omit removes rows, extra appends rows with their levels');
  await pick(page, 'radio', 'Infrastructure Deployments', 'create preview');
  eq((await state(page)).scopes['Infrastructure Deployments'], 'create preview', 'extra row in state');
  await context.close();

  ({ page, context } = await openPage(`${CREATE}?labels=variant`));
  await ready(page);
  rows = (await readWidgets(page, 'combobox')).slice(1);
  const variant = { 'Customers Login': 'Customer Login', 'Sites & Routes': 'Sites & routes', 'Get Payment Methods': 'Payments - Get accepted methods', 'Metafield Ownership': 'Metafields Ownership' };
  eq(rows.map((r) => r.label), CATALOGUE.map(([l]) => variant[l] || l), 'labels=variant renders the variant labels in place');
  await pick(page, 'combobox', 'Customer Login', 'login');
  eq((await state(page)).scopes['Customer Login'], 'login', 'state keys are the displayed labels');
  await context.close();
});

await step('revert=Orders: one stale reset to None', async () => {
  const { page, context } = await openPage(`${CREATE}?revert=Orders`);
  await ready(page);
  await pick(page, 'combobox', 'Orders', 'modify');
  eq((await state(page)).scopes.Orders, 'modify', 'set');
  await page.waitForTimeout(400);
  eq([(await state(page)).scopes.Orders, await shown(page, 'combobox', 'Orders')], ['None', 'None'], 'reset to None ~150 ms later');
  await pick(page, 'combobox', 'Orders', 'modify');
  await page.waitForTimeout(400);
  eq((await state(page)).scopes.Orders, 'modify', 'second change sticks');
  await context.close();
});

await step('late=<ms>: SPA route change from the accounts list', async () => {
  let { page, context } = await openPage(`${LIST}?late=600&widget=select`);
  await page.getByRole('heading', { name: 'Store-level API accounts', level: 1 }).waitFor();
  eq(await page.evaluate(() => [window.__replica.ready, window.__replica.state().route]), [false, 'list'], 'list first, not ready');
  eq(await page.getByLabel('Name', { exact: true }).count(), 0, 'form not in the DOM yet');
  ok(await page.getByRole('button', { name: 'Create API account' }).isVisible(), 'Create API account button');
  await shot(page, 'list');
  await ready(page);
  const u = new URL(page.url());
  eq([u.pathname, u.searchParams.get('late'), u.searchParams.get('widget')], [CREATE, '600', 'select'], 'pushState to /create keeping the query');
  ok(await page.getByLabel('Name', { exact: true }).count() === 1, 'form rendered in the same document');
  await context.close();

  ({ page, context } = await openPage(`${CREATE}?late=0`));
  await page.getByRole('heading', { name: 'Store-level API accounts', level: 1 }).waitFor();
  eq(new URL(page.url()).pathname, LIST, 'late at /create starts on the list path');
  await page.waitForTimeout(300);
  eq(await page.evaluate(() => window.__replica.ready), false, 'late=0: waits for the button');
  await page.getByRole('button', { name: 'Create API account' }).click();
  await ready(page);
  eq(new URL(page.url()).pathname, CREATE, 'button routes to /create');
  await page.goBack();
  await page.getByRole('heading', { name: 'Store-level API accounts', level: 1 }).waitFor();
  eq(await page.getByLabel('Name', { exact: true }).count(), 0, 'Back returns to the list');
  await context.close();
});

await step('dialog=text, dismiss=instant, download=0', async () => {
  let { page, context } = await openPage(`${CREATE}?dialog=text&download=0`);
  await ready(page);
  await page.getByLabel('Name', { exact: true }).fill('Text dialog');
  let downloaded = false;
  page.on('download', () => { downloaded = true; });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const creds = await page.evaluate(() => window.__replica.lastCredentials);
  await checkDialog(page, creds, { asText: true });
  await shot(page, 'dialog-text');
  await page.waitForTimeout(500);
  ok(!downloaded, 'download=0: no download');
  await context.close();

  ({ page, context } = await openPage(`${CREATE}?dismiss=instant&download=0`));
  await ready(page);
  await page.getByLabel('Name', { exact: true }).fill('Instant');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForTimeout(100);
  eq(await page.getByRole('dialog').count(), 0, 'dismiss=instant: dialog gone');
  ok(await page.evaluate(() => window.__replica.lastCredentials !== null && window.__replica.saves === 1), 'credentials still recorded');
  await context.close();
});

await step('shell: iframe with embedded=1', async () => {
  const { page, context } = await openPage('/manage/shell?widget=radio&store=shellstore1');
  const src = await page.locator('iframe').getAttribute('src');
  const su = new URL(src, base);
  eq([su.pathname, su.searchParams.get('widget'), su.searchParams.get('store'), su.searchParams.get('embedded')], [CREATE, 'radio', 'shellstore1', '1'], 'iframe src = create page + same query + embedded=1');
  const frame = page.frameLocator('iframe');
  await frame.getByLabel('Name', { exact: true }).waitFor();
  ok(!(await frame.locator('#cp-sidebar').isVisible()), 'embedded page hides its own sidebar');
  ok(await page.locator('#cp-sidebar').getByText('Settings', { exact: true }).isVisible(), 'shell has the sidebar');
  await pick(page, 'radio', 'Orders', 'read-only', frame);
  await frame.getByLabel('Name', { exact: true }).fill('Framed app');
  await shot(page, 'shell');
  const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Save' }).click()]);
  const inner = page.frames().find((f) => f.url().includes(CREATE));
  const s = await inner.evaluate(() => ({ s: window.__replica.state(), c: window.__replica.lastCredentials }));
  eq([s.s.name, s.s.scopes.Orders, s.c.api_path], ['Framed app', 'read-only', 'https://api.bigcommerce.com/stores/shellstore1/v3/'], 'state inside the frame');
  ok(await frame.getByRole('dialog', { name: 'BigCommerce API Credentials' }).count() === 1, 'dialog inside the frame document');
  ok(download.suggestedFilename() === 'api-credentials-Framed-app.txt', 'download from the frame');
  await context.close();
});

await step('no console errors, CSP violations or foreign requests', async () => {
  eq(pageProblems, [], 'all pages clean');
});

await browser.close();
await server.close();
console.log(`\n${passed} checks passed, ${failures.length} failed`);
if (failures.length) {
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
process.exit(0);

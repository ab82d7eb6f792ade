// extension/target/page.js on every target replica (www/targets/, served at their real
// addresses by tests/e2e/targets.mjs), in plain Chromium without the extension. The script's
// source is evaluated in the frame (the pages' CSP refuses injected <script> tags; the
// extension injects it with chrome.scripting, which the CSP does not govern either): in the
// page's main world, where React's value tracker is visible and the native setter matters,
// and once through a CDP isolated world, as the extension runs it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { NO_MATCH, TARGETS, routeTargets } from './targets.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = fs.readFileSync(path.join(ROOT, 'extension/target/page.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const HASH = 'k3v9x2m7qa';
const VALUES = {
  client_id: 'cl1ent1d7h2k9q4w8e5r3t6y0u1i2o3p',
  client_secret: 'sEcr3t9f8e7d6c5b4a3928170f6e5d4c3b2a19',
  access_token: 'tok3n5a4s3d2f1g0h9j8k7l6z5x4c3v2b1n',
  api_path: `https://api.bigcommerce.com/stores/${HASH}/v3/`,
  store_hash: HASH,
  api_host: 'api.bigcommerce.com',
  store_url: `https://store-${HASH}.mybigcommerce.com`,
  account_name: 'Connector',
};
// The values no output may contain (the host and the bare hash also appear in the pages' text).
const SECRETS = [VALUES.client_id, VALUES.client_secret, VALUES.access_token, VALUES.api_path, VALUES.store_url];

let browser;
let context;
let routes;
const consoleText = [];

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new', '--disable-gpu'] });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  routes = await routeTargets(context);
});

after(async () => {
  await browser?.close();
});

const caption = (f) => f.label || f.labelledBy || f.ariaLabel || f.placeholder;

/** Opens a replica; resolves to {page, frame (the one holding the form), errors}. */
async function open(target) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Every frame's console, cross-origin ones included, for the no-value check.
  page.on('console', (m) => consoleText.push(m.text(), ...m.args().map(String)));
  await page.goto(target.url);
  const at = target.frame?.url;
  const frame = at ? page.frames().find((f) => f.url() === at) : page.mainFrame();
  assert.ok(frame, `${target.id}: no frame at ${at}`);
  await frame.waitForFunction(() => window.__target?.ready === true);
  await frame.evaluate(SOURCE);
  return { page, frame, errors };
}

const outline = (frame) => frame.evaluate(() => globalThis.scopefillTarget.outline());
const fill = (frame, entries) => frame.evaluate((e) => globalThis.scopefillTarget.fill(e), entries);
const paste = (frame, value) => frame.evaluate((v) => globalThis.scopefillTarget.paste(v), value);
const pageState = (frame) => frame.evaluate(() => window.__target.state());

/** The page's own count of submit presses, from its status line, and from its code. */
async function assertNotSubmitted(frame, id) {
  const status = frame.locator('#submit-status');
  assert.equal(await status.getAttribute('data-submits'), '0', `${id}: the submit button was pressed`);
  assert.equal(await status.textContent(), 'Not submitted');
  assert.equal(await frame.evaluate(() => window.__target.submits()), 0);
}

function assertNoValueLogged() {
  const text = consoleText.join('\n');
  for (const v of SECRETS) assert.ok(!text.includes(v), `a value (${v.slice(0, 4)}…) is in the console output`);
}

/** The outline's field for each catalogued caption (exactly one each). */
function byCaption(target, fields) {
  const out = {};
  for (const name of Object.keys(target.fields)) {
    const hits = fields.filter((f) => caption(f) === name);
    assert.equal(hits.length, 1, `${target.id}: ${hits.length} fields captioned "${name}" in ${JSON.stringify(fields.map(caption))}`);
    out[name] = hits[0];
  }
  return out;
}

for (const target of TARGETS) {
  test(`${target.id}: the outline finds each field by its caption; fill reaches the page's own code; submit untouched`, async () => {
    const { page, frame, errors } = await open(target);
    const o = await outline(frame);
    assert.equal(o.url, target.frame?.url ?? target.url);
    assert.ok(o.title.length > 0);
    const found = byCaption(target, o.fields);
    for (const f of Object.values(found)) {
      assert.equal(f.visible, true, `${target.id}: ${caption(f)} visible`);
      assert.equal(f.disabled || f.readOnly, false);
      assert.equal(f.value, '');
      assert.ok(f.section, `${target.id}: ${caption(f)} has a section`);
    }
    // The catalogue lists every field the page offers but disabled ones.
    assert.deepEqual(o.fields.filter((f) => !f.disabled).map(caption).sort(), Object.keys(target.fields).sort());
    if (target.frame) {
      await page.evaluate(SOURCE);
      const top = await page.evaluate(() => globalThis.scopefillTarget.outline());
      assert.deepEqual(top.fields, [], `${target.id}: the top document holds no field`);
      assert.deepEqual(top.frames, [new URL(target.frame.url).origin]);
    }

    const entries = Object.entries(target.fields)
      .filter(([name, kind]) => kind && !target.leaveEmpty.includes(name))
      .map(([name, kind]) => ({ ref: found[name].ref, value: VALUES[kind] }));
    const report = await fill(frame, entries);
    assert.deepEqual(report, entries.map(({ ref }) => ({ ref, ok: true, now: 'filled' })));
    assert.ok(!JSON.stringify(report).includes(VALUES.client_id), 'the report echoes no value');

    const want = Object.fromEntries(Object.entries(target.fields).map(([name, kind]) =>
      [name, kind && !target.leaveEmpty.includes(name) ? VALUES[kind] : '']));
    assert.deepEqual(await pageState(frame), want, `${target.id}: what the page's code holds`);
    const again = byCaption(target, (await outline(frame)).fields);
    for (const name of target.leaveEmpty) assert.equal(again[name].value, '', `${target.id}: ${name} stays empty`);

    await assertNotSubmitted(frame, target.id);
    assert.deepEqual(errors, []);
    assertNoValueLogged();
    await page.close();
  });
}

test('celigo-token (React): a value the component rejects reads back as reverted; an accepted one as filled', async () => {
  const target = TARGETS.find((t) => t.id === 'celigo-token');
  const { page, frame } = await open(target);
  const f = byCaption(target, (await outline(frame)).fields);
  const report = await fill(frame, [
    { ref: f['Store hash'].ref, value: 'NOT-A-HASH' },
    { ref: f['Client ID'].ref, value: VALUES.client_id },
  ]);
  assert.deepEqual(report, [
    { ref: f['Store hash'].ref, ok: false, now: 'reverted' },
    { ref: f['Client ID'].ref, ok: true, now: 'filled' },
  ]);
  const state = await pageState(frame);
  assert.equal(state['Store hash'], '');
  assert.equal(state['Client ID'], VALUES.client_id);
  // The component's own render shows it too.
  assert.equal(await frame.locator('#preview').textContent(), '1 of 4 required fields set');
  await assertNotSubmitted(frame, target.id);
  await page.close();
});

test('wherehouse: disabled, read-only, unknown and removed fields and non-text values are refused, nothing written', async () => {
  const target = TARGETS.find((t) => t.id === 'wherehouse');
  const { page, frame } = await open(target);
  const o = await outline(frame);
  const platform = o.fields.find((f) => caption(f) === 'Platform');
  assert.equal(platform.disabled, true);
  assert.equal(platform.value, 'BigCommerce');
  const f = byCaption(target, o.fields);
  await frame.evaluate(() => {
    document.getElementById('client_id').readOnly = true;
    document.getElementById('client_secret').remove();
  });
  const report = await fill(frame, [
    { ref: platform.ref, value: VALUES.client_id },
    { ref: f['Client ID'].ref, value: VALUES.client_id },
    { ref: f['Client Secret'].ref, value: VALUES.client_secret },
    { ref: 99, value: VALUES.access_token },
    { ref: f['Access Token'].ref, value: 42 },
  ]);
  assert.deepEqual(report.map((r) => r.now), ['refused', 'refused', 'refused', 'refused', 'refused']);
  assert.ok(report.every((r) => r.ok === false));
  assert.equal(await frame.inputValue('#platform'), 'BigCommerce');
  assert.equal(await frame.inputValue('#client_id'), '');
  assert.deepEqual(Object.values(await pageState(frame)).filter(Boolean), []);
  await assertNotSubmitted(frame, target.id);
  await page.close();
});

test('paste() writes into the focused field (also inside a shadow root in a cross-origin frame), keeps the focus, refuses the rest', async () => {
  const wherehouse = TARGETS.find((t) => t.id === 'wherehouse');
  const w = await open(wherehouse);
  assert.deepEqual(await paste(w.frame, VALUES.client_id), { ok: false, now: 'unsupported' }, 'nothing focused');
  await w.frame.focus('#client_id');
  assert.deepEqual(await paste(w.frame, VALUES.client_id), { ok: true, now: 'filled' });
  assert.equal((await pageState(w.frame))['Client ID'], VALUES.client_id);
  assert.equal(await w.frame.evaluate(() => document.activeElement.id), 'client_id');
  // Pasting again replaces the value rather than adding to it.
  assert.deepEqual(await paste(w.frame, VALUES.access_token), { ok: true, now: 'filled' });
  assert.equal((await pageState(w.frame))['Client ID'], VALUES.access_token);
  await w.frame.evaluate(() => { document.getElementById('access_token').readOnly = true; });
  await w.frame.focus('#access_token');
  assert.deepEqual(await paste(w.frame, VALUES.access_token), { ok: false, now: 'refused' });
  await w.frame.evaluate(() => {
    const note = Object.assign(document.createElement('div'), { contentEditable: 'true', id: 'note', textContent: 'x' });
    document.querySelector('.modal').append(note);
  });
  await w.frame.focus('#note');
  assert.deepEqual(await paste(w.frame, VALUES.access_token), { ok: false, now: 'unsupported' });
  assert.equal(await w.frame.locator('#note').textContent(), 'x');
  await assertNotSubmitted(w.frame, wherehouse.id);
  await w.page.close();

  const violet = TARGETS.find((t) => t.id === 'violet');
  const v = await open(violet);
  await v.frame.locator('input[placeholder="Client Secret"]').focus();
  assert.deepEqual(await paste(v.frame, VALUES.client_secret), { ok: true, now: 'filled' });
  assert.equal((await pageState(v.frame))['Client Secret'], VALUES.client_secret);
  await assertNotSubmitted(v.frame, violet.id);
  await v.page.close();
  assertNoValueLogged();
});

test('the sign-in page offers only Email and Password, outside any Basic auth choice', async () => {
  const { page, frame } = await open(NO_MATCH);
  const o = await outline(frame);
  assert.deepEqual(o.fields.map(caption), ['Email', 'Password']);
  assert.deepEqual(o.fields.map((f) => [f.type, f.autocomplete]), [['email', 'username'], ['password', 'current-password']]);
  assert.deepEqual(o.choices, []);
  assert.deepEqual(o.frames, []);
  assert.ok(!o.fields.some((f) => /basic/i.test(f.section)));
  await assertNotSubmitted(frame, NO_MATCH.id);
  await page.close();
});

test('the outline reads a form whose controls clobber DOM properties, and stops at its element cap', async () => {
  const target = TARGETS.find((t) => t.id === 'next-cart');
  const { page, frame } = await open(target);
  await frame.evaluate(() => {
    const form = document.createElement('form');
    form.id = 'clobbered';
    form.innerHTML = ['id', 'attributes', 'firstElementChild', 'nextElementSibling', 'getAttribute', 'tagName', 'nodeType', 'childNodes']
      .map((n) => `<label>Clobber ${n} <input name="${n}"></label>`).join('') +
      '<input type="hidden" name="x"><input type="checkbox"><label>Odd type <input type="Fancy"></label>';
    document.querySelector('main').append(form);
  });
  const o = await outline(frame);
  const extra = o.fields.filter((f) => f.label.startsWith('Clobber'));
  assert.equal(extra.length, 8);
  assert.deepEqual(extra.map((f) => f.name), ['id', 'attributes', 'firstElementChild', 'nextElementSibling', 'getAttribute', 'tagName', 'nodeType', 'childNodes']);
  assert.ok(extra.every((f) => f.form === 1 && f.tag === 'input' && f.type === 'text'));
  assert.ok(byCaption(target, o.fields)['Client ID'].form === 0);
  // An unknown type is a text field to the browser, and so to the outline.
  assert.deepEqual(o.fields.filter((f) => f.label === 'Odd type').map((f) => [f.type, f.form]), [['text', 1]]);
  assert.equal(o.fields.length, 3 + 8 + 1);

  // 6,000 elements before the form: the walk stops at its cap and answers (without them).
  await frame.evaluate(() => {
    const pile = document.createElement('div');
    for (let i = 0; i < 6000; i++) pile.append(document.createElement('span'));
    document.body.prepend(pile);
  });
  const capped = await outline(frame);
  assert.ok(capped.fields.length < o.fields.length);
  await page.close();
});

test('page.js is idempotent, and works from an isolated world (as the extension runs it) on React', async () => {
  const target = TARGETS.find((t) => t.id === 'celigo-basic');
  const { page, frame } = await open(target);
  const first = await frame.evaluate(() => globalThis.scopefillTarget);
  await frame.evaluate(SOURCE);
  assert.equal(await frame.evaluate(() => Object.isFrozen(globalThis.scopefillTarget)), true);
  assert.deepEqual(await frame.evaluate(() => Object.keys(globalThis.scopefillTarget)), Object.keys(first));

  const cdp = await context.newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId: contextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'scopefill-test' });
  const run = async (expression) => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
    assert.equal(exceptionDetails, undefined, exceptionDetails?.exception?.description);
    return result.value;
  };
  await run(SOURCE);
  assert.equal(await run('typeof window.__target'), 'undefined', 'the isolated world sees none of the page\'s globals');
  const o = await run('globalThis.scopefillTarget.outline()');
  const f = byCaption(target, o.fields);
  assert.deepEqual(o.choices, ['Basic']);
  const entries = [
    { ref: f.Username.ref, value: VALUES.client_id },
    { ref: f.Password.ref, value: VALUES.access_token },
    { ref: f['Store hash'].ref, value: VALUES.store_hash },
  ];
  const report = await run(`globalThis.scopefillTarget.fill(${JSON.stringify(entries)})`);
  assert.deepEqual(report.map((r) => r.now), ['filled', 'filled', 'filled']);
  assert.deepEqual(await pageState(frame), { 'Name your connection': '', Username: VALUES.client_id, Password: VALUES.access_token, 'Store hash': VALUES.store_hash });
  await assertNotSubmitted(frame, target.id);
  await cdp.detach();
  await page.close();
});

test('every request stayed on the replicas', () => {
  assert.deepEqual(routes.foreign, []);
  assert.ok(routes.served.length > 0);
  assertNoValueLogged();
});

// Attacks from the control panel's own page: scripts a compromised control panel, another
// extension or a storefront (which shares the *.mybigcommerce.com origin) could run in the
// frame of the create form. Each runs as a page script (frame.evaluate runs in the page's
// main world, as such a script would) against the replica, and each ends with a real Save
// by the user (a Playwright click: a trusted event, as a person's is) whose capture must be
// the one kept.
//
// - a synthetic Save, and a credentials dialog the user cannot see, capture nothing;
// - a look-alike slipped in after the user's real Save: both sets kept, marked as a
//   conflict, and the panel says so;
// - the panel's root is closed to the page, and synthetic events on it do nothing;
// - a 20,000-deep DOM and forms whose named controls clobber the DOM's own properties do
//   not stop the capture;
// - the outline a user copies for a bug report holds no value.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openReplica, formFrame, fillWith, saveAndCapture, waitForCapture, lastCredentials, panel,
  pageOutline, localStorageDump, PRESETS,
} from './harness.mjs';

/**
 * Runs `install(arg)` in the page once, at the user's next press of Save, after the control
 * panel has handled it (the window's bubble phase): so what it inserts arrives together with
 * the real dialog's answer. (Composed as source for DevTools to evaluate: the page's CSP
 * forbids the page itself `new Function`.)
 */
function atNextSave(frame, install, arg = null) {
  const register = (install, arg) => {
    const save = window.__replica.config.texts.save;
    window.addEventListener('click', function once(event) {
      const button = event.target.closest?.('button');
      if (!button || button.textContent.trim() !== save) return;
      window.removeEventListener('click', once);
      install(arg);
    });
  };
  return frame.evaluate(`(${register})(${install}, ${JSON.stringify(arg)})`);
}

const token = (seed) => (seed + 'x0'.repeat(20)).slice(0, 31);

describe('attacks from the page (panel open to the tests)', () => {
  let env;
  before(async () => { env = await launch({ csp: 'strict' }); });
  after(async () => { await env?.close(); });

  test('synthetic events on the panel do nothing: no integration chosen, no fill, nothing remembered', async () => {
    const { page } = await openReplica(env, { rows: 'native' });
    const frame = await formFrame(page);
    const p = panel(frame);
    await p.locator('section').waitFor();
    const combo = p.getByRole('combobox', { name: 'Integration', exact: true });
    const initial = await combo.inputValue();
    assert.notEqual(initial, 'Full access');
    const untouched = await frame.evaluate(() => JSON.stringify(window.__replica.state()));
    // With the root open (the test flavour), the page can reach the controls: it types
    // "Full access" into the picker, presses Enter, and clicks Fill form twice.
    await frame.evaluate(() => {
      const root = document.querySelector('#scopefill-panel').shadowRoot;
      const input = root.querySelector('[data-ref=preset]');
      input.value = 'Full access';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      root.querySelector('[data-ref=fill]').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      root.querySelector('[data-ref=fill]').click();
    });
    // Had the clicks started a fill, it would run now: the form and the status stay as they were.
    assert.equal(await frame.evaluate(() => JSON.stringify(window.__replica.state())), untouched, 'the form is untouched');
    assert.equal(await p.locator('[data-ref=status]').textContent(), '', 'no fill started');
    assert.doesNotMatch(await localStorageDump(env), /lastPreset/, 'no integration remembered');
    // The user's own Fill afterwards uses the integration the user saw chosen, not Full access.
    const report = await fillWith(frame, Object.keys(PRESETS).find((id) => PRESETS[id].name === initial));
    assert.match(report.status, /^Filled/);
    assert.doesNotMatch(report.status, /Full access/);
    assert.doesNotMatch(await localStorageDump(env), /full-access/);
    await page.close();
  });

  test('a synthetic Save, and dialogs the user cannot see, capture nothing; the real Save after them is captured', async () => {
    const { page } = await openReplica(env, { rows: 'native' });
    const frame = await formFrame(page);
    await panel(frame).locator('section').waitFor();
    await frame.getByRole('textbox', { name: 'Name', exact: true }).fill('Synthetic save');
    const saves = await frame.evaluate(() => window.__replica.saves);
    // The page's script presses Save itself: the replica answers with its real dialog.
    await frame.evaluate(() => {
      const save = window.__replica.config.texts.save;
      [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === save).click();
    });
    await frame.waitForFunction((n) => window.__replica.saves > n, saves);
    const forged = await lastCredentials(frame);
    await frame.getByRole('button', { name: await frame.evaluate(() => window.__replica.config.texts.done) }).click();
    // At the user's real Save, the page first slips in dialogs nobody can see.
    await atNextSave(frame, () => {
      const hidden = [
        'display:none',
        'visibility:hidden',
        'left:-20000px',
        'width:0;height:0;overflow:hidden',
      ];
      hidden.forEach((style, i) => {
        const d = document.createElement('div');
        d.setAttribute('role', 'dialog');
        // CSSOM, not a style attribute: the control panel's CSP blocks inline styles.
        d.style.cssText = `position:fixed;top:0;left:0;width:300px;height:200px;${style}`;
        const id = `hidden${i}`.padEnd(31, '0');
        d.innerHTML = `<label for="h${i}a">Client ID</label><input id="h${i}a" readonly value="${id}">` +
          `<label for="h${i}b">Access token</label><input id="h${i}b" readonly value="${'t'.repeat(20)}${i}${'0'.repeat(10)}">`;
        document.body.append(d);
      });
    });
    const { generated, list } = await saveAndCapture(env, frame);
    assert.equal(await frame.evaluate(() => document.querySelectorAll('[role=dialog] input[id^=h]').length), 8, 'the unseen dialogs are on the page');
    const ids = list.map((c) => c.credentials.client_id);
    assert.ok(ids.includes(generated.client_id), 'the real Save is captured');
    assert.ok(!ids.includes(forged.client_id), 'the synthetic Save armed nothing');
    assert.ok(!ids.some((id) => id.startsWith('hidden')), `no unseen dialog captured: ${ids}`);
    assert.ok(!list.some((c) => c.conflict), 'no conflict: the unseen dialogs did not count');
    await page.close();
  });

  test('a look-alike slipped in after the user\'s real Save: both sets kept, marked as a conflict, and the panel says so', async () => {
    const { page } = await openReplica(env, { rows: 'native' });
    const frame = await formFrame(page);
    await fillWith(frame, 'wherehouse');
    const fake = { clientId: token('evil1'), token: token('evil2') };
    await atNextSave(frame, ({ clientId, token }) => {
      const d = document.createElement('div');
      d.setAttribute('role', 'dialog');
      d.setAttribute('aria-modal', 'true');
      d.style.cssText = 'position:fixed;top:40px;left:40px;width:500px;height:300px;background:#fff;z-index:99999';
      const field = (label, value, id) => `<label for="${id}">${label}</label><input id="${id}" readonly value="${value}">`;
      d.innerHTML = `<h2>BigCommerce API credentials</h2>${field('Client ID', clientId, 'la-id')}${field('Access token', token, 'la-token')}`;
      document.body.append(d);
    }, fake);
    const { generated } = await saveAndCapture(env, frame);
    const list = await waitForCapture(env, fake.clientId);
    const real = list.find((c) => c.credentials.client_id === generated.client_id);
    const forged = list.find((c) => c.credentials.client_id === fake.clientId);
    assert.ok(real && forged, 'both sets kept: neither silently dropped');
    assert.equal(real.conflict, true, 'the real set is marked as a conflict');
    assert.equal(forged.conflict, true, 'the look-alike is marked as a conflict');
    await panel(frame).locator('[data-ref=captured]', { hasText: 'Two different sets of credentials appeared after this one Save' }).waitFor();
    await page.close();
  });

  test('a 20,000-deep DOM and forms that clobber the DOM\'s properties: the fill and the real Save still work', async () => {
    const { page } = await openReplica(env, { rows: 'native' });
    const frame = await formFrame(page);
    await panel(frame).locator('section').waitFor();
    await frame.evaluate(() => {
      let deep = document.createElement('div');
      const top = deep;
      for (let i = 0; i < 20000; i++) {
        const next = document.createElement('div');
        deep.append(next);
        deep = next;
      }
      deep.textContent = 'the bottom';
      // Not laid out: Chromium's own renderer crashes laying out a tree some 5,000 deep
      // (measured here), while the DOM, which the content script walks, holds it.
      top.style.display = 'none';
      document.body.append(top);
      // A form's named controls override its own properties, and the document's named
      // forms and images override the document's: each name below is a property or method
      // a walk of the page would use.
      const names = ['nextSibling', 'firstChild', 'parentNode', 'parentElement', 'childNodes', 'tagName', 'nodeName',
        'nodeType', 'id', 'getAttribute', 'getAttributeNames', 'hasAttribute', 'closest', 'contains', 'querySelector',
        'querySelectorAll', 'isConnected', 'ownerDocument', 'textContent', 'getBoundingClientRect', 'checkVisibility'];
      const form = document.createElement('form');
      form.setAttribute('role', 'dialog');
      form.innerHTML = names.map((n) => `<input name="${n}" value="${n}">`).join('');
      document.body.append(form);
      for (const n of ['getElementById', 'createTreeWalker']) {
        const img = document.createElement('img');
        img.name = n;
        document.body.append(img);
      }
    });
    const report = await fillWith(frame, 'wherehouse');
    assert.match(report.status, /^Filled/);
    // Save by CSS and text: Playwright's role engine itself trips on the clobbering form.
    const saves = await frame.evaluate(() => window.__replica.saves);
    const word = await frame.evaluate(() => window.__replica.config.texts.save);
    await frame.locator('button', { hasText: word }).filter({ hasText: new RegExp(`^${word}$`) }).click();
    await frame.waitForFunction((n) => window.__replica.saves > n, saves);
    const generated = await lastCredentials(frame);
    const list = await waitForCapture(env, generated.client_id);
    const capture = list.find((c) => c.credentials.client_id === generated.client_id);
    assert.equal(capture.credentials.access_token, generated.access_token);
    await page.close();
  });

  test('the outline for a bug report holds no value: text areas, editable regions, dialogs, token-shaped runs', async () => {
    const { page } = await openReplica(env, { rows: 'native' });
    const frame = await formFrame(page);
    await panel(frame).locator('section').waitFor();
    const secret = 'k3j5h6g7f8d9s0a1q2w3e4r5t6y7u8i';
    await frame.evaluate((secret) => {
      const box = document.createElement('section');
      box.innerHTML = `<textarea>my notes ${secret}</textarea>` +
        `<div contenteditable="true">typed words here</div>` +
        `<p>ID:${secret}, (${secret})\n${secret}</p>` +
        `<div role="dialog"><span>dialog words</span></div>`;
      document.body.append(box);
    }, secret);
    const outline = await pageOutline(env, frame);
    assert.ok(outline && outline.length > 1000, 'an outline of the page');
    for (const gone of [secret, 'my notes', 'typed words here', 'dialog words']) {
      assert.ok(!outline.includes(gone), `${gone} left out of the outline`);
    }
    assert.ok(outline.includes('ID:[redacted], ([redacted])'), 'token-shaped runs masked where they stand');
    await page.close();
  });
});

describe('attacks from the page (the shipped package)', () => {
  let env;
  before(async () => { env = await launch({ csp: 'strict', flavour: 'shipped' }); });
  after(async () => { await env?.close(); });

  test('the page cannot read the panel\'s root; the user\'s Save is still captured', async () => {
    const { page } = await openReplica(env, { rows: 'native' });
    const frame = await formFrame(page);
    const host = frame.locator('#scopefill-panel');
    await host.waitFor({ state: 'attached' });
    await frame.waitForFunction(() => document.querySelector('#scopefill-panel')?.hasAttribute('data-core'));
    const seen = await frame.evaluate(() => {
      const el = document.querySelector('#scopefill-panel');
      return { shadowRoot: el.shadowRoot, text: el.textContent, inner: el.innerHTML, buttons: el.querySelectorAll('button').length };
    });
    assert.deepEqual(seen, { shadowRoot: null, text: '', inner: '', buttons: 0 });
    await frame.getByRole('textbox', { name: 'Name', exact: true }).fill('Shipped capture');
    const { generated, capture } = await saveAndCapture(env, frame);
    assert.equal(capture.credentials.client_id, generated.client_id);
    assert.equal(capture.credentials.name, 'Shipped capture');
    await page.close();
  });
});

// "Fill this page" and the right-click "Paste …" menu, end to end in Chromium: the popup reads
// each target replica (www/targets/, at its real address), shows what it will write where with
// secrets masked, and fills only when Fill is pressed; the page's own code holds the values,
// its submit is never pressed. The 'targets' flavour's host permissions stand in for the
// activeTab grant of a real gesture (tests/gesture/fill-by-shortcut.mjs makes that one).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { launch, PRESETS, captures, waitForCaptures, chooseIntegration, assertSecretsNowhere } from './harness.mjs';
import { NO_MATCH, TARGETS, targetPages } from './targets.mjs';
import { UNKNOWN_TARGET_ORIGIN } from './flavour.mjs';

const HASH = 'p4st3hash';
const alnum = 'abcdefghijklmnopqrstuvwxyz0123456789';
const word = (n) => Array.from({ length: n }, () => alnum[crypto.randomInt(alnum.length)]).join('');
const CREDS = {
  client_id: word(31),
  client_secret: crypto.randomBytes(32).toString('hex'),
  access_token: word(31),
  api_path: `https://api.bigcommerce.com/stores/${HASH}/v3/`,
};
const VALUES = {
  ...CREDS,
  store_hash: HASH,
  api_host: 'api.bigcommerce.com',
  store_url: `https://store-${HASH}.mybigcommerce.com`,
  // The account's name (the credentials file's NAME line): iPaaS.com's NAME takes it.
  account_name: 'Connector',
};
const SECRETS = new Set([CREDS.client_id, CREDS.client_secret, CREDS.access_token]);

// A form on a site no preset knows, named the way BigCommerce's headers are.
const UNKNOWN_URL = `${UNKNOWN_TARGET_ORIGIN}/settings/bigcommerce`;
const UNKNOWN_PAGE = `<!doctype html><title>ERP connector</title><h1>BigCommerce connector</h1>
<form onsubmit="return false">
  <label>X-Auth-Client <input name="x_auth_client"></label>
  <label>X-Auth-Token <input name="x_auth_token" type="password"></label>
  <label>Store hash <input name="store_hash" value="old-hash"></label>
  <label>Notes <input name="notes"></label>
  <button type="submit">Connect</button>
</form>`;

let env;
let popup;

/**
 * The popup, as a tab, looking at `page` (its tab the active one of the window): resolves once
 * the popup has read that page (the section is busy until then, showing the last page's plan).
 */
async function popupOn(page) {
  await page.bringToFront();
  await popup.getByRole('button', { name: 'Look again' }).click();
  await popup.locator('#target:not([aria-busy])').waitFor();
  await popup.locator('#target-where', { hasText: new RegExp(`^${new URL(page.url()).host.replaceAll('.', '\\.')} is `) }).waitFor();
}

/** The plan the popup shows once it has read the page: {where, rows, button, disabled}. */
async function shownPlan(expectButton) {
  const button = popup.locator('#target-fill');
  await popup.locator('#target-plan').waitFor();
  if (expectButton) await popup.locator('#target-fill', { hasText: expectButton }).waitFor();
  return {
    where: await popup.locator('#target-where').textContent(),
    rows: await popup.locator('#target-fields li').allTextContents(),
    button: await button.textContent(),
    disabled: await button.isDisabled(),
  };
}

async function openTarget(target) {
  const page = await env.context.newPage();
  await page.goto(target.url);
  const frame = target.frame ? page.frames().find((f) => f.url() === target.frame.url) : page.mainFrame();
  assert.ok(frame, `${target.id}: no frame at ${target.frame?.url}`);
  await frame.waitForFunction(() => window.__target?.ready === true);
  return { page, frame };
}

/** The credentials file BigCommerce downloads, for the account above. */
const CREDENTIALS_FILE = [
  `ACCESS TOKEN: ${CREDS.access_token}`, 'CLIENT NAME: Connector', `API PATH: ${CREDS.api_path}`,
  `CLIENT ID: ${CREDS.client_id}`, `CLIENT SECRET: ${CREDS.client_secret}`, 'NAME: Connector', '',
].join('\r\n');

/** Imports the account into `page` (a popup of browser `into`) as a user would, for `presetId`. */
async function importAccount(page, into, presetId) {
  await chooseIntegration(page, presetId);
  await page.getByLabel('Import credentials file').setInputFiles({ name: 'api-credentials.txt', mimeType: 'text/plain', buffer: Buffer.from(CREDENTIALS_FILE) });
  await waitForCaptures(into, 1);
}

before(async () => {
  env = await launch({ flavour: 'targets', pages: { ...(await targetPages()), [UNKNOWN_URL]: UNKNOWN_PAGE } });
  popup = await env.context.newPage();
  await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
  await popup.locator('body[data-ready="1"]').waitFor();
  await importAccount(popup, env, 'wherehouse');
  await popup.locator('#target').waitFor();
});

/** What page.js defined in each frame of the tab at `url`, in the extension's own world. */
const injected = (where, url) => where.sw.evaluate(async (address) => {
  const [tab] = await chrome.tabs.query({ url: address });
  const results = await chrome.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, func: () => typeof globalThis.scopefillTarget });
  return results.map((r) => r.result);
}, url);

test('with no account held the popup reads no page; the first account makes it read the one in front', async () => {
  // A browser of its own: the others hold an account from the start.
  const own = await launch({ flavour: 'targets', pages: await targetPages() });
  try {
    const wherehouse = TARGETS.find((t) => t.id === 'wherehouse');
    const page = await own.context.newPage();
    await page.goto(wherehouse.url);
    await page.waitForFunction(() => window.__target?.ready === true);
    const empty = await own.context.newPage();
    await empty.goto(`chrome-extension://${own.extensionId}/popup/popup.html`);
    // The popup opens (again) with the target page in front and nothing to fill with.
    await page.bringToFront();
    await empty.reload();
    await empty.locator('body[data-ready="1"]').waitFor();
    assert.equal(await empty.locator('#target').isHidden(), true, 'no Fill this page without an account');
    assert.deepEqual(await injected(own, wherehouse.url), ['undefined'], 'the page was not read');
    await importAccount(empty, own, 'wherehouse');
    // Now it reads the page in front, without Look again.
    await empty.locator('#target-where', { hasText: /^app\.wherehouse\.co\.za is / }).waitFor();
    assert.deepEqual(await injected(own, wherehouse.url), ['object']);
    await assertSecretsNowhere(own, SECRETS, assert);
  } finally {
    await own.close();
  }
});

after(async () => {
  if (env) {
    await assertSecretsNowhere(env, SECRETS, assert);
    assert.deepEqual(env.recorder.extensionRequests(), [], 'no request from the extension');
    await env.close();
  }
});

describe('Fill this page, from the popup', () => {
  for (const target of TARGETS) {
    test(`${target.id}: the plan names each field, secrets masked; Fill writes them and presses nothing`, async () => {
      const { page, frame } = await openTarget(target);
      // The capture is shown for the target's own integration ("Show for").
      await popup.locator('#show-for').selectOption(target.preset);
      const expected = Object.entries(target.fields).filter(([caption, kind]) => kind && !target.leaveEmpty.includes(caption));
      await popupOn(page);
      // Known: the preset has a target profile for this address, and the form is not in a frame
      // of another site (which the popup names and asks about).
      const sameSite = !target.frame || new URL(target.frame.url).origin === new URL(target.url).origin;
      const known = Boolean(PRESETS[target.preset].target) && sameSite;
      const plan = await shownPlan(known ? `Fill ${expected.length} fields` : `Fill these ${expected.length} fields anyway`);
      const host = new URL(target.url).host;
      if (known) assert.equal(plan.where, `${host} is ${PRESETS[target.preset].name}'s form. Fields found:`);
      else assert.match(plan.where, new RegExp(`^${host.replaceAll('.', '\\.')} is not an address .* is known to use`), plan.where);
      const text = plan.rows.join('\n');
      for (const [caption, kind] of expected) {
        const row = plan.rows.find((r) => r.startsWith(caption));
        assert.ok(row, `${target.id}: no row for ${caption} in\n${text}`);
        if (['client_secret', 'access_token'].includes(kind)) assert.ok(!row.includes(VALUES[kind]), `${caption} is masked`);
        else assert.ok(row.includes(VALUES[kind]), `${caption} shows ${kind}: ${row}`);
      }
      for (const caption of target.leaveEmpty) {
        assert.ok(plan.rows.some((r) => r.startsWith(caption) && /left empty/.test(r)), `${caption} left empty:\n${text}`);
      }
      await popup.locator('#target-fill').click();
      await popup.locator('#target-status', { hasText: `Filled ${expected.length} fields on ${new URL(target.url).host}.` }).waitFor();
      const state = await frame.evaluate(() => window.__target.state());
      for (const [caption, kind] of expected) assert.equal(state[caption], VALUES[kind], `${target.id}: ${caption}`);
      for (const caption of target.leaveEmpty) assert.equal(state[caption], '', `${caption} stays empty`);
      assert.equal(await frame.evaluate(() => window.__target.submits()), 0, 'submit never pressed');
      // Read again after the fill: every field already holds its value.
      await popup.locator('#target-fields li', { hasText: 'already holds this value' }).nth(expected.length - 1).waitFor();
      await page.close();
    });
  }

  test('a sign-in page: nothing matches, nothing is filled', async () => {
    const { page, frame } = await openTarget(NO_MATCH);
    await popupOn(page);
    const plan = await shownPlan('No field here asks for these values');
    assert.equal(plan.disabled, true);
    assert.deepEqual(await frame.evaluate(() => Object.values(window.__target.state()).filter(Boolean)), []);
    await page.close();
  });

  test('an address no preset knows: the common names are found, the popup says so and asks', async () => {
    const page = await env.context.newPage();
    await page.goto(UNKNOWN_URL);
    await popup.locator('#show-for').selectOption('wherehouse');
    await popupOn(page);
    const plan = await shownPlan('Fill these 3 fields anyway');
    assert.match(plan.where, /^erp\.example\.net is not an address Wherehouse is known to use/);
    assert.ok(plan.rows.some((r) => r.startsWith('Store hash') && /replaces what the field holds/.test(r)), plan.rows.join('\n'));
    assert.ok(!plan.rows.some((r) => r.startsWith('Notes')));
    await popup.locator('#target-fill').click();
    await popup.locator('#target-status', { hasText: 'Filled 3 fields on erp.example.net.' }).waitFor();
    const values = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('input')].map((i) => [i.name, i.value])));
    assert.deepEqual(values, { x_auth_client: CREDS.client_id, x_auth_token: CREDS.access_token, store_hash: HASH, notes: '' });
    await page.close();
  });
});

describe('Paste from the right-click menu', () => {
  // The menu's handler, called as the browser calls it on the user's click (the flavour makes
  // it reachable): `info` as Chromium passes it for an editable field in frame `frameId`.
  const click = (menuItemId, tabUrl, frameUrl) => env.sw.evaluate(async ({ menuItemId, tabUrl, frameUrl }) => {
    const [tab] = await chrome.tabs.query({ url: tabUrl });
    const frames = await new Promise((resolve) => chrome.scripting.executeScript(
      { target: { tabId: tab.id, allFrames: true }, func: () => location.href }, resolve));
    const frameId = frames.find((f) => f.result === frameUrl)?.frameId ?? 0;
    return globalThis.__scopefillMenuClick({ menuItemId, editable: true, frameId }, tab);
  }, { menuItemId, tabUrl, frameUrl });

  test('one field of each kind, each into the field right-clicked (frames too); the icon says how it went', async () => {
    const cases = [
      ['wherehouse', 'Client ID', 'paste-client_id', CREDS.client_id],
      ['wherehouse', 'Client Secret', 'paste-client_secret', CREDS.client_secret],
      ['violet', 'Access Token', 'paste-access_token', CREDS.access_token],
      ['starshipit', 'API Path', 'paste-api_path', CREDS.api_path],
      ['celigo-token', 'Store hash', 'paste-store_hash', HASH],
    ];
    for (const [id, caption, menuItemId, value] of cases) {
      const target = TARGETS.find((t) => t.id === id);
      const { page, frame } = await openTarget(target);
      // The right-click focuses the field (the browser's own behaviour on an editable one).
      await frame.evaluate((c) => {
        const all = [];
        const walk = (root) => root.querySelectorAll('*').forEach((e) => { all.push(e); if (e.shadowRoot) walk(e.shadowRoot); });
        walk(document);
        const field = all.find((e) => ['INPUT', 'TEXTAREA'].includes(e.tagName)
          && (e.labels?.[0]?.textContent.trim() === c || e.getAttribute('aria-label') === c || e.placeholder === c
            || (e.getAttribute('aria-labelledby') ?? '').split(' ').map((i) => document.getElementById(i)?.textContent.replace('*', '').trim()).join(' ').trim() === c));
        field.focus();
      }, caption);
      const ok = await click(menuItemId, target.url, target.frame?.url ?? target.url);
      assert.equal(ok, true, `${id}: ${menuItemId}`);
      const state = await frame.evaluate(() => window.__target.state());
      assert.equal(state[caption], value, `${id}: ${caption}`);
      assert.equal(Object.values(state).filter((v) => v === value).length, 1, 'only the field right-clicked');
      const badge = await env.sw.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        return chrome.action.getBadgeText({ tabId: tab.id });
      }, target.url);
      assert.equal(badge, '✓');
      await page.close();
    }
  });

  test('the menu is there only while an account is held, and pastes nothing once none is', async () => {
    const shown = () => env.sw.evaluate(() => globalThis.__scopefillMenuShown().map((e) => e.id));
    assert.deepEqual(await shown(), ['paste-client_id', 'paste-client_secret', 'paste-access_token', 'paste-api_path', 'paste-store_hash']);
    await popup.getByRole('button', { name: 'Forget all' }).click();
    // The worker answers the popup only once the step that forgot the account has rebuilt the
    // menu; the popup shows "Nothing captured yet" after that answer.
    await popup.locator('#accounts-empty').waitFor();
    assert.deepEqual(await captures(env), []);
    assert.deepEqual(await shown(), []);
    const { page } = await openTarget(TARGETS[0]);
    const ok = await env.sw.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return globalThis.__scopefillMenuClick({ menuItemId: 'paste-client_id', editable: true, frameId: 0 }, tab);
    }, TARGETS[0].url);
    assert.equal(ok, false);
    assert.equal(await env.sw.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return chrome.action.getBadgeText({ tabId: tab.id });
    }, TARGETS[0].url), '!');
    await page.close();
  });
});

describe('a form in a frame of another site', () => {
  test('without that site allowed, the popup names it and offers to ask for it; nothing is filled', async () => {
    // Its own browser: the 'targets-top' flavour holds the replicas' top addresses only.
    const own = await launch({ flavour: 'targets-top', pages: await targetPages() });
    try {
      const view = await own.context.newPage();
      await view.goto(`chrome-extension://${own.extensionId}/popup/popup.html`);
      await view.locator('body[data-ready="1"]').waitFor();
      await importAccount(view, own, 'violet');
      const violet = TARGETS.find((t) => t.id === 'violet');
      const page = await own.context.newPage();
      await page.goto(violet.url);
      const frame = page.frames().find((f) => f.url() === violet.frame.url);
      await frame.waitForFunction(() => window.__target?.ready === true);
      await page.bringToFront();
      await view.getByRole('button', { name: 'Look again' }).click();
      const origin = new URL(violet.frame.url).origin;
      await view.getByRole('button', { name: `Allow ${origin}` }).waitFor();
      assert.equal(await view.locator('#target-frame-text').textContent(),
        `Part of this page comes from ${origin}. Allow ScopeFill to read and fill the form there?`);
      assert.equal(await view.locator('#target-fill').isDisabled(), true, 'nothing to fill before the site is allowed');
      assert.deepEqual(Object.values(await frame.evaluate(() => window.__target.state())).filter(Boolean), []);
      await assertSecretsNowhere(own, SECRETS, assert);
    } finally {
      await own.close();
    }
  });
});

// make demo: the built extension on the replica page, served on 127.0.0.1 and reached at
// the real control-panel address. With a display, a browser window opens for you to try;
// without one, a headless walk-through (fill → save → capture → popup) writes screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../www/serve.mjs';
import { TARGETS, targetPages } from './targets.mjs';
import { storeShots, POPUP_SIZE } from './store-shots.mjs';
import {
  launch, chooseIntegration, formFrame, fillWith, fillInAnyLanguage, save, waitForCaptures, ORIGIN, ROOT,
} from './harness.mjs';

const OUT = path.join(ROOT, 'target/demo');
// The stores' screenshots, 1280×800 (copied to docs/store/screenshots/ when they change).
const STORE_OUT = path.join(OUT, 'store');
const server = await startServer({ csp: 'strict' });
const headed = Boolean(process.env.DISPLAY) && process.env.DEMO_HEADLESS !== '1';
console.log(`demo: replica served at ${server.url} (strict CSP), reached as ${ORIGIN}/manage/...`);
const env = await launch({ csp: 'strict', headless: !headed, upstream: server.url.replace(/\/$/, '') });

const page = await env.context.newPage();
await page.goto(`${ORIGIN}/manage/settings/api-accounts/create`);

if (headed) {
  console.log('demo: a Chromium window is open on the replica; pick an integration in the ScopeFill panel, press Fill form, then Save. Close the window to end.');
  await new Promise((resolve) => env.context.on('close', resolve));
} else {
  fs.mkdirSync(OUT, { recursive: true });
  const store = storeShots(STORE_OUT);
  const shot = async (name, target = page) => {
    const file = path.join(OUT, name);
    await target.screenshot({ path: file });
    console.log(`demo: ${path.relative(ROOT, file)}`);
  };
  const frame = await formFrame(page);
  await frame.locator('#scopefill-panel section').waitFor();
  await shot('1-page-with-panel.png');
  const report = await fillWith(frame, 'wherehouse');
  console.log(`demo: ${report.status} (${report.ms} ms)`);
  await shot('2-filled.png');
  await shot('3-panel.png', page.locator('#scopefill-panel section'));
  await store.page('1-fill-report.png', page);
  await save(frame);
  await frame.locator('[role=dialog]').waitFor();
  const [capture] = await waitForCaptures(env, 1);
  await shot('4-credentials-dialog-captured.png');
  console.log(`demo: captured ${capture.presetName} for store ${capture.storeHash} (values kept in memory only, not printed)`);
  const popup = await env.context.newPage();
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
  await popup.locator('body[data-ready="1"]').waitFor();
  await shot('5-popup.png', popup);
  await popup.setViewportSize(POPUP_SIZE);
  // Scrolled as a user would, to the account and its values laid out for the integration.
  await popup.locator('#accounts-heading').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await store.withPopup('2-captured-in-popup.png', page, popup, env.context);
  // The control panel in other languages: the panel follows the page's.
  for (const [n, lang] of [[6, 'fr'], [7, 'ja'], [8, 'pseudo']]) {
    const other = await env.context.newPage();
    await other.goto(`${ORIGIN}/manage/settings/api-accounts/create?lang=${lang}`);
    const otherFrame = await formFrame(other);
    const r = await fillInAnyLanguage(otherFrame, 'wherehouse');
    console.log(`demo: lang=${lang}: panel in "${r.locale}", ${r.status}`);
    await shot(`${n}-panel-${lang}.png`, other.locator('#scopefill-panel section'));
    if (lang === 'fr') await store.page('4-control-panel-in-french.png', other);
    await other.close();
  }
  const options = await env.context.newPage();
  await options.goto(`chrome-extension://${env.extensionId}/options/options.html`);
  await options.waitForSelector('html[data-ready=true]');
  await store.page('5-options.png', options);
  await store.promoTile('promo-tile-440x280.png', env.context, fs.readFileSync(path.join(ROOT, 'dist/chrome/icons/icon-128.png')),
    'ScopeFill for BigCommerce', 'Sets every API account scope for your integration, and keeps the one-time credentials.');
}
await env.close();
if (!headed) {
  // The popup and the options page follow the browser's language.
  const fr = await launch({ csp: 'strict', lang: 'fr-FR', upstream: server.url.replace(/\/$/, '') });
  const shotOf = async (name, target) => {
    const file = path.join(OUT, name);
    await target.screenshot({ path: file });
    console.log(`demo: ${path.relative(ROOT, file)}`);
  };
  const popup = await fr.context.newPage();
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.goto(`chrome-extension://${fr.extensionId}/popup/popup.html`);
  await popup.locator('body[data-ready="1"]').waitFor();
  // Chromium speaks French only with its French resources (Debian: chromium-l10n).
  const spoken = await popup.evaluate(() => chrome.i18n.getUILanguage());
  if (!spoken.startsWith('fr')) console.log(`demo: the browser speaks ${spoken}, not French: install chromium-l10n for French screenshots`);
  await shotOf('9-popup-fr.png', popup);
  const options = await fr.context.newPage();
  await options.goto(`chrome-extension://${fr.extensionId}/options/options.html`);
  await options.waitForSelector('html[data-ready=true]');
  await shotOf('10-options-fr.png', options);
  await fr.close();
  await fillThisPage();
  console.log(`demo: screenshots are in ${path.relative(process.cwd(), OUT) || OUT}/`);
}
await server.close();

/**
 * "Fill this page" on the Wherehouse replica: the popup's plan before anything is written,
 * then the form filled. The 'targets' flavour's host permission for the replica's address
 * stands in for the toolbar click (tests/gesture/ makes that click for real).
 */
async function fillThisPage() {
  const env = await launch({ flavour: 'targets', pages: await targetPages() });
  const shot = async (name, target) => {
    const file = path.join(OUT, name);
    await target.screenshot({ path: file });
    console.log(`demo: ${path.relative(ROOT, file)}`);
  };
  const popup = await env.context.newPage();
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.goto(`chrome-extension://${env.extensionId}/popup/popup.html`);
  await popup.locator('body[data-ready="1"]').waitFor();
  // Made-up values of BigCommerce's shapes (the screenshot shows them, masked or not).
  const file = [
    'ACCESS TOKEN: 7xq2k9d4m1v8r3t6y5u0p2w9e4s7a1z', 'CLIENT NAME: Wherehouse',
    'API PATH: https://api.bigcommerce.com/stores/d3m0st0r3/v3/', 'CLIENT ID: k3j5h6g7f8d9s0a1q2w3e4r5t6y7u8i',
    'CLIENT SECRET: 5f0c1e9a7b3d2c4e6f8a0b1c3d5e7f9a', 'NAME: Wherehouse', '',
  ].join('\r\n');
  await chooseIntegration(popup, 'wherehouse');
  await popup.getByLabel('Import credentials file').setInputFiles({ name: 'api-credentials-Wherehouse.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
  await waitForCaptures(env, 1);
  const target = TARGETS.find((t) => t.id === 'wherehouse');
  const page = await env.context.newPage();
  await page.goto(target.url);
  await page.waitForFunction(() => window.__target?.ready === true);
  await page.bringToFront();
  await popup.getByRole('button', { name: 'Look again' }).click();
  await popup.locator('#target-fill', { hasText: 'Fill 4 fields' }).waitFor();
  await popup.locator('#target').scrollIntoViewIfNeeded();
  await shot('11-popup-fill-this-page.png', popup);
  await popup.setViewportSize(POPUP_SIZE);
  await popup.locator('#target').scrollIntoViewIfNeeded();
  await storeShots(STORE_OUT).withPopup('3-fill-this-page.png', page, popup, env.context);
  await popup.locator('#target-fill').click();
  await popup.locator('#target-status', { hasText: 'Filled 4 fields' }).waitFor();
  await shot('12-target-filled.png', page);
  await env.close();
}

// The test flavours of the extension, assembled from the shipped package (dist/chrome, or
// dist/firefox for the Firefox smoke test) into target/test-ext/<flavour>/. Only the tests
// load them; `make build` never produces them, so the zips and dist/ users install hold none
// of this.
//
//   shipped   dist/chrome as users get it: the in-page panel is a closed shadow root, which
//             Playwright's locators cannot enter (the security tests check that the page
//             cannot either).
//   open      shipped, plus tests/e2e/extension/open-panel.js before the content script: it
//             asks the loader, in the extension's isolated world, for an open shadow root, so
//             the tests drive the panel as a person does. Nothing else differs.
//   test      open, plus
//             - limits.js replaced by tests/e2e/extension/worker/limits.js (delays of a second, no
//               30 s alarm floor);
//             - the probe content script tests/e2e/extension/probe.js on every frame of
//               *.mybigcommerce.com and of https://foreign.example (the foreign site the tests
//               serve), for attacks from a content-script context;
//             - the name marked "(test build)".
//   granted   test, with clipboardRead a required permission instead of an optional one: the
//             browser's permission prompt cannot be answered in headless Chromium, and this
//             is how the tests get the permission granted to exercise the "still ours" check.
//   targets   test, with host permissions for the target replicas' addresses (tests/e2e/
//             targets.mjs) and erp.example.net: they stand in for the activeTab grant that the
//             toolbar button or the shortcut gives (tests/gesture/ makes that gesture for
//             real); and the right-click menu's handler reachable from the worker's global
//             scope, since no headless browser opens a context menu.
//   targets-top  targets without the origins of the replicas' frames (the popup must ask).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { TARGETS, NO_MATCH } from './targets.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILES = path.join(ROOT, 'tests/e2e/extension');
export const FOREIGN_ORIGIN = 'https://foreign.example';
/** A site no preset knows, with a form of BigCommerce's usual field names (targets.test.mjs). */
export const UNKNOWN_TARGET_ORIGIN = 'https://erp.example.net';

const built = new Map();

/**
 * The directory of `flavour` ('shipped', 'open', 'test' or 'granted') of the `browser`'s
 * package ('chrome' or 'firefox'), assembled once per process.
 */
export function extensionDir(flavour = 'shipped', browser = 'chrome') {
  const shipped = path.join(ROOT, 'dist', browser);
  if (flavour === 'shipped') return shipped;
  const key = `${browser}-${flavour}`;
  if (built.has(key)) return built.get(key);
  if (!['open', 'test', 'granted', 'targets', 'targets-top'].includes(flavour)) throw new Error(`unknown flavour ${flavour}`);
  if (!fs.existsSync(path.join(shipped, 'manifest.json'))) throw new Error(`${shipped} is not built: run make build`);
  const out = path.join(ROOT, 'target/test-ext', `${key}-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(shipped, out, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  fs.copyFileSync(path.join(FILES, 'open-panel.js'), path.join(out, 'open-panel.js'));
  for (const script of manifest.content_scripts) {
    if (script.js.includes('content/content.js')) script.js.unshift('open-panel.js');
  }
  if (flavour !== 'open') {
    fs.copyFileSync(path.join(FILES, 'limits.js'), path.join(out, 'worker/limits.js'));
    fs.copyFileSync(path.join(FILES, 'probe.js'), path.join(out, 'probe.js'));
    manifest.name = 'ScopeFill (test build)';
    manifest.content_scripts.push({
      matches: ['https://*.mybigcommerce.com/*', `${FOREIGN_ORIGIN}/*`],
      js: ['probe.js'],
      all_frames: true,
      run_at: 'document_end',
    });
  }
  if (flavour.startsWith('targets')) {
    // Host permissions for the target replicas' addresses stand in for the activeTab grant a
    // toolbar click or the shortcut gives (tests/gesture/ makes the real gesture once);
    // 'targets-top' leaves out the origins of frames, which the popup must then ask for.
    const origins = new Set();
    for (const t of [...TARGETS, NO_MATCH]) {
      origins.add(new URL(t.url).origin);
      if (t.frame && flavour === 'targets') origins.add(new URL(t.frame.url).origin);
    }
    manifest.host_permissions.push(...[...origins].map((o) => `${o}/*`), `${UNKNOWN_TARGET_ORIGIN}/*`);
    // The right-click menu's handler, for the tests to call as the browser does on a click
    // (no headless browser opens a context menu).
    fs.appendFileSync(path.join(out, 'worker/background.js'),
      '\nglobalThis.__scopefillMenuClick = onMenuClick;\nglobalThis.__scopefillMenuShown = () => JSON.parse(menuShown ?? \'[]\');\n');
  }
  if (flavour === 'granted') {
    manifest.permissions.push('clipboardRead');
    manifest.optional_permissions = manifest.optional_permissions.filter((p) => p !== 'clipboardRead');
    if (manifest.optional_permissions.length === 0) delete manifest.optional_permissions;
  }
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  built.set(key, out);
  process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }));
  return out;
}

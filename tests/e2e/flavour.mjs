// The test flavours of the extension, assembled from the shipped package (dist/chrome) into
// target/test-ext/<flavour>/. Only the tests load them; `make build` never produces them, so the
// zips and dist/ users install hold none of this.
//
//   test      dist/chrome, plus
//             - limits.js replaced by tests/e2e/extension/worker/limits.js (delays of a second, no
//               30 s alarm floor);
//             - the probe content script tests/e2e/extension/probe.js on every frame of
//               *.mybigcommerce.com and of https://foreign.example (the foreign site the tests
//               serve), for attacks from a content-script context;
//             - the name marked "(test build)".
//   granted   test, with clipboardRead a required permission instead of an optional one: the
//             browser's permission prompt cannot be answered in headless Chromium, and this
//             is how the tests get the permission granted to exercise the "still ours" check.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHIPPED = path.join(ROOT, 'dist/chrome');
const FILES = path.join(ROOT, 'tests/e2e/extension');
export const FOREIGN_ORIGIN = 'https://foreign.example';

const built = new Map();

/** The directory of `flavour` ('shipped', 'test' or 'granted'), assembled once per process. */
export function extensionDir(flavour = 'shipped') {
  if (flavour === 'shipped') return SHIPPED;
  if (built.has(flavour)) return built.get(flavour);
  if (!['test', 'granted'].includes(flavour)) throw new Error(`unknown flavour ${flavour}`);
  if (!fs.existsSync(path.join(SHIPPED, 'manifest.json'))) throw new Error(`${SHIPPED} is not built: run make build`);
  const out = path.join(ROOT, 'target/test-ext', `${flavour}-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(SHIPPED, out, { recursive: true });
  fs.copyFileSync(path.join(FILES, 'limits.js'), path.join(out, 'worker/limits.js'));
  fs.copyFileSync(path.join(FILES, 'probe.js'), path.join(out, 'probe.js'));
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  manifest.name = 'ScopeFill (test build)';
  manifest.content_scripts.push({
    matches: ['https://*.mybigcommerce.com/*', `${FOREIGN_ORIGIN}/*`],
    js: ['probe.js'],
    all_frames: true,
    run_at: 'document_end',
  });
  if (flavour === 'granted') {
    manifest.permissions.push('clipboardRead');
    manifest.optional_permissions = manifest.optional_permissions.filter((p) => p !== 'clipboardRead');
    if (manifest.optional_permissions.length === 0) delete manifest.optional_permissions;
  }
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  built.set(flavour, out);
  process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }));
  return out;
}

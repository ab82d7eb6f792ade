#!/usr/bin/env node
// Writes the per-browser manifest from the single source, extension/manifest.json.
//   node scripts/manifest.mjs chrome|firefox OUT_FILE
// The version comes only from Cargo.toml's [workspace.package] (extension/manifest.json has
// none), so the crates and the extension never disagree. The release tests import
// `browserManifest` to read what the build writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cargoVersion } from './version.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The manifest for `browser` ('chrome' or 'firefox'); throws naming what is wrong. */
export function browserManifest(browser) {
  if (!['chrome', 'firefox'].includes(browser)) throw new Error(`no manifest for "${browser}": chrome or firefox`);
  const version = cargoVersion();
  const source = JSON.parse(readFileSync(`${root}/extension/manifest.json`, 'utf8'));
  if ('version' in source) {
    throw new Error("extension/manifest.json holds a version; Cargo.toml's [workspace.package] version is its one source");
  }
  // The version where a reader looks for it, after the name and description.
  const { manifest_version, name, description, ...rest } = source;
  const manifest = { manifest_version, name, description, version, ...rest };

  // The lowest versions that have all the code needs: README.md, "Browsers".
  if (browser === 'chrome') {
    manifest.background = { service_worker: 'worker/background.js', type: 'module' };
    delete manifest.browser_specific_settings;
    return manifest;
  }
  manifest.background = { scripts: ['worker/background.js'], type: 'module' };
  // Firefox has no offscreen documents (its background page has a DOM of its own).
  manifest.permissions = manifest.permissions?.filter((p) => p !== 'offscreen');
  // Firefox has no split incognito mode: from 127 it installs an extension asking for it as
  // "not_allowed", and older versions warn. It keeps the default ("spanning", and only where
  // the user allows private windows): the background records which captures came from a
  // private window, lists them only to pages in one and forgets them when the last closes.
  delete manifest.incognito;
  // Chrome's own minimum; Firefox's is gecko.strict_min_version.
  delete manifest.minimum_chrome_version;
  // Origins the add-on may ask for go in optional_permissions, which every Manifest V3 Firefox
  // reads; optional_host_permissions is read only from 128 (our minimum, so either would do).
  manifest.optional_permissions = [...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])];
  delete manifest.optional_host_permissions;
  const gecko = manifest.browser_specific_settings?.gecko;
  if (!gecko?.id) throw new Error('browser_specific_settings.gecko.id missing from extension/manifest.json');
  manifest.browser_specific_settings = { gecko };
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [browser, out] = process.argv.slice(2);
  if (!['chrome', 'firefox'].includes(browser) || !out) {
    console.error('usage: node scripts/manifest.mjs chrome|firefox OUT_FILE');
    process.exit(2);
  }
  try {
    writeFileSync(out, JSON.stringify(browserManifest(browser), null, 2) + '\n');
  } catch (e) {
    console.error(`manifest: ${e.message}`);
    process.exit(1);
  }
}

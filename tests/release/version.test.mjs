// The version has one source, Cargo.toml's [workspace.package]; everything that shows a version
// must agree with it: the manifest built for each browser, every crate, and the changelog's
// latest release.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserManifest } from '../../scripts/manifest.mjs';
import { cargoVersion } from '../../scripts/version.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file) => readFileSync(path.join(root, file), 'utf8');

test('Cargo.toml holds a semantic version, and every crate takes it from the workspace', () => {
  const version = cargoVersion();
  assert.match(version, /^\d+\.\d+\.\d+$/, `Cargo.toml: version ${version} is not MAJOR.MINOR.PATCH`);
  for (const crate of readdirSync(path.join(root, 'crates'))) {
    const toml = read(`crates/${crate}/Cargo.toml`);
    assert.match(toml, /^version\.workspace\s*=\s*true$/m, `crates/${crate}/Cargo.toml: expected version.workspace = true, not a version of its own`);
  }
});

test('no other file holds a version of its own', () => {
  assert.equal(JSON.parse(read('extension/manifest.json')).version, undefined,
    'extension/manifest.json: expected no "version" (scripts/manifest.mjs writes Cargo.toml\'s)');
  assert.equal(JSON.parse(read('package.json')).version, undefined, 'package.json: expected no "version"');
});

test("both browsers' manifests carry Cargo.toml's version", () => {
  for (const browser of ['chrome', 'firefox']) {
    const { version } = browserManifest(browser);
    assert.equal(version, cargoVersion(), `the ${browser} manifest says ${version}, Cargo.toml ${cargoVersion()}`);
  }
});

test("the changelog's latest release is Cargo.toml's version, dated, with a link", () => {
  const changelog = read('CHANGELOG.md');
  const headings = [...changelog.matchAll(/^## \[([^\]]+)\](.*)$/gm)];
  assert.equal(headings[0]?.[1], 'Unreleased', 'CHANGELOG.md: expected "## [Unreleased]" as the first entry');
  const latest = headings[1];
  assert.ok(latest, 'CHANGELOG.md: expected a release entry "## [X.Y.Z] - YYYY-MM-DD" after [Unreleased]');
  assert.equal(latest[1], cargoVersion(), `CHANGELOG.md: the latest release is ${latest[1]}, Cargo.toml says ${cargoVersion()}`);
  assert.match(latest[2], /^ - \d{4}-\d{2}-\d{2}$/, `CHANGELOG.md: expected " - YYYY-MM-DD" after [${latest[1]}]`);
  assert.match(changelog, new RegExp(`^\\[${latest[1].replaceAll('.', '\\.')}\\]: \\S+`, 'm'),
    `CHANGELOG.md: expected a link reference "[${latest[1]}]: …"`);
});

// docs/BUILD.md tells a store reviewer which tools rebuild the packages byte for byte: the
// versions it names are the pinned ones.
test('docs/BUILD.md names the pinned toolchain versions', () => {
  const build = read('docs/BUILD.md');
  const rust = read('rust-toolchain.toml').match(/^channel\s*=\s*"([^"]+)"/m)?.[1];
  const bindgen = read('Cargo.toml').match(/^wasm-bindgen\s*=\s*"=([0-9.]+)"/m)?.[1];
  const npm = JSON.parse(read('package.json')).devDependencies;
  const pins = { Rust: rust, 'wasm-bindgen-cli': bindgen, binaryen: npm.binaryen, esbuild: npm.esbuild };
  for (const [tool, version] of Object.entries(pins)) {
    assert.ok(version, `no pinned version of ${tool} found`);
    const row = build.split('\n').find((line) => line.startsWith(`| ${tool}`));
    assert.ok(row, `docs/BUILD.md: expected a "| ${tool} |" row in the toolchain table`);
    const cell = row.split('|')[2].trim();
    assert.ok(cell === version || cell.startsWith(`${version} `), `docs/BUILD.md: the ${tool} row should name ${version}: ${row}`);
  }
  const version = cargoVersion();
  assert.ok(build.includes(`scopefill-${version}-source.tar.gz`) && build.includes(`dist/scopefill-firefox-${version}.zip`),
    `docs/BUILD.md: the rebuild commands should name version ${version}'s files`);
});

test('each manifest states its minimum browser, and the README names the same', () => {
  const chrome = browserManifest('chrome');
  const firefox = browserManifest('firefox');
  assert.match(chrome.minimum_chrome_version ?? '', /^\d+$/, 'the Chrome manifest: expected minimum_chrome_version');
  assert.equal(firefox.minimum_chrome_version, undefined, 'the Firefox manifest: expected no minimum_chrome_version');
  const gecko = firefox.browser_specific_settings?.gecko?.strict_min_version ?? '';
  assert.match(gecko, /^\d+\.0$/, 'the Firefox manifest: expected gecko.strict_min_version "N.0"');
  const readme = read('README.md');
  const row = (name) => readme.split('\n').find((line) => line.startsWith(`| ${name} | `))?.split('|')[2]?.trim();
  assert.equal(row('Chrome'), chrome.minimum_chrome_version, 'README.md: the Browsers table\'s Chrome minimum');
  assert.equal(row('Firefox'), gecko.replace(/\.0$/, ''), 'README.md: the Browsers table\'s Firefox minimum');
});

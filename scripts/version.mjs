#!/usr/bin/env node
// The version's one source: Cargo.toml's [workspace.package] version. Imported by
// scripts/manifest.mjs and the release tests; `node scripts/version.mjs` prints it for the
// shell scripts (build, reproducible, release).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The version in Cargo.toml's [workspace.package] table; throws naming what is missing. */
export function cargoVersion(text = readFileSync(`${root}/Cargo.toml`, 'utf8')) {
  // The [workspace.package] table runs to the next table header.
  const table = text.split(/^\[/m).find((t) => t.startsWith('workspace.package]'));
  const version = table?.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  if (!version) throw new Error('Cargo.toml: expected a version = "…" line in [workspace.package]');
  return version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(cargoVersion());
  } catch (e) {
    console.error(`version: ${e.message}`);
    process.exit(1);
  }
}

#!/usr/bin/env node
// The notices of the Rust crates compiled into the packages' WebAssembly (and its wasm2js
// translation): MIT asks that each crate's copyright and permission notice go with every copy.
//   node scripts/third-party.mjs OUT_FILE
// The crates are what `cargo tree` lists for the pages' build (a superset of the content
// script's) on wasm32, without build-time-only proc macros. Each is taken under MIT (those
// offering a choice, too); a crate whose licence offers no MIT stops the build, naming it, so
// a new dependency's licence is looked at before it ships. Sorted, and read from the crates'
// own sources only: the same text on every machine.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/third-party.mjs OUT_FILE');
  process.exit(2);
}
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const cargo = (args) => execFileSync('cargo', args, { encoding: 'utf8', maxBuffer: 64 << 20 });

const shipped = new Set(
  cargo(['tree', '--locked', '-p', 'scopefill', '--target', 'wasm32-unknown-unknown', '-e', 'normal,no-proc-macro',
    '--prefix', 'none', '--format', '{p}'])
    .split('\n')
    .map((line) => line.replace(/ \(\*\)$/, '').trim())
    .filter((line) => line && !line.includes(' (')) // the workspace's own crates: LICENSE covers them
    .map((line) => line.replace(' v', '@')),
);
const metadata = JSON.parse(cargo(['metadata', '--locked', '--format-version', '1', '--filter-platform', 'wasm32-unknown-unknown']));
const crates = metadata.packages
  .filter((p) => shipped.has(`${p.name}@${p.version}`))
  // By code point, not by a locale's collation: the same order everywhere.
  .sort((a, b) => (a.name === b.name ? cmp(a.version, b.version) : cmp(a.name, b.name)));
if (crates.length !== shipped.size) {
  console.error(`third-party: cargo tree lists ${shipped.size} crates, cargo metadata describes ${crates.length}`);
  process.exit(1);
}

const MIT = /Permission is hereby granted, free of charge/;
const text = (file) => readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').trim();

/** The licences one crate is used under, and their texts: its MIT licence file(s), and any
 * other licence its expression ANDs in. */
function notices(crate) {
  const licence = crate.license ?? '';
  if (!/\bMIT\b/.test(licence)) {
    console.error(`third-party: ${crate.name} ${crate.version} is licensed "${licence || 'without a licence field'}", which offers no MIT; look at it before it ships`);
    process.exit(1);
  }
  const dir = path.dirname(crate.manifest_path);
  const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying)/i.test(f)).sort();
  const mit = files.filter((f) => /mit/i.test(f) || (!/apache|unlicense|unicode/i.test(f) && MIT.test(text(path.join(dir, f)))));
  // An AND in the expression adds a licence that applies too (unicode-ident's Unicode-3.0).
  const and = /\bAND\s+Unicode/i.test(licence) ? files.filter((f) => /unicode/i.test(f)) : [];
  const terms = and.length ? 'MIT and Unicode-3.0' : 'MIT';
  const found = [...mit, ...and].map((f) => text(path.join(dir, f)));
  if (mit.length) return { terms, texts: found };
  // No licence file in the package: the MIT text, for its authors.
  const authors = crate.authors?.length ? crate.authors.join(', ') : `the ${crate.name} authors`;
  const template = text(new URL('../LICENSE', import.meta.url)).replace(/^Copyright \(c\).*$/m, `Copyright (c) ${authors}`);
  return { terms, texts: [template, ...found] };
}

const sections = crates.map((crate) => {
  const { terms, texts } = notices(crate);
  return [
    `== ${crate.name} ${crate.version} (${crate.license}; used under ${terms})`,
    crate.repository ? crate.repository : null,
    '',
    texts.join('\n\n'),
  ].filter((line) => line !== null).join('\n');
});

writeFileSync(out, [
  'ScopeFill for BigCommerce includes code from these Rust crates, compiled into its',
  'WebAssembly (pkg/, pkg-content/) and that WebAssembly translated to JavaScript (pkg-js/).',
  'Each is used under the licence its heading names; their notices follow.',
  '',
  ...sections.map((s) => `${s}\n`),
].join('\n'));

// Pins the privacy policy (docs/PRIVACY.md) and the store-review texts
// (docs/store/permissions.md) to the code, so that neither drifts silently:
//   - every permission of the manifests is justified, and nothing else is;
//   - Firefox's data_collection_permissions says "none", and the policy says nothing is sent;
//   - every figure the documents state is the code's (read from the Rust sources);
//   - the "no network, no sync, no remote code, no logging" claims hold in the sources;
//   - the storage.local keys the policy lists are exactly the ones the code uses.
//
//   node --test tests/release/privacy.test.mjs
//
// Node 20, no dependencies. Each failure names the file and what was expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserManifest } from '../../scripts/manifest.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const FILES = {
  manifest: 'extension/manifest.json',
  privacy: 'docs/PRIVACY.md',
  store: 'docs/store/permissions.md',
  settings: 'crates/core/src/settings.rs',
  worker: 'crates/core/src/worker.rs',
  contract: 'crates/core/src/contract.rs',
  targetPage: 'extension/target/page.js',
  webCargo: 'crates/web/Cargo.toml',
};

const read = (rel) => readFileSync(join(root, rel), 'utf8');

// --- reading the code --------------------------------------------------------------------------

/** `pub const NAME: <type> = 1_000;` in a Rust file, as a number. */
function rustNumber(rel, name) {
  const m = read(rel).match(new RegExp(`pub const ${name}\\s*:\\s*\\w+\\s*=\\s*([\\d_]+)\\s*;`));
  assert.ok(m, `${rel}: expected a line "pub const ${name}: <int> = <number>;"`);
  return Number(m[1].replaceAll('_', ''));
}

/** `pub const NAME: RangeInclusive<u32> = lo..=hi;` in a Rust file. */
function rustRange(rel, name) {
  const m = read(rel).match(
    new RegExp(`pub const ${name}\\s*:\\s*RangeInclusive<\\w+>\\s*=\\s*([\\d_]+)\\s*\\.\\.=\\s*([\\d_]+)\\s*;`),
  );
  assert.ok(m, `${rel}: expected a line "pub const ${name}: RangeInclusive<u32> = <lo>..=<hi>;"`);
  return [Number(m[1].replaceAll('_', '')), Number(m[2].replaceAll('_', ''))];
}

/** The body of `pub const SHIPPED: Limits = Limits { … };` in worker.rs. */
function shippedLimits() {
  const src = read(FILES.worker);
  const start = src.indexOf('pub const SHIPPED: Limits = Limits {');
  assert.ok(start >= 0, `${FILES.worker}: expected "pub const SHIPPED: Limits = Limits {" (the shipped limits)`);
  const end = src.indexOf('\n    };', start);
  assert.ok(end > start, `${FILES.worker}: expected the end "};" of Limits::SHIPPED`);
  return src.slice(start, end);
}

/** A numeric field of Limits::SHIPPED, e.g. `captures_per_store: 20,`. */
function shippedNumber(field) {
  const m = shippedLimits().match(new RegExp(`\\b${field}\\s*:\\s*([\\d_]+)\\s*,`));
  assert.ok(m, `${FILES.worker}: expected "${field}: <number>," in Limits::SHIPPED`);
  return Number(m[1].replaceAll('_', ''));
}

/** The string constants of a `pub mod NAME { pub const X: &str = "…"; }` block in a Rust file. */
function rustStringModule(rel, mod) {
  const src = read(rel);
  const start = src.indexOf(`pub mod ${mod} {`);
  assert.ok(start >= 0, `${rel}: expected a module "pub mod ${mod} {"`);
  const body = src.slice(start, src.indexOf('\n}', start));
  const keys = [...body.matchAll(/pub const \w+\s*:\s*&str\s*=\s*"([^"]+)"\s*;/g)].map((m) => m[1]);
  assert.ok(keys.length > 0, `${rel}: expected string constants in "pub mod ${mod}"`);
  return keys;
}

/** The figures, from the code. */
function figures() {
  const expiryDefaultSeconds = rustNumber(FILES.settings, 'DEFAULT_EXPIRY_SECONDS');
  assert.equal(expiryDefaultSeconds % 60, 0,
    `${FILES.settings}: DEFAULT_EXPIRY_SECONDS (${expiryDefaultSeconds}) is expected to be whole minutes (the documents state it in minutes)`);
  const retryMs = rustNumber(FILES.worker, 'CLEAR_RETRY_MS');
  const attempts = rustNumber(FILES.worker, 'CLEAR_ATTEMPTS');
  // worker.rs after_clear: after the n-th failed clear (n < CLEAR_ATTEMPTS) the next one is
  // CLEAR_RETRY_MS << (n - 1) later; the CLEAR_ATTEMPTS-th failure gives up.
  const retrySeconds = Array.from({ length: attempts - 1 }, (_, i) => (retryMs * 2 ** i) / 1000);
  const valueCap = read(FILES.targetPage).match(/value:\s*String\(prop\(el, 'value'\)\)\.slice\(0,\s*(\d+)\)/);
  assert.ok(valueCap, `${FILES.targetPage}: expected the outline's "value: String(prop(el, 'value')).slice(0, <n>)"`);
  return {
    expiryDefaultMinutes: expiryDefaultSeconds / 60,
    expiryMinutes: rustRange(FILES.settings, 'EXPIRY_MINUTES'),
    clipboardDefaultSeconds: rustNumber(FILES.settings, 'DEFAULT_CLIPBOARD_SECONDS'),
    clipboardSeconds: rustRange(FILES.settings, 'CLIPBOARD_SECONDS'),
    perStore: shippedNumber('captures_per_store'),
    total: shippedNumber('captures_total'),
    alarmFloorSeconds: shippedNumber('alarm_min_ms') / 1000,
    retrySeconds,
    outlineValueChars: Number(valueCap[1]),
  };
}

// --- reading the documents ---------------------------------------------------------------------

/** The text of a `## heading` section (up to the next `## `), or fails naming the file. */
function section(rel, heading) {
  const text = read(rel);
  const start = text.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `${rel}: expected a section "## ${heading}"`);
  const next = text.indexOf('\n## ', start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

const backticked = (line) => [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** `### …` headings of a section: [{line, name (first backticked token), names}]. */
function headings(text) {
  return text.split('\n').filter((l) => l.startsWith('### ')).map((line) => {
    const names = backticked(line);
    return { line, name: names[0], names };
  });
}

/** Table rows of a section whose first cell names something in backticks. */
function tableRows(text) {
  return text.split('\n').filter((l) => /^\|\s*`/.test(l)).map((line) => {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const names = backticked(cells[0]);
    return { line, name: names[0], names, cells };
  });
}

/** A table row whose first cell is exactly `label`, as its cells. */
function rowLabelled(rel, label) {
  const line = read(rel).split('\n').find((l) => l.startsWith(`| ${label} |`));
  assert.ok(line, `${rel}: expected a table row "| ${label} | … |"`);
  return line.split('|').slice(1, -1).map((c) => c.trim());
}

// --- the manifests -------------------------------------------------------------------------------

const manifest = JSON.parse(read(FILES.manifest));

/** Every permission a manifest asks for, required or optional, API or host. */
const permissionsOf = (m) => [
  ...(m.permissions ?? []),
  ...(m.optional_permissions ?? []),
  ...(m.optional_host_permissions ?? []),
  ...(m.host_permissions ?? []),
];
const optionalOf = (m) => new Set([...(m.optional_permissions ?? []), ...(m.optional_host_permissions ?? [])]);

// The per-browser manifests as scripts/manifest.mjs writes them.
const built = { chrome: browserManifest('chrome'), firefox: browserManifest('firefox') };

// Firefox calls the contextMenus API "menus"; the manifest asks for "contextMenus" in both.
const ALIASES = { contextMenus: 'menus' };

const all = [...new Set([...permissionsOf(manifest), ...permissionsOf(built.chrome), ...permissionsOf(built.firefox)])];
const documentable = new Set([...all, ...Object.values(ALIASES)]);
const optional = new Set([...optionalOf(manifest), ...optionalOf(built.chrome), ...optionalOf(built.firefox)]);
const firefoxHas = new Set(permissionsOf(built.firefox));
const chromeHas = new Set(permissionsOf(built.chrome));
const chromeOnly = new Set(all.filter((p) => chromeHas.has(p) && !firefoxHas.has(p)));
const firefoxOnly = new Set(all.filter((p) => firefoxHas.has(p) && !chromeHas.has(p)));

// --- the tests -------------------------------------------------------------------------------------

test('the manifests ask for permissions (sanity: the test reads what it should)', () => {
  assert.ok(all.includes('storage') && all.length >= 8,
    `${FILES.manifest}: expected its permissions to be read (got ${JSON.stringify(all)})`);
  assert.ok(chromeOnly.has('offscreen'),
    `${FILES.manifestScript}: expected the Firefox manifest to drop "offscreen" (got Firefox ${JSON.stringify([...firefoxHas])})`);
});

test('every permission has its own justification in docs/store/permissions.md, and nothing else does', () => {
  const found = headings(section(FILES.store, 'Permission justifications'));
  for (const permission of all) {
    const heading = found.find((h) => h.name === permission);
    assert.ok(heading, `${FILES.store}: expected a heading "### \`${permission}\`" under "## Permission justifications" (it is in the manifest)`);
    const isOptional = optional.has(permission);
    assert.equal(/\(optional\b/.test(heading.line), isOptional,
      `${FILES.store}: the heading of ${permission} is expected ${isOptional ? 'to say "(optional"' : 'not to say "(optional"'} (as in the manifest): ${heading.line}`);
    assert.equal(heading.line.includes('Chrome only'), chromeOnly.has(permission),
      `${FILES.store}: the heading of ${permission} is expected ${chromeOnly.has(permission) ? 'to say "Chrome only"' : 'not to say "Chrome only"'}: ${heading.line}`);
    assert.equal(heading.line.includes('Firefox only'), firefoxOnly.has(permission),
      `${FILES.store}: the heading of ${permission} is expected ${firefoxOnly.has(permission) ? 'to say "Firefox only"' : 'not to say "Firefox only"'}: ${heading.line}`);
    if (ALIASES[permission]) {
      assert.ok(heading.names.includes(ALIASES[permission]),
        `${FILES.store}: the heading of ${permission} is expected to name its Firefox name \`${ALIASES[permission]}\`: ${heading.line}`);
    }
  }
  for (const heading of found) {
    assert.ok(heading.name && documentable.has(heading.name),
      `${FILES.store}: "${heading.line}" justifies a permission the manifests do not ask for (they ask for ${JSON.stringify(all)})`);
  }
  assert.equal(found.length, new Set(found.map((h) => h.name)).size,
    `${FILES.store}: expected one heading per permission, found a permission twice`);
});

test('every permission is named in docs/PRIVACY.md\'s permission table, and nothing else is', () => {
  const rows = tableRows(section(FILES.privacy, 'Permissions'));
  for (const permission of all) {
    const row = rows.find((r) => r.name === permission);
    assert.ok(row, `${FILES.privacy}: expected a row "| \`${permission}\` | … |" under "## Permissions" (it is in the manifest)`);
    assert.equal(/\(optional\)/.test(row.cells[0]), optional.has(permission),
      `${FILES.privacy}: the row of ${permission} is expected ${optional.has(permission) ? 'to say "(optional)"' : 'not to say "(optional)"'}: ${row.line}`);
    assert.equal(row.cells[0].includes('Chrome only'), chromeOnly.has(permission),
      `${FILES.privacy}: the row of ${permission} is expected ${chromeOnly.has(permission) ? 'to say "Chrome only"' : 'not to say "Chrome only"'}: ${row.line}`);
    if (ALIASES[permission]) {
      assert.ok(row.names.includes(ALIASES[permission]),
        `${FILES.privacy}: the row of ${permission} is expected to name its Firefox name \`${ALIASES[permission]}\`: ${row.line}`);
    }
  }
  for (const row of rows) {
    assert.ok(documentable.has(row.name),
      `${FILES.privacy}: the row "${row.line}" names a permission the manifests do not ask for (they ask for ${JSON.stringify(all)})`);
  }
  assert.ok(read(FILES.privacy).includes('(store/permissions.md)'),
    `${FILES.privacy}: expected a link to store/permissions.md from the permissions section`);
});

test('Firefox\'s data_collection_permissions is "none", and the documents say nothing is sent', () => {
  const expected = { required: ['none'] };
  assert.deepEqual(manifest.browser_specific_settings?.gecko?.data_collection_permissions, expected,
    `${FILES.manifest}: expected browser_specific_settings.gecko.data_collection_permissions to be {"required": ["none"]}`);
  assert.deepEqual(built.firefox.browser_specific_settings?.gecko?.data_collection_permissions, expected,
    `${FILES.manifestScript}: expected the Firefox manifest to keep gecko.data_collection_permissions {"required": ["none"]}`);
  assert.equal(built.chrome.browser_specific_settings, undefined,
    `${FILES.manifestScript}: expected the Chrome manifest to have no browser_specific_settings`);
  const privacy = read(FILES.privacy);
  for (const claim of ['It makes no network requests.', 'Nothing is sent to the developers.', 'It sends\nnothing to us or to anyone else.']) {
    assert.ok(privacy.includes(claim), `${FILES.privacy}: expected the sentence "${claim.replace('\n', ' ')}"`);
  }
  const store = read(FILES.store);
  assert.ok(store.includes('"required": ["none"]'), `${FILES.store}: expected the declaration "required": ["none"] quoted`);
  assert.ok(store.includes('**No.**'), `${FILES.store}: expected "**No.**" as the answer to "Are you using remote code?"`);
});

test('the extension pages\' CSP allows no connection elsewhere and no remote script, as the documents say', () => {
  const csp = manifest.content_security_policy?.extension_pages ?? '';
  const directive = (name) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
  assert.equal(directive('default-src'), "default-src 'none'", `${FILES.manifest}: expected the extension pages' CSP to have "default-src 'none'" (got "${csp}")`);
  assert.equal(directive('connect-src'), "connect-src 'self'", `${FILES.manifest}: expected the extension pages' CSP to have "connect-src 'self'" (got "${csp}")`);
  assert.equal(directive('script-src'), "script-src 'self' 'wasm-unsafe-eval'",
    `${FILES.manifest}: expected the extension pages' CSP to have "script-src 'self' 'wasm-unsafe-eval'" (got "${csp}")`);
  for (const rel of [FILES.privacy, FILES.store]) {
    assert.ok(read(rel).includes("`connect-src 'self'`"), `${rel}: expected the CSP's \`connect-src 'self'\` named`);
  }
  assert.ok(read(FILES.store).includes("`script-src 'self' 'wasm-unsafe-eval'`"), `${FILES.store}: expected the CSP's \`script-src 'self' 'wasm-unsafe-eval'\` named`);
});

test('the figures in docs/PRIVACY.md\'s table are the code\'s', () => {
  const f = figures();
  const check = (label, cells, want) =>
    assert.deepEqual(cells.slice(1), want, `${FILES.privacy}: the row "${label}" is expected to read ${JSON.stringify(want)} (from the code)`);
  const expiry = 'Captured accounts are forgotten after';
  check(expiry, rowLabelled(FILES.privacy, expiry),
    [`${f.expiryDefaultMinutes} minutes`, `${f.expiryMinutes[0]} to ${f.expiryMinutes[1]} minutes`]);
  const clipboard = 'Copied values are cleared from the clipboard after';
  check(clipboard, rowLabelled(FILES.privacy, clipboard),
    [`${f.clipboardDefaultSeconds} seconds`, `${f.clipboardSeconds[0]} to ${f.clipboardSeconds[1]} seconds`]);
  const perStore = 'Accounts kept for one store, at most';
  check(perStore, rowLabelled(FILES.privacy, perStore), [String(f.perStore), 'no']);
  const total = 'Accounts kept in all, at most';
  check(total, rowLabelled(FILES.privacy, total), [String(f.total), 'no']);
});

test('the background enforces the options page\'s figures (worker.rs uses settings.rs\'s constants)', () => {
  const shipped = shippedLimits();
  for (const name of ['DEFAULT_EXPIRY_SECONDS', 'DEFAULT_CLIPBOARD_SECONDS', 'EXPIRY_MINUTES', 'CLIPBOARD_SECONDS']) {
    assert.ok(shipped.includes(name),
      `${FILES.worker}: expected Limits::SHIPPED to use settings::${name}, so that the figures read from ${FILES.settings} are the background's`);
  }
});

test('every figure stated in the prose of both documents is one of the code\'s', () => {
  const f = figures();
  const allowed = {
    minute: new Set([f.expiryDefaultMinutes, ...f.expiryMinutes]),
    second: new Set([f.clipboardDefaultSeconds, ...f.clipboardSeconds, f.alarmFloorSeconds, ...f.retrySeconds]),
    character: new Set([f.outlineValueChars]),
  };
  for (const rel of [FILES.privacy, FILES.store]) {
    const text = read(rel).replace(/\s+/g, ' ');
    // "15 minutes", "5 to 600 seconds", "after 5, 10, 20, 40 and 80 seconds", "512 characters"
    for (const m of text.matchAll(/((?:\d+(?:,| and| to| or) )*\d+) (minute|second|character)s?\b/g)) {
      for (const n of m[1].match(/\d+/g).map(Number)) {
        assert.ok(allowed[m[2]].has(n),
          `${rel}: "${m[0]}" states ${n} ${m[2]}s; the code's figures in ${m[2]}s are ${JSON.stringify([...allowed[m[2]]])}`);
      }
    }
    // A range without its unit ("(1 to 1440, the user's choice)"): one of the settings' ranges.
    const ranges = [f.expiryMinutes.join(' to '), f.clipboardSeconds.join(' to ')];
    for (const m of text.matchAll(/(?<!Firefox )\b(\d+) to (\d+)\b/g)) {
      assert.ok(ranges.includes(`${m[1]} to ${m[2]}`),
        `${rel}: "${m[0]}" is expected to be one of the settings' ranges ${JSON.stringify(ranges)}`);
    }
  }
  const privacy = read(FILES.privacy).replace(/\s+/g, ' ');
  const retries = `tries again after ${f.retrySeconds.slice(0, -1).join(', ')} and ${f.retrySeconds.at(-1)} seconds, then gives up`;
  assert.ok(privacy.includes(retries), `${FILES.privacy}: expected "${retries}" (CLEAR_RETRY_MS and CLEAR_ATTEMPTS in ${FILES.worker})`);
  const caps = `at most ${f.perStore} accounts of one store and ${f.total} in all`;
  assert.ok(privacy.includes(caps), `${FILES.privacy}: expected "${caps}" (Limits::SHIPPED in ${FILES.worker})`);
  const next = f.perStore + 1;
  const ordinal = `${next}${next % 10 === 1 && next % 100 !== 11 ? 'st' : next % 10 === 2 && next % 100 !== 12 ? 'nd' : next % 10 === 3 && next % 100 !== 13 ? 'rd' : 'th'}`;
  assert.ok(privacy.includes(`A ${ordinal} account of one store`),
    `${FILES.privacy}: expected "A ${ordinal} account of one store" (one more than captures_per_store, ${f.perStore})`);
  const alarm = `no sooner than ${f.alarmFloorSeconds} seconds`;
  assert.ok(privacy.includes(alarm), `${FILES.privacy}: expected "${alarm}" (alarm_min_ms in ${FILES.worker})`);
  const min = Number.parseInt(manifest.browser_specific_settings.gecko.strict_min_version, 10);
  assert.ok(read(FILES.store).includes(`minimum of\n${min}`) || read(FILES.store).replace(/\s+/g, ' ').includes(`minimum of ${min}`),
    `${FILES.store}: expected "minimum of ${min}" (gecko.strict_min_version in ${FILES.manifest})`);
});

test('the storage.local keys docs/PRIVACY.md lists are exactly the code\'s', () => {
  const keys = rustStringModule(FILES.contract, 'local');
  const text = section(FILES.privacy, 'What is kept, where, and for how long');
  const start = text.indexOf('### Settings and other things kept on disk');
  assert.ok(start >= 0, `${FILES.privacy}: expected "### Settings and other things kept on disk"`);
  const table = text.slice(start).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| kept |'));
  const listed = table.map((l) => backticked(l.split('|')[1])[0]).filter(Boolean);
  assert.deepEqual([...listed].sort(), [...keys].sort(),
    `${FILES.privacy}: the storage.local table is expected to list exactly the keys of "pub mod local" in ${FILES.contract}`);
});

// --- the sources ------------------------------------------------------------------------------------

function filesUnder(rel, ext) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(ext)) out.push(path);
    }
  };
  walk(rel);
  return out;
}

const extensionJs = filesUnder('extension', '.js');
const rustSources = [...filesUnder('crates/web/src', '.rs'), ...filesUnder('crates/core/src', '.rs')];

test('the sources are found (sanity)', () => {
  for (const want of ['extension/worker/background.js', 'extension/popup/popup.js', 'extension/target/page.js', 'extension/content/content.js']) {
    assert.ok(extensionJs.includes(want), `expected ${want} among the scanned extension scripts (${extensionJs.length} found)`);
  }
  assert.ok(rustSources.includes('crates/web/src/lib.rs'), 'expected crates/web/src/lib.rs among the scanned Rust sources');
});

test('no storage.sync anywhere (the policy: "no synced storage")', () => {
  const sync = /storage\s*(?:\?\.|\.)\s*sync\b|\[\s*['"`]sync['"`]\s*\]|["'`]sync["'`]/;
  for (const rel of [...extensionJs, ...rustSources]) {
    const line = read(rel).split('\n').findIndex((l) => sync.test(l));
    assert.equal(line, -1, `${rel}:${line + 1}: expected no use of storage.sync (the policy says ScopeFill uses no synced storage)`);
  }
});

test('no network API in the extension\'s scripts; fetch only of the extension\'s own files', () => {
  const banned = /\b(XMLHttpRequest|WebSocket|sendBeacon|EventSource|RTCPeerConnection|importScripts)\b/;
  for (const rel of extensionJs) {
    const src = read(rel);
    const lines = src.split('\n');
    const hit = lines.findIndex((l) => banned.test(l));
    assert.equal(hit, -1, `${rel}:${hit + 1}: expected no network API (${banned.source}); the policy says ScopeFill makes no network requests`);
    for (const m of src.matchAll(/\bfetch\s*\(/g)) {
      const rest = src.slice(m.index + m[0].length);
      const at = src.slice(0, m.index).split('\n').length;
      assert.ok(/^\s*api\.runtime\.getURL\(/.test(rest),
        `${rel}:${at}: expected fetch() only of the extension's own files, as fetch(api.runtime.getURL(…))`);
    }
    const code = lines.findIndex((l) => /\beval\s*\(|\bnew\s+Function\s*\(/.test(l));
    assert.equal(code, -1, `${rel}:${code + 1}: expected no eval() or new Function() (the store texts say there is no remote code)`);
    const log = lines.findIndex((l) => /\bconsole\s*\./.test(l));
    assert.equal(log, -1, `${rel}:${log + 1}: expected no console call (the policy says ScopeFill's own code never writes to the console)`);
  }
});

test('no network API in the Rust sources, and none enabled in web-sys', () => {
  const banned = /\bfetch(?:_with_\w+)?\s*\(|["'`]fetch["'`]|\bXmlHttpRequest\b|\bXMLHttpRequest\b|\bWebSocket\b|\bsend_beacon\b|\bsendBeacon\b|\bEventSource\b|\bRtcPeerConnection\b|web_sys::console|\bconsole::/;
  for (const rel of rustSources) {
    const line = read(rel).split('\n').findIndex((l) => banned.test(l));
    assert.equal(line, -1, `${rel}:${line + 1}: expected no network or console API (the policy says ScopeFill makes no network requests and logs nothing)`);
  }
  const cargo = read(FILES.webCargo);
  const features = cargo.match(/web-sys\s*=\s*\{[^}]*features\s*=\s*\[([\s\S]*?)\]/);
  assert.ok(features, `${FILES.webCargo}: expected a web-sys dependency with a features list`);
  const enabled = [...features[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  for (const feature of ['Request', 'RequestInit', 'Response', 'Headers', 'XmlHttpRequest', 'WebSocket', 'EventSource', 'RtcPeerConnection', 'console']) {
    assert.ok(!enabled.includes(feature), `${FILES.webCargo}: expected web-sys feature "${feature}" not enabled (no network, no console)`);
  }
});

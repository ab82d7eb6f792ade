#!/usr/bin/env node
// `web-ext lint` on dist/firefox, one line per message instead of web-ext's wide table.
// Fails when the linter reports an error (warnings and notices are printed, not fatal).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = process.argv[2] ?? 'dist/firefox';
const run = spawnSync(
  `${root}/node_modules/.bin/web-ext`,
  ['lint', '--source-dir', dir, '--output', 'json', '--no-input'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 },
);
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  process.stderr.write(run.stdout + run.stderr);
  console.error(`lint: web-ext lint failed (exit ${run.status})`);
  process.exit(1);
}
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind] ?? []) {
    const where = m.file ? `${m.file}${m.line ? `:${m.line}` : ''}` : '';
    console.log(`lint: ${kind.slice(0, -1)} ${m.code} ${where} — ${m.message}`);
  }
}
const s = report.summary;
console.log(`lint: ${dir}: ${s.errors} errors, ${s.warnings} warnings, ${s.notices} notices`);
process.exit(s.errors > 0 || run.status !== 0 ? 1 : 0);

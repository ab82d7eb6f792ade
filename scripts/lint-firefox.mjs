#!/usr/bin/env node
// `web-ext lint` on a built package, one line per message instead of web-ext's wide table.
//   node scripts/lint-firefox.mjs [dist/firefox]
// Fails when the linter reports an error (warnings and notices are printed, not fatal).
// scripts/lint-chrome.mjs uses lint() with a list of Firefox-only messages to ignore.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Lints `dir`; returns true when there is no error left after `ignore`, a list of
 * { code, why, when?(message) } (a matching error or warning is printed as ignored, with why).
 */
export function lint(dir, { ignore = [] } = {}) {
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
    console.error(`lint: web-ext lint ${dir} failed (exit ${run.status})`);
    return false;
  }
  const counts = { errors: 0, warnings: 0, notices: 0, ignored: 0 };
  for (const kind of ['errors', 'warnings', 'notices']) {
    for (const m of report[kind] ?? []) {
      const where = m.file ? ` ${m.file}${m.line ? `:${m.line}` : ''}` : '';
      const rule = ignore.find((r) => r.code === m.code && (!r.when || r.when(m)));
      if (rule) {
        counts.ignored++;
        console.log(`lint: ignored ${kind.slice(0, -1)} ${m.code}${where} — ${m.message} [${rule.why}]`);
        continue;
      }
      counts[kind]++;
      console.log(`lint: ${kind.slice(0, -1)} ${m.code}${where} — ${m.message}`);
      if (kind === 'errors' && m.description) console.log(`        ${String(m.description).replace(/\s+/g, ' ')}`);
    }
  }
  const ignored = ignore.length ? `, ${counts.ignored} ignored as Firefox-only` : '';
  console.log(`lint: ${dir}: ${counts.errors} errors, ${counts.warnings} warnings, ${counts.notices} notices${ignored}`);
  // web-ext exits 1 exactly when there are errors; with ignored errors only, that is fine.
  return counts.errors === 0 && (run.status === 0 || report.summary.errors > 0);
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) process.exit(lint(process.argv[2] ?? 'dist/firefox') ? 0 : 1);

// Runs every end-to-end suite (tests/e2e/*.test.mjs) with node's test runner, two files at a
// time (each starts its own Chromium and stands alone; the machine has 2 cores, which two
// keep busy). Pass file paths to run only those.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(dir, f));
const only = process.argv.slice(2);
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...(only.length ? only : files)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

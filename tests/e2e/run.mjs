// Runs the end-to-end suites with node's test runner.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = ['matrix.test.mjs', 'scenarios.test.mjs'].map((f) => path.join(dir, f));
const only = process.argv.slice(2);
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...(only.length ? only : files)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

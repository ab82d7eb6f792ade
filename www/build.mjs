// Builds the replica: www/src → www/dist/{replica.js, index.html, page.css}.
//   node www/build.mjs            production bundle (minified, NODE_ENV=production)
// One IIFE file, no inline scripts, no eval: it runs under STRICT_CSP (script-src 'self').
// Fast (~0.5 s) and idempotent: the same sources give the same bytes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WWW = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(WWW, 'src');
export const DIST = path.join(WWW, 'dist');
const STATIC = ['index.html', 'page.css'];

export async function build({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  const started = Date.now();
  fs.mkdirSync(DIST, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(SRC, 'main.jsx')],
    outfile: path.join(DIST, 'replica.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome111', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    jsx: 'automatic',
    loader: { '.js': 'jsx' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    metafile: true,
  });
  for (const f of STATIC) {
    const from = path.join(SRC, f);
    const to = path.join(DIST, f);
    const body = fs.readFileSync(from);
    if (!fs.existsSync(to) || !fs.readFileSync(to).equals(body)) fs.writeFileSync(to, body);
  }
  const bytes = fs.statSync(path.join(DIST, 'replica.js')).size;
  if (!quiet) console.log(`replica: www/dist/replica.js ${(bytes / 1024).toFixed(0)} KB in ${Date.now() - started} ms`);
  return { bytes, warnings: result.warnings };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  build().catch((err) => {
    console.error(String(err && err.message ? err.message : err));
    process.exit(1);
  });
}

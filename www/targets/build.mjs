// Builds the target platforms' replicas: www/targets/src → www/targets/dist/.
//   node www/targets/build.mjs     writes dist/ (one IIFE per page script, the HTML and CSS)
//   import { buildTargets } from './www/targets/build.mjs'
//                                  the same files in memory, {name: Buffer} (what the tests
//                                  serve: always the current sources, no stale dist/)
// Each page script is one IIFE with no eval: the pages run under a strict CSP
// (script-src 'self'). React (celigo.jsx) is bundled from node_modules in production mode.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(HERE, 'src');
export const DIST = path.join(HERE, 'dist');
/** Modules the page scripts import, not pages of their own. */
const LIBRARIES = new Set(['common.js']);

export async function buildTargets({ write = false } = {}) {
  const esbuild = await import('esbuild');
  const names = fs.readdirSync(SRC).sort();
  const entries = names.filter((n) => /\.jsx?$/.test(n) && !LIBRARIES.has(n)).map((n) => path.join(SRC, n));
  const result = await esbuild.build({
    entryPoints: entries,
    outdir: DIST,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome111', 'firefox115'],
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    write: false,
  });
  const files = {};
  for (const out of result.outputFiles) files[path.basename(out.path)] = Buffer.from(out.contents);
  for (const n of names.filter((n) => /\.(html|css)$/.test(n))) files[n] = fs.readFileSync(path.join(SRC, n));
  if (write) {
    fs.mkdirSync(DIST, { recursive: true });
    for (const [name, body] of Object.entries(files)) {
      const to = path.join(DIST, name);
      if (!fs.existsSync(to) || !fs.readFileSync(to).equals(body)) fs.writeFileSync(to, body);
    }
  }
  return files;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const started = Date.now();
  buildTargets({ write: true }).then((files) => {
    console.log(`targets: www/targets/dist/ ${Object.keys(files).length} files in ${Date.now() - started} ms`);
  }).catch((err) => {
    console.error(String(err?.message ?? err));
    process.exit(1);
  });
}

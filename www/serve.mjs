// Static server for the BigCommerce "Create API account" replica (React + BigDesign bundle
// built by www/build.mjs into www/dist/).
//   node www/serve.mjs [port]        → builds the bundle if missing, prints the URLs
//   import { startServer, resolveReplica, STRICT_CSP } from './www/serve.mjs'

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WWW = path.dirname(fileURLToPath(import.meta.url));
/** Build output of www/build.mjs: index.html, replica.js (the bundle), page.css. */
const DIST = path.join(WWW, 'dist');

// The page's policy in the tests: scripts from 'self' only (no inline script, eval or wasm).
// style-src allows 'self' plus exactly one inline hash, sha256 of the EMPTY string: BigDesign
// styles through styled-components, which (in production) appends an empty <style> and fills
// it with CSSStyleSheet.insertRule. Under plain style-src 'self' Chromium gives that empty
// element no sheet at all, styled-components throws (its error 17) and nothing renders; the
// empty-string hash lets only empty <style> elements through (CSSOM rules are not subject to
// CSP), so any <style> with text, and every style="" attribute in markup, is still refused.
// See www/README.md.
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; img-src 'self' data:; object-src 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

// Every page is the same document; the bundle renders what the path asks for.
const PAGES = {
  '/manage/settings/api-accounts': 'index.html',
  '/manage/settings/api-accounts/create': 'index.html',
  '/manage/settings/auth/api-accounts': 'index.html',
  '/manage/shell': 'index.html',
};

function fileResult(name) {
  const file = path.join(DIST, name);
  const contentType = TYPES[path.extname(name).toLowerCase()];
  if (!contentType) return null;
  try {
    if (!fs.statSync(file).isFile()) return null;
  } catch {
    return null;
  }
  return { file, contentType };
}

/**
 * Map a URL path (query/hash ignored) to { file, contentType }, or null (also when the
 * bundle is not built yet: run `node www/build.mjs`).
 *   /manage/settings/api-accounts[/create], /manage/settings/auth/api-accounts,
 *   /manage/shell                          → www/dist/index.html (the bundle renders the page)
 *   /manage/replica/<name>                 → www/dist/<name> (one plain file name, no "..")
 */
export function resolveReplica(urlPath) {
  if (typeof urlPath !== 'string') return null;
  let p = urlPath.split(/[?#]/, 1)[0];
  if (p.includes('..')) return null;
  try {
    p = decodeURIComponent(p);
  } catch {
    return null;
  }
  if (p.includes('..') || p.includes('\\') || p.includes('\0')) return null;
  if (p.length > 1) p = p.replace(/\/+$/, '');
  if (PAGES[p]) return fileResult(PAGES[p]);
  const m = /^\/manage\/replica\/([^/]+)$/.exec(p);
  if (!m) return null;
  const name = m[1];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return null;
  return fileResult(name);
}

/**
 * startServer({ port = 0, host = '127.0.0.1', csp = 'strict' | 'none' | '<policy>' })
 *   → Promise<{ url, port, close() }>
 */
export function startServer({ port = 0, host = '127.0.0.1', csp = 'strict' } = {}) {
  const policy = csp === 'strict' ? STRICT_CSP : csp && csp !== 'none' ? String(csp) : null;
  const server = http.createServer((req, res) => {
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (policy) headers['Content-Security-Policy'] = policy;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return;
    }
    const urlPath = (req.url || '/').split(/[?#]/, 1)[0];
    if (urlPath === '/' || urlPath === '/manage' || urlPath === '/manage/') {
      const query = (req.url || '').includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      res.writeHead(302, { ...headers, Location: `/manage/settings/api-accounts/create${query}` });
      res.end();
      return;
    }
    const hit = resolveReplica(urlPath);
    if (!hit) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    fs.readFile(hit.file, (err, body) => {
      if (err) {
        res.writeHead(500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('read error\n');
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': hit.contentType, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${actual}`,
        port: actual,
        close: () => new Promise((done) => {
          server.close(() => done());
          if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
        }),
      });
    });
  });
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  if (!fs.existsSync(path.join(DIST, 'replica.js'))) await (await import('./build.mjs')).build();
  const port = Number.parseInt(process.argv[2] || '0', 10) || 0;
  const csp = process.env.REPLICA_CSP || 'strict';
  startServer({ port, csp }).then(({ url }) => {
    console.log(`BigCommerce replica serving on ${url}`);
    console.log(`  create form: ${url}/manage/settings/api-accounts/create`);
    console.log(`  SPA list:    ${url}/manage/settings/api-accounts?late=1500`);
    console.log(`  iframe shell: ${url}/manage/shell`);
    console.log(`  variants:    ?rows=toggle|toggle-labelid|toggle-caption|select|native|radio (see www/README.md)`);
  });
}

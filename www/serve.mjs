// Static server for the BigCommerce "Create API account" replica.
//   node www/serve.mjs [port]        → prints the URLs
//   import { startServer, resolveReplica, STRICT_CSP } from './www/serve.mjs'

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WWW = path.dirname(fileURLToPath(import.meta.url));

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'";

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

const PAGES = {
  '/manage/settings/api-accounts': 'create.html',
  '/manage/settings/api-accounts/create': 'create.html',
  '/manage/settings/auth/api-accounts': 'create.html',
  '/manage/shell': 'shell.html',
};

function fileResult(name) {
  const file = path.join(WWW, name);
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
 * Map a URL path (query/hash ignored) to { file, contentType }, or null.
 *   /manage/settings/api-accounts[/create] → create.html   /manage/shell → shell.html
 *   /manage/replica/<name>                 → www/<name> (one plain file name, no "..")
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
  const port = Number.parseInt(process.argv[2] || '0', 10) || 0;
  const csp = process.env.REPLICA_CSP || 'strict';
  startServer({ port, csp }).then(({ url }) => {
    console.log(`BigCommerce replica serving on ${url}`);
    console.log(`  create form: ${url}/manage/settings/api-accounts/create`);
    console.log(`  SPA list:    ${url}/manage/settings/api-accounts?late=1500`);
    console.log(`  iframe shell: ${url}/manage/shell`);
  });
}

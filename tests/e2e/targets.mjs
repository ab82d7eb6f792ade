// The target platforms' replicas (www/targets/), each at its real address, for the tests that
// fill them: page.js alone (target-page.test.mjs) and the extension end to end.
//
//   TARGETS       the replicas to fill: {id, preset, layout, url, frame?: {url}, fields, leaveEmpty}
//                 - url: the address to open; frame.url: the frame holding the form, when
//                   it is not the page itself;
//                 - fields: {caption: kind} for every field of the form, by its caption as
//                   the page labels it (label, aria-labelledby, aria-label or placeholder);
//                   kind is a value kind (client_id, client_secret, access_token, api_path,
//                   store_hash, api_host, store_url, account_name) or null for a field
//                   ScopeFill leaves alone (a connection's own name, a username);
//                 - leaveEmpty: captions the integration's guide says to leave empty.
//   NO_MATCH      a page with the same shape where nothing may be filled (a sign-in form).
//   targetPages() → {address: {body, type, headers}}: the harness's `pages` option
//                 (launch({pages: await targetPages()})); every replica, its frames, scripts
//                 and style sheet, with each origin's CSP.
//   routeTargets(context) serves the same on a plain Playwright context (no extension) and
//                 aborts every other request: → {served, foreign} (addresses asked for).

import { buildTargets } from '../../www/targets/build.mjs';

export const TARGETS = [
  {
    id: 'wherehouse', preset: 'wherehouse', layout: 'Wherehouse',
    url: 'https://app.wherehouse.co.za/platforms',
    fields: { 'API Path': 'api_path', 'Client ID': 'client_id', 'Client Secret': 'client_secret', 'Access Token': 'access_token' },
    leaveEmpty: [],
  },
  {
    id: 'celigo-basic', preset: 'celigo', layout: 'Basic',
    url: 'https://integrator.io/connections/create?type=bigcommerce&auth=basic',
    fields: { 'Name your connection': null, Username: 'client_id', Password: 'access_token', 'Store hash': 'store_hash' },
    leaveEmpty: [],
  },
  {
    id: 'celigo-token', preset: 'celigo', layout: 'Token',
    url: 'https://integrator.io/connections/create?type=bigcommerce&auth=token',
    fields: { 'Name your connection': null, 'Access token': 'access_token', 'Client ID': 'client_id', 'Store hash': 'store_hash' },
    leaveEmpty: [],
  },
  {
    id: 'starshipit', preset: 'starshipit', layout: 'Starshipit',
    url: 'https://app.starshipit.com/Members/Settings/Integrations.aspx',
    frame: { url: 'https://app.starshipit.com/Members/Settings/Integrations/BigCommerce.aspx' },
    fields: { 'Store name': null, Username: null, 'API Path': 'api_path', 'Client ID': 'client_id', 'Access Token': 'access_token' },
    leaveEmpty: ['Username'],
  },
  {
    id: 'ipaas', preset: 'ipaas', layout: 'All values',
    url: 'https://portal.ipaas.com/subscriptions/setup/bigcommerce',
    fields: { NAME: 'account_name', 'BC API URL': 'api_host', 'BC API STORE HASH': 'store_hash', 'BC API CLIENT ID': 'client_id', 'BC API TOKEN': 'access_token' },
    leaveEmpty: [],
  },
  {
    id: 'violet', preset: 'violet', layout: 'All values',
    url: 'https://connect.violet.io/onboarding/bigcommerce',
    frame: { url: 'https://embed.violet.io/connect/bigcommerce' },
    fields: { 'Store URL': 'store_url', 'Client ID': 'client_id', 'Client Secret': 'client_secret', 'Access Token': 'access_token' },
    leaveEmpty: [],
  },
  {
    id: 'next-cart', preset: 'migration-to-bigcommerce', layout: 'Migration tool',
    url: 'https://app.next-cart.com/migration/setup',
    fields: { 'API Path': 'api_path', 'Client ID': 'client_id', 'Access Token': 'access_token' },
    leaveEmpty: [],
  },
];

export const NO_MATCH = {
  id: 'starshipit-login', preset: 'starshipit', layout: 'Starshipit',
  url: 'https://app.starshipit.com/Login.aspx',
  fields: { Email: null, Password: null },
  leaveEmpty: [],
};

// Each origin's policy: scripts and styles from itself only (no inline script, no eval), and
// frames only where a replica embeds one.
const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";
const CSP = {
  'https://connect.violet.io': `${POLICY}; frame-src https://embed.violet.io`,
  'https://embed.violet.io': `${POLICY}; frame-ancestors https://connect.violet.io`,
};

/** Address (no query) → built file name. */
const ROUTES = {
  'https://app.wherehouse.co.za/platforms': 'wherehouse.html',
  'https://app.wherehouse.co.za/assets/wherehouse.js': 'wherehouse.js',
  'https://app.wherehouse.co.za/assets/target.css': 'target.css',
  'https://integrator.io/connections/create': 'celigo.html',
  'https://integrator.io/static/celigo.js': 'celigo.js',
  'https://integrator.io/static/target.css': 'target.css',
  'https://app.starshipit.com/Members/Settings/Integrations.aspx': 'starshipit.html',
  'https://app.starshipit.com/Members/Settings/Integrations/BigCommerce.aspx': 'starshipit-frame.html',
  'https://app.starshipit.com/Content/starshipit.js': 'starshipit.js',
  'https://app.starshipit.com/Login.aspx': 'login.html',
  'https://app.starshipit.com/Content/login.js': 'login.js',
  'https://app.starshipit.com/Content/target.css': 'target.css',
  'https://portal.ipaas.com/subscriptions/setup/bigcommerce': 'ipaas.html',
  'https://portal.ipaas.com/_content/ipaas.js': 'ipaas.js',
  'https://portal.ipaas.com/_content/target.css': 'target.css',
  'https://connect.violet.io/onboarding/bigcommerce': 'violet.html',
  'https://connect.violet.io/assets/target.css': 'target.css',
  'https://embed.violet.io/connect/bigcommerce': 'violet-embed.html',
  'https://embed.violet.io/assets/violet.js': 'violet.js',
  'https://embed.violet.io/assets/target.css': 'target.css',
  'https://app.next-cart.com/migration/setup': 'nextcart.html',
  'https://app.next-cart.com/assets/nextcart.js': 'nextcart.js',
  'https://app.next-cart.com/assets/target.css': 'target.css',
};

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

let built = null;

/** Every replica's files by address, built from the current sources (once per process). */
export async function targetPages() {
  built ??= buildTargets();
  const files = await built;
  const pages = {};
  for (const [address, name] of Object.entries(ROUTES)) {
    const body = files[name];
    if (!body) throw new Error(`targets: ${name} was not built (www/targets/src)`);
    const headers = { 'content-security-policy': CSP[new URL(address).origin] ?? POLICY };
    pages[address] = { body, type: TYPES[name.slice(name.lastIndexOf('.'))], headers };
  }
  return pages;
}

/** Serves the replicas on a plain Playwright `context`; every other request is aborted. */
export async function routeTargets(context) {
  const pages = await targetPages();
  const served = [];
  const foreign = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const page = pages[`${url.origin}${url.pathname}`];
    if (!page) {
      foreign.push(url.href);
      return route.abort();
    }
    served.push(url.href);
    const headers = { 'content-type': page.type, 'cache-control': 'no-store', ...page.headers };
    return route.fulfill({ status: 200, headers, body: page.body });
  });
  return { served, foreign };
}

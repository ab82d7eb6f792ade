#!/usr/bin/env node
// Firefox smoke test: headless Firefox ESR with dist/firefox installed as a temporary add-on,
// driven through geckodriver over the WebDriver HTTP protocol (plain fetch). The replica is
// served over HTTPS at the real control-panel address under the strict page CSP, in French;
// the test fills it with the Wherehouse preset, saves, and waits until the panel confirms
// that the background stored the captured credentials. Then, in the toolbar popup and the options page
// (opened as tabs), the clipboard: cleared after the delay without the optional clipboardRead
// permission, the popup's question sending the user to the options page (Firefox opens its
// permission prompt under the popup), the permission requested there by a click, and cleared
// only while it still holds ScopeFill's copy once granted.
//
//   node tests/firefox/smoke.mjs        exit 0 ok, 1 failure; prints each thing it verified
//
// How the page reaches the real address without a network:
// - Firefox has no request interception here, and the content script matches only
//   https://*.mybigcommerce.com/manage/*, so a node `https` server with a self-signed
//   certificate (made now with openssl) serves the replica, and the pref
//   network.dns.localDomains makes store-abc123xyz0.mybigcommerce.com resolve to localhost;
//   the capability acceptInsecureCerts lets Firefox take the certificate.
// - The server listens on 127.0.0.1:443 (the real URL, no port). If 443 is taken (another
//   run of this test) or not allowed (not root), it takes a free port instead: match
//   patterns and the background's sender check ignore the port, so the test is the same.
//   SCOPEFILL_FF_PORT=0 forces that path.
// - Extension pages: WebDriver will not navigate to moz-extension:// addresses, so the test
//   opens them as tabs from Firefox's privileged ("chrome") context, which it also uses to read
//   and set the clipboard the way the user's other applications would (Firefox is started with
//   -remote-allow-system-access for that). Headless Firefox cannot show a permission prompt:
//   the pref extensions.webextOptionalPermissionPrompts=false (Mozilla's own test pref) grants
//   an optional permission requested by a real click without one.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveReplica, STRICT_CSP } from '../../www/serve.mjs';
import { extensionDir } from '../e2e/flavour.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// dist/firefox with the panel's shadow root open to the test's page scripts (the 'open'
// flavour, tests/e2e/flavour.mjs): the shipped panel's root is closed.
const EXTENSION = process.env.SCOPEFILL_FF_EXTENSION
  ? path.resolve(ROOT, process.env.SCOPEFILL_FF_EXTENSION)
  : extensionDir('open', 'firefox');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const STORE = 'abc123xyz0';
const HOST = `store-${STORE}.mybigcommerce.com`;
const PRESET = JSON.parse(fs.readFileSync(path.join(ROOT, 'crates/core/presets/wherehouse.json'), 'utf8'));
const EN = JSON.parse(fs.readFileSync(path.join(ROOT, 'crates/core/languages/en-US.json'), 'utf8'));
const DEADLINE_MS = 90_000; // the whole run; ~20 s is usual

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(5);
const ok = (what) => console.log(`firefox: ok   ${secs()} s  ${what}`);
const info = (what) => console.log(`firefox:      ${secs()} s  ${what}`);
class Failure extends Error {}
const fail = (what) => { throw new Failure(what); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- tools --------------------------------------------------------------------------------
function which(name, extra = []) {
  for (const dir of [...(process.env.PATH ?? '').split(':'), ...extra]) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}
const GECKODRIVER = process.env.GECKODRIVER ?? which('geckodriver', [path.join(os.homedir(), '.cargo/bin')]);
const OPENSSL = which('openssl');

// --- Firefox prefs: the address, and quiet offline (no update, telemetry, portal, RS...) ----
const PREFS = {
  'network.dns.localDomains': HOST,
  'intl.locale.requested': 'en-US', // the browser's language (the extension pages follow it)
  'network.dns.disableIPv6': true, // localDomains → 127.0.0.1, where the server listens
  'network.trr.mode': 5, // no DNS over HTTPS
  'network.proxy.type': 0,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.prefetch-next': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'browser.aboutwelcome.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.page': 0,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.search.update': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.policy.firstRunURL': '',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': 'data:,',
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'security.OCSP.enabled': 0,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.webextensions.restrictedDomains': '',
  'geo.provider.network.url': '',
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-provider.enabled': false,
  'nimbus.rollouts.enabled': false,
  'browser.backup.scheduled.enabled': false,
  'browser.backup.archive.enabled': false,
  'identity.fxaccounts.enabled': false,
  'browser.chrome.site_icons': false, // no /favicon.ico request (the replica has none)
  // Console messages of pages and add-ons on Firefox's stdout (through geckodriver's), so the
  // test can tell whether the extension logged an error.
  'devtools.console.stdout.content': true,
  'devtools.console.stdout.chrome': true,
  // Grant optional permissions without the prompt headless Firefox cannot show (see above).
  'extensions.webextOptionalPermissionPrompts': false,
};

// --- the replica over HTTPS -------------------------------------------------------------------
function makeCertificate(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const run = spawnSync(OPENSSL, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${HOST}`,
    '-addext', `subjectAltName=DNS:${HOST}`,
  ], { encoding: 'utf8' });
  if (run.status !== 0) fail(`openssl could not make a certificate: ${run.stderr}`);
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

function serveReplica(tls, port) {
  const served = [];
  const refused = [];
  const server = https.createServer(tls, (req, res) => {
    const headers = { 'Cache-Control': 'no-store', 'Content-Security-Policy': STRICT_CSP };
    const hit = req.headers.host?.split(':')[0] === HOST ? resolveReplica(req.url ?? '/') : null;
    if (!hit || req.method !== 'GET') {
      refused.push(`${req.method} ${req.url}`);
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    served.push(req.url);
    const body = fs.readFileSync(hit.file);
    res.writeHead(200, { ...headers, 'Content-Type': hit.contentType, 'Content-Length': body.length });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve({
        port: server.address().port,
        served,
        refused,
        close: () => new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}

async function startReplica(tls) {
  const wanted = process.env.SCOPEFILL_FF_PORT ?? '443';
  try {
    return await serveReplica(tls, Number(wanted));
  } catch (e) {
    if (!['EADDRINUSE', 'EACCES'].includes(e.code)) throw e;
    info(`port ${wanted} unavailable (${e.code}): using a free port (match patterns ignore ports)`);
    return serveReplica(tls, 0);
  }
}

// --- geckodriver and WebDriver ----------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startGeckodriver(tmp) {
  const port = await freePort();
  const out = [];
  // Own process group, so Firefox (its child) can be ended with it if a session is left over.
  // TMPDIR: geckodriver's temporary profile goes into our temp dir, removed at the end.
  const child = spawn(GECKODRIVER, ['--port', String(port), '--host', '127.0.0.1', '--log', 'warn'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: tmp, MOZ_HEADLESS: '1' },
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (d) => out.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) fail(`geckodriver exited (${child.exitCode}): ${out.join('')}`);
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) return { base, child, output: () => out.join('') };
    } catch {}
    await sleep(50);
  }
  fail('geckodriver did not answer on its port');
}

function webdriver(base) {
  let session = null;
  async function call(method, route, body) {
    const url = route.startsWith('/session') ? `${base}${route}` : `${base}/session/${session}${route}`;
    const r = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json().catch(() => ({}));
    if (!r.ok) {
      const v = json.value ?? {};
      throw new Error(`WebDriver ${method} ${route}: ${v.error ?? r.status}: ${v.message ?? ''}`);
    }
    return json.value;
  }
  return {
    async start(capabilities) {
      const v = await call('POST', '/session', { capabilities: { alwaysMatch: capabilities } });
      session = v.sessionId;
      return v.capabilities;
    },
    async end() {
      if (!session) return;
      const id = session;
      session = null;
      await call('DELETE', `/session/${id}`);
    },
    call,
    /** Runs `fn` (a function's source) in the page's main world with args. */
    script: (fn, ...args) => call('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args }),
    /** Polls `fn` until it returns a truthy value; returns it. */
    async until(what, fn, args = [], timeout = 15_000) {
      const end = Date.now() + timeout;
      let last;
      for (;;) {
        last = await call('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args }).catch((e) => String(e));
        if (last && !(typeof last === 'string' && last.startsWith('Error: WebDriver'))) return last;
        if (Date.now() > end) fail(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
        await sleep(100);
      }
    },
  };
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'; // W3C WebDriver's element reference key
const SHADOW_ROOT = 'shadow-6066-11e4-a52e-4f735466cecf'; // … and its shadow root reference key

// --- in-page probes (run in the page's main world; the open flavour's panel root is open) -----
const PANEL = `document.querySelector('#scopefill-panel')`;
const part = (name) => `${PANEL}?.shadowRoot?.querySelector('[data-ref=${name}]')`;

/** Firefox's stdout as entries: a line that starts one, plus its continuation lines. */
function consoleEntries(text) {
  const entries = [];
  for (const line of text.split('\n')) {
    if (!entries.length || /^(console\.\w+: |JavaScript \w+: |\*\*\* |\[|\d+\t|[A-Z][\w ]*: )/.test(line)) entries.push(line);
    else entries[entries.length - 1] += `\n${line}`;
  }
  return entries.map((e) => e.trim()).filter(Boolean);
}

const norm = (s) => String(s).toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]/g, '');

/** Runs `fn` (a function's source) in Firefox's privileged context. */
async function privileged(wd, fn, ...args) {
  await wd.call('POST', '/moz/context', { context: 'chrome' });
  try {
    return await wd.call('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args });
  } finally {
    await wd.call('POST', '/moz/context', { context: 'content' });
  }
}

/** The system clipboard's text, as another application would paste it. */
const clipboardText = (wd) => privileged(wd, `() => {
  const t = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
  t.init(null);
  t.addDataFlavor('text/plain');
  Services.clipboard.getData(t, Ci.nsIClipboard.kGlobalClipboard);
  const data = {};
  try { t.getTransferData('text/plain', data); } catch { return ''; }
  return data.value.QueryInterface(Ci.nsISupportsString).data;
}`);
/** Copies `text` the way another application would. */
const copyElsewhere = (wd, text) => privileged(wd, `(text) => {
  Cc['@mozilla.org/widget/clipboardhelper;1'].getService(Ci.nsIClipboardHelper).copyString(text);
  return true;
}`, text);

async function newHandle(wd, before) {
  for (let i = 0; i < 100; i++) {
    const handle = (await wd.call('GET', '/window/handles')).find((h) => !before.includes(h));
    if (handle) return handle;
    await sleep(100);
  }
  fail('no new tab opened');
}

/** Opens one of the add-on's pages in a new tab and switches to it. */
async function openExtensionTab(wd, url) {
  const before = await wd.call('GET', '/window/handles');
  await privileged(wd, `(url) => {
    const w = Services.wm.getMostRecentWindow('navigator:browser');
    w.gBrowser.selectedTab = w.gBrowser.addTab(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
    return true;
  }`, url);
  const handle = await newHandle(wd, before);
  await wd.call('POST', '/window', { handle });
  return handle;
}

async function click(wd, css) {
  const el = await wd.call('POST', '/element', { using: 'css selector', value: css });
  await wd.call('POST', `/element/${el[ELEMENT]}/click`, {});
}

async function clipboardChecks(wd, addonId, creds, ok) {
  const host = await privileged(wd, '(id) => WebExtensionPolicy.getByID(id).mozExtensionHostname', addonId);
  const popup = await openExtensionTab(wd, `moz-extension://${host}/popup/popup.html`);
  await wd.until('the popup', () => document.body.dataset.ready === '1');
  // The shortest delay the options page allows.
  await wd.call('POST', '/execute/async', {
    script: 'const done = arguments[arguments.length - 1]; browser.storage.local.set({ settings: { clipboardSeconds: 5 } }).then(() => done(true));',
    args: [],
  });
  const copyClientId = async () => {
    await click(wd, 'button[aria-label="Copy Client ID"]');
    const end = Date.now() + 5000;
    while ((await clipboardText(wd)) !== creds.client_id) {
      if (Date.now() > end) fail('Copy Client ID did not put the Client ID on the clipboard');
      await sleep(100);
    }
  };
  const pendingClear = () => wd.call('POST', '/execute/async', {
    script: 'const done = arguments[arguments.length - 1]; browser.storage.local.get("pendingClear").then((r) => done(r.pendingClear ?? null));',
    args: [],
  });
  const waitCleared = async (what) => {
    const end = Date.now() + 10_000;
    while (await pendingClear()) {
      if (Date.now() > end) fail(`${what}: the clipboard was not dealt with 5 s after the copy`);
      await sleep(250);
    }
    return clipboardText(wd);
  };

  // Not granted: the popup asks once, and the clipboard is cleared whatever it holds.
  await copyClientId();
  const allow = await wd.until('the clipboard question', () => {
    const ask = document.getElementById('clipboard-ask');
    return ask && !ask.hidden ? document.getElementById('clipboard-allow').textContent : null;
  });
  if (allow !== 'Allow in options') fail(`the popup offers "${allow}", expected "Allow in options"`);
  await copyElsewhere(wd, 'text the user copied');
  const after = await waitCleared('not granted');
  if (after !== '') fail(`not granted: the clipboard holds "${after}" after the delay, expected it cleared`);
  ok('clipboardRead not granted: the popup asks ("Allow in options"); the clipboard is cleared after 5 s whatever it holds');

  // "Allow in options" opens the options page, whose button asks Firefox for the permission.
  const before = await wd.call('GET', '/window/handles');
  await click(wd, '#clipboard-allow');
  const options = await newHandle(wd, before);
  await wd.call('POST', '/window', { handle: options });
  await wd.until('the options page', () => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.clipboardRead);
  const state = await wd.script(() => document.documentElement.dataset.clipboardRead);
  if (state !== 'not-granted') fail(`options page says ${state} before the click`);
  await click(wd, '#clipboard-read-button');
  await wd.until('the permission granted', () => document.documentElement.dataset.clipboardRead === 'granted');
  const text = await wd.script(() => document.getElementById('clipboard-read-text').textContent);
  ok(`options page: "Allow reading the clipboard" → granted; it now says "${text}"`);

  // Granted: cleared only while the clipboard still holds ScopeFill's copy.
  await wd.call('POST', '/window', { handle: popup });
  await copyClientId();
  await copyElsewhere(wd, 'text the user copied later');
  const kept = await waitCleared('granted, user copied since');
  if (kept !== 'text the user copied later') fail(`granted: the user's own copy was replaced by "${kept}"`);
  await copyClientId();
  const cleared = await waitCleared('granted, still ours');
  if (cleared !== '') fail(`granted: ScopeFill's copy is still on the clipboard ("${cleared.slice(0, 4)}…")`);
  ok('clipboardRead granted: the user\'s later copy is left alone; ScopeFill\'s own copy is cleared after 5 s');
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scopefill-firefox-'));
  const cleanup = [() => fs.rmSync(tmp, { recursive: true, force: true })];
  const timer = setTimeout(() => {
    console.error(`firefox: FAIL the run took more than ${DEADLINE_MS / 1000} s`);
    process.exitCode = 1;
    Promise.allSettled(cleanup.reverse().map((f) => f())).finally(() => process.exit(1));
  }, DEADLINE_MS);
  let gecko = null;
  try {
    // 0. what is needed
    if (!fs.existsSync(path.join(EXTENSION, 'manifest.json'))) fail(`${EXTENSION} is not built: run make build`);
    if (!fs.existsSync(FIREFOX)) fail(`${FIREFOX} missing: run scripts/deps.sh`);
    if (!GECKODRIVER) fail('geckodriver missing: run scripts/deps.sh');
    if (!OPENSSL) fail('openssl missing: run scripts/deps.sh');
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'manifest.json'), 'utf8'));
    const version = spawnSync(FIREFOX, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const gdVersion = spawnSync(GECKODRIVER, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    info(`${version}, ${gdVersion}, add-on ${manifest.browser_specific_settings?.gecko?.id} ${manifest.version}`);

    // 1. HTTPS replica at the real address
    const replica = await startReplica(makeCertificate(tmp));
    cleanup.push(() => replica.close());
    const origin = `https://${HOST}${replica.port === 443 ? '' : `:${replica.port}`}`;
    ok(`replica over HTTPS (self-signed, strict CSP) on 127.0.0.1:${replica.port} as ${origin}`);

    // 2. Firefox through geckodriver, add-on installed temporarily
    gecko = await startGeckodriver(tmp);
    const g = gecko;
    cleanup.push(async () => {
      // geckodriver, and whatever Firefox processes are left in its group (the session's
      // deletion has closed Firefox; its helper processes take a moment to go).
      const alive = () => {
        try { process.kill(-g.child.pid, 0); return true; } catch { return false; }
      };
      try { process.kill(-g.child.pid, 'SIGTERM'); } catch {}
      for (let i = 0; i < 50 && alive(); i++) await sleep(100);
      if (alive()) {
        info('Firefox processes still there 5 s after SIGTERM: SIGKILL');
        try { process.kill(-g.child.pid, 'SIGKILL'); } catch {}
      }
    });
    const wd = webdriver(gecko.base);
    const caps = await wd.start({
      browserName: 'firefox',
      acceptInsecureCerts: true,
      pageLoadStrategy: 'normal',
      'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless', '-remote-allow-system-access'], prefs: PREFS },
    });
    cleanup.push(() => wd.end().catch(() => {}));
    ok(`session ${caps.browserName} ${caps.browserVersion} headless=${caps['moz:headless']}`);
    const addonId = await wd.call('POST', '/moz/addon/install', { path: EXTENSION, temporary: true });
    if (addonId !== manifest.browser_specific_settings.gecko.id) fail(`add-on id ${addonId}`);
    ok(`temporary add-on installed from ${path.relative(ROOT, EXTENSION)}: ${addonId}`);

    // 3. the create page; the panel loads the core
    // BigDesign Toggle rows, as the 2023 and 2025 screenshots show, on a control panel in
    // French: the form, the rows, Save and the dialog are recognised without English.
    const url = `${origin}/manage/settings/api-accounts/create?download=0&lang=fr`;
    await wd.call('POST', '/url', { url });
    const at = await wd.call('GET', '/url');
    if (!at.startsWith(`https://${HOST}`)) fail(`landed on ${at}`);
    const rendered = await wd.script(() => document.querySelector('script[src]') !== null);
    if (!rendered) fail('the replica page did not load');
    ok(`opened ${at}`);
    await wd.until('the replica form', () => window.__replica?.ready === true);
    const core = await wd.until('the ScopeFill panel', `() => ${part('preset')}?.value && ${PANEL}.getAttribute('data-core')`, [], 20_000);
    const loadMs = await wd.script(`() => ${PANEL}.getAttribute('data-load-ms')`);
    if (core !== 'wasm') fail(`data-core is ${core}, expected wasm (Firefox does not apply the page CSP to content-script WASM)`);
    ok(`panel shown in its shadow root; data-core=${core} (WASM under the strict page CSP), core loaded in ${loadMs} ms`);
    // The page's own scripts cannot run inline code: the CSP is in force.
    const inline = await wd.script(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      s.remove();
      return window.__inlineRan === true;
    });
    if (inline) fail('an inline script ran: the strict CSP is not in force');
    ok('strict CSP in force (an inline page script is refused)');

    // 4. pick Wherehouse as a user does (real WebDriver key presses into the Integration
    // field in the panel's shadow root: type the name, Enter), press Fill form
    const panelHost = await wd.call('POST', '/element', { using: 'css selector', value: '#scopefill-panel' });
    const shadow = await wd.call('GET', `/element/${panelHost[ELEMENT]}/shadow`);
    const field = await wd.call('POST', `/shadow/${shadow[SHADOW_ROOT]}/element`, { using: 'css selector', value: '[role=combobox]' });
    await wd.call('POST', `/element/${field[ELEMENT]}/clear`, {});
    await wd.call('POST', `/element/${field[ELEMENT]}/value`, { text: `${PRESET.name.slice(0, 5)}\uE007` });
    const picked = await wd.script(`() => [${part('preset')}.value, ${part('preset')}.getAttribute('aria-expanded'), ${part('name')}.value]`);
    if (picked[0] !== PRESET.name || picked[1] !== 'false') fail(`the Integration picker did not take ${PRESET.name}: ${picked}`);
    ok(`typed "${PRESET.name.slice(0, 5)}" + Enter in the panel's Integration picker: ${picked[0]} (account name "${picked[2]}")`);
    // A WebDriver click, as a person's: the panel ignores a click a script dispatches.
    const fill = await wd.call('POST', `/shadow/${shadow[SHADOW_ROOT]}/element`, { using: 'css selector', value: '[data-ref=fill]' });
    await wd.call('POST', `/element/${fill[ELEMENT]}/click`, {});
    const status = await wd.until('the fill report', `() => {
      const s = ${part('status')};
      return s && (${PANEL}.hasAttribute('data-fill-ms') || s.className === 'bad') ? [s.textContent, s.className] : null;
    }`, [], 20_000);
    if (status[1] !== 'ok') fail(`fill failed: ${status[0]}`);
    const locale = await wd.script(`() => ${PANEL}.getAttribute('data-locale')`);
    ok(`Fill form → "${status[0]}" (panel locale ${locale})`);

    // 5. the page's state has the Wherehouse levels
    // Rows by their catalogue id and levels by key: the page shows them in French.
    const [state, rows, texts] = await wd.script(() => [window.__replica.state(), window.__replica.config.rows, window.__replica.config.texts]);
    if (state.name !== PRESET.account_name) fail(`name is "${state.name}", expected "${PRESET.account_name}"`);
    const spot = { orders: 'modify', customers_login: 'login', carts: 'none', metafields_access: 'full', metafield_ownership: 'manage', products: 'modify', themes: 'none' };
    for (const [id, want] of Object.entries(spot)) {
      if (norm(state.levels[id]) !== want) fail(`${id} = ${state.levels[id]}, expected ${want}`);
    }
    // Every row: the preset's level where the page offers it, None where the preset has none.
    const aliases = { customerlogin: 'customerslogin', paymentsgetacceptedmethods: 'getpaymentmethods' };
    const wanted = new Map(Object.entries(PRESET.scopes).map(([l, v]) => [aliases[norm(l)] ?? norm(l), norm(v)]));
    for (const row of rows) {
      const english = [EN.scopes[row.id]].flat()[0];
      const got = norm(state.levels[row.id]);
      let want = wanted.get(norm(english)) ?? 'none';
      const offered = row.levelKeys.map(norm);
      // A row without None ("Metafields Access") gets its least level, listed first.
      if (want === 'none' && !offered.includes('none')) want = offered[0];
      const fine = offered.includes(want) ? got === want : got !== 'none' && offered.includes(got);
      if (!fine) fail(`${row.id} ("${row.label}") = ${state.levels[row.id]}, expected ${want}`);
    }
    ok(`page state: name "${state.name}", all ${rows.length} rows as the preset says (${Object.entries(spot).map(([l, v]) => `${l}=${v}`).join(', ')}), captions in French ("${rows[0].label}", "${rows[6].label}"…)`);

    // 6. Save (a real WebDriver click on the page's button); the panel confirms the capture
    const save = await wd.call('POST', '/element', { using: 'xpath', value: `//button[normalize-space(.)='${texts.save}']` });
    await wd.call('POST', `/element/${save[ELEMENT]}/click`, {});
    const creds = await wd.until('the credentials dialog', () => window.__replica.lastCredentials);
    ok(`Save → credentials dialog (client id ${creds.client_id.slice(0, 4)}…, ${creds.api_path})`);
    const captured = await wd.until('the capture confirmation', `() => ${part('captured')}?.textContent || null`, [], 15_000);
    // In the panel's language: it names the integration and the store.
    if (!captured.includes(PRESET.name) || !captured.includes(STORE)) fail(`panel says "${captured}", expected ${PRESET.name} and store ${STORE}`);
    ok(`background stored the capture: panel says "${captured}"`);

    // 7. the clipboard, without and then with the optional clipboardRead permission
    await clipboardChecks(wd, addonId, creds, ok);

    // 8. no errors from the extension on the console. With devtools.console.stdout.* Firefox
    // prints console messages and uncaught errors on stdout: "JavaScript error: <file>, line N:
    // …" names the file (moz-extension://… for the add-on's scripts, rejections included);
    // "console.error: …" names nothing, so any not from Firefox's own modules counts (neither
    // the extension nor the replica logs errors).
    await wd.end();
    const entries = consoleEntries(gecko.output());
    if (process.env.SCOPEFILL_FF_VERBOSE) console.log(gecko.output());
    const internal = (e) => /\b(resource|chrome):\/\//.test(e) && !/moz-extension:/.test(e);
    const bad = entries.filter((e) => (/^JavaScript error: /.test(e) && /moz-extension:/.test(e)) ||
      (/^console\.error: /.test(e) && !internal(e)));
    if (bad.length) fail(`console errors from the extension or the page:\n  ${bad.join('\n  ')}`);
    const shown = entries.filter((e) => /^(console\.\w+|JavaScript \w+): /.test(e));
    ok(`no console errors from the extension or the page (${shown.length} messages of Firefox's own modules ignored)`);
    if (replica.refused.length) info(`replica refused: ${replica.refused.join(', ')}`);
    console.log(`firefox: PASS in ${secs().trim()} s (${replica.served.length} replica requests served)`);
  } catch (e) {
    process.exitCode = 1;
    console.error(`firefox: FAIL ${secs()} s  ${e instanceof Failure ? e.message : e.stack}`);
    if (gecko) {
      const out = gecko.output().trim().split('\n').slice(-30).join('\n    ');
      if (out) console.error(`firefox: last browser output:\n    ${out}`);
    }
  } finally {
    clearTimeout(timer);
    for (const f of cleanup.reverse()) await f();
  }
}

await main();
// Everything is stopped and removed; don't wait for fetch's idle keep-alive timers (~3 s).
process.exit(process.exitCode ?? 0);

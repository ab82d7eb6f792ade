#!/usr/bin/env node
// Firefox smoke test: headless Firefox ESR with dist/firefox installed as a temporary add-on,
// driven through geckodriver over the WebDriver HTTP protocol (plain fetch). The replica is
// served over HTTPS at the real control-panel address under the strict page CSP, in French;
// the test fills it with the Wherehouse preset, saves, and waits until the panel confirms
// that the background stored the captured credentials. Then, in the toolbar popup and the options page
// (opened as tabs), the clipboard: cleared after the delay without the optional clipboardRead
// permission, the popup's question sending the user to the options page (Firefox opens its
// permission prompt under the popup), the permission requested there by a click, and cleared
// only while it still holds ScopeFill's copy once granted. Then "Fill this page" (issue 16):
// the Wherehouse replica (tests/e2e/targets.mjs) at its real address in another tab, the
// activeTab grant the toolbar button gives, "Look again" in the popup, the plan, Fill, and the
// page's own state holding the captured values with nothing submitted. Last, the install-time
// permission warnings Firefox shows for the add-on, as its own code words them.
//
//   node tests/firefox/smoke.mjs        exit 0 ok, 1 failure; prints each thing it verified
//
// How the page reaches the real address without a network:
// - Firefox has no request interception here, and the content script matches only
//   https://*.mybigcommerce.com/manage/*, so a node `https` server with a self-signed
//   certificate (made now with openssl) serves the replica, and the pref
//   network.dns.localDomains makes store-abc123xyz0.mybigcommerce.com resolve to localhost;
//   the capability acceptInsecureCerts lets Firefox take the certificate.
// - The same server answers for app.wherehouse.co.za (also in localDomains and in the
//   certificate) with the Wherehouse replica's page, script and style sheet and their CSP.
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
import { TARGETS, targetPages } from '../e2e/targets.mjs';

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
// "Fill this page" target: the Wherehouse replica, which takes the four values captured above.
const TARGET = TARGETS.find((t) => t.id === 'wherehouse');
const TARGET_HOST = new URL(TARGET.url).hostname;
let messages = null;
/** The popup's English text for `key`, as i18n.getMessage gives it with `subs`. */
const message = (key, ...subs) => {
  messages ??= JSON.parse(fs.readFileSync(path.join(EXTENSION, '_locales/en/messages.json'), 'utf8'));
  const { message: text, placeholders = {} } = messages[key];
  return text.replace(/\$(\w+)\$/g, (_, name) => (placeholders[name.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (__, n) => subs[n - 1]));
};
const DEADLINE_MS = 90_000; // the whole run; ~25 s is usual

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
  'network.dns.localDomains': `${HOST},${TARGET_HOST}`,
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
    '-addext', `subjectAltName=DNS:${HOST},DNS:${TARGET_HOST}`,
  ], { encoding: 'utf8' });
  if (run.status !== 0) fail(`openssl could not make a certificate: ${run.stderr}`);
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** `targets`: the target replicas' files by address without query (targetPages()). */
function serveReplica(tls, port, targets) {
  const served = [];
  const refused = [];
  const server = https.createServer(tls, (req, res) => {
    const name = req.headers.host?.split(':')[0];
    if (name === TARGET_HOST) {
      const page = req.method === 'GET' ? targets[`https://${name}${new URL(req.url ?? '/', 'https://x').pathname}`] : null;
      if (!page) {
        refused.push(`${req.method} https://${name}${req.url}`);
        res.writeHead(404, { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain' });
        res.end('not found\n');
        return;
      }
      served.push(`https://${name}${req.url}`);
      res.writeHead(200, { 'Cache-Control': 'no-store', ...page.headers, 'Content-Type': page.type, 'Content-Length': page.body.length });
      res.end(page.body);
      return;
    }
    const headers = { 'Cache-Control': 'no-store', 'Content-Security-Policy': STRICT_CSP };
    const hit = name === HOST ? resolveReplica(req.url ?? '/') : null;
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

async function startReplica(tls, targets) {
  const wanted = process.env.SCOPEFILL_FF_PORT ?? '443';
  try {
    return await serveReplica(tls, Number(wanted), targets);
  } catch (e) {
    if (!['EADDRINUSE', 'EACCES'].includes(e.code)) throw e;
    info(`port ${wanted} unavailable (${e.code}): using a free port (match patterns ignore ports)`);
    return serveReplica(tls, 0, targets);
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

/** Runs `fn` (an async function's source) in Firefox's privileged context; its result. */
async function privilegedAsync(wd, fn, ...args) {
  await wd.call('POST', '/moz/context', { context: 'chrome' });
  try {
    return await wd.call('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)).then(done, (e) => done({ error: String(e) }));`,
      args,
    });
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
  return popup;
}

/** The browser window's tab showing `url` made the selected one, WebDriver staying where it is. */
const selectTab = (wd, url) => privileged(wd, `(url) => {
  const w = Services.wm.getMostRecentWindow('navigator:browser');
  const tab = w.gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === url);
  if (tab) w.gBrowser.selectedTab = tab;
  return Boolean(tab) && w.gBrowser.selectedTab === tab;
}`, url);

/**
 * "Fill this page" on the Wherehouse replica. The toolbar popup opens over the page; here the
 * popup is a tab, so WebDriver keeps driving the popup's tab while the target's tab is made the
 * window's selected one: tabs.query({active: true, lastFocusedWindow: true}) in the popup then
 * answers with the target, as it does under the real popup.
 */
async function fillThisPage(wd, { addonId, popup, creds, port }) {
  const url = port === 443 ? TARGET.url : TARGET.url.replace(TARGET_HOST, `${TARGET_HOST}:${port}`);
  const host = TARGET_HOST; // the popup names the host without the port
  const { handle: target } = await wd.call('POST', '/window/new', { type: 'tab' });
  await wd.call('POST', '/window', { handle: target });
  await wd.call('POST', '/url', { url });
  await wd.until('the Wherehouse replica', () => window.__target?.ready === true);
  ok(`opened ${url} in a second tab (Wherehouse replica under its own CSP)`);

  // The popup, looking at the target's tab.
  await wd.call('POST', '/window', { handle: popup });
  if (!(await selectTab(wd, url))) fail(`could not select the tab of ${url}`);
  const account = await wd.script(() => [document.getElementById('account-card').textContent, document.getElementById('show-for').value]);
  if (!account[0].includes(PRESET.name) || !account[0].includes(STORE) || account[1] !== PRESET.id) {
    fail(`the popup does not show the capture for ${PRESET.name}, store ${STORE}: "${account[0]}", show for ${account[1]}`);
  }
  // Look again, then the survey's outcome: a note, or the plan with the Fill button `want`.
  // The note is emptied first, so that the same note shown again counts as an outcome.
  const look = async (want) => {
    await wd.script(() => {
      const n = document.getElementById('target-note');
      n.textContent = '';
      n.hidden = true;
    });
    // Firefox's error log as its Browser Console has it (stdout comes late, buffered).
    const unloaded = () => privileged(wd, `() => Services.console.getMessageArray()
      .map((m) => m.message ?? '').filter((m) => m.includes('Unable to load script: moz-extension:'))`);
    const logged = (await unloaded()).length;
    await click(wd, '#target-look');
    const end = Date.now() + 15_000;
    for (;;) {
      const outcome = await wd.script(`() => {
        const n = document.getElementById('target-note');
        const fill = document.getElementById('target-fill');
        if (!n.hidden && n.textContent) return { note: n.textContent };
        if (!fill.hidden && fill.textContent === ${JSON.stringify(want)}) return {
          where: document.getElementById('target-where').textContent,
          rows: [...document.querySelectorAll('#target-fields li')].map((li) => li.textContent),
        };
        return null;
      }`);
      if (outcome) return outcome;
      // A script file Firefox could not load leaves executeScript's promise unsettled: the
      // popup would wait for ever. Firefox resolves `files` against the calling page's address
      // (ext-scripting.js: context.uri.resolve), Chromium against the extension's root; a
      // path from the root ('/target/page.js') is the same in both.
      const lost = (await unloaded()).slice(logged).join(' ').match(/Unable to load script: ([^\s"\]]+)/);
      if (lost) fail(`Look again: Firefox could not load ${lost[1]} for the popup's scripting.executeScript (a files path relative to popup/; '/target/page.js' names the root's)`);
      if (Date.now() > end) fail(`timed out waiting for the popup's survey (${want})`);
      await sleep(100);
    }
  };

  // Without a grant the add-on may not read the page: host_permissions name only the control
  // panel, and https://*/* is optional and not granted. Firefox's own answer to the popup:
  const probe = () => wd.call('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      browser.tabs.query({ active: true, lastFocusedWindow: true })
        .then(([tab]) => browser.scripting.executeScript({ target: { tabId: tab.id }, func: () => location.href })
          .then((r) => done({ url: tab.url, read: r[0].result }), (e) => done({ url: tab.url, error: e.message })))
        .catch((e) => done({ error: String(e) }));`,
    args: [],
  });
  // (No "tabs" permission and no access: the active tab comes without its url.)
  const before = await probe();
  if (before.url || !before.error) fail(`without a grant, the popup's active tab and executeScript: ${JSON.stringify(before)}`);
  const denied = await look('no access');
  if (denied.note !== message('popup_targetNoAccess')) fail(`Look again without a grant: ${JSON.stringify(denied)}`);
  ok(`popup shows the ${PRESET.name} capture (store ${STORE}); active tab ${host}, no grant: executeScript → "${before.error}"; Look again → "${denied.note}"`);

  // The grant a click on the toolbar button gives (ext-browserAction.js: tabManager.
  // addActiveTabPermission on the selected tab), made the same way from the privileged context.
  const granted = await privileged(wd, `(id, url) => {
    const tab = Services.wm.getMostRecentWindow('navigator:browser').gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === url);
    const { tabManager } = WebExtensionPolicy.getByID(id).extension;
    tabManager.addActiveTabPermission(tab);
    return tabManager.hasActiveTabPermission(tab);
  }`, addonId, url);
  if (!granted) fail('the activeTab grant did not take');
  const after = await probe();
  if (after.url !== url || after.read !== url) fail(`with activeTab, the popup's active tab and executeScript: ${JSON.stringify(after)}`);
  const expected = Object.entries(TARGET.fields).filter(([caption, kind]) => kind && !TARGET.leaveEmpty.includes(caption));
  const plan = await look(message('popup_targetFill', String(expected.length)));
  // (executeScript with a function works by now: a note here is the popup's own injection of
  // target/page.js failing; Firefox logs "Unable to load script: …" with the address it tried.)
  if (plan.note) fail(`Look again with activeTab: "${plan.note}"`);
  const where = message('popup_targetKnown', host, PRESET.name);
  if (plan.where !== where) fail(`the popup says "${plan.where}", expected "${where}"`);
  for (const [caption, kind] of expected) {
    if (!creds[kind]) fail(`the capture has no ${kind}`);
    const row = plan.rows.find((r) => r.startsWith(caption));
    if (!row) fail(`no row for ${caption} in the plan:\n  ${plan.rows.join('\n  ')}`);
    const secret = ['client_secret', 'access_token'].includes(kind);
    if (secret === row.includes(creds[kind])) fail(`${caption}: ${secret ? 'the secret is shown' : 'the value is not shown'}: ${row}`);
  }
  ok(`activeTab granted as the toolbar button does; Look again → "${plan.where}" ${plan.rows.length} rows (${expected.map(([c]) => c).join(', ')}; secrets masked), button "${message('popup_targetFill', String(expected.length))}"`);

  // Fill: a WebDriver click, as a person's.
  await click(wd, '#target-fill');
  const filled = message('popup_targetFilled', String(expected.length), host);
  const status = await wd.until('the fill status', `() => {
    const s = document.getElementById('target-status');
    return s.textContent.startsWith(${JSON.stringify(filled.split('.')[0])}) ? [s.textContent, s.className] : null;
  }`);
  if (!status[0].startsWith(filled) || /bad/.test(status[1])) fail(`Fill: "${status[0]}" (${status[1]}), expected "${filled}"`);
  // The popup reads the page again after the fill: every field holds its value.
  const same = message('popup_targetSame');
  await wd.until('the plan read again after the fill', `() => [...document.querySelectorAll('#target-fields li')].filter((li) => li.textContent.includes(${JSON.stringify(same)})).length === ${expected.length}`);
  ok(`Fill → "${status[0]}"; read again, all ${expected.length} fields "${same}"`);

  // The page's own code holds the values; its Save was never pressed.
  await wd.call('POST', '/window', { handle: target });
  const [state, submits] = await wd.script(() => [window.__target.state(), window.__target.submits()]);
  for (const [caption, kind] of expected) {
    if (state[caption] !== creds[kind]) fail(`${caption} holds "${String(state[caption]).slice(0, 8)}…", expected the captured ${kind}`);
  }
  if (submits !== 0) fail(`the page's form was submitted ${submits} times`);
  ok(`page state: ${expected.map(([c, k]) => `${c} = captured ${k}`).join(', ')}; submits() = 0`);
  await wd.call('DELETE', '/window');
  await wd.call('POST', '/window', { handle: popup });
}

/**
 * What Firefox tells the user the add-on may do, in Firefox's own words (en-US), for the
 * manifest of dist/firefox. Firefox words a warning only for some permissions (Extension-
 * PermissionMessages.sys.mjs: clipboardWrite yes; storage, alarms, activeTab, scripting and
 * contextMenus none) and for host permissions. These are Firefox's strings: a new Firefox may
 * reword them, a manifest change adds or removes one; either way, look at the change here.
 */
const WARNINGS = {
  // The "Add …?" install prompt (doorhanger): Required permissions, then Data collection.
  install: ['Access your data for sites in mybigcommerce.com domains', 'Input data to the clipboard'],
  data: 'The developer says this extension doesn’t require data collection.',
  // about:addons → the add-on → Permissions: required, then the optional toggles. In MV3 the
  // host permission is one of the toggles (on: granted at install).
  required: ['Input data to the clipboard'],
  optional: ['Get data from the clipboard', 'Access your data for all websites', 'Access your data for sites in the https://mybigcommerce.com domain'],
};
/** Fluent's bidi isolation marks around substituted values, left out for comparing. */
const plain = (text) => String(text).replace(/[\u2068\u2069]/g, '');

/**
 * The permission warnings Firefox shows for the installed add-on: the install prompt's list,
 * made by the function the prompt itself calls (ExtensionsUI._buildStrings, on the add-on's
 * installPermissions, as AddonManager hands them to the "webextension-permission-prompt"), and
 * about:addons' Permissions list as the page renders it.
 */
async function permissionWarnings(wd, addonId) {
  const prompt = await privilegedAsync(wd, `async (id) => {
    const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
    const { ExtensionsUI } = ChromeUtils.importESModule('resource:///modules/ExtensionsUI.sys.mjs');
    const addon = await AddonManager.getAddonByID(id);
    // As for a signed install: an unsigned one (this temporary add-on) gets a line above the list.
    const strings = ExtensionsUI._buildStrings({ addon, permissions: addon.installPermissions, unsigned: false });
    return {
      header: strings.header.replace('<>', addon.name),
      sections: strings.sectionHeaders,
      msgs: strings.msgs,
      data: strings.dataCollectionPermissions?.msg ?? null,
      install: addon.installPermissions,
      origins: WebExtensionPolicy.getByID(id).allowedOrigins.patterns.map((p) => p.pattern).filter((p) => !p.startsWith('moz-extension:')),
    };
  }`, addonId);
  if (prompt?.error) fail(`install prompt strings: ${prompt.error}`);
  const msgs = prompt.msgs.map(plain);
  if (JSON.stringify(msgs) !== JSON.stringify(WARNINGS.install) || plain(prompt.data) !== WARNINGS.data) {
    fail(`install prompt: ${JSON.stringify(msgs)}, data "${prompt.data}"; expected ${JSON.stringify(WARNINGS.install)}, "${WARNINGS.data}"`);
  }
  ok(`install prompt "${plain(prompt.header)}" — ${prompt.sections.required} ${msgs.map((m) => `"${m}"`).join(', ')}; ${prompt.sections.dataCollection} "${plain(prompt.data)}" (from ${prompt.install.permissions.join(', ')} and ${prompt.install.origins.join(', ')})`);
  // The activeTab grant above gave no host permission: still only the control panel's.
  if (JSON.stringify(prompt.origins) !== JSON.stringify(['https://*.mybigcommerce.com/*'])) fail(`host permissions now ${JSON.stringify(prompt.origins)}`);

  // about:addons, the add-on's card: its Permissions list.
  const { handle } = await wd.call('POST', '/window/new', { type: 'tab' });
  await wd.call('POST', '/window', { handle });
  await wd.call('POST', '/url', { url: 'about:addons' });
  await wd.call('POST', '/execute/async', {
    script: 'const done = arguments[arguments.length - 1]; window.gViewController.loadView(`detail/${arguments[0]}`).then(() => done(true), (e) => done(String(e)));',
    args: [addonId],
  });
  const tab = await wd.until('the add-on\'s permissions in about:addons', () => {
    const list = document.querySelector('addon-permissions-list');
    const header = list?.querySelector('.permission-header')?.textContent;
    if (!header) return null;
    return {
      header,
      required: [...list.querySelectorAll('.addon-permissions-required li')].map((li) => li.textContent.trim()),
      optional: [...list.querySelectorAll('.addon-permissions-optional moz-toggle')].map((t) => [t.getAttribute('label'), t.pressed]),
    };
  });
  await wd.call('DELETE', '/window');
  const required = tab.required.map(plain);
  const optional = tab.optional.map(([label]) => plain(label));
  if (JSON.stringify(required) !== JSON.stringify(WARNINGS.required) || JSON.stringify(optional) !== JSON.stringify(WARNINGS.optional)) {
    fail(`about:addons: required ${JSON.stringify(required)}, optional ${JSON.stringify(optional)}; expected ${JSON.stringify(WARNINGS.required)}, ${JSON.stringify(WARNINGS.optional)}`);
  }
  // clipboardRead is on: the options page asked for it above.
  ok(`about:addons "${tab.header}": required ${required.map((m) => `"${m}"`).join(', ')}; optional ${tab.optional.map(([m, on]) => `"${plain(m)}" (${on ? 'on' : 'off'})`).join(', ')}`);
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

    // 1. HTTPS replica at the real address, and the "Fill this page" target's files
    const targets = await targetPages();
    const replica = await startReplica(makeCertificate(tmp), targets);
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
    // Firefox MV3: host_permissions are the user's to withdraw (about:addons), and granted at
    // install (the pref extensions.originControls.grantByDefault, true in Firefox), temporary
    // installs included. The optional https://*/* is not.
    const origins = await privileged(wd, `(id) => WebExtensionPolicy.getByID(id).allowedOrigins.patterns
      .map((p) => p.pattern).filter((p) => !p.startsWith('moz-extension:'))`, addonId);
    if (JSON.stringify(origins) !== JSON.stringify(['https://*.mybigcommerce.com/*'])) fail(`host permissions at install: ${JSON.stringify(origins)}`);
    ok(`host permission granted at install: ${origins.join(', ')} (from ${manifest.host_permissions.join(', ')}; https://*/* optional, not granted)`);

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
    const popup = await clipboardChecks(wd, addonId, creds, ok);

    // 8. "Fill this page" on a target platform's form (issue 16)
    await fillThisPage(wd, { addonId, popup, creds, port: replica.port });

    // 9. what Firefox tells the user the add-on may do
    await permissionWarnings(wd, addonId);

    // 10. no errors from the extension on the console. With devtools.console.stdout.* Firefox
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

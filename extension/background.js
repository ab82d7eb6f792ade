// ScopeFill background: the only owner of captured credentials.
//
// Runs as a Chrome MV3 service worker and as a Firefox MV3 background script (both as ES
// modules). Captures live in storage.session, which the browser keeps in memory and clears
// when it closes; they never go to storage.local or the network, and no value is ever
// logged (this file has no console call at all).
//
// Messages:
//   {type: "capture", capture}  from the content script in a control-panel frame
//                               (https://*.mybigcommerce.com/manage/…, top-level or not) of a
//                               tab whose own address is a control-panel page → {ok: true, id}
//   {type: "import", capture}   from an extension page (a credentials .txt the popup read) → {ok: true, id}
//   {type: "captures"}          from an extension page → {ok: true, captures: [capture with id,
//                               …] (newest first), dropped: how many older ones the cap
//                               removed since the list was last empty, limit: the cap}
//   {type: "forget", id}        from an extension page → {ok: true}
//   {type: "forget-all"}        from an extension page → {ok: true}
//   {type: "copied", hash}      from an extension page: the SHA-256 (hex) of a value just
//                               copied; the clipboard is cleared settings.clipboardSeconds
//                               later → {ok: true}
//   {type: "messages", locale}  from the content script or an extension page: the text of
//                               _locales/<locale>/messages.json (one of LOCALES) for the
//                               in-page panel, which may not read extension files itself
//                               → {ok: true, json}
// A refused or failed request gets {ok: false, error}. Content scripts run in pages a site
// controls, so every type but "capture" and "messages" (public text, nothing stored) is
// refused to them ("sender").
//
// Limits (./limits.js), enforced here whatever storage.local or a message says: the settings'
// ranges (a value out of range means the default), at most LIMITS.fieldChars characters in a
// captured value (a longer credential refuses the capture; a longer label is shortened), at
// most LIMITS.captures captures (the oldest dropped first, counted for the popup to say so).
//
// Expiry: each capture gets expiresAt = now + settings.expirySeconds; expired captures are
// removed on every read, by a timer while this worker lives, and by an alarm (the timer
// dies with the worker; Chrome fires alarms no sooner than 30 s for packed extensions, so
// the timer is the live path and the alarm the restart-proof backup). The clipboard check
// works the same way, from {hash, deadline} kept in storage.session — never the value.
//
// Clearing checks the clipboard still holds the copied value only when the optional
// clipboardRead permission is granted (the popup or the options page asks for it); without
// it the clipboard is cleared when the delay is over, whatever it holds by then.

import { clearClipboard } from './offscreen.js';
import { LIMITS } from './limits.js';

const api = globalThis.browser ?? globalThis.chrome;
const KEY = 'captures';
const DROPPED_KEY = 'dropped';
const CLIPBOARD_KEY = 'clipboard';
const EXPIRY_ALARM = 'scopefill-expiry';
const CLIPBOARD_ALARM = 'scopefill-clipboard';
const MAX_TIMER_MS = 2 ** 31 - 1;
const CREDENTIAL_FIELDS = ['name', 'api_path', 'b2b_api_path', 'client_id', 'client_secret', 'access_token'];
/** The _locales folders (crates/core/src/messages.rs LOCALES). */
const LOCALES = new Set(['da', 'de', 'en', 'es', 'es_419', 'fr', 'it', 'ja', 'ko', 'nb', 'nl', 'pl', 'pt_BR', 'sv', 'uk', 'zh_CN']);

// storage.session has no transactions: run every read-modify-write one after the other so
// two captures arriving together cannot overwrite each other.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}
/** `serially`, for work nobody awaits (timers, alarms, start-up). */
const later = (task) => serially(task).catch(() => {});

// --- settings (written by the options page into storage.local) -----------------------------

/** A whole number of seconds within `range`, else the range's default (as crates/core/src/settings.rs). */
function seconds(value, range) {
  return Number.isInteger(value) && value >= range.min && value <= range.max ? value : range.default;
}

async function settings() {
  let stored;
  try {
    ({ settings: stored } = await api.storage.local.get('settings'));
  } catch {
    stored = undefined;
  }
  const s = stored && typeof stored === 'object' ? stored : {};
  return {
    expirySeconds: seconds(s.expirySeconds, LIMITS.expirySeconds),
    clipboardSeconds: seconds(s.clipboardSeconds, LIMITS.clipboardSeconds),
  };
}

const timerDelay = (at) => Math.min(Math.max(at - Date.now(), 0) + 25, MAX_TIMER_MS);
const alarmTime = (at) => Math.max(at, Date.now() + LIMITS.alarmMinMs);

// --- captures -----------------------------------------------------------------------------------

let expiryTimer;
let expiryScheduledFor = null;

/** Timer + alarm for the earliest expiry (nothing when no capture expires). */
function scheduleExpiry(captures) {
  const times = captures.map((c) => c.expiresAt).filter(Number.isFinite);
  const next = times.length ? Math.min(...times) : null;
  if (next === expiryScheduledFor) return;
  expiryScheduledFor = next;
  clearTimeout(expiryTimer);
  if (next === null) {
    api.alarms.clear(EXPIRY_ALARM);
    return;
  }
  expiryTimer = setTimeout(() => later(load), timerDelay(next));
  api.alarms.create(EXPIRY_ALARM, { when: alarmTime(next) });
}

/** The live captures, oldest first; expired ones are removed from storage on the way. */
async function load() {
  const { [KEY]: stored } = await api.storage.session.get(KEY);
  const all = Array.isArray(stored) ? stored : [];
  const now = Date.now();
  const live = all.filter((c) => !(Number.isFinite(c?.expiresAt) && c.expiresAt <= now));
  if (live.length !== all.length) await save(live);
  scheduleExpiry(live);
  return live;
}

function save(captures) {
  // Once none is left (forgotten or expired), "older ones were dropped" is old news too.
  if (captures.length === 0) return api.storage.session.remove([KEY, DROPPED_KEY]);
  return api.storage.session.set({ [KEY]: captures });
}

/** How many captures the cap has dropped since none were left (0 when none). */
async function droppedCount() {
  const { [DROPPED_KEY]: n } = await api.storage.session.get(DROPPED_KEY);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

// --- senders ----------------------------------------------------------------------------------

/** A control-panel page: https://<store>.mybigcommerce.com/manage/… (any port, as the manifest). */
function isControlPanel(address) {
  if (typeof address !== 'string') return false;
  try {
    const url = new URL(address);
    return url.protocol === 'https:' && url.hostname.endsWith('.mybigcommerce.com') &&
      (url.pathname === '/manage' || url.pathname.startsWith('/manage/'));
  } catch {
    return false;
  }
}

/**
 * The content script in a control-panel frame, top-level or not, of a tab that shows a
 * control-panel page itself: not a storefront, not a control panel framed by another site.
 * (The browser gives a content script's sender the tab's address only where the extension
 * has host access, so a foreign tab's address is missing and refused.)
 */
function fromControlPanelFrame(sender) {
  if (!sender.tab || !Number.isInteger(sender.frameId)) return false;
  if (!isControlPanel(sender.url) || !isControlPanel(sender.tab.url)) return false;
  // Chrome also names the frame's origin: it must be the one the address says.
  return sender.origin === undefined || sender.origin === new URL(sender.url).origin;
}

/** An extension page (popup, options) or the worker itself; never a content script. */
function fromExtensionPage(sender) {
  const own = api.runtime.getURL('');
  if (typeof sender.url !== 'string' || !sender.url.startsWith(own)) return false;
  return sender.origin === undefined || `${sender.origin}/` === own;
}

// --- captures: what is kept -------------------------------------------------------------------

/** A label (not a credential): a string of at most LIMITS.fieldChars characters (UTF-16 units). */
function text(v) {
  if (typeof v !== 'string') return '';
  if (v.length <= LIMITS.fieldChars) return v;
  const cut = v.slice(0, LIMITS.fieldChars);
  // Not half of a surrogate pair at the end.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
const tooLong = (v) => typeof v === 'string' && v.length > LIMITS.fieldChars;

// Keeps only the fields the extension knows, as plain strings of bounded length, so nothing
// else a page could slip into a message ends up in storage. A credential too long to be one
// is not cut (a shortened secret would be a wrong one): the caller refuses the capture.
function clean(capture, source, expirySeconds) {
  const credentials = {};
  if (capture.credentials && typeof capture.credentials === 'object') {
    for (const name of CREDENTIAL_FIELDS) {
      const value = capture.credentials[name];
      if (typeof value === 'string' && value !== '') credentials[name] = value;
    }
  }
  const problems = Array.isArray(capture.problems)
    ? capture.problems
        .slice(0, LIMITS.problems)
        .filter((p) => p && typeof p === 'object')
        .map((p) => ({ field: text(p.field), kind: text(p.kind), message: text(p.message) }))
    : [];
  const now = Date.now();
  const at = new Date(capture.capturedAt ?? NaN).getTime();
  return {
    preset: text(capture.preset),
    presetName: text(capture.presetName),
    storeHash: text(capture.storeHash),
    // Milliseconds; a time in the future (a wrong clock in the page) is replaced by now.
    capturedAt: Number.isFinite(at) && at <= now ? at : now,
    expiresAt: now + expirySeconds * 1000,
    source,
    credentials,
    problems,
  };
}

async function add(capture, source) {
  if (!capture || typeof capture !== 'object') return { ok: false, error: 'capture' };
  const { expirySeconds } = await settings();
  const entry = { id: crypto.randomUUID(), ...clean(capture, source, expirySeconds) };
  if (!entry.credentials.client_id && !entry.credentials.access_token && !entry.credentials.client_secret) {
    return { ok: false, error: 'empty' };
  }
  if (Object.values(entry.credentials).some(tooLong)) return { ok: false, error: 'too-long' };
  await serially(async () => {
    const all = [...(await load()), entry];
    // Oldest first: the newest LIMITS.captures stay.
    const drop = Math.max(all.length - LIMITS.captures, 0);
    await save(all.slice(drop));
    if (drop > 0) await api.storage.session.set({ [DROPPED_KEY]: (await droppedCount()) + drop });
  });
  return { ok: true, id: entry.id };
}

// --- clipboard ------------------------------------------------------------------------------------

let clipboardTimer;

function scheduleClipboard(deadline) {
  clearTimeout(clipboardTimer);
  clipboardTimer = setTimeout(() => later(clipboardDue), timerDelay(deadline));
  api.alarms.create(CLIPBOARD_ALARM, { when: alarmTime(deadline) });
}

async function noteCopied(hash) {
  const { clipboardSeconds } = await settings();
  const deadline = Date.now() + clipboardSeconds * 1000;
  await api.storage.session.set({ [CLIPBOARD_KEY]: { hash, deadline } });
  scheduleClipboard(deadline);
}

const OFFSCREEN = 'offscreen.html';

async function ensureOffscreen() {
  const url = api.runtime.getURL(OFFSCREEN);
  const open = await api.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (open?.length) return;
  try {
    await api.offscreen.createDocument({
      url: OFFSCREEN,
      reasons: ['CLIPBOARD'],
      justification: 'Clear a credential ScopeFill copied from the clipboard once its delay is over.',
    });
  } catch (error) {
    // Created meanwhile by a concurrent check: use it.
    if (!/single offscreen document/i.test(String(error?.message))) throw error;
  }
}

/** Whether the optional clipboardRead permission is granted (the "still ours" check). */
async function mayReadClipboard() {
  try {
    return await api.permissions.contains({ permissions: ['clipboardRead'] });
  } catch {
    return false;
  }
}

/**
 * Clears the clipboard: if it still holds the copied value with this hash when clipboardRead
 * is granted, unconditionally when it is not. Resolves to whether it cleared.
 */
async function clearCopied(hash) {
  const verify = await mayReadClipboard();
  if (api.offscreen?.createDocument) {
    await ensureOffscreen();
    try {
      const answer = await api.runtime.sendMessage({ target: 'offscreen', type: 'clear-clipboard', hash, verify });
      return answer?.cleared === true;
    } finally {
      await api.offscreen.closeDocument().catch(() => {});
    }
  }
  // Firefox: no offscreen API, but the background page has a document of its own.
  return clearClipboard(hash, { verify, doc: document });
}

/** Runs when a clipboard deadline may have passed (timer, alarm, or worker start). */
async function clipboardDue() {
  const { [CLIPBOARD_KEY]: pending } = await api.storage.session.get(CLIPBOARD_KEY);
  if (!pending || typeof pending.hash !== 'string' || !Number.isFinite(pending.deadline)) {
    clearTimeout(clipboardTimer);
    await api.alarms.clear(CLIPBOARD_ALARM);
    return;
  }
  if (Date.now() < pending.deadline) {
    // A later copy moved the deadline: wait for that one.
    scheduleClipboard(pending.deadline);
    return;
  }
  await api.alarms.clear(CLIPBOARD_ALARM);
  await clearCopied(pending.hash).catch(() => false);
  // Only now: the pending entry going away says the clipboard has been dealt with (the popup's
  // tests and the Firefox smoke test wait for it), and a worker stopped while clearing clears
  // again when it restarts.
  await api.storage.session.remove(CLIPBOARD_KEY);
}

// --- messages ---------------------------------------------------------------------------------------

async function handle(message, sender) {
  switch (message.type) {
    case 'capture':
      if (!fromControlPanelFrame(sender)) return { ok: false, error: 'sender' };
      return add(message.capture, 'capture');
    case 'import':
      if (!fromExtensionPage(sender)) return { ok: false, error: 'sender' };
      return add(message.capture, 'import');
    case 'captures': {
      if (!fromExtensionPage(sender)) return { ok: false, error: 'sender' };
      const captures = [...(await serially(load))].reverse();
      return { ok: true, captures, dropped: await droppedCount(), limit: LIMITS.captures };
    }
    case 'forget':
      if (!fromExtensionPage(sender)) return { ok: false, error: 'sender' };
      if (typeof message.id !== 'string') return { ok: false, error: 'id' };
      await serially(async () => save((await load()).filter((c) => c.id !== message.id)));
      return { ok: true };
    case 'forget-all':
      if (!fromExtensionPage(sender)) return { ok: false, error: 'sender' };
      await serially(() => save([]));
      scheduleExpiry([]);
      return { ok: true };
    case 'copied':
      if (!fromExtensionPage(sender)) return { ok: false, error: 'sender' };
      if (typeof message.hash !== 'string' || !/^[0-9a-f]{64}$/.test(message.hash)) {
        return { ok: false, error: 'hash' };
      }
      await serially(() => noteCopied(message.hash));
      return { ok: true };
    case 'messages': {
      // Only a known folder name: nothing else of the extension is read for a page.
      if (typeof message.locale !== 'string' || !LOCALES.has(message.locale)) return { ok: false, error: 'locale' };
      const response = await fetch(api.runtime.getURL(`_locales/${message.locale}/messages.json`));
      if (!response.ok) return { ok: false, error: 'fetch' };
      return { ok: true, json: await response.text() };
    }
    default:
      return undefined;
  }
}

const TYPES = new Set(['capture', 'import', 'captures', 'forget', 'forget-all', 'copied', 'messages']);

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  if (!TYPES.has(message?.type)) return false;
  handle(message, sender).then(sendResponse, (error) =>
    // The error's name only: a message could quote a stored value.
    sendResponse({ ok: false, error: error?.name ?? 'error' }),
  );
  return true; // answers asynchronously (Chrome and Firefox both honour this)
});

api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === EXPIRY_ALARM) later(load);
  else if (alarm.name === CLIPBOARD_ALARM) later(clipboardDue);
});

// A (re)started worker: drop what expired while it was stopped, re-arm the timers.
later(load);
later(clipboardDue);

// ScopeFill background: the only owner of captured credentials.
//
// Runs as a Chrome MV3 service worker and as a Firefox MV3 background script (both as ES
// modules). A thin shell of event listeners: every rule (who may send what, what a capture
// is, the caps, expiry, the settings' ranges, when the clipboard is cleared) is the core's
// (crates/core/src/worker.rs, through workerStep in ./pkg/scopefill.js); this file reads
// storage, hands each event to the core and carries out what it returns. The messages and
// stored records are crates/core/src/contract.rs.
//
// Captures live in storage.session, which the browser keeps in memory and clears when it
// closes; they never go to storage.local or the network, and no value is ever logged (this
// file has no console call at all). Expiry and clipboard clearing are woken by a timer while
// this worker lives and by an alarm once it has stopped (Chrome fires a packed extension's
// alarms no sooner than 30 s: the core sets the alarm no sooner). The pending clipboard clear
// (a hash and a deadline, never the value) is kept in storage.local, so that it outlives a
// browser restart and an extension update: the browser's start and an install or update wake
// this worker, whose first step clears what is due.

import init, { workerStep, sessionKeys, localKeys, localeReply, offscreenMessage } from '../pkg/scopefill.js';
import { clearClipboard } from './offscreen.js';
import { LIMITS } from './limits.js';

const api = globalThis.browser ?? globalThis.chrome;
const WAKE_ALARM = 'scopefill-wake';
const MAX_TIMER_MS = 2 ** 31 - 1;
const ready = init();

// storage.session has no transactions: one step at a time, so two captures arriving
// together cannot overwrite each other.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

/** Writes `{set, remove}` to a storage area. */
async function write(area, change) {
  if (!change) return;
  if (change.remove.length) await area.remove(change.remove);
  if (Object.keys(change.set).length) await area.set(change.set);
}

/** One step of the core on the stored state; what it says to store is stored. */
async function step(event) {
  const [session, local] = await Promise.all([
    api.storage.session.get(sessionKeys()),
    api.storage.local.get(localKeys()).catch(() => ({})),
  ]);
  const out = workerStep(event, session, local, LIMITS ?? null, Date.now(),
    crypto.randomUUID(), api.runtime.getURL(''), api.runtime.id);
  await write(api.storage.session, out.write);
  await write(api.storage.local, out.writeLocal);
  return out;
}

/**
 * Runs one event (`{message, sender}`; null for a timer, an alarm, the worker's or the
 * browser's start, an install or update; `{incognitoClosed: true}`; `{paste: {menuId,
 * incognito}}`, answered with the value to paste).
 */
function run(event) {
  return serially(async () => {
    await ready;
    const out = await step(event);
    let last = out;
    // Cleared first, forgotten after: the core keeps the pending clear until it hears how
    // the clear went (a failed one is tried again later), so a worker stopped in between
    // clears it again when it starts.
    if (out.clearClipboard) {
      const done = await clearCopied(out.clearClipboard).then(() => true, () => false);
      last = await step({ cleared: { hash: out.clearClipboard, done } });
    }
    schedule(last.wakeAt, last.alarmAt);
    await showMenu(last.menu);
    if (out.readLocale) return readLocale(out.readLocale);
    if (event?.paste) return out.paste ?? null;
    return out.reply;
  });
}
const tick = () => run(null).catch(() => {});

let timer;
let scheduledFor = null;
function schedule(wakeAt, alarmAt) {
  if (wakeAt === scheduledFor) return;
  scheduledFor = wakeAt;
  clearTimeout(timer);
  if (wakeAt === null) {
    api.alarms.clear(WAKE_ALARM);
    return;
  }
  timer = setTimeout(tick, Math.min(Math.max(wakeAt - Date.now(), 0) + 25, MAX_TIMER_MS));
  api.alarms.create(WAKE_ALARM, { when: alarmAt });
}

/** The text of _locales/<locale>/messages.json (a folder the core has checked). */
async function readLocale(locale) {
  try {
    const response = await fetch(api.runtime.getURL(`_locales/${locale}/messages.json`));
    return localeReply(response.ok ? await response.text() : undefined);
  } catch {
    return localeReply(undefined);
  }
}

// --- the right-click menu ----------------------------------------------------------------------

// "ScopeFill ▸ Paste Client ID …" on editable fields, only while a capture is held (the core
// lists the entries after every step). contextMenus in Chrome, menus (same API) in Firefox.
const menus = api.contextMenus ?? api.menus;
const MENU_ROOT = 'scopefill';
let menuShown = null;
let menuEntries = [];

async function showMenu(entries = []) {
  const key = JSON.stringify(entries);
  if (!menus || key === menuShown) return;
  menuShown = key;
  menuEntries = entries;
  await menus.removeAll();
  if (!entries.length) return;
  const contexts = ['editable'];
  menus.create({ id: MENU_ROOT, title: api.i18n.getMessage('menu_root'), contexts });
  for (const entry of entries) {
    menus.create({ id: entry.id, parentId: MENU_ROOT, title: api.i18n.getMessage(entry.titleKey), contexts });
  }
}

// Firefox has one menu for every window (Chrome a separate extension, with its own captures,
// for private windows): as it opens, it shows only the entries that paste something in that
// kind of window, so a normal window's menu does not tell of a private window's account.
// (menus.onShown is Firefox's; Chrome's contextMenus has none.)
menus?.onShown?.addListener(async (info, tab) => {
  if (!menuEntries.length || !info.contexts?.includes('editable')) return;
  const incognito = tab?.incognito === true;
  const visible = menuEntries.map((entry) => (incognito ? entry.private : entry.normal) === true);
  await Promise.all([
    menus.update(MENU_ROOT, { visible: visible.some(Boolean) }),
    ...menuEntries.map((entry, i) => menus.update(entry.id, { visible: visible[i] })),
  ]).catch(() => {});
  menus.refresh?.();
});

/** How a paste went, on the toolbar icon of that tab for a few seconds (no value in it). */
function pasteFeedback(tabId, ok) {
  const text = ok ? '✓' : '!';
  const title = api.i18n.getMessage(ok ? 'menu_pasted' : 'menu_pasteFailed');
  api.action.setBadgeBackgroundColor?.({ tabId, color: ok ? '#1e7a34' : '#b3261e' });
  api.action.setBadgeText({ tabId, text });
  api.action.setTitle({ tabId, title });
  setTimeout(() => {
    api.action.setBadgeText({ tabId, text: '' });
    api.action.setTitle({ tabId, title: api.i18n.getMessage('actionTitle') });
  }, 4000);
}

// The user's own click on an entry: the browser grants activeTab for that tab, and the value
// goes only into the frame that was right-clicked, through the injected target/page.js, which
// holds it for the call only. Resolves to whether the field took it (also shown on the icon).
async function onMenuClick(info, tab) {
  const menuId = typeof info.menuItemId === 'string' ? info.menuItemId : '';
  if (!menuId.startsWith('paste-') || typeof tab?.id !== 'number' || tab.id < 0) return false;
  const target = { tabId: tab.id, frameIds: [info.frameId ?? 0] };
  const ok = await run({ paste: { menuId, incognito: tab.incognito === true } })
    .then(async (value) => {
      if (typeof value !== 'string') return false;
      await api.scripting.executeScript({ target, files: ['/target/page.js'] });
      const [done] = await api.scripting.executeScript({
        target,
        func: (v) => globalThis.scopefillTarget.paste(v),
        args: [value],
      });
      return done?.result?.ok === true;
    })
    .catch(() => false);
  pasteFeedback(tab.id, ok);
  return ok;
}
menus?.onClicked.addListener((info, tab) => {
  onMenuClick(info, tab);
});

// --- clipboard ------------------------------------------------------------------------------------

const OFFSCREEN = 'worker/offscreen.html';

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
 * is granted, unconditionally when it is not. Resolves once the clipboard no longer holds the
 * value (to whether it was ScopeFill that cleared it); rejects when it could not be read or
 * written, for the core to try again later.
 */
async function clearCopied(hash) {
  const verify = await mayReadClipboard();
  if (api.offscreen?.createDocument) {
    await ensureOffscreen();
    try {
      const answer = await api.runtime.sendMessage(offscreenMessage(hash, verify));
      if (answer?.ok !== true) throw new Error('clipboard');
      return answer.cleared === true;
    } finally {
      await api.offscreen.closeDocument().catch(() => {});
    }
  }
  // Firefox: no offscreen API, but the background page has a document of its own.
  return clearClipboard(hash, { verify, doc: document });
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  run({ message, sender }).then(sendResponse, (error) =>
    // The error's name only: a message could quote a stored value.
    sendResponse({ ok: false, error: error?.name ?? 'error' }),
  );
  return true; // answers asynchronously (Chrome and Firefox both honour this)
});

api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === WAKE_ALARM) tick();
});

// The browser started, or the extension was installed or updated (which clears its alarms):
// a clipboard clear that fell due meanwhile is done now, the others re-armed.
api.runtime.onStartup.addListener(tick);
api.runtime.onInstalled.addListener(tick);

// The last private window closed: the captures made in private windows go with it.
// (Chrome runs a separate copy of this worker for private windows, "incognito": "split";
// Firefox has one, which sees both.)
api.windows?.onRemoved.addListener(() => {
  api.windows.getAll().then((windows) => {
    if (!windows.some((w) => w.incognito)) run({ incognitoClosed: true }).catch(() => {});
  }, () => {});
});

// A (re)started worker: drop what expired while it was stopped, clear the clipboard if its
// time has come, re-arm the timer.
tick();

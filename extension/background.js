// ScopeFill background: the only owner of captured credentials.
//
// Runs as a Chrome MV3 service worker and as a Firefox MV3 background script (both as ES
// modules). Captures live in storage.session, which the browser keeps in memory and clears
// when it closes; they never go to storage.local, and no value is ever logged.
//
// Messages:
//   {type: "capture", capture}  from a content script on *.mybigcommerce.com → {ok: true, id}
//   {type: "captures"}          from an extension page → [capture with id, …] (newest first)
//   {type: "forget", id}        from an extension page → {ok: true}
//   {type: "forget-all"}        from an extension page → {ok: true}
// A refused or failed request gets {ok: false, error}.

const api = globalThis.browser ?? globalThis.chrome;
const KEY = 'captures';

// storage.session has no transactions: run every read-modify-write one after the other so
// two captures arriving together cannot overwrite each other.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

async function load() {
  const { [KEY]: captures } = await api.storage.session.get(KEY);
  return Array.isArray(captures) ? captures : [];
}

function save(captures) {
  return api.storage.session.set({ [KEY]: captures });
}

function fromBigCommerceTab(sender) {
  if (!sender.tab || typeof sender.url !== 'string') return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'https:' && url.hostname.endsWith('.mybigcommerce.com');
  } catch {
    return false;
  }
}

function fromExtensionPage(sender) {
  return typeof sender.url === 'string' && sender.url.startsWith(api.runtime.getURL(''));
}

const text = (v) => (typeof v === 'string' ? v : '');

// Keeps only the fields the extension knows, as plain strings, so nothing else a page could
// slip into a message ends up in storage.
function clean(capture) {
  const credentials = {};
  if (capture.credentials && typeof capture.credentials === 'object') {
    for (const [name, value] of Object.entries(capture.credentials)) {
      if (typeof value === 'string') credentials[name] = value;
    }
  }
  const problems = Array.isArray(capture.problems)
    ? capture.problems.filter((p) => typeof p === 'string' || (p && typeof p === 'object'))
    : [];
  const at = capture.capturedAt;
  const valid = (typeof at === 'string' || typeof at === 'number') && !Number.isNaN(new Date(at).getTime());
  return {
    preset: text(capture.preset),
    presetName: text(capture.presetName),
    storeHash: text(capture.storeHash),
    capturedAt: valid ? at : new Date().toISOString(),
    credentials,
    problems,
  };
}

async function handle(message, sender) {
  switch (message?.type) {
    case 'capture': {
      if (!fromBigCommerceTab(sender)) return { ok: false, error: 'sender' };
      if (!message.capture || typeof message.capture !== 'object') {
        return { ok: false, error: 'capture' };
      }
      const entry = { id: crypto.randomUUID(), ...clean(message.capture) };
      await serially(async () => save([...(await load()), entry]));
      return { ok: true, id: entry.id };
    }
    case 'captures':
      if (!fromExtensionPage(sender)) return { ok: false, error: 'sender' };
      return (await serially(load)).reverse();
    case 'forget':
      if (!fromExtensionPage(sender)) return { ok: false, error: 'sender' };
      await serially(async () => save((await load()).filter((c) => c.id !== message.id)));
      return { ok: true };
    case 'forget-all':
      if (!fromExtensionPage(sender)) return { ok: false, error: 'sender' };
      await serially(() => api.storage.session.remove(KEY));
      return { ok: true };
    default:
      return undefined;
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  if (!['capture', 'captures', 'forget', 'forget-all'].includes(message?.type)) return false;
  handle(message, sender).then(sendResponse, (error) =>
    // The error's name only: a message could quote a stored value.
    sendResponse({ ok: false, error: error?.name ?? 'error' }),
  );
  return true; // answers asynchronously (Chrome and Firefox both honour this)
});

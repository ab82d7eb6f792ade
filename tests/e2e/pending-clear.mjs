// The pending clipboard clear as the tests watch it: the background keeps it in
// storage.local (key `pendingClear`: a hash and a deadline, never the value), so that it
// outlives a stopped worker, a browser restart and an extension update.

export const PENDING_CLEAR = 'pendingClear';

/** The pending clear, read in `where` (the worker or an extension page), or null. */
export const pendingClear = (where) =>
  where.evaluate(async (key) => (await chrome.storage.local.get(key))[key] ?? null, PENDING_CLEAR);

/**
 * Waits in `where` until the background has dealt with the pending clear (the entry is gone
 * from storage.local), read at once and again at each change of storage.local; resolves to
 * the time it went (Date.now() in that context). `where` may be a page that only listens, so
 * that a stopped worker is not woken by the watch.
 */
export function pendingClearGone(where, { timeout = 10000 } = {}) {
  return where.evaluate(({ key, timeout }) => new Promise((resolve, reject) => {
    let settled = false;
    const settle = (done) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      chrome.storage.local.onChanged.removeListener(check);
      done();
    };
    const check = async () => {
      if ((await chrome.storage.local.get(key))[key] === undefined) settle(() => resolve(Date.now()));
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`storage.local.${key} still there after ${timeout} ms`))), timeout);
    chrome.storage.local.onChanged.addListener(check);
    check();
  }), { key: PENDING_CLEAR, timeout });
}

// Clipboard clearing for the background, which has no focused page of its own.
//
// Chrome: the service worker has no DOM, so it opens offscreen.html (reason CLIPBOARD) and
// asks it here. Firefox: its background page has a document, and imports these helpers.
// With the optional clipboardRead permission the clipboard is read and compared by hash (its
// text never leaves `clearIfHolds`); without it, it is cleared without being read. Nothing is
// logged.

const api = globalThis.browser ?? globalThis.chrome;

/** SHA-256 of `text` (UTF-8), lowercase hex; the popup hashes copied values the same way. */
async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The clipboard's text, through a paste into a detached-from-view textarea. */
function pasteText(doc) {
  const area = doc.createElement('textarea');
  doc.body.append(area);
  area.focus();
  doc.execCommand('paste');
  const text = area.value;
  area.remove();
  return text;
}

/** Empties the clipboard: a copy whose only data is an empty text. Whether it took. */
function copyEmpty(doc) {
  const onCopy = (event) => {
    event.clipboardData.setData('text/plain', '');
    event.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  try {
    return doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}

async function readClipboard(doc) {
  try {
    return await navigator.clipboard.readText();
  } catch {
    return pasteText(doc);
  }
}

/** Empties the clipboard; rejects when neither way could write it. */
async function emptyClipboard(doc) {
  try {
    await navigator.clipboard.writeText('');
  } catch {
    if (!copyEmpty(doc)) throw new Error('clipboard');
  }
}

/**
 * Clears the clipboard if it still holds the value whose hash is `hash`; leaves it alone
 * when the user has copied something else since. Resolves to whether it cleared.
 * Needs clipboardRead (without it the paste reads nothing and nothing is cleared).
 */
async function clearIfHolds(hash, doc = document) {
  const text = await readClipboard(doc);
  if ((await sha256Hex(text)) !== hash) return false;
  await emptyClipboard(doc);
  return true;
}

/**
 * Clears the clipboard after a copy whose value has this hash: only if it still holds it
 * when `verify` (clipboardRead granted), unconditionally otherwise. Resolves to whether it
 * cleared; rejects when it could not write the clipboard.
 */
export async function clearClipboard(hash, { verify, doc = document }) {
  if (verify) return clearIfHolds(hash, doc);
  await emptyClipboard(doc);
  return true;
}

// As the offscreen document: answer the worker's requests addressed to this document. Which
// sender may ask, and what a request is, is the core's (crates/core/src/worker.rs,
// offscreen_request; the message is contract.rs ToOffscreen).
if (globalThis.document && globalThis.location?.pathname.endsWith('/offscreen.html')) {
  const core = import('../pkg/scopefill.js').then(async (module) => {
    await module.default();
    return module;
  });
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // The popup's messages to the worker reach this document too: they are the worker's to
    // answer, so only the ones addressed here are taken.
    if (message?.target !== 'offscreen') return false;
    core.then(async ({ offscreenAdmit, offscreenReply }) => {
      const { clear, reply } = offscreenAdmit(message, sender, api.runtime.getURL(''), api.runtime.id);
      if (!clear) return reply;
      return clearClipboard(clear.hash, { verify: clear.verify }).then(
        (cleared) => offscreenReply(cleared),
        () => offscreenReply(undefined),
      );
    }).then(sendResponse, () => sendResponse({ ok: false }));
    return true;
  });
}

// Clipboard clearing for the background, which has no focused page of its own.
//
// Chrome: the service worker has no DOM, so it opens offscreen.html (reason CLIPBOARD) and
// asks it here. Firefox: its background page has a document, and imports these helpers.
// With the optional clipboardRead permission the clipboard is read and compared by hash (its
// text never leaves `clearIfHolds`); without it, it is cleared without being read. Nothing is
// logged.

const api = globalThis.browser ?? globalThis.chrome;

/** SHA-256 of `text` (UTF-8), lowercase hex; the popup hashes copied values the same way. */
export async function sha256Hex(text) {
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

/** Empties the clipboard: a copy whose only data is an empty text. */
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

async function emptyClipboard(doc) {
  try {
    await navigator.clipboard.writeText('');
  } catch {
    copyEmpty(doc);
  }
}

/**
 * Clears the clipboard if it still holds the value whose hash is `hash`; leaves it alone
 * when the user has copied something else since. Resolves to whether it cleared.
 * Needs clipboardRead (without it the paste reads nothing and nothing is cleared).
 */
export async function clearIfHolds(hash, doc = document) {
  const text = await readClipboard(doc);
  if ((await sha256Hex(text)) !== hash) return false;
  await emptyClipboard(doc);
  return true;
}

/**
 * Clears the clipboard after a copy whose value has this hash: only if it still holds it
 * when `verify` (clipboardRead granted), unconditionally otherwise.
 */
export async function clearClipboard(hash, { verify, doc = document }) {
  if (verify) return clearIfHolds(hash, doc);
  await emptyClipboard(doc);
  return true;
}

/**
 * Sent by the background (the service worker) or an extension page, never by a content
 * script: its address is the extension's, and so is its tab's when it has one (the options
 * page opens in a tab of its own).
 */
function fromExtension(sender) {
  const own = api.runtime.getURL('');
  const ours = (address) => typeof address === 'string' && address.startsWith(own);
  return sender.id === api.runtime.id && ours(sender.url) && (!sender.tab || ours(sender.tab.url)) &&
    (sender.origin === undefined || `${sender.origin}/` === own);
}

// As the offscreen document: answer the background (and no content script: a page could
// otherwise have the clipboard cleared, or learn by the answer whether it holds a value).
if (globalThis.document && globalThis.location?.pathname.endsWith('/offscreen.html')) {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!fromExtension(sender) || message?.target !== 'offscreen') return false;
    if (message.type !== 'clear-clipboard' || typeof message.hash !== 'string') return false;
    clearClipboard(message.hash, { verify: message.verify !== false }).then(
      (cleared) => sendResponse({ ok: true, cleared }),
      (error) => sendResponse({ ok: false, error: error?.name ?? 'error' }),
    );
    return true;
  });
}

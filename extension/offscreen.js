// Clipboard checks for the background, which has no focused page of its own.
//
// Chrome: the service worker has no DOM, so it opens offscreen.html (reason CLIPBOARD) and
// asks it here. Firefox: its background page has a document, and imports these helpers.
// Only a hash is compared: the clipboard's text never leaves this function, and nothing is
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

async function clearClipboard(doc) {
  try {
    await navigator.clipboard.writeText('');
  } catch {
    copyEmpty(doc);
  }
}

/**
 * Clears the clipboard if it still holds the value whose hash is `hash`; leaves it alone
 * when the user has copied something else since. Resolves to whether it cleared.
 */
export async function clearIfHolds(hash, doc = document) {
  const text = await readClipboard(doc);
  if ((await sha256Hex(text)) !== hash) return false;
  await clearClipboard(doc);
  return true;
}

// As the offscreen document: answer the background (and nobody else).
if (globalThis.document && globalThis.location?.pathname.endsWith('/offscreen.html')) {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || message?.target !== 'offscreen') return false;
    if (message.type !== 'clear-clipboard-if' || typeof message.hash !== 'string') return false;
    clearIfHolds(message.hash).then(
      (cleared) => sendResponse({ ok: true, cleared }),
      (error) => sendResponse({ ok: false, error: error?.name ?? 'error' }),
    );
    return true;
  });
}

// Popup: the integration presets and the accounts captured in this browser session.
import { localize, t } from './i18n.js';
import { el, loadPresets, renderErrors, renderFailure, renderPresets } from './presets-view.js';

const api = globalThis.browser ?? globalThis.chrome;

async function showPresets() {
  const list = document.getElementById('presets');
  try {
    const { customPresets } = await api.storage.local.get('customPresets');
    const result = await loadPresets(Array.isArray(customPresets) ? customPresets : []);
    renderPresets(list, result.presets);
    renderErrors(document.getElementById('preset-errors'), result.errors ?? []);
  } catch (error) {
    renderFailure(list, error);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function captureItem(capture) {
  const item = el('li', 'card capture');
  item.dataset.id = capture.id;
  const head = el('div', 'card-head');
  head.append(el('h3', 'card-title', capture.presetName || t('captureUnknownPreset')));
  const at = new Date(capture.capturedAt);
  if (!Number.isNaN(at.getTime())) {
    const time = el('time', 'card-time', when.format(at));
    time.dateTime = at.toISOString();
    head.append(time);
  }
  item.append(head);
  item.append(
    el('p', 'card-meta', capture.storeHash ? t('captureStore', [capture.storeHash]) : t('captureUnknownStore')),
  );
  return item;
}

// Values are not shown here yet: only which preset, which store and when.
async function showCaptures() {
  const list = document.getElementById('captures');
  let captures;
  try {
    captures = await api.runtime.sendMessage({ type: 'captures' });
  } catch {
    captures = null;
  }
  if (!Array.isArray(captures)) {
    list.replaceChildren(el('li', 'empty error', t('capturesFailed')));
  } else if (captures.length === 0) {
    list.replaceChildren(el('li', 'empty', t('capturesEmpty')));
  } else {
    list.replaceChildren(...captures.map(captureItem));
  }
}

localize();
document.getElementById('open-options').addEventListener('click', () => api.runtime.openOptionsPage());
api.storage.onChanged.addListener((_changes, area) => {
  if (area === 'session') showCaptures();
});
await Promise.all([showPresets(), showCaptures()]);

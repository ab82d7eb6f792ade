// Loads the presets from the WASM core and renders them; shared by the popup and options page.
import * as core from './pkg/scopefill.js';
import { t } from './i18n.js';

let ready;

/**
 * `presets(customPresets)` from the core: {presets: [...], errors: [{file, field, message}]}.
 * customPresets is an array of {file, json}.
 */
export async function loadPresets(customPresets = []) {
  ready ??= core.default();
  await ready;
  if (typeof core.presets !== 'function') {
    throw new Error('this build of the core has no presets()');
  }
  return core.presets(customPresets);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function safeUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function presetItem(preset) {
  const item = el('li', 'card preset');
  item.dataset.preset = preset.id;

  const head = el('div', 'card-head');
  head.append(el('h3', 'card-title', preset.name));
  const count = preset.scopes?.length ?? 0;
  const scopes = el(
    'span',
    'badge',
    count === 1 ? t('presetScopeCountOne') : t('presetScopeCount', [String(count)]),
  );
  head.append(scopes);
  if (!preset.builtin) head.append(el('span', 'badge badge-quiet', t('presetCustom')));
  item.append(head);

  item.append(el('p', 'card-meta', t('presetAccountName', [preset.account_name])));
  if (preset.note) item.append(el('p', 'card-note', preset.note));
  const guide = safeUrl(preset.guide);
  if (guide) {
    const link = el('a', 'card-link', t('presetGuide'));
    link.href = guide;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    item.append(link);
  }
  return item;
}

/** Replaces the children of `list` (a <ul>) with one card per preset. */
export function renderPresets(list, presets) {
  list.replaceChildren(...presets.map(presetItem));
  if (presets.length === 0) list.append(el('li', 'empty', t('presetsEmpty')));
}

/** Shows the custom-preset errors in `box` (hidden when there are none). */
export function renderErrors(box, errors) {
  box.hidden = errors.length === 0;
  if (box.hidden) return;
  const list = el('ul', 'errors');
  for (const e of errors) {
    list.append(el('li', null, t('presetError', [e.file, e.field, e.message])));
  }
  box.replaceChildren(el('h3', 'errors-title', t('presetErrorsHeading')), list);
}

/** Shows a loading failure in `list`. */
export function renderFailure(list, error) {
  list.replaceChildren(el('li', 'empty error', t('presetsFailed', [error?.message || String(error)])));
}

export { el };

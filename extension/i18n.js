// Localised strings for extension pages, from _locales/ through the i18n API.
const api = globalThis.browser ?? globalThis.chrome;

/** The message `key`, with `substitutions` (a string or an array of strings). */
export function t(key, substitutions) {
  return api.i18n.getMessage(key, substitutions) || key;
}

/** Fills every `[data-i18n]` element's text (and the page title) from _locales/. */
export function localize(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.documentElement.lang = api.i18n.getUILanguage?.() ?? 'en';
}

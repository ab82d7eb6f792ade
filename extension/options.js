// Options: custom presets come in a later version; for now, the shipped presets.
import { localize } from './i18n.js';
import { loadPresets, renderFailure, renderPresets } from './presets-view.js';

localize();
const list = document.getElementById('presets');
try {
  const { presets } = await loadPresets([]);
  renderPresets(list, presets.filter((p) => p.builtin));
} catch (error) {
  renderFailure(list, error);
} finally {
  list.removeAttribute('aria-busy');
}

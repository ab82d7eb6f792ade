// Options page: settings, the user's presets (new, duplicate, edit, import, export,
// delete) and the shipped presets. Every check is the Rust core's (./pkg/scopefill.js);
// this file reads the page, calls the core and writes storage.local.
import * as core from './pkg/scopefill.js';
import { localize, t } from './i18n.js';
import { el, loadPresets, renderFailure, renderPresets } from './presets-view.js';
import { createEditor } from './preset-editor.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

localize();

// --- helpers -----------------------------------------------------------------------------------

async function storedCustom() {
  const { customPresets } = await api.storage.local.get('customPresets');
  return Array.isArray(customPresets) ? customPresets : [];
}

/** The list this page wrote last, so that its own change event does not redraw twice. */
let lastWritten = null;
async function writeCustom(list) {
  lastWritten = JSON.stringify(list);
  await api.storage.local.set({ customPresets: list });
}

/** Sets a status line (role=status) and clears it again after a while. */
const statusTimers = new Map();
function setStatus(node, text, kind = 'ok') {
  clearTimeout(statusTimers.get(node));
  node.textContent = text;
  node.dataset.kind = kind;
  if (text && kind === 'ok') statusTimers.set(node, setTimeout(() => { node.textContent = ''; }, 8000));
}

function showAlert(box, text) {
  box.textContent = text;
  box.hidden = !text;
}

// --- settings ----------------------------------------------------------------------------------

const settingsForm = $('settings-form');
const fields = {
  nameTemplate: { input: $('name-template'), error: $('name-template-error') },
  expiryMinutes: { input: $('expiry-minutes'), error: $('expiry-minutes-error'), message: 'options_expiryError' },
  clipboardSeconds: { input: $('clipboard-seconds'), error: $('clipboard-seconds-error'), message: 'options_clipboardError' },
};
const settingsStatus = $('settings-status');

function setFieldError(field, text) {
  const { input, error } = fields[field];
  error.textContent = text ?? '';
  error.hidden = !text;
  if (text) {
    input.setAttribute('aria-invalid', 'true');
  } else {
    input.removeAttribute('aria-invalid');
  }
}

const today = () => new Date().toISOString().slice(0, 10);

/** The live preview of the account-name template, or its error next to the field. */
function previewTemplate() {
  const result = core.renderAccountName(fields.nameTemplate.input.value, 'Wherehouse', today(), 'abc123');
  const preview = $('name-template-preview');
  if (result.ok) {
    preview.replaceChildren(t('options_nameTemplatePreview'), ' ', el('output', 'preview-name', result.name));
    preview.hidden = false;
    setFieldError('nameTemplate', null);
  } else {
    preview.replaceChildren();
    preview.hidden = true;
    setFieldError('nameTemplate', result.error);
  }
}

async function loadSettings() {
  const { settings } = await api.storage.local.get('settings');
  const { form, limits } = core.settingsForm(settings?.nameTemplate, settings?.expirySeconds, settings?.clipboardSeconds);
  for (const [field, { input }] of Object.entries(fields)) input.value = form[field];
  for (const field of ['expiryMinutes', 'clipboardSeconds']) {
    const { min, max } = limits[field];
    Object.assign(fields[field].input, { min, max });
    $(`${fields[field].input.id}-hint`).textContent = t(`options_${field}Hint`, [String(min), String(max)]);
  }
  previewTemplate();
}

fields.nameTemplate.input.addEventListener('input', () => {
  previewTemplate();
  setStatus(settingsStatus, '');
});
for (const field of ['expiryMinutes', 'clipboardSeconds']) {
  fields[field].input.addEventListener('input', () => {
    setFieldError(field, null);
    setStatus(settingsStatus, '');
  });
}

settingsForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = core.validateSettings(
    fields.nameTemplate.input.value,
    fields.expiryMinutes.input.value,
    fields.clipboardSeconds.input.value,
  );
  for (const field of Object.keys(fields)) setFieldError(field, null);
  if (!result.ok) {
    for (const e of result.errors) {
      const { message } = fields[e.field];
      // The template's error is the core's; the numbers' name the field and the range.
      setFieldError(e.field, message ? t(message, [String(e.min), String(e.max)]) : e.message.replace(/^[^:]*: /, ''));
    }
    setStatus(settingsStatus, t('options_settingsNotSaved'), 'error');
    fields[result.errors[0].field].input.focus();
    return;
  }
  try {
    const { settings: current } = await api.storage.local.get('settings');
    const merged = { ...(current && typeof current === 'object' ? current : {}), ...result.settings };
    await api.storage.local.set({ settings: merged });
    setStatus(settingsStatus, t('options_settingsSaved'));
  } catch (error) {
    setStatus(settingsStatus, t('options_settingsFailed', [String(error?.message ?? error)]), 'error');
  }
});

// --- the optional clipboardRead permission ------------------------------------------------------
// Without it the background clears the clipboard when the delay is over, whatever it holds;
// with it, only if it still holds what ScopeFill copied. Chrome and Firefox both prompt here
// (an extension page in a tab); the request must happen within the click.

const CLIPBOARD_READ = { permissions: ['clipboardRead'] };
const clipboardReadButton = $('clipboard-read-button');
const clipboardReadStatus = $('clipboard-read-status');
let clipboardReadGranted = false;

async function showClipboardRead() {
  clipboardReadGranted = await api.permissions.contains(CLIPBOARD_READ).catch(() => false);
  $('clipboard-read-text').textContent = t(clipboardReadGranted ? 'options_clipboardReadOn' : 'options_clipboardReadOff');
  clipboardReadButton.textContent = t(clipboardReadGranted ? 'options_clipboardReadRemove' : 'options_clipboardReadAllow');
  document.documentElement.dataset.clipboardRead = clipboardReadGranted ? 'granted' : 'not-granted';
}

clipboardReadButton.addEventListener('click', () => {
  setStatus(clipboardReadStatus, '');
  const change = clipboardReadGranted ? api.permissions.remove(CLIPBOARD_READ) : api.permissions.request(CLIPBOARD_READ);
  const asked = !clipboardReadGranted;
  change.then(async (done) => {
    await showClipboardRead();
    if (asked && !done) setStatus(clipboardReadStatus, t('options_clipboardReadRefused'), 'error');
  }, (error) => setStatus(clipboardReadStatus, String(error?.message ?? error), 'error'));
});
api.permissions.onAdded?.addListener(showClipboardRead);
api.permissions.onRemoved?.addListener(showClipboardRead);

// --- presets: lists ----------------------------------------------------------------------------

const customList = $('custom-list');
const customStatus = $('custom-status');
const brokenBox = $('custom-broken');
const shippedList = $('presets');
let shipped = [];
/** The user's presets as shown: [{preset, entry: {file, json}}]. */
let customShown = [];

function actionButton(text, label, action, className = 'button-quiet') {
  const button = el('button', className, text);
  button.type = 'button';
  if (label) button.setAttribute('aria-label', label);
  button.addEventListener('click', action);
  return button;
}

function exportPreset({ preset, entry }) {
  const file = `${preset.id}.json`;
  const url = URL.createObjectURL(new Blob([entry.json], { type: 'application/json' }));
  const link = el('a');
  link.href = url;
  link.download = file;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  setStatus(customStatus, t('options_exported', [preset.name, file]));
}

async function deleteEntry(file) {
  const list = (await storedCustom()).filter((e) => e.file !== file);
  await writeCustom(list);
}

/** Replaces a card's buttons by a confirm step: "Delete “X”? [Delete] [Keep]". */
function confirmDelete(item, actions, name, file) {
  const box = el('div', 'confirm');
  box.setAttribute('role', 'group');
  const question = el('p', 'confirm-text', t('options_deleteConfirm', [name]));
  question.id = `confirm-${file.replace(/[^a-z0-9-]/gi, '_')}`;
  box.setAttribute('aria-labelledby', question.id);
  const keep = () => {
    box.replaceWith(actions);
    actions.querySelector('[data-action=delete]')?.focus();
  };
  const yes = actionButton(t('options_deleteYes'), t('options_deleteYesLabel', [name]), async () => {
    yes.disabled = true;
    await deleteEntry(file);
    const items = [...customList.children];
    const index = items.indexOf(item);
    await refresh();
    setStatus(customStatus, t('options_deleted', [name]));
    // Focus goes to the next card (or the previous one, or "New preset").
    const cards = [...customList.querySelectorAll('[data-action=edit], [data-action=delete-broken]')];
    (cards[Math.min(index, cards.length - 1)] ?? $('new-preset')).focus();
  }, 'button-danger');
  const no = actionButton(t('options_deleteNo'), t('options_deleteNoLabel', [name]), keep);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      keep();
    }
  });
  box.append(question, el('div', 'card-actions'));
  box.lastChild.append(yes, no);
  actions.replaceWith(box);
  no.focus();
}

function decorateCustom(item, shown) {
  const { preset, entry } = shown;
  const meta = el('p', 'card-meta', t('options_presetId', [preset.id]));
  const accountLine = item.querySelector('.card-meta');
  if (accountLine) accountLine.after(meta);
  else item.append(meta);
  const actions = el('div', 'card-actions');
  const edit = actionButton(t('options_edit'), t('options_editLabel', [preset.name]), () => openEdit(shown));
  edit.dataset.action = 'edit';
  const exp = actionButton(t('options_export'), t('options_exportLabel', [preset.name]), () => exportPreset(shown));
  const del = actionButton(t('options_delete'), t('options_deleteLabel', [preset.name]), () => confirmDelete(item, actions, preset.name, entry.file));
  del.dataset.action = 'delete';
  actions.append(edit, exp, del);
  item.append(actions);
}

function renderBroken(custom, errors) {
  brokenBox.hidden = errors.length === 0;
  if (brokenBox.hidden) return brokenBox.replaceChildren();
  const list = el('ul', 'broken-list');
  for (const error of errors) {
    const li = el('li');
    li.append(el('span', 'broken-text', error.text));
    if (custom.some((e) => e.file === error.file)) {
      const del = actionButton(t('options_delete'), t('options_deleteBroken', [error.file]), async () => {
        await deleteEntry(error.file);
        await refresh();
        setStatus(customStatus, t('options_deleted', [error.file]));
        $('new-preset').focus();
      });
      del.dataset.action = 'delete-broken';
      li.append(' ', del);
    }
    list.append(li);
  }
  brokenBox.replaceChildren(el('h3', 'errors-title', t('options_brokenHeading')), list);
}

/** Redraws both lists from storage.local and the core. */
async function refresh() {
  const custom = await storedCustom();
  const { presets, errors } = await loadPresets(custom);
  shipped = presets.filter((p) => p.builtin);
  const mine = presets.filter((p) => !p.builtin);
  // Which stored entry each of the user's presets comes from (the first valid one with its id).
  const byId = new Map();
  for (const entry of custom) {
    const r = core.validatePreset(entry.file, entry.json);
    if (r.ok && !byId.has(r.preset.id)) byId.set(r.preset.id, entry);
  }
  customShown = mine.filter((p) => byId.has(p.id)).map((preset) => ({ preset, entry: byId.get(preset.id) }));

  renderPresets(customList, customShown.map((s) => s.preset));
  if (customShown.length === 0) customList.replaceChildren(el('li', 'empty', t('options_customEmpty')));
  for (const shown of customShown) {
    const item = customList.querySelector(`li[data-preset="${CSS.escape(shown.preset.id)}"]`);
    if (item) decorateCustom(item, shown);
  }
  renderBroken(custom, errors ?? []);

  renderPresets(shippedList, shipped);
  for (const preset of shipped) {
    const item = shippedList.querySelector(`li[data-preset="${CSS.escape(preset.id)}"]`);
    if (!item) continue;
    const actions = el('div', 'card-actions');
    actions.append(actionButton(t('options_duplicate'), t('options_duplicateLabel', [preset.name]), () => openCopy(preset)));
    item.append(actions);
  }
}

// --- presets: the editor -----------------------------------------------------------------------

let editing = null; // {replacing: file | null, returnFocus: element}
let editor = null; // created once the core is loaded (it needs the catalogue)

function createPresetEditor() {
  return createEditor($('editor'), {
    catalogue: core.catalogue(),
    suggestId: (name) => core.suggestPresetId(name),
    onSubmit: saveDraft,
    onClose: () => {
      const back = editing?.returnFocus;
      editing = null;
      (back?.isConnected ? back : $('new-preset')).focus();
    },
  });
}

function openEditor(draft, title, { replacing = null, fresh = false } = {}) {
  editing = { replacing, returnFocus: document.activeElement };
  editor.open(draft, { title, fresh });
}

function openNew() {
  const r = core.presetDraft('template.json', core.presetTemplate());
  if (!r.ok) return setStatus(customStatus, r.error.text, 'error');
  openEditor(r.draft, t('options_editorNew'), { fresh: true });
}

async function openCopy(preset) {
  const { draft } = core.copyPresetDraft(preset.id, await storedCustom());
  openEditor(draft, t('options_editorCopy', [preset.name]), { fresh: true });
}

function openEdit({ preset, entry }) {
  const r = core.presetDraft(entry.file, entry.json);
  if (!r.ok) return setStatus(customStatus, r.error.text, 'error');
  openEditor(r.draft, t('options_editorEdit', [preset.name]), { replacing: entry.file });
}

/** Has the core check and write the form's preset file, stores it; returns the core's error or null. */
async function saveDraft(file) {
  const built = core.buildPreset(`${String(file.id).trim() || 'preset'}.json`, JSON.stringify(file, null, 2));
  if (!built.ok) return built.error;
  const stored = core.storeCustomPreset(await storedCustom(), editing?.replacing ?? undefined, built.file, built.json);
  if (!stored.ok) return stored.error;
  await writeCustom(stored.customPresets);
  const name = stored.preset.name;
  editing.returnFocus = null;
  editor.close();
  await refresh();
  setStatus(customStatus, t('options_presetSaved', [name]));
  const card = customList.querySelector(`li[data-preset="${CSS.escape(stored.preset.id)}"]`);
  card?.scrollIntoView({ block: 'nearest' });
  card?.querySelector('[data-action=edit]')?.focus();
  return null;
}

$('new-preset').addEventListener('click', openNew);

// --- import ------------------------------------------------------------------------------------

const importError = $('import-error');
const importStatus = $('import-status');

/** Checks `json` (read from `file`) with the core and stores it; errors as the core words them. */
async function importJson(file, json) {
  showAlert(importError, '');
  setStatus(importStatus, '');
  const checked = core.validatePreset(file, json);
  if (!checked.ok) return showAlert(importError, checked.error.text);
  const stored = core.storeCustomPreset(await storedCustom(), undefined, file, json);
  if (!stored.ok) return showAlert(importError, stored.error.text);
  await writeCustom(stored.customPresets);
  await refresh();
  setStatus(importStatus, t('options_imported', [stored.preset.name, stored.preset.id]));
  return true;
}

async function importFiles(files) {
  if (files.length !== 1) return showAlert(importError, t('options_importOneFile'));
  const [file] = files;
  // A file over the core's size cap is refused by its size, without reading it in.
  const size = core.checkPresetSize(file.name, file.size);
  if (!size.ok) {
    setStatus(importStatus, '');
    return showAlert(importError, size.error.text);
  }
  let text;
  try {
    text = await file.text();
  } catch (error) {
    return showAlert(importError, t('options_importReadFailed', [file.name, String(error?.message ?? error)]));
  }
  return importJson(file.name, text);
}

const fileInput = $('import-file');
fileInput.addEventListener('change', async () => {
  if (fileInput.files.length) await importFiles([...fileInput.files]);
  fileInput.value = '';
});

$('import-paste').addEventListener('click', async () => {
  const text = $('import-text');
  if (!text.value.trim()) {
    showAlert(importError, t('options_importEmpty'));
    return text.focus();
  }
  if (await importJson(t('options_pastedFile'), text.value)) text.value = '';
});

const dropZone = $('drop-zone');
const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
dropZone.addEventListener('dragenter', (event) => {
  if (hasFiles(event)) dropZone.classList.add('dragging');
});
dropZone.addEventListener('dragleave', (event) => {
  if (!dropZone.contains(event.relatedTarget)) dropZone.classList.remove('dragging');
});
dropZone.addEventListener('drop', async (event) => {
  event.preventDefault();
  dropZone.classList.remove('dragging');
  await importFiles([...(event.dataTransfer?.files ?? [])]);
});
// A file dropped anywhere else must not replace the page.
for (const type of ['dragover', 'drop']) {
  window.addEventListener(type, (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = dropZone.contains(event.target) ? 'copy' : 'none';
  });
}

// --- start -------------------------------------------------------------------------------------

try {
  await loadPresets([]); // loads the core
  editor = createPresetEditor();
  await Promise.all([loadSettings(), refresh(), showClipboardRead()]);
} catch (error) {
  showAlert($('load-error'), t('presetsFailed', [String(error?.message ?? error)]));
  renderFailure(shippedList, error);
} finally {
  shippedList.removeAttribute('aria-busy');
  $('main').removeAttribute('aria-busy');
  document.documentElement.dataset.ready = 'true';
}

// Another tab (or the popup) changed the presets: redraw, unless the editor is open.
api.storage.onChanged.addListener(async (changes, area) => {
  if (area !== 'local' || !changes.customPresets || editor?.isOpen) return;
  if (JSON.stringify(changes.customPresets.newValue ?? []) === lastWritten) return;
  // Keep the focus on the same button when it is still there after the redraw.
  const label = document.activeElement?.closest('#custom-list, #presets') ? document.activeElement.getAttribute('aria-label') : null;
  await refresh();
  if (label) [...document.querySelectorAll('#custom-list button, #presets button')].find((b) => b.getAttribute('aria-label') === label)?.focus();
});

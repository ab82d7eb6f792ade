// The options page's preset form. Its data is a preset file in the shipped schema, as the
// core writes it for a form (`presetDraft`, `copyPresetDraft`); Save hands the file the form
// describes back to the core, which checks and stores it (`buildPreset`). This module only
// keeps the form and that file in step.
import { t } from './i18n.js';
import { el } from './presets-view.js';

const VALUE_KINDS = ['api_path', 'b2b_api_path', 'store_hash', 'client_id', 'client_secret', 'access_token', 'account_name'];

const wordKey = (word) => String(word).toLowerCase().replace(/[^a-z0-9]/g, '');
const LEVEL_KEYS = ['none', 'read_only', 'login', 'create', 'create_preview', 'manage', 'standard', 'modify', 'full'];
/** A level word ("read-only", "create preview") as the page shows it. */
function levelText(level) {
  const key = LEVEL_KEYS.find((k) => wordKey(k) === wordKey(level));
  return key ? t(`options_level_${key}`) : level;
}

/**
 * The editor in `section`. `catalogue` is the core's `catalogue()`; `onSubmit(file)` saves the
 * preset file the form describes and returns `null` or the core's error `{field, text}`;
 * `onClose()` runs when the form closes.
 */
export function createEditor(section, { catalogue, suggestId, onSubmit, onClose }) {
  const form = section.querySelector('form');
  const heading = section.querySelector('#editor-heading');
  const errorBox = section.querySelector('#editor-error');
  const inputs = {
    name: section.querySelector('#preset-name'),
    id: section.querySelector('#preset-id'),
    account_name: section.querySelector('#preset-account-name'),
    guide: section.querySelector('#preset-guide'),
    note: section.querySelector('#preset-note'),
  };
  const otherRadios = [...section.querySelectorAll('input[name=other-scopes]')];
  const scopeList = section.querySelector('#scope-rows');
  const layoutsBox = section.querySelector('#layouts');

  let draft = null; // the preset file being edited; its scopes live in `levels`
  /** Scope id → level word, or null for "not named" (only with other_scopes "leave"). */
  const levels = new Map();
  let autoId = false; // the id follows the name until the user types one

  // --- scope rows: built once from the catalogue --------------------------------------------
  const selects = new Map();
  for (const scope of catalogue) {
    const id = `scope-${scope.id}`;
    const row = el('li', 'scope-row');
    const text = el('div', 'scope-text');
    const label = el('label', 'scope-label', scope.label);
    label.htmlFor = id;
    text.append(label);
    const described = [];
    if (scope.presence !== 'always') {
      const badge = el('span', 'badge badge-quiet',
        t(scope.presence === 'some_stores' ? 'options_conditional' : 'options_not_on_store_page'));
      badge.id = `${id}-conditional`;
      text.append(' ', badge);
      described.push(badge.id);
    }
    const help = el('p', 'hint', scope.help);
    help.id = `${id}-help`;
    described.push(help.id);
    text.append(help);
    const select = el('select');
    select.id = id;
    select.dataset.scope = scope.id;
    select.dataset.path = `scopes.${JSON.stringify(scope.label)}`;
    select.setAttribute('aria-describedby', described.join(' '));
    select.addEventListener('change', () => {
      levels.set(scope.id, select.value === '' ? null : select.value);
      select.classList.toggle('is-set', select.value !== '' && select.value !== 'none');
    });
    row.append(text, select);
    scopeList.append(row);
    selects.set(scope.id, { select, scope });
  }

  function fillSelect({ select, scope }, level) {
    const options = [];
    if (draft.other_scopes === 'leave') options.push(['', t('options_levelLeave')]);
    options.push(['none', levelText('none')]);
    for (const [offered] of scope.levels) options.push([offered, levelText(offered)]);
    // The draft writes "create preview", the catalogue "create-preview": the same level.
    const offered = level === null ? undefined : options.find(([v]) => v !== '' && wordKey(v) === wordKey(level));
    if (offered) level = offered[0];
    // A level the row does not offer (a guide may ask for "modify" on a login-only row:
    // the fill then picks the closest level the page offers) is kept as written.
    else if (level !== null) options.push([level, t('options_levelNotOffered', [levelText(level)])]);
    select.replaceChildren(...options.map(([value, text]) => {
      const option = el('option', null, text);
      option.value = value;
      return option;
    }));
    select.value = level ?? '';
    select.classList.toggle('is-set', select.value !== '' && select.value !== 'none');
  }

  function drawScopes() {
    for (const entry of selects.values()) {
      fillSelect(entry, levels.get(entry.scope.id) ?? null);
      levels.set(entry.scope.id, entry.select.value === '' ? null : entry.select.value);
    }
  }

  for (const radio of otherRadios) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      draft.other_scopes = radio.value;
      // Rows at None are what "not set" means under "none"; under "leave" they become
      // "leave as it is", and back.
      for (const [id, level] of levels) {
        if (radio.value === 'leave' && level === 'none') levels.set(id, null);
        else if (radio.value === 'none' && level === null) levels.set(id, 'none');
      }
      drawScopes();
    });
  }

  // --- layouts: redrawn on every structural change -------------------------------------------
  function fieldRow(layout, li, fi) {
    const field = layout.fields[fi];
    const n = String(fi + 1);
    const path = `layouts[${li}].fields[${fi}]`;
    const row = el('tr');

    const labelInput = el('input');
    labelInput.type = 'text';
    labelInput.value = field.label;
    labelInput.autocomplete = 'off';
    labelInput.dataset.path = `${path}.label`;
    labelInput.setAttribute('aria-label', t('options_fieldLabelN', [n, layout.name || String(li + 1)]));
    labelInput.addEventListener('input', () => { field.label = labelInput.value; });

    const kind = el('select');
    kind.dataset.path = `${path}.value`;
    kind.setAttribute('aria-label', t('options_fieldValueN', [n, layout.name || String(li + 1)]));
    for (const k of VALUE_KINDS) {
      const option = el('option', null, t(`options_value_${k}`));
      option.value = k;
      kind.append(option);
    }
    kind.value = field.value;
    kind.addEventListener('change', () => { field.value = kind.value; });

    const optional = el('input');
    optional.type = 'checkbox';
    optional.checked = !!field.optional;
    optional.setAttribute('aria-label', t('options_fieldOptionalN', [n, layout.name || String(li + 1)]));
    optional.addEventListener('change', () => { field.optional = optional.checked; });

    const tools = el('div', 'row-tools');
    const button = (text, label, disabled, action) => {
      const b = el('button', 'button-icon', text);
      b.type = 'button';
      b.setAttribute('aria-label', label);
      b.title = label;
      b.disabled = disabled;
      b.addEventListener('click', action);
      tools.append(b);
      return b;
    };
    const move = (to) => () => {
      const [item] = layout.fields.splice(fi, 1);
      layout.fields.splice(to, 0, item);
      drawLayouts();
      const target = to < fi ? 'up' : 'down';
      const again = layoutsBox.querySelector(`[data-layout="${li}"] tbody tr:nth-child(${to + 1}) [data-move=${target}]`);
      (again && !again.disabled ? again : layoutsBox.querySelector(`[data-layout="${li}"] tbody tr:nth-child(${to + 1}) input`))?.focus();
    };
    button('↑', t('options_moveUpN', [n]), fi === 0, move(fi - 1)).dataset.move = 'up';
    button('↓', t('options_moveDownN', [n]), fi === layout.fields.length - 1, move(fi + 1)).dataset.move = 'down';
    button('✕', t('options_removeFieldN', [n, field.label || n]), layout.fields.length === 1, () => {
      layout.fields.splice(fi, 1);
      drawLayouts();
      const rows = layoutsBox.querySelectorAll(`[data-layout="${li}"] tbody tr`);
      (rows[Math.min(fi, rows.length - 1)]?.querySelector('input') ?? layoutsBox.querySelector(`[data-layout="${li}"] .add-field`))?.focus();
    });

    for (const cell of [labelInput, kind, optional, tools]) {
      const td = el('td');
      if (cell === optional) td.className = 'center';
      td.append(cell);
      row.append(td);
    }
    return row;
  }

  function layoutBlock(layout, li) {
    const box = el('div', 'layout');
    box.dataset.layout = String(li);
    const head = el('div', 'layout-head');
    const nameId = `layout-${li}-name`;
    const nameLabel = el('label', null, t('options_layoutName', [String(li + 1)]));
    nameLabel.htmlFor = nameId;
    const name = el('input');
    name.id = nameId;
    name.type = 'text';
    name.autocomplete = 'off';
    name.value = layout.name;
    name.dataset.path = `layouts[${li}].name`;
    name.addEventListener('input', () => { layout.name = name.value; });
    name.addEventListener('change', () => drawLayouts(nameId));
    head.append(nameLabel, name);
    if (draft.layouts.length > 1) {
      const remove = el('button', 'button-quiet', t('options_removeLayout'));
      remove.type = 'button';
      remove.setAttribute('aria-label', t('options_removeLayoutN', [layout.name || String(li + 1)]));
      remove.addEventListener('click', () => {
        draft.layouts.splice(li, 1);
        drawLayouts();
        section.querySelector('#add-layout').focus();
      });
      head.append(remove);
    }
    box.append(head);

    const table = el('table', 'fields-table');
    const caption = el('caption', 'visually-hidden', t('options_layoutFieldsCaption', [layout.name || String(li + 1)]));
    const thead = el('thead');
    const hr = el('tr');
    for (const [key, cls, hidden] of [
      ['options_columnLabel', '', false],
      ['options_columnValue', '', false],
      ['options_columnOptional', 'center', false],
      ['options_columnOrder', '', true],
    ]) {
      const th = el('th', cls || null);
      th.scope = 'col';
      th.append(hidden ? el('span', 'visually-hidden', t(key)) : t(key));
      hr.append(th);
    }
    thead.append(hr);
    const tbody = el('tbody');
    layout.fields.forEach((_, fi) => tbody.append(fieldRow(layout, li, fi)));
    table.append(caption, thead, tbody);
    box.append(table);

    const add = el('button', 'button-quiet add-field', t('options_addField'));
    add.type = 'button';
    add.setAttribute('aria-label', t('options_addFieldTo', [layout.name || String(li + 1)]));
    add.addEventListener('click', () => {
      const used = new Set(layout.fields.map((f) => f.value));
      layout.fields.push({ label: '', value: VALUE_KINDS.find((k) => !used.has(k)) ?? 'access_token', optional: false });
      drawLayouts();
      layoutsBox.querySelector(`[data-layout="${li}"] tbody tr:last-child input`)?.focus();
    });
    box.append(add);
    return box;
  }

  function drawLayouts(refocusId) {
    layoutsBox.replaceChildren(...draft.layouts.map(layoutBlock));
    if (refocusId) section.querySelector(`#${refocusId}`)?.focus();
  }

  section.querySelector('#add-layout').addEventListener('click', () => {
    draft.layouts.push({
      name: '',
      fields: [
        { label: t('options_value_client_id'), value: 'client_id', optional: false },
        { label: t('options_value_access_token'), value: 'access_token', optional: false },
      ],
    });
    drawLayouts();
    section.querySelector(`#layout-${draft.layouts.length - 1}-name`)?.focus();
  });

  // --- text fields ---------------------------------------------------------------------------
  for (const [key, input] of Object.entries(inputs)) {
    input.addEventListener('input', () => {
      draft[key] = input.value;
      if (key === 'id') autoId = false;
      if (key === 'name' && autoId) {
        const id = suggestId(input.value);
        if (id) {
          draft.id = id;
          inputs.id.value = id;
        }
      }
    });
  }

  // --- errors --------------------------------------------------------------------------------
  function clearError() {
    errorBox.hidden = true;
    errorBox.replaceChildren();
    for (const node of form.querySelectorAll('[aria-invalid]')) {
      node.removeAttribute('aria-invalid');
      node.removeAttribute('aria-errormessage');
    }
  }

  /** Shows the core's error as it words it, marks the control it names and focuses it. */
  function showError(error) {
    clearError();
    errorBox.textContent = error.text;
    errorBox.hidden = false;
    const field = error.field ?? '';
    let target = [...form.querySelectorAll('[data-path]')].find((node) => node.dataset.path === field);
    // "scopes[3]" (an unknown id) or a path inside a field: the closest control.
    target ??= [...form.querySelectorAll('[data-path]')]
      .filter((node) => field.startsWith(node.dataset.path))
      .sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0];
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-errormessage', 'editor-error');
      target.focus();
    } else {
      errorBox.tabIndex = -1;
      errorBox.focus();
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    const error = await onSubmit(currentFile());
    if (error) showError(error);
  });

  section.querySelector('#editor-cancel').addEventListener('click', () => close());

  function close() {
    section.hidden = true;
    draft = null;
    clearError();
    onClose?.();
  }

  /** The preset file the form describes (empty optional texts left out). */
  function currentFile() {
    const file = {
      id: draft.id,
      name: draft.name,
      account_name: draft.account_name,
    };
    for (const key of ['guide', 'note']) {
      const text = (draft[key] ?? '').trim();
      if (text) file[key] = text;
    }
    file.other_scopes = draft.other_scopes;
    file.scopes = {};
    for (const { scope } of selects.values()) {
      const level = levels.get(scope.id);
      if (level === null || level === undefined) continue;
      if (level === 'none' && draft.other_scopes === 'none') continue;
      file.scopes[scope.label] = level;
    }
    file.layouts = draft.layouts.map((layout) => ({
      name: layout.name,
      fields: layout.fields.map((f) => (f.optional ? { label: f.label, value: f.value, optional: true } : { label: f.label, value: f.value })),
    }));
    return file;
  }

  /**
   * Opens the form on `value` (a preset file from the core). `title` is the heading; `fresh`
   * lets the id follow the name until the user types one.
   */
  function open(value, { title, fresh = false }) {
    draft = structuredClone(value);
    draft.other_scopes ??= 'none';
    levels.clear();
    const byLabel = new Map(Object.entries(draft.scopes ?? {}));
    for (const { scope } of selects.values()) {
      levels.set(scope.id, byLabel.get(scope.label) ?? (draft.other_scopes === 'none' ? 'none' : null));
    }
    for (const layout of draft.layouts) {
      for (const field of layout.fields) field.optional = !!field.optional;
    }
    autoId = fresh;
    clearError();
    heading.textContent = title;
    for (const [key, input] of Object.entries(inputs)) input.value = draft[key] ?? '';
    for (const radio of otherRadios) radio.checked = radio.value === draft.other_scopes;
    drawScopes();
    drawLayouts();
    section.hidden = false;
    section.scrollIntoView({ block: 'start' });
    inputs.name.focus({ preventScroll: true });
  }

  return { open, close, get isOpen() { return !section.hidden; } };
}
